"""Map: sites and deployments on the eastern flank, with country outlines drawn offline."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import charts, data, widgets

st.title("Map")
if widgets.no_data():
    st.stop()
t = data.view(widgets.current_filters())
widgets.filter_caption()

summary = agg.deployment_summary(t["deployments"])
sources = agg.deployment_sources(t["deployments"], data.article_titles())
sites = agg.site_table(t["sites"])
outlines = data.outlines()
colours = data.force_colours()

map_column, legend_column = st.columns([4, 1])
with map_column:
    deck = charts.flank_deck(charts.deployment_points(summary, sources, colours), charts.site_points(sites), outlines,
                             data.country_labels())
    st.pydeck_chart(deck, key="map_deck", height=620)
    if outlines is None:
        st.caption("Country outlines are missing (data/country_outlines.geojson).")
    st.caption("Circles: deployments, sized by stated personnel and coloured by force; country-level "
               "deployments sit at the host's centroid. Small dots: sites named in the articles.")
with legend_column:
    st.subheader("Forces")
    legend = charts.legend_rows(summary, colours)
    if legend.empty:
        st.caption("No deployments for these filters.")
    else:
        st.dataframe(charts.legend_style(legend), hide_index=True, key="map_legend")

st.subheader("Deployments on the map")
widgets.table(summary, "map_deployments", "map-deployments", link=False)
st.subheader("Sites")
widgets.table(sites, "map_sites", "map-sites", link=False)
