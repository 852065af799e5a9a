"""cases_random.py - Oracle cases for Nx.Random and Nx.erf_inv.

Keys, Threefry, split/fold_in, uniform, randint and shuffle/choice must match
nxref_random.py bit for bit (random keys, seeds, shapes, dtypes and options);
normal and gumbel within a few ulps (the reference uses the exact erf_inv and
NumPy's log); erf_inv itself within its documented few-ulp error.
"""

import numpy as np

import nxref_random as RR
from case_base import Arg

# (rtol, atol) of the float samplers that go through erf_inv or log.
NEAR = {"f16": (2e-3, 2e-3), "f32": (1e-6, 1e-6), "f64": (1e-14, 1e-14)}
# erf_inv is within 2.3 ulp (f32) and 3 ulp (f64) of the exact value.
ERF_INV_TOL = {"f32": (3e-7, 1e-37), "f64": (1e-15, 1e-300)}


def _key(g):
    return g.rng.integers(0, 2 ** 32, size=2, dtype=np.uint64).astype(np.uint32)


def _shape(g):
    return g.pick([(), (1,), (5,), (2, 3), (3, 1, 4), (7,), (4, 4)])


def _stext(shape):
    return "{%s}" % ", ".join(map(str, shape))


def _num(v):
    return repr(float(v)) if isinstance(v, float) else str(v)


def gen_random(g):
    _gen_keys(g)
    _gen_uniform(g)
    _gen_randint(g)
    _gen_normal_gumbel(g)
    _gen_shuffle_choice(g)
    _gen_erf_inv(g)


def _gen_keys(g):
    for i in range(3):
        s = int(g.rng.integers(0, 2 ** 64, dtype=np.uint64))
        g.add("random_key_u64_%d" % i, "random", [Arg("u64", [], np.array(s, np.uint64))],
              "Nx.Random.key(x)", [("u32", [2])], [RR.key(s)])
    s = -int(g.rng.integers(1, 2 ** 62))
    g.add("random_key_s64", "random", [Arg("s64", [], np.array(s, np.int64))],
          "Nx.Random.key(x)", [("u32", [2])], [RR.key(s)])
    for parts in (1, 2, 3, 7):
        k = _key(g)
        g.add("random_split_%d" % parts, "random", [Arg("u32", [2], k)],
              "Nx.Random.split(x, parts: %d)" % parts, [("u32", [parts, 2])], [RR.split(k, parts)])
    for dt, lo, hi in (("s32", -2 ** 31, 2 ** 31), ("u32", 0, 2 ** 32), ("s64", -2 ** 63, 2 ** 63),
                       ("u8", 0, 256)):
        k, shape = _key(g), g.pick([(3,), (2, 2), ()])
        d = g.rng.integers(lo, hi, size=shape, dtype=np.int64 if dt != "u32" else np.uint64)
        d = np.asarray(d).astype(RR.INT_NP[dt])
        g.add("random_fold_in_%s" % dt, "random", [Arg("u32", [2], k), Arg(dt, list(shape), d)],
              "Nx.Random.fold_in(x, y)", [("u32", list(shape) + [2])], [RR.fold_in(k, d)])
    k = _key(g)
    n = int(g.rng.integers(1, 6))
    xs = g.rng.integers(0, 2 ** 32, size=(2, n), dtype=np.uint64).astype(np.uint32)
    g.add("random_threefry_concat", "random", [Arg("u32", [2, n], xs), Arg("u32", [2], k)],
          "Nx.Random.threefry2x32_20_concat(x, y)", [("u32", [2 * n])], [RR.threefry_concat(xs, k)])


