"""Who may change the graph: anyone on loopback; elsewhere only with the editor password.

The password is read from INNOGRAPH_EDITOR_PASSWORD on the server and compared in
constant time; the browser never sees it. With none set off loopback, review is read-only.
"""
from __future__ import annotations

import hmac
import os
from dataclasses import dataclass

import streamlit as st

from app.ui import state

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Access:
    """Whether this session may edit, and if not, what it takes."""

    can_edit: bool
    needs_password: bool
    address: str


def listen_address() -> str:
    """The address the app serves on (`innograph app` passes it on; else Streamlit's)."""
    return (os.environ.get("INNOGRAPH_APP_ADDRESS") or st.get_option("server.address")
            or "0.0.0.0")


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of the typed password with the configured one."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def access() -> Access:
    address = listen_address()
    if address in LOOPBACK:
        return Access(True, False, address)
    if not os.environ.get("INNOGRAPH_EDITOR_PASSWORD"):
        return Access(False, False, address)
    return Access(bool(st.session_state.get(state.REVIEW_EDITOR)), True, address)


def unlock(given: str) -> bool:
    """Check a typed password on the server; on success this session may edit."""
    expected = os.environ.get("INNOGRAPH_EDITOR_PASSWORD") or ""
    ok = bool(expected) and password_matches(given, expected)
    st.session_state[state.REVIEW_EDITOR] = ok
    return ok
