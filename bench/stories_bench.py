"""Benchmark: story grouping quality (B-cubed) on labelled sets and its speed on 1,000 and 100,000 articles.

Run `.venv/bin/python bench/stories_bench.py [LABELLED_DIR ...] [--sizes 1000,100000]`.

A labelled set is a folder of article files (as the corpus takes them) with a `labels.tsv`: one line
per file, `file<TAB>story`. Each set is indexed with the full NLP pipeline into a temporary database
(the grouping reads the extraction: people, places, event kinds and dates), grouped as the digest
groups it, and scored with B-cubed precision, recall and F1 over its articles (a folded version
counts as a member of its story). Next to it, the word-overlap baseline: TF-IDF cosine of plain
words (no names, numbers, places or dates), single link at `BASELINE_COSINE`.

The speed part times `group_stories` on synthetic articles built in memory (the digest benchmark's
generator: multi-outlet stories, re-filed versions, famous names shared across stories), since
what it measures is the grouping, not indexing. Run it on an idle machine; `uptime` is printed.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.digest_bench import NAMES, OUTLETS, story_facts, word
from briefings.digest import load_candidates
from briefings.service import build_briefings
from briefings.stories import group_stories
from briefings.story_vectors import STOP, StoryDoc, candidate_pairs, vectorize

BASELINE_COSINE = 0.35


def bcubed(predicted: dict[str, int], truth: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against the true labels (over the same items)."""
    items = [i for i in truth if i in predicted]
    by_cluster: dict[int, list[str]] = {}
    by_label: dict[str, list[str]] = {}
    for i in items:
        by_cluster.setdefault(predicted[i], []).append(i)
        by_label.setdefault(truth[i], []).append(i)
    p = r = 0.0
    for i in items:
        cluster, label = by_cluster[predicted[i]], by_label[truth[i]]
        both = sum(1 for j in cluster if truth[j] == truth[i])
        p += both / len(cluster)
        r += both / len(label)
    p, r = p / len(items), r / len(items)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def baseline(docs: Sequence[StoryDoc]) -> list[list[int]]:
    """Word-overlap clustering: plain TF-IDF cosine, single link at BASELINE_COSINE, no dates."""
    bags = []
    for d in docs:
        words = [w for w in re.findall(r"[a-z]+", " ".join([d.headline, *d.body]).lower()) if w not in STOP and len(w) > 1]
        counts: dict[str, int] = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        bags.append(counts)
    df: dict[str, int] = {}
    for b in bags:
        for w in b:
            df[w] = df.get(w, 0) + 1
    n = len(docs)
    vectors = []
    for b in bags:
        v = {w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in b.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({w: x / norm for w, x in v.items()})
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if sum(x * vectors[j].get(w, 0.0) for w, x in vectors[i].items()) >= BASELINE_COSINE:
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def score_set(folder: Path) -> None:
    """Index one labelled set, group it, and print B-cubed for the grouping and the baseline."""
    labels = dict(line.split("\t")[:2] for line in (folder / "labels.tsv").read_text(encoding="utf-8").splitlines() if "\t" in line)
    labels = {k.strip(): v.strip() for k, v in labels.items()}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for name in labels:
            (corpus / name).write_bytes((folder / name).read_bytes())
        core = build_briefings(database_url=f"sqlite:///{Path(tmp) / 'set.db'}", corpus_dir=corpus)
        t0 = time.perf_counter()
        core.index()
        t_index = time.perf_counter() - t0
        files = {row.id: row.file for row in core.db.articles()}
        docs = load_candidates(core.db, channel=None, since=None, include_sent=True)
        t0 = time.perf_counter()
        stories = group_stories(docs)
        t_group = time.perf_counter() - t0
        truth = {d.row_id: labels[files[d.row_id]] for d in docs}
        blocked = {tuple(p) for p in candidate_pairs(vectorize(docs)).tolist()}
        same = [(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs)) if truth[docs[i].row_id] == truth[docs[j].row_id]]
        kept = sum(1 for pair in same if pair in blocked)
        ours = {d.row_id: n for n, story in enumerate(stories) for versions in story for d in versions}
        base = {docs[i].row_id: n for n, group in enumerate(baseline(docs)) for i in group}
        core.db.close()
    print(f"{folder}: {len(docs)} articles, {len(set(truth.values()))} true stories; indexed (NLP) in {t_index:.1f} s")
    print(f"  blocking keeps {kept} of {len(same)} same-story pairs ({len(blocked)} candidate pairs of {len(docs) * (len(docs) - 1) // 2})")
    for name, predicted, count in (("grouping", ours, len(stories)), ("word-overlap baseline", base, len(set(base.values())))):
        p, r, f = bcubed(predicted, truth)
        extra = f" in {t_group * 1000:.0f} ms" if name == "grouping" else ""
        print(f"  {name:22s} B-cubed P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({count} stories{extra})")
    if os.environ.get("STORIES_BENCH_VERBOSE"):
        for story in stories:
            print("   ", sorted(labels[files[d.row_id]] + ":" + files[d.row_id] for v in story for d in v))


def synthetic_docs(n: int, seed: int, background: int = 8) -> list[StoryDoc]:
    """About n articles in memory: multi-outlet stories over n/1000 days, each padded to a real article's length.

    Real articles run to 600+ words: each gets `background` paragraphs of 25 words drawn from a
    vocabulary of 5,000, so the grouping reads as much text, with as many distinct terms, as on news.
    """
    rng = random.Random(seed)
    vocabulary = [word(rng) for _ in range(5000)]
    docs: list[StoryDoc] = []
    start = date(2024, 1, 1)
    story = 0
    while len(docs) < n:
        facts = story_facts(rng)
        day = start + timedelta(days=rng.randint(0, max(20, n // 1000)))
        for outlet, _style in rng.sample(OUTLETS, 1 if rng.random() < 0.55 else rng.randint(2, 3)):
            body = [facts["sentences"][0], *rng.sample(facts["sentences"][1:], 4)]
            if rng.random() < 0.7:
                body.insert(2, facts["quote"])
            body.append(f"The move comes as {rng.choice(NAMES)} and {rng.choice(NAMES)} prepare for talks later this month.")
            body += [" ".join(rng.choices(vocabulary, k=25)) + "." for _ in range(background)]
            headline = f"{facts['org']} {facts['topic']} plan in {facts['place']}"
            when = (day + timedelta(days=rng.randint(0, 1))).isoformat()
            docs.append(StoryDoc(f"s{story}-{len(docs)}", f"h{len(docs)}", headline, True, outlet, when, None, body, body[:2], None))
        story += 1
    return docs[:n]


def time_sizes(sizes: list[int]) -> None:
    """Print the time group_stories takes on synthetic corpora of the given sizes."""
    for n in sizes:
        docs = synthetic_docs(n, seed=n)
        t0, c0 = time.perf_counter(), time.process_time()
        stories = group_stories(docs)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"group_stories on {n:,} synthetic articles: {elapsed:.2f} s ({cpu:.2f} s CPU) -> {len(stories):,} stories")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, help="labelled folders (article files + labels.tsv)")
    parser.add_argument("--sizes", default="1000,100000", help="synthetic corpus sizes to time, comma-separated ('' for none)")
    args = parser.parse_args()
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} on {os.cpu_count()} cores")
    for folder in args.sets:
        if not (folder / "labels.tsv").is_file():
            sys.exit(f"stories_bench: {folder} has no labels.tsv (one 'file<TAB>story' line per article)")
        score_set(folder)
    time_sizes([int(s) for s in args.sizes.split(",") if s.strip()])


if __name__ == "__main__":
    main()
