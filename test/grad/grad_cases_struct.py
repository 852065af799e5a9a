"""grad_cases_struct.py - gradient cases: shapes, indexing, windows and conv, sort, scans,
control flow (while, if, cond), stop_grad/custom_grad/higher order, and a two-layer MLP.
"""

import numpy as np
import torch

import torchref as T

F = torch.nn.functional


def shapes(b):
    X = [("x", [2, 3, 4], "any")]
    b.add("reshape", "Nx.reshape", X, "Nx.sin(Nx.reshape(x, {4, 6}))", lambda x: torch.sin(x.reshape(4, 6)))
    b.add("transpose", "Nx.transpose", X, "Nx.transpose(x) * Nx.iota({4, 3, 2})",
          lambda x: x.permute(2, 1, 0) * torch.arange(24, dtype=torch.float64).reshape(4, 3, 2))
    b.add("transpose_axes", "Nx.transpose", X, "Nx.transpose(x, axes: [1, 0, 2])", lambda x: x.permute(1, 0, 2))
    b.add("squeeze", "Nx.squeeze", [("x", [1, 3, 1], "any")], "Nx.squeeze(x)", lambda x: x.squeeze())
    b.add("new_axis", "Nx.new_axis", [("x", [2, 3], "any")], "Nx.new_axis(x, 1) * Nx.iota({2, 2, 3})",
          lambda x: x[:, None, :] * torch.arange(12, dtype=torch.float64).reshape(2, 2, 3))
    b.add("flatten", "Nx.flatten", X, "Nx.flatten(x)", lambda x: x.reshape(-1))
    b.add("tile", "Nx.tile", [("x", [2, 3], "any")], "Nx.tile(x, [2, 1])", lambda x: x.repeat(2, 1))


def indexing(b):
    M = [("x", [4, 4], "any")]
    b.add("slice", "Nx.slice", M, "Nx.slice(x, [1, 0], [2, 4], strides: [1, 2])", lambda x: x[1:3, 0:4:2])
    b.add("slice_along_axis", "Nx.slice_along_axis", M, "Nx.slice_along_axis(x, 1, 2, axis: 1)",
          lambda x: x[:, 1:3])
    b.add("put_slice", "Nx.put_slice", [("x", [4, 4], "any"), ("y", [2, 3], "any")],
          "Nx.put_slice(x, [1, 1], y)", lambda x, y: T.put_slice(x, [1, 1], y))
    gi = np.array([[0, 1], [2, 3], [0, 1], [1, 0], [2, 2]])
    b.add("gather", "Nx.gather", [("x", [3, 4], "any"), ("i", [5, 2], gi, False)], "Nx.gather(x, i)",
          lambda x, i: T.gather(x, i))
    ti = np.array([3, 0, 3, 1, 2])
    b.add("take", "Nx.take", [("x", [3, 4], "any"), ("i", [5], ti, False)], "Nx.take(x, i, axis: 1)",
          lambda x, i: T.take(x, i, 1))
    b.add("take_2d_idx", "Nx.take", [("x", [4, 2], "any"), ("i", [2, 3], np.array([[0, 3, 3], [1, 1, 2]]), False)],
          "Nx.take(x, i)", lambda x, i: T.take(x, i, 0))
    tai = np.array([[0, 0, 3], [1, 2, 2], [3, 1, 0]])
    b.add("take_along_axis", "Nx.take_along_axis", [("x", [3, 4], "any"), ("i", [3, 3], tai, False)],
          "Nx.take_along_axis(x, i, axis: 1)", lambda x, i: torch.gather(x, 1, i))
    ai = np.array([[0, 1], [2, 2], [0, 1], [3, 0]])
    b.add("indexed_add", "Nx.indexed_add", [("x", [4, 3], "any"), ("i", [4, 2], ai, False), ("y", [4], "any")],
          "Nx.indexed_add(x, i, y)", lambda x, i, y: T.indexed_add(x, i, y))
    pi = np.array([[0, 1], [2, 2], [3, 0]])
    b.add("indexed_put", "Nx.indexed_put", [("x", [4, 3], "any"), ("i", [3, 2], pi, False), ("y", [3], "any")],
          "Nx.indexed_put(x, i, y)", lambda x, i, y: T.indexed_put(x, i, y))
    b.add("concatenate", "Nx.concatenate", [("x", [2, 3], "any"), ("y", [2, 2], "any")],
          "Nx.concatenate([x, y], axis: 1)", lambda x, y: torch.cat([x, y], 1))
    b.add("concatenate3", "Nx.concatenate", [("x", [2, 3], "any"), ("y", [1, 3], "any")],
          "Nx.concatenate([x, y, x * y])", lambda x, y: torch.cat([x, y, x * y], 0))
    b.add("stack", "Nx.stack", [("x", [3], "any"), ("y", [3], "any")], "Nx.stack([x, y], axis: 1)",
          lambda x, y: torch.stack([x, y], 1))
    b.add("pad", "Nx.pad", [("x", [3, 4], "any")], "Nx.pad(x, 0.0, [{1, 2, 0}, {0, -1, 1}])",
          lambda x: T.pad(x, 0.0, [(1, 2, 0), (0, -1, 1)]))
    b.add("pad_value", "Nx.pad", [("x", [3, 2], "any"), ("y", [], "any")], "Nx.pad(x, y, [{1, 0, 1}, {-1, 2, 0}])",
          lambda x, y: T.pad(x, 0.0, [(1, 0, 1), (-1, 2, 0)]) + y * T.pad(torch.zeros(3, 2, dtype=torch.float64),
                                                                             1.0, [(1, 0, 1), (-1, 2, 0)]))
    b.add("reverse", "Nx.reverse", [("x", [3, 4], "any")], "Nx.reverse(x, axes: [1]) * Nx.iota({3, 4})",
          lambda x: x.flip(1) * torch.arange(12, dtype=torch.float64).reshape(3, 4))
    b.add("diff", "Nx.diff", [("x", [3, 4], "any")], "Nx.diff(x, axis: 1)", lambda x: torch.diff(x, dim=1))
    b.add("tril", "Nx.tril", [("x", [3, 3], "any")], "Nx.tril(x)", lambda x: torch.tril(x))
    b.add("take_diagonal", "Nx.take_diagonal", [("x", [3, 3], "any")], "Nx.take_diagonal(x)",
          lambda x: torch.diagonal(x))
    b.add("make_diagonal", "Nx.make_diagonal", [("x", [3], "any")], "Nx.make_diagonal(x)",
          lambda x: torch.diag(x))


