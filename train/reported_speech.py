#!/usr/bin/env python3
"""Train the reported-speech (indirect quotation) classifier on PolNeAR train only.

Deterministic, standard library only. Two steps, run by train/reported_speech.sh:

  vocab  TRAIN_DIR > crates/quotes/src/attribution/reported/cue_words_all.rs
      The cue words: the head word of every annotated cue in train (the first word that is not
      an auxiliary or an adverb: "has said" -> said, "called for" -> called), kept when it heads
      at least MIN_CUES cues and at least MIN_RATE of its occurrences in the train texts are
      cues. Only sentences with one of these words are ever scored. This list, CUE_WORDS_ALL,
      is what the training export looks for; it is never pruned, so that a rerun gives the
      same candidates and the same weights.

  prune  CASES.jsonl weights.bin cue_words_all.rs > cue_words.rs
      CUE_WORDS (what extraction looks for): the words of CUE_WORDS_ALL with enough train
      candidates the fitted weights keep.

  fit    TRAIN_DIR CASES.jsonl > crates/quotes/src/attribution/reported/weights.bin
      CASES.jsonl comes from the `reported_cases` example (crates/quotes/examples): for every
      train article, the quotes the exact rules found and every candidate (cue word, content
      span, speaker phrase) with its feature strings. A candidate is positive when its content
      matches a gold attribution's content as ../shared/bench/score_polnear.py matches (each
      covers at least half of the other) and no rule quote already matches that attribution.
      A logistic regression over hashed features (FNV-1a 32 into 2^BITS buckets) is fitted by
      averaged stochastic gradient descent with a fixed seed and order; the weights are written
      as little-endian i16 (weight * SCALE). The Rust side (reported/model.rs) hashes the same
      strings the same way.
Dev is never read.
"""
import collections
import glob
import json
import math
import os
import random
import re
import sys

from matching import matches, pairs_one_to_one, records_with_gold

AUX = {"has", "have", "had", "is", "was", "are", "were", "be", "been", "being", "also", "would",
       "will", "did", "does", "do", "to", "the", "a", "an", "could", "can", "should", "may",
       "might", "must", "'s", "’s", "it", "now", "then", "later", "not", "never", "still",
       "even", "just", "once", "again", "repeatedly", "publicly", "previously", "recently",
       "he", "she", "we", "they", "i", "you", "who", "that", "which", "and", "but", "only",
       "further", "first", "often", "already", "long", "since", "has", "ever", "in", "of",
       "on", "by", "for", "with", "at", "as", "this", "there", "repeatedly", "so", "had"}
MIN_CUES, MIN_RATE = 3, 0.08
BITS, SCALE = 15, 1024.0
EPOCHS, RATE, L2, SEED = 3, 0.03, 1e-3, 15
TOLERANCE = 0.0
# The precision bound (issue 15: `all` precision >= 0.75): the learned quotes may lower
# the rules' precision down to it, never below.
FLOOR = 0.75
# Bisection steps between the best grid threshold and the step below it.
BISECT = 6
PRUNE_KEPT, PRUNE_YIELD = 1, 0.0
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[:―—]")


