"""cases.py - randomized case generation for the NumPy oracle.

This file implements the case list of test/oracle/oracle.py: for every Nx
function of the first supported set it builds a few cases (one `defn` with its
`@entry` signature, NumPy inputs, and the expected results computed with NumPy
from nxref.py's Nx semantics), varying dtypes, shapes (0-d, size-1 axes,
0-size axes, static and size-variable dims) and options. Everything depends
only on the seed, so case names and data are stable for a given seed.
"""

import numpy as np

import nxref as R

F = ("f32", "f64")
I = ("s32", "s64")

# f32/f64 tolerances (rtol, atol).
TOL = {
    "f32": (1e-5, 1e-6), "f64": (1e-12, 1e-13),
    "f32trans": (1e-5, 1e-6), "f64trans": (1e-10, 1e-12),
    "f32loose": (5e-5, 1e-5), "f64loose": (1e-9, 1e-11),
    # f16 has an 11-bit significand: one rounding of the result is 2^-11.
    "f16": (2e-3, 1e-3), "f16trans": (3e-3, 1e-3),
}


class Dim:
    """A size variable of an entry signature with the size used for this case."""

    def __init__(self, name, size):
        self.name, self.size = name, size

    def __eq__(self, o):
        return isinstance(o, Dim) and o.name == self.name

    def __hash__(self):
        return hash(self.name)


def dsize(d):
    return d.size if isinstance(d, Dim) else d


def dtext(d):
    return d.name if isinstance(d, Dim) else str(d)


def ttext(dtype, dims):
    return "%s[%s]" % (dtype, ", ".join(dtext(d) for d in dims))


class Arg:
    def __init__(self, dtype, dims, array):
        self.dtype, self.dims, self.array = dtype, list(dims), array


class Case:
    def __init__(self, name, group, args, body, results, expected, tol=None):
        self.name, self.group, self.args, self.body = name, group, args, body
        self.results = results          # [(dtype, dims)]
        self.expected = expected        # [np.ndarray], dtype = Nx result dtype
        self.tol = tol                  # None -> from dtype
        self.tuple_result = len(results) > 1

    def params(self):
        return ["x", "y", "z", "w"][: len(self.args)]

    def entry_text(self):
        sig = ", ".join(ttext(a.dtype, a.dims) for a in self.args)
        if self.tuple_result:
            res = "{%s}" % ", ".join(ttext(t, d) for t, d in self.results)
        else:
            res = ttext(*self.results[0])
        lines = ["  @entry %s(%s) :: %s" % (self.name, sig, res),
                 "  defn %s(%s) do" % (self.name, ", ".join(self.params()))]
        lines += ["    " + l for l in self.body.strip().split("\n")]
        lines += ["  end"]
        return lines


def bcast_dims(*dimss):
    rank = max(len(d) for d in dimss)
    out = []
    for i in range(rank):
        cands = [d[len(d) - rank + i] for d in dimss if len(d) - rank + i >= 0]
        pick = 1
        for c in cands:
            if c != 1:
                pick = c
        out.append(pick)
    return out


