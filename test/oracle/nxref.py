"""nxref.py - Nx type rules and NumPy reference semantics for the oracle.

This file implements the independent side of the randomized oracle: Nx's
dtype promotion (Nx.Type.merge / merge_number / to_floating / to_aggregate,
as in Nx 0.13, the version whose rules nxc follows: integer literals,
`Nx.tensor` of integers and `Nx.iota`/`Nx.eye`/`argmax` default to s32,
sum/product of s8..s32 give s32, of u8..u32 u32, of s64/u64 s64) and NumPy implementations of the Nx functions whose semantics
differ from NumPy's (round half away from zero, remainder with the sign of the
dividend, argmax/argmin tie breaks, reductions over empty axes).

Run with /usr/bin/python3 (needs NumPy). Nothing here calls nxc.
"""

import numpy as np

# Nx dtype name -> (kind, bits); pred is nxc's 1-bit boolean (not an Nx type,
# it only appears as an entry argument type).
KINDS = {"pred": ("pred", 1), "u8": ("u", 8), "u16": ("u", 16), "u32": ("u", 32),
         "u64": ("u", 64), "s8": ("s", 8), "s16": ("s", 16), "s32": ("s", 32),
         "s64": ("s", 64), "f16": ("f", 16), "bf16": ("bf", 16), "f32": ("f", 32),
         "f64": ("f", 64)}
# bf16 has no NumPy (npy) form: the oracle only uses it inside programs, via
# Nx.as_type from and to f32.
NP = {"pred": np.bool_, "u8": np.uint8, "u16": np.uint16, "u32": np.uint32,
      "u64": np.uint64, "s8": np.int8, "s16": np.int16, "s32": np.int32,
      "s64": np.int64, "f16": np.float16, "f32": np.float32, "f64": np.float64}
NP_TO_NX = {np.dtype(v): k for k, v in NP.items()}
SUPPORTED = set(NP)


def name_of(kind, bits):
    n = {"u": "u", "s": "s", "f": "f", "bf": "bf"}[kind] + str(bits)
    return n


def kb(t):
    """(kind, bits) of any Nx type name (s16, u64, ...); pred counts as u8."""
    if t == "pred":
        return ("u", 8)
    if t.startswith("bf"):
        return ("bf", int(t[2:]))
    return (t[0], int(t[1:]))


def is_float(t):
    return kb(t)[0] in ("f", "bf")


def is_int(t):
    return kb(t)[0] in ("u", "s")


_ORDER = {"u": 0, "s": 1, "bf": 2, "f": 3}


def merge(a, b):
    """Nx.Type.merge/2 for the dtypes nxc supports (pred behaves as u8)."""
    (ka, ba), (kb_, bb) = kb(a), kb(b)
    if ka == kb_:
        return name_of(ka, max(ba, bb))
    (k1, b1), (k2, b2) = sorted([(ka, ba), (kb_, bb)], key=lambda p: _ORDER[p[0]])
    if k1 == "u" and k2 == "s":
        return name_of("s", max(min(b1 * 2, 64), b2))
    return name_of(k2, b2)


def _signed_size(x):
    if x < 0:
        return _signed_size(-x - 1)
    for lim, bits in ((1, 1), (127, 8), (32767, 16), (2147483647, 32)):
        if x <= lim:
            return bits
    return 64


def _unsigned_size(x):
    for lim, bits in ((1, 1), (255, 8), (65535, 16), (4294967295, 32)):
        if x <= lim:
            return bits
    return 64


def merge_number(t, number):
    """Nx.Type.merge_number/2: a tensor of type t combined with a literal."""
    kind, bits = kb(t)
    if isinstance(number, float):
        return t if kind in ("f", "bf") else "f32"
    if kind == "u":
        if number >= 0:
            return name_of("u", max(_unsigned_size(number), bits))
        return merge_number(name_of("s", min(bits * 2, 64)), number)
    if kind == "s":
        return name_of("s", max(_signed_size(number), bits))
    return t


def to_floating(t):
    return t if is_float(t) else merge(t, "f32")


def to_aggregate(t):
    """Nx 0.13 Nx.Type.to_aggregate: s64/u64 -> s64, other signed -> s32,
    other unsigned (and pred) -> u32, floats unchanged."""
    kind, bits = kb(t)
    if kind in ("s", "u") and bits == 64:
        return "s64"
    if kind == "s":
        return "s32"
    if kind == "u":
        return "u32"
    return t


