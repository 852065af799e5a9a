"""grad_cases_math.py - gradient cases: element-wise math, broadcasting, reductions, dot.

Each case names the Nx function it exercises (its group), the Nx source of
`out` in terms of the inputs, and the same computation in PyTorch (torchref
holds the translations that take more than one call and Nx's own gradient
rules where they differ from PyTorch's).
"""

import numpy as np
import torch

import torchref as T

S = [2, 3]


def unary(b):
    ops = [  # (Nx function, torch function, domain, f32 copy)
        ("exp", torch.exp, "exp", True), ("expm1", torch.expm1, "exp", False),
        ("log", torch.log, "pos", True), ("log1p", torch.log1p, "log1p", False),
        ("sqrt", torch.sqrt, "pos", False), ("rsqrt", torch.rsqrt, "pos", False),
        ("cbrt", T.cbrt, "pos", False), ("sin", torch.sin, "any", True),
        ("cos", torch.cos, "any", False), ("tan", torch.tan, "tan", False),
        ("tanh", torch.tanh, "any", True), ("sigmoid", torch.sigmoid, "any", True),
        ("erf", torch.erf, "small", False), ("erfc", torch.erfc, "small", False),
        ("erf_inv", torch.erfinv, "unit", False), ("negate", torch.neg, "any", False),
        ("acos", torch.acos, "unit", False), ("asin", torch.asin, "unit", False),
        ("atan", torch.atan, "any", False), ("acosh", torch.acosh, "big1", False),
        ("asinh", torch.asinh, "any", False), ("atanh", torch.atanh, "unit", False),
        ("cosh", torch.cosh, "small", False), ("sinh", torch.sinh, "small", False),
        ("log2", torch.log2, "pos", False), ("log10", torch.log10, "pos", False),
        ("sign", torch.sign, "any", False), ("floor", torch.floor, "any", False),
        ("ceil", torch.ceil, "any", False), ("round", torch.round, "any", False),
    ]
    for i, (op, tf, dom, f32) in enumerate(ops):
        b.add(op, "Nx.%s" % op, [("x", S, dom)], "Nx.%s(x)" % op, lambda x, tf=tf: tf(x), f32=f32)
        tag, shape = [("0d", []), ("v5", [5]), ("3d", [2, 2, 3])][i % 3]  # another shape per op
        b.add("%s_%s" % (op, tag), "Nx.%s" % op, [("x", shape, dom)], "Nx.%s(x)" % op, lambda x, tf=tf: tf(x))
    b.add("abs", "Nx.abs", [("x", S, "any")], "Nx.abs(x)", lambda x: T.nx_abs(x))
    z = np.array([[0.0, -1.5, 2.0], [0.0, 0.7, -0.3]])
    b.add("abs_at_zero", "Nx.abs", [("x", S, z)], "Nx.abs(x)", lambda x: T.nx_abs(x), fd=False,
          note="Nx's rule: d|x|/dx = 1 at 0 (torch says 0)")
    b.add("cbrt_neg", "Nx.cbrt", [("x", S, "neg")], "Nx.cbrt(x)", lambda x: T.cbrt(x))
    b.add("log_base", "Nx.log", [("x", S, "pos")], "Nx.log(x, 3.0)", lambda x: torch.log(x) / np.log(3.0))


