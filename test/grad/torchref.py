"""torchref.py - PyTorch translations of Nx functions for the gradient oracle.

This file implements the Nx functions that have no one-call PyTorch
equivalent (pad with interior padding, windows, gather/indexed ops, Nx's
conv options) and the gradient rules where Nx and PyTorch differ:

- `reduce_max`/`reduce_min`: Nx divides the gradient evenly among the tied
  positions (grad.ex: `locs / sum(locs)`). torch.amax does the same, but
  torch.max(dim) does not; NxReduceExt states Nx's rule explicitly.
- element-wise `max`/`min`: at a tie each operand gets half (grad.ex divides
  by 2 where both equal the result); NxMaxMin states it.
- `abs`: Nx's gradient at 0 is +g (`select(x >= 0, g, -g)`), torch's is 0;
  NxAbs states Nx's rule.

Everything here runs in float64 on the CPU.
"""

import torch

F64 = torch.float64


# --------------------------------------------------- Nx's gradient rules
class NxReduceExt(torch.autograd.Function):
    """reduce_max/reduce_min with Nx's tie rule: g / count of tied maxima."""

    @staticmethod
    def forward(ctx, x, axes, is_max, keep):
        red = torch.amax if is_max else torch.amin
        ans = red(x, dim=axes, keepdim=True)
        locs = (x == ans).to(x.dtype)
        ctx.save_for_backward(locs)
        ctx.axes, ctx.keep = axes, keep
        return ans if keep else _squeeze(ans, axes)

    @staticmethod
    def backward(ctx, g):
        (locs,) = ctx.saved_tensors
        if not ctx.keep:
            for a in sorted(ctx.axes):
                g = g.unsqueeze(a)
        return g * locs / locs.sum(dim=ctx.axes, keepdim=True), None, None, None


def _squeeze(t, axes):
    for a in sorted(axes, reverse=True):
        t = t.squeeze(a)
    return t


def _axes(x, axes):
    return list(range(x.dim())) if axes is None else [a % x.dim() for a in axes]


def reduce_max(x, axes=None, keep=False):
    return NxReduceExt.apply(x, _axes(x, axes), True, keep)


def reduce_min(x, axes=None, keep=False):
    return NxReduceExt.apply(x, _axes(x, axes), False, keep)


class NxMaxMin(torch.autograd.Function):
    """Element-wise Nx.max/Nx.min (same shapes): a tie gives each side g / 2."""

    @staticmethod
    def forward(ctx, x, y, is_max):
        ans = torch.maximum(x, y) if is_max else torch.minimum(x, y)
        ctx.save_for_backward(x, y, ans)
        return ans

    @staticmethod
    def backward(ctx, g):
        x, y, ans = ctx.saved_tensors
        ex, ey = (x == ans).to(g.dtype), (y == ans).to(g.dtype)
        return g * ex / (1 + ey), g * ey / (1 + ex), None


def nx_max(x, y):
    x, y = torch.broadcast_tensors(x, y)
    return NxMaxMin.apply(x, y, True)


def nx_min(x, y):
    x, y = torch.broadcast_tensors(x, y)
    return NxMaxMin.apply(x, y, False)


class NxAbs(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.abs()

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return torch.where(x >= 0, g, -g)


def nx_abs(x):
    return NxAbs.apply(x)


# ------------------------------------------------------------ structure
def pad(x, value, config):
    """Nx.pad: config is [(lo, hi, interior)] per axis; negative lo/hi crop."""
    for ax, (lo, hi, interior) in enumerate(config):
        if interior:
            n = x.shape[ax]
            shape = list(x.shape)
            shape[ax] = n + (n - 1) * interior if n else 0
            out = torch.full(shape, float(value), dtype=x.dtype)
            idx = [slice(None)] * x.dim()
            idx[ax] = slice(0, None, interior + 1)
            out[tuple(idx)] = x
            x = out
        parts = []
        if lo > 0:
            s = list(x.shape)
            s[ax] = lo
            parts.append(torch.full(s, float(value), dtype=x.dtype))
        n = x.shape[ax]
        x = x.narrow(ax, max(0, -lo), n - max(0, -lo) - max(0, -hi))
        parts.append(x)
        if hi > 0:
            s = list(x.shape)
            s[ax] = hi
            parts.append(torch.full(s, float(value), dtype=x.dtype))
        x = torch.cat(parts, dim=ax)
    return x


def window(x, dims, op, strides=None, padding=None):
    """Nx.window_<op> over every axis: dims/strides per axis, padding [(lo, hi)]."""
    strides = strides or [1] * x.dim()
    fill = {"sum": 0.0, "mean": 0.0, "max": float("-inf"), "min": float("inf"), "product": 1.0}[op]
    if padding:
        x = pad(x, fill, [(lo, hi, 0) for lo, hi in padding])
    for ax, (d, s) in enumerate(zip(dims, strides)):
        x = x.unfold(ax, d, s)
    w = list(range(x.dim() - len(dims), x.dim()))
    if op == "sum":
        return x.sum(dim=w)
    if op == "mean":
        return x.sum(dim=w) / float(torch.tensor(dims).prod())
    if op == "product":
        return x.flatten(start_dim=x.dim() - len(dims)).prod(dim=-1)
    return (torch.amax if op == "max" else torch.amin)(x, dim=w)


def conv(x, k, strides=1, padding=None, groups=1):
    """Nx.conv with 2 spatial dims: x [n, c, h, w], k [o, c/groups, kh, kw];
    padding [(lo, hi), (lo, hi)] (Nx's explicit form)."""
    if padding:
        x = pad(x, 0.0, [(0, 0, 0), (0, 0, 0)] + [(lo, hi, 0) for lo, hi in padding])
    return torch.nn.functional.conv2d(x, k, stride=strides, groups=groups)


def gather(x, idx):
    """Nx.gather(x, idx): idx [..., k] indexes x's leading k axes."""
    return x[tuple(idx[..., j] for j in range(idx.shape[-1]))]


def indexed_add(x, idx, upd):
    return x.index_put(tuple(idx[:, j] for j in range(idx.shape[-1])), upd, accumulate=True)


def indexed_put(x, idx, upd):
    return x.index_put(tuple(idx[:, j] for j in range(idx.shape[-1])), upd)


def take(x, idx, axis=0):
    """Nx.take: x.shape[:axis] ++ idx.shape ++ x.shape[axis + 1:]."""
    axis %= x.dim()
    flat = torch.index_select(x, axis, idx.reshape(-1))
    return flat.reshape(x.shape[:axis] + idx.shape + x.shape[axis + 1:])


def put_slice(x, start, upd):
    idx = tuple(slice(s, s + n) for s, n in zip(start, upd.shape))
    out = x.clone()
    out[idx] = upd
    return out


def cum(x, op, axis=0, reverse=False):
    if reverse:
        x = x.flip(axis)
    r = {"sum": lambda: torch.cumsum(x, axis), "product": lambda: torch.cumprod(x, axis),
         "max": lambda: torch.cummax(x, axis).values, "min": lambda: torch.cummin(x, axis).values}[op]()
    return r.flip(axis) if reverse else r


def cbrt(x):
    return torch.sign(x) * x.abs() ** (1.0 / 3.0)


def erf_inv(x):
    return torch.erfinv(x)
