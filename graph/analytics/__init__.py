"""Analytics over the innovation-ecosystem graph: chains, gaps, partners, paths, structure.

Every function is a plain function over a networkx graph exported by a store
(``store.to_networkx()``) or over the store's reading interface, so it runs on every
store kind. Results are small frozen dataclasses in a deterministic order.

Modules, one per job:

- `taxonomy`   -- load the industry-chain taxonomy in ``data/chains/``;
- `chains`     -- link actors to the chains and segments they serve (`ChainIndex`: once
  per graph, reused by `chain_gaps` and `recommend_partners`);
- `gaps`       -- per-chain coverage, capability gaps, the chain x capability matrix;
- `partners`   -- rank candidate research partners for an actor, chain or region;
- `reasons`    -- `Reason`: why a partner was suggested, as a code and its names;
- `paths`      -- shortest link paths between two actors;
- `structure`  -- hubs, brokers, communities, isolated actors;
- `indicators` -- plan-versus-result table of stated indicators;
- `roster`     -- import a planner's enterprise roster (CSV/XLSX) as a document.
"""
from __future__ import annotations

from graph.analytics.chains import ChainIndex, ChainLink, link_chains
from graph.analytics.gaps import (ChainReport, Gap, SegmentReport, capability_matrix,
                                  chain_gaps)
from graph.analytics.indicators import IndicatorRow, indicator_table
from graph.analytics.partners import PartnerSuggestion, recommend_partners
from graph.analytics.paths import Path, PathStep, link_paths
from graph.analytics.reasons import Reason
from graph.analytics.roster import RosterError, RosterReport, RosterRow, import_roster
from graph.analytics.structure import Community, Ranked, brokers, communities, hubs, isolated
from graph.analytics.taxonomy import (Capability, Chain, Segment, Taxonomy, default_taxonomy,
                                      load_taxonomy)

__all__ = [
    "Capability", "Chain", "ChainIndex", "ChainLink", "ChainReport", "Community", "Gap", "IndicatorRow",
    "PartnerSuggestion", "Path", "PathStep", "Ranked", "Reason", "RosterError", "RosterReport",
    "RosterRow", "Segment", "SegmentReport", "Taxonomy", "brokers", "capability_matrix", "chain_gaps",
    "communities", "default_taxonomy", "hubs", "import_roster", "indicator_table",
    "isolated", "link_chains", "link_paths", "load_taxonomy", "recommend_partners",
]
