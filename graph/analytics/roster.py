"""Import a planner's roster of enterprises (CSV or XLSX) as a document of its own.

The roster becomes one document: its id is the hash of the file's bytes and its text
renders each row as one line ("卧龙电气，位于上虞，属于高端装备产业。"), so every fact
points at the line -- the row -- it came from. Enterprises are LOCATED_IN their Region
and FOCUSES_ON their IndustryChain; names are resolved against what the store already
holds, so a roster enterprise the reports also mention is one node.
"""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from extract.canonical import canonical_name, name_forms
from graph.analytics.taxonomy import Taxonomy, default_taxonomy
from graph.errors import InnographError
from graph.model import (Document, DocumentGraph, Entity, EntityKind, Evidence, Mention,
                         Relation, RelationKind)
from graph.stores import GraphStore

EXTRACTOR = "roster"
#: Accepted headers (after lower-casing and trimming) for each column.
HEADERS = {
    "name": ("name", "企业名称", "企业", "名称", "单位名称"),
    "region": ("region", "区域", "地区", "所在地区", "区县"),
    "industry": ("industry", "产业", "行业", "所属产业", "产业链"),
    "segment": ("segment", "环节", "产业环节"),
    "high_tech": ("high_tech", "高新技术企业", "高新", "是否高新技术企业"),
}
REQUIRED = ("name", "region", "industry")
_YES = {"1", "true", "yes", "y", "是", "√", "✓", "高新", "高新技术企业"}
_NO = {"", "0", "false", "no", "n", "否", "×"}


class RosterError(InnographError):
    """A roster file cannot be read, or one of its rows is malformed."""


@dataclass(frozen=True)
class RosterRow:
    """One enterprise of the roster, as read."""

    line: int  #: the row number in the file (the header is row 1)
    name: str
    region: str
    industry: str
    segment: str = ""
    high_tech: bool | None = None


@dataclass(frozen=True)
class RosterReport:
    """What importing a roster did."""

    path: str
    doc_id: str
    added: bool  #: False when the same file was imported before (nothing changed)
    rows: int
    enterprises: int
    problems: tuple[str, ...] = ()  #: the rows left out, each "row N: reason"


def import_roster(store: GraphStore, path: str | Path, *,
                  taxonomy: Taxonomy | None = None, label: str | None = None) -> RosterReport:
    """Add a roster of enterprises to the store as a document of its own.

    Parameters
    ----------
    store : GraphStore
    path : path
        A ``.csv`` (UTF-8 or GBK) or ``.xlsx`` file whose first row holds the headers
        name, region, industry and optionally segment and high_tech -- or their Chinese
        forms 企业名称, 区域/地区, 产业/行业, 环节, 高新技术企业.
    taxonomy : Taxonomy, optional
        Used to record which chain an industry stands for.
    label : str, optional
        The name the roster is stored and reported under (an upload's own name rather
        than its temporary copy); default: the path.

    Returns
    -------
    RosterReport
        ``added`` is False when the same file content was imported before.

    Raises
    ------
    RosterError
        Naming the file and the problem when no row can be read (no file, no header,
        no good row). Bad rows alone do not stop the import: each is left out and named
        with its line number and reason in ``problems``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graph.stores.local import LocalStore
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "r.csv").write_text("企业名称,区域,产业\\n甲纺织公司,柯桥,现代纺织\\n", encoding="utf-8")
    >>> store = LocalStore(folder / "s.db")
    >>> report = import_roster(store, folder / "r.csv")
    >>> report.added, report.enterprises, import_roster(store, folder / "r.csv").added
    (True, 1, False)
    >>> sorted(r.kind.value for r in store.relations())
    ['FOCUSES_ON', 'LOCATED_IN']
    >>> store.close()
    """
    path = Path(path)
    data = _read_bytes(path)
    rows, problems = read_roster_rows(path, data)
    graph = roster_document(path, data, rows, store=store, taxonomy=taxonomy, label=label)
    added = store.add_document(graph)
    enterprises = sum(1 for e in graph.entities.values() if e.kind is EntityKind.ENTERPRISE)
    return RosterReport(label or str(path), graph.document.id, added, len(rows), enterprises,
                        tuple(problems))


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise RosterError(f"{path}: no such file")
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise RosterError(f"{path}: a roster is a .csv or .xlsx file, not {path.suffix or 'a file without extension'}")
    return path.read_bytes()


