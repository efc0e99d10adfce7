"""Each dashboard page's data work, as its view in dashboard/views/ does it (no Streamlit, no
rendering): the sidebar's facet counts plus the page's aggregates and chart builders."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd


def pages(prepared: Mapping[str, pd.DataFrame], titles: dict, sidebar_counts: bool = True
          ) -> dict[str, Callable[[dict], object]]:
    """Page name -> work over the filtered view `t`. A filter change also pays the sidebar's counts;
    a page switch (`sidebar_counts=False`) finds the view and the counts in the cache."""
    from dashboard import aggregates as agg
    from dashboard import charts, facets, mapdeck, money, profiles

    def sidebar(t):
        return facets.facet_counts(t, prepared)

    def overview(t):
        summary = agg.deployment_summary(t["deployments"])
        return (agg.headline(t, summary), agg.eur_by_funder(t["budgets"]), agg.personnel_by_host(summary),
                agg.latest_events(t["events"]), agg.attention(t))

    def timeline(t):
        dated = agg.dated_events(t["events"], limit=charts.MAX_POINTS)
        periods = agg.program_periods(t["budgets"])
        return charts.timeline_figure(dated, periods, titles), agg.undated_events(t["events"])

    def map_(t):
        summary = agg.deployment_summary(t["deployments"])
        points = mapdeck.deployment_points(summary, agg.deployment_sources(t["deployments"], titles))
        sites = mapdeck.site_points(agg.site_table(t["sites"]))
        return mapdeck.fit_view(points), sites, mapdeck.legend_rows(summary)

    def budgets(t):
        sums = money.funder_totals(t["budgets"])
        rows = t["budgets"][t["budgets"]["kind"] == "total"].iloc[:5000]
        return (charts.funder_bars(sums, "total"), charts.budget_year_bars(agg.budget_by_year(t["budgets"])),
                agg.budget_currencies(t["budgets"]), agg.budget_rows(rows))

    def profile(t):
        code = prepared["deployments"]["host_code"].mode()
        return profiles.profile(prepared, "country", code.iloc[0] if len(code) else "POL")

    work = {
        "Overview": overview, "Timeline": timeline, "Map": map_, "Budgets": budgets,
        "Coalitions": lambda t: (agg.coalition_matrix(t["coalitions"]), agg.applicants(t["coalitions"])),
        "Deployments": lambda t: agg.personnel_by_host(agg.deployment_summary(t["deployments"])),
        "Programs": lambda t: profiles.program_table(t),
        "Profiles": profile,
        "Data quality": lambda t: (agg.duplicate_clusters(t["articles"]), agg.low_confidence(t["site_mentions"])),
    }
    if not sidebar_counts:
        return work
    return {name: (lambda t, f=f: (sidebar(t), f(t))) for name, f in work.items()}


def best_wall_cpu(fn: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """The fastest wall time and the least CPU time of `repeat` calls (seconds)."""
    from benchmarks.measure import clock

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
