#!/usr/bin/python3
"""Issue 11 item 1 in real headless Chromium: the examiner's page on a lab PC (`ardoise serve`).

An examiner signs in, is refused a lock too soon, grades a whole lot with the keyboard only while the
central server is stopped (the total shown as they go, a comment holding <script> shown escaped, an absent
candidate), locks the lot, prints blank and filled sheets, syncs when the server is back and sees the
coordinator's harmonisation; a forged cross-site POST is refused; a session expires. Screenshots of each
page go to the artefacts folder. Usage: examiner_page.py BIN_DIR ARTEFACTS_DIR (bounded: 240 s in all).
"""
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "examples", "session-bgt2026.json")
LOT = "L-PC-AMP-1"
STARTED = time.monotonic()
CANDIDATES = ["0231045871", "0231045872", "0231045873", "0231045874", "0231045875", "0231045876"]


class Lab:
    def __init__(self, bin_dir, artefacts):
        self.bin, self.artefacts = bin_dir, artefacts
        self.work = tempfile.mkdtemp(prefix="ardoise-browser-")
        self.central, self.pc = self.work + "/central", self.work + "/pc"
        self.env = dict(os.environ, XDG_CONFIG_HOME=self.work + "/config")
        self.processes = []

    def run(self, program, *args, secret=None, check=True):
        env = dict(self.env, **({"ARDOISE_SECRET": secret} if secret else {}))
        done = subprocess.run([os.path.join(self.bin, program), *args], env=env, capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)
        if check and done.returncode != 0:
            raise AssertionError(f"{program} {' '.join(args)}: {done.returncode}\n{done.stdout}{done.stderr}")
        return done.stdout

    def start(self, program, args, endpoint):
        if os.path.exists(endpoint):
            os.remove(endpoint)
        process = subprocess.Popen([os.path.join(self.bin, program), *args], env=self.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.processes.append(process)
        for _ in range(200):
            if os.path.exists(endpoint):
                with open(endpoint) as file:
                    return process, json.load(file)["url"]
            time.sleep(0.05)
        raise AssertionError(f"{program} did not start")

    def stop(self, process):
        process.terminate()
        process.wait(timeout=20)
        self.processes.remove(process)

    def serve_central(self, listen="127.0.0.1:0"):
        return self.start("ardoise-server", ["serve", "--data", self.central, "--listen", listen],
                          self.central + "/server.json")

    def serve_page(self, *extra):
        return self.start("ardoise", ["serve", "--data", self.pc, "--listen", "127.0.0.1:0", *extra],
                          self.pc + "/page.json")

    def close(self):
        for process in list(self.processes):
            self.stop(process)
        shutil.rmtree(self.work, ignore_errors=True)


def issued(output):
    """What a command issued, from its line "...: VALUE (...)"."""
    return output.split(": ", 1)[1].split()[0]


class Browser:
    def __init__(self, artefacts):
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1366,768", "--lang=fr-FR"]:
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)
        self.artefacts = artefacts

    def keys(self, *keys):
        """Keys to whatever has the focus: the keyboard only, never a click."""
        ActionChains(self.driver).send_keys(*keys).perform()

    def press(self, *keys):
        """Keys that load another page: returns once the new page is there."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.keys(*keys)
        WebDriverWait(self.driver, 10).until(lambda d: gone(old))
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def focused(self):
        return self.driver.switch_to.active_element

    def tab_to(self, predicate, limit=60):
        for _ in range(limit):
            if predicate(self.focused()):
                return
            self.keys(Keys.TAB)
        raise AssertionError(f"nothing reached by Tab on {self.driver.current_url}")

    def text(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css).text

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(self.artefacts, name + ".png"))

    def settled_focus(self, predicate, limit=5):
        """The focused element once `predicate` holds for it (autofocus lands a frame after the load), else the last one."""
        element = self.focused()
        for _ in range(limit * 20):
            if predicate(element):
                break
            time.sleep(0.05)
            element = self.focused()
        return element

    def focused_id(self, wanted, limit=5):
        return self.settled_focus(lambda e: e.get_attribute("id") == wanted, limit).get_attribute("id")

    def wait_url(self, fragment, limit=10):
        for _ in range(limit * 20):
            if fragment in self.driver.current_url:
                return
            time.sleep(0.05)
        raise AssertionError(f"expected {fragment}, at {self.driver.current_url}")


def gone(element):
    """Whether a page's element was replaced by a new page. Mid-navigation chromedriver may say the node
    "does not belong to the document" instead of stale: the page is going either way."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def expect(condition, what):
    if not condition:
        raise AssertionError(what)
    print(f"ok ({time.monotonic() - STARTED:5.1f} s):", what, flush=True)


def sign_in(browser, url, examiner, secret):
    browser.driver.get(url + "/connexion")
    expect(browser.focused_id("examiner") == "examiner", "the identifier field has the focus")
    browser.press(examiner, Keys.TAB, secret, Keys.ENTER)
    expect(browser.driver.current_url == url + "/", "signed in")


