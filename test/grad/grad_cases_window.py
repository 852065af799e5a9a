"""grad_cases_window.py - gradient cases of the window reductions and Nx.conv (frontend/GradRulesWindow.cpp).

Window sums/means/products/max/min and window_scatter_max/min with strides, padding and window dilations (1-3 dims, run-time
sizes where the window is trivial), max and average pooling as PyTorch's max_pool2d/avg_pool2d,
and Nx.conv with 1-3 spatial dims, strides, padding (also negative), input and kernel dilation,
feature and batch groups, and the three permutations, against torch.nn.functional.conv1d/2d/3d.
The PyTorch references are written here from Nx's definitions (docs/dialect-window.md).
"""

import numpy as np
import torch

F = torch.nn.functional


# ------------------------------------------------------------- references
def nx_pad(x, value, config):
    """Nx.pad: config [(lo, hi, interior)] per axis; negative lo/hi cut."""
    for ax, (lo, hi, it) in enumerate(config):
        if it:
            n = x.shape[ax]
            s = list(x.shape)
            s[ax] = n + (n - 1) * it if n else 0
            y = torch.full(s, float(value), dtype=x.dtype)
            idx = [slice(None)] * x.dim()
            idx[ax] = slice(0, None, it + 1)
            y[tuple(idx)] = x
            x = y
        n = x.shape[ax]
        x = x.narrow(ax, max(0, -lo), n - max(0, -lo) - max(0, -hi))
        parts = []
        for amount in (lo, None, hi):
            if amount is None:
                parts.append(x)
            elif amount > 0:
                s = list(x.shape)
                s[ax] = amount
                parts.append(torch.full(s, float(value), dtype=x.dtype))
        x = torch.cat(parts, dim=ax)
    return x


def window(x, dims, op, strides=None, padding=None, dil=None):
    """Nx.window_<op>: dims/strides/dilations per axis, padding [(lo, hi)]."""
    n = x.dim()
    strides, dil = strides or [1] * n, dil or [1] * n
    fill = {"sum": 0.0, "mean": 0.0, "max": float("-inf"), "min": float("inf"), "product": 1.0}[op]
    if padding:
        x = nx_pad(x, fill, [(lo, hi, 0) for lo, hi in padding])
    for ax in range(n):
        eff = (dims[ax] - 1) * dil[ax] + 1
        x = x.unfold(ax, eff, strides[ax])
        x = x.narrow(x.dim() - 1, 0, eff)[..., ::dil[ax]]
    w = list(range(n, 2 * n))
    if op == "sum":
        return x.sum(dim=w)
    if op == "mean":
        return x.sum(dim=w) / float(np.prod(dims))
    if op == "product":
        return x.flatten(start_dim=n).prod(dim=-1)
    return (torch.amax if op == "max" else torch.amin)(x, dim=w)


def conv(x, k, strides=1, padding=None, idil=1, kdil=1, fg=1, bg=1, ip=None, kp=None, op=None):
    """Nx.conv: canonical x [n, c, s...], k [o, c / fg, k...]; padding [(lo, hi)] (may be negative)."""
    if ip:
        x = x.permute(*ip)
    if kp:
        k = k.permute(*kp)
    sp = x.dim() - 2
    rep = lambda v: [v] * sp if isinstance(v, int) else list(v)
    strides, idil, kdil = rep(strides), rep(idil), rep(kdil)
    padding = padding or [(0, 0)] * sp
    x = nx_pad(x, 0.0, [(0, 0, 0), (0, 0, 0)] + [(lo, hi, d - 1) for (lo, hi), d in zip(padding, idil)])
    f = [F.conv1d, F.conv2d, F.conv3d][sp - 1]
    if bg == 1:
        out = f(x, k, stride=strides, dilation=kdil, groups=fg)
    else:
        nb, ob = x.shape[0] // bg, k.shape[0] // bg
        out = torch.cat([f(x[j * nb:(j + 1) * nb], k[j * ob:(j + 1) * ob], stride=strides, dilation=kdil)
                         for j in range(bg)], dim=1)
    if op:
        inv = [0] * len(op)
        for i, a in enumerate(op):
            inv[a] = i
        out = out.permute(*inv)
    return out


