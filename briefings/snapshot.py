"""The lookup index as one stored snapshot: written by the index run, read in one query when the bot starts.

`/who` and `/event` find their candidates in the name index, the people's names and the event index
(`briefings.lookup`); all three are arrays and string lists, stored together as one blob beside the
people and events they were made from, under the same generation. Starting on a large index is then
one read and no per-person work; the full person or event an answer shows is read by id when asked
(`Records`). A database whose snapshot is missing or older than its people and events (made by an
earlier release, or filled by other means) gets one made from the full records on first load.

The blob is `MAGIC`, a little-endian u32 header length, a JSON header (name -> kind, dtype, offset,
length) and the sections: numpy arrays as raw bytes, string lists as JSON. Nothing in it is executed.
"""

from __future__ import annotations

import json
import logging
import secrets
import struct
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from briefings.event_index import ARRAYS, LISTS, EventIndex
from briefings.fuzzy import NameIndex
from briefings.lookup import Lookup, PersonNames, Source
from briefings.models import Event, Person
from briefings.store import Database, EventRow, MetaRow, PersonRow, SnapshotRow, upsert, utcnow

log = logging.getLogger(__name__)

# The meta key that changes with every rebuild of people and events: a snapshot or a loaded index of another is stale.
GENERATION = "index_generation"
MAGIC = b"BRFSNAP2"  # the format's version: a snapshot of another (an earlier release's) is made again
KEY = "lookup"
PEOPLE = ("ids", "names", "roles", "art_idx", "art_own", "art_vocab")  # PersonNames' columns


def pack(sections: dict[str, np.ndarray | list]) -> bytes:
    """Named 1-D arrays and string lists as one blob (see the module's docstring)."""
    header: dict[str, list] = {}
    chunks: list[bytes] = []
    offset = 0
    for name, value in sections.items():
        if isinstance(value, np.ndarray):
            data, kind, dtype = np.ascontiguousarray(value).tobytes(), "array", value.dtype.str
        else:
            data, kind, dtype = json.dumps(value, ensure_ascii=False).encode(), "json", None
        header[name] = [kind, dtype, offset, len(data)]
        padding = -len(data) % 8  # arrays start on 8-byte boundaries
        chunks.append(data + b"\0" * padding)
        offset += len(data) + padding
    head = json.dumps(header).encode()
    head += b" " * (-(len(MAGIC) + 4 + len(head)) % 8)
    return MAGIC + struct.pack("<I", len(head)) + head + b"".join(chunks)


def unpack(blob: bytes) -> dict[str, np.ndarray | list]:
    """The sections of a blob made by `pack` (arrays are read-only views of the blob)."""
    if blob[: len(MAGIC)] != MAGIC:
        raise ValueError("not a lookup snapshot")
    (length,) = struct.unpack_from("<I", blob, len(MAGIC))
    start = len(MAGIC) + 4
    header = json.loads(blob[start : start + length])
    body = memoryview(blob)[start + length :]
    out: dict[str, np.ndarray | list] = {}
    for name, (kind, dtype, offset, size) in header.items():
        chunk = body[offset : offset + size]
        out[name] = np.frombuffer(chunk, dtype=np.dtype(dtype)) if kind == "array" else json.loads(bytes(chunk))
    return out


def snapshot_of(people: Sequence[Person], events: Sequence[Event]) -> bytes:
    """The snapshot of a lookup over these people and events."""
    lookup = Lookup.of(people, events, source=_NoSource())
    sections: dict[str, np.ndarray | list] = {f"names.{k}": v for k, v in lookup.names.state().items()}
    sections |= {f"people.{k}": getattr(lookup.people, k) for k in PEOPLE}
    sections |= {f"events.{k}": v for k, v in lookup.events.columns().items()}
    return pack(sections)


