#!/usr/bin/env python3
"""Where the quotes from boilerplate come from: each reported quote of `quotetrace extract` on
the scraped pages that is not the article's (fewer than half of its 4-word shingles in the
gold main text: score_scraped.py's `leaks_clear`) is traced to its block (blocks_dump's
offsets) and the block put in a class by what it and the blocks before it look like. For
counting only: the classes are coarse pattern matches on the page's text (English furniture
words), never used by quotetrace itself.

usage:
  scraped_leak_classes.py PAGES.jsonl GOLD.jsonl BLOCKS.jsonl EXTRACT.jsonl

PAGES: {"id", "text"} (the scraped Markdown); GOLD: {"id", "main"}; BLOCKS: the output of
`cargo run --release -p quotetrace-text --example blocks_dump < PAGES`; EXTRACT: `quotetrace
extract` on PAGES. Prints the counts by class, by kind and by place (before, between or after
the page's article blocks: a block is the article's when half its shingles are in the gold).
Classes, first match wins: reader comments (a comment marker in the block or the six before
it), teaser / related links (the block or the one before opens with a link, or it ends with
an ellipsis or a "read more" link), author bio, legal / consent / newsletter / ads, caption
(an image in or just before a short block), epigraph (a quotation then a dash and a name),
else prose the gold leaves out.
"""
import collections
import json
import re
import sys

COMMENT = re.compile(r"#comment|\bsays:|\bReply\b|In reply to|\(not verified\)|\bcommented\b|"
                     r"Leave a (comment|reply)|#respond", re.I)
LEGAL = re.compile(r"cookie|privacy|terms of|subscribe|newsletter|sign(ing)? up|consent|disclaim|"
                   r"affiliate|competing interests|rights reserved|comments? (policy|guidelines|section)|"
                   r"moderat|submission guidelines|your inbox|investing involves|advis", re.I)
BIO = re.compile(r"about the author|posts from this author|more posts|contributor|is an? [^.]{0,60}"
                 r"(writer|editor|reporter|journalist|author|host|columnist)|has written|\bstaff\b|"
                 r"/author/|/staff/|/contributor/", re.I)
CAPTION = re.compile(r"^\s*!\[|\b(photo|image|picture|credit|getty|courtesy|graphic)\b", re.I)
OPENS_LINK = re.compile(r"\s*([*+-]|\d+\.)?\s*(#+\s*)?\**\[")
TEASER_END = re.compile(r"\[\s*(Read|Continue|More)[^\]]*\]|(\.\.\.|…)\s*(\[[^\]]*\]\([^)]*\))?\s*$", re.I)


def tokens(t):
    return re.findall(r"[^\W_]+", re.sub(r"\]\([^)]*\)", "]", t).lower())


def shingles(w, n=4):
    if len(w) < n:
        return collections.Counter([tuple(w)]) if w else collections.Counter()
    return collections.Counter(tuple(w[i:i + n]) for i in range(len(w) - n + 1))


def in_gold(t, gs, gw):
    w = tokens(t)
    if not w:
        return 1.0
    if len(w) < 4:
        return sum(x in gw for x in w) / len(w)
    s = shingles(w)
    return sum(v for k, v in s.items() if k in gs) / sum(s.values())


def main(pages_path, gold_path, blocks_path, extract_path):
    read = lambda p: [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]
    pages = {r["id"]: r["text"].encode() for r in read(pages_path)}
    gold = {r["id"]: r["main"] for r in read(gold_path)}
    blocks = collections.defaultdict(list)
    for r in read(blocks_path):
        blocks[r["id"]].append(r)
    counts, kinds, places = collections.Counter(), collections.defaultdict(collections.Counter), collections.Counter()
    total = 0
    for r in read(extract_path):
        pid = r.get("doc", r.get("id"))
        if pid not in gold:
            continue
        gw = set(tokens(gold[pid]))
        gs = set(shingles(tokens(gold[pid])))
        bl = blocks[pid]
        text = lambda i: pages[pid][bl[i]["start"]:bl[i]["end"]].decode(errors="replace") if 0 <= i < len(bl) else ""
        article = [b["block"] for b in bl
                   if len(tokens(text(b["block"]))) >= 8 and in_gold(text(b["block"]), gs, gw) >= 0.5]
        for q in r["quotes"]:
            if not tokens(q["text"]):
                continue
            total += 1
            if in_gold(q["text"], gs, gw) >= 0.5:
                continue
            i = next((b["block"] for b in bl if b["start"] <= q["start"] < b["end"]), None)
            if i is None:
                continue
            t, before = text(i), text(i - 1)
            around = " ".join(text(j) for j in range(i - 6, i + 2))
            if COMMENT.search(around):
                c = "reader comments"
            elif OPENS_LINK.match(t) or TEASER_END.search(t.rstrip()) or (OPENS_LINK.match(before) and before.rstrip().endswith(")")):
                c = "teaser / related links"
            elif BIO.search(around):
                c = "author bio"
            elif LEGAL.search(t):
                c = "legal / consent / newsletter / ads"
            elif (CAPTION.search(before) and len(t) < 400) or CAPTION.search(t[:200]):
                c = "caption / image-adjacent"
            elif re.match(r'\s*[“"]', t) and re.search(r"\n\s*[—–―-]\s*\w", t + "\n" + text(i + 1)):
                c = "epigraph / quotation collection"
            else:
                c = "prose the gold leaves out"
            counts[c] += 1
            kinds[c][q["kind"]] += 1
            place = "before" if not article or i < article[0] else ("after" if i > article[-1] else "between")
            places[(c, place)] += 1
    n = sum(counts.values())
    print(f"{n} of {total} reported quotes from boilerplate ({100 * n / max(total, 1):.1f}%)")
    print("| class | quotes | kinds | before / between / after the article |")
    print("|---|---|---|---|")
    for c, k in counts.most_common():
        pl = " / ".join(str(places[(c, p)]) for p in ("before", "between", "after"))
        print(f"| {c} | {k} | {', '.join(f'{a} {b}' for a, b in kinds[c].most_common())} | {pl} |")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
