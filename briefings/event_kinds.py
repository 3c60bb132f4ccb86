"""The kinds of event the extraction recognises, the words that signal them, and how to name them."""

from __future__ import annotations

import re

KINDS: list[tuple[str, re.Pattern]] = [
    ("press conference", re.compile(r"\b(?:joint\s+)?(?:press|news)\s+conferences?\b", re.I)),
    ("briefing", re.compile(r"\b(?:press\s+|news\s+)?briefings?\b", re.I)),
    ("summit", re.compile(r"\bsummits?\b", re.I)),
    (
        "talks",
        re.compile(
            r"\b(?:(?:bilateral|trilateral|three-way|two-way|security|peace|annual)\s+)*(?:talks|consultations|negotiations)\b", re.I
        ),
    ),
    (
        "meeting",
        re.compile(
            r"\b(?:(?:bilateral|trilateral|three-way|ministerial|open|emergency|rare)\s+)*meeting\b|\bmet\b|\bmeets?\b(?!\s+(?:the\s+)?(?:criteria|standards|demand))",
            re.I,
        ),
    ),
    ("interview", re.compile(r"\binterviews?\b", re.I)),
    ("visit", re.compile(r"\bvisit(?:s|ed|ing)?\b|\btrip\b|\bcourtesy call\b|\barrived\b", re.I)),
    ("launch", re.compile(r"\blaunch(?:es|ed)?\b|\b(?:test-)?fired\b", re.I)),
    ("session", re.compile(r"\b(?:general\s+assembly|plenary\s+session|session)\b", re.I)),
    ("vote", re.compile(r"\b(?:voted|votes?\s+(?:on|to|for|against))\b", re.I)),
]
GROUPS = {"summit": "meet", "talks": "meet", "meeting": "meet", "press conference": "press", "briefing": "press",
          "interview": "interview", "visit": "visit", "launch": "launch", "session": "session", "vote": "session"}  # fmt: skip
KIND_WORDS = {"press conference": "press conference", "briefing": "press briefing", "summit": "summit", "talks": "talks",
              "meeting": "meeting", "interview": "interview", "visit": "visit", "launch": "launch", "session": "session", "vote": "vote"}  # fmt: skip
LAUNCH_OBJECTS = re.compile(
    r"\b(spy satellite|military satellite|reconnaissance satellite|satellite|ballistic missiles?|missiles?|rocket)\b", re.I
)


def unique(items: list[str]) -> list[str]:
    """The items in their first order, each once."""
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
