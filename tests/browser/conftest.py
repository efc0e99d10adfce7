"""End-to-end fixtures: a store with a hostile article, a Streamlit server on a free port,
and Debian's Chromium driven by Playwright (its own browser download does not work here)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from core.ingest import ingest

__all__ = ["PAGES", "SCREENSHOTS", "WAIT", "assert_safe", "browser", "cells", "chromium_path", "clean_screenshots",
           "e2e_store", "own_page", "own_server", "page", "query", "screenshot", "server", "settle"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
WAIT = 45_000  # ms: generous, the machine may be busy
PAGES = {"overview": "", "timeline": "timeline", "map": "map", "budgets": "budgets", "coalitions": "coalitions",
         "deployments": "deployments", "programs": "programs", "profile": "profile", "articles": "articles",
         "quality": "quality", "add": "add"}
PWNED = "() => [typeof window.__pwned, ...Array.from(window.frames).map(f => { try { return typeof f.__pwned } " \
        "catch (e) { return 'undefined' } })]"
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
HOSTILE_TITLE = ('Hostile <script>window.__pwned=1</script> drones for Estonia '
                 '<img src=x onerror="window.__pwned=2">')
HOSTILE_TEXT = f"""{HOSTILE_TITLE}

TALLINN, 3 March 2026 - Estonia will spend €12 million on <script>window.__pwned=1</script> drones in 2026, \
the defence ministry said. [click](javascript:alert(1))

About 300 German troops are deployed at Tapa <img src=x onerror="window.__pwned=2"> to support the \
battlegroup, the ministry added. See ![x](javascript:alert(2)) and :red[styled] $x$ text.
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason + " — CI is set, so the browser tests must run")
        pytest.skip(reason)
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def e2e_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("e2e")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    db = folder / "e2e.duckdb"
    report = ingest([str(ROOT / "seeds"), str(hostile)], db=db, progress=False, notify=lambda message: None)
    assert report.articles_stored >= 6, report
    return db


@pytest.fixture(scope="session")
def server(e2e_store, chromium_path) -> str:
    """`streamlit run dashboard/app.py` on a free port; yields its base URL."""
    yield from _serve(e2e_store)


@pytest.fixture(scope="module")
def own_server(e2e_store, chromium_path, tmp_path_factory):
    """A second server on a copy of the store, for tests that write to it (uploads, reviews,
    re-ingests); yields (base URL, store path)."""
    db = tmp_path_factory.mktemp("own") / "own.duckdb"
    shutil.copy(e2e_store, db)
    for url in _serve(db):
        yield url, db


def _serve(db: Path):
    port = _free_port()
    env = {**os.environ, "FLANKWATCH_DB": str(db)}
    log = open(db.parent / "streamlit.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
         "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("streamlit did not start:\n" + (db.parent / "streamlit.log").read_text())
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser, server):
    """A fresh page that records dialogs and every request leaving localhost."""
    yield from _page(browser, server)


@pytest.fixture()
def own_page(browser, own_server):
    """A fresh page on the writable server."""
    yield from _page(browser, own_server[0])


def _page(browser, server: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    tab.dialogs = []
    tab.external = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("request", lambda request: None if request.url.startswith((server, "data:", "blob:"))
           else tab.external.append(request.url))
    yield tab
    context.close()


@pytest.fixture(scope="session", autouse=True)
def clean_screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def settle(page, timeout: float = 30_000) -> None:
    """Wait until the app has finished its run and drawn its elements."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    time.sleep(0.4)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
        "document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0 && "
        "document.querySelector('[data-testid=\"stMain\"] h1')", timeout=timeout)
    time.sleep(0.8)


def screenshot(page, name: str) -> None:
    """The whole page (Streamlit scrolls inside its main block, so grow the viewport first)."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(1000, min(height + 40, 5000))})
    time.sleep(0.6)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})


def query(page) -> dict[str, list[str]]:
    """The query string the browser shows (page.url can lag behind history.pushState)."""
    return parse_qs(urlparse(page.evaluate("() => location.href")).query)


def assert_safe(page) -> None:
    assert set(page.evaluate(PWNED)) <= {"undefined"}, "a script from an article ran"
    assert not page.dialogs, page.dialogs
    assert not page.locator("[data-testid='stException']").count()


def cells(page, index: int = -1) -> list[list[str]]:
    """The text of a dataframe's rendered rows (glide's accessible table), header row first."""
    grid = page.locator("[data-testid='stDataFrame']").nth(index)
    grid.scroll_into_view_if_needed()
    time.sleep(0.5)
    return grid.evaluate("g => Array.from(g.querySelectorAll('table tr')).map("
                         "tr => Array.from(tr.querySelectorAll('th, td')).map(c => c.innerText.trim()))")
