"""The deck's colours: the app's colour per entity type (`app/ui/graph_html.py`), and the
template's own."""
from __future__ import annotations

from graph.model import EntityKind

#: the app's Okabe-Ito hues per entity type (a test checks they match the app's)
KIND_COLORS: dict[EntityKind, str] = {
    EntityKind.UNIVERSITY: "#0072B2",
    EntityKind.INSTITUTE: "#56B4E9",
    EntityKind.LAB: "#CC79A7",
    EntityKind.PARK: "#009E73",
    EntityKind.PLATFORM: "#E69F00",
    EntityKind.ENTERPRISE: "#D55E00",
    EntityKind.ALLIANCE: "#8E7D00",
    EntityKind.INDUSTRY_CHAIN: "#6A3D9A",
    EntityKind.REGION: "#6B7280",
}
OTHER = "#9CA3AF"
TEXT = "#1A202C"  #: dark text
MUTED = "#4A5568"  #: secondary text
BLUE = "#0072B2"  #: accent: title rule, results
PALE = "#E6F2FA"  #: table header and banded rows
PLAN = "#B8C4D6"  #: planned figures
GAP = "#FDE2E1"  #: a table cell that is a gap (the app's heatmap colour for "no actor")
#: community colours of the network map (the last, grey, is "the rest")
COMMUNITY_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#BFC5CE")


def kind_color(kind: str) -> str:
    """The app's colour of an entity kind value."""
    try:
        return KIND_COLORS[EntityKind(kind)]
    except ValueError:
        return OTHER
