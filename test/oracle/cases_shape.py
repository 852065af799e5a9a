"""cases_shape.py - Shape and dtype oracle cases: reshape/transpose family, narrow dtypes,
joining, split and diff.
"""

import numpy as np

import nxref as R
from case_base import Arg, Dim, _ix, tol_for
from cases_elementwise import _eval_binary


# ----------------------------------------------------------------- shape
def gen_shape(g):
    n, k = Dim("n", 3), Dim("k", 2)
    x = g.data("f32", [2, 6])
    g.add("reshape_static", "shape", [Arg("f32", [2, 6], x)], "Nx.reshape(x, {3, 2, 2})",
          [("f32", [3, 2, 2])], [x.reshape(3, 2, 2)])
    x = g.data("s64", [1, 1])
    g.add("reshape_to_scalar", "shape", [Arg("s64", [1, 1], x)], "Nx.reshape(x, {})",
          [("s64", [])], [x.reshape(())])
    x = g.data("u8", [2, 3, 2])
    g.add("reshape_auto_static", "shape", [Arg("u8", [2, 3, 2], x)], "Nx.reshape(x, {:auto, 4})",
          [("u8", [3, 4])], [x.reshape(3, 4)])
    x = g.data("f64", [0, 4])
    g.add("reshape_empty", "shape", [Arg("f64", [0, 4], x)], "Nx.reshape(x, {2, 0, 2})",
          [("f64", [2, 0, 2])], [x.reshape(2, 0, 2)])
    x = g.data("f32", [2, 3, 4])
    g.add("transpose_default", "shape", [Arg("f32", [2, 3, 4], x)], "Nx.transpose(x)",
          [("f32", [4, 3, 2])], [x.transpose()])
    g.add("transpose_axes", "shape", [Arg("f32", [2, 3, 4], x)], "Nx.transpose(x, axes: [1, 0, 2])",
          [("f32", [3, 2, 4])], [x.transpose(1, 0, 2)])
    x = g.data("s32", [n, k])
    g.add("transpose_vars", "shape", [Arg("s32", [n, k], x)], "Nx.transpose(x, axes: [1, 0])",
          [("s32", [k, n])], [x.T])
    x = g.data("f32", [])
    g.add("broadcast_scalar", "shape", [Arg("f32", [], x)], "Nx.broadcast(x, {2, 3})",
          [("f32", [2, 3])], [np.broadcast_to(x, (2, 3))])
    x = g.data("s32", [3])
    g.add("broadcast_row", "shape", [Arg("s32", [3], x)], "Nx.broadcast(x, {2, 3})",
          [("s32", [2, 3])], [np.broadcast_to(x, (2, 3))])
    x = g.data("f64", [2])
    g.add("broadcast_axes", "shape", [Arg("f64", [2], x)], "Nx.broadcast(x, {2, 3}, axes: [0])",
          [("f64", [2, 3])], [np.broadcast_to(x[:, None], (2, 3))])
    x = g.data("u8", [2, 1])
    g.add("broadcast_expand1", "shape", [Arg("u8", [2, 1], x)], "Nx.broadcast(x, {4, 2, 3})",
          [("u8", [4, 2, 3])], [np.broadcast_to(x, (4, 2, 3))])
    x = g.data("f32", [n, 2])
    g.add("new_axis_0", "shape", [Arg("f32", [n, 2], x)], "Nx.new_axis(x, 0)",
          [("f32", [1, n, 2])], [x[None]])
    g.add("new_axis_neg", "shape", [Arg("f32", [n, 2], x)], "Nx.new_axis(x, -1)",
          [("f32", [n, 2, 1])], [x[..., None]])
    x = g.data("s64", [1, 3, 1])
    g.add("squeeze_all", "shape", [Arg("s64", [1, 3, 1], x)], "Nx.squeeze(x)",
          [("s64", [3])], [x.reshape(3)])
    g.add("squeeze_axes", "shape", [Arg("s64", [1, 3, 1], x)], "Nx.squeeze(x, axes: [-1])",
          [("s64", [1, 3])], [x.reshape(1, 3)])
    # iota / eye default to s32 (Nx 0.13).
    g.add("iota_flat", "create", [], "Nx.iota({2, 3})", [("s32", [2, 3])],
          [np.arange(6).reshape(2, 3)])
    g.add("iota_axis", "create", [], "Nx.iota({2, 3}, axis: 1)", [("s32", [2, 3])],
          [np.broadcast_to(np.arange(3), (2, 3))])
    g.add("iota_f32_axis0", "create", [], "Nx.iota({3, 2}, axis: 0, type: :f32)", [("f32", [3, 2])],
          [np.broadcast_to(np.arange(3)[:, None], (3, 2))])
    x = g.data("f32", [n, 4])
    g.add("iota_plus_arg", "create", [Arg("f32", [n, 4], x)], "x + Nx.iota({4})", [("f32", [n, 4])],
          [x + np.arange(4)], tol_for("f32"))
    g.add("eye_3", "create", [], "Nx.eye(3)", [("s32", [3, 3])], [np.eye(3)])
    g.add("eye_rect_f32", "create", [], "Nx.eye({2, 3}, type: :f32)", [("f32", [2, 3])], [np.eye(2, 3)])
    conv = [("f32", "s32", "any"), ("s32", "f32", "any"), ("f64", "f32", "any"), ("u8", "f64", "any"),
            ("s64", "s32", "any"), ("pred", "f32", "any"), ("f32", "u8", "pos"), ("s32", "s64", "any")]
    for src, dst, dom in conv:
        x = g.data(src, [n, 2], dom)
        if src == "f32" and dst in ("s32", "u8"):
            x = (x * 3).astype(np.float32)
        exp = np.trunc(x.astype(np.float64)) if R.is_float(src) and R.is_int(dst) else x
        g.add("as_type_%s_%s" % (src, dst), "convert", [Arg(src, [n, 2], x)],
              "Nx.as_type(x, :%s)" % dst, [(dst, [n, 2])], [np.asarray(exp).astype(R.NP[dst])],
              tol_for(dst))
    # Nx.tensor constants: float lists are f32, integer lists s32 (Nx 0.13).
    x = g.data("f32", [n, 3])
    g.add("tensor_const_f32", "create", [Arg("f32", [n, 3], x)], "x + Nx.tensor([1.0, 2.0, 3.0])",
          [("f32", [n, 3])], [x + np.array([1.0, 2.0, 3.0], np.float32)], tol_for("f32"))
    x = g.data("s32", [2, 2])
    g.add("tensor_const_s32", "create", [Arg("s32", [2, 2], x)], "x * Nx.tensor([[1, 2], [3, 4]])",
          [("s32", [2, 2])], [x * np.array([[1, 2], [3, 4]], np.int32)])
    x = g.data("s32", [2])
    g.add("tensor_const_big_s64", "create", [Arg("s32", [2], x)], "x + Nx.tensor([1, 5_000_000_000])",
          [("s64", [2])], [x.astype(np.int64) + np.array([1, 5_000_000_000])])
    x = g.data("f32", [3])
    g.add("tensor_const_f64", "create", [Arg("f32", [3], x)], "x * Nx.tensor(2.5, type: :f64)",
          [("f64", [3])], [x.astype(np.float64) * 2.5], tol_for("f64"))
    g.add("tensor_const_only", "create", [], "Nx.tensor([[1, -2, 3]])",
          [("s32", [1, 3])], [np.array([[1, -2, 3]], np.int32)])


