"""Extraction throughput: tokens per second through the NLP step the indexer runs.

The seeds' clean paragraphs and captions, repeated to at least 100,000 tokens, go through
`NlpEnricher.extract` (spaCy pipeline + people, quotes, roles, events) in batches the way
`briefings index` sends them. Prints tokens/s for the model alone and for the whole step,
with one and two processes. Goal: at least 8,000 tokens/s on a 2-core machine.

    .venv/bin/python bench/extract_bench.py [--tokens 100000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.corpus import load_article  # noqa: E402
from briefings.extract import NlpEnricher  # noqa: E402
from briefings.nlp import load_nlp  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=100_000)
    args = parser.parse_args()
    seeds = [load_article(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    nlp = load_nlp()
    per_copy = sum(len(nlp.tokenizer(t)) for a in seeds for t in (*a.body, *a.captions))
    copies = -(-args.tokens // per_copy)
    articles = seeds * copies
    tokens = per_copy * copies
    print(f"corpus: {len(articles)} articles, {tokens:,} tokens ({copies} copies of the seeds); pipeline: {', '.join(nlp.pipe_names)}")
    print(f"machine: {os.cpu_count()} cores")

    texts = [t for a in articles for t in (*a.body, *a.captions)]
    for n_process in (1, 2):
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
            pass
        elapsed = time.perf_counter() - start
        print(f"model only,      n_process={n_process}: {tokens / elapsed:9,.0f} tokens/s ({elapsed:.1f} s)")

    for n_process in (1, 2):
        enricher = NlpEnricher(n_process=n_process)
        start = time.perf_counter()
        for i in range(0, len(articles), 64):
            enricher.extract(articles[i : i + 64])
        elapsed = time.perf_counter() - start
        print(f"whole NLP step,  n_process={n_process}: {tokens / elapsed:9,.0f} tokens/s ({elapsed:.1f} s)")


if __name__ == "__main__":
    main()
