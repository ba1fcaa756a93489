"""`data/curation.yaml`: read it into `Curation` rules, write planners' actions into it.

Writes go through ruamel.yaml's round-trip mode, so a planner's comments and the order
of entries survive every action; each write holds a file lock and re-reads the file
first, so two writers (two browser tabs, the CLI) lose nothing. Every action is appended
to `history` (who, when, what), which is also what `undo` reverts.
"""
from __future__ import annotations

import fcntl
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from graph.curation.rules import AddedRelation, Curation, relation_key
from graph.errors import LexiconError
from graph.model import EntityKind, RelationKind, normalise_name

#: beside the lexicons, so a build run from any folder applies the planners' corrections
DEFAULT_CURATION = Path(__file__).resolve().parents[2] / "data" / "curation.yaml"

ENTITY_LISTS = ("drop", "split", "accept")
RELATION_LISTS = ("accept_relations", "reject_relations", "reverse")
KEYS = ("merge", "rename", "retype", *ENTITY_LISTS, *RELATION_LISTS, "relation_type", "add",
        "different", "history")


class CurationError(LexiconError):
    """`curation.yaml` is malformed: the message names the file and the line."""


def curation_path() -> Path:
    """The curation file: $INNOGRAPH_CURATION, else `data/curation.yaml` of the checkout."""
    return Path(os.environ.get("INNOGRAPH_CURATION") or DEFAULT_CURATION)


def _yaml() -> YAML:
    y = YAML()  # round-trip: comments, order and flow styles are kept
    y.width = 4096  # one entry per line, however long its sentence
    y.allow_unicode = True
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def load_curation(path: str | Path | None = None) -> Curation:
    """The rules of a curation file; a missing file holds none."""
    path = Path(path) if path is not None else curation_path()
    if not path.exists():
        return Curation()
    return parse_curation(path.read_text(encoding="utf-8"), path)


def _read(text: str, path: Path):
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark  # where the broken entry starts
        line = mark.line + 1 if mark else "?"
        raise CurationError(f"{path}:{line}: not valid YAML ({exc.problem or exc.context}); "
                            "fix that line") from None
    except YAMLError as exc:
        raise CurationError(f"{path}: not valid YAML ({exc}); fix it") from None


