#!/usr/bin/env python3
"""layers_oracle.py - checks NxStd.Layers against PyTorch.

This file implements the oracle test of stdlib/nx_std/layers.nx: every case
below is a call of a layer on random arguments; the script writes one .nx
program per dtype (f32, f64) with two entries per group of cases, one
returning the layers' values and one the gradients of sum(layer(...) * w)
with respect to every float argument (input and parameters), runs them with
`nxc run`, and compares with torch.nn.functional computed in float64 on the
same (f32-representable) inputs. Expected values never come from nxc.
Dropout is checked exactly against an independent Threefry reference
(test/oracle/nxref_random.py) and statistically (kept fraction, scaling).

Usage: layers_oracle.py --nxc PATH [--stdlib DIR] [--seed N] [--only REGEX]
       [--keep DIR]
Exit status 1 when any value differs (each difference is listed).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "oracle"))
import nxref_random as nxr  # noqa: E402

T = torch.float64


class Case:
    """A layer call: `call` is nx source over the argument names; `args`
    are (name, shape, kind) with kind "f" (normal), "pos" (positive) or
    ("ids", vocab); `ref` maps a dict of float64 torch tensors to the
    expected output."""

    def __init__(self, group, name, call, args, ref, grad=True):
        self.group, self.name, self.call = group, name, call
        self.args, self.ref, self.grad = args, ref, grad

    def floats(self):
        return [a for a in self.args if a[2] in ("f", "pos")]


def first(x):
    """channels :last -> :first."""
    return torch.movedim(x, -1, 1)


def last(x):
    """channels :first -> :last."""
    return torch.movedim(x, 1, -1)


def kfirst(k):
    """Axon's :last kernel {spatial..., in, out} -> torch {out, in, spatial...}."""
    n = k.dim()
    return k.permute([n - 1, n - 2] + list(range(n - 2)))


def spatial(x, channels):
    return list(range(2, x.dim())) if channels == "first" else \
        list(range(1, x.dim() - 1))


CASES = []


def case(*a, **kw):
    CASES.append(Case(*a, **kw))


# ---- linear -------------------------------------------------------------
case("linear", "dense", "Layers.dense(x, k, b)",
     [("x", (4, 5), "f"), ("k", (5, 3), "f"), ("b", (3,), "f")],
     lambda t: t["x"] @ t["k"] + t["b"])
case("linear", "dense_rank3_nobias", "Layers.dense(x, k)",
     [("x", (2, 4, 5), "f"), ("k", (5, 3), "f")],
     lambda t: t["x"] @ t["k"])
case("linear", "dense_scalar_bias", "Layers.dense(x, k, b)",
     [("x", (4, 5), "f"), ("k", (5, 3), "f"), ("b", (), "f")],
     lambda t: t["x"] @ t["k"] + t["b"])
case("linear", "bilinear", "Layers.bilinear(x1, x2, k, b)",
     [("x1", (4, 3), "f"), ("x2", (4, 5), "f"), ("k", (2, 3, 5), "f"),
      ("b", (2,), "f")],
     lambda t: F.bilinear(t["x1"], t["x2"], t["k"], t["b"]))
case("linear", "bilinear_rank3", "Layers.bilinear(x1, x2, k)",
     [("x1", (2, 4, 3), "f"), ("x2", (2, 4, 5), "f"), ("k", (2, 3, 5), "f")],
     lambda t: F.bilinear(t["x1"], t["x2"], t["k"]))
case("linear", "embedding", "Layers.embedding(ids, k)",
     [("ids", (3, 4), ("ids", 7)), ("k", (7, 5), "f")],
     lambda t: F.embedding(t["ids"], t["k"]))

# ---- global pooling -----------------------------------------------------
for rank in (3, 4, 5):
    shp = {3: (2, 5, 3), 4: (2, 4, 3, 3), 5: (2, 3, 2, 3, 3)}[rank]
    for ch in ("first", "last"):
        for keep in ("false", "true"):
            tag = "%dd_%s%s" % (rank - 2, ch, "_keep" if keep == "true" else "")

            def red(f, ch=ch, keep=keep):
                return lambda t: f(t["x"], spatial(t["x"], ch), keep == "true")
            case("global", "gavg_" + tag,
                 "Layers.global_avg_pool(x, :%s, %s)" % (ch, keep),
                 [("x", shp, "f")],
                 red(lambda x, d, k: x.mean(d, keepdim=k)))
            case("global", "gmax_" + tag,
                 "Layers.global_max_pool(x, :%s, %s)" % (ch, keep),
                 [("x", shp, "f")],
                 red(lambda x, d, k: x.amax(d, keepdim=k)))
            case("global", "glp_" + tag,
                 "Layers.global_lp_pool(x, 2, :%s, %s)" % (ch, keep),
                 [("x", shp, "f")],
                 red(lambda x, d, k: x.pow(2).sum(d, keepdim=k).sqrt()))
