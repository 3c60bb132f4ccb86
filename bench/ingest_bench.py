"""Ingestion speed and body quality on scrapinghub's article-extraction-benchmark (body only).

    .venv/bin/python bench/ingest_bench.py /path/to/article-extraction-benchmark [--limit N] [--repeat R]

The folder holds `html/*.html.gz` and `ground-truth.json` (github.com/scrapinghub/article-extraction-benchmark).
Prints pages/s for HTML ingestion (trafilatura + our rules; trafilatura alone for comparison) and for
the plain-text cleaner on the same pages turned into the text a scraper gets (every block of the page's
body on its own line), each with the body's token F1 and the benchmark's own 4-gram shingle F1 against
the labelled article body; then the headline of each path against the page's own statement of it
(the benchmark labels bodies only: the truth is read from the page's JSON-LD `headline`, `og:title`,
`twitter:title`, `<title>` and the `<h1>`s that agree with them, each without the site's name), how
often the scraped text's headline equals the HTML path's, and how many scraped texts were cut to a
single line. `--misses` lists the pages whose scraped-text headline is wrong; `--title-line` puts the
page's `<title>` first in the scraped text, as a scraper that reads the whole document does.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import lxml.html
import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefings.corpus import ArticleError, parse_article
from briefings.pages import parse_page

TOKEN = re.compile(r"\w+")
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article", "header", "footer", "blockquote", "figcaption", "nav", "ul", "ol", "table", "aside", "time", "dt", "dd"}  # fmt: skip


def scraped_text(html: bytes, *, title_line: bool = False) -> str:
    """The page's body as a scraper's text: scripts and styles dropped, each block on its own line
    (with `title_line`, the document's `<title>` first)."""
    tree = lxml.html.fromstring(_decode(html))
    title = tree.find(".//title")
    first = [" ".join(title.text_content().split())] if title_line and title is not None else []
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(el) -> None:
        block = isinstance(el.tag, str) and el.tag.lower() in BLOCKS
        if block:
            flush()
        if isinstance(el.tag, str) and el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            current.append(el.tail)

    body = tree.find(".//body")
    walk(body if body is not None else tree)
    flush()
    return "\n".join(first + lines)


SITE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+")


def headline_truth(html: bytes) -> set[str]:
    """The headline as the page states it (normalised forms; empty when the page states none): JSON-LD
    `headline`, `og:title`, `twitter:title`, `<title>`, and each `<h1>` sharing most words with one of
    them, all without the site's name (`og:site_name`, or a `| Site` / `- Site` part found in several)."""
    tree = lxml.html.fromstring(_decode(html))
    meta = {}
    for m in tree.xpath("//meta[@property or @name]"):
        name, content = (m.get("property") or m.get("name") or "").lower(), " ".join((m.get("content") or "").split())
        if content:
            meta.setdefault(name, content)
    stated = [meta[k] for k in ("og:title", "twitter:title") if k in meta]
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        stated.append(" ".join(title.text_content().split()))
    stated += _ld_headlines(tree)
    sites = {_norm(meta[k]) for k in ("og:site_name", "application-name") if k in meta}
    sites.discard("")
    plain = {_norm(s) for s in stated}
    for text in stated:
        parts = SITE_SEPARATOR.split(text)
        for end, rest in ((parts[-1], parts[:-1]), (parts[0], parts[1:])) if len(parts) > 1 else ():
            name = _norm(end)
            # The site's name, spelled as og:site_name spells it, or cut off in another statement of the title.
            if any(name in site or site in name for site in sites) or _norm(" ".join(rest)) in plain:
                sites.add(name)
    forms = {f for f in (_without_site(s, sites) for s in stated) if f and f not in sites}
    for h1 in tree.xpath("//h1"):
        text = _norm(h1.text_content())
        words = set(text.split())
        if text and text not in sites and any(len(words & set(f.split())) >= 0.6 * max(len(words), 1) for f in forms):
            forms.add(text)
    return forms


def _ld_headlines(tree) -> list[str]:
    found: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            stack = [json.loads(script.text or "")]
        except ValueError:
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get("headline"), str):
                    found.append(" ".join(lxml.html.fromstring(f"<p>{item['headline']}</p>").text_content().split()))
                stack.extend(v for v in item.values() if isinstance(v, list | dict))
            elif isinstance(item, list):
                stack.extend(item)
    return found


def _without_site(text: str, sites: set[str]) -> str:
    parts = SITE_SEPARATOR.split(text)
    while len(parts) > 1 and _norm(parts[-1]) in sites | {""}:
        parts.pop()
    while len(parts) > 1 and _norm(parts[0]) in sites:
        parts.pop(0)
    return _norm(" - ".join(parts))


def _norm(text: str) -> str:
    return " ".join(TOKEN.findall(text.lower()))


def headline_right(headline: str, forms: set[str]) -> bool:
    """The headline is one of the page's own statements of it (a site name around it tolerated)."""
    got = _norm(headline)
    return bool(got) and any(got == f or _affix(got, f) or _affix(f, got) for f in forms)


def _affix(long: str, short: str) -> bool:
    """`short` is `long` without a few words at one end (`Opinion | ...`, `... - Site`)."""
    ends = long.startswith(short + " ") or long.endswith(" " + short)
    return ends and len(short) >= 0.75 * len(long)


