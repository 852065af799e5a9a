"""grad_cases_linalg.py - gradient cases of the Nx.LinAlg prims (frontend/GradRulesLinAlg.cpp).

triangular_solve with every left_side/lower/transform_a combination, vector and batched b;
cholesky, lu, qr (reduced tall/square/wide, complete), eigh and svd (reduced and full, tall,
square and wide), batched, and the functions built on them (determinant, log|det|, invert,
solve, matrix_power, the nuclear and -2 norms, pinv, least_squares), against torch.linalg.

Factorizations are compared through functions that do not depend on sign conventions, as
PyTorch's own tests do: R's and Q's columns scaled by sign(diag(R)), |U|, |V|, U Vᵀ,
eigenvalues, V diag(h(w)) Vᵀ, projectors onto the extra columns of a complete Q or full U.
The matrices are fixed well-conditioned draws (distinct eigen/singular values).
"""

import numpy as np
import torch

R = np.random.default_rng(5)


def well(n, batch=()):
    """A well-conditioned, non-symmetric matrix (batch of)."""
    return R.uniform(-1, 1, size=batch + (n, n)) + 3.0 * np.eye(n)


def spd(n, batch=()):
    w = well(n, batch)
    return w @ np.swapaxes(w, -1, -2)


def rect(m, n, batch=()):
    return R.uniform(-1, 1, size=batch + (m, n))


def dynamic(b, name, group, args, expr, ref, pre=""):
    """A case with run-time sizes: the loss is sum(sin(out)), needing no weight of static shape."""
    b.add(name, group, args, pre + "Nx.sum(Nx.sin(%s))" % expr, lambda **ts: torch.sin(ref(**ts)).sum(), weight=False)


def sym_nx(x="x"):
    return "(%s + Nx.LinAlg.adjoint(%s)) * 0.5" % (x, x)


def sym(x):
    return (x + x.mT) * 0.5


# ------------------------------------------------------- triangular_solve
def tsolve(a, b, left=True, lower=True, trans=False):
    """Nx.LinAlg.triangular_solve: op(a) x = b (left) or x op(a) = b; a's other triangle unread."""
    vec = b.dim() == a.dim() - 1
    if vec:
        b = b.unsqueeze(-1 if left else -2)
    a = torch.tril(a) if lower else torch.triu(a)
    if trans:
        a, lower = a.mT, not lower
    x = torch.linalg.solve_triangular(a, b, upper=not lower, left=left)
    return x.squeeze(-1 if left else -2) if vec else x


