"""The briefing deck: `innograph brief` as PPTX and PDF from the same slides."""
from __future__ import annotations

import io
import warnings

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu
from pypdf import PdfReader

from graph.briefing import BriefError, build_deck, deck_bytes, write_deck
from graph.briefing.scope import in_region
from graph.briefing.slides import Bars
from graph.settings import Settings, StoreKind
from graph.stores import open_store
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    """One local store holding the sample report, shared by this module's tests."""
    from extract import extract_text
    from graph.ingest import to_document_graph

    text = SAMPLE.read_text(encoding="utf-8")
    store = open_store(Settings(store=StoreKind.LOCAL,
                                db_path=tmp_path_factory.mktemp("brief") / "sample.db"))
    store.add_document(to_document_graph(str(SAMPLE), text, extract_text(text)))
    yield store
    store.close()


@pytest.fixture(scope="module")
def deck(sample_store):
    return build_deck(sample_store)


@pytest.fixture(scope="module")
def files(deck, tmp_path_factory):
    folder = tmp_path_factory.mktemp("decks")
    return write_deck(deck, folder / "b.pptx"), write_deck(deck, folder / "b.pdf")


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_brief_pptx_has_the_slides_titles_table_pictures_and_evidence(deck, files):
    prs = Presentation(str(files[0]))
    slides = list(prs.slides)
    assert 8 <= len(slides) <= 14
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    titles = [s.shapes.title.text for s in slides]
    assert titles == [s.title for s in deck.slides]
    assert all(_has_cjk(t) for t in titles)
    keys = [s.key for s in deck.slides]
    assert keys[:4] == ["title", "glance", "map", "indicators"] and keys[-1] == "sources"
    assert "chain" in keys and "gaps" in keys and "partners" in keys and "hubs" in keys
    tables = [sh for s in slides for sh in s.shapes if sh.has_table]
    assert tables and all(len(t.table.rows) >= 2 for t in tables)
    pictures = [sh for s in slides for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) >= 3
    for pic in pictures:  # pixels per inch of the picture as placed on the slide
        px, _ = pic.image.size
        assert px / Emu(pic.width).inches >= 150


def test_brief_notes_carry_the_document_and_sentence_of_the_figures(deck, files, sample_text):
    prs = Presentation(str(files[0]))
    by_key = {s.key: shape_slide for s, shape_slide in zip(deck.slides, prs.slides)}
    for key in ("glance", "map", "indicators", "chain"):
        notes = by_key[key].notes_slide.notes_text_frame.text
        cited = [line for line in notes.splitlines() if "《" in line and "》：" in line]
        assert cited, f"no evidence in the notes of {key}"
        sentence = cited[0].split("》：", 1)[1].rstrip("…")
        assert sentence[:20] in sample_text.replace("\n", " ") or sentence[:20] in sample_text
    indicators = next(s for s in deck.slides if s.key == "indicators")
    assert any("目标" in n and "实际" in n for n in indicators.notes)


def test_brief_pdf_has_a_page_per_slide_with_chinese_text_and_embedded_font(deck, files):
    reader = PdfReader(str(files[1]))
    assert len(reader.pages) == len(deck.slides)
    first = reader.pages[0].extract_text()
    assert deck.title in first.replace("\n", "")
    text = "".join(p.extract_text() for p in reader.pages)
    assert "产业链" in text and "资料来源" in text
    fonts = reader.pages[1]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        for desc in (font.get("/DescendantFonts") or [font]):
            descriptor = desc.get_object().get("/FontDescriptor")
            if descriptor and any(k in descriptor.get_object() for k in
                                  ("/FontFile", "/FontFile2", "/FontFile3")):
                embedded.append(str(font["/BaseFont"]))
    assert embedded and all(f in embedded for f in map(str, (
        f.get_object()["/BaseFont"] for f in fonts.values())))


