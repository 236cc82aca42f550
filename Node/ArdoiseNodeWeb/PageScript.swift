/// `page.js`: keyboard grading, the subject's grid, the total as it goes, printing, and clearing a page
/// left open. No inline handler anywhere: everything is attached here (the CSP allows no inline script).
enum PageScript {
    static let source = #"""
"use strict";
(function () {
  function fieldsets(form) {
    return Array.prototype.filter.call(form.querySelectorAll("fieldset.choice"), function (f) {
      return !f.closest("[hidden]");
    });
  }
  function focusGroup(fieldset) {
    var radio = fieldset.querySelector("input:checked") || fieldset.querySelector("input");
    if (radio) { radio.focus(); }
  }
  function format(value) { return value.toFixed(2).replace(".", ","); }

  function showSubject(form) {
    var chosen = form.querySelector("input[name=subject]:checked");
    var grids = form.querySelectorAll(".grid[data-subject]");
    Array.prototype.forEach.call(grids, function (grid) {
      var off = chosen !== null && grid.getAttribute("data-subject") !== chosen.value;
      grid.hidden = grids.length > 1 && (chosen === null ? true : off);
      Array.prototype.forEach.call(grid.querySelectorAll("input"), function (input) { input.disabled = grid.hidden; });
    });
  }

  function updateTotal(form) {
    var output = form.querySelector("#total");
    var grid = Array.prototype.find.call(form.querySelectorAll(".grid[data-subject]"), function (g) { return !g.hidden; });
    if (!output || !grid) { return; }
    var groups = grid.querySelectorAll("fieldset.level");
    var sum = 0, filled = 0;
    Array.prototype.forEach.call(groups, function (group) {
      var checked = group.querySelector("input:checked");
      if (checked) { filled += 1; sum += parseFloat(checked.getAttribute("data-points")); }
    });
    if (filled === 0) { output.textContent = "non noté"; }
    else if (filled === groups.length) { output.textContent = format(sum) + " / 20"; }
    else { output.textContent = "partiel " + filled + "/" + groups.length + " (" + format(sum) + " points)"; }
  }

  function gradeWithKeys(form) {
    form.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key === "Enter" && (event.ctrlKey || target.type === "radio")) {
        event.preventDefault();
        form.requestSubmit();
        return;
      }
      if (target.type !== "radio" || event.ctrlKey || event.altKey || event.metaKey) { return; }
      var fieldset = target.closest("fieldset.choice");
      var wanted = event.key.toUpperCase();
      var radio = Array.prototype.find.call(fieldset.querySelectorAll("input"), function (r) {
        return r.getAttribute("data-key") === wanted;
      });
      if (!radio) { return; }
      event.preventDefault();
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
      var list = fieldsets(form);
      var after = list[list.indexOf(fieldset) + 1];
      if (after) { focusGroup(after); } else { form.querySelector("#save").focus(); }
    });
    form.addEventListener("change", function () { showSubject(form); updateTotal(form); });
    showSubject(form);
    updateTotal(form);
    var first = fieldsets(form).find(function (f) { return !f.querySelector("input:checked"); }) || fieldsets(form)[0];
    if (first) { focusGroup(first); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var sheet = document.getElementById("sheet");
    if (sheet) { gradeWithKeys(sheet); }
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    // A page left open clears itself when the session has expired on the PC.
    var idle = parseInt(document.body.getAttribute("data-idle") || "0", 10);
    if (idle > 0) {
      window.setTimeout(function () { window.location.replace("/connexion?expiree=1"); }, idle * 1000);
    }
  });
})();
"""#
}
