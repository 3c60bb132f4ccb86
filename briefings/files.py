"""The corpus folder as files: which entries may be articles, their names, their bytes and their text.

Everything here is about one file at a time and never stops a run: an entry that cannot be an
article (a link out of the folder, a FIFO, a device, a folder named like a file, bytes that are
no text, text that is no prose) comes back with the reason it was skipped.

- Names are shown and stored as valid UTF-8 whatever the file system holds (`caf\\xe9.txt`).
- Links are followed only to regular files inside the corpus folder; a loop or a dangling link
  is reported. Nothing is opened that is not a regular file, so a FIFO or `/dev/zero` never blocks
  or floods a run.
- Text is UTF-8, UTF-16 (with a byte-order mark, or recognised by its zero bytes), else
  Windows-1252 / Latin-1 with a warning.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

IGNORED_NAMES = {"readme", "readme.md", "readme.txt", "license", "license.txt"}
# A folder named like one of these is reported (someone meant it as an article); other folders are just walked.
ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xml", ".rss", ".atom", ".md"}
LONG_RUN = 40  # characters without a break: longer than any word or ordinary URL
_NO_SPACE_SCRIPTS = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORDLIKE = re.compile(r"^\W*[^\W\d_]+(?:[-'’.][^\W\d_]+)*\W*$|^\W*\d[\d.,:/%-]*\W*$")


class FileSkipped(Exception):
    """This entry cannot be an article; the message says why (it goes into the index report)."""


@dataclass(frozen=True)
class Entry:
    """One entry of the corpus folder: where it is, the name the report and the index use, and why it is skipped (if it is)."""

    path: Path
    name: str
    skip: str | None = None


def safe_name(relative: Path | str) -> str:
    """A path as valid UTF-8 text: bytes that were not UTF-8 are shown as `\\xe9` (stable from run to run)."""
    raw = os.fsencode(relative)
    return raw.decode("utf-8", "backslashreplace")


def scan(root: Path) -> list[Entry]:
    """Every entry of the folder that could be an article, in name order, with a reason for those that cannot be read."""
    entries: list[Entry] = []
    for folder, dirs, files in os.walk(root, onerror=None, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in list(dirs):
            path = here / d
            if path.is_symlink():
                dirs.remove(d)  # os.walk would not descend, but say so
                entries.append(Entry(path, safe_name(path.relative_to(root)), "a link to a folder; links to folders are not followed"))
            elif Path(d).suffix.lower() in ARTICLE_SUFFIXES:
                entries.append(Entry(path, safe_name(path.relative_to(root)), "a folder, not a file (its files are read on their own)"))
        for f in files:
            if f.startswith(".") or f.lower() in IGNORED_NAMES:
                continue
            path = here / f
            entries.append(Entry(path, safe_name(path.relative_to(root)), _unreadable(path, root)))
    return sorted(entries, key=lambda e: e.name)


def _unreadable(path: Path, root: Path) -> str | None:
    """Why this file cannot be read as an article, or None."""
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            target = path.resolve(strict=True)  # raises on a loop or a dangling link
            if not target.is_relative_to(root.resolve()):
                return "a link to a file outside the corpus folder; not followed"
            info = target.stat()
    except RuntimeError:
        return "a link that loops back on itself"
    except FileNotFoundError:
        return "a link to nothing (its target does not exist)"
    except OSError as error:
        return _os_reason(error)
    return None if stat.S_ISREG(info.st_mode) else f"not a regular file ({_kind(info.st_mode)})"


def read_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; raise FileSkipped otherwise (never blocks on a FIFO)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise FileSkipped(_os_reason(error)) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FileSkipped(f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            raise FileSkipped(too_large(info.st_size, max_bytes))
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileSkipped(too_large(len(data), max_bytes))
    return data


def too_large(size: int, max_bytes: int) -> str:
    """The reason a file over the size limit is skipped."""
    return f"too large ({size:,} bytes; the limit is {max_bytes:,}, BRIEFINGS_MAX_FILE_BYTES)"


def _kind(mode: int) -> str:
    kinds = [(stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")]
    kinds.append((stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "not a file")


def _os_reason(error: OSError) -> str:
    return f"cannot be read: {error.strerror or type(error).__name__}"


# --- bytes to text ---------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8, UTF-16 (BOM or zero-byte pattern), else Windows-1252/Latin-1 with a warning; FileSkipped for binary."""
    if not data.strip():
        raise FileSkipped("empty file")
    utf16 = _utf16_codec(data)
    if utf16:
        try:
            text = data.decode(utf16).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise FileSkipped("binary file, not text") from None
        if _control_share(text[:4096]) > 0.1:
            raise FileSkipped("binary file, not text")
        return text, [] if utf16 == "utf-16" else [f"no byte-order mark; read as {utf16.upper()}"]
    if b"\x00" in data[:4096] or _control_share(data[:4096]) > 0.1:
        raise FileSkipped("binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ["not UTF-8; read as Windows-1252"]
    except UnicodeDecodeError:
        return data.decode("latin-1"), ["not UTF-8; read as Latin-1"]


def _utf16_codec(data: bytes) -> str | None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"  # the BOM says which order
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 4:
        return None
    even, odd = head[0::2], head[1::2]
    # Latin-script text in UTF-16 has a zero in one byte of nearly every pair, almost never in the
    # other, and spaces (0x20 beside a zero) between its words.
    if _share_zero(odd, pairs) > 0.3 and _share_zero(even, pairs) < 0.02 and _share_spaces(even, pairs) > 0.02:
        return "utf-16-le"
    if _share_zero(even, pairs) > 0.3 and _share_zero(odd, pairs) < 0.02 and _share_spaces(odd, pairs) > 0.02:
        return "utf-16-be"
    return None


def _share_zero(half: bytes, pairs: int) -> float:
    return half.count(0) / pairs


def _share_spaces(half: bytes, pairs: int) -> float:
    return (half.count(b" ") + half.count(b"\n")) / pairs


def _control_share(chunk: bytes | str) -> float:
    codes = chunk if isinstance(chunk, bytes) else [ord(c) for c in chunk]
    controls = sum(1 for b in codes if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(codes), 1)


# --- prose -----------------------------------------------------------------------------------


def non_prose_reason(text: str) -> str | None:
    """Why a text is not prose (no article could come from it), or None when it reads like prose.

    Two signs, independent of language: most of the text sits in runs longer than any word
    (LONG_RUN characters without a space, outside scripts written without spaces), or most
    of its space-separated tokens are neither words nor numbers (random bytes read as text).
    """
    tokens = text.split()
    if not tokens:
        return "no text"
    chars = sum(len(t) for t in tokens)
    in_runs = sum(len(t) for t in tokens if len(t) > LONG_RUN and not _NO_SPACE_SCRIPTS.search(t[:200]))
    if in_runs > chars / 2:
        return f"not prose: {in_runs:,} of its {chars:,} characters are in runs of over {LONG_RUN} without a space"
    sample = tokens[:20_000]
    wordlike = sum(1 for t in sample if _WORDLIKE.match(t) or _NO_SPACE_SCRIPTS.search(t))
    if len(sample) >= 20 and wordlike < 0.4 * len(sample):
        return f"not prose: only {wordlike} of its first {len(sample)} words look like words or numbers"
    return None
