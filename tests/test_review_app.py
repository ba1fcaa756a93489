"""The 审核 page under AppTest: it renders, writes actions, and who may change the graph."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.ui import state
from graph.curation.file import load_curation

APP = str(Path(__file__).resolve().parent.parent / "app" / "streamlit_app.py")


def _review(db: Path, monkeypatch, tmp_path, address: str, password: str | None = None,
            **session) -> AppTest:
    monkeypatch.setenv("INNOGRAPH_DB", str(db))
    monkeypatch.setenv("INNOGRAPH_STORE", "local")
    monkeypatch.setenv("INNOGRAPH_CURATION", str(tmp_path / "curation.yaml"))
    monkeypatch.setenv("INNOGRAPH_APP_ADDRESS", address)
    if password is None:
        monkeypatch.delenv("INNOGRAPH_EDITOR_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("INNOGRAPH_EDITOR_PASSWORD", password)
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    at.switch_page("screens/review.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def test_review_page_on_loopback_accepts_with_the_reviewers_name(built_store, monkeypatch, tmp_path):
    at = _review(Path(built_store.path), monkeypatch, tmp_path, "127.0.0.1",
                 **{state.REVIEW_WHO: "赵"})
    assert at.title[0].value == "审核"
    assert not _button(at, "review_accept").disabled
    _button(at, "review_accept").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    cur = load_curation(tmp_path / "curation.yaml")
    assert len(cur.accept) + len(cur.accept_relations) == 1


def test_review_page_off_loopback_without_password_is_read_only(built_store, monkeypatch, tmp_path):
    at = _review(Path(built_store.path), monkeypatch, tmp_path, "0.0.0.0",
                 **{state.REVIEW_WHO: "赵"})
    assert any("只读" in w.value and "INNOGRAPH_EDITOR_PASSWORD" in w.value for w in at.warning)
    assert _button(at, "review_accept").disabled and _button(at, "review_undo").disabled


@pytest.mark.parametrize("typed, editable", [("对的口令", True), ("错的口令", False)])
def test_review_page_off_loopback_needs_the_editor_password(built_store, monkeypatch, tmp_path,
                                                            typed, editable):
    at = _review(Path(built_store.path), monkeypatch, tmp_path, "0.0.0.0", password="对的口令",
                 **{state.REVIEW_WHO: "赵"})
    assert _button(at, "review_accept").disabled
    at.text_input[0].input(typed)
    next(b for b in at.button if b.label == "解锁编辑").click()
    at.run()
    assert _button(at, "review_accept").disabled is not editable
    if not editable:
        assert any("口令不对" in e.value for e in at.error)


def test_review_page_shows_a_banner_for_a_malformed_file(built_store, monkeypatch, tmp_path):
    (tmp_path / "curation.yaml").write_text("retype:\n  某某: Company\n", encoding="utf-8")
    at = _review(Path(built_store.path), monkeypatch, tmp_path, "127.0.0.1")
    assert any("curation.yaml:2:" in e.value for e in at.error)
