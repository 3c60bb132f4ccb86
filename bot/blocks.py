"""Block Kit messages for people, events, choices, digests, help and the App Home, built with slack_sdk.models."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.text import clip, human_date, md, plain
from briefings.ask import Answer
from briefings.models import ArticleRef, Candidate, CorpusStats, Digest, Event, Match, Person, Quote, Story

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_TEXT_CHARS = 11_000  # Slack's undocumented ceiling on all the text of a message is around 12-13k
MAX_JSON_CHARS = 12_000  # the same ceiling measured on the blocks as JSON, the stricter reading
SHARE_ACTION = "share"
CHOOSE_PREFIX = "choose:"
QUOTES_SHOWN = 3
SOURCES_SHOWN = 5
CANDIDATES_SHOWN = 8

USAGE = {
    "person": "Usage: `/who &lt;name&gt;`, for example `/who Kirby` or `/who Kim Jong Un`.",
    "event": "Usage: `/event &lt;place, keyword or name&gt;`, for example `/event Jakarta` or `/event Vostochny`.",
}
HELP_TEXT = (
    "*Ask me about the people and events in the news*\n"
    "• `/who &lt;name&gt;`: who someone is, what they said, where they appear\n"
    "• `/event &lt;place or keyword&gt;`: what happened, when, where, who took part\n"
    "• `/briefing digest`: preview today's digest here (only you see it)\n"
    "• `/briefing subscribe [HH:MM] [Area/City]`: this channel gets the daily digest\n"
    "• `/briefing unsubscribe` · `/briefing status` · `/briefing help`\n"
    "• `/who Kirby Iran`: what someone said about a topic\n"
    "• `/briefing follow Kirby` · `/briefing following` · `/briefing unfollow Kirby`: alerts when new articles mention it\n"
    "In a direct message, just write: `who is Kirby?`, `Kirby`, `what happened in Jakarta`, `what did Blinken say about China?`, `follow Kirby`, `digest`. "
    "Mention me in a channel and I answer in the thread."
)


@dataclass
class Message:
    """A message ready to send: fallback text and Block Kit blocks as plain dicts."""

    text: str
    blocks: list[dict] = field(default_factory=list)

    def as_kwargs(self) -> dict:
        """Keyword arguments for chat.postMessage, say() or respond()."""
        return {"text": self.text, "blocks": self.blocks}


def encode(kind: str, id_: int) -> str:
    """A button value naming a person (`p:12`) or an event (`e:3`)."""
    return f"{'p' if kind == 'person' else 'e'}:{id_}"


def decode(value: str) -> tuple[str, int] | None:
    """The (kind, id) a button value names, or None when it is not ours."""
    prefix, _, number = value.partition(":")
    if prefix not in ("p", "e") or not number.isdigit():
        return None
    return ("person" if prefix == "p" else "event"), int(number)


def build(text: str, blocks: list[Block], *, safe: bool = False) -> Message:
    """Validate the blocks against slack_sdk's limits and pair them with fallback text (escaped unless already `safe`)."""
    return Message(text=clip(text, 3000) if safe else md(text, 3000), blocks=shrink([b.to_dict() for b in blocks]))


def size(blocks: list[dict]) -> int:
    """The blocks' size as JSON: what Slack's hidden ceiling is checked against here."""
    return len(json.dumps(blocks))


def shrink(blocks: list[dict], limit: int = MAX_JSON_CHARS) -> list[dict]:
    """Clip the longest section texts until the blocks fit the size ceiling (a safety net; cards budget their parts)."""
    while size(blocks) > limit:
        sections = [b for b in blocks if b.get("type") == "section" and isinstance(b.get("text"), dict) and len(b["text"]["text"]) > 200]
        if not sections:
            break
        longest = max(sections, key=lambda b: len(b["text"]["text"]))
        longest["text"]["text"] = clip(longest["text"]["text"], int(len(longest["text"]["text"]) * 0.6))
    return blocks


