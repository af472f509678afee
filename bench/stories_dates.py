#!/usr/bin/env python3
"""Stories and dates: do undated articles make stories span years?

ECB+ has two events per topic, years apart in the world but undated in the data. This script
gives each event a date (topic t's first event 2008-01-01 + 9t days, its second 1,200 + 37t
days later: years apart, as ECB+'s pairs are) and each article a date 0-3 days after its
event, then drops the dates of a fraction of the articles (fixed seed): a corpus where dated
and undated articles mix, as in a store of scraped pages. The project's two sanity sets
(crates/link/tests/data) keep their own dates and lose the same fraction.

usage:
  stories_dates.py make SRC.jsonl OUT.jsonl FRACTION SEED [--ecb]
  stories_dates.py score GOLD.jsonl PRED.jsonl      (GOLD: a file `make` wrote)

`score` prints one JSON object: B-cubed precision, recall and F1 over all articles and over
the undated ones; `wide`, stories whose dated articles span more than 365 days (what a reader
sees as a story spanning years); `mixed`, stories holding articles of two gold events; and
`misplaced`, undated articles whose story's dated articles are mostly of another event.
"""
import datetime
import json
import random
import sys
from collections import Counter, defaultdict


def make(src, out, fraction, seed, ecb):
    rng = random.Random(seed)
    base = datetime.date(2008, 1, 1)
    with open(out, "w", encoding="utf-8") as f:
        for line in open(src, encoding="utf-8"):
            r = json.loads(line)
            if ecb:
                t = int(r["topic"])
                second = not r["subtopic"].endswith("ecb")
                event = base + datetime.timedelta(days=9 * t + (1200 + 37 * t if second else 0))
                r["published"] = (event + datetime.timedelta(days=rng.randint(0, 3))).isoformat()
            if rng.random() < fraction:
                r.pop("published", None)
            f.write(json.dumps(r) + "\n")


def bcubed(docs, gold, pred, members, events):
    if not docs:
        return None, None, None
    p = sum(len(members[pred[d]] & events[gold[d]]) / len(members[pred[d]]) for d in docs)
    r = sum(len(members[pred[d]] & events[gold[d]]) / len(events[gold[d]]) for d in docs)
    p, r = p / len(docs), r / len(docs)
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


def score(gold_path, pred_path):
    gold, day = {}, {}
    for line in open(gold_path, encoding="utf-8"):
        r = json.loads(line)
        d = str(r["doc_id"])
        gold[d] = str(r["subtopic"])
        if r.get("published"):
            day[d] = datetime.date.fromisoformat(r["published"][:10]).toordinal()
    pred = {d: "single:" + d for d in gold}
    for line in open(pred_path, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            if str(r["doc"]) in gold:
                pred[str(r["doc"])] = str(r["story"])
    members, events = defaultdict(set), defaultdict(set)
    for d in gold:
        members[pred[d]].add(d)
        events[gold[d]].add(d)
    undated = [d for d in gold if d not in day]
    wide = mixed = 0
    majority = {}
    for story, docs in members.items():
        days = [day[d] for d in docs if d in day]
        wide += bool(days) and max(days) - min(days) > 365
        mixed += len({gold[d] for d in docs}) > 1
        dated_events = Counter(gold[d] for d in docs if d in day)
        if dated_events:
            majority[story] = dated_events.most_common(1)[0][0]
    misplaced = sum(1 for d in undated if majority.get(pred[d], gold[d]) != gold[d])
    all_p, all_r, all_f = bcubed(list(gold), gold, pred, members, events)
    und_p, und_r, und_f = bcubed(undated, gold, pred, members, events)
    print(json.dumps({
        "articles": len(gold), "undated": len(undated), "stories": len(members),
        "bcubed_p": all_p, "bcubed_r": all_r, "bcubed_f1": all_f,
        "undated_p": und_p, "undated_r": und_r, "undated_f1": und_f,
        "wide": wide, "mixed": mixed, "misplaced": misplaced,
    }))


if __name__ == "__main__":
    if len(sys.argv) >= 6 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), "--ecb" in sys.argv[6:])
    elif len(sys.argv) == 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
