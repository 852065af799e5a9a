#!/usr/bin/python3
"""run.py - times nxc-compiled bench programs against NumPy (and JAX if present).

For every benchmark: `nxc build bench/<file>.nx`, compile bench/harness.cpp
against the generated header and link lib<Module>.a with libnxrt, write
random inputs as .npy, run the harness (warm-up, then the median of ITERS
timed calls), check its result against NumPy, and time the NumPy expression
on the same inputs the same way. Prints one line per benchmark:

    name  shapes  nxc ms  numpy ms  nxc/numpy

A ratio below 1 means nxc is faster. Nothing here is asserted by the tests.
BLAS threads are pinned to 1 (nxc code is single-threaded) unless --threads.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build", default=os.path.join(ROOT, "build"),
                   help="nxc build directory (bin/nxc, lib/libnxrt.a)")
    p.add_argument("--nxc", help="nxc binary (default BUILD/bin/nxc)")
    p.add_argument("--cxx", default=os.environ.get("CXX", "c++"))
    p.add_argument("--iters", type=int, default=20, help="timed calls")
    p.add_argument("--warmup", type=int, default=3, help="untimed calls")
    p.add_argument("--threads", type=int, default=1,
                   help="BLAS threads for NumPy (default 1, like nxc)")
    p.add_argument("--portable", action="store_true",
                   help="pass --portable to nxc build (no host CPU features)")
    p.add_argument("--keep", help="work directory to keep (default: temp)")
    p.add_argument("only", nargs="*", help="benchmark names to run")
    return p.parse_args()


ARGS = parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(ARGS.threads)
import numpy as np  # noqa: E402  (after the thread pinning)

try:
    import torch
    torch.set_num_threads(ARGS.threads)
    HAVE_TORCH = True
except ImportError:
    HAVE_TORCH = False

try:
    import jax  # noqa: F401
    import jax.numpy as jnp
    HAVE_JAX = True
except ImportError:
    HAVE_JAX = False


def np_softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def np_mlp(x, w1, b1, w2, b2):
    return np.maximum(x @ w1 + b1, 0) @ w2 + b2


def np_mlp_grad(x, y, w1, b1, w2, b2):
    """Loss and gradients of mean softmax cross-entropy, by hand (NumPy)."""
    n = x.shape[0]
    pre = x @ w1 + b1
    h = np.maximum(pre, 0)
    z = h @ w2 + b2
    s = z - z.max(axis=1, keepdims=True)
    logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    loss = -(y * logp).sum() / n
    dz = (np.exp(logp) * y.sum(axis=1, keepdims=True) - y) / n
    dh = (dz @ w2.T) * (pre > 0)
    return np.concatenate([[loss], (x.T @ dh).ravel(), dh.sum(0),
                           (h.T @ dz).ravel(), dz.sum(0)])


def torch_mlp_grad(x, y, w1, b1, w2, b2):
    """The same loss's value and gradients with torch.autograd."""
    params = [t.detach().requires_grad_() for t in (w1, b1, w2, b2)]
    w1, b1, w2, b2 = params
    logp = torch.log_softmax(torch.relu(x @ w1 + b1) @ w2 + b2, dim=1)
    loss = -(y * logp).sum() / x.shape[0]
    loss.backward()
    return loss, [p.grad for p in params]


def one_hot_rows(shape, rng):
    """Random one-hot rows (labels) instead of uniform values."""
    return np.eye(shape[1], dtype=np.float32)[rng.integers(0, shape[1], shape[0])]


# name, .nx file, module, entry, input shapes, NumPy reference, tolerance.
BENCHES = [
    ("softmax", "softmax.nx", "BenchSoftmax", "softmax", [(1024, 1000)],
     np_softmax, 1e-5),
    ("mlp", "mlp.nx", "BenchMlp", "mlp",
     [(256, 784), (784, 512), (512,), (512, 10), (10,)], np_mlp, 1e-3),
    ("matmul512", "matmul.nx", "BenchMatmul", "matmul", [(512, 512), (512, 512)],
     lambda a, b: a @ b, 1e-3),
    ("matmulT512", "matmul.nx", "BenchMatmul", "matmul_t", [(512, 512), (512, 512)],
     lambda a, b: a @ b.T, 1e-3),
    ("chain4M", "elementwise.nx", "BenchElementwise", "chain",
     [(1 << 22,), (1 << 22,)], lambda x, y: np.exp(x - y) * 0.5 + x * y, 1e-5),
    ("axpy4M", "elementwise.nx", "BenchElementwise", "axpy",
     [(1 << 22,), (1 << 22,)],
     lambda x, y: np.maximum(x * 2.0 + y, 0.0) - y / 4.0, 1e-5),
    ("rowsum", "rowsum.nx", "BenchRowsum", "rowsum", [(1024, 1000)],
     lambda x: x.sum(axis=1), 1e-4),
    ("rowmax", "rowsum.nx", "BenchRowsum", "rowmax", [(1024, 1000)],
     lambda x: x.max(axis=1), 0),
    ("mlp_grad", "grad_mlp.nx", "BenchGradMlp", "mlp_grad",
     [(256, 784), (256, 10), (784, 512), (512,), (512, 10), (10,)],
     np_mlp_grad, 1e-4),
]

