#!/usr/bin/env bash
# Do `quotetrace clean` and `extract` say the same of a page given as HTML and given as the
# Markdown a full-page scraper makes of it? Measured on the Zyte pages of the scraped dev set
# (../shared/bench/data/scraped: 172 pages that exist in both forms; the HTML file of each is
# named in manifest.jsonl).
#
# What it measures
#   1. Text: `quotetrace clean` on the HTML files against `quotetrace clean` on the Markdown
#      (the Zyte metric of ../shared/bench/score_scraped.py, the HTML's text taken as the
#      reference: P = share of the Markdown's text that the HTML's has, R the other way), and
#      each against the gold article body.
#   2. Quotes: `quotetrace extract` on both; the share of the HTML's direct and partial quotes
#      that the Markdown's run reports with the same words (and the other way), with the same
#      speaker where both have one.
#
# How to run (from anywhere in the repo)
#   bench/scraped_agreement.sh
# Switches: QT_SKIP_BUILD=1 (use target/release/quotetrace as built), QT_SHARED_BENCH=...
# Outputs (bench/out/, gitignored): agree.*.jsonl, scraped_agreement.txt.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_scraped_bench
need_quotetrace
WORK="$OUT/agree"
rm -rf "$WORK"
mkdir -p "$WORK/html"

# The Zyte pages of the dev set, both forms, under the same ids.
python3 - "$DATA" "$WORK" <<'PY'
import json, os, shutil, sys
data, work = sys.argv[1:]
ids = []
with open(os.path.join(data, "manifest.jsonl"), encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        if r.get("source") == "zyte" and r.get("part", "dev") == "dev":
            src = os.path.normpath(os.path.join(data, r["html"]))
            shutil.copyfile(src, os.path.join(work, "html", r["id"] + ".html.gz"))
            ids.append(r["id"])
keep = set(ids)
for name in ("dev.jsonl", "dev_gold.jsonl"):
    with open(os.path.join(data, name), encoding="utf-8") as f, \
            open(os.path.join(work, name), "w", encoding="utf-8") as out:
        for line in f:
            if json.loads(line)["id"] in keep:
                out.write(line)
print(f"{len(ids)} pages", file=sys.stderr)
PY

log "quotetrace clean / extract on the HTML and on the Markdown"
"$QT_BIN" clean --quiet --jobs 1 "$WORK/html" > "$WORK/html.clean.jsonl"
"$QT_BIN" extract --quiet --jobs 1 "$WORK/html" > "$WORK/html.extract.jsonl"
"$QT_BIN" clean --quiet --jobs 1 "$WORK/dev.jsonl" > "$WORK/md.clean.jsonl"
"$QT_BIN" extract --quiet --jobs 1 "$WORK/dev.jsonl" > "$WORK/md.extract.jsonl"

python3 - "$SCORE" "$WORK" <<'PY' | tee "$OUT/scraped_agreement.txt"
import json, os, shutil, sys
sys.path.insert(0, os.path.dirname(sys.argv[1]))
import score_scraped as S
work = sys.argv[2]

def page_id(r):
    d = str(r.get("id", r.get("doc", r.get("doc_id", ""))))
    return os.path.basename(d).split(".")[0]

def read(path, field):
    out = {}
    with open(os.path.join(work, path), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out[page_id(r)] = r.get(field) or ("" if field == "text" else [])
    return out

gold = S.load_gold(os.path.join(work, "dev_gold.jsonl"))
html, md = read("html.clean.jsonl", "text"), read("md.clean.jsonl", "text")
agree = S.score_text(html, md)
print(f"Zyte pages in both forms: {len(gold)} (HTML cleaned: {len(html)}, Markdown cleaned: {len(md)})")
print()
print("| compared | P | R | F1 |")
print("|---|---|---|---|")
print(f"| clean on the Markdown against clean on the HTML | {agree['precision']:.3f} | {agree['recall']:.3f} | **{agree['f1']:.3f}** |")
for name, run in (("clean on the HTML", html), ("clean on the Markdown", md)):
    s = S.score_text(gold, run)
    print(f"| {name} against the gold | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")

hq, mq = read("html.extract.jsonl", "quotes"), read("md.extract.jsonl", "quotes")
def dp(qs):
    return [(tuple(S.qtokens(q.get("text"))), q.get("speaker")) for q in qs
            if q.get("kind") in ("direct", "partial") and S.qtokens(q.get("text"))]
n_h = n_m = found_h = found_m = both_spk = same_spk = 0
for pid in gold:
    h, m = dp(hq.get(pid, [])), dp(mq.get(pid, []))
    mt = {t: s for t, s in m}
    ht = {t: s for t, s in h}
    n_h += len(h); n_m += len(m)
    for t, s in h:
        if t in mt:
            found_h += 1
            if s and mt[t]:
                both_spk += 1
                same_spk += s == mt[t]
    found_m += sum(t in ht for t, _ in m)
print()
print(f"Direct and partial quotes: HTML {n_h}, Markdown {n_m}; "
      f"of the HTML's, {found_h / max(n_h, 1):.3f} are in the Markdown's with the same words; "
      f"of the Markdown's, {found_m / max(n_m, 1):.3f} are in the HTML's; "
      f"same speaker where both have one: {same_spk / max(both_spk, 1):.3f} ({same_spk} of {both_spk})")
PY
