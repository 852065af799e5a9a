"""caselib.py - a small harness for checking stdlib functions against PyTorch.

This file implements the part that norms_oracle.py, attention_oracle.py and
initializers_oracle.py share: a Case names its inputs (NumPy arrays), an nx
expression of them (a tensor or a tuple of tensors), optionally an nx loss
whose gradient with respect to some inputs is checked, and a reference
function computing the same in torch float64. `check` writes one .nx program
per float type holding every case (entry `values` and entry `grads`, each
returning one tuple, so the program is compiled once per entry), runs it
with `nxc run`, and compares each result with the reference. Expected values
never come from nxc.

It also holds what every oracle script of test/stdlib shares (stdlib_oracle,
layers_oracle, optim_oracle and the three above): `parse_args` (the options
--nxc, --stdlib, --seed, --only, --keep and the environment they give nxc),
`workdir` (a temporary directory, or --keep's), `run_entry` (one `nxc run`
and its result*.npy files; `run_checked` also records its failure),
`compare` (one result against its reference within a tolerance) and
`report` (the FAIL lines and the summary line that the .test files check).
`main` is the whole script of an oracle made of Cases.
"""
import argparse
import contextlib
import os
import re
import subprocess
import tempfile

import numpy as np
import torch

T = torch.float64


class Case:
    """One function call to check.

    name    -- unique identifier (letters, digits, underscores)
    inputs  -- list of (arg name, array); float arrays take the program's
               float type, other arrays keep their dtype (an int32 array is
               s32, uint8 u8)
    value   -- nx expression of the args: a tensor or a tuple of tensors
    ref     -- function(dict name -> torch tensor) returning a tensor or a
               tuple; float inputs are float64 tensors with requires_grad
               set for the names in `grads`
    grads   -- names of inputs to differentiate (empty: no gradient check)
    loss    -- nx expression of the args giving a scalar; default
               `Nx.sum(<value> * w)` with `w` an input of the value's shape;
               its torch mirror is `loss_ref(outputs, tensors)`, default
               (out * w).sum()
    """

    def __init__(self, name, inputs, value, ref, grads=(), loss=None,
                 loss_ref=None, tol=None):
        self.name = name
        self.inputs = inputs
        self.value = value
        self.ref = ref
        self.grads = list(grads)
        self.loss = loss
        self.loss_ref = loss_ref
        self.tol = tol


def num(v):
    """A Python number as an nx literal (1e-05 -> 1.0e-5)."""
    if isinstance(v, int):
        return str(v)
    m, _, e = repr(float(v)).partition("e")
    m = m if "." in m else m + ".0"
    return m + ("e%d" % int(e) if e else "")


def _nxtype(arr, dt):
    if arr.dtype.kind == "f":
        base = dt
    else:
        base = {"int32": "s32", "int64": "s64", "uint8": "u8",
                "uint32": "u32"}[str(arr.dtype)]
    return "%s[%s]" % (base, ", ".join(str(d) for d in arr.shape))


def _restype(arr, dt):
    return _nxtype(arr, dt)


def references(cases):
    """name -> (list of value arrays, list of grad arrays) in float64."""
    want = {}
    for c in cases:
        ts = {}
        for n, a in c.inputs:
            if a.dtype.kind == "f":
                ts[n] = torch.tensor(a, dtype=T, requires_grad=n in c.grads)
            else:
                ts[n] = torch.tensor(a)
        out = c.ref(ts)
        outs = list(out) if isinstance(out, (tuple, list)) else [out]
        vals = [o.detach().numpy().copy() for o in outs]
        grads = []
        if c.grads:
            if c.loss_ref:
                loss = c.loss_ref(out, ts)
            else:
                loss = (out * ts["w"]).sum()
            gs = torch.autograd.grad(loss, [ts[n] for n in c.grads],
                                     allow_unused=True)
            grads = [g.numpy() if g is not None else
                     np.zeros(ts[n].shape) for g, n in zip(gs, c.grads)]
        want[c.name] = (vals, grads)
    return want