def triangular(b):
    combos = [(True, True, False), (True, False, False), (True, True, True), (True, False, True),
              (False, True, False), (False, False, False), (False, True, True), (False, False, True)]
    for left, lower, trans in combos:
        name = "la_tsolve_%s_%s%s" % ("left" if left else "right", "lower" if lower else "upper",
                                      "_t" if trans else "")
        opts = "left_side: %s, lower: %s, transform_a: %s" % (
            str(left).lower(), str(lower).lower(), ":transpose" if trans else ":none")
        bshape = [3, 2] if left else [2, 3]
        b.add(name, "Nx.LinAlg.triangular_solve", [("x", [3, 3], well(3)), ("y", bshape, "any")],
              "Nx.LinAlg.triangular_solve(x, y, %s)" % opts,
              lambda x, y, l=left, lo=lower, t=trans: tsolve(x, y, l, lo, t), f32=(left and lower and not trans))
    b.add("la_tsolve_vector_left", "Nx.LinAlg.triangular_solve", [("x", [4, 4], well(4)), ("y", [4], "any")],
          "Nx.LinAlg.triangular_solve(x, y, transform_a: :transpose)", lambda x, y: tsolve(x, y, trans=True))
    b.add("la_tsolve_vector_right", "Nx.LinAlg.triangular_solve", [("x", [3, 3], well(3)), ("y", [3], "any")],
          "Nx.LinAlg.triangular_solve(x, y, left_side: false, lower: false)",
          lambda x, y: tsolve(x, y, left=False, lower=False))
    b.add("la_tsolve_batched", "Nx.LinAlg.triangular_solve",
          [("x", [2, 3, 3], well(3, (2,))), ("y", [2, 3, 4], "any")],
          "Nx.LinAlg.triangular_solve(x, y, lower: false, transform_a: :transpose)",
          lambda x, y: tsolve(x, y, lower=False, trans=True))
    b.add("la_tsolve_batched_vector_right", "Nx.LinAlg.triangular_solve",
          [("x", [2, 3, 3], well(3, (2,))), ("y", [2, 3], "any")],
          "Nx.LinAlg.triangular_solve(x, y, left_side: false, transform_a: :transpose)",
          lambda x, y: tsolve(x, y, left=False, trans=True))
    b.add("la_tsolve_b_only", "Nx.LinAlg.triangular_solve", [("x", [3, 3], well(3), False), ("y", [3, 2], "any")],
          "Nx.LinAlg.triangular_solve(x, y, left_side: true)", lambda x, y: tsolve(x, y))
    dynamic(b, "la_tsolve_dynamic", "Nx.LinAlg.triangular_solve",
            [("x", [("n", 4), ("n", 4)], well(4)), ("y", [("n", 4), 2], "any")],
            "Nx.LinAlg.triangular_solve(x, y, lower: false)", lambda x, y: tsolve(x, y, lower=False))


# ------------------------------------------------------- factorizations
def qr_fixed(x, mode="reduced"):
    """QR with R's diagonal made positive (the unique factorization)."""
    q, r = torch.linalg.qr(x)
    d = torch.sign(torch.diagonal(r, dim1=-2, dim2=-1))
    return q * d.unsqueeze(-2), r * d.unsqueeze(-1)


QR_FIX = ("{q, r} = Nx.LinAlg.qr(x%s)\n"
          "d = Nx.sign(Nx.take_diagonal(r))\n")


