#!/usr/bin/env python3
"""stdlib_oracle.py - checks the .nx standard library against PyTorch/NumPy.

This file implements the oracle test of stdlib/: it writes a .nx program that
calls every case of stdlib_cases.py (NxStd.Activations and NxStd.Losses with
their options, NxStd.Metrics) on random inputs, in f32, in f64 and in f32
with the batch sizes declared as size variables (`f32[n, 5]`), plus the
gradient of every activation and loss (of sum(f(...) * w) with respect to the
case's `wrt` input, w random with the shape of the value), runs the entries
with `nxc run` (the stdlib found by nxc itself, or --stdlib DIR through
NXC_STDLIB), and compares the results with torch.nn.functional computed in
float64 on the same inputs (NumPy for the metrics). Expected values never
come from nxc.

Usage: stdlib_oracle.py --nxc PATH [--seed N] [--only REGEX] [--keep DIR]
Exit status 1 when any value differs (each difference is listed).
"""
import os
import re
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caselib  # noqa: E402
import stdlib_cases as C  # noqa: E402

T = torch.float64
DIFFERENTIABLE = C.ACTIVATIONS + C.LOSSES


def wrt_names(case):
    return case.wrt if isinstance(case.wrt, tuple) else (case.wrt,)


def wname(shape):
    return "w_" + "_".join(str(d) for d in shape) if shape else "w_s"


def references(inp, rng):
    """(key -> expected array, weight name -> array), from torch/NumPy."""
    want, weights = {}, {}
    for case in DIFFERENTIABLE:
        env = {k: torch.tensor(v, dtype=T if v.dtype == np.float64
                               else torch.long) for k, v in inp.items()}
        for k in wrt_names(case):
            env[k].requires_grad_(True)
        out = case.ref(env)
        val = out.detach().numpy()
        want["vals/" + case.name] = val
        wn = wname(val.shape)
        if wn not in weights:
            weights[wn] = rng.normal(0, 1, val.shape)
        (out * torch.tensor(weights[wn], dtype=T)).sum().backward()
        for k in wrt_names(case):
            want["grads/%s/%s" % (case.name, k)] = env[k].grad.numpy()
    for case in C.METRICS:
        want["metrics/" + case.name] = np.asarray(case.ref(inp))
    return want, weights


# The dynamic run declares the batch sizes as size variables.
DYNAMIC = {C.SHAPE[0]: "n", C.NB: "m"}


def dims_of(shape, dims):
    return ", ".join(dims.get(d, str(d)) for d in shape)


def nx_type(arr, dt, dims):
    base = dt if arr.dtype == np.float64 else "s32"
    return "%s[%s]" % (base, dims_of(arr.shape, dims))


def entry(lines, name, args, arrays, dt, dims, results):
    """Appends `@entry name(...)` returning the tuple of `results`, each a
    (statement or None, variable, type)."""
    lines.append("  @entry %s(%s) :: {%s}" % (
        name, ", ".join(nx_type(arrays[a], dt, dims) for a in args),
        ", ".join(t for _, _, t in results)))
    lines.append("  defn %s(%s) do" % (name, ", ".join(args)))
    for c in C.ACTIVATIONS + C.LOSSES + C.METRICS:
        if c.pre:
            lines.append("    " + c.pre)
    for stmt, _, _ in results:
        if stmt:
            lines.append("    " + stmt)
    lines.append("    {%s}" % ", ".join(v for _, v, _ in results))
    lines.append("  end")


