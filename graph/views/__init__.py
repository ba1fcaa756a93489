"""Read-only views the app shows: plain typed functions over the `GraphStore` interface.

Each Streamlit page parses its input, calls one function from here and renders the
result, so everything a planner sees is computed (and unit-tested) outside the app and
works on every store kind. Nothing here imports streamlit.

Modules:

- `overview`  -- counts by type and region, recent documents, key indicators, hubs;
- `explorer`  -- filter options and the filtered / expanded subgraph to draw;
- `entity`    -- one entity with aliases, relations and evidence sentences;
- `documents` -- a document's text with entity spans, and building uploaded files;
- `search`    -- search and autocomplete over names and aliases;
- `chains`    -- industry chains, their gaps, candidate partners and link paths;
- `snapshot`  -- the graph and chain links the others share, built once per store revision.
"""
from __future__ import annotations

from graph.views.chains import (ChainFlow, PathView, SegmentFlow, chain_flows, chain_graph,
                                chain_reports, featured_chain, gap_candidates, gap_matrix,
                                partner_candidates, path_between, segment_flows)
from graph.views.documents import (DocumentView, Span, Upload, build_uploads, document_view,
                                   import_roster_upload)
from graph.views.entity import EntityDetail, RelationView, entity_detail
from graph.views.explorer import ExplorerGraph, FilterOptions, GraphFilter, explore, filter_options
from graph.views.overview import Overview, key_indicators, network_hubs, overview
from graph.views.search import SearchOption, search, search_options

__all__ = [
    "ChainFlow", "DocumentView", "EntityDetail", "ExplorerGraph", "FilterOptions",
    "GraphFilter", "Overview", "PathView", "RelationView", "SearchOption", "SegmentFlow", "Span", "Upload",
    "build_uploads", "import_roster_upload", "chain_flows", "chain_graph", "chain_reports", "document_view",
    "entity_detail", "explore", "featured_chain", "filter_options", "gap_candidates",
    "gap_matrix", "key_indicators", "network_hubs", "overview", "partner_candidates",
    "path_between", "search", "search_options", "segment_flows",
]