def test_brief_chart_is_drawn_in_a_cjk_font():
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font
    from matplotlib.text import Text

    from graph.briefing.pictures import figure

    fig = figure(Bars("各类主体数量", ("高校", "企业"), (3.0, 5.0), ("#0072B2", "#D55E00")), 6, 4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would fail here
        fig.canvas.draw()
    labels = [t for t in fig.findobj(Text) if _has_cjk(t.get_text())]
    assert labels
    for label in labels:
        path = font_manager.findfont(label.get_fontproperties(), fallback_to_default=False)
        assert FT2Font(path).get_char_index(ord("中")) != 0, path


def test_brief_empty_store_gives_a_short_deck_that_says_what_is_missing(local_store, tmp_path):
    deck = build_deck(local_store)
    assert 1 < len(deck.slides) <= 3
    assert any("innograph build" in b for s in deck.slides for b in s.bullets)
    assert deck_bytes(deck, "pptx")[:2] == b"PK"
    assert deck_bytes(deck, "pdf")[:5] == b"%PDF-"


def test_brief_region_scope_keeps_the_region_and_says_when_none_matches(sample_store, deck):
    assert in_region("柯桥", "绍兴") and in_region("绍兴市", "绍兴")
    assert not in_region("杭州", "绍兴")
    scoped = build_deck(sample_store, region="柯桥")
    glance = {s.key: s for s in scoped.slides}["glance"]
    full = {s.key: s for s in deck.slides}["glance"]
    assert glance.bullets[0] != full.bullets[0]  # fewer actors
    assert scoped.title.startswith("柯桥")
    nowhere = build_deck(sample_store, region="拉萨")
    assert len(nowhere.slides) == 2 and "拉萨" in nowhere.slides[1].bullets[1]


def test_brief_chosen_chains_and_english(sample_store):
    deck = build_deck(sample_store, chains=["现代纺织", "integrated_circuit"], lang="en",
                      title="Briefing")
    chains = [s.title for s in deck.slides if s.key == "chain"]
    assert len(chains) == 2 and "textile" in chains[0].lower()
    assert deck.title == "Briefing" and not _has_cjk(deck.slides[1].title)
    with pytest.raises(BriefError, match="no industry chain"):
        build_deck(sample_store, chains=["不存在的链"])


def test_brief_cli_writes_both_files_and_rejects_other_suffixes(sample_store, tmp_path):
    from app.cli import cli

    db = str(sample_store.path) if hasattr(sample_store, "path") else None
    runner = CliRunner()
    args = ["--db", db] if db else []
    out = tmp_path / "b.pptx"
    result = runner.invoke(cli, ["brief", str(out), "--chain", "现代纺织", *args])
    assert result.exit_code == 0, result.output
    assert "页幻灯片" in result.output and out.exists()
    bad = runner.invoke(cli, ["brief", str(tmp_path / "b.docx"), *args])
    assert bad.exit_code != 0 and ".pptx or .pdf" in bad.output


def test_brief_labels_and_colours_match_the_app():
    from app.ui import i18n
    from app.ui.graph_html import KIND_STYLE
    from graph.briefing import palette, text

    assert {k: s.color for k, s in KIND_STYLE.items()} == palette.KIND_COLORS
    assert text.KINDS == i18n.KINDS
    assert text.REASONS_ZH == {code: zh for code, (zh, _) in i18n.REASONS.items()}


def test_brief_demo_page_offers_both_downloads(sample_store, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.test_app import APP

    monkeypatch.setenv("INNOGRAPH_DB", str(sample_store.path))
    monkeypatch.setenv("INNOGRAPH_STORE", "local")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("screens/demo.py")
    at.run()
    assert at.button(key="demo_brief").label == "导出汇报材料"
    at.button(key="demo_brief").click().run()
    assert not at.exception and not at.error
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["下载幻灯片", "下载 PDF"]


@pytest.mark.parametrize("case", ["one actor", "a few unlinked"])
def test_brief_tiny_store_lists_what_is_missing_and_still_writes(local_store, case):
    from tests.graph_factory import K, R, doc_graph

    if case == "one actor":
        local_store.add_document(doc_graph("tiny", [(K.INSTITUTE, "某某研究院")]))
    else:
        local_store.add_document(doc_graph("tiny", [(K.INSTITUTE, "某某研究院"), (K.REGION, "绍兴"),
                                                    (K.ENTERPRISE, "某某公司")],
                                           [("某某研究院", R.LOCATED_IN, "绍兴")], indicators=1))
    deck = build_deck(local_store)
    keys = [s.key for s in deck.slides]
    assert keys[0] == "title" and keys[-1] == "sources" and "missing" in keys
    missing = next(s for s in deck.slides if s.key == "missing")
    assert "没有主体能对应到产业链" in "".join(missing.bullets)
    assert len(PdfReader(io.BytesIO(deck_bytes(deck, "pdf"))).pages) == len(deck.slides)
    assert len(Presentation(io.BytesIO(deck_bytes(deck, "pptx"))).slides) == len(deck.slides)