def factorizations(b):
    b.add("la_cholesky_l", "Nx.LinAlg.cholesky", [("x", [4, 4], spd(4))],
          "Nx.LinAlg.cholesky(%s)" % sym_nx(), lambda x: torch.linalg.cholesky(sym(x)), f32=True)
    b.add("la_cholesky_batched", "Nx.LinAlg.cholesky", [("x", [2, 3, 3], spd(3, (2,)))],
          "Nx.LinAlg.cholesky(%s)" % sym_nx(), lambda x: torch.linalg.cholesky(sym(x)))
    b.add("la_cholesky_logdet", "Nx.LinAlg.cholesky", [("x", [3, 3], spd(3))],
          "l = Nx.LinAlg.cholesky(%s)\nNx.sum(Nx.log(Nx.take_diagonal(l))) * 2.0" % sym_nx(),
          lambda x: torch.logdet(sym(x)), weight=False)
    dynamic(b, "la_cholesky_dynamic", "Nx.LinAlg.cholesky", [("x", [("n", 3), ("n", 3)], spd(3))],
            "Nx.LinAlg.cholesky(%s)" % sym_nx(), lambda x: torch.linalg.cholesky(sym(x)))
    dynamic(b, "la_lu_dynamic", "Nx.LinAlg.lu", [("x", [("n", 3), ("n", 3)], rect(3, 3))],
            "u", lambda x: torch.linalg.lu(x)[2], pre="{_p, _l, u} = Nx.LinAlg.lu(x)\n")
    dynamic(b, "la_qr_dynamic", "Nx.LinAlg.qr", [("x", [("n", 3), ("n", 3)], rect(3, 3))],
            "Nx.abs(r)", lambda x: torch.linalg.qr(x)[1].abs(), pre="{_q, r} = Nx.LinAlg.qr(x)\n")
    dynamic(b, "la_eigh_dynamic", "Nx.LinAlg.eigh", [("x", [("n", 3), ("n", 3)], rect(3, 3))],
            "w", lambda x: torch.linalg.eigvalsh(sym(x)), pre="{w, _v} = Nx.LinAlg.eigh(%s)\n" % sym_nx())
    dynamic(b, "la_svd_dynamic_batch", "Nx.LinAlg.svd", [("x", [("b", 2), 4, 3], rect(4, 3, (2,)))],
            "s", lambda x: torch.linalg.svdvals(x) ** 2, pre="{_u, s, _vt} = Nx.LinAlg.svd(x, full_matrices?: false)\ns = s * s\n")
    dynamic(b, "la_qr_dynamic_batch", "Nx.LinAlg.qr", [("x", [("b", 2), 4, 3], rect(4, 3, (2,)))],
            "Nx.abs(r)", lambda x: torch.linalg.qr(x)[1].abs(), pre="{_q, r} = Nx.LinAlg.qr(x)\n")
    dynamic(b, "la_svd_dynamic", "Nx.LinAlg.svd", [("x", [("n", 3), ("n", 3)], rect(3, 3))],
            "s", lambda x: torch.linalg.svdvals(x), pre="{_u, s, _vt} = Nx.LinAlg.svd(x)\n")

    def lu_ref(x, which):
        p, l, u = torch.linalg.lu(x)
        return {"l": l, "u": u, "lu": l + u}[which]
    b.add("la_lu_l", "Nx.LinAlg.lu", [("x", [4, 4], well(4))], "{_p, l, _u} = Nx.LinAlg.lu(x)\nl",
          lambda x: lu_ref(x, "l"))
    b.add("la_lu_u", "Nx.LinAlg.lu", [("x", [4, 4], rect(4, 4))], "{_p, _l, u} = Nx.LinAlg.lu(x)\nu",
          lambda x: lu_ref(x, "u"))
    b.add("la_lu_batched", "Nx.LinAlg.lu", [("x", [2, 3, 3], rect(3, 3, (2,)))],
          "{_p, l, u} = Nx.LinAlg.lu(x)\nl + u", lambda x: lu_ref(x, "lu"), f32=True)

    for name, shape, mode in [("la_qr_tall", [4, 3], ""), ("la_qr_square", [3, 3], ""),
                              ("la_qr_wide", [3, 5], ""), ("la_qr_batched", [2, 4, 2], "")]:
        x = rect(*shape[-2:], tuple(shape[:-2]))
        b.add(name + "_q", "Nx.LinAlg.qr", [("x", shape, x)],
              QR_FIX % mode + "q * Nx.new_axis(d, -2)", lambda x: qr_fixed(x)[0])
        b.add(name + "_r", "Nx.LinAlg.qr", [("x", shape, x)],
              QR_FIX % mode + "r * Nx.new_axis(d, -1)", lambda x: qr_fixed(x)[1])
    b.add("la_qr_complete_square", "Nx.LinAlg.qr", [("x", [3, 3], rect(3, 3))],
          QR_FIX % ", mode: :complete" + "Nx.dot(q * d, r * Nx.new_axis(d, 1)) + r * Nx.new_axis(d, 1)",
          lambda x: (lambda q, r: q @ r + r)(*qr_fixed(x)))
    xc = rect(4, 2)
    b.add("la_qr_complete_tall_r", "Nx.LinAlg.qr", [("x", [4, 2], xc)],
          "{q, r} = Nx.LinAlg.qr(x, mode: :complete)\n"
          "r1 = Nx.slice(r, [0, 0], [2, 2])\nd = Nx.sign(Nx.take_diagonal(r1))\n"
          "Nx.concatenate([r1 * Nx.new_axis(d, 1), Nx.slice(q, [0, 0], [4, 2]) * d])",
          lambda x: (lambda q, r: torch.cat([r, q]))(*qr_fixed(x)))
    b.add("la_qr_complete_tall_q2", "Nx.LinAlg.qr", [("x", [4, 2], xc)],
          "{q, _r} = Nx.LinAlg.qr(x, mode: :complete)\nq2 = Nx.slice(q, [0, 2], [4, 2])\n"
          "Nx.dot(q2, Nx.transpose(q2))",
          lambda x: (lambda q: torch.eye(4, dtype=x.dtype) - q @ q.T)(qr_fixed(x)[0]))

    EIGH = "{w, v} = Nx.LinAlg.eigh(%s)\n" % sym_nx()
    eig = lambda x: torch.linalg.eigh(sym(x))
    # nxc's eigenvalues are not sorted: sort them, weight columns by a function of theirs.
    b.add("la_eigh_values", "Nx.LinAlg.eigh", [("x", [4, 4], rect(4, 4))], EIGH + "Nx.sort(w)",
          lambda x: eig(x)[0], f32=True)
    b.add("la_eigh_abs_vectors", "Nx.LinAlg.eigh", [("x", [4, 4], rect(4, 4))],
          EIGH + "Nx.sum(Nx.abs(v) * Nx.exp(w * 0.3), axes: [1])",
          lambda x: (lambda w, v: (v.abs() * torch.exp(w * 0.3)).sum(1))(*eig(x)))
    b.add("la_eigh_function", "Nx.LinAlg.eigh", [("x", [3, 3], rect(3, 3))],
          EIGH + "Nx.dot(v * Nx.exp(w * 0.5), Nx.transpose(v))",
          lambda x: (lambda w, v: (v * torch.exp(w * 0.5)) @ v.T)(*eig(x)))
    b.add("la_eigh_batched", "Nx.LinAlg.eigh", [("x", [2, 3, 3], rect(3, 3, (2,)))],
          EIGH + "Nx.sum(Nx.abs(v) * Nx.new_axis(w, 1), axes: [2])",
          lambda x: (lambda w, v: (v.abs() * w.unsqueeze(1)).sum(2))(*eig(x)))

    def svd_ref(x, what, full=False):
        u, s, vt = torch.linalg.svd(x, full_matrices=full)
        if what == "s":
            return s
        if what == "abs":
            k = s.shape[-1]
            return torch.cat([u[..., :k].abs().flatten(-2), vt[..., :k, :].abs().flatten(-2)], -1)
        if what == "polar":
            k = s.shape[-1]
            return u[..., :k] @ vt[..., :k, :]
        # u2 u2ᵀ of a full U, as I - u1 u1ᵀ: PyTorch ignores the gradient of U's extra columns
        return torch.eye(u.shape[-2], dtype=u.dtype) - u @ u.mT
    ABS = ("Nx.concatenate([Nx.flatten(Nx.abs(u)), Nx.flatten(Nx.abs(vt))])")
    for name, shape in [("la_svd_tall", [4, 3]), ("la_svd_square", [3, 3]), ("la_svd_wide", [2, 4])]:
        x = rect(*shape)
        SVD = "{u, s, vt} = Nx.LinAlg.svd(x, full_matrices?: false)\n"
        b.add(name + "_s", "Nx.LinAlg.svd", [("x", shape, x)], SVD + "s", lambda x: svd_ref(x, "s"))
        b.add(name + "_abs", "Nx.LinAlg.svd", [("x", shape, x)], SVD + ABS, lambda x: svd_ref(x, "abs"))
        b.add(name + "_polar", "Nx.LinAlg.svd", [("x", shape, x)], SVD + "Nx.dot(u, vt)",
              lambda x: svd_ref(x, "polar"))
    b.add("la_svd_batched", "Nx.LinAlg.svd", [("x", [2, 3, 3], rect(3, 3, (2,)))],
          "{u, s, vt} = Nx.LinAlg.svd(x)\nNx.dot(u, [2], [0], vt, [1], [0]) + Nx.new_axis(s, 1)",
          lambda x: (lambda u, s, vt: u @ vt + s.unsqueeze(1))(*torch.linalg.svd(x)), f32=True)
    b.add("la_svd_batched_wide", "Nx.LinAlg.svd", [("x", [2, 2, 3], rect(2, 3, (2,)))],
          "{u, s, vt} = Nx.LinAlg.svd(x, full_matrices?: false)\n"
          "Nx.dot(u, [2], [0], vt, [1], [0]) + Nx.new_axis(s, 2)",
          lambda x: (lambda u, s, vt: u @ vt + s.unsqueeze(2))(*torch.linalg.svd(x, full_matrices=False)))
    b.add("la_qr_batched_wide", "Nx.LinAlg.qr", [("x", [2, 2, 4], rect(2, 4, (2,)))],
          QR_FIX % "" + "r * Nx.new_axis(d, -1) + Nx.dot(q, [2], [0], r, [1], [0])",
          lambda x: (lambda q, r: r + q @ r)(*qr_fixed(x)))
    xf = rect(4, 2)
    b.add("la_svd_full_tall", "Nx.LinAlg.svd", [("x", [4, 2], xf)],
          "{u, s, vt} = Nx.LinAlg.svd(x)\nu1 = Nx.slice(u, [0, 0], [4, 2])\nu2 = Nx.slice(u, [0, 2], [4, 2])\n"
          "Nx.dot(u2, Nx.transpose(u2)) + Nx.sum(Nx.abs(u1)) + Nx.sum(s * s * s)",
          lambda x: svd_ref(x, "u2") + torch.linalg.svd(x, full_matrices=False)[0].abs().sum()
          + (svd_ref(x, "s") ** 3).sum())
    b.add("la_svd_full_wide", "Nx.LinAlg.svd", [("x", [2, 3], rect(2, 3))],
          "{u, s, vt} = Nx.LinAlg.svd(x)\nv2 = Nx.slice(vt, [2, 0], [1, 3])\n"
          "Nx.dot(Nx.transpose(v2), v2) + Nx.sum(s * s * s)",
          lambda x: (lambda vt, s: torch.eye(3, dtype=x.dtype) - vt.T @ vt + (s ** 3).sum())(
              *torch.linalg.svd(x, full_matrices=False)[2:0:-1]))


