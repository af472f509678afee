#!/usr/bin/env python3
"""Compose labelled news pages from the texts of this folder, for training the block classifier.

usage: make_pages.py OUT.jsonl [--copies 10] [--seed 16]

Everything here was written for quotetrace: `articles.md` holds fifteen fictional news
articles (reports, an interview, a review, an explainer, an obituary, an opinion piece),
`furniture.md` the things a news page carries around an article, in the Markdown a full-page
converter writes (html2text style): skip links, logos, menus, account and search boxes,
breadcrumbs, bylines and dates, share bars, photos with captions and credits, advertisement
markers, related links, newsletter and donation boxes, tags, author bios, "contributed to
this report" lines, most-read and trending lists with quoted headlines, video teasers,
recommendation cards with teasers, reader comments, cookie banners, paywall prompts,
affiliate notes, app promotions, footers and copyright lines. Outlets, people, places and
URLs are fictional (`.example` domains).

Each article is placed in `--copies` pages, each page with its own random outlet, list
style and selection, order and placement of furniture (a fixed seed: the same pages every
run). The label is known by construction: the article's body is the gold main text; the
headline, captions, bylines and everything else is not.

Output: {"id", "text", "main"} per line, the format bench/train_blocks.sh trains on.
"""
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

OUTLETS = [
    ("The Velmora Post", "velmora-post.example", "Velmora Media Ltd", "4 Harbour Row, Velmora", "Nordic Press Agency"),
    ("Carrow Evening News", "carrow-news.example", "Carrow Newspapers", "12 Station Road, Carrow", "Associated Wire"),
    ("Dunmere Gazette", "dunmeregazette.example", "Gazette Group", "1 Market Square, Dunmere", "Reuters Wire"),
    ("North Coast Herald", "nc-herald.example", "Coastline Publishing", "Pier Street 9, Skelby", "AFP Wire"),
    ("The Ferncastle Courier", "ferncastlecourier.example", "Courier Holdings", "High Street 30, Ferncastle", "Press Association Wire"),
    ("Business Daily Review", "bdreview.example", "Review Media Group", "Exchange Place 2, Tarnfield", "Bloomberg Wire"),
    ("Seld Valley Times", "seldtimes.example", "Valley Media", "Bridge Lane 5, Hallow Bridge", "Associated Wire"),
    ("Stennford Arts Weekly", "stennford-arts.example", "Arts Weekly Ltd", "Theatre Walk 11, Stennford", "Culture Wire"),
]
SECTIONS = ["News", "Politics", "Local", "Business", "Sport", "Culture", "Environment", "Education",
            "Transport", "Technology", "Opinion", "Weather", "Courts", "Obituaries", "Health"]
AUTHORS = ["Hanna Voss", "Elliot Marsh", "Priya Lund", "Tomas Reyes", "Clara Nyberg", "Olu Brandt",
           "Freya Holt", "Mikael Stern", "Rosa Kettle", "Jonas Weir"]
ROLES = ["Senior Reporter", "Political Editor", "Staff Writer", "Business Correspondent",
         "Local Government Reporter", "Sports Writer"]
BEATS = ["local government", "transport", "the economy", "health", "the environment", "education",
         "courts and crime", "culture"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def sections(path):
    """`=== name` sections of a file, each a list of entries separated by `~~~` lines."""
    out = {}
    name = None
    buf = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("=== "):
                if name:
                    out[name] = buf
                name = line[4:].strip()
                buf = [""]
            elif line.rstrip("\n") == "~~~":
                buf.append("")
            elif name:
                buf[-1] += line
    if name:
        out[name] = buf
    return {k: [e.strip("\n") for e in v if e.strip()] for k, v in out.items()}


def lines_of(section):
    return [l for l in section[0].splitlines() if l.strip()]


def plain(md):
    """Gold text of an article block: the Markdown syntax taken out."""
    t = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", md)
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"\*\*|__", "", t)
    t = re.sub(r"(?m)^\s*(?:[*-]|\d+\.)\s+", "", t)
    t = re.sub(r"(?m)^#+\s+", "", t)
    t = re.sub(r"(?m)^>\s*", "", t)
    t = re.sub(r"(?<!\w)_|_(?!\w)", "", t)
    return t.strip()


