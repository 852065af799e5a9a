"""cases_misc.py - Oracle cases for the functions of CheckNxMisc.cpp and CheckNxIntrospection.cpp:
inverse/hyperbolic trigonometry, erfc, log2/log10/log(t, base), is_infinity (random data in the
domain, plus fixed edge values such as acosh(<1), atanh(+-1), log of negatives, erfc of large x),
all_close, tri, fill, introspection used in arithmetic, flatten with axes and pad_outer.
"""

import numpy as np

import nxref as R
from case_base import Arg, Dim, tol_for


UNARY = {
    # name: (numpy fn on float64, random domain (lo, hi), edge values)
    "acos": (np.arccos, (-0.99, 0.99), [-1.0, 1.0, -1.5, 1.5, 0.0, np.nan, np.inf]),
    "asin": (np.arcsin, (-0.99, 0.99), [-1.0, 1.0, -1.5, 1.5, -0.0, np.nan, -np.inf]),
    "atan": (np.arctan, (-5, 5), [np.inf, -np.inf, 0.0, 1e30, -1e30, np.nan, 1.0]),
    "acosh": (np.arccosh, (1, 6), [0.5, 1.0, 0.0, -1.0, np.inf, np.nan, 1e30]),
    "asinh": (np.arcsinh, (-5, 5), [-np.inf, np.inf, 0.0, -0.0, 1e30, -1e30, np.nan]),
    "atanh": (np.arctanh, (-0.99, 0.99), [-1.0, 1.0, 0.0, 2.0, -2.0, np.nan, 0.999]),
    "cosh": (np.cosh, (-5, 5), [-100.0, 100.0, 0.0, 80.0, -80.0, 1000.0, np.inf, -np.inf, np.nan]),
    "sinh": (np.sinh, (-5, 5), [-100.0, 100.0, 0.0, 80.0, -80.0, 1000.0, np.inf, -np.inf, np.nan]),
    "erfc": (R.erfc, (-4, 6), [-10.0, -3.0, 0.0, 3.0, 9.0, 26.0, 30.0, np.inf, -np.inf, np.nan]),
    "log2": (np.log2, (0.01, 50), [0.0, -0.0, -1.0, 1.0, 2.0, 1e-30, np.inf, -np.inf, np.nan]),
    "log10": (np.log10, (0.01, 50), [0.0, -0.0, -1.0, 1.0, 1000.0, 1e-30, np.inf, -np.inf, np.nan]),
}


def _uniform(g, dt, dims, lo, hi):
    shape = tuple(d.size if isinstance(d, Dim) else d for d in dims)
    return g.rng.uniform(lo, hi, size=shape).astype(R.NP[dt])


def _result_type(op, dt):
    return R.log_base_type(dt) if op in ("log2", "log10") else R.to_floating(dt)


def _eval(fn, x, rt):
    with np.errstate(all="ignore"):
        return fn(x.astype(np.float64)).astype(R.NP[rt])


def gen_misc_unary(g):
    for op, (fn, (lo, hi), edges) in sorted(UNARY.items()):
        n = Dim("n", int(g.rng.integers(2, 6)))
        for dt, dims in [("f32", [2, 3]), ("f64", [n, 2]), ("f16", [n])]:
            x = _uniform(g, dt, dims, lo, hi)
            rt = _result_type(op, dt)
            g.add("%s_%s" % (op, dt), "misc_unary", [Arg(dt, dims, x)], "Nx.%s(x)" % op,
                  [(rt, dims)], [_eval(fn, x, rt)], tol_for(rt, "trans" if rt != "f16" else "trans"))
        # Integers are converted to f32 first.
        ilo, ihi = int(np.ceil(lo)), int(np.floor(hi)) + 1
        xi = g.rng.integers(ilo, max(ihi, ilo + 1), size=(4,)).astype(np.int32)
        g.add("%s_s32" % op, "misc_unary", [Arg("s32", [4], xi)], "Nx.%s(x)" % op,
              [("f32", [4])], [_eval(fn, xi, "f32")], tol_for("f32", "trans"))
        # Domain edges: NaN, infinities, overflow and underflow.
        for dt in ("f32", "f64"):
            e = np.array(edges, dtype=R.NP[dt])
            dims = [Dim("n", len(edges))]
            g.add("%s_edge_nan_%s" % (op, dt), "misc_unary", [Arg(dt, dims, e)], "Nx.%s(x)" % op,
                  [(dt, dims)], [_eval(fn, e, dt)], tol_for(dt, "trans"))


