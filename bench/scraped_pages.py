#!/usr/bin/env python3
"""Turn HTML pages into full-page Markdown the way ../shared/bench/data/scraped/ was made.

usage:
  scraped_pages.py train OUT.jsonl    the WCXB-test pages NOT in the scraped dev set
  scraped_pages.py check              convert the dev set's own pages again and count how many
                                      come out identical to dev.jsonl (a check of this
                                      converter only: nothing is learned from it)

The conversion (checked identical on all 427 dev pages): decode UTF-8 when the bytes are UTF-8
(else lxml's own detection), parse with lxml.html, drop <script>, <style>, <noscript> and
comments, empty inline `data:` image sources, serialise the <body> with lxml, convert with
html2text 2025.4.15 (body_width=0; links, images and tables kept), fold 3+ newlines into 2,
strip, end with one newline.

`train` writes {"id", "type", "url", "text", "main"} per page: every page of
../shared/bench/data/wcxb-test whose id is not among the `wcxbtest-*` ids of
data/scraped/manifest.jsonl (those 255 are the dev set: never read here), with WCXB's gold
`main_content` as `main`. WCXB's page type (service, forum, documentation, listing, product,
collection, article) is kept so that the trainer can choose.
Needs html2text==2025.4.15 and lxml (bench/.venv: see bench/train_blocks.sh).
"""
import gzip
import json
import os
import re
import sys

import html2text
import lxml.html

SHARED = os.environ.get(
    "QT_SHARED_BENCH",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"),
)
DATA = os.path.join(SHARED, "data")


def to_markdown(raw: bytes) -> str:
    src = raw
    try:
        src = raw.decode("utf-8")
        # lxml refuses a str that declares its own encoding.
        src = re.sub(r"^\s*<\?xml[^>]*\?>", "", src)
    except UnicodeDecodeError:
        pass
    doc = lxml.html.document_fromstring(src)
    for el in doc.xpath("//script|//style|//noscript"):
        el.drop_tree()
    for el in doc.xpath("//comment()"):
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()
    for el in doc.xpath('//img[starts-with(@src,"data:")]'):
        el.set("src", "")
    body = doc.find("body")
    if body is None:
        body = doc
    html = lxml.html.tostring(body, encoding="unicode")
    conv = html2text.HTML2Text()
    conv.body_width = 0
    text = conv.handle(html)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def read_page(path: str) -> bytes:
    with open(path, "rb") as f:
        raw = f.read()
    return gzip.decompress(raw) if path.endswith(".gz") else raw


def dev_wcxb_ids():
    ids = set()
    with open(os.path.join(DATA, "scraped", "manifest.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["source"] == "wcxbtest":
                ids.add(r["id"].split("-", 1)[1])
    return ids


def page_type(gt: dict) -> str:
    if gt.get("page_type"):
        return gt["page_type"]
    internal = gt.get("_internal")
    if isinstance(internal, dict):
        return str((internal.get("page_type") or {}).get("primary") or "unknown")
    return "unknown"


def train(out_path: str):
    held = dev_wcxb_ids()
    gt_dir = os.path.join(DATA, "wcxb-test", "ground-truth")
    html_dir = os.path.join(DATA, "wcxb-test", "html")
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(gt_dir)):
            fid = name[: -len(".json")]
            if fid in held:
                continue
            with open(os.path.join(gt_dir, name), encoding="utf-8") as f:
                gt = json.load(f)
            main = (gt.get("ground_truth") or {}).get("main_content") or ""
            html_path = os.path.join(html_dir, fid + ".html.gz")
            if not os.path.exists(html_path):
                html_path = os.path.join(html_dir, fid + ".html")
            text = to_markdown(read_page(html_path))
            rec = {"id": "wcxbtrain-" + fid, "type": page_type(gt), "url": gt.get("url"),
                   "text": text, "main": main}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} pages -> {out_path}", file=sys.stderr)


def check():
    dev = {}
    with open(os.path.join(DATA, "scraped", "dev.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            dev[r["id"]] = r["text"]
    same = total = 0
    with open(os.path.join(DATA, "scraped", "manifest.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = to_markdown(read_page(os.path.join(DATA, "scraped", r["html"])))
            total += 1
            same += text == dev[r["id"]]
    print(json.dumps({"pages": total, "identical": same}))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "train":
        train(sys.argv[2])
    elif len(sys.argv) == 2 and sys.argv[1] == "check":
        check()
    else:
        sys.exit(__doc__)
