"""People on real wire copy: recall of every named person, honesty on absent names, indexing speed.

Takes CoNLL-2003-format files (the training and validation splits; never the test split),
turns each document back into an article file (headline, then one paragraph per sentence),
indexes them with the real `briefings index` command in a fresh database, and asks
`briefings who --batch --json` for every person the labels name in full (two words or
more) and for absent names. Prints:

- recall: right person found / offered among candidates (ambiguous) / a wrong person found
  (or the right one under a mangled name) / not found, for all names, names in prose and
  names only in lists and tables, and for names whose words survived cleaning;
- absent names: made-up ones and ones sharing a word with someone indexed (a given name, a
  family name, a particle or title before someone's word): how many were `found`;
- the `briefings index` run's wall time and tokens/s (start-up, cleaning, NLP, resolution);
- stored names: every person's name and aliases, counted when one holds a number, a possessive, a
  description or title before the name, or a lower-case word that is no particle.

    .venv/bin/python bench/people_bench.py /path/eng.train /path/eng.testa [--docs N] [--work DIR] [--show 20]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.name_forms import name_key  # noqa: E402

FIRST = ["Marta", "Tobias", "Ingrid", "Kwame", "Yelena", "Ravi", "Sofia", "Henrik", "Amara", "Dmitri", "Lucia", "Tomasz",
         "Naomi", "Farid", "Greta", "Joaquin", "Priya", "Oskar", "Leila", "Matteo", "Hana", "Emeka", "Zofia", "Bruno"]  # fmt: skip
LAST = ["Vantongeren", "Quillfeather", "Marsalek", "Okonkwo", "Brightwater", "Szelenyi", "Castellanos", "Haverkamp",
        "Lindqvist", "Abernathy", "Petrossian", "Nakashima", "Delacroix", "Wojcikowski", "Fairbairn", "Rautio",
        "Montegrano", "Ostrowicz", "Kilbride", "Tremonti", "Halvorsen", "Achterberg", "Bellweather", "Dunsany"]  # fmt: skip
PARTICLES = ["Abu", "Al", "Van", "Von", "De", "Bin"]
TITLES = ["Prince", "President", "Sheikh", "General", "Dr.", "Minister"]


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]

    @property
    def prose(self) -> bool:
        """Running prose, not a results line, table row or list: several lower-case words."""
        lower = sum(1 for t in self.tokens if t.isalpha() and t.islower() and len(t) > 2)
        return len(self.tokens) >= 8 and lower >= 3


@dataclass
class GoldName:
    text: str
    docs: set[int] = field(default_factory=set)
    prose: bool = False


def read_conll(path: Path) -> list[list[Sentence]]:
    """Documents of a CoNLL-2003 file, each a list of sentences of (token, entity tag)."""
    docs: list[list[Sentence]] = []
    sent = Sentence([], [])
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if sent.tokens:
                docs[-1].append(sent) if docs else docs.append([sent])
                sent = Sentence([], [])
            if parts and parts[0] == "-DOCSTART-":
                docs.append([])
            continue
        sent.tokens.append(parts[0])
        sent.tags.append(parts[-1])
    if sent.tokens:
        docs[-1].append(sent)
    return [d for d in docs if d]


def detokenize(tokens: list[str]) -> str:
    """Text as a wire story prints it: no space before punctuation, quotes hugging their words."""
    out = ""
    open_quote = False
    glue_next = False
    for tok in tokens:
        if tok == '"':
            if open_quote:
                out += '"'
            else:
                out += (" " if out else "") + '"'
                glue_next = True
            open_quote = not open_quote
            continue
        attach = tok in {",", ".", ";", ":", "!", "?", ")", "%", "'s", "n't", "'"} or (tok.startswith("'") and len(tok) <= 3)
        out += tok if (attach or glue_next or not out) else " " + tok
        glue_next = tok in {"(", "$"}
    return out


def persons(sent: Sentence) -> list[str]:
    """The PER spans of a sentence (IOB1 or IOB2)."""
    spans, cur = [], []
    for tok, tag in zip(sent.tokens, sent.tags, strict=True):
        if tag.endswith("PER") and not (tag.startswith("B-") and cur):
            cur.append(tok)
            continue
        if cur:
            spans.append(" ".join(cur))
        cur = [tok] if tag.endswith("PER") else []
    if cur:
        spans.append(" ".join(cur))
    return spans


def write_corpus(docs: list[list[Sentence]], folder: Path) -> int:
    """One article file per document; returns the corpus's token count."""
    folder.mkdir(parents=True)
    tokens = 0
    for i, doc in enumerate(docs):
        paragraphs = [detokenize(s.tokens) for s in doc]
        tokens += sum(len(s.tokens) for s in doc)
        (folder / f"{i:05d}.txt").write_text(paragraphs[0] + "\n\n" + "\n\n".join(paragraphs[1:]) + "\n", encoding="utf-8")
    return tokens


