"""Benchmark: match 1,000 new articles against 10,000 follows (people, places and words), as one alert run does.

Run `.venv/bin/python bench/follow_bench.py [--articles N] [--follows N] [--seed S]`. Articles are
synthetic wire stories of ~450 words built from a vocabulary of 20,000 words, each naming a few of
2,000 people (`--words zipf`: words drawn with real text's skew, most of them rare); follows are 20% people, 20% places (some of two words) and 60% words. Prints the
time to build the matcher and to match, and how many (target, article) hits it found. The goal is
<= 1 s for 1,000 articles x 10,000 follows.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefings.follow import FollowMatcher, FollowTarget
from briefings.models import Article, ArticleRef, Person

SYLLABLES = ["ka", "ro", "mi", "tan", "vel", "shu", "dor", "bel", "nik", "sa", "lo", "gra", "pen", "zu", "ther", "mon", "quo", "fe", "ji", "wat"]  # fmt: skip


def vocabulary(rng: random.Random, n: int) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_article(i: int, rng: random.Random, vocab: list[str], people: list[Person], weights: list[float] | None = None) -> Article:
    named = rng.sample(people, 3)
    body = []
    for _ in range(12):
        sentence = " ".join(rng.choices(vocab, weights, k=35) if weights else (rng.choice(vocab) for _ in range(35)))
        body.append(f"{named[rng.randrange(3)].name} said {sentence}.")
    article = Article(
        id=f"a{i:05d}", file=f"{i}.txt", headline=" ".join(rng.choice(vocab) for _ in range(8)), headline_source="text",
        outlet="Wire", wire=None, site=None, authors=[], contributors=[], dateline_place=rng.choice(vocab).title(),
        dateline_date=None, published={"date": "2024-05-01"}, page_date=None, update_label=None, editor_notes=[], body=body, captions=[],
    )  # fmt: skip
    for p in named:
        p.articles.append(ArticleRef(article.id, article.headline, "Wire", "2024-05-01"))
    return article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--follows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--words", choices=("uniform", "zipf"), default="uniform",
        help="uniform: every word equally likely (dense: ~140 hits per article); zipf: word frequencies as in real text",
    )  # fmt: skip
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vocab = vocabulary(rng, 20_000)
    people = [Person(i, f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}", [], [], [], []) for i in range(2000)]
    weights = [1 / rank for rank in range(1, len(vocab) + 1)] if args.words == "zipf" else None
    articles = [make_article(i, rng, vocab, people, weights) for i in range(args.articles)]
    follows: list[FollowTarget] = []
    for j in range(args.follows):
        roll = rng.random()
        if roll < 0.2:
            name = rng.choice(people).name
            follows.append(FollowTarget("person", name, name))
        elif roll < 0.4:
            place = " ".join(rng.choice(vocab) for _ in range(rng.choice((1, 1, 2))))
            follows.append(FollowTarget("place", place, place.title()))
        else:
            w = rng.choice(vocab) + ("" if j % 5 else "s")
            follows.append(FollowTarget("word", w, w))
    build, match, cpu, hits = [], [], [], 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        matcher = FollowMatcher(people)
        t1 = time.perf_counter()
        c1 = time.process_time()
        result = matcher.match(follows, articles)
        t2 = time.perf_counter()
        cpu.append(time.process_time() - c1)
        build.append(t1 - t0)
        match.append(t2 - t1)
        hits = sum(len(v) for v in result.values())
    words = sum(len(" ".join(a.body).split()) for a in articles)
    print(
        f"articles: {len(articles)} ({words / len(articles):.0f} words each, {args.words} word frequencies), follows: {len(follows)}, people: {len(people)}"
    )
    print(f"matcher build: median {statistics.median(build) * 1000:.1f} ms")
    print(
        f"match: median {statistics.median(match):.3f} s wall, {statistics.median(cpu):.3f} s CPU; max {max(match):.3f} s over {args.repeat} runs (goal <= 1 s)"
    )
    print(f"load average while running: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"hits: {hits} (target, article) pairs; targets with a hit: {len(result)}")


if __name__ == "__main__":
    main()
