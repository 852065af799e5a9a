"""cases_stats.py - Oracle cases for median, mode, put_diagonal, weighted_mean, covariance and
Nx.LinAlg's norm, adjoint, matrix_power, pinv, matrix_rank and least_squares.
"""

import numpy as np

import nxref as R
from case_base import Arg, Dim, dsize, dtext, tol_for


def _nm(dims):
    return "x".join(dtext(d) for d in dims) or "scalar"


def _opts(**kw):
    parts = ["%s: %s" % (k, v) for k, v in kw.items() if v is not None]
    return (", " + ", ".join(parts)) if parts else ""


def gen_stats(g):
    r = g.rng
    # median: odd and even counts, negative axes, size-1 dims, keep_axis, no axis.
    for i, (dt, dims, axis, keep) in enumerate((
            ("f32", [5], None, None), ("s32", [4], None, None), ("f64", [2, 3, 4], None, "true"),
            ("s32", [3, 4], 0, None), ("f32", [3, 4], -1, "true"), ("u8", [2, 1, 3], 1, None),
            ("s64", [2, 5, 2], -2, "true"), ("f64", [Dim("n", 3), 6], 1, None),
            ("s16", [], None, None), ("f32", [6, 2], 0, "false"))):
        x = g.data(dt, dims)
        count = int(np.prod([dsize(d) for d in dims])) if axis is None else dsize(dims[axis])
        e = R.nx_median(x, axis, keep == "true")
        rt = R.median_type(dt, count)
        g.add("median_%s_%d" % (dt, i), "stats", [Arg(dt, dims, x)],
              "Nx.median(x%s)" % _opts(axis=axis, keep_axis=keep),
              [(rt, [dsize(s) for s in e.shape] if axis is None else
                [d for j, d in enumerate(dims) if j != axis % len(dims)] if keep != "true" else
                [1 if j == axis % len(dims) else d for j, d in enumerate(dims)])],
              [e], tol_for(rt))
    # mode: ties (several modes: the smallest wins), size-1 axes, keep_axis.
    for i, (dt, dims, axis, keep) in enumerate((
            ("s32", [7], None, None), ("f32", [3, 6], 1, None), ("s64", [5, 3], 0, "true"),
            ("u8", [2, 3, 4], -1, None), ("f64", [4, 1], 1, None), ("s32", [2, 4], None, "true"),
            ("s16", [], None, "true"), ("f32", [1, 1], None, None), ("s32", [6, 2, 3], -3, "true"))):
        x = g.data(dt, dims, "tie")
        e = R.nx_mode(x, axis, keep == "true")
        g.add("mode_%s_%d" % (dt, i), "stats", [Arg(dt, dims, x)],
              "Nx.mode(x%s)" % _opts(axis=axis, keep_axis=keep), [(dt, list(e.shape))], [e])
    for dt, dims, axis in (("s32", [Dim("n", 4), 5], 1), ("f64", [3, Dim("k", 2), 4], -3)):
        x = g.data(dt, dims, "tie")
        e = R.nx_mode(x, axis % len(dims))
        g.add("mode_%s_sizevar" % dt, "stats", [Arg(dt, dims, x)], "Nx.mode(x, axis: %d)" % axis,
              [(dt, [d for j, d in enumerate(dims) if j != axis % len(dims)])], [e])
    x = np.array([[3, 1, 3, 1, 2], [5, 5, 4, 4, 9]], dtype=np.int32)
    g.add("mode_two_modes", "stats", [Arg("s32", [2, 5], x)], "Nx.mode(x, axis: 1)",
          [("s32", [2])], [np.array([1, 4], dtype=np.int32)])
    # put_diagonal: offsets, merged types.
    for i, (dt, ddt, dims, k) in enumerate((("s32", "s32", [4, 3], 0), ("f32", "s32", [4, 4], 1),
                                             ("s32", "f32", [4, 3], -1), ("f64", "f64", [3, 5], 2),
                                             ("u8", "u8", [1, 1], 0))):
        t = g.data(dt, dims)
        rows, cols = dims
        n = min(rows, cols - k) if k >= 0 else min(rows + k, cols)
        d = g.data(ddt, [n])
        rt = R.merge(dt, ddt)
        g.add("put_diagonal_%s_%d" % (rt, i), "stats", [Arg(dt, dims, t), Arg(ddt, [n], d)],
              "Nx.put_diagonal(x, y, offset: %d)" % k, [(rt, dims)],
              [R.nx_put_diagonal(t.astype(R.NP[rt]), d.astype(R.NP[rt]), k)])
    # weighted_mean: same shapes, 1-D weights along one (negative) axis, keep_axes.
    for i, (dt, wt, dims, wdims, axes, keep) in enumerate((
            ("f32", "f32", [3, 4], [3, 4], None, None), ("s32", "s32", [3, 4], [4], [1], None),
            ("f64", "s32", [2, 3, 4], [3], [-2], "true"), ("f32", "f64", [2, 3], [2, 3], [0], "true"),
            ("f32", "f32", [Dim("n", 3), 4], [4], [1], None), ("s32", "f32", [5], [5], None, "true"))):
        x, w = g.data(dt, dims), g.data(wt, wdims, "pos")
        rank = len(dims)
        ax = None if axes is None else [a % rank for a in axes]
        e = R.nx_weighted_mean(x, w, ax, keep == "true")
        rt = R.to_floating(R.merge(dt, wt))
        out = [dims[j] if ax is not None and j not in ax else 1
               for j in range(rank) if keep == "true" or (ax is not None and j not in ax)]
        g.add("weighted_mean_%s_%d" % (rt, i), "stats", [Arg(dt, dims, x), Arg(wt, wdims, w)],
              "Nx.weighted_mean(x, y%s)" % _opts(axes=axes, keep_axes=keep), [(rt, out)],
              [e], tol_for(rt))
    # covariance: batched, size variables, ddof, given mean.
    for i, (dt, dims, ddof) in enumerate((("f32", [5, 3], None), ("s32", [4, 2], 1),
                                          ("f64", [2, 6, 3], 2), ("f32", [Dim("n", 5), 2], None),
                                          ("f64", [3, 1], None))):
        x = g.data(dt, dims)
        rt = R.to_floating(dt)
        e = R.nx_covariance(x, None, ddof or 0)
        g.add("covariance_%s_%d" % (dt, i), "stats", [Arg(dt, dims, x)],
              "Nx.covariance(x%s)" % _opts(ddof=ddof),
              [(rt, list(dims[:-2]) + [dims[-1], dims[-1]])], [e], tol_for(rt, "loose"))
    x, m = g.data("f64", [2, 4, 3]), g.data("f64", [3])
    g.add("covariance_mean", "stats", [Arg("f64", [2, 4, 3], x), Arg("f64", [3], m)],
          "Nx.covariance(x, y, ddof: 1)", [("f64", [2, 3, 3])], [R.nx_covariance(x, m, 1)],
          tol_for("f64", "loose"))
    x, m = g.data("f32", [2, 4, 3]), g.data("f32", [2, 3])
    g.add("covariance_batched_mean", "stats", [Arg("f32", [2, 4, 3], x), Arg("f32", [2, 3], m)],
          "Nx.covariance(x, y)", [("f32", [2, 3, 3])], [R.nx_covariance(x, m)], tol_for("f32", "loose"))
    x, m = g.data("s32", [4, 2]), g.data("s32", [2])
    g.add("covariance_int_mean", "stats", [Arg("s32", [4, 2], x), Arg("s32", [2], m)],
          "Nx.covariance(x, y)", [("f32", [2, 2])], [R.nx_covariance(x, m)], tol_for("f32"))


