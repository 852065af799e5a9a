#!/usr/bin/env python3
"""optim_oracle.py - checks NxStd.Optimizers and NxStd.Schedules.

This file implements the oracle test of stdlib/nx_std/optimizers.nx and
schedules.nx. A parameter container {w[3, 4], {b[4], s[]}} and K sets of
random gradients are drawn; one .nx program per float type (f32, f64) runs
every optimizer case for K steps inside one entry (`steps`, returning the
parameters after each step) and every schedule on a vector of steps (entry
`sched`), and a training loop (entry `train`: K Adam steps on the
gradients of value_and_grad, the state carried through a `while`). The
results are compared with torch.optim (SGD with momentum,
nesterov and weight decay, Adam, AdamW, RMSprop plain/centered/momentum,
Adagrad, torch.optim.lr_scheduler, clip_grad_norm_) in float64 where torch
and Polaris agree (eps settings chosen to make them agree: torch adds eps
outside the square root, Polaris inside or with eps_root), and with NumPy
formulas of Polaris's semantics elsewhere (non-zero eps placements, LAMB,
Adagrad's eps, the schedules torch lacks). Expected values never come from
nxc.

Usage: optim_oracle.py --nxc PATH [--stdlib DIR] [--seed N] [--keep DIR]
Exit status 1 when any value differs (each difference is listed).
"""
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caselib  # noqa: E402

K = 5
SHAPES = [("w", (3, 4)), ("b", (4,)), ("s", ())]
NSTEPS = 12  # schedule steps 0..NSTEPS-1

# ---- references -------------------------------------------------------------


def torch_run(params, grads, make, sched=None):
    """Params after each of the K steps of torch optimizer `make(list)`."""
    ps = [torch.tensor(p, dtype=torch.float64, requires_grad=True)
          for p in params]
    opt = make(ps)
    sch = sched(opt) if sched else None
    out = []
    for g in grads:
        for p, gi in zip(ps, g):
            p.grad = torch.tensor(gi, dtype=torch.float64)
        opt.step()
        if sch:
            sch.step()
        out.append([p.detach().numpy().copy() for p in ps])
    return out


def np_run(params, grads, init, step):
    """Params after each step of a NumPy optimizer given per leaf:
    init(p) -> state, step(g, state, p, t) -> (update, state), t from 1."""
    ps = [np.array(p, dtype=np.float64) for p in params]
    states = [init(p) for p in ps]
    out = []
    for t, g in enumerate(grads, 1):
        for i in range(len(ps)):
            u, states[i] = step(g[i], states[i], ps[i], t)
            ps[i] = ps[i] + u
        out.append([p.copy() for p in ps])
    return out


def polaris_adam(lr, b1=0.9, b2=0.999, eps=1e-8, eps_root=1e-15, decay=0.0,
                 lamb=False):
    def init(p):
        return (np.zeros_like(p), np.zeros_like(p))

    def step(g, st, p, t):
        m, v = st
        m = (1 - b1) * g + b1 * m
        v = (1 - b2) * g * g + b2 * v
        mh, vh = m / (1 - b1 ** t), v / (1 - b2 ** t)
        d = mh / (np.sqrt(vh + eps_root) + eps) + decay * p
        if lamb:  # trust ratio |p| / |d| (1 where either norm is 0)
            pn, dn = np.linalg.norm(p), np.linalg.norm(d)
            d = d * (pn / dn if pn > 0 and dn > 0 else 1.0)
        return -lr * d, (m, v)
    return init, step


def polaris_rmsprop(lr, decay, eps, centered, momentum, nesterov):
    def init(p):
        return (np.zeros_like(p), np.zeros_like(p), np.zeros_like(p))

    def step(g, st, p, t):
        m, v, tr = st
        v = (1 - decay) * g * g + decay * v
        if centered:
            m = (1 - decay) * g + decay * m
            d = g / np.sqrt(v - m * m + eps)
        else:
            d = g / np.sqrt(v + eps)
        u = -lr * d
        tr = tr * momentum + u
        out = tr * momentum + u if nesterov else tr
        return out, (m, v, tr)
    return init, step


def polaris_adagrad(lr, eps, initial):
    def init(p):
        return np.full_like(p, initial)

    def step(g, z, p, t):
        z = g * g + z
        return -lr * g * np.where(z > 0, 1 / np.sqrt(z + eps), 0.0), z
    return init, step


def clip_np(g, max_norm):
    n = math.sqrt(sum(float(np.sum(x * x)) for x in g))
    return [x if n < max_norm else x / n * max_norm for x in g]