#: rows searched for the header (a title row or two above it is common in Excel exports)
HEADER_SEARCH_ROWS = 10


def _columns(header: list) -> dict[str, int]:
    cells = [str(h or "").strip().lower() for h in header]
    columns: dict[str, int] = {}
    for field_name, names in HEADERS.items():
        for i, h in enumerate(cells):
            if h in names and field_name not in columns:
                columns[field_name] = i
    return columns


def read_roster(path: str | Path, data: bytes | None = None) -> list[RosterRow]:
    """The good rows of a roster file (see `read_roster_rows` for the bad ones)."""
    return read_roster_rows(path, data)[0]


def read_roster_rows(path: str | Path, data: bytes | None = None
                     ) -> tuple[list[RosterRow], list[str]]:
    """The rows that can be read, and one "row N: reason" for each that cannot.

    The header is the first of the top rows that names the required columns (title
    rows above it are skipped). Raises `RosterError` when there is no such header or
    no good row.
    """
    path = Path(path)
    data = _read_bytes(path) if data is None else data
    table = _xlsx_rows(path, data) if path.suffix.lower() == ".xlsx" else _csv_rows(path, data)
    if not any(any(str(c or "").strip() for c in row) for row in table):
        raise RosterError(f"{path}: the file is empty; the first row must hold the headers "
                          "name, region, industry (or 企业名称, 区域, 产业)")
    at = next((i for i, row in enumerate(table[:HEADER_SEARCH_ROWS])
               if all(f in _columns(row) for f in REQUIRED)), None)
    if at is None:
        first = next(row for row in table if any(str(c or "").strip() for c in row))
        columns = _columns(first)
        missing = [f for f in REQUIRED if f not in columns]
        wanted = "; ".join(f"{f} ({'/'.join(HEADERS[f][1:3])})" for f in missing)
        raise RosterError(f"{path}: no column for {wanted}; the header row has: "
                          + ", ".join(str(h).strip() for h in first if str(h or "").strip()))
    header = table[at]
    columns = _columns(header)
    width = max(i for i, h in enumerate(header) if str(h or "").strip()) + 1
    rows, problems = [], []
    seen: dict[str, int] = {}
    for line, values in enumerate(table[at + 1:], start=at + 2):
        values = list(values)
        while values and not str(values[-1] if values[-1] is not None else "").strip():
            values.pop()  # trailing empty cells (a trailing comma) are harmless
        cells = {f: str(values[i]).strip() if i < len(values) and values[i] is not None else ""
                 for f, i in columns.items()}
        if not values:
            continue
        if len(values) > width:
            problems.append(f"row {line}: {len(values)} cells where the header has {width} "
                            "(a comma inside a name? put the name in quotes)")
            continue
        empty = [f for f in REQUIRED if not cells[f]]
        if empty:
            problems.append(f"row {line}: {', '.join(empty)} is empty")
            continue
        flag = cells.get("high_tech", "").lower()
        if flag not in _YES and flag not in _NO:
            problems.append(f"row {line}: high_tech is {cells['high_tech']!r}; write 是/否 or yes/no")
            continue
        if cells["name"] in seen:
            problems.append(f"row {line}: {cells['name']} is already listed in row "
                            f"{seen[cells['name']]}")
            continue
        seen[cells["name"]] = line
        high_tech = None if "high_tech" not in columns or flag == "" else flag in _YES
        rows.append(RosterRow(line, cells["name"], cells["region"], cells["industry"],
                              cells.get("segment", ""), high_tech))
    if not rows:
        detail = (":\n  " + "\n  ".join(problems)) if problems else ""
        raise RosterError(f"{path}: the header row is there but no enterprise can be read"
                          + detail)
    return rows, problems


