//===- CheckNxStats.cpp - median, mode, weighted_mean, covariance ----------===//
//
// This file implements the statistics of Nx that expand into sorts, scans,
// scatters and dots: median (`axis:`, `keep_axis:`; a sort, then the middle
// element or the mean of the middle two), mode (Nx's algorithm: group ids of
// the sorted values by a cumulative sum, group sizes by a scatter-add, the
// first largest group, so the smallest of several modes wins), weighted_mean
// (`axes:`, `keep_axes:`; Nx's reshape and axis swap of lower-rank weights),
// covariance (an optional mean, `ddof:`; a batched dot of the centered
// tensor with itself) and put_diagonal (`offset:`; a scatter at constant
// indices). Sizes that decide the computation (the middle index, the
// diagonal) must be static, as they always are in Nx.
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"
#include "frontend/Frontend.h"
#include "frontend/ReduceOptions.h"

#include <algorithm>

namespace nxc {
namespace {


/// `op` over sorted `axes` of `x`, keeping x's dtype.
int reduceAxes(Emitter &em, const char *op, int x, std::vector<int64_t> axes,
               bool keep, SourceLoc loc) {
  std::sort(axes.begin(), axes.end());
  TensorType t = em.type(x);
  t.shape = reducedShape(t.shape, axes, keep);
  int id = em.prim(op, {x}, t, loc);
  em.setArray(id, "axes", axes);
  em.setBool(id, "keep_axes", keep);
  return id;
}

/// Nx.sum: converted to the aggregate type first.
int sumAxes(Emitter &em, int x, const std::vector<int64_t> &axes, bool keep,
            SourceLoc loc) {
  x = em.convert(x, toAggregate(em.type(x).dtype), loc);
  return reduceAxes(em, "reduce_sum", x, axes, keep, loc);
}

std::vector<int64_t> allAxes(size_t rank) {
  std::vector<int64_t> v;
  for (size_t i = 0; i < rank; ++i)
    v.push_back(static_cast<int64_t>(i));
  return v;
}

/// Reads `axis:` (normalized; `has` says whether it was given) and
/// `keep_axis:`.
bool axisKeep(Checker &c, const NxCall &call, size_t rank, bool &has,
              int64_t &axis, bool &keep) {
  has = false;
  keep = false;
  if (const Expr *e = findOption(call, "axis")) {
    if (e->kind != Expr::Kind::Nil) {
      has = true;
      if (!c.optionInt(*e, "`axis`", axis) ||
          !c.normalizeAxis(axis, rank, e->loc, "`" + call.name + "`"))
        return false;
    }
  }
  if (const Expr *e = findOption(call, "keep_axis"))
    return c.optionBool(*e, "`keep_axis`", keep);
  return true;
}

/// Requires static sizes of `axes` of the argument.
bool staticAxes(Checker &c, const NxCall &call, int x,
                const std::vector<int64_t> &axes) {
  const TensorType &t = c.emit().type(x);
  for (int64_t a : axes)
    if (!t.shape[a].isStatic()) {
      c.diagnose(call.args[0].loc, DiagKind::StaticAxisNeeded, call.name, a,
                 toString(t));
      c.noteShape(call.args[0]);
      return false;
    }
  return true;
}

int sortAlong(Emitter &em, int x, int64_t axis, SourceLoc loc) {
  int s = em.prim("sort", {x}, em.type(x), loc);
  em.setInt(s, "axis", axis);
  em.setBool(s, "descending", false);
  return s;
}

Value medianFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.median`", x))
    return {};
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  const TensorType in = em.type(x);
  size_t rank = in.shape.size();
  bool has, keep;
  int64_t axis = 0;
  if (!axisKeep(c, call, rank, has, axis, keep) ||
      !staticAxes(c, call, x, has ? std::vector<int64_t>{axis} : allAxes(rank)))
    return {};
  if (!has) {
    // Nx: the flattened tensor; `keep_axis:` does not apply.
    bool st;
    x = em.reshape(x, {Dim{numElements(em.type(x).shape, st), ""}}, loc);
    axis = 0;
  }
  TensorType t = em.type(x);
  int64_t n = t.shape[axis].size;
  if (n == 0) {
    c.diagnose(call.args[0].loc, DiagKind::StatsEmptyAxis, call.name,
               toString(in));
    return {};
  }
  int s = sortAlong(em, x, axis, loc);
  std::vector<Dim> out = reducedShape(t.shape, {axis}, has && keep);
  if (n % 2 == 1)
    return c.tensor(
        em.reshape(sliceAlongAxis(c, s, axis, n / 2, 1, 1, loc), out, loc),
        loc);
  int two = sliceAlongAxis(c, s, axis, n / 2 - 1, 2, 1, loc);
  Value sum;
  if (has) {
    // Nx.mean of the two middle elements.
    sum = c.tensor(sumAxes(em, two, {axis}, keep, loc), loc);
  } else {
    int a = em.reshape(sliceAlongAxis(c, two, 0, 0, 1, 1, loc), {}, loc);
    int b = em.reshape(sliceAlongAxis(c, two, 0, 1, 1, 1, loc), {}, loc);
    sum = c.binary("add", c.tensor(a, loc), c.tensor(b, loc), loc,
                   "`Nx.median`");
  }
  return c.binary("divide", sum, Value::intNumber(2, loc), loc, "`Nx.median`");
}

/// take_along_axis(s, pos) for `pos` of s's shape with `axis` of size 1.
int takeAlong(Emitter &em, int s, int pos, int64_t axis, SourceLoc loc) {
  std::vector<Dim> one = em.type(pos).shape;
  DType dt = em.type(s).dtype;
  size_t rank = one.size();
  std::vector<Dim> col1 = one;
  col1.push_back(Dim{1, ""});
  std::vector<int> cs;
  for (size_t i = 0; i < rank; ++i) {
    int p = pos;
    if (static_cast<int64_t>(i) != axis) {
      p = em.prim("iota", {}, {DType::S64, one}, loc);
      em.setInt(p, "axis", static_cast<int64_t>(i));
    }
    cs.push_back(em.reshape(p, col1, loc));
  }
  int at = cs[0];
  if (rank > 1) {
    std::vector<Dim> cshape = one;
    cshape.push_back(Dim{static_cast<int64_t>(rank), ""});
    at = em.prim("concatenate", cs, {DType::S64, cshape}, loc);
    em.setInt(at, "axis", static_cast<int64_t>(rank));
  }
  int r = em.prim("gather", {s, at}, {dt, one}, loc);
  em.setArray(r, "axes", allAxes(rank));
  return r;
}

/// Nx's mode_general along the static `axis` of `x`; the result has
/// `axis` kept (size 1).
int modeAlong(Checker &c, int x, int64_t axis, SourceLoc loc) {
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  int64_t n = t.shape[axis].size;
  bool st;
  int64_t count = numElements(t.shape, st);
  // The element count; a run-time one gets a fresh size (reshape derives it).
  Dim total = st ? Dim{count, ""} : c.freshDim();
  int s = sortAlong(em, x, axis, loc);
  // Group ids: 0, then +1 wherever a sorted value differs from the previous.
  std::vector<Dim> one = t.shape;
  one[axis] = Dim{1, ""};
  TensorType s64;
  s64.dtype = DType::S64;
  int zero = em.broadcastTo(em.constantInts(s64, {0}, loc), one, loc);
  int ids = zero;
  if (n > 1) {
    int lo = sliceAlongAxis(c, s, axis, 0, n - 1, 1, loc);
    int hi = sliceAlongAxis(c, s, axis, 1, n - 1, 1, loc);
    TensorType nt = em.type(lo);
    nt.dtype = DType::U8;
    int ne = em.convert(em.prim("not_equal", {lo, hi}, nt, loc), DType::S64,
                        loc);
    ids = em.prim("concatenate", {zero, ne}, {DType::S64, t.shape}, loc);
    em.setInt(ids, "axis", axis);
  }
  int g = em.prim("cumulative_sum", {ids}, {DType::S64, t.shape}, loc);
  em.setInt(g, "axis", axis);
  em.setBool(g, "reverse", false);
  // Group sizes: a scatter-add of ones at (other coordinates, group id).
  std::vector<Dim> col = {total, Dim{1, ""}};
  std::vector<int> parts;
  for (size_t i = 0; i < rank; ++i) {
    int p = g;
    if (static_cast<int64_t>(i) != axis) {
      p = em.prim("iota", {}, {DType::S64, t.shape}, loc);
      em.setInt(p, "axis", static_cast<int64_t>(i));
    }
    parts.push_back(em.reshape(p, col, loc));
  }
  int coords = parts[0];
  if (rank > 1) {
    coords = em.prim("concatenate", parts,
                     {DType::S64, {total, Dim{static_cast<int64_t>(rank), ""}}},
                     loc);
    em.setInt(coords, "axis", 1);
  }
  int zeros = em.broadcastTo(em.constantInts(s64, {0}, loc), t.shape, loc);
  int ones = em.broadcastTo(em.constantInts(s64, {1}, loc),
                            {total}, loc);
  int counts = em.prim("scatter", {zeros, coords, ones},
                       {DType::S64, t.shape}, loc);
  em.setArray(counts, "axes", allAxes(rank));
  em.setString(counts, "mode", "add");
  auto argmax = [&](int v) {
    int id = em.prim("argmax", {v}, {DType::S64, one}, loc);
    em.setInt(id, "axis", axis);
    em.setBool(id, "keep_axis", true);
    em.setBool(id, "tie_break_high", false);
    return id;
  };
  // The first largest group (the smallest value), then its first position.
  int big = em.broadcastTo(argmax(counts), t.shape, loc);
  int eq = em.prim("equal", {big, g}, {DType::U8, t.shape}, loc);
  int pos = argmax(eq);
  return takeAlong(em, s, pos, axis, loc);
}

Value modeFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.mode`", x))
    return {};
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  bool has, keep;
  int64_t axis = 0;
  if (!axisKeep(c, call, rank, has, axis, keep) ||
      !staticAxes(c, call, x, has ? std::vector<int64_t>{axis} : allAxes(rank)))
    return {};
  bool st;
  int64_t total = numElements(t.shape, st);
  if (rank == 0)
    return c.tensor(keep ? em.reshape(x, {Dim{1, ""}}, loc) : x, loc);
  if (st && total == 0) {
    c.diagnose(call.args[0].loc, DiagKind::StatsEmptyAxis, call.name,
               toString(t));
    return {};
  }
  if (!has) {
    int flat = em.reshape(x, {Dim{total, ""}}, loc);
    int r = total == 1 ? flat : modeAlong(c, flat, 0, loc);
    std::vector<Dim> ones(keep ? rank : 0, Dim{1, ""});
    return c.tensor(em.reshape(r, ones, loc), loc);
  }
  int r = t.shape[axis].size == 1 ? x : modeAlong(c, x, axis, loc);
  return c.tensor(em.reshape(r, reducedShape(t.shape, {axis}, keep), loc), loc);
}

/// Nx.put_diagonal(t, d, offset: k): t of rank 2, d of rank 1 with the
/// diagonal's length; a scatter of d at the diagonal's coordinates.
Value putDiagonalFn(Checker &c, NxCall &call) {
  int x, d;
  if (!c.expectTensor(call.args[0], "argument of `Nx.put_diagonal`", x) ||
      !c.expectTensor(call.args[1], "diagonal of `Nx.put_diagonal`", d))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x), dt = em.type(d);
  if (t.shape.size() != 2) {
    c.diagnose(call.args[0].loc, DiagKind::RankNeeded, call.name,
               "a tensor of rank 2", toString(t));
    c.noteShape(call.args[0]);
    return {};
  }
  if (dt.shape.size() != 1) {
    c.diagnose(call.args[1].loc, DiagKind::RankNeeded, call.name,
               "a diagonal of rank 1", toString(dt));
    c.noteShape(call.args[1]);
    return {};
  }
  if (!t.shape[0].isStatic() || !t.shape[1].isStatic()) {
    c.diagnose(call.args[0].loc, DiagKind::DiagonalShape, call.name,
               toString(t));
    return {};
  }
  int64_t k = 0;
  const Expr *oe = findOption(call, "offset");
  if (oe && !c.optionInt(*oe, "`offset`", k))
    return {};
  int64_t rows = t.shape[0].size, cols = t.shape[1].size;
  if ((k >= 0 && k >= cols) || (k < 0 && -k >= rows)) {
    c.diagnose(oe ? oe->loc : call.loc, DiagKind::DiagonalOffset, k,
               toString(t));
    return {};
  }
  int64_t len = k >= 0 ? std::min(rows, cols - k) : std::min(rows + k, cols);
  if (dt.shape[0] != Dim{len, ""}) {
    c.diagnose(call.args[1].loc, DiagKind::PutDiagonalLength,
               toString(dt.shape[0]), k, toString(t), len);
    c.noteShape(call.args[1]);
    return {};
  }
  std::vector<int64_t> idx;
  for (int64_t i = 0; i < len; ++i) {
    idx.push_back(k >= 0 ? i : i - k);
    idx.push_back(k >= 0 ? i + k : i);
  }
  int ic = s64Constant(em, idx, {Dim{len, ""}, Dim{2, ""}}, call.loc);
  DType mt = mergeTypes(t.dtype, dt.dtype);
  x = em.convert(x, mt, call.loc);
  d = em.convert(d, mt, call.loc);
  int s = em.prim("scatter", {x, ic, d}, em.type(x), call.loc);
  em.setArray(s, "axes", {0, 1});
  em.setString(s, "mode", "put");
  return c.tensor(s, call.loc);
}

