"""cases_elementwise.py - Element-wise oracle cases: unary, binary, operators, select/clip and bitwise.
"""

import numpy as np

import nxref as R
from case_base import Arg, Dim, bcast_dims, tol_for


# ----------------------------------------------------------------- unary
UNARY_FLOAT = {
    # name: (numpy fn on float64, input domain, tolerance flavor)
    "exp": (np.exp, "exp", "trans"), "expm1": (np.expm1, "exp", "trans"),
    "log": (np.log, "pos", "trans"), "log1p": (np.log1p, "log1p", "trans"),
    "sqrt": (np.sqrt, "pos", ""), "rsqrt": (lambda v: 1 / np.sqrt(v), "pos", "trans"),
    "cbrt": (np.cbrt, "any", "trans"), "sin": (np.sin, "any", "trans"),
    "cos": (np.cos, "any", "trans"), "tan": (np.tan, "tan", "loose"),
    "tanh": (np.tanh, "any", "trans"), "sigmoid": (R.sigmoid, "any", "trans"),
    "erf": (R.erf, "any", "loose"),
}


def gen_unary_float(g):
    extras = ["s32", "u8", "s64", "s0d", "empty", "one", "s234"]
    for i, (op, (fn, dom, fl)) in enumerate(sorted(UNARY_FLOAT.items())):
        variants = [("f32", g.pick(["s23", "s234", "one"])), ("f64", "nk")]
        ex = extras[i % len(extras)]
        variants.append((ex, "v5") if ex in ("s32", "u8", "s64") else ("f32", ex))
        for dt, sh in variants:
            dims = g.shape(sh)
            idom = dom if R.is_float(dt) else {"exp": "small", "tan": "small", "log1p": "pos"}.get(dom, dom)
            x = g.data(dt, dims, idom)
            rt = R.to_floating(dt)
            exp = fn(x.astype(np.float64))
            g.add("%s_%s_%s" % (op, dt, sh), "unary", [R_arg(dt, dims, x)], "Nx.%s(x)" % op,
                  [(rt, dims)], [exp], tol_for(rt, fl))


def R_arg(dt, dims, x):
    return Arg(dt, dims, x)


def gen_unary_same(g):
    ops = {"abs": lambda v: np.abs(v), "negate": lambda v: np.negative(v), "sign": R.nx_sign}
    combos = [("f32", "s23"), ("s32", "nk"), ("u8", "v5"), ("f64", "s0d"), ("s64", "empty"),
              ("s32", "one"), ("f32", "v5")]
    j = 0
    for op, fn in ops.items():
        for _ in range(4):
            dt, sh = combos[j % len(combos)]
            j += 1
            dims = g.shape(sh)
            x = g.data(dt, dims, "any" if dt != "f32" else "tie")
            with np.errstate(over="ignore"):
                exp = fn(x)
            g.add("%s_%s_%s" % (op, dt, sh), "unary", [Arg(dt, dims, x)], "Nx.%s(x)" % op,
                  [(dt, dims)], [exp], tol_for(dt))
    for dt, sh in [("f32", "nk"), ("s32", "s23")]:
        dims = g.shape(sh)
        x = g.data(dt, dims)
        g.add("op_uminus_%s_%s" % (dt, sh), "operator", [Arg(dt, dims, x)], "-x",
              [(dt, dims)], [np.negative(x)], tol_for(dt))
    # floor/ceil/round: floats keep type; integers are returned as is.
    rnd = {"floor": np.floor, "ceil": np.ceil, "round": R.nx_round}
    for op, fn in rnd.items():
        for dt, sh in [("f32", "s234"), ("f64", "nk"), ("s32", "v5")]:
            dims = g.shape(sh)
            x = g.data(dt, dims, "halves")
            g.add("%s_%s_%s" % (op, dt, sh), "unary", [Arg(dt, dims, x)], "Nx.%s(x)" % op,
                  [(dt, dims)], [fn(x)], tol_for(dt))
    for dt, sh in [("f32", "s23"), ("f64", "v5"), ("s32", "nk")]:
        dims = g.shape(sh)
        x = g.data(dt, dims, "nan")
        exp = np.isnan(x) if R.is_float(dt) else np.zeros(x.shape, bool)
        g.add("is_nan_%s_%s" % (dt, sh), "unary", [Arg(dt, dims, x)], "Nx.is_nan(x)",
              [("u8", dims)], [exp])
    for dt, sh in [("f32", "s23"), ("s32", "nk"), ("u8", "v5"), ("pred", "s234"), ("f64", "empty")]:
        dims = g.shape(sh)
        x = g.data(dt, dims, "tie")
        g.add("logical_not_%s_%s" % (dt, sh), "logical", [Arg(dt, dims, x)], "Nx.logical_not(x)",
              [("u8", dims)], [x == 0])
    for dt, sh in [("s32", "s23"), ("pred", "nk")]:
        dims = g.shape(sh)
        x = g.data(dt, dims, "tie")
        g.add("op_not_%s_%s" % (dt, sh), "operator", [Arg(dt, dims, x)], "not x",
              [("u8", dims)], [x == 0])