def clip_torch(g, max_norm):
    ts = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in g]
    for t, x in zip(ts, g):
        t.grad = torch.tensor(x, dtype=torch.float64)
    torch.nn.utils.clip_grad_norm_(ts, max_norm)
    return [t.grad.numpy() for t in ts]


O = torch.optim
S = torch.optim.lr_scheduler
MAX_NORM = 3.0

# name -> (init code, step code, reference(params, grads) -> K param lists,
# (rtol, atol) for f64 or None). Step code: {g}, {s}, {p} are the gradient,
# state and params variables, {dt} the float type; it yields {params, state}.
# A schedule gets the count in the params' type (f32 from the s32 count).
CASES = [
    ("sgd", "Opt.sgd_init({p})", "Opt.sgd_step({g}, {s}, {p}, learning_rate: 0.1)",
     lambda P, G: torch_run(P, G, lambda ps: O.SGD(ps, lr=0.1)), None),
    ("sgd_momentum", "Opt.sgd_init({p})",
     "Opt.sgd_step({g}, {s}, {p}, learning_rate: 0.1, momentum: 0.9)",
     lambda P, G: torch_run(P, G, lambda ps: O.SGD(ps, lr=0.1, momentum=0.9)),
     None),
    ("sgd_nesterov", "Opt.sgd_init({p})",
     "Opt.sgd_step({g}, {s}, {p}, learning_rate: 0.1, momentum: 0.9, nesterov: true)",
     lambda P, G: torch_run(P, G, lambda ps: O.SGD(
         ps, lr=0.1, momentum=0.9, nesterov=True)), None),
    ("sgd_weight_decay", "Opt.sgd_init({p})",
     "Opt.sgd_step(Opt.add_decayed_weights({g}, {p}, 0.01), {s}, {p}, "
     "learning_rate: 0.1, momentum: 0.9)",
     lambda P, G: torch_run(P, G, lambda ps: O.SGD(
         ps, lr=0.1, momentum=0.9, weight_decay=0.01)), None),
    ("adam", "Opt.adam_init({p})",
     "Opt.adam_step({g}, {s}, {p}, learning_rate: 0.01, eps_root: 0.0)",
     lambda P, G: torch_run(P, G, lambda ps: O.Adam(ps, lr=0.01)), None),
    ("adam_defaults", "Opt.adam_init({p})", "Opt.adam_step({g}, {s}, {p})",
     lambda P, G: np_run(P, G, *polaris_adam(1e-3)), None),
    ("adam_eps", "Opt.adam_init({p})",
     "Opt.adam_step({g}, {s}, {p}, learning_rate: 0.01, eps: 0.1, eps_root: 0.01)",
     lambda P, G: np_run(P, G, *polaris_adam(0.01, eps=0.1, eps_root=0.01)),
     None),
    ("adam_schedule", "Opt.adam_init({p})",
     "Opt.adam_step({g}, {s}, {p}, eps_root: 0.0, learning_rate: "
     "Sched.exponential_decay(Nx.as_type(elem({s}, 0), :{dt}), 0.01, decay_rate: 0.8, transition_steps: 1))",
     lambda P, G: torch_run(P, G, lambda ps: O.Adam(ps, lr=0.01),
                            lambda o: S.ExponentialLR(o, gamma=0.8)), None),
    ("adamw", "Opt.adamw_init({p})",
     "Opt.adamw_step({g}, {s}, {p}, learning_rate: 0.01, decay: 0.05, eps_root: 0.0)",
     lambda P, G: torch_run(P, G, lambda ps: O.AdamW(
         ps, lr=0.01, weight_decay=0.05)), None),
    ("lamb", "Opt.lamb_init({p})",
     "Opt.lamb_step({g}, {s}, {p}, learning_rate: 0.01, decay: 0.01)",
     lambda P, G: np_run(P, G, *polaris_adam(0.01, decay=0.01, lamb=True)),
     None),
    ("rmsprop", "Opt.rmsprop_init({p})",
     "Opt.rmsprop_step({g}, {s}, {p}, learning_rate: 0.01, eps: 0.0)",
     lambda P, G: torch_run(P, G, lambda ps: O.RMSprop(
         ps, lr=0.01, alpha=0.9, eps=0.0)), None),
    ("rmsprop_centered", "Opt.rmsprop_init({p})",
     "Opt.rmsprop_step({g}, {s}, {p}, learning_rate: 0.01, eps: 0.0, "
     "centered: true, momentum: 0.5)",
     lambda P, G: torch_run(P, G, lambda ps: O.RMSprop(
         ps, lr=0.01, alpha=0.9, eps=0.0, centered=True, momentum=0.5)), None),
    ("rmsprop_eps", "Opt.rmsprop_init({p})",
     "Opt.rmsprop_step({g}, {s}, {p}, learning_rate: 0.01, eps: 0.1, "
     "centered: true, momentum: 0.5, nesterov: true, decay: 0.8)",
     lambda P, G: np_run(P, G, *polaris_rmsprop(0.01, 0.8, 0.1, True, 0.5,
                                                True)), None),
    ("adagrad", "Opt.adagrad_init({p})",
     "Opt.adagrad_step({g}, {s}, {p}, learning_rate: 0.1, eps: 0.0)",
     lambda P, G: torch_run(P, G, lambda ps: O.Adagrad(
         ps, lr=0.1, initial_accumulator_value=0.1, eps=0.0)), None),
    ("adagrad_eps", "Opt.adagrad_init({p}, initial_accumulator_value: 0.5)",
     "Opt.adagrad_step({g}, {s}, {p}, learning_rate: 0.1, eps: 0.2)",
     lambda P, G: np_run(P, G, *polaris_adagrad(0.1, 0.2, 0.5)), None),
    ("sgd_cosine", "Opt.sgd_init({p})",
     "Opt.sgd_step({g}, {s}, {p}, momentum: 0.9, learning_rate: "
     "Sched.cosine_decay(Nx.as_type(elem({s}, 0), :{dt}), 0.1, decay_steps: 8, alpha: 0.1))",
     lambda P, G: torch_run(P, G, lambda ps: O.SGD(ps, lr=0.1, momentum=0.9),
                            lambda o: S.CosineAnnealingLR(
                                o, T_max=8, eta_min=0.01)), None),
    # stateless transforms of each step's gradients (not cumulative)
    ("clip_by_global_norm", None, "Opt.clip_by_global_norm({g}, %s)" % MAX_NORM,
     lambda P, G: [clip_np(g, MAX_NORM) for g in G], None),
    ("clip_vs_torch", None, "Opt.clip_by_global_norm({g}, %s)" % MAX_NORM,
     lambda P, G: [clip_torch(g, MAX_NORM) for g in G], (2e-6, 1e-9)),
    ("global_norm", None, "{{Opt.global_norm({g})}}",
     lambda P, G: [[np.array(math.sqrt(sum(float(np.sum(x * x))
                                           for x in g)))] for g in G], None),
]


