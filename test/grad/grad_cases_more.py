"""grad_cases_more.py - gradient cases: Nx.LinAlg, statistics built on sort, the remaining
indexing/shape forms, functions (defnp helpers, closures) inside the differentiated function.

LinAlg cases use functions of the factors that do not depend on sign or order conventions
(|diag(R)| of QR, sums over eigenvalues and singular values), so PyTorch's LAPACK results
and nxc's own algorithms are comparable.
"""

import numpy as np
import torch

import torchref as T

F = torch.nn.functional
R = np.random.default_rng(11)
WELL = R.uniform(-1, 1, size=(3, 3)) + 3.0 * np.eye(3)   # well-conditioned, fixed
SPD = WELL @ WELL.T
I3 = torch.eye(3, dtype=torch.float64)


def linalg(b):
    A = [("x", [3, 3], WELL)]
    b.add("determinant", "Nx.LinAlg.determinant", A, "Nx.LinAlg.determinant(x)", lambda x: torch.linalg.det(x))
    b.add("invert", "Nx.LinAlg.invert", A, "Nx.LinAlg.invert(x)", lambda x: torch.linalg.inv(x))
    b.add("solve", "Nx.LinAlg.solve", A + [("y", [3, 2], "any")], "Nx.LinAlg.solve(x, y)",
          lambda x, y: torch.linalg.solve(x, y))
    b.add("cholesky", "Nx.LinAlg.cholesky", [("x", [3, 3], SPD)], "Nx.LinAlg.cholesky((x + Nx.transpose(x)) * 0.5)",
          lambda x: torch.linalg.cholesky((x + x.T) * 0.5))
    b.add("triangular_solve", "Nx.LinAlg.triangular_solve", A + [("y", [3, 2], "any")],
          "Nx.LinAlg.triangular_solve(Nx.tril(x), y)",
          lambda x, y: torch.linalg.solve_triangular(torch.tril(x), y, upper=False))
    b.add("qr", "Nx.LinAlg.qr", A, "{_q, r} = Nx.LinAlg.qr(x)\nNx.abs(Nx.take_diagonal(r))",
          lambda x: torch.linalg.qr(x).R.diagonal().abs())
    b.add("eigh", "Nx.LinAlg.eigh", [("x", [3, 3], SPD)],
          "{l, _v} = Nx.LinAlg.eigh((x + Nx.transpose(x)) * 0.5)\nNx.sum(Nx.exp(l * 0.1))",
          lambda x: torch.exp(torch.linalg.eigvalsh((x + x.T) * 0.5) * 0.1).sum())
    b.add("svd", "Nx.LinAlg.svd", A, "{_u, s, _vt} = Nx.LinAlg.svd(x)\nNx.sum(s * s * s)",
          lambda x: (torch.linalg.svdvals(x) ** 3).sum())
    b.add("matrix_power", "Nx.LinAlg.matrix_power", [("x", [3, 3], "small")], "Nx.LinAlg.matrix_power(x, 3)",
          lambda x: torch.linalg.matrix_power(x, 3))
    b.add("adjoint", "Nx.LinAlg.adjoint", [("x", [2, 3], "any")], "Nx.LinAlg.adjoint(x)", lambda x: x.T)


def stats(b):
    b.add("median", "Nx.median", [("x", [3, 5], "any")], "Nx.median(x, axis: 1)",
          lambda x: torch.median(x, 1).values)
    b.add("covariance", "Nx.covariance", [("x", [5, 3], "any")], "Nx.covariance(x)",
          lambda x: torch.cov(x.T, correction=0))
    b.add("argmin_take", "Nx.argmin", [("x", [3, 4], "any")],
          "Nx.take_along_axis(x, Nx.argmin(x, axis: 0, keep_axis: true), axis: 0)",
          lambda x: torch.gather(x, 0, torch.argmin(x, 0, keepdim=True)))
    b.add("reduce_fn", "Nx.reduce", [("x", [3, 4], "any")],
          "Nx.reduce(x, 0, [axes: [1]], fn e, acc -> e + acc end)", lambda x: x.sum(1),
          note="Nx itself has no gradient for Nx.reduce")


def more_indexing(b):
    b.add("triu", "Nx.triu", [("x", [3, 3], "any")], "Nx.triu(x, k: 1)", lambda x: torch.triu(x, 1))
    b.add("put_diagonal", "Nx.put_diagonal", [("x", [3, 3], "any"), ("y", [3], "any")], "Nx.put_diagonal(x, y)",
          lambda x, y: x * (1 - I3) + torch.diag(y))
    b.add("reflect", "Nx.reflect", [("x", [5], "any")], "Nx.reflect(x, padding_config: [{1, 2}])",
          lambda x: F.pad(x[None, None], (1, 2), mode="reflect")[0, 0])
    b.add("gather_axes", "Nx.gather", [("x", [2, 4, 3], "any"), ("i", [5, 1], np.array([[0], [3], [3], [1], [2]]), False)],
          "Nx.gather(x, i, axes: [1])", lambda x, i: x[:, i[:, 0], :].permute(1, 0, 2))
    b.add("slice_dynamic_start", "Nx.slice_along_axis", [("x", [4, 3], "any"), ("i", [], np.array(1), False)],
          "Nx.slice_along_axis(x, i, 2, axis: 0)", lambda x, i: x[int(i):int(i) + 2])
    b.add("clip_tensor_bound", "Nx.clip", [("x", [2, 3], "any"), ("y", [], "small")], "Nx.clip(x, y, 2.0)",
          lambda x, y: torch.clamp(torch.maximum(x, y), max=2.0))
    b.add("conv_dilated", "Nx.conv", [("x", [1, 1, 6, 6], "any"), ("y", [2, 1, 2, 2], "any")],
          "Nx.conv(x, y, kernel_dilation: 2)", lambda x, y: F.conv2d(x, y, dilation=2))


def functions(b):
    b.add("defnp_helper", "defn call", [("x", [2, 3], "any")], "gh_softplus(x) * 2.0",
          lambda x: F.softplus(x) * 2.0)
    b.cases[-1].defs = ["  defnp gh_softplus(v) do", "    Nx.log1p(Nx.exp(v))", "  end"]
    b.add("capture_loss", "defn call", [("x", [2, 3], "any")], "Nx.sin(x) * x", lambda x: torch.sin(x) * x)
    b.cases[-1].call = "grad(x, &gh_loss(&1, wout))"
    b.cases[-1].defs = ["  defnp gh_loss(v, w) do", "    Nx.sum(Nx.sin(v) * v * w)", "  end"]
    b.add("nested_tuple", "grad", [("x", [2, 3], "any"), ("y", [3], "any"), ("z", [], "any")],
          "Nx.tanh(x * y + z) * z", lambda x, y, z: torch.tanh(x * y + z) * z, mode="vg")
    b.cases[-1].nest = True
    b.add("closure", "fn", [("x", [2, 3], "any"), ("y", [3], "any")],
          "f = fn v -> Nx.sin(v) * y end\nf.(x) + f.(x * x)",
          lambda x, y: torch.sin(x) * y + torch.sin(x * x) * y)


def generate(b):
    for f in (linalg, stats, more_indexing, functions):
        f(b)
