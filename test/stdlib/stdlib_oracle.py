#!/usr/bin/env python3
"""stdlib_oracle.py - checks the .nx standard library against PyTorch.

This file implements the oracle test of stdlib/: it writes a .nx program that
calls every function of NxStd.Activations and NxStd.Losses (the stdlib found
by nxc itself, or --stdlib DIR through NXC_STDLIB) on random inputs, in f32
and in f64, plus the gradients of every activation (through sum(f(x) * w))
and of every loss with respect to its prediction, runs each entry with
`nxc run`, and compares the results with torch.nn.functional computed in
float64 on the same inputs. Expected values never come from nxc.

Usage: stdlib_oracle.py --nxc PATH [--seed N] [--only REGEX] [--keep DIR]
Exit status 1 when any value differs (each difference is listed).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

T = torch.float64
SHAPE = (6, 5)

# name -> (nx call on `t`, torch function of a float64 tensor)
ACTIVATIONS = [
    ("relu", "Act.relu(t)", F.relu),
    ("relu6", "Act.relu6(t)", F.relu6),
    ("leaky_relu", "Act.leaky_relu(t)", lambda t: F.leaky_relu(t, 0.01)),
    ("leaky_relu_a", "Act.leaky_relu(t, 0.2)", lambda t: F.leaky_relu(t, 0.2)),
    ("elu", "Act.elu(t)", F.elu),
    ("elu_a", "Act.elu(t, 0.5)", lambda t: F.elu(t, 0.5)),
    ("selu", "Act.selu(t)", F.selu),
    ("gelu", "Act.gelu(t)", F.gelu),
    ("gelu_tanh", "Act.gelu_tanh(t)", lambda t: F.gelu(t, approximate="tanh")),
    ("sigmoid", "Act.sigmoid(t)", torch.sigmoid),
    ("silu", "Act.silu(t)", F.silu),
    # F.hardsigmoid's float64 backward multiplies by the float 1/6, so its
    # gradient is off by 1e-8; the clamp form is F.hardsigmoid exactly.
    ("hard_sigmoid", "Act.hard_sigmoid(t)",
     lambda t: torch.clamp(t / 6 + 0.5, 0, 1)),
    ("hard_sigmoid_ab", "Act.hard_sigmoid(t, 0.2, 0.5)",
     lambda t: torch.clamp(0.2 * t + 0.5, 0, 1)),
    ("hard_silu", "Act.hard_silu(t)", F.hardswish),
    ("softplus", "Act.softplus(t)", F.softplus),
    ("softsign", "Act.softsign(t)", F.softsign),
    ("mish", "Act.mish(t)", F.mish),
    ("tanh", "Act.tanh(t)", torch.tanh),
    ("softmax", "Act.softmax(t)", lambda t: F.softmax(t, dim=-1)),
    ("log_softmax", "Act.log_softmax(t)", lambda t: F.log_softmax(t, dim=-1)),
]

# name -> (nx call on (y, t), torch function of (y, t), which inputs)
# Inputs: "reg" (y, t normal), "bin" (y in {0,1}-ish probabilities, t in
# (0.05, 0.95)), "binlogit" (y probabilities, t logits), "cat" (y a
# distribution, t a softmax), "catlogit" (y a distribution, t logits).
LOSSES = [
    ("mse", "L.mean_squared_error(y, t)", lambda y, t: F.mse_loss(t, y), "reg"),
    ("mae", "L.mean_absolute_error(y, t)", lambda y, t: F.l1_loss(t, y), "reg"),
    ("huber", "L.huber(y, t)", lambda y, t: F.huber_loss(t, y), "reg"),
    ("huber_d", "L.huber(y, t, 0.5)",
     lambda y, t: F.huber_loss(t, y, delta=0.5), "reg"),
    ("bce", "L.binary_cross_entropy(y, t)",
     lambda y, t: F.binary_cross_entropy(t, y), "bin"),
    ("bce_logits", "L.binary_cross_entropy_from_logits(y, t)",
     lambda y, t: F.binary_cross_entropy_with_logits(t, y), "binlogit"),
    ("cce", "L.categorical_cross_entropy(y, t)",
     lambda y, t: -(y * torch.log(t)).sum(-1).mean(), "cat"),
    ("cce_logits", "L.categorical_cross_entropy_from_logits(y, t)",
     lambda y, t: F.cross_entropy(t, y), "catlogit"),
    ("cce_smooth", "L.categorical_cross_entropy_from_logits(y, t, 0.1)",
     lambda y, t: F.cross_entropy(t, y, label_smoothing=0.1), "catlogit"),
    ("kl", "L.kl_divergence(y, t)",
     lambda y, t: F.kl_div(torch.log(t), y, reduction="batchmean"), "cat"),
]
KINDS = ["reg", "bin", "binlogit", "cat", "catlogit"]


def make_inputs(rng):
    """Random inputs, away from the kinks of relu, relu6, hard_sigmoid."""
    x = rng.normal(0, 2.5, SHAPE)
    x = np.where(np.abs(x) < 1e-3, 0.5, x)
    w = rng.normal(0, 1, SHAPE)
    soft = lambda z: np.exp(z) / np.exp(z).sum(-1, keepdims=True)
    pairs = {
        "reg": (rng.normal(0, 1, SHAPE), rng.normal(0, 1.5, SHAPE)),
        "bin": (rng.uniform(0, 1, SHAPE), rng.uniform(0.05, 0.95, SHAPE)),
        "binlogit": (rng.uniform(0, 1, SHAPE), rng.normal(0, 3, SHAPE)),
        "cat": (soft(rng.normal(0, 1, SHAPE)), soft(rng.normal(0, 1, SHAPE))),
        "catlogit": (soft(rng.normal(0, 2, SHAPE)), rng.normal(0, 2, SHAPE)),
    }
    return x, w, pairs


def program(dt):
    """The .nx module: entries acts, act_grads, losses, loss_grads."""
    ty = "%s[%d, %d]" % ((dt,) + SHAPE)
    n = len(ACTIVATIONS)
    lines = ["defmodule StdlibOracle do",
             "  alias NxStd.Activations, as: Act",
             "  alias NxStd.Losses, as: L", ""]
    tup = lambda k, t: "{" + ", ".join([t] * k) + "}"
    lines.append("  @entry acts(%s) :: %s" % (ty, tup(n, ty)))
    lines.append("  defn acts(t), do: {%s}" %
                 ", ".join(c for _, c, _ in ACTIVATIONS))
    lines.append("  @entry act_grads(%s, %s) :: %s" % (ty, ty, tup(n, ty)))
    lines.append("  defn act_grads(x, w) do")
    lines.append("    {%s}" % ", ".join(
        "grad(x, fn t -> Nx.sum(%s * w) end)" % c for _, c, _ in ACTIVATIONS))
    lines.append("  end")
    args = ", ".join("y_%s, t_%s" % (k, k) for k in KINDS)
    argty = ", ".join([ty] * (2 * len(KINDS)))
    m = len(LOSSES)
    sub = lambda c, k: c.replace("(y, t", "(y_%s, t_%s" % (k, k))
    lines.append("  @entry losses(%s) :: %s" % (argty, tup(m, dt + "[]")))
    lines.append("  defn losses(%s), do: {%s}" % (
        args, ", ".join(sub(c, k) for _, c, _, k in LOSSES)))
    lines.append("  @entry loss_grads(%s) :: %s" % (argty, tup(m, ty)))
    lines.append("  defn loss_grads(%s) do" % args)
    lines.append("    {%s}" % ", ".join(
        "grad(t_%s, fn t -> %s end)" % (k, c.replace("(y, t", "(y_%s, t" % k))
        for _, c, _, k in LOSSES))
    lines.append("  end")
    lines.append("end")
    return "\n".join(lines) + "\n"


def references(x, w, pairs):
    """name -> expected float64 array, from torch in float64."""
    want = {}
    for name, _, f in ACTIVATIONS:
        t = torch.tensor(x, dtype=T, requires_grad=True)
        out = f(t)
        want["acts/" + name] = out.detach().numpy()
        (out * torch.tensor(w, dtype=T)).sum().backward()
        want["act_grads/" + name] = t.grad.numpy()
    for name, _, f, k in LOSSES:
        y = torch.tensor(pairs[k][0], dtype=T)
        t = torch.tensor(pairs[k][1], dtype=T, requires_grad=True)
        out = f(y, t)
        want["losses/" + name] = out.detach().numpy()
        out.backward()
        want["loss_grads/" + name] = t.grad.numpy()
    return want


def run(nxc, src, entry, inputs, workdir, env):
    outdir = os.path.join(workdir, entry + ".out")
    os.makedirs(outdir, exist_ok=True)
    cmd = [nxc, "run", src, "--entry", entry, "--output-dir", outdir]
    for p in inputs:
        cmd += ["--input", p]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env,
                       timeout=600)
    if r.returncode != 0:
        return None, r.stderr.strip()
    res, i = [], 0
    while os.path.exists(os.path.join(outdir, "result%d.npy" % i)):
        res.append(np.load(os.path.join(outdir, "result%d.npy" % i)))
        i += 1
    return res, ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nxc", required=True)
    ap.add_argument("--stdlib", help="directory for NXC_STDLIB")
    ap.add_argument("--seed", type=int,
                    default=int(os.environ.get("NXC_STDLIB_SEED", "6")))
    ap.add_argument("--only", default="", help="regex over entry/name")
    ap.add_argument("--keep", help="write the program and inputs here")
    a = ap.parse_args()
    env = dict(os.environ)
    if a.stdlib:
        env["NXC_STDLIB"] = a.stdlib
    rng = np.random.default_rng(a.seed)
    x, w, pairs = make_inputs(rng)
    want = references(x, w, pairs)
    names = {"acts": [n for n, _, _ in ACTIVATIONS],
             "act_grads": [n for n, _, _ in ACTIVATIONS],
             "losses": [n for n, _, _, _ in LOSSES],
             "loss_grads": [n for n, _, _, _ in LOSSES]}
    # f32 compares at single precision; f64 allows a few ulps of the
    # library's transcendental functions.
    tol = {"f32": (2e-5, 2e-6), "f64": (1e-9, 1e-11)}
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        workdir = a.keep or tmp
        os.makedirs(workdir, exist_ok=True)
        for dt in ("f32", "f64"):
            npdt = np.float32 if dt == "f32" else np.float64
            d = os.path.join(workdir, dt)
            os.makedirs(d, exist_ok=True)
            src = os.path.join(d, "stdlib_oracle.nx")
            with open(src, "w") as f:
                f.write(program(dt))
            save = lambda nm, arr: (np.save(os.path.join(d, nm + ".npy"),
                                            arr.astype(npdt)),
                                    os.path.join(d, nm + ".npy"))[1]
            xs, ws = save("x", x), save("w", w)
            pair_files = []
            for k in KINDS:
                pair_files += [save("y_" + k, pairs[k][0]),
                               save("t_" + k, pairs[k][1])]
            inputs = {"acts": [xs], "act_grads": [xs, ws],
                      "losses": pair_files, "loss_grads": pair_files}
            rtol, atol = tol[dt]
            for entry in ("acts", "act_grads", "losses", "loss_grads"):
                keys = ["%s/%s" % (entry, n) for n in names[entry]]
                if a.only and not any(re.search(a.only, k) for k in keys):
                    continue
                got, err = run(a.nxc, src, entry, inputs[entry], d, env)
                if got is None:
                    failures.append("%s %s: nxc failed: %s" % (dt, entry, err))
                    continue
                if len(got) != len(keys):
                    failures.append("%s %s: %d results, expected %d" %
                                    (dt, entry, len(got), len(keys)))
                    continue
                for k, g in zip(keys, got):
                    if a.only and not re.search(a.only, k):
                        continue
                    checked += 1
                    ref = want[k]
                    if g.dtype != npdt:
                        failures.append("%s %s: dtype %s" % (dt, k, g.dtype))
                    elif g.shape != ref.shape:
                        failures.append("%s %s: shape %s, expected %s" %
                                        (dt, k, g.shape, ref.shape))
                    elif not np.allclose(g, ref, rtol=rtol,
                                         atol=atol * max(1, np.abs(ref).max())):
                        err = np.abs(g.astype(np.float64) - ref).max()
                        failures.append("%s %s: max abs error %.3g" %
                                        (dt, k, err))
    for f in failures:
        print("FAIL: " + f)
    print("stdlib oracle: %d values checked, %d failures (seed %d)" %
          (checked, len(failures), a.seed))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