def windows(b):
    b.add("window_sum", "Nx.window_sum", [("x", [4, 5], "any")], "Nx.window_sum(x, {2, 2})",
          lambda x: T.window(x, [2, 2], "sum"))
    b.add("window_sum_strided", "Nx.window_sum", [("x", [5, 5], "any")],
          "Nx.window_sum(x, {2, 3}, strides: [2, 1], padding: [{1, 0}, {0, 1}])",
          lambda x: T.window(x, [2, 3], "sum", [2, 1], [(1, 0), (0, 1)]))
    b.add("window_max_pool", "Nx.window_max", [("x", [4, 6], "any")], "Nx.window_max(x, {2, 2}, strides: [2, 2])",
          lambda x: T.window(x, [2, 2], "max", [2, 2]), f32=True)
    b.add("window_max_overlap", "Nx.window_max", [("x", [5, 5], "any")],
          "Nx.window_max(x, {3, 3}, padding: :same)", lambda x: T.window(x, [3, 3], "max", None, [(1, 1), (1, 1)]))
    b.add("window_min", "Nx.window_min", [("x", [1, 4, 5], "any")], "Nx.window_min(x, {1, 2, 2}, strides: [1, 1, 2])",
          lambda x: T.window(x, [1, 2, 2], "min", [1, 1, 2]))
    b.add("window_mean", "Nx.window_mean", [("x", [4, 4], "any")], "Nx.window_mean(x, {2, 3})",
          lambda x: T.window(x, [2, 3], "mean"))
    b.add("window_product", "Nx.window_product", [("x", [3, 4], "pos")], "Nx.window_product(x, {2, 2})",
          lambda x: T.window(x, [2, 2], "product"), note="Nx itself has no gradient for window_product")
    b.add("conv", "Nx.conv", [("x", [1, 2, 5, 5], "any"), ("y", [3, 2, 3, 3], "any")], "Nx.conv(x, y)",
          lambda x, y: T.conv(x, y), f32=True)
    b.add("conv_stride_pad", "Nx.conv", [("x", [2, 1, 5, 4], "any"), ("y", [2, 1, 2, 3], "any")],
          "Nx.conv(x, y, strides: 2, padding: [{1, 1}, {0, 2}])",
          lambda x, y: T.conv(x, y, 2, [(1, 1), (0, 2)]))
    b.add("conv_groups", "Nx.conv", [("x", [1, 4, 4, 4], "any"), ("y", [4, 2, 2, 2], "any")],
          "Nx.conv(x, y, feature_group_size: 2)", lambda x, y: T.conv(x, y, groups=2))
    b.add("conv_1d", "Nx.conv", [("x", [2, 3, 7], "any"), ("y", [2, 3, 3], "any")], "Nx.conv(x, y)",
          lambda x, y: F.conv1d(x, y))


