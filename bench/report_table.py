"""The aligned text table the bench reports print (standard library only)."""


def print_table(title, header, rows, left=1, align_header=False):
    """Prints `title`, then `header` and `rows` (lists of strings) as columns two spaces apart,
    the header over a rule of dashes: the first `left` columns flush left, the others flush
    right; the header's cells all flush left unless `align_header`."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]

    def line(cells, n_left):
        return "  ".join(c.ljust(w) if i < n_left else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths)))

    print(title)
    print(line(header, left if align_header else len(header)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r, left))