def gen_log_base(g):
    for dt, base in [("f32", 2), ("f64", 3), ("s32", 10), ("f32", 0.5), ("f64", 2.5)]:
        n = Dim("n", int(g.rng.integers(2, 6)))
        x = (g.rng.integers(1, 50, size=(n.size, 2)) if dt == "s32"
             else g.rng.uniform(0.01, 50, size=(n.size, 2))).astype(R.NP[dt])
        rt = R.log_base_type(dt)
        exp = np.log(x.astype(np.float64)) / np.log(base)
        g.add("log_base_%s_%s" % (dt, str(base).replace(".", "p")), "misc_unary",
              [Arg(dt, [n, 2], x)], "Nx.log(x, %r)" % base, [(rt, [n, 2])], [exp], tol_for(rt, "trans"))
    # A tensor base: log(x) / log(y), both in the merged floating type.
    for dta, dtb in [("f32", "f32"), ("f32", "f64"), ("s32", "f32")]:
        x = g.rng.uniform(0.5, 40, size=(3, 2)).astype(R.NP[dta]) if dta != "s32" \
            else g.rng.integers(1, 40, size=(3, 2)).astype(np.int32)
        y = g.rng.uniform(1.5, 9, size=(2,)).astype(R.NP[dtb])
        rt = R.merge(R.to_floating(dta), R.to_floating(dtb))
        exp = np.log(x.astype(np.float64)) / np.log(y.astype(np.float64))
        g.add("log_tbase_%s_%s" % (dta, dtb), "misc_unary", [Arg(dta, [3, 2], x), Arg(dtb, [2], y)],
              "Nx.log(x, y)", [(rt, [3, 2])], [exp], tol_for(rt, "trans"))
    # log of negatives and zero with a base: NaN and -inf.
    e = np.array([-1.0, 0.0, 1.0, 8.0, np.inf, np.nan], np.float32)
    g.add("log_base_edge_nan_f32", "misc_unary", [Arg("f32", [6], e)], "Nx.log(x, 2)",
          [("f32", [6])], [_eval(np.log2, e, "f32")], tol_for("f32", "trans"))


def gen_is_infinity(g):
    pool = np.array([np.inf, -np.inf, np.nan, 0.0, 1.0, -2.5, 1e30])
    for dt, dims in [("f32", [2, 3]), ("f64", [Dim("n", 4)]), ("f16", [3, 2])]:
        shape = tuple(d.size if isinstance(d, Dim) else d for d in dims)
        with np.errstate(over="ignore"):
            x = g.rng.choice(pool, size=shape).astype(R.NP[dt])
        g.add("is_infinity_%s" % dt, "misc_unary", [Arg(dt, dims, x)], "Nx.is_infinity(x)",
              [("u8", dims)], [np.isinf(x)])
    for dt in ("s32", "u8", "s64"):
        x = g.data(dt, [5])
        g.add("is_infinity_%s" % dt, "misc_unary", [Arg(dt, [5], x)], "Nx.is_infinity(x)",
              [("u8", [5])], [np.zeros(5, bool)])


def _near(g, b, dt, close):
    """a copy of b moved well inside (close) or well outside the default tolerance."""
    with np.errstate(all="ignore"):
        scale = 1e-8 if close else 1e-2
        return (b.astype(np.float64) * (1 + scale * g.rng.uniform(-1, 1, b.shape))).astype(R.NP[dt])