def window_scatter(x, src, init, dims, strides, padding, op):
    """Nx.window_scatter_max/min: x padded with init selects (the last of equal extremes in each
    window, row-major); init plus each window's source added at its selection (padding drops it)."""
    xp = np.pad(x.detach().numpy(), padding, constant_values=float(init.detach()))
    flat = []
    for w in np.ndindex(*src.shape):
        starts = [o * s for o, s in zip(w, strides)]
        win = xp[tuple(slice(a, a + d) for a, d in zip(starts, dims))].reshape(-1)
        ext = win.max() if op == "max" else win.min()
        k = int(np.nonzero(win == ext)[0][-1])
        pos = [a + o - lo for a, o, (lo, _) in zip(starts, np.unravel_index(k, dims), padding)]
        inside = all(0 <= q < n for q, n in zip(pos, x.shape))
        flat.append(int(np.ravel_multi_index(pos, x.shape)) if inside else -1)
    flat = torch.tensor(flat)
    keep = flat >= 0
    out = torch.zeros(x.numel(), dtype=x.dtype).index_add(0, flat[keep], src.reshape(-1)[keep])
    return out.reshape(x.shape) + init + 0 * x


# ------------------------------------------------------------- cases
def dynamic(b, name, group, args, expr, ref):
    """A case with a run-time size: the loss is Nx.sum(Nx.sin(expr)) (wout would need out's size)."""
    b.add(name, group, args, "Nx.sum(Nx.sin(%s))" % expr, lambda **ts: torch.sin(ref(**ts)).sum(), weight=False)


def windows(b):
    b.add("win_sum_dilated", "Nx.window_sum", [("x", [6, 7], "any")],
          "Nx.window_sum(x, {2, 3}, strides: [2, 1], padding: [{0, 1}, {2, 1}], window_dilations: [2, 2])",
          lambda x: window(x, [2, 3], "sum", [2, 1], [(0, 1), (2, 1)], [2, 2]))
    b.add("win_sum_big_pad", "Nx.window_sum", [("x", [3, 4], "any")],
          "Nx.window_sum(x, {2, 2}, strides: [3, 1], padding: [{3, 2}, {1, 0}])",
          lambda x: window(x, [2, 2], "sum", [3, 1], [(3, 2), (1, 0)]))
    b.add("win_sum_3d", "Nx.window_sum", [("x", [2, 5, 4], "any")],
          "Nx.window_sum(x, {1, 3, 2}, strides: [1, 2, 2], padding: :same)",
          lambda x: window(x, [1, 3, 2], "sum", [1, 2, 2], [(0, 0), (1, 1), (0, 1)]))
    dynamic(b, "win_sum_dynamic", "Nx.window_sum", [("x", [("n", 3), 6], "any")],
            "Nx.window_sum(x, {1, 3}, strides: [1, 2])", lambda x: window(x, [1, 3], "sum", [1, 2]))
    b.add("win_mean_pad", "Nx.window_mean", [("x", [5, 5], "any")],
          "Nx.window_mean(x, {3, 2}, strides: [2, 2], padding: [{1, 1}, {0, 1}])",
          lambda x: window(x, [3, 2], "mean", [2, 2], [(1, 1), (0, 1)]), f32=True)
    b.add("win_max_padded_neg", "Nx.window_max", [("x", [5, 6], "neg")],
          "Nx.window_max(x, {3, 3}, strides: [2, 2], padding: [{1, 1}, {1, 0}])",
          lambda x: window(x, [3, 3], "max", [2, 2], [(1, 1), (1, 0)]))
    b.add("win_max_dilated", "Nx.window_max", [("x", [7, 6], "any")],
          "Nx.window_max(x, {2, 2}, strides: [2, 1], padding: [{1, 0}, {0, 0}], window_dilations: [3, 2])",
          lambda x: window(x, [2, 2], "max", [2, 1], [(1, 0), (0, 0)], [3, 2]))
    b.add("win_min_dilated", "Nx.window_min", [("x", [2, 6, 5], "any")],
          "Nx.window_min(x, {1, 3, 2}, strides: [1, 1, 2], window_dilations: [1, 2, 2])",
          lambda x: window(x, [1, 3, 2], "min", [1, 1, 2], None, [1, 2, 2]))
    b.add("win_min_1d_pad", "Nx.window_min", [("x", [9], "pos")],
          "Nx.window_min(x, {4}, strides: [3], padding: [{2, 2}])",
          lambda x: window(x, [4], "min", [3], [(2, 2)]))
    dynamic(b, "win_max_dynamic", "Nx.window_max", [("x", [("n", 2), 4, 6], "any")],
            "Nx.window_max(x, {1, 2, 3}, strides: [1, 2, 3], padding: [{0, 0}, {1, 0}, {0, 0}])",
            lambda x: window(x, [1, 2, 3], "max", [1, 2, 3], [(0, 0), (1, 0), (0, 0)]))
    dynamic(b, "win_max_dyn_dilated", "Nx.window_max", [("x", [("n", 2), 7], "any")],
            "Nx.window_max(x, {1, 3}, strides: [1, 2], padding: [{0, 0}, {1, 1}], window_dilations: [1, 2])",
            lambda x: window(x, [1, 3], "max", [1, 2], [(0, 0), (1, 1)], [1, 2]))
    b.add("win_product_pad", "Nx.window_product", [("x", [4, 5], "pos")],
          "Nx.window_product(x, {2, 3}, strides: [2, 1], padding: [{1, 0}, {1, 1}], window_dilations: [1, 2])",
          lambda x: window(x, [2, 3], "product", [2, 1], [(1, 0), (1, 1)], [1, 2]),
          note="Nx itself has no gradient for window_product")
    zeros = np.array([[0.0, 1.5, -2.0, 0.0], [0.5, 0.0, 1.2, -0.7], [2.0, -1.1, 0.9, 1.3]])
    b.add("win_product_zeros", "Nx.window_product", [("x", [3, 4], zeros)], "Nx.window_product(x, {2, 2})",
          lambda x: window(x, [2, 2], "product"), fd=False,
          note="exact zeros: one zero gets the product of the others, two zeros 0")
    dynamic(b, "win_product_dynamic", "Nx.window_product", [("x", [("n", 2), 5], "pos")],
            "Nx.window_product(x, {1, 2}, strides: [1, 2])", lambda x: window(x, [1, 2], "product", [1, 2]))