/// Nx.weighted_mean: weights of another shape need `axes:` and one dim per
/// aggregated axis; Nx reshapes them to the tensor's rank (leading 1s) and
/// swaps the first aggregated axis with the last before broadcasting.
Value weightedMeanFn(Checker &c, NxCall &call) {
  int x, w;
  if (!c.expectTensor(call.args[0], "argument of `Nx.weighted_mean`", x) ||
      !c.expectTensor(call.args[1], "weights of `Nx.weighted_mean`", w))
    return {};
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  TensorType t = em.type(x), wt = em.type(w);
  size_t rank = t.shape.size();
  std::vector<int64_t> axes;
  const Expr *ae = findOption(call, "axes");
  bool has = ae && ae->kind != Expr::Kind::Nil;
  if (has && (!c.optionIntList(*ae, "`axes`", axes) ||
              !c.normalizeAxes(axes, rank, ae->loc, "`" + call.name + "`",
                               /*sort=*/false)))
    return {};
  bool keep = false;
  if (const Expr *e = findOption(call, "keep_axes"))
    if (!c.optionBool(*e, "`keep_axes`", keep))
      return {};
  if (t.shape != wt.shape) {
    if (!has) {
      c.diagnose(call.args[1].loc, DiagKind::WeightsNeedAxes,
                 toString(wt), toString(t));
      c.noteShape(call.args[1]);
      return {};
    }
    if (wt.shape.size() != axes.size()) {
      c.diagnose(call.args[1].loc, DiagKind::WeightsRank, toString(wt),
                 axes.size());
      c.noteShape(call.args[1]);
      return {};
    }
    std::vector<Dim> rs(rank - axes.size(), Dim{1, ""});
    rs.insert(rs.end(), wt.shape.begin(), wt.shape.end());
    w = em.reshape(w, rs, loc);
    std::vector<int64_t> perm = allAxes(rank);
    std::swap(perm[axes[0]], perm[rank - 1]);
    w = transposeTo(em, w, perm, loc);
  }
  if (!has)
    axes = allAxes(rank);
  Value prod = c.binary("multiply", c.tensor(x, call.args[0].loc),
                        c.tensor(w, call.args[1].loc), call.args[1].loc,
                        "`Nx.weighted_mean`");
  if (prod.isInvalid())
    return {};
  if (em.type(prod.node).shape.size() != rank) {
    c.diagnose(call.args[1].loc, DiagKind::WeightsRank,
               toString(em.type(w)), axes.size());
    return {};
  }
  Value num = c.tensor(sumAxes(em, prod.node, axes, keep, loc), loc);
  Value den = c.tensor(sumAxes(em, w, axes, keep, loc), loc);
  return c.binary("divide", num, den, loc, "`Nx.weighted_mean`");
}