def text_chars(blocks: list[dict]) -> int:
    """All the text a message's blocks carry (what Slack's hidden size ceiling counts)."""
    total = 0
    stack: list = list(blocks)
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("text"), str):
                total += len(item["text"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return total


def _quote_line(quote: Quote, *, with_speaker: bool) -> str:
    cite = [md(quote.speaker, 100)] if with_speaker and quote.speaker else []
    # Every article that reports the quote: the same words in two outlets are one quote with two sources.
    reports = []
    for source in quote.sources[:3] or [None]:
        bits = [f"_{md(source.outlet, 100)}_"] if source and source.outlet else []
        when = human_date(source.date if source else quote.date)
        if when:
            bits.append(md(when))
        if bits:
            reports.append(", ".join(bits))
    if reports:
        cite.append("; ".join(reports))
    if quote.occasion:
        cite.append(f"at {md(quote.occasion, 120)}")
    note = " (speaker inferred from the text)" if quote.inferred else ""
    return f"> “{md(quote.text, 700)}”\n— {' · '.join(c for c in cite if c) or 'source not stated'}{note}"


def _sources(articles: list[ArticleRef], *, title: str = "Sources") -> SectionBlock | None:
    if not articles:
        return None
    lines = []
    for ref in articles[:SOURCES_SHOWN]:
        bits = [md(ref.outlet, 80)] if ref.outlet else []
        if human_date(ref.date):
            bits.append(md(human_date(ref.date)))
        lines.append(f"• {md(ref.headline, 200)}" + (f" ({', '.join(bits)})" if bits else ""))
    if len(articles) > SOURCES_SHOWN:
        lines.append(f"…and {len(articles) - SOURCES_SHOWN} more")
    return SectionBlock(text=MarkdownTextObject(text=clip(f"*{title}*\n" + "\n".join(lines), 1800)))


def _share(kind: str, id_: int) -> ActionsBlock:
    return ActionsBlock(
        block_id="share",
        elements=[ButtonElement(text="Share in channel", action_id=SHARE_ACTION, value=encode(kind, id_), style="primary")],
    )


def person_blocks(person: Person, *, share: bool = False, shared_by: str | None = None) -> list[Block]:
    """A person's card: name, most specific role, other roles, quotes, articles, sources."""
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=plain(person.name, 150)))]
    if person.role:
        lines = [f"*{md(person.role.label(), 300)}*"]
        others = list(dict.fromkeys(r.label() for r in person.roles[1:] if r.label() != person.role.label()))
        if others:
            lines.append(clip("Also: " + " · ".join(md(o, 150) for o in others[:6]) + (" · …" if len(others) > 6 else ""), 800))
    else:
        lines = ["_Role not stated in the articles_"]
    blocks.append(SectionBlock(text=MarkdownTextObject(text=clip("\n".join(lines), 1200))))
    aliases = [a for a in person.aliases if a != person.name]
    count = len(person.articles)
    facts = [f"In {count} article{'s' if count != 1 else ''}"]
    if aliases:
        facts.append("also written " + ", ".join(md(a, 100) for a in aliases[:5]))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip(" · ".join(facts), 600))]))
    blocks.extend(_said_blocks(person))
    if src := _sources(person.articles):
        blocks.append(src)
    return blocks + _card_footer("person", person.id, share=share, shared_by=shared_by)


def _said_blocks(person: Person) -> list[Block]:
    """Verbatim quotes, then reported speech apart from them (the reporter's words, not the speaker's)."""
    blocks: list[Block] = []
    if person.quotes:
        quotes = "\n\n".join(_quote_line(q, with_speaker=False) for q in person.quotes[:QUOTES_SHOWN])
        more = len(person.quotes) - QUOTES_SHOWN
        suffix = f"\n_…and {more} more quote{'s' if more != 1 else ''}_" if more > 0 else ""
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip("*What they said*\n" + quotes, 2400 - len(suffix)) + suffix)))
    else:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="_No direct quotes in the articles._")))
    if person.reported:
        lines = "\n".join(_reported_line(q) for q in person.reported[:QUOTES_SHOWN])
        more = len(person.reported) - QUOTES_SHOWN
        suffix = f"\n_…and {more} more_" if more > 0 else ""
        title = "*Reported to have said* _(in the reporter's words)_\n"
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(title + lines, 2000 - len(suffix)) + suffix)))
    return blocks


def _reported_line(quote: Quote) -> str:
    source = quote.sources[0] if quote.sources else None
    bits = [f"_{md(source.outlet, 100)}_"] if source and source.outlet else []
    if when := human_date(source.date if source else quote.date):
        bits.append(md(when))
    return f"• {md(quote.text, 500)}" + (f" ({', '.join(bits)})" if bits else "")


