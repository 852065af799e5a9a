"""cases_functions.py - Oracle cases for Nx.reduce and Nx.window_reduce.

The expected values fold the function over the reduced elements (or window
elements, the operand padded with the accumulator) with NumPy, starting at the
accumulator, converting to the result type after every step as the compiled
combiner does. Nx leaves the order unspecified, so every function here gives
the same result in any order (sums, products of small values, max/min, sums
of squares or magnitudes).
"""

import numpy as np

import nxref as R
from case_base import Arg, Dim, dsize, tol_for

# name -> (Nx function text, NumPy fold step (element, acc) -> acc, data domain)
FUNS = {
    "add": ("&Nx.add/2", lambda e, a: e + a, "any"),
    "mul": ("fn e, acc -> e * acc end", lambda e, a: e * a, "small"),
    "max": ("fn e, acc -> Nx.max(e, acc) end", np.maximum, "any"),
    "min": ("&Nx.min(&1, &2)", np.minimum, "any"),
    "sumsq": ("fn e, acc -> acc + e * e end", lambda e, a: a + e * e, "small"),
    "sumabs": ("fn e, acc ->\n  m = Nx.abs(e)\n  acc + m\nend", lambda e, a: a + np.abs(e), "any"),
}


def fold(values, init, step, dtype):
    """Folds `step` over the last axis of `values`, starting at `init`."""
    np_t = R.NP[dtype]
    acc = np.full(values.shape[:-1], init).astype(np_t)
    with np.errstate(over="ignore", invalid="ignore"):
        for j in range(values.shape[-1]):
            acc = np.asarray(step(values[..., j].astype(np_t), acc)).astype(np_t)
    return acc


def nx_reduce_fn(x, init, axes, keep, step, dtype):
    rank = x.ndim
    axes = list(range(rank)) if axes is None else sorted(a % rank for a in axes)
    rest = [i for i in range(rank) if i not in axes]
    moved = np.transpose(x, rest + axes)
    k = int(np.prod([x.shape[a] for a in axes])) if axes else 1
    flat = moved.reshape([x.shape[i] for i in rest] + [k])
    out = fold(flat, init, step, dtype)
    if keep:
        out = out.reshape([1 if i in axes else x.shape[i] for i in range(rank)])
    return out


def nx_window_reduce_fn(x, init, dims, strides, padding, dil, step, dtype):
    r = x.ndim
    effs = [(w - 1) * d + 1 for w, d in zip(dims, dil)]
    if padding == "same":
        padding = R.same_padding(effs)
    p = np.pad(x, padding, constant_values=init)
    out_shape = [(p.shape[i] - effs[i]) // strides[i] + 1 for i in range(r)]
    out = np.empty(out_shape, dtype=R.NP[dtype])
    for o in np.ndindex(*out_shape):
        sl = tuple(slice(o[i] * strides[i], o[i] * strides[i] + effs[i], dil[i])
                   for i in range(r))
        out[o] = fold(p[sl].reshape(1, -1), init, step, dtype)[0]
    return out


def _reduce_case(g, tag, dt, dims, fun, init, axes, keep):
    text, step, dom = FUNS[fun]
    x = g.data(dt, dims, dom)
    rt = R.merge_number(dt, init)
    e = nx_reduce_fn(x, init, axes, keep, step, rt)
    opts = []
    if axes is not None:
        opts.append("axes: %s" % list(axes))
    if keep:
        opts.append("keep_axes: true")
    rank = len(dims)
    red = set(range(rank)) if axes is None else {a % rank for a in axes}
    rd = [(1 if keep else None) if i in red else d for i, d in enumerate(dims)]
    rd = [d for d in rd if d is not None]
    body = "Nx.reduce(x, %r, %s%s)" % (init, "[%s], " % ", ".join(opts) if opts else "", text)
    g.add("reduce_%s_%s_%s" % (fun, dt, tag), "reduce", [Arg(dt, dims, x)], body,
          [(rt, rd)], [e], tol_for(rt, "loose"))


def gen_functions(g):
    n = Dim("n", int(g.rng.integers(2, 5)))
    reduces = [("all", "f32", [2, 3], "add", 0, None, False),
               ("ax1", "f64", [3, 4], "mul", 1, [1], False),
               ("ax0keep", "s32", [4, 3], "max", -100, [0], True),
               ("neg", "s64", [2, 3, 2], "min", 50, [-1, 0], False),
               ("dyn", "f32", [n, 3], "sumsq", 0.5, [0], False),
               ("s32f", "s32", [3, 2], "sumabs", 1.5, [1], True),
               ("empty", "f32", [Dim("n", 0), 2], "add", 2.0, [0], False),
               ("s0d", "f32", [], "max", -1.0, None, False)]
    for tag, dt, dims, fun, init, axes, keep in reduces:
        _reduce_case(g, tag, dt, dims, fun, init, axes, keep)
    # Random picks on top of the fixed cases.
    for i in range(3):
        dt = g.pick(["f32", "s32", "f64"])
        fun = g.pick(["add", "max", "min", "sumabs"])
        dims = [int(g.rng.integers(1, 4)) for _ in range(int(g.rng.integers(1, 4)))]
        axes = sorted(set(int(a) for a in g.rng.integers(0, len(dims), size=2)))
        init = int(g.rng.integers(-3, 4)) if dt == "s32" else float(g.rng.integers(-3, 4))
        _reduce_case(g, "rand%d" % i, dt, dims, fun, init, axes, bool(g.rng.integers(0, 2)))

    windows = [("s23", "f32", [4, 6], (2, 3), "strides: [2, 3]", dict(strides=[2, 3]), "add", 0.0),
               ("same", "s32", [5, 4], (3, 2), "padding: :same", dict(padding="same"), "max", -50),
               ("pad", "f64", [3, 5], (2, 2), "padding: [{1, 0}, {0, 2}], window_dilations: [1, 2]",
                dict(padding=[(1, 0), (0, 2)], dil=[1, 2]), "sumsq", 1.0),
               ("dil", "s64", [2, 7], (1, 3), "strides: [1, 2], window_dilations: 2",
                dict(strides=[1, 2], dil=[2, 2]), "min", 7),
               ("mul", "f32", [6], (3,), "strides: 3", dict(strides=[3]), "mul", 1.0),
               ("abs", "s32", [n, 4], (1, 2), "strides: [1, 2]", dict(strides=[1, 2]), "sumabs", 3)]
    for tag, dt, dims, w, opts, kw, fun, init in windows:
        text, step, dom = FUNS[fun]
        x = g.data(dt, dims, dom)
        shape = [dsize(d) for d in dims]
        e = nx_window_reduce_fn(x, init, list(w), kw.get("strides", [1] * len(w)),
                                kw.get("padding", [(0, 0)] * len(w)), kw.get("dil", [1] * len(w)),
                                step, dt)
        rd = [d if isinstance(d, Dim) and e.shape[j] == shape[j] else e.shape[j]
              for j, d in enumerate(dims)]
        body = "Nx.window_reduce(x, %r, {%s}, [%s], %s)" % (init, ", ".join(map(str, w)), opts, text)
        g.add("window_reduce_%s_%s_%s" % (fun, dt, tag), "window_reduce", [Arg(dt, dims, x)],
              body, [(dt, rd)], [e], tol_for(dt, "loose"))
