#!/usr/bin/python3
"""check_coverage.py - every supported Nx function is tested against an oracle.

Usage: check_coverage.py SRC_ROOT NXC

Collects the Nx functions called (`Nx.name(`, `Nx.Mod.name(`, also through
pipes `|> Nx.name(`) in the randomized oracle's cases (cases.py, whose
expected values come from NumPy) and in the programs whose expectations come
from NumPy, PyTorch or by hand (test/e2e/*.nx, examples/**/*.nx), and
compares them with `nxc list-functions`. Prints every supported function that
no such program calls and exits 1 if there is one; ends with
"N of M supported functions covered".
"""
import glob
import os
import re
import subprocess
import sys

CALL = re.compile(r"\b(Nx(?:\.[A-Z][A-Za-z0-9_]*)*\.[a-z_][A-Za-z0-9_]*[?!]?)\s*\(")
CAPTURE = re.compile(r"&(Nx(?:\.[A-Z][A-Za-z0-9_]*)*\.[a-z_][A-Za-z0-9_]*[?!]?)/\d")


def called(text):
    return set(CALL.findall(text)) | set(CAPTURE.findall(text))


def main():
    if len(sys.argv) != 3:
        print("usage: check_coverage.py SRC_ROOT NXC", file=sys.stderr)
        return 2
    root, nxc = sys.argv[1], sys.argv[2]
    sys.dont_write_bytecode = True
    sys.path.insert(0, os.path.join(root, "test", "oracle"))
    import cases as C  # noqa: E402
    import oracle as O  # noqa: E402

    seen = set()
    text, _ = O.module_text("Coverage", C.generate(O.DEFAULT_SEED), O.DEFAULT_SEED)
    seen |= called(text)
    files = glob.glob(os.path.join(root, "test", "e2e", "*.nx"))
    files += glob.glob(os.path.join(root, "examples", "**", "*.nx"), recursive=True)
    for path in files:
        with open(path, encoding="utf-8") as f:
            seen |= called(f.read())
    listed = subprocess.run([nxc, "list-functions"], check=True,
                            capture_output=True, text=True).stdout.split()
    names = sorted({f.split("/")[0] for f in listed})
    missing = [n for n in names if n not in seen]
    for n in missing:
        print("error: `%s` is supported but no oracle case, e2e program or "
              "example calls it" % n)
    print("%d of %d supported functions covered" % (len(names) - len(missing), len(names)))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