def _card_footer(kind: str, item_id: int, *, share: bool, shared_by: str | None) -> list[Block]:
    """Who shared a public card, or the Share button on a private one."""
    footer: list[Block] = []
    if shared_by:
        footer.append(ContextBlock(elements=[MarkdownTextObject(text=f"Shared by <@{shared_by}>")]))
    if share:
        footer.append(_share(kind, item_id))
    return footer


def event_blocks(event: Event, *, share: bool = False, shared_by: str | None = None) -> list[Block]:
    """An event's card: title, kind, date, place, participants, what was said, sources."""
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=plain(event.title, 150)))]
    fields = [
        MarkdownTextObject(text=f"*What*\n{md(event.kind_text, 150)}"),
        MarkdownTextObject(text=f"*When*\n{md(event.date_text, 150)}"),
        MarkdownTextObject(text=f"*Where*\n{md(event.place or 'place not given', 300)}"),
    ]
    blocks.append(SectionBlock(fields=fields))
    if event.date_notes:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=clip("Dates: " + " · ".join(md(n, 300) for n in event.date_notes), 800))])
        )
    if event.participants:
        lines = [
            f"• *{md(p.name, 100)}*" + (f" ({md(p.event_role, 40)})" if p.event_role else "") + (f", {md(p.role, 150)}" if p.role else "")
            for p in event.participants[:12]
        ]
        if len(event.participants) > 12:
            lines.append(f"…and {len(event.participants) - 12} more")
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip("*Who took part*\n" + "\n".join(lines), 1500))))
    if event.summary:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip("*What happened*\n" + md(" ".join(event.summary), 1500), 1600))))
    if event.quotes:
        quotes = "\n\n".join(_quote_line(q, with_speaker=True) for q in event.quotes[:QUOTES_SHOWN])
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip("*What was said*\n" + quotes, 2200))))
    if src := _sources(event.articles):
        blocks.append(src)
    return blocks + _card_footer("event", event.id, share=share, shared_by=shared_by)


def person_text(person: Person) -> str:
    """Fallback text for a person's card."""
    return f"{person.name}: {person.role.label()}" if person.role else person.name


def event_text(event: Event) -> str:
    """Fallback text for an event's card."""
    return f"{event.title} ({event.date_text}{', ' + event.place if event.place else ''})"


def person_card(person: Person, *, share: bool = False, shared_by: str | None = None) -> Message:
    """A person's card as a message."""
    return build(person_text(person), person_blocks(person, share=share, shared_by=shared_by))


def event_card(event: Event, *, share: bool = False, shared_by: str | None = None) -> Message:
    """An event's card as a message."""
    return build(event_text(event), event_blocks(event, share=share, shared_by=shared_by))


def _choices(kind: str, candidates: list[Candidate], start: int = 0) -> list[Block]:
    blocks: list[Block] = []
    for i, c in enumerate(candidates[:CANDIDATES_SHOWN], start=start):
        line = f"*{md(c.label, 150)}*" + (f"\n{md(c.detail, 300)}" if c.detail else "")
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=line),
                accessory=ButtonElement(text="Show", action_id=f"{CHOOSE_PREFIX}{i}", value=encode(kind, c.id)),
            )
        )
    return blocks


def match_blocks(kind: str, match: Match, *, share: bool = False) -> tuple[str, list[Block]]:
    """Fallback text and blocks for any lookup result: a card, a choice, suggestions, or usage."""
    noun = "people" if kind == "person" else "events"
    if match.status == "found" and kind == "person" and match.person:
        return person_text(match.person), person_blocks(match.person, share=share)
    if match.status == "found" and kind == "person" and match.organisation is not None:
        from bot.follow_blocks import organisation_blocks  # it builds on this module's helpers

        return match.organisation.name, organisation_blocks(match.organisation)
    if match.status == "found" and kind == "event" and match.event:
        return event_text(match.event), event_blocks(match.event, share=share)
    if match.status == "empty" or not match.query.strip():
        return USAGE[kind], [SectionBlock(text=MarkdownTextObject(text=USAGE[kind]))]
    query = plain(match.query, 200)
    if match.status == "ambiguous":
        intro = f"“{query}” could mean several {noun}. Did you mean:"
        blocks: list[Block] = [SectionBlock(text=PlainTextObject(text=intro, emoji=False))]
        blocks += _choices(kind, match.candidates)
        return intro, blocks
    what = "Nobody called" if kind == "person" else "No event matching"
    intro = f"{what} “{query}” in the articles."
    blocks = [SectionBlock(text=PlainTextObject(text=intro, emoji=False))]
    if match.message:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=md(match.message, 500))]))
    if match.candidates:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*Closest {noun}:*")))
        blocks += _choices(kind, match.candidates)
    hint = (
        "Try part of the name or another spelling; `/event` finds places and events."
        if kind == "person"
        else "Try a place, a kind of event (talks, summit, launch) or a person's name; `/who` finds people."
    )
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=hint)]))
    return intro, blocks


