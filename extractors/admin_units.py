"""Vietnam's administrative units, before and after 1 July 2025, from the
``vietnamadminunits`` package's shipped data (read offline, once per process).

Why this package (README, "Administrative units"): it ships, inside the
wheel, the full pre-2025 list (63 provinces, ~700 districts, 10 040
communes with their official codes and former names) *and* the 2025 list
(34 provinces, 3 321 communes with codes) with the conversion between them;
nothing is fetched.  We read its files directly (``data/dataset.db``, an
SQLite file, and ``data/converter_2025.json``) instead of importing the
package: its ``__init__`` loads its address parser, shapely and geopy
(~2 s, and its converter geocodes some addresses over the network), while
reading the two files takes ~0.2 s.  Its parser also returns its *first*
guess for a shared name; we need every candidate (``units.py``).

Keys: ``key(name)`` folds marks and case and drops spaces and punctuation
(``Phường 04`` → ``phuong4``); a short name is the name without its type
word (``Song Vân``); ``short_key`` is the key of that (``songvan``; numbered
wards keep no type word: ``4``).
"""
from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from baocao.normalizers.fold import fold

PACKAGE = "vietnamadminunits"
REORGANISATION = "2025-07-01"   # Resolution 202/2025/QH15: 34 provinces, no district level


_NOT_KEY = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def key(name: Optional[str]) -> str:
    """Folded, lower-case, letters and digits only; numbers lose leading zeros.
    (Kept per name: the unit of a document looks up the keys of the same few
    words of every level-word mention, and of the same candidates' parents.)"""
    k = _NOT_KEY.sub(" ", fold(name or "").lower()).split()
    return "".join(w.lstrip("0") or "0" if w.isdigit() else w for w in k)


@dataclass(frozen=True)
class Unit:
    """One unit at one level of one list (``era`` ``legacy`` or ``2025``)."""
    era: str
    level: str                  # commune | district | province
    name: str                   # with its type word: "Xã Song Vân", "Huyện Tân Yên", "Tỉnh Bắc Giang"
    short: str                  # "Song Vân", "Tân Yên", "Bắc Giang" ("Phường 4" stays "4")
    type: str                   # Xã | Phường | Thị trấn | Đặc khu | Huyện | Quận | Thị xã | Thành phố | Tỉnh
    code: str                   # official code: 5 digits commune, 3 district, 2 province
    pkey: str                   # the package's key of the province ("tinhbacgiang")
    dkey: str = ""              # the package's key of the district (legacy only)
    wkey: str = ""              # the package's key of the commune
    province: str = ""          # name of its province
    district: str = ""          # name of its district (legacy communes)
    aliases: tuple[str, ...] = ()  # the package's keys of other names: former names (communes merged
                                   # into it before 2025) and spellings, with or without the type word

    def label(self) -> str:
        parts = [self.name] + [p for p in (self.district, self.province) if p and p != self.name]
        return f"{', '.join(parts)} ({self.code})"


@dataclass
class Lists:
    version: str
    by_short: dict = field(default_factory=lambda: defaultdict(list))    # (era, level, short_key) → [Unit]
    by_alias: dict = field(default_factory=lambda: defaultdict(list))    # (era, level, alias_key) → [Unit]
    provinces: dict = field(default_factory=dict)                          # (era, pkey) → Unit
    districts: dict = field(default_factory=dict)                          # (pkey, dkey) → Unit
    communes_2025: dict = field(default_factory=dict)                      # (pkey, wkey) → Unit
    province_2025: dict = field(default_factory=dict)                      # legacy pkey → 2025 pkey
    commune_2025: dict = field(default_factory=dict)                       # "p_d_w" → (2025 pkey, wkey)
    commune_split: dict = field(default_factory=dict)                      # "p_d_w" → [(2025 pkey, wkey, default)]
    max_words: int = 1                                                      # longest short name, in words


def _short(name: str, typ: Optional[str]) -> str:
    if typ and name.startswith(typ + " "):
        rest = name[len(typ) + 1:]
        return rest
    return name


def _aliases(raw: Optional[str]) -> tuple[str, ...]:
    if not raw:
        return ()
    try:
        return tuple(json.loads(raw))
    except ValueError:
        return ()


