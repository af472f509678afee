"""What the training scripts share: the records an example printed, each with its article's
gold, and the scorers' one-to-one matching of quotes to gold attributions."""
import json


def records_with_gold(path, gold):
    """(article, record, gold[article]) for each JSON line of `path` (one per article, `doc`
    its file name, as the training examples print them) whose article has gold."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            art = rec["doc"][:-4] if rec["doc"].endswith(".txt") else rec["doc"]
            if art in gold:
                yield art, rec, gold[art]


def matches(p, g):
    """Whether the character sets p and g share at least half of each."""
    inter = len(p & g)
    return inter and inter >= 0.5 * len(p) and inter >= 0.5 * len(g)


def pairs_one_to_one(preds, golds):
    """The (i, j) with preds[i] matching golds[j] (character sets), each i and j in one pair
    at most, taken greedily by overlap, largest first, as the scorers pair them."""
    pairs = sorted(((len(p & g), i, j) for i, p in enumerate(preds)
                    for j, g in enumerate(golds) if matches(p, g)), reverse=True)
    used, taken, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used and j not in taken:
            used.add(i)
            taken.add(j)
            out.append((i, j))
    return out
