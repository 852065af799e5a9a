"""check_softmax_app.py - compare softmax-app's output with NumPy (the oracle).

The app prints lines `name d0 d1: v0 v1 ...`; the inputs below are the app's
own constants, and the expected values are computed here with NumPy in f64.
"""
import sys

import numpy as np

x = np.array([[1.0, 2.0, 3.0, 4.0], [0.5, 0.5, 0.5, 0.5], [-1.0, 0.0, 1.0, 10.0]])
w = np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6], [0.7, -0.8]])
b = np.array([0.25, -0.25])


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


expected = {"softmax": softmax(x), "predict": softmax(x @ w + b)}
seen = set()
for line in open(sys.argv[1]):
    head, _, values = line.partition(":")
    parts = head.split()
    if not parts or parts[0] not in expected:
        continue
    name, shape = parts[0], tuple(int(d) for d in parts[1:])
    got = np.array([float(v) for v in values.split()]).reshape(shape)
    want = expected[name]
    if got.shape != want.shape or not np.allclose(got, want, rtol=0, atol=1e-6):
        print(f"FAIL {name}: got {got}, expected {want}")
        sys.exit(1)
    print(f"PASS {name}")
    seen.add(name)
if seen != set(expected):
    print(f"FAIL: missing outputs {set(expected) - seen}")
    sys.exit(1)
