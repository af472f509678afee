#!/usr/bin/env python3
"""What a fact-checker reads from a corpus, checked: speakers, names and sampled rows.

usage: corpus_trust.py ECBPLUS_JSONL EXPORT_JSONL SPEAKERS_JSON [--stories STORIES_JSONL]
                       [--seed S] [--sample N]

EXPORT_JSONL is `quotetrace export --format jsonl` of a store holding ECB+ (and any other
articles); SPEAKERS_JSON is `quotetrace speakers --format json --limit 1000000` of it.
Prints:
  * corpus speakers with >= 20 quotes in ECB+ articles that span more than 3 ECB+ topics
    (each topic holds two events of one kind, unrelated to the other topics: a speaker quoted
    across four or more is almost surely several people or a generic word merged; goal 0);
  * speaker names of 6 words or more (clause fragments; goal 0);
  * with --stories (`quotetrace stories --format jsonl`): stories whose dated articles span
    more than a year (goal 0), and stories that mix dated and undated articles;
  * N quotes sampled with a fixed seed, as the row a fact-checker reads: quote, speaker,
    outlet, date, for review by a person.
Standard library only.
"""
import collections
import json
import random
import sys


def story_dates(path):
    """(stories whose dated articles span > 365 days, stories mixing dated and undated
    articles, stories) in `quotetrace stories --format jsonl`."""
    import datetime

    days = collections.defaultdict(list)
    undated = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("story") is None:
                continue
            date = (r.get("published") or "")[:10]
            try:
                days[r["story"]].append(datetime.date.fromisoformat(date).toordinal())
            except ValueError:
                days[r["story"]]
                undated[r["story"]] += 1
    wide = sum(1 for d in days.values() if d and max(d) - min(d) > 365)
    mixed = sum(1 for s, d in days.items() if d and undated[s])
    return wide, mixed, len(days)


def main():
    ecb_path, export_path, speakers_path = sys.argv[1:4]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    n = int(sys.argv[sys.argv.index("--sample") + 1]) if "--sample" in sys.argv else 50
    topic = {}
    with open(ecb_path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            topic[d["doc_id"]] = d["topic"]
    quotes = []
    with open(export_path, encoding="utf-8") as f:
        for line in f:
            quotes.append(json.loads(line))
    speakers = json.load(open(speakers_path, encoding="utf-8"))

    by_speaker = collections.defaultdict(list)
    for q in quotes:
        if q.get("speaker_id") is not None and q["doc"] in topic:
            by_speaker[q["speaker_id"]].append(topic[q["doc"]])
    names = {s["id"]: s["name"] for s in speakers}
    spread = []
    for sid, topics in by_speaker.items():
        if len(topics) >= 20 and len(set(topics)) > 3:
            spread.append((len(topics), len(set(topics)), names.get(sid, f"#{sid}")))
    spread.sort(reverse=True)
    long_names = sorted(s["name"] for s in speakers if len(s["name"].split()) >= 6)

    ecb_quotes = sum(1 for q in quotes if q["doc"] in topic)
    print(f"store: {len(quotes)} quotes ({ecb_quotes} in ECB+ articles), {len(speakers)} corpus speakers")
    print()
    print("| check | count | goal |")
    print("|---|---|---|")
    print(f"| speakers with >= 20 ECB+ quotes spanning > 3 unrelated topics | {len(spread)} | 0 |")
    print(f"| speaker names of >= 6 words | {len(long_names)} | 0 |")
    if "--stories" in sys.argv:
        wide, mixed, total = story_dates(sys.argv[sys.argv.index("--stories") + 1])
        print(f"| stories whose dated articles span more than a year | {wide} of {total} | 0 |")
        print(f"| stories holding both dated and undated articles | {mixed} | |")
    print(f"| quotes with no speaker | {sum(1 for q in quotes if not q.get('speaker'))} of {len(quotes)} | |")
    print(f"| quotes whose speaker is an article's description (no corpus speaker) | {sum(1 for q in quotes if q.get('speaker') and q.get('speaker_id') is None)} | |")
    if spread:
        print()
        print("Speakers spanning unrelated topics (quotes, topics, name):")
        for quotes_n, topics_n, name in spread:
            print(f"  {quotes_n:4d} {topics_n:3d}  {name}")
    if long_names:
        print()
        print("Names of 6 words or more:")
        for name in long_names:
            print(f"  {name}")
    rng = random.Random(seed)
    sample = rng.sample(quotes, min(n, len(quotes)))
    print()
    print(f"{len(sample)} quotes sampled (seed {seed}), as a fact-checker reads them:")
    print()
    print("| quote | speaker | outlet | date |")
    print("|---|---|---|---|")
    for q in sample:
        text = " ".join(q["text"].split())
        text = text if len(text) <= 90 else text[:89] + "…"
        cell = lambda v: (v or "–").replace("|", "/")
        print(f"| {cell(text)} | {cell(q.get('speaker'))} | {cell(q.get('outlet'))} | {cell(q.get('published'))} |")


if __name__ == "__main__":
    main()