# ------------------------------------------------------- composites
def composites(b):
    b.add("la_det_batched", "Nx.LinAlg.determinant", [("x", [2, 3, 3], well(3, (2,)))],
          "Nx.LinAlg.determinant(x)", lambda x: torch.linalg.det(x), f32=True)
    b.add("la_logabsdet", "Nx.LinAlg.determinant", [("x", [4, 4], rect(4, 4))],
          "Nx.log(Nx.abs(Nx.LinAlg.determinant(x)))", lambda x: torch.linalg.slogdet(x)[1], weight=False)
    b.add("la_invert_batched", "Nx.LinAlg.invert", [("x", [2, 3, 3], well(3, (2,)))],
          "Nx.LinAlg.invert(x)", lambda x: torch.linalg.inv(x))
    b.add("la_solve_vector", "Nx.LinAlg.solve", [("x", [4, 4], well(4)), ("y", [4], "any")],
          "Nx.LinAlg.solve(x, y)", lambda x, y: torch.linalg.solve(x, y))
    b.add("la_solve_batched", "Nx.LinAlg.solve", [("x", [2, 3, 3], well(3, (2,))), ("y", [2, 3, 2], "any")],
          "Nx.LinAlg.solve(x, y)", lambda x, y: torch.linalg.solve(x, y))
    dynamic(b, "la_solve_dynamic", "Nx.LinAlg.solve",
            [("x", [("n", 3), ("n", 3)], well(3)), ("y", [("n", 3)], "any")],
            "Nx.LinAlg.solve(x, y)", lambda x, y: torch.linalg.solve(x, y))
    b.add("la_matrix_power_neg", "Nx.LinAlg.matrix_power", [("x", [3, 3], well(3))],
          "Nx.LinAlg.matrix_power(x, -2)", lambda x: torch.linalg.matrix_power(x, -2))
    b.add("la_norm_nuclear", "Nx.LinAlg.norm", [("x", [4, 3], rect(4, 3))],
          "Nx.LinAlg.norm(x, ord: :nuclear)", lambda x: torch.linalg.matrix_norm(x, "nuc"), weight=False)
    b.add("la_norm_neg2", "Nx.LinAlg.norm", [("x", [3, 4], rect(3, 4))],
          "Nx.LinAlg.norm(x, ord: -2)", lambda x: torch.linalg.matrix_norm(x, -2), weight=False)
    b.add("la_pinv", "Nx.LinAlg.pinv", [("x", [4, 3], rect(4, 3))], "Nx.LinAlg.pinv(x)",
          lambda x: torch.linalg.pinv(x))
    b.add("la_pinv_wide", "Nx.LinAlg.pinv", [("x", [2, 3], rect(2, 3))], "Nx.LinAlg.pinv(x)",
          lambda x: torch.linalg.pinv(x))
    b.add("la_least_squares", "Nx.LinAlg.least_squares", [("x", [5, 3], rect(5, 3)), ("y", [5], "any")],
          "Nx.LinAlg.least_squares(x, y)", lambda x, y: torch.linalg.pinv(x) @ y)


