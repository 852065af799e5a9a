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
import re

import numpy as np
import torch
import torch.nn.functional as F

Case = collections.namedtuple(
    "Case", "name nx ref wrt dtype tol pre", defaults=(None,) * 4)

SHAPE = (6, 5)
SIXTH = "0.16666666666666666667"
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
    inp["ids1"] = ids.reshape(SHAPE[0], 1)
    inp["x_big"] = _away(rng.normal(0, 80, SHAPE), [0])
    inp["onehot_i"] = inp["onehot"].astype(np.int32)
    inp["y_hard_i"] = (inp["y_bin"] > 0.5).astype(np.int32)
    inp["y_hard"] = (inp["y_bin"] > 0.5).astype(np.float64)
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
    act("leaky_relu_a", "Act.leaky_relu(t, alpha: 0.2)",
        lambda t: F.leaky_relu(t, 0.2)),
    act("elu", "Act.elu(t)", F.elu),
    act("elu_a", "Act.elu(t, alpha: 0.5)", lambda t: F.elu(t, 0.5)),
    act("celu", "Act.celu(t)", F.celu),
    # F.celu's float64 backward scales by 1/alpha in single precision (off
    # by 1e-8 for alpha 0.7); its value, and this form's gradient, are exact.
    act("celu_a", "Act.celu(t, alpha: 0.7)",
        lambda t: torch.where(t > 0, t, 0.7 * torch.expm1(t / 0.7))),
    act("celu_a_F", "Act.celu(t, alpha: 0.7)", lambda t: F.celu(t, 0.7),
        tol=(1e-7, 1e-8)),
    act("selu", "Act.selu(t)", F.selu),
    act("selu_ag", "Act.selu(t, alpha: 1.2, gamma: 0.9)",
        lambda t: 0.9 * F.elu(t, 1.2)),
    act("gelu", "Act.gelu(t)", F.gelu),
    act("gelu_tanh", "Act.gelu_tanh(t)",
        lambda t: F.gelu(t, approximate="tanh")),
    act("sigmoid", "Act.sigmoid(t)", torch.sigmoid),
    act("log_sigmoid", "Act.log_sigmoid(t)", F.logsigmoid),
    act("silu", "Act.silu(t)", F.silu),
    # Axon's defaults (alpha 0.2, beta 0.2) differ from torch's (1/6, 0.5).
    # F.hardsigmoid's float64 backward multiplies by the float 1/6, so its
    # gradient is off by 1e-8; the clamp form is F.hardsigmoid exactly.
    act("hard_sigmoid", "Act.hard_sigmoid(t)",
        lambda t: torch.clamp(0.2 * t + 0.2, 0, 1)),
    act("hard_sigmoid_torch", "Act.hard_sigmoid(t, alpha: %s, beta: 0.5)"
        % SIXTH, lambda t: torch.clamp(t / 6 + 0.5, 0, 1)),
    act("hard_silu", "Act.hard_silu(t)",
        lambda t: t * torch.clamp(0.2 * t + 0.2, 0, 1)),
    act("hard_silu_torch", "Act.hard_silu(t, alpha: %s, beta: 0.5)" % SIXTH,
        F.hardswish),
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
    # large inputs (|x| up to ~250): no overflow where torch has none
    Case("log_sigmoid_big", "Act.log_sigmoid(x_big)",
         lambda e: F.logsigmoid(e["x_big"]), "x_big"),
    Case("softplus_big", "Act.softplus(x_big)",
         lambda e: F.softplus(e["x_big"]), "x_big"),
    Case("elu_big", "Act.elu(x_big)", lambda e: F.elu(e["x_big"]), "x_big"),
    Case("mish_big", "Act.mish(x_big)", lambda e: F.mish(e["x_big"]), "x_big"),
    Case("softmax_big", "Act.softmax(x_big)",
         lambda e: F.softmax(e["x_big"], dim=-1), "x_big"),
    Case("log_softmax_big", "Act.log_softmax(x_big)",
         lambda e: F.log_softmax(e["x_big"], dim=-1), "x_big"),
    Case("log_sumexp_big", "Act.log_sumexp(x_big)",
         lambda e: torch.logsumexp(e["x_big"], -1, keepdim=True), "x_big"),
    act("softmax_0", "Act.softmax(t, axis: 0)", lambda t: F.softmax(t, dim=0)),
    act("log_softmax_0", "Act.log_softmax(t, axis: 0)",
        lambda t: F.log_softmax(t, dim=0)),
    act("log_sumexp_0", "Act.log_sumexp(t, axis: 0)",
        lambda t: torch.logsumexp(t, 0, keepdim=True)),
]