def program(dt, inp, weights, want, dims):
    """The .nx module (entries vals, grads, metrics) and each entry's
    argument names and result keys; `dims` maps sizes to size variables."""
    arrays = dict(inp, **weights)
    rtype = lambda k: "%s[%s]" % (dt, dims_of(want[k].shape, dims))
    lines = ["defmodule StdlibOracle do",
             "  alias NxStd.Activations, as: Act",
             "  alias NxStd.Losses, as: L",
             "  alias NxStd.Metrics, as: M", ""]
    names = sorted(inp)
    plan = {}
    vals = [("r%d = %s" % (i, c.nx), "r%d" % i, rtype("vals/" + c.name))
            for i, c in enumerate(DIFFERENTIABLE)]
    entry(lines, "vals", names, arrays, dt, dims, vals)
    plan["vals"] = (names, ["vals/" + c.name for c in DIFFERENTIABLE])
    grads, keys = [], []
    for i, c in enumerate(DIFFERENTIABLE):
        ws = wname(want["vals/" + c.name].shape)
        ks = wrt_names(c)
        pat = ks[0] if len(ks) == 1 else "{%s}" % ", ".join(ks)
        outs = ["g%d_%d" % (i, j) for j in range(len(ks))]
        lhs = outs[0] if len(ks) == 1 else "{%s}" % ", ".join(outs)
        stmt = "%s = grad(%s, fn %s -> Nx.sum(%s * %s) end)" % (
            lhs, pat, pat, c.nx, ws)
        for j, k in enumerate(ks):
            key = "grads/%s/%s" % (c.name, k)
            grads.append((stmt if j == 0 else None, outs[j], rtype(key)))
            keys.append(key)
    gnames = names + sorted(weights)
    entry(lines, "grads", gnames, arrays, dt, dims, grads)
    plan["grads"] = (gnames, keys)
    if C.METRICS:
        mets = [("r%d = %s" % (i, c.nx), "r%d" % i,
                 c.dtype.replace("dt", dt) + "[]")
                for i, c in enumerate(C.METRICS)]
        entry(lines, "metrics", names, arrays, dt, dims, mets)
        plan["metrics"] = (names, ["metrics/" + c.name for c in C.METRICS])
    lines.append("end")
    return "\n".join(lines) + "\n", plan


# f32 compares at single precision; f64 allows a few ulps of the library's
# transcendental functions.
TOL = {np.dtype(np.float32): (2e-5, 2e-6), np.dtype(np.float64): (1e-9, 1e-11)}
CASE_TOL = {c.name: c.tol for c in DIFFERENTIABLE if c.tol}


def expected_dtype(key, dt):
    if key.startswith("metrics/"):
        c = [c for c in C.METRICS if key == "metrics/" + c.name][0]
        return np.dtype({"f32": np.float32, "f64": np.float64, "u32": np.uint32,
                         "s32": np.int32, "u8": np.uint8}[
                             c.dtype.replace("dt", dt)])
    return np.dtype(np.float32 if dt == "f32" else np.float64)


def compare(run_name, key, g, ref, failures):
    npdt = expected_dtype(key, run_name[:3])
    # a case's own tolerance loosens the dtype's, never tightens it
    tol = np.maximum(CASE_TOL.get(key.split("/")[1], (0, 0)),
                     TOL.get(npdt, (0, 0)))
    caselib.compare("%s %s" % (run_name, key), g, ref, npdt, tol, failures)


def check_dtype(a, run_name, inp, weights, want, workdir, env, failures):
    """Runs every entry in the run `run_name` ("f32", "f64", or "f32dyn":
    f32 with batch sizes as size variables); returns the number of values
    compared."""
    dt = run_name[:3]
    dims = DYNAMIC if run_name.endswith("dyn") else {}
    npdt = caselib.npdtype(dt)
    d = os.path.join(workdir, run_name)
    os.makedirs(d, exist_ok=True)
    src, checked = os.path.join(d, "stdlib_oracle.nx"), 0
    text, plan = program(dt, inp, weights, want, dims)
    with open(src, "w") as f:
        f.write(text)
    files = {}
    for k, v in dict(inp, **weights).items():
        files[k] = os.path.join(d, k + ".npy")
        np.save(files[k], v.astype(npdt) if v.dtype == np.float64 else v)
    for name, (args, keys) in plan.items():
        if a.only and not any(re.search(a.only, k) for k in keys):
            continue
        got = caselib.run_checked(a.nxc, src, name, [files[x] for x in args],
                                  d, env, "%s %s" % (run_name, name),
                                  failures, len(keys))
        if got is None:
            continue
        for k, g in zip(keys, got):
            if not a.only or re.search(a.only, k):
                checked += 1
                compare(run_name, k, g, want[k], failures)
    return checked


def main():
    a, env = caselib.parse_args(__doc__, only="regex over entry/name",
                                keep="write the program and inputs here")
    rng = np.random.default_rng(a.seed)
    inp = C.make_inputs(rng)
    want, weights = references(inp, rng)
    failures, checked = [], 0
    with caselib.workdir(a.keep) as workdir:
        for run_name in ("f32", "f64", "f32dyn"):
            checked += check_dtype(a, run_name, inp, weights, want, workdir,
                                   env, failures)
    return caselib.report("stdlib", checked, failures, a.seed)


if __name__ == "__main__":
    sys.exit(main())
