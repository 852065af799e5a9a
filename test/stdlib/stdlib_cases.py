"""stdlib_cases.py - the cases that stdlib_oracle.py checks.

This file implements the table of stdlib calls and their independent
references: every NxStd.Activations and NxStd.Losses function (and its
options) against torch.nn.functional, or against the formula written with
torch operations where torch has no such function, and every NxStd.Metrics
function against NumPy written from the definitions. A case is
Case(name, nx expression over the named inputs, reference, wrt), with
`pre` a statement put before the expressions (e.g. binding a function): the
reference gets a dict of the inputs (float64 torch tensors, or NumPy arrays
for metrics) and returns the expected value; `wrt` names the input (or a
tuple of inputs) whose gradient of sum(value * w) is checked as well.
"""
import collections

import numpy as np
import torch
import torch.nn.functional as F

Case = collections.namedtuple(
    "Case", "name nx ref wrt dtype tol pre", defaults=(None,) * 4)

SHAPE = (6, 5)
NB = 40  # samples of the binary metrics


def _away(v, points, gap=1e-2):
    """Moves values within `gap` of a kink in `points` off it."""
    for p in points:
        v = np.where(np.abs(v - p) < gap, p + 3 * gap, v)
    return v


def make_inputs(rng):
    """name -> array (float64, or int32 for class ids and binary labels)."""
    soft = lambda z: np.exp(z) / np.exp(z).sum(-1, keepdims=True)
    x = _away(rng.normal(0, 2.5, SHAPE), [0, 1, -1, 3, -3, 4, 6, -6])
    ids = rng.integers(0, SHAPE[1], SHAPE[0]).astype(np.int32)
    sign = np.where(rng.uniform(size=SHAPE) < 0.5, -1.0, 1.0)
    inp = {
        "x": x,
        "y_reg": rng.normal(0, 1, SHAPE), "t_reg": rng.normal(0, 1.5, SHAPE),
        "y_bin": rng.uniform(0, 1, SHAPE),
        "t_bin": rng.uniform(0.05, 0.95, SHAPE),
        "t_logit": rng.normal(0, 3, SHAPE),
        "y_cat": soft(rng.normal(0, 1, SHAPE)),
        "t_cat": soft(rng.normal(0, 1, SHAPE)),
        "y_cat2": soft(rng.normal(0, 2, SHAPE)),
        "ids": ids,
        "y_sign": sign,
        "t_sign": _away(rng.normal(0, 1.5, SHAPE) , [1, -1]),
        "y_pos": rng.poisson(2.0, SHAPE).astype(np.float64),
        "t_pos": rng.uniform(0.1, 3.0, SHAPE),
        "y_rank": np.where(rng.uniform(size=SHAPE[0]) < 0.5, -1.0, 1.0),
        "p1": rng.normal(0, 1, SHAPE[0]), "p2": rng.normal(0, 1, SHAPE[0]),
        "cw": rng.uniform(0.5, 2.0, SHAPE[1]),
        "yb": (rng.uniform(size=NB) < 0.5).astype(np.int32),
        "pb": rng.uniform(0, 1, NB),
        "yb1": (rng.uniform(size=(NB, 1)) < 0.5).astype(np.int32),
        "pb1": rng.uniform(0, 1, (NB, 1)),
        "zb1": rng.normal(0, 2, (NB, 1)),
        "ids_m": rng.integers(0, 7, NB).astype(np.int32),
        "p_m": rng.uniform(0, 1, (NB, 7)),
    }
    inp["onehot"] = np.eye(SHAPE[1])[ids]
    inp["logp"] = inp["t_logit"] - np.log(
        np.exp(inp["t_logit"]).sum(-1, keepdims=True))
    inp["onehot_m"] = np.eye(7)[inp["ids_m"]]
    inp["ids_m1"] = inp["ids_m"].reshape(NB, 1)
    return inp


def act(name, call, f, **kw):
    """An activation of `x`: value and gradient."""
    return Case(name, call.replace("(t", "(x"), lambda e: f(e["x"]), "x", **kw)


