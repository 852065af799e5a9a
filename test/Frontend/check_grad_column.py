#!/usr/bin/env python3
"""Checks the "grad" column of docs/ops.md against the gradient tests.

Usage: check_grad_column.py SRC_ROOT

Every table row of docs/ops.md has a grad cell (the third) that is `yes`,
`no` or `-`; a row whose status is not "supported" says `-`. Every Nx
function in a `yes` row must be differentiated by a gradient test: called in
a test/e2e/grad-*.nx program (whose expected gradients come from NumPy or by
hand) or the function of a test/grad case (`grad_oracle.py --list`, checked
against PyTorch). Prints each problem and "N yes rows, M problems".
"""
import glob
import os
import re
import subprocess
import sys

FUNC = re.compile(r"`((?:Nx\.)[A-Za-z0-9_.!?]+)/\d+(?:\.\.\d+)?`")
CALL = re.compile(r"\b(Nx(?:\.[A-Z][A-Za-z0-9_]*)*\.[a-z_][A-Za-z0-9_]*[?!]?)\s*\(")
CAPTURE = re.compile(r"&(Nx(?:\.[A-Z][A-Za-z0-9_]*)*\.[a-z_][A-Za-z0-9_]*[?!]?)/\d")
# Unqualified calls of the grad API in .nx programs.
IMPORTED = {"grad": "Nx.Defn.grad", "value_and_grad": "Nx.Defn.value_and_grad",
            "stop_grad": "Nx.Defn.Kernel.stop_grad",
            "custom_grad": "Nx.Defn.Kernel.custom_grad"}


def tested(root):
    seen = set()
    for path in glob.glob(os.path.join(root, "test", "e2e", "grad-*.nx")):
        text = open(path, encoding="utf-8").read()
        seen |= set(CALL.findall(text)) | set(CAPTURE.findall(text))
        for name, full in IMPORTED.items():
            if re.search(r"(?<![.\w])%s\s*\(" % name, text):
                seen.add(full)
    oracle = os.path.join(root, "test", "grad", "grad_oracle.py")
    if os.path.exists(oracle):
        out = subprocess.run([sys.executable, oracle, "--list"], check=True,
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 2:
                seen.add(parts[1])
    return seen


def main():
    if len(sys.argv) != 2:
        print("usage: check_grad_column.py SRC_ROOT", file=sys.stderr)
        return 2
    root = sys.argv[1]
    seen = tested(root)
    problems = []
    yes_rows = 0
    path = os.path.join(root, "docs", "ops.md")
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if cells[0] in ("function", "---") or cells[0].startswith("---"):
            continue
        if len(cells) < 4 or cells[2] not in ("yes", "no", "-"):
            problems.append("docs/ops.md:%d: the grad cell must be `yes`, "
                            "`no` or `-`" % n)
            continue
        if not cells[1].startswith("supported") and cells[2] != "-":
            problems.append("docs/ops.md:%d: a row that is not supported "
                            "says `%s` for grad" % (n, cells[2]))
        if cells[2] != "yes":
            continue
        yes_rows += 1
        for f in FUNC.findall(cells[0]):
            if f not in seen:
                problems.append("docs/ops.md:%d: `%s` says grad `yes` but no "
                                "gradient test differentiates it" % (n, f))
    for p in problems:
        print("error: " + p)
    print("%d yes rows, %d problems" % (yes_rows, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
