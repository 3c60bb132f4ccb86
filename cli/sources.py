"""`briefings add URL...` and `briefings sources`: remote pages and feeds."""

from __future__ import annotations

import argparse
import sys

from briefings.service import Briefings
from briefings.sources import SourceError
from cli.output import listed, print_json


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """The source commands' arguments."""
    p = sub.add_parser("add", help="add web pages or RSS/Atom feeds by URL and index them now")
    p.add_argument("urls", nargs="+", metavar="URL", help="http(s) address of a page or a feed")
    p.add_argument("--json", action="store_true", help="print the run's summary as JSON")
    p = sub.add_parser("sources", help="list the remote sources: last fetch, status, articles")
    p.add_argument("--json", action="store_true")


def run_add(args: argparse.Namespace, core: Briefings) -> int:
    """Add the URLs as sources, fetch and index them; exit 1 if any failed."""
    try:
        report = core.add(args.urls)
    except SourceError as error:
        print(f"briefings: {error}", file=sys.stderr)
        return 2
    if args.json:
        print_json(report.to_dict())
    else:
        a = report.articles
        print(
            f"added {len(args.urls)} source{'s' if len(args.urls) != 1 else ''}: {len(a.new)} new articles, "
            f"{len(a.changed) + len(a.reextracted)} updated, {len(a.unchanged)} unchanged, {len(report.failed)} failed"
        )
        for name in a.new:
            print(f"  new       {name}")
        for url, reason in report.failed:
            print(f"  failed    {url}: {reason}")
        for name, reason in a.skipped:
            print(f"  skipped   {name}: {reason}")
        for name, warning in a.warnings:
            print(f"  warning   {name}: {warning}")
    return 1 if report.failed else 0


def run_sources(args: argparse.Namespace, core: Briefings) -> int:
    """List the sources."""
    sources = core.sources()
    if listed(sources, as_json=args.json, empty="No remote sources. Add one with `briefings add URL` or set BRIEFINGS_FEEDS."):
        return 0
    for s in sources:
        when = s.last_fetch.strftime("%Y-%m-%d %H:%M UTC") if s.last_fetch else "never"
        print(f"{s.url}")
        detail = f"{s.kind or 'not fetched yet'} ({s.origin}) · last fetch {when} · {s.status} · {s.articles} articles"
        if s.failures:
            retry = f", next try after {s.retry_after:%Y-%m-%d %H:%M} UTC" if s.retry_after else ""
            detail += f" · failed {s.failures} time{'s' if s.failures != 1 else ''} in a row{retry}"
        print(f"  {detail}" + (f"\n  error: {s.error}" if s.error else ""))
    return 0