def program(module, aliases, cases, want, dt):
    """The .nx source with entries `values` and `grads`."""
    lines = ["defmodule %s do" % module]
    lines += ["  " + a for a in aliases]
    lines.append("")
    for c in cases:
        args = ", ".join(n for n, _ in c.inputs)
        lines.append("  defnp v_%s(%s), do: %s" % (c.name, args, c.value))
        if c.grads:
            loss = c.loss or "Nx.sum(%s * w)" % c.value
            ga = "{%s}" % ", ".join(c.grads)
            lines.append("  defnp g_%s(%s) do" % (c.name, args))
            body = "\n".join("      " + l for l in loss.split("\n"))
            lines.append("    grad(%s, fn %s ->\n%s\n    end)" % (ga, ga, body))
            lines.append("  end")
    all_args, all_types = [], []
    for c in cases:
        for n, a in c.inputs:
            all_args.append("%s_%s" % (c.name, n))
            all_types.append(_nxtype(a, dt))
    call = lambda p, c: "%s_%s(%s)" % (p, c.name, ", ".join(
        "%s_%s" % (c.name, n) for n, _ in c.inputs))
    vtypes = [_restype(v, dt) for c in cases for v in want[c.name][0]]
    lines.append("  @entry values(%s) :: {%s}" % (", ".join(all_types),
                                                  ", ".join(vtypes)))
    lines.append("  defn values(%s) do" % ", ".join(all_args))
    vals = []
    for i, c in enumerate(cases):
        k = len(want[c.name][0])
        if k == 1:
            lines.append("    r%d = %s" % (i, call("v", c)))
            vals.append("r%d" % i)
        else:
            names = ["r%d_%d" % (i, j) for j in range(k)]
            lines.append("    {%s} = %s" % (", ".join(names), call("v", c)))
            vals += names
    lines.append("    {%s}" % ", ".join(vals))
    lines.append("  end")
    gcases = [c for c in cases if c.grads]
    if gcases:
        gtypes = [_restype(g, dt) for c in gcases for g in want[c.name][1]]
        lines.append("  @entry grads(%s) :: {%s}" % (", ".join(all_types),
                                                     ", ".join(gtypes)))
        lines.append("  defn grads(%s) do" % ", ".join(all_args))
        gs = []
        for i, c in enumerate(gcases):
            names = ["g%d_%d" % (i, j) for j in range(len(c.grads))]
            lines.append("    {%s} = %s" % (", ".join(names), call("g", c)))
            gs += names
        lines.append("    {%s}" % ", ".join(gs))
        lines.append("  end")
    lines.append("end")
    return "\n".join(lines) + "\n"


