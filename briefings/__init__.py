"""The briefings core: news articles in, typed answers out (who, what happened, stories, digests); knows nothing of Slack.

Where each stage of the data flow lives (the entry point first):

    load       indexer.py (the folder in step with the index), files.py, documents.py, pages.py,
               feeds.py, fetch.py, sources.py (remote feeds and pages)
    clean      corpus.py (the cleaner's passes over a scraped.Page): furniture.py (what is not the story),
               headers.py (bylines, date lines), headlines.py (where the story is, its headline),
               outlets.py (outlet, wire, published date); layout.py, bylines.py, urls.py
    extract    extract.py (the NLP step), nlp.py, names.py, people.py, quotes.py, attribution.py,
               speech.py, pronouns.py, organisations.py; events: events.py (per sentence), event_kinds.py,
               event_arguments.py, event_within.py (one article's candidates merged),
               event_types.py (the candidate contract; JSON only where extractions are stored)
    resolve    resolve.py (people across articles), event_merge.py (events across articles)
    date       dates.py (`resolve_when`, the public resolver), timex.py (patterns), timex_resolve.py
               (calendar dates), timex_relative.py (relative ones), daterange.py, tense.py,
               event_dates.py (an event's evidence settled to one date)
    store      store.py (the database), models.py (the typed values handed out), migrate.py
    group      stories.py (articles into stories), story_vectors.py (terms, TF-IDF, blocking),
               story_versions.py (re-filed versions folded), linkage.py, leads.py
    summarise  summary.py (per article), digest.py (a channel's stories, summarised once)
    look up    lookup.py (who / event), query.py (a typed query cleaned once), fuzzy.py (names),
               quote_search.py, ask.py (free text), follow.py (what a follower gets), topics.py
    render     outside the core: bot/blocks.py (Slack Block Kit) and cli/ (text and --json)

service.py is the front door: `build_briefings()` wires these stages and answers for the bot and the CLI.
"""

import os

# numpy's OpenBLAS starts a thread per core when numpy is imported. Nothing here multiplies matrices
# through it (spaCy's models use blis, single-threaded), but that idle thread alone makes every
# allocation of the process take the C library's multi-threaded (locking) path, which slows the
# entity recogniser's decoding loop by a fifth. Set before numpy's first import; a deployer's value wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
