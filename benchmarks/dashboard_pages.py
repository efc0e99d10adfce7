"""Each dashboard page's data work, as its view in dashboard/views/ does it (no Streamlit, no
rendering): the sidebar's facet counts plus the page's aggregates and chart builders; and the
dashboard benchmark that times it (`measure_pages`)."""

from __future__ import annotations

import datetime as dt
import os
import statistics
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from benchmarks.measure import Table, clock, store_mb

#: Texts whose search step alone is timed (common, non-ASCII, two words, rare, under 3 letters).
SEARCH_TEXTS = ("drone", "Łódź", "air base", "rheinmetall", "eu")


def pages(prepared: Mapping[str, pd.DataFrame], titles: dict, sidebar_counts: bool = True
          ) -> dict[str, Callable[[dict], object]]:
    """Page name -> work over the filtered view `t`. A filter change also pays the sidebar's counts;
    a page switch (`sidebar_counts=False`) finds the view and the counts in the cache."""
    from dashboard import aggregates as agg
    from dashboard import charts, facets, mapdeck, money, profiles
    from dashboard.view import rows_at, select

    def sidebar(t):
        return facets.facet_counts(t, prepared)

    def overview(t):
        summary = agg.summary_of(t)
        return (agg.headline(t, summary), agg.eur_by_funder(select(t, "budgets", money.SUM_READS)),
                agg.personnel_by_host(summary), agg.latest_in(t), agg.attention(t))

    def timeline(t):
        dated = agg.dated_in(t, limit=charts.MAX_POINTS)
        periods = agg.program_periods(select(t, "budgets", agg.PERIOD_READS))
        return charts.timeline_figure(dated, periods, titles), agg.undated_in(t)

    def map_(t):
        summary = agg.summary_of(t)
        points = mapdeck.deployment_points(summary, agg.sources_of(t, titles))
        sites = mapdeck.site_points(agg.site_table(t["sites"]))
        return mapdeck.fit_view(points), sites, mapdeck.legend_rows(summary)

    def budgets(t):
        sums = money.funder_totals(select(t, "budgets", money.SUM_READS))
        kinds = select(t, "budgets", ["kind"])["kind"]
        rows = rows_at(t, "budgets", kinds.index[(kinds == "total").to_numpy(dtype=bool, na_value=False)])
        return (charts.funder_bars(sums, "total"),
                charts.budget_year_bars(agg.budget_by_year(select(t, "budgets", money.YEAR_READS))),
                agg.budget_currencies(select(t, "budgets", agg.CURRENCY_READS)), agg.budget_rows(rows.iloc[:5000]))

    def profile(t):
        code = prepared["deployments"]["host_code"].mode()
        return profiles.profile(prepared, "country", code.iloc[0] if len(code) else "POL")

    work = {
        "Overview": overview, "Timeline": timeline, "Map": map_, "Budgets": budgets,
        "Coalitions": lambda t: (agg.coalition_matrix(t["coalitions"]), agg.applicants(t["coalitions"])),
        "Deployments": lambda t: (t["deployments"], agg.personnel_by_host(agg.summary_of(t))),  # its table: every row
        "Programs": lambda t: profiles.program_table(t),
        "Profiles": profile,
        "Data quality": lambda t: (agg.duplicate_clusters(t["articles"]), agg.low_confidence(t["site_mentions"])),
    }
    if not sidebar_counts:
        return work
    return {name: (lambda t, f=f: (sidebar(t), f(t))) for name, f in work.items()}