def _gen_uniform(g):
    for i, dt in enumerate(("f32", "f64", "f16", "f32", "f64", "f16")):
        k, shape = _key(g), _shape(g)
        lo = float(g.rng.integers(-8, 4)) / 4
        hi = lo + float(g.rng.integers(1, 12)) / 4
        g.add("random_uniform_split_%s_%d" % (dt, i), "random", [Arg("u32", [2], k)],
              "Nx.Random.uniform_split(x, %s, %s, shape: %s, type: :%s)" % (
                  _num(lo), _num(hi), _stext(shape), dt),
              [(dt, list(shape))], [RR.uniform_split(k, lo, hi, shape, dt)])
    # The non-split form returns {sample, next key}; the default is f32 in [0, 1).
    k, shape = _key(g), _shape(g)
    u, nk = RR.uniform(k, shape=shape)
    g.add("random_uniform_pair", "random", [Arg("u32", [2], k)],
          "Nx.Random.uniform(x, shape: %s)" % _stext(shape),
          [("f32", list(shape)), ("u32", [2])], [u, nk])
    # Tensor bounds (f64 from the bounds' type), broadcast to the shape.
    k = _key(g)
    lo = g.rng.uniform(-3, 0, size=(3,))
    hi = lo + g.rng.uniform(0.5, 2, size=(3,))
    e = RR.uniform_split(k, lo, hi, (2, 3), "f64")
    g.add("random_uniform_tensor_bounds", "random",
          [Arg("u32", [2], k), Arg("f64", [3], lo), Arg("f64", [3], hi)],
          "Nx.Random.uniform_split(x, y, z, shape: {2, 3})", [("f64", [2, 3])], [e])
    # bf16 has no npy form: sampled in bf16, returned as f32; exact, since
    # `* (max - min) + min` rounds to bf16 after each operation as in Nx
    # (nx-keep-float-rounding).
    k, shape = _key(g), _shape(g)
    g.add("random_uniform_bf16", "random", [Arg("u32", [2], k)],
          "Nx.as_type(Nx.Random.uniform_split(x, -2.0, 3.0, shape: %s, type: :bf16), :f32)"
          % _stext(shape), [("f32", list(shape))], [RR.uniform_split(k, -2.0, 3.0, shape, "bf16")],
          (0, 0))
    # f64 tensor bounds converted to bf16 (an f64 -> bf16 conversion).
    k = _key(g)
    lo, hi = np.array([-1.5, 0.25]), np.array([2.25, 0.75])
    g.add("random_uniform_bf16_f64_bounds", "random",
          [Arg("u32", [2], k), Arg("f64", [2], lo), Arg("f64", [2], hi)],
          "Nx.as_type(Nx.Random.uniform_split(x, y, z, shape: {3, 2}, type: :bf16), :f32)",
          [("f32", [3, 2])], [RR.uniform_split(k, lo, hi, (3, 2), "bf16")], (0, 0))


