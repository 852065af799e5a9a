"""grad_cases_indexing.py - gradient cases for the indexing, sort and scan rules
(frontend/GradRulesIndexing.cpp) beyond grad_cases_struct.py's: strided slices of rank 3,
clamped starts, negative and interior padding, size variables (dynamic dims) in slices, pads
and concatenations, gathers with batch dims, duplicate scatter indices, sorts along a middle
axis, cumulative products through zeros and cumulative extremes with ties.
"""

import numpy as np
import torch

import torchref as T


def _put_axis1(x, i, y):
    out = x.clone()
    out[:, i[:, 0]] = y.t()
    return out


def slices(b):
    X3 = [("x", [3, 5, 4], "any")]
    b.add("ix_slice3d_strided", "Nx.slice", X3, "Nx.slice(x, [0, 1, 1], [3, 3, 2], strides: [2, 2, 3])",
          lambda x: x[0:3:2, 1:4:2, 1:3:3], f32=True)
    b.add("ix_slice_dynamic", "Nx.slice", [("x", [("n", 5), 4], "any")],
          "Nx.slice(x, [1, 1], [2, 3], strides: [1, 2])", lambda x: x[1:3, 1:4:2])
    b.add("ix_slice_tensor_starts", "Nx.slice",
          [("x", [4, 5], "any"), ("i", [], np.array(1), False), ("j", [], np.array(9), False)],
          "Nx.slice(x, [i, j], [2, 3])", lambda x, i, j: x[1:3, 2:5])
    b.add("ix_put_slice_clamped", "Nx.put_slice", [("x", [4, 4], "any"), ("y", [2, 3], "any")],
          "Nx.put_slice(x, [3, 2], y) * Nx.iota({4, 4})",
          lambda x, y: T.put_slice(x, [2, 1], y) * torch.arange(16, dtype=torch.float64).reshape(4, 4))
    b.add("ix_put_slice_dynamic", "Nx.put_slice", [("x", [("n", 5), 3], "any"), ("y", [2, 2], "any")],
          "Nx.sum(Nx.sin(Nx.put_slice(x, [1, 1], y)), axes: [0])",
          lambda x, y: torch.sin(T.put_slice(x, [1, 1], y)).sum(0))

    b.add("ix_put_slice_dynamic_update", "Nx.put_slice", [("x", [6], "any"), ("y", [("m", 3)], "any")],
          "Nx.sin(Nx.put_slice(x, [5], y))", lambda x, y: torch.sin(T.put_slice(x, [3], y)))


def pads(b):
    b.add("ix_pad_neg_interior", "Nx.pad", [("x", [4, 3], "any"), ("v", [], "any")],
          "Nx.pad(x, v, [{-1, 2, 2}, {2, -2, 1}])", lambda x, v: _pad_value(x, v, [(-1, 2, 2), (2, -2, 1)]),
          f32=True)
    b.add("ix_pad3d", "Nx.pad", [("x", [2, 3, 2], "any")], "Nx.pad(x, 0.0, [{0, 1, 1}, {-1, -1, 0}, {1, 0, 3}])",
          lambda x: T.pad(x, 0.0, [(0, 1, 1), (-1, -1, 0), (1, 0, 3)]))
    b.add("ix_pad_dynamic", "Nx.pad", [("x", [("n", 3), 2], "any")],
          "Nx.sum(Nx.pad(x, 0.0, [{1, -1, 1}, {0, 1, 0}]), axes: [0])",
          lambda x: T.pad(x, 0.0, [(1, -1, 1), (0, 1, 0)]).sum(0))
    b.add("ix_pad_dynamic_crop", "Nx.pad", [("x", [("n", 4), 3], "any")],
          "Nx.sum(Nx.pad(x, 0.0, [{-1, 2, 0}, {1, -1, 2}]), axes: [0])",
          lambda x: T.pad(x, 0.0, [(-1, 2, 0), (1, -1, 2)]).sum(0))

    b.add("ix_pad_outer", "Nx.pad_outer", [("x", [3, 2], "any")], "Nx.pad_outer(x, 0.5, [{1, 2}, {0, -1}])",
          lambda x: T.pad(x, 0.5, [(1, 2, 0), (0, -1, 0)]))


def _pad_value(x, v, config):
    ones = T.pad(torch.zeros_like(x), 1.0, config)
    return T.pad(x, 0.0, config) + v * ones


