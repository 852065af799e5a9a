#!/usr/bin/env python3
"""Compares the "supported" rows of docs/ops.md with `nxc list-functions`.

Usage: check_ops_table.py SRC_ROOT NXC

Every function (`Nx.sum/1..2`) named in a docs/ops.md table row whose status
cell starts with "supported" must be printed by `nxc list-functions`, exactly
with that arity; every function nxc prints must have a supported row; and no
function nxc supports may appear (under any arity) in a row with another
status. The summary line ("supported N of M") must count the supported
functions (N) and all the functions (M) named in the rows. A second line
("issue 4's families, supported N of M") counts the same over the functions
of the families issue 4 names (ISSUE4 below, plus every `Nx.Random` and
`Nx.LinAlg` function). Each drift is printed, naming the function.
"""
import re
import subprocess
import sys

FUNC = re.compile(r"`((?:Nx\.)[A-Za-z0-9_.!?]+/\d+(?:\.\.\d+)?)`")
SUMMARY = re.compile(r"^\*\*Summary: supported (\d+) of (\d+)")
FAMILY = re.compile(r"issue 4's families, supported (\d+) of (\d+)")

# The functions named by issue 4 ("Nx parity"): indexing and shape, functions
# taking functions, windows and convolution, sorting and scans, dtypes and
# bitwise ops; all of Nx.Random and Nx.LinAlg count as well.
ISSUE4 = """slice slice_along_axis put_slice take take_along_axis gather indexed_add
indexed_put concatenate stack pad reverse tile split flatten tri tril triu linspace
make_diagonal take_diagonal outer diff reduce window_reduce window_sum window_product
window_max window_min window_mean window_scatter_max window_scatter_min conv sort
argsort top_k cumulative_sum cumulative_product cumulative_min cumulative_max
logsumexp variance standard_deviation median mode bitwise_and bitwise_or
bitwise_xor bitwise_not left_shift right_shift population_count
count_leading_zeros bitcast""".split()


def in_issue4(f):
    name = f.split("/")[0]
    return name.startswith(("Nx.Random.", "Nx.LinAlg.")) or \
        name[len("Nx."):] in ISSUE4


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
    f_supported = f_all = 0
    for _, funcs, status in doc_rows(root + "/docs/ops.md"):
        for f in funcs:
            if in_issue4(f):
                f_all += 1
                f_supported += status.startswith("supported")
    text = [line for line in open(root + "/docs/ops.md", encoding="utf-8")
            if not line.startswith("|")]
    for rx, what, counts in ((SUMMARY, "**Summary: supported N of M", (n_supported, n_all)),
                             (FAMILY, "issue 4's families, supported N of M", (f_supported, f_all))):
        found = [m for m in map(rx.search, text) if m]
        if len(found) != 1:
            problems.append("docs/ops.md: expected one line \"%s\", found %d" % (what, len(found)))
        elif (int(found[0].group(1)), int(found[0].group(2))) != counts:
            problems.append("docs/ops.md: \"%s\" says %s of %s, the tables have %d of %d" % (
                what, found[0].group(1), found[0].group(2), counts[0], counts[1]))
    print("issue 4's families: supported %d of %d (%.0f%%)" % (
        f_supported, f_all, 100.0 * f_supported / max(1, f_all)))
    for p in problems:
        print("error: " + p)
    print("%d supported functions, %d problems" % (len(listed), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
