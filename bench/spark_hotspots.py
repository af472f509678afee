#!/usr/bin/env python3
"""Where the Spark job's plan breaks first, measured on its tables: the largest unit of work
each link stage hands to one task, so that a run at 100,000 and one at 1,000,000 articles
show how each grows with the corpus.

    python bench/spark_hotspots.py TABLES_DIR [--no-variants]
        (the Spark virtualenv's Python: it needs pyarrow and the quotetrace wheel;
        --no-variants skips the variant components, which cost a MinHash signature per quote)

- near-duplicates: the largest LSH band bucket (documents sharing one of the 32 band keys);
  the job pairs each document with at most 64 earlier ones of a bucket (the store's
  ``DOC_BUCKET_IDS``), so a bucket of n documents costs at most 64 n comparisons;
- corpus speakers: the largest speaker key (quotes of one surname or body, resolved in one
  task, held in one pandas frame);
- quote variants: the largest component of quotes joined by a shared words key or LSH bucket
  (one task runs the store's rule over all of it);
- stories and translation links: the largest story (articles), and the documents of the
  largest story window (one task clusters it; bounded by ``--story-max-window``).
Prints one JSON object.
"""

import json
import os
import sys
from collections import Counter

import pyarrow.parquet as pq


def _column_batches(path, columns):
    for f in sorted(os.listdir(path)):
        if f.endswith(".parquet"):
            t = pq.read_table(os.path.join(path, f), columns=columns)
            yield t


def largest_bucket(tables):
    from quotetrace import _native

    sizes, docs = Counter(), 0
    for t in _column_batches(os.path.join(tables, "documents"), ["signature"]):
        for sig in t.column("signature").to_pylist():
            if sig:
                docs += 1
                sizes.update(_native.minhash_bands(sig))
    top = sizes.most_common(1)
    return {"documents_with_signature": docs, "largest_lsh_bucket": top[0][1] if top else 0}


def largest_speaker_key(tables):
    from quotetrace import _native

    sizes = Counter()
    for t in _column_batches(os.path.join(tables, "quotes"), ["speaker", "speaker_type"]):
        for s, k in zip(t.column("speaker").to_pylist(), t.column("speaker_type").to_pylist()):
            key = _native.speaker_key_of(s, k)
            if key is not None:
                sizes[key] += 1
    (key, n), = sizes.most_common(1) or [(None, 0)]
    return {"speaker_keys": len(sizes), "largest_speaker_key_quotes": n,
            "largest_speaker_key": key}


def largest_variant_component(tables):
    """Union-find over (quote, key) pairs: each quote joined with the first quote of each of
    its words key and LSH buckets."""
    from quotetrace import _native

    parent, first, n = [], {}, 0

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for t in _column_batches(os.path.join(tables, "quotes"), ["text"]):
        for text in t.column("text").to_pylist():
            got = _native.variant_keys(text or "")
            parent.append(n)
            if got:
                key, buckets = got
                for node in [("k", key)] + [("b", b) for b in buckets]:
                    other = first.setdefault(node, n)
                    if other != n:
                        a, b = root(n), root(other)
                        if a != b:
                            parent[max(a, b)] = min(a, b)
            n += 1
    sizes = Counter(root(i) for i in range(n))
    return {"quotes": n, "largest_variant_component": max(sizes.values()) if sizes else 0}


def largest_story(tables):
    sizes = Counter()
    for t in _column_batches(os.path.join(tables, "stories"), ["story"]):
        sizes.update(t.column("story").to_pylist())
    return {"stories": len(sizes), "largest_story": max(sizes.values()) if sizes else 0}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    tables = sys.argv[1]
    out = {}
    stages = [largest_bucket, largest_speaker_key]
    if "--no-variants" not in sys.argv[2:]:
        stages.append(largest_variant_component)
    if os.path.isdir(os.path.join(tables, "stories")):
        stages.append(largest_story)
    for f in stages:
        out.update(f(tables))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
