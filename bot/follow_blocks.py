"""Block Kit for following (choices, lists, alerts, the App Home section), quote search and organisations."""

from __future__ import annotations

from collections import defaultdict

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.blocks import Message, _quote_line, _reported_line, _sources, build
from bot.state.follows import Follow
from bot.text import clip, human_date, md, plain
from briefings.follow import FollowChoice, FollowHit
from briefings.organisations import Organisation
from briefings.quote_search import QuotesAnswer

FOLLOW_PERSON_ACTION = "follow_person"
UNFOLLOW_ACTION = "unfollow"
ALERT_ARTICLES_SHOWN = 10
ALERT_QUOTES_PER_ARTICLE = 2
QUOTES_SHOWN = 5


def follow_choice_message(choice: FollowChoice, *, added: bool, where: str) -> Message:
    """The answer to `follow X`: done (and what), a choice of people, or how to use it."""
    if choice.status == "ambiguous":
        intro = choice.message
        blocks: list[Block] = [SectionBlock(text=PlainTextObject(text=plain(intro, 300), emoji=False))]
        for i, c in enumerate(choice.candidates[:8]):
            line = f"*{md(c.label, 150)}*" + (f"\n{md(c.detail, 300)}" if c.detail else "")
            blocks.append(
                SectionBlock(
                    text=MarkdownTextObject(text=line),
                    accessory=ButtonElement(text="Follow", action_id=f"{FOLLOW_PERSON_ACTION}:{i}", value=str(c.id)),
                )
            )
        return build(intro, blocks)
    if choice.target is None:
        return _note(md(choice.message, 500))
    label = md(choice.target.label, 200)
    if not added:
        return _note(f"{where.capitalize()} already follow{'s' if where == 'this channel' else ''} *{label}*.")
    what = {"person": f"*{label}*", "place": f"news from *{label}*", "word": f"the words “{label}”"}[choice.target.kind]
    lines = [f"{where.capitalize()} now follow{'s' if where == 'this channel' else ''} {what}."]
    if choice.status == "words":
        lines.append(f"_Nobody called “{label}” is in the articles yet, so new articles with these words will match._")
    lines.append(f"New articles that mention it come to {'this channel' if where == 'this channel' else 'you by direct message'}.")
    return _note("\n".join(lines))


def following_message(follows: list[Follow], *, where: str) -> Message:
    """What a user or channel follows, each with an Unfollow button."""
    if not follows:
        return _note(f"{where.capitalize()} follow{'s' if where == 'this channel' else ''} nothing yet. Try `/briefing follow Kirby`.")
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=f"*{md(where.capitalize())} follow{'s' if where == 'this channel' else ''}*"))
    ]
    blocks += follow_rows(follows)
    return build(f"{len(follows)} follows", blocks)


def follow_rows(follows: list[Follow]) -> list[Block]:
    """One section per follow with its Unfollow button."""
    kinds = {"person": "person", "place": "place", "word": "words"}
    return [
        SectionBlock(
            text=MarkdownTextObject(text=f"*{md(f.target.label, 150)}* · {kinds[f.target.kind]}"),
            accessory=ButtonElement(text="Unfollow", action_id=f"{UNFOLLOW_ACTION}:{i}", value=clip(f.target.label, 150)),
        )
        for i, f in enumerate(follows[:40])
    ]


def home_follows(follows: list[Follow]) -> list[Block]:
    """The App Home's section of what the user follows."""
    head: list[Block] = [SectionBlock(text=MarkdownTextObject(text="*You follow*"))]
    if not follows:
        return [
            *head,
            ContextBlock(elements=[MarkdownTextObject(text="Nothing yet: DM me `follow Kirby`, or type `/briefing follow &lt;name&gt;`.")]),
            DividerBlock(),
        ]
    return [*head, *follow_rows(follows), DividerBlock()]


