#!/usr/bin/python3
"""train.py - the Fashion-MNIST training steps: nxc against PyTorch.

Compiles examples/fashion_mnist/mlp.nx and cnn.nx with `nxc build` (and a
copy of each with the batch size fixed instead of the size variable `n`),
links bench/train_harness.cpp against each entry it times, and times on the
same shapes:
  - nxc: train_step (one Adam step: forward, backward, update) and predict
    (the forward pass), median of --iters calls;
  - PyTorch (Debian's python3-torch): the same network, F.cross_entropy,
    loss.backward() and torch.optim.Adam.step(), with 1 and 2 threads
    (torch.set_num_threads; nxc's code is single-threaded).
Prints samples/s for each and the ratio nxc/torch of throughputs (above 1:
nxc is faster). With --parts, also times the CNN's pieces
(bench/train_parts.nx: each convolution and its gradients, pooling, dense)
in nxc and in torch, to show where the step's time goes.
Nothing here is asserted by the tests.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--nxc", help="nxc binary (default BUILD/bin/nxc)")
    p.add_argument("--cxx", default=os.environ.get("CXX", "c++"))
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--iters", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", default="1,2", help="torch thread counts")
    p.add_argument("--parts", action="store_true", help="time the CNN's pieces")
    p.add_argument("--keep", help="work directory to keep (default: temp)")
    p.add_argument("models", nargs="*", default=["mlp", "cnn"])
    return p.parse_args()


ARGS = parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

NXC = ARGS.nxc or os.path.join(ARGS.build, "bin", "nxc")
MODULES = {"mlp": ("FashionMLP", "examples/fashion_mnist/mlp.nx"),
           "cnn": ("FashionCNN", "examples/fashion_mnist/cnn.nx")}


def nxc_build(src, work):
    out = os.path.join(work, os.path.basename(src)[:-3])
    subprocess.run([NXC, "build", src, "-o", out], check=True)
    return out


def fixed_batch_copy(src, module, work):
    """The module with `n` replaced by the batch size, named <module>Fixed."""
    text = open(src).read()
    text = re.sub(r"\[n([,\]])", rf"[{ARGS.batch}\1", text)
    text = text.replace(f"defmodule {module} do", f"defmodule {module}Fixed do")
    path = os.path.join(work, os.path.basename(src)[:-3] + "_fixed.nx")
    with open(path, "w") as f:
        f.write(text)
    return path


def time_entry(outdir, module, entry, work):
    exe = os.path.join(work, f"{module}_{entry}")
    subprocess.run([ARGS.cxx, "-O2", "-std=c++17",
                    f"-DBENCH_FN=nxc_{module}_{entry}",
                    f"-DBENCH_SIG=nxc_{module}_{entry}_signature",
                    "-I", os.path.join(ROOT, "runtime", "include"),
                    os.path.join(HERE, "train_harness.cpp"),
                    os.path.join(outdir, f"lib{module}.a"),
                    os.path.join(ARGS.build, "lib", "libnxrt.a"), "-lz", "-lm",
                    "-o", exe], check=True)
    out = subprocess.run([exe, str(ARGS.batch), str(ARGS.warmup), str(ARGS.iters)],
                         check=True, capture_output=True, text=True).stdout
    return float(out)


def median_ms(fn):
    for _ in range(ARGS.warmup):
        fn()
    ts = []
    for _ in range(ARGS.iters):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ts)


def torch_model(model):
    g = torch.Generator().manual_seed(0)
    if model == "mlp":
        shapes = [(784, 256), (256,), (256, 10), (10,)]
    else:
        shapes = [(16, 1, 3, 3), (16,), (32, 16, 3, 3), (32,), (1568, 10), (10,)]
    params = [(torch.rand(s, generator=g) * 0.1).requires_grad_() for s in shapes]

    def forward(x):
        p = params
        if model == "mlp":
            return F.relu(x @ p[0] + p[1]) @ p[2] + p[3]
        h = x.reshape(-1, 1, 28, 28)
        h = F.max_pool2d(F.relu(F.conv2d(h, p[0], p[1], padding=1)), 2)
        h = F.max_pool2d(F.relu(F.conv2d(h, p[2], p[3], padding=1)), 2)
        return h.reshape(h.shape[0], -1) @ p[4] + p[5]
    return params, forward


def torch_times(model, threads):
    torch.set_num_threads(threads)
    params, forward = torch_model(model)
    opt = torch.optim.Adam(params, lr=1e-3)
    x = torch.rand(ARGS.batch, 784) * 0.1
    y = torch.arange(ARGS.batch) % 10

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(forward(x), y)
        loss.backward()
        opt.step()

    def predict():
        with torch.no_grad():
            F.softmax(forward(x), dim=1).argmax(1)
    return median_ms(step), median_ms(predict)


def sps(ms):
    return ARGS.batch / ms * 1e3


def bench_model(model, work, threads):
    module, src = MODULES[model]
    src = os.path.join(ROOT, src)
    out = nxc_build(src, work)
    fixed = nxc_build(fixed_batch_copy(src, module, work), work)
    step = time_entry(out, module, "train_step", work)
    step_fixed = time_entry(fixed, module + "Fixed", "train_step", work)
    fwd = time_entry(out, module, "predict", work)
    print(f"{model}: batch {ARGS.batch}")
    print(f"  {'':24} {'step ms':>9} {'samples/s':>10} {'forward ms':>11} {'nxc/this':>9}")
    print(f"  {'nxc (batch n)':24} {step:9.3f} {sps(step):10.0f} {fwd:11.3f} {'':>9}")
    print(f"  {'nxc (batch fixed)':24} {step_fixed:9.3f} {sps(step_fixed):10.0f} {'':>11} "
          f"{sps(step) / sps(step_fixed):9.2f}")
    for t in threads:
        tstep, tfwd = torch_times(model, t)
        print(f"  {'torch, %d thread%s' % (t, 's' if t > 1 else ''):24} {tstep:9.3f} "
              f"{sps(tstep):10.0f} {tfwd:11.3f} {sps(step) / sps(tstep):9.2f}")


def torch_parts():
    n = ARGS.batch
    x1, k1 = torch.rand(n, 1, 28, 28), torch.rand(16, 1, 3, 3)
    x2, k2 = torch.rand(n, 16, 14, 14), torch.rand(32, 16, 3, 3)
    g2, g1 = torch.rand(n, 32, 14, 14), torch.rand(n, 16, 28, 28)
    p1, gp = torch.rand(n, 16, 28, 28), torch.rand(n, 16, 14, 14)
    xd, w, gd = torch.rand(n, 1568), torch.rand(1568, 10), torch.rand(n, 10)
    grad = torch.nn.grad
    return {
        "conv1": lambda: F.conv2d(x1, k1, padding=1),
        "conv1_grad_kernel": lambda: grad.conv2d_weight(x1, k1.shape, g1, padding=1),
        "conv2": lambda: F.conv2d(x2, k2, padding=1),
        "conv2_grad_kernel": lambda: grad.conv2d_weight(x2, k2.shape, g2, padding=1),
        "conv2_grad_input": lambda: grad.conv2d_input(x2.shape, k2, g2, padding=1),
        "pool1": lambda: F.max_pool2d(p1, 2),
        "pool1_grad": lambda: torch.autograd.grad(
            F.max_pool2d(p1.requires_grad_(), 2), p1, gp)[0],
        "dense_step": lambda: (xd @ w, xd.t() @ gd, gd @ w.t()),
    }


def bench_parts(work):
    out = nxc_build(os.path.join(HERE, "train_parts.nx"), work)
    torch.set_num_threads(1)
    print(f"cnn pieces (bench/train_parts.nx), batch {ARGS.batch}, ms per call:")
    print(f"  {'':20} {'nxc':>8} {'torch 1t':>9} {'nxc/torch':>10}")
    for name, fn in torch_parts().items():
        ms = time_entry(out, "TrainParts", name, work)
        tms = median_ms(fn)
        print(f"  {name:20} {ms:8.3f} {tms:9.3f} {ms / tms:10.2f}")


def main():
    threads = [int(t) for t in ARGS.threads.split(",") if t]
    with tempfile.TemporaryDirectory() as tmp:
        work = ARGS.keep or tmp
        os.makedirs(work, exist_ok=True)
        print(f"torch {torch.__version__}; nxc code is single-threaded; "
              f"nxc/this = nxc's samples/s over the row's")
        for model in ARGS.models:
            bench_model(model, work, threads)
        if ARGS.parts:
            bench_parts(work)


if __name__ == "__main__":
    sys.exit(main())