# ---------------------------------------------------------------- binary
def _binary_pairs(g):
    """(tag, (dtA, dimsA), (dtB, dimsB)) operand pairs."""
    n, k = Dim("n", int(g.rng.integers(2, 5))), Dim("k", int(g.rng.integers(2, 5)))
    z = Dim("n", 0)
    return [
        ("f32_same", ("f32", [2, 3]), ("f32", [2, 3])),
        ("f64_vars", ("f64", [n, k]), ("f64", [n, k])),
        ("s32_row", ("s32", [n, 4]), ("s32", [4])),
        ("s64_scalar", ("s64", []), ("s64", [2, 3])),
        ("u8_same", ("u8", [5]), ("u8", [5])),
        ("f32_outer", ("f32", [n, 1]), ("f32", [1, k])),
        ("s32_f32", ("s32", [n, 3]), ("f32", [n, 3])),
        ("u8_s32", ("u8", [2, 3]), ("s32", [2, 3])),
        ("s32_s64", ("s32", [4]), ("s64", [4])),
        ("f32_f64", ("f32", [3, 1]), ("f64", [3, 2])),
        ("s64_f32", ("s64", [k]), ("f32", [k])),
        ("u8_f32", ("u8", [2, 2]), ("f32", [])),
        ("f32_empty", ("f32", [z, 3]), ("f32", [z, 3])),
        ("f32_one", ("f32", [1, 4]), ("f32", [3, 4])),
    ]


BINARY = {
    # name: (fn(a, b) in the merged dtype, domain a, domain b, result rule, tol flavor)
    "add": (np.add, "any", "any", "merge", ""),
    "subtract": (np.subtract, "any", "any", "merge", ""),
    "multiply": (np.multiply, "any", "any", "merge", ""),
    "divide": (np.divide, "any", "nonzero", "float", ""),
    "pow": (np.power, "powbase", "powexp", "merge", "trans"),
    "min": (np.minimum, "tie", "tie", "merge", ""),
    "max": (np.maximum, "tie", "tie", "merge", ""),
    "remainder": (R.nx_remainder, "any", "nonzero", "merge", ""),
    "atan2": (np.arctan2, "any", "any", "float", "trans"),
}

CMP = {"equal": np.equal, "not_equal": np.not_equal, "less": np.less,
       "less_equal": np.less_equal, "greater": np.greater, "greater_equal": np.greater_equal}
LOGICAL = {"logical_and": np.logical_and, "logical_or": np.logical_or,
           "logical_xor": np.logical_xor}


def _eval_binary(fn, rule, x, y, ta, tb):
    rt = R.merge(ta, tb)
    if rule == "float":
        rt = R.to_floating(rt)
    xa, ya = x.astype(R.NP[rt]), y.astype(R.NP[rt])
    if R.is_float(rt):
        xa, ya = xa.astype(np.float64), ya.astype(np.float64)
    with np.errstate(all="ignore"):
        return rt, fn(xa, ya)


def _float_dom(dom, dt):
    if not R.is_float(dt):
        return dom
    return {"powbase": "pos", "powexp": "powexp"}.get(dom, dom)


