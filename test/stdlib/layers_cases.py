"""layers_cases.py - the cases of layers_oracle.py and their torch references.

Each Case is a call of an NxStd.Layers function on named random arguments
and a function computing the expected output from float64 torch tensors of
the same arguments (requires_grad on the float ones, so that the driver also
gets the reference gradients). Channels-last inputs and kernels are moved to
torch's channels-first layout and back; options torch has no counterpart
for (input dilation, asymmetric or :same padding, Axon's transposed
convolution padding) are built from torch operations (zero insertion,
F.pad, F.conv_transpose) so that nothing is taken from nxc.
"""
import torch
import torch.nn.functional as F


class Case:
    """`call` is nx source over the argument names; `args` are
    (name, shape, kind) with kind "f" (normal), "pos" (positive) or
    ("ids", vocab); `ref` maps a dict of torch tensors to the output."""

    def __init__(self, group, name, call, args, ref, grad=True):
        self.group, self.name, self.call = group, name, call
        self.args, self.ref, self.grad = args, ref, grad

    def floats(self):
        return [a for a in self.args if a[2] in ("f", "pos")]


CASES = []


def case(*a, **kw):
    CASES.append(Case(*a, **kw))


def first(x):
    """channels :last -> :first."""
    return torch.movedim(x, -1, 1)


def last(x):
    """channels :first -> :last."""
    return torch.movedim(x, 1, -1)


def kfirst(k):
    """Axon's :last kernel {spatial..., in, out} -> {out, in, spatial...}."""
    n = k.dim()
    return k.permute([n - 1, n - 2] + list(range(n - 2)))


def spatial(x, channels):
    return list(range(2, x.dim())) if channels == "first" else \
        list(range(1, x.dim() - 1))


def per_dim(v, n):
    return list(v) if isinstance(v, (list, tuple)) else [v] * n