def _decode(html: bytes) -> str:
    declared = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", html[:4096], re.I)
    for encoding in ("utf-8", declared[1].decode() if declared else "cp1252", "cp1252"):
        try:
            return html.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return html.decode("latin-1")


def token_f1(true: str, pred: str) -> float:
    """Bag-of-tokens F1 of one page."""
    t, p = Counter(TOKEN.findall(true.lower())), Counter(TOKEN.findall(pred.lower()))
    tp = sum((t & p).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(p.values()), tp / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def shingle_prf(true: str, pred: str, n: int = 4) -> tuple[float, float]:
    """The benchmark's precision and recall over 4-token shingles of one page."""

    def shingles(text: str) -> Counter:
        tokens = TOKEN.findall(text)
        return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))

    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    return (tp / sum(p.values()) if p else 0.0), (tp / sum(t.values()) if t else 0.0)


def report(name: str, truths: list[str], preds: list[str], seconds: float, cpu: float, failures: int) -> None:
    pr = [shingle_prf(t, p) for t, p in zip(truths, preds, strict=True)]
    precision, recall = statistics.mean(x for x, _ in pr), statistics.mean(y for _, y in pr)
    shingle_f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    tf1 = statistics.mean(token_f1(t, p) for t, p in zip(truths, preds, strict=True))
    print(
        f"{name:<22} {len(preds) / seconds:7.1f} pages/s ({len(preds) / cpu:.1f} per CPU-second)   token F1 {tf1:.3f}   "
        f"shingle F1 {shingle_f1:.3f} (P {precision:.3f} R {recall:.3f})   no text: {failures}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path, help="the benchmark's folder (html/*.html.gz, ground-truth.json)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--repeat", type=int, default=1, help="time each pass R times (the figures are per page)")
    parser.add_argument("--title-line", action="store_true", help="the scraped text starts with the page's <title>")
    parser.add_argument("--misses", action="store_true", help="list the pages whose scraped-text headline is wrong")
    args = parser.parse_args()
    truth = json.loads((args.path / "ground-truth.json").read_text())
    keys = sorted(truth)[: args.limit or None]
    pages = [gzip.decompress((args.path / "html" / f"{k}.html.gz").read_bytes()) for k in keys]
    truths = [truth[k].get("articleBody", "") for k in keys]
    texts = [scraped_text(p, title_line=args.title_line).encode() for p in pages]
    print(f"{len(pages)} pages ({sum(map(len, pages)) / 1e6:.1f} MB of HTML, {sum(map(len, texts)) / 1e6:.1f} MB as text)")
    runs = (
        ("trafilatura alone", pages, lambda data, k: _bare(data, truth[k].get("url"))),
        ("HTML (trafilatura+)", pages, lambda data, k: parse_page(data, file=f"{k}.html", url=truth[k].get("url"))),
        ("scraped text cleaner", texts, lambda data, k: parse_article(data, file=f"{k}.txt")),
    )
    results = {}
    for name, inputs, read in runs:
        preds, failures, articles = [""] * len(keys), 0, [None] * len(keys)
        start, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.repeat):
            failures = 0
            for i, (data, k) in enumerate(zip(inputs, keys, strict=True)):
                try:
                    articles[i] = read(data, k)
                    preds[i] = "\n\n".join(articles[i].body)
                except ArticleError:
                    failures += 1
        wall, cpu = (time.perf_counter() - start) / args.repeat, (time.process_time() - cpu) / args.repeat
        report(name, truths, preds, wall, cpu, failures)
        results[name] = articles
    headline_report(keys, pages, results, misses=args.misses)


def headline_report(keys: list[str], pages: list[bytes], results: dict, *, misses: bool) -> None:
    """Headlines right against the page's own statement of it, for each path; agreement of the two paths."""
    forms = [headline_truth(p) for p in pages]
    stated = [i for i, f in enumerate(forms) if f]
    for name in ("HTML (trafilatura+)", "scraped text cleaner"):
        arts = results[name]
        right = sum(1 for i in stated if arts[i] and headline_right(arts[i].headline, forms[i]))
        print(f"{name:<22} headline right on {right}/{len(stated)} pages that state one ({right / max(len(stated), 1):.0%})")
    pages_, texts_ = results["HTML (trafilatura+)"], results["scraped text cleaner"]
    same = sum(1 for p, t in zip(pages_, texts_, strict=True) if p and t and _same_headline(p.headline, t.headline))
    cut = sum(1 for t in texts_ if t and len(t.body) <= 1)
    print(f"scraped text: headline equal to the HTML path's on {same}/{len(keys)} pages; bodies of one line or less: {cut}")
    if misses:
        for i in stated:
            got = texts_[i].headline if texts_[i] else ""
            if not headline_right(got, forms[i]):
                print(f"  {keys[i][:10]}  got {got[:70]!r}\n              want {sorted(forms[i], key=len)[0][:70]!r}")


class _Bare:
    def __init__(self, text: str) -> None:
        self.body = text.split("\n")


def _bare(data: bytes, url: str | None) -> _Bare:
    doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    if doc is None or not doc.text:
        raise ArticleError("no text")
    return _Bare(doc.text)


def _same_headline(a: str, b: str) -> bool:
    ka, kb = (" ".join(TOKEN.findall(x.lower())) for x in (a, b))
    return ka == kb or (len(ka) > 20 and len(kb) > 0.6 * len(ka) and (ka in kb or kb in ka))


if __name__ == "__main__":
    main()
