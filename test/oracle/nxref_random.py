"""nxref_random.py - NumPy reference of Nx.Random (Threefry-2x32) and erf_inv.

This file implements, independently of nxc, what Nx 0.13's lib/nx/random.ex
computes: keys, Threefry-2x32 with 20 rounds, split/fold_in/random bits, the
uniform/normal/gumbel/randint samplers, shuffle and choice. All integer work
is on NumPy uint32/uint64 arrays (wrapping adds), floats are built from bits
the way Nx does. erf_inv is the exact inverse error function found by
bisection on Python's math.erf/math.erfc (no polynomial), so it checks nxc's
approximation rather than repeating it.

Run as a script it checks itself against the examples printed in Nx's
documentation (test/oracle/random-ref.test) and exits 1 on a mismatch.
"""

import math
import sys

import numpy as np

U32 = np.uint32
U64 = np.uint64
ROT = ((13, 15, 26, 6), (17, 29, 16, 24))
MANTISSA = {"f16": 10, "bf16": 7, "f32": 23, "f64": 52}
FLOAT_NP = {"f16": np.float16, "f32": np.float32, "f64": np.float64}
UINT = {8: np.uint8, 16: np.uint16, 32: np.uint32, 64: np.uint64}
INT_NP = {"u8": np.uint8, "u16": np.uint16, "u32": np.uint32, "u64": np.uint64,
          "s8": np.int8, "s16": np.int16, "s32": np.int32, "s64": np.int64}
BITS = {"u8": 8, "u16": 16, "u32": 32, "u64": 64, "s8": 8, "s16": 16, "s32": 32,
        "s64": 64, "f16": 16, "bf16": 16, "f32": 32, "f64": 64}


def key(seed):
    s = int(seed) % (1 << 64)
    return np.array([s >> 32, s & 0xFFFFFFFF], U32)


def _rotl(x, r):
    return (x << U32(r)) | (x >> U32(32 - r))


def threefry_pair(x0, x1, k):
    """Threefry-2x32, 20 rounds, of the words x0, x1 (uint32) under key k."""
    with np.errstate(over="ignore"):
        k0, k1 = U32(k[0]), U32(k[1])
        ks = [k1, k0 ^ k1 ^ U32(0x1BD11BDA), k0]
        x0 = np.asarray(x0, U32) + k0
        x1 = np.asarray(x1, U32) + k1
        for i in range(1, 6):
            for r in ROT[(i - 1) % 2]:
                x0 = x0 + x1
                x1 = _rotl(x1, r) ^ x0
            x0 = x0 + ks[0]
            x1 = x1 + ks[1] + U32(i)
            ks = ks[1:] + ks[:1]
    return x0, x1


def threefry_concat(xs, k):
    y0, y1 = threefry_pair(xs[0], xs[1], k)
    return np.concatenate([y0, y1])


def bits32(k, n):
    """Nx's threefry2x32(key, shape) flattened: n words of the counter 0..n-1."""
    ctr = np.arange(n, dtype=U32)
    if n % 2:
        ctr = np.concatenate([ctr, np.zeros(1, U32)])
    xs = ctr.reshape(2, -1)
    return threefry_concat(xs, k)[:n]


def random_bits(k, shape, width=32):
    n = int(np.prod(shape, dtype=np.int64))
    if width == 64:
        b = bits32(k, 2 * n).astype(U64)
        return ((b[:n] << U64(32)) | b[n:]).reshape(shape)
    return bits32(k, n).astype(UINT[width]).reshape(shape)


def split(k, parts=2):
    return bits32(k, 2 * parts).reshape(parts, 2)


def fold_in(k, data):
    d = np.asarray(data)
    d = d.astype(np.int64).astype(U64) if d.dtype.kind == "i" else d.astype(U64)
    flat = d.reshape(-1)
    hi = (flat >> U64(32)).astype(U32)
    lo = (flat & U64(0xFFFFFFFF)).astype(U32)
    y0, y1 = threefry_pair(hi, lo, k)
    return np.stack([y0, y1], axis=-1).reshape(d.shape + (2,))


def bf16_round(x):
    """f32 -> bf16 (round to nearest even), returned as f32."""
    b = np.asarray(x, np.float32).view(U32).astype(U64)
    b = (b + U64(0x7FFF) + ((b >> U64(16)) & U64(1))) >> U64(16) << U64(16)
    return b.astype(U32).view(np.float32)


def _float(x, dt):
    """Rounds to `dt` (bf16 kept in f32)."""
    if dt == "bf16":
        return bf16_round(np.asarray(x, np.float32))
    return np.asarray(x).astype(FLOAT_NP[dt])


