"""What an analyst relies on, in a real headless Chromium: money formatted once and never counted
twice, a real timeline axis, map colours that an upload does not change, profiles reached from a
table, conflict reviews that survive a re-ingest, facet counts, search, page controls in the URL."""

from __future__ import annotations

import re
import time
from pathlib import Path

import duckdb
import pytest

from core.store import load_tables
from dashboard.money import funder_totals
from tests.browser.conftest import WAIT, assert_safe, cells, query, screenshot, settle

pytestmark = pytest.mark.browser
FALSE_PRECISION = re.compile(r"\d{1,3}(,\d{3}){2,}")  # 2,322,448,790


def svg_texts(page, selector: str) -> list[str]:
    """The text of SVG elements (Plotly's labels have no innerText), once Plotly has drawn them:
    a chart is drawn after the app's run ends, later still on a busy machine."""
    labels = page.locator(selector)
    labels.first.wait_for(state="attached", timeout=WAIT)
    time.sleep(0.3)  # the rest of the chart's labels are drawn in the same frame or the next
    return labels.evaluate_all("els => els.map(e => (e.textContent || '').trim())")


def _open(page, url: str) -> None:
    page.goto(url)
    settle(page)


def test_money_is_formatted_once_and_a_share_is_not_added_again(own_page, own_server):
    url, db = own_server
    con = duckdb.connect(str(db))  # a share of Estonia's €12m, as contract v2 writes it
    try:
        columns = {r[0] for r in con.execute("DESCRIBE budgets").fetchall()}
        for column in ("budget_id", "part_of"):
            if column not in columns:
                con.execute(f"ALTER TABLE budgets ADD COLUMN {column} VARCHAR")
        row = con.execute("SELECT article_id FROM budgets WHERE funder = 'Estonia' AND amount = 12e6").fetchone()
        assert row, "the hostile article gives Estonia €12 million"
        con.execute("UPDATE budgets SET budget_id = article_id || '#1' WHERE funder = 'Estonia'")
        con.execute("INSERT INTO budgets (article_id, budget_id, part_of, amount, currency, amount_eur, funder_code, "
                    "funder, kind, purpose, evidence, start, \"end\") SELECT article_id, article_id || '#2', "
                    "article_id || '#1', 5e6, 'EUR', 5e6, funder_code, funder, kind, 'drones', evidence, start, "
                    "\"end\" FROM budgets WHERE funder = 'Estonia'")
        kind = con.execute("SELECT kind FROM budgets WHERE funder = 'Estonia'").fetchone()[0]
    finally:
        con.close()

    _open(own_page, f"{url}/")
    overview = cells(own_page, 0)
    estonia = next(r for r in overview if r and r[0] == "Estonia")
    assert "€12m" in estonia and "€17m" not in estonia
    _open(own_page, f"{url}/budgets?kind={kind}")
    labels = svg_texts(own_page, "[data-testid='stPlotlyChart'] .bartext")
    assert "€12m" in labels and "€17m" not in labels  # the same figure as on the Overview
    text = own_page.locator("[data-testid='stMain']").inner_text()
    rows = cells(own_page, -1)
    share = rows[0].index("share of")
    assert any("€5m" in r and r[share].endswith("#1") for r in rows[1:])  # listed and marked, not summed
    assert not FALSE_PRECISION.search(text) and not any(FALSE_PRECISION.search(" ".join(r)) for r in rows)
    with own_page.expect_download(timeout=WAIT) as download:
        own_page.get_by_role("button", name="Download CSV").last.click()
    served = Path(download.value.path()).read_text(encoding="utf-8")
    assert "12000000," in served and "12000000.0" not in served and ".0," not in served
    screenshot(own_page, "budgets")
    assert_safe(own_page)


def test_the_timeline_has_a_real_date_axis_and_a_legend(page, server):
    _open(page, f"{server}/timeline")
    ticks = svg_texts(page, "[data-testid='stPlotlyChart'] .xtick text")
    years = {t for t in ticks if re.fullmatch(r"(\w{3} )?\d{4}|\d{2} \w{3} \d{4}", t)}
    assert len(years) >= 4, ticks
    legend = svg_texts(page, "[data-testid='stPlotlyChart'] .legend .traces")
    types = set(load_tables_types(page))
    assert types and types <= {t.strip() for t in legend}
    screenshot(page, "timeline")
    assert_safe(page)


def load_tables_types(page) -> list[str]:
    """The event types the page's events table lists (what the legend must name)."""
    rows = cells(page, -2)
    header = rows[0]
    at = header.index("event_type")
    return [r[at] for r in rows[1:] if len(r) > at and r[at]]


def test_map_colours_stay_after_an_upload(own_page, own_server, tmp_path):
    url, _ = own_server
    _open(own_page, f"{url}/map")
    before = _legend(own_page)
    assert before
    _open(own_page, f"{url}/add")
    article = tmp_path / "danes.txt"
    article.write_text("Danish troops arrive in Estonia\n\nTAPA, 4 March 2026 - About 200 Danish troops are "
                       "deployed at Tapa alongside the British battlegroup, the Estonian defence ministry said.",
                       encoding="utf-8")
    own_page.locator("input[type='file']").set_input_files(str(article))
    time.sleep(1)
    own_page.get_by_role("button", name="Add to the store").click()
    own_page.get_by_text("Added 1 article").wait_for(timeout=WAIT * 2)
    _open(own_page, f"{url}/map")
    after = _legend(own_page, listing="Denmark")
    assert "Denmark" in after and len(after) > len(before)
    assert all(after[force] == colour for force, colour in before.items())
    screenshot(own_page, "map")
    assert_safe(own_page)


