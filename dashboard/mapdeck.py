"""The map: pydeck layers of deployments and sites over country outlines drawn offline (no Streamlit).

Each force keeps its colour whatever is filtered or added (`dashboard.colours`). Status is
drawn by style: current filled, planned hollow, ended faded. Russian and Belarusian forces
are drawn apart: squares of their own with a dark outline, listed apart in the legend.
Tooltips use deck.gl's plain-text tooltip (set with innerText, never parsed as HTML), and
labels are drawn on the canvas by a TextLayer: article text never becomes markup.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pydeck as pdk

from dashboard import money
from dashboard.aggregates import COUNTRY_LEVEL
from dashboard.colours import ADVERSARIES, colour_of, rgb

#: The eastern flank, Romania to the Baltics (the view when there is nothing to fit).
FLANK_VIEW = {"latitude": 51.8, "longitude": 25.0, "zoom": 3.8}
SEA = [[-40.0, 20.0], [70.0, 20.0], [70.0, 80.0], [-40.0, 80.0]]
STATUS_ALPHA = {"current": 215, "planned": 0, "ended": 70}
#: Site names drawn on the map: the busiest first, at most this many (the table lists them all).
MAX_LABELS = 15


def _isna(value: object) -> bool:
    return not isinstance(value, list | tuple) and bool(pd.isna(value))


def _tooltip_lines(*pairs: tuple[str, object]) -> str:
    return "\n".join(f"{name}: {value}" for name, value in pairs if value not in (None, "") and not _isna(value))


def deployment_points(summary: pd.DataFrame, sources: dict[tuple, str] | None = None) -> pd.DataFrame:
    """Map points of deployments: one per force and place, sized by personnel, coloured by force,
    styled by status, with `adversary` set for Russian and Belarusian forces."""
    points = summary.dropna(subset=["lat", "lon"]).copy()
    sources = sources or {}
    people = pd.to_numeric(points["personnel"], errors="coerce").astype(float)
    points["radius"] = 6_000 + np.sqrt(people.fillna(0).clip(lower=0).to_numpy()) * 900
    alpha = points["status"].map(STATUS_ALPHA).fillna(215).astype(int)
    points["fill"] = [rgb(colour_of(c), a) for c, a in zip(points["force_code"], alpha, strict=False)]
    points["line"] = [rgb(colour_of(c), 255 if s != "ended" else 110) for c, s in
                      zip(points["force_code"], points["status"], strict=False)]
    points["adversary"] = points["force_code"].isin(ADVERSARIES).to_numpy(dtype=bool, na_value=False)
    points["tooltip"] = [
        _tooltip_lines(("site", f"{COUNTRY_LEVEL} ({h}, at its centroid)" if s == COUNTRY_LEVEL else s),
                       ("forces", f"{f} in {h}"), ("personnel", money.count(p) or "not stated"),
                       ("status", st), ("independent reports", r),
                       ("sources", sources.get((f, h, s), "")))
        for f, h, s, p, st, r in zip(points["force"], points["host"], points["site"], points["personnel"],
                                     points["status"], points.get("reports", [None] * len(points)), strict=False)]
    points = points.sort_values("radius", ascending=False)
    columns = ["lat", "lon", "radius", "fill", "line", "status", "adversary", "tooltip"]
    return points[columns].astype({"lat": float, "lon": float})


def site_points(sites: pd.DataFrame) -> pd.DataFrame:
    """Map points of the sites named in the articles, with a label for the busiest."""
    points = sites.dropna(subset=["lat", "lon"]).copy()
    count = points["mentions_count"] if "mentions_count" in points else pd.Series(0, index=points.index)
    points["tooltip"] = [_tooltip_lines(("site", s), ("kind", k), ("country", c), ("articles", n))
                         for s, k, c, n in zip(points["site"], points["kind"], points["country_code"], count,
                                               strict=False)]
    points["label"] = points["site"].astype(str)
    points["rank"] = count.rank(ascending=False, method="first")
    return points[["lat", "lon", "tooltip", "label", "rank"]].astype({"lat": float, "lon": float})


def fit_view(*frames: pd.DataFrame) -> dict:
    """A view (centre and zoom) that shows every point of the frames, or the flank when there are none.

    >>> fit_view(pd.DataFrame({"lat": [54.0, 56.0], "lon": [21.0, 27.0]}))["zoom"] > 4
    True
    """
    lats = np.concatenate([f["lat"].to_numpy(dtype=float) for f in frames if len(f)] or [np.array([])])
    lons = np.concatenate([f["lon"].to_numpy(dtype=float) for f in frames if len(f)] or [np.array([])])
    keep = ~(np.isnan(lats) | np.isnan(lons))
    lats, lons = lats[keep], lons[keep]
    if not len(lats):
        return dict(FLANK_VIEW)
    span_lon = max(lons.max() - lons.min(), 1.0) * 1.3
    span_lat = max(lats.max() - lats.min(), 1.0) * 1.3
    mid_lat = (lats.max() + lats.min()) / 2
    zoom_lon = math.log2(360 * 1.6 / span_lon)
    zoom_lat = math.log2(170 * 0.95 / (span_lat / max(math.cos(math.radians(mid_lat)), 0.2)))
    return {"latitude": float(mid_lat), "longitude": float((lons.max() + lons.min()) / 2),
            "zoom": float(min(max(min(zoom_lon, zoom_lat), 1.5), 8.0))}


def _deployment_layers(points: pd.DataFrame) -> list[pdk.Layer]:
    allied, adversary = points[~points["adversary"]], points[points["adversary"]]
    layers = [pdk.Layer(
        "ScatterplotLayer", allied, id="deployments", get_position="[lon, lat]", get_radius="radius",
        radius_min_pixels=5, radius_max_pixels=45, get_fill_color="fill", get_line_color="line", stroked=True,
        filled=True, line_width_min_pixels=2, pickable=True)]
    if len(adversary):
        square = [[-1, -1], [1, -1], [1, 1], [-1, 1]]
        layers.append(pdk.Layer(
            "PolygonLayer", adversary.assign(polygon=[[[lon + dx * 0.35, lat + dy * 0.22] for dx, dy in square]
                                                      for lon, lat in zip(adversary["lon"], adversary["lat"],
                                                                          strict=False)]),
            id="adversary-forces", get_polygon="polygon", get_fill_color="fill", get_line_color=[20, 20, 20, 255],
            line_width_min_pixels=3, stroked=True, filled=True, pickable=True))
    return layers


def flank_deck(deployments: pd.DataFrame, sites: pd.DataFrame, outlines: dict | None,
               labels: pd.DataFrame | None = None, view: dict | None = None, site_labels: bool = True) -> pdk.Deck:
    """Country outlines, sites (labelled) and deployments on a map with no tile server (works offline)."""
    layers = [pdk.Layer("SolidPolygonLayer", [{"polygon": SEA}], id="sea", get_polygon="polygon",
                        get_fill_color=[214, 226, 238, 255], pickable=False)]
    if outlines:
        layers.append(pdk.Layer(
            "GeoJsonLayer", outlines, id="outlines", stroked=True, filled=True, pickable=False,
            get_fill_color=[236, 239, 244, 255], get_line_color=[120, 128, 140, 255], line_width_min_pixels=1))
    if labels is not None and len(labels):
        layers.append(pdk.Layer(
            "TextLayer", labels, id="country-names", get_position="[lon, lat]", get_text="name", get_size=13,
            get_color=[110, 118, 130, 255], pickable=False, font_family='"Helvetica, Arial, sans-serif"',
            character_set='"auto"'))  # quoted: pydeck would otherwise read a string as an accessor
    layers.append(pdk.Layer(
        "ScatterplotLayer", sites, id="sites", get_position="[lon, lat]", get_radius=2500, radius_min_pixels=3,
        radius_max_pixels=8, get_fill_color=[60, 60, 60, 160], pickable=True))
    layers += _deployment_layers(deployments)
    if site_labels and len(sites):
        named = sites[sites["rank"] <= MAX_LABELS] if "rank" in sites else sites.head(MAX_LABELS)
        layers.append(pdk.Layer(
            "TextLayer", named, id="site-names", get_position="[lon, lat]", get_text="label", get_size=11,
            get_color=[30, 30, 30, 235], get_pixel_offset=[0, -14], pickable=False, background=True,
            get_background_color=[255, 255, 255, 190], font_family='"Helvetica, Arial, sans-serif"',
            character_set='"auto"'))
    return pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(**(view or FLANK_VIEW)), map_provider=None,
                    tooltip={"text": "{tooltip}"})


def legend_rows(summary: pd.DataFrame) -> pd.DataFrame:
    """Every force on the map with its colour, allied first, then the forces set apart."""
    forces = summary.drop_duplicates("force")[["force", "force_code"]]
    frame = pd.DataFrame({"force": forces["force"].to_numpy(), "code": forces["force_code"].to_numpy(),
                          "colour": [colour_of(c) for c in forces["force_code"]]})
    apart = frame["code"].isin(ADVERSARIES).to_numpy(dtype=bool, na_value=False)
    frame["side"] = np.where(apart, "Russia / Belarus", "allied and partner")
    return frame.assign(_apart=apart).sort_values(["_apart", "force"], ignore_index=True).drop(columns="_apart")


def legend_style(legend: pd.DataFrame):
    """The legend frame with each colour cell painted in its colour (a pandas Styler)."""
    return legend.style.map(lambda c: f"background-color: {c}; color: {c}", subset=["colour"])