def sorting(b):
    X = [("x", [3, 4], "any")]
    b.add("sort", "Nx.sort", X, "Nx.sort(x, axis: 1)", lambda x: torch.sort(x, 1).values)
    b.add("sort_desc", "Nx.sort", X, "Nx.sort(x, direction: :desc) * Nx.iota({3, 4})",
          lambda x: torch.sort(x, 0, descending=True).values * torch.arange(12, dtype=torch.float64).reshape(3, 4))
    b.add("argsort_take", "Nx.argsort", [("x", [3, 4], "any"), ("y", [3, 4], "any")],
          "Nx.take_along_axis(y * x, Nx.argsort(x, axis: 1), axis: 1)",
          lambda x, y: torch.gather(y * x, 1, torch.argsort(x, 1)))
    b.add("top_k", "Nx.top_k", X, "{v, _} = Nx.top_k(x, k: 2)\nv", lambda x: torch.topk(x, 2).values)


def scans(b):
    X = [("x", [3, 4], "any")]
    b.add("cumulative_sum", "Nx.cumulative_sum", X, "Nx.cumulative_sum(x, axis: 1)", lambda x: T.cum(x, "sum", 1))
    b.add("cumulative_sum_rev", "Nx.cumulative_sum", X, "Nx.cumulative_sum(x, reverse: true)",
          lambda x: T.cum(x, "sum", 0, True))
    b.add("cumulative_product", "Nx.cumulative_product", X, "Nx.cumulative_product(x, axis: 1)",
          lambda x: T.cum(x, "product", 1))
    b.add("cumulative_max", "Nx.cumulative_max", X, "Nx.cumulative_max(x, axis: 1)", lambda x: T.cum(x, "max", 1))
    b.add("cumulative_min", "Nx.cumulative_min", X, "Nx.cumulative_min(x, reverse: true)",
          lambda x: T.cum(x, "min", 0, True))


def _while_fixed(x):
    y = x
    for _ in range(3):
        y = torch.sin(y) * y + 0.5
    return y


def _while_dep(x):
    y = x
    while float((y * y).sum()) < 40.0:
        y = y * 1.3 + 0.1
    return y


def _rnn(a, bb, h0, xs):
    h = h0
    for t in range(4):
        h = torch.tanh(a @ h + bb @ xs[t])
    return h


def control(b):
    b.add("while_fixed", "while", [("x", [3], "any")],
          "{y, _} = while {y = x, i = 0}, i < 3 do\n  {Nx.sin(y) * y + 0.5, i + 1}\nend\ny", _while_fixed)
    b.add("while_range", "while", [("x", [2, 2], "small")],
          "y = while y = x, i <- 1..3 do\n  y * Nx.cos(y) + i * 0.25\nend\ny",
          lambda x: _loop(x, lambda y, i: y * torch.cos(y) + i * 0.25, range(1, 4)))
    b.add("while_data_dependent", "while", [("x", [3], "small")],
          "y = while y = x, Nx.sum(y * y) < 40.0 do\n  y * 1.3 + 0.1\nend\ny", _while_dep)
    b.add("while_rnn", "while",
          [("a", [3, 3], "small"), ("bb", [3, 3], "small"), ("h0", [3], "any", False), ("xs", [4, 3], "any", False)],
          "h = while h = h0, t <- 0..3 do\n  xt = Nx.reshape(Nx.slice_along_axis(xs, t, 1, axis: 0), {3})\n"
          "  Nx.tanh(Nx.dot(a, h) + Nx.dot(bb, xt))\nend\nh", _rnn, f32=True)
    for tag, dom in (("pos", "pos"), ("neg", "neg")):
        b.add("if_" + tag, "if", [("x", [3], dom), ("y", [3], "any")],
              "r = if Nx.sum(x) > 0 do\n  Nx.sin(x) * y\nelse\n  Nx.cos(x) + y * y\nend\nr",
              lambda x, y: torch.sin(x) * y if float(x.sum()) > 0 else torch.cos(x) + y * y)
    for tag, dom in (("a", "pos"), ("b", "neg"), ("c", "unit")):
        b.add("cond_" + tag, "cond", [("x", [4], dom)],
              "r = cond do\n  Nx.mean(x) > 1.0 -> Nx.exp(x)\n  Nx.mean(x) < -1.0 -> x * x\n  true -> Nx.sin(x) * 3.0\nend\nr",
              lambda x: (torch.exp(x) if float(x.mean()) > 1.0 else x * x if float(x.mean()) < -1.0
                         else torch.sin(x) * 3.0))