def _full_rank(g, dims):
    sa = tuple(dsize(d) for d in dims)
    return g.rng.uniform(-1, 1, size=sa) + 2 * np.eye(sa[-2], sa[-1])


def gen_linalg_more(g):
    # norm: vectors (any integer ord, :inf, :neg_inf, 0), matrices, axes.
    vec = [("f32", [5], None, None, None), ("f64", [4], 1, None, None), ("s32", [6], 3, None, None),
           ("f32", [4], ":inf", None, None), ("f64", [5], ":neg_inf", None, None),
           ("s32", [7], 0, None, None), ("f64", [4], -1, None, None), ("f32", [1], 2, None, "true"),
           ("f32", [Dim("n", 4)], None, None, None)]
    mat = [("f32", [3, 4], None, None, None), ("f64", [3, 3], ":frobenius", None, None),
           ("f64", [4, 3], ":nuclear", None, None), ("f32", [3, 4], ":inf", None, None),
           ("f64", [3, 4], ":neg_inf", None, None), ("s32", [3, 3], 1, None, None),
           ("f64", [2, 4], -1, None, None), ("f64", [4, 3], 2, None, None),
           ("f64", [3, 4], -2, None, None), ("f32", [3, 4], None, [1], None),
           ("f64", [3, 4], None, [-2], "true"), ("f64", [2, 3], None, [0, 1], "true"),
           ("f32", [Dim("n", 3), 4], None, [1], None)]
    for i, (dt, dims, ord_, axes, keep) in enumerate(vec + mat):
        x = g.data(dt, dims, "tie" if ord_ == 0 else "any")
        o = ord_[1:] if isinstance(ord_, str) else ord_
        np_ord = {"inf": np.inf, "neg_inf": -np.inf, "frobenius": "fro", "nuclear": "nuc"}.get(o, o)
        ax = None if axes is None else [a % len(dims) for a in axes]
        e = R.nx_norm(x, np_ord, ax, keep == "true")
        rt = dt if R.is_float(dt) else "f32"
        out = list(dims) if ax is not None else []
        if ax is not None:
            out = [1 if j in ax else d for j, d in enumerate(dims)] if keep == "true" else \
                [d for j, d in enumerate(dims) if j not in ax]
        elif keep == "true":
            out = [1] * len(dims)
        g.add("norm_%s_%d" % (dt, i), "linalg_more", [Arg(dt, dims, x)],
              "Nx.LinAlg.norm(x%s)" % _opts(ord=ord_, axes=axes, keep_axes=keep), [(rt, out)],
              [e], tol_for(rt, "loose"))
    # adjoint.
    for dt, dims in (("s32", [2, 3]), ("f32", [2, 3, 4]), ("f64", [4])):
        x = g.data(dt, dims)
        e = np.swapaxes(x, -1, -2) if x.ndim >= 2 else x
        g.add("adjoint_%s_%s" % (dt, _nm(dims)), "linalg_more", [Arg(dt, dims, x)],
              "Nx.LinAlg.adjoint(x)", [(dt, list(e.shape))], [e])
    # matrix_power: positive (binary powering), 0 (s32 identity), negative, batched.
    for dt, dims, p in (("s32", [3, 3], 5), ("f64", [2, 3, 3], 6), ("f32", [2, 2], 1),
                        ("f64", [4, 4], 0), ("f64", [3, 3], -3), ("s32", [2, 2, 2], -1),
                        ("f32", [Dim("n", 3), Dim("n", 3)], 3), ("s64", [2, 2], 11)):
        sa = tuple(dsize(d) for d in dims)
        if p < 0:
            x = (_full_rank(g, dims) if R.is_float(dt) else
                 np.array([[[2, 1], [1, 1]], [[1, 0], [3, 1]]]))
        elif R.is_float(dt):
            x = g.rng.uniform(-1, 1, size=sa)
        else:
            x = g.rng.integers(-2, 3, size=sa)
        x = x.astype(R.NP[dt])
        rt = "s32" if p == 0 else (dt if p > 0 else R.to_floating(dt))
        e = np.linalg.matrix_power(x.astype(np.float64) if R.is_float(rt) else x.astype(np.int64), p)
        g.add("matrix_power_%s_%s" % (dt, str(p).replace("-", "neg")), "linalg_more", [Arg(dt, dims, x)],
              "Nx.LinAlg.matrix_power(x, %d)" % p, [(rt, dims)], [e],
              tol_for(rt, "loose") if R.is_float(rt) else None)
    # pinv: scalars, vectors, tall/wide/batched matrices, all-zero input.
    for dt, dims, zero in (("f32", [], False), ("s32", [3], False), ("f64", [4, 3], False),
                           ("f64", [2, 5], False), ("f32", [2, 3, 3], False), ("s32", [2, 2], True),
                           ("f64", [2, 4, 3], False),
                           ("f64", [3], True)):
        x = np.zeros([dsize(d) for d in dims]) if zero else (
            _full_rank(g, dims) if len(dims) >= 2 else g.data(dt, dims, "nonzero"))
        x = np.asarray(x).astype(R.NP[dt])
        e = R.nx_pinv(x)
        rt = R.to_floating(dt)
        g.add("pinv_%s_%s%s" % (dt, _nm(dims), "_zero" if zero else ""), "linalg_more",
              [Arg(dt, dims, x)], "Nx.LinAlg.pinv(x)", [(rt, list(e.shape))], [e],
              tol_for(rt, "loose"))
    # matrix_rank: rank-deficient products.
    for dt, (m, n, k) in (("f64", (4, 3, 2)), ("f32", (3, 5, 3)), ("s32", (2, 3, 2)), ("f64", (2, 2, 2))):
        if R.is_float(dt):
            a = g.rng.uniform(-1, 1, size=(m, k)) @ g.rng.uniform(-1, 1, size=(k, n))
        else:
            a = g.rng.integers(-3, 4, size=(m, k)) @ g.rng.integers(1, 4, size=(k, n))
        a = a.astype(R.NP[dt])
        g.add("matrix_rank_%s_%dx%d" % (dt, m, n), "linalg_more", [Arg(dt, [m, n], a)],
              "Nx.LinAlg.matrix_rank(x)", [(R.to_aggregate("u8"), [])], [R.nx_matrix_rank(a)])
    m_, n_ = Dim("m", 4), Dim("n", 3)
    a = (g.rng.uniform(-1, 1, size=(4, 2)) @ g.rng.uniform(-1, 1, size=(2, 3)))
    g.add("matrix_rank_sizevars", "linalg_more", [Arg("f64", [m_, n_], a)],
          "Nx.LinAlg.matrix_rank(x)", [(R.to_aggregate("u8"), [])], [R.nx_matrix_rank(a)])
    # least_squares: square, tall (over-determined), wide (minimal norm), integers.
    for dt, bt, (m, n) in (("f64", "f64", (3, 3)), ("f32", "f32", (5, 2)), ("f64", "s32", (2, 4)),
                           ("s32", "f32", (4, 3))):
        a = _full_rank(g, [m, n])
        if not R.is_float(dt):
            a = np.round(a * 3)
        a = a.astype(R.NP[dt])
        b = g.data(bt, [m])
        e = np.linalg.lstsq(a.astype(np.float64), b.astype(np.float64), rcond=None)[0]
        rt = R.to_floating(R.merge(R.to_floating(dt), bt))
        g.add("least_squares_%s_%dx%d" % (dt, m, n), "linalg_more",
              [Arg(dt, [m, n], a), Arg(bt, [m], b)], "Nx.LinAlg.least_squares(x, y)",
              [(rt, [n])], [e], tol_for(rt, "loose"))
    gen_stats_extra(g)
    gen_stats_random(g)


