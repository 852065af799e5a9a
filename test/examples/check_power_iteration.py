"""check_power_iteration.py - input for the power-iteration example and
NumPy's answer for it.

`make DIR` writes a random symmetric positive definite matrix with a clear
gap between its two largest eigenvalues; `check DIR` compares
DIR/out/result{0,1,2}.npy with numpy.linalg.eigh: the largest eigenvalue,
its eigenvector up to sign, and a plausible iteration count.
"""
import os
import sys

import numpy as np

mode, d = sys.argv[1], sys.argv[2]
if mode == "make":
    rng = np.random.default_rng(11)
    n = 12
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    eig = np.concatenate([[9.0, 6.0], rng.uniform(0.1, 4.0, n - 2)])
    np.save(os.path.join(d, "a.npy"), (q * eig) @ q.T)
    sys.exit(0)

a = np.load(os.path.join(d, "a.npy"))
w, vecs = np.linalg.eigh(a)
lam, vec = w[-1], vecs[:, -1]
got_lam = np.load(os.path.join(d, "out", "result0.npy"))
got_vec = np.load(os.path.join(d, "out", "result1.npy"))
steps = np.load(os.path.join(d, "out", "result2.npy"))
assert got_lam.dtype == np.float64 and got_lam.shape == (), (got_lam.dtype, got_lam.shape)
assert got_vec.dtype == np.float64 and got_vec.shape == a.shape[:1], got_vec.shape
assert steps.dtype == np.int32 and steps.shape == (), (steps.dtype, steps.shape)
assert abs(got_lam - lam) < 1e-9 * lam, f"eigenvalue {got_lam} vs NumPy {lam}"
sign = np.sign(got_vec @ vec)
err = np.abs(got_vec - sign * vec).max()
assert err < 1e-5, f"eigenvector differs from NumPy by {err}"
# Convergence goes as (6/9)^k: dozens of steps, far from the 10,000 cap.
assert 10 < steps < 200, f"unexpected iteration count {steps}"
print("PASS power_iteration", int(steps))