def lookup_from(blob: bytes, source: Source) -> Lookup:
    """The lookup a snapshot holds, answering in full from `source`."""
    sections = unpack(blob)
    names = NameIndex.from_state({k.removeprefix("names."): v for k, v in sections.items() if k.startswith("names.")})
    people = PersonNames(**{k: sections[f"people.{k}"] for k in PEOPLE})
    events = EventIndex(**{k: sections[f"events.{k}"] for k in (*ARRAYS, *LISTS)})
    return Lookup(names, people, events, source)


def save_snapshot(session: Session, people: Sequence[Person], events: Sequence[Event]) -> str:
    """Store a new generation of people and events' snapshot (in the caller's transaction, with their rows); its generation."""
    generation = secrets.token_hex(8)
    upsert(session, MetaRow, {"key": GENERATION, "value": generation}, update=["value"])
    values = {"key": KEY, "generation": generation, "data": snapshot_of(people, events), "made_at": utcnow()}
    upsert(session, SnapshotRow, values, update=["generation", "data", "made_at"])
    return generation


def load_lookup(db: Database, source: Source) -> tuple[Lookup, str | None]:
    """The lookup index from the stored snapshot (made from the full records first when it is missing or stale), and its generation."""
    with db.session() as s:
        row = s.get(SnapshotRow, KEY)
        current = s.get(MetaRow, GENERATION)
        generation = current.value if current else None
        if row is not None and row.generation == generation and row.data[: len(MAGIC)] == MAGIC:
            return lookup_from(row.data, source), generation
    log.info("no up-to-date lookup snapshot in the database: making one from the people and events (once)")
    people, events = read_people(db), read_events(db)
    with db.session() as s, s.begin():
        now = s.get(MetaRow, GENERATION)
        if (now.value if now else None) == generation:  # nobody rebuilt meanwhile (else the next look finds this one stale)
            generation = save_snapshot(s, people, events)
    return Lookup.of(people, events, source), generation


def read_people(db: Database) -> list[Person]:
    """Every person's full record, in id order."""
    with db.session() as s:
        return [Person.from_dict(d) for d in s.scalars(select(PersonRow.data).order_by(PersonRow.id))]


def read_events(db: Database) -> list[Event]:
    """Every event's full record, in id order."""
    with db.session() as s:
        return [Event.from_dict(d) for d in s.scalars(select(EventRow.data).order_by(EventRow.id))]


class Records:
    """Full people and events read from the database by id when an answer needs them, the recent ones kept."""

    def __init__(self, db: Database, size: int = 4096) -> None:
        self.db = db
        self.person = lru_cache(maxsize=size)(self._person)
        self.event_by_id = lru_cache(maxsize=size)(self._event)

    def people(self, person_ids: Sequence[int]) -> list[Person]:
        """These people (those still in the database), read in batches."""
        found: dict[int, Person] = {}
        with self.db.session() as s:
            for start in range(0, len(person_ids), 500):
                rows = s.execute(select(PersonRow.id, PersonRow.data).where(PersonRow.id.in_(person_ids[start : start + 500])))
                found |= {i: Person.from_dict(d) for i, d in rows}
        return [found[i] for i in person_ids if i in found]

    def named(self, names: Sequence[str]) -> list[Person]:
        """Everyone whose canonical name is one of these."""
        found: list[Person] = []
        with self.db.session() as s:
            for start in range(0, len(names), 500):
                rows = s.scalars(select(PersonRow.data).where(PersonRow.name.in_(names[start : start + 500])))
                found += [Person.from_dict(d) for d in rows]
        return found

    def _person(self, person_id: int) -> Person | None:
        with self.db.session() as s:
            data = s.scalar(select(PersonRow.data).where(PersonRow.id == person_id))
        return Person.from_dict(data) if data else None

    def _event(self, event_id: int) -> Event | None:
        with self.db.session() as s:
            data = s.scalar(select(EventRow.data).where(EventRow.id == event_id))
        return Event.from_dict(data) if data else None


class _NoSource:
    """A lookup made only to be stored answers nothing in full."""

    def person(self, person_id: int) -> Person | None:
        return None

    def event_by_id(self, event_id: int) -> Event | None:
        return None
