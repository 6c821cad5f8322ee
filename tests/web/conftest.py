"""Browser fixtures for the widget tests: Playwright for Python driving Debian's Chromium, axe-core from npm.

Missing tools make these tests FAIL with a message that says what to install (never a silent skip).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Dict, List

import pytest

from runner.stack import ROOT

CHROMIUM = Path(os.environ.get("WEGWIJZER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
AXE_VERSION = "4.14.1"
AXE_DIR = ROOT / "var" / "node" / f"axe-core-{AXE_VERSION}"
SCREENSHOTS = ROOT / "var" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("De browsertests hebben Playwright nodig: '.venv/bin/pip install -r requirements.txt' "
                    "(playwright staat daarin). Installeer GEEN eigen browser met 'playwright install'.")
    if not CHROMIUM.exists():
        pytest.fail(f"De browsertests hebben Chromium nodig op {CHROMIUM}: 'apt-get install -y chromium' "
                    "(of zet WEGWIJZER_CHROMIUM op het pad van een andere Chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe.min.js from the npm registry (npm pack), cached in var/node/. Never from a CDN."""
    target = AXE_DIR / "axe.min.js"
    if target.exists():
        return target
    npm = shutil.which("npm")
    if not npm:
        pytest.fail("De toegankelijkheidstest heeft npm nodig om axe-core op te halen: 'apt-get install -y nodejs npm'.")
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([npm, "pack", f"axe-core@{AXE_VERSION}", "--silent", "--pack-destination", str(AXE_DIR)],
                            cwd=AXE_DIR, capture_output=True, text=True, timeout=180)
    tarballs = sorted(AXE_DIR.glob("axe-core-*.tgz"))
    if result.returncode != 0 or not tarballs:
        pytest.fail(f"'npm pack axe-core@{AXE_VERSION}' mislukte: {result.stderr.strip()[-500:]}")
    with tarfile.open(tarballs[-1]) as tar:
        member = tar.getmember("package/axe.min.js")
        source = tar.extractfile(member)
        assert source is not None
        target.write_bytes(source.read())
    return target


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


class PageProblems:
    """Collects what must never happen on the page: script errors, CSP violations, dialogs, foreign requests."""

    def __init__(self, page, origin: str):
        self.errors: List[str] = []
        self.dialogs: List[str] = []
        self.requests: List[str] = []
        self.origin = origin
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("console", self._console)
        page.on("dialog", self._dialog)
        page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def foreign_requests(self) -> List[str]:
        return [url for url in self.requests
                if not (url.startswith(self.origin + "/") or url.startswith(("data:", "blob:")))]

    def check(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, f"Er verscheen een dialoogvenster (script uitgevoerd?): {self.dialogs}"
        assert not self.foreign_requests(), f"Verzoeken naar andere websites: {self.foreign_requests()}"


@pytest.fixture
def new_page(browser, stack):
    """A fresh browser context (own sessionStorage) per call; checks the page's problems at teardown."""
    contexts = []
    watchers: List[PageProblems] = []

    def make(**options: Dict):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        options.setdefault("locale", "nl-NL")
        context = browser.new_context(**options)
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        watcher = PageProblems(page, stack.web_url)
        watchers.append(watcher)
        page.problems = watcher
        return page

    yield make
    try:
        for context in contexts:
            assert context.cookies() == [], "De widget of de webservice zette een cookie"
        for watcher in watchers:
            watcher.check()
    finally:
        for context in contexts:
            context.close()
