#!/usr/bin/env python3
"""Compares the "supported" rows of docs/ops.md with `nxc list-functions`.

Usage: check_ops_table.py SRC_ROOT NXC

Every function (`Nx.sum/1..2`) named in a docs/ops.md table row whose status
cell starts with "supported" must be printed by `nxc list-functions`, exactly
with that arity; every function nxc prints must have a supported row; and no
function nxc supports may appear (under any arity) in a row with another
status. The summary line ("supported N of M") must count the supported
functions (N) and all the functions (M) named in the rows. Each drift is
printed, naming the function.
"""
import re
import subprocess
import sys

FUNC = re.compile(r"`((?:Nx\.)[A-Za-z0-9_.!?]+/\d+(?:\.\.\d+)?)`")
SUMMARY = re.compile(r"supported (\d+) of (\d+)")


def doc_rows(path):
    rows = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if len(cells) < 2 or cells[0] in ("function", "---"):
            continue
        rows.append((n, FUNC.findall(cells[0]), cells[1]))
    return rows


def main():
    if len(sys.argv) != 3:
        print("usage: check_ops_table.py SRC_ROOT NXC", file=sys.stderr)
        return 2
    root, nxc = sys.argv[1], sys.argv[2]
    listed = subprocess.run([nxc, "list-functions"], check=True,
                            capture_output=True, text=True).stdout.split()
    listed_set = set(listed)
    listed_names = {f.split("/")[0] for f in listed}
    problems = []
    documented = set()
    for line, funcs, status in doc_rows(root + "/docs/ops.md"):
        for f in funcs:
            if status.startswith("supported"):
                documented.add(f)
                if f not in listed_set:
                    problems.append(
                        "docs/ops.md:%d: `%s` is marked supported but "
                        "`nxc list-functions` does not print it" % (line, f))
            elif f.split("/")[0] in listed_names:
                problems.append(
                    "docs/ops.md:%d: `%s` is marked `%s` but nxc supports "
                    "it" % (line, f, status))
    for f in listed:
        if f not in documented:
            problems.append("`%s` is printed by `nxc list-functions` but has "
                            "no supported row in docs/ops.md" % f)
    n_supported = n_all = 0
    for _, funcs, status in doc_rows(root + "/docs/ops.md"):
        n_all += len(funcs)
        if status.startswith("supported"):
            n_supported += len(funcs)
    summary = [SUMMARY.search(line) for line in
               open(root + "/docs/ops.md", encoding="utf-8")
               if not line.startswith("|")]
    summary = [m for m in summary if m]
    if len(summary) != 1:
        problems.append("docs/ops.md: expected one summary line "
                        "\"supported N of M\", found %d" % len(summary))
    elif (int(summary[0].group(1)), int(summary[0].group(2))) != \
            (n_supported, n_all):
        problems.append("docs/ops.md: the summary says supported %s of %s, "
                        "the tables have %d of %d" % (
                            summary[0].group(1), summary[0].group(2),
                            n_supported, n_all))
    for p in problems:
        print("error: " + p)
    print("%d supported functions, %d problems" % (len(listed), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
