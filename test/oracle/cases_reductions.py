"""cases_reductions.py - Reduction-like oracle cases: reductions, sort/scans and composites
(logsumexp, variance, outer, linspace, quotient, tile, diagonals).
"""

import numpy as np

import nxref as R
from case_base import Arg, Dim, _ix, dsize, tol_for


# ------------------------------------------------------------ reductions
def _axes_text(axes, keep, kw="axes", kkw="keep_axes"):
    opts = []
    if axes is not None:
        opts.append("%s: [%s]" % (kw, ", ".join(str(a) for a in axes)))
    if keep:
        opts.append("%s: true" % kkw)
    return opts


def _reduced_dims(dims, axes, keep):
    if axes is None:
        axes = list(range(len(dims)))
    norm = {a % len(dims) for a in axes} if dims else set()
    out = []
    for i, d in enumerate(dims):
        if i in norm:
            if keep:
                out.append(1)
        else:
            out.append(d)
    return out


def gen_reductions(g):
    n, k = Dim("n", 3), Dim("k", 4)
    variants = [  # (dims, axes, keep)
        ([2, 3], None, False), ([n, k], [1], False), ([2, 3, 4], [0, -1], True),
        ([n, 3], [-2], True), ([5], [0], False), ([], None, False),
        ([Dim("n", 0), 3], [0], False), ([1, 4], [1], True), ([2, 3, 4], [1], False),
        ([2, 0], [1], True),
    ]
    rdts = {"sum": ["f32", "s32", "f64", "s64"], "product": ["f32", "s32", "f64", "s64"],
            "mean": ["f32", "s32", "f64", "u8", "s64"],
            "reduce_max": ["f32", "s32", "u8", "f64", "s64"],
            "reduce_min": ["f64", "s64", "f32", "u8", "s32"],
            "all": ["s32", "f32", "u8", "pred", "f64"], "any": ["f32", "pred", "s64", "u8", "s32"]}
    j = 0
    for op, dts in rdts.items():
        for i in range(5):
            dims, axes, keep = variants[j % len(variants)]
            j += 1
            dt = dts[i % len(dts)]
            dom = {"product": "small", "reduce_max": "tie", "reduce_min": "tie",
                   "all": "intlike", "any": "intlike"}.get(op, "any")
            if op == "product" and R.is_float(dt):
                dom = "unit"
            x = g.data(dt, dims, dom)
            ax = R.norm_axes(axes, x.ndim) if axes is not None else None
            odims = _reduced_dims(dims, axes, keep)
            tol = None
            if op in ("sum", "product"):
                rt = R.to_aggregate(dt)
                acc = np.float64 if R.is_float(dt) else np.int64
                fn = np.sum if op == "sum" else np.prod
                exp = fn(x.astype(acc), axis=ax, keepdims=keep)
                if R.is_float(rt):
                    r, a = tol_for(rt)
                    tol = (r, a * max(1, x.size))
            elif op == "mean":
                rt = R.to_floating(R.to_aggregate(dt) if R.is_int(dt) else dt)
                with np.errstate(all="ignore"):
                    exp = np.mean(x.astype(np.float64), axis=ax, keepdims=keep)
                r, a = tol_for(rt)
                tol = (r, a * max(1, x.size))
            elif op in ("reduce_max", "reduce_min"):
                rt = dt
                exp = R.nx_reduce_ext(x, ax, keep, op[-3:])
            else:
                rt = "u8"
                exp = (np.all if op == "all" else np.any)(x != 0, axis=ax, keepdims=keep)
            opts = _axes_text(axes, keep)
            call = "Nx.%s(x%s)" % (op, "".join(", " + o for o in opts))
            tag = "all" if axes is None else "ax" + "_".join(str(a).replace("-", "m") for a in axes)
            g.add("%s_%s_%s%s" % (op, dt, tag, "_keep" if keep else ""), "reduce",
                  [Arg(dt, dims, x)], call, [(rt, odims)], [exp], tol or tol_for(rt))
    avariants = [([2, 3], None, False, None), ([n, k], 1, False, None), ([2, 3, 4], -1, True, "high"),
                 ([n, 3], 0, False, "low"), ([6], 0, True, "high"), ([], None, False, None),
                 ([1, 5], 1, False, "high"), ([2, 3, 4], 1, True, None)]
    for op in ("argmax", "argmin"):
        for i, (dims, axis, keep, tb) in enumerate(avariants):
            dt = ["f32", "s32", "f64", "u8", "s64"][i % 5]
            x = g.data(dt, dims, "tie")
            opts = []
            if axis is not None:
                opts.append("axis: %d" % axis)
            if keep:
                opts.append("keep_axis: true")
            if tb:
                opts.append("tie_break: :%s" % tb)
            exp = R.nx_argext(x, axis, keep, tb or "low", op[3:])
            odims = _reduced_dims(dims, None if axis is None else [axis], keep)
            call = "Nx.%s(x%s)" % (op, "".join(", " + o for o in opts))
            g.add("%s_%s_%s%s%s" % (op, dt, "flat" if axis is None else ("ax%d" % axis).replace("-", "m"),
                                    "_keep" if keep else "", "_" + tb if tb else ""),
                  "reduce", [Arg(dt, dims, x)], call, [("s32", odims)], [exp])


