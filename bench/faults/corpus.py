"""The generated corpus: articles about invented events, with quotes of invented people
("...," said Finance Minister Elena Varga.), each article a JSON line with a distinct `id`.
"""
import json
import random
import re


FIRST = [("Elena", "f"), ("Tomas", "m"), ("Maria", "f"), ("Jonas", "m"), ("Ana", "f"),
         ("Pavel", "m"), ("Ingrid", "f"), ("Marek", "m"), ("Sofia", "f"), ("Lukas", "m"),
         ("Irena", "f"), ("Viktor", "m"), ("Helena", "f"), ("Oskar", "m"), ("Greta", "f"),
         ("Anton", "m"), ("Lidia", "f"), ("Emil", "m"), ("Nadia", "f"), ("Karel", "m"),
         ("Vera", "f"), ("Stefan", "m"), ("Mira", "f"), ("Daniel", "m"), ("Olga", "f"),
         ("Felix", "m"), ("Teresa", "f"), ("Roman", "m"), ("Klara", "f"), ("Hugo", "m"),
         ("Agnes", "f"), ("Milan", "m"), ("Lena", "f"), ("Igor", "m"), ("Rosa", "f"),
         ("Arno", "m"), ("Dora", "f"), ("Bruno", "m"), ("Ilse", "f"), ("Leon", "m")]
LAST = ["Varga", "Held", "Lopez", "Novak", "Brandt", "Kovacs", "Lindqvist", "Moreau",
        "Petrov", "Halloran", "Esposito", "Dvorak", "Fischer", "Okafor", "Marquez", "Sorensen",
        "Tanaka", "Whitfield", "Castell", "Ruane", "Baptiste", "Kowalski", "Andersen", "Falk",
        "Rinaldi", "Moravec", "Ostrander", "Quillen", "Santoro", "Vasquez", "Hartmann",
        "Jelinek", "Nyberg", "Oduya", "Pereira", "Ravel", "Strand", "Toivonen", "Ulrich",
        "Weller", "Zeman", "Abbott", "Bellamy", "Corvin", "Delacroix", "Engstrom", "Farrow",
        "Garrido", "Haldane", "Ivers", "Janssen", "Keller", "Lachance", "Mbeki", "Nordin",
        "Orsini", "Pryce", "Renner", "Sallow", "Thorne"]
ROLES = ["Finance Minister", "Interior Minister", "Health Minister", "Transport Minister",
         "opposition leader", "union leader", "Mayor", "police spokesman", "chief executive",
         "Deputy Prime Minister", "party chairman", "central bank governor", "senior judge",
         "army spokesman", "Energy Minister", "trade envoy", "hospital director", "prosecutor"]
ORGS = ["the Civic Union", "the National Bank", "the Rail Workers' Federation", "the city council",
        "the Green Alliance", "the Ministry of Finance", "the Port Authority", "the Labour Front",
        "the Supreme Court", "the Chamber of Commerce", "the Farmers' League", "Halden Steel",
        "the Teachers' Guild", "the Coast Guard", "the Energy Board", "the Health Agency"]
SYL = ["dra", "von", "lor", "vik", "kes", "tri", "al", "dor", "hal", "den", "ost", "mark",
       "bre", "sk", "nov", "ar", "mel", "tan", "qui", "ros", "bel", "gar", "ith", "umb"]
TOPICS = [("budget", "unveils austerity budget", "a budget that cuts public spending"),
          ("bridge", "closes bridge after cracks found", "the closure of the main river bridge"),
          ("strike", "rail workers walk out", "a national rail strike"),
          ("flood", "floods force evacuations", "floods that forced thousands from their homes"),
          ("election", "calls snap election", "a snap parliamentary election"),
          ("merger", "approves steel merger", "the merger of the two largest steel makers"),
          ("drones", "bans drones near airports", "a ban on drones near airports"),
          ("hospital", "announces hospital reform", "a plan to merge regional hospitals"),
          ("talks", "opens border talks", "talks on the disputed border"),
          ("tax", "raises fuel tax", "an increase in fuel tax"),
          ("port", "expands the port", "the expansion of the container port"),
          ("summit", "hosts climate summit", "a regional climate summit")]
NOUNS = ["plan", "deal", "law", "proposal", "decision", "report", "budget", "vote", "inquiry",
         "reform", "agreement", "ruling", "strategy", "schedule", "contract", "review"]
ADJS = ["reckless", "necessary", "overdue", "unfair", "careful", "bold", "costly", "fragile",
        "honest", "premature", "sensible", "dangerous", "modest", "historic", "vague", "late"]
VERBS = ["protect", "hurt", "delay", "rescue", "weaken", "fund", "divide", "reassure",
         "punish", "reward", "ignore", "help", "confuse", "change", "test", "strengthen"]
GROUPS = ["families", "nurses", "teachers", "farmers", "pensioners", "small businesses",
          "commuters", "the regions", "young workers", "taxpayers", "patients", "investors"]
TIMES = ["within a month", "by the end of the year", "before the summer", "next week",
         "this winter", "for a decade", "in the long run", "at once", "by spring", "soon"]
OUTLETS = [f"The {a} {b}" for a in ("Daily", "Evening", "Morning", "Weekly", "National")
           for b in ("Courier", "Herald", "Ledger", "Post", "Observer", "Tribune")]


def _place(rng):
    return "".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize()