def _loop(x, f, it):
    for i in it:
        x = f(x, i)
    return x


class _Twice(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.sin(x)

    @staticmethod
    def backward(ctx, g):
        return g * 2.0


def _hessian_diag(x):
    with torch.enable_grad():
        xx = x if x.requires_grad else x.detach().requires_grad_(True)
        return torch.autograd.grad((torch.sin(xx) * xx).sum(), xx, create_graph=True)[0]


def kernel(b):
    X = [("x", [2, 3], "any")]
    b.add("stop_grad", "stop_grad", X, "Nx.sin(x) * stop_grad(Nx.cos(x))", lambda x: torch.sin(x) * torch.cos(x).detach(),
          fd=False, note="stop_grad is not the derivative")
    b.add("custom_grad", "custom_grad", X, "custom_grad(Nx.sin(x), [x], fn g -> [g * 2.0] end)",
          lambda x: _Twice.apply(x), fd=False, note="the custom rule says d/dx = 2")
    b.add("grad_of_grad", "grad", X, "grad(x, fn x -> Nx.sum(Nx.sin(x) * x) end)", _hessian_diag)
    b.add("value_and_grad", "value_and_grad", [("x", [2, 3], "any"), ("y", [3], "any")], "Nx.tanh(x) * y",
          lambda x, y: torch.tanh(x) * y, mode="vg")


def _mlp(w1, b1, w2, b2, x, lab):
    h = T.nx_max(x @ w1 + b1, torch.zeros(()))
    logits = h @ w2 + b2
    return -(lab * F.log_softmax(logits, 1)).sum(1).mean()


def _mlp_softmax(w1, b1, w2, b2, x, lab):
    return F.cross_entropy(torch.tanh(x @ w1 + b1) @ w2 + b2, lab.argmax(1))


def mlp(b):
    r = np.random.default_rng(7)
    lab = np.eye(3)[r.integers(0, 3, size=8)]
    params = [("w1", [5, 6], "w"), ("b1", [6], "w"), ("w2", [6, 3], "w"), ("b2", [3], "w"),
              ("x", [8, 5], "any", False), ("lab", [8, 3], lab, False)]
    body = ("h = Nx.max(Nx.dot(x, w1) + b1, 0.0)\nlogits = Nx.dot(h, w2) + b2\n"
            "logp = logits - Nx.logsumexp(logits, axes: [1], keep_axes: true)\n"
            "-Nx.mean(Nx.sum(lab * logp, axes: [1]))")
    b.add("mlp_xent", "mlp", params, body, _mlp, f32=True, mode="vg", weight=False)
    body2 = ("logits = Nx.dot(Nx.tanh(Nx.dot(x, w1) + b1), w2) + b2\n"
             "e = Nx.exp(logits - Nx.reduce_max(logits, axes: [1], keep_axes: true))\n"
             "p = e / Nx.sum(e, axes: [1], keep_axes: true)\n"
             "-Nx.mean(Nx.sum(lab * Nx.log(p), axes: [1]))")
    b.add("mlp_softmax", "mlp", params, body2, _mlp_softmax, f32=True, weight=False)


def generate(b):
    for f in (shapes, indexing, windows, sorting, scans, control, kernel, mlp):
        f(b)
