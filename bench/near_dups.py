#!/usr/bin/env python3
"""Near-duplicate detection: quotetrace against datasketch and rensa, same data, same run.

usage: near_dups.py SOURCE_DIR OUT_DIR QT_EVAL_BIN

Builds a test set from real articles (PolNeAR texts) with known edits: for a third of the
articles, 1-3 copies are made with the edits syndication makes (a paragraph dropped, words
changed, a boilerplate line appended, the end trimmed, two paragraphs swapped, a new headline).
Copies are shuffled among the originals. Gold: a copy and its original are duplicates; any two
different source articles are not. Each system links every article to an earlier similar one
(MinHash over 3-word shingles, 128 permutations, LSH, verification at Jaccard >= 0.7); predicted
pairs are the article pairs that end up in the same group. Prints precision, recall, F1 and
articles/s (signatures + LSH only, reading excluded) for each system.
"""
import glob
import json
import os
import random
import re
import subprocess
import sys
import time

THRESHOLD = 0.7
PERMS = 128
BOILER = ["Sign up for our free weekly newsletter.", "Follow us on social media for the latest updates.",
          "This article was originally published by a partner outlet.", "Support independent journalism today."]


def edit(text, rng):
    paras = [p for p in text.split("\n\n") if p.strip()]
    kinds = rng.sample(["drop", "words", "boiler", "trim", "swap", "headline"], rng.randint(1, 3))
    for k in kinds:
        if k == "drop" and len(paras) > 4:
            paras.pop(rng.randrange(1, len(paras)))
        elif k == "words":
            i = rng.randrange(len(paras))
            words = paras[i].split(" ")
            for _ in range(min(3, len(words))):
                j = rng.randrange(len(words))
                words[j] = words[j].upper() if rng.random() < 0.5 else words[j] + ","
            paras[i] = " ".join(words)
        elif k == "boiler":
            paras.append(rng.choice(BOILER))
        elif k == "trim" and len(paras) > 5:
            paras = paras[: max(4, int(len(paras) * 0.85))]
        elif k == "swap" and len(paras) > 3:
            i = rng.randrange(1, len(paras) - 1)
            paras[i], paras[i + 1] = paras[i + 1], paras[i]
        elif k == "headline":
            paras[0] = "UPDATED: " + paras[0]
    return "\n\n".join(paras)


def shingles(text, k=3):
    w = re.findall(r"\w+", text.lower())
    return {" ".join(w[i:i + k]) for i in range(max(1, len(w) - k + 1))}


def run_peer(name, docs):
    if name == "datasketch":
        from datasketch import MinHash, MinHashLSH
        lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMS)
        make = lambda s: _ds(MinHash, s)
        sim = lambda a, b: a.jaccard(b)
        insert = lambda key, m: lsh.insert(key, m)
        query = lambda m: lsh.query(m)
    else:
        from rensa import RMinHash, RMinHashLSH
        lsh = RMinHashLSH(threshold=THRESHOLD, num_perm=PERMS, num_bands=16)
        make = lambda s: _rs(RMinHash, s)
        sim = lambda a, b: a.jaccard(b)
        insert = lambda key, m: lsh.insert(key, m)
        query = lambda m: lsh.query(m)
    t = time.perf_counter()
    sigs, original, index = {}, {}, {}
    for i, (doc_id, text) in enumerate(docs):
        m = make(shingles(text))
        found = None
        for c in sorted(query(m), key=lambda x: int(x) if isinstance(x, int) or str(x).isdigit() else 0):
            c = int(c)
            if sim(m, sigs[c]) >= THRESHOLD:
                found = original.get(c, c) if original.get(c) is not None else c
                break
        sigs[i] = m
        original[i] = found
        insert(i if name == "rensa" else str(i), m)
    secs = time.perf_counter() - t
    return {docs[i][0]: (docs[o][0] if o is not None else None) for i, o in original.items()}, secs


def _ds(MinHash, s):
    m = MinHash(num_perm=PERMS, seed=1)
    m.update_batch([x.encode("utf-8") for x in s])
    return m


def _rs(RMinHash, s):
    m = RMinHash(num_perm=PERMS, seed=1)
    m.update(list(s))
    return m


def score(pred, gold_group):
    def groups(mapping):
        g = {}
        for d, o in mapping.items():
            g.setdefault(o or d, set()).add(d)
        return g
    def pairs(groups):
        out = set()
        for members in groups.values():
            m = sorted(members)
            out.update((a, b) for i, a in enumerate(m) for b in m[i + 1:])
        return out
    p = pairs(groups(pred))
    g = pairs(groups(gold_group))
    tp = len(p & g)
    prec = tp / len(p) if p else 0.0
    rec = tp / len(g) if g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, len(p), len(g)


def main():
    src, out_dir, qt_bin = sys.argv[1], sys.argv[2], sys.argv[3]
    rng = random.Random(11)
    originals = []
    for split in ("train", "dev"):
        for path in sorted(glob.glob(os.path.join(src, split, "text", "*.txt"))):
            originals.append((os.path.basename(path)[:-4], open(path, encoding="utf-8").read()))
    docs, gold = [], {}
    for doc_id, text in originals:
        docs.append((doc_id, text))
        gold[doc_id] = None
        if rng.random() < 1 / 3:
            for c in range(rng.randint(1, 3)):
                cid = f"{doc_id}~copy{c}"
                docs.append((cid, edit(text, rng)))
                gold[cid] = doc_id
    # Copies come after their original (syndication follows publication) but interleaved.
    order = list(range(len(docs)))
    rng.shuffle(order)
    pos = {docs[i][0]: k for k, i in enumerate(order)}
    docs.sort(key=lambda d: (pos[gold[d[0]]] if gold[d[0]] else pos[d[0]], gold[d[0]] is not None, pos[d[0]]))
    path = os.path.join(out_dir, "near_dups.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, text in docs:
            f.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    rows = []
    res = subprocess.run([qt_bin, path, str(THRESHOLD)], capture_output=True, text=True, check=True)
    pred = {}
    for line in res.stdout.splitlines():
        r = json.loads(line)
        pred[r["doc"]] = r["duplicate_of"]
    m = re.search(r"in ([\d.]+)s", res.stderr)
    rows.append(("quotetrace", pred, float(m.group(1)) if m else float("nan")))
    for peer in ("datasketch", "rensa"):
        p, secs = run_peer(peer, docs)
        rows.append((peer, p, secs))
    copies = sum(1 for v in gold.values() if v)
    print(f"near-duplicates: {len(docs)} articles ({len(originals)} originals, {copies} edited copies); MinHash {PERMS} perms, 3-word shingles, Jaccard >= {THRESHOLD}")
    print(f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'pred pairs':>10} {'gold pairs':>10} {'articles/s':>11} {'time ratio':>14}")
    base = rows[0][2]
    for name, p, secs in rows:
        prec, rec, f1, np_, ng = score(p, gold)
        rate = len(docs) / secs if secs else float("nan")
        print(f"{name:<12} {prec:>6.3f} {rec:>6.3f} {f1:>6.3f} {np_:>10} {ng:>10} {rate:>11.0f} {secs / base if base else float('nan'):>13.1f}x")


if __name__ == "__main__":
    main()