class Gen:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.cases = []
        self.names = set()

    # ------------------------------------------------------------ helpers
    def pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def data(self, dtype, dims, dom="any"):
        shape = tuple(dsize(d) for d in dims)
        r = self.rng
        if dtype == "pred":
            return r.integers(0, 2, size=shape).astype(np.bool_)
        if R.is_float(dtype):
            lo_hi = {"any": (-3, 3), "pos": (0.1, 4), "unit": (-0.95, 0.95), "tan": (-1.2, 1.2),
                     "log1p": (-0.9, 3), "exp": (-4, 4), "powexp": (-2, 2), "small": (-2, 2)}
            if dom in ("tie", "intlike"):
                v = r.integers(-2, 3, size=shape).astype(np.float64)
            elif dom == "nonzero":
                v = r.uniform(0.5, 3, size=shape) * r.choice([-1, 1], size=shape)
            elif dom == "halves":
                pool = np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999997, -0.49999997,
                                 0.0, -1.0, 2.0, 3.7, -3.7, 1.2, -1.2])
                v = r.choice(pool, size=shape) if shape else np.array(r.choice(pool))
            elif dom == "nan":
                v = r.uniform(-3, 3, size=shape)
                if v.size:
                    v.flat[r.integers(0, v.size, size=max(1, v.size // 3))] = np.nan
            else:
                lo, hi = lo_hi[dom]
                v = r.uniform(lo, hi, size=shape)
            return np.asarray(v).astype(R.NP[dtype])
        # integers
        kind = R.KINDS[dtype][0]
        if kind == "u":
            rng = {"any": (0, 21), "pos": (1, 10), "nonzero": (1, 10), "tie": (0, 4),
                   "powexp": (0, 5), "powbase": (0, 4), "small": (0, 6), "intlike": (0, 3)}
        else:
            rng = {"any": (-9, 10), "pos": (1, 6), "tie": (-2, 3), "powexp": (0, 5),
                   "powbase": (-4, 5), "small": (-2, 3), "intlike": (-2, 3), "nonzero": None}
        lohi = rng.get(dom, rng["any"])
        if lohi is None:
            v = r.integers(1, 6, size=shape) * r.choice([-1, 1], size=shape)
        else:
            v = r.integers(lohi[0], lohi[1], size=shape)
        return np.asarray(v).astype(R.NP[dtype])

    def add(self, name, group, args, body, results, expected, tol=None):
        base, n = name, 2
        while name in self.names:
            name = "%s_%d" % (base, n)
            n += 1
        self.names.add(name)
        exp = []
        for (t, d), e in zip(results, expected):
            e = np.asarray(e)
            if t in R.NP:
                e = e.astype(R.NP[t])
            exp.append(e)
            want = tuple(dsize(x) for x in d)
            assert e.shape == want, (name, e.shape, want)
        self.cases.append(Case(name, group, args, body, results, exp, tol))

    def shapes(self):
        """(tag, dims) shape variants for one operand."""
        n, k = Dim("n", int(self.rng.integers(2, 5))), Dim("k", int(self.rng.integers(1, 5)))
        return [("s23", [2, 3]), ("nk", [n, k]), ("v5", [Dim("n", 5)]), ("s0d", []),
                ("one", [1, 4]), ("empty", [Dim("n", 0), 3]), ("s0", [0, 2]), ("s234", [2, 3, 4])]

    def shape(self, tag):
        return dict(self.shapes())[tag]


def tol_for(dtype, flavor=""):
    if not R.is_float(dtype):
        return None
    return TOL.get(dtype + flavor, TOL[dtype])


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
                  "reduce", [Arg(dt, dims, x)], call, [("s64", odims)], [exp])


# ------------------------------------------------------------------- dot
def gen_dot(g):
    n, k, m, b = Dim("n", 3), Dim("k", 4), Dim("m", 2), Dim("b", 2)
    c2 = [  # tag, (ta, da), (tb, db)
        ("vv_f32", ("f32", [5]), ("f32", [5])),
        ("mm_f32_vars", ("f32", [n, k]), ("f32", [k, m])),
        ("mv_f64", ("f64", [n, k]), ("f64", [k])),
        ("vm_s32", ("s32", [4]), ("s32", [4, 3])),
        ("t3m_f32", ("f32", [2, 3, 4]), ("f32", [4, 2])),
        ("scalar_f32", ("f32", []), ("f32", [2, 3])),
        ("mm_s32_f32", ("s32", [2, 3]), ("f32", [3, 2])),
        ("mm_s64", ("s64", [n, 3]), ("s64", [3, m])),
        ("mm_empty_k", ("f32", [2, Dim("k", 0)]), ("f32", [Dim("k", 0), 3])),
        ("mm_u8", ("u8", [2, 2]), ("u8", [2, 3])),
        ("mm_3d_3d", ("f32", [2, 2, 3]), ("f32", [4, 3, 2])),
    ]
    for tag, (ta, da), (tb, db) in c2:
        x, y = g.data(ta, da, "small"), g.data(tb, db, "small")
        rt = R.merge(ta, tb)
        acc = np.float64 if R.is_float(rt) else R.NP[rt]
        exp = R.nx_dot2(x.astype(acc), y.astype(acc))
        if ta == "f32" and len(da) == 0:
            odims = db
        else:
            odims = da[:-1] + (db[:-2] + db[-1:] if len(db) >= 2 else [])
            if len(da) == 0:
                odims = db
        tol = None
        if R.is_float(rt):
            r, a = tol_for(rt)
            tol = (r, a * 4 * max(1, dsize(da[-1]) if da else 1))
        g.add("dot_%s" % tag, "dot", [Arg(ta, da, x), Arg(tb, db, y)], "Nx.dot(x, y)",
              [(rt, odims)], [exp], tol)
    c6 = [  # tag, (ta, da), ca, ba, (tb, db), cb, bb, out dims
        ("bmm", ("f32", [b, n, k]), [2], [0], ("f32", [b, k, m]), [1], [0], [b, n, m]),
        ("bmm_f64_static", ("f64", [3, 2, 4]), [2], [0], ("f64", [3, 4, 5]), [1], [0], [3, 2, 5]),
        ("two_contract", ("f32", [2, 3, 4]), [1, 2], [], ("f32", [3, 4, 5]), [0, 1], [], [2, 5]),
        ("batch_last", ("s32", [4, 2, 3]), [0], [2], ("s32", [3, 4]), [1], [0], [3, 2]),
        ("outer", ("f32", [3]), [], [], ("f32", [2]), [], [], [3, 2]),
    ]
    for tag, (ta, da), ca, ba, (tb, db), cb, bb, od in c6:
        x, y = g.data(ta, da, "small"), g.data(tb, db, "small")
        rt = R.merge(ta, tb)
        acc = np.float64 if R.is_float(rt) else R.NP[rt]
        exp = R.nx_dot6(x.astype(acc), ca, ba, y.astype(acc), cb, bb)
        lst = lambda v: "[%s]" % ", ".join(map(str, v))
        call = "Nx.dot(x, %s, %s, y, %s, %s)" % (lst(ca), lst(ba), lst(cb), lst(bb))
        tol = None
        if R.is_float(rt):
            r, a = tol_for(rt)
            tol = (r, a * 20)
        g.add("dot6_%s" % tag, "dot", [Arg(ta, da, x), Arg(tb, db, y)], call, [(rt, od)], [exp], tol)


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
    # iota / eye default to s64 (Nx 0.8).
    g.add("iota_flat", "create", [], "Nx.iota({2, 3})", [("s64", [2, 3])],
          [np.arange(6).reshape(2, 3)])
    g.add("iota_axis", "create", [], "Nx.iota({2, 3}, axis: 1)", [("s64", [2, 3])],
          [np.broadcast_to(np.arange(3), (2, 3))])
    g.add("iota_f32_axis0", "create", [], "Nx.iota({3, 2}, axis: 0, type: :f32)", [("f32", [3, 2])],
          [np.broadcast_to(np.arange(3)[:, None], (3, 2))])
    x = g.data("f32", [n, 4])
    g.add("iota_plus_arg", "create", [Arg("f32", [n, 4], x)], "x + Nx.iota({4})", [("f32", [n, 4])],
          [x + np.arange(4)], tol_for("f32"))
    g.add("eye_3", "create", [], "Nx.eye(3)", [("s64", [3, 3])], [np.eye(3)])
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
    # Nx.tensor constants: float lists are f32, integer lists s64 (Nx 0.8).
    x = g.data("f32", [n, 3])
    g.add("tensor_const_f32", "create", [Arg("f32", [n, 3], x)], "x + Nx.tensor([1.0, 2.0, 3.0])",
          [("f32", [n, 3])], [x + np.array([1.0, 2.0, 3.0], np.float32)], tol_for("f32"))
    x = g.data("s32", [2, 2])
    g.add("tensor_const_s64", "create", [Arg("s32", [2, 2], x)], "x * Nx.tensor([[1, 2], [3, 4]])",
          [("s64", [2, 2])], [x.astype(np.int64) * np.array([[1, 2], [3, 4]])])
    x = g.data("f32", [3])
    g.add("tensor_const_f64", "create", [Arg("f32", [3], x)], "x * Nx.tensor(2.5, type: :f64)",
          [("f64", [3])], [x.astype(np.float64) * 2.5], tol_for("f64"))
    g.add("tensor_const_only", "create", [], "Nx.tensor([[1, -2, 3]])",
          [("s64", [1, 3])], [np.array([[1, -2, 3]])])


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


# ------------------------------------------- indexing, sort and scans
def _ix(g, name, group, args, body, results, expected):
    g.add(name, group, args, body, results, expected, tol_for(results[0][0]))


def gen_slicing(g):
    n4, n5 = Dim("n", int(g.rng.integers(2, 6))), Dim("n", 5)
    x = g.data("f32", [4, 6])
    _ix(g, "slice_static", "index", [Arg("f32", [4, 6], x)], "Nx.slice(x, [1, 2], [2, 3])",
        [("f32", [2, 3])], [R.nx_slice(x, [1, 2], [2, 3])])
    x = g.data("s32", [5])
    _ix(g, "slice_clamped", "index", [Arg("s32", [5], x)], "Nx.slice(x, [4], [3])",
        [("s32", [3])], [R.nx_slice(x, [4], [3])])
    x = g.data("f64", [2, 3, 4])
    _ix(g, "slice_strided", "index", [Arg("f64", [2, 3, 4], x)],
        "Nx.slice(x, [0, 1, 0], [2, 2, 4], strides: [1, 1, 2])",
        [("f64", [2, 2, 2])], [R.nx_slice(x, [0, 1, 0], [2, 2, 4], [1, 1, 2])])
    x = g.data("f32", [n4, 3])
    _ix(g, "slice_var_dim", "index", [Arg("f32", [n4, 3], x)], "Nx.slice(x, [1, 0], [1, 3])",
        [("f32", [1, 3])], [R.nx_slice(x, [1, 0], [1, 3])])
    x = g.data("f32", [n5, 3])
    _ix(g, "slice_var_dim_strided", "index", [Arg("f32", [n5, 3], x)],
        "Nx.slice(x, [4, 1], [4, 2], strides: 2)",
        [("f32", [2, 1])], [R.nx_slice(x, [4, 1], [4, 2], [2, 2])])
    for i, sv in enumerate([int(g.rng.integers(-2, 9)), 1, 7]):
        x = g.data("s64", [6, 2])
        y = np.array(sv, np.int32)
        _ix(g, "slice_dynamic_%d" % i, "index", [Arg("s64", [6, 2], x), Arg("s32", [], y)],
            "Nx.slice(x, [y, 0], [3, 2])", [("s64", [3, 2])], [R.nx_slice(x, [sv, 0], [3, 2])])
    x = g.data("f32", [8])
    y = np.array(int(g.rng.integers(0, 8)), np.int64)
    _ix(g, "slice_dynamic_strided", "index", [Arg("f32", [8], x), Arg("s64", [], y)],
        "Nx.slice(x, [y], [5], strides: 2)", [("f32", [3])], [R.nx_slice(x, [y], [5], [2])])
    x = g.data("u8", [1, 4])
    _ix(g, "slice_unit_dim", "index", [Arg("u8", [1, 4], x)], "Nx.slice(x, [0, 1], [1, 2])",
        [("u8", [1, 2])], [R.nx_slice(x, [0, 1], [1, 2])])
    x = g.data("f32", [3, 5])
    _ix(g, "slice_along_axis_neg", "index", [Arg("f32", [3, 5], x)],
        "Nx.slice_along_axis(x, 1, 3, axis: -1)", [("f32", [3, 3])], [x[:, 1:4]])
    x = g.data("f32", [n4, 5])
    _ix(g, "slice_along_axis_var", "index", [Arg("f32", [n4, 5], x)],
        "Nx.slice_along_axis(x, 4, 3, axis: 1, strides: 2)", [("f32", [n4, 2])], [x[:, 2:5:2]])
    x = g.data("s32", [6, 2])
    y = np.array(int(g.rng.integers(-1, 7)), np.int64)
    _ix(g, "slice_along_axis_dynamic", "index", [Arg("s32", [6, 2], x), Arg("s64", [], y)],
        "Nx.slice_along_axis(x, y, 2, axis: 0)", [("s32", [2, 2])], [R.nx_slice(x, [y, 0], [2, 2])])
    # put_slice: starts clamped so that the slice fits; types merged.
    x, u = g.data("f32", [4, 5]), g.data("f32", [2, 2])
    _ix(g, "put_slice_clamped", "index", [Arg("f32", [4, 5], x), Arg("f32", [2, 2], u)],
        "Nx.put_slice(x, [1, 4], y)", [("f32", [4, 5])], [R.nx_put_slice(x, [1, 4], u, np.float32)])
    x, u = g.data("s32", [5]), g.data("f32", [2])
    y = np.array(int(g.rng.integers(-2, 6)), np.int32)
    _ix(g, "put_slice_dynamic_merge", "index", [Arg("s32", [5], x), Arg("f32", [2], u), Arg("s32", [], y)],
        "Nx.put_slice(x, [z], y)", [("f32", [5])], [R.nx_put_slice(x, [y], u, np.float32)])
    x, u = g.data("f64", [n4, 3]), g.data("f64", [1, 3])
    _ix(g, "put_slice_var_dim", "index", [Arg("f64", [n4, 3], x), Arg("f64", [1, 3], u)],
        "Nx.put_slice(x, [1, 0], y)", [("f64", [n4, 3])], [R.nx_put_slice(x, [1, 0], u, np.float64)])


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


def gen_take_gather(g):
    n = Dim("n", int(g.rng.integers(1, 5)))
    x, i = g.data("f32", [4, 3]), g.rng.integers(0, 4, size=(2, 2)).astype(np.int32)
    _ix(g, "take_axis0", "gather", [Arg("f32", [4, 3], x), Arg("s32", [2, 2], i)],
        "Nx.take(x, y)", [("f32", [2, 2, 3])], [np.take(x, i, axis=0)])
    x, i = g.data("s64", [2, 5]), g.rng.integers(0, 5, size=(3,)).astype(np.int64)
    _ix(g, "take_neg_axis", "gather", [Arg("s64", [2, 5], x), Arg("s64", [3], i)],
        "Nx.take(x, y, axis: -1)", [("s64", [2, 3])], [np.take(x, i, axis=1)])
    x, i = g.data("f64", [2, n, 3]), g.rng.integers(0, 3, size=(4,)).astype(np.uint8)
    _ix(g, "take_middle_var", "gather", [Arg("f64", [2, n, 3], x), Arg("u8", [4], i)],
        "Nx.take(x, y, axis: 2)", [("f64", [2, n, 4])], [np.take(x, i, axis=2)])
    x = g.data("f32", [2, 3, 4])
    i = g.rng.integers(0, 3, size=(2, 2, 4)).astype(np.int32)
    _ix(g, "take_middle", "gather", [Arg("f32", [2, 3, 4], x), Arg("s32", [2, 2, 4], i)],
        "Nx.take(x, y, axis: 1)", [("f32", [2, 2, 2, 4, 4])], [np.take(x, i, axis=1)])
    x, i = g.data("f32", [3, 4]), g.rng.integers(0, 4, size=(3, 2)).astype(np.int32)
    _ix(g, "take_along_axis_1", "gather", [Arg("f32", [3, 4], x), Arg("s32", [3, 2], i)],
        "Nx.take_along_axis(x, y, axis: 1)", [("f32", [3, 2])], [np.take_along_axis(x, i, 1)])
    x = g.data("s32", [n, 2])
    i = g.rng.integers(0, n.size, size=(3, 2)).astype(np.int64)
    _ix(g, "take_along_axis_var", "gather", [Arg("s32", [n, 2], x), Arg("s64", [3, 2], i)],
        "Nx.take_along_axis(x, y, axis: 0)", [("s32", [3, 2])], [np.take_along_axis(x, i, 0)])
    x = g.data("f32", [3, 4])
    i = np.stack([g.rng.integers(0, 3, 5), g.rng.integers(0, 4, 5)], -1).astype(np.int64)
    _ix(g, "gather_default_axes", "gather", [Arg("f32", [3, 4], x), Arg("s64", [5, 2], i)],
        "Nx.gather(x, y)", [("f32", [5])], [R.nx_gather(x, i, [0, 1])])
    x, i = g.data("f64", [3, 4, 2]), g.rng.integers(0, 4, size=(2, 1)).astype(np.int32)
    _ix(g, "gather_axes_1", "gather", [Arg("f64", [3, 4, 2], x), Arg("s32", [2, 1], i)],
        "Nx.gather(x, y, axes: [1])", [("f64", [2, 3, 2])], [R.nx_gather(x, i, [1])])
    x, i = g.data("s32", [n, 3]), g.rng.integers(0, 3, size=(2, 2, 1)).astype(np.int64)
    _ix(g, "gather_var_neg_axes", "gather", [Arg("s32", [n, 3], x), Arg("s64", [2, 2, 1], i)],
        "Nx.gather(x, y, axes: [-1])", [("s32", [2, 2, n])], [R.nx_gather(x, i, [1])])


def gen_indexed(g):
    """Nx.indexed_add / Nx.indexed_put (nx.scatter): duplicates, clamping,
    `axes:`, merged types and a size variable."""
    n = Dim("n", int(g.rng.integers(1, 5)))
    x, i, u = g.data("f32", [4, 3]), np.array([[1], [3], [1], [0], [1]], np.int32), g.data("f32", [5, 3])
    _ix(g, "indexed_add_dups", "indexed",
        [Arg("f32", [4, 3], x), Arg("s32", [5, 1], i), Arg("f32", [5, 3], u)],
        "Nx.indexed_add(x, y, z)", [("f32", [4, 3])],
        [R.nx_indexed(x, i, u, [0], "add", np.float32)])
    x, u = g.data("s32", [3, 4]), g.data("s32", [4])
    i = np.array([[2, 1], [0, 7], [2, 1], [-1, 3]], np.int64)
    _ix(g, "indexed_put_dups_clamped", "indexed",
        [Arg("s32", [3, 4], x), Arg("s64", [4, 2], i), Arg("s32", [4], u)],
        "Nx.indexed_put(x, y, z)", [("s32", [3, 4])],
        [R.nx_indexed(x, i, u, [0, 1], "put", np.int32)])
    x, u = g.data("f32", [3, 4, 2]), g.data("s32", [3, 3, 2])
    i = np.array([[2], [2], [0]], np.uint8)
    _ix(g, "indexed_add_axes_merge", "indexed",
        [Arg("f32", [3, 4, 2], x), Arg("u8", [3, 1], i), Arg("s32", [3, 3, 2], u)],
        "Nx.indexed_add(x, y, z, axes: [1])", [("f32", [3, 4, 2])],
        [R.nx_indexed(x, i, u, [1], "add", np.float32)])
    x, u = g.data("s32", [2, 3]), g.data("f64", [2, 2])
    i = np.array([[1], [1]], np.int32)
    _ix(g, "indexed_put_merge", "indexed",
        [Arg("s32", [2, 3], x), Arg("s32", [2, 1], i), Arg("f64", [2, 2], u)],
        "Nx.indexed_put(x, y, z, axes: [-1])", [("f64", [2, 3])],
        [R.nx_indexed(x, i, u, [1], "put", np.float64)])
    x, u = g.data("f64", [n, 3]), g.data("f64", [3, n])
    i = np.array([[2], [0], [2]], np.int64)
    _ix(g, "indexed_add_var", "indexed",
        [Arg("f64", [n, 3], x), Arg("s64", [3, 1], i), Arg("f64", [3, n], u)],
        "Nx.indexed_add(x, y, z, axes: [1])", [("f64", [n, 3])],
        [R.nx_indexed(x, i, u, [1], "add", np.float64)])
    x, u = g.data("s64", [n, 2]), g.data("s64", [2, 2])
    i = g.rng.integers(0, n.size, size=(2, 1)).astype(np.int32)
    _ix(g, "indexed_put_var_rows", "indexed",
        [Arg("s64", [n, 2], x), Arg("s32", [2, 1], i), Arg("s64", [2, 2], u)],
        "Nx.indexed_put(x, y, z)", [("s64", [n, 2])],
        [R.nx_indexed(x, i, u, [0], "put", np.int64)])


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


def _spd(g, dims):
    m = g.rng.uniform(-1, 1, size=tuple(dsize(d) for d in dims))
    k = m.shape[-1]
    return m @ np.swapaxes(m, -1, -2) + k * np.eye(k)


def gen_linalg(g):
    n = Dim("n", int(g.rng.integers(1, 5)))
    for dt, dims in (("f32", [3, 3]), ("f64", [2, 4, 4]), ("f64", [n, n]), ("f32", [1, 1])):
        a = _spd(g, dims).astype(R.NP[dt])
        g.add("cholesky_%s_%s" % (dt, "x".join(dtext(d) for d in dims)), "linalg",
              [Arg(dt, dims, a)], "Nx.LinAlg.cholesky(x)", [(dt, dims)],
              [np.linalg.cholesky(a.astype(np.float64))], tol_for(dt, "loose"))
    a = np.array([[4, 2, 0], [2, 5, 1], [0, 1, 3]], dtype=np.int32)
    g.add("cholesky_s32", "linalg", [Arg("s32", [3, 3], a)], "Nx.LinAlg.cholesky(x)",
          [("f32", [3, 3])], [np.linalg.cholesky(a.astype(np.float64))], tol_for("f32", "loose"))
    variants = [("f32", [3, 3], [3, 2], "", {}),
                ("f64", [4, 4], [4], ", lower: false", {"lower": False}),
                ("f64", [3, 3], [2, 3], ", left_side: false", {"left_side": False}),
                ("f32", [3, 3], [3, 3], ", transform_a: :transpose", {"transpose": True}),
                ("f64", [2, 3, 3], [2, 2, 3],
                 ", left_side: false, lower: false, transform_a: :transpose",
                 {"left_side": False, "lower": False, "transpose": True}),
                ("f64", [n, n], [n, 2], ", lower: true", {})]
    for i, (dt, da, db, opts, kw) in enumerate(variants):
        sa = tuple(dsize(d) for d in da)
        a = g.rng.uniform(-1, 1, size=sa) + 3 * np.eye(sa[-1])
        a = a.astype(R.NP[dt])
        b = g.data(dt, db)
        g.add("triangular_solve_%d_%s" % (i, dt), "linalg", [Arg(dt, da, a), Arg(dt, db, b)],
              "Nx.LinAlg.triangular_solve(x, y%s)" % opts, [(dt, db)],
              [R.nx_triangular_solve(a.astype(np.float64), b.astype(np.float64), **kw)],
              tol_for(dt, "loose"))
    a = np.array([[2, 0], [1, 4]], dtype=np.int32)
    b = np.array([2, 5], dtype=np.int32)
    g.add("triangular_solve_s32", "linalg", [Arg("s32", [2, 2], a), Arg("s32", [2], b)],
          "Nx.LinAlg.triangular_solve(x, y)", [("f32", [2])],
          [R.nx_triangular_solve(a.astype(np.float64), b.astype(np.float64))], tol_for("f32"))


# ------------------------------------- LinAlg factorizations and solvers
def _wellcond(g, dims):
    sa = tuple(dsize(d) for d in dims)
    return g.rng.uniform(-1, 1, size=sa) + 3 * np.eye(sa[-1])


def gen_linalg_factor(g):
    n = Dim("n", int(g.rng.integers(1, 5)))
    def nm(dims):
        return "x".join(dtext(d) for d in dims)
    # solve: matrix and vector right-hand sides, batched, size variables.
    for dt, da, db in (("f32", [3, 3], [3, 2]), ("f64", [4, 4], [4]),
                       ("f64", [2, 3, 3], [2, 3, 2]), ("f64", [2, 3, 3], [2, 3]),
                       ("f64", [n, n], [n, 2])):
        a = _wellcond(g, da).astype(R.NP[dt])
        b = g.data(dt, db)
        a64, b64 = a.astype(np.float64), b.astype(np.float64)
        e = np.linalg.solve(a64, b64[..., None])[..., 0] if len(db) < len(da) \
            else np.linalg.solve(a64, b64)
        g.add("solve_%s_%s_%s" % (dt, nm(da), nm(db)), "linalg",
              [Arg(dt, da, a), Arg(dt, db, b)], "Nx.LinAlg.solve(x, y)", [(dt, db)],
              [e], tol_for(dt, "loose"))
    a = np.array([[3, 1], [1, 2]], dtype=np.int32)
    b = np.array([9, 8], dtype=np.int32)
    g.add("solve_s32", "linalg", [Arg("s32", [2, 2], a), Arg("s32", [2], b)],
          "Nx.LinAlg.solve(x, y)", [("f32", [2])],
          [np.linalg.solve(a.astype(np.float64), b.astype(np.float64))], tol_for("f32", "loose"))
    # invert
    for dt, da in (("f32", [3, 3]), ("f64", [2, 4, 4]), ("f64", [n, n])):
        a = _wellcond(g, da).astype(R.NP[dt])
        g.add("invert_%s_%s" % (dt, nm(da)), "linalg", [Arg(dt, da, a)],
              "Nx.LinAlg.invert(x)", [(dt, da)], [np.linalg.inv(a.astype(np.float64))],
              tol_for(dt, "loose"))
    # lu: against a NumPy getf2 (partial pivoting); p is s64 in Nx.
    for dt, da in (("f64", [4, 4]), ("f32", [3, 3]), ("f64", [2, 3, 3]), ("f64", [n, n])):
        a = g.rng.uniform(-2, 2, size=tuple(dsize(d) for d in da)).astype(R.NP[dt])
        p, l, u = R.nx_lu(a)
        g.add("lu_%s_%s" % (dt, nm(da)), "linalg", [Arg(dt, da, a)],
              "{p, l, u} = Nx.LinAlg.lu(x)\n{p, l, u}",
              [("s64", da), (dt, da), (dt, da)], [p.astype(np.int64), l, u],
              tol_for(dt, "loose"))
    a = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 10]], dtype=np.int32)
    p, l, u = R.nx_lu(a)
    g.add("lu_s32", "linalg", [Arg("s32", [3, 3], a)],
          "{p, l, u} = Nx.LinAlg.lu(x)\n{p, l, u}",
          [("s64", [3, 3]), ("f32", [3, 3]), ("f32", [3, 3])], [p.astype(np.int64), l, u],
          tol_for("f32", "loose"))
    # determinant
    for dt, da in (("f64", [4, 4]), ("f32", [3, 3]), ("f64", [2, 3, 3]), ("f64", [n, n])):
        a = g.rng.uniform(-2, 2, size=tuple(dsize(d) for d in da)).astype(R.NP[dt])
        g.add("determinant_%s_%s" % (dt, nm(da)), "linalg", [Arg(dt, da, a)],
              "Nx.LinAlg.determinant(x)", [(dt, da[:-2])],
              [np.asarray(np.linalg.det(a.astype(np.float64)))], tol_for(dt, "loose"))
    # eigh: eigenvalues in decreasing order.
    for dt, da in (("f64", [4, 4]), ("f32", [3, 3]), ("f64", [2, 3, 3]), ("f64", [n, n])):
        m = g.rng.uniform(-1, 1, size=tuple(dsize(d) for d in da))
        a = (m + np.swapaxes(m, -1, -2)).astype(R.NP[dt])
        e = np.linalg.eigvalsh(a.astype(np.float64))[..., ::-1]
        g.add("eigh_%s_%s" % (dt, nm(da)), "linalg", [Arg(dt, da, a)],
              "{w, _v} = Nx.LinAlg.eigh(x)\nw", [(dt, da[:-1])], [e.copy()],
              tol_for(dt, "loose"))
    # svd: singular values (decreasing); full and reduced u/vt shapes.
    for dt, da, opts in (("f64", [4, 3], ""), ("f32", [3, 3], ""),
                         ("f64", [3, 5], ", full_matrices?: false"), ("f64", [2, 4, 2], "")):
        a = g.rng.uniform(-1, 1, size=tuple(dsize(d) for d in da)).astype(R.NP[dt])
        e = np.linalg.svd(a.astype(np.float64), compute_uv=False)
        g.add("svd_%s_%s" % (dt, nm(da)), "linalg", [Arg(dt, da, a)],
              "{_u, s, _vt} = Nx.LinAlg.svd(x%s)\ns" % opts, [(dt, list(e.shape))], [e],
              tol_for(dt, "loose"))
    # qr: |r| (the signs of r's rows are a convention).
    for dt, da, mode in (("f64", [4, 3], "reduced"), ("f32", [3, 3], "reduced"),
                         ("f64", [4, 3], "complete"), ("f64", [2, 3, 4], "reduced")):
        a = g.rng.uniform(-1, 1, size=tuple(dsize(d) for d in da)).astype(R.NP[dt])
        r = np.abs(np.linalg.qr(a.astype(np.float64), mode=mode)[1])
        g.add("qr_%s_%s_%s" % (mode, dt, nm(da)), "linalg", [Arg(dt, da, a)],
              "{_q, r} = Nx.LinAlg.qr(x, mode: :%s)\nNx.abs(r)" % mode,
              [(dt, list(r.shape))], [r], tol_for(dt, "loose"))


