#!/usr/bin/python3
"""run_e2e.py - runs the end-to-end `.nx` programs of test/e2e.

This file implements the runner for Futhark-style test blocks written as
comments in a `.nx` file (format in test/e2e/README.md):

    # == entry: softmax
    # input: f32[2, 3] [[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]
    # output: f32[2, 3] [[0.09003057, 0.24472847, 0.66524096], ...]
    # tolerance: 1e-6

For every block it writes the inputs as `.npy`, runs
`nxc run FILE --entry E --input ... --output-dir DIR`, and compares each
`DIR/resultI.npy` with the `output:` lines: dtype and shape exactly, integers
exactly, floats within the tolerance. Prints `PASS`/`FAIL` per block and a
final `N passed, M failed` line; exits 1 on any failure.

Usage: /usr/bin/python3 run_e2e.py --nxc build/bin/nxc FILE.nx...
       /usr/bin/python3 run_e2e.py --parse-only FILE.nx...   (no nxc needed)
"""

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np

NP = {"pred": np.bool_, "u8": np.uint8, "u16": np.uint16, "u32": np.uint32,
      "u64": np.uint64, "s8": np.int8, "s16": np.int16, "s32": np.int32,
      "s64": np.int64, "f16": np.float16, "f32": np.float32, "f64": np.float64}
NX_OF = {np.dtype(v): k for k, v in NP.items()}
FLOATS = ("f16", "f32", "f64")
DEFAULT_TOL = {"f16": 1e-3, "f32": 1e-5, "f64": 1e-12}

TYPE_RE = re.compile(r"^\s*(pred|u8|u16|u32|u64|s8|s16|s32|s64|f16|f32|f64)\[([^\]]*)\]\s*(.*)$")


class Block:
    def __init__(self, entry, line):
        self.entry, self.line = entry, line
        self.inputs, self.outputs, self.tol = [], [], None

    def label(self, path):
        return "%s:%d %s" % (os.path.basename(path), self.line, self.entry)


def parse_value(text, where):
    """`f32[2, 3] [[1, 2, 3], [4, 5, 6]]` -> np.ndarray of that dtype and shape."""
    m = TYPE_RE.match(text)
    if not m:
        raise ValueError("%s: expected `TYPE[DIMS] VALUES`, got %r" % (where, text))
    dtype, dims, values = m.groups()
    shape = tuple(int(d) for d in dims.replace(" ", "").split(",") if d)
    env = {"__builtins__": {}, "nan": math.nan, "inf": math.inf, "true": True, "false": False}
    try:
        data = eval(values, env)  # literals only: numbers, lists, nan/inf/true/false
    except Exception as e:  # noqa: BLE001
        raise ValueError("%s: cannot read values %r: %s" % (where, values, e))
    arr = np.array(data, dtype=np.float64 if dtype in FLOATS else None)
    if arr.shape != shape:
        raise ValueError("%s: values have shape %s but the type says %s" % (where, arr.shape, shape))
    if dtype != "pred" and dtype not in FLOATS:
        info = np.iinfo(NP[dtype])
        if arr.size and (arr.min() < info.min or arr.max() > info.max):
            raise ValueError("%s: value out of range for %s" % (where, dtype))
    return arr.astype(NP[dtype])


def parse_blocks(path):
    blocks = []
    with open(path) as f:
        for no, raw in enumerate(f, 1):
            line = raw.strip()
            if not line.startswith("#"):
                continue
            body = line[1:].strip()
            m = re.match(r"^==\s*entry:\s*([A-Za-z_][A-Za-z0-9_]*)\s*$", body)
            if m:
                blocks.append(Block(m.group(1), no))
                continue
            m = re.match(r"^(input|output|tolerance):\s*(.*)$", body)
            if not m:
                continue
            if not blocks:
                raise ValueError("%s:%d: `%s:` before any `== entry:`" % (path, no, m.group(1)))
            where = "%s:%d" % (path, no)
            if m.group(1) == "input":
                blocks[-1].inputs.append(parse_value(m.group(2), where))
            elif m.group(1) == "output":
                blocks[-1].outputs.append(parse_value(m.group(2), where))
            else:
                blocks[-1].tol = float(m.group(2))
    for b in blocks:
        if not b.outputs:
            raise ValueError("%s:%d: entry %s has no `output:` line" % (path, b.line, b.entry))
    return blocks


