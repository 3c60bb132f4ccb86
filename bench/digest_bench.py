"""Benchmark: index 1,000 new synthetic articles (no NLP) and time building their digest.

Run `.venv/bin/python bench/digest_bench.py [--articles N] [--seed S]`. The corpus mixes single
reports, the same story from several outlets (paraphrased, with a shared quote or not), re-filed
wire versions (`(2nd LD)`), and many stories that share the same names (Kim Jong-un, Putin...).
File names carry the true story, so the script also prints how well the grouping matched it.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefings.digest import build_digest
from briefings.indexer import index_corpus
from briefings.store import Database

NAMES = ["Kim Jong-un", "Vladimir Putin", "Antony Blinken", "Yoon Suk Yeol", "Fumio Kishida", "Xi Jinping", "John Kirby", "Park Jin"]
PLACES = ["Seoul", "Tokyo", "Beijing", "Moscow", "Washington", "Jakarta", "Pyongyang", "Busan", "Osaka", "Vladivostok"]
TOPICS = [
    "tariff", "reactor", "vaccine", "election", "pipeline", "satellite", "drought", "railway", "chip", "bond", "strike",
    "flood", "treaty", "drill", "wage", "subsidy", "port", "missile", "refinery", "ferry", "budget", "festival", "earthquake",
    "airline", "bank", "museum", "stadium", "hospital", "university", "copper", "wheat", "shipyard", "telescope", "dam",
]  # fmt: skip
VERBS = ["approved", "rejected", "delayed", "expanded", "suspended", "announced", "criticised", "defended", "reviewed", "funded"]
NOUNS = ["plan", "deal", "project", "inquiry", "ban", "reform", "contract", "programme", "agreement", "proposal", "package", "scheme"]
OUTLETS = [("Yonhap", "yonhap"), ("AP", "ap"), ("The Korea Herald", "masthead"), ("Reuters", "reuters"), ("The Guardian", "guardian")]
SYLLABLES = ["ka", "ro", "mi", "tan", "vel", "shu", "dor", "bel", "nik", "sa", "lo", "gra", "pen", "zu", "ther", "mon", "quo", "fe", "ji", "wat", "ol", "bri", "dex", "ny"]  # fmt: skip


def word(rng: random.Random) -> str:
    # Rare words of a story (names of bills, firms, towns) are its own; collisions between stories would be fake overlap.
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))


def story_facts(rng: random.Random) -> dict:
    """The facts of one story: who, where, what, and a dozen sentences that report them."""
    topic, place = rng.choice(TOPICS), rng.choice(PLACES)
    name = rng.choice(NAMES)
    org = word(rng).title() + " " + rng.choice(["Ministry", "Council", "Group", "Agency", "Commission"])
    terms = [word(rng) for _ in range(6)]
    noun, verb = rng.choice(NOUNS), rng.choice(VERBS)
    amount = rng.randint(2, 900)
    sentences = [
        f"The {org} {verb} a {topic} {noun} worth {amount} million dollars in {place} on Tuesday, officials said.",
        f"{name} said the {topic} {noun} would change how {place} handles {terms[0]} and {terms[1]} for years.",
        f"Critics warned that the {terms[2]} clause in the {noun} could cost taxpayers far more than planned.",
        f"The decision follows months of talks between the {org} and the {terms[3]} association over the {topic} rules.",
        f"Local residents in {place} staged a small protest outside the {org} offices against the {terms[4]} plan.",
        f"Analysts said the {topic} {noun} was the largest of its kind since the {terms[5]} reforms a decade ago.",
        f"The {org} will publish details of the {terms[0]} schedule and the {terms[2]} review next month.",
        f"Opposition lawmakers demanded a hearing on the {topic} {noun} and its {terms[1]} costs.",
    ]
    quote = f"“This {topic} {noun} is about the {terms[0]} of our children and the future of {place},” {name} told reporters."
    return {"topic": topic, "place": place, "name": name, "org": org, "sentences": sentences, "quote": quote, "terms": terms}


def render(rng: random.Random, facts: dict, outlet: tuple[str, str], day: date, *, label: str | None = None, extra: int = 0) -> str:
    """One outlet's report of a story, in that outlet's house style."""
    name, style = outlet
    picked = rng.sample(facts["sentences"][1:], 4 + extra)
    body = [facts["sentences"][0], *picked]
    if rng.random() < 0.7:
        body.insert(2, facts["quote"])
    # Every outlet mentions the famous names of the day, whatever the story: shared names, different stories.
    body.append(f"The move comes as {rng.choice(NAMES)} and {rng.choice(NAMES)} prepare for talks on regional security later this month.")
    headline = f"{facts['org']} {facts['sentences'][0].split()[len(facts['org'].split()) + 1]} {facts['topic']} plan in {facts['place']}"
    stamp = day.strftime("%b. %d, %Y").replace(" 0", " ")
    if style == "yonhap":
        head = [f"({label}) {headline}" if label else headline, f"Published : {stamp} - 10:{rng.randint(10, 59)}"]
        body[0] = f"{facts['place'].upper()}, {day.strftime('%b. %d').replace(' 0', ' ')} (Yonhap) -- {body[0]}"
        return "\n".join(head + body + ["(END)"]) + "\n"
    if style == "guardian":
        return "\n".join([headline.capitalize(), day.strftime("%a %d %b %Y 09.00 GMT"), *body]) + "\n"
    if style == "masthead":
        return "\n".join([name, headline, f"Published : {stamp} - 09:17", *body, f"© {name}. All rights reserved."]) + "\n"
    body[0] = f"{facts['place'].upper()} ({name}) — {body[0]}"
    return "\n".join([headline, f"Published {stamp}", *body]) + "\n"


def make_corpus(folder: Path, n: int, seed: int) -> None:
    """Write about n articles: single reports, multi-outlet stories and re-filed versions."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written, story = 0, 0
    start = date(2024, 3, 1)
    while written < n:
        facts = story_facts(rng)
        day = start + timedelta(days=rng.randint(0, 20))
        kind = rng.random()
        outlets = rng.sample(OUTLETS, 1 if kind < 0.55 else rng.randint(2, 3))
        for o, outlet in enumerate(outlets):
            when = day + timedelta(days=rng.randint(0, 1))
            (folder / f"s{story:04d}_{o}_v1.txt").write_text(render(rng, facts, outlet, when), encoding="utf-8")
            written += 1
            if outlet[1] == "yonhap" and rng.random() < 0.5 and written < n:
                refile = render(random.Random(story), facts, outlet, when, label="2nd LD", extra=1)
                (folder / f"s{story:04d}_{o}_v2.txt").write_text(refile, encoding="utf-8")
                written += 1
        story += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(corpus, args.articles, args.seed)
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        t0 = time.perf_counter()
        report = index_corpus(db, corpus, batch_size=64)
        t_index = time.perf_counter() - t0
        t0 = time.perf_counter()
        digest = build_digest(db, channel="#bench")
        t_digest = time.perf_counter() - t0
        rows = db.articles()
        true_story = {row.id: row.file.split("_")[0] for row in rows}
        true_by_hash = {row.content_hash: row.file.split("_")[0] for row in rows}
        versions = Counter(row.file.rsplit("_", 1)[0] for row in rows)
        pure = sum(1 for s in digest.stories if len({true_story[src.id] for src in s.sources}) == 1)
        homes: dict[str, set[int]] = {}
        for n, story in enumerate(digest.stories):
            for h in story.article_hashes:
                homes.setdefault(true_by_hash[h], set()).add(n)
        split = sum(1 for places in homes.values() if len(places) > 1)
        print(f"articles indexed:   {report.indexed} ({len(report.skipped)} skipped) in {t_index:.2f} s (no NLP, summaries included)")
        print(f"digest built:       {t_digest:.2f} s for {report.indexed} new articles -> {len(digest.stories)} stories")
        print(f"true stories:       {len(set(true_story.values()))} ({sum(1 for v in versions.values() if v > 1)} re-filed reports)")
        print(f"pure stories:       {pure}/{len(digest.stories)} (every source from one true story)")
        print(f"split stories:      {split} (true stories spread over more than one digest story)")
        db.close()


if __name__ == "__main__":
    main()