case("global", "gavg_default", "Layers.global_avg_pool(x)",
     [("x", (2, 4, 3, 3), "f")], lambda t: t["x"].mean([1, 2]))
case("global", "gmax_default", "Layers.global_max_pool(x)",
     [("x", (2, 4, 3, 3), "f")],
     lambda t: F.adaptive_max_pool2d(first(t["x"]), 1).flatten(1))
case("global", "glp_default", "Layers.global_lp_pool(x)",
     [("x", (2, 4, 3, 3), "f")],
     lambda t: F.lp_pool2d(first(t["x"]), 2, (4, 3)).flatten(1))
case("global", "glp_norm3", "Layers.global_lp_pool(x, 3, :first, false)",
     [("x", (2, 3, 4, 3), "pos")],
     lambda t: F.lp_pool2d(t["x"], 3, (4, 3)).flatten(1))


# ---- driver -------------------------------------------------------------
def make_args(c, rng):
    vals = {}
    for name, shape, kind in c.args:
        if kind == "f":
            v = rng.normal(0, 1.5, shape)
        elif kind == "pos":
            v = rng.uniform(0.2, 2.0, shape)
        else:
            v = rng.integers(0, kind[1], shape).astype(np.int32)
        if v.dtype == np.float64:
            v = v.astype(np.float32).astype(np.float64)  # exact in f32 too
        vals[name] = v
    return vals


def reference(c, vals, w):
    t = {}
    for name, _, kind in c.args:
        if kind in ("f", "pos"):
            t[name] = torch.tensor(vals[name], dtype=T, requires_grad=True)
        else:
            t[name] = torch.tensor(vals[name], dtype=torch.int64)
    out = c.ref(t)
    grads = []
    if c.grad:
        (out * torch.tensor(w, dtype=T)).sum().backward()
        grads = [t[a[0]].grad.numpy().copy() for a in c.floats()]
    return out.detach().numpy(), grads


def nxtype(dt, shape, kind):
    ty = "s32" if isinstance(kind, tuple) else dt
    return "%s[%s]" % (ty, ", ".join(str(d) for d in shape))


def program(cases, dt, outs):
    """The .nx module: per group `<group>` (values) and `<group>_grads`."""
    lines = ["defmodule LayersOracle do", "  alias NxStd.Layers", ""]
    for i, c in enumerate(cases):
        params = ", ".join(a[0] for a in c.args)
        lines.append("  defn c%d(%s), do: %s" % (i, params, c.call))
    groups = []
    for c in cases:
        if c.group not in groups:
            groups.append(c.group)
    for g in groups:
        idx = [i for i, c in enumerate(cases) if c.group == g]
        params, types = [], []
        for i in idx:
            for a in cases[i].args:
                params.append("a%d_%s" % (i, a[0]))
                types.append(nxtype(dt, a[1], a[2]))
        call = lambda i: "c%d(%s)" % (i, ", ".join(
            "a%d_%s" % (i, a[0]) for a in cases[i].args))
        res = [nxtype(dt, outs[i], "f") for i in idx]
        lines.append("  @entry %s(%s) :: {%s}" % (g, ", ".join(types),
                                                   ", ".join(res)))
        lines.append("  defn %s(%s) do" % (g, ", ".join(params)))
        lines.append("    {%s}" % ", ".join(call(i) for i in idx))
        lines.append("  end")
        gi = [i for i in idx if cases[i].grad]
        if not gi:
            continue
        gparams = params + ["w%d" % i for i in gi]
        gtypes = types + [nxtype(dt, outs[i], "f") for i in gi]
        gres, body = [], []
        for i in gi:
            fl = [a[0] for a in cases[i].floats()]
            gres.append("{%s}" % ", ".join(
                nxtype(dt, a[1], "f") for a in cases[i].floats()))
            pat = "{%s}" % ", ".join("p_" + n for n in fl)
            inner = "c%d(%s)" % (i, ", ".join(
                ("p_" + a[0]) if a[0] in fl else "a%d_%s" % (i, a[0])
                for a in cases[i].args))
            body.append("grad({%s}, fn %s -> Nx.sum(%s * w%d) end)" % (
                ", ".join("a%d_%s" % (i, n) for n in fl), pat, inner, i))
        lines.append("  @entry %s_grads(%s) :: {%s}" % (
            g, ", ".join(gtypes), ", ".join(gres)))
        lines.append("  defn %s_grads(%s) do" % (g, ", ".join(gparams)))
        lines.append("    {%s}" % ",\n     ".join(body))
        lines.append("  end")
    lines.append("end")
    return "\n".join(lines) + "\n"