# ------------------------------------------------------ narrow dtypes
NEW_PAIRS = [("u8", "s8"), ("u16", "s16"), ("u32", "s32"), ("u64", "s64"), ("s8", "s8"),
             ("u16", "u32"), ("s16", "s8"), ("f16", "f16"), ("f16", "s32"), ("s8", "f16"),
             ("u64", "f32"), ("f16", "f32"), ("u16", "f64")]


def _bf16(x):
    """Rounds float32 values to bf16 (round to nearest even), kept as float32."""
    b = np.asarray(x, np.float32).view(np.uint32).astype(np.uint64)
    b = (b + 0x7FFF + ((b >> 16) & 1)) & 0xFFFF0000
    return b.astype(np.uint32).view(np.float32)


def gen_dtypes(g):
    """s8 s16 u16 u32 u64 f16 (npy inputs) and bf16 (via Nx.as_type)."""
    n = Dim("n", int(g.rng.integers(2, 5)))
    ops = [("add", np.add), ("subtract", np.subtract), ("multiply", np.multiply),
           ("max", np.maximum)]
    for i, (ta, tb) in enumerate(NEW_PAIRS):
        for op, fn in (ops[i % 4], ops[(i + 1) % 4]):
            x, y = g.data(ta, [n, 3]), g.data(tb, [3])
            rt, exp = _eval_binary(fn, "merge", x, y, ta, tb)
            g.add("%s_%s_%s" % (op, ta, tb), "dtypes", [Arg(ta, [n, 3], x), Arg(tb, [3], y)],
                  "Nx.%s(x, y)" % op, [(rt, [n, 3])], [exp], tol_for(rt))
        x, y = g.data(ta, [4], "tie"), g.data(tb, [4], "tie")
        g.add("less_%s_%s" % (ta, tb), "dtypes", [Arg(ta, [4], x), Arg(tb, [4], y)],
              "Nx.less(x, y)", [("u8", [4])], [_eval_binary(np.less, "merge", x, y, ta, tb)[1]])
    # Weakly typed literals widen narrow integer types only as needed.
    for dt, lit in (("u8", 300), ("u8", -2), ("s8", 1000), ("u16", 7), ("u32", -1)):
        x = g.data(dt, [5])
        rt = R.merge_number(dt, lit)
        g.add("literal_%s_%s" % (dt, str(lit).replace("-", "m")), "dtypes", [Arg(dt, [5], x)],
              "x + (%d)" % lit, [(rt, [5])], [x.astype(R.NP[rt]) + np.array(lit).astype(R.NP[rt])])
    # Float functions on f16 (computed in f32 by the compiler, rounded once).
    for op, fn, dom in (("exp", np.exp, "exp"), ("sin", np.sin, "any"), ("sqrt", np.sqrt, "pos"),
                        ("tanh", np.tanh, "any"), ("log1p", np.log1p, "log1p")):
        x = g.data("f16", [n, 2], dom)
        g.add("%s_f16" % op, "dtypes", [Arg("f16", [n, 2], x)], "Nx.%s(x)" % op,
              [("f16", [n, 2])], [fn(x.astype(np.float64))], tol_for("f16", "trans"))
    x = g.data("s8", [3], "small")
    g.add("exp_s8", "dtypes", [Arg("s8", [3], x)], "Nx.exp(x)", [("f32", [3])],
          [np.exp(x.astype(np.float64))], tol_for("f32", "trans"))
    # Aggregates: signed integers sum in s64, unsigned ones and pred in u64.
    for op, fn in (("sum", np.sum), ("product", np.prod)):
        for dt in ("u8", "u16", "u32", "s8", "s16", "pred", "u64", "f16"):
            x = g.data(dt, [n, 3], "small" if op == "product" else "any")
            if dt == "f16" and op == "product":
                x = g.data(dt, [n, 3], "unit")
            rt = R.to_aggregate(dt)
            acc = np.float64 if R.is_float(dt) else R.NP[rt]
            exp = fn(x.astype(acc), axis=1)
            g.add("%s_%s" % (op, dt), "dtypes", [Arg(dt, [n, 3], x)], "Nx.%s(x, axes: [1])" % op,
                  [(rt, [n])], [exp], (2e-3, 3e-3) if dt == "f16" else None)
    for op in ("reduce_max", "reduce_min"):
        for dt in ("s8", "u16", "u64", "f16"):
            x = g.data(dt, [2, 3], "tie")
            g.add("%s_%s" % (op, dt), "dtypes", [Arg(dt, [2, 3], x)], "Nx.%s(x)" % op,
                  [(dt, [])], [R.nx_reduce_ext(x, None, False, op[-3:])])
    x = g.data("u32", [n, 3])
    g.add("mean_u32", "dtypes", [Arg("u32", [n, 3], x)], "Nx.mean(x, axes: [0])", [("f32", [3])],
          [np.mean(x.astype(np.float64), axis=0)], tol_for("f32"))
    # Nx.as_type between the new types (float -> integer truncates).
    conv = [("s8", "f16"), ("f16", "s16"), ("u32", "f32"), ("f32", "f16"), ("f16", "f64"),
            ("u16", "s8"), ("s16", "s64"), ("u8", "u64"), ("u64", "f64"), ("f64", "u32"),
            ("s32", "u16"), ("pred", "s8")]
    for src, dst in conv:
        x = g.data(src, [n, 2], "pos" if R.is_int(dst) and dst[0] == "u" else "any")
        if R.is_float(src) and R.is_int(dst):
            x = (x * 3).astype(x.dtype)
        exp = np.trunc(x.astype(np.float64)) if R.is_float(src) and R.is_int(dst) else x
        g.add("as_type_%s_%s" % (src, dst), "dtypes", [Arg(src, [n, 2], x)],
              "Nx.as_type(x, :%s)" % dst, [(dst, [n, 2])], [np.asarray(exp).astype(R.NP[dst])],
              tol_for(dst))
    # Composite functions: tril/triu (k:), flatten.
    for dt, k in (("f32", 0), ("s32", 1), ("u8", -1)):
        x = g.data(dt, [n, 4])
        g.add("tril_%s_k%s" % (dt, str(k).replace("-", "m")), "composite", [Arg(dt, [n, 4], x)],
              "Nx.tril(x, k: %d)" % k, [(dt, [n, 4])], [np.tril(x, k)])
        g.add("triu_%s_k%s" % (dt, str(k).replace("-", "m")), "composite", [Arg(dt, [n, 4], x)],
              "Nx.triu(x, k: %d)" % k, [(dt, [n, 4])], [np.triu(x, k)])
    x = g.data("f64", [2, 3, 3])
    g.add("tril_batched", "composite", [Arg("f64", [2, 3, 3], x)], "Nx.tril(x)",
          [("f64", [2, 3, 3])], [np.tril(x)])
    x = g.data("s16", [2, 3, 2])
    g.add("flatten_s16", "composite", [Arg("s16", [2, 3, 2], x)], "Nx.flatten(x)",
          [("s16", [12])], [x.reshape(12)])
    x = g.data("f32", [n, 1])
    g.add("flatten_dyn", "composite", [Arg("f32", [n, 1], x)], "Nx.flatten(x)",
          [("f32", [n])], [x.reshape(-1)])
    # bf16 has no npy form: round-trip through f32 inside the program.
    x, y = g.data("f32", [n, 3]), g.data("f32", [n, 3])
    xb, yb = _bf16(x), _bf16(y)
    g.add("bf16_roundtrip", "dtypes", [Arg("f32", [n, 3], x)],
          "Nx.as_type(Nx.as_type(x, :bf16), :f32)", [("f32", [n, 3])], [xb])
    g.add("bf16_add", "dtypes", [Arg("f32", [n, 3], x), Arg("f32", [n, 3], y)],
          "Nx.as_type(Nx.as_type(x, :bf16) + Nx.as_type(y, :bf16), :f32)", [("f32", [n, 3])],
          [_bf16(xb + yb)])
    x = g.data("f32", [n, 3], "exp")
    g.add("bf16_exp", "dtypes", [Arg("f32", [n, 3], x)],
          "Nx.as_type(Nx.exp(Nx.as_type(x, :bf16)), :f32)", [("f32", [n, 3])],
          [np.exp(_bf16(x).astype(np.float64))], (8e-3, 1e-3))
    x = g.data("f32", [n, 3])
    g.add("bf16_sum", "dtypes", [Arg("f32", [n, 3], x)],
          "Nx.as_type(Nx.sum(Nx.as_type(x, :bf16), axes: [1]), :f32)", [("f32", [n])],
          [np.sum(_bf16(x).astype(np.float64), axis=1)], (2e-2, 2e-2))
    x = g.data("s16", [4])
    g.add("bf16_merge_s16", "dtypes", [Arg("s16", [4], x)],
          "Nx.as_type(Nx.as_type(x, :bf16) * x, :f32)", [("f32", [4])],
          [_bf16(x.astype(np.float32) * x.astype(np.float32))])