def lookup_message(kind: str, match: Match, *, share: bool = False) -> Message:
    """A lookup result as a message."""
    text, blocks = match_blocks(kind, match, share=share)
    return build(text, blocks)


def answer_message(answer: Answer, *, share: bool = False) -> Message:
    """A message for a free-text question (DM or mention)."""
    if answer.intent == "help":
        return help_message()
    if answer.intent == "digest" and answer.digest is not None:
        return digest_preview(answer.digest)
    kind = "event" if answer.intent == "event" else "person"
    text, blocks = match_blocks(kind, answer.match, share=share) if answer.match else (USAGE[kind], [])
    also = answer.also
    if answer.intent == "both" and also and also.event:
        note = f"“{plain(answer.query, 200)}” also matches an event: {plain(also.event.title, 300)}"
        blocks.append(DividerBlock())
        blocks.append(
            SectionBlock(
                text=PlainTextObject(text=note, emoji=False),
                accessory=ButtonElement(text="Show the event", action_id=f"{CHOOSE_PREFIX}also", value=encode("event", also.event.id)),
            )
        )
    elif also and also.candidates:
        blocks.insert(-1, SectionBlock(text=MarkdownTextObject(text="*Closest events:*")))
        blocks[-1:-1] = _choices("event", also.candidates, start=CANDIDATES_SHOWN)
    return build(text, blocks)


def help_message() -> Message:
    """What the bot can do."""
    return build(
        "Ask me: /who <name>, /event <place or keyword>, /briefing digest",
        [SectionBlock(text=MarkdownTextObject(text=HELP_TEXT))],
    )


def note(text: str) -> Message:
    """A one-line message of our own words (already safe mrkdwn)."""
    return build(text, [SectionBlock(text=MarkdownTextObject(text=clip(text, 3000)))], safe=True)


# --- the digest --------------------------------------------------------------------------------


def story_blocks(story: Story) -> list[Block]:
    """One story of a digest: headline, summary, people, a quote, sources."""
    summary = clip(" ".join(md(text) + (f" _({md(outlet, 100)})_" if outlet else "") for text, outlet in story.summary_runs()), 2400)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=clip(f"*{md(story.headline, 500)}*\n{summary}", 3000)))]
    facts = []
    if human_date(story.date):
        facts.append(md(human_date(story.date)))
    if story.people:
        facts.append(", ".join(md(p.name, 100) + (f" ({md(p.role, 120)})" if p.role else "") for p in story.people[:6]))
    if facts:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip(" · ".join(facts), 2000))]))
    if story.quote:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(_quote_line(story.quote, with_speaker=True), 3000))))
    refs = [
        md(ref.outlet or "outlet unknown", 100)
        + (f", {md(human_date(ref.date))}" if human_date(ref.date) else "")
        + f": {md(ref.headline, 150)}"
        for ref in story.sources[:4]
    ]
    if refs:
        more = f" · …and {len(story.sources) - 4} more" if len(story.sources) > 4 else ""
        if story.folded:
            more += f" · {len(story.folded)} earlier {'version' if len(story.folded) == 1 else 'versions'} folded in"
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip("Sources: " + " · ".join(refs) + more, 2000))]))
    return blocks


def _digest_title(digest: Digest) -> str:
    return f"Briefing for {human_date(digest.date) or digest.date}"


def _fits(blocks: list[Block], limit: int = MAX_BLOCKS) -> bool:
    dicts = [b.to_dict() for b in blocks]
    return len(blocks) <= limit and text_chars(dicts) <= MAX_TEXT_CHARS and size(dicts) <= MAX_JSON_CHARS