def gen_binary(g):
    pairs = _binary_pairs(g)
    j = 0
    for op, (fn, da, db, rule, fl) in BINARY.items():
        for _ in range(5):
            tag, (ta, dimsa), (tb, dimsb) = pairs[j % len(pairs)]
            j += 1
            rt_pre = R.merge(ta, tb)
            x = g.data(ta, dimsa, _float_dom(da, rt_pre if op == "pow" else ta))
            y = g.data(tb, dimsb, _float_dom(db, rt_pre if op == "pow" else tb))
            if op == "pow" and R.is_float(rt_pre):
                # float pow: positive base, small exponent
                x = (np.abs(x) + (0.1 if R.is_float(ta) else 1)).astype(x.dtype)
                if not R.is_float(tb):
                    y = np.clip(y, 0, 3).astype(y.dtype)
            rt, exp = _eval_binary(fn, rule, x, y, ta, tb)
            dims = bcast_dims(dimsa, dimsb)
            g.add("%s_%s" % (op, tag), "binary", [Arg(ta, dimsa, x), Arg(tb, dimsb, y)],
                  "Nx.%s(x, y)" % op, [(rt, dims)], [exp], tol_for(rt, fl))
    for op, fn in CMP.items():
        for _ in range(3):
            tag, (ta, dimsa), (tb, dimsb) = pairs[j % len(pairs)]
            j += 1
            x, y = g.data(ta, dimsa, "tie"), g.data(tb, dimsb, "tie")
            _, exp = _eval_binary(fn, "merge", x, y, ta, tb)
            g.add("%s_%s" % (op, tag), "compare", [Arg(ta, dimsa, x), Arg(tb, dimsb, y)],
                  "Nx.%s(x, y)" % op, [("u8", bcast_dims(dimsa, dimsb))], [exp])
    lpairs = pairs + [("pred_pred", ("pred", [2, 3]), ("pred", [2, 3])),
                      ("pred_f32", ("pred", [Dim("n", 3)]), ("f32", [Dim("n", 3)]))]
    for op, fn in LOGICAL.items():
        for t in ["pred_pred", "pred_f32", None, None]:
            if t is None:
                tag, (ta, dimsa), (tb, dimsb) = pairs[j % len(pairs)]
                j += 1
            else:
                tag, (ta, dimsa), (tb, dimsb) = [p for p in lpairs if p[0] == t][0]
            x, y = g.data(ta, dimsa, "intlike"), g.data(tb, dimsb, "intlike")
            g.add("%s_%s" % (op, tag), "logical", [Arg(ta, dimsa, x), Arg(tb, dimsb, y)],
                  "Nx.%s(x, y)" % op, [("u8", bcast_dims(dimsa, dimsb))], [fn(x != 0, y != 0)])


def gen_operators(g):
    n, k = Dim("n", 3), Dim("k", 2)
    ops = [("+", np.add, "merge", "any"), ("-", np.subtract, "merge", "any"),
           ("*", np.multiply, "merge", "any"), ("/", np.divide, "float", "nonzero"),
           ("**", np.power, "merge", "pow")]
    for sym, fn, rule, dom in ops:
        for ta, tb in [("f32", "f32"), ("s32", "s32")]:
            dimsa, dimsb = [n, k], [k]
            if dom == "pow":
                x = g.data(ta, dimsa, "pos" if R.is_float(ta) else "powbase")
                y = g.data(tb, dimsb, "powexp")
            else:
                x, y = g.data(ta, dimsa), g.data(tb, dimsb, dom)
            rt, exp = _eval_binary(fn, rule, x, y, ta, tb)
            g.add("op_%s_%s" % (fn.__name__, ta), "operator", [Arg(ta, dimsa, x), Arg(tb, dimsb, y)],
                  "x %s y" % sym, [(rt, [n, k])], [exp], tol_for(rt, "trans" if sym == "**" else ""))
    cmp_types = [("f32", "f32"), ("s32", "f32"), ("s64", "s64"), ("u8", "s32"), ("f64", "f32"), ("s32", "s32")]
    for i, (sym, fn) in enumerate([("==", np.equal), ("!=", np.not_equal), ("<", np.less),
                                   ("<=", np.less_equal), (">", np.greater), (">=", np.greater_equal)]):
        ta, tb = cmp_types[i]
        x, y = g.data(ta, [n], "tie"), g.data(tb, [n], "tie")
        _, exp = _eval_binary(fn, "merge", x, y, ta, tb)
        g.add("op_%s_%s_%s" % (fn.__name__, ta, tb), "operator", [Arg(ta, [n], x), Arg(tb, [n], y)],
              "x %s y" % sym, [("u8", [n])], [exp])
    for sym, fn in [("and", np.logical_and), ("or", np.logical_or)]:
        x, y = g.data("s32", [2, 3], "intlike"), g.data("f32", [2, 3], "intlike")
        g.add("op_%s" % sym, "operator", [Arg("s32", [2, 3], x), Arg("f32", [2, 3], y)],
              "x %s y" % sym, [("u8", [2, 3])], [fn(x != 0, y != 0)])
    # Literals are weakly typed (Nx.Type.merge_number): s32 * 2 stays s32,
    # s32 + 1.5 becomes f32, u8 with a small non-negative literal stays u8.
    lits = [("int_times_int", "s32", "x * 2", lambda x: x * 2, "s32"),
            ("int_plus_float", "s32", "x + 1.5", lambda x: x.astype(np.float64) + 1.5, "f32"),
            ("u8_int_plus", "u8", "2 + x", lambda x: x + 2, "u8"),
            ("s64_minus_int", "s64", "x - 3", lambda x: x - 3, "s64"),
            ("f64_mixed", "f64", "x * 0.5 + 1", lambda x: x * 0.5 + 1, "f64"),
            ("int_div_int", "s32", "x / 2", lambda x: x.astype(np.float64) / 2, "f32"),
            ("f32_pow_int", "f32", "x ** 2", lambda x: x.astype(np.float64) ** 2, "f32"),
            ("int_pow_s32", "s32", "2 ** x", lambda x: 2 ** x, "s32")]
    for tag, dt, expr, fn, rt in lits:
        x = g.data(dt, [n, 2], "powexp" if "**" in expr else "any")
        g.add("literal_%s" % tag, "operator",
              [Arg(dt, [n, 2], x)], expr, [(rt, [n, 2])], [fn(x)], tol_for(rt))


