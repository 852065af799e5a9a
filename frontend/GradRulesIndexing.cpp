//===- GradRulesIndexing.cpp - Slices, pads, gathers, sorts and scans -----===//
//
// This file implements the vector-Jacobian products of the indexing, sort
// and scan prims, following Nx's definitions (lib/nx/defn/grad.ex):
//
// - slice: the adjoint padded back (interior padding undoes the strides);
//   dynamic_slice: written into zeros at the same (clamped) start;
//   dynamic_update_slice: the target gets the adjoint with the window
//   zeroed, the update the adjoint's window;
// - pad: the adjoint cropped by the negated edge padding and strided past
//   the interior padding; the pad value gets the rest of the adjoint's sum;
// - concatenate: each input the adjoint's part; reverse: the adjoint reversed;
// - gather: the adjoint scatter-added into zeros at the same indices;
//   scatter "add": the target the adjoint, the updates the adjoint gathered;
//   scatter "put": the same, the target with the written positions zeroed;
// - sort: the adjoint taken at the inverse of the sorting permutation;
// - cumulative_sum: the reverse cumulative sum of the adjoint;
//   cumulative_product: the exact product of the other prefix elements (as
//   Nx's scan of multiplies gives), also where the prefix holds zeros;
//   cumulative_max/min: each output's adjoint to the element that is its
//   running extreme (the last of tied ones in scan order, like PyTorch).
//
// Where a dim is a size variable the rules use gathers and dynamic update
// slices (whose sizes follow from the operands) instead of static slices.
//
//===----------------------------------------------------------------------===//

#include "frontend/Grad.h"

#include <algorithm>