def binary(b):
    xy = [("x", S, "any"), ("y", S, "any")]
    b.add("add", "Nx.add", xy, "x + y", lambda x, y: x + y)
    b.add("subtract", "Nx.subtract", xy, "x - y", lambda x, y: x - y)
    b.add("multiply", "Nx.multiply", xy, "x * y", lambda x, y: x * y, f32=True)
    b.add("divide", "Nx.divide", [("x", S, "any"), ("y", S, "pos")], "x / y", lambda x, y: x / y)
    b.add("divide_neg", "Nx.divide", [("x", S, "any"), ("y", S, "neg")], "Nx.divide(x, y)",
          lambda x, y: x / y)
    b.add("pow", "Nx.pow", [("x", S, "pos"), ("y", S, "small")], "Nx.pow(x, y)", lambda x, y: x ** y)
    b.add("pow_int_const", "Nx.pow", [("x", S, "any")], "x ** 3", lambda x: x ** 3)
    b.add("pow_const", "Nx.pow", [("x", S, "pos")], "Nx.pow(x, 2.5)", lambda x: x ** 2.5)
    b.add("pow_base_const", "Nx.pow", [("x", S, "small")], "Nx.pow(2.0, x)", lambda x: 2.0 ** x)
    b.add("max", "Nx.max", xy, "Nx.max(x, y)", lambda x, y: T.nx_max(x, y))
    b.add("min", "Nx.min", xy, "Nx.min(x, y)", lambda x, y: T.nx_min(x, y))
    tx, ty = np.array([[1.0, 2.0, -1.0], [0.5, 3.0, 3.0]]), np.array([[1.0, 1.0, -1.0], [0.5, -3.0, 3.0]])
    b.add("max_ties", "Nx.max", [("x", S, tx), ("y", S, ty)], "Nx.max(x, y)", lambda x, y: T.nx_max(x, y),
          fd=False, note="Nx's rule: a tie gives each side half")
    b.add("min_ties", "Nx.min", [("x", S, tx), ("y", S, ty)], "Nx.min(x, y)", lambda x, y: T.nx_min(x, y),
          fd=False, note="Nx's rule: a tie gives each side half")
    # Nx's remainder has the dividend's sign (torch.fmod); its grad w.r.t. y uses floor(x / y), which
    # is the derivative only where x / y >= 0, so the inputs are positive.
    b.add("remainder", "Nx.remainder", [("x", S, "pos"), ("y", S, "pos")], "Nx.remainder(x, y)",
          lambda x, y: torch.fmod(x, y))
    b.add("remainder_neg", "Nx.remainder", [("x", S, "any"), ("y", S, "pos")], "Nx.remainder(x, y)",
          lambda x, y: torch.fmod(x, y),
          note="negative quotients: nxc's documented rule -trunc(x / y) (the derivative; Nx says -floor)")
    b.add("integer_input", "grad", [("x", S, "any"), ("k", [3], np.array([2, -1, 3]))], "x * k + x",
          lambda x, k: x * k + x, note="an integer input's gradient is f32 zeros (nxc warns)")
    b.add("atan2", "Nx.atan2", xy, "Nx.atan2(x, y)", lambda x, y: torch.atan2(x, y))
    b.add("self_multiply", "Nx.multiply", [("x", S, "any")], "x * x + x", lambda x: x * x + x)
    b.add("self_add", "Nx.add", [("x", S, "any")], "Nx.sin(x + x)", lambda x: torch.sin(x + x))
    b.add("select", "Nx.select", xy, "Nx.select(x > 0, x * y, Nx.sin(y))",
          lambda x, y: torch.where(x > 0, x * y, torch.sin(y)))
    b.add("select_bcast", "Nx.select", [("x", S, "any"), ("y", [], "any")], "Nx.select(x > 0.5, y, x)",
          lambda x, y: torch.where(x > 0.5, y.expand(2, 3), x))
    b.add("clip", "Nx.clip", [("x", S, "any")], "Nx.clip(x, -1.0, 1.5)", lambda x: torch.clamp(x, -1.0, 1.5))
    b.add("as_type", "Nx.as_type", [("x", S, "any")], "Nx.as_type(x, :f64) * 2.0",
          lambda x: x * 2.0)
    b.add("as_type_f32_round_trip", "Nx.as_type", [("x", S, "any")], "Nx.as_type(Nx.as_type(x, :f32), :f64)",
          lambda x: x.float().double(), fd=False, note="rounding to f32 is flat at 1e-6 steps; Nx passes g through")


def broadcasting(b):
    b.add("bcast_row", "broadcast", [("x", S, "any"), ("y", [3], "any")], "x * y + y", lambda x, y: x * y + y)
    b.add("bcast_outer", "broadcast", [("x", [2, 1], "any"), ("y", [1, 3], "any")], "Nx.sin(x - y)",
          lambda x, y: torch.sin(x - y))
    b.add("bcast_scalar", "broadcast", [("x", S, "any"), ("y", [], "any")], "x * y - y * 2.0",
          lambda x, y: x * y - y * 2.0)
    b.add("bcast_number", "broadcast", [("x", S, "any")], "x * 2.5 + 1", lambda x: x * 2.5 + 1)
    b.add("broadcast", "Nx.broadcast", [("x", [3], "any")], "Nx.broadcast(x, {2, 3}) * Nx.iota({2, 3})",
          lambda x: x.expand(2, 3) * torch.arange(6, dtype=torch.float64).reshape(2, 3))
    b.add("broadcast_axes", "Nx.broadcast", [("x", [3], "any")], "Nx.broadcast(x, {3, 2}, axes: [0])",
          lambda x: x[:, None].expand(3, 2))
    b.add("bcast_3d", "broadcast", [("x", [2, 1, 4], "any"), ("y", [3, 1], "any")], "Nx.exp(x * y)",
          lambda x, y: torch.exp(x * y), f32=True)
    b.add("bcast_dynamic", "broadcast", [("x", [("n", 4), 3], "any"), ("y", [3], "any")],
          "Nx.sum(Nx.sin(x * y))", lambda x, y: torch.sin(x * y).sum())


