"""extract.reading: every supported format and encoding, detected from the content.

Fixtures are generated here, under tmp_path, from real sentences of the sample report:
DOCX with python-docx, PDF with reportlab's built-in `STSong-Light` CID font.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.reading import detect_format, read_document
from graph.errors import DocumentError

# real sentences of data/docs/shaoxing_2020_report.txt (its title, a heading, two sentences)
TITLE = "2020年绍兴市科技创新工作总结和2021年工作思路"
HEADING = "一、2020年科技工作总结"
SENTENCE_COMPANIES = "支持中芯国际、浙江龙盛、浙江医药等行业内10家领军企业，联合产业链上下游企业和高校、科研院所组建技术创新联盟。"
SENTENCE_INSTITUTES = "加强与高校院所对接，上海交通大学绍兴研究院、江南大学（绍兴）产业技术研究院、浙江大学绍兴研究院等落地。"
TEXT = "\n".join([TITLE, HEADING, SENTENCE_COMPANIES, SENTENCE_INSTITUTES])

ENCODINGS = ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]


@pytest.fixture(scope="module", autouse=True)
def sentences_come_from_the_sample(sample_text):
    """Guard: the fixtures below really are sentences of the sample report."""
    for s in (TITLE, HEADING, SENTENCE_COMPANIES[:20], SENTENCE_INSTITUTES[:20]):
        assert s in sample_text


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for p in paragraphs[1:]:
        document.add_paragraph(p)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(lines: list[str]) -> bytes:
    """One page, one drawn line per item: the PDF's own line breaks."""
    pytest.importorskip("reportlab", reason="pip install -e '.[test]' (reportlab makes test PDFs)")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.setFont("STSong-Light", 11)
    y = 800
    for line in lines:
        c.drawString(60, y, line)
        y -= 16
    c.showPage()
    c.save()
    return out.getvalue()


def wrap(paragraph: str, width: int) -> list[str]:
    """Lines of `width` characters, as a PDF column wraps running Chinese text."""
    return [paragraph[i:i + width] for i in range(0, len(paragraph), width)]


def split_inside(paragraph: str, name: str, cut: int) -> list[str]:
    """Wrap `paragraph` into full lines so that a line break falls after name[:cut]."""
    width = paragraph.index(name) + cut
    lines = wrap(paragraph, width)
    assert any(line.endswith(name[:cut]) for line in lines)
    return lines


# --- plain text, Markdown and HTML in every encoding ---------------------------------------

