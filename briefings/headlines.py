"""Where the story is on a `Page` and what its headline is: the main run of prose (layout.py), the headline
from the page's title line echoed above it, else from the story's header (the headline-shaped line over
the byline or date line, or under a date line the author's name follows), else the headline-shaped line
above that shares the lead's words; then the body between.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from briefings.dates import find_explicit_dates
from briefings.furniture import CAPTION_MARK, SEPARATOR, menu_row, social_row
from briefings.headers import (
    BYLINE,
    BYLINE_ROLE,
    CREDENTIALS,
    CREDIT_TAIL,
    DATELINE,
    META_LABEL,
    RELATIVE_TIME,
    SITE_SUFFIX,
    TIME_OF_DAY,
    TITLE_SEPARATOR,
    WIRE_SLUG,
    dated_line,
    dateline_of,
    is_sentence,
    title_case,
    unsigned_names,
)
from briefings.layout import DENSE_SCRIPT, find_headline, inline_link_runs, is_headline_shaped, is_prose, main_block
from briefings.outlets import MASTHEAD
from briefings.rows import Walls, is_row, rows_after, rows_before
from briefings.scraped import UPDATE_LABEL, Page, line_key


def read_story(page: Page) -> tuple[str | None, str, list[str]]:
    """Headline, where it came from, and body: the main run of prose when the page has one, else the text after the headline."""
    readable = page.readable()
    block = main_block(readable, page.hard_breaks, headed=lambda i: _headed(page, i))
    prose_lines = sum(1 for t in readable if t and is_prose(t))
    if block is None or (prose_lines < 2 and block.weight < 400):
        headline, source, start = _headline_without_prose(page)
        return headline, source, _collect_body(page, start, headline)
    # Results, standings and squad lists around the story's sentences are the story's.
    walls = Walls.of(["blank" if SEPARATOR.match(ln.text) else ln.kind for ln in page.lines], page.hard_breaks)
    block = replace(block, start=rows_before(readable, block.start, walls), end=rows_after(readable, block.end, walls))
    _masthead(page, readable, block.start)
    # A headline repeated on the page (its title, then above the story) is still the headline.
    visible = [ln.text if ln.kind == "text" or i in page.repeats else None for i, ln in enumerate(page.lines)]
    at = _title_echo(page, block.start)
    if at is None:
        at = _headline_over_byline(page, visible, block.start)
    if at is None:
        at = find_headline(visible, block.start, skip=not_a_headline)
    if at is None:  # a short headline ("Harbour reopens") as the page's first line
        first = next((i for i, t in enumerate(readable[: block.start]) if t), None)
        at = first if first is not None and not is_sentence(readable[first]) and len(readable[first]) <= 160 else None
    headline = _take_headline(page, at) if at is not None else None
    _unsigned_byline(page, readable, at + 1 if at is not None else max(block.start - 4, 0), block.start)
    skip = {i for i in inline_link_runs(readable, block.start, block.end) if not _among_rows(readable, i)}
    page.story_span = (at if at is not None else block.start, block.start, block.end)
    hkey = line_key(headline) if headline else None
    body = [
        readable[i]
        for i in range(block.start, block.end + 1)
        if readable[i] is not None and i not in skip and not (hkey and line_key(readable[i]) == hkey)
    ]
    return headline, "text" if headline else "lead", body


def _among_rows(texts: list[str | None], i: int) -> bool:
    """A row of data, or a line next to one (`Kim Ode (Norway) vs. qualifier`): a table's, not a link to another story."""
    above = next((t for t in reversed(texts[:i]) if t is not None), None)
    below = next((t for t in texts[i + 1 :] if t is not None), None)
    return any(t is not None and is_row(t) for t in (texts[i], above, below))


def _title_echo(page: Page, start: int) -> int | None:
    """The headline as the page's title states it: a title line at the top (`Headline | Site`, `Headline - Site`,
    `Section | Headline`) whose headline is printed again above the story; the title line is then furniture."""
    firsts = [i for i, ln in enumerate(page.lines[: start + 1]) if ln.kind != "blank"][:3]
    for t in firsts:
        parts = TITLE_SEPARATOR.split(page.lines[t].text)
        heads = {line_key(" - ".join(parts[:-1])): parts[-1], line_key(" - ".join(parts[1:])): None} if len(parts) > 1 else {}
        if t == firsts[0]:
            heads[line_key(page.lines[t].text)] = None  # the title alone, as the first line
        for j in range(t + 1, min(start + 3, len(page.lines))):
            line = page.lines[j]
            if (line.kind == "text" or j in page.repeats) and line_key(line.text) in heads and headline_like(line.text):
                page.lines[t].kind = "furniture"
                site = heads[line_key(line.text)]
                page.site = page.site or (site.strip() if site and title_case(site) else None)
                return j
    return None