def gen_all_close(g):
    n = Dim("n", int(g.rng.integers(2, 6)))
    for dt, dims in [("f32", [2, 3]), ("f64", [n, 3]), ("f32", [n]), ("f64", [])]:
        shape = tuple(d.size if isinstance(d, Dim) else d for d in dims)
        b = g.rng.uniform(1, 5, size=shape).astype(R.NP[dt])
        for close in (True, False):
            a = _near(g, b, dt, close)
            if not close and a.size == 0:
                continue
            if not close:
                a.flat[0] = b.flat[0] * 1.5
            g.add("all_close_%s_%s" % (dt, "yes" if close else "no"), "all_close",
                  [Arg(dt, dims, a), Arg(dt, dims, b)], "Nx.all_close(x, y)", [("u8", [])],
                  [R.nx_all_close(a, b, dt, dt)])
    # Infinities and NaN, with and without equal_nan.
    b = np.array([1.0, np.inf, -np.inf, np.nan, 2.0], np.float32)
    for a, tag in [(b.copy(), "same"), (np.array([1.0, np.inf, np.inf, np.nan, 2.0], np.float32), "signs"),
                   (np.array([1.0, 1e30, -np.inf, np.nan, 2.0], np.float32), "big")]:
        for eq in (False, True):
            g.add("all_close_inf_nan_%s_%s" % (tag, "eqnan" if eq else "plain"), "all_close",
                  [Arg("f32", [5], a), Arg("f32", [5], b)],
                  "Nx.all_close(x, y, equal_nan: %s)" % ("true" if eq else "false"), [("u8", [])],
                  [R.nx_all_close(a, b, "f32", "f32", equal_nan=eq)])
    # Options, integers, mixed types, broadcasting, empty tensors.
    b = g.rng.uniform(1, 5, size=(3, 2)).astype(np.float32)
    a = (b + np.float32(0.05)).astype(np.float32)
    for opts, rtol, atol in [("atol: 0.1", 1e-5, 0.1), ("rtol: 0.1", 0.1, 1e-8), ("rtol: 1.0e-3, atol: 1.0e-3", 1e-3, 1e-3)]:
        g.add("all_close_opts_%s" % opts.split(":")[0], "all_close", [Arg("f32", [3, 2], a), Arg("f32", [3, 2], b)],
              "Nx.all_close(x, y, %s)" % opts, [("u8", [])],
              [R.nx_all_close(a, b, "f32", "f32", rtol=rtol, atol=atol)])
    for ta, tb in [("s32", "s32"), ("u8", "u8"), ("s32", "f32"), ("s64", "s32")]:
        x = g.data(ta, [4], "small")
        for same in (True, False):
            y = x.astype(R.NP[tb])
            if not same:
                y = y.copy()
                y[1] = y[1] + 1
            g.add("all_close_%s_%s_%s" % (ta, tb, "yes" if same else "no"), "all_close",
                  [Arg(ta, [4], x), Arg(tb, [4], y)], "Nx.all_close(x, y)", [("u8", [])],
                  [R.nx_all_close(x, y, ta, tb)])
    x = g.rng.uniform(1, 2, size=(n.size, 3)).astype(np.float32)
    row = x[0].copy()
    g.add("all_close_bcast", "all_close", [Arg("f32", [n, 3], x), Arg("f32", [3], row)],
          "Nx.all_close(x, y)", [("u8", [])], [R.nx_all_close(x, row, "f32", "f32")])
    z = np.zeros((0, 3), np.float32)
    g.add("all_close_empty", "all_close", [Arg("f32", [Dim("n", 0), 3], z), Arg("f32", [Dim("n", 0), 3], z)],
          "Nx.all_close(x, y)", [("u8", [])], [np.uint8(1)])


