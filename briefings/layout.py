"""Where the story sits in a scraped page's lines: the main run of prose, its headline, and the
link lists and comment sections around it.

Scraped text is a page's blocks, one a line: menus, the headline, a byline, the story, then
other stories, comments and the footer. The story is the densest run of prose; its headline is
the nearest headline-shaped line above it. A link-list heading ("More On:", "Latest") owns only
the list of headline-shaped lines under it. Pages made of short lines (results tables, squad
lists, text whose sentences end in `。` or `।`) have little prose by these measures, so they are
kept whole rather than cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Scripts written without spaces between words: a sentence there is shorter in characters.
DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0900-\u097f\u0e00-\u0e7f]")
SENTENCE_END = re.compile(r"[.!?\"”’)»…。！？।॥]$")
LINK_LIST_HEAD = re.compile(
    r"^(related( (articles?|stories|news|content|coverage|links?|topics|posts))?|ranking|rankings|recommendations?|"
    r"recommended( (for you|stories|articles|reading|videos?))?|most (read|viewed|popular|shared|watched|commented|emailed)|popular( now| stories| posts)?|"
    r"trending( now| stories| topics)?|more (from|on|stories|news|in|like this|to read|videos?)\b.*|latest( news| stories| videos?| headlines)?|"
    r"top stories|you (may|might) (also )?(like|enjoy)|read (next|also|more)|see also|what to read next|editor'?s picks?|"
    r"in other news|hot news|must read|we recommend|around the web|sponsored( (stories|content|links))?|"
    r"promoted( stories| content)?|from (our|the) (partners?|web)|paid content|partner content|also on \S+|"
    r"don'?t miss|elsewhere on \S+|more headlines|recent posts|similar (articles|stories)|up next|watch next|"
    r"featured( stories| articles)?|news in pictures|in case you missed it|the latest)\s*[:.]?$",
    re.I,
)
COMMENTS_HEAD = re.compile(
    r"^(\d[\d,]*\s+)?(comments?|replies|responses)(\s*\(\d+\))?$|^(leave|post|add|write|submit) (a|your) (comment|reply|response)|"
    r"^(join|start) the (conversation|discussion)|^(show|view|load|read|see) (all )?(\d+ )?(comments|replies)|^have your say|"
    r"^reader comments|^comments are closed|^you must be logged in to (post|leave) a comment|^conversation$|^discussion\s*\(\d+\)",
    re.I,
)
MAX_GAP = 3  # non-prose lines a story's run of prose can hold between paragraphs (subheads, captions)


@dataclass
class Block:
    """A run of prose: first and last line index, its prose, its other lines, and whether it follows a comment section."""

    start: int
    end: int
    prose: float = 0.0
    prose_lines: int = 0
    other_lines: int = 0
    after_comments: bool = False
    headed: bool = False

    @property
    def weight(self) -> float:
        """How much this run looks like the story: its prose, less when it alternates with headlines (a teaser list),
        more when a story's header (byline, date line, dateline) opens it."""
        ratio = self.prose_lines / max(self.prose_lines + self.other_lines, 1)
        return self.prose * ratio * ratio * (0.3 if self.after_comments else 1.0) * (1.5 if self.headed else 1.0)


def is_prose(text: str) -> bool:
    """A paragraph of running text, in any script; not a tag cloud, a menu or an archive list on one line
    (many words and no punctuation at all; in a script written without spaces, many short spaced words)."""
    if DENSE_SCRIPT.search(text):
        if len(text) >= 25 and SENTENCE_END.search(text):
            return True
        return len(text) >= 80 and text.count(" ") < len(text) / 12
    words = len(text.split())
    if len(text) > 60 and words >= 8 and SENTENCE_END.search(text):
        return True
    return words >= 25 and bool(re.search(r"[.,;:!?]", text))


def is_headline_shaped(text: str) -> bool:
    """A headline or a link to a story: a few words, no full stop at the end, not a label."""
    if DENSE_SCRIPT.search(text):
        return 6 <= len(text) <= 120 and not text.endswith(("。", ":", "："))
    words = text.split()
    if not 3 <= len(words) <= 30 or text.endswith((":", ";", ",")) or (text.endswith(".") and not text.endswith(("..", "…"))):
        return False
    return (sum(w[:1].isupper() or w[:1].isdigit() for w in words) >= 1 and not text.isupper()) or len(words) >= 4


def comments_head(text: str) -> bool:
    """The heading of a comment section ("12 comments", "[ 167 comments ]", "Top Rated Comments",
    "34 responses to “...”", "Leave a reply", "Join the conversation")."""
    bare = text.strip(" []()<>|•·-–—")
    if COMMENTS_HEAD.match(bare) or re.match(r"^\d[\d,]*\s+(responses|comments|thoughts|replies) (to|on)\b", bare, re.I):
        return True
    words = bare.split()
    return len(words) <= 6 and not SENTENCE_END.search(bare) and bool(re.search(r"\b(comments|responses|replies)\b", bare, re.I))


def link_list_head(text: str) -> bool:
    """The heading of a list of other stories ("More On:", "TRENDING:", "Latest", "We Recommend")."""
    return len(text) <= 60 and bool(LINK_LIST_HEAD.match(text.strip(" •·|-–—")))