@pytest.mark.parametrize("encoding", ENCODINGS)
def test_reading_text_in_any_encoding(tmp_path, encoding):
    path = write(tmp_path, "report.txt", TEXT.encode(encoding))
    assert read_document(path).strip() == TEXT


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_reading_markdown_in_any_encoding(tmp_path, encoding):
    markdown = f"# {TITLE}\n\n## {HEADING}\n\n支持**中芯国际**、[浙江龙盛](https://example.org)等企业。\n"
    text = read_document(write(tmp_path, "report.md", markdown.encode(encoding)))
    assert text.split() == [TITLE, HEADING, "支持中芯国际、浙江龙盛等企业。"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_reading_html_in_any_encoding(tmp_path, encoding):
    html = (f"<!DOCTYPE html><html><head><meta charset='{encoding}'><title>{TITLE}</title>"
            f"<style>p {{color: red}}</style></head><body><h1>{HEADING}</h1>"
            f"<p>{SENTENCE_COMPANIES}</p><script>var x = 1;</script></body></html>")
    text = read_document(write(tmp_path, "report.html", html.encode(encoding)))
    assert text.split() == [TITLE, HEADING, SENTENCE_COMPANIES]


@pytest.mark.parametrize("encoding", ["gb18030"])
def test_reading_gb18030_characters_beyond_gbk(tmp_path, encoding):
    text = "𠀀𡈽镕" + SENTENCE_COMPANIES  # four-byte GB18030 and a rare CJK character
    assert read_document(write(tmp_path, "rare.txt", text.encode(encoding))) == text


# --- the format comes from the content, not the extension -----------------------------------

@pytest.mark.parametrize(("name", "make", "fmt"), [
    ("gbk.md", lambda: f"# {TITLE}\n{SENTENCE_COMPANIES}".encode("gbk"), "markdown"),
    ("page.txt", lambda: f"<html><body><p>{SENTENCE_COMPANIES}</p></body></html>".encode(), "html"),
    ("fragment.txt", lambda: f"<div><p>{SENTENCE_COMPANIES}</p></div>".encode("gbk"), "html"),
    ("utf16-page.txt", lambda: f"<!doctype html><p>{SENTENCE_COMPANIES}</p>".encode("utf-16"),
     "html"),
    ("report.dat", lambda: make_pdf([SENTENCE_COMPANIES[:30]]), "pdf"),
    ("report.bin", lambda: make_docx([TITLE, SENTENCE_COMPANIES]), "docx"),
    ("report.pdf", lambda: TEXT.encode("gbk"), "text"),
    ("notes.txt", lambda: f"PDF 文件以 %PDF-1.7 开头。{SENTENCE_COMPANIES}".encode(), "text"),
    ("mail.pdf", lambda: b"\r\n\r\n" + make_pdf([SENTENCE_COMPANIES[:30]]), "pdf"),
])
def test_reading_format_detected_from_content(tmp_path, name, make, fmt):
    data = make()
    path = write(tmp_path, name, data)
    assert detect_format(data, path.suffix) == fmt
    assert "中芯国际" in read_document(path)


@pytest.mark.parametrize("markup", [
    "<p>支持中芯国际、浙江龙盛、<b>浙江</b>医药等行业内10家领军企业。</p>",
    "<p>支持中芯国际、浙江龙盛、<span class='x'>浙江</span><a href='#'>医药</a>等行业内10家领军企业。</p>",
    "<p>支持中芯国际、浙江龙盛、浙江\n      医药等行业内10家领军企业。</p>",
])
def test_reading_html_inline_markup_does_not_split_names(tmp_path, markup):
    text = read_document(write(tmp_path, "page.html", f"<html><body>{markup}</body></html>".encode()))
    assert text.strip() == "支持中芯国际、浙江龙盛、浙江医药等行业内10家领军企业。"


@pytest.mark.parametrize("markup", ["<p>甲</p><p>乙</p>", "<div>甲<br>乙</div>", "<ul><li>甲</li><li>乙</li></ul>"])
def test_reading_html_blocks_end_lines(tmp_path, markup):
    assert read_document(write(tmp_path, "page.html", markup.encode())).split("\n")[:2] == ["甲", "乙"]


# --- DOCX ----------------------------------------------------------------------------------

@pytest.mark.parametrize("table", [[["企业", "产业链"], ["浙江医药", "生物医药"]]])
def test_reading_docx_paragraphs_and_tables_in_order(tmp_path, table):
    data = make_docx([TITLE, HEADING, SENTENCE_COMPANIES], table)
    lines = read_document(write(tmp_path, "report.docx", data)).split("\n")
    assert lines == [TITLE, HEADING, SENTENCE_COMPANIES, "企业\t产业链", "浙江医药\t生物医药"]


# --- PDF (text layer) ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "cut"), [("浙江医药", 2), ("上海交通大学绍兴研究院", 6)])
def test_reading_pdf_line_breaks_inside_a_name_are_joined(tmp_path, name, cut):
    paragraph = SENTENCE_COMPANIES if name in SENTENCE_COMPANIES else SENTENCE_INSTITUTES
    lines = split_inside(paragraph, name, cut)
    text = read_document(write(tmp_path, "report.pdf", make_pdf(lines)))
    assert name in text
    assert text.strip() == paragraph


@pytest.mark.parametrize("width", [30, 36])
def test_reading_pdf_keeps_title_headings_and_paragraphs_apart(tmp_path, width):
    lines = [TITLE, HEADING, *wrap(SENTENCE_COMPANIES, width), *wrap(SENTENCE_INSTITUTES, width)]
    text = read_document(write(tmp_path, "report.pdf", make_pdf(lines)))
    assert text.strip().split("\n") == [TITLE, HEADING, SENTENCE_COMPANIES, SENTENCE_INSTITUTES]


@pytest.mark.parametrize("lines", [["Shaoxing supports leading", "enterprises such as SMIC and",
                                    "Zhejiang Medicine in ten chains."]])
def test_reading_pdf_english_wraps_keep_a_space(tmp_path, lines):
    text = read_document(write(tmp_path, "en.pdf", make_pdf(lines)))
    assert text.strip() == " ".join(lines)


# --- bad input: a DocumentError naming the file and the problem ------------------------------

def _zip_without_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("notes.txt", SENTENCE_COMPANIES)
    return out.getvalue()


BAD_INPUTS = [
    # (case id, file name, bytes or None for no file, expected words of the message)
    ("missing", "missing.txt", None, "no such file"),
    ("empty", "empty.txt", b"", "the file is empty"),
    ("blank", "blank.md", b" \r\n\t\n", "the file is empty"),
    ("bom-only", "bom.txt", b"\xef\xbb\xbf", "the file holds no text"),
    ("zip-not-docx", "archive.docx", _zip_without_docx(), "a ZIP archive, not a DOCX document"),
    ("damaged-zip", "broken.docx", b"PK\x03\x04" + b"\x00garbage" * 20, "damaged ZIP archive"),
    ("corrupt-pdf", "broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage",
     "cannot read it as PDF, the file is damaged"),
    ("undecodable", "mixed.txt", TEXT.encode("utf-8")[:40] + b"\xff\xfe\xfd\x80\x81" * 3
     + "企业".encode("utf-8"), "undecodable bytes at offset 40"),
    ("binary", "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
     "binary data, not a text document"),
    ("legacy-doc", "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
     "legacy binary Office file"),
]


@pytest.mark.parametrize(("name", "data", "problem"), [c[1:] for c in BAD_INPUTS],
                         ids=[c[0] for c in BAD_INPUTS])
def test_reading_bad_input_raises_document_error(tmp_path, name, data, problem):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path}: ")
    assert problem in str(info.value)


