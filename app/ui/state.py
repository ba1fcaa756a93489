"""Every `st.session_state` key the app uses, declared once.

Pages read and write session state only through these names, so two pages never pick
the same key for different things and a test can set a page's input by key.
"""
from __future__ import annotations

LANG = "lang"  #: "zh" (default) or "en"
REGION = "region"  #: the region every page follows: a Region id, "" for the whole store
REGION_PICK = "region_pick"  #: the sidebar selector's widget key (copied into REGION)

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
PARTNER_SOURCE = "partner_source"  #: the partners page's selector widget
PARTNER_TARGET = "partner_target"  #: the chosen target, kept while other pages are open
PARTNER_SHOWN = "partner_shown"  #: the target the path below was chosen for
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
DEMO_BRIEF = "demo_brief_files"  #: ((revision, chains, language), {"pptx": bytes, "pdf": bytes})

# review
REVIEW_WHO = "review_who"  #: the reviewer's name, typed once per session
REVIEW_EDITOR = "review_editor"  #: True once the editor password was given
REVIEW_POS = "review_pos"  #: how many queue items were skipped with "next"
REVIEW_DOCUMENT = "review_document"
REVIEW_TYPE = "review_type"
REVIEW_FLASH = "review_flash"  #: the message of the last action, shown after the rerun
DEMO_REVIEWED = "demo_reviewed"  #: the demo map shows only the facts a planner reviewed