def lrs(sched, n, lr0):
    """The learning rates of a torch scheduler at steps 0..n-1."""
    opt = O.SGD([torch.zeros(1, requires_grad=True)], lr=lr0)
    s, out = sched(opt), []
    for _ in range(n):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        s.step()
    return np.array(out)


def warmup_cosine(t, peak, init, warm, steps, end):
    up = init + (peak - init) * t / max(1, warm)
    th = np.minimum(np.maximum(t - warm, 0), steps - warm) / (steps - warm)
    down = end + (peak - end) * (np.cos(np.pi * th) + 1) / 2
    return np.where(t < warm, up, down)


T_ = np.arange(NSTEPS, dtype=np.float64)
# name -> (nx expression of the step vector `t`, expected values)
SCHEDULES = [
    ("constant", "Sched.constant(t, 0.5)", np.full(NSTEPS, 0.5)),
    ("exponential", "Sched.exponential_decay(t, 0.1, decay_rate: 0.7, transition_steps: 1)",
     lrs(lambda o: S.ExponentialLR(o, gamma=0.7), NSTEPS, 0.1)),
    ("exponential_staircase",
     "Sched.exponential_decay(t, 0.1, decay_rate: 0.5, transition_steps: 3, staircase: true)",
     lrs(lambda o: S.StepLR(o, step_size=3, gamma=0.5), NSTEPS, 0.1)),
    ("exponential_begin",
     "Sched.exponential_decay(t, 0.1, decay_rate: 0.5, transition_steps: 4, transition_begin: 2)",
     np.where(T_ <= 2, 0.1, 0.1 * 0.5 ** ((T_ - 2) / 4))),
    ("cosine", "Sched.cosine_decay(t, 0.1, decay_steps: 10, alpha: 0.2)",
     0.1 * ((1 - 0.2) * (1 + np.cos(np.pi * np.minimum(T_, 10) / 10)) / 2 + 0.2)),
    # torch's CosineAnnealingLR is the same up to T_max (it rises after)
    ("cosine_torch",
     "Sched.cosine_decay(Nx.slice(t, [0], [11]), 0.1, decay_steps: 10, alpha: 0.2)",
     lrs(lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.02), 11, 0.1)),
    ("polynomial", "Sched.polynomial_decay(t, 0.1, end_value: 0.0, power: 2, transition_steps: 8)",
     lrs(lambda o: S.PolynomialLR(o, total_iters=8, power=2), NSTEPS, 0.1)),
    ("polynomial_end",
     "Sched.polynomial_decay(t, 0.1, end_value: 0.01, power: 3, transition_steps: 6, transition_begin: 2)",
     (0.1 - 0.01) * (1 - np.clip(T_ - 2, 0, 6) / 6) ** 3 + 0.01),
    ("linear", "Sched.linear_decay(t, 0.1, warmup: 3, steps: 9)",
     0.1 * np.where(T_ < 3, T_ / 3, np.maximum(0, (9 - T_) / 6))),
    ("warmup_cosine",
     "Sched.warmup_cosine_decay(t, 1.0, init_value: 0.1, warmup_steps: 3, decay_steps: 10, end_value: 0.05)",
     warmup_cosine(T_, 1.0, 0.1, 3, 10, 0.05)),
]
# ---- the program ------------------------------------------------------------


