/// `page.css`: dark text on white (contrast well above WCAG AA's 4.5:1), a thick focus ring on every
/// control, a two-column sheet that fits a 1366×768 lab screen, and print rules for the sheets (D22).
enum PageStyle {
    static let source = #"""
:root { --ink: #1a1a1a; --muted: #4a4a4a; --link: #0b4f9c; --accent: #0b4f9c; --line: #767676;
        --done: #14532d; --done-bg: #e8f5ec; --bad: #8a1414; --bad-bg: #fdecec; --focus: #b35c00; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, main:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
input[type=radio]:focus-visible + label, input[type=radio]:focus + label {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; }
header.top { display: flex; justify-content: space-between; align-items: center; gap: 1rem;
  padding: .4rem 1rem; border-bottom: 2px solid var(--accent); }
.brand { margin: 0; font-weight: 600; }
.brand a { text-decoration: none; }
main { padding: .5rem 1rem 2rem; max-width: 1340px; }
h1 { font-size: 1.5rem; margin: .4rem 0; }
h2 { font-size: 1.15rem; margin: .6rem 0 .3rem; }
button { font: inherit; padding: .35rem .9rem; border: 2px solid var(--accent); border-radius: 4px;
  background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
form.inline { display: inline-block; margin: .3rem .5rem .3rem 0; }
.signout { display: flex; align-items: center; gap: .6rem; margin: 0; }
.signout button { padding: .15rem .6rem; }
label { font-weight: 600; }
input:not([type=radio]), textarea { font: inherit; padding: .3rem; border: 2px solid var(--line); border-radius: 3px; color: var(--ink); }
textarea { width: 100%; }
.signin p { display: flex; flex-direction: column; max-width: 22rem; }
table { border-collapse: collapse; margin: .4rem 0; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: left; }
thead th { background: #eef2f7; }
.rollcall td.total { font-variant-numeric: tabular-nums; }
.panel { border-top: 1px solid var(--line); margin-top: .8rem; }
.facts { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; margin: .3rem 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; }
.notice { padding: .4rem .7rem; border-left: 5px solid var(--done); background: var(--done-bg); color: var(--done); }
.notice.refused { border-color: var(--bad); background: var(--bad-bg); color: var(--bad); }
.help { color: var(--muted); font-size: .92rem; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) 19rem; gap: 1.2rem; align-items: start; }
.legend { position: sticky; top: .5rem; border: 1px solid var(--line); padding: .3rem .8rem; font-size: .92rem; }
.legend dl { margin: 0; display: grid; grid-template-columns: 1.5rem auto; gap: .2rem .4rem; }
.legend dt { font-weight: 700; }
.legend dd { margin: 0; }
.keys { padding-left: 1.1rem; margin: .2rem 0; }
kbd { border: 1px solid var(--line); border-radius: 3px; padding: 0 .25rem; font-size: .85em; background: #f4f4f4; }
fieldset.choice { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .5rem; border: 1px solid var(--line);
  border-radius: 4px; margin: .3rem 0; padding: .2rem .6rem .4rem; }
fieldset.choice legend { font-weight: 600; padding: 0 .3rem; }
fieldset.level legend { min-width: 17rem; }
.option { display: inline-flex; }
.option input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.option label { display: inline-block; min-width: 4.2rem; padding: .2rem .6rem; border: 2px solid var(--line);
  border-radius: 4px; cursor: pointer; font-weight: 600; text-align: center; }
.option input:checked + label { background: var(--accent); border-color: var(--accent); color: #fff; }
.option small { font-weight: 400; }
.grid h2 { margin-top: .3rem; }
.total-line { font-size: 1.25rem; font-weight: 700; }
.printed-sheet { border: 1px solid var(--line); padding: .5rem 1rem; margin: 1rem 0; }
.printed-grid td, .printed-grid th { padding: .3rem .5rem; }
.signature { margin-top: 2rem; }
@media print {
  header.top, .no-print, .skip, .notice { display: none; }
  main { padding: 0; }
  .printed-sheet { border: none; margin: 0; break-after: page; }
}
"""#
}