def same_pads(eff):
    """Nx's :same: eff - 1 in all, the lower half before."""
    return [((e - 1) // 2, e - 1 - (e - 1) // 2) for e in eff]


def pad_spatial(x, pads, value=0.0):
    """F.pad with (lo, hi) per spatial axis of a channels-first x."""
    flat = []
    for lo, hi in reversed(pads):
        flat += [lo, hi]
    return F.pad(x, flat, value=value)


def dilate(x, d):
    """Interior padding d - 1 on the spatial axes (Nx's input_dilation)."""
    n = x.dim() - 2
    d = per_dim(d, n)
    if all(v == 1 for v in d):
        return x
    shape = list(x.shape[:2]) + [(s - 1) * v + 1 for s, v in
                                  zip(x.shape[2:], d)]
    out = x.new_zeros(shape)
    idx = [slice(None), slice(None)] + [slice(None, None, v) for v in d]
    out[tuple(idx)] = x
    return out


CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
CONVT = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}


def conv_ref(x, k, b=None, strides=1, padding="valid", input_dilation=1,
             kernel_dilation=1, groups=1, channels="last"):
    """Nx.conv with Axon's layouts, from F.convNd on channels-first data."""
    if channels == "last":
        x, k = first(x), kfirst(k)
    n = x.dim() - 2
    x = dilate(x, input_dilation)
    kd = per_dim(kernel_dilation, n)
    eff = [(s - 1) * d + 1 for s, d in zip(k.shape[2:], kd)]
    pads = {"valid": [(0, 0)] * n, "same": same_pads(eff)}.get(
        padding, padding) if isinstance(padding, str) else padding
    x = pad_spatial(x, pads)
    y = CONV[n](x, k, None, stride=per_dim(strides, n), dilation=kd,
                groups=groups)
    y = add_bias(y, b)
    return last(y) if channels == "last" else y


def add_bias(y, b):
    if b is None:
        return y
    if b.dim() == 1:
        return y + b.reshape([1, -1] + [1] * (y.dim() - 2))
    return y + b


def conv_transpose_ref(x, k, b=None, strides=1, padding="valid",
                       kernel_dilation=1, channels="last"):
    """Axon's conv_transpose: the full F.conv_transposeNd (weight: the
    kernel with in/out swapped and flipped, since Axon does not flip it),
    cropped or zero-extended to Axon's padding of the dilated input."""
    if channels == "last":
        x, k = first(x), kfirst(k)
    n = x.dim() - 2
    s, r = per_dim(strides, n), per_dim(kernel_dilation, n)
    eff = [(kk - 1) * rr + 1 for kk, rr in zip(k.shape[2:], r)]
    w = k.transpose(0, 1).flip(list(range(2, k.dim())))
    full = CONVT[n](x, w, None, stride=s, dilation=r)
    if padding == "valid":
        pads = [(e - 1, max(e, ss) - 1) for e, ss in zip(eff, s)]
    elif padding == "same":
        pads = []
        for e, ss in zip(eff, s):
            lo = e - 1 if ss > e - 1 else -(-(e + ss - 2) // 2)
            pads.append((lo, e + ss - 2 - lo))
    else:
        pads = padding
    # `full` is the convolution of the input padded by e - 1 on each side.
    y = pad_spatial(full, [(lo - (e - 1), hi - (e - 1))
                           for (lo, hi), e in zip(pads, eff)])
    y = add_bias(y, b)
    return last(y) if channels == "last" else y


# ---- linear and embedding -------------------------------------------------
case("linear", "dense", "Layers.dense(x, k, b)",
     [("x", (4, 5), "f"), ("k", (5, 3), "f"), ("b", (3,), "f")],
     lambda t: t["x"] @ t["k"] + t["b"])
case("linear", "dense_rank3_nobias", "Layers.dense(x, k)",
     [("x", (2, 4, 5), "f"), ("k", (5, 3), "f")],
     lambda t: t["x"] @ t["k"])
case("linear", "dense_scalar_bias", "Layers.dense(x, k, b)",
     [("x", (4, 5), "f"), ("k", (5, 3), "f"), ("b", (), "f")],
     lambda t: t["x"] @ t["k"] + t["b"])
case("linear", "bilinear", "Layers.bilinear(x1, x2, k, b)",
     [("x1", (4, 3), "f"), ("x2", (4, 5), "f"), ("k", (2, 3, 5), "f"),
      ("b", (2,), "f")],
     lambda t: F.bilinear(t["x1"], t["x2"], t["k"], t["b"]))
case("linear", "bilinear_rank3", "Layers.bilinear(x1, x2, k)",
     [("x1", (2, 4, 3), "f"), ("x2", (2, 4, 5), "f"), ("k", (2, 3, 5), "f")],
     lambda t: F.bilinear(t["x1"], t["x2"], t["k"]))
case("linear", "embedding", "Layers.embedding(ids, k)",
     [("ids", (3, 4), ("ids", 7)), ("k", (7, 5), "f")],
     lambda t: F.embedding(t["ids"], t["k"]))

# ---- convolutions ---------------------------------------------------------
case("conv", "conv1d_first", "Layers.conv(x, k, b, channels: :first)",
     [("x", (2, 3, 9), "f"), ("k", (4, 3, 3), "f"), ("b", (4,), "f")],
     lambda t: F.conv1d(t["x"], t["k"], t["b"]))
case("conv", "conv2d_last", "Layers.conv(x, k, b)",
     [("x", (2, 6, 5, 3), "f"), ("k", (3, 2, 3, 4), "f"), ("b", (4,), "f")],
     lambda t: last(F.conv2d(first(t["x"]), kfirst(t["k"]), t["b"])))
case("conv", "conv2d_nobias", "Layers.conv(x, k)",
     [("x", (1, 5, 5, 2), "f"), ("k", (2, 2, 2, 3), "f")],
     lambda t: conv_ref(t["x"], t["k"]))
case("conv", "conv2d_scalar_bias",
     "Layers.conv(x, k, b, channels: :first, padding: :same)",
     [("x", (1, 2, 5, 4), "f"), ("k", (3, 2, 3, 2), "f"), ("b", (), "f")],
     lambda t: conv_ref(t["x"], t["k"], t["b"], padding="same",
                        channels="first"))
case("conv", "conv2d_strided_same_kdil",
     "Layers.conv(x, k, b, strides: [2, 1], padding: :same, "
     "kernel_dilation: 2, channels: :first)",
     [("x", (2, 3, 9, 7), "f"), ("k", (4, 3, 3, 2), "f"), ("b", (4,), "f")],
     lambda t: conv_ref(t["x"], t["k"], t["b"], strides=[2, 1],
                        padding="same", kernel_dilation=2, channels="first"))
case("conv", "conv2d_pad_idil_groups",
     "Layers.conv(x, k, b, padding: [{1, 0}, {2, 1}], input_dilation: 2, "
     "feature_group_size: 2, channels: :first)",
     [("x", (2, 4, 4, 3), "f"), ("k", (6, 2, 2, 3), "f"), ("b", (6,), "f")],
     lambda t: conv_ref(t["x"], t["k"], t["b"], padding=[(1, 0), (2, 1)],
                        input_dilation=2, groups=2, channels="first"))
case("conv", "conv2d_last_groups_strides",
     "Layers.conv(x, k, b, strides: 2, feature_group_size: 3, "
     "kernel_dilation: [1, 2])",
     [("x", (2, 7, 8, 6), "f"), ("k", (2, 3, 2, 9), "f"), ("b", (9,), "f")],
     lambda t: conv_ref(t["x"], t["k"], t["b"], strides=2, groups=3,
                        kernel_dilation=[1, 2]))
case("conv", "conv3d_last_same",
     "Layers.conv(x, k, b, strides: 2, padding: :same)",
     [("x", (1, 5, 4, 6, 2), "f"), ("k", (3, 2, 3, 2, 3), "f"),
      ("b", (3,), "f")],
     lambda t: conv_ref(t["x"], t["k"], t["b"], strides=2, padding="same"))
case("conv", "conv3d_first",
     "Layers.conv(x, k, b, channels: :first)",
     [("x", (1, 2, 4, 4, 3), "f"), ("k", (3, 2, 2, 3, 2), "f"),
      ("b", (3,), "f")],
     lambda t: F.conv3d(t["x"], t["k"], t["b"]))
case("conv", "depthwise2d_first",
     "Layers.depthwise_conv(x, k, b, channels: :first, padding: :same)",
     [("x", (2, 3, 5, 6), "f"), ("k", (6, 1, 3, 3), "f"), ("b", (6,), "f")],
     lambda t: conv_ref(t["x"], t["k"], t["b"], padding="same", groups=3,
                        channels="first"))
case("conv", "depthwise1d_last", "Layers.depthwise_conv(x, k, b, strides: 2)",
     [("x", (2, 9, 3), "f"), ("k", (3, 1, 3), "f"), ("b", (3,), "f")],
     lambda t: conv_ref(t["x"], t["k"], t["b"], strides=2, groups=3))
case("conv", "separable2d_first",
     "Layers.separable_conv2d(x, k1, b1, k2, b2, channels: :first)",
     [("x", (2, 2, 6, 5), "f"), ("k1", (4, 1, 3, 1), "f"), ("b1", (4,), "f"),
      ("k2", (4, 1, 1, 2), "f"), ("b2", (4,), "f")],
     lambda t: F.conv2d(F.conv2d(t["x"], t["k1"], t["b1"], groups=2),
                        t["k2"], t["b2"], groups=4))
case("conv", "separable2d_nobias_last",
     "Layers.separable_conv2d(x, k1, k2, padding: :same)",
     [("x", (1, 5, 5, 2), "f"), ("k1", (3, 1, 1, 2), "f"),
      ("k2", (1, 3, 1, 2), "f")],
     lambda t: conv_ref(conv_ref(t["x"], t["k1"], padding="same", groups=2),
                        t["k2"], padding="same", groups=2))
case("conv", "separable3d_first",
     "Layers.separable_conv3d(x, k1, b1, k2, b2, k3, b3, channels: :first)",
     [("x", (1, 2, 4, 4, 5), "f"), ("k1", (2, 1, 2, 1, 1), "f"),
      ("b1", (2,), "f"), ("k2", (2, 1, 1, 3, 1), "f"), ("b2", (2,), "f"),
      ("k3", (2, 1, 1, 1, 2), "f"), ("b3", (2,), "f")],
     lambda t: F.conv3d(F.conv3d(F.conv3d(
         t["x"], t["k1"], t["b1"], groups=2), t["k2"], t["b2"], groups=2),
         t["k3"], t["b3"], groups=2))
case("conv", "separable3d_nobias_last",
     "Layers.separable_conv3d(x, k1, k2, k3)",
     [("x", (1, 3, 4, 4, 2), "f"), ("k1", (2, 1, 1, 1, 2), "f"),
      ("k2", (1, 2, 1, 1, 2), "f"), ("k3", (1, 1, 2, 1, 2), "f")],
     lambda t: conv_ref(conv_ref(conv_ref(t["x"], t["k1"], groups=2),
                                 t["k2"], groups=2), t["k3"], groups=2))

# ---- transposed convolutions ----------------------------------------------
for nm, call, shapes, kw in [
    ("ct1d_first_valid", "channels: :first, strides: 2",
     ((2, 3, 5), (4, 3, 3), (4,)), dict(strides=2, channels="first")),
    ("ct1d_first_valid_s3k2", "channels: :first, strides: 3",
     ((1, 2, 4), (3, 2, 2), (3,)), dict(strides=3, channels="first")),
    ("ct1d_first_same", "channels: :first, strides: 2, padding: :same",
     ((2, 3, 5), (4, 3, 3), (4,)),
     dict(strides=2, padding="same", channels="first")),
    ("ct1d_first_same_s3k2", "channels: :first, strides: 3, padding: :same",
     ((1, 2, 4), (3, 2, 2), (3,)),
     dict(strides=3, padding="same", channels="first")),
    ("ct2d_last_valid", "strides: [2, 1]",
     ((2, 4, 3, 2), (3, 2, 2, 3), (3,)), dict(strides=[2, 1])),
    ("ct2d_last_same_kdil", "strides: 2, padding: :same, kernel_dilation: 2",
     ((1, 3, 4, 2), (2, 3, 2, 3), (3,)),
     dict(strides=2, padding="same", kernel_dilation=2)),
    ("ct2d_first_explicit", "channels: :first, strides: 2, "
     "padding: [{1, 2}, {0, 1}]",
     ((1, 2, 3, 4), (3, 2, 3, 2), (3,)),
     dict(strides=2, padding=[(1, 2), (0, 1)], channels="first")),
    ("ct3d_first_valid", "channels: :first, strides: [1, 2, 2]",
     ((1, 2, 2, 3, 2), (2, 2, 2, 2, 3), (2,)),
     dict(strides=[1, 2, 2], channels="first")),
]:
    case("conv_transpose", nm, "Layers.conv_transpose(x, k, b, %s)" % call,
         [("x", shapes[0], "f"), ("k", shapes[1], "f"),
          ("b", shapes[2], "f")],
         lambda t, kw=kw: conv_transpose_ref(t["x"], t["k"], t["b"], **kw))
# Anchored to torch directly: Axon's :valid transposed convolution with
# stride <= kernel size is F.conv_transpose1d of the flipped, swapped kernel.
case("conv_transpose", "ct1d_torch",
     "Layers.conv_transpose(x, k, 0, channels: :first, strides: 2)",
     [("x", (2, 3, 5), "f"), ("k", (4, 3, 3), "f")],
     lambda t: F.conv_transpose1d(t["x"], t["k"].transpose(0, 1).flip(2),
                                  stride=2))
case("conv_transpose", "ct2d_torch_default", "Layers.conv_transpose(x, k, b)",
     [("x", (1, 3, 4, 2), "f"), ("k", (2, 3, 2, 5), "f"), ("b", (5,), "f")],
     lambda t: last(F.conv_transpose2d(
         first(t["x"]), kfirst(t["k"]).transpose(0, 1).flip([2, 3]),
         t["b"])))

# ---- pooling --------------------------------------------------------------
MAXPOOL = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
AVGPOOL = {1: F.adaptive_avg_pool1d, 2: F.adaptive_avg_pool2d,
           3: F.adaptive_avg_pool3d}
AMAXPOOL = {1: F.adaptive_max_pool1d, 2: F.adaptive_max_pool2d,
            3: F.adaptive_max_pool3d}


def pool_ref(kind, x, k, strides=None, padding="valid", dil=1,
             channels="last", norm=2):
    """max: F.max_poolNd over the input padded with -inf; mean and lp: a
    depthwise F.convNd with a kernel of ones (window sums, dilated), over
    the input padded with zeros, divided by the window size for mean."""
    if channels == "last":
        x = first(x)
    n = x.dim() - 2
    k, d = per_dim(k, n), per_dim(dil, n)
    s = k if strides is None else per_dim(strides, n)
    eff = [(kk - 1) * dd + 1 for kk, dd in zip(k, d)]
    pads = {"valid": [(0, 0)] * n, "same": same_pads(eff)}.get(
        padding, padding) if isinstance(padding, str) else padding
    if kind == "max":
        y = MAXPOOL[n](pad_spatial(x, pads, float("-inf")), k, s, dilation=d)
    else:
        c = x.shape[1]
        w = x.new_ones([c, 1] + k)
        src = x if kind == "mean" else x.pow(norm)
        y = CONV[n](pad_spatial(src, pads), w, stride=s, dilation=d, groups=c)
        if kind == "mean":
            y = y / float(torch.tensor(k).prod())
        else:
            y = y.pow(1.0 / norm)
    return last(y) if channels == "last" else y


for nm, call, shape, kw in [
    ("2d_last", "kernel_size: 2", (2, 6, 5, 3), dict(k=2)),
    ("2d_first_strides_same", "kernel_size: {3, 2}, strides: [2, 1], "
     "padding: :same, channels: :first", (2, 3, 7, 6),
     dict(k=(3, 2), strides=[2, 1], padding="same", channels="first")),
    ("2d_last_pad_dil", "kernel_size: {2, 3}, strides: 1, "
     "padding: [{1, 0}, {2, 1}], window_dilations: [2, 1]", (1, 6, 6, 2),
     dict(k=(2, 3), strides=1, padding=[(1, 0), (2, 1)], dil=[2, 1])),
    ("1d_first_stride", "kernel_size: 3, strides: 2, channels: :first",
     (2, 3, 9), dict(k=3, strides=2, channels="first")),
    ("1d_last_dil", "kernel_size: 2, window_dilations: 3, strides: {1}",
     (2, 9, 2), dict(k=2, dil=3, strides=1)),
    ("3d_last", "kernel_size: {2, 2, 1}", (1, 4, 5, 3, 2),
     dict(k=(2, 2, 1))),
    ("3d_first_same", "kernel_size: 2, strides: 1, padding: :same, "
     "channels: :first", (1, 2, 3, 4, 3),
     dict(k=2, strides=1, padding="same", channels="first")),
]:
    args = [("x", shape, "f")]
    case("pool", "max_" + nm, "Layers.max_pool(x, %s)" % call, args,
         lambda t, kw=kw: pool_ref("max", t["x"], **kw))
    case("pool", "avg_" + nm, "Layers.avg_pool(x, %s)" % call, args,
         lambda t, kw=kw: pool_ref("mean", t["x"], **kw))
    case("pool", "lp_" + nm, "Layers.lp_pool(x, %s)" % call, args,
         lambda t, kw=kw: pool_ref("lp", t["x"], **kw))
case("pool", "lp_norm3", "Layers.lp_pool(x, kernel_size: 2, norm: 3, "
     "channels: :first)", [("x", (2, 3, 4, 6), "pos")],
     lambda t: pool_ref("lp", t["x"], 2, norm=3, channels="first"))
# Anchored to torch's own pools.
case("pool", "max_torch", "Layers.max_pool(x, kernel_size: {2, 3}, "
     "strides: [1, 2], window_dilations: {2, 1}, channels: :first)",
     [("x", (2, 3, 7, 8), "f")],
     lambda t: F.max_pool2d(t["x"], (2, 3), (1, 2), dilation=(2, 1)))
case("pool", "avg_torch", "Layers.avg_pool(x, kernel_size: 3, strides: 2, "
     "channels: :first)", [("x", (2, 3, 7, 8), "f")],
     lambda t: F.avg_pool2d(t["x"], 3, 2))
case("pool", "avg_torch_same", "Layers.avg_pool(x, kernel_size: 3, "
     "strides: 1, padding: :same, channels: :first)",
     [("x", (2, 3, 5, 4), "f")],
     lambda t: F.avg_pool2d(t["x"], 3, 1, padding=1))
case("pool", "lp_torch", "Layers.lp_pool(x, kernel_size: {2, 3}, "
     "channels: :first)", [("x", (2, 3, 6, 7), "f")],
     lambda t: F.lp_pool2d(t["x"], 2, (2, 3)))


def adaptive_lp_ref(x, out, norm, channels):
    """sum over torch's adaptive windows = mean * window size."""
    if channels == "last":
        x = first(x)
    n = x.dim() - 2
    out = per_dim(out, n)
    counts = [torch.tensor([-(-(q + 1) * i // o) - q * i // o
                            for q in range(o)], dtype=x.dtype)
              for i, o in zip(x.shape[2:], out)]
    count = counts[0]
    for c in counts[1:]:
        count = count[..., None] * c
    y = (AVGPOOL[n](x.pow(norm), out) * count).pow(1.0 / norm)
    return last(y) if channels == "last" else y


def adaptive(f, out, channels):
    def ref(t):
        x = t["x"] if channels == "first" else first(t["x"])
        y = f[x.dim() - 2](x, out)
        return y if channels == "first" else last(y)
    return ref


for nm, shape, out, ch in [
    ("1d_first_7to3", (2, 3, 7), 3, "first"),
    ("2d_last_7x5to3x2", (2, 7, 5, 3), (3, 2), "last"),
    ("2d_first_6x4to3x2", (2, 3, 6, 4), (3, 2), "first"),
    ("2d_first_5x5to4", (1, 2, 5, 5), 4, "first"),
    ("3d_last", (1, 5, 4, 3, 2), (2, 3, 2), "last"),
    # Sizes where Axon's stride/window rule and torch's windows differ.
    ("1d_first_6to4", (2, 3, 6), 4, "first"),
    ("2d_last_10x6to4x4", (1, 10, 6, 2), (4, 4), "last"),
]:
    opts = "output_size: %s%s" % (
        "{%s}" % ", ".join(map(str, out)) if isinstance(out, tuple) else out,
        ", channels: :first" if ch == "first" else "")
    args = [("x", shape, "f")]
    case("adaptive", "avg_" + nm, "Layers.adaptive_avg_pool(x, %s)" % opts,
         args, adaptive(AVGPOOL, out, ch))
    case("adaptive", "max_" + nm, "Layers.adaptive_max_pool(x, %s)" % opts,
         args, adaptive(AMAXPOOL, out, ch))
    case("adaptive", "lp_" + nm, "Layers.adaptive_lp_pool(x, %s)" % opts,
         args, lambda t, out=out, ch=ch: adaptive_lp_ref(t["x"], out, 2, ch))
case("adaptive", "lp_norm3", "Layers.adaptive_lp_pool(x, output_size: 2, "
     "norm: 3, channels: :first)", [("x", (2, 3, 5, 4), "pos")],
     lambda t: adaptive_lp_ref(t["x"], 2, 3, "first"))
case("adaptive", "avg_default_size", "Layers.adaptive_avg_pool(x)",
     [("x", (2, 4, 3, 2), "f")], lambda t: t["x"] * 1)

# ---- global pooling -------------------------------------------------------
for rank in (3, 4, 5):
    shp = {3: (2, 5, 3), 4: (2, 4, 3, 3), 5: (2, 3, 2, 3, 3)}[rank]
    for ch in ("first", "last"):
        for keep in ((False, True) if rank == 4 else (rank == 5,)):
            tag = "%dd_%s%s" % (rank - 2, ch, "_keep" if keep else "")
            opts = "channels: :%s, keep_axes: %s" % (ch, str(keep).lower())

            def red(f, ch=ch, keep=keep):
                return lambda t: f(t["x"], spatial(t["x"], ch), keep)
            case("global", "gavg_" + tag,
                 "Layers.global_avg_pool(x, %s)" % opts, [("x", shp, "f")],
                 red(lambda x, d, k: x.mean(d, keepdim=k)))
            case("global", "gmax_" + tag,
                 "Layers.global_max_pool(x, %s)" % opts, [("x", shp, "f")],
                 red(lambda x, d, k: x.amax(d, keepdim=k)))
            case("global", "glp_" + tag,
                 "Layers.global_lp_pool(x, %s)" % opts, [("x", shp, "f")],
                 red(lambda x, d, k: x.pow(2).sum(d, keepdim=k).sqrt()))
case("global", "gavg_default", "Layers.global_avg_pool(x)",
     [("x", (2, 4, 3, 3), "f")],
     lambda t: F.adaptive_avg_pool2d(first(t["x"]), 1).flatten(1))
case("global", "gmax_default", "Layers.global_max_pool(x)",
     [("x", (2, 4, 3, 3), "f")],
     lambda t: F.adaptive_max_pool2d(first(t["x"]), 1).flatten(1))
case("global", "glp_default", "Layers.global_lp_pool(x)",
     [("x", (2, 4, 3, 3), "f")],
     lambda t: F.lp_pool2d(first(t["x"]), 2, (4, 3)).flatten(1))
case("global", "glp_norm3",
     "Layers.global_lp_pool(x, norm: 3, channels: :first)",
     [("x", (2, 3, 4, 3), "pos")],
     lambda t: F.lp_pool2d(t["x"], 3, (4, 3)).flatten(1))
