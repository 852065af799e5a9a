"""check_mlp.py - inputs for the MLP example and NumPy's answer for them.

`make DIR` writes random inputs; `check DIR` compares DIR/out/result{0,1}.npy
with log-softmax and argmax computed here in float64.
"""
import os
import sys

import numpy as np

mode, d = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(3)
shapes = {"x": (5, 784), "w1": (784, 32), "b1": (32,), "w2": (32, 10), "b2": (10,)}
if mode == "make":
    for name, shape in shapes.items():
        scale = 0.05 if name.startswith("w") else 1.0
        np.save(os.path.join(d, name + ".npy"),
                (rng.standard_normal(shape) * scale).astype(np.float32))
    sys.exit(0)

a = {n: np.load(os.path.join(d, n + ".npy")).astype(np.float64) for n in shapes}
h = np.maximum(a["x"] @ a["w1"] + a["b1"], 0)
z = h @ a["w2"] + a["b2"]
s = z - z.max(axis=1, keepdims=True)
logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
got_logp = np.load(os.path.join(d, "out", "result0.npy"))
got_cls = np.load(os.path.join(d, "out", "result1.npy"))
assert got_logp.dtype == np.float32 and got_logp.shape == (5, 10), got_logp.dtype
assert got_cls.dtype == np.int32 and got_cls.shape == (5,), got_cls.dtype
err = np.abs(got_logp - logp).max()
assert err < 1e-5, f"log-softmax differs from NumPy by {err}"
assert (got_cls == logp.argmax(axis=1)).all(), (got_cls, logp.argmax(axis=1))
print("PASS mlp")