def _gen_randint(g):
    cases = [("s32", -1000, 1000), ("s64", -50, 2 ** 31 - 60), ("u8", 3, 200), ("s8", -100, 100),
             ("u16", 0, 60000), ("u32", 7, 2 ** 31 - 1), ("u64", 0, 123456789),
             ("s16", -300, -2), ("s32", 0, 1)]
    for i, (dt, lo, hi) in enumerate(cases):
        k, shape = _key(g), _shape(g)
        g.add("random_randint_split_%s_%d" % (dt, i), "random", [Arg("u32", [2], k)],
              "Nx.Random.randint_split(x, %d, %d, shape: %s, type: :%s)" % (lo, hi, _stext(shape), dt),
              [(dt, list(shape))], [RR.randint_split(k, lo, hi, shape, dt)])
    # Tensor bounds; u64 spans past 2^32 make the multiplier's square wrap.
    for dt, lo_hi in (("s32", (-100, 100)), ("u64", (0, 2 ** 50))):
        k = _key(g)
        lo = g.rng.integers(lo_hi[0], lo_hi[1] // 2, size=(3,)).astype(RR.INT_NP[dt])
        hi = (lo + g.rng.integers(1, lo_hi[1] // 2, size=(3,))).astype(RR.INT_NP[dt])
        g.add("random_randint_tensor_bounds_%s" % dt, "random",
              [Arg("u32", [2], k), Arg(dt, [3], lo), Arg(dt, [3], hi)],
              "Nx.Random.randint_split(x, y, z, shape: {2, 3})",
              [(dt, [2, 3])], [RR.randint_split(k, lo, hi, (2, 3), dt)])
    k, shape = _key(g), _shape(g)
    r, nk = RR.randint(k, -5, 17, shape)
    g.add("random_randint_pair", "random", [Arg("u32", [2], k)],
          "Nx.Random.randint(x, -5, 17, shape: %s)" % _stext(shape),
          [("s32", list(shape)), ("u32", [2])], [r, nk])


def _gen_normal_gumbel(g):
    for i, dt in enumerate(("f32", "f64", "f16", "f32")):
        k, shape = _key(g), _shape(g)
        mean = float(g.rng.integers(-8, 8)) / 2
        sd = float(g.rng.integers(1, 8)) / 2
        e = RR.normal_split(k, mean, sd, shape, dt)
        g.add("random_normal_split_%s_%d" % (dt, i), "random", [Arg("u32", [2], k)],
              "Nx.Random.normal_split(x, %s, %s, shape: %s, type: :%s)" % (
                  _num(mean), _num(sd), _stext(shape), dt),
              [(dt, list(shape))], [e], NEAR[dt])
    k = _key(g)
    ks = RR.split(k)
    g.add("random_normal_pair", "random", [Arg("u32", [2], k)],
          "Nx.Random.normal(x, shape: {64})", [("f32", [64]), ("u32", [2])],
          [RR.normal_split(ks[1], 0.0, 1.0, (64,)), ks[0]], NEAR["f32"])
    for i, dt in enumerate(("f32", "f64")):
        k, shape = _key(g), g.pick([(), (3,), (2, 2)])
        n = int(g.rng.integers(1, 4))
        mean = g.rng.uniform(-2, 2, size=(n,)).astype(RR.FLOAT_NP[dt])
        a = g.rng.uniform(-1, 1, size=(n, n))
        cov = (a @ a.T + n * np.eye(n)).astype(RR.FLOAT_NP[dt])
        e = RR.multivariate_normal_split(k, mean, cov, shape, dt)
        g.add("random_multivariate_normal_%s" % dt, "random",
              [Arg("u32", [2], k), Arg(dt, [n], mean), Arg(dt, [n, n], cov)],
              "Nx.Random.multivariate_normal_split(x, y, z, shape: %s)" % _stext(shape),
              [(dt, list(shape) + [n])], [e], (NEAR[dt][0] * 10, NEAR[dt][1] * 10))
    for i, dt in enumerate(("f32", "f64")):
        k, shape = _key(g), _shape(g)
        g.add("random_gumbel_split_%s" % dt, "random", [Arg("u32", [2], k)],
              "Nx.Random.gumbel_split(x, shape: %s, type: :%s)" % (_stext(shape), dt),
              [(dt, list(shape))], [RR.gumbel_split(k, shape, dt)], NEAR[dt])


def _gen_shuffle_choice(g):
    opts = [((4, 3), 0, False), ((4, 3), 1, False), ((3, 5), 1, True), ((6,), 0, True),
            ((2, 3, 4), 2, False), ((2000,), 0, False), ((40, 50), 0, True)]
    for i, (shape, axis, ind) in enumerate(opts):
        k = _key(g)
        x = g.rng.integers(-1000, 1000, size=shape).astype(np.int32)
        s, nk = RR.shuffle(k, x, axis, ind)
        g.add("random_shuffle_%d" % i, "random", [Arg("u32", [2], k), Arg("s32", list(shape), x)],
              "Nx.Random.shuffle(x, y, axis: %d, independent: %s)" % (axis, str(ind).lower()),
              [("s32", list(shape)), ("u32", [2])], [s, nk])
    copts = [((5, 3), 4, True, 0, None), ((5, 3), 3, False, 0, None), ((4, 6), 5, True, 1, None),
             ((3, 4), 7, True, None, None), ((3, 4), 12, False, None, None),
             ((4, 3), 5, True, 1, "p"), ((4, 3), 3, False, 1, "p"), ((2, 5), 8, True, None, "p"),
             ((2, 5), 6, False, None, "p")]
    for i, (shape, samples, replace, axis, usep) in enumerate(copts):
        k = _key(g)
        x = g.rng.uniform(-5, 5, size=shape).astype(np.float32)
        n = shape[axis] if axis is not None else int(np.prod(shape))
        args = [Arg("u32", [2], k), Arg("f32", list(shape), x)]
        p = None
        if usep:
            p = g.rng.uniform(0.05, 1.0, size=(n,)).astype(np.float32)
            args.append(Arg("f32", [n], p))
        r, nk = RR.choice(k, x, samples, replace, axis, p)
        ax = "" if axis is None else ", axis: %d" % axis
        body = "Nx.Random.choice(x, y%s, samples: %d, replace: %s%s)" % (
            ", z" if usep else "", samples, str(replace).lower(), ax)
        g.add("random_choice_%d" % i, "random", args, body,
              [("f32", list(r.shape)), ("u32", [2])], [r, nk])


def _gen_erf_inv(g):
    for dt in ("f32", "f64"):
        n = 64
        v = np.concatenate([g.rng.uniform(-1, 1, n), 1 - 10.0 ** -g.rng.uniform(1, 7, 8),
                            -(1 - 10.0 ** -g.rng.uniform(1, 7, 8)), 10.0 ** -g.rng.uniform(1, 30, 8),
                            [0.0, 1.0, -1.0, 0.5]])
        x = v.astype(RR.FLOAT_NP[dt])
        g.add("erf_inv_%s" % dt, "erf_inv", [Arg(dt, [x.size], x)], "Nx.erf_inv(x)",
              [(dt, [x.size])], [RR.erf_inv(x.astype(np.float64))], ERF_INV_TOL[dt])
    # f16 and bf16 (returned as f32) round the f64 result once (bf16 via f32).
    v = np.concatenate([g.rng.uniform(-0.999, 0.999, 30), [0.0, 1.0, -1.0]])
    x = v.astype(np.float16)
    g.add("erf_inv_f16", "erf_inv", [Arg("f16", [x.size], x)], "Nx.erf_inv(x)",
          [("f16", [x.size])], [RR.erf_inv(x.astype(np.float64))], (1e-3, 1e-7))
    x = RR.bf16_round(v.astype(np.float32))
    g.add("erf_inv_bf16", "erf_inv", [Arg("f32", [x.size], x)],
          "Nx.as_type(Nx.erf_inv(Nx.as_type(x, :bf16)), :f32)",
          [("f32", [x.size])], [RR.erf_inv(x.astype(np.float64))], (8e-3, 1e-30))
    x = g.rng.integers(-1, 2, size=(5,)).astype(np.int32)
    g.add("erf_inv_s32", "erf_inv", [Arg("s32", [5], x)], "Nx.erf_inv(x)",
          [("f32", [5])], [RR.erf_inv(x.astype(np.float64))], ERF_INV_TOL["f32"])
