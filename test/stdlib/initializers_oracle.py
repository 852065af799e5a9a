#!/usr/bin/env python3
"""initializers_oracle.py - checks NxStd.Initializers against NumPy.

This file implements the oracle test of stdlib/nx_std/initializers.nx. One
.nx program calls every initializer on a key read from a file and returns
the samples; they are checked three ways, never against nxc's own output:
- values: against an independent NumPy model of Nx.Random
  (test/oracle/nxref_random.py, Threefry-2x32 and the exact erf_inv) and of
  Axon's formulas (fans, variance scaling, truncated normal), in f32 and
  f64; orthogonal against NumPy's QR of the reference matrix, up to the sign
  of each column (QR is unique only up to those signs);
- statistics: on large draws, the mean, standard deviation and bounds that
  the formulas give (he_normal's std is sqrt(2 / fan_in), glorot_uniform's
  bound sqrt(6 / (fan_in + fan_out)), ...), and Q^T Q = I (Q Q^T = I for a
  wide matrix) for orthogonal;
- determinism: the same key gives the same samples, another key others.

Usage: initializers_oracle.py --nxc PATH [--seed N] [--keep DIR]
"""
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "oracle"))
import caselib  # noqa: E402
import nxref_random as R  # noqa: E402

TRUNC = 0.87962566103423978  # std of a standard normal truncated to [-2, 2]


def fans(shape, in_axis=-2, out_axis=-1):
    if len(shape) == 0:
        return 1.0, 1.0
    if len(shape) == 1:
        return float(shape[0]), float(shape[0])
    size = float(np.prod(shape))
    return size / shape[out_axis], size / shape[in_axis]


def variance(shape, scale, mode, **axes):
    fi, fo = fans(shape, **axes)
    den = {"fan_in": fi, "fan_out": fo, "fan_avg": (fi + fo) / 2}[mode]
    return scale / max(den, 1.0)


def ref_scaled(k, shape, dt, scale, mode, dist, **axes):
    v = variance(shape, scale, mode, **axes)
    if dist == "uniform":
        lim = math.sqrt(3 * v)
        return R.uniform_split(k, -lim, lim, shape, dt)
    if dist == "normal":
        return R.normal_split(k, 0.0, math.sqrt(v), shape, dt)
    sq2 = math.sqrt(2)
    u = R.uniform_split(k, math.erf(-2 / sq2), math.erf(2 / sq2), shape, dt)
    t = np.clip(sq2 * R.erf_inv(u.astype(np.float64)), -2, 2)
    return t * math.sqrt(v) / TRUNC


def ref_orthogonal(k, shape, dt, dist="normal"):
    n = shape[-1]
    m = int(np.prod(shape[:-1]))
    kk = max(m, n)
    if dist == "normal":
        a = R.normal_split(k, 0.0, 1.0, (kk, kk), dt)
    else:
        a = R.uniform_split(k, 0.0, 1.0, (kk, kk), dt).astype(np.float64)
    q, _ = np.linalg.qr(a, mode="complete")
    return q[:m, :n]