def digest_messages(digest: Digest) -> list[Message]:
    """The digest as messages to post: one when it fits, else a parent and its stories for the thread."""
    title = _digest_title(digest)
    if digest.empty:
        return [
            build(f"{title}: no new stories.", [HeaderBlock(text=title), SectionBlock(text="_No new stories since the last briefing._")])
        ]
    count = len(digest.stories)
    intro = f"{count} stor{'ies' if count != 1 else 'y'} from the news."
    whole: list[Block] = [HeaderBlock(text=title), ContextBlock(elements=[MarkdownTextObject(text=intro)])]
    for story in digest.stories:
        whole += [DividerBlock(), *story_blocks(story)]
    fallback = f"{title}: " + "; ".join(s.headline for s in digest.stories[:5])
    if _fits(whole):
        return [build(fallback, whole)]
    headlines = "\n".join(f"• {md(s.headline, 200)}" for s in digest.stories)
    parent = build(
        fallback,
        [
            HeaderBlock(text=title),
            SectionBlock(text=MarkdownTextObject(text=clip(f"{intro} The stories are in the thread.\n{headlines}", 3000))),
        ],
    )
    replies: list[Message] = []
    current: list[Block] = []
    for story in digest.stories:
        blocks = story_blocks(story)
        if current and not _fits([*current, DividerBlock(), *blocks]):
            replies.append(build(_thread_text(current), current, safe=True))
            current = []
        current += ([DividerBlock()] if current else []) + blocks
    if current:
        replies.append(build(_thread_text(current), current, safe=True))
    return [parent, *replies]


def _thread_text(blocks: list[Block]) -> str:
    first = blocks[0].to_dict() if blocks else {}
    return str(first.get("text", {}).get("text", "Stories")).split("\n")[0].strip("*") or "Stories"


def digest_preview(digest: Digest, *, note_text: str | None = None) -> Message:
    """The digest in one message (for an ephemeral preview or a DM): the stories that fit, then a count of the rest."""
    title = _digest_title(digest)
    blocks: list[Block] = [HeaderBlock(text=title)]
    if note_text:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note_text)]))
    if digest.empty:
        blocks.append(SectionBlock(text="_No new stories since the last briefing._"))
        return build(f"{title}: no new stories.", blocks)
    shown = 0
    for story in digest.stories:
        candidate = [*blocks, DividerBlock(), *story_blocks(story)]
        if not _fits(candidate, MAX_BLOCKS - 1):
            break
        blocks, shown = candidate, shown + 1
    if shown < len(digest.stories):
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"…and {len(digest.stories) - shown} more in the posted digest.")]))
    return build(f"{title}: " + "; ".join(s.headline for s in digest.stories[:5]), blocks)


# --- the App Home ------------------------------------------------------------------------------


def home_view(digest: Digest | None, stats: CorpusStats) -> dict:
    """The App Home tab: the latest digest, the corpus at a glance, help."""
    blocks: list[Block] = [HeaderBlock(text="Briefings")]
    last = human_date((stats.last_indexed or "")[:10]) or "never"
    corpus = [
        MarkdownTextObject(text=f"*Articles*\n{stats.articles}"),
        MarkdownTextObject(text=f"*People*\n{stats.people}"),
        MarkdownTextObject(text=f"*Events*\n{stats.events}"),
        MarkdownTextObject(text=f"*Last indexed*\n{md(last, 200)}"),
    ]
    blocks += [SectionBlock(text=MarkdownTextObject(text="*The corpus at a glance*")), SectionBlock(fields=corpus), DividerBlock()]
    help_blocks: list[Block] = [DividerBlock(), SectionBlock(text=MarkdownTextObject(text=HELP_TEXT))]
    if digest is None or digest.empty:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="*Latest digest*\n_No stories yet._")))
    else:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*Latest digest* · {md(human_date(digest.date) or digest.date)}")))
        shown = 0
        for story in digest.stories:
            extra = [*story_blocks(story), DividerBlock()]
            if len(blocks) + len(extra) + len(help_blocks) + 1 > MAX_HOME_BLOCKS or not _fits(
                [*blocks, *extra, *help_blocks], MAX_HOME_BLOCKS
            ):
                break
            blocks += extra
            shown += 1
        if shown < len(digest.stories):
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"…and {len(digest.stories) - shown} more stories.")]))
    blocks += help_blocks
    return View(type="home", blocks=blocks).to_dict()