def joins(b):
    b.add("ix_concat_dynamic_rows", "Nx.concatenate", [("x", [("n", 3), 2], "any"), ("y", [("n", 3), 3], "any")],
          "Nx.sum(Nx.concatenate([x, y], axis: 1) * Nx.iota({5}), axes: [0])",
          lambda x, y: (torch.cat([x, y], 1) * torch.arange(5, dtype=torch.float64)).sum(0))
    b.add("ix_concat_dynamic_axis", "Nx.concatenate",
          [("x", [("n", 2), 3], "any"), ("y", [("m", 3), 3], "any"), ("z", [1, 3], "any")],
          "Nx.sum(Nx.sin(Nx.concatenate([x, y, z])) * Nx.iota({3}), axes: [0])",
          lambda x, y, z: (torch.sin(torch.cat([x, y, z], 0)) * torch.arange(3, dtype=torch.float64)).sum(0))
    b.add("ix_split", "Nx.split", [("x", [5, 3], "any")], "{a, b} = Nx.split(x, 2)\nNx.concatenate([b, a * a])",
          lambda x: torch.cat([x[2:], x[:2] ** 2]))
    b.add("ix_concat_same", "Nx.concatenate", [("x", [2, 3], "any")], "Nx.concatenate([x, Nx.sin(x), x], axis: 1)",
          lambda x: torch.cat([x, torch.sin(x), x], 1))
    b.add("ix_reverse3d", "Nx.reverse", [("x", [2, 3, 4], "any")], "Nx.reverse(x, axes: [0, 2]) * Nx.iota({2, 3, 4})",
          lambda x: x.flip([0, 2]) * torch.arange(24, dtype=torch.float64).reshape(2, 3, 4))


def gathers(b):
    gi = np.array([[[0, 1], [2, 3], [0, 1]], [[2, 0], [1, 1], [0, 1]]])
    b.add("ix_gather_batch", "Nx.gather", [("x", [3, 4, 2], "any"), ("i", [2, 3, 2], gi, False)],
          "Nx.gather(x, i)", lambda x, i: T.gather(x, i), f32=True)
    ti = np.array([[3, 0], [3, 3]])
    b.add("ix_take_middle", "Nx.take", [("x", [2, 4, 3], "any"), ("i", [2, 2], ti, False)],
          "Nx.take(x, i, axis: 1)", lambda x, i: T.take(x, i, 1))
    ta = np.array([[2, 0, 2], [1, 1, 0]])
    b.add("ix_take_along_axis0", "Nx.take_along_axis", [("x", [3, 3], "any"), ("i", [2, 3], ta, False)],
          "Nx.take_along_axis(x, i, axis: 0)", lambda x, i: torch.gather(x, 0, i))
    b.add("ix_take_diagonal_offset", "Nx.take_diagonal", [("x", [3, 4], "any")], "Nx.take_diagonal(x, offset: 1)",
          lambda x: torch.diagonal(x, 1))
    di = np.array([[1], [3], [1], [1]])
    b.add("ix_indexed_add_dup", "Nx.indexed_add", [("x", [5], "any"), ("i", [4, 1], di, False), ("y", [4], "any")],
          "Nx.indexed_add(x, i, y * y)", lambda x, i, y: T.indexed_add(x, i, y * y))
    pi = np.array([[3], [0]])
    b.add("ix_indexed_put_axes", "Nx.indexed_put", [("x", [3, 4], "any"), ("i", [2, 1], pi, False), ("y", [2, 3], "any")],
          "Nx.indexed_put(x, i, y, axes: [1])", _put_axis1)


def sorts(b):
    b.add("ix_sort3d_desc", "Nx.sort", [("x", [2, 4, 3], "any")], "Nx.sort(x, axis: 1, direction: :desc)",
          lambda x: torch.sort(x, 1, descending=True).values, f32=True)
    b.add("ix_top_k3", "Nx.top_k", [("x", [2, 5], "any")], "{v, _} = Nx.top_k(x, k: 3)\nv * v",
          lambda x: torch.topk(x, 3).values ** 2)

    # Distinct values: every group has one element and the smallest wins, so the mode is the
    # minimum (ties would have no derivative).
    b.add("ix_mode_distinct", "Nx.mode", [("x", [2, 5], "any")], "Nx.mode(x, axis: 1) * Nx.mode(x, axis: 1)",
          lambda x: x.min(1).values ** 2)


