"""Date resolution quality: value accuracy of `resolve_when` by kind on TimeML-annotated news.

Reads every `.tml` file under the given path (TimeBank 1.2 as in TempEval-3's
`TBAQ-cleaned/TimeBank`), takes each TIMEX3 of type DATE (and TIME, by its day) whose value is a
calendar year, month or day (`1998`, `1998-02`, `1998-02-13`; weeks, quarters, seasons, decades
and PAST_REF-style values are counted but not scored, since a `PartialDate` cannot state them),
and asks the resolver for its value twice: given the phrase alone, and given its whole sentence
(the range at the phrase's position). Both get the document creation time as the anchor.

A value is right when `as_partial().iso()` equals the annotation exactly: a day for a day, a
month for a month, a year for a year (the `lenient` column also accepts a more precise answer
that agrees on the annotated part). The `dateparser` library gets the phrases for comparison.

    .venv/bin/python bench/dates_bench.py PATH [--errors KIND] [--no-dateparser]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.dates import PartialDate, resolve_when  # noqa: E402
from briefings.sentences import split_sentences  # noqa: E402

KINDS = ("explicit with year", "without year", "weekday", "relative", "offset", "other")
CALENDAR = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")
TIMEX = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
TAG = re.compile(r"<[^>]+>")
MONTH = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?"
UNIT = r"(?:day|week|weekend|month|year|decade|quarter|hour|minute|night|morning|evening|afternoon)s?"
NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|few|several|couple of)"
OFFSET = re.compile(
    rf"\b{NUMBER}(?:\s+and\s+a\s+half)?\s+(?:\w+\s+)?{UNIT}\s+(?:ago|earlier|later|before|after|from now|hence|back|previously)\b"
    rf"|\bthe\s+(?:{UNIT})\s+(?:before|after|earlier)\b|\bthe\s+(?:previous|prior|preceding|following|next)\s+{UNIT}\b",
    re.I,
)
RELATIVE = re.compile(
    rf"\b(?:today|yesterday|tomorrow|tonight|now|currently)\b"
    rf"|\b(?:this|last|next|past|coming|current|previous|earlier this|later this|early this|late last)\s+(?:{UNIT}|spring|summer|fall|autumn|winter)\b",
    re.I,
)


@dataclass(frozen=True)
class Timex:
    """One annotated expression: its text, the calendar value, its sentence and where it sits there."""

    doc: str
    text: str
    value: str
    sentence: str
    start: int  # in the sentence
    anchor: PartialDate


def kind_of(text: str) -> str:
    """The bench's kind for an expression (the first that applies, in this order)."""
    t = text.lower()
    if OFFSET.search(t):
        return "offset"
    if re.search(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", t):
        return "weekday"
    if re.search(r"\b(?:1\d|20)\d\d\b|'\d\d\b|\b\d{4}s?\b", t):
        return "explicit with year"
    if re.search(MONTH, t) and not re.fullmatch(r"(?:this|last|next|earlier this|later this)\s+month", t):
        return "without year"
    if RELATIVE.search(t):
        return "relative"
    return "other"


def read_timexes(path: Path) -> tuple[list[Timex], Counter]:
    """The scored expressions of one .tml file, and a count of the ones left out by value type."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*>|value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"', raw)
    dct_value = re.search(r'value="(\d{4}-\d\d-\d\d)', dct.group(0)) if dct else None
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    skipped: Counter = Counter()
    if not dct_value or not body:
        return [], skipped
    anchor = PartialDate.from_iso(dct_value[1])
    plain, spans = _strip(body[1])
    out: list[Timex] = []
    for sentence, s_start in _sentences(plain):
        s_end = s_start + len(sentence)
        for start, _end, attrs, text in spans:
            if not s_start <= start < s_end:
                continue
            value = _calendar_value(attrs)
            if value is None:
                skipped[_value_shape(attrs)] += 1
                continue
            out.append(Timex(path.stem, text, value, sentence, start - s_start, anchor))
    return out, skipped


def _strip(body: str) -> tuple[str, list[tuple[int, int, dict[str, str], str]]]:
    plain: list[str] = []
    spans = []
    pos = 0
    length = 0
    for m in TIMEX.finditer(body):
        before = html.unescape(TAG.sub("", body[pos : m.start()]))
        plain.append(before)
        length += len(before)
        text = html.unescape(TAG.sub("", m[2]))
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m[1]))
        spans.append((length, length + len(text), attrs, text))
        plain.append(text)
        length += len(text)
        pos = m.end()
    plain.append(html.unescape(TAG.sub("", body[pos:])))
    return "".join(plain), spans


def _sentences(plain: str) -> list[tuple[str, int]]:
    out = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", plain):
        offset = para.start()
        text = para[0]
        cursor = 0
        for sentence in split_sentences(text.replace("\n", " ")):
            at = text.replace("\n", " ").find(sentence, cursor)
            if at < 0:
                continue
            out.append((sentence, offset + at))
            cursor = at + len(sentence)
    return out


def _calendar_value(attrs: dict[str, str]) -> str | None:
    value = attrs.get("value", "")
    if attrs.get("type") == "TIME" and re.match(r"\d{4}-\d\d-\d\dT", value):
        return value[:10]
    if attrs.get("type") == "DATE" and CALENDAR.match(value):
        return value
    return None


def _value_shape(attrs: dict[str, str]) -> str:
    return f"{attrs.get('type')} {re.sub(r'[0-9]', '9', attrs.get('value', ''))}"


def ours_phrase(t: Timex) -> str | None:
    """Our value for the phrase alone."""
    ranges = resolve_when(t.text, t.anchor)
    got = next((r.as_partial() for r in ranges if r.as_partial()), None)
    return got.iso() if got else None


def ours_sentence(t: Timex) -> str | None:
    """Our value for the phrase read in its sentence: the range that overlaps it most."""
    end = t.start + len(t.text)
    best, best_overlap = None, 0
    for r in resolve_when(t.sentence, t.anchor):
        if r.pos < 0:
            continue
        overlap = min(end, r.pos + len(r.text)) - max(t.start, r.pos)
        if overlap > best_overlap:
            best, best_overlap = r, overlap
    got = best.as_partial() if best else None
    return got.iso() if got else None


def dateparser_value(t: Timex, parser) -> str | None:
    """dateparser's value for the phrase, at the precision it reports."""
    a = t.anchor
    parser._settings.RELATIVE_BASE = datetime(a.year, a.month, a.day)
    try:
        data = parser.get_date_data(t.text)
    except Exception:
        return None
    if not data or not data.date_obj:
        return None
    d = data.date_obj
    return {"year": f"{d:%Y}", "month": f"{d:%Y-%m}"}.get(data.period, f"{d:%Y-%m-%d}")


def right(got: str | None, gold: str, *, lenient: bool = False) -> bool:
    """Exact match, or (lenient) a more precise value that agrees on the annotated part."""
    if got is None:
        return False
    return got == gold or (lenient and got.startswith(gold + "-"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="a folder of TimeML .tml files")
    parser.add_argument("--errors", metavar="KIND", help="list the sentence-mode misses of one kind ('all' for every kind)")
    parser.add_argument("--no-dateparser", action="store_true", help="skip the dateparser comparison")
    args = parser.parse_args()
    files = sorted(args.path.rglob("*.tml"))
    if not files:
        sys.exit(f"no .tml files under {args.path}")
    timexes: list[Timex] = []
    skipped: Counter = Counter()
    for f in files:
        found, left = read_timexes(f)
        timexes += found
        skipped += left
    dp = None
    if not args.no_dateparser:
        from dateparser.date import DateDataParser

        dp = DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
    columns = ("phrase", "sentence", "lenient") + (("dateparser",) if dp else ())
    score: dict[str, Counter] = defaultdict(Counter)
    for t in timexes:
        kind = kind_of(t.text)
        phrase, sentence = ours_phrase(t), ours_sentence(t)
        results = {
            "phrase": right(phrase, t.value),
            "sentence": right(sentence, t.value),
            "lenient": right(sentence, t.value, lenient=True),
        }
        if dp:
            results["dateparser"] = right(dateparser_value(t, dp), t.value)
        for k in (kind, "overall"):
            score[k]["n"] += 1
            for col, ok in results.items():
                score[k][col] += ok
        if args.errors in (kind, "all") and not results["sentence"]:
            print(
                f"MISS [{kind}] {t.doc} anchor={t.anchor.iso()} {t.text!r} gold={t.value} got={sentence} phrase-alone={phrase}\n    {t.sentence}"
            )
    print(f"{len(files)} documents, {len(timexes)} scored expressions; not scored (value not a calendar date): {sum(skipped.values())}")
    print("  " + ", ".join(f"{shape}: {n}" for shape, n in skipped.most_common(8)))
    sentences = sorted({(t.sentence, t.anchor) for t in timexes}, key=lambda sa: sa[0])
    start = time.process_time()  # CPU time: the machine is shared
    for _ in range(3):
        for sentence, anchor in sentences:
            resolve_when(sentence, anchor)
    elapsed = (time.process_time() - start) / 3
    print(
        f"speed: {len(sentences) / elapsed:,.0f} sentences/s of CPU time ({1000 * elapsed / len(sentences):.2f} ms each, {len(sentences)} sentences)"
    )
    print(f"{'kind':<20} {'n':>5} " + " ".join(f"{c:>10}" for c in columns))
    for kind in (*KINDS, "overall"):
        s = score[kind]
        if s["n"]:
            print(f"{kind:<20} {s['n']:>5} " + " ".join(f"{100 * s[c] / s['n']:>9.1f}%" for c in columns))


if __name__ == "__main__":
    main()