def reductions(b):
    X = [("x", [3, 4], "any")]
    b.add("sum_all", "Nx.sum", X, "Nx.sum(x * x)", lambda x: (x * x).sum())
    b.add("sum_axis", "Nx.sum", X, "Nx.sum(x, axes: [1])", lambda x: x.sum(1), f32=True)
    b.add("sum_keep", "Nx.sum", [("x", [2, 3, 4], "any")], "Nx.sum(x, axes: [0, 2], keep_axes: true)",
          lambda x: x.sum((0, 2), keepdim=True))
    b.add("mean_all", "Nx.mean", X, "Nx.mean(Nx.exp(x))", lambda x: torch.exp(x).mean())
    b.add("mean_axis", "Nx.mean", X, "Nx.mean(x, axes: [0])", lambda x: x.mean(0))
    b.add("product", "Nx.product", X, "Nx.product(x, axes: [1])", lambda x: x.prod(1))
    b.add("product_all", "Nx.product", [("x", [5], "pos")], "Nx.product(x)", lambda x: x.prod())
    z = np.array([[0.0, 1.5, -2.0, 0.5], [1.0, 0.0, 0.0, 2.0], [0.3, -1.2, 2.2, 1.1]])
    b.add("product_zeros", "Nx.product", [("x", [3, 4], z)], "Nx.product(x, axes: [1])",
          lambda x: x.prod(1), note="one zero in a row, two zeros in another")
    b.add("reduce_max", "Nx.reduce_max", X, "Nx.reduce_max(x, axes: [1])", lambda x: T.reduce_max(x, [1]))
    b.add("reduce_min_all", "Nx.reduce_min", X, "Nx.reduce_min(x)", lambda x: T.reduce_min(x))
    b.add("reduce_max_keep", "Nx.reduce_max", X, "Nx.reduce_max(x, axes: [0], keep_axes: true)",
          lambda x: T.reduce_max(x, [0], keep=True))
    t = np.array([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, -1.0], [0.5, -1.0, 0.5, 0.25]])
    b.add("reduce_max_ties", "Nx.reduce_max", [("x", [3, 4], t)], "Nx.reduce_max(x, axes: [1])",
          lambda x: T.reduce_max(x, [1]), fd=False, note="Nx's rule: g / number of tied maxima")
    b.add("reduce_min_ties", "Nx.reduce_min", [("x", [3, 4], -t)], "Nx.reduce_min(x)",
          lambda x: T.reduce_min(x), fd=False, note="ties")
    b.add("reduce_max_ties_all", "Nx.reduce_max", [("x", [3, 4], t)], "Nx.reduce_max(x * 1.0)",
          lambda x: T.reduce_max(x), fd=False, note="ties")
    b.add("argmax_take", "Nx.argmax", X,
          "Nx.take_along_axis(x, Nx.argmax(x, axis: 1, keep_axis: true), axis: 1)",
          lambda x: torch.gather(x, 1, torch.argmax(x, 1, keepdim=True)))
    b.add("logsumexp", "Nx.logsumexp", X, "Nx.logsumexp(x, axes: [1])", lambda x: torch.logsumexp(x, 1),
          f32=True)
    b.add("logsumexp_all", "Nx.logsumexp", X, "Nx.logsumexp(x)", lambda x: torch.logsumexp(x, (0, 1)))
    b.add("variance", "Nx.variance", X, "Nx.variance(x)", lambda x: x.var(unbiased=False))
    b.add("variance_axis_ddof", "Nx.variance", X, "Nx.variance(x, axes: [1], ddof: 1)",
          lambda x: x.var(1, unbiased=True))
    b.add("standard_deviation", "Nx.standard_deviation", X, "Nx.standard_deviation(x, axes: [0])",
          lambda x: x.std(0, unbiased=False))
    b.add("norm", "Nx.LinAlg.norm", [("x", [5], "any")], "Nx.LinAlg.norm(x)", lambda x: torch.linalg.norm(x))
    b.add("weighted_mean", "Nx.weighted_mean", [("x", [3, 4], "any"), ("y", [3, 4], "pos")],
          "Nx.weighted_mean(x, y, axes: [1])", lambda x, y: (x * y).sum(1) / y.sum(1))


def dots(b):
    b.add("dot_mm", "Nx.dot", [("x", [2, 3], "any"), ("y", [3, 4], "any")], "Nx.dot(x, y)",
          lambda x, y: x @ y, f32=True)
    b.add("dot_vv", "Nx.dot", [("x", [4], "any"), ("y", [4], "any")], "Nx.dot(x, y)", lambda x, y: x @ y)
    b.add("dot_mv", "Nx.dot", [("x", [3, 4], "any"), ("y", [4], "any")], "Nx.dot(x, y)", lambda x, y: x @ y)
    b.add("dot_batched", "Nx.dot", [("x", [2, 3, 4], "any"), ("y", [2, 4, 5], "any")],
          "Nx.dot(x, [2], [0], y, [1], [0])", lambda x, y: torch.bmm(x, y))
    b.add("dot_contract0", "Nx.dot", [("x", [3, 2], "any"), ("y", [3, 4], "any")], "Nx.dot(x, [0], y, [0])",
          lambda x, y: x.T @ y)
    b.add("dot_3d_2d", "Nx.dot", [("x", [2, 3, 4], "any"), ("y", [4, 2], "any")], "Nx.dot(x, y)",
          lambda x, y: torch.tensordot(x, y, dims=([2], [0])))
    b.add("outer", "Nx.outer", [("x", [3], "any"), ("y", [4], "any")], "Nx.outer(x, y)",
          lambda x, y: torch.outer(x, y))
    b.add("dot_self", "Nx.dot", [("x", [3, 3], "any")], "Nx.dot(x, x)", lambda x: x @ x)


def generate(b):
    for f in (unary, binary, broadcasting, reductions, dots):
        f(b)
