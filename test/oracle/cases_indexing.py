"""cases_indexing.py - Indexing oracle cases: slicing, take/gather and indexed add/put.
"""

import numpy as np

import nxref as R
from case_base import Arg, Dim, _ix


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
