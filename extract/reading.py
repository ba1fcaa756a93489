"""Read a document file into plain text: TXT, Markdown, HTML, DOCX or PDF, any common encoding.

The format is detected from the content (magic bytes, markup), the extension only breaks
ties; the encoding (UTF-8 with or without BOM, UTF-16 with or without BOM, GBK, GB18030)
is detected from the bytes too.
"""
from __future__ import annotations

import io
import logging
import re
import zipfile
from pathlib import Path

from extract.errors import DocumentError

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_ACCEPTED = "innograph reads text, Markdown, HTML, DOCX and PDF files"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls / .ppt
#: larger files are refused: a work report or plan is well under 1 MB of text, and a
#: PDF of a few hundred pages under 50 MB; bigger ones are archives or scans
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def read_document(path: str | Path, *, max_bytes: int | None = None) -> str:
    """The text of a document, with PDF line breaks inside paragraphs joined.

    Raises `DocumentError` naming the file and the problem when it cannot be read
    (also when it is larger than `max_bytes`, default `MAX_DOCUMENT_BYTES`).
    """
    path = Path(path)
    if path.is_dir():
        raise DocumentError(f"{path}: is a folder, not a document (use `innograph build` "
                            "for folders)")
    if not path.is_file():
        raise DocumentError(f"{path}: no such file")
    try:
        size, limit = path.stat().st_size, max_bytes or MAX_DOCUMENT_BYTES
        if size > limit:
            raise DocumentError(f"{path}: {size:,} bytes, over the limit of {limit:,} bytes "
                                "for one document; split it or leave it out")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be opened ({exc.strerror or exc})") from None
    if not data.strip():
        raise DocumentError(f"{path}: the file is empty")
    fmt = "document"
    try:
        fmt = detect_format(data, path.suffix.lower())
        text = _READERS[fmt](data)
    except DocumentError as exc:
        raise DocumentError(f"{path}: {exc}") from None
    except Exception as exc:  # a broken PDF or DOCX raises the parser's own errors
        raise DocumentError(f"{path}: cannot read it as {fmt.upper()}, the file is damaged "
                            f"({exc.__class__.__name__}: {exc})") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        if fmt == "pdf":
            raise DocumentError(f"{path}: the PDF has no text layer (a scanned PDF needs OCR "
                                "first)")
        raise DocumentError(f"{path}: the file holds no text")
    return text


def detect_format(data: bytes, suffix: str = "") -> str:
    """'pdf', 'docx', 'html', 'markdown' or 'text', from the bytes first."""
    if data.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and b"%%EOF" in data[-2048:]):
        return "pdf"  # the header may follow a few bytes of junk
    if data.startswith(b"PK\x03\x04"):
        return _detect_zip(data)
    if data.startswith(_OLE2):
        raise DocumentError("a legacy binary Office file (.doc/.xls/.ppt), not a DOCX document; "
                            "save it as .docx or PDF first")
    head = _head_text(data).lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")) or suffix in (".html", ".htm"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if head.startswith("<") and _HTML_TAG.search(head):  # an HTML fragment named .txt
        return "html"
    return "text"


_HTML_TAG = re.compile(r"<(?:head|body|meta|title|div|p|table|span|br|h[1-6]|ul|ol|section|"
                       r"article)\b")


def _detect_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
    except zipfile.BadZipFile:
        raise DocumentError("a damaged ZIP archive, not a readable DOCX document") from None
    if "word/document.xml" in names:
        return "docx"
    kind = ("an Excel workbook" if any(n.startswith("xl/") for n in names) else
            "a PowerPoint deck" if any(n.startswith("ppt/") for n in names) else
            "an OpenDocument file" if "content.xml" in names else "a ZIP archive")
    raise DocumentError(f"{kind}, not a DOCX document ({_ACCEPTED})")


def _head_text(data: bytes) -> str:
    """The first characters, decoded well enough to look for markup."""
    encoding = _utf16_encoding(data)
    if encoding:
        return data[:4096].decode(encoding, "ignore")
    return data[:2048].decode("ascii", "ignore")


