"""The tense of the verb that governs a time expression, read from the words around it.

`said Friday that he would seek` governs Friday with `said` (past); `expects to release in
mid-November` with `expects to` (future); `On Friday, the minister will visit` with `will`.
The nearest verb to the left, within the clause, decides; when there is none (a fronted
expression), the nearest to the right does. No model: word lists and English morphology, fast
enough to run on every clause of every article.
"""

from __future__ import annotations

import re
from typing import Literal

Tense = Literal["past", "present", "future"]
WINDOW = 20  # words either side: a governing verb farther away is in another clause

WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|[;:!?()\[\]—–\"“”]|,")
# A new clause starts after these; the governing verb is inside the expression's own clause.
CLAUSE_OPENERS = {"that", "which", "who", "whom", "whose", "because", "although", "though", "if", "unless", "where"}
HARD_STOPS = {";", ":", "!", "?", "(", ")", "[", "]", "—", "–", '"', "“", "”"}
FUTURE_WORDS = {"will", "shall", "would", "'ll", "’ll", "wo", "upcoming", "scheduled", "slated", "due", "next", "tomorrow"}
# `plans to visit`, `is expected to`: an intention followed by `to` points ahead.
INTENT = re.compile(
    r"^(?:plan|intend|expect|aim|hope|want|seek|propose|promise|vow|pledge|prepare|schedule|set|slate|due|"
    r"likely|poised|going|about|is|are|am|agree|decide|threaten|tend|need|have|has|wish|like|urge|ask|invite|call|"
    r"ready|able|try|attempt|move|look|begin|start|continue|hop)(?:s|es|ed|d|ing|ned|ted)?$"
    r"|^(?:agreement|plan|proposal|decision|effort|intention|commitment|deadline|timetable)s?$",
    re.I,
)
PLANNED = {"due", "scheduled", "slated", "set", "expected", "supposed", "planned", "going"}
ADVERBS = {"not", "also", "still", "just", "only", "already", "then", "now", "reportedly", "previously", "recently", "never"}
AUXILIARY_BE = {"be", "been", "being"}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "some", "any", "no", "every"}
MODALS = {"can", "could", "may", "might", "must", "should", "cannot"}
PAST_AUX = {"was", "were", "had", "did", "didn't", "wasn't", "weren't", "hadn't", "ago", "said", "told"}
PRESENT_AUX = {"is", "are", "am", "says", "say", "does", "do", "isn't", "aren't", "has", "have", "'s", "’s", "'re", "’re"}
NEUTRAL = {"be", "been", "being", "to", "not", "also", "still", "just", "only", "already", "then", "now", "reportedly"}
IRREGULAR_PAST = set(
    [
        "set",
        "hit",
        "cut",
        "put",
        "shut",
        "met",
        "went",
        "came",
        "made",
        "took",
        "gave",
        "held",
        "began",
        "left",
        "sold",
        "bought",
        "fell",
        "rose",
        "won",
        "lost",
        "paid",
        "sent",
        "spoke",
        "saw",
        "knew",
        "thought",
        "brought",
        "kept",
        "led",
        "ran",
        "struck",
        "became",
        "broke",
        "chose",
        "drove",
        "flew",
        "fought",
        "found",
        "forgot",
        "got",
        "grew",
        "heard",
        "hid",
        "hung",
        "laid",
        "meant",
        "rode",
        "rang",
        "sank",
        "shook",
        "shot",
        "sought",
        "stood",
        "stole",
        "swore",
        "taught",
        "threw",
        "understood",
        "woke",
        "wore",
        "wrote",
        "withdrew",
        "overtook",
        "arose",
        "bore",
        "beat",
        "bit",
        "bled",
        "blew",
        "built",
        "burnt",
        "caught",
        "clung",
        "dealt",
        "dug",
        "drew",
        "dreamt",
        "fed",
        "felt",
        "fled",
        "forbade",
        "froze",
        "hurt",
        "lent",
        "lit",
        "slept",
        "slid",
        "sped",
        "spent",
        "spun",
        "sprang",
        "stung",
        "strove",
        "swept",
        "swam",
        "swung",
        "tore",
        "wept",
        "won",
        "wound",
    ]
)
# Words in -ed that are not past-tense verbs (or not usually).
NOT_PAST = {"need", "indeed", "speed", "bed", "red", "shed", "seed", "feed", "bleed", "breed", "greed", "hundred", "proceed"}
NOT_PAST |= {"succeed", "exceed", "embed", "wed", "led", "fled", "sled", "united", "limited", "based", "related", "supposed"}