class Page:
    def __init__(self, rng, outlet, article_title):
        self.rng = rng
        self.site, self.domain, self.publisher, self.address, self.agency = outlet
        self.section = rng.choice(SECTIONS)
        self.slug = self.section.lower()
        self.author = rng.choice(AUTHORS)
        self.year = rng.choice(["2023", "2024", "2025"])
        self.date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {self.year}"
        self.title = article_title

    def fill(self, template, furniture):
        rng = self.rng
        heads = furniture["headlines"]
        picked = rng.sample(heads, 4)
        teasers = rng.sample(furniture["teasers"], 2)
        values = {
            "site": self.site, "SITE": self.site.upper(), "domain": self.domain,
            "publisher": self.publisher, "address": self.address, "agency": self.agency,
            "section": self.section, "slug": self.slug, "author": self.author,
            "authorslug": self.author.lower().replace(" ", "-"), "role": rng.choice(ROLES),
            "beat": rng.choice(BEATS), "date": self.date, "year": self.year,
            "time": f"{rng.randint(6, 22)}:{rng.randint(0, 59):02d}",
            "title": self.title, "headline": picked[0], "headline2": picked[1], "headline3": picked[2],
            "headline4": picked[3], "teaser": teasers[0], "teaser2": teasers[1],
            "n": str(rng.randint(10000, 99999)), "n2": str(rng.randint(10000, 99999)),
            "n3": str(rng.randint(10000, 99999)), "n4": str(rng.randint(10000, 99999)),
            "count": str(rng.randint(3, 240)),
            "user": rng.choice(lines_of(furniture["users"])),
            "user2": rng.choice(lines_of(furniture["users"])),
            "caption": rng.choice(lines_of(furniture["captions"])),
            "credit": rng.choice(lines_of(furniture["credits"])),
            "credit_name": rng.choice([self.agency, self.author, "Getty Images", "Karl Veen"]),
        }
        if "{comments}" in template:
            k = rng.randint(2, 7)
            values["comments"] = "\n\n".join(
                self.fill(c, furniture) for c in rng.sample(furniture["comments_pool"], k))
        out = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)
        # A second pass fills placeholders that came in with the values (credits name the agency).
        return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), out)


def restyle_lists(text, marker):
    return re.sub(r"(?m)^  \* ", marker, text)


def compose(rng, article, furniture, n):
    title, body = article
    page = Page(rng, rng.choice(OUTLETS), title)
    pick = lambda kind: page.fill(rng.choice(furniture[kind]), furniture)
    maybe = lambda p, kind: [pick(kind)] if rng.random() < p else []
    nav_items = rng.sample(SECTIONS, rng.randint(4, len(SECTIONS)))
    marker = rng.choice(["  * ", "* ", "- "])
    nav = "\n".join(f"  * [{s}](https://{page.domain}/{s.lower()}/)" for s in nav_items)
    top = []
    if rng.random() < 0.3:
        top += [pick("cookie")]
    top += maybe(0.5, "skip") + maybe(0.7, "logo")
    if rng.random() < 0.9:
        top.append(nav)
    top += maybe(0.5, "account") + maybe(0.3, "search") + maybe(0.4, "breadcrumbs")
    top += maybe(0.15, "affiliate") + maybe(0.1, "paywall")
    head = [f"# {title}"]
    head += maybe(0.8, "byline") + maybe(0.7, "dated") + maybe(0.3, "readtime")
    head += maybe(0.5, "share") + maybe(0.5, "figure")
    # The body, with furniture between its paragraphs now and then.
    middle = []
    gold = []
    for i, block in enumerate(body):
        middle.append(block)
        gold.append(plain(block))
        if 0 < i < len(body) - 1:
            r = rng.random()
            if r < 0.08:
                middle.append(pick("ad"))
            elif r < 0.14:
                middle.append(pick("related_inline"))
            elif r < 0.18:
                middle.append(pick("figure"))
            elif r < 0.20:
                middle.append(pick("newsletter"))
    tail = []
    tail += maybe(0.3, "contributed") + maybe(0.4, "tags") + maybe(0.35, "share")
    tail += maybe(0.4, "bio") + maybe(0.2, "donation") + maybe(0.25, "newsletter")
    extras = []
    extras += maybe(0.5, "recommended") + maybe(0.45, "trending") + maybe(0.25, "video")
    extras += maybe(0.4, "comments") + maybe(0.15, "app")
    rng.shuffle(extras)
    tail += extras
    tail += maybe(0.85, "footer") + maybe(0.75, "copyright")
    if rng.random() < 0.15:
        tail.append(pick("cookie"))
    blocks = top + head + middle + tail
    text = "\n\n".join(restyle_lists(b, marker) for b in blocks if b.strip())
    return {"id": f"own-{n:04d}", "text": text.strip() + "\n", "main": "\n\n".join(gold)}


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("--"):
        sys.exit(__doc__)
    out_path = args[0]
    copies = int(args[args.index("--copies") + 1]) if "--copies" in args else 10
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 16
    rng = random.Random(seed)
    furniture = sections(os.path.join(HERE, "furniture.md"))
    furniture["headlines"] = lines_of(furniture["headlines"])
    furniture["teasers"] = lines_of(furniture["teasers"])
    # Every article starts with `=== article` (sections() would keep only the last).
    with open(os.path.join(HERE, "articles.md"), encoding="utf-8") as f:
        raw = f.read()
    articles = []
    for entry in raw.split("=== article")[1:]:
        blocks = [b.strip() for b in re.split(r"\n\s*\n", entry) if b.strip()]
        articles.append((blocks[0].lstrip("# ").strip(), blocks[1:]))
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for _ in range(copies):
            for article in articles:
                out.write(json.dumps(compose(rng, article, furniture, n), ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} pages -> {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