def gen_tri_fill(g):
    for nn, m, k in [(3, 3, 0), (2, 4, 1), (4, 2, -1), (3, 5, -5), (1, 1, 3), (0, 3, 0), (3, 3, 2)]:
        body = "Nx.tri(%d, %d, k: %d)" % (nn, m, k) if k else "Nx.tri(%d, %d)" % (nn, m)
        g.add("tri_%d_%d_%s" % (nn, m, str(k).replace("-", "m")), "tri", [], body,
              [("u8", [nn, m])], [R.nx_tri(nn, m, k)])
    # Sizes read from size variables.
    n, k = Dim("n", int(g.rng.integers(1, 5))), Dim("k", int(g.rng.integers(1, 5)))
    x = g.data("f32", [n, k])
    g.add("tri_dynamic", "tri", [Arg("f32", [n, k], x)],
          "Nx.tri(Nx.axis_size(x, 0), Nx.axis_size(x, 1), k: 1)", [("u8", [n, k])],
          [R.nx_tri(n.size, k.size, 1)])
    # fill: Nx.Type.merge_number / merge unless `type:` is given.
    n = Dim("n", int(g.rng.integers(0, 4)))
    for dt, dims, value in [("s32", [2, 3], 5), ("s32", [n], 2.5), ("u8", [3], -1), ("f64", [n, 2], 7),
                            ("f32", [], -0.5), ("u8", [2, 2], 300), ("pred", [4], 1)]:
        x = g.data(dt, dims)
        rt = R.merge_number(dt, value)
        shape = tuple(d.size if isinstance(d, Dim) else d for d in dims)
        g.add("fill_%s_%s" % (dt, str(value).replace("-", "m").replace(".", "p")), "fill",
              [Arg(dt, dims, x)], "Nx.fill(x, %r)" % value, [(rt, dims)],
              [np.full(shape, value).astype(R.NP[rt])])
    for dt, to in [("s32", "f64"), ("f32", "u8"), ("f64", "s16")]:
        x = g.data(dt, [2, n])
        shape = (2, n.size)
        g.add("fill_type_%s_%s" % (dt, to), "fill", [Arg(dt, [2, n], x)], "Nx.fill(x, 3, type: :%s)" % to,
              [(to, [2, n])], [np.full(shape, 3).astype(R.NP[to])])
    for dt, vt in [("s32", "f32"), ("u8", "s8"), ("f64", "f32")]:
        x = g.data(dt, [3, 2])
        v = g.data(vt, [2])
        rt = R.merge(dt, vt)
        g.add("fill_tensor_%s_%s" % (dt, vt), "fill", [Arg(dt, [3, 2], x), Arg(vt, [2], v)], "Nx.fill(x, y)",
              [(rt, [3, 2])], [np.broadcast_to(v.astype(R.NP[rt]), (3, 2))])


def gen_introspection(g):
    """Sizes used as numbers: normalizing by Nx.size, a mean via Nx.axis_size, shapes in reshape;
    then Nx.flatten with `axes:` (gen_flatten_axes) and Nx.pad_outer (gen_pad_outer)."""
    n, k = Dim("n", int(g.rng.integers(1, 5))), Dim("k", int(g.rng.integers(1, 5)))
    for dims, tag in [([2, 3], "static"), ([n, 3], "dyn"), ([n, k], "dyn2")]:
        x = g.data("f32", dims)
        g.add("size_normalize_%s" % tag, "introspection", [Arg("f32", dims, x)],
              "Nx.sum(x) / Nx.size(x)", [("f32", [])], [np.float32(x.astype(np.float64).mean())],
              tol_for("f32"))
        g.add("axis_size_mean_%s" % tag, "introspection", [Arg("f32", dims, x)],
              "Nx.sum(x, axes: [Nx.rank(x) - 1]) / Nx.axis_size(x, -1) * 2",
              [("f32", dims[:1])], [x.astype(np.float64).mean(axis=-1) * 2], tol_for("f32"))
        # The transposed shape holds the same size variables, so reshape can check the count.
        yd = dims[::-1]
        y = g.data("s32", yd)
        g.add("shape_reshape_%s" % tag, "introspection", [Arg("f32", dims, x), Arg("s32", yd, y)],
              "Nx.reshape(y, Nx.shape(x)) + Nx.byte_size(x)",
              [("s32", dims)], [y.reshape(x.shape) + 4 * x.size])
        g.add("shape_broadcast_%s" % tag, "introspection", [Arg("f32", dims, x), Arg("s32", yd, y)],
              "Nx.broadcast(Nx.sum(y), Nx.shape(x)) * Nx.axis_size(x, 0)",
              [("s32", dims)], [np.full(x.shape, y.sum() * x.shape[0])])
    gen_flatten_axes(g)
    gen_pad_outer(g)


