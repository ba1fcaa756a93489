"""Read a document file into plain text: TXT, Markdown, HTML, DOCX or PDF, any common encoding.

The format is detected from the content (magic bytes), the extension only breaks ties.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from graph.errors import DocumentError

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def read_document(path: str | Path) -> str:
    """The text of a document, with PDF line breaks inside paragraphs joined."""
    path = Path(path)
    if not path.is_file():
        raise DocumentError(f"{path}: no such file")
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(f"{path}: the file is empty")
    fmt = detect_format(data, path.suffix.lower())
    try:
        text = _READERS[fmt](data)
    except DocumentError as exc:
        raise DocumentError(f"{path}: {exc}") from None
    except Exception as exc:  # a broken PDF or DOCX raises the parser's own errors
        raise DocumentError(f"{path}: cannot read it as {fmt.upper()} ({exc.__class__.__name__}: "
                            f"{exc})") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise DocumentError(f"{path}: no text found (a scanned PDF needs OCR first)")
    return text


def detect_format(data: bytes, suffix: str = "") -> str:
    """'pdf', 'docx', 'html', 'markdown' or 'text', from the bytes first."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "word/document.xml" in zf.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        raise DocumentError("a ZIP archive that is not a DOCX document")
    head = "" if _looks_utf16(data) else data[:2048].decode("ascii", "ignore").lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or suffix in (".html", ".htm"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def _looks_utf16(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes) -> str:
    """Decode bytes by BOM, then UTF-8, then the best guess of charset-normalizer (GBK …)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "gbk", "big5", "utf_16", "utf_8"]).best()
    if best is None:
        raise DocumentError("the text encoding is not one of UTF-8, UTF-16, GBK or GB18030")
    encoding = "gb18030" if best.encoding in ("gbk", "gb2312") else best.encoding
    return data.decode(encoding, errors="replace")


def _read_text(data: bytes) -> str:
    return decode_text(data)


def _read_markdown(data: bytes) -> str:
    text = decode_text(data)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)  # headings
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    return re.sub(r"(\*\*|__|`)", "", text)


def _read_html(data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(data), "html.parser")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    return soup.get_text("\n")


def _read_docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


_CJK_END = re.compile(r"(?<=[\u4e00-\u9fff，、（）“”：；0-9A-Za-z])\n(?=[\u4e00-\u9fff，、（）“”0-9A-Za-z])")


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() or "" for page in reader.pages]
    # a line break after anything but sentence-ending punctuation is a wrap, not a paragraph
    return "\n".join(_CJK_END.sub("", p) for p in pages)


_READERS = {"pdf": _read_pdf, "docx": _read_docx, "html": _read_html,
            "markdown": _read_markdown, "text": _read_text}
