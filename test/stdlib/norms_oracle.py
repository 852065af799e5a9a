#!/usr/bin/env python3
"""norms_oracle.py - checks NxStd.Norms against torch.nn.functional.

This file implements the oracle test of stdlib/nx_std/norms.nx: batch_norm
(training mode with its running-statistics update, and inference mode),
layer_norm, group_norm, instance_norm and rms_norm on random inputs, with
channel axes first and last, in f32 and f64, values and the gradients of
sum(out * w) with respect to input, gamma and beta, against torch in float64
(F.batch_norm, F.layer_norm, F.group_norm, F.instance_norm; rms_norm by its
formula, which torch 1.13 lacks as a function).

Running statistics follow Axon: new = momentum * old + (1 - momentum) *
batch, with the biased batch variance. torch's update is new = (1 - m) * old
+ m * batch with the unbiased variance, so the reference runs torch with
m = 1 - momentum and converts its variance back to the biased one.

Usage: norms_oracle.py --nxc PATH [--seed N] [--only REGEX] [--keep DIR]
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caselib  # noqa: E402
from caselib import Case, num  # noqa: E402

# Axon's defaults: options equal to them are left out of the call, so the
# defaults are checked too.
DEFAULTS = {"epsilon": 1e-5, "channel_index": -1, "momentum": 0.1}
RMS_DEFAULTS = {"epsilon": 1e-6, "channel_index": -1, "shift": 0.0,
                "upcast": ":normalization"}


def opts(defaults=None, **kw):
    """`, key: value, ...` for the options that differ from the defaults."""
    out = []
    for k, v in kw.items():
        if (defaults or DEFAULTS).get(k, None) == v:
            continue
        out.append("%s: %s" % (k, v if isinstance(v, str) else num(v)))
    return "".join(", " + o for o in out)


TUPLE_LOSS = "{o, _, _} = %s\nNx.sum(o * w)"


def tuple_loss_ref(out, ts):
    return (out[0] * ts["w"]).sum()


def params(rng, c):
    return [("g", rng.normal(1, 0.3, c)), ("b", rng.normal(0, 0.5, c)),
            ("m", rng.normal(0, 1, c)), ("v", rng.uniform(0.5, 2, c))]


def biased_update(old_v, torch_v, momentum, n):
    """Axon's running variance from torch's (unbiased, momentum 1 - m)."""
    unbiased = (torch_v - momentum * old_v) / (1 - momentum)
    return momentum * old_v + (1 - momentum) * unbiased * (n - 1) / n


def to_last(t, c):
    return t if c in (-1, t.dim() - 1) else torch.movedim(t, c, -1)


def from_last(t, c):
    return t if c in (-1, t.dim() - 1) else torch.movedim(t, -1, c)


def bn_train_case(rng, name, shape, c, momentum, eps):
    x = rng.normal(0.5, 2, shape)
    ch = shape[c]
    n = x.size // ch
    call = "Norms.batch_norm(x, g, b, m, v%s)" % opts(
        mode=":train", epsilon=eps, channel_index=c, momentum=momentum)

    def ref(ts):
        xt = to_last(ts["x"], c).reshape(-1, ch)
        rm, rv = ts["m"].detach().clone(), ts["v"].detach().clone()
        out = F.batch_norm(xt, rm, rv, ts["g"], ts["b"], training=True,
                           momentum=1 - momentum, eps=eps)
        out = from_last(out.reshape(to_last(ts["x"], c).shape), c)
        return out, rm, biased_update(ts["v"].detach(), rv, momentum, n)

    return Case(name, [("x", x)] + params(rng, ch) + [("w", rng.normal(0, 1, shape))],
                call, ref, grads=["x", "g", "b"], loss=TUPLE_LOSS % call,
                loss_ref=tuple_loss_ref)


def bn_inference_case(rng, name, shape, c, eps, fun="batch_norm"):
    x = rng.normal(0.5, 2, shape)
    ch = shape[c]
    call = "Norms.%s(x, g, b, m, v%s)" % (fun, opts(epsilon=eps, channel_index=c))

    def ref(ts):
        xt = to_last(ts["x"], c).reshape(-1, ch)
        out = F.batch_norm(xt, ts["m"], ts["v"], ts["g"], ts["b"],
                           training=False, eps=eps)
        return from_last(out.reshape(to_last(ts["x"], c).shape), c)

    return Case(name, [("x", x)] + params(rng, ch) + [("w", rng.normal(0, 1, shape))],
                call, ref, grads=["x", "g", "b"])


def layer_norm_case(rng, name, shape, c, eps):
    x = rng.normal(0.5, 2, shape)
    ch = shape[c]
    call = "Norms.layer_norm(x, g, b%s)" % opts(epsilon=eps, channel_index=c)

    def ref(ts):
        out = F.layer_norm(to_last(ts["x"], c), (ch,), ts["g"], ts["b"], eps)
        return from_last(out, c)

    return Case(name, [("x", x)] + params(rng, ch)[:2] + [("w", rng.normal(0, 1, shape))],
                call, ref, grads=["x", "g", "b"])


def group_norm_case(rng, name, shape, c, groups, eps):
    x = rng.normal(0.5, 2, shape)
    ch = shape[c]
    call = "Norms.group_norm(x, g, b%s)" % opts(
        num_groups=groups, epsilon=eps, channel_index=c)

    def ref(ts):
        xt = ts["x"] if c == 1 else torch.movedim(ts["x"], c, 1)
        out = F.group_norm(xt, groups, ts["g"], ts["b"], eps)
        return out if c == 1 else torch.movedim(out, 1, c)

    return Case(name, [("x", x)] + params(rng, ch)[:2] + [("w", rng.normal(0, 1, shape))],
                call, ref, grads=["x", "g", "b"])


def instance_norm_case(rng, name, shape, c, momentum, eps):
    x = rng.normal(0.5, 2, shape)
    ch = shape[c]
    n = x.size // (ch * shape[0])
    call = "Norms.instance_norm(x, g, b, m, v%s)" % opts(
        mode=":train", epsilon=eps, channel_index=c, momentum=momentum)

    def ref(ts):
        xt = ts["x"] if c == 1 else torch.movedim(ts["x"], c, 1)
        rm, rv = ts["m"].detach().clone(), ts["v"].detach().clone()
        out = F.instance_norm(xt, rm, rv, ts["g"], ts["b"], use_input_stats=True,
                              momentum=1 - momentum, eps=eps)
        out = out if c == 1 else torch.movedim(out, 1, c)
        return out, rm, biased_update(ts["v"].detach(), rv, momentum, n)

    return Case(name, [("x", x)] + params(rng, ch) + [("w", rng.normal(0, 1, shape))],
                call, ref, grads=["x", "g", "b"], loss=TUPLE_LOSS % call,
                loss_ref=tuple_loss_ref)


def rms_norm_case(rng, name, shape, c, eps, shift, upcast=":normalization"):
    x = rng.normal(0.5, 2, shape)
    ch = shape[c]
    call = "Norms.rms_norm(x, g%s)" % opts(
        RMS_DEFAULTS, epsilon=eps, channel_index=c, shift=shift, upcast=upcast)

    def ref(ts):
        xt = to_last(ts["x"], c)
        y = xt * torch.rsqrt((xt * xt).mean(-1, keepdim=True) + eps)
        return from_last(y * (shift + ts["g"]), c)

    return Case(name, [("x", x)] + params(rng, ch)[:1] + [("w", rng.normal(0, 1, shape))],
                call, ref, grads=["x", "g"])


def cases(rng):
    return [
        bn_train_case(rng, "bn_train_c1", (6, 4, 5), 1, 0.1, 1e-5),
        bn_train_case(rng, "bn_train_last", (8, 3), -1, 0.25, 1e-3),
        bn_train_case(rng, "bn_train_4d", (3, 4, 2, 3), 1, 0.9, 1e-5),
        bn_inference_case(rng, "bn_inf_c1", (5, 4, 3), 1, 1e-5),
        bn_inference_case(rng, "bn_inf_last", (6, 5), -1, 1e-3),
        layer_norm_case(rng, "ln_last", (4, 3, 6), -1, 1e-5),
        layer_norm_case(rng, "ln_c1", (4, 6, 3), 1, 1e-3),
        group_norm_case(rng, "gn_c1", (4, 6, 5), 1, 3, 1e-5),
        group_norm_case(rng, "gn_4d", (3, 6, 2, 3), 1, 2, 1e-5),
        group_norm_case(rng, "gn_last", (4, 5, 6), -1, 2, 1e-3),
        group_norm_case(rng, "gn_2d", (5, 8), 1, 2, 1e-5),
        instance_norm_case(rng, "in_c1", (3, 4, 5), 1, 0.1, 1e-5),
        instance_norm_case(rng, "in_4d_last", (2, 3, 4, 5), -1, 0.7, 1e-5),
        rms_norm_case(rng, "rms_last", (4, 3, 8), -1, 1e-6, 0.0),
        rms_norm_case(rng, "rms_c1_shift", (4, 6, 3), 1, 1e-5, 1.0),
        rms_norm_case(rng, "rms_upcast_all", (5, 4), -1, 1e-6, 0.5, ":all"),
        bn_inference_case(rng, "in_inf", (3, 4, 5), 1, 1e-5, "instance_norm"),
    ]


if __name__ == "__main__":
    sys.exit(caselib.main(__doc__, "norms", "NormsOracle",
                          ["alias NxStd.Norms"], cases))
