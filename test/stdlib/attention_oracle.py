#!/usr/bin/env python3
"""attention_oracle.py - checks NxStd.Attention against PyTorch.

This file implements the oracle test of stdlib/nx_std/attention.nx on random
inputs, in f32 and f64, values and gradients (of sum(out * w) with respect
to query, key, value and, for multi-head attention, every projection weight
and bias), against torch in float64:
- dot_product_attention against softmax(q k^T * scale + mask) v written with
  torch ops (torch 1.13 has no F.scaled_dot_product_attention), with rank 2
  to 4 inputs, causal masks (square and L < S, torch's top-left tril),
  boolean and additive masks, an explicit scale, and a fully masked row
  (uniform weights here, by design);
- multi_head_attention against F.multi_head_attention_forward with separate
  projection weights (kdim and vdim different from the embedding size), with
  and without causal and boolean masks (torch 1.13's boolean attn_mask marks
  the positions that may NOT attend, so the reference passes its negation).

Usage: attention_oracle.py --nxc PATH [--seed N] [--only REGEX] [--keep DIR]
"""
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caselib  # noqa: E402
from caselib import Case, num  # noqa: E402


def sdpa_ref(q, k, v, mask=None, causal=False, scale=None):
    """The attention of torch 2's scaled_dot_product_attention."""
    scale = 1 / math.sqrt(q.shape[-1]) if scale is None else scale
    s = q @ k.transpose(-2, -1) * scale
    if mask is not None:
        if mask.dtype == torch.uint8:
            s = s.masked_fill(mask == 0, torch.finfo(s.dtype).min)
        else:
            s = s + mask
    if causal:
        keep = torch.ones(s.shape[-2], s.shape[-1]).tril().bool()
        s = s.masked_fill(~keep, torch.finfo(s.dtype).min)
    return torch.softmax(s, -1) @ v


def bool_mask(rng, shape):
    m = (rng.uniform(0, 1, shape) < 0.7).astype(np.uint8)
    m[..., 0] = 1  # every row keeps a position
    return m


def sdpa_case(rng, name, qs, ks, vs, mask=None, causal=False, scale=None):
    inputs = [("q", rng.normal(0, 1, qs)), ("k", rng.normal(0, 1, ks)),
              ("v", rng.normal(0, 1, vs))]
    opts = []
    if mask is not None:
        inputs.append(("mask", mask))
        opts.append("mask: mask")
    if causal:
        opts.append("causal: true")
    if scale is not None:
        opts.append("scale: " + num(scale))
    out_shape = qs[:-1] + vs[-1:]
    inputs.append(("w", rng.normal(0, 1, out_shape)))
    call = "Attention.dot_product_attention(q, k, v%s)" % "".join(
        ", " + o for o in opts)

    def ref(ts):
        return sdpa_ref(ts["q"], ts["k"], ts["v"], ts.get("mask"), causal,
                        scale)

    return Case(name, inputs, call, ref, grads=["q", "k", "v"])


MHA_PARAMS = ["wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo"]


def mha_case(rng, name, n, l, s, e, kdim, vdim, heads, mask=None,
             causal=False):
    r = lambda *shape: rng.normal(0, 1, shape)
    sc = lambda fan, *shape: rng.normal(0, 1 / math.sqrt(fan), shape)
    inputs = [("query", r(n, l, e)), ("key", r(n, s, kdim)),
              ("value", r(n, s, vdim)),
              ("wq", sc(e, e, e)), ("bq", r(e) * 0.1),
              ("wk", sc(kdim, kdim, e)), ("bk", r(e) * 0.1),
              ("wv", sc(vdim, vdim, e)), ("bv", r(e) * 0.1),
              ("wo", sc(e, e, e)), ("bo", r(e) * 0.1)]
    opts = ["num_heads: %d" % heads]
    if mask is not None:
        inputs.append(("mask", mask))
        opts.append("mask: mask")
    if causal:
        opts.append("causal: true")
    inputs.append(("w", r(n, l, e)))
    call = ("Attention.multi_head_attention(query, key, value, "
            "{{wq, bq}, {wk, bk}, {wv, bv}, {wo, bo}}, %s)" % ", ".join(opts))

    def ref(ts):
        allowed = torch.ones(l, s, dtype=torch.bool)
        if causal:
            allowed = allowed & torch.ones(l, s).tril().bool()
        if "mask" in ts:
            allowed = allowed & (ts["mask"] != 0)
        attn_mask = None if allowed.all() else ~allowed
        out, _ = F.multi_head_attention_forward(
            ts["query"].transpose(0, 1), ts["key"].transpose(0, 1),
            ts["value"].transpose(0, 1), e, heads, None,
            torch.cat([ts["bq"], ts["bk"], ts["bv"]]), None, None, False, 0.0,
            ts["wo"].t(), ts["bo"], training=False, need_weights=False,
            attn_mask=attn_mask, use_separate_proj_weight=True,
            q_proj_weight=ts["wq"].t(), k_proj_weight=ts["wk"].t(),
            v_proj_weight=ts["wv"].t())
        return out.transpose(0, 1)

    return Case(name, inputs, call, ref,
                grads=["query", "key", "value"] + MHA_PARAMS)


def cases(rng):
    full = bool_mask(rng, (4, 5))
    full[2] = 0  # a row with no position: uniform weights
    return [
        sdpa_case(rng, "sdpa_3d", (2, 4, 6), (2, 5, 6), (2, 5, 3)),
        sdpa_case(rng, "sdpa_2d_scale", (4, 6), (5, 6), (5, 7), scale=0.3),
        sdpa_case(rng, "sdpa_4d_causal", (2, 3, 4, 8), (2, 3, 4, 8),
                  (2, 3, 4, 5), causal=True),
        sdpa_case(rng, "sdpa_causal_rect", (2, 3, 4), (2, 5, 4), (2, 5, 2),
                  causal=True),
        sdpa_case(rng, "sdpa_bool", (2, 4, 6), (2, 5, 6), (2, 5, 3),
                  mask=bool_mask(rng, (4, 5))),
        sdpa_case(rng, "sdpa_bool_causal", (2, 2, 4, 6), (2, 2, 4, 6),
                  (2, 2, 4, 3), mask=bool_mask(rng, (2, 1, 4, 4)),
                  causal=True),
        sdpa_case(rng, "sdpa_additive", (2, 4, 6), (2, 5, 6), (2, 5, 3),
                  mask=rng.normal(0, 2, (2, 4, 5))),
        sdpa_case(rng, "sdpa_empty_row", (2, 4, 6), (2, 5, 6), (2, 5, 3),
                  mask=full),
        mha_case(rng, "mha", 2, 4, 5, 8, 6, 7, 2),
        mha_case(rng, "mha_causal", 3, 4, 4, 6, 6, 6, 3, causal=True),
        mha_case(rng, "mha_mask", 2, 3, 5, 8, 8, 4, 4,
                 mask=bool_mask(rng, (3, 5))),
    ]


if __name__ == "__main__":
    sys.exit(caselib.main(__doc__, "attention", "AttentionOracle",
                          ["alias NxStd.Attention"], cases))