def _headline_over_byline(page: Page, visible: list[str | None], start: int) -> int | None:
    """The headline read from the story's header: above the byline or date line nearest the story's start
    (a kicker, the headline, a standfirst, then `By ...` or the date), the first line shaped like a headline."""
    for anchor in _header_anchors(page, start):
        if (at := _headline_under(page, anchor, start)) is not None or (at := _headline_over(page, anchor, visible)) is not None:
            return at
    return None


def _headline_under(page: Page, anchor: int, start: int) -> int | None:
    """A date line above the headline (`Wednesday 6 March 2024` / headline / `Anna Lindqvist` / story): the
    headline-shaped line under the date, when the author's name follows it."""
    below = [k for k in range(anchor + 1, min(start + 1, len(page.lines))) if page.lines[k].kind != "blank"][:3]
    if not below or page.lines[below[0]].kind != "text" or not headline_like(page.lines[below[0]].text):
        return None
    return below[0] if any(_is_name_line(page, k) for k in below[1:]) else None


def _headline_over(page: Page, anchor: int, visible: list[str | None]) -> int | None:
    """The headline in the lines right above a byline or date line (kicker, headline, standfirst), if any."""
    cluster: list[int] = []
    furniture = 0
    for i in range(anchor - 1, max(anchor - 30, -1), -1):
        if page.lines[i].kind == "blank":
            continue
        if _is_anchor(page, i):
            if cluster:
                break  # a date line above the headline: what is above it is not this story's header
            continue
        text = visible[i] if i not in page.repeats or page.twin_beside(i) else None
        if text is None:
            furniture += 1
            if furniture > (8 if not cluster else 1):
                break
            continue
        furniture = 0
        if len(cluster) == 3 or not (is_headline_shaped(text) or (not cluster and len(text.split()) <= 60)):
            break
        cluster.append(i)
    texts = [visible[i] or "" for i in cluster]
    # `HomeSPORT NEWSHeadline`: a breadcrumb glued to the headline below it is not the headline.
    heads = [i for i, t in zip(cluster, texts, strict=True) if headline_like(t) and not any(t != u and t.endswith(u) for u in texts)]
    return heads[-1] if heads else None


def _header_anchors(page: Page, start: int) -> Iterator[int]:
    """Bylines and date lines from the story's start upwards (its first lines included), nearest first; a name
    alone (`Debbie White`) counts next to a date line."""
    seen = 0
    for i in range(min(start + 3, len(page.lines) - 1), -1, -1):
        if page.lines[i].kind == "blank":
            continue
        seen += i < start
        if seen > 40:
            return
        if _is_anchor(page, i):
            yield i


def _is_anchor(page: Page, i: int) -> bool:
    """A byline or a date line; a name alone next to one."""
    if _is_dating(page, i):
        return True
    if not _is_name_line(page, i):
        return False
    nxt = next((k for k in range(i + 1, len(page.lines)) if page.lines[k].kind != "blank"), None)
    return any(k is not None and _is_dating(page, k) for k in (page.previous(i), nxt))


def _is_dating(page: Page, i: int) -> bool:
    line = page.lines[i]
    dated = line.kind == "meta" and any(index == i for _, _, index in page.meta_dates)
    return line.kind == "byline" or dated or (line.kind == "text" and dated_line(line.text))


def _is_name_line(page: Page, i: int) -> bool:
    line = page.lines[i]
    shown = line.kind == "text" or (i in page.repeats and page.twin_beside(i))
    shouted = line.text.isupper() and len(line.text.split()) > 3  # `FIND YOUR NEXT CAR`, not `JANE DOE`
    return shown and not shouted and bool(unsigned_names(line.text))


def _headed(page: Page, i: int) -> bool:
    """A story's header ends right above line i (a byline among the four lines before it, no paragraph
    between), or the line opens with a dateline (`ST. JOSEPH, Mich. (AP) —`)."""
    if dateline_of(page.lines[i].text)[2]:
        return True
    for k in [k for k in range(i - 1, max(i - 12, -1), -1) if page.lines[k].kind != "blank"][:4]:
        if page.lines[k].kind == "byline":
            return True
        if page.lines[k].kind == "text" and is_prose(page.lines[k].text):
            return False  # the story already runs above this line
    return False


def _unsigned_byline(page: Page, readable: list[str | None], start: int, end: int) -> None:
    """Authors named without `By` on their own line between the headline and the story."""
    if page.authors:
        return
    for i in range(start, end):
        text = readable[i]
        if not text or is_prose(text):
            continue
        if names := unsigned_names(text):
            page.authors.extend(names)
            page.lines[i].kind = "byline"
            readable[i] = None
            return


