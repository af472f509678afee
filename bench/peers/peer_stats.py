"""What the peer scripts of bench/peers share: writing their --stats file."""
import json


def write_stats(path, stats):
    """Writes `stats` to `path` as one JSON line; does nothing when `path` is empty (no --stats)."""
    if path:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(stats, fh)
            fh.write("\n")