def best_wall_cpu(fn: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """The fastest wall time and the least CPU time of `repeat` calls (seconds)."""
    walls, cpus = [], []
    for _ in range(repeat):
        with clock() as took:
            fn()
        walls.append(took.wall)
        cpus.append(took.cpu)
    return min(walls), min(cpus)


def fresh(prepared: dict, chosen):
    """`apply_filters` as a filter change pays it: a search text not searched before."""
    from dashboard.filters import apply_filters

    prepared.get("_search", {}).clear()
    return apply_filters(prepared, chosen)


def measure_pages(db: Path, articles: int, target_ms: float, target_cold_s: float) -> Table:
    """Cold start, the search index's build, then every page's data work after a page switch and
    after each kind of filter change, on the store `db` (best of 3, wall and CPU)."""
    from dashboard import aggregates, charts, facets, mapdeck, money, prepare, profiles, search  # noqa: F401
    from dashboard import filters as fl

    # imported above as the server imports them when it starts, before any store is loaded: a cold
    # start here is the data work of a first load (or a reload after a write)
    table = Table(f"Dashboard data work on a store of {articles:,} articles (no Streamlit, no rendering; "
                  "each page with the sidebar's facet counts)",
                  ["page", "page switch ms", "no filter ms", "country ms", "date range ms", "program ms", "search ms",
                   "worst ms", "worst CPU ms", "target"])
    load_before = os.getloadavg()
    with clock() as cold:
        prepared = prepare.load(db)
        options = facets.filter_options(prepared)
        titles = facets.article_titles(prepared["articles"])
        work = pages(prepared, titles)
        work["Overview"](fl.apply_filters(prepared, fl.Filters()))
    scans = {text: best_wall_cpu(lambda text=text: search.scan_hits(prepared, text)) for text in SEARCH_TEXTS[:2]}
    with clock() as indexing:  # in the server, a thread started once the first page is drawn
        index = prepared["_search_index"].build_now(prepared)
    searches = {text: best_wall_cpu(lambda text=text: index.hits(text)) for text in SEARCH_TEXTS}
    programs = prepared["budgets"]["program"].dropna().value_counts()
    choices = {
        "country": fl.Filters(countries=("POL",)),
        "date range": fl.Filters(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 6, 30)),
        "program": fl.Filters(programs=(programs.index[0],) if len(programs) else (options["programs"][0],)),
        "search": fl.Filters(search="drone"),
    }
    switch = pages(prepared, titles, sidebar_counts=False)
    unfiltered = fl.apply_filters(prepared, fl.Filters())
    for page, run in work.items():
        wall, cpu = best_wall_cpu(lambda page=page: switch[page](unfiltered))
        row, cpus = [page, 1000 * wall], [1000 * cpu]
        for chosen in (fl.Filters(), *choices.values()):
            try:
                wall, cpu = best_wall_cpu(lambda chosen=chosen, run=run: run(fresh(prepared, chosen)))
                row.append(1000 * wall)
                cpus.append(1000 * cpu)
            except Exception as error:  # say what broke, measure the rest
                row.append(f"error: {type(error).__name__}: {str(error)[:60]}")
        times = [v for v in row[2:] if isinstance(v, float)]
        row += [max(times) if times else None, max(cpus), f"≤ {target_ms:g} ms"]
        table.rows.append(row)
    table.rows.append(["cold start of Overview (load + prepare + sidebar options + page), s", None, cold.wall, None,
                       None, None, None, None, cold.cpu, f"≤ {target_cold_s:g} s"])
    worst = [r[7] for r in table.rows[:-1] if isinstance(r[7], float)]
    switches = [r[1] for r in table.rows[:-1] if isinstance(r[1], float)]
    table.notes += [
        f"cold start: {cold.wall:.2f} s ({'met' if cold.wall <= target_cold_s else 'not met'}), CPU {cold.cpu:.2f} s; "
        f"store file {store_mb(db):,.0f} MB",
        f"{os.cpu_count()} cores; load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after "
        "(wall figures are best of 3; CPU figures count this process's threads; the dashboard's modules are "
        "imported before the cold start is timed, as the server imports them when it starts)",
        f"search index (built in a thread once the first page is drawn): {indexing.wall:.2f} s, CPU {indexing.cpu:.2f} s; "
        f"{len(index.texts):,} texts (distinct sentences and titles), {index.texts.nbytes / 1e6:,.0f} MB folded",
        "the search step alone, wall/CPU ms, with the index: " + ", ".join(
            f"{text!r} {1000 * w:.0f}/{1000 * c:.0f}" for text, (w, c) in searches.items())
        + "; before it is ready (a scan of every row): " + ", ".join(
            f"{text!r} {1000 * w:.0f}/{1000 * c:.0f}" for text, (w, c) in scans.items()),
        f"a filter change's data work (apply_filters + facet counts + the page's aggregates), worst page: "
        f"{max(worst) if worst else float('nan'):,.0f} ms "
        f"({'met' if worst and max(worst) <= target_ms else 'not met'})",
        f"median over pages and filters: {statistics.median(worst) if worst else float('nan'):,.0f} ms (worst per page)",
        f"a page switch (the view and counts cached, the page's own work): {min(switches):,.0f}–"
        f"{max(switches):,.0f} ms" if switches else "no page switch measured",
    ]
    return table