def compare(got, exp, tol):
    gt, et = NX_OF.get(got.dtype, str(got.dtype)), NX_OF[exp.dtype]
    if gt != et:
        return "dtype %s, expected %s" % (gt, et)
    if got.shape != exp.shape:
        return "shape %s, expected %s" % (got.shape, exp.shape)
    if exp.dtype.kind in "biu":
        if not np.array_equal(got, exp):
            bad = np.argwhere(got != exp)
            i = tuple(bad[0]) if bad.size else ()
            return "%d values differ; first at %s: got %s, expected %s (got %s)" % (
                len(bad), list(map(int, i)), got[i], exp[i], np.array2string(got, separator=", "))
        return None
    tol = DEFAULT_TOL[et] if tol is None else tol
    g, e = got.astype(np.float64), exp.astype(np.float64)
    with np.errstate(invalid="ignore"):
        # An infinite expectation must be met exactly: with e = inf the
        # tolerance would be inf too and accept -inf.
        ok = (np.isnan(g) & np.isnan(e)) | (g == e) | \
            (np.isfinite(e) & (np.abs(g - e) <= tol * (1 + np.abs(e))))
    if ok.all():
        return None
    err = np.nanmax(np.where(ok, 0, np.abs(g - e)))
    return "values differ beyond tolerance %g (max abs err %g); got %s" % (
        tol, err, np.array2string(got, separator=", ", precision=8))


def run_block(nxc, path, b, work, timeout):
    d = tempfile.mkdtemp(dir=work)
    args = [nxc, "run", path, "--entry", b.entry]
    for i, a in enumerate(b.inputs):
        p = os.path.join(d, "in%d.npy" % i)
        np.save(p, a)
        args += ["--input", p]
    out = os.path.join(d, "out")
    os.makedirs(out)
    args += ["--output-dir", out]
    try:
        p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "nxc run timed out after %ds" % timeout
    err = p.stderr.decode("utf-8", "replace").strip()
    if p.returncode < 0:
        return "nxc crashed (signal %d): %s" % (-p.returncode, err[-500:])
    if p.returncode != 0:
        return "nxc run exited %d: %s" % (p.returncode, err[-800:])
    for i, e in enumerate(b.outputs):
        rp = os.path.join(out, "result%d.npy" % i)
        if not os.path.exists(rp):
            return "missing result%d.npy" % i
        why = compare(np.load(rp, allow_pickle=False), e, b.tol)
        if why:
            return "result%d: %s" % (i, why)
    if os.path.exists(os.path.join(out, "result%d.npy" % len(b.outputs))):
        return "more results than the %d expected" % len(b.outputs)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--nxc")
    ap.add_argument("--parse-only", action="store_true", help="only parse the blocks")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per nxc run")
    opts = ap.parse_args()
    npass = nfail = 0
    work = tempfile.mkdtemp(prefix="nxc-e2e-")
    try:
        for path in opts.files:
            try:
                blocks = parse_blocks(path)
            except ValueError as e:
                print("FAIL %s: bad test block: %s" % (os.path.basename(path), e))
                nfail += 1
                continue
            if not blocks:
                print("FAIL %s: no `# == entry:` blocks" % os.path.basename(path))
                nfail += 1
                continue
            for b in blocks:
                if opts.parse_only:
                    print("PARSED %s: %d inputs, %d outputs" % (b.label(path), len(b.inputs), len(b.outputs)))
                    npass += 1
                    continue
                if not opts.nxc:
                    ap.error("--nxc is required unless --parse-only")
                why = run_block(os.path.abspath(opts.nxc), os.path.abspath(path), b, work, opts.timeout)
                if why:
                    nfail += 1
                    print("FAIL %s: %s" % (b.label(path), why))
                else:
                    npass += 1
                    print("PASS %s" % b.label(path))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (npass, nfail))
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main())