ACTIVATIONS = [
    act("relu", "Act.relu(t)", F.relu),
    act("relu6", "Act.relu6(t)", F.relu6),
    act("leaky_relu", "Act.leaky_relu(t)", lambda t: F.leaky_relu(t, 0.01)),
    act("leaky_relu_a", "Act.leaky_relu(t, 0.2)",
        lambda t: F.leaky_relu(t, 0.2)),
    act("elu", "Act.elu(t)", F.elu),
    act("elu_a", "Act.elu(t, 0.5)", lambda t: F.elu(t, 0.5)),
    act("celu", "Act.celu(t)", F.celu),
    # F.celu's float64 backward scales by 1/alpha in single precision (off
    # by 1e-8 for alpha 0.7); its value, and this form's gradient, are exact.
    act("celu_a", "Act.celu(t, 0.7)",
        lambda t: torch.where(t > 0, t, 0.7 * torch.expm1(t / 0.7))),
    act("celu_a_F", "Act.celu(t, 0.7)", lambda t: F.celu(t, 0.7),
        tol=(1e-7, 1e-8)),
    act("selu", "Act.selu(t)", F.selu),
    act("gelu", "Act.gelu(t)", F.gelu),
    act("gelu_tanh", "Act.gelu_tanh(t)",
        lambda t: F.gelu(t, approximate="tanh")),
    act("sigmoid", "Act.sigmoid(t)", torch.sigmoid),
    act("log_sigmoid", "Act.log_sigmoid(t)", F.logsigmoid),
    act("silu", "Act.silu(t)", F.silu),
    # F.hardsigmoid's float64 backward multiplies by the float 1/6, so its
    # gradient is off by 1e-8; the clamp form is F.hardsigmoid exactly.
    act("hard_sigmoid", "Act.hard_sigmoid(t)",
        lambda t: torch.clamp(t / 6 + 0.5, 0, 1)),
    act("hard_sigmoid_ab", "Act.hard_sigmoid(t, 0.2, 0.5)",
        lambda t: torch.clamp(0.2 * t + 0.5, 0, 1)),
    act("hard_silu", "Act.hard_silu(t)", F.hardswish),
    act("hard_tanh", "Act.hard_tanh(t)", F.hardtanh),
    act("softplus", "Act.softplus(t)", F.softplus),
    act("softsign", "Act.softsign(t)", F.softsign),
    act("mish", "Act.mish(t)", F.mish),
    act("tanh", "Act.tanh(t)", torch.tanh),
    act("exp", "Act.exp(t)", torch.exp),
    act("linear", "Act.linear(t)", lambda t: t * 1),
    act("softmax", "Act.softmax(t)", lambda t: F.softmax(t, dim=-1)),
    act("log_softmax", "Act.log_softmax(t)",
        lambda t: F.log_softmax(t, dim=-1)),
    act("log_sumexp", "Act.log_sumexp(t)",
        lambda t: torch.logsumexp(t, -1, keepdim=True)),
]


def loss(name, call, f, y, t, **kw):
    """A loss of (y, t) with its gradient in t."""
    return Case(name, call.replace("(y, t", "(%s, %s" % (y, t)),
                lambda e: f(e[y], e[t]), t, **kw)


def _axon_bce(y, p):
    p = torch.clamp(p, 1e-7, 1 - 1e-7)
    return -(y * torch.log(p + 1e-7) + (1 - y) * torch.log(1 - p + 1e-7))


LOSSES = [
    loss("mse", "L.mean_squared_error(y, t)",
         lambda y, t: F.mse_loss(t, y, reduction="none").mean(-1),
         "y_reg", "t_reg"),
    loss("mae", "L.mean_absolute_error(y, t)",
         lambda y, t: F.l1_loss(t, y, reduction="none").mean(-1),
         "y_reg", "t_reg"),
    loss("huber", "L.huber(y, t)",
         lambda y, t: F.huber_loss(t, y, reduction="none"), "y_reg", "t_reg"),
    loss("log_cosh", "L.log_cosh(y, t)",
         lambda y, t: torch.log(torch.cosh(t - y)).mean(-1),
         "y_reg", "t_reg"),
    loss("poisson", "L.poisson(y, t)",
         lambda y, t: F.poisson_nll_loss(t, y, log_input=False, eps=1e-7,
                                         reduction="none").mean(-1),
         "y_pos", "t_pos"),
    loss("cosine_similarity", "L.cosine_similarity(y, t)",
         lambda y, t: F.cosine_similarity(y, t, dim=1, eps=1e-6),
         "y_reg", "t_reg"),
    # Axon clips p to [1e-7, 1 - 1e-7] and adds 1e-7 inside the logs: the
    # formula in torch exactly, and F.binary_cross_entropy to 1e-5.
    loss("bce", "L.binary_cross_entropy(y, t)",
         lambda y, t: _axon_bce(y, t).mean(-1), "y_bin", "t_bin"),
    loss("bce_F", "L.binary_cross_entropy(y, t)",
         lambda y, t: F.binary_cross_entropy(t, y, reduction="none").mean(-1),
         "y_bin", "t_bin", tol=(1e-5, 1e-5)),
    loss("bce_logits", "L.binary_cross_entropy_from_logits(y, t)",
         lambda y, t: F.binary_cross_entropy_with_logits(
             t, y, reduction="none").mean(-1), "y_bin", "t_logit"),
    loss("cce", "L.categorical_cross_entropy(y, t)",
         lambda y, t: -torch.xlogy(y, t).sum(-1), "y_cat", "t_cat"),
    loss("cce_onehot", "L.categorical_cross_entropy(y, t)",
         lambda y, t: F.nll_loss(torch.log(t), y.argmax(-1),
                                 reduction="none"), "onehot", "t_cat"),
    loss("cce_logits", "L.categorical_cross_entropy_from_logits(y, t)",
         lambda y, t: F.cross_entropy(t, y, reduction="none"),
         "y_cat2", "t_logit"),
    loss("nll", "L.negative_log_likelihood(y, t)",
         lambda y, t: F.nll_loss(t, y.long(), reduction="none"),
         "ids", "logp"),
    loss("cce_smooth", "smooth.(y, t)",
         lambda y, t: F.cross_entropy(t, y, label_smoothing=0.1,
                                      reduction="none"), "y_cat2", "t_logit",
         pre="smooth = L.label_smoothing("
         "&L.categorical_cross_entropy_from_logits/2)"),
    loss("cce_smooth_s", "smooth3.(y, t)",
         lambda y, t: F.cross_entropy(t, y, label_smoothing=0.3,
                                      reduction="none"), "onehot", "t_logit",
         pre="smooth3 = L.label_smoothing("
         "&L.categorical_cross_entropy_from_logits/2, 0.3)"),
    loss("kl", "L.kl_divergence(y, t)",
         lambda y, t: F.kl_div(torch.log(t), y, reduction="none").sum(-1),
         "y_cat", "t_cat"),
    loss("hinge", "L.hinge(y, t)",
         lambda y, t: torch.clamp(1 - y * t, min=0).mean(-1),
         "y_sign", "t_sign"),
    loss("squared_hinge", "L.squared_hinge(y, t)",
         lambda y, t: (torch.clamp(1 - y * t, min=0) ** 2).mean(-1),
         "y_sign", "t_sign"),
    loss("categorical_hinge", "L.categorical_hinge(y, t)",
         lambda y, t: torch.clamp(((1 - y) * t).amax(-1) - (y * t).sum(-1)
                                  + 1, min=0), "onehot", "t_reg"),
    loss("soft_margin", "L.soft_margin(y, t)",
         lambda y, t: F.soft_margin_loss(t, y, reduction="none").sum(0),
         "y_sign", "t_sign"),
    Case("margin_ranking", "L.margin_ranking(y_rank, {p1, p2})",
         lambda e: F.margin_ranking_loss(e["p1"], e["p2"], e["y_rank"],
                                         reduction="none"), ("p1", "p2")),
]


