"""Map: deployments and sites on the eastern flank, with country outlines drawn offline."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import data, mapdeck, widgets

chosen, t = widgets.filtered_page("Map")

summary = data.per_view("deployment_summary", agg.summary_of, chosen)
sources = data.per_view("deployment_sources", lambda v: agg.sources_of(v, data.article_titles()), chosen)
sites = data.per_view("site_table", lambda v: agg.site_table(v["sites"]), chosen)
st.session_state.setdefault("map_adversary", True)
st.session_state.setdefault("map_labels", True)
controls = st.columns([1, 1, 1, 3])
show_adversary = controls[0].toggle("Russia / Belarus", key="map_adversary",
                                    help="Show Russian and Belarusian forces (drawn as outlined squares)")
labels = controls[1].toggle("Site names", key="map_labels")
if controls[2].button("Reset view", key="map_reset", icon=":material/center_focus_strong:",
                      help="Fit the map to the rows the filters keep"):
    st.session_state["map_generation"] = st.session_state.get("map_generation", 0) + 1
widgets.sync_page()

points = data.per_view("deployment_points", lambda v: mapdeck.deployment_points(summary, sources), chosen)
if not show_adversary:
    points = points[~points["adversary"]]
site_points = mapdeck.site_points(sites)
view = mapdeck.fit_view(points) if len(points) else mapdeck.fit_view(site_points)

map_column, legend_column = st.columns([4, 1])
with map_column:
    outlines = data.outlines()
    deck = mapdeck.flank_deck(points, site_points, outlines, data.country_labels(), view=view, site_labels=labels)
    st.pydeck_chart(deck, key=f"map_deck_{st.session_state.get('map_generation', 0)}", height=620)
    if outlines is None:
        st.caption("Country outlines are missing (data/country_outlines.geojson).")
    st.caption("Circles: deployments, sized by stated personnel and coloured by force (a fixed colour per "
               "country); filled = current, hollow = planned, faded = ended. Outlined squares: Russian and "
               "Belarusian forces. Country-level deployments sit at the host's centroid. Small dots: sites.")
with legend_column:
    st.subheader("Forces")
    legend = mapdeck.legend_rows(summary)
    if legend.empty:
        st.caption("No deployments for these filters.")
    else:
        st.dataframe(mapdeck.legend_style(legend[["colour", "force"]]), hide_index=True, key="map_legend",
                     height=35 * (len(legend) + 1) + 3, column_config={"colour": st.column_config.TextColumn("", width=28)})
        apart = legend.loc[legend["side"] != "allied and partner", "force"]
        if len(apart):
            st.caption(widgets.md("Set apart (outlined squares): " + ", ".join(apart)))

st.subheader("Deployments on the map")
widgets.table(summary, "map_deployments", "map-deployments", link=False,
              columns=["force", "host", "site", "personnel", "status", "reports", "sources", "force_code",
                       "host_code", "lat", "lon"])
st.subheader("Sites")
widgets.table(sites, "map_sites", "map-sites", link=False)