def gen_sort_scan(g):
    n = Dim("n", int(g.rng.integers(1, 6)))
    variants = [("f32", [3, 4], 1, False, "any"), ("s32", [n, 3], 0, True, "any"),
                ("f64", [5], 0, False, "nan"), ("u8", [2, 6], -1, True, "small"),
                ("s64", [1, 4], 1, False, "any")]
    for op in ("sum", "product", "max", "min"):
        for dt, dims, axis, rev, dom in variants:
            if op == "product" and R.is_float(dt):
                dom = "small"
            x = g.data(dt, dims, dom)
            opts = "axis: %d" % axis + (", reverse: true" if rev else "")
            _ix(g, "cumulative_%s_%s%s" % (op, dt, "_nan" * (dom == "nan")), "scan", [Arg(dt, dims, x)],
                "Nx.cumulative_%s(x, %s)" % (op, opts), [(dt, dims)],
                [R.nx_cumulative(x, op, axis if axis >= 0 else x.ndim + axis, rev)])
    sorts = [("f32", [2, 6], 1, "desc", "nan"), ("f32", [2, 6], 1, "asc", "nan"),
             ("s32", [n, 4], 0, "desc", "tie"), ("u8", [7], 0, "asc", "any"),
             ("f64", [3, 1], -1, "asc", "any"), ("s64", [3, 5], -1, "desc", "tie")]
    for dt, dims, axis, direction, dom in sorts:
        x = g.data(dt, dims, dom)
        ax = axis if axis >= 0 else len(dims) + axis
        desc = direction == "desc"
        _ix(g, "sort_%s_%s_%s" % (dt, direction, dom), "sort", [Arg(dt, dims, x)],
            "Nx.sort(x, axis: %d, direction: :%s)" % (axis, direction), [(dt, dims)],
            [R.nx_sort(x, ax, desc)])
        _ix(g, "argsort_%s_%s" % (dt, direction), "sort", [Arg(dt, dims, x)],
            "Nx.argsort(x, axis: %d, direction: :%s)" % (axis, direction), [("s32", dims)],
            [R.nx_argsort(x, ax, desc)])
    x = g.data("f32", [n], "tie")
    _ix(g, "argsort_type_s64", "sort", [Arg("f32", [n], x)], "Nx.argsort(x, type: :s64)",
        [("s64", [n])], [R.nx_argsort(x)])
    for dt, dims, k, dom in [("f32", [3, 5], 2, "any"), ("s32", [n, 4], 3, "tie"), ("f64", [6], 1, "nan")]:
        x = g.data(dt, dims, dom)
        idx = R.nx_argsort(x, len(dims) - 1, True)[..., :k]
        vals = np.take_along_axis(x, idx, axis=-1)
        rd = dims[:-1] + [k]
        g.add("top_k_%s_%s" % (dt, dom), "sort", [Arg(dt, dims, x)], "Nx.top_k(x, k: %d)" % k,
              [(dt, rd), ("s32", rd)], [vals, idx], tol_for(dt))


