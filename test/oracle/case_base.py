"""case_base.py - Shared helpers of the NumPy-oracle cases: dtype tuples, tolerances, Dim/Arg/Case,
the seeded generator Gen and tol_for.
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


def _ix(g, name, group, args, body, results, expected):
    g.add(name, group, args, body, results, expected, tol_for(results[0][0]))