# ------------------------------------------------- windows and convolution
def gen_window(g):
    n = Dim("n", int(g.rng.integers(1, 4)))
    wins = [("sum", "f32", [4, 6], (2, 3), "strides: [2, 3]", dict(strides=[2, 3])),
            ("max", "f32", [4, 6], (3, 3), "padding: :same", dict(padding="same")),
            ("min", "s32", [5, 4], (2, 2), "strides: 2, padding: :same",
             dict(strides=[2, 2], padding="same")),
            ("product", "f64", [3, 5], (2, 2), "padding: [{1, 0}, {0, 2}], window_dilations: [1, 2]",
             dict(padding=[(1, 0), (0, 2)], dil=[1, 2])),
            ("max", "s64", [2, 7], (1, 3), "strides: [1, 2], window_dilations: 2",
             dict(strides=[1, 2], dil=[2, 2])),
            ("sum", "s32", [n, 6], (1, 2), "strides: [1, 2]", dict(strides=[1, 2])),
            ("min", "f64", [6], (4,), "padding: :valid", dict())]
    for i, (op, dt, dims, w, opts, kw) in enumerate(wins):
        x = g.data(dt, dims, "small" if op == "product" else "any")
        e = R.nx_window(x, op, list(w), **kw)
        shp = list(e.shape)
        rd = [d if isinstance(d, Dim) and shp[j] == d.size else shp[j] for j, d in enumerate(dims)]
        g.add("window_%s_%s_%d" % (op, dt, i), "window", [Arg(dt, dims, x)],
              "Nx.window_%s(x, %s, %s)" % (op, "{%s}" % ", ".join(map(str, w)), opts),
              [(dt, rd)], [e], tol_for(dt))
    x = g.data("f32", [4, 6])
    e = R.nx_window(x, "sum", [2, 2], strides=[2, 2]) / 4
    g.add("window_mean_f32", "window", [Arg("f32", [4, 6], x)],
          "Nx.window_mean(x, {2, 2}, strides: 2)", [("f32", [2, 3])], [e], tol_for("f32"))
    x = g.data("s32", [3, 4])
    e = R.nx_window(x, "sum", [3, 3], padding="same") / 9
    g.add("window_mean_s32_same", "window", [Arg("s32", [3, 4], x)],
          "Nx.window_mean(x, {3, 3}, padding: :same)", [("f32", [3, 4])], [e], tol_for("f32"))
    convs = [([2, 3, 5, 5], [4, 3, 3, 3], "padding: :same", dict(padding="same")),
             ([1, 2, 7, 6], [3, 2, 2, 3], "strides: [2, 1], kernel_dilation: [1, 2]",
              dict(strides=[2, 1], kdil=[1, 2])),
             ([2, 1, 6], [2, 1, 3], "padding: [{2, -1}], input_dilation: 2",
              dict(padding=[(2, -1)], idil=[2])),
             ([1, 4, 4, 4], [6, 2, 3, 3], "feature_group_size: 2, padding: [{1, 1}, {0, 1}]",
              dict(fg=2, padding=[(1, 1), (0, 1)])),
             ([4, 2, 5], [4, 2, 2], "batch_group_size: 2", dict(bg=2)),
             ([1, 2, 3, 4, 3], [2, 2, 2, 2, 2], "strides: 2, padding: :same",
              dict(strides=[2, 2, 2], padding="same"))]
    for i, (xs, ks, opts, kw) in enumerate(convs):
        x, k = g.data("f32", xs), g.data("f32", ks)
        e = R.nx_conv(x, k, **kw)
        g.add("conv_%d" % i, "conv", [Arg("f32", xs, x), Arg("f32", ks, k)],
              "Nx.conv(x, y, %s)" % opts, [("f32", list(e.shape))], [e], tol_for("f32", "loose"))
    # integer operands give a float result; permutations (NHWC input, HWIO kernel)
    x, k = g.data("s32", [2, 4, 4, 3]), g.data("s32", [3, 3, 3, 2])
    e = R.nx_conv(x.transpose(0, 3, 1, 2), k.transpose(3, 2, 0, 1), padding="same")
    e = e.transpose(0, 2, 3, 1)
    g.add("conv_permutations_s32", "conv", [Arg("s32", [2, 4, 4, 3], x), Arg("s32", [3, 3, 3, 2], k)],
          "Nx.conv(x, y, padding: :same, input_permutation: [0, 3, 1, 2], "
          "kernel_permutation: [3, 2, 0, 1], output_permutation: [0, 3, 1, 2])",
          [("f32", list(e.shape))], [e], tol_for("f32", "loose"))
    x, s = g.data("f32", [4, 6]), g.data("f32", [2, 3])
    g.add("window_scatter_max", "window", [Arg("f32", [4, 6], x), Arg("f32", [2, 3], s)],
          "Nx.window_scatter_max(x, y, 0.0, {2, 2}, strides: [2, 2])", [("f32", [4, 6])],
          [R.nx_window_scatter(x, s, 0.0, [2, 2], [2, 2], [(0, 0), (0, 0)], "max")], tol_for("f32"))
    x, s = g.data("s32", [5, 5], "tie"), g.data("s32", [3, 3])
    g.add("window_scatter_min_same", "window", [Arg("s32", [5, 5], x), Arg("s32", [3, 3], s)],
          "Nx.window_scatter_min(x, y, 1, {3, 3}, strides: 2, padding: :same)", [("s32", [5, 5])],
          [R.nx_window_scatter(x, s, 1, [3, 3], [2, 2], [(1, 1), (1, 1)], "min")])


def generate(seed):
    g = Gen(seed)
    for fn in (gen_unary_float, gen_unary_same, gen_binary, gen_operators, gen_select_clip,
               gen_reductions, gen_dot, gen_shape, gen_dtypes, gen_slicing, gen_joining,
               gen_sort_scan, gen_take_gather, gen_indexed, gen_split_diff, gen_bitwise, gen_linalg, gen_window,
               gen_linalg_factor, gen_composite2):
        fn(g)
    return g.cases


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