# ----------------------------------------------------- composite (2)
def gen_composite2(g):
    """logsumexp, variance/standard_deviation, outer, linspace, quotient, tile."""
    r = g.rng
    for i in range(4):
        dt = g.pick(("f32", "f64", "s32"))
        n = Dim("n", int(r.integers(1, 4)))
        dims = [n, int(r.integers(1, 4)), g.pick((1, 3))]
        x = g.data(dt, dims)
        shape = [dsize(d) for d in dims]
        ax = g.pick(([-1], [0], [0, 2], [-2, -1], None))
        keep = bool(r.integers(0, 2))
        ft = R.to_floating(dt)
        opts = ("" if ax is None else ", axes: %s" % ax) + (", keep_axes: true" if keep else "")
        axes = None if ax is None else tuple(a % 3 for a in ax)
        rdims = [(1 if keep else None) if axes is None or j in axes else d for j, d in enumerate(dims)]
        rdims = [d for d in rdims if d is not None]
        e = R.nx_logsumexp(x, axes, keep)
        g.add("logsumexp_%s_%d" % (dt, i), "composite2", [Arg(dt, dims, x)],
              "Nx.logsumexp(x%s)" % opts, [(ft, rdims)], [e], tol_for(ft, "loose"))
        ddof = int(r.integers(0, 2))
        cnt = int(np.prod([shape[a] for a in (axes if axes is not None else range(3))]))
        if cnt - ddof <= 0:
            ddof = 0
        xv = x.astype(np.float64)
        v = np.var(xv, axis=axes, keepdims=keep, ddof=ddof)
        g.add("variance_%s_%d" % (dt, i), "composite2", [Arg(dt, dims, x)],
              "Nx.variance(x%s, ddof: %d)" % (opts, ddof), [(ft, rdims)], [v], tol_for(ft, "loose"))
        g.add("standard_deviation_%s_%d" % (dt, i), "composite2", [Arg(dt, dims, x)],
              "Nx.standard_deviation(x%s, ddof: %d)" % (opts, ddof), [(ft, rdims)], [np.sqrt(v)],
              tol_for(ft, "loose"))
    # logsumexp with -inf rows (all -inf gives -inf, as Nx).
    x = np.array([[-np.inf, -np.inf, -np.inf], [0.5, -np.inf, 1.0]], dtype=np.float32)
    g.add("logsumexp_neginf", "composite2", [Arg("f32", [2, 3], x)], "Nx.logsumexp(x, axes: [1])",
          [("f32", [2])], [R.nx_logsumexp(x, (1,))], tol_for("f32", "loose"))
    # outer: flattened inputs, numbers weakly typed.
    for i, (da, db) in enumerate((("s32", "s32"), ("f32", "s64"), ("u8", "f64"))):
        # A single size-variable dim keeps its name through the flattening.
        n = Dim("n", int(r.integers(1, 4)))
        a_dims = [2, int(r.integers(1, 4))] if i != 1 else [1, n]
        b_dims = [int(r.integers(1, 4))]
        a, b = g.data(da, a_dims), g.data(db, b_dims)
        rt = R.merge(da, db)
        rows = n if i == 1 else 2 * a_dims[1]
        g.add("outer_%s_%s" % (da, db), "composite2", [Arg(da, a_dims, a), Arg(db, b_dims, b)],
              "Nx.outer(x, y)", [(rt, [rows, b_dims[0]])], [R.nx_outer(a, b)])
    a = g.data("s16", [3])
    g.add("outer_number", "composite2", [Arg("s16", [3], a)], "Nx.outer(x, 3)",
          [("s16", [3, 1])], [R.nx_outer(a, np.int16(3))])
    # linspace.
    for (s, e, n, ep, t) in ((0, 1, 5, True, "f32"), (-2.5, 3, 4, False, "f64"), (1, 2, 1, True, "f32"),
                             (0, 10, 4, True, "s32")):
        x = g.data("f32", [1])
        exp = R.nx_linspace(s, e, n, ep)
        if t == "s32":
            exp = np.trunc(exp)
        g.add("linspace_%s_%d" % (t, n), "composite2", [Arg("f32", [1], x)],
              "Nx.linspace(%s, %s, n: %d, endpoint: %s, type: :%s)" % (s, e, n, str(ep).lower(), t),
              [(t, [n])], [exp], tol_for(t))
    # quotient: truncating integer division (nonzero divisors).
    for da, db in (("s32", "s32"), ("s8", "s64"), ("u8", "u16")):
        n = Dim("n", int(r.integers(1, 4)))
        a, b = g.data(da, [n, 3]), g.data(db, [3], "nonzero")
        rt = R.merge(da, db)
        q = np.trunc(a.astype(np.float64) / b.astype(np.float64))
        g.add("quotient_%s_%s" % (da, db), "composite2", [Arg(da, [n, 3], a), Arg(db, [3], b)],
              "Nx.quotient(x, y)", [(rt, [n, 3])], [q])
    # tile.
    for i, (dims, reps) in enumerate((([2, 3], [2, 1]), ([3], [2, 2]), ([2, 1, 2], [3]),
                                      ([1, 2], [1, 1, 2]))):
        dt = g.pick(("f32", "s32", "u8", "f64"))
        x = g.data(dt, dims)
        e = R.nx_tile(x, reps)
        g.add("tile_%s_%d" % (dt, i), "composite2", [Arg(dt, dims, x)],
              "Nx.tile(x, %s)" % reps, [(dt, list(e.shape))], [e])
    # take_diagonal / make_diagonal (offset:, batched).
    for i, (dims, k) in enumerate((([3, 3], 0), ([3, 4], 1), ([4, 3], -2), ([2, 3, 3], -1), ([1, 1], 0),
                                   ([2, 5], 3))):
        dt = g.pick(("f32", "s32", "u8", "f64"))
        x = g.data(dt, dims)
        e = np.diagonal(x, k, axis1=-2, axis2=-1)
        g.add("take_diagonal_%s_%d" % (dt, i), "composite2", [Arg(dt, dims, x)],
              "Nx.take_diagonal(x, offset: %d)" % k, [(dt, list(e.shape))], [e])
    for i, (dims, k) in enumerate((([3], 0), ([2], 2), ([3], -1), ([2, 3], 1), ([Dim("n", 3)], 0),
                                   ([1], -2))):
        dt = g.pick(("f32", "s32", "u8", "f64"))
        x = g.data(dt, dims)
        sh = x.shape
        m = sh[-1] + abs(k)
        e = np.zeros(sh[:-1] + (m, m), dtype=x.dtype)
        for j in range(sh[-1]):
            r_, c_ = (j, j + k) if k >= 0 else (j - k, j)
            e[..., r_, c_] = x[..., j]
        last = dims[-1] if k == 0 else m
        g.add("make_diagonal_%s_%d" % (dt, i), "composite2", [Arg(dt, dims, x)],
              "Nx.make_diagonal(x, offset: %d)" % k, [(dt, list(dims[:-1]) + [last, last])], [e])