def gen_joining(g):
    n = Dim("n", int(g.rng.integers(1, 5)))
    a, b = g.data("f32", [2, 3]), g.data("f32", [1, 3])
    _ix(g, "concatenate_axis0", "index", [Arg("f32", [2, 3], a), Arg("f32", [1, 3], b)],
        "Nx.concatenate([x, y])", [("f32", [3, 3])], [np.concatenate([a, b])])
    a, b, c = g.data("s32", [2, 2]), g.data("f32", [2, 1]), g.data("u8", [2, 3])
    _ix(g, "concatenate_merge", "index",
        [Arg("s32", [2, 2], a), Arg("f32", [2, 1], b), Arg("u8", [2, 3], c)],
        "Nx.concatenate([x, y, z], axis: -1)", [("f32", [2, 6])],
        [np.concatenate([a, b, c], axis=1).astype(np.float32)])
    a, b = g.data("f64", [n, 2]), g.data("f64", [n, 3])
    _ix(g, "concatenate_var", "index", [Arg("f64", [n, 2], a), Arg("f64", [n, 3], b)],
        "Nx.concatenate([x, y], axis: 1)", [("f64", [n, 5])], [np.concatenate([a, b], axis=1)])
    a, b = g.data("s64", [3]), g.data("s64", [3])
    _ix(g, "stack_axis0", "index", [Arg("s64", [3], a), Arg("s64", [3], b)],
        "Nx.stack([x, y, x])", [("s64", [3, 3])], [np.stack([a, b, a])])
    a, b = g.data("f32", [n, 2]), g.data("s32", [n, 2])
    _ix(g, "stack_neg_axis", "index", [Arg("f32", [n, 2], a), Arg("s32", [n, 2], b)],
        "Nx.stack([x, y], axis: -1)", [("f32", [n, 2, 2])],
        [np.stack([a, b.astype(np.float32)], axis=-1)])
    x = g.data("f32", [2, 3])
    cfg = [(1, 2, 0), (0, 0, 1)]
    _ix(g, "pad_interior", "index", [Arg("f32", [2, 3], x)],
        "Nx.pad(x, 0.0, [{1, 2, 0}, {0, 0, 1}])", [("f32", [5, 5])], [R.nx_pad(x, 0.0, cfg)])
    x = g.data("s32", [4])
    _ix(g, "pad_negative", "index", [Arg("s32", [4], x)], "Nx.pad(x, 7, [{-1, 2, 1}])",
        [("s32", [8])], [R.nx_pad(x, 7, [(-1, 2, 1)])])
    x = g.data("f64", [n, 2])
    _ix(g, "pad_var_dim", "index", [Arg("f64", [n, 2], x)],
        "Nx.pad(x, 1.5, [{0, 0, 0}, {2, -1, 0}])", [("f64", [n, 3])],
        [R.nx_pad(x, 1.5, [(0, 0, 0), (2, -1, 0)])])
    x, y = g.data("f32", [3]), g.data("f32", [])
    _ix(g, "pad_tensor_value", "index", [Arg("f32", [3], x), Arg("f32", [], y)],
        "Nx.pad(x, y, [{1, 1, 1}])", [("f32", [7])], [R.nx_pad(x, y, [(1, 1, 1)])])
    x = g.data("u8", [3])
    _ix(g, "pad_merge_float", "index", [Arg("u8", [3], x)], "Nx.pad(x, 0.5, [{1, 0, 0}])",
        [("f32", [4])], [R.nx_pad(x.astype(np.float32), 0.5, [(1, 0, 0)])])
    x = g.data("f32", [2, 3, 4])
    _ix(g, "reverse_axes", "index", [Arg("f32", [2, 3, 4], x)], "Nx.reverse(x, axes: [0, 2])",
        [("f32", [2, 3, 4])], [np.flip(x, (0, 2))])
    x = g.data("s32", [n, 3])
    _ix(g, "reverse_all", "index", [Arg("s32", [n, 3], x)], "Nx.reverse(x)",
        [("s32", [n, 3])], [np.flip(x, (0, 1))])
    x = g.data("u8", [1, 5])
    _ix(g, "reverse_neg", "index", [Arg("u8", [1, 5], x)], "Nx.reverse(x, axes: [-1])",
        [("u8", [1, 5])], [np.flip(x, 1)])


