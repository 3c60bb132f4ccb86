"""Benchmark: how often `/event` finds the right story's event, on a labelled set of news stories.

Run `.venv/bin/python bench/events_bench.py LABELS.json`. The labels file (never committed) says:

    {"corpus": "articles/",                      # folder of article files, relative to the labels file
     "stories": [{"id": "cianjur-quake", "articles": ["reuters.txt", "ap.txt"],
                  "place": "Cianjur", "type": "quake", "person": "Irwin", "date": "2022-11-21"}, ...],
     "absent": ["Paris", "Nairobi", ...]}        # places in no article

`place`, `type`, `person` and `date` are optional per story. A query hits when it answers `found` with an
event one of the story's articles reports; "or first" also counts an `ambiguous` answer whose first
candidate is such an event. It prints the hit rates of `/event <place>`, `/event <type> <place>` and
`/event <person> <type>`, how many stories yield an event at all, how many of those are dated to the
labelled day, and how many absent places were wrongly found.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefings.models import Event, Match
from briefings.service import Briefings, build_briefings


def _index(corpus: Path, work: Path) -> Briefings:
    shutil.copytree(corpus, work / "corpus")
    core = build_briefings(database_url=f"sqlite:///{work / 'events.db'}", corpus_dir=work / "corpus")
    core.index()
    return core


def _hit(core: Briefings, match: Match, ids: set[str]) -> tuple[bool, bool]:
    """(found the story's event, found it or ranked it first)."""
    if match.status == "found" and match.event:
        ok = any(a.id in ids for a in match.event.articles)
        return ok, ok
    if match.status == "ambiguous" and match.candidates:
        first = core.event_by_id(match.candidates[0].id)
        return False, bool(first and any(a.id in ids for a in first.articles))
    return False, False


def _story_events(core: Briefings, ids: set[str]) -> list[Event]:
    return [e for e in core.timeline() if any(a.id in ids for a in e.articles)]


def run(labels_path: Path) -> None:
    """Index the labelled corpus and print the hit rates."""
    labels = json.loads(labels_path.read_text())
    corpus = (labels_path.parent / labels["corpus"]).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        core = _index(corpus, Path(tmp))
        id_of = {Path(a.file).name: a.id for a in core.articles()}
        queries = {"place": [], "type place": [], "person type": []}
        yielded, dated, dated_right, date_misses = 0, 0, 0, []
        for story in labels["stories"]:
            ids = {id_of[f] for f in story["articles"] if f in id_of}
            forms = {
                "place": story.get("place"),
                "type place": f"{story['type']} {story['place']}" if story.get("type") and story.get("place") else None,
                "person type": f"{story['person']} {story['type']}" if story.get("person") and story.get("type") else None,
            }
            for name, query in forms.items():
                if query:
                    queries[name].append((query, story["id"], _hit(core, core.event(query), ids)))
            events = _story_events(core, ids)
            yielded += bool(events)
            if story.get("date") and events:
                dated += 1
                main = max(events, key=lambda e: (e.salience, len(e.articles)))
                dated_right += main.date == story["date"]
                if main.date != story["date"]:
                    date_misses.append(f"{story['id']}: {main.date} for {story['date']} ({main.title})")
        absent_found = [p for p in labels.get("absent", []) if core.event(p).status != "not_found"]
    total = len(labels["stories"])
    print(f"stories: {total}, articles: {len(id_of)}, load: {os.getloadavg()[0]:.2f}")
    for name, results in queries.items():
        if results:
            found = sum(r[2][0] for r in results)
            first = sum(r[2][1] for r in results)
            print(f"/event <{name}>: {found}/{len(results)} found ({100 * found / len(results):.0f}%), {first} found or first")
            for query, story_id, (ok, ok_first) in results:
                if not ok:
                    print(f"    miss: {query!r} ({story_id}){' (ranked first)' if ok_first else ''}")
    print(f"stories that yield an event: {yielded}/{total}")
    print(f"main event dated to the labelled day: {dated_right}/{dated}")
    for miss in date_misses:
        print(f"    date: {miss}")
    print(f"absent places found: {len(absent_found)}/{len(labels.get('absent', []))} {absent_found or ''}")


def main() -> None:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path, help="the labelled set (JSON, see the module docstring)")
    run(parser.parse_args().labels)


if __name__ == "__main__":
    main()