def scatters(b):
    b.add("win_scatter_max", "Nx.window_scatter_max", [("x", [4, 6], "any"), ("s", [2, 3], "any"), ("i", [], "any")],
          "Nx.window_scatter_max(x, s, i, {2, 2}, strides: [2, 2])",
          lambda x, s, i: window_scatter(x, s, i, [2, 2], [2, 2], [(0, 0), (0, 0)], "max"))
    b.add("win_scatter_max_pad", "Nx.window_scatter_max",
          [("x", [5, 5], "neg"), ("s", [3, 3], "any"), ("i", [], "any")],
          "Nx.window_scatter_max(x, s, i, {3, 2}, strides: [2, 2], padding: [{1, 1}, {1, 0}])",
          lambda x, s, i: window_scatter(x, s, i, [3, 2], [2, 2], [(1, 1), (1, 0)], "max"))
    b.add("win_scatter_min", "Nx.window_scatter_min", [("x", [2, 5, 4], "any"), ("s", [2, 3, 3], "any"),
                                                       ("i", [], "any", False)],
          "Nx.window_scatter_min(x, s, i, {1, 3, 2}, strides: [1, 2, 1], padding: [{0, 0}, {1, 1}, {0, 0}])",
          lambda x, s, i: window_scatter(x, s, i, [1, 3, 2], [1, 2, 1], [(0, 0), (1, 1), (0, 0)], "min"))


def pooling(b):
    X = [("x", [2, 3, 6, 6], "any")]
    b.add("max_pool2d", "Nx.window_max", X, "Nx.window_max(x, {1, 1, 2, 2}, strides: [1, 1, 2, 2])",
          lambda x: F.max_pool2d(x, 2), f32=True)
    b.add("max_pool2d_pad", "Nx.window_max", X,
          "Nx.window_max(x, {1, 1, 3, 3}, strides: [1, 1, 2, 2], padding: [{0, 0}, {0, 0}, {1, 1}, {1, 1}])",
          lambda x: F.max_pool2d(x, 3, stride=2, padding=1))
    b.add("max_pool2d_dilated", "Nx.window_max", X,
          "Nx.window_max(x, {1, 1, 2, 2}, window_dilations: [1, 1, 2, 3])",
          lambda x: F.max_pool2d(x, 2, stride=1, dilation=(2, 3)))
    b.add("avg_pool2d", "Nx.window_mean", X, "Nx.window_mean(x, {1, 1, 3, 2}, strides: [1, 1, 3, 2])",
          lambda x: F.avg_pool2d(x, (3, 2)), f32=True)
    b.add("avg_pool2d_pad", "Nx.window_mean", X,
          "Nx.window_mean(x, {1, 1, 3, 3}, strides: [1, 1, 2, 2], padding: [{0, 0}, {0, 0}, {1, 1}, {1, 1}])",
          lambda x: F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=True))