def _prf(e, thr=0.5):
    """Counts of a thresholded binary prediction, NumPy from the definition."""
    pred = e["pb"] > thr
    y = e["yb"] == 1
    return {"tp": np.sum(pred & y), "fp": np.sum(pred & ~y),
            "tn": np.sum(~pred & ~y), "fn": np.sum(~pred & y)}


def _topk(p, ids, k):
    top = np.argsort(-p, axis=-1)[:, :k]
    return np.mean(np.any(top == ids[:, None], axis=-1))


def _f1(c):
    return 2 * c["tp"] / (2 * c["tp"] + c["fp"] + c["fn"])


METRICS = [
    Case("accuracy", "M.accuracy(onehot_m, p_m)",
         lambda e: np.mean(e["p_m"].argmax(-1) == e["ids_m"]), dtype="f32"),
    Case("accuracy_binary", "M.accuracy(yb1, pb1)",
         lambda e: np.mean((e["pb1"] > 0.5) == e["yb1"]), dtype="f32"),
    Case("top_k", "M.top_k_categorical_accuracy(onehot_m, p_m)",
         lambda e: _topk(e["p_m"], e["ids_m"], 5), dtype="f32"),
    Case("true_positives", "M.true_positives(yb, pb)",
         lambda e: _prf(e)["tp"], dtype="u32"),
    Case("false_positives", "M.false_positives(yb, pb)",
         lambda e: _prf(e)["fp"], dtype="u32"),
    Case("true_negatives", "M.true_negatives(yb, pb)",
         lambda e: _prf(e)["tn"], dtype="u32"),
    Case("false_negatives", "M.false_negatives(yb, pb)",
         lambda e: _prf(e)["fn"], dtype="u32"),
    Case("precision", "M.precision(yb, pb)",
         lambda e: _prf(e)["tp"] / (_prf(e)["tp"] + _prf(e)["fp"]),
         dtype="f32"),
    Case("recall", "M.recall(yb, pb)",
         lambda e: _prf(e)["tp"] / (_prf(e)["tp"] + _prf(e)["fn"]),
         dtype="f32"),
    Case("sensitivity", "M.sensitivity(yb, pb)",
         lambda e: _prf(e)["tp"] / (_prf(e)["tp"] + _prf(e)["fn"]),
         dtype="f32"),
    Case("specificity", "M.specificity(yb, pb)",
         lambda e: _prf(e)["tn"] / (_prf(e)["tn"] + _prf(e)["fp"]),
         dtype="f32"),
    Case("f1", "M.f1(yb, pb)", lambda e: _f1(_prf(e)), dtype="f32"),
    Case("mae_metric", "M.mean_absolute_error(y_reg, t_reg)",
         lambda e: np.mean(np.abs(e["y_reg"] - e["t_reg"])), dtype="dt"),
    Case("mse_metric", "M.mean_squared_error(y_reg, t_reg)",
         lambda e: np.mean((e["y_reg"] - e["t_reg"]) ** 2), dtype="dt"),
]