def literal_type(number):
    """Nx.Type.infer/1 in Nx 0.13: what a bare literal becomes via to_tensor
    (nxc keeps an integer that does not fit in s32 as s64)."""
    if isinstance(number, float):
        return "f32"
    return "s32" if -2**31 <= number < 2**31 else "s64"


# ---------------------------------------------------------------- semantics

def nx_round(x):
    """Round half away from zero, exactly (no x+0.5 double rounding)."""
    x = np.asarray(x)
    t = np.trunc(x)
    frac = np.abs(x - t)  # exact for binary floats
    return (t + np.where(frac >= 0.5, np.sign(x), 0)).astype(x.dtype)


def nx_remainder(a, b):
    """Sign of the dividend, like C fmod; `x rem 0 = x` for integers (nxc contract)."""
    a = np.asarray(a)
    b = np.asarray(b)
    if np.issubdtype(a.dtype, np.integer):
        a, b = np.broadcast_arrays(a, b)
        out = np.empty_like(a)
        zero = b == 0
        out[zero] = a[zero]
        nz = ~zero
        out[nz] = np.fmod(a[nz], b[nz])
        return out
    return np.fmod(a, b)


def nx_sign(x):
    x = np.asarray(x)
    return np.sign(x).astype(x.dtype)


def nx_argext(x, axis=None, keep_axis=False, tie_break="low", op="max"):
    """Nx.argmax/argmin: s32 indices (Nx's default `type:`), tie_break :low
    (first) or :high (last)."""
    x = np.asarray(x)
    if axis is None:
        flat = x.reshape(-1)
        res = _argext_1d(flat, tie_break, op)
        return np.asarray(res, dtype=np.int32)
    axis = axis % x.ndim
    moved = np.moveaxis(x, axis, -1)
    out = np.empty(moved.shape[:-1], dtype=np.int32)
    for idx in np.ndindex(out.shape):
        out[idx] = _argext_1d(moved[idx], tie_break, op)
    if keep_axis:
        out = np.expand_dims(out, axis)
    return out


def _argext_1d(v, tie_break, op):
    best = v.max() if op == "max" else v.min()
    hits = np.nonzero(v == best)[0]
    return int(hits[0] if tie_break == "low" else hits[-1])


def reduce_identity(op, dtype):
    dt = np.dtype(dtype)
    if op == "max":
        return -np.inf if dt.kind == "f" else np.iinfo(dt).min
    if op == "min":
        return np.inf if dt.kind == "f" else np.iinfo(dt).max
    raise ValueError(op)


def nx_reduce_ext(x, axes, keep_axes, op):
    x = np.asarray(x)
    fn = np.max if op == "max" else np.min
    return fn(x, axis=axes, keepdims=keep_axes, initial=reduce_identity(op, x.dtype))


def norm_axes(axes, rank):
    if axes is None:
        return None
    return tuple(sorted(a % rank for a in axes))


def nx_dot2(a, b):
    """Nx.dot/2: scalars multiply; otherwise last axis of a with the
    second-to-last (or only) axis of b, like np.dot."""
    if a.ndim == 0 or b.ndim == 0:
        return a * b
    return np.tensordot(a, b, axes=([a.ndim - 1], [0 if b.ndim == 1 else b.ndim - 2]))


def nx_dot6(a, ca, ba, b, cb, bb):
    """Nx.dot/6: result dims are batch, free dims of a, free dims of b."""
    letters = iter("abcdefghijklmnopqrstuvwxyz")
    la = [None] * a.ndim
    lb = [None] * b.ndim
    for i, j in zip(ba, bb):
        la[i] = lb[j] = next(letters)
    for i, j in zip(ca, cb):
        la[i] = lb[j] = next(letters)
    for i in range(a.ndim):
        if la[i] is None:
            la[i] = next(letters)
    for j in range(b.ndim):
        if lb[j] is None:
            lb[j] = next(letters)
    out = [la[i] for i in ba]
    out += [la[i] for i in range(a.ndim) if i not in ba and i not in ca]
    out += [lb[j] for j in range(b.ndim) if j not in bb and j not in cb]
    spec = "".join(la) + "," + "".join(lb) + "->" + "".join(out)
    return np.einsum(spec, a, b)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def erf(x):
    """erf via math.erf elementwise (NumPy has none; math.erf is libm's)."""
    import math
    x = np.asarray(x, dtype=np.float64)
    return np.vectorize(math.erf, otypes=[np.float64])(x) if x.size else x.copy()


