"""Every `st.session_state` key the app uses, declared once.

Pages read and write session state only through these names, so two pages never pick
the same key for different things and a test can set a page's input by key.
"""
from __future__ import annotations

LANG = "lang"  #: "zh" (default) or "en"

# explorer
EXPLORER_KINDS = "explorer_kinds"
EXPLORER_REGIONS = "explorer_regions"
EXPLORER_CHAINS = "explorer_chains"
EXPLORER_LEVELS = "explorer_levels"
EXPLORER_DOCUMENTS = "explorer_documents"
EXPLORER_ENTITY = "explorer_entity"  #: selected entity id (the detail panel and centre)
EXPLORER_EXPAND = "explorer_expand"  #: expand around the selected entity
EXPLORER_HOPS = "explorer_hops"
EXPLORER_MAX_NODES = "explorer_max_nodes"
OPEN_EXPLORER = "open_explorer"  #: a node was clicked on another page: show it in the explorer

# chains, gaps, partners
CHAIN = "chain"  #: taxonomy chain id chosen on the chain page
GAP_CHAIN = "gap_chain"
PARTNER_SOURCE = "partner_source"
PATH_FROM = "path_from"
PATH_TO = "path_to"

# documents
DOCUMENT = "document"  #: document id shown on the documents page
UPLOADS = "uploads"
ROSTER_UPLOAD = "roster_upload"
EXPLORER_EXPANDED = "explorer_expanded"  #: overview clusters opened by a click
DEMO_EXPANDED = "demo_expanded"
EXPLORER_OVERVIEW = "explorer_overview"
REMOVE_CONFIRM = "remove_confirm"

# demo mode
DEMO_STEP = "demo_step"
DEMO_CHAIN = "demo_chain"