def forged_post(browser, page_url, candidate):
    """A page of another origin (same site: another port of 127.0.0.1) posts to the examiner's page."""
    html = (f'<!DOCTYPE html><form id="f" method="post" action="{page_url}/lots/{LOT}/candidats/{candidate}/absence">'
            '<input name="presence" value="absent"></form><script>document.getElementById("f").submit()</script>')

    class Evil(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(html.encode())

        def log_message(self, *args):
            pass

    # Threads: Chromium's speculative second connection must not hold up the one that serves the page.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Evil)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        browser.driver.get(f"http://127.0.0.1:{server.server_address[1]}/")
        browser.wait_url(page_url)
        return browser.driver.find_element(By.TAG_NAME, "body").text
    finally:
        server.shutdown()


def grade_candidate(browser, levels, subject_key="1", comment=None):
    """On a sheet: the subject's key, one key per competency, the total read after each; Enter saves."""
    totals = []
    if subject_key:
        browser.keys(subject_key)
    for level in levels:
        browser.keys(level)
        totals.append(browser.text("#total"))
    if comment is not None:
        ActionChains(browser.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        expect(browser.focused().get_attribute("id") == "comment",
               "Shift+Tab from Enregistrer reaches the comment: " + str(browser.focused().get_attribute("outerHTML"))[:200])
        browser.keys(comment)
        old = browser.driver.find_element(By.TAG_NAME, "html")
        ActionChains(browser.driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
        WebDriverWait(browser.driver, 10).until(lambda d: gone(old))
    else:
        expect(browser.focused().get_attribute("id") == "save", "after the last level the focus is on Enregistrer")
        browser.press(Keys.ENTER)
    return totals


def main(bin_dir, artefacts):
    os.makedirs(artefacts, exist_ok=True)
    lab = Lab(bin_dir, artefacts)
    browser = None
    try:
        lab.run("ardoise-server", "load", "--data", lab.central, EXAMPLE)
        secret = issued(lab.run("ardoise-server", "credential", "--data", lab.central, "--examiner", "EX-DURAND"))
        central, central_url = lab.serve_central()
        code = issued(lab.run("ardoise-server", "enrol", "--data", lab.central, "--centre", "0690001A"))
        lab.run("ardoise", "enrol", "--data", lab.pc, "--server", central_url, "--code", code)
        lab.stop(central)

        page, url = lab.serve_page()
        browser = Browser(artefacts)
        browser.driver.get(url + "/connexion")
        browser.shot("01-connexion")
        browser.press("EX-DURAND", Keys.TAB, "WRONG-SECRET", Keys.ENTER)
        expect("wrong secret" in browser.text("#notice"), "a wrong secret is refused as the CLI refuses it")
        sign_in(browser, url, "EX-DURAND", secret)
        expect(LOT in browser.text("main"), "the examiner's lots are listed")
        browser.shot("02-mes-lots")

        body = forged_post(browser, url, CANDIDATES[0])
        expect("Requête refusée" in body, "a forged cross-site POST is refused")
        held = subprocess.run([os.path.join(bin_dir, "ardoise"), "lot", "--data", lab.pc, LOT], capture_output=True,
                              text=True, timeout=30)
        expect(held.returncode == 75 and "the examiner page holds this folder" in held.stderr,
               "meanwhile the CLI says the page holds the folder")

        browser.driver.get(url + "/")
        browser.tab_to(lambda e: e.text == LOT)
        browser.press(Keys.ENTER)
        browser.wait_url("/lots/" + LOT)
        expect("non noté" in browser.text("table.rollcall"), "the forged POST recorded nothing")
        browser.tab_to(lambda e: e.get_attribute("id") == "lock")
        browser.press(Keys.ENTER)
        browser.wait_url("/lots/" + LOT)
        expect("Verrouillage refusé" in browser.text("#notice") and "neither graded nor absent" in browser.text("#notice"),
               "locking too soon is refused with the reason")
        browser.shot("03-verrouillage-refuse")

        # The roll call's first candidate to grade has the focus: Enter opens the sheet.
        browser.driver.get(url + "/lots/" + LOT)
        expect(browser.settled_focus(lambda e: e.text == CANDIDATES[0]).text == CANDIDATES[0], "the next candidate to grade has the focus")
        browser.press(Keys.ENTER)
        browser.wait_url(CANDIDATES[0])
        totals = grade_candidate(browser, ["A", "B", "A", "B"])
        browser.wait_url(CANDIDATES[1])
        expect(totals == ["partiel 1/4 (3,00 points)", "partiel 2/4 (6,50 points)", "partiel 3/4 (14,50 points)",
                          "17,50 / 20"], f"the total as it goes: {totals}")
        expect("17,50 / 20" in browser.text("#notice"), "the saved total is confirmed: " + browser.text("main")[:300])
        for candidate in CANDIDATES[1:4]:
            if candidate == CANDIDATES[1]:
                browser.keys("2", "B", "B")
                expect(browser.text("#total") == "partiel 2/4 (5,50 points)", "the chosen subject's grid counts")
                browser.shot("04-fiche")
                browser.keys(Keys.ESCAPE)
                grade_candidate(browser, ["C", "D"], subject_key=None)
            else:
                grade_candidate(browser, ["B", "B", "C", "D"], subject_key="2")
            browser.wait_url(CANDIDATES[CANDIDATES.index(candidate) + 1])
        grade_candidate(browser, ["A", "A", "A", "A"], comment="<script>alert('x')</script> très bien")
        browser.wait_url(CANDIDATES[5])
        browser.tab_to(lambda e: e.get_attribute("id") == "attendance")
        browser.press(Keys.ENTER)
        browser.wait_url("/lots/" + LOT)
        rollcall = browser.text("table.rollcall")
        expect("17,50 / 20" in rollcall and "AB" in rollcall and "non noté" not in rollcall, "the whole lot is graded")
        browser.shot("05-appel")
        browser.tab_to(lambda e: e.get_attribute("id") == "lock")
        browser.press(Keys.ENTER)
        browser.wait_url("/lots/" + LOT)
        expect("verrouillé" in browser.text("#notice"), "the lot is locked")

        browser.driver.get(f"{url}/lots/{LOT}/candidats/{CANDIDATES[4]}")
        source = browser.driver.page_source
        expect("&lt;script&gt;alert" in source and "<script>alert" not in source, "the comment is shown escaped")
        expect(browser.driver.find_element(By.ID, "comment").get_attribute("value").startswith("<script>"),
               "the comment is kept as typed")
        browser.driver.get(f"{url}/lots/{LOT}/fiches")
        browser.shot("06-fiches-vierges")
        browser.driver.get(f"{url}/lots/{LOT}/fiches?remplies=1")
        expect("<script>alert('x')</script> très bien" in browser.text("main"), "the filled sheets show the comment as text")
        browser.shot("07-fiches-remplies")

        # Sync with the server stopped, then back.
        browser.driver.get(url + "/")
        browser.tab_to(lambda e: e.get_attribute("id") == "sync")
        browser.press(Keys.ENTER)
        browser.wait_url(url + "/")
        expect("Serveur injoignable" in browser.text("#notice"), "a sync with the server stopped says so, nothing lost")
        expect(browser.text("#pending") == "7", "7 operations wait")
        central, _ = lab.serve_central(central_url[len("http://"):])
        browser.tab_to(lambda e: e.get_attribute("id") == "sync")
        browser.press(Keys.ENTER)
        browser.wait_url(url + "/")
        expect("7 saisie(s) envoyée(s) (7 appliquée(s)" in browser.text("#notice"), "the sync sends everything")
        expect("locked" in lab.run("ardoise-server", "lot", "--data", lab.central, LOT), "the central server has the lot locked")

        # A coordinator harmonises one grade; the examiner sees it, and why, at the next sync.
        lab.run("ardoise-server", "epreuve", "set", "--data", lab.central, "--epreuve", "T011B", "--edit-by-coordinator", "on")
        coordinator = issued(lab.run("ardoise-server", "person", "secret", "--data", lab.central, "--person", "CO-FAURE"))
        lab.run("ardoise-server", "sign-in", "--data", lab.central, "--person", "CO-FAURE", secret=coordinator)
        lab.run("ardoise-server", "harmonise", "--data", lab.central, "--lot", LOT, "--copy", "2", "--grade", "12.5",
                "--why", "barème mal appliqué")
        browser.tab_to(lambda e: e.get_attribute("id") == "sync")
        browser.press(Keys.ENTER)
        browser.wait_url(url + "/")
        harmonised = browser.text("#harmonised")
        browser.driver.execute_script("document.getElementById('harmonised').scrollIntoView()")
        expect("12.50 / 20" in harmonised and "barème mal appliqué" in harmonised, "the coordinator's change and why")
        browser.shot("08-synchronisation-harmonisation")
        lab.stop(central)
        lab.stop(page)

        # A page left open does not keep the examiner signed in: idle expiry, on the PC and on the screen.
        page, url = lab.serve_page("--idle-timeout", "3")
        sign_in(browser, url, "EX-DURAND", secret)
        time.sleep(3.5)
        browser.wait_url("/connexion?expiree=1")
        expect("Session expirée" in browser.text("main"), "the page left open clears itself")
        browser.driver.get(url + "/lots/" + LOT)
        browser.wait_url("/connexion")
        expect(browser.focused_id("examiner") == "examiner", "the expired session must sign in again")
        browser.shot("09-session-expiree")
        print("examiner page: all checks passed", flush=True)
    finally:
        if browser is not None:
            browser.driver.quit()
        lab.close()


if __name__ == "__main__":
    signal.alarm(240)
    main(sys.argv[1], sys.argv[2])
