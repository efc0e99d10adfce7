"""End-to-end fixtures: a store with a hostile article, a Streamlit server on a free port,
and Debian's Chromium driven by Playwright (its own browser download does not work here)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from core.ingest import ingest

__all__ = ["browser", "chromium_path", "e2e_store", "page", "server"]
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
    port = _free_port()
    env = {**os.environ, "FLANKWATCH_DB": str(e2e_store)}
    log = open(e2e_store.parent / "streamlit.log", "w")  # noqa: SIM115 - closed below
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
                pytest.fail("streamlit did not start:\n" + (e2e_store.parent / "streamlit.log").read_text())
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
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    tab.dialogs = []
    tab.external = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("request", lambda request: None if request.url.startswith((server, "data:", "blob:"))
           else tab.external.append(request.url))
    yield tab
    context.close()