def run(nxc, src, entry, inputs, workdir, env):
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


def compare(dt, key, g, ref, tol, failures):
    npdt = np.float32 if dt == "f32" else np.float64
    rtol, atol = tol
    if g.dtype != npdt:
        failures.append("%s %s: dtype %s" % (dt, key, g.dtype))
    elif g.shape != ref.shape:
        failures.append("%s %s: shape %s, expected %s" %
                        (dt, key, g.shape, ref.shape))
    elif not np.allclose(g, ref, rtol=rtol,
                         atol=atol * max(1, np.abs(ref).max())):
        err = np.abs(g.astype(np.float64) - ref).max()
        failures.append("%s %s: max abs error %.3g" % (dt, key, err))


def check_cases(a, cases, rng, env, workdir, failures):
    vals = [make_args(c, rng) for c in cases]
    refs, ws, outs = [], [], []
    for c, v in zip(cases, vals):
        out, _ = reference(c, v, np.zeros(1))  # shape first
        w = rng.normal(0, 1, out.shape)
        refs.append(reference(c, v, w))
        ws.append(w)
        outs.append(out.shape)
    tol = {"f32": (5e-5, 5e-6), "f64": (1e-9, 1e-11)}
    checked = 0
    for dt in ("f32", "f64"):
        npdt = np.float32 if dt == "f32" else np.float64
        d = os.path.join(workdir, dt)
        os.makedirs(d, exist_ok=True)
        src = os.path.join(d, "layers_oracle.nx")
        with open(src, "w") as f:
            f.write(program(cases, dt, outs))

        def save(nm, arr):
            p = os.path.join(d, nm + ".npy")
            np.save(p, arr if arr.dtype == np.int32 else arr.astype(npdt))
            return p
        files = {}
        for i, c in enumerate(cases):
            for name, _, _ in c.args:
                files[(i, name)] = save("a%d_%s" % (i, name), vals[i][name])
        groups = []
        for c in cases:
            if c.group not in groups:
                groups.append(c.group)
        for g in groups:
            idx = [i for i, c in enumerate(cases) if c.group == g]
            inputs = [files[(i, n)] for i in idx for n, _, _ in cases[i].args]
            got, err = run(a.nxc, src, g, inputs, d, env)
            if got is None:
                failures.append("%s %s: nxc failed: %s" % (dt, g, err))
            elif len(got) != len(idx):
                failures.append("%s %s: %d results, expected %d" %
                                (dt, g, len(got), len(idx)))
            else:
                for i, r in zip(idx, got):
                    checked += 1
                    compare(dt, "%s/%s" % (g, cases[i].name), r, refs[i][0],
                            tol[dt], failures)
            gi = [i for i in idx if cases[i].grad]
            if not gi:
                continue
            ginputs = inputs + [save("w%d" % i, ws[i]) for i in gi]
            got, err = run(a.nxc, src, g + "_grads", ginputs, d, env)
            keys = [(i, n) for i in gi for n, _, _ in cases[i].floats()]
            if got is None:
                failures.append("%s %s_grads: nxc failed: %s" % (dt, g, err))
                continue
            if len(got) != len(keys):
                failures.append("%s %s_grads: %d results, expected %d" %
                                (dt, g, len(got), len(keys)))
                continue
            pos = {}
            for (i, n), r in zip(keys, got):
                j = pos.get(i, 0)
                pos[i] = j + 1
                checked += 1
                compare(dt, "%s_grads/%s/d%s" % (g, cases[i].name, n), r,
                        refs[i][1][j], tol[dt], failures)
    return checked


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nxc", required=True)
    ap.add_argument("--stdlib", help="directory for NXC_STDLIB")
    ap.add_argument("--seed", type=int,
                    default=int(os.environ.get("NXC_STDLIB_SEED", "6")))
    ap.add_argument("--only", default="", help="regex over group/name")
    ap.add_argument("--keep", help="write the programs and inputs here")
    a = ap.parse_args()
    env = dict(os.environ)
    if a.stdlib:
        env["NXC_STDLIB"] = a.stdlib
    rng = np.random.default_rng(a.seed)
    cases = [c for c in CASES
             if not a.only or re.search(a.only, c.group + "/" + c.name)]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = a.keep or tmp
        os.makedirs(workdir, exist_ok=True)
        checked = check_cases(a, cases, rng, env, workdir, failures)
    for f in failures:
        print("FAIL: " + f)
    print("layers oracle: %d values checked, %d failures (seed %d)" %
          (checked, len(failures), a.seed))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