def _utf16_encoding(data: bytes) -> str | None:
    """'utf-16' when there is a BOM, 'utf-16-le'/'-be' when BOM-less UTF-16 is plausible."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    if len(data) % 2:
        return None
    sample = data[:4096]
    best, best_score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:  # unpaired surrogates: not this byte order
            continue
        score = _plausible_share(text)
        if score > best_score:
            best, best_score = encoding, score
    return best if best_score >= 0.9 else None


def _plausible_share(text: str) -> float:
    """The share of characters that Chinese or English prose is made of."""
    ok = sum(1 for ch in text if ch.isspace() or " " <= ch <= "~" or "\u4e00" <= ch <= "\u9fff"
             or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
             or "\u2010" <= ch <= "\u2027")
    return ok / len(text) if text else 0.0


def decode_text(data: bytes) -> str:
    """Decode bytes by BOM, then UTF-8, UTF-16 without BOM, then GBK/GB18030 (charset-normalizer)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError(f"undecodable bytes at offset {exc.start}: the file starts "
                                    f"with a {encoding.upper()} byte-order mark but is not "
                                    f"{encoding.upper()}; save it as UTF-8") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    utf16 = _utf16_encoding(data)
    if utf16:
        return data.decode(utf16)
    if b"\x00" in data[:4096]:
        raise DocumentError(f"binary data, not a text document ({_ACCEPTED})")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "gbk", "big5", "utf_16", "utf_8"]).best()
    if best is not None:
        encoding = "gb18030" if best.encoding in ("gbk", "gb2312") else best.encoding
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise DocumentError(f"undecodable bytes at offset {utf8_error.start}: the text is not "
                        "UTF-8, UTF-16, GBK or GB18030; save it as UTF-8")


def _read_text(data: bytes) -> str:
    return decode_text(data)


def _read_markdown(data: bytes) -> str:
    text = decode_text(data)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)  # headings
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    return re.sub(r"(\*\*|__|`)", "", text)


_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
               "article", "header", "footer", "blockquote", "pre", "title", "dt", "dd", "ul",
               "ol", "caption", "figcaption", "main", "nav", "aside", "form", "hr")
_CJK = "\u4e00-\u9fff\u3000-\u303f\uff00-\uffef"
_SOURCE_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n\s*(?=[{_CJK}])")


def _read_html(data: bytes) -> str:
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(decode_text(data), "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    # line breaks in the source between Chinese characters are not spaces when rendered
    for s in list(soup.find_all(string=True)):
        if s.parent is not None and s.parent.name != "pre" and "\n" in s:
            s.replace_with(NavigableString(_SOURCE_BREAK.sub("", s)))
    # inline tags (<b>浙江</b>医药) must not split a name: only blocks end a line
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for cell in soup.find_all(("td", "th")):
        cell.append("\t")
    for block in soup.find_all(_BLOCK_TAGS):
        block.insert_before("\n")
        block.append("\n")
    text = soup.get_text()
    text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", text)
    return text.strip("\n") + "\n"


def _read_docx(data: bytes) -> str:
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():  # paragraphs and tables, in document order
        if isinstance(block, Table):
            for row in block.rows:
                lines.append("\t".join(cell.text for cell in row.cells))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _width(line: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in line)


_CAN_END_WRAPPED = re.compile(rf"[{_CJK}0-9A-Za-z，、（“‘《\-]$")
_SENTENCE_END = re.compile(r"[。！？；!?;]$")
_CAN_START_WRAPPED = re.compile(rf"^[{_CJK}0-9A-Za-z，、）”’》%]")


def _join_wrapped_lines(page: str) -> str:
    """Join the lines of a page that are wraps inside a paragraph.

    A line is a wrap when it is nearly as wide as the page's column (most lines of running
    text fill it) and does not end a sentence; a shorter line ends a paragraph or is a heading.
    Chinese joins without a space, English words with one.
    """
    lines = [line.rstrip() for line in page.split("\n")]
    widths = sorted(_width(line) for line in lines if line)
    # the column width: most lines of running text are full, a few (a merged header) wider
    column = widths[int(0.8 * (len(widths) - 1))] if widths else 0
    out: list[str] = []
    prev = ""  # the previous line as printed, not as joined so far
    for line in lines:
        if out and _is_wrap(prev, line, column):
            glue = " " if prev[-1].isascii() and prev[-1].isalnum() and line[:1].isascii() else ""
            out[-1] += glue + line.lstrip()
        else:
            out.append(line)
        prev = line
    return "\n".join(out)


def _is_wrap(prev: str, line: str, column: int) -> bool:
    return (bool(prev) and bool(line.strip()) and _width(prev) >= 0.8 * column
            and not _SENTENCE_END.search(prev) and bool(_CAN_END_WRAPPED.search(prev))
            and bool(_CAN_START_WRAPPED.search(line.lstrip())))


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    # pypdf logs warnings about damaged files to stderr; the error we raise says it better
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs are encrypted with an empty password
            except Exception:
                opened = False
            if not opened:
                raise DocumentError("the PDF is password-protected; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    finally:
        logger.setLevel(level)
    return "\n".join(_join_wrapped_lines(p) for p in pages)


_READERS = {"pdf": _read_pdf, "docx": _read_docx, "html": _read_html,
            "markdown": _read_markdown, "text": _read_text}