# ------------------------------------------------- indexing, sort, scan
def _clamp_start(s, dim, length):
    """Nx clamps a slice start so that `length` elements fit (and to >= 0)."""
    return max(0, min(int(s), dim - length))


def nx_slice(x, starts, lens, strides=None):
    strides = strides or [1] * x.ndim
    idx = []
    for d, s, l, st in zip(x.shape, starts, lens, strides):
        s = _clamp_start(s, d, l)
        idx.append(slice(s, s + l, st))
    return x[tuple(idx)]


def nx_put_slice(x, starts, u, dtype):
    out = x.astype(dtype).copy()
    idx = []
    for d, s, l in zip(x.shape, starts, u.shape):
        s = _clamp_start(s, d, l)
        idx.append(slice(s, s + l))
    out[tuple(idx)] = u.astype(dtype)
    return out


def nx_pad(x, value, config):
    """Nx.pad: interior padding, then low/high edges (negative ones crop)."""
    for axis, (lo, hi, it) in enumerate(config):
        n = x.shape[axis]
        if it and n > 1:
            shape = list(x.shape)
            shape[axis] = n + (n - 1) * it
            y = np.full(shape, value, x.dtype)
            sl = [slice(None)] * x.ndim
            sl[axis] = slice(0, shape[axis], it + 1)
            y[tuple(sl)] = x
            x = y
        for amount, front in ((lo, True), (hi, False)):
            sl = [slice(None)] * x.ndim
            if amount >= 0:
                shape = list(x.shape)
                shape[axis] = amount
                fill = np.full(shape, value, x.dtype)
                x = np.concatenate([fill, x] if front else [x, fill], axis=axis)
            else:
                n = x.shape[axis]
                sl[axis] = slice(-amount, n) if front else slice(0, n + amount)
                x = x[tuple(sl)]
    return x


def nx_argsort(x, axis=0, desc=False):
    """Stable argsort; NaN above everything (last ascending, first descending)."""
    xf = np.moveaxis(np.asarray(x, np.float64), axis, -1)
    nan = np.isnan(xf)
    key = np.where(nan, 0.0, xf)
    out = np.empty(xf.shape, np.int64)
    for i in np.ndindex(*xf.shape[:-1]):
        if desc:
            out[i] = np.lexsort((-key[i], ~nan[i]))
        else:
            out[i] = np.lexsort((key[i], nan[i]))
    return np.moveaxis(out, -1, axis)


def nx_sort(x, axis=0, desc=False):
    return np.take_along_axis(x, nx_argsort(x, axis, desc), axis=axis)


def nx_cumulative(x, op, axis=0, reverse=False):
    fn = {"sum": lambda v: np.cumsum(v, axis=axis, dtype=x.dtype),
          "product": lambda v: np.cumprod(v, axis=axis, dtype=x.dtype),
          "max": lambda v: np.maximum.accumulate(v, axis=axis),
          "min": lambda v: np.minimum.accumulate(v, axis=axis)}[op]
    with np.errstate(over="ignore"):
        if reverse:
            return np.flip(fn(np.flip(x, axis)), axis)
        return fn(x)


def nx_gather(x, idx, axes):
    """Nx.gather: result [idx.shape[:-1]..., dims of x not in axes...]."""
    k = len(axes)
    xt = np.moveaxis(x, axes, list(range(k)))
    idx = np.asarray(idx, np.int64)
    cl = [np.clip(idx[..., j], 0, x.shape[a] - 1) for j, a in enumerate(axes)]
    return xt[tuple(cl)]


def nx_indexed(t, idx, upd, axes, mode, dtype):
    """Nx.indexed_add/indexed_put: idx {n, k} addresses `axes` of t (clamped);
    upd is {n, other axes...}; add accumulates duplicates (np.add.at), put
    assigns in order (the last write wins). t and upd are cast to `dtype`."""
    out = np.moveaxis(np.array(t, dtype=dtype), axes, list(range(len(axes)))).copy()
    upd = np.asarray(upd).astype(dtype)
    idx = np.asarray(idx, np.int64)
    cl = tuple(np.clip(idx[:, j], 0, t.shape[a] - 1) for j, a in enumerate(axes))
    with np.errstate(over="ignore"):
        if mode == "add":
            np.add.at(out, cl, upd)
        else:
            for r in range(idx.shape[0]):
                out[tuple(c[r] for c in cl)] = upd[r]
    return np.moveaxis(out, list(range(len(axes))), axes)