def _inner_grad(f):
    """The gradient of sum(f(x)) as a differentiable function of x (second order)."""
    def g(x):
        with torch.enable_grad():
            xx = x if x.requires_grad else x.detach().requires_grad_(True)
            return torch.autograd.grad(f(xx).sum(), xx, create_graph=True)[0]
    return g


def second_order(b):
    """grad of a function that takes a grad: the rules' own prims differentiate again."""
    b.add("la_grad2_det", "grad", [("x", [3, 3], well(3))],
          "grad(x, fn y -> Nx.LinAlg.determinant(y) end)", _inner_grad(torch.linalg.det))
    b.add("la_grad2_tsolve", "grad", [("x", [3, 3], well(3))],
          "grad(x, fn y -> Nx.sum(Nx.LinAlg.triangular_solve(y, Nx.iota({3, 2}, type: :f64), "
          "left_side: true, lower: false) ** 2) end)",
          _inner_grad(lambda x: tsolve(x, torch.arange(6, dtype=x.dtype).reshape(3, 2), lower=False) ** 2))
    b.add("la_grad2_cholesky", "grad", [("x", [3, 3], spd(3))],
          "grad(x, fn y -> Nx.sum(Nx.LinAlg.cholesky(%s) ** 2) end)" % sym_nx("y"),
          _inner_grad(lambda x: torch.linalg.cholesky(sym(x)) ** 2))
    b.add("la_grad2_eigh", "grad", [("x", [3, 3], rect(3, 3))],
          "grad(x, &la_eig_cubes/1)", _inner_grad(lambda x: torch.linalg.eigvalsh(sym(x)) ** 3))
    b.cases[-1].defs = ["  defnp la_eig_cubes(y) do", "    {w, _v} = Nx.LinAlg.eigh(%s)" % sym_nx("y"),
                        "    Nx.sum(w ** 3)", "  end"]
    b.add("la_grad2_svd", "grad", [("x", [3, 2], rect(3, 2))],
          "grad(x, &la_sv_cubes/1)", _inner_grad(lambda x: torch.linalg.svdvals(x) ** 3))
    b.cases[-1].defs = ["  defnp la_sv_cubes(y) do", "    {_u, s, _vt} = Nx.LinAlg.svd(y, full_matrices?: false)",
                        "    Nx.sum(s ** 3)", "  end"]


def generate(b):
    triangular(b)
    factorizations(b)
    composites(b)
    second_order(b)
