#!/usr/bin/env python3
"""Mutation fuzzing of nxc's frontend (and of MLIRGen behind it).

Usage: fuzz.py --nxc PATH [--seed N] [--count N] [--jobs N] [--keep DIR]

Takes the .nx programs under test/e2e and examples/, makes `--count` mutants
with a fixed seed (tokens deleted, duplicated, swapped or replaced, random
bytes or keywords inserted, truncation, deep nesting, Nx functions and dtypes
swapped for others), runs `nxc check` on each and `nxc emit --stage=nx` on
those that check, each with a 10 s timeout. It fails, printing the mutant,
when a run exits with a code other than 0 or 1, is killed by a signal, times
out, or exits with 1 without a `file:line:col: error:` diagnostic (or with an
internal error), or when `nxc emit` rejects a program `nxc check` accepted.
"""
import argparse
import concurrent.futures
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIMEOUT = 10

TOKEN = re.compile(r'''
    "(?:[^"\\\n]|\\.)*"            # string
  | \#[^\n]*                       # comment
  | [0-9][0-9_]*(?:\.[0-9_]+)?(?:[eE][+-]?[0-9]+)?  # number
  | @?[A-Za-z_][A-Za-z0-9_]*[?!]?:?  # identifier, keyword, attribute
  | :[A-Za-z_][A-Za-z0-9_]*       # atom
  | \|>|==|!=|<=|>=|&&|\|\||\*\*|::
  | \n
  | [ \t]+
  | .
''', re.X | re.S)

KEYWORDS = [
    "defmodule", "defn", "defnp", "do", "end", "do:", "@entry", "@moduledoc",
    "@foo", "fn", "if", "while", "nil", "true", "false", "not", "and", "or",
    "|>", "::", "=", "_", "{", "}", "[", "]", "(", ")", ",", ";", "\n", ".",
    ":auto", ":f32", ":s64", "{:f, 64}", "axes:", "keep_axes: true",
    "type: :u8", "axis: -1", "Nx.", "Nx.Constants.pi", "Nx.sum(", "Nx.dot(",
    "Nx.tensor([[1, 2], [3]])", "Nx.iota({0})", "f32[n]", "s32[2, n]",
    "pred[]", '"str"', '"""doc"""', "0x7fffffffffffffff", "1.0e308", "1e999",
    "-0.0", "99999999999999999999",
]

NX_FUNCS = [
    "exp", "log", "sqrt", "sigmoid", "abs", "negate", "floor", "is_nan",
    "logical_not", "add", "subtract", "multiply", "divide", "pow", "min",
    "max", "remainder", "atan2", "equal", "less", "logical_and", "select",
    "clip", "sum", "product", "mean", "reduce_max", "all", "argmax", "argmin",
    "reshape", "transpose", "broadcast", "new_axis", "squeeze", "as_type",
    "dot", "tensor", "iota", "eye", "slice", "concatenate",
]

DTYPES = ["pred", "u8", "s32", "s64", "f32", "f64", "f16", "u64"]


def tokens(text):
    return TOKEN.findall(text)


