"""cases_window.py - Window and convolution oracle cases.
"""

import nxref as R
from case_base import Arg, Dim, tol_for


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