def _masthead(page: Page, readable: list[str | None], start: int) -> None:
    """A site's name standing alone at the top of the page is the outlet."""
    for i, text in enumerate(readable[:start]):
        if text and MASTHEAD.match(text) and len(text.split()) <= 5 and title_case(text):
            page.outlet_evidence.append(("masthead", text))
            page.lines[i].kind = "meta"
            readable[i] = None
            return


def _take_headline(page: Page, i: int) -> str:
    headline = page.lines[i].text
    if m := UPDATE_LABEL.match(headline):
        page.update_label = m["label"].strip()
        headline = headline[m.end() :].strip()
    if (m := SITE_SUFFIX.search(headline)) and page.site and m["site"].strip() == page.site:
        headline = headline[: m.start()].strip()
    page.lines[i].kind = "headline"
    return headline


def _headline_without_prose(page: Page) -> tuple[str | None, str, int]:
    lines = page.lines
    texts = [i for i, ln in enumerate(lines) if ln.kind == "text"]
    for pos, i in enumerate(texts[:4]):
        t = lines[i].text
        if DATELINE.match(t) and is_sentence(t):
            return None, "lead", i
        if pos == 0 and MASTHEAD.match(t) and len(t.split()) <= 6:
            page.outlet_evidence.append(("masthead", t))
            lines[i].kind = "meta"
            continue
        if (len(t) <= 250 and not is_sentence(t.rstrip('”"'))) or (len(t) <= 160 and not t.endswith(".")):
            headline = t
            if m := UPDATE_LABEL.match(headline):
                page.update_label = m["label"].strip()
                headline = headline[m.end() :].strip()
            if (m := SITE_SUFFIX.search(headline)) and page.site and m["site"].strip() == page.site:
                headline = headline[: m.start()].strip()
            lines[i].kind = "headline"
            return headline, "text", i + 1
        break
    return None, "lead", texts[0] if texts else len(lines)


def _collect_body(page: Page, start: int, headline: str | None) -> list[str]:
    body: list[str] = []
    hkey = line_key(headline) if headline else None
    for line in page.lines[start:]:
        if line.kind != "text":
            continue
        if hkey and line_key(line.text) == hkey:
            continue
        body.append(line.text)
    # Short non-sentences before the first real paragraph are leftovers of the page header;
    # a text with no sentence at all (a results table, a list) is kept whole.
    if any(is_sentence(t) or DATELINE.match(t) for t in body[:12]):
        while body and not is_sentence(body[0]) and not DATELINE.match(body[0]) and not is_row(body[0]) and len(body) > 1:
            body.pop(0)
    return body


# A line that stops in the middle of a sentence: its last word needs the next line.
BROKEN_OFF = re.compile(r"\s(?:the|a|an|of|for|to|in|at|on|by|with|from|and|or|than|that|which|after|before|between)$")


def not_a_headline(text: str) -> bool:
    """Lines near a headline that are not it: a byline or its job title, a date or time line, a photo credit, a wire slug,
    a sentence broken across lines (`Results on the final day of`, `... on Thursday (prefix`)."""
    words = len(text.split())
    if BROKEN_OFF.search(text) or text.count("(") > text.count(")"):
        return True
    if (words <= 10 and BYLINE_ROLE.search(text)) or BYLINE.match(text) or unsigned_names(text) or CREDENTIALS.search(text):
        return True
    dated = META_LABEL.match(text) or re.match(r"(original|first published)\b", text, re.I)
    if (words <= 14 or (dated and words <= 24)) and (TIME_OF_DAY.search(text) or any(d.year for _, _, d in find_explicit_dates(text))):
        return True
    if words <= 8 and (re.search(r"@\w{2,}", text) or re.search(r":\s*\d", text) or RELATIVE_TIME.search(text)):
        return True  # `Catherine Shu @catherineshu / 2 days`, `Reading time: 2 minutes`
    if social_row(text) or menu_row(text) or (words <= 3 and re.search(r"[&|]", text)):
        return True  # a share row, a section label (`Science & Astronomy`)
    return bool(CREDIT_TAIL.search(text) or CAPTION_MARK.match(text) or WIRE_SLUG.match(text))


def headline_like(text: str | None) -> bool:
    """A headline, not a kicker or a label: headline-shaped, four words or more, none of the lines around a headline."""
    if not text or not is_headline_shaped(text) or not_a_headline(text):
        return False
    words = text.split()
    if sum(bool(re.search(r"[^\W\d_]", w)) for w in words) < 0.6 * len(words):
        return False  # `Fax +41 41 761 97 25`
    return len(words) >= 4 or bool(DENSE_SCRIPT.search(text))