def gen_split_diff(g):
    n = Dim("n", int(g.rng.integers(1, 5)))
    x = g.data("f32", [3, 4])
    g.add("split_float", "index", [Arg("f32", [3, 4], x)], "Nx.split(x, 0.75, axis: 1)",
          [("f32", [3, 3]), ("f32", [3, 1])], [x[:, :3], x[:, 3:]], tol_for("f32"))
    x = g.data("s32", [5, n])
    g.add("split_neg_var", "index", [Arg("s32", [5, n], x)], "Nx.split(x, -2)",
          [("s32", [3, n]), ("s32", [2, n])], [x[:3], x[3:]])
    x = g.data("f64", [n, 5])
    _ix(g, "diff_default", "index", [Arg("f64", [n, 5], x)], "Nx.diff(x)",
        [("f64", [n, 4])], [np.diff(x, axis=-1)])
    x = g.data("s64", [4, 2])
    _ix(g, "diff_order2_axis0", "index", [Arg("s64", [4, 2], x)], "Nx.diff(x, order: 2, axis: 0)",
        [("s64", [2, 2])], [np.diff(x, n=2, axis=0)])
    x = g.data("u8", [1, 3])
    _ix(g, "diff_unsigned_wrap", "index", [Arg("u8", [1, 3], x)], "Nx.diff(x, axis: -1)",
        [("u8", [1, 2])], [np.diff(x, axis=-1)])