def leaf_type(dt, shape):
    return "%s[%s]" % (dt, ", ".join(map(str, shape)))


def container_type(dt):
    (_, ws), (_, bs), (_, ss) = SHAPES
    return "{%s, {%s, %s}}" % (leaf_type(dt, ws), leaf_type(dt, bs),
                               leaf_type(dt, ss))


def program(dt):
    ct = container_type(dt)
    gargs = ["g%d" % k for k in range(K)]
    results, lines = [], []
    for ci, (name, init, step, _, _) in enumerate(CASES):
        if init is None:  # a transform of each step's gradients
            for k in range(K):
                v = "c%d_%d" % (ci, k)
                lines.append("    %s = %s" % (v, step.format(g=gargs[k])))
                results.append((v, ct if name != "global_norm"
                                else "{%s}" % leaf_type(dt, ())))
            continue
        p, s = "p%d" % ci, "s%d" % ci
        lines.append("    %s = p" % p)
        lines.append("    %s = %s" % (s, init.format(p=p)))
        for k in range(K):
            lines.append("    {%s, %s} = %s" % (p, s, step.format(
                g=gargs[k], s=s, p=p, dt=dt)))
            v = "c%d_%d" % (ci, k)
            lines.append("    %s = %s" % (v, p))
            results.append((v, ct))
    src = ["defmodule OptimOracle do",
           "  alias NxStd.Optimizers, as: Opt",
           "  alias NxStd.Schedules, as: Sched", "",
           "  @entry steps(%s) :: {%s}" % (
               ", ".join([ct] * (K + 1)), ", ".join(t for _, t in results)),
           "  defn steps(p, %s) do" % ", ".join(gargs)]
    src += lines
    src += ["    {%s}" % ", ".join(v for v, _ in results), "  end", ""]
    vec = leaf_type(dt, (NSTEPS,))
    sres = []
    for name, expr, want in SCHEDULES:
        sres.append((expr, leaf_type(dt, (len(want),))))
    # a training loop: K Adam steps of a linear least-squares model on the
    # gradients of value_and_grad, the state carried through a `while`
    src += ["  @entry train({%s, %s}, %s, %s) :: {{%s, %s}, %s}" % (
        leaf_type(dt, (4, 3)), leaf_type(dt, (3,)), leaf_type(dt, (8, 4)),
        leaf_type(dt, (8, 3)), leaf_type(dt, (4, 3)), leaf_type(dt, (3,)),
        leaf_type(dt, (K,))),
            "  defn train(params, x, y) do",
            "    losses = Nx.broadcast(Nx.tensor(0, type: :%s), {%d})" % (dt, K),
            "    {params, _, losses} =",
            "      while {params, state = Opt.adam_init(params), losses}, i <- 0..%d do" % (K - 1),
            "        {loss, g} = value_and_grad(params, fn {w, b} -> Nx.mean((Nx.dot(x, w) + b - y) ** 2) end)",
            "        {params, state} = Opt.adam_step(g, state, params, learning_rate: 0.05, eps_root: 0.0)",
            "        {params, state, Nx.put_slice(losses, [i], Nx.reshape(loss, {1}))}",
            "      end",
            "    {params, losses}",
            "  end", ""]
    # f32: integer steps (as a state's count); f64: f64 steps
    arg = "s32[%d]" % NSTEPS if dt == "f32" else vec
    src += ["  @entry sched(%s) :: {%s}" % (arg, ", ".join(t for _, t in sres)),
            "  defn sched(t) do",
            "    {%s}" % ", ".join(e for e, _ in sres), "  end", "end"]
    return "\n".join(src) + "\n"