# Sentence templates: each {field} is drawn in turn (see _fill).
CLAIMS = [  # quotable sentences without their final stop
    "This {noun} is {adj} and it will {verb} {group}",
    "We will {verb} {group} {time}",
    "Nobody should pretend the {noun} was {adj}",
    "The {noun} does nothing for {group} and everyone knows it",
    "I have read the {noun} line by line and it is {adj}",
    "If they want to {verb} {group}, they will have to explain it {time}",
    "Our {noun} was never meant to {verb} {group}",
    "There are {3-900} reasons why the {noun} is {adj}",
]
BACKGROUND = [
    "The {noun} needs the support of at least {40-90} deputies in the {100-180}-seat assembly.",
    "Officials in {place} said {2-60} percent of {group} would be affected {time}.",
    "A {adj} {noun} from {1990-2023} was cited by both sides.",
    "The figures were published on {weekday} and reviewed by {3-40} experts.",
    "{place} has about {20-990},{100-999} residents and a {adj} economy.",
    "Critics said the {noun} would {verb} {group}, a charge the government denied.",
]
WORDS = {"noun": NOUNS, "adj": ADJS, "verb": VERBS, "group": GROUPS, "time": TIMES,
         "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]}


def _fill(rng, template, place=None):
    """`template` with its fields drawn left to right: {noun} (or another key of WORDS) a
    word of that list, {A-B} a whole number from A to B, {place} the place."""
    def draw(m):
        field = m.group(1)
        if field == "place":
            return place
        if field in WORDS:
            return rng.choice(WORDS[field])
        lo, hi = field.split("-")
        return str(rng.randint(int(lo), int(hi)))

    return re.sub(r"\{([^}]+)\}", draw, template)


def _claim(rng):
    """A quotable sentence without its final stop."""
    return _fill(rng, rng.choice(CLAIMS))


def _background(rng, place):
    return _fill(rng, rng.choice(BACKGROUND), place)


def make_people(rng, n):
    seen, people = set(), []
    while len(people) < n:
        (first, g), last = rng.choice(FIRST), rng.choice(LAST)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        people.append({"first": first, "last": last, "g": g, "role": rng.choice(ROLES),
                       "org": rng.choice(ORGS)})
    return people


def make_events(rng, n, people):
    events = []
    for e in range(n):
        topic = rng.choice(TOPICS)
        events.append({"place": _place(rng), "topic": topic,
                       "people": rng.sample(people, rng.randint(2, 4)),
                       "quotes": [_claim(rng) for _ in range(4)],
                       "day": rng.randrange(700), "n": e})
    return events


def _quote_paragraphs(rng, p, ev, outlet):
    name = f"{p['first']} {p['last']}"
    pron = "she" if p["g"] == "f" else "he"
    q = lambda: rng.choice(ev["quotes"]) if rng.random() < 0.5 else _claim(rng)
    intro = rng.choice([
        lambda: f"\"{q()},\" {p['role']} {name} said.",
        lambda: f"\"{q()},\" said {name}, the {p['role'].lower()} of {p['org']}.",
        lambda: f"{name}, {p['role'].lower()} of {p['org']}, told reporters: \"{q()}.\"",
        lambda: f"\"{q()},\" {name} told {outlet}.",
    ])()
    paras = [intro]
    for _ in range(rng.randint(1, 2)):
        paras.append(rng.choice([
            lambda: f"\"{q()},\" {p['last']} said.",
            lambda: f"\"{q()},\" {pron} said. \"{q()}.\"",
            lambda: f"{p['last']} added: \"{q()}.\"",
            lambda: f"\"{q()},\" said {p['last']}, who has led {p['org']} since {rng.randint(1995, 2023)}.",
        ])())
    return paras


def make_article(rng, ev, doc_id):
    outlet = rng.choice(OUTLETS)
    place = ev["place"]
    key, headline, what = ev["topic"]
    day = ev["day"] + rng.randint(0, 3)
    date = f"{2022 + day // 365}-{(day % 365) // 31 + 1:02d}-{day % 28 + 1:02d}"
    title = f"{place} {headline}"
    if rng.random() < 0.5:
        title += f" as {rng.choice(GROUPS)} {rng.choice(['protest', 'wait', 'worry', 'cheer'])}"
    paras = [title,
             f"{place.upper()}, {date} - The government of {place} on {rng.choice(['Monday', 'Tuesday', 'Friday'])} "
             f"announced {what}, {rng.choice(['setting up a clash with', 'drawing praise from', 'angering', 'surprising'])} "
             f"{rng.choice(GROUPS)} and {rng.choice(GROUPS)}."]
    speakers = list(ev["people"])
    rng.shuffle(speakers)
    for p in speakers[:rng.randint(2, len(speakers))]:
        paras.extend(_quote_paragraphs(rng, p, ev, outlet))
        if rng.random() < 0.7:
            paras.append(_background(rng, place))
    paras.append(_background(rng, place))
    return {"id": doc_id, "title": title, "outlet": outlet, "published": date,
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{doc_id}",
            "text": "\n\n".join(paras)}


def make_corpus(seed, sizes):
    """Named sets of articles with distinct ids: {name: [json line, ...]}. People recur
    across sets and events, so speakers link across articles and sets."""
    rng = random.Random(seed)
    people = make_people(rng, 900)
    events = make_events(rng, 700, people)
    out = {}
    for name, n in sizes:
        lines = []
        for i in range(n):
            ev = events[rng.randrange(len(events))]
            lines.append(json.dumps(make_article(rng, ev, f"{name}-{i:05d}"), ensure_ascii=False))
        out[name] = lines
    return out