def link_list_items(texts: Sequence[str | None], head: int, *, stop: Callable[[str], bool] = lambda _: False) -> list[int]:
    """The lines a link-list heading owns: the headline-shaped lines right under it, up to the first
    line that is not one (prose, a label, a gap). None: a line not to be read (furniture, blank)."""
    items = []
    for i in range(head + 1, min(len(texts), head + 40)):
        text = texts[i]
        if text is None:
            if items and i + 1 < len(texts) and texts[i + 1] is None:
                break  # a blank gap ends the list
            continue
        if stop(text):
            break
        bullet = re.match(r"^[-•·*▪]\s+\S", text) and len(text.split()) <= 30
        if not bullet and (
            is_prose(text) or link_list_head(text) or comments_head(text) or not (is_headline_shaped(text) or _short_label(text))
        ):
            break
        items.append(i)
    return items


def _short_label(text: str) -> bool:
    # A date, time or section label under an item ("2 hours ago", "Nov 19, 2019", "World").
    return len(text) <= 30 and not SENTENCE_END.search(text)


def main_block(texts: Sequence[str | None], hard_breaks: set[int], *, headed: Callable[[int], bool] = lambda _: False) -> Block | None:
    """The story: the run of prose lines that looks most like an article, joined with its neighbours
    across short interruptions (inline links, an ad label), or None when the text has no prose.

    `texts` has None for lines not to be read; `hard_breaks` are lines no story runs across (comment headings);
    `headed(i)`: a story's header (byline, date line) ends right above line i.
    """
    blocks: list[Block] = []
    current: Block | None = None
    gap, after_comments = 0, False
    for i, text in enumerate(texts):
        if i in hard_breaks:
            current, after_comments = None, True
            continue
        if text is None:
            continue
        if is_prose(text):
            opens = headed(i)
            if current is None or gap > MAX_GAP or (opens and gap):  # a story's header starts a new run
                current = Block(i, i, after_comments=after_comments, headed=opens)
                blocks.append(current)
            else:
                current.other_lines += gap
            current.end, gap = i, 0
            current.prose += len(text)
            current.prose_lines += 1
        elif current is not None:
            gap += 1
    if not blocks:
        return None
    best = max(range(len(blocks)), key=lambda k: blocks[k].weight)
    story = _joined(blocks, best, texts, hard_breaks)
    # A story's last paragraphs can be short sentences ("The winner will take office in March.").
    for i in range(story.end + 1, len(texts)):
        text = texts[i]
        if i in hard_breaks:
            break
        if text is None:
            continue
        if not (SENTENCE_END.search(text) and len(text.split()) >= 3 and not text.endswith(")")):
            break
        story.end = i
    return story


def _joined(blocks: list[Block], best: int, texts: Sequence[str | None], hard_breaks: set[int]) -> Block:
    """The best run, extended over neighbours that read like more of the same story."""
    story = blocks[best]
    for step in (1,) if story.headed else (-1, 1):  # a story's header is where it begins
        k = best + step
        while 0 <= k < len(blocks):
            other = blocks[k]
            lo, hi = (other.end, story.start) if step < 0 else (story.end, other.start)
            between = [t for t in texts[lo + 1 : hi] if t is not None]
            if any(lo < h < hi for h in hard_breaks) or len(between) > 8 or other.weight < 0.25 * story.prose * 0.5:
                break
            if other.prose_lines / max(other.prose_lines + other.other_lines, 1) < 0.6:
                break
            story = Block(
                min(story.start, other.start),
                max(story.end, other.end),
                story.prose + other.prose,
                story.prose_lines + other.prose_lines,
                story.other_lines + other.other_lines,
                story.after_comments,
                story.headed,
            )
            k += step
    return story


def find_headline(
    texts: Sequence[str | None], start: int, *, window: int = 25, skip: Callable[[str], bool] = lambda _: False
) -> int | None:
    """The headline of a story starting at line `start`: among the headline-shaped lines above it (not
    `skip`ped: a byline, a date line, a photo credit), the one that shares most words with the story's
    lead, the nearest on a tie; a long line right under a shorter one is the standfirst, not the headline."""
    lead = _content_words(" ".join([t for t in texts[start : start + 12] if t and is_prose(t)][:6]))
    candidates: list[tuple[int, float]] = []
    seen = 0
    for i in range(start - 1, -1, -1):
        text = texts[i]
        if text is None:
            continue
        seen += 1
        if seen > window:
            break
        if is_headline_shaped(text) and not link_list_head(text) and not comments_head(text) and not skip(text):
            words = _content_words(text)
            candidates.append((i, len(words & lead) / max(len(words), 4)))
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (round(c[1], 1), -abs(start - c[0])))
    if best[1] < 0.2:
        best = candidates[0]  # nothing above shares the lead's words: the nearest line
    nearest = best[0]
    above = next((c for c in candidates if c[0] < nearest), None)
    if (
        above
        and nearest - above[0] <= 4
        and len(texts[nearest].split()) >= 14
        and len(texts[above[0]].split()) < len(texts[nearest].split())
    ):
        return above[0]
    return nearest


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 3 or (DENSE_SCRIPT.search(w) and len(w) > 1)}


def inline_link_runs(texts: Sequence[str | None], start: int, end: int) -> list[int]:
    """Lines inside a story that are a run of links to other stories (two or more headline-shaped lines between paragraphs)."""
    out: list[int] = []
    run: list[int] = []
    for i in range(start, end + 1):
        text = texts[i]
        if text is None:
            continue
        if not is_prose(text) and is_headline_shaped(text) and not _tabular(text):
            run.append(i)
            continue
        if len(run) >= 2:
            out.extend(run)
        run = []
    if len(run) >= 2:
        out.extend(run)
    return out


def _tabular(text: str) -> bool:
    # Results, scores and squad lines carry numbers or lists: they belong to the story.
    return len(re.findall(r"\d+", text)) >= 2 or text.count(",") >= 2 or ":" in text
