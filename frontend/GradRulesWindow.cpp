//===- GradRulesWindow.cpp - Gradient rules of window ops and conv --------===//
//
// This file implements the vector-Jacobian products of the window reductions
// and of nx.conv, following Nx.Defn.Grad:
//
// - window_sum: the adjoint, padded (interior `stride - 1`, edges so that
//   every window that read an element covers it again) and window-summed
//   back with unit strides and the same dilations.
// - window_max/min: the adjoint scattered to each window's selected element
//   with nx.window_scatter_max/min (the last of equal extremes wins, as in
//   Nx). Padding is never selected: the operand is padded with -inf/+inf
//   first (as XLA and PyTorch do; Nx's binary backend pads with 0). With
//   window dilations (which window_scatter lacks) the rule selects tap by tap.
// - window_scatter_max/min: the source gets the adjoint at each window's
//   selected element, the initial value the adjoint's sum (Nx's rule).
// - window_product (Nx has no rule): each tap's share is the adjoint times
//   the product of the window's other taps (prefix and suffix products, so
//   zeros are exact).
// - conv: two convolutions (Nx's grad_conv): the adjoint with the reversed,
//   regrouped kernel for the input, the input with the adjoint for the
//   kernel, both in canonical layout with transposed specs.
//
// "Taps": tap k of a window reads the padded operand at `o * stride + t_k`
// for window position o. `tapRead` extracts that strided view and `tapWrite`
// puts a window-shaped tensor back at those positions (zeros elsewhere);
// both are nx.pad (negative padding cuts) and 1-element window_sums (the
// stride), so dims of run-time size, whose windows are trivial, pass through.
//
//===----------------------------------------------------------------------===//

#include "frontend/Grad.h"

#include <algorithm>
#include <limits>

