"""Quote attribution on a labelled corpus: accuracy and precision of who said each direct quote.

The labelled set is PolNeAR (political news from seven US outlets, attributions annotated by
hand: source, cue, content). Give the folder that holds its `data/`, and a split (`train` or
`dev`; the test split is held out and this script refuses it):

    .venv/bin/python bench/quotes_bench.py /path/to/PolNeAR --split dev [--errors 20] [--limit N]

The articles are indexed as `briefings index` does (a temporary database), and each article's
quotes read back as `briefings show ID --json` lists them. The gold set: every passage in double
quotes of four words or more that an annotated attribution's content covers, whose source is a
person: the annotated source's head word (before an apposition) is in a PERSON name of
PolNeAR's own CoreNLP annotation (`data/SPLIT/corenlp`, independent of our model), or is `he`/
`she` or a bare name whose CoreNLP coreference chain holds a PERSON name (a he/she only when
that name is also the last person named as a source before it: CoreNLP's coreference alone is
often wrong, and a chain joining two people's full names names no one; the others are counted
apart). A bot quote matches a gold quote by its words (containing them, or at least half of
them); a speaker is right when family names agree (and given names, when both give one;
typographic apostrophes count as plain ones).

- accuracy = right speaker / gold quotes with a known speaker
- precision = right / gold quotes the bot attributes to a person
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.name_words import HONORIFICS  # noqa: E402
from briefings.people import person_key  # noqa: E402
from briefings.quotes import find_quotes  # noqa: E402
from briefings.service import build_briefings  # noqa: E402

MIN_WORDS = 4


@dataclass
class Gold:
    """One annotated direct quote."""

    text: str
    speaker: str | None  # the person's name as the article writes it, or None (not a known person)
    source: str  # the annotated source text
    how: str  # named | pronoun | other


@dataclass
class Result:
    """One gold quote and what the bot made of it."""

    gold: Gold
    found: bool
    speaker: str | None
    attribution: str | None
    file: str = ""


def read_ann(path: Path) -> list[dict]:
    """PolNeAR standoff annotations: attributions with their source and content character ranges."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            spans[parts[0]] = (label, [tuple(int(x) for x in r.split()) for r in ranges.split(";")])
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(arg.split(":") for arg in parts[1].split())
            relations.append(roles)
    out = []
    for roles in relations:
        source = [r for k, v in roles.items() if k.startswith("Source") for r in spans.get(v, ("", []))[1]]
        content = [r for k, v in roles.items() if k.startswith("Content") for r in spans.get(v, ("", []))[1]]
        out.append({"source": sorted(source), "content": content})
    return out


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


@dataclass
class CoreNLP:
    """PolNeAR's CoreNLP annotation of one article: tokens with NER, and coreference chains."""

    tokens: list[tuple[int, int, str, str]]  # (begin, end, word, ner) in text order
    index: dict[tuple[int, int], int]  # (sentence, token id) -> position in tokens
    chains: list[list[tuple[int, int]]]  # each chain: (first, last) token positions of its mentions

    @classmethod
    def read(cls, path: Path) -> CoreNLP:
        root = ElementTree.parse(path).getroot()
        tokens, index = [], {}
        for sent in root.iter("sentence"):
            if sent.find("tokens") is None:
                continue
            for tok in sent.find("tokens"):
                index[(int(sent.get("id")), int(tok.get("id")))] = len(tokens)
                tokens.append(
                    (
                        int(tok.findtext("CharacterOffsetBegin")),
                        int(tok.findtext("CharacterOffsetEnd")),
                        tok.findtext("word"),
                        tok.findtext("NER"),
                    )
                )
        chains = []
        coref = root.find(".//coreference")
        for chain in coref if coref is not None else []:
            spans = []
            for m in chain.iter("mention"):
                sent, start, end = int(m.findtext("sentence")), int(m.findtext("start")), int(m.findtext("end"))
                if (sent, start) in index and (sent, end - 1) in index:
                    spans.append((index[(sent, start)], index[(sent, end - 1)]))
            chains.append(spans)
        return cls(tokens, index, chains)

    def at(self, char: int) -> int | None:
        """The token covering a character offset."""
        return next((i for i, (b, e, _, _) in enumerate(self.tokens) if b <= char < e), None)

    def person_run(self, i: int) -> str | None:
        """The PERSON name around token i."""
        if self.tokens[i][3] != "PERSON":
            return None
        a = b = i
        while a > 0 and self.tokens[a - 1][3] == "PERSON":
            a -= 1
        while b + 1 < len(self.tokens) and self.tokens[b + 1][3] == "PERSON":
            b += 1
        return " ".join(self.tokens[k][2] for k in range(a, b + 1))

    def chain_name(self, i: int) -> str | None:
        """The longest PERSON name in the coreference chain that token i belongs to (None when the chain joins two
        people: `Ivanka Trump` and `Donald Trump` in one chain is CoreNLP's mistake, not a speaker)."""
        for chain in self.chains:
            if any(a <= i <= b for a, b in chain):
                names = [self.person_run(k) for a, b in chain for k in range(a, b + 1)]
                names = [n for n in names if n]
                full = [n for n in names if len(n.split()) >= 2]
                if any(not same_person(x, y) for x in full for y in full):
                    return None
                return max(names, key=len) if names else None
        return None


