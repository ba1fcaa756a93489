"""A seeded synthetic archive: N documents' worth of entities, relations and evidence.

Places and industries come from the lexicons (`regions.tsv` cities and counties of a few
provinces, `industries.tsv` terms with their chains); actors are invented names built
the way real ones are (place + word + head: 云岭智能科技有限公司, 某某大学某某研究院), drawn
with a long-tailed popularity so that a few actors recur in many documents, and written
in several forms (full and short, with or without 有限公司, 市, a bracketed segment).
Each document is real text: one sentence per fact, every mention and relation pointing
at its sentence. Not a test; used by the benchmarks.

Run: .venv/bin/python tests/benchmarks/synthetic.py --relations 10000 --db /tmp/s.db
"""
from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from extract.lexicons import LEXICON_DIR, read_tsv  # noqa: E402
from graph.ingest import document_id  # noqa: E402
from graph.model import (Document, DocumentGraph, Entity, EntityKind, Evidence,  # noqa: E402
                         Mention, Relation, RelationKind)

K, R = EntityKind, RelationKind
SEED = 14
PROVINCES = ("浙江省", "江苏省", "安徽省", "广东省", "四川省")
#: share of actor kinds among the actors a document names
ACTOR_KINDS = [(K.ENTERPRISE, 0.5), (K.INSTITUTE, 0.12), (K.UNIVERSITY, 0.06), (K.LAB, 0.06),
               (K.PLATFORM, 0.1), (K.PARK, 0.12), (K.ALLIANCE, 0.04)]
WORDS = list("云岭星海科创华恒泰瑞鑫嘉宏远新元中和德天明正盛景信达安康博睿智联锐晨")
HEADS = {K.ENTERPRISE: ["科技有限公司", "股份有限公司", "集团有限公司", "电子有限公司"],
         K.INSTITUTE: ["研究院", "产业技术研究院", "研究所"], K.UNIVERSITY: ["大学", "学院"],
         K.LAB: ["实验室", "重点实验室"], K.PLATFORM: ["创新服务综合体", "孵化器", "众创空间"],
         K.PARK: ["高新区", "科技城", "产业园"], K.ALLIANCE: ["产业联盟", "创新联盟"]}
SENTENCES = {R.LOCATED_IN: "{h}位于{t}。", R.FOCUSES_ON: "{h}聚焦{t}领域，推进关键技术攻关。",
             R.AFFILIATED_WITH: "{h}由{t}建设运营。", R.PART_OF: "{h}是{t}的重要组成部分。",
             R.COOPERATES_WITH: "{h}与{t}签署战略合作协议，共建联合创新中心。",
             R.MEMBER_OF: "{h}加入{t}。", R.INTEGRATED_WITH: "{h}与{t}整合提升。"}


def _places() -> list[tuple[str, str]]:
    """(name as written, canonical short name) of cities and counties of a few provinces."""
    _, rows = read_tsv(LEXICON_DIR / "regions.tsv")
    cities = {r["name"] for r in rows if r["level"] == "city" and r["parent"] in PROVINCES}
    found = []
    for r in rows:
        if r["name"] in cities or (r["level"] == "county" and r["parent"] in cities):
            found.append((r["name"], (r["short"].split("|") or [r["name"]])[0] or r["name"]))
    return found


def _industries() -> list[tuple[str, str]]:
    _, rows = read_tsv(LEXICON_DIR / "industries.tsv")
    return [(r["term"], r["chain"]) for r in rows if r["chain"]]