def _legend(page, listing: str = "") -> dict[str, str]:
    """Force -> colour as the map's legend lists them (the colour cell holds its hex code), once
    the legend is drawn (and lists `listing`): a busy machine draws the grids late."""
    deadline = time.monotonic() + WAIT / 1000
    while True:
        grids = (cells(page, i) for i in range(page.locator("[data-testid='stDataFrame']").count()))
        rows = next((rows for rows in grids if rows and rows[0][-1:] == ["force"]), [])
        legend = {r[-1]: r[-2] for r in rows[1:] if len(r) >= 2}
        if legend and (not listing or listing in legend) or time.monotonic() > deadline:
            return legend
        time.sleep(0.5)


def test_a_profile_opens_from_a_name_in_a_table(page, server):
    _open(page, f"{server}/deployments")
    grid = page.locator("[data-testid='stDataFrame']").nth(0)
    grid.scroll_into_view_if_needed()
    header = cells(page, 0)[0]
    box = grid.bounding_box()
    widths = grid.evaluate("g => Array.from(g.querySelectorAll('table tr')[0].querySelectorAll('th'))"
                           ".map(c => c.getBoundingClientRect().width)")
    left = sum(widths[: header.index("force")])
    page.mouse.click(box["x"] + left + 20, box["y"] + 35 + 17)  # the first row's force
    page.wait_for_function("() => location.pathname.endsWith('/profile') && location.search.includes('of=country')",
                           timeout=WAIT)
    settle(page)
    assert query(page)["name"][0] in {"USA", "BEL", "DEU"}
    subtitles = page.locator("[data-testid='stMain'] h3").all_inner_texts()
    assert any(s.startswith("Forces sent") for s in subtitles) and any(s.startswith("Sources") for s in subtitles)
    screenshot(page, "profile")
    assert_safe(page)


def test_a_conflict_review_survives_a_reingest(own_page, own_server):
    from core.ingest import ingest, relink

    url, db = own_server
    if load_tables(db)["conflicts"].empty:
        pytest.skip("the seeds give no conflict")
    _open(own_page, f"{url}/quality")
    own_page.get_by_text("B", exact=True).first.click()
    own_page.get_by_label("Note").fill("B is the later statement")
    own_page.get_by_role("button", name="Mark reviewed").click()
    own_page.wait_for_function("() => document.body.innerText.includes('1 reviewed')", timeout=WAIT)
    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    ingest([str(root / "seeds")], db=db, progress=False, notify=lambda m: None)
    relink(db)
    _open(own_page, f"{url}/quality?show=reviewed")
    rows = cells(own_page, 0)
    assert any("B is the later statement" in r for r in rows), rows
    screenshot(own_page, "quality")
    assert_safe(own_page)


def test_facet_counts_and_search_narrow_and_live_in_the_url(page, server):
    _open(page, f"{server}/deployments")
    sidebar = page.locator("[data-testid='stSidebar']")
    status = sidebar.locator("[data-testid='stMultiSelect']").nth(2)
    status.click()
    options = page.get_by_role("option").all_inner_texts()
    assert options and all(re.search(r" · \d+$", o) for o in options), options
    page.keyboard.press("Escape")
    before = len(cells(page, -1))
    search = sidebar.locator("input[aria-label='Search titles and evidence']")
    search.fill("Belgian")
    search.press("Enter")
    page.wait_for_function("() => location.search.includes('q=Belgian')", timeout=WAIT)
    settle(page)
    rows = cells(page, -1)
    assert 1 < len(rows) < before
    assert_safe(page)


def test_page_controls_round_trip_the_url(page, server, e2e_store):
    offered = set(funder_totals(load_tables(e2e_store)["budgets"])["kind"])  # kinds the page offers: summable rows
    kinds = sorted(offered)
    assert len(kinds) >= 2
    _open(page, f"{server}/budgets?kind={kinds[1]}&log=1")
    active = page.locator("[data-testid='stButtonGroup'] button[aria-checked='true']").all_inner_texts()
    assert [a.strip() for a in active] == [kinds[1]]
    assert page.locator("input[aria-label='Logarithmic scale']").is_checked()
    page.locator("[data-testid='stButtonGroup'] button", has_text=kinds[0]).first.click()
    page.wait_for_function(f"() => location.search.includes('kind={kinds[0]}')", timeout=WAIT)
    assert query(page)["log"] == ["1"]
    page.locator("[data-testid='stSidebarNav'] a", has_text="Timeline").click()
    page.wait_for_function("() => location.pathname.endsWith('/timeline')", timeout=WAIT)
    settle(page)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Budgets").click()
    page.wait_for_function(f"() => location.pathname.endsWith('/budgets') && location.search.includes('kind={kinds[0]}')",
                           timeout=WAIT)
    assert_safe(page)


def test_dragging_across_the_timeline_sets_the_date_filter(page, server):
    _open(page, f"{server}/timeline")
    plot = page.locator("[data-testid='stPlotlyChart'] .nsewdrag").first
    box = plot.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=8)
    page.mouse.move(box["x"] + box["width"] * 0.85, y, steps=8)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('from=') && location.search.includes('to=')",
                           timeout=WAIT)
    chosen = query(page)
    assert chosen["from"][0] < chosen["to"][0]
    settle(page)
    assert_safe(page)
