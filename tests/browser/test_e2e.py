"""The dashboard in a real headless Chromium: every page, a filter by clicking, the URL, a
CSV download, the reader from a table row, and no script from a hostile article."""

from __future__ import annotations

import csv
import io
import time

import pytest

from core.store import load_tables
from dashboard.filters import Filters, apply_filters
from tests.browser.conftest import PAGES, WAIT, assert_safe, query, screenshot, settle

pytestmark = pytest.mark.browser

def test_every_page_renders_offline(page, server):
    for name, path in PAGES.items():
        page.goto(f"{server}/{path}")
        settle(page)
        assert_safe(page)
        screenshot(page, name)
    assert not page.external, f"requests left localhost: {page.external}"


def test_country_filter_by_clicking_goes_to_the_url_and_the_csv(page, server, e2e_store, tmp_path):
    page.goto(f"{server}/deployments")
    settle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stMultiSelect']").first.click()
    page.keyboard.type("Romania")  # the option list is virtualised: narrow it first
    option = page.get_by_role("option", name="Romania (ROU)")
    option.wait_for(state="visible", timeout=WAIT)
    option.click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('country=ROU')", timeout=WAIT)
    settle(page)
    assert query(page)["country"] == ["ROU"]

    # the filter survives a page switch through the navigation, and a copied link reopens it
    page.locator("[data-testid='stSidebarNav'] a", has_text="Budgets").click()
    page.wait_for_function("() => location.pathname.endsWith('/budgets') && location.search.includes('country=ROU')",
                           timeout=WAIT)
    page.goto(f"{server}/deployments?country=ROU")
    settle(page)

    with page.expect_download(timeout=WAIT) as download:
        page.get_by_role("button", name="Download CSV").last.click()
    path = tmp_path / "rows.csv"
    download.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    expected = apply_filters(load_tables(e2e_store), Filters(countries=("ROU",)))["deployments"]
    assert len(rows) == len(expected) > 0
    assert all("Romania" in (row["force"], row["host"]) for row in rows)
    assert_safe(page)


def test_a_table_row_opens_the_reader_at_its_sentence(page, server):
    page.goto(f"{server}/deployments")
    settle(page)
    grid = page.locator("[data-testid='stDataFrame']").last
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection checkbox
    page.wait_for_function("() => location.pathname.endsWith('/articles') && location.search.includes('read=')",
                           timeout=WAIT)
    settle(page)
    params = query(page)
    assert params["read"] and params["at"]
    assert page.get_by_text("The sentence the selected row came from").count() == 1
    assert_safe(page)
    screenshot(page, "articles-from-a-row")
    # a row of the reader's own table moves the focus, once (the app goes idle: no rerun loop)
    grid = page.locator("[data-testid='stDataFrame']").last
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 35 + 17)  # its second row
    page.wait_for_function(f"() => !location.search.includes('at={params['at'][0]}&') && "
                           f"!location.search.endsWith('at={params['at'][0]}')", timeout=WAIT)
    settle(page)
    assert query(page)["read"] == params["read"]
    # going back does not bounce to the reader again (the row's selection is not replayed)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Deployments").click()
    page.wait_for_function("() => location.pathname.endsWith('/deployments')", timeout=WAIT)
    settle(page)
    time.sleep(1)
    assert page.evaluate("() => location.pathname").endswith("/deployments")


def test_the_hostile_article_is_shown_as_text(page, server, e2e_store):
    articles = load_tables(e2e_store)["articles"]
    hostile = articles[articles["title"].fillna("").str.contains("Hostile")]
    assert len(hostile) == 1
    article_id = hostile["article_id"].iloc[0]
    page.goto(f"{server}/articles?read={article_id}")
    settle(page)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "<script>window.__pwned=1</script>" in body  # shown literally, not run
    assert '[click](javascript:alert(1))' in body
    assert not page.locator("[data-testid='stMain'] a[href^='javascript']").count()
    assert not page.locator("[data-testid='stMain'] img[src='x']").count()
    assert_safe(page)
    screenshot(page, "articles-hostile")
    for path in ("", "timeline", "map", "quality"):
        page.goto(f"{server}/{path}?source={article_id}")
        settle(page)
        assert_safe(page)
