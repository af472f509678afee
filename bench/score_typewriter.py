#!/usr/bin/env python3
"""The shared PolNeAR scorers with typewriter quotation marks counted as quotation marks.

usage: score_typewriter.py polnear SPLIT_DIR PRED.jsonl [--json]
       score_typewriter.py canonical SPLIT_DIR CANON.jsonl PRED.jsonl

../shared/bench/score_polnear.py and score_canonical.py put an attribution in the `quoted`
set when its content holds a quotation of three words or more inside “…”, "…", «…» or „…“.
Some PolNeAR articles (New York Times copy) print every quotation between two apostrophes on
each side (''…'') or as ``…'': those attributions fall in `all` only, and an extractor that
reads those marks as quotation marks has its direct quotes of them counted as false positives
in `quoted`. This runs the unchanged scorer with that one pattern widened to the typewriter
marks as well, so that the two readings can be reported side by side. Nothing else changes.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ.get("QT_SHARED_BENCH", os.path.join(HERE, "..", "..", "shared", "bench")))

# The scorers' pattern, with '' and `` as opening marks and '' as a closing mark; the
# content may not run over another quotation's marks.
TYPEWRITER = re.compile(r"(?:[“\"«„]|''|``)((?:(?!'')[^“”\"«»„])*?)(?:[”\"»“]|'')")


def main():
    which, args = sys.argv[1], sys.argv[2:]
    if which == "polnear":
        import score_polnear as scorer
    elif which == "canonical":
        import score_canonical as scorer
    else:
        sys.exit(__doc__)
    scorer.QUOTE = TYPEWRITER
    sys.argv = [scorer.__file__, *args]
    scorer.main()


if __name__ == "__main__":
    main()
