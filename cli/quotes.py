"""`briefings quotes PERSON [TOPIC...]`: what someone said about a topic, or their latest quotes."""

from __future__ import annotations

import argparse
import textwrap

from briefings.service import Briefings
from cli.output import print_json

WIDTH = 88


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The `quotes` command's arguments."""
    p = sub.add_parser("quotes", help="what a person said about a topic (or their latest quotes)")
    p.add_argument("person", help="a name, e.g. Kirby or 'Kim Jong Un' (quote a name of several words)")
    p.add_argument("topic", nargs="*", help="what about, e.g. Iran or 'North Korea'")
    p.add_argument("--json", action="store_true")


def run_quotes(args: argparse.Namespace, core: Briefings) -> int:
    """Answer `quotes`: 0 when the person is known (even with nothing on the topic), 1 otherwise."""
    answer = core.quotes(args.person, " ".join(args.topic) or None)
    if args.json:
        print_json(answer.to_dict())
        return 0 if answer.match.person is not None else 1
    person = answer.match.person
    if person is None:
        if answer.status == "ambiguous":
            print(f"“{args.person}” could mean: " + "; ".join(c.label for c in answer.match.candidates))
        else:
            print(answer.message or f"Nobody called “{args.person}” is in the articles.")
        return 1
    title = f"What {person.name} said" + (f" about {answer.topic}" if answer.topic else "")
    print(title)
    print("=" * len(title))
    if answer.message:
        print(answer.message)
    for q in answer.quotes or answer.latest:
        src = ", ".join(f"{s.outlet or 'unknown outlet'} {s.date or 'undated'}" for s in q.sources) or (q.date or "undated")
        where = f" [at: {q.occasion}]" if q.occasion else ""
        said = f"“{q.text}”" if q.kind == "direct" else f"(reported) {q.text}"
        print(textwrap.fill(f"{said} — {src}{where}", WIDTH, initial_indent="  ", subsequent_indent="    "))
    return 0
