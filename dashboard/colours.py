"""Fixed colours per country code and per event type, checked to stay apart (no Streamlit here).

Force colours come from data/country_colours.csv (hand-assigned, so adding articles or a new
force never recolours anyone). A code the table lacks gets a colour derived from its letters
alone, moved round the hue circle until it is clearly apart from every colour in the table.
Russia and Belarus keep reds that no allied colour comes near.
"""

from __future__ import annotations

import colorsys
import functools
import math
from collections.abc import Iterable

from core.refdata import rows

TABLE = "country_colours.csv"
#: Forces the map sets apart from allied ones.
ADVERSARIES = ("RUS", "BLR")
#: Two colours closer than this (CIE76 ΔE in Lab) would be read as the same.
MIN_DELTA_E = 12.0
FALLBACK = "#7f7f7f"
#: Event types: a palette of their own (not the budget kinds'), and one marker per type.
EVENT_COLOURS = {"approval": "#0b6e4f", "announcement": "#e08e0b", "agreement": "#3a86ff", "procurement": "#8338ec",
                 "delivery": "#ff006e", "deployment": "#6a4c93", "membership": "#1982c4", "summit": "#8ac926",
                 "incident": "#d62828", "establishment": "#5f0f40", "funding": "#2a9d8f", "report": "#6c757d",
                 "other": "#adb5bd"}
EVENT_SYMBOLS = {"approval": "circle", "announcement": "diamond", "agreement": "square", "procurement": "triangle-up",
                 "delivery": "triangle-down", "deployment": "star", "membership": "hexagon", "summit": "pentagon",
                 "incident": "x", "establishment": "cross", "funding": "hourglass", "report": "bowtie",
                 "other": "circle-dot"}
#: Kinds of money (never reused for event types).
KIND_COLOURS = {"total": "#4C78A8", "allocation": "#54A24B", "contract": "#9D755D", "pledge": "#F58518",
                "contribution": "#B279A2", "package": "#72B7B2", "other": "#BAB0AC"}


@functools.cache
def table() -> dict[str, str]:
    """Code -> '#rrggbb' from data/country_colours.csv (empty when the file is missing)."""
    try:
        return {row["code"]: row["colour"].lower() for row in rows(TABLE)}
    except OSError:
        return {}


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB '#rrggbb' to CIE Lab (D65)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = (f(t) for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str) -> float:
    """CIE76 colour difference of two '#rrggbb' colours.

    >>> round(delta_e("#ffffff", "#000000"))
    100
    """
    return math.dist(_lab(a), _lab(b))


def derived(code: str) -> str:
    """A colour for a code the table lacks, from its letters only, apart from every table colour.

    >>> derived("ZZZ") == derived("ZZZ")
    True
    """
    letters = [ord(c) % 32 for c in (code.upper() + "AAA")[:3]]
    hue = ((letters[0] * 26 * 26 + letters[1] * 26 + letters[2]) * 0.618034) % 1.0
    taken = list(table().values())
    for step in range(64):
        for light in (0.42, 0.55, 0.32):
            r, g, b = colorsys.hls_to_rgb((hue + step * 0.0391) % 1.0, light, 0.55)
            colour = f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
            if all(delta_e(colour, other) >= MIN_DELTA_E for other in taken):
                return colour
    return FALLBACK


def colour_of(code: object) -> str:
    """The colour of one country code (grey for no code)."""
    if not isinstance(code, str) or not code:
        return FALLBACK
    return table().get(code) or derived(code)


def colour_map(codes: Iterable[object]) -> dict[str, str]:
    """Code -> colour for every code given (each colour fixed by its code alone).

    >>> colour_map(["POL", "DEU"])["POL"] == colour_map(["USA", "XYZ", "POL"])["POL"]
    True
    """
    return {str(c): colour_of(c) for c in dict.fromkeys(codes) if isinstance(c, str) and c}


def rgb(hex_colour: str, alpha: int = 200) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)] + [alpha]