# ------------------------------------------------------ select and clip
def gen_select_clip(g):
    n = Dim("n", 4)
    x, y = g.data("f32", [n, 3]), g.data("f32", [n, 3])
    g.add("select_cmp_f32", "select", [Arg("f32", [n, 3], x), Arg("f32", [n, 3], y)],
          "Nx.select(x > y, x, y)", [("f32", [n, 3])], [np.where(x > y, x, y)], tol_for("f32"))
    p, a, b = g.data("pred", [2, 3]), g.data("s32", [2, 3]), g.data("s32", [2, 3])
    g.add("select_pred_s32", "select", [Arg("pred", [2, 3], p), Arg("s32", [2, 3], a), Arg("s32", [2, 3], b)],
          "Nx.select(x, y, z)", [("s32", [2, 3])], [np.where(p, a, b)])
    p, a, b = g.data("u8", [n], "intlike"), g.data("s32", [n]), g.data("f64", [])
    g.add("select_u8_mixed_bcast", "select", [Arg("u8", [n], p), Arg("s32", [n], a), Arg("f64", [], b)],
          "Nx.select(x, y, z)", [("f64", [n])], [np.where(p != 0, a.astype(np.float64), b)], tol_for("f64"))
    x = g.data("f32", [n, 2])
    g.add("select_float_literals", "select", [Arg("f32", [n, 2], x)],
          "Nx.select(x < 0, 0.0, x)", [("f32", [n, 2])], [np.where(x < 0, 0, x)], tol_for("f32"))
    p, a = g.data("s32", [], "intlike"), g.data("f32", [2, 2])
    g.add("select_scalar_pred", "select", [Arg("s32", [], p), Arg("f32", [2, 2], a)],
          "Nx.select(x, y, -y)", [("f32", [2, 2])], [np.where(p != 0, a, -a)], tol_for("f32"))
    x = g.data("f32", [n, 3])
    g.add("clip_f32_literals", "clip", [Arg("f32", [n, 3], x)], "Nx.clip(x, -0.5, 1.25)",
          [("f32", [n, 3])], [np.clip(x, -0.5, 1.25)], tol_for("f32"))
    x = g.data("f64", [5])
    g.add("clip_f64_literals", "clip", [Arg("f64", [5], x)], "Nx.clip(x, -1.0, 1.0)",
          [("f64", [5])], [np.clip(x, -1.0, 1.0)], tol_for("f64"))
    x = g.data("s32", [n, 2])
    lo, hi = np.array(-3, np.int32), np.array(4, np.int32)
    g.add("clip_s32_tensor_bounds", "clip", [Arg("s32", [n, 2], x), Arg("s32", [], lo), Arg("s32", [], hi)],
          "Nx.clip(x, y, z)", [("s32", [n, 2])], [np.clip(x, lo, hi)])
    # nxc treats literal bounds of Nx.clip like literal operands of `+`:
    # weakly typed, so clip(s32, 0, 5) stays s32 (Nx >= 0.9 gives s32 too,
    # since its integer literals are s32; docs/language.md explains the rule).
    x = g.data("s32", [6])
    g.add("clip_s32_int_literals", "clip", [Arg("s32", [6], x)], "Nx.clip(x, 0, 5)",
          [("s32", [6])], [np.clip(x, 0, 5).astype(np.int32)])
    x, lo = g.data("u8", [2, 3]), np.array(1.5, np.float32)
    g.add("clip_u8_f32_bound", "clip", [Arg("u8", [2, 3], x), Arg("f32", [], lo)],
          "Nx.clip(x, y, 10.0)", [("f32", [2, 3])], [np.clip(x.astype(np.float32), 1.5, 10.0)], tol_for("f32"))