def data_dir() -> Path:
    """The package's data folder, located without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{PACKAGE} is not installed (pip install {PACKAGE})")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def package_version() -> str:
    from importlib import metadata

    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "none"


@lru_cache(maxsize=1)
def lists() -> Lists:
    """Every unit, indexed for lookup by name (loaded once per process)."""
    d = data_dir()
    out = Lists(version=package_version())
    con = sqlite3.connect(f"file:{(d / 'dataset.db').as_posix()}?mode=ro", uri=True)
    try:
        legacy = con.execute(
            "SELECT province, provinceShort, provinceCode, provinceKey, district, districtShort, districtType,"
            " districtCode, districtKey, ward, wardShort, wardType, wardCode, wardKey, wardAlias"
            " FROM admin_units_legacy").fetchall()
        new = con.execute(
            "SELECT province, provinceShort, provinceCode, provinceKey, ward, wardShort, wardType, wardCode,"
            " wardKey, wardAlias FROM admin_units").fetchall()
    finally:
        con.close()

    def add(u: Unit):
        out.by_short[(u.era, u.level, key(u.short))].append(u)
        for a in u.aliases:
            out.by_alias[(u.era, u.level, a)].append(u)
        out.max_words = max(out.max_words, len(u.short.split()))

    def province(era, name, short, code, pkey):
        k = (era, pkey)
        if k not in out.provinces:
            typ = "Thành phố" if name.startswith("Thành phố") else "Tỉnh"
            u = Unit(era, "province", name, short, typ, code, pkey)
            out.provinces[k] = u
            add(u)

    for (p, ps, pc, pk, dn, ds, dt, dc, dk, w, ws, wt, wc, wk, wa) in legacy:
        province("legacy", p, ps, pc, pk)
        if (pk, dk) not in out.districts:
            u = Unit("legacy", "district", dn, _short(dn, dt), dt, dc, pk, dk, province=p)
            out.districts[(pk, dk)] = u
            add(u)
        if w:
            add(Unit("legacy", "commune", w, _short(w, wt), wt, wc, pk, dk, wk, province=p, district=dn,
                     aliases=_aliases(wa)))
    for (p, ps, pc, pk, w, ws, wt, wc, wk, wa) in new:
        province("2025", p, ps, pc, pk)
        u = Unit("2025", "commune", w, _short(w, wt), wt, wc, pk, "", wk, province=p, aliases=_aliases(wa))
        out.communes_2025[(pk, wk)] = u
        add(u)

    conv = json.loads((d / "converter_2025.json").read_text(encoding="utf-8"))
    for new_pk, olds in conv["DICT_PROVINCE"].items():
        for old in olds:
            out.province_2025[old] = new_pk
    for new_pk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wk, olds in wards.items():
            for old in olds:
                out.commune_2025[old] = (new_pk, new_wk)
    for new_pk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            out.commune_split[old] = [(new_pk, n["newWardKey"], bool(n.get("isDefaultNewWard"))) for n in news]
    return out


def successor(u: Unit) -> tuple[Optional[Unit], Optional[Unit], list[Unit]]:
    """Where a pre-2025 unit went on 1 July 2025: (its 2025 province, its 2025
    commune or None, every 2025 commune of a split one).  A split commune's
    first element is the package's main successor (``isDefaultNewWard``).
    A 2025 unit is its own successor."""
    L = lists()
    if u.era == "2025":
        return L.provinces.get(("2025", u.pkey)), (u if u.level == "commune" else None), []
    new_pk = L.province_2025.get(u.pkey)
    prov = L.provinces.get(("2025", new_pk)) if new_pk else None
    if u.level != "commune":
        return prov, None, []
    full = f"{u.pkey}_{u.dkey}_{u.wkey}"
    if full in L.commune_2025:
        pk, wk = L.commune_2025[full]
        return L.provinces.get(("2025", pk), prov), L.communes_2025.get((pk, wk)), []
    if full in L.commune_split:
        parts = sorted(L.commune_split[full], key=lambda t: not t[2])
        units = [L.communes_2025[(pk, wk)] for pk, wk, _ in parts if (pk, wk) in L.communes_2025]
        main = units[0] if units and parts[0][2] else None
        return prov, main, units
    return prov, None, []