def gen_stats_extra(g):
    """Hand-picked cases from Nx's documentation (expected values from NumPy)."""
    # weighted_mean with rank-2 weights over two axes: Nx reshapes the
    # weights to {1, 1, 4, 4} and swaps axes 1 and 3, giving {1, 4, 4, 1}.
    x = np.arange(32, dtype=np.float32).reshape(2, 4, 4, 1)
    w = np.full((4, 4), 2, dtype=np.int32)
    g.add("weighted_mean_rank2_weights", "stats", [Arg("f32", [2, 4, 4, 1], x), Arg("s32", [4, 4], w)],
          "Nx.weighted_mean(x, y, axes: [1, 2])", [("f32", [2, 1])],
          [np.mean(x.astype(np.float64), axis=(1, 2))], tol_for("f32"))
    # median of an even count without axis: the mean of the middle two.
    x = np.array([[3, 1], [4, 2]], dtype=np.int32)
    g.add("median_even_all", "stats", [Arg("s32", [2, 2], x)], "Nx.median(x)", [("f32", [])],
          [np.asarray(2.5)], tol_for("f32"))


def gen_stats_random(g):
    """Random ranks, sizes (odd and even, size 1), axes (negative too) and dtypes."""
    r = g.rng
    for i in range(6):
        rank = int(r.integers(1, 4))
        dims = [int(r.integers(1, 6)) for _ in range(rank)]
        dt = g.pick(("f32", "f64", "s32", "s64", "u8", "s16", "f16"))
        axis = int(r.integers(-rank, rank))
        keep = g.pick((None, "true", "false"))
        x = g.data(dt, dims, "tie" if i % 2 else "any")
        a = axis % rank
        out = [1 if j == a else d for j, d in enumerate(dims)] if keep == "true" else \
            [d for j, d in enumerate(dims) if j != a]
        rt = R.median_type(dt, dims[a])
        g.add("median_random_%d" % i, "stats", [Arg(dt, dims, x)],
              "Nx.median(x%s)" % _opts(axis=axis, keep_axis=keep), [(rt, out)],
              [R.nx_median(x, a, keep == "true")], tol_for(rt))
        g.add("mode_random_%d" % i, "stats", [Arg(dt, dims, x)],
              "Nx.mode(x%s)" % _opts(axis=axis, keep_axis=keep), [(dt, out)],
              [R.nx_mode(x, a, keep == "true")])
    for i in range(4):
        dims = [int(r.integers(1, 7))]
        dt = g.pick(("f32", "f64", "s32", "f16"))
        ord_ = g.pick((None, 1, 2, 3, -1, ":inf", ":neg_inf"))
        x = g.data(dt, dims, "nonzero" if ord_ == -1 else "any")
        o = {":inf": np.inf, ":neg_inf": -np.inf}.get(ord_, ord_)
        rt = dt if R.is_float(dt) else "f32"
        g.add("norm_random_%d" % i, "linalg_more", [Arg(dt, dims, x)],
              "Nx.LinAlg.norm(x%s)" % _opts(ord=ord_), [(rt, [])], [R.nx_norm(x, o)],
              tol_for(rt, "trans"))