# (nx call on key `k`, result type, reference function of the key array)
def value_cases():
    s = lambda *a, **kw: (lambda k: ref_scaled(k, *a, **kw))
    return [
        ("Init.zeros(k, {2, 3})", "f32[2, 3]", lambda k: np.zeros((2, 3))),
        ("Init.ones(k, {4}, type: :f64)", "f64[4]", lambda k: np.ones(4)),
        ("Init.full(k, {2, 2}, 0.25)", "f32[2, 2]", lambda k: np.full((2, 2), 0.25)),
        ("Init.uniform(k, {3, 5})", "f32[3, 5]",
         lambda k: R.uniform_split(k, -0.01, 0.01, (3, 5), "f32")),
        ("Init.uniform(k, {4}, scale: 0.5, type: :f64)", "f64[4]",
         lambda k: R.uniform_split(k, -0.5, 0.5, (4,), "f64")),
        ("Init.normal(k, {3, 5}, mean: 1.0, scale: 0.5)", "f32[3, 5]",
         lambda k: R.normal_split(k, 1.0, 0.5, (3, 5), "f32")),
        ("Init.normal(k, {6}, type: :f64)", "f64[6]",
         lambda k: R.normal_split(k, 0.0, 0.01, (6,), "f64")),
        ("Init.lecun_uniform(k, {6, 4})", "f32[6, 4]",
         s((6, 4), "f32", 1.0, "fan_in", "uniform")),
        ("Init.glorot_uniform(k, {6, 4}, type: :f64)", "f64[6, 4]",
         s((6, 4), "f64", 1.0, "fan_avg", "uniform")),
        ("Init.glorot_uniform(k, {6, 4}, scale: 3.0)", "f32[6, 4]",
         s((6, 4), "f32", 3.0, "fan_avg", "uniform")),
        ("Init.he_uniform(k, {3, 3, 4, 8})", "f32[3, 3, 4, 8]",
         s((3, 3, 4, 8), "f32", 2.0, "fan_in", "uniform")),
        ("Init.he_uniform(k, {8, 4, 3, 3}, in_axis: 1, out_axis: 0)",
         "f32[8, 4, 3, 3]",
         s((8, 4, 3, 3), "f32", 2.0, "fan_in", "uniform", in_axis=1,
           out_axis=0)),
        ("Init.lecun_normal(k, {6, 4})", "f32[6, 4]",
         s((6, 4), "f32", 1.0, "fan_in", "truncated_normal")),
        ("Init.glorot_normal(k, {5, 3, 7}, type: :f64)", "f64[5, 3, 7]",
         s((5, 3, 7), "f64", 1.0, "fan_avg", "truncated_normal")),
        ("Init.he_normal(k, {6, 4})", "f32[6, 4]",
         s((6, 4), "f32", 2.0, "fan_in", "truncated_normal")),
        ("Init.he_normal(k, {10}, type: :f64)", "f64[10]",
         s((10,), "f64", 2.0, "fan_in", "truncated_normal")),
        ("Init.he_uniform(k, {7, 3}, scale: 0.1, type: :f64)", "f64[7, 3]",
         s((7, 3), "f64", 0.1, "fan_in", "uniform")),
        ("Init.variance_scaling(k, {5, 7})", "f32[5, 7]",
         s((5, 7), "f32", 1.0, "fan_in", "normal")),
        ("Init.variance_scaling(k, {5, 7}, scale: 0.5, mode: :fan_out, "
         "type: :f64)", "f64[5, 7]", s((5, 7), "f64", 0.5, "fan_out", "normal")),
        ("Init.variance_scaling(k, {4, 6, 2}, mode: :fan_avg, "
         "distribution: :uniform, out_axis: 0)", "f32[4, 6, 2]",
         s((4, 6, 2), "f32", 1.0, "fan_avg", "uniform", out_axis=0)),
        ("Init.variance_scaling(k, {5, 7}, distribution: :truncated_normal)",
         "f32[5, 7]", s((5, 7), "f32", 1.0, "fan_in", "truncated_normal")),
    ]


ORTHO_CASES = [
    ("Init.orthogonal(k, {5, 3})", "f32[5, 3]", (5, 3), "f32", "normal"),
    ("Init.orthogonal(k, {3, 5})", "f32[3, 5]", (3, 5), "f32", "normal"),
    ("Init.orthogonal(k, {2, 3, 4})", "f32[2, 3, 4]", (2, 3, 4), "f32",
     "normal"),
    ("Init.orthogonal(k, {4, 4}, type: :f64)", "f64[4, 4]", (4, 4), "f64",
     "normal"),
    ("Init.orthogonal(k, {4, 3}, distribution: :uniform, type: :f64)",
     "f64[4, 3]", (4, 3), "f64", "uniform"),
]

# (nx call, type, check(sample) -> failure message or None)
def stats_cases():
    def moments(std, bound=None, n_sd=4.0):
        def check(x):
            x = x.astype(np.float64).reshape(-1)
            se = std / math.sqrt(x.size)
            if abs(x.mean()) > n_sd * se:
                return "mean %.4g, expected 0 +- %.2g" % (x.mean(), n_sd * se)
            if abs(x.std() / std - 1) > 0.01:
                return "std %.5g, expected %.5g" % (x.std(), std)
            if bound is not None and np.abs(x).max() > bound:
                return "max |x| %.5g over the bound %.5g" % (
                    np.abs(x).max(), bound)
            if bound is not None and np.abs(x).max() < 0.99 * bound:
                return "max |x| %.5g far below the bound %.5g" % (
                    np.abs(x).max(), bound)
            return None
        return check

    def orthonormal(wide):
        def check(q):
            q = q.astype(np.float64).reshape(-1, q.shape[-1])
            g = q @ q.T if wide else q.T @ q
            err = np.abs(g - np.eye(g.shape[0])).max()
            return None if err < 1e-5 else "Q^T Q - I: %.3g" % err
        return check

    he = math.sqrt(2 / 1000)
    glorot = math.sqrt(6 / (500 + 300))
    lecun = math.sqrt(1 / (3 * 3 * 40))
    return [
        ("Init.he_normal(k, {1000, 200})", "f32[1000, 200]",
         moments(he, 2 * he / TRUNC)),
        ("Init.glorot_uniform(k, {500, 300})", "f32[500, 300]",
         moments(glorot / math.sqrt(3), glorot)),
        ("Init.lecun_normal(k, {3, 3, 40, 64}, type: :f64)",
         "f64[3, 3, 40, 64]", moments(lecun, 2 * lecun / TRUNC)),
        ("Init.he_uniform(k, {64, 40, 3, 3}, in_axis: 1, out_axis: 0)",
         "f32[64, 40, 3, 3]",
         moments(math.sqrt(2 / 360), math.sqrt(6 / 360))),
        ("Init.variance_scaling(k, {400, 300}, mode: :fan_out)",
         "f32[400, 300]", moments(math.sqrt(1 / 300))),
        ("Init.normal(k, {100000}, scale: 1.0)", "f32[100000]", moments(1.0)),
        ("Init.orthogonal(k, {64, 32})", "f32[64, 32]", orthonormal(False)),
        ("Init.orthogonal(k, {32, 64})", "f32[32, 64]", orthonormal(True)),
        ("Init.orthogonal(k, {4, 8, 16}, distribution: :uniform)",
         "f32[4, 8, 16]", orthonormal(False)),
    ]