TOL = {"f32": (3e-5, 3e-6), "f64": (1e-9, 1e-12)}


def compare(label, g, ref, dt, tol, failures):
    # a case's own tolerance loosens the dtype's, never tightens it
    caselib.compare(label, g, ref, caselib.npdtype(dt),
                    np.maximum(TOL[dt], tol or (0, 0)), failures)


def check_dtype(a, dt, params, grads, workdir, env, failures):
    npdt = caselib.npdtype(dt)
    d = os.path.join(workdir, dt)
    os.makedirs(d, exist_ok=True)
    src = os.path.join(d, "optim_oracle.nx")
    with open(src, "w") as f:
        f.write(program(dt))
    # the inputs, rounded to the program's type; references start from them
    P = [p.astype(npdt) for p in params]
    G = [[x.astype(npdt) for x in g] for g in grads]
    files = []
    for name, arr in [("p", P)] + [("g%d" % k, G[k]) for k in range(K)]:
        for (leaf, _), x in zip(SHAPES, arr):
            files.append(os.path.join(d, "%s_%s.npy" % (name, leaf)))
            np.save(files[-1], x)
    P64 = [p.astype(np.float64) for p in P]
    G64 = [[x.astype(np.float64) for x in g] for g in G]
    checked = 0
    got = caselib.run_checked(a.nxc, src, "steps", files, d, env,
                              "%s steps" % dt, failures)
    if got is not None:
        pos = 0
        for name, init, step, ref, tol in CASES:
            want = ref(P64, G64)
            for k in range(K):
                for j, w in enumerate(want[k]):
                    label = "%s %s step %d leaf %d" % (dt, name, k + 1, j)
                    if pos >= len(got):
                        failures.append(label + ": missing result")
                    else:
                        compare(label, got[pos], w, dt, tol, failures)
                    pos += 1
                    checked += 1
    checked += check_train(a, dt, d, env, failures)
    steps = np.arange(NSTEPS)
    sfile = os.path.join(d, "t.npy")
    np.save(sfile, steps.astype(np.int32 if dt == "f32" else np.float64))
    got = caselib.run_checked(a.nxc, src, "sched", [sfile], d, env,
                              "%s sched" % dt, failures)
    if got is not None:
        for (name, _, want), g in zip(SCHEDULES, got):
            compare("%s schedule %s" % (dt, name), g, want, dt, None, failures)
            checked += 1
    return checked


def train_data(dt):
    rng = np.random.default_rng(17)
    npdt = caselib.npdtype(dt)
    return [rng.normal(0, 1, s).astype(npdt)
            for s in [(4, 3), (3,), (8, 4), (8, 3)]]


def train_ref(w, b, x, y):
    """Final params and the K losses of torch Adam on the same loop."""
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    w, b, x, y = t(w).requires_grad_(), t(b).requires_grad_(), t(x), t(y)
    opt, losses = O.Adam([w, b], lr=0.05), []
    for _ in range(K):
        opt.zero_grad()
        loss = ((x @ w + b - y) ** 2).mean()
        loss.backward()
        losses.append(loss.item())
        opt.step()
    return [w.detach().numpy(), b.detach().numpy(), np.array(losses)]


def check_train(a, dt, d, env, failures):
    files = []
    for i, arr in enumerate(train_data(dt)):
        files.append(os.path.join(d, "train%d.npy" % i))
        np.save(files[-1], arr)
    got = caselib.run_checked(a.nxc, os.path.join(d, "optim_oracle.nx"),
                              "train", files, d, env, "%s train" % dt,
                              failures)
    if got is None:
        return 0
    want = train_ref(*[v.astype(np.float64) for v in train_data(dt)])
    for name, g, w in zip(["w", "b", "losses"], got, want):
        compare("%s train %s" % (dt, name), g, w, dt, None, failures)
    return len(want)


def main():
    a, env = caselib.parse_args(__doc__, seed=9, only=None)
    rng = np.random.default_rng(a.seed)
    params = [rng.normal(0, 1, s) for _, s in SHAPES]
    # gradients of growing size, so that clip_by_global_norm clips some
    # steps (norm >= 3) and leaves others
    grads = [[rng.normal(0, 0.3 + 0.3 * k, s) for _, s in SHAPES]
             for k in range(K)]
    failures, checked = [], 0
    with caselib.workdir(a.keep) as workdir:
        for dt in ("f32", "f64"):
            checked += check_dtype(a, dt, params, grads, workdir, env,
                                   failures)
    return caselib.report("optim", checked, failures, a.seed)


if __name__ == "__main__":
    sys.exit(main())