def gold_names(docs: list[list[Sentence]]) -> tuple[dict[str, GoldName], set[str]]:
    """Every full name (two words or more) by its key, and every word used as a family name or alone."""
    names: dict[str, GoldName] = {}
    words: set[str] = set()
    for d, doc in enumerate(docs):
        for sent in doc:
            for span in persons(sent):
                if name_key(span):
                    words.add(name_key(span).split()[-1])  # a family name, or a name used alone
                if len(span.split()) < 2 or not re.search(r"[A-Za-z]", span):
                    continue
                gold = names.setdefault(name_key(span), GoldName(span))
                gold.docs.add(d)
                gold.prose |= sent.prose
    return names, words


def absent_names(names: dict[str, GoldName], name_words: set[str], text: str, rng: random.Random, n: int) -> dict[str, list[str]]:
    """Made-up names, and names that share a word with someone indexed, none of them in the corpus's text."""
    low = f" {_plain(text)} "
    parts = [name.text.split() for name in names.values()]

    def absent(query: str) -> bool:
        return f" {_plain(query)} " not in low and name_key(query) not in names

    made_up = {f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(n * 3)}
    kinds: dict[str, set[str]] = defaultdict(set)
    kinds["made-up"] = {q for q in made_up if absent(q)}
    for _ in range(n * 6):
        p, q = rng.choice(parts), rng.choice(parts)
        kinds["given + made-up family"].add(f"{p[0]} {rng.choice(LAST)}")
        kinds["made-up given + family"].add(f"{rng.choice(FIRST)} {p[-1]}")
        if p[0].lower() != q[0].lower() and p[-1].lower() != q[-1].lower():
            kinds["one's given + another's family"].add(f"{p[0]} {q[-1]}")
        # Particles and titles before a word that is not the person's family name (or before a family name, as a given name).
        kinds["particle + someone's word"].add(f"{rng.choice(PARTICLES)} {rng.choice(p)}")
        if len(p) >= 2 and p[0].lower() not in {w.split()[-1].lower() for w in names}:
            kinds["title + someone's given name"].add(f"{rng.choice(TITLES)} {p[0] if len(p) == 2 else rng.choice(p[:-1])}")
    out = {k: sorted(q for q in v if absent(q) and not _family_of_anyone(q, name_words, names)) for k, v in kinds.items()}
    return {k: rng.sample(v, min(n, len(v))) for k, v in out.items()}


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _family_of_anyone(query: str, name_words: set[str], names: dict[str, GoldName]) -> bool:
    # `President Clinton` is Bill Clinton, not an absent person: a title before a family name is present.
    words = query.split()
    if words[0] in TITLES or words[0].rstrip(".") in TITLES:
        return name_key(words[-1]) in name_words
    return False