def convs(b):
    def case(name, xs, ks, opts, ref, **kw):
        body = "Nx.conv(x, y%s)" % ("".join(", " + o for o in opts) if opts else "")
        b.add(name, "Nx.conv", [("x", xs, "any"), ("y", ks, "any")], body, ref, **kw)

    case("conv1d_stride_pad", [2, 3, 9], [4, 3, 3], ["strides: 2", "padding: [{2, 1}]"],
         lambda x, y: conv(x, y, 2, [(2, 1)]), f32=True)
    case("conv1d_dilations", [1, 2, 7], [3, 2, 2], ["input_dilation: 2", "kernel_dilation: 3", "padding: :same"],
         lambda x, y: conv(x, y, 1, [(1, 2)], idil=2, kdil=3))
    case("conv2d_all", [2, 2, 6, 5], [3, 2, 3, 2],
         ["strides: [2, 1]", "padding: [{1, 2}, {0, 1}]", "input_dilation: [1, 2]", "kernel_dilation: [2, 1]"],
         lambda x, y: conv(x, y, [2, 1], [(1, 2), (0, 1)], idil=[1, 2], kdil=[2, 1]))
    case("conv2d_neg_pad", [1, 2, 7, 6], [2, 2, 2, 3], ["strides: [1, 2]", "padding: [{-1, 0}, {1, -2}]"],
         lambda x, y: conv(x, y, [1, 2], [(-1, 0), (1, -2)]))
    case("conv2d_same", [2, 3, 5, 5], [4, 3, 3, 3], ["padding: :same"],
         lambda x, y: F.conv2d(x, y, padding=1), f32=True)
    case("conv2d_stride_rem", [1, 1, 8, 7], [2, 1, 3, 2], ["strides: [3, 2]"],
         lambda x, y: F.conv2d(x, y, stride=(3, 2)))
    case("conv2d_fgroups", [2, 6, 5, 4], [6, 2, 2, 2], ["feature_group_size: 3", "strides: 2", "padding: :same"],
         lambda x, y: conv(x, y, 2, [(0, 1), (0, 1)], fg=3))
    case("conv2d_depthwise", [1, 4, 5, 5], [8, 1, 3, 3], ["feature_group_size: 4", "kernel_dilation: 2"],
         lambda x, y: F.conv2d(x, y, groups=4, dilation=2))
    case("conv2d_bgroups", [4, 3, 5, 4], [6, 3, 2, 2], ["batch_group_size: 2", "padding: [{1, 0}, {0, 1}]"],
         lambda x, y: conv(x, y, 1, [(1, 0), (0, 1)], bg=2))
    case("conv2d_bgroups_stride", [6, 2, 7, 5], [3, 2, 3, 2], ["batch_group_size: 3", "strides: [2, 2]",
                                                                 "input_dilation: [1, 2]"],
         lambda x, y: conv(x, y, [2, 2], idil=[1, 2], bg=3))
    case("conv2d_perms", [5, 4, 2, 3], [3, 2, 4, 2],
         ["input_permutation: [3, 2, 0, 1]", "kernel_permutation: [2, 3, 0, 1]", "output_permutation: [0, 2, 3, 1]",
          "padding: :same"],
         lambda x, y: conv(x, y, 1, [(1, 1), (0, 1)], ip=[3, 2, 0, 1], kp=[2, 3, 0, 1], op=[0, 2, 3, 1]))
    case("conv3d", [1, 2, 4, 5, 4], [2, 2, 2, 3, 2], ["strides: [1, 2, 1]", "padding: [{1, 0}, {1, 1}, {0, 0}]"],
         lambda x, y: conv(x, y, [1, 2, 1], [(1, 0), (1, 1), (0, 0)]), f32=True)
    case("conv3d_dilated_groups", [2, 4, 5, 4, 4], [4, 2, 2, 2, 2],
         ["kernel_dilation: [2, 1, 2]", "input_dilation: [1, 2, 1]", "feature_group_size: 2"],
         lambda x, y: conv(x, y, 1, idil=[1, 2, 1], kdil=[2, 1, 2], fg=2))
    dynamic(b, "conv2d_dynamic_batch", "Nx.conv", [("x", [("n", 3), 2, 5, 5], "any"), ("y", [3, 2, 3, 3], "any")],
            "Nx.conv(x, y, strides: 2, padding: :same)", lambda x, y: F.conv2d(x, y, stride=2, padding=1))
    dynamic(b, "conv2d_dynamic_groups", "Nx.conv", [("x", [("n", 2), 4, 5, 4], "any"), ("y", [4, 2, 2, 3], "any")],
            "Nx.conv(x, y, feature_group_size: 2, padding: [{1, 0}, {0, 0}])",
            lambda x, y: conv(x, y, 1, [(1, 0), (0, 0)], fg=2))
    b.add("conv_input_only", "Nx.conv", [("x", [2, 2, 6], "any"), ("y", [3, 2, 3], "any", False)],
          "Nx.conv(x, y, strides: 2, padding: [{1, 1}])", lambda x, y: F.conv1d(x, y, stride=2, padding=1))


def generate(b):
    for f in (windows, scatters, pooling, convs):
        f(b)