def parse_args(doc, seed=6, only="regex over case names",
               keep="write the programs and inputs here"):
    """The options every oracle takes: --nxc, --stdlib (a directory for
    NXC_STDLIB), --seed (default $NXC_STDLIB_SEED or `seed`), --only when
    `only` (its help) is set, --keep. Returns (args, the environment for
    nxc)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--nxc", required=True)
    ap.add_argument("--stdlib", help="directory for NXC_STDLIB")
    ap.add_argument("--seed", type=int,
                    default=int(os.environ.get("NXC_STDLIB_SEED", str(seed))))
    if only:
        ap.add_argument("--only", default="", help=only)
    ap.add_argument("--keep", help=keep)
    a = ap.parse_args()
    env = dict(os.environ)
    if a.stdlib:
        env["NXC_STDLIB"] = a.stdlib
    return a, env


@contextlib.contextmanager
def workdir(keep):
    """The directory `keep` (created), or a temporary one removed after."""
    with tempfile.TemporaryDirectory() as tmp:
        d = keep or tmp
        os.makedirs(d, exist_ok=True)
        yield d


def run_entry(nxc, src, entry, inputs, workdir, env):
    """Runs one entry, its results written to <workdir>/<entry>.out (emptied
    first); (list of result arrays, "") or (None, stderr)."""
    outdir = os.path.join(workdir, entry + ".out")
    os.makedirs(outdir, exist_ok=True)
    for f in os.listdir(outdir):
        os.remove(os.path.join(outdir, f))
    cmd = [nxc, "run", src, "--entry", entry, "--output-dir", outdir]
    for p in inputs:
        cmd += ["--input", p]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env,
                       timeout=600)
    if r.returncode != 0:
        return None, r.stderr.strip()
    res, i = [], 0
    while os.path.exists(os.path.join(outdir, "result%d.npy" % i)):
        res.append(np.load(os.path.join(outdir, "result%d.npy" % i)))
        i += 1
    return res, ""


def run_checked(nxc, src, entry, inputs, workdir, env, label, failures,
                count=None):
    """run_entry, its failure appended to `failures` as "<label>: nxc
    failed: ..." (or "<label>: N results, expected <count>" when `count` is
    given and differs); the results, or None on failure."""
    got, err = run_entry(nxc, src, entry, inputs, workdir, env)
    if got is None:
        failures.append("%s: nxc failed: %s" % (label, err))
        return None
    if count is not None and len(got) != count:
        failures.append("%s: %d results, expected %d" %
                        (label, len(got), count))
        return None
    return got


TOL = {"f32": (2e-5, 2e-6), "f64": (1e-9, 1e-11)}


def npdtype(dt):
    """np.float32 for "f32", np.float64 for "f64"."""
    return np.float32 if dt == "f32" else np.float64


def compare(label, got, ref, dtype, tol, failures=None):
    """A failure message, or None: `got` must have the dtype `dtype` (not
    checked when None) and the shape of `ref`, and be within rtol of it,
    with atol (tol = (rtol, atol)) scaled by max(1, |ref|). The message is
    also appended to `failures` when given."""
    rtol, atol = tol
    ref = np.asarray(ref, dtype=np.float64)
    msg = None
    if dtype is not None and got.dtype != np.dtype(dtype):
        msg = "%s: dtype %s, expected %s" % (label, got.dtype,
                                             np.dtype(dtype))
    elif got.shape != ref.shape:
        msg = "%s: shape %s, expected %s" % (label, got.shape, ref.shape)
    else:
        scale = max(1.0, float(np.abs(ref).max(initial=0)))
        if not np.allclose(got.astype(np.float64), ref, rtol=rtol,
                           atol=atol * scale):
            err = np.abs(got.astype(np.float64) - ref).max()
            msg = "%s: max abs error %.3g" % (label, err)
    if msg and failures is not None:
        failures.append(msg)
    return msg


def report(name, checked, failures, seed, unit="values checked"):
    """Prints each failure and the summary line the .test files check;
    returns the exit status (1 when anything failed)."""
    for f in failures:
        print("FAIL: " + f)
    print("%s oracle: %d %s, %d failures (seed %d)" %
          (name, checked, unit, len(failures), seed))
    return 1 if failures else 0


def check(nxc, module, aliases, cases, env=None, only="", keep=None,
          dtypes=("f32", "f64")):
    """Runs every case in each float type; (values checked, failures)."""
    env = dict(env or os.environ)
    if only:
        cases = [c for c in cases if re.search(only, c.name)]
    want = references(cases)
    failures, checked = [], 0
    with workdir(keep) as wd:
        for dt in dtypes:
            npdt = npdtype(dt)
            d = os.path.join(wd, dt)
            os.makedirs(d, exist_ok=True)
            src = os.path.join(d, module.lower() + ".nx")
            with open(src, "w") as f:
                f.write(program(module, aliases, cases, want, dt))
            files = []
            for c in cases:
                for n, a in c.inputs:
                    p = os.path.join(d, "%s_%s.npy" % (c.name, n))
                    np.save(p, a.astype(npdt) if a.dtype.kind == "f" else a)
                    files.append(p)
            for entry, idx in (("values", 0), ("grads", 1)):
                labels, refs, tols = [], [], []
                for c in cases:
                    names = (["value%d" % j for j in range(len(want[c.name][0]))]
                             if idx == 0 else ["d" + g for g in c.grads])
                    for n, r in zip(names, want[c.name][idx]):
                        labels.append("%s %s %s" % (dt, c.name, n))
                        refs.append(r)
                        tols.append((c.tol or TOL)[dt])
                if not refs:
                    continue
                got = run_checked(nxc, src, entry, files, d, env,
                                  "%s %s" % (dt, entry), failures, len(refs))
                if got is None:
                    continue
                for lab, g, r, t in zip(labels, got, refs, tols):
                    checked += 1
                    # a result of another type than float keeps its dtype
                    compare(lab, g, r, npdt if r.dtype.kind == "f" else None,
                            t, failures)
    return checked, failures


def main(doc, name, module, aliases, make_cases):
    """The whole script of an oracle made of Cases (norms, attention):
    parses the options, checks `make_cases(rng)` in module `module` with
    `aliases`, reports as "<name> oracle"; returns the exit status."""
    a, env = parse_args(doc)
    rng = np.random.default_rng(a.seed)
    checked, failures = check(a.nxc, module, aliases, make_cases(rng),
                              env=env, only=a.only, keep=a.keep)
    return report(name, checked, failures, a.seed)
