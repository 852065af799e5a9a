"""check_cnn.py - inputs for the CNN example and PyTorch's answer for them.

`make DIR` writes random images and weights; `check DIR` runs the same network
with torch.nn.functional (conv2d with padding="same", relu, max_pool2d,
linear, log_softmax) in float64 and compares DIR/out/result{0,1}.npy.
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

mode, d = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(5)
shapes = {"images": (6, 1, 28, 28), "k1": (8, 1, 3, 3), "b1": (8,),
          "k2": (16, 8, 3, 3), "b2": (16,), "w": (784, 10), "b": (10,)}
scales = {"images": 1.0, "k1": 0.5, "b1": 0.1, "k2": 0.2, "b2": 0.1, "w": 0.05, "b": 0.1}
if mode == "make":
    for name, shape in shapes.items():
        v = rng.standard_normal(shape) * scales[name]
        if name == "images":  # a brightness offset per image varies the classes
            v = v + rng.standard_normal((shape[0], 1, 1, 1))
        np.save(os.path.join(d, name + ".npy"), v.astype(np.float32))
    sys.exit(0)

a = {n: torch.from_numpy(np.load(os.path.join(d, n + ".npy")).astype(np.float64)) for n in shapes}
h = F.max_pool2d(F.relu(F.conv2d(a["images"], a["k1"], a["b1"], padding="same")), 2)
h = F.max_pool2d(F.relu(F.conv2d(h, a["k2"], a["b2"], padding="same")), 2)
logits = h.reshape(h.shape[0], -1) @ a["w"] + a["b"]
logp = F.log_softmax(logits, dim=1).numpy()
got_logp = np.load(os.path.join(d, "out", "result0.npy"))
got_cls = np.load(os.path.join(d, "out", "result1.npy"))
assert got_logp.dtype == np.float32 and got_logp.shape == (6, 10), (got_logp.dtype, got_logp.shape)
assert got_cls.dtype == np.int32 and got_cls.shape == (6,), (got_cls.dtype, got_cls.shape)
err = np.abs(got_logp - logp).max()
assert err < 1e-4, f"log-softmax differs from PyTorch by {err}"
assert (got_cls == logp.argmax(axis=1)).all(), (got_cls, logp.argmax(axis=1))
assert len(set(got_cls.tolist())) > 1, "the inputs should give more than one class"
print("PASS cnn")