def gold_quotes(text: str, attributions: list[dict], corenlp: CoreNLP) -> list[Gold]:
    """The direct quotes of four words or more that an attribution covers, with their speaker."""
    named = []  # (offset, name) of every source that names a person, for checking he/she
    for attr in attributions:
        if attr["source"]:
            name, how = _person_name(text, attr["source"], corenlp)
            if name and how == "named":
                named.append((attr["source"][0][0], name))
    named.sort()
    out = []
    for off, para in paragraphs(text):
        for a, b, _closed in find_quotes(para):
            qa, qb = off + a, off + b
            inner = text[qa:qb].strip()
            if len(inner.split()) < MIN_WORDS:
                continue
            attr = max(attributions, key=lambda at: _overlap(at["content"], qa, qb), default=None)
            if attr is None or _overlap(attr["content"], qa, qb) < 0.5 * (qb - qa) or not attr["source"]:
                continue
            source = " ".join(text[s:e] for s, e in attr["source"])
            name, how = _person_name(text, attr["source"], corenlp)
            if how == "pronoun" and name:
                # CoreNLP's coreference is wrong often enough: keep a he/she only when the last named source agrees.
                before = [n for off, n in named if off < attr["source"][0][0]]
                if not before or not same_person(name, before[-1]):
                    how = "unsure"
            out.append(Gold(inner, name if how != "unsure" else None, source, how if name else "other"))
    return out


def _overlap(ranges: list[tuple[int, int]], a: int, b: int) -> int:
    return sum(max(0, min(e, b) - max(s, a)) for s, e in ranges)


def _person_name(text: str, ranges: list[tuple[int, int]], corenlp: CoreNLP) -> tuple[str | None, str]:
    """The person a source names (CoreNLP's PERSON at its head word), or a he/she's by CoreNLP's coreference."""
    start, end = ranges[0][0], ranges[-1][1]
    phrase = text[start:end]
    cut = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), phrase).split(",")[0].rstrip()
    words = list(re.finditer(r"[\w.'’-]+", cut))
    if not words:
        return None, "other"
    head = words[-1]
    i = corenlp.at(start + head.start())
    if i is None:
        return None, "other"
    if head.group().lower() in ("he", "she"):
        return corenlp.chain_name(i), "pronoun"
    if not head.group()[:1].isupper():
        return None, "other"
    return corenlp.person_run(i) or (corenlp.chain_name(i) if corenlp.tokens[i][3] in ("O", "PERSON") else None), "named"


def same_person(gold: str, predicted: str) -> bool:
    """Family names agree, and given names too when both names give one."""
    g = [w for w in person_key(_apostrophes(gold)).split() if w not in {h.strip(".") for h in HONORIFICS}]
    p = person_key(_apostrophes(predicted)).split()
    if not g or not p or g[-1] != p[-1]:
        return False
    return len(g) < 2 or len(p) < 2 or g[0] in p or p[0] in g