# ------------------------------------------------- windows and convolution
def same_padding(effs):
    """Nx's :same padding (Nx.Shape.to_padding_config with unit strides)."""
    return [((e - 1) // 2, (e - 1) - (e - 1) // 2) for e in effs]


def nx_window(x, op, dims, strides=None, padding=None, dil=None):
    """Nx.window_sum/product/max/min by explicit loops over output positions."""
    r = x.ndim
    strides = strides or [1] * r
    dil = dil or [1] * r
    effs = [(w - 1) * d + 1 for w, d in zip(dims, dil)]
    if padding == "same":
        padding = same_padding(effs)
    padding = padding or [(0, 0)] * r
    ident = {"sum": 0, "product": 1}.get(op)
    if ident is None:
        if x.dtype.kind == "f":
            ident = -np.inf if op == "max" else np.inf
        else:
            info = np.iinfo(x.dtype)
            ident = info.min if op == "max" else info.max
    p = np.pad(x, padding, constant_values=ident)
    out_shape = [(p.shape[i] - effs[i]) // strides[i] + 1 for i in range(r)]
    fn = {"sum": np.sum, "product": np.prod, "max": np.max, "min": np.min}[op]
    out = np.empty(out_shape, dtype=x.dtype)
    for o in np.ndindex(*out_shape):
        sl = tuple(slice(o[i] * strides[i], o[i] * strides[i] + effs[i], dil[i])
                   for i in range(r))
        out[o] = fn(p[sl]).astype(x.dtype)
    return out


def nx_conv(x, k, strides=None, padding=None, idil=None, kdil=None, fg=1, bg=1):
    """Nx.conv on canonical layouts by explicit loops (cross-correlation)."""
    n = x.ndim - 2
    strides = strides or [1] * n
    idil = idil or [1] * n
    kdil = kdil or [1] * n
    ks = k.shape[2:]
    effs = [(kk - 1) * d + 1 for kk, d in zip(ks, kdil)]
    if padding == "same":
        padding = same_padding(effs)
    padding = padding or [(0, 0)] * n
    # input dilation: zeros between elements
    dshape = list(x.shape[:2]) + [(s - 1) * d + 1 if s else 0
                                   for s, d in zip(x.shape[2:], idil)]
    xd = np.zeros(dshape, dtype=np.float64)
    xd[(slice(None), slice(None)) + tuple(slice(None, None, d) for d in idil)] = x
    # padding (possibly negative)
    for i, (lo, hi) in enumerate(padding):
        ax = i + 2
        if lo < 0:
            xd = np.take(xd, range(-lo, xd.shape[ax]), axis=ax)
        elif lo > 0:
            z = list(xd.shape); z[ax] = lo
            xd = np.concatenate([np.zeros(z), xd], axis=ax)
        if hi < 0:
            xd = np.take(xd, range(0, xd.shape[ax] + hi), axis=ax)
        elif hi > 0:
            z = list(xd.shape); z[ax] = hi
            xd = np.concatenate([xd, np.zeros(z)], axis=ax)
    batch, cin = x.shape[0], x.shape[1]
    cout, kc = k.shape[0], k.shape[1]
    out_sp = [(xd.shape[i + 2] - effs[i]) // strides[i] + 1 for i in range(n)]
    ob = batch // bg
    out = np.zeros([ob, cout] + out_sp, dtype=np.float64)
    kf = k.astype(np.float64)
    for b in range(ob):
        for o in range(cout):
            g = o // (cout // fg)
            bgi = o // (cout // bg)
            ib = bgi * ob + b
            chans = slice(g * kc, (g + 1) * kc)
            for pos in np.ndindex(*out_sp):
                sl = tuple(slice(pos[i] * strides[i], pos[i] * strides[i] + effs[i], kdil[i])
                           for i in range(n))
                out[(b, o) + pos] = np.sum(xd[(ib, chans) + sl] * kf[o])
    return out


# ------------------------------------------------- bitwise, linear algebra
def nx_shift(x, y, left):
    """Nx's shifts: an amount that is negative or at least the bit width
    shifts every bit out (0, or -1 for a negative x shifted right)."""
    bits = x.dtype.itemsize * 8
    yy = y.astype(np.int64)
    oob = (yy < 0) | (yy >= bits)
    ys = np.where(oob, 0, yy).astype(x.dtype)
    if left:
        return np.where(oob, 0, np.left_shift(x, ys)).astype(x.dtype)
    fill = np.where(x < 0, -1, 0) if x.dtype.kind == "i" else 0
    return np.where(oob, fill, np.right_shift(x, ys)).astype(x.dtype)


def _bits_of(x):
    bits = x.dtype.itemsize * 8
    return bits, x.view(np.dtype("u%d" % x.dtype.itemsize)).astype(np.uint64)


def nx_population_count(x):
    bits, u = _bits_of(x)
    f = np.frompyfunc(lambda v: bin(int(v)).count("1"), 1, 1)
    return np.asarray(f(u)).astype(x.dtype).reshape(x.shape)


def nx_count_leading_zeros(x):
    bits, u = _bits_of(x)
    f = np.frompyfunc(lambda v: bits - int(v).bit_length(), 1, 1)
    return np.asarray(f(u)).astype(x.dtype).reshape(x.shape)


def nx_triangular_solve(a, b, left_side=True, lower=True, transpose=False):
    """Solves op(a) x = b (left side) or x op(a) = b, reading one triangle."""
    a = np.tril(a) if lower else np.triu(a)
    op = np.swapaxes(a, -1, -2) if transpose else a
    if b.ndim == a.ndim - 1:
        if left_side:
            return np.linalg.solve(op, b[..., None])[..., 0]
        return np.linalg.solve(np.swapaxes(op, -1, -2), b[..., None])[..., 0]
    if left_side:
        return np.linalg.solve(op, b)
    return np.swapaxes(np.linalg.solve(np.swapaxes(op, -1, -2), np.swapaxes(b, -1, -2)), -1, -2)



def nx_lu(a):
    """Nx.LinAlg.lu: a = p l u with LAPACK getf2 partial pivoting (the first
    row of largest magnitude); a column zero on and below the diagonal is not
    eliminated. Batched over the leading axes; computed in f64."""
    a = np.asarray(a, dtype=np.float64)
    n = a.shape[-1]
    P, L, U = np.empty_like(a), np.empty_like(a), np.empty_like(a)
    for idx in np.ndindex(*a.shape[:-2]):
        u = a[idx].copy()
        l = np.zeros((n, n))
        perm = np.arange(n)
        for k in range(n):
            piv = k + int(np.argmax(np.abs(u[k:, k])))
            u[[k, piv]] = u[[piv, k]]
            l[[k, piv]] = l[[piv, k]]
            perm[[k, piv]] = perm[[piv, k]]
            if u[k, k] != 0:
                for i in range(k + 1, n):
                    l[i, k] = u[i, k] / u[k, k]
                    u[i, k:] -= l[i, k] * u[k, k:]
                    u[i, k] = 0.0
        P[idx] = np.eye(n)[perm].T
        L[idx] = l + np.eye(n)
        U[idx] = u
    return P, L, U

def nx_window_scatter(x, src, init, dims, strides, padding, op):
    """Nx.window_scatter_max/min: each window selects its last extreme
    (row-major scan with >= / <=) and adds its source element there."""
    ident = (-np.inf if op == "max" else np.inf) if x.dtype.kind == "f" else \
        (np.iinfo(x.dtype).min if op == "max" else np.iinfo(x.dtype).max)
    p = np.pad(x.astype(np.float64), padding, constant_values=init)
    out = np.full(p.shape, init, dtype=np.float64)
    for o in np.ndindex(*src.shape):
        best, at = ident, None
        for w in np.ndindex(*dims):
            pos = tuple(o[i] * strides[i] + w[i] for i in range(len(dims)))
            v = p[pos]
            if (v >= best) if op == "max" else (v <= best):
                best, at = v, pos
        out[at] += src[o]
    sl = tuple(slice(lo, lo + x.shape[i]) for i, (lo, hi) in enumerate(padding))
    return out[sl].astype(x.dtype)


def nx_logsumexp(x, axes=None, keep_axes=False):
    """Nx.logsumexp: shifted by the max; an infinite max shifts by 0."""
    x = np.asarray(x, dtype=np.float64)
    m = np.max(x, axis=axes, keepdims=True)
    m = np.where(np.isinf(m), 0.0, m)
    with np.errstate(divide="ignore"):  # an all -inf slice gives -inf
        s = np.log(np.sum(np.exp(x - m), axis=axes, keepdims=keep_axes))
    return s + (m if keep_axes else np.squeeze(m, axis=axes))


def nx_outer(a, b):
    """Nx.outer: both inputs flattened, the result always rank 2."""
    return np.outer(np.ravel(a), np.ravel(b))


def nx_tile(x, reps):
    """Nx.tile (as np.tile: short lists padded with 1s in front)."""
    return np.tile(x, reps)


def nx_linspace(start, stop, n, endpoint=True):
    div = (n - 1) if endpoint else n
    step = 0.0 if div == 0 else (stop - start) / div
    return start + np.arange(n, dtype=np.float64) * step


# ------------------------------------------- statistics and LinAlg (more)

def nx_median(x, axis=None, keep_axis=False):
    """Nx.median: NumPy's median (the mean of the middle two for even
    counts); without `axis` over the flattened tensor, `keep_axis` ignored."""
    if axis is None:
        return np.median(np.asarray(x, dtype=np.float64))
    return np.median(np.asarray(x, dtype=np.float64), axis=axis, keepdims=keep_axis)


def median_type(dtype, count):
    """An odd count gives an element (the input dtype), an even one a mean."""
    return dtype if count % 2 == 1 else to_floating(dtype)


def _mode_1d(v):
    vals, counts = np.unique(v, return_counts=True)
    return vals[int(np.argmax(counts))]  # the first (smallest) of the modes


def nx_mode(x, axis=None, keep_axis=False):
    """Nx.mode: the most frequent value; of several, the smallest."""
    x = np.asarray(x)
    if x.ndim == 0:
        return x.reshape((1,)) if keep_axis else x
    if axis is None:
        r = np.asarray(_mode_1d(x.ravel()), dtype=x.dtype)
        return r.reshape((1,) * x.ndim) if keep_axis else r
    r = np.apply_along_axis(_mode_1d, axis, x).astype(x.dtype)
    return np.expand_dims(r, axis) if keep_axis else r


def nx_put_diagonal(t, d, offset=0):
    out = np.array(t, copy=True)
    for i in range(len(d)):
        r, c = (i, i + offset) if offset >= 0 else (i - offset, i)
        out[r, c] = d[i]
    return out


def nx_weighted_mean(x, w, axis=None, keep_axes=False):
    """np.average for one axis with 1-D weights or same-shape weights."""
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if w.shape == x.shape:
        ax = None if axis is None else tuple(axis)
        return np.sum(x * w, axis=ax, keepdims=keep_axes) / np.sum(w, axis=ax, keepdims=keep_axes)
    (a,) = axis
    r = np.average(x, axis=a, weights=w)
    return np.expand_dims(r, a) if keep_axes else r


def nx_covariance(x, mean=None, ddof=0):
    """Covariance of the rows of the last two axes, batched over the rest."""
    x = np.asarray(x, dtype=np.float64)
    if mean is None:
        batch = x.reshape((-1,) + x.shape[-2:])
        out = [np.atleast_2d(np.cov(m, rowvar=False, ddof=ddof, bias=False)) for m in batch]
        return np.array(out).reshape(x.shape[:-2] + (x.shape[-1], x.shape[-1]))
    d = x - np.expand_dims(np.asarray(mean, dtype=np.float64), -2)
    return np.swapaxes(d, -1, -2) @ d / (x.shape[-2] - ddof)


def nx_norm(x, ord=None, axes=None, keep_axes=False):
    """Nx.LinAlg.norm: NumPy's norms, except that Nx's ord 2 of a matrix is
    the Frobenius norm (ord: -2 is the smallest singular value)."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 2 and ord == 2:
        ord = "fro"
    ax = None if axes is None else (axes[0] if len(axes) == 1 else tuple(axes))
    if x.ndim == 2 and ord in ("fro", None) and ax is not None:
        return np.linalg.norm(x, None if ord == "fro" else ord, axis=ax, keepdims=keep_axes) \
            if isinstance(ax, int) else np.linalg.norm(x, "fro", axis=ax, keepdims=keep_axes)
    return np.linalg.norm(x, ord, axis=ax, keepdims=keep_axes)


def nx_pinv(x):
    """Nx.LinAlg.pinv: 1/x for scalars, x / |x|^2 for vectors, zero for an
    all-zero input."""
    x = np.asarray(x, dtype=np.float64)
    if not np.any(x):
        return np.zeros(x.shape if x.ndim < 2 else x.shape[:-2] + x.shape[:-3:-1])
    if x.ndim == 0:
        return 1 / x
    if x.ndim == 1:
        return x / np.dot(x, x)
    return np.linalg.pinv(x)


def nx_matrix_rank(a, eps=1e-7):
    a = np.asarray(a, dtype=np.float64)
    s = np.linalg.svd(a, compute_uv=False)
    return np.asarray(np.linalg.matrix_rank(a, tol=eps * max(a.shape) * s.max()))


# ------------------------------------- misc element-wise, all_close, tri
def erfc(x):
    """erfc via math.erfc elementwise (accurate where 1 - erf(x) is 0)."""
    import math
    x = np.asarray(x, dtype=np.float64)
    return np.vectorize(math.erfc, otypes=[np.float64])(x) if x.size else x.copy()


def log_base_type(t):
    """Nx's log2/log10/log(t, number) result type: divide(log(t), f32 log(base))."""
    return merge(to_floating(t), "f32")


def nx_all_close(a, b, ta, tb, rtol=1e-5, atol=1e-8, equal_nan=False):
    """Nx.all_close as Nx 0.13 computes it, as a u8 scalar: |a - b| <=
    atol + rtol * |b| in the merged type (integer subtraction wraps; with two
    integer inputs |b| is taken in f64 and the comparison is in f64), equal
    infinities are close, and with equal_nan NaNs in both are close."""
    mt = merge(ta, tb)
    a = np.asarray(a).astype(NP[mt])
    b = np.asarray(b).astype(NP[mt])
    with np.errstate(all="ignore"):
        d = np.abs(np.subtract(a, b, dtype=NP[mt]))
        if is_int(ta) and is_int(tb):
            bound = atol + rtol * np.abs(b.astype(np.float64))
            return np.uint8(np.all(d.astype(np.float64) <= bound))
        ft = NP[mt]
        bound = ft(atol) + ft(rtol) * np.abs(b)
        close = d <= bound.astype(ft)
        inf = np.isinf(a) | np.isinf(b)
        close = np.where(inf, a == b, close)
        if equal_nan:
            close = close | (np.isnan(a) & np.isnan(b))
    return np.uint8(np.all(close))


def nx_tri(n, m, k=0):
    """Nx.tri: u8, 1 where col - row <= k (NumPy's np.tri)."""
    return np.tri(n, m, k, dtype=np.uint8)


def _pad_periods(mode, n):
    """Nx's left/right index periods of pad_outer for an axis of size n."""
    i = np.arange(n)
    if n == 1:
        return np.array([0]), np.array([0])
    if mode == "cyclic":
        return (n - 1 - i) % n, i
    if mode == "mirror":
        return np.concatenate([i, n - 1 - i]), np.concatenate([n - 1 - i, i])
    if mode == "reflect":
        b = np.arange(n - 1)
        return np.concatenate([b + 1, n - 2 - b]), np.concatenate([n - 2 - b, b + 1])
    return np.zeros(n, int), np.full(n, n - 1)  # replicate


def nx_pad_outer(x, mode, cfg):
    """Nx.pad_outer(x, mode, [{left, right}, ...]) as Nx builds it: per axis, the
    period tiled div(pad, n) + 1 times and cut (the left part reversed), taken
    along the axis and concatenated around the tensor."""
    x = np.asarray(x)
    for axis, (lo, hi) in enumerate(cfg):
        n = x.shape[axis]
        lp, rp = _pad_periods(mode, n)
        parts = []
        if lo > 0:
            parts.append(np.take(x, np.tile(lp, lo // n + 1)[:lo][::-1], axis=axis))
        parts.append(x)
        if hi > 0:
            parts.append(np.take(x, np.tile(rp, hi // n + 1)[:hi], axis=axis))
        x = np.concatenate(parts, axis=axis)
    return x