def tense_at(text: str, start: int, end: int) -> Tense | None:
    """The tense of the verb governing `text[start:end]`, or None when no verb tells."""
    found = _governing(text, start, end)
    if found == "past" and re.search(r"\b(?:effective|starting|beginning)\s+$", text[max(0, start - 20) : start], re.I):
        return None  # `created an office, effective Feb. 1`: a start date says nothing of the past
    return found


def _governing(text: str, start: int, end: int) -> Tense | None:
    before = WORD.findall(text[max(0, start - 12 * WINDOW) : start])[-WINDOW:]
    after = WORD.findall(text[end : end + 12 * WINDOW])[:WINDOW]
    for j in range(len(before) - 1, -1, -1):
        w = before[j].lower()
        if w in HARD_STOPS or w in CLAUSE_OPENERS:
            break
        found = _tense_of(before, j, leftwards=True)
        if found:
            return found
    for j, word in enumerate(after):
        w = word.lower()
        if w in HARD_STOPS or (j > 0 and (w in CLAUSE_OPENERS or w == ",")):
            break
        found = _tense_of(after, j, leftwards=False)
        if found:
            return found
    return None


def _tense_of(words: list[str], j: int, *, leftwards: bool) -> Tense | None:
    """What the word at `words[j]` says about tense (words in reading order)."""
    w = words[j].lower()
    nxt = words[j + 1].lower() if j + 1 < len(words) else ""
    prev = words[j - 1].lower() if j > 0 else ""
    if w in FUTURE_WORDS or (nxt == "to" and INTENT.match(w)):
        # `had been due to expire Friday`: a plan reported in the past perfect is past.
        return "past" if "had" in (prev, words[j - 2].lower() if j > 1 else "") and w in PLANNED else "future"
    if w in NEUTRAL:
        return None
    if w in PAST_AUX:
        return "past"
    if w in PRESENT_AUX:
        if w in ("has", "have") and _is_past_form(nxt):
            return "past"  # `has met`: the present perfect reports the past
        # `is meeting on Friday`: the present progressive of an arrangement points ahead.
        return "future" if nxt.endswith("ing") and len(nxt) > 5 else "present"
    if _is_past_form(w):
        # The auxiliary before a participle, past adverbs: `was also held`, `Japan also indicated`.
        k = j - 1
        while k > 0 and words[k].lower() in ADVERBS:
            k -= 1
        prev = words[k].lower() if k >= 0 else ""
        if prev in AUXILIARY_BE or prev in MODALS or (not leftwards and prev in PRESENT_AUX):
            return None  # `will be held`, `can be exercised`: the auxiliary decides
        if leftwards and (prev in NEUTRAL or prev in PRESENT_AUX or prev in PAST_AUX or prev in FUTURE_WORDS):
            return None  # `will be held`, `was held`: the auxiliary to the left decides
        if prev in DETERMINERS or (not leftwards and prev == ","):
            return None  # `the expanded talks`, `, unleaded petrol`: an adjective, not a verb
        return "past"
    return None


def _is_past_form(w: str) -> bool:
    if w in IRREGULAR_PAST:
        return True
    return len(w) >= 4 and w.endswith("ed") and w not in NOT_PAST