# Inputs that are not uniform in [-1, 1]: (bench, input index) -> maker.
SPECIAL_INPUTS = {("mlp_grad", 1): one_hot_rows}

# PyTorch peers (timed with torch's own threads pinned like BLAS's).
TORCH_EXPRS = {"mlp_grad": torch_mlp_grad}

JAX_EXPRS = {
    "softmax": lambda x: jax.nn.softmax(x, axis=1),
    "mlp": lambda x, w1, b1, w2, b2:
        jnp.maximum(x @ w1 + b1, 0) @ w2 + b2,
    "matmul512": lambda a, b: a @ b,
    "matmulT512": lambda a, b: a @ b.T,
    "chain4M": lambda x, y: jnp.exp(x - y) * 0.5 + x * y,
    "axpy4M": lambda x, y: jnp.maximum(x * 2.0 + y, 0.0) - y / 4.0,
    "rowsum": lambda x: x.sum(axis=1),
    "rowmax": lambda x: x.max(axis=1),
}


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
    return r.stdout


def median_ms(fn, args):
    for _ in range(ARGS.warmup):
        fn(*args)
    times = []
    for _ in range(ARGS.iters):
        start = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - start) * 1e3)
    return sorted(times)[len(times) // 2]


BUILT = set()  # modules compiled by this run


def build_harness(work, nxc, nx_file, module, entry, nargs):
    out = os.path.join(work, module)
    lib = os.path.join(out, "lib%s.a" % module)
    if module not in BUILT:
        BUILT.add(module)
        cmd = [nxc, "build", os.path.join(HERE, nx_file), "-o", out]
        if ARGS.portable:
            cmd.append("--portable")
        run(cmd)
    exe = os.path.join(work, "%s_%s" % (module, entry))
    run([ARGS.cxx, "-std=c++17", "-O2", "-I" + out,
         "-I" + os.path.join(ROOT, "runtime", "include"),
         '-DBENCH_HEADER="%s.h"' % module, "-DBENCH_NS=" + module,
         "-DBENCH_ENTRY=" + entry, "-DBENCH_NARGS=%d" % nargs,
         os.path.join(HERE, "harness.cpp"), lib,
         os.path.join(ARGS.build, "lib", "libnxrt.a"), "-lm", "-o", exe])
    return exe


def main():
    nxc = ARGS.nxc or os.path.join(ARGS.build, "bin", "nxc")
    work = ARGS.keep or tempfile.mkdtemp(prefix="nxc-bench-")
    os.makedirs(work, exist_ok=True)
    rng = np.random.default_rng(0)
    print("numpy %s, BLAS threads %d; nxc %s" % (np.__version__, ARGS.threads,
                                                 nxc))
    if not HAVE_JAX:
        print("jax: not installed, skipped")
    if not HAVE_TORCH:
        print("torch: not installed, its column is skipped")
    header = "%-10s %-28s %10s %10s %10s" % ("bench", "shapes", "nxc ms",
                                             "numpy ms", "nxc/numpy")
    if HAVE_JAX:
        header += " %10s %10s" % ("jax ms", "nxc/jax")
    print(header)
    for name, nx_file, module, entry, shapes, ref, rtol in BENCHES:
        if ARGS.only and name not in ARGS.only:
            continue
        inputs = [SPECIAL_INPUTS[(name, i)](s, rng) if (name, i) in SPECIAL_INPUTS
                  else rng.uniform(-1, 1, s).astype(np.float32)
                  for i, s in enumerate(shapes)]
        paths = []
        for i, x in enumerate(inputs):
            paths.append(os.path.join(work, "%s_in%d.npy" % (name, i)))
            np.save(paths[-1], x)
        exe = build_harness(work, nxc, nx_file, module, entry, len(inputs))
        out = os.path.join(work, "%s_out.npy" % name)
        nxc_ms = float(run([exe, str(ARGS.warmup), str(ARGS.iters), out] +
                           paths))
        expected = ref(*[x.astype(np.float64) for x in inputs])
        got = np.load(out)
        if not np.allclose(got, expected, rtol=rtol, atol=rtol):
            sys.exit("%s: nxc result differs from NumPy (max abs err %g)" %
                     (name, np.abs(got - expected).max()))
        np_ms = median_ms(ref, inputs)
        shape_text = ",".join("x".join(map(str, s)) for s in shapes)
        line = "%-10s %-28s %10.3f %10.3f %10.2f" % (
            name, shape_text, nxc_ms, np_ms, nxc_ms / np_ms)
        if name in TORCH_EXPRS and HAVE_TORCH:
            targs = [torch.from_numpy(x) for x in inputs]
            torch_ms = median_ms(TORCH_EXPRS[name], targs)
            line += "   torch %.3f ms, nxc/torch %.2f" % (torch_ms, nxc_ms / torch_ms)
        if HAVE_JAX and name in JAX_EXPRS:
            fn = jax.jit(JAX_EXPRS[name])
            jax_inputs = [jnp.asarray(x) for x in inputs]
            jax_ms = median_ms(lambda *a: fn(*a).block_until_ready(),
                               jax_inputs)
            line += " %10.3f %10.2f" % (jax_ms, nxc_ms / jax_ms)
        print(line, flush=True)


if __name__ == "__main__":
    main()