def _line(node, index=None) -> int:
    """1-based line of a node, or of one item/key of it."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return 0
    try:
        if index is None:
            return lc.line + 1
        return (lc.item(index) if isinstance(node, list) else lc.key(index))[0] + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return lc.line + 1


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, line: int, message: str) -> None:
        raise CurationError(f"{self.path}:{line}: {message}")

    def section(self, raw, key: str, kind: type):
        value = raw.get(key)
        if value is None:
            return kind()
        if not isinstance(value, kind):
            self.fail(_line(raw, key), f"`{key}` must be a "
                      + ("list" if kind is list else "mapping"))
        return value

    def names(self, seq, i, key: str, count: int | None, minimum: int = 1) -> list[str]:
        item = seq[i]
        if isinstance(item, str) and count is None and minimum <= 1:
            return [item]
        if (not isinstance(item, list) or any(not isinstance(x, str) or not x.strip() for x in item)
                or (count is not None and len(item) != count) or len(item) < minimum):
            shape = (f"[{', '.join(['…'] * count)}]" if count else f"a list of {minimum} or more names")
            self.fail(_line(seq, i), f"each `{key}` entry is {shape} (got {_plain(item)!r})")
        return [str(x) for x in item]

    def entity_kind(self, value, line: int) -> EntityKind:
        try:
            return EntityKind(value)
        except ValueError:
            self.fail(line, f"type {value!r}: the type must be one of "
                      + ", ".join(k.value for k in EntityKind))

    def relation_kind(self, value, line: int) -> RelationKind:
        try:
            return RelationKind(value)
        except ValueError:
            self.fail(line, f"relation type {value!r}: the type must be one of "
                      + ", ".join(k.value for k in RelationKind))


def parse_curation(text: str, path: str | Path = "curation.yaml") -> Curation:
    """The rules of a curation file's text; raises `CurationError` naming the line."""
    path = Path(path)
    raw = _read(text, path)
    if raw is None:
        return Curation()
    p = _Parser(path)
    if not isinstance(raw, dict):
        p.fail(1, "the file must be a mapping of sections (merge:, rename:, …)")
    for key in raw:
        if key not in KEYS:
            p.fail(_line(raw, key), f"unknown section `{key}`: the sections are " + ", ".join(KEYS))
    cur = Curation()
    merges = p.section(raw, "merge", list)
    for i in range(len(merges)):
        group = p.names(merges, i, "merge", None, minimum=2)
        for other in group[1:]:
            cur.merge[normalise_name(other)] = group[0]
    renames = p.section(raw, "rename", dict)
    for old, new in renames.items():
        if not isinstance(old, str) or not isinstance(new, str) or not new.strip():
            p.fail(_line(renames, old), f"rename {old!r}: write `old name: new name`")
        cur.rename[normalise_name(old)] = new
    retypes = p.section(raw, "retype", dict)
    for name, kind in retypes.items():
        cur.retype[normalise_name(str(name))] = p.entity_kind(kind, _line(retypes, name))
    for key in ENTITY_LISTS:
        seq = p.section(raw, key, list)
        for i in range(len(seq)):
            names = p.names(seq, i, key, None) if isinstance(seq[i], str) or key != "split" \
                else p.names(seq, i, key, 2)
            target = {"drop": cur.drop, "split": cur.keep_apart, "accept": cur.accept}[key]
            target.add(normalise_name(names[-1]))
    c = cur.canonical
    for key in RELATION_LISTS:
        seq = p.section(raw, key, list)
        for i in range(len(seq)):
            a, kind, b = p.names(seq, i, key, 3)
            k = relation_key(c(a), p.relation_kind(kind, _line(seq, i)), c(b))
            getattr(cur, key).add(k)
            if key == "reverse":
                cur.changed.add(relation_key(c(b), kind, c(a)))
    seq = p.section(raw, "relation_type", list)
    for i in range(len(seq)):
        a, old, b, new = p.names(seq, i, "relation_type", 4)
        line = _line(seq, i)
        cur.relation_type[relation_key(c(a), p.relation_kind(old, line), c(b))] = \
            p.relation_kind(new, line)
        cur.changed.add(relation_key(c(a), new, c(b)))
    seq = p.section(raw, "add", list)
    for i, item in enumerate(seq):
        line = _line(seq, i)
        fields = ("source", "source_type", "type", "target", "target_type", "document", "sentence")
        if not isinstance(item, dict) or any(not isinstance(item.get(f), str) for f in fields):
            p.fail(line, "each `add` entry has " + ", ".join(fields))
        added = AddedRelation(item["source"], p.entity_kind(item["source_type"], line),
                              p.relation_kind(item["type"], line), item["target"],
                              p.entity_kind(item["target_type"], line), item["document"],
                              item["sentence"])
        cur.add.append(added)
        cur.changed.add(relation_key(c(added.source), added.kind, c(added.target)))
    seq = p.section(raw, "different", list)
    for i in range(len(seq)):
        a, b = p.names(seq, i, "different", 2)
        cur.different.add(frozenset((normalise_name(a), normalise_name(b))))
    p.section(raw, "history", list)
    return cur