def run(cmd: list[str], env: dict[str, str], stdin: str | None = None) -> tuple[float, float, str]:
    """Run a `briefings` command; its wall time, the CPU time it and its workers used, and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, input=stdin, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), done.stdout


def judge(doc: dict, query: str, names: dict[str, GoldName]) -> str:
    """right | offered | mangled | wrong | not found, for a query naming a present person."""
    key = name_key(query)
    if doc["status"] == "found":
        if doc["person"] is None:
            return "wrong"  # an organisation answered
        got = name_key(doc["person"]["name"])
        if got == key or (got in names and set(key.split()) <= set(got.split())):
            return "right"
        return "mangled" if set(key.split()) <= set(got.split()) else "wrong"
    if doc["status"] == "ambiguous" and any(name_key(c["name"]) == key for c in doc["candidates"]):
        return "offered"
    return "not found"


def report(label: str, verdicts: list[str]) -> None:
    n = len(verdicts) or 1
    counts = {k: verdicts.count(k) for k in ("right", "offered", "mangled", "wrong", "not found")}
    cells = "  ".join(f"{k} {v:5} ({100 * v / n:5.1f}%)" for k, v in counts.items())
    print(f"  {label:<26} {len(verdicts):5}  {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="CoNLL-2003 files (training / validation splits)")
    parser.add_argument("--docs", type=int, default=0, help="use only the first N documents (0: all)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/people_bench"), help="scratch folder (emptied)")
    parser.add_argument("--absent", type=int, default=200, help="absent names per kind")
    parser.add_argument("--show", type=int, default=15, help="examples of each failure to print")
    args = parser.parse_args()
    if any("testb" in f.name or f.stem == "test" for f in args.files):
        sys.exit("the test split is held out: give the training and validation splits only")
    docs = [d for f in args.files for d in read_conll(f)]
    docs = docs[: args.docs] if args.docs else docs
    shutil.rmtree(args.work, ignore_errors=True)
    tokens = write_corpus(docs, args.work / "corpus")
    names, name_words = gold_names(docs)
    text = " ".join(detokenize(s.tokens) for d in docs for s in d)
    absent = absent_names(names, name_words, text, random.Random(12), args.absent)

    env = {**os.environ, "BRIEFINGS_CORPUS_DIR": str(args.work / "corpus"), "BRIEFINGS_DATABASE_URL": f"sqlite:///{args.work / 'bench.db'}"}
    exe = [str(Path(sys.executable).with_name("briefings"))]
    load = os.getloadavg()[0]
    elapsed, cpu, _ = run([*exe, "index", "--json"], env)
    print(f"corpus: {len(docs)} documents, {tokens:,} tokens; {len(names)} full names; load average {load:.2f} at start")
    print(f"briefings index: {elapsed:.1f} s, {tokens / elapsed:,.0f} tokens/s (start-up, cleaning, NLP, resolution)")
    print(f"  CPU time of the run and its workers: {cpu:.1f} s ({tokens / cpu:,.0f} tokens per CPU-second; {os.cpu_count()} cores)")

    queries = [g.text for g in names.values()] + [q for qs in absent.values() for q in qs]
    _, _, out = run([*exe, "who", "--batch", "-", "--json"], env, stdin="\n".join(queries) + "\n")
    answers = dict(zip(queries, map(json.loads, out.splitlines()), strict=True))
    bodies = _indexed_text(args.work / "bench.db")
    verdicts = {g.text: judge(answers[g.text], g.text, names) for g in names.values()}
    print("recall of people named in full (right = found under their name):")
    report("all", list(verdicts.values()))
    report("in prose", [verdicts[g.text] for g in names.values() if g.prose])
    report("only in lists and tables", [verdicts[g.text] for g in names.values() if not g.prose])
    reached = [g for g in names.values() if name_key(g.text) in bodies]
    report("whose words survived cleaning", [verdicts[g.text] for g in reached])
    print("absent names (found = a false find):")
    for kind, qs in absent.items():
        statuses = [answers[q]["status"] for q in qs]
        print(f"  {kind:<32} {len(qs):4}: found {statuses.count('found'):3}, ambiguous {statuses.count('ambiguous'):3}")
    _stored_names(args.work / "bench.db", args.show)
    _examples(verdicts, answers, absent, args.show, {g.text for g in reached})


def _unclean(form: str) -> str | None:
    """Why a stored name or alias is not a clean name form: a number, a possessive, a description, a lower-case word."""
    from briefings.name_forms import PARTICLES
    from briefings.name_words import DEMONYMS, DESCRIPTORS, HONORIFICS, ROLE_HEADS

    words = form.split()
    if re.search(r"\d", form):
        return "number"
    if re.search(r"['’]s\b", form):
        return "possessive"
    if len(words) > 1 and (words[0].lower() in DEMONYMS or words[0].lower() in DESCRIPTORS or words[0].lower() in ROLE_HEADS):
        return "description"
    if any(w.lower() in HONORIFICS for w in words):
        return "honorific"
    if any(w[:1].islower() and w.lower() not in PARTICLES and not w.startswith(("al-", "el-", "bin-")) for w in words):
        return "lower-case word"
    return None


def _stored_names(db_path: Path, show: int) -> None:
    """Every stored person's name and aliases, checked for what a clean name never holds."""
    import sqlite3

    with sqlite3.connect(db_path) as con:
        rows = con.execute("select name, data from people").fetchall()
    forms = [(f, name) for name, data in rows for f in [name, *json.loads(data).get("aliases", [])]]
    bad = [(f, name, why) for f, name in forms if (why := _unclean(f))]
    kinds = defaultdict(int)
    for *_, why in bad:
        kinds[why] += 1
    detail = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none"
    print(f"stored names: {len(rows)} people, {len(forms)} names and aliases; not clean: {len(bad)} ({detail})")
    for f, name, why in bad[:show]:
        print(f"    {f!r:34} ({why}) alias of {name}")


def _indexed_text(db_path: Path) -> str:
    import sqlite3

    with sqlite3.connect(db_path) as con:
        rows = con.execute("select body, captions from articles").fetchall()
    return " " + " ".join(name_key(" ".join(json.loads(b or "[]") + json.loads(c or "[]"))) for b, c in rows) + " "


def _examples(verdicts: dict[str, str], answers: dict[str, dict], absent: dict[str, list[str]], show: int, reached: set[str]) -> None:
    for verdict in ("mangled", "wrong", "not found", "offered"):
        bad = [q for q, v in verdicts.items() if v == verdict and q in reached][:show]
        if bad:
            print(f"examples, {verdict} (words survived cleaning):")
            for q in bad:
                doc = answers[q]
                got = (
                    doc["person"]["name"]
                    if doc["person"]
                    else (doc.get("organisation") or {}).get("name") or "; ".join(c["name"] for c in doc["candidates"][:3])
                )
                print(f"    {q!r:34} -> {got}")
    false = [
        (q, (answers[q]["person"] or answers[q].get("organisation") or {}).get("name"))
        for qs in absent.values()
        for q in qs
        if answers[q]["status"] == "found"
    ][:show]
    if false:
        print("examples, absent names found:")
        for q, got in false:
            print(f"    {q!r:34} -> {got}")


if __name__ == "__main__":
    main()