def alert_message(hits: list[FollowHit]) -> dict:
    """One alert for a follower: the new articles, grouped by what they follow, with the followed person's new quotes."""
    by_article: dict[str, list[FollowHit]] = defaultdict(list)
    for hit in hits:
        by_article[hit.article.id].append(hit)
    labels = list(dict.fromkeys(h.target.label for h in hits))
    count = len(by_article)
    title = f"New on {', '.join(labels[:3])}{' and more' if len(labels) > 3 else ''}"
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=plain(title, 150))),
        ContextBlock(elements=[MarkdownTextObject(text=f"{count} new article{'s' if count != 1 else ''} mention what you follow.")]),
    ]
    for article_hits in list(by_article.values())[:ALERT_ARTICLES_SHOWN]:
        ref = article_hits[0].article
        bits = [md(ref.outlet, 80)] if ref.outlet else []
        if human_date(ref.date):
            bits.append(md(human_date(ref.date)))
        why = ", ".join(md(h.target.label, 80) for h in article_hits)
        line = f"*{md(ref.headline, 250)}*" + (f" ({', '.join(bits)})" if bits else "") + f"\n_mentions {why}_"
        quotes = [q for h in article_hits for q in h.quotes][:ALERT_QUOTES_PER_ARTICLE]
        for q in quotes:
            line += f"\n> “{md(q.text, 400)}” — {md(q.speaker or 'unattributed', 100)}"
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(line, 2800))))
    if count > ALERT_ARTICLES_SHOWN:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"…and {count - ALERT_ARTICLES_SHOWN} more.")]))
    blocks.append(
        ContextBlock(
            elements=[MarkdownTextObject(text="`/briefing following` lists what you follow; `/briefing unfollow &lt;name&gt;` stops it.")]
        )
    )
    fallback = f"{title}: " + "; ".join(h[0].article.headline for h in list(by_article.values())[:3])
    return build(fallback, blocks).as_kwargs()


def quotes_message(answer: QuotesAnswer) -> Message:
    """What a person said about a topic (or their latest quotes), or why nothing fits."""
    person = answer.match.person
    if person is None:
        from bot.blocks import lookup_message

        return lookup_message("person", answer.match)
    topic = answer.topic
    title = f"What {person.name} said" + (f" about {topic}" if topic else "")
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=plain(title, 150)))]
    quotes = answer.quotes or answer.latest
    if answer.status in ("nothing_on_topic", "no_quotes"):
        blocks.append(SectionBlock(text=MarkdownTextObject(text=md(answer.message or "", 500))))
    for q in quotes[:QUOTES_SHOWN]:
        line = _quote_line(q, with_speaker=False) if q.kind == "direct" else "_Reported:_ " + _reported_line(q).removeprefix("• ")
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(line, 2900))))
    if len(quotes) > QUOTES_SHOWN:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"…and {len(quotes) - QUOTES_SHOWN} more.")]))
    return build(title, blocks)


def organisation_blocks(org: Organisation) -> list[Block]:
    """An organisation's card: what it said, its people, its events, its articles."""
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=plain(org.name, 150)))]
    facts = [f"Organisation · in {len(org.articles)} article{'s' if len(org.articles) != 1 else ''}"]
    if org.aliases:
        facts.append("also written " + ", ".join(md(a, 80) for a in org.aliases[:4]))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip(" · ".join(facts), 600))]))
    if org.statements:
        said = "\n\n".join(_quote_line(q, with_speaker=False) for q in org.statements[:3])
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip("*What it said*\n" + said, 2400))))
    if org.events:
        lines = [f"• {md(t, 200)}" + (f" ({md(human_date(d))})" if human_date(d) else "") for _, t, d in org.events[:6]]
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip("*What it took part in*\n" + "\n".join(lines), 1500))))
    if org.people:
        lines = [f"• *{md(p.name, 100)}*, {md(p.role, 200)}" for p in org.people[:8]]
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip("*Its people*\n" + "\n".join(lines), 1500))))
    if src := _sources(org.articles):
        blocks.append(src)
    return blocks


def organisation_card(org: Organisation) -> Message:
    """An organisation's card as a message."""
    return build(f"{org.name}: organisation in {len(org.articles)} articles", organisation_blocks(org))


def unfollow_message(removed: list[str], text: str, *, where: str) -> Message:
    """The answer to `unfollow X`."""
    if not removed:
        return _note(
            f"{where.capitalize()} did not follow “{md(text, 150)}”. `/briefing following` lists what {where} follow{'s' if where == 'this channel' else ''}."
        )
    return _note(
        f"{where.capitalize()} no longer follow{'s' if where == 'this channel' else ''} "
        + ", ".join(f"*{md(r, 150)}*" for r in removed)
        + "."
    )


def _note(text: str) -> Message:
    return build(text, [SectionBlock(text=MarkdownTextObject(text=clip(text, 3000)))], safe=True)
