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
import os
import re
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "oracle"))
import caselib  # noqa: E402
import nxref_random as nxr  # noqa: E402

T = torch.float64

from layers_cases import CASES  # noqa: E402


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


def program(cases, dt, outs, only):
    """The .nx module of the cases `only` (indices into cases): per group
    the entries `<group>` (values) and `<group>_grads`."""
    lines = ["defmodule LayersOracle do", "  alias NxStd.Layers", ""]
    for i, c in enumerate(cases):
        if i not in only:
            continue
        params = ", ".join(a[0] for a in c.args)
        lines.append("  defn c%d(%s), do: %s" % (i, params, c.call))
    groups = []
    for i in only:
        if cases[i].group not in groups:
            groups.append(cases[i].group)
    for g in groups:
        idx = [i for i in only if cases[i].group == g]
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


def compare(dt, key, g, ref, tol, failures):
    caselib.compare("%s %s" % (dt, key), g, ref, caselib.npdtype(dt), tol,
                    failures)


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
        npdt = caselib.npdtype(dt)
        d = os.path.join(workdir, dt)
        os.makedirs(d, exist_ok=True)

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
            # One program per group, so that one group's compile error
            # does not hide the others' results.
            src = os.path.join(d, g + ".nx")
            with open(src, "w") as f:
                f.write(program(cases, dt, outs, idx))
            inputs = [files[(i, n)] for i in idx for n, _, _ in cases[i].args]
            got = caselib.run_checked(a.nxc, src, g, inputs, d, env,
                                      "%s %s" % (dt, g), failures, len(idx))
            if got is not None:
                for i, r in zip(idx, got):
                    checked += 1
                    compare(dt, "%s/%s" % (g, cases[i].name), r, refs[i][0],
                            tol[dt], failures)
            gi = [i for i in idx if cases[i].grad]
            if not gi:
                continue
            ginputs = inputs + [save("w%d" % i, ws[i]) for i in gi]
            keys = [(i, n) for i in gi for n, _, _ in cases[i].floats()]
            got = caselib.run_checked(a.nxc, src, g + "_grads", ginputs, d,
                                      env, "%s %s_grads" % (dt, g), failures,
                                      len(keys))
            if got is None:
                continue
            pos = {}
            for (i, n), r in zip(keys, got):
                j = pos.get(i, 0)
                pos[i] = j + 1
                checked += 1
                compare(dt, "%s_grads/%s/d%s" % (g, cases[i].name, n), r,
                        refs[i][1][j], tol[dt], failures)
    return checked


DROPOUT = """defmodule LayersDropout do
  alias NxStd.Layers

  @entry drop({t}[40, 50], u32[2], {t}[40, 50]) :: {{{t}[40, 50], u32[2], {t}[40, 50], {t}[40, 50], u32[2], {t}[40, 50], u32[2]}}
  defn drop(x, key, w) do
    {{y, k1}} = Layers.dropout(x, key, rate: 0.3, mode: :train)

    g =
      grad(x, fn x ->
        {{y2, _}} = Layers.dropout(x, key, rate: 0.3, mode: :train)
        Nx.sum(y2 * w)
      end)

    {{y3, k3}} = Layers.dropout(x, key, rate: 0.5, noise_shape: {{1, 50}}, mode: :train)
    {{y4, k4}} = Layers.dropout(x, key, rate: 0.5)
    {{y, k1, g, y3, k3, y4, k4}}
  end
end
"""


def dropout_reference(x, key, w, dt, rate, noise_shape):
    """Axon's dropout on Nx.Random.uniform, from nxref_random: the mask
    r < 1 - rate, survivors x / (1 - rate), all in dtype dt. As in Axon,
    the rate is Nx.as_type(rate, type): a float number becomes an f32
    tensor first (Nx.to_tensor), then the input's type."""
    npdt = np.float32 if dt == "f32" else np.float64
    keep = npdt(1) - npdt(np.float32(rate))
    r, nk = nxr.uniform(key, 0.0, 1.0, noise_shape, dt)
    mask = np.broadcast_to(r < keep, x.shape)
    x = x.astype(npdt)
    out = np.where(mask, x / keep, npdt(0))
    grad = np.where(mask, w.astype(npdt) / keep, npdt(0))
    return out, nk, grad, mask