def mutate(rng, text, sources):
    toks = tokens(text)
    if not toks:
        return text
    # Kinds 8-11 keep the program mostly well-formed, so that more mutants
    # get past the checker to MLIRGen; they are drawn twice as often.
    kind = rng.choice(list(range(14)) + [8, 9, 10, 11])
    i = rng.randrange(len(toks))
    j = rng.randrange(len(toks))
    if kind == 0:  # delete tokens
        n = rng.choice([1, 1, 1, 2, 5])
        del toks[i:i + n]
    elif kind == 1:  # duplicate a token or a run of tokens
        n = rng.choice([1, 1, 3, 8])
        toks[i:i] = toks[i:i + n]
    elif kind == 2:  # swap two tokens
        toks[i], toks[j] = toks[j], toks[i]
    elif kind == 3:  # insert random bytes (kept as latin-1 code points)
        n = rng.choice([1, 1, 2, 4, 16])
        toks.insert(i, "".join(chr(rng.randrange(256)) for _ in range(n)))
    elif kind == 4:  # insert a keyword or a piece of syntax
        toks.insert(i, " " + rng.choice(KEYWORDS) + " ")
    elif kind == 5:  # replace a token by a keyword
        toks[i] = rng.choice(KEYWORDS)
    elif kind == 6:  # truncate
        return "".join(toks[:i])
    elif kind == 7:  # nest deeply around a token
        depth = rng.choice([50, 200, 255, 257, 600])
        opener, closer = rng.choice([("(", ")"), ("{", "}"), ("[", "]"),
                                     ("-", ""), ("not ", ""),
                                     ("Nx.exp(", ")"), ("Nx.tensor(", ")")])
        toks[i] = opener * depth + toks[i] + closer * depth
    elif kind == 8:  # swap an Nx function for another
        calls = [k for k, t in enumerate(toks) if t == "Nx"]
        if calls:
            k = rng.choice(calls)
            if k + 2 < len(toks) and toks[k + 1] == ".":
                toks[k + 2] = rng.choice(NX_FUNCS)
    elif kind == 9:  # change a dtype
        types = [k for k, t in enumerate(toks) if t in DTYPES or
                 t.lstrip(":") in DTYPES]
        if types:
            k = rng.choice(types)
            new = rng.choice(DTYPES)
            toks[k] = (":" + new) if toks[k].startswith(":") else new
    elif kind == 10:  # change a number
        nums = [k for k, t in enumerate(toks) if t[:1].isdigit()]
        if nums:
            toks[rng.choice(nums)] = rng.choice(
                ["0", "1", "-1", "3", "1_000_000_000_000", "2.5", "1.0e-40",
                 "9223372036854775807", "18446744073709551616",
                 "3037000500", "4611686018427387904"])
    elif kind == 11:  # rename an identifier to another one from the program
        names = [k for k, t in enumerate(toks) if re.match(r"[a-z_]\w*$", t)]
        if names:
            toks[rng.choice(names)] = toks[rng.choice(names)]
    elif kind == 12:  # splice in a piece of another program
        other = tokens(rng.choice(sources))
        a = rng.randrange(len(other))
        toks[i:i] = other[a:a + rng.choice([1, 5, 20, 100])]
    else:  # several small mutations
        text = "".join(toks)
        for _ in range(rng.choice([2, 3, 5])):
            text = mutate(rng, text, sources)
        return text
    return "".join(toks)


DIAG = re.compile(r"^[^\n]*:\d+:\d+: error: ", re.M)


def run(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s" % TIMEOUT
    return p.returncode, p.stderr.decode("utf-8", "replace")


def problem(rc, err):
    if rc is None:
        return err
    if rc < 0:
        return "killed by signal %d" % -rc
    if rc not in (0, 1):
        return "exit code %d" % rc
    if rc == 1 and not DIAG.search(err):
        return "exit code 1 without a `file:line:col: error:` diagnostic"
    if "internal error" in err or "error: error:" in err:
        return "bad diagnostic"
    return None


def check_one(nxc, path):
    """Returns (failure description or None, whether it got to emit)."""
    rc, err = run([nxc, "check", path])
    what = problem(rc, err)
    if what:
        return "nxc check: %s\n%s" % (what, err[-3000:]), False
    if rc != 0:
        return None, False
    rc, err = run([nxc, "emit", "--stage=nx", path])
    what = problem(rc, err)
    if not what and rc != 0:
        # The typed IR of a checked program must always make valid nx IR.
        what = "`nxc check` accepted the program but emitting it failed"
    if what:
        return "nxc emit --stage=nx: %s\n%s" % (what, err[-3000:]), True
    return None, True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nxc", required=True)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="write the mutants to this directory")
    args = ap.parse_args()

    paths = []
    for d in ("test/e2e", "examples"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, d)):
            paths += [os.path.join(dirpath, f) for f in files if f.endswith(".nx")]
    paths.sort()
    if not paths:
        print("error: no .nx programs found under test/e2e and examples")
        return 1
    sources = [open(p, encoding="utf-8").read() for p in paths]

    rng = random.Random(args.seed)
    mutants = []
    for n in range(args.count):
        k = rng.randrange(len(sources))
        mutants.append((os.path.basename(paths[k]), mutate(rng, sources[k], sources)))

    out = args.keep or tempfile.mkdtemp(prefix="nxc-fuzz-")
    os.makedirs(out, exist_ok=True)
    files = []
    for n, (origin, text) in enumerate(mutants):
        f = os.path.join(out, "m%03d-%s" % (n, origin))
        with open(f, "wb") as fh:
            fh.write(text.encode("latin-1", "replace") if all(
                ord(c) < 256 for c in text) else text.encode("utf-8"))
        files.append(f)

    failures = 0
    emitted = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for f, (what, reached) in zip(files, pool.map(
                lambda f: check_one(args.nxc, f), files)):
            emitted += reached
            if what:
                failures += 1
                data = open(f, "rb").read()
                print("FAIL: %s: %s" % (f, what))
                print("---- mutant (%d bytes) ----" % len(data))
                print(data[:4000].decode("utf-8", "replace"))
                print("----")
    if not args.keep:
        for f in files:
            os.remove(f)
        os.rmdir(out)
    print("%d mutants, %d reached emit, %d failures" % (len(files), emitted, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