def load_gold(split):
    """Per article: text and its attributions (content chars, cue text)."""
    by_article = {}
    for ann in sorted(glob.glob(os.path.join(split, "attributions", "*.ann"))):
        art = os.path.basename(ann)[:-4].rsplit("_", 1)[0]
        by_article.setdefault(art, ann)
    gold = {}
    for art, ann in sorted(by_article.items()):
        tpath = os.path.join(split, "text", art + ".txt")
        if not os.path.exists(tpath):
            continue
        text = open(tpath, encoding="utf-8").read()
        spans, events = {}, []
        for line in open(ann, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if line.startswith("T") and len(parts) >= 2:
                kind, *rng = parts[1].split(" ", 1)
                segs = [tuple(map(int, s.split())) for s in rng[0].split(";")] if rng else []
                spans[parts[0]] = (kind, segs)
            elif line.startswith("E") and len(parts) >= 2:
                events.append(dict(x.split(":") for x in parts[1].split()))
        atts = []
        for roles in events:
            c = spans.get(roles.get("Content"))
            if not c:
                continue
            q = spans.get(roles.get("Cue"))
            cue = " ".join(text[a:b] for a, b in q[1]) if q else ""
            atts.append(dict(chars=set(i for a, b in c[1] for i in range(a, b)), cue=cue))
        gold[art] = (text, atts)
    return gold


def head(cue):
    words = [w.lower() for w in WORD.findall(cue)]
    for w in words:
        if w not in AUX:
            return w
    return None


def vocab(split):
    gold = load_gold(split)
    heads, occ = collections.Counter(), collections.Counter()
    for text, atts in gold.values():
        for a in atts:
            h = head(a["cue"])
            if h:
                heads[h] += 1
        for w in WORD.findall(text):
            occ[w.lower()] += 1
    keep = sorted(h for h, n in heads.items()
                  if n >= MIN_CUES and n / max(occ[h], 1) >= MIN_RATE)
    write_all_words(keep)


def write_all_words(all_words):
    print("// Generated by train/reported_speech.py from PolNeAR train: do not edit.")
    print(f"// {len(all_words)} cue head words (>= {MIN_CUES} cues, >= {MIN_RATE} of occurrences).")
    print()
    print("/// Every word that heads enough train cues: the training export proposes candidates")
    print("/// for all of them.")
    print("pub(super) const CUE_WORDS_ALL: &[&str] = &[")
    for h in all_words:
        print(f"    {json.dumps(h, ensure_ascii=False)},")
    print("];")


def write_words(all_words, kept):
    print("// Generated by train/reported_speech.py from PolNeAR train: do not edit.")
    print(f"// {len(kept)} of the {len(all_words)} cue head words of cue_words_all.rs kept: >= {PRUNE_KEPT}")
    print(f"// train candidates the weights keep, and >= {PRUNE_YIELD} of their candidates.")
    print()
    print("/// The cue words extraction looks for: those of `CUE_WORDS_ALL` whose train candidates")
    print("/// the classifier keeps often enough (the others' candidates nearly never pass:")
    print("/// skipping them saves time). Sorted (byte order, lower case).")
    print("pub(super) const CUE_WORDS: &[&str] = &[")
    for h in kept:
        print(f"    {json.dumps(h, ensure_ascii=False)},")
    print("];")


def prune(cases_path, weights_path, words_path):
    """Keep the cue words with at least PRUNE_KEPT train candidates scored above zero, that
    being at least PRUNE_YIELD of their candidates (a word whose candidates are nearly all
    rejected costs time for little: "said" proposes 5,000 train candidates, the rules having
    taken its sure cases, and 41 are kept)."""
    import struct
    raw = open(weights_path, "rb").read()
    w = [x / SCALE for x in struct.unpack("<%dh" % (len(raw) // 2), raw)]
    all_words = sorted(set(re.findall(r'^    "(.*)",$', open(words_path, encoding="utf-8").read(),
                                      re.M)))
    all_words = [json.loads('"%s"' % x) for x in all_words]
    kept, seen = collections.Counter(), collections.Counter()
    for line in open(cases_path, encoding="utf-8"):
        for c in json.loads(line)["cases"]:
            z = sum(w[fnv1a(f) & ((1 << BITS) - 1)] for f in c["features"])
            word = next(f[2:] for f in c["features"] if f.startswith("w="))
            seen[word] += 1
            kept[word] += z > 0
    good = {x for x in seen if kept[x] >= PRUNE_KEPT and kept[x] >= PRUNE_YIELD * seen[x]}
    write_words(sorted(all_words), sorted(x for x in all_words if x in good))


def fnv1a(s):
    h = 0x811C9DC5
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def b2c_table(text):
    table = []
    for i, ch in enumerate(text):
        table.extend([i] * len(ch.encode("utf-8")))
    table.append(len(text))
    return table


def examples(split, cases_path):
    gold = load_gold(split)
    out = []
    folds = ([], [])
    for art, rec, (text, atts) in records_with_gold(cases_path, gold):
        t = b2c_table(text)
        rule = [set(range(t[s], t[e])) for s, e in rec["rules"]]
        taken = {j for _, j in pairs_one_to_one(rule, [g["chars"] for g in atts])}
        free = [g["chars"] for j, g in enumerate(atts) if j not in taken]
        fold = fnv1a(art) % 2
        doc = dict(fold=fold, rules=rule, gold=[g["chars"] for g in atts], cands=[])
        for c in rec["cases"]:
            p = set(range(t[c["start"]], t[c["end"]]))
            y = 1 if any(matches(p, g) for g in free) else 0
            ex = (y, [fnv1a(f) & ((1 << BITS) - 1) for f in c["features"]])
            out.append(ex)
            folds[fold].append(ex)
            doc["cands"].append((p, c["cue"], ex))
        DOCS.append(doc)
    return out, folds


DOCS = []


def one_to_one(preds, golds):
    return len(pairs_one_to_one(preds, golds))


def simulate(weights, t):
    """Whole-extraction P, R, F1 on train when every article's candidates are scored by the
    weights fitted on the other fold and kept as the Rust pass keeps them (best first, above
    t, one per cue word, none repeating another)."""
    tp = npred = ngold = 0
    for doc in DOCS:
        w = weights[doc["fold"]]
        scored = sorted(((sum(w[f] for f in ex[1]), k) for k, (_, _, ex) in
                         enumerate(doc["cands"])), reverse=True)
        kept, cues = [], set()
        for z, k in scored:
            if z <= t:
                break
            p, cue, _ = doc["cands"][k]
            if cue in cues or any(matches(p, q) for q in kept):
                continue
            kept.append(p)
            cues.add(cue)
        preds = doc["rules"] + kept
        tp += one_to_one(preds, doc["gold"])
        npred += len(preds)
        ngold += len(doc["gold"])
    prec, rec = tp / max(npred, 1), tp / max(ngold, 1)
    return prec, rec, 2 * prec * rec / max(prec + rec, 1e-9)


def fit(data, epochs=EPOCHS):
    """Logistic regression, AdaGrad, fixed seed and order; returns the weights."""
    n = 1 << BITS
    w = [0.0] * n
    g2 = [1e-8] * n
    rng = random.Random(SEED)
    order = list(range(len(data)))
    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            y, feats = data[k]
            z = sum(w[f] for f in feats)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - y
            for f in feats:
                gf = g + L2 * w[f]
                g2[f] += gf * gf
                w[f] -= RATE * gf / math.sqrt(g2[f])
    return w


def threshold(folds):
    """The threshold with the best cross-validated whole-extraction F1 on train among those
    that keep the precision of the exact rules alone, or FLOOR where the rules alone are more
    precise than that (each fold scored by weights fitted on the other)."""
    weights = [fit(folds[1]), fit(folds[0])]
    base = simulate(weights, float("inf"))
    print(f"exact rules alone: P {base[0]:.3f} R {base[1]:.3f} F1 {base[2]:.3f}", file=sys.stderr)
    target = min(base[0] - TOLERANCE, FLOOR)
    best = None
    for i in range(-32, 65):
        t = i / 16
        prec, rec, f1 = simulate(weights, t)
        print(f"cv threshold {t:+.2f}: P {prec:.3f} R {rec:.3f} F1 {f1:.3f}", file=sys.stderr)
        if prec >= target and (best is None or f1 > best[3]):
            best = (t, prec, rec, f1)
    # The best threshold sits where precision crosses the target: find the crossing between
    # it and the grid step below by bisection, so that a small change in the candidates does
    # not move the threshold a whole grid step.
    if best is not None:
        lo, hi = best[0] - 1 / 16, best[0]
        for _ in range(BISECT):
            mid = (lo + hi) / 2
            prec, rec, f1 = simulate(weights, mid)
            print(f"cv threshold {mid:+.4f}: P {prec:.4f} R {rec:.4f} F1 {f1:.4f}", file=sys.stderr)
            if prec >= target:
                hi = mid
                if f1 > best[3]:
                    best = (mid, prec, rec, f1)
            else:
                lo = mid
    return best


def report(data, w, name):
    tp = fp = fn = 0
    for y, feats in data:
        if sum(w[f] for f in feats) > 0:
            tp += y
            fp += 1 - y
        else:
            fn += y
    print(f"{name}: {len(data)} candidates, {tp + fn} positive; kept by the final weights: "
          f"P {tp / max(tp + fp, 1):.3f} R {tp / max(tp + fn, 1):.3f}", file=sys.stderr)


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "vocab":
        vocab(sys.argv[2])
    elif cmd == "prune":
        prune(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "fit":
        data, folds = examples(sys.argv[2], sys.argv[3])
        t, p, r, f1 = threshold(folds)
        print(f"threshold {t:.4f}: cross-validated train P {p:.3f} R {r:.3f} F1 {f1:.3f}",
              file=sys.stderr)
        w = fit(data)
        w[fnv1a("bias") & ((1 << BITS) - 1)] -= t
        report(data, w, "train")
        q = [max(-32767, min(32767, int(round(x * SCALE)))) for x in w]
        sys.stdout.buffer.write(b"".join(v.to_bytes(2, "little", signed=True) for v in q))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
