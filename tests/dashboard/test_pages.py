"""Every page through streamlit's AppTest: renders on a seeds store and an empty one, the
filters narrow the rows and live in the URL, the CSV is the table shown, uploads ingest."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.export import to_csv_bytes
from core.store import load_tables

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PAGES = ["overview", "timeline", "map", "budgets", "coalitions", "deployments", "programs", "profile", "articles",
         "quality", "add"]


def open_page(page: str, query: dict | None = None) -> AppTest:
    """Run the app, then switch to `page` (a name from PAGES) and run it."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"views/{page}.py").run()
    return at


def csv_of(at: AppTest, key: str, downloads: dict[str, object]) -> bytes:
    """The bytes the "Download CSV" button of table `key` serves."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(f"-{key}_csv"))
    return downloads[button.proto.deferred_file_id]()


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def shown(at: AppTest, key: str) -> pd.DataFrame:
    """The dataframe of table `key` as the page shows it: the one drawn just before its
    "Download CSV" button (plain dataframes carry no key of their own)."""
    last = None
    for node in _walk(at.main):
        if type(node).__name__ == "Dataframe":
            last = node
        elif type(node).__name__ == "DownloadButton" and node.proto.id.endswith(f"-{key}_csv"):
            return last.value
    raise LookupError(f"no table {key!r} on the page")




def param(at, key: str) -> list[str]:
    """A query parameter of the app's URL as a list (AppTest gives one value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def texts(at) -> str:
    """Every markdown, caption, info and error text on the page, joined."""
    parts = [e.value for kind in ("markdown", "caption", "info", "error", "warning", "success", "title")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_the_seeds_store(use_seeds, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    if page not in ("add",):
        assert at.title[0].value


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_an_empty_store(use_empty, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    if page != "add":
        assert "No data yet" in texts(at)


def test_a_foreign_store_shows_its_error_not_a_traceback(use_foreign):
    at = open_page("overview")
    assert not at.exception
    assert "not a Flankwatch store" in at.error[0].value
    assert at.button(key="app_retry")


def test_country_filter_narrows_rows_and_goes_to_the_url(use_seeds):
    at = open_page("deployments")
    before = shown(at, "deployments_rows")
    at.sidebar.multiselect(key="filters_country").select("BEL").run()
    after = shown(at, "deployments_rows")
    assert 0 < len(after) < len(before)
    assert set(after["force"]) | set(after["host"]) >= {"Belgium"}
    assert all("Belgium" in (f, h) for f, h in zip(after["force"], after["host"], strict=True))
    assert param(at, "country") == ["BEL"]


def test_csv_is_exactly_the_filtered_table(use_seeds, downloads):
    at = open_page("deployments")
    at.sidebar.multiselect(key="filters_country").select("USA").run()
    table = shown(at, "deployments_rows")
    served = csv_of(at, "deployments_rows", downloads)
    assert pd.read_csv(io.BytesIO(served)).shape == table.shape
    pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(served)), pd.read_csv(io.BytesIO(to_csv_bytes(table))),
                                  check_dtype=False)
    assert served.decode().splitlines()[0].split(",") == list(table.columns)


@pytest.mark.parametrize(("page", "key"), [
    ("overview", "overview_events"), ("timeline", "timeline_events"), ("programs", "programs_list"),
    ("coalitions", "coalitions_rows"), ("map", "map_deployments"), ("quality", "quality_names"),
])
def test_every_table_download_matches_its_rows(use_seeds, downloads, page, key):
    at = open_page(page)
    table = shown(at, key)
    served = pd.read_csv(io.BytesIO(csv_of(at, key, downloads)))
    assert served.shape == table.shape and list(served.columns) == list(table.columns)


def test_filters_come_from_the_url_and_survive_page_switches(use_seeds):
    at = open_page("overview", query={"country": "USA", "type": "approval"})
    assert at.sidebar.multiselect(key="filters_country").value == ["USA"]
    at.switch_page("views/deployments.py").run()
    rows = shown(at, "deployments_rows")
    assert set(rows["force"]) == {"United States"}
    assert param(at, "country") == ["USA"] and param(at, "type") == ["approval"]


def test_a_stale_link_value_is_dropped_not_fatal(use_seeds):
    at = open_page("overview", query={"country": ["ZZZ", "USA"], "program": "no such program", "from": "bad"})
    assert not at.exception
    assert at.sidebar.multiselect(key="filters_country").value == ["USA"]


def test_clear_filters(use_seeds):
    at = open_page("overview", query={"country": "USA"})
    at.sidebar.button(key="filters_clear").click().run()
    assert at.sidebar.multiselect(key="filters_country").value == []
    assert param(at, "country") == []


def test_reader_opens_at_the_sentence_from_the_url(use_seeds, seeds_db):
    row = load_tables(seeds_db)["budgets"].iloc[0]
    at = open_page("articles", query={"read": row["article_id"], "at": str(row["start"])})
    assert not at.exception
    assert at.selectbox(key="articles_pick").value == row["article_id"]
    markdown = "\n".join(m.value for m in at.markdown)
    assert ":red-background[" in markdown and ":orange-background[" in markdown
    assert param(at, "read") == [row["article_id"]]
    findings = shown(at, f"articles_findings_{row['article_id']}")
    assert {"label", "finding", "evidence"} <= set(findings.columns)


def test_upload_adds_articles_and_reports_bad_files(seeds_db, tmp_path, monkeypatch):
    db = tmp_path / "copy.duckdb"
    shutil.copy(seeds_db, db)
    monkeypatch.setenv("FLANKWATCH_DB", str(db))
    at = open_page("overview")
    before = at.metric[0].value
    at.switch_page("views/add.py").run()
    article = ("Estonia orders drones\n\nEstonia will spend €12 million on drones for its army in 2026, "
               "the defence ministry said on 3 March 2026.").encode()
    at.get("file_uploader")[0].set_value([("../../evil name.txt", article, "text/plain"),
                                         ("empty.json", b"{not json", "application/json")])
    at.button[0].click().run()
    assert not at.exception
    assert "Added 1 article" in texts(at)
    failures = shown(at, "add_failures")
    assert list(failures["file"]) == ["empty.json"]
    at.switch_page("views/overview.py").run()
    assert int(at.metric[0].value) == int(before) + 1
    assert not list(tmp_path.glob("*evil*"))


def test_a_refresh_after_an_outside_ingest_shows_the_new_rows(seeds_db, tmp_path, monkeypatch):
    from core.ingest import ingest

    db = tmp_path / "live.duckdb"
    shutil.copy(seeds_db, db)
    monkeypatch.setenv("FLANKWATCH_DB", str(db))
    at = open_page("overview")
    before = int(at.metric[0].value)
    article = tmp_path / "new.txt"
    article.write_text("Poland buys radars\n\nPoland will spend €40 million on radars in 2026, the ministry said.",
                       encoding="utf-8")
    ingest([str(article)], db=db, progress=False, notify=lambda message: None)  # as the CLI would
    at.run()  # a page refresh: no cache was cleared, the store's version changed
    assert int(at.metric[0].value) == before + 1


def test_budget_rows_show_formatted_money_and_download_whole_numbers(use_seeds, downloads):
    at = open_page("budgets")
    table = shown(at, "budgets_rows")
    assert table["eur"].str.match(r"^(€[\d.]+(k|m|bn)?)?$").all() and "amount" not in table.columns
    served = csv_of(at, "budgets_rows", downloads).decode()
    header, *lines = served.splitlines()
    assert {"amount", "currency", "amount_eur", "year_start", "part_of"} <= set(header.split(","))
    assert ".0," not in served  # 140800000 and 2025, never 140800000.0 or 2025.0
    assert len(lines) == len(table)


def test_page_controls_live_in_the_url_and_come_back_from_it(use_seeds):
    at = open_page("budgets")
    kinds = at.get("button_group")[0].proto.options
    assert len(kinds) >= 2
    second = kinds[1].content
    at.get("button_group")[0].set_value(second).run()
    at.toggle(key="budgets_log").set_value(True).run()
    assert param(at, "kind") == [second] and param(at, "log") == ["1"]
    again = open_page("budgets", query={"kind": second, "log": "1"})
    assert again.get("button_group")[0].value == second and again.toggle(key="budgets_log").value is True


def test_facet_counts_beside_values_and_search(use_seeds):
    at = open_page("deployments")
    options = at.sidebar.multiselect(key="filters_status").options
    assert options and all(" · " in o for o in options)
    before = len(shown(at, "deployments_rows"))
    at.sidebar.text_input(key="filters_q").input("Belgian").run()
    rows = shown(at, "deployments_rows")
    assert 0 < len(rows) < before and rows["evidence"].str.contains("Belgian", case=False).all()
    assert param(at, "q") == ["Belgian"]


def test_programs_page_lists_every_program(use_seeds, seeds_db):
    at = open_page("programs")
    listed = shown(at, "programs_list")
    tables = load_tables(seeds_db)
    named = set(tables["programs"]["program"].dropna())
    for table in ("budgets", "deployments", "events"):
        named |= set(tables[table]["program"].dropna())
    assert set(listed["program"]) == named and named


def test_profile_from_the_url(use_seeds, seeds_db):
    host = load_tables(seeds_db)["deployments"]["host_code"].dropna().iloc[0]
    at = open_page("profile", query={"of": "country", "name": host})
    assert not at.exception
    assert at.selectbox(key="profile_name").value == host
    assert any(t.startswith("Forces hosted") for t in (h.value for h in at.subheader))
    assert param(at, "of") == ["country"] and param(at, "name") == [host]


def test_a_conflict_review_is_kept_across_a_reingest(seeds_db, tmp_path, monkeypatch):
    from core.ingest import ingest, relink

    db = tmp_path / "reviewed.duckdb"
    shutil.copy(seeds_db, db)
    monkeypatch.setenv("FLANKWATCH_DB", str(db))
    if load_tables(db)["conflicts"].empty:
        pytest.skip("the seeds give no conflict")
    at = open_page("quality")
    at.radio[0].set_value("b")
    at.text_input[0].input("B names the current minister")
    next(b for b in at.button if b.label == "Mark reviewed").click().run()
    assert not at.exception
    assert len(load_tables(db)["reviews"]) == 1
    ingest([str(Path(__file__).resolve().parents[2] / "seeds")], db=db, progress=False, notify=lambda m: None)
    relink(db)
    assert len(load_tables(db)["reviews"]) == 1
    at = open_page("quality")
    at.get("button_group")[0].set_value("reviewed").run()
    assert "B names the current minister" in set(at.dataframe[0].value["note"])


def test_saving_a_review_reloads_only_the_reviews(seeds_db, tmp_path, monkeypatch):
    from core.ingest import ingest
    from dashboard import data

    db = tmp_path / "review-cache.duckdb"
    shutil.copy(seeds_db, db)
    monkeypatch.setenv("FLANKWATCH_DB", str(db))
    if load_tables(db)["conflicts"].empty:
        pytest.skip("the seeds give no conflict")
    at = open_page("quality")
    loaded = data.tables()
    next(b for b in at.button if b.label == "Mark reviewed").click().run()
    assert not at.exception
    assert len(data.reviews()) == 1 and data.tables() is loaded  # the review is read back; nothing else reloads
    article = tmp_path / "new.txt"
    article.write_text("Poland pledges drones\n\nPoland pledged €5 million for drones on 3 March 2025.\n")
    ingest([str(article)], db=db, progress=False, notify=lambda m: None)
    assert data.tables() is not loaded  # any other write loads the store again


def test_a_large_store_lists_only_the_latest_articles_and_those_chosen(use_seeds, seeds_db, monkeypatch):
    from dashboard import facets, sidebar

    monkeypatch.setattr(sidebar, "ARTICLE_OPTIONS", 2)  # as if the store held more than 1,000 articles
    at = open_page("articles")
    articles = load_tables(seeds_db)["articles"]
    assert len(articles) > 2
    assert len(at.sidebar.multiselect(key="filters_source").options) == 2
    assert len(at.selectbox(key="articles_pick").options) == 2
    assert any("latest are listed" in c.value for c in at.caption)
    titles = facets.article_titles(articles)
    unlisted = next(a for a in articles.itertuples() if titles[a.article_id] not in
                    at.sidebar.multiselect(key="filters_source").options)
    at.sidebar.text_input(key="filters_q").input(str(unlisted.title)).run()  # a search reaches it
    assert titles[unlisted.article_id] in at.sidebar.multiselect(key="filters_source").options