# --- writing -------------------------------------------------------------------------------
def _plain(value):
    """A ruamel node as plain lists, dicts and strings (for comparisons and JSON)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _node(value):
    """A plain value as a ruamel node: short lists and history entries in flow style."""
    if isinstance(value, list):
        seq = CommentedSeq(_node(v) for v in value)
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        node = CommentedMap((k, _node(v)) for k, v in value.items())
        if "sentence" not in value:
            node.fa.set_flow_style()
        return node
    return value


def _section(doc: CommentedMap, key: str, kind: type):
    """The section `key`, created when missing; written as a block while it has entries."""
    value = doc.get(key)
    if not isinstance(value, kind):
        value = CommentedMap() if kind is dict else CommentedSeq()
        doc[key] = value
    value.fa.set_block_style()
    return value


def _tidy(doc: CommentedMap) -> None:
    """Empty sections as `[]` / `{}` (an empty block section with a comment does not
    round-trip)."""
    for value in doc.values():
        if isinstance(value, (CommentedMap, CommentedSeq)) and not value:
            value.fa.set_flow_style()


def apply_change(doc: CommentedMap, change: dict) -> None:
    """Apply one change: {op: append, key, value} or {op: set, key, name, value}."""
    if change["op"] == "append":
        _section(doc, change["key"], list).append(_node(change["value"]))
    elif change["op"] == "set":
        _section(doc, change["key"], dict)[change["name"]] = _node(change["value"])
    else:
        raise ValueError(f"unknown change {change['op']!r}")


def revert_change(doc: CommentedMap, change: dict) -> None:
    """Undo one change made by `apply_change`."""
    if change["op"] == "append":
        seq = _section(doc, change["key"], list)
        for i in range(len(seq) - 1, -1, -1):
            if _plain(seq[i]) == change["value"]:
                del seq[i]
                return
    else:
        section = _section(doc, change["key"], dict)
        if change.get("previous") is None:
            section.pop(change["name"], None)
        else:
            section[change["name"]] = _node(change["previous"])


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class CurationFile:
    """The curation file on disk, read and written under a lock."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else curation_path()

    def load(self) -> Curation:
        return load_curation(self.path)

    def history(self) -> list[dict]:
        """Every action recorded, oldest first, as plain dicts."""
        if not self.path.exists():
            return []
        raw = _read(self.path.read_text(encoding="utf-8"), self.path) or {}
        return [_plain(h) for h in raw.get("history") or [] if isinstance(h, dict)]

    @contextmanager
    def edit(self) -> Iterator[CommentedMap]:
        """The file's document, re-read under an exclusive lock; written back (atomically,
        after checking it still parses) when the block ends without an error."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                text = self.path.read_text(encoding="utf-8") if self.path.exists() else ""
                doc = _read(text, self.path) if text.strip() else None
                if doc is None:
                    doc = CommentedMap()
                elif not isinstance(doc, CommentedMap):
                    raise CurationError(f"{self.path}:1: the file must be a mapping of sections")
                yield doc
                _tidy(doc)
                out = io.StringIO()
                _yaml().dump(doc, out)
                parse_curation(out.getvalue(), self.path)
                fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".curation-")
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(out.getvalue())
                os.replace(tmp, self.path)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def record(self, action: str, changes: list[dict], who: str = "", what: str = "") -> dict:
        """Apply an action's changes and append it to the history; returns the entry."""
        entry = {"when": _now(), "who": who or "?", "action": action, "what": what,
                 "changes": changes}
        with self.edit() as doc:
            for change in changes:
                if change["op"] == "set":
                    section = doc.get(change["key"])
                    old = section.get(change["name"]) if isinstance(section, dict) else None
                    change["previous"] = _plain(old)
                apply_change(doc, change)
            _section(doc, "history", list).append(_node(entry))
        return entry

    def undo(self, who: str = "") -> dict | None:
        """Revert the last action not undone yet; returns its history entry, or None."""
        with self.edit() as doc:
            history = _section(doc, "history", list)
            for entry in reversed(history):
                if isinstance(entry, dict) and "undone" not in entry:
                    for change in reversed(_plain(entry.get("changes") or [])):
                        revert_change(doc, change)
                    entry["undone"] = _node({"who": who or "?", "when": _now()})
                    return _plain(entry)
        return None


def unknown_names(store, path: str | Path | None = None) -> list[str]:
    """One line per name that a merge, rename, retype or split of the file gives and that
    no entity of the store has (as name or alias): probably a typo."""
    path = Path(path) if path is not None else curation_path()
    if not path.exists():
        return []
    raw = _read(path.read_text(encoding="utf-8"), path) or {}
    known = {normalise_name(f) for e in store.entities() for f in (e.name, *e.aliases)}
    problems = []

    def check(name, line, what):
        if isinstance(name, str) and normalise_name(name) not in known:
            problems.append(f"{path}:{line}: {what} {name!r}: no entity of the store has this "
                            "name or alias; check the spelling")

    merges = raw.get("merge") if isinstance(raw.get("merge"), list) else []
    for i, group in enumerate(merges):
        if isinstance(group, list) and group:
            known_any = [n for n in group if isinstance(n, str) and normalise_name(n) in known]
            if not known_any:
                check(group[0], _line(merges, i), "merge")
    for key in ("rename", "retype"):
        section = raw.get(key) if isinstance(raw.get(key), dict) else {}
        for name in section:
            renamed = key == "retype" and normalise_name(str(name)) in {
                normalise_name(str(v)) for v in (raw.get("rename") or {}).values()}
            if not renamed:
                check(name, _line(section, name), key)
    return problems
