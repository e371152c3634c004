"""Reference baseline for story clustering: scikit-learn TF-IDF with
average-link agglomerative clustering over cosine distance, the distance
threshold tuned on the data itself (an oracle: it sees every document at once,
costs O(n^2), and picks the cut with the best score).

Reads the labelled JSONL sets that `parallax-bench clusters` reads (same
formats, same per-file label prefixes) and prints the best BCubed F1 and the
best NMI over a grid of thresholds, with the time taken. Run it through
`scripts/clustering-side-by-side`, which installs its dependencies.
"""

import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score


def load(paths):
    texts, gold = [], []
    for path in map(Path, paths):
        prefix = f"{path.parent.name}/{path.name}"
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            text = doc.get("text") or doc.get("textCleaned") or ""
            label = next(doc[k] for k in ("gold", "cluster", "clusterNo") if k in doc)
            texts.append(f"{doc.get('title', '')}\n{text}")
            gold.append(f"{prefix}/{label}")
    return texts, gold


def bcubed_f1(gold, pred):
    by_gold, by_pred = defaultdict(list), defaultdict(list)
    for i, (g, p) in enumerate(zip(gold, pred)):
        by_gold[g].append(i)
        by_pred[p].append(i)
    both = Counter(zip(gold, pred))
    n = len(gold)
    precision = sum(both[(g, p)] / len(by_pred[p]) for g, p in zip(gold, pred)) / n
    recall = sum(both[(g, p)] / len(by_gold[g]) for g, p in zip(gold, pred)) / n
    return 2 * precision * recall / (precision + recall)


def main(paths):
    texts, gold = load(paths)
    start = time.perf_counter()
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    similarity = (vectors @ vectors.T).toarray()
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    best_f1, best_nmi = (0.0, None), (0.0, None)
    for threshold in np.arange(0.30, 1.0, 0.025):
        pred = fcluster(tree, t=threshold, criterion="distance")
        f1 = bcubed_f1(gold, pred)
        nmi = normalized_mutual_info_score(gold, pred)
        best_f1 = max(best_f1, (f1, round(threshold, 3)))
        best_nmi = max(best_nmi, (nmi, round(threshold, 3)))
    seconds = time.perf_counter() - start
    print(
        f"scikit-learn average-link (oracle threshold) | articles {len(texts)} | "
        f"BCubed F1 {best_f1[0]:.3f} at {best_f1[1]} | NMI {best_nmi[0]:.3f} at {best_nmi[1]} | "
        f"{seconds:.1f} s for the tree and the threshold grid"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