def uniform_split(k, lo, hi, shape, dt="f32"):
    nbits = BITS[dt]
    b = random_bits(k, shape, nbits)
    one = {"f16": 0x3C00, "bf16": 0x3F80, "f32": 0x3F800000,
           "f64": 0x3FF0000000000000}[dt]
    b = (b >> UINT[nbits](nbits - MANTISSA[dt])) | UINT[nbits](one)
    if dt == "bf16":
        f = (b.astype(U32) << U32(16)).view(np.float32)
    else:
        f = b.view(FLOAT_NP[dt])
    lo, hi = _float(lo, dt), _float(hi, dt)
    f = _float(f - _float(1.0, dt), dt)
    f = _float(f * _float(hi - lo, dt), dt)
    f = _float(f + lo, dt)
    return _float(np.maximum(f, lo), dt)


def uniform(k, lo=0.0, hi=1.0, shape=(), dt="f32"):
    ks = split(k)
    return uniform_split(ks[1], lo, hi, shape, dt), ks[0]


def _erfinv1(y):
    """The exact inverse error function of one float, by bisection."""
    if math.isnan(y) or abs(y) > 1:
        return math.nan
    if abs(y) == 1:
        return math.copysign(math.inf, y)
    if y == 0:
        return y
    a = abs(y)
    if a > 0.5:  # solve erfc(x) = 1 - a, exact for a > 0.5
        q = 1.0 - a
        f = lambda x: math.erfc(x) - q  # noqa: E731 - decreasing
        sign = -1
    else:
        f = lambda x: math.erf(x) - a  # noqa: E731 - increasing
        sign = 1
    lo, hi = 0.0, 30.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        if sign * f(mid) < 0:
            lo = mid
        else:
            hi = mid
    return math.copysign(0.5 * (lo + hi), y)


def erf_inv(x):
    x = np.asarray(x)
    out = np.array([_erfinv1(float(v)) for v in x.reshape(-1)], np.float64)
    return out.reshape(x.shape)


def next_after_minus_1(dt):
    return -(1 - 2.0 ** -{"f16": 11, "bf16": 8, "f32": 24, "f64": 53}[dt])


def normal_split(k, mean, sd, shape, dt="f32"):
    """Float64 values of Nx's normal with the exact erf_inv (compare with a
    tolerance: nxc's erf_inv is an approximation)."""
    u = uniform_split(k, next_after_minus_1(dt), 1.0, shape, dt)
    n = math.sqrt(2) * erf_inv(u.astype(np.float64))
    return float(sd) * n + float(mean)


def multivariate_normal_split(k, mean, cov, shape, dt="f32"):
    """mean + z Lᵀ with L = cholesky(cov) and z the normal samples (float64,
    exact erf_inv: compare with a tolerance)."""
    mean, cov = np.asarray(mean, np.float64), np.asarray(cov, np.float64)
    n = mean.size
    z = normal_split(k, 0.0, 1.0, tuple(shape) + (n,), dt).reshape(-1, n)
    return (mean + z @ np.linalg.cholesky(cov).T).reshape(tuple(shape) + (n,))


def gumbel_split(k, shape, dt="f32"):
    tiny = {"f16": 2.0 ** -14, "bf16": 2.0 ** -126, "f32": 2.0 ** -126,
            "f64": 2.0 ** -1022}[dt]
    u = uniform_split(k, tiny, 1.0, shape, dt).astype(np.float64)
    # Each log rounded to the sample type, as Nx computes element-wise ops.
    inner = _float(np.log(u), dt).astype(np.float64)
    return _float(-np.log(-inner), dt)


def _wrap(v, dt):
    nb = BITS[dt]
    v %= 1 << nb
    return v - (1 << nb) if dt[0] == "s" and v >= 1 << (nb - 1) else v


