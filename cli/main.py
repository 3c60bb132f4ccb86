"""`briefings index | add | sources | articles | show | who | event | timeline | digest | migrate | serve`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import sys
import textwrap
from collections.abc import Callable, Sequence
from datetime import date

from briefings.corpus import ArticleError
from briefings.dates import PartialDate
from briefings.indexer import CorpusError, IndexReport
from briefings.migrate import current, head, upgrade
from briefings.models import Digest, Quote
from briefings.service import Briefings, briefings_from_settings
from briefings.store import make_engine
from cli import answers, quotes, sources
from cli.output import listed, print_json
from config import Settings, configure_logging, settings_or_complaint

log = logging.getLogger("briefings")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


class UsageError(Exception):
    """Something the user asked for that we cannot do; printed as one line, exit 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `briefings` console script."""
    try:
        return _main([text_argument(arg) for arg in (sys.argv[1:] if argv is None else argv)])
    except BrokenPipeError:
        # The reader stopped reading (`briefings articles | head`): stop quietly, as Unix tools do.
        _silence_stdout()
        return 128 + signal.SIGPIPE


def text_argument(arg: str) -> str:
    """A command-line argument as valid text: each byte that was not UTF-8 (a lone surrogate here) becomes U+FFFD."""
    return _SURROGATES.sub("\ufffd", arg)


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that flush cannot fail too.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


def _main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    settings = settings_or_complaint()
    if settings is None:
        return 2
    configure_logging(settings)
    try:
        return COMMANDS[args.command](args, settings)
    except (CorpusError, UsageError, ArticleError, answers.BatchError) as error:
        print(f"briefings: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("briefings: interrupted; what was written so far is kept", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefings", description="Index news articles and answer who/event questions.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("index", help="index the corpus folder and the remote sources (only what changed)")
    p.add_argument("--json", action="store_true", help="print the run's summary as JSON")
    p = sub.add_parser("articles", help="list indexed articles")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("show", help="show one article: metadata, clean body, captions")
    p.add_argument("id", help="article id (or a unique prefix, or its file name)")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("digest", help="print the digest as it would be posted (posts nothing, marks nothing sent)")
    p.add_argument("--json", action="store_true", help="print the digest as JSON")
    p.add_argument("--since", metavar="DATE", help="only articles dated on or after DATE (YYYY-MM-DD)")
    p.add_argument("--all", action="store_true", help="ignore the history: every article, sent or not")
    p.add_argument("--channel", metavar="C", help="whose history to use (default: BRIEFINGS_DIGEST_CHANNEL)")
    p.add_argument("--post", action="store_true", help="post it to the channel now through Slack (exactly once, marked sent)")
    p = sub.add_parser("migrate", help="bring the database's schema to the newest revision (serve and index also do it on start)")
    p.add_argument("--json", action="store_true", help="print the revisions before and after as JSON")
    p = sub.add_parser("serve", help="run the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP mode; no tokens: a local workspace)")
    p.add_argument("--local", action="store_true", help="run against a local workspace with a web page, even if Slack tokens are set")
    answers.add_parsers(sub)
    quotes.add_parser(sub)
    sources.add_parsers(sub)
    return parser


def _services(settings: Settings, *, index: bool = False) -> Briefings:
    return briefings_from_settings(settings)


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    """Index the corpus and print what changed."""
    core = _services(settings)
    progress, close = _progress_bar(core)
    try:
        report = core.index(progress=progress)
    finally:
        close()
    if args.json:
        print_json(report.to_dict())
    else:
        _print_report(report)
    if report.indexed == 0 and not report.unchanged and (report.skipped or not report.removed):
        print("briefings: nothing could be indexed", file=sys.stderr)
        return 1
    return 0


def _progress_bar(core: Briefings) -> tuple[Callable[[str], None] | None, Callable[[], None]]:
    if not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    total = core.count_corpus_files()
    bar = tqdm(total=total, unit="file", desc="indexing", file=sys.stderr, leave=False)

    def tick(name: str) -> None:
        bar.set_postfix_str(name[-30:], refresh=False)
        bar.update(1)

    return tick, bar.close


def _print_report(report: IndexReport) -> None:
    print(
        f"indexed: {len(report.new)} new, {len(report.changed)} changed, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed, {len(report.skipped)} skipped"
        + (f", {len(report.reextracted)} re-extracted" if report.reextracted else "")
    )
    for label, names in (("new", report.new), ("changed", report.changed), ("removed", report.removed)):
        for name in names:
            print(f"  {label:9} {name}")
    for name, reason in report.skipped:
        print(f"  skipped   {name}: {reason}")
    for name, warning in report.warnings:
        print(f"  warning   {name}: {warning}")


def cmd_articles(args: argparse.Namespace, settings: Settings) -> int:
    """List the indexed articles."""
    articles = _services(settings).articles()
    if listed(articles, as_json=args.json, empty="No articles indexed yet. Run `briefings index`."):
        return 0
    for a in articles:
        print(f"{a.id}  {a.date_text:<28} {a.outlet or 'outlet unknown':<22} {a.headline}")
        extra = [f"dateline {a.dateline_place}" if a.dateline_place else "", f"by {', '.join(a.authors)}" if a.authors else "", a.file]
        print(" " * 14 + " · ".join(x for x in extra if x))
    return 0


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    """Show one article."""
    core = _services(settings)
    article = core.article(args.id)
    if article is None:
        raise UsageError(f"no article {args.id!r}; `briefings articles` lists them")
    said = core.article_quotes(article.id)
    if args.json:
        data = article.to_dict(full=True) | {"quotes": [q.brief() for q in said]}
        print_json(data)
        return 0
    print(article.headline)
    print("=" * min(len(article.headline), 80))
    pub = article.published
    facts = [
        ("Outlet", article.outlet or "unknown"),
        ("Wire", article.wire),
        ("Site", article.site),
        ("Authors", ", ".join(article.authors)),
        ("Contributors", ", ".join(article.contributors)),
        ("Dateline", article.dateline_place),
        ("Published", f"{article.date_text} (from {pub['source']}; confidence {pub['confidence']})"),
        ("Page date", f"{article.page_date['date']} (low confidence: the page's own date)" if article.page_date else None),
        ("Version", article.update_label),
        ("Notes", "; ".join(article.editor_notes)),
        ("File", article.file),
        ("ID", article.id),
    ]
    for label, value in facts:
        if value:
            print(f"{label + ':':<14}{value}")
    if article.summary:
        print("\nSummary:")
        for sentence in article.summary:
            print(textwrap.fill(sentence, 88, initial_indent="  ", subsequent_indent="  "))
    print()
    for paragraph in article.body:
        print(textwrap.fill(paragraph, 88))
        print()
    if article.captions:
        print("Photo captions:")
        for caption in article.captions:
            print(textwrap.fill(caption, 88, initial_indent="  - ", subsequent_indent="    "))
    if said:
        print("Quotes:")
        for q in said:
            print(textwrap.fill(f"{_quoted(q)} — {_said_by(q)}", 88, initial_indent="  - ", subsequent_indent="    "))
    return 0


def _quoted(q: Quote) -> str:
    return f"“{q.text}”" if q.kind == "direct" else f"(reported) {q.text}"


def _said_by(q: Quote) -> str:
    if q.speaker:
        return q.speaker + (" (inferred)" if q.attribution == "inferred" else "")
    return f"{q.source} (organisation)" if q.source else "speaker not stated"


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    """Print the digest a channel would get next, without posting it or marking it sent."""
    since = None
    if args.since:
        try:
            since = date.fromisoformat(args.since)
        except ValueError:
            raise UsageError(f"--since {args.since!r} is not a date; write it as YYYY-MM-DD") from None
    channel = args.channel or settings.digest_channel
    if args.post:
        return _post_digest(args, settings, channel)
    core = _services(settings)
    digest = core.digest(channel=channel, since=since, include_sent=args.all)
    if args.json:
        print_json({"date": digest.date, "stories": [s.to_dict() for s in digest.stories]})
        return 0
    if digest.empty:
        if not core.stats().articles:
            print("No articles indexed yet. Run `briefings index`.")
        elif args.all or since:
            print(f"No articles{f' dated on or after {since}' if since else ''}.")
        else:
            print("Nothing new since the last digest.")
        return 0
    _print_digest(digest)
    return 0


def _post_digest(args: argparse.Namespace, settings: Settings, channel: str | None) -> int:
    """Post the digest now through the bot's own posting path (claimed in the database, retried, marked sent)."""
    from bot.runner import ConfigurationError, post_digest_now

    if args.since or args.all or args.json:
        raise UsageError("--post posts what the channel has not had yet; leave out --since, --all and --json")
    if not channel:
        raise UsageError("--post needs a channel: --channel C0123456789 or BRIEFINGS_DIGEST_CHANNEL")
    try:
        outcome = post_digest_now(settings, _services(settings), channel)
    except ConfigurationError as error:
        raise UsageError(str(error)) from None
    if outcome.status == "sent":
        stories = f"{outcome.stories} {'story' if outcome.stories == 1 else 'stories'}"
        print(f"Posted the digest to {channel}: {stories} (ts {outcome.message_ts}).")
        return 0
    if outcome.status == "skipped":
        print(f"Nothing new for {channel}; not posted (BRIEFINGS_DIGEST_SKIP_EMPTY is on).")
        return 0
    print(f"briefings: the digest was not posted to {channel}: {outcome.error or outcome.status}", file=sys.stderr)
    return 1


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    """Upgrade the database to the newest schema revision, under the migration lock."""
    engine = make_engine(settings.database_url)
    try:
        before = current(engine)
        upgrade(engine)
        after = current(engine)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps({"before": before, "after": after, "head": head(), "changed": before != after}))
    elif before == after:
        print(f"The database is at the newest schema revision ({after}); nothing to do.")
    else:
        print(f"Upgraded the database's schema from {before or 'none'} to {after}.")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Run the bot until interrupted."""
    from bot.runner import serve_command

    return serve_command(settings, _services(settings), local=args.local)


def _print_digest(digest: Digest) -> None:
    count = len(digest.stories)
    where = f" for {digest.channel}" if digest.channel else ""
    print(f"Briefing{where}, {digest.date}: {count} {'story' if count == 1 else 'stories'}")
    for n, story in enumerate(digest.stories, 1):
        print()
        print(textwrap.fill(f"{n}. {story.headline}", 88, subsequent_indent="   "))
        when = PartialDate.from_iso(story.date).human() if story.date else "date not given"
        print(f"   {when} · {len(story.sources)} {'source' if len(story.sources) == 1 else 'sources'}")
        summary = " ".join(text + (f" ({outlet})" if outlet else "") for text, outlet in story.summary_runs())
        print(textwrap.fill(summary, 88, initial_indent="   ", subsequent_indent="   "))
        if story.people:
            people = "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in story.people)
            print(textwrap.fill(f"People: {people}", 88, initial_indent="   ", subsequent_indent="     "))
        if story.quote:
            print(textwrap.fill(f"“{story.quote.text}” — {story.quote.speaker}", 88, initial_indent="   ", subsequent_indent="    "))
        for src in story.sources:
            dated = PartialDate.from_iso(src.date).human() if src.date else "date unknown"
            line = f"- {src.outlet or 'outlet unknown'}, {dated}: {src.headline}"
            print(textwrap.fill(line, 88, initial_indent="   ", subsequent_indent="     "))
        for folded in story.folded:
            line = f"- (earlier version, superseded) {folded.article.outlet or 'outlet unknown'}: {folded.article.headline}"
            print(textwrap.fill(line, 88, initial_indent="   ", subsequent_indent="     "))


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "index": cmd_index,
    "articles": cmd_articles,
    "show": cmd_show,
    "digest": cmd_digest,
    "migrate": cmd_migrate,
    "serve": cmd_serve,
    "who": lambda args, settings: answers.run_who(args, _services(settings)),
    "event": lambda args, settings: answers.run_event(args, _services(settings)),
    "timeline": lambda args, settings: answers.run_timeline(args, _services(settings)),
    "quotes": lambda args, settings: quotes.run_quotes(args, _services(settings)),
    "add": lambda args, settings: sources.run_add(args, _services(settings)),
    "sources": lambda args, settings: sources.run_sources(args, _services(settings)),
}


if __name__ == "__main__":
    sys.exit(main())