namespace nxc {

namespace {

using Ctx = GradRuleContext;
using I64s = std::vector<int64_t>;

bool allZero(const I64s &v) {
  return std::all_of(v.begin(), v.end(), [](int64_t x) { return x == 0; });
}
bool allOne(const I64s &v) {
  return std::all_of(v.begin(), v.end(), [](int64_t x) { return x == 1; });
}

/// A 0-d constant of `like`'s dtype.
int scalarOf(Ctx &c, int like, double v) {
  TensorType t = c.type(like);
  t.shape.clear();
  return c.em.splat(t, v, c.loc());
}

/// `nx.pad` of `x` with the 0-d node `value`; a run-time dim must have zero
/// padding (it is kept). No node when nothing is padded.
int padWith(Ctx &c, int x, int value, const I64s &lo, const I64s &hi,
            const I64s &interior) {
  if (allZero(lo) && allZero(hi) && allZero(interior))
    return x;
  TensorType t = c.type(x);
  for (size_t i = 0; i < t.shape.size(); ++i) {
    Dim &d = t.shape[i];
    if (d.isStatic())
      d.size = lo[i] + hi[i] + d.size +
               std::max<int64_t>(d.size - 1, 0) * interior[i];
  }
  int id = c.em.prim("pad", {x, value}, t, c.loc());
  c.em.setArray(id, "low", lo);
  c.em.setArray(id, "high", hi);
  c.em.setArray(id, "interior", interior);
  return id;
}

/// `nx.pad` of `x` with the constant `v`.
int pad(Ctx &c, int x, double v, const I64s &lo, const I64s &hi,
        const I64s &interior) {
  if (allZero(lo) && allZero(hi) && allZero(interior))
    return x;
  return padWith(c, x, scalarOf(c, x, v), lo, hi, interior);
}

/// A window reduction `op` of `x` with no padding.
int window(Ctx &c, const std::string &op, int x, const I64s &dims,
           const I64s &strides, const I64s &dil) {
  TensorType t = c.type(x);
  for (size_t i = 0; i < t.shape.size(); ++i) {
    Dim &d = t.shape[i];
    if (d.isStatic())
      d.size = (d.size - ((dims[i] - 1) * dil[i] + 1)) / strides[i] + 1;
  }
  int id = c.em.prim(op, {x}, t, c.loc());
  I64s zeros(dims.size(), 0);
  c.em.setArray(id, "window_dimensions", dims);
  c.em.setArray(id, "window_strides", strides);
  c.em.setArray(id, "padding_low", zeros);
  c.em.setArray(id, "padding_high", zeros);
  c.em.setArray(id, "window_dilations", dil);
  return id;
}

/// The window attributes of the node being differentiated.
struct Win {
  I64s dims, strides, lo, hi, dil;
  explicit Win(const Ctx &c)
      : dims(*c.array("window_dimensions")),
        strides(*c.array("window_strides")), lo(*c.array("padding_low")),
        hi(*c.array("padding_high")),
        dil(c.array("window_dilations") ? *c.array("window_dilations")
                                        : I64s(dims.size(), 1)) {}
  size_t rank() const { return dims.size(); }
  int64_t eff(size_t i) const { return (dims[i] - 1) * dil[i] + 1; }
};

/// The size of `d` or 0 for a run-time size (whose window is trivial).
int64_t sizeOr0(const Dim &d) { return d.isStatic() ? d.size : 0; }

/// Reads tap `t` (offsets into the padded operand `p`) of every window
/// (`out` windows per dim): p[o * stride + t].
int tapRead(Ctx &c, int p, const Win &w, const I64s &t,
            const std::vector<Dim> &out) {
  size_t n = w.rank();
  I64s lo(n), hi(n), zero(n, 0), one(n, 1);
  for (size_t i = 0; i < n; ++i) {
    int64_t span = out[i].isStatic() ? (out[i].size - 1) * w.strides[i] + 1 : 0;
    int64_t size = sizeOr0(c.type(p).shape[i]);
    lo[i] = -t[i];
    hi[i] = out[i].isStatic() ? -(size - t[i] - span) : 0;
  }
  int cut = pad(c, p, 0.0, lo, hi, zero);
  if (allOne(w.strides))
    return cut;
  return window(c, "window_sum", cut, one, w.strides, one);
}

/// The inverse placement: `v` (one element per window) written at tap `t`
/// of each window in a zero tensor shaped like the padded operand `p`.
int tapWrite(Ctx &c, int v, int p, const Win &w, const I64s &t) {
  size_t n = w.rank();
  I64s lo(n), hi(n), in(n);
  for (size_t i = 0; i < n; ++i) {
    const Dim &o = c.type(v).shape[i];
    int64_t span = o.isStatic() ? (o.size - 1) * w.strides[i] + 1 : 0;
    lo[i] = t[i];
    hi[i] = o.isStatic() ? sizeOr0(c.type(p).shape[i]) - t[i] - span : 0;
    in[i] = w.strides[i] - 1;
  }
  return pad(c, v, 0.0, lo, hi, in);
}

/// The tap offsets of a window, row-major.
std::vector<I64s> taps(const Win &w) {
  std::vector<I64s> all = {I64s()};
  for (size_t i = 0; i < w.rank(); ++i) {
    std::vector<I64s> next;
    for (const I64s &prefix : all)
      for (int64_t k = 0; k < w.dims[i]; ++k) {
        next.push_back(prefix);
        next.back().push_back(k * w.dil[i]);
      }
    all = std::move(next);
  }
  return all;
}

I64s negated(const I64s &v) {
  I64s r;
  for (int64_t x : v)
    r.push_back(-x);
  return r;
}

void gWindowSum(Ctx &c) {
  Win w(c);
  int x = c.operand(0), g = c.grad();
  size_t n = w.rank();
  I64s lo(n), hi(n), in(n), one(n, 1);
  for (size_t i = 0; i < n; ++i) {
    const Dim &d = c.type(x).shape[i];
    const Dim &o = c.type(g).shape[i];
    if (!d.isStatic()) // a trivial window: nothing to pad
      continue;
    int64_t span = o.size == 0 ? 0 : (o.size - 1) * w.strides[i] + 1;
    lo[i] = w.eff(i) - w.lo[i] - 1;
    hi[i] = d.size + w.eff(i) - 1 - span - lo[i];
    in[i] = w.strides[i] - 1;
  }
  g = pad(c, g, 0.0, lo, hi, in);
  c.give(0, window(c, "window_sum", g, w.dims, one, w.dil));
}

/// window_max/min with unit dilations: Nx's window_scatter_max/min.
int scatterExtreme(Ctx &c, bool isMax, const Win &w) {
  int x = c.operand(0);
  double inf = std::numeric_limits<double>::infinity();
  I64s zero(w.rank(), 0);
  int p = pad(c, x, isMax ? -inf : inf, w.lo, w.hi, zero);
  int g = c.grad(), init = scalarOf(c, x, 0.0);
  TensorType t = c.type(p);
  int id = c.em.prim(isMax ? "window_scatter_max" : "window_scatter_min",
                     {p, g, init}, t, c.loc());
  c.em.setArray(id, "window_dimensions", w.dims);
  c.em.setArray(id, "window_strides", w.strides);
  c.em.setArray(id, "padding_low", zero);
  c.em.setArray(id, "padding_high", zero);
  return pad(c, id, 0.0, negated(w.lo), negated(w.hi), zero);
}

/// Tap by tap: the adjoint goes to the last tap (row-major) equal to the
/// window's result.
int tapExtreme(Ctx &c, bool isMax, const Win &w) {
  int x = c.operand(0), g = c.grad();
  double inf = std::numeric_limits<double>::infinity();
  I64s zero(w.rank(), 0);
  int p = pad(c, x, isMax ? -inf : inf, w.lo, w.hi, zero);
  std::vector<Dim> out = c.type(c.id).shape;
  std::vector<I64s> ts = taps(w);
  int zeros = c.constLike(g, 0.0);
  int taken = -1, dp = -1;
  for (size_t k = ts.size(); k-- > 0;) {
    int eq = c.cmp("equal", tapRead(c, p, w, ts[k], out), c.id);
    int share = taken < 0 ? g : c.select(taken, zeros, g);
    int put = tapWrite(c, c.select(eq, share, zeros), p, w, ts[k]);
    dp = dp < 0 ? put : c.bin("add", dp, put);
    taken = taken < 0 ? eq : c.bin("logical_or", taken, eq);
  }
  return pad(c, dp, 0.0, negated(w.lo), negated(w.hi), zero);
}

/// window_scatter_max/min (Nx's rule): the operand gets nothing, each
/// source element the adjoint at the element its window selected (the last
/// of equal extremes of the operand padded with `init_value`; 0 where that
/// is padding), and `init_value` the adjoint's sum.
template <bool IsMax> void gWindowScatter(Ctx &c) {
  Win w(c);
  int x = c.operand(0), init = c.operand(2), g = c.grad();
  size_t n = w.rank();
  I64s all, zero(n, 0), one(n, 1);
  for (size_t i = 0; i < n; ++i)
    all.push_back(static_cast<int64_t>(i));
  if (c.needs[2])
    c.give(2, c.sum(g, all, false));
  if (!c.needs[1])
    return;
  int p = padWith(c, x, init, w.lo, w.hi, zero);
  int gp = pad(c, g, 0.0, w.lo, w.hi, zero);
  int ext =
      window(c, IsMax ? "window_max" : "window_min", p, w.dims, w.strides, one);
  std::vector<Dim> out = c.type(ext).shape;
  std::vector<I64s> ts = taps(w);
  int zeros = c.constLike(ext, 0.0);
  int taken = -1, ds = -1;
  for (size_t k = ts.size(); k-- > 0;) {
    int eq = c.cmp("equal", tapRead(c, p, w, ts[k], out), ext);
    int gk = tapRead(c, gp, w, ts[k], out);
    int share = taken < 0 ? gk : c.select(taken, zeros, gk);
    int put = c.select(eq, share, zeros);
    ds = ds < 0 ? put : c.bin("add", ds, put);
    taken = taken < 0 ? eq : c.bin("logical_or", taken, eq);
  }
  c.give(1, ds);
}

template <bool IsMax> void gWindowExtreme(Ctx &c) {
  Win w(c);
  c.give(0,
         allOne(w.dil) ? scatterExtreme(c, IsMax, w) : tapExtreme(c, IsMax, w));
}

void gWindowProduct(Ctx &c) {
  Win w(c);
  int x = c.operand(0), g = c.grad();
  I64s zero(w.rank(), 0);
  int p = pad(c, x, 1.0, w.lo, w.hi, zero);
  std::vector<Dim> out = c.type(c.id).shape;
  std::vector<I64s> ts = taps(w);
  size_t k = ts.size();
  std::vector<int> reads, suffix(k + 1, -1);
  for (const I64s &t : ts)
    reads.push_back(tapRead(c, p, w, t, out));
  for (size_t i = k; i-- > 1;)
    suffix[i] = suffix[i + 1] < 0 ? reads[i]
                                  : c.bin("multiply", reads[i], suffix[i + 1]);
  int prefix = -1, dp = -1;
  for (size_t i = 0; i < k; ++i) {
    int others = prefix < 0          ? suffix[i + 1]
                 : suffix[i + 1] < 0 ? prefix
                                     : c.bin("multiply", prefix, suffix[i + 1]);
    int share = others < 0 ? g : c.bin("multiply", g, others);
    int put = tapWrite(c, share, p, w, ts[i]);
    dp = dp < 0 ? put : c.bin("add", dp, put);
    prefix = prefix < 0 ? reads[i] : c.bin("multiply", prefix, reads[i]);
  }
  c.give(0, pad(c, dp, 0.0, negated(w.lo), negated(w.hi), zero));
}

//===----------------------------------------------------------------------===//
// conv
//===----------------------------------------------------------------------===//

/// Swaps dims 0 and 1.
int swap01(Ctx &c, int x) {
  I64s perm;
  for (size_t i = 0; i < c.type(x).shape.size(); ++i)
    perm.push_back(static_cast<int64_t>(i));
  std::swap(perm[0], perm[1]);
  return c.transpose(x, perm);
}

/// Splits dim 0 of `x` (static) into {groups, rest}, swaps those two and
/// merges them into dim 1: [groups * a, b, ...] -> [a, groups * b, ...],
/// element (j, gi * b + i) taken from (gi * a + j, i) (Nx's
/// reshape_axis_out_of then reshape_axis_into).
int groupsIntoDim1(Ctx &c, int x, int64_t groups) {
  std::vector<Dim> s = c.type(x).shape;
  std::vector<Dim> split = {Dim{groups, ""}, Dim{s[0].size / groups, ""}};
  split.insert(split.end(), s.begin() + 1, s.end());
  int y = swap01(c, c.reshape(x, split));
  std::vector<Dim> merged = {split[1], Dim{groups * s[1].size, ""}};
  merged.insert(merged.end(), s.begin() + 2, s.end());
  return c.reshape(y, merged);
}

/// The inverse direction for the input gradient of a batch-grouped conv:
/// [n, groups * ch, ...] -> [groups * n, ch, ...].
int groupsIntoDim0(Ctx &c, int x, int64_t groups) {
  std::vector<Dim> s = c.type(x).shape;
  std::vector<Dim> split = {s[0], Dim{groups, ""}, Dim{s[1].size / groups, ""}};
  split.insert(split.end(), s.begin() + 2, s.end());
  int y = c.reshape(x, split);
  I64s perm = {1, 0};
  for (size_t i = 2; i < split.size(); ++i)
    perm.push_back(static_cast<int64_t>(i));
  y = c.transpose(y, perm);
  std::vector<Dim> merged = {
      s[0].isStatic() ? Dim{groups * s[0].size, ""} : s[0], split[2]};
  merged.insert(merged.end(), s.begin() + 2, s.end());
  return c.reshape(y, merged);
}

struct ConvAttrs {
  I64s strides, lo, hi, idil, kdil;
  int64_t fg, bg;
};

/// A canonical nx.conv of `in` with `k`; result [batch / bg, out, spatial]
/// with spatial sizes `sp`.
int conv(Ctx &c, int in, int k, const ConvAttrs &a, std::vector<Dim> sp) {
  TensorType t = c.type(in);
  Dim b = t.shape[0];
  t.shape = {b.isStatic() ? Dim{b.size / a.bg, ""} : b, c.type(k).shape[0]};
  t.shape.insert(t.shape.end(), sp.begin(), sp.end());
  int id = c.em.prim("conv", {in, k}, t, c.loc());
  c.em.setArray(id, "strides", a.strides);
  c.em.setArray(id, "padding_low", a.lo);
  c.em.setArray(id, "padding_high", a.hi);
  c.em.setArray(id, "input_dilation", a.idil);
  c.em.setArray(id, "kernel_dilation", a.kdil);
  c.em.setInt(id, "feature_group_size", a.fg);
  c.em.setInt(id, "batch_group_size", a.bg);
  return id;
}

void gConv(Ctx &c) {
  int x = c.operand(0), y = c.operand(1), g = c.grad();
  ConvAttrs f{*c.array("strides"),
              *c.array("padding_low"),
              *c.array("padding_high"),
              *c.array("input_dilation"),
              *c.array("kernel_dilation"),
              c.intAttr("feature_group_size", 1),
              c.intAttr("batch_group_size", 1)};
  std::vector<Dim> xs = c.type(x).shape, ys = c.type(y).shape,
                   gs = c.type(g).shape;
  size_t n = xs.size() - 2;
  // Nx's conv_lhs_padding / conv_rhs_padding per spatial dim; a run-time
  // size has a trivial window (all zero).
  I64s lhsLo(n, 0), lhsHi(n, 0), rhsLo(n, 0), rhsHi(n, 0);
  std::vector<Dim> xsp(xs.begin() + 2, xs.end()), ysp(ys.begin() + 2, ys.end());
  for (size_t i = 0; i < n; ++i) {
    if (!xs[i + 2].isStatic())
      continue;
    auto dilated = [](int64_t s, int64_t d) {
      return s == 0 ? 0 : (s - 1) * d + 1;
    };
    int64_t l = dilated(xs[i + 2].size, f.idil[i]);
    int64_t r = dilated(ys[i + 2].size, f.kdil[i]);
    int64_t o = dilated(gs[i + 2].size, f.strides[i]);
    lhsLo[i] = r - f.lo[i] - 1;
    lhsHi[i] = l + r - 1 - o - lhsLo[i];
    rhsLo[i] = f.lo[i];
    rhsHi[i] = o + r - l - 1 - f.lo[i];
  }
  if (c.needs[0]) {
    int rhs = y;
    if (f.fg > 1)
      rhs = groupsIntoDim1(c, y, f.fg);
    else if (f.bg > 1)
      rhs = groupsIntoDim1(c, y, f.bg);
    I64s spatial;
    for (size_t i = 0; i < n; ++i)
      spatial.push_back(static_cast<int64_t>(i + 2));
    TensorType rt = c.type(rhs);
    int rev = c.em.prim("reverse", {rhs}, rt, c.loc());
    c.em.setArray(rev, "axes", spatial);
    ConvAttrs a{f.idil, lhsLo, lhsHi, f.strides, f.kdil, f.bg > 1 ? f.bg : f.fg,
                1};
    int gx = conv(c, g, swap01(c, rev), a, xsp);
    if (f.bg > 1)
      gx = groupsIntoDim0(c, gx, f.bg);
    c.give(0, gx);
  }
  if (c.needs[1]) {
    ConvAttrs a{f.kdil,
                rhsLo,
                rhsHi,
                f.idil,
                f.strides,
                f.bg > 1 ? f.bg : 1,
                f.fg > 1 ? f.fg : 1};
    c.give(1, swap01(c, conv(c, swap01(c, x), swap01(c, g), a, ysp)));
  }
}

} // namespace

void registerGradWindow(std::vector<GradRuleInfo> &t) {
  t.insert(t.end(), {
                        {"window_sum", gWindowSum},
                        {"window_max", gWindowExtreme<true>},
                        {"window_min", gWindowExtreme<false>},
                        {"window_product", gWindowProduct},
                        {"window_scatter_max", gWindowScatter<true>},
                        {"window_scatter_min", gWindowScatter<false>},
                        {"conv", gConv},
                    });
}

} // namespace nxc
