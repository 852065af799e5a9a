"""check_fashion_step.py - one Fashion-MNIST training step against PyTorch.

usage: check_fashion_step.py MODEL DIR NXC FILE.nx

Writes random parameters, Adam state (a step count of 3
and moments), a batch of 16 images in [0, 1], labels and a learning rate as
the leaves of FashionMLP/FashionCNN.train_step (examples/fashion_mnist/),
in their order, runs `NXC run FILE.nx --entry train_step` on them, and runs
the same step with torch.nn.functional
and torch.optim.Adam (its state preloaded with those moments and count) in
float32 and compares DIR/out/result*.npy: new parameters, new moments and
count, the mean loss and the number of correct predictions.
"""
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

SHAPES = {
    "mlp": [(784, 256), (256,), (256, 10), (10,)],
    "cnn": [(16, 1, 3, 3), (16,), (32, 16, 3, 3), (32,), (1568, 10), (10,)],
}
N, LR, COUNT = 16, 0.01, 3


def forward(model, p, x):
    if model == "mlp":
        return F.relu(x @ p[0] + p[1]) @ p[2] + p[3]
    h = x.reshape(-1, 1, 28, 28)
    h = F.max_pool2d(F.relu(F.conv2d(h, p[0], p[1], padding=1)), 2)
    h = F.max_pool2d(F.relu(F.conv2d(h, p[2], p[3], padding=1)), 2)
    return h.reshape(h.shape[0], -1) @ p[4] + p[5]


def make(model, d):
    rng = np.random.default_rng(11 if model == "mlp" else 12)
    shapes = SHAPES[model]
    leaves = [rng.standard_normal(s) * (0.1 if len(s) > 1 else 0.05) for s in shapes]
    leaves += [np.array(COUNT, np.int32)]                               # count
    leaves += [rng.standard_normal(s) * 0.01 for s in shapes]           # mu
    leaves += [rng.random(s) * 1e-4 + 1e-6 for s in shapes]             # nu > 0
    x = rng.random((N, 784)).astype(np.float32)
    # Half the labels are the network's own predictions, so the number of
    # correct predictions is not 0.
    p = [torch.tensor(v, dtype=torch.float32) for v in leaves[:len(shapes)]]
    y = rng.integers(0, 10, N).astype(np.int32)
    y[:N // 2] = forward(model, p, torch.tensor(x)).argmax(1).numpy()[:N // 2]
    leaves += [x, y, np.array(LR)]
    for i, v in enumerate(leaves):
        dtype = np.int32 if v.dtype == np.int32 else np.float32
        np.save(os.path.join(d, "in%02d.npy" % i), np.asarray(v).astype(dtype))
    return sum((["--input", "%s/in%02d.npy" % (d, i)] for i in range(len(leaves))), [])


def check(model, d):
    k = len(SHAPES[model])
    ins = [np.load(os.path.join(d, "in%02d.npy" % i)) for i in range(3 * k + 4)]
    params = [torch.tensor(a, requires_grad=True) for a in ins[:k]]
    x, y = torch.tensor(ins[3 * k + 1]), torch.tensor(ins[3 * k + 2]).long()
    opt = torch.optim.Adam(params, lr=float(ins[3 * k + 3]))
    for p, m, v in zip(params, ins[k + 1:2 * k + 1], ins[2 * k + 1:3 * k + 1]):
        opt.state[p] = {"step": torch.tensor(float(COUNT)), "exp_avg": torch.tensor(m),
                        "exp_avg_sq": torch.tensor(v)}
    logits = forward(model, params, x)
    loss = F.cross_entropy(logits, y)
    loss.backward()
    opt.step()
    want = [p.detach().numpy() for p in params]
    want += [np.int32(COUNT + 1)]
    want += [opt.state[p]["exp_avg"].numpy() for p in params]
    want += [opt.state[p]["exp_avg_sq"].numpy() for p in params]
    want += [loss.detach().numpy(), np.int32((logits.argmax(1) == y).sum())]
    worst = 0.0
    for i, w in enumerate(want):
        got = np.load(os.path.join(d, "out", "result%d.npy" % i))
        assert got.shape == np.shape(w), (i, got.shape, np.shape(w))
        scale = max(1.0, float(np.abs(w).max())) if i < k else float(np.abs(w).max()) or 1.0
        err = float(np.abs(got.astype(np.float64) - w).max()) / scale
        worst = max(worst, err)
        assert err < 1e-5, f"{model} result {i}: differs from PyTorch by {err} (relative to {scale})"
    assert int(want[-1]) > 0, "the batch should get some predictions right"
    print(f"PASS {model} train_step matches torch.optim.Adam (max error {worst:.1e})")


if __name__ == "__main__":
    model, d, nxc, src = sys.argv[1:5]
    args = make(model, d)
    subprocess.run([nxc, "run", src, "--entry", "train_step", *args,
                    "--output-dir", os.path.join(d, "out")],
                   check=True, stdout=subprocess.DEVNULL)
    check(model, d)
