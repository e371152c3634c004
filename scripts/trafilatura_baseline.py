"""Reference baseline for article extraction: Python trafilatura 2.3.1 (and
htmldate for the htmldate set's dates) on one labelled set in
../shared/data/extraction. Writes one JSON object per page to stdout
(`id`, `text`, `title`, `author`, `date`, `seconds`), which
`parallax-bench extraction --peer FILE` scores with the same code as
Parallax. Only the extraction calls are timed, one page at a time on one
core; with REPEAT passes over the set, each page's time is its fastest
(parallax-bench does the same), which keeps noise from other machines on
the host out of the comparison. Run it through
`scripts/extraction-side-by-side`, which installs it.

Usage: trafilatura_baseline.py SET DIR [REPEAT]
"""

import gzip
import json
import sys
import time
from pathlib import Path

import trafilatura
from htmldate import find_date


def pages(set_name, root):
    """(id, gzipped page path) in the order and with the ids parallax-bench uses."""
    if set_name == "trafilatura-eval":
        for item in json.loads((root / "evaldata.json").read_text(encoding="utf-8")).values():
            yield item["file"], root / "html" / (item["file"] + ".gz")
    elif set_name == "htmldate-eval":
        for item in json.loads((root / "eval.json").read_text(encoding="utf-8")).values():
            yield item["file"], root / "html" / (item["file"] + ".gz")
    elif set_name == "wcxb-dev":
        for truth in sorted((root / "ground-truth").glob("*.json")):
            yield truth.stem, root / "html" / (truth.stem + ".html.gz")
    elif set_name == "readability-test-pages":
        for page in sorted(p for p in root.iterdir() if (p / "expected-metadata.json").is_file()):
            yield page.name, page / "source.html.gz"
    else:
        sys.exit(f"unknown set {set_name}")


def extract(set_name, raw):
    """The baseline's output for one page, the timed part."""
    if set_name == "htmldate-eval":
        return {"text": "", "title": None, "author": None,
                "date": find_date(raw, extensive_search=True)}
    text = trafilatura.extract(raw, include_tables=True, include_comments=False) or ""
    meta = trafilatura.extract_metadata(raw)
    return {
        "text": text,
        "title": meta.title if meta else None,
        "author": meta.author if meta else None,
        "date": meta.date if meta else None,
    }


def main(set_name, root, repeat="1"):
    # trafilatura decodes bytes itself (its own charset logic), as users call it.
    raws = {}
    for page_id, path in pages(set_name, Path(root)):
        raws.setdefault(page_id, path)
    raws = {page_id: gzip.decompress(path.read_bytes()) for page_id, path in raws.items()}
    outputs = {}
    # Whole passes over the set, so a page is not timed with its own work still in the caches.
    for _ in range(max(1, int(repeat))):
        for page_id, raw in raws.items():
            start = time.perf_counter()
            out = extract(set_name, raw)
            seconds = time.perf_counter() - start
            best = outputs.setdefault(page_id, out)
            best["seconds"] = min(best.get("seconds", seconds), seconds)
    for page_id, out in outputs.items():
        out["id"] = page_id
        print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:])