def loss(name, call, f, y, t, **kw):
    """A loss of the inputs named `y` and `t` (the words y and t in `call`),
    with its gradient in t."""
    call = re.sub(r"\bt\b", t, re.sub(r"\by\b", y, call))
    return Case(name, call, lambda e: f(e[y], e[t]), t, **kw)


def _axon_bce(y, p):
    p = torch.clamp(p, 1e-7, 1 - 1e-7)
    return -(y * torch.log(p + 1e-7) + (1 - y) * torch.log(1 - p + 1e-7))


def _cce_weighted(e, ids, reduction):
    """F.cross_entropy with class weights (torch's :mean divides by the sum
    of the samples' weights, as Axon does)."""
    return F.cross_entropy(e["t_logit"], ids, weight=e["cw"],
                           reduction=reduction)


LOSSES = [
    loss("mse", "L.mean_squared_error(y, t)",
         lambda y, t: F.mse_loss(t, y, reduction="none").mean(-1),
         "y_reg", "t_reg"),
    loss("mse_mean", "L.mean_squared_error(y, t, reduction: :mean)",
         lambda y, t: F.mse_loss(t, y), "y_reg", "t_reg"),
    loss("mse_sum", "L.mean_squared_error(y, t, reduction: :sum)",
         lambda y, t: F.mse_loss(t, y, reduction="none").mean(-1).sum(),
         "y_reg", "t_reg"),
    loss("mae", "L.mean_absolute_error(y, t)",
         lambda y, t: F.l1_loss(t, y, reduction="none").mean(-1),
         "y_reg", "t_reg"),
    loss("mae_mean", "L.mean_absolute_error(y, t, reduction: :mean)",
         lambda y, t: F.l1_loss(t, y), "y_reg", "t_reg"),
    loss("huber", "L.huber(y, t)",
         lambda y, t: F.huber_loss(t, y, reduction="none"), "y_reg", "t_reg"),
    loss("huber_d", "L.huber(y, t, delta: 0.5, reduction: :mean)",
         lambda y, t: F.huber_loss(t, y, delta=0.5), "y_reg", "t_reg"),
    loss("huber_sum", "L.huber(y, t, reduction: :sum)",
         lambda y, t: F.huber_loss(t, y, reduction="sum"), "y_reg", "t_reg"),
    loss("log_cosh", "L.log_cosh(y, t)",
         lambda y, t: torch.log(torch.cosh(t - y)).mean(-1),
         "y_reg", "t_reg"),
    loss("log_cosh_sum", "L.log_cosh(y, t, reduction: :sum)",
         lambda y, t: torch.log(torch.cosh(t - y)).mean(-1).sum(),
         "y_reg", "t_reg"),
    loss("poisson", "L.poisson(y, t)",
         lambda y, t: F.poisson_nll_loss(t, y, log_input=False, eps=1e-7,
                                         reduction="none").mean(-1),
         "y_pos", "t_pos"),
    loss("poisson_mean", "L.poisson(y, t, reduction: :mean)",
         lambda y, t: F.poisson_nll_loss(t, y, log_input=False, eps=1e-7),
         "y_pos", "t_pos"),
    loss("cosine_similarity", "L.cosine_similarity(y, t)",
         lambda y, t: F.cosine_similarity(y, t, dim=1, eps=1e-6),
         "y_reg", "t_reg"),
    loss("cosine_similarity_0",
         "L.cosine_similarity(y, t, axes: [0], eps: 1.0e-8, reduction: :sum)",
         lambda y, t: F.cosine_similarity(y, t, dim=0, eps=1e-8).sum(),
         "y_reg", "t_reg"),
    # Axon clips p to [1e-7, 1 - 1e-7] and adds 1e-7 inside the logs: the
    # formula in torch exactly, and F.binary_cross_entropy to 1e-5.
    loss("bce", "L.binary_cross_entropy(y, t)",
         lambda y, t: _axon_bce(y, t).mean(-1), "y_bin", "t_bin"),
    loss("bce_F", "L.binary_cross_entropy(y, t)",
         lambda y, t: F.binary_cross_entropy(t, y, reduction="none").mean(-1),
         "y_bin", "t_bin", tol=(1e-5, 1e-5)),
    loss("bce_mean_F", "L.binary_cross_entropy(y, t, reduction: :mean)",
         lambda y, t: F.binary_cross_entropy(t, y), "y_hard", "t_bin",
         tol=(1e-5, 1e-5)),
    loss("bce_pos_weight",
         "L.binary_cross_entropy(y, t, positive_weight: 3.0, reduction: :sum)",
         lambda y, t: (_axon_bce(y, t) * (3 * y + (1 - y))).mean(-1).sum(),
         "y_hard", "t_bin"),
    loss("bce_logits", "L.binary_cross_entropy(y, t, from_logits: true)",
         lambda y, t: F.binary_cross_entropy_with_logits(
             t, y, reduction="none").mean(-1), "y_bin", "t_logit"),
    loss("bce_logits_weights",
         "L.binary_cross_entropy(y, t, from_logits: true, positive_weight: "
         "2.0, negative_weight: 0.5, reduction: :mean)",
         lambda y, t: F.binary_cross_entropy_with_logits(
             t, y, weight=2 * y + 0.5 * (1 - y)), "y_hard", "t_logit"),
    loss("bce_logits_smooth",
         "L.binary_cross_entropy(L.apply_label_smoothing(y, t, smoothing: "
         "0.2), t, from_logits: true)",
         lambda y, t: F.binary_cross_entropy_with_logits(
             t, y * 0.8 + 0.2 / SHAPE[1], reduction="none").mean(-1),
         "y_hard", "t_logit"),
    loss("bce_logits_big", "L.binary_cross_entropy(y, t, from_logits: true)",
         lambda y, t: F.binary_cross_entropy_with_logits(
             t, y, reduction="none").mean(-1), "y_bin", "x_big"),
    loss("bce_int", "L.binary_cross_entropy(y, t, reduction: :sum)",
         lambda y, t: _axon_bce(y.double(), t).mean(-1).sum(),
         "y_hard_i", "t_bin"),
    loss("cce_int", "L.categorical_cross_entropy(y, t)",
         lambda y, t: F.nll_loss(torch.log(t), y.argmax(-1),
                                 reduction="none"), "onehot_i", "t_cat"),
    loss("cce_logits_big", "L.categorical_cross_entropy(y, t, "
         "from_logits: true)",
         lambda y, t: F.cross_entropy(t, y, reduction="none"),
         "y_cat2", "x_big"),
    loss("log_cosh_big", "L.log_cosh(y, t)",
         lambda y, t: torch.log(torch.cosh(t - y)).mean(-1),
         "y_reg", "x_big"),
    loss("soft_margin_big", "L.soft_margin(y, t)",
         lambda y, t: F.soft_margin_loss(t, y, reduction="none").sum(0),
         "y_sign", "x_big"),
    loss("cce", "L.categorical_cross_entropy(y, t)",
         lambda y, t: -torch.xlogy(y, t).sum(-1), "y_cat", "t_cat"),
    loss("cce_onehot", "L.categorical_cross_entropy(y, t, reduction: :mean)",
         lambda y, t: F.nll_loss(torch.log(t), y.argmax(-1)),
         "onehot", "t_cat"),
    loss("cce_sparse", "L.categorical_cross_entropy(y, t, sparse: true)",
         lambda y, t: F.nll_loss(torch.log(t), y, reduction="none"),
         "ids", "t_cat"),
    loss("cce_logits", "L.categorical_cross_entropy(y, t, from_logits: true)",
         lambda y, t: F.cross_entropy(t, y, reduction="none"),
         "y_cat2", "t_logit"),
    loss("cce_logits_sparse", "L.categorical_cross_entropy(y, t, "
         "from_logits: true, sparse: true, reduction: :mean)",
         lambda y, t: F.cross_entropy(t, y), "ids", "t_logit"),
    loss("cce_logits_sparse_col", "L.categorical_cross_entropy(y, t, "
         "from_logits: true, sparse: true)",
         lambda y, t: F.cross_entropy(t, y[:, 0], reduction="none"),
         "ids1", "t_logit"),
    Case("cce_class_weights", "L.categorical_cross_entropy(onehot, t_logit, "
         "from_logits: true, class_weights: cw, reduction: :mean)",
         lambda e: _cce_weighted(e, e["ids"], "mean"), "t_logit"),
    Case("cce_class_weights_sparse", "L.categorical_cross_entropy(ids, "
         "t_logit, from_logits: true, sparse: true, class_weights: cw)",
         lambda e: _cce_weighted(e, e["ids"], "none"), "t_logit"),
    loss("nll", "L.negative_log_likelihood(y, t)",
         lambda y, t: F.nll_loss(t, y, reduction="none"), "ids", "logp"),
    loss("nll_mean", "L.negative_log_likelihood(y, t, reduction: :mean)",
         lambda y, t: F.nll_loss(t, y), "ids", "logp"),
    loss("cce_smooth", "smooth.(y, t)",
         lambda y, t: F.cross_entropy(t, y, label_smoothing=0.1,
                                      reduction="none"), "y_cat2", "t_logit",
         pre="smooth = L.label_smoothing("
         "&L.categorical_cross_entropy(&1, &2, from_logits: true))"),
    loss("cce_smooth_s", "smooth3.(y, t)",
         lambda y, t: F.cross_entropy(t, y, label_smoothing=0.3),
         "onehot", "t_logit",
         pre="smooth3 = L.label_smoothing(fn y, p -> "
         "L.categorical_cross_entropy(y, p, from_logits: true, "
         "reduction: :mean) end, smoothing: 0.3)"),
    loss("kl", "L.kl_divergence(y, t)",
         lambda y, t: F.kl_div(torch.log(t), y, reduction="none").sum(-1),
         "y_cat", "t_cat"),
    loss("kl_mean", "L.kl_divergence(y, t, reduction: :mean)",
         lambda y, t: F.kl_div(torch.log(t), y, reduction="batchmean"),
         "y_cat", "t_cat"),
    loss("hinge", "L.hinge(y, t)",
         lambda y, t: torch.clamp(1 - y * t, min=0).mean(-1),
         "y_sign", "t_sign"),
    loss("hinge_sum", "L.hinge(y, t, reduction: :sum)",
         lambda y, t: torch.clamp(1 - y * t, min=0).mean(-1).sum(),
         "y_sign", "t_sign"),
    loss("squared_hinge", "L.squared_hinge(y, t)",
         lambda y, t: (torch.clamp(1 - y * t, min=0) ** 2).mean(-1),
         "y_sign", "t_sign"),
    loss("squared_hinge_mean", "L.squared_hinge(y, t, reduction: :mean)",
         lambda y, t: (torch.clamp(1 - y * t, min=0) ** 2).mean(),
         "y_sign", "t_sign"),
    loss("categorical_hinge", "L.categorical_hinge(y, t)",
         lambda y, t: torch.clamp(((1 - y) * t).amax(-1) - (y * t).sum(-1)
                                  + 1, min=0), "onehot", "t_reg"),
    loss("soft_margin", "L.soft_margin(y, t)",
         lambda y, t: F.soft_margin_loss(t, y, reduction="none").sum(0),
         "y_sign", "t_sign"),
    loss("soft_margin_mean", "L.soft_margin(y, t, reduction: :mean)",
         lambda y, t: F.soft_margin_loss(t, y) * SHAPE[0], "y_sign", "t_sign"),
    Case("margin_ranking", "L.margin_ranking(y_rank, {p1, p2})",
         lambda e: F.margin_ranking_loss(e["p1"], e["p2"], e["y_rank"],
                                         reduction="none"), ("p1", "p2")),
    Case("margin_ranking_m", "L.margin_ranking(y_rank, {p1, p2}, "
         "margin: 0.5, reduction: :mean)",
         lambda e: F.margin_ranking_loss(e["p1"], e["p2"], e["y_rank"],
                                         margin=0.5), ("p1", "p2")),
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
    Case("accuracy_sparse", "M.accuracy(ids_m, p_m, sparse: true)",
         lambda e: np.mean(e["p_m"].argmax(-1) == e["ids_m"]), dtype="f32"),
    Case("accuracy_sparse_col",
         "M.accuracy(ids_m1, p_m, sparse: true, from_logits: true)",
         lambda e: np.mean(e["p_m"].argmax(-1) == e["ids_m"]), dtype="f32"),
    Case("accuracy_logits", "M.accuracy(yb1, zb1, from_logits: true)",
         lambda e: np.mean((e["zb1"] > 0) == e["yb1"]), dtype="f32"),
    Case("accuracy_threshold", "M.accuracy(yb1, pb1, threshold: 0.3)",
         lambda e: np.mean((e["pb1"] > 0.3) == e["yb1"]), dtype="f32"),
    Case("top_k_1", "M.top_k_categorical_accuracy(onehot_m, p_m, k: 1)",
         lambda e: _topk(e["p_m"], e["ids_m"], 1), dtype="f32"),
    Case("top_k_2_sparse",
         "M.top_k_categorical_accuracy(ids_m, p_m, k: 2, sparse: true)",
         lambda e: _topk(e["p_m"], e["ids_m"], 2), dtype="f32"),
    Case("top_k_3_sparse_col",
         "M.top_k_categorical_accuracy(ids_m1, p_m, k: 3, sparse: true)",
         lambda e: _topk(e["p_m"], e["ids_m"], 3), dtype="f32"),
    Case("true_positives_t", "M.true_positives(yb, pb, threshold: 0.3)",
         lambda e: _prf(e, 0.3)["tp"], dtype="u32"),
    Case("false_positives_t", "M.false_positives(yb, pb, threshold: 0.3)",
         lambda e: _prf(e, 0.3)["fp"], dtype="u32"),
    Case("true_negatives_t", "M.true_negatives(yb, pb, threshold: 0.7)",
         lambda e: _prf(e, 0.7)["tn"], dtype="u32"),
    Case("false_negatives_t", "M.false_negatives(yb, pb, threshold: 0.7)",
         lambda e: _prf(e, 0.7)["fn"], dtype="u32"),
    Case("precision_t", "M.precision(yb, pb, threshold: 0.7)",
         lambda e: _prf(e, 0.7)["tp"] / (_prf(e, 0.7)["tp"]
                                         + _prf(e, 0.7)["fp"]), dtype="f32"),
    Case("recall_t", "M.recall(yb, pb, threshold: 0.3)",
         lambda e: _prf(e, 0.3)["tp"] / (_prf(e, 0.3)["tp"]
                                         + _prf(e, 0.3)["fn"]), dtype="f32"),
    Case("specificity_t", "M.specificity(yb, pb, threshold: 0.3)",
         lambda e: _prf(e, 0.3)["tn"] / (_prf(e, 0.3)["tn"]
                                         + _prf(e, 0.3)["fp"]), dtype="f32"),
    Case("f1_t", "M.f1(yb, pb, threshold: 0.7)",
         lambda e: _f1(_prf(e, 0.7)), dtype="f32"),
    Case("running_average", "avg_acc.(0.5, {onehot_m, p_m}, 3)",
         lambda e: (0.5 * 3 + np.mean(e["p_m"].argmax(-1) == e["ids_m"])) / 4,
         dtype="f32", pre="avg_acc = M.running_average(&M.accuracy/2)"),
    Case("running_sum", "sum_fp.(7, {yb, pb}, 3)",
         lambda e: 7 + _prf(e, 0.3)["fp"], dtype="u32",
         pre="sum_fp = M.running_sum(&M.false_positives(&1, &2, "
         "threshold: 0.3))"),
    Case("mae_metric", "M.mean_absolute_error(y_reg, t_reg)",
         lambda e: np.mean(np.abs(e["y_reg"] - e["t_reg"])), dtype="dt"),
    Case("mse_metric", "M.mean_squared_error(y_reg, t_reg)",
         lambda e: np.mean((e["y_reg"] - e["t_reg"]) ** 2), dtype="dt"),
]