/// Nx.mean(t, axes: [-2]) (a float result; run-time n read with dim_size).
Value meanOfRows(Checker &c, int x, SourceLoc loc) {
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  int64_t a = static_cast<int64_t>(t.shape.size()) - 2;
  int xf = em.convert(x, toFloating(t.dtype), loc);
  int s = reduceAxes(em, "reduce_sum", xf, {a}, false, loc);
  if (t.shape[a].isStatic())
    return c.binary("divide", c.tensor(s, loc),
                    Value::intNumber(t.shape[a].size, loc),
                    loc, "`Nx.covariance`");
  int ds = em.prim("dim_size", {xf}, {DType::S64, {}}, loc);
  em.setInt(ds, "dim", a);
  ds = em.convert(ds, em.type(xf).dtype, loc);
  return c.binary("divide", c.tensor(s, loc), c.tensor(ds, loc), loc,
                  "`Nx.covariance`");
}

/// Nx.covariance(t, mean \\ Nx.mean(t, axes: [-2]), ddof: 0): t of rank 2 or
/// more ([..., n, d]), mean [..., d]; dot((t - mean), (t - mean)) over the
/// n axis, batched over the leading axes, divided by n - ddof.
Value covarianceFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.covariance`", x))
    return {};
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  if (rank < 2) {
    c.diagnose(call.args[0].loc, DiagKind::RankNeeded, call.name,
               "a tensor of rank 2 or more", toString(t));
    c.noteShape(call.args[0]);
    return {};
  }
  int64_t ddof = 0;
  if (const Expr *e = findOption(call, "ddof")) {
    if (!c.optionInt(*e, "`ddof`", ddof))
      return {};
    if (ddof < 0) {
      c.diagnose(e->loc, DiagKind::DdofNegative, ddof);
      return {};
    }
  }
  Value mean;
  if (call.args.size() > 1) {
    int m;
    if (!c.expectTensor(call.args[1], "mean of `Nx.covariance`", m))
      return {};
    TensorType mt = em.type(m);
    if (mt.shape.empty()) {
      c.diagnose(call.args[1].loc, DiagKind::RankNeeded, call.name,
                 "a mean of rank 1 or more", toString(mt));
      c.noteShape(call.args[1]);
      return {};
    }
    mean = c.tensor(m, call.args[1].loc);
  } else {
    mean = meanOfRows(c, x, loc);
  }
  // new_axis(mean, -2)
  std::vector<Dim> ms = em.type(mean.node).shape;
  ms.insert(ms.end() - 1, Dim{1, ""});
  mean = c.tensor(em.reshape(mean.node, ms, mean.loc), mean.loc);
  Value d = c.binary("subtract", c.tensor(x, call.args[0].loc), mean,
                     call.args.size() > 1 ? call.args[1].loc : loc,
                     "`Nx.covariance`");
  if (d.isInvalid())
    return {};
  TensorType dt = em.type(d.node);
  int64_t r = static_cast<int64_t>(dt.shape.size());
  std::vector<int64_t> batch;
  TensorType ot = dt;
  ot.shape.clear();
  for (int64_t i = 0; i + 2 < r; ++i) {
    batch.push_back(i);
    ot.shape.push_back(dt.shape[i]);
  }
  ot.shape.push_back(dt.shape[r - 1]);
  ot.shape.push_back(dt.shape[r - 1]);
  int dot = em.prim("dot", {d.node, d.node}, ot, loc);
  em.setArray(dot, "lhs_contracting_dims", {r - 2});
  em.setArray(dot, "rhs_contracting_dims", {r - 2});
  em.setArray(dot, "lhs_batch_dims", batch);
  em.setArray(dot, "rhs_batch_dims", batch);
  const Dim &n = dt.shape[r - 2];
  Value den;
  if (n.isStatic()) {
    den = Value::intNumber(n.size - ddof, loc);
  } else {
    int ds = em.prim("dim_size", {d.node}, {DType::S64, {}}, loc);
    em.setInt(ds, "dim", r - 2);
    if (ddof != 0)
      ds = em.prim("subtract",
                   {ds, em.constantInts({DType::S64, {}}, {ddof}, loc)},
                   {DType::S64, {}}, loc);
    den = c.tensor(em.convert(ds, toFloating(dt.dtype), loc), loc);
  }
  return c.binary("divide", c.tensor(dot, loc), den, loc, "`Nx.covariance`");
}

} // namespace

void registerStats(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx", "median", 1, 1, {"axis", "keep_axis"}, medianFn});
  t.push_back({"Nx", "mode", 1, 1, {"axis", "keep_axis"}, modeFn});
  t.push_back({"Nx", "put_diagonal", 2, 2, {"offset"}, putDiagonalFn});
  t.push_back({"Nx", "weighted_mean", 2, 2, {"axes", "keep_axes"},
               weightedMeanFn});
  t.push_back({"Nx", "covariance", 1, 2, {"ddof"}, covarianceFn});
}

} // namespace nxc
