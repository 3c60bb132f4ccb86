"""`briefings who | event | timeline`: answers printed for people, or as the JSON the contract names."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Callable

from briefings.models import ArticleRef, Event, Match, Person
from briefings.service import Briefings
from cli.output import print_json

WIDTH = 88


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """The answer commands' arguments."""
    p = sub.add_parser("who", help="who is this person: name, roles, quotes, articles")
    p.add_argument("query", nargs="*", help="a name, e.g. Kirby or 'Kim Jong Un'")
    p.add_argument("--batch", metavar="FILE", help="answer one name per line of FILE ('-': standard input); with --json, JSON lines")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("event", help="what happened: by place, keyword, participant or date")
    p.add_argument("query", nargs="+", help="e.g. Jakarta, summit, 'Blinken Park', 'Oct 17'")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("timeline", help="every event in date order")
    p.add_argument("--json", action="store_true")


def person_json(match: Match, core: Briefings) -> dict:
    """The `who --json` document."""
    p = match.person
    return {
        "query": match.query,
        "status": match.status,
        "person": None
        if p is None
        else {
            "name": p.name,
            "aliases": p.aliases,
            "roles": [{"title": r.label(), "organization": r.organization, "article_id": r.article_id} for r in p.roles],
            "quotes": [
                {
                    "text": q.text,
                    "article_id": q.article_id,
                    "date": q.date,
                    "inferred": q.inferred,
                    "sources": [s.id for s in q.sources],
                    "occasion": q.occasion,
                    "attribution": q.attribution,
                }
                for q in p.quotes
            ],
            "reported": [
                {
                    "text": q.text,
                    "article_id": q.article_id,
                    "date": q.date,
                    "attribution": q.attribution,
                    "sources": [s.id for s in q.sources],
                }
                for q in p.reported
            ],
            "articles": [a.to_dict() for a in p.articles],
        },
        "candidates": [{"name": c.label, "role": c.detail, "score": round(c.score, 1)} for c in match.candidates],
        "message": match.message,
    } | ({"organisation": match.organisation.to_dict()} if match.organisation is not None else {})


def event_json(match: Match, core: Briefings) -> dict:
    """The `event --json` document."""
    e = match.event
    candidates = []
    for c in match.candidates:
        other = core.event_by_id(c.id)
        candidates.append(
            {"title": c.label, "date": other.date if other else None, "place": other.place if other else None, "score": round(c.score, 1)}
        )
    return {
        "query": match.query,
        "status": match.status,
        "event": None if e is None else _event_dict(e),
        "candidates": candidates,
        "message": match.message,
    }


def _event_dict(e: Event) -> dict:
    return {
        "id": e.id,
        "title": e.title,
        "kind": e.kind,
        "date": e.date,
        "date_precision": e.date_precision,
        "place": e.place,
        "status": e.status,
        "participants": [{"name": p.name, "role": p.role, "event_role": p.event_role} for p in e.participants],
        "quotes": [{"text": q.text, "speaker": q.speaker, "article_id": q.article_id} for q in e.quotes],
        "summary": " ".join(e.summary),
        "articles": [a.to_dict() for a in e.articles],
        "date_notes": e.date_notes,
    }


class BatchError(Exception):
    """A `who --batch` file that cannot be read; the message says what to do."""


def run_who(args: argparse.Namespace, core: Briefings) -> int:
    """Answer `who`: one name, or one per line of a batch file."""
    if args.batch is not None:
        if args.query:
            raise BatchError("give either names or --batch FILE, not both")
        return run_who_batch(args.batch, core, as_json=args.json)
    if not args.query:
        raise BatchError("who needs a name, e.g. `briefings who Kirby`, or --batch FILE")
    match = core.who(" ".join(args.query))
    if not _printed_as_json(match, "person", args.json, lambda: person_json(match, core)):
        if match.person:
            _print_person(match.person)
        elif match.organisation is not None:
            org = match.organisation
            print(f"{org.name} (organisation, in {len(org.articles)} articles)")
            for p in org.people:
                print(f"  - {p.name}, {p.role}")
            for q in org.statements:
                print(textwrap.fill(f"“{q.text}”", WIDTH, initial_indent="  ", subsequent_indent="    "))
    return 0 if match.status in ("found", "ambiguous") else 1


def _printed_as_json(match: Match, kind: str, as_json: bool, document: Callable[[], dict]) -> bool:
    """With --json, print the match's document (True); else print its first line for people (False: details follow)."""
    if as_json:
        print_json(document())
        return True
    _print_match(match, kind=kind)
    return False


def run_who_batch(source: str, core: Briefings, *, as_json: bool) -> int:
    """Answer every line of a file (`-`: stdin) in this one process; JSON lines with `as_json`.

    Each line's document is the one `who QUERY --json` prints; blank lines are not queries.
    Exit 0 when every query was found or ambiguous, 1 when some were not found.
    """
    missing = False
    for n, query in enumerate(_batch_lines(source)):  # one lookup index, loaded once, answers them all
        match = core.who(query)
        missing |= match.status not in ("found", "ambiguous")
        if as_json:
            print(json.dumps(person_json(match, core), ensure_ascii=False))
            continue
        if n:
            print()
        _print_match(match, kind="person")
        if match.person:
            _print_person(match.person)
    sys.stdout.flush()
    return 1 if missing else 0