def gen_flatten_axes(g):
    """Nx.flatten(t, axes: [...]): consecutive axes merged into one at the first of them. A merged
    size that involves a size variable and other sizes is a fresh size; such results are summed
    over the merged axis so that the entry's result type is expressible."""
    n = Dim("n", int(g.rng.integers(1, 4)))
    table = [  # dims, axes, result dims, sum over the merged axis
        ([2, 3, 4], [1, 2], [2, 12], False), ([2, 3, 4], [0, 1], [6, 4], False),
        ([n, 3, 2], [1, 2], [n, 6], False), ([2, n, 3, 2], [0, 1, 2], [2], True),
        ([2, 3], [], [2, 3], False), ([2, 3], [-1], [2, 3], False), ([n, 3, 2], [0, 1], [2], True),
        ([1, n, 1, 2], [0, 1, 2], [n, 2], False)]
    for i, (dims, axes, out, summed) in enumerate(table):
        x = g.data("s32", dims)
        ax = [a % len(dims) for a in axes]
        shape = list(x.shape)
        if ax:
            shape[ax[0]:ax[-1] + 1] = [int(np.prod(shape[ax[0]:ax[-1] + 1]))]
        exp = x.reshape(shape)
        body = "Nx.flatten(x, axes: %s)" % axes
        if summed:
            exp = exp.sum(axis=ax[0])
            body = "Nx.sum(%s, axes: [%d])" % (body, ax[0])
        g.add("flatten_axes_%d" % i, "shape", [Arg("s32", dims, x)], body, [("s32", out)], [exp])


PAD_MODES = {"cyclic": "wrap", "mirror": "symmetric", "reflect": "reflect", "replicate": "edge"}


def _np_pad_constant(x, value, cfg, dtype):
    """Nx.pad_outer with a value: np.pad for positive amounts, cropping for negative ones."""
    x = x.astype(R.NP[dtype])
    widths = [(max(lo, 0), max(hi, 0)) for lo, hi in cfg]
    y = np.pad(x, widths, mode="constant", constant_values=value)
    sl = tuple(slice(-min(lo, 0), y.shape[i] + min(hi, 0)) for i, (lo, hi) in enumerate(cfg))
    return y[sl]


def gen_pad_outer(g):
    """Nx.pad_outer and Nx.reflect against nxref.nx_pad_outer (Nx's index periods), itself checked
    against np.pad (symmetric, reflect, edge), and constant padding against np.pad."""
    for mode, npmode in sorted(PAD_MODES.items()):
        for dims in ([3], [2, 3], [4, 1, 2]):
            x = g.data("s32", dims)
            cfg = [(int(g.rng.integers(0, 2 * d + 2)), int(g.rng.integers(0, 2 * d + 2))) for d in dims]
            out = [d + lo + hi for d, (lo, hi) in zip(dims, cfg)]
            g.add("pad_outer_%s_r%d" % (mode, len(dims)), "pad_outer", [Arg("s32", dims, x)],
                  "Nx.pad_outer(x, :%s, %s)" % (mode, "[%s]" % ", ".join("{%d, %d}" % c for c in cfg)),
                  [("s32", out)], [R.nx_pad_outer(x, mode, cfg)])
            if npmode != "wrap":  # NumPy's wrap re-wraps its own padding past one period
                assert np.array_equal(R.nx_pad_outer(x, mode, cfg), np.pad(x, cfg, mode=npmode))
    n = Dim("n", int(g.rng.integers(1, 4)))
    x = g.data("f32", [n, 4])
    g.add("pad_outer_reflect_dyn", "pad_outer", [Arg("f32", [n, 4], x)],
          "Nx.pad_outer(x, :reflect, [{0, 0}, {5, 2}])", [("f32", [n, 11])],
          [np.pad(x, [(0, 0), (5, 2)], mode="reflect")], tol_for("f32"))
    x = g.data("s32", [2, 3])
    g.add("reflect_opt", "pad_outer", [Arg("s32", [2, 3], x)], "Nx.reflect(x, padding_config: [{1, 1}, {4, 0}])",
          [("s32", [4, 7])], [np.pad(x, [(1, 1), (4, 0)], mode="reflect")])
    for dt, value, cfg in [("s32", 0, [(1, 1), (1, 1)]), ("s32", 2.5, [(-1, 2), (0, -1)]), ("u8", -1, [(2, 0), (1, 1)]),
                           ("f64", 7, [(0, 0), (3, -2)])]:
        x = g.data(dt, [3, 4])
        rt = R.merge_number(dt, value)
        out = [3 + cfg[0][0] + cfg[0][1], 4 + cfg[1][0] + cfg[1][1]]
        g.add("pad_outer_value_%s" % dt, "pad_outer", [Arg(dt, [3, 4], x)],
              "Nx.pad_outer(x, %r, [%s])" % (value, ", ".join("{%d, %d}" % c for c in cfg)),
              [(rt, out)], [_np_pad_constant(x, value, cfg, rt)], tol_for(rt))