class Archive:
    """The pool of actors documents draw from, fixed by the seed."""

    def __init__(self, actors: int, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.places = _places()
        self.industries = _industries()
        kinds, weights = zip(*ACTOR_KINDS)
        self.actors: list[tuple[Entity, list[str], tuple[str, str]]] = []
        seen = set()
        while len(self.actors) < actors:
            kind = self.rng.choices(kinds, weights)[0]
            place = self.rng.choice(self.places)
            word = "".join(self.rng.sample(WORDS, 2))
            name = f"{place[1]}{word}{self.rng.choice(HEADS[kind])}"
            if name in seen:
                continue
            seen.add(name)
            self.actors.append((Entity.make(kind, name), self._forms(kind, name, place), place))

    def _forms(self, kind: EntityKind, name: str, place: tuple[str, str]) -> list[str]:
        """The ways documents write this actor: the full name first."""
        forms = [name]
        if kind is K.ENTERPRISE:
            forms.append(name.replace("有限公司", "").replace("股份", ""))
            forms.append(name.replace(place[1], f"{place[1]}（集团）", 1) if "集团" in name else name)
        elif kind is K.PARK and name.endswith("高新区"):
            forms.append(name[:-3] + "高新园区")
        elif place[0] != place[1]:
            forms.append(name.replace(place[1], place[0], 1))
        return list(dict.fromkeys(forms))

    def pick(self) -> tuple[Entity, list[str], tuple[str, str]]:
        """An actor, the popular ones far more often (a long tail)."""
        i = min(int(self.rng.paretovariate(1.1)) - 1, len(self.actors) - 1)
        return self.actors[(i * 7919) % len(self.actors)] if i else self.rng.choice(self.actors)


def documents(relations: int, per_doc: int = 60, seed: int = SEED) -> Iterator[DocumentGraph]:
    """Documents of about `per_doc` relations each, until they hold `relations` distinct
    relations (documents repeat some: the same link stated twice is one relation)."""
    archive = Archive(max(relations // 4, 50), seed)
    rng = archive.rng
    seen: set[str] = set()
    n = 0
    while len(seen) < relations:
        graph = _document(n, archive, rng, per_doc)
        seen.update(r.id for r, _ in graph.relations)
        n += 1
        yield graph


def _document(n: int, archive: Archive, rng: random.Random, per_doc: int) -> DocumentGraph:
    facts: list[tuple[Entity, str, RelationKind, Entity, str]] = []
    home = rng.choice(archive.places)
    region = Entity.make(K.REGION, home[1])
    chains = [Entity.make(K.INDUSTRY_CHAIN, t, attrs=(("chain", c),))
              for t, c in rng.sample(archive.industries, 4)]
    while len(facts) < per_doc:
        actor, forms, place = archive.pick()
        form = rng.choice(forms)
        roll = rng.random()
        if roll < 0.3:
            where = Entity.make(K.REGION, place[1])
            facts.append((actor, form, R.LOCATED_IN, where, rng.choice(place)))
        elif roll < 0.55:
            chain = rng.choice(chains)
            facts.append((actor, form, R.FOCUSES_ON, chain, chain.name))
        else:
            other, other_forms, _ = archive.pick()
            if other.id == actor.id:
                continue
            kind = {K.UNIVERSITY: R.AFFILIATED_WITH, K.PARK: R.PART_OF,
                    K.ALLIANCE: R.MEMBER_OF}.get(other.kind, R.COOPERATES_WITH)
            if kind is R.AFFILIATED_WITH and actor.kind not in (K.INSTITUTE, K.LAB, K.PLATFORM):
                kind = R.COOPERATES_WITH
            if kind is R.PART_OF and actor.kind not in (K.PARK, K.PLATFORM):
                kind = R.COOPERATES_WITH
            facts.append((actor, form, kind, other, rng.choice(other_forms)))
    title = f"{home[0]}{2015 + n % 10}年科技创新工作总结（第{n}号）\n"
    parts, pos = [title], len(title)
    graph_facts = []
    for head, head_form, kind, tail, tail_form in facts:
        sentence = SENTENCES[kind].format(h=head_form, t=tail_form)
        graph_facts.append((head, head_form, kind, tail, tail_form, pos, sentence))
        parts.append(sentence)
        pos += len(sentence)
    text = "".join(parts)
    doc_id = document_id(text)
    graph = DocumentGraph(Document(doc_id, f"synthetic/{n:06d}.txt", title.strip(), len(text)),
                          text)
    graph.entities[region.id] = region
    for head, head_form, kind, tail, tail_form, start, sentence in graph_facts:
        ev = Evidence(doc_id, sentence, start, start + len(sentence), 0.8, "synthetic")
        graph.entities.setdefault(head.id, head)
        graph.entities.setdefault(tail.id, tail)
        graph.mentions.append((head.id, Mention(head_form, start, start + len(head_form), ev)))
        at = sentence.index(tail_form, len(head_form))
        graph.mentions.append((tail.id, Mention(tail_form, start + at,
                                                start + at + len(tail_form), ev)))
        graph.relations.append((Relation.make(head.id, kind, tail.id), ev))
    return graph


def build_store(path: str | Path, relations: int, seed: int = SEED) -> int:
    """A new local store at `path` holding about `relations` synthetic relations; returns
    how many documents it holds."""
    from graph.stores.local import LocalStore

    store = LocalStore(path)
    try:
        return store.add_documents(documents(relations, seed=seed))
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=10_000)
    parser.add_argument("--db", type=Path, required=True, help="a new store file")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    docs = build_store(args.db, args.relations, args.seed)
    print(f"{args.db}: {docs} synthetic documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