def randint_split(k, lo, hi, shape, dt="s32"):
    """Nx's two-word modulus method. lo/hi are ints or integer arrays that
    broadcast to `shape`, with 0 < hi - lo < 2^bits; the span, the multiplier
    and the offset wrap at 64 bits as Nx's u64 arithmetic does."""
    nbits = BITS[dt]
    b = random_bits(k, (2,) + tuple(shape), nbits).reshape(2, -1)
    w64 = 1 << 64
    los = [int(v) for v in np.broadcast_to(np.asarray(lo, object), shape).reshape(-1)]
    his = [int(v) for v in np.broadcast_to(np.asarray(hi, object), shape).reshape(-1)]
    out = []
    for h, l, a, z in zip(b[0].tolist(), b[1].tolist(), los, his):
        span = (z - a) % (1 << nbits)
        m = pow(2 ** (nbits // 2) % span, 2) % w64 % span
        off = ((h % span) * m % w64 + l % span) % w64 % span
        out.append(_wrap(a + off, dt))
    return np.array(out, dtype=object).astype(INT_NP[dt]).reshape(shape)


def randint(k, lo, hi, shape=(), dt="s32"):
    ks = split(k)
    return randint_split(ks[1], lo, hi, shape, dt), ks[0]


def shuffle_rounds(n):
    if n <= 0:
        return 0
    l32 = np.float32(math.log(n))
    num = np.float32(3.0 * float(l32))
    den = np.float32(math.log(4294967295.0))
    return int(math.ceil(np.float32(float(num) / float(den))))


def shuffle_independent(k, x, axis=0):
    x = np.asarray(x)
    for _ in range(shuffle_rounds(x.size)):
        ks = split(k)
        sk = random_bits(ks[1], x.shape)
        idx = np.argsort(sk, axis=axis, kind="stable")
        x = np.take_along_axis(x, idx, axis=axis)
        k = ks[0]
    return x, k


def shuffle(k, x, axis=0, independent=False):
    x = np.asarray(x)
    if independent:
        return shuffle_independent(k, x, axis)
    idx, k = shuffle_independent(k, np.arange(x.shape[axis], dtype=np.int32), 0)
    return np.take(x, idx, axis=axis), k


def choice(k, x, samples=1, replace=True, axis=None, p=None, pdt="f32"):
    x = np.asarray(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    n = x.shape[axis]
    if p is None:
        if replace:
            idx, k = randint(k, 0, n, (samples,), "u32")
            return np.take(x, idx, axis=axis), k
        s, k = shuffle(k, x, axis)
        return np.take(s, np.arange(samples), axis=axis), k
    ks = split(k)
    p = np.asarray(p, FLOAT_NP[pdt])
    if replace:
        cum = np.cumsum(p, dtype=FLOAT_NP[pdt])
        u = uniform_split(ks[1], 0.0, 1.0, (samples,), pdt)
        r = (cum[-1] * (FLOAT_NP[pdt](1) - u)).astype(FLOAT_NP[pdt])
        idx = np.argmin(cum[None, :] <= r[:, None], axis=1)
    else:
        g = gumbel_split(ks[1], (n,), pdt).astype(FLOAT_NP[pdt])
        sc = (-g - np.log(p)).astype(FLOAT_NP[pdt])
        idx = np.argsort(sc, kind="stable")[:samples]
    return np.take(x, idx, axis=axis), ks[0]


# ------------------------------------------------------------- self-test
def self_test():
    """Checks the reference against the examples in Nx's documentation."""
    fails = []

    def eq(name, got, want):
        got, want = np.asarray(got), np.asarray(want)
        if got.shape != want.shape or not np.array_equal(got, want):
            fails.append("%s: got %r, want %r" % (name, got.tolist(), want.tolist()))

    def f32(name, got, *printed):
        eq(name, np.asarray(got, np.float32).reshape(-1), np.array(printed, np.float32))

    k1701, k42 = key(1701), key(42)
    eq("key(12)", key(12), [0, 12])
    eq("key(999999999999)", key(999999999999), [232, 3567587327])
    eq("split", split(k1701), [[56197195, 1801093307], [961309823, 1704866707]])
    eq("split parts 4", split(k1701, 4),
       [[4000152724, 2030591747], [2287976877, 2598630646], [2426625787, 580268518],
        [3136765380, 433355682]])
    eq("fold_in 99", fold_in(k42, 99), [2015327502, 1351855566])
    eq("fold_in tensor", fold_in(k42, np.array([[1, 99], [1234, 13]], np.int32)),
       [[[64467757, 2916123636], [2015327502, 1351855566]],
        [[1356445167, 2917756949], [3514951389, 229662949]]])
    f32("uniform", uniform(k1701)[0], "0.9728644")
    f32("uniform key 12", uniform(key(12))[0], "0.7691127")
    eq("uniform f16", uniform(k1701, shape=(3, 2), dt="f16")[0],
       np.array([[0.754, 0.6484], [0.7295, 0.2148], [0.09766, 0.06934]], np.float16))
    eq("randint", randint(k1701, 1, 100)[0], np.int32(91))
    eq("randint u32", randint(k1701, 1, 100, (3, 2), "u32")[0],
       np.array([[9, 20], [19, 6], [71, 15]], np.uint32))
    def close(name, got, want, dt, ulps=2):
        got = np.asarray(got, np.float64).reshape(-1)
        want = np.asarray(want, FLOAT_NP[dt]).astype(np.float64).reshape(-1)
        ulp = np.spacing(np.abs(want).astype(FLOAT_NP[dt])).astype(np.float64)
        if got.shape != want.shape or (np.abs(got - want) > ulps * ulp).any():
            fails.append("%s: got %r, want %r" % (name, got.tolist(), want.tolist()))

    # normal uses the exact erf_inv; Nx's is Giles' approximation.
    close("normal", normal_split(split(k42)[1], 0, 1, ()), [1.3694695], "f32")
    close("normal f16", normal_split(split(k42)[1], 0, 1, (3, 2), "f16"),
          [-0.3257, -0.772, 0.392, 0.534, 0.2708, -2.08], "f16")
    close("normal mean", normal_split(split(key(1337))[1], 10, 5, (1000,)).mean(), [9.700222],
          "f32", 8)
    eq("shuffle", shuffle(k42, np.repeat(np.arange(3, dtype=np.int32)[:, None], 4, 1))[0],
       [[2, 2, 2, 2], [0, 0, 0, 0], [1, 1, 1, 1]])
    eq("shuffle independent",
       shuffle(key(10), np.tile(np.arange(4, dtype=np.int32), (3, 1)), 1, True)[0],
       [[2, 1, 3, 0], [3, 0, 1, 2], [2, 3, 0, 1]])
    k12 = split(key(12))[1]
    close("multivariate_normal 1-d", multivariate_normal_split(k12, [0], [[1]], ()),
          [0.73592794], "f32")
    close("multivariate_normal 2-d", multivariate_normal_split(k12, [0, 0], np.eye(2), ()),
          [-1.3425945, -0.4081206], "f32")
    close("multivariate_normal f16", multivariate_normal_split(k12, [0], [[1]], (3, 2), "f16"),
          [0.327, 0.2177, 0.3167, 0.11096, 0.5396, -0.8857], "f16")
    close("multivariate_normal 3x2", multivariate_normal_split(k12, [0, 0], np.eye(2), (3, 2)),
          [0.989145, 1.0795186, -0.9467806, 1.4781388, 2.2095864, -1.5294564, -0.79339206,
           1.1211957, 0.10976296, -0.9959557, 0.4754556, 1.1413804], "f32")
    f32("gumbel", gumbel_split(split(key(1))[1], ()), "-0.729461")
    f32("gumbel 2x3", gumbel_split(split(key(1))[1], (2, 3)),
        "0.6247938", "-0.21740718", "0.76783276", "0.77784044", "4.0895305", "0.30290902")
    t = np.arange(12, dtype=np.int32).reshape(4, 3)
    eq("choice", choice(key(1), t, 4, axis=0)[0], [[6, 7, 8], [9, 10, 11], [6, 7, 8], [0, 1, 2]])
    eq("choice no replace", choice(key(1), t, 4, False, axis=0)[0],
       [[3, 4, 5], [9, 10, 11], [6, 7, 8], [0, 1, 2]])
    t2 = np.arange(6, dtype=np.int32)
    eq("choice flat", choice(key(2), t2.reshape(3, 2))[0], [4])
    eq("choice flat no replace", choice(key(2), t2.reshape(3, 2), 6, False)[0], [2, 0, 4, 5, 1, 3])
    pr = [0.1, 0.7, 0.2]
    eq("choice p", choice(key(1), t, 3, axis=1, p=pr)[0],
       [[1, 0, 1], [4, 3, 4], [7, 6, 7], [10, 9, 10]])
    eq("choice p no replace", choice(key(1), t, 3, False, axis=1, p=pr)[0],
       [[1, 2, 0], [4, 5, 3], [7, 8, 6], [10, 11, 9]])
    p6 = [0.01, 0.1, 0.19, 0.6, 0.05, 0.05]
    eq("choice p flat", choice(key(2), t2.reshape(2, 3), p=p6)[0], [3])
    eq("choice p flat 6", choice(key(2), t2.reshape(2, 3), 6, p=p6)[0], [3, 3, 3, 0, 3, 3])
    eq("choice p flat no replace", choice(key(2), t2.reshape(2, 3), 6, False, p=p6)[0],
       [3, 1, 2, 5, 4, 0])
    # erf_inv against erf, and the values Complex.erf_inv documents.
    for y in (0.5204998778130465, -0.9, 0.999999, 1e-300, 0.3):
        x = float(erf_inv(np.array([y]))[0])
        if abs(math.erf(x) - y) > 2e-16 * max(1.0, abs(y)):
            fails.append("erf(erf_inv(%r)) = %r" % (y, math.erf(x)))
    if abs(float(erf_inv(np.array([0.5204998778130465]))[0]) - 0.5) > 1e-8:
        fails.append("erf_inv(0.5204998778130465) is not 0.5")
    eq("erf_inv(+-1)", erf_inv(np.array([1.0, -1.0])), [np.inf, -np.inf])
    eq("shuffle rounds", [shuffle_rounds(n) for n in (1, 2, 1625, 1626, 10 ** 6)], [0, 1, 1, 2, 2])
    for f in fails:
        print("RANDOM SELF-TEST FAIL: %s" % f)
    print("random self-test: %d checks failed" % len(fails))
    return len(fails)


if __name__ == "__main__":
    sys.exit(1 if self_test() else 0)