def _csv_rows(path: Path, data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterError(f"{path}: not UTF-8 or GBK text; save the CSV as UTF-8")
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t，")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(path: Path, data: bytes) -> list[list]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a broken file
        raise RosterError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def render_row(row: RosterRow) -> str:
    """The line of the roster document that states one row."""
    text = f"{row.name}，位于{row.region}，属于{row.industry}产业"
    if row.segment:
        text += f"，环节：{row.segment}"
    if row.high_tech is True:
        text += "，高新技术企业"
    return text + "。"


class _RosterNames:
    """Names of roster cells as documents name the same actors: the lexicon's canonical
    name (卧龙电气驱动集团股份有限公司 → 卧龙电气, 上虞区 → 上虞), and for an enterprise the
    stored one whose name agrees without company suffix and leading region."""

    def __init__(self, enterprises: list[Entity]) -> None:
        self.forms: dict[str, str] = {}
        for e in enterprises:
            self.remember(e.name, e.aliases)

    def remember(self, name: str, aliases: tuple[str, ...] = ()) -> None:
        for form in (name, *aliases):
            for f in name_forms(EntityKind.ENTERPRISE, form):
                self.forms.setdefault(f, name)

    def resolve(self, kind: EntityKind, raw: str) -> str:
        if kind is EntityKind.INDUSTRY_CHAIN:  # an industry keeps the roster's word, as in documents
            return raw
        name = canonical_name(kind, raw)
        if kind is EntityKind.ENTERPRISE:
            found = next((self.forms[f] for f in name_forms(kind, name) + name_forms(kind, raw)
                          if f in self.forms), None)
            name = found or name
            self.remember(name, (raw,))
        return name


def roster_document(path: Path, data: bytes, rows: list[RosterRow], *, store: GraphStore | None = None,
                    taxonomy: Taxonomy | None = None, resolver=None,
                    doc_id: str | None = None, label: str | None = None) -> DocumentGraph:
    """The DocumentGraph a roster contributes (see the module docstring); `resolver` and
    `doc_id` let curation rebuild a stored roster's facts from its rows."""
    from graph.resolution import Resolver

    taxonomy = taxonomy or default_taxonomy()
    if resolver is None:
        resolver = Resolver.for_store(store) if store is not None else Resolver()
    names = _RosterNames(store.entities(kinds=[EntityKind.ENTERPRISE]) if store is not None
                         else [])
    doc_id = doc_id or hashlib.sha256(data).hexdigest()[:16]
    lines = [render_row(r) for r in rows]
    text = "\n".join(lines) + "\n"
    shown = label or str(path)
    graph = DocumentGraph(Document(doc_id, shown, f"企业名录 {Path(shown).name}", len(text)), text)
    offset = 0
    for row, line in zip(rows, lines):
        ev = Evidence(doc_id, line, offset, offset + len(line), 1.0, EXTRACTOR)
        chain = taxonomy.chain_for_name(row.industry)
        attrs = [("roster_row", str(row.line))]
        if row.segment:
            attrs.append(("segment", row.segment))
        if row.high_tech is not None:
            attrs.append(("high_tech", "true" if row.high_tech else "false"))
        made = {}
        region_at = line.index("，位于", len(row.name)) + 3
        industry_at = line.index("，属于", region_at + len(row.region)) + 3
        for kind, name, extra, at in (
                (EntityKind.ENTERPRISE, row.name, tuple(sorted(attrs)), 0),
                (EntityKind.REGION, row.region, (), region_at),
                (EntityKind.INDUSTRY_CHAIN, row.industry, (("chain", chain.id),) if chain else (),
                 industry_at)):
            entity = resolver.resolve(Entity.make(kind, names.resolve(kind, name), attrs=extra))
            if entity is None:
                continue
            if entity.id in graph.entities and kind is not EntityKind.ENTERPRISE:
                entity = graph.entities[entity.id]
            graph.entities[entity.id] = entity
            made[kind] = entity
            start = offset + at
            graph.mentions.append((entity.id, Mention(name, start, start + len(name), ev)))
        ent = made.get(EntityKind.ENTERPRISE)
        for kind, rel in ((EntityKind.REGION, RelationKind.LOCATED_IN),
                          (EntityKind.INDUSTRY_CHAIN, RelationKind.FOCUSES_ON)):
            if ent is not None and kind in made:
                graph.relations.append((Relation.make(ent.id, rel, made[kind].id), ev))
        offset += len(line) + 1
    return resolver.finish(graph)