def scans(b):
    z = np.array([[1.5, 0.0, 2.0, -1.0, 0.5], [0.0, 2.0, 0.0, 3.0, 1.0], [2.0, -1.0, 0.5, 1.5, -1.2]])
    b.add("ix_cumprod_zeros", "Nx.cumulative_product", [("x", [3, 5], z)], "Nx.cumulative_product(x, axis: 1)",
          lambda x: T.cum(x, "product", 1))
    b.add("ix_cumprod_zeros_rev", "Nx.cumulative_product", [("x", [3, 5], z)],
          "Nx.cumulative_product(x, axis: 1, reverse: true)", lambda x: T.cum(x, "product", 1, True))
    b.add("ix_cumprod_axis0", "Nx.cumulative_product", [("x", [4, 3], "small")], "Nx.cumulative_product(x)",
          lambda x: T.cum(x, "product", 0), f32=True)
    b.add("ix_cumsum3d", "Nx.cumulative_sum", [("x", [2, 3, 4], "any")], "Nx.cumulative_sum(x, axis: 1, reverse: true)",
          lambda x: T.cum(x, "sum", 1, True))
    b.add("ix_cummax3d_rev", "Nx.cumulative_max", [("x", [2, 5, 3], "any")],
          "Nx.cumulative_max(x, axis: 1, reverse: true)", lambda x: T.cum(x, "max", 1, True))
    b.add("ix_cummin_dynamic", "Nx.cumulative_min", [("x", [("n", 5), 3], "any")],
          "Nx.sum(Nx.cumulative_min(x) * Nx.cos(x), axes: [0])",
          lambda x: (T.cum(x, "min", 0) * torch.cos(x)).sum(0))
    t = np.array([[1.0, 1.0, 3.0, 2.0, 3.0], [0.5, 0.5, 0.5, -1.0, 0.5]])
    # Ties: the adjoint goes to the last tied position in scan order (PyTorch's cummax indices).
    b.add("ix_cummax_ties", "Nx.cumulative_max", [("x", [2, 5], t)], "Nx.cumulative_max(x, axis: 1)",
          lambda x: T.cum(x, "max", 1), fd=False,
          note="ties: nxc's documented rule (the last tied running extreme, PyTorch's cummax); Nx splits them")
    b.add("ix_cummin_ties_rev", "Nx.cumulative_min", [("x", [2, 5], t)], "Nx.cumulative_min(x, axis: 1, reverse: true)",
          lambda x: T.cum(x, "min", 1, True), fd=False, note="ties, as ix_cummax_ties")


def _inner_grad(f):
    """The gradient of sum(f(x)) as a function of x, differentiable again (grad of grad)."""
    def fn(x):
        with torch.enable_grad():
            xx = x if x.requires_grad else x.detach().requires_grad_(True)
            return torch.autograd.grad(f(xx).sum(), xx, create_graph=True)[0]
    return fn


def more(b):
    ki = np.array([4, 0, 4, 2])
    b.add("ix_take_dynamic_indices", "Nx.take", [("x", [5, 2], "any"), ("i", [("k", 4)], ki, False)],
          "Nx.sum(Nx.take(x, i) * Nx.sin(Nx.take(x, i)), axes: [0])",
          lambda x, i: (x[i] * torch.sin(x[i])).sum(0))
    b.add("ix_sort_dynamic", "Nx.sort", [("x", [("n", 4), 3], "any")],
          "Nx.sum(Nx.sort(x) * Nx.cos(x), axes: [0])", lambda x: (torch.sort(x, 0).values * torch.cos(x)).sum(0))
    # Second order: the rules' own output (pads, scatters, gathers, scans) is differentiated again.
    b.add("ix_grad_of_grad_slice", "Nx.slice", [("x", [5], "any")],
          "grad(x, fn y -> Nx.sum(Nx.slice(y, [1], [3], strides: [2]) ** 3) end)",
          _inner_grad(lambda x: x[1:4:2] ** 3))
    b.add("ix_grad_of_grad_sort", "Nx.sort", [("x", [2, 4], "any")],
          "grad(x, fn y -> Nx.sum(Nx.sort(y, axis: 1) ** 3 * Nx.iota({2, 4})) end)",
          _inner_grad(lambda x: torch.sort(x, 1).values ** 3 * torch.arange(8, dtype=torch.float64).reshape(2, 4)))
    b.add("ix_grad_of_grad_cumprod", "Nx.cumulative_product", [("x", [5], "small")],
          "grad(x, fn y -> Nx.sum(Nx.cumulative_product(y) * Nx.iota({5})) end)",
          _inner_grad(lambda x: torch.cumprod(x, 0) * torch.arange(5, dtype=torch.float64)))
    b.add("ix_grad_of_grad_gather", "Nx.gather", [("x", [3, 2], "any")],
          "grad(x, fn y -> Nx.sum(Nx.gather(y, Nx.tensor([[2, 1], [2, 1], [0, 0]])) ** 3) end)",
          _inner_grad(lambda x: x[[2, 2, 0], [1, 1, 0]] ** 3))


def generate(b):
    for f in (slices, pads, joins, gathers, sorts, scans, more):
        f(b)
