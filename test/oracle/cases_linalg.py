"""cases_linalg.py - Linear-algebra oracle cases: dot, LinAlg basics, factorizations and solvers.
"""

import numpy as np

import nxref as R
from case_base import Arg, Dim, dsize, dtext, tol_for


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
    # lu: against a NumPy getf2 (partial pivoting); p has the input's dtype in Nx.
    for dt, da in (("f64", [4, 4]), ("f32", [3, 3]), ("f64", [2, 3, 3]), ("f64", [n, n])):
        a = g.rng.uniform(-2, 2, size=tuple(dsize(d) for d in da)).astype(R.NP[dt])
        p, l, u = R.nx_lu(a)
        g.add("lu_%s_%s" % (dt, nm(da)), "linalg", [Arg(dt, da, a)],
              "{p, l, u} = Nx.LinAlg.lu(x)\n{p, l, u}",
              [(dt, da), (dt, da), (dt, da)], [p.astype(R.NP[dt]), l, u],
              tol_for(dt, "loose"))
    a = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 10]], dtype=np.int32)
    p, l, u = R.nx_lu(a)
    g.add("lu_s32", "linalg", [Arg("s32", [3, 3], a)],
          "{p, l, u} = Nx.LinAlg.lu(x)\n{p, l, u}",
          [("s32", [3, 3]), ("f32", [3, 3]), ("f32", [3, 3])], [p.astype(np.int32), l, u],
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