def check_dropout(a, rng, env, workdir, failures):
    """Exact against the Threefry reference, plus the statistics."""
    x = rng.normal(0, 1.5, (40, 50))
    x = np.where(x == 0, 1.0, x).astype(np.float32).astype(np.float64)
    w = rng.normal(0, 1, (40, 50)).astype(np.float32).astype(np.float64)
    key = nxr.key(int(rng.integers(0, 1 << 31)))
    checked = 0
    for dt in ("f32", "f64"):
        npdt = caselib.npdtype(dt)
        d = os.path.join(workdir, "dropout_" + dt)
        os.makedirs(d, exist_ok=True)
        src = os.path.join(d, "layers_dropout.nx")
        with open(src, "w") as f:
            f.write(DROPOUT.format(t=dt))
        paths = []
        for nm, arr in (("x", x.astype(npdt)), ("key", key),
                        ("w", w.astype(npdt))):
            paths.append(os.path.join(d, nm + ".npy"))
            np.save(paths[-1], arr)
        got = caselib.run_checked(a.nxc, src, "drop", paths, d, env,
                                  "%s dropout" % dt, failures, 7)
        if got is None:
            continue
        y, k1, g, y3, k3, y4, k4 = got
        out, nk, grad, mask = dropout_reference(x, key, w, dt, 0.3, (40, 50))
        out3, nk3, _, mask3 = dropout_reference(x, key, w, dt, 0.5, (1, 50))
        exact = [("rate0.3", y, out), ("rate0.3/next_key", k1, nk),
                 ("rate0.3/grad", g, grad), ("noise_shape", y3, out3),
                 ("noise_shape/next_key", k3, nk3),
                 ("inference", y4, x.astype(npdt)),
                 ("inference/key", k4, key)]
        for nm, gv, ref in exact:
            checked += 1
            if gv.dtype != ref.dtype or gv.shape != ref.shape or \
                    not np.array_equal(gv, ref):
                failures.append("%s dropout/%s: differs from the reference "
                                "(%s %s vs %s %s)" % (dt, nm, gv.dtype,
                                                      gv.shape, ref.dtype,
                                                      ref.shape))
        # Statistics that hold whatever the generator: about 70% kept
        # (2000 draws: 5 standard deviations is 0.05), survivors scaled by
        # 1 / 0.7, whole columns for noise_shape {1, 50}.
        checked += 1
        kept = y != 0
        frac = kept.mean()
        scale_ok = np.allclose(y[kept], x[kept] / 0.7, rtol=1e-6)
        cols_ok = np.all(kept3 == kept3[:1]) if (kept3 := y3 != 0).size else 0
        if abs(frac - 0.7) > 0.05 or not scale_ok or not cols_ok:
            failures.append("%s dropout/statistics: kept %.3f, scale %s, "
                            "columns %s" % (dt, frac, scale_ok, cols_ok))
    return checked


def check_axon_examples(a, env, workdir, failures):
    """The results Axon documents and tests (layers_axon_examples.py)."""
    from layers_axon_examples import EXAMPLES
    ex = [e for e in EXAMPLES if not a.only or re.search(a.only,
                                                         "axon/" + e[0])]
    if not ex:
        return 0
    want = [np.array(e[2], np.float32) for e in ex]
    ty = lambda w: "f32[%s]" % ", ".join(map(str, w.shape))
    src = os.path.join(workdir, "axon_examples.nx")
    with open(src, "w") as f:
        f.write("defmodule LayersAxonExamples do\n  alias NxStd.Layers\n\n")
        f.write("  @entry examples() :: {%s}\n" % ", ".join(map(ty, want)))
        f.write("  defn examples() do\n    {%s}\n  end\nend\n" %
                ",\n     ".join(e[1] for e in ex))
    got = caselib.run_checked(a.nxc, src, "examples", [], workdir, env,
                              "axon examples", failures, len(ex))
    if got is None:
        return 0
    for e, g, w in zip(ex, got, want):
        # Axon prints f32 results; allow for the order of the sums.
        if g.shape != w.shape or not np.allclose(g, w, rtol=2e-6,
                                                 atol=2e-6):
            failures.append("f32 axon/%s: got %s, Axon documents %s" %
                            (e[0], g.tolist(), w.tolist()))
    return len(ex)


def main():
    a, env = caselib.parse_args(__doc__, only="regex over group/name")
    rng = np.random.default_rng(a.seed)
    cases = [c for c in CASES
             if not a.only or re.search(a.only, c.group + "/" + c.name)]
    failures = []
    with caselib.workdir(a.keep) as workdir:
        checked = check_cases(a, cases, rng, env, workdir, failures)
        checked += check_axon_examples(a, env, workdir, failures)
        if not a.only or re.search(a.only, "dropout/"):
            checked += check_dropout(a, rng, env, workdir, failures)
    return caselib.report("layers", checked, failures, a.seed)


if __name__ == "__main__":
    sys.exit(main())