namespace nxc {

namespace {

using Ctx = GradRuleContext;

bool allStatic(const std::vector<Dim> &s) {
  return std::all_of(s.begin(), s.end(), [](const Dim &d) {
    return d.isStatic();
  });
}

/// A size variable no other node uses; the reshape that first produces it
/// computes it from its operand's element count.
Dim freshDim(Ctx &c) { return Dim{-1, "_gi" + std::to_string(c.em.size())}; }

int s64Scalar(Ctx &c, int64_t v) {
  return c.em.constantInts(TensorType{DType::S64, {}}, {v}, c.loc());
}

int zeroScalar(Ctx &c, DType t) {
  return c.em.splat(TensorType{t, {}}, 0.0, c.loc());
}

int iota(Ctx &c, const std::vector<Dim> &shape, int64_t axis) {
  int id = c.em.prim("iota", {}, TensorType{DType::S64, shape}, c.loc());
  c.em.setInt(id, "axis", axis);
  return id;
}

int withAxis(Ctx &c, const std::string &op, int x, int64_t axis,
             const char *flag, bool value, DType dtype) {
  TensorType t = c.type(x);
  t.dtype = dtype;
  int id = c.em.prim(op, {x}, t, c.loc());
  c.em.setInt(id, "axis", axis);
  c.em.setBool(id, flag, value);
  return id;
}

int cumulative(Ctx &c, const std::string &op, int x, int64_t axis, bool rev) {
  return withAxis(c, op, x, axis, "reverse", rev, c.type(x).dtype);
}

int slice(Ctx &c, int x, const std::vector<int64_t> &start,
          const std::vector<int64_t> &limit,
          const std::vector<int64_t> &strides) {
  TensorType t = c.type(x);
  for (size_t i = 0; i < start.size(); ++i)
    t.shape[i] = Dim{(limit[i] - start[i] + strides[i] - 1) / strides[i], ""};
  int id = c.em.prim("slice", {x}, t, c.loc());
  c.em.setArray(id, "start_indices", start);
  c.em.setArray(id, "limit_indices", limit);
  c.em.setArray(id, "strides", strides);
  return id;
}

int pad(Ctx &c, int x, const std::vector<int64_t> &low,
        const std::vector<int64_t> &high, const std::vector<int64_t> &interior,
        const std::vector<Dim> &shape) {
  TensorType t = c.type(x);
  t.shape = shape;
  int id = c.em.prim("pad", {x, zeroScalar(c, t.dtype)}, t, c.loc());
  c.em.setArray(id, "low", low);
  c.em.setArray(id, "high", high);
  c.em.setArray(id, "interior", interior);
  return id;
}

int updateSlice(Ctx &c, int x, int update, const std::vector<int> &starts) {
  std::vector<int> ops = {x, update};
  ops.insert(ops.end(), starts.begin(), starts.end());
  TensorType t = c.type(x); // a copy: the node list may grow
  return c.em.prim("dynamic_update_slice", ops, t, c.loc());
}

/// `x` with its dim `axis` replaced by the elements at `idx` (s64[m]).
int gatherAlong(Ctx &c, int x, int idx, int64_t axis) {
  std::vector<Dim> xs = c.type(x).shape;
  Dim m = c.type(idx).shape[0];
  int i2 = c.reshape(idx, {m, Dim{1, ""}});
  TensorType t = c.type(x);
  t.shape = {m};
  for (size_t i = 0; i < xs.size(); ++i)
    if ((int64_t)i != axis)
      t.shape.push_back(xs[i]);
  int gathered = c.em.prim("gather", {x, i2}, t, c.loc());
  c.em.setArray(gathered, "axes", {axis});
  std::vector<int64_t> perm;
  for (int64_t i = 0; i < (int64_t)xs.size(); ++i)
    perm.push_back(i < axis ? i + 1 : i == axis ? 0 : i);
  return c.transpose(gathered, perm);
}

/// Full gather/scatter indices (shape S ++ [rank]) that address, for every
/// position of S, the element at `idx` (s64, shape S) along `axis` and at
/// the position itself along the other dims.
int fullIndices(Ctx &c, int idx, int64_t axis) {
  std::vector<Dim> s = c.type(idx).shape;
  std::vector<Dim> s1 = s;
  s1.push_back(Dim{1, ""});
  std::vector<int> parts;
  for (int64_t d = 0; d < (int64_t)s.size(); ++d)
    parts.push_back(c.reshape(d == axis ? idx : iota(c, s, d), s1));
  std::vector<Dim> all = s;
  all.push_back(Dim{(int64_t)s.size(), ""});
  int id = c.em.prim("concatenate", parts, TensorType{DType::S64, all},
                     c.loc());
  c.em.setInt(id, "axis", (int64_t)s.size());
  return id;
}

std::vector<int64_t> iotaVec(size_t n) {
  std::vector<int64_t> v(n);
  for (size_t i = 0; i < n; ++i)
    v[i] = (int64_t)i;
  return v;
}

/// `x` at `idx` (s64, x's shape) along `axis`: Nx.take_along_axis.
int takeAlongAxis(Ctx &c, int x, int idx, int64_t axis) {
  TensorType t = c.type(x);
  int id = c.em.prim("gather", {x, fullIndices(c, idx, axis)}, t, c.loc());
  c.em.setArray(id, "axes", iotaVec(c.type(x).shape.size()));
  return id;
}

/// The product of `dims`, static when all are, else a fresh size variable.
Dim product(Ctx &c, const std::vector<Dim> &dims) {
  if (!allStatic(dims))
    return freshDim(c);
  int64_t n = 1;
  for (const Dim &d : dims)
    n *= d.size;
  return Dim{n, ""};
}

int scatter(Ctx &c, int target, int idx, int updates,
            const std::vector<int64_t> &axes, const char *mode) {
  TensorType t = c.type(target);
  int id = c.em.prim("scatter", {target, idx, updates}, t, c.loc());
  c.em.setArray(id, "axes", axes);
  c.em.setString(id, "mode", mode);
  return id;
}

/// Zeros like `x` with `g` added at `idx` (s64, g's shape) along `axis`.
int scatterAddAlong(Ctx &c, int x, int g, int idx, int64_t axis) {
  std::vector<Dim> s = c.type(g).shape;
  Dim n = product(c, s);
  int gr = c.reshape(g, {n});
  int full = fullIndices(c, idx, axis);
  int ir = c.reshape(full, {n, Dim{(int64_t)s.size(), ""}});
  return scatter(c, c.constLike(x, 0.0), ir, gr, iotaVec(s.size()), "add");
}

void gSlice(Ctx &c) {
  int x = c.operand(0), g = c.grad();
  std::vector<Dim> xs = c.type(x).shape, gs = c.type(g).shape;
  std::vector<int64_t> start = *c.array("start_indices");
  std::vector<int64_t> strides = *c.array("strides");
  size_t rank = xs.size();
  std::vector<int64_t> low(rank, 0), interior(rank), high(rank);
  std::vector<Dim> spread = gs; // the adjoint with the strides undone
  bool strided = false;
  for (size_t i = 0; i < rank; ++i) {
    interior[i] = strides[i] - 1;
    int64_t n = gs[i].size;
    spread[i].size = n == 0 ? 0 : (n - 1) * strides[i] + 1;
    strided = strided || (strides[i] > 1 && n > 1);
  }
  if (allStatic(xs)) {
    for (size_t i = 0; i < rank; ++i)
      high[i] = xs[i].size - start[i] - spread[i].size;
    c.give(0, pad(c, g, start, high, interior, xs));
    return;
  }
  int u = strided ? pad(c, g, low, low, interior, spread) : g;
  std::vector<int> starts;
  for (int64_t s : start)
    starts.push_back(s64Scalar(c, s));
  c.give(0, updateSlice(c, c.constLike(x, 0.0), u, starts));
}

std::vector<int> startOperands(Ctx &c, size_t first) {
  return std::vector<int>(c.node.operands.begin() + first,
                          c.node.operands.end());
}

void gDynamicSlice(Ctx &c) {
  int x = c.operand(0);
  c.give(0, updateSlice(c, c.constLike(x, 0.0), c.grad(), startOperands(c, 1)));
}

/// The size of dim `d` of `x` as an s64 scalar.
int dimSize(Ctx &c, int x, int64_t d) {
  const Dim &dim = c.type(x).shape[d];
  if (dim.isStatic())
    return s64Scalar(c, dim.size);
  int id = c.em.prim("dim_size", {x}, TensorType{DType::S64, {}}, c.loc());
  c.em.setInt(id, "dim", d);
  return id;
}

/// The window of `g` of `u`'s shape at `starts`, each clamped like
/// `dynamic_slice`'s, as one gather per dim (for updates of dynamic shape).
int windowByGathers(Ctx &c, int g, int u, const std::vector<int> &starts) {
  std::vector<Dim> us = c.type(u).shape;
  int w = g;
  for (size_t i = 0; i < us.size(); ++i) {
    int start = c.em.convert(starts[i], DType::S64, c.loc());
    int room = c.bin("subtract", dimSize(c, g, i), dimSize(c, u, i));
    start = c.bin("max", c.bin("min", start, room), s64Scalar(c, 0));
    int idx = iota(c, {us[i]}, 0);
    idx = c.bin("add", idx, c.em.broadcastTo(start, {us[i]}, c.loc()));
    w = gatherAlong(c, w, idx, i);
  }
  return w;
}

void gDynamicUpdateSlice(Ctx &c) {
  int u = c.operand(1), g = c.grad();
  std::vector<int> starts = startOperands(c, 2);
  if (c.needs[0])
    c.give(0, updateSlice(c, g, c.constLike(u, 0.0), starts));
  if (!c.needs[1])
    return;
  std::vector<Dim> us = c.type(u).shape;
  if (!allStatic(us)) {
    c.give(1, windowByGathers(c, g, u, starts));
    return;
  }
  std::vector<int64_t> sizes;
  for (const Dim &d : us)
    sizes.push_back(d.size);
  std::vector<int> ops = {g};
  ops.insert(ops.end(), starts.begin(), starts.end());
  TensorType ut = c.type(u);
  int id = c.em.prim("dynamic_slice", ops, ut, c.loc());
  c.em.setArray(id, "slice_sizes", sizes);
  c.give(1, id);
}

/// Every `step`-th element of dim `axis` of `x`, `count` of them.
int strideAlong(Ctx &c, int x, int64_t axis, Dim count, int64_t step) {
  int idx = iota(c, {count}, 0);
  int k = c.em.broadcastTo(s64Scalar(c, step), {count}, c.loc());
  return gatherAlong(c, x, c.bin("multiply", idx, k), axis);
}

void gPad(Ctx &c) {
  int x = c.operand(0), g = c.grad();
  std::vector<Dim> xs = c.type(x).shape;
  std::vector<int64_t> low = *c.array("low"), high = *c.array("high");
  std::vector<int64_t> interior = *c.array("interior");
  size_t rank = xs.size();
  std::vector<int64_t> nlow(rank), nhigh(rank), none(rank, 0), strides(rank);
  std::vector<Dim> spread = xs; // x with its interior padding
  bool cropped = false, strided = false;
  for (size_t i = 0; i < rank; ++i) {
    nlow[i] = -low[i];
    nhigh[i] = -high[i];
    strides[i] = interior[i] + 1;
    cropped = cropped || low[i] != 0 || high[i] != 0;
    strided = strided || interior[i] > 0;
    if (interior[i] > 0)
      spread[i] = xs[i].isStatic()
                      ? Dim{xs[i].size + std::max<int64_t>(xs[i].size - 1, 0) *
                                             interior[i],
                            ""}
                      : freshDim(c);
  }
  int u = cropped ? pad(c, g, nlow, nhigh, none, spread) : g;
  int dx = u;
  if (strided && allStatic(xs)) {
    std::vector<int64_t> limit;
    for (const Dim &d : spread)
      limit.push_back(d.size);
    dx = slice(c, u, none, limit, strides);
  } else if (strided) {
    for (size_t i = 0; i < rank; ++i)
      if (interior[i] > 0)
        dx = strideAlong(c, dx, i, xs[i], strides[i]);
  }
  c.give(0, dx);
  if (c.needs[1]) {
    std::vector<int64_t> all = iotaVec(rank);
    c.give(1, c.bin("subtract", c.sum(g, all, false), c.sum(dx, all, false)));
  }
}

void gConcatenate(Ctx &c) {
  int g = c.grad();
  int64_t axis = c.intAttr("axis");
  std::vector<Dim> gs = c.type(g).shape;
  int64_t offset = 0; // the static part of the running offset
  int dynOffset = -1; // its dynamic part (an s64 scalar), -1 if none
  for (size_t k = 0; k < c.node.operands.size(); ++k) {
    int in = c.operand(k);
    std::vector<Dim> is = c.type(in).shape;
    if (c.needs[k]) {
      if (allStatic(gs) && dynOffset < 0) {
        std::vector<int64_t> start(gs.size(), 0), limit, strides(gs.size(), 1);
        for (const Dim &d : gs)
          limit.push_back(d.size);
        start[axis] = offset;
        limit[axis] = offset + is[axis].size;
        c.give(k, slice(c, g, start, limit, strides));
      } else {
        int at = s64Scalar(c, offset);
        if (dynOffset >= 0)
          at = c.bin("add", at, dynOffset);
        int idx = iota(c, {is[axis]}, 0);
        idx = c.bin("add", idx, c.em.broadcastTo(at, {is[axis]}, c.loc()));
        c.give(k, gatherAlong(c, g, idx, axis));
      }
    }
    if (is[axis].isStatic()) {
      offset += is[axis].size;
    } else {
      int d = c.em.prim("dim_size", {in}, TensorType{DType::S64, {}}, c.loc());
      c.em.setInt(d, "dim", axis);
      dynOffset = dynOffset < 0 ? d : c.bin("add", dynOffset, d);
    }
  }
}

void gReverse(Ctx &c) {
  TensorType t = c.type(c.id);
  int id = c.em.prim("reverse", {c.grad()}, t, c.loc());
  c.em.setArray(id, "axes", *c.array("axes"));
  c.give(0, id);
}

void gGather(Ctx &c) {
  int x = c.operand(0), idx = c.operand(1), g = c.grad();
  std::vector<int64_t> axes = *c.array("axes");
  std::vector<Dim> xs = c.type(x).shape, is = c.type(idx).shape;
  std::vector<Dim> batch(is.begin(), is.end() - 1);
  Dim n = product(c, batch);
  std::vector<Dim> us = {n};
  for (int64_t i = 0; i < (int64_t)xs.size(); ++i)
    if (std::find(axes.begin(), axes.end(), i) == axes.end())
      us.push_back(xs[i]);
  int gr = c.reshape(g, us);
  int ir = c.reshape(idx, {n, is.back()});
  c.give(0, scatter(c, c.constLike(x, 0.0), ir, gr, axes, "add"));
}

void gScatter(Ctx &c) {
  int t = c.operand(0), idx = c.operand(1), u = c.operand(2), g = c.grad();
  std::vector<int64_t> axes = *c.array("axes");
  bool put = false;
  for (const auto &[name, v] : c.node.strs)
    put = put || (name == "mode" && v == "put");
  if (c.needs[0])
    c.give(0, put ? scatter(c, g, idx, c.constLike(u, 0.0), axes, "put") : g);
  if (!c.needs[2])
    return;
  std::vector<Dim> ts = c.type(t).shape, us = c.type(u).shape;
  TensorType gt = c.type(g);
  gt.shape = {us[0]};
  for (int64_t i = 0; i < (int64_t)ts.size(); ++i)
    if (std::find(axes.begin(), axes.end(), i) == axes.end())
      gt.shape.push_back(ts[i]);
  int gathered = c.em.prim("gather", {g, idx}, gt, c.loc());
  c.em.setArray(gathered, "axes", axes);
  if (gt.shape != us) {
    // The updates are blocks smaller than the target's rows.
    if (allStatic(gt.shape) && allStatic(us)) {
      std::vector<int64_t> start(us.size(), 0), limit, strides(us.size(), 1);
      for (const Dim &d : us)
        limit.push_back(d.size);
      gathered = slice(c, gathered, start, limit, strides);
    } else {
      for (size_t i = 1; i < us.size(); ++i)
        if (gt.shape[i] != us[i])
          gathered = gatherAlong(c, gathered, iota(c, {us[i]}, 0), i);
    }
  }
  c.give(2, gathered);
}

void gSort(Ctx &c) {
  int x = c.operand(0);
  int64_t axis = c.intAttr("axis");
  int perm = withAxis(c, "argsort", x, axis, "descending",
                      c.boolAttr("descending"), DType::S64);
  int inverse = withAxis(c, "argsort", perm, axis, "descending", false,
                         DType::S64);
  c.give(0, takeAlongAxis(c, c.grad(), inverse, axis));
}

void gCumulativeSum(Ctx &c) {
  c.give(0, cumulative(c, "cumulative_sum", c.grad(), c.intAttr("axis"),
                       !c.boolAttr("reverse")));
}

/// d y_k / d x_i = product of x_j over j <= k, j != i (in scan order). Before
/// the first zero that is y_k / x_i; at the first zero it is the running
/// product with that zero read as 1; after it, 0.
void gCumulativeProduct(Ctx &c) {
  int x = c.operand(0), y = c.id, g = c.grad();
  int64_t axis = c.intAttr("axis");
  bool rev = c.boolAttr("reverse");
  int one = c.constLike(x, 1.0), zero = c.constLike(x, 0.0);
  int isZero = c.cmp("equal", x, zero);
  int zeros = cumulative(c, "cumulative_sum",
                         c.em.convert(isZero, c.type(x).dtype, c.loc()), axis,
                         rev);
  int before = c.cmp("equal", zeros, zero);
  int first = c.bin("logical_and", isZero, c.cmp("equal", zeros, one));
  int safe = c.select(isZero, one, x);
  int back = cumulative(c, "cumulative_sum", c.bin("multiply", g, y), axis,
                        !rev);
  int beforeGrad = c.bin("divide", back, safe);
  int y1 = cumulative(c, "cumulative_product", c.select(first, one, x), axis,
                      rev);
  int firstGrad = cumulative(c, "cumulative_sum", c.bin("multiply", g, y1),
                             axis, !rev);
  c.give(0, c.select(before, beforeGrad, c.select(first, firstGrad, zero)));
}

/// Output k's adjoint goes to the last position j (in scan order) with
/// x_j == y_k: the running maximum of the positions where x equals the
/// running extreme (the minimum of them for a reverse scan).
void gCumulativeExtreme(Ctx &c) {
  int x = c.operand(0);
  int64_t axis = c.intAttr("axis");
  bool rev = c.boolAttr("reverse");
  int at = c.cmp("equal", x, c.id);
  int pos = iota(c, c.type(x).shape, axis);
  int other = c.constLike(pos, rev ? 4611686018427387904.0 : -1.0);
  int marked = c.select(at, pos, other);
  int source = cumulative(c, rev ? "cumulative_min" : "cumulative_max",
                          marked, axis, rev);
  c.give(0, scatterAddAlong(c, x, c.grad(), source, axis));
}

} // namespace

void registerGradIndexing(std::vector<GradRuleInfo> &t) {
  t.insert(t.end(), {
                        {"slice", gSlice},
                        {"dynamic_slice", gDynamicSlice},
                        {"dynamic_update_slice", gDynamicUpdateSlice},
                        {"pad", gPad},
                        {"concatenate", gConcatenate},
                        {"reverse", gReverse},
                        {"gather", gGather},
                        {"scatter", gScatter},
                        {"sort", gSort},
                        {"cumulative_sum", gCumulativeSum},
                        {"cumulative_product", gCumulativeProduct},
                        {"cumulative_max", gCumulativeExtreme},
                        {"cumulative_min", gCumulativeExtreme},
                    });
}

} // namespace nxc