def gen_bitwise(g):
    n = Dim("n", int(g.rng.integers(1, 5)))
    pairs = [("s32", "s32", [2, 3]), ("u8", "s32", [n, 3]), ("s64", "s64", [4]),
             ("u16", "u16", [2, 2]), ("s8", "s8", [])]
    for op, fn in (("and", np.bitwise_and), ("or", np.bitwise_or), ("xor", np.bitwise_xor)):
        for ta, tb, dims in pairs:
            x, y = g.data(ta, dims), g.data(tb, dims)
            rt = R.merge(ta, tb)
            g.add("bitwise_%s_%s_%s" % (op, ta, tb), "bitwise", [Arg(ta, dims, x), Arg(tb, dims, y)],
                  "Nx.bitwise_%s(x, y)" % op, [(rt, dims)],
                  [fn(x.astype(R.NP[rt]), y.astype(R.NP[rt]))])
    for dt in ("s32", "u8", "s64", "u32"):
        x = g.data(dt, [n, 2])
        g.add("bitwise_not_%s" % dt, "bitwise", [Arg(dt, [n, 2], x)], "Nx.bitwise_not(x)",
              [(dt, [n, 2])], [np.invert(x)])
        g.add("population_count_%s" % dt, "bitwise", [Arg(dt, [n, 2], x)],
              "Nx.population_count(x)", [(dt, [n, 2])], [R.nx_population_count(x)])
        g.add("count_leading_zeros_%s" % dt, "bitwise", [Arg(dt, [n, 2], x)],
              "Nx.count_leading_zeros(x)", [(dt, [n, 2])], [R.nx_count_leading_zeros(x)])
    for dt in ("s32", "u8", "s8", "u64", "s64"):
        bits = int(dt[1:])
        x = g.data(dt, [12])
        if R.KINDS[dt][0] == "s":
            x[:4] = np.array([-7, -1, 5, -128 if bits == 8 else -100000], dtype=x.dtype)
        y = np.array([0, 1, 3, bits - 1, bits, bits + 5, 2, 7, 1, 0, bits - 1, 4]).astype(R.NP[dt])
        if R.KINDS[dt][0] == "s":
            y[9] = -1
        for op, left in (("left_shift", True), ("right_shift", False)):
            g.add("%s_%s" % (op, dt), "bitwise", [Arg(dt, [12], x), Arg(dt, [12], y)],
                  "Nx.%s(x, y)" % op, [(dt, [12])], [R.nx_shift(x, y, left)])
    x = g.data("s32", [3])
    g.add("left_shift_number", "bitwise", [Arg("s32", [3], x)], "Nx.left_shift(x, 2)",
          [("s32", [3])], [R.nx_shift(x, np.full(3, 2, np.int32), True)])
    x = g.data("f32", [2, 3])
    g.add("bitcast_f32_s32", "bitwise", [Arg("f32", [2, 3], x)], "Nx.bitcast(x, :s32)",
          [("s32", [2, 3])], [x.view(np.int32)])
    x = g.data("s8", [n])
    g.add("bitcast_s8_u8", "bitwise", [Arg("s8", [n], x)], "Nx.bitcast(x, {:u, 8})",
          [("u8", [n])], [x.view(np.uint8)])
    x = g.data("u64", [2])
    g.add("bitcast_u64_f64", "bitwise", [Arg("u64", [2], x)], "Nx.bitcast(x, :f64)",
          [("f64", [2])], [x.view(np.float64)])