def _apostrophes(name: str) -> str:
    return name.replace("’", "'")  # `O’Malley` is `O'Malley`


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def match(gold: Gold, quotes: list, file: str = "") -> Result:
    """The bot's direct quote with the gold quote's words: containing them (the bot joins a quote running over
    paragraphs, the gold set has one per paragraph), or contained in them and at least half as long; one that also
    has the gold's letter case first (a headline's `We Do Not Pay ...` is not the body's `We do not pay ...`)."""
    g, exact = _words(gold.text), gold.text.strip(" ,.").replace("’", "'")
    direct = [q for q in quotes if q.kind == "direct" and _words(q.text)]
    cased = [q for q in direct if exact in q.text.replace("’", "'")]
    for q in cased + direct:
        w = _words(q.text)
        if g in w or (w in g and len(w) >= 0.5 * len(g)):
            return Result(gold, True, q.speaker, q.attribution, file)
    return Result(gold, False, None, None, file)


def evaluate(folder: Path, split: str, workdir: Path, limit: int | None = None) -> list[Result]:
    """Index the split's articles and compare each article's quotes with the gold ones."""
    corpus = workdir / "corpus"
    corpus.mkdir()
    texts = sorted((folder / "data" / split / "text").glob("*.txt"))
    if limit and limit < len(texts):
        texts = texts[:: -(-len(texts) // limit)]  # evenly spread over the outlets (files are named by outlet)
    for path in texts:
        shutil.copyfile(path, corpus / path.name)
    core = build_briefings(database_url=f"sqlite:///{workdir / 'bench.db'}", corpus_dir=corpus)
    started = time.perf_counter()
    core.index()
    print(f"indexed {len(texts)} articles in {time.perf_counter() - started:.0f} s")
    by_file = {a.file: a for a in core.articles()}
    if not by_file:
        raise SystemExit(f"no article of {folder / 'data' / split / 'text'} could be indexed")
    results, skipped = [], 0
    for path in texts:
        anns = sorted((folder / "data" / split / "attributions").glob(f"{path.stem}_*.ann"))
        article = by_file.get(path.name)
        if not anns or article is None:
            continue
        xml = folder / "data" / split / "corenlp" / f"{path.name}.xml"
        if not xml.exists():
            skipped += 1
            continue
        golds = gold_quotes(path.read_text(encoding="utf-8"), read_ann(anns[0]), CoreNLP.read(xml))
        quotes = core.article_quotes(article.id)
        results.extend(match(g, quotes, path.name) for g in golds)
    if skipped:
        print(f"{skipped} articles without a CoreNLP annotation left out")
    return results


def report(results: list[Result], errors: int) -> None:
    """Print the figures (overall and by how the gold names the speaker) and some errors."""
    known = [r for r in results if r.gold.speaker]
    for label, group in (("all", known), *((how, [r for r in known if r.gold.how == how]) for how in ("named", "pronoun"))):
        right = sum(1 for r in group if r.speaker and same_person(r.gold.speaker, r.speaker))
        given = sum(1 for r in group if r.speaker)
        found = sum(1 for r in group if r.found)
        print(
            f"{label:8} quotes {len(group):5}  found {found:5}  attributed {given:5}  right {right:5}  "
            f"accuracy {right / max(len(group), 1):6.1%}  precision {right / max(given, 1):6.1%}"
        )
    unsure = [r for r in results if r.gold.how == "unsure"]
    print(f"he/she quotes left out (CoreNLP's antecedent is not the last named source): {len(unsure)}")
    others = [r for r in results if not r.gold.speaker and r.gold.how != "unsure"]
    print(f"quotes whose source is not a named person: {len(others)}; the bot gave {sum(1 for r in others if r.speaker)} to a person")
    print("by attribution:", dict(Counter(r.attribution for r in known if r.speaker)))
    wrong = [r for r in known if r.speaker and not same_person(r.gold.speaker, r.speaker)]
    missed = [r for r in known if not r.speaker]
    given_other = [r for r in others if r.speaker]
    for title, rows in (("wrong speaker", wrong), ("no speaker", missed), ("source not a named person", given_other)):
        for r in rows[:errors]:
            print(
                f"  [{title}] {r.gold.text[:90]!r}  gold={r.gold.speaker!r} ({r.gold.how}: {r.gold.source[:40]!r})  bot={r.speaker!r} found={r.found}  {r.file}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("polnear", type=Path, help="the folder holding PolNeAR's data/")
    parser.add_argument("--split", choices=("train", "dev"), default="dev")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of each kind")
    parser.add_argument("--limit", type=int, default=None, help="about N articles, evenly spread over the split")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = evaluate(args.polnear, args.split, Path(tmp), args.limit)
    report(results, args.errors)


if __name__ == "__main__":
    main()