def _batch_lines(source: str) -> list[str]:
    """The non-blank lines of a batch file or stdin, read whole first so a bad file answers nothing."""
    try:
        if source == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(source, "rb") as f:
                data = f.read()
        text = data.decode("utf-8-sig")
    except OSError as error:
        raise BatchError(f"cannot read the batch file {source}: {error.strerror or error}; give a text file with one name a line") from None
    except UnicodeDecodeError:
        raise BatchError(f"the batch file {source} is not UTF-8 text; save it as UTF-8 with one name a line") from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def run_event(args: argparse.Namespace, core: Briefings) -> int:
    """Answer `event`."""
    match = core.event(" ".join(args.query))
    if not _printed_as_json(match, "event", args.json, lambda: event_json(match, core)) and match.event:
        print_event(match.event)
        if match.candidates:
            print("\nAlso matching: " + "; ".join(c.label for c in match.candidates))
    return 0 if match.status in ("found", "ambiguous") else 1


def run_timeline(args: argparse.Namespace, core: Briefings) -> int:
    """Print every event in date order."""
    events = core.timeline()
    if args.json:
        print_json([_event_dict(e) for e in events])
        return 0
    if not events:
        print("No events indexed yet. Run `briefings index`.")
        return 0
    for e in events:
        when = e.date_text if e.date else "date not given"
        people = ", ".join(p.name + (f" ({p.event_role})" if p.event_role else "") for p in e.participants)
        print(f"{when:<34} {e.title} [{e.kind_text}]")
        details = " · ".join(x for x in (e.place, people, f"{len(e.articles)} source{'s' * (len(e.articles) != 1)}") if x)
        print(" " * 35 + details)
        for note in e.date_notes:
            print(" " * 35 + f"note: {note}")
    return 0


def _print_match(match: Match, *, kind: str) -> None:
    if match.status == "empty":
        print(match.message)
    elif match.status == "ambiguous":
        print(f"“{match.query}” could mean:")
        for c in match.candidates:
            print(f"  - {c.label}" + (f" — {c.detail}" if c.detail else ""))
    elif match.status == "not_found":
        print(f"No {kind} matching “{match.query}” in the articles.")
        if match.candidates:
            print("Did you mean: " + "; ".join(c.label + (f" ({c.detail})" if c.detail else "") for c in match.candidates))


def _print_person(p: Person) -> None:
    print(p.name)
    print("=" * len(p.name))
    if p.role:
        print(f"Role: {p.role.label()}")
    for r in p.roles[1:]:
        print(f"      also: {r.label()}")
    others = [a for a in p.aliases if a != p.name]
    if others:
        print(f"Also written: {', '.join(others)}")
    if p.quotes:
        print("\nSaid:")
        for q in p.quotes:
            src = ", ".join(f"{s.outlet or 'unknown outlet'} {s.date or 'undated'}" for s in q.sources)
            flag = " (speaker inferred from `he/she said`)" if q.inferred else ""
            flag += f" [at: {q.occasion}]" if q.occasion else ""
            print(textwrap.fill(f"“{q.text}” — {src}{flag}", WIDTH, initial_indent="  ", subsequent_indent="    "))
    if p.reported:
        print("\nReported to have said (the reporter's words):")
        for q in p.reported:
            src = ", ".join(f"{s.outlet or 'unknown outlet'} {s.date or 'undated'}" for s in q.sources)
            print(textwrap.fill(f"{q.text} — {src}", WIDTH, initial_indent="  ", subsequent_indent="    "))
    print(f"\nIn {len(p.articles)} article{'s' * (len(p.articles) != 1)}:")
    _print_articles(p.articles)


def _print_articles(articles: list[ArticleRef]) -> None:
    for a in articles:
        line = f"{a.outlet or 'unknown outlet'}, {a.date or 'undated'}: {a.headline}"
        print(textwrap.fill(line, WIDTH, initial_indent="  - ", subsequent_indent="    "))


def print_event(e: Event) -> None:
    """An event, readable in a terminal."""
    print(e.title)
    print("=" * len(e.title))
    print(f"What:  {e.kind_text}")
    print(f"When:  {e.date_text}" + (f" ({e.date_precision})" if e.date_precision and e.date_precision != "day" else ""))
    for note in e.date_notes:
        print(f"       note: {note}")
    print(f"Where: {e.place or 'not stated'}")
    if e.participants:
        print("Who:")
        for p in e.participants:
            print(f"  - {p.name}" + (f" ({p.event_role})" if p.event_role else "") + (f", {p.role}" if p.role else ""))
    if e.summary:
        print("\nReported:")
        for s in e.summary:
            print(textwrap.fill(s, WIDTH, initial_indent="  ", subsequent_indent="  "))
    if e.quotes:
        print("\nSaid there:")
        for q in e.quotes:
            print(textwrap.fill(f"“{q.text}” — {q.speaker}", WIDTH, initial_indent="  ", subsequent_indent="    "))
    print("\nSources:")
    _print_articles(e.articles)