def program(values, stats):
    lines = ["defmodule InitOracle do",
             "  alias NxStd.Initializers, as: Init", ""]
    for entry, cases in (("values", values), ("stats", stats)):
        lines.append("  @entry %s(u32[2]) :: {%s}" % (
            entry, ", ".join(t for _, t in cases)))
        lines.append("  defn %s(k) do" % entry)
        lines.append("    {%s}" % ",\n     ".join(c for c, _ in cases))
        lines.append("  end")
    # determinism: the same key twice, then the next key of a split
    lines.append("  @entry again(u32[2]) :: {f32[6, 4], f32[6, 4], f32[6, 4]}")
    lines.append("  defn again(k) do")
    lines.append("    {_, k2} = Nx.Random.uniform(k)")
    lines.append("    {Init.he_normal(k, {6, 4}), Init.he_normal(k, {6, 4}),"
                 " Init.he_normal(k2, {6, 4})}")
    lines.append("  end")
    lines.append("end")
    return "\n".join(lines) + "\n"


def close(got, ref, dt, rtol32):
    rtol, atol = (rtol32, 1e-7) if dt == "f32" else (1e-12, 1e-15)
    scale = max(1e-2, float(np.abs(ref).max()))
    return np.allclose(got.astype(np.float64), ref, rtol=rtol,
                       atol=atol * scale / 1e-2)


def check_values(got, cases, key, failures):
    checked = 0
    for (call, ty, ref), g in zip(cases, got):
        dt = ty[:3]
        want = np.asarray(ref(key), np.float64)
        checked += 1
        if g.shape != want.shape or str(g.dtype) != {"f32": "float32", "f64": "float64"}[dt]:
            failures.append("%s: %s %s, expected %s" % (call, g.dtype, g.shape, ty))
        elif not close(g, want, dt, 2e-5 if "normal" in call else 2e-6):
            failures.append("%s: max abs error %.3g" %
                            (call, np.abs(g - want).max()))
    return checked


def check_orthogonal(got, key, failures):
    for (call, ty, shape, dt, dist), g in zip(ORTHO_CASES, got):
        want = ref_orthogonal(key, shape, dt, dist)
        g2 = g.astype(np.float64).reshape(want.shape)
        signs = np.sign((g2 * want).sum(0))
        if g.shape != tuple(shape) or not close(g2, want * signs, dt, 2e-5):
            failures.append("%s: max abs error %.3g (up to column signs)" %
                            (call, np.abs(g2 - want * signs).max()))
    return len(ORTHO_CASES)


def main():
    a, env = caselib.parse_args(__doc__, only=None,
                                keep="write the program and results here")
    key = R.key(a.seed)
    values = value_cases()
    ortho = [(c, t) for c, t, _, _, _ in ORTHO_CASES]
    stats = stats_cases()
    failures, checked = [], 0
    with caselib.workdir(a.keep) as d:
        src = os.path.join(d, "init_oracle.nx")
        with open(src, "w") as f:
            f.write(program([(c, t) for c, t, _ in values] + ortho,
                            [(c, t) for c, t, _ in stats]))
        kp = os.path.join(d, "key.npy")
        np.save(kp, np.asarray(key, np.uint32))
        got = caselib.run_checked(a.nxc, src, "values", [kp], d, env, "values",
                                  failures)
        if got is not None:
            checked += check_values(got[:len(values)], values, key, failures)
            checked += check_orthogonal(got[len(values):], key, failures)
        got = caselib.run_checked(a.nxc, src, "stats", [kp], d, env, "stats",
                                  failures)
        if got is not None:
            for (call, _, check), g in zip(stats, got):
                checked += 1
                msg = check(g)
                if msg:
                    failures.append("%s: %s" % (call, msg))
        got = caselib.run_checked(a.nxc, src, "again", [kp], d, env, "again",
                                  failures)
        if got is not None:
            checked += 2
            if not np.array_equal(got[0], got[1]):
                failures.append("he_normal: the same key gave other values")
            if np.abs(got[0] - got[2]).min() == 0:
                failures.append("he_normal: another key repeated a value")
    return caselib.report("initializers", checked, failures, a.seed,
                          unit="checks")


if __name__ == "__main__":
    sys.exit(main())