@pytest.mark.parametrize("cut", [200])
def test_reading_truncated_pdf_raises_document_error(tmp_path, cut):
    path = write(tmp_path, "truncated.pdf", make_pdf([SENTENCE_COMPANIES[:30]])[:cut])
    with pytest.raises(DocumentError, match=r"truncated\.pdf: cannot read it as PDF"):
        read_document(path)


@pytest.mark.parametrize("name", ["reports"])
def test_reading_folder_is_not_a_document(tmp_path, name):
    (tmp_path / name).mkdir()
    with pytest.raises(DocumentError, match="is a folder, not a document"):
        read_document(tmp_path / name)


# --- through the CLI -------------------------------------------------------------------------

@pytest.fixture
def cli_runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(("name", "data", "problem"), [c[1:] for c in BAD_INPUTS],
                         ids=[c[0] for c in BAD_INPUTS])
def test_reading_cli_extract_bad_input_fails_cleanly(tmp_path, cli_runner, name, data, problem):
    from app.cli import cli

    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    result = cli_runner.invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # click's clean exit, not a crash
    assert "Traceback" not in result.output
    assert f"Error: {path}: " in result.output
    assert problem in result.output


@pytest.mark.parametrize("encoding", ["gbk"])
def test_reading_cli_extract_gbk_markdown(tmp_path, cli_runner, encoding):
    import json

    from app.cli import cli

    path = write(tmp_path, "report.md", f"# {TITLE}\n\n{SENTENCE_COMPANIES}\n".encode(encoding))
    result = cli_runner.invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    names = {e["name"] for e in json.loads(result.output)["entities"]}
    assert {"中芯国际", "浙江龙盛", "浙江医药"} <= names
