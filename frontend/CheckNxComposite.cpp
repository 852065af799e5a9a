//===- CheckNxComposite.cpp - Composite functions of existing prims --------===//
//
// This file implements Nx functions that expand into several primitive ops:
// outer (inputs flattened, as current Nx does: always rank 2), linspace
// (number bounds, folded to a constant), logsumexp (max-shifted; an infinite
// max shifts by 0 as Nx does), variance/standard_deviation (`axes:`, `ddof:`,
// `keep_axes:`), quotient (integer-only truncating division) and tile
// (a broadcast to interleaved repeat axes, then a reshape), take_diagonal
// (a gather at constant indices) and make_diagonal (pad, broadcast, select).
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"
#include "frontend/ReduceOptions.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nxc {
namespace {

int reduce(Checker &c, const std::string &op, int x,
           const std::vector<int64_t> &axes, bool keep, SourceLoc loc) {
  Emitter &em = c.emit();
  const TensorType &in = em.type(x);
  TensorType rt{in.dtype, reducedShape(in.shape, axes, keep)};
  int id = em.prim(op, {x}, rt, loc);
  em.setArray(id, "axes", axes);
  em.setBool(id, "keep_axes", keep);
  return id;
}

/// The element count of `axes` of `x` minus `minus`, as a 0-d tensor of
/// `ft` (static dims folded, dynamic ones read with dim_size).
int countOf(Checker &c, int x, const std::vector<int64_t> &axes,
            int64_t minus, DType ft, SourceLoc loc) {
  Emitter &em = c.emit();
  TensorType in = em.type(x);
  int64_t staticCount = 1;
  int count = -1;
  TensorType s64;
  s64.dtype = DType::S64;
  for (int64_t a : axes) {
    const Dim &d = in.shape[a];
    if (d.isStatic()) {
      staticCount *= d.size;
      continue;
    }
    int ds = em.prim("dim_size", {x}, s64, loc);
    em.setInt(ds, "dim", a);
    count = count < 0 ? ds : em.prim("multiply", {count, ds}, s64, loc);
  }
  TensorType scalar;
  scalar.dtype = ft;
  if (count < 0)
    return em.splat(scalar, static_cast<double>(staticCount - minus), loc);
  if (staticCount != 1)
    count = em.prim("multiply",
                    {count, em.constantInts(s64, {staticCount}, loc)}, s64,
                    loc);
  if (minus != 0)
    count = em.prim("subtract",
                    {count, em.constantInts(s64, {minus}, loc)}, s64, loc);
  return em.convert(count, ft, loc);
}

int binop(Emitter &em, const char *op, int a, int b, SourceLoc loc) {
  TensorType t = em.type(a);
  b = em.broadcastTo(b, t.shape, loc);
  return em.prim(op, {a, b}, t, loc);
}

Value logsumexpFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.logsumexp`", x))
    return {};
  Emitter &em = c.emit();
  ReduceOpts o;
  if (!readReduceOpts(c, call, em.type(x).shape.size(), o))
    return {};
  SourceLoc loc = call.loc;
  x = em.convert(x, toFloating(em.type(x).dtype), loc);
  TensorType st;
  st.dtype = em.type(x).dtype;
  int mx = reduce(c, "reduce_max", x, o.axes, true, loc);
  // Nx: an infinite max (all -inf, or some +inf) shifts by 0.
  TensorType mxT0 = em.type(mx);
  int ab = em.prim("abs", {mx}, mxT0, loc);
  std::vector<Dim> ms = em.type(mx).shape;
  int inf = em.splat(st, std::numeric_limits<double>::infinity(), loc);
  inf = em.broadcastTo(inf, ms, loc);
  TensorType mt = em.type(mx);
  mt.dtype = DType::U8;
  int mask = em.prim("equal", {ab, inf}, mt, loc);
  TensorType mxT = em.type(mx);
  int zero = em.broadcastTo(em.splat(st, 0.0, loc), ms, loc);
  mx = em.prim("select", {mask, zero, mx}, mxT, loc);
  int sub = binop(em, "subtract", x, mx, loc);
  int e = em.prim("exp", {sub}, em.type(x), loc);
  int s = reduce(c, "reduce_sum", e, o.axes, o.keep, loc);
  TensorType sT = em.type(s);
  int l = em.prim("log", {s}, sT, loc);
  TensorType lt = em.type(l);
  int m = em.reshape(mx, lt.shape, loc);
  return c.tensor(em.prim("add", {l, m}, lt, loc), loc);
}

int varianceNode(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return -1;
  Emitter &em = c.emit();
  ReduceOpts o;
  if (!readReduceOpts(c, call, em.type(x).shape.size(), o))
    return -1;
  SourceLoc loc = call.loc;
  DType ft = toFloating(em.type(x).dtype);
  x = em.convert(x, ft, loc);
  int sum = reduce(c, "reduce_sum", x, o.axes, true, loc);
  int cnt = countOf(c, x, o.axes, 0, ft, loc);
  TensorType sumT = em.type(sum);
  cnt = em.broadcastTo(cnt, sumT.shape, loc);
  int mean = em.prim("divide", {sum, cnt}, sumT, loc);
  int d = binop(em, "subtract", x, mean, loc);
  TensorType dT = em.type(d);
  int sq = em.prim("multiply", {d, d}, dT, loc);
  int s = reduce(c, "reduce_sum", sq, o.axes, o.keep, loc);
  return binop(em, "divide", s, countOf(c, x, o.axes, o.ddof, ft, loc), loc);
}

Value varianceFn(Checker &c, NxCall &call) {
  int v = varianceNode(c, call);
  return v < 0 ? Value{} : c.tensor(v, call.loc);
}

Value stdFn(Checker &c, NxCall &call) {
  int v = varianceNode(c, call);
  if (v < 0)
    return {};
  Emitter &em = c.emit();
  TensorType vT = em.type(v);
  return c.tensor(em.prim("sqrt", {v}, vT, call.loc), call.loc);
}

/// The single dim of a flattened shape (as Nx.flatten does).
Dim flatDim(Checker &c, const std::vector<Dim> &shape) {
  bool allStatic;
  int64_t n = numElements(shape, allStatic);
  if (allStatic)
    return Dim{n, ""};
  int dyn = 0;
  Dim flat;
  for (const Dim &d : shape)
    if (!d.isStatic()) {
      ++dyn;
      flat = d;
    }
  return dyn == 1 && n == 1 ? flat : c.freshDim();
}

Value outerFn(Checker &c, NxCall &call) {
  Emitter &em = c.emit();
  Value a = call.args[0], b = call.args[1];
  // Numbers stay weakly typed; tensors are flattened into a column / row.
  for (int i = 0; i < 2; ++i) {
    Value &v = i == 0 ? a : b;
    if (v.kind == Value::Kind::Number)
      continue;
    int x;
    if (!c.expectTensor(v, "argument of `Nx.outer`", x))
      return {};
    Dim f = flatDim(c, em.type(x).shape);
    std::vector<Dim> s = i == 0 ? std::vector<Dim>{f, Dim{1, ""}}
                                : std::vector<Dim>{Dim{1, ""}, f};
    v = c.tensor(em.reshape(x, s, v.loc), v.loc);
  }
  Value r = c.binary("multiply", a, b, call.loc, "`Nx.outer`");
  if (r.isInvalid())
    return r;
  if (em.type(r.node).shape.size() != 2)
    r = c.tensor(em.reshape(r.node, {Dim{1, ""}, Dim{1, ""}}, call.loc),
                 call.loc);
  return r;
}

Value linspaceFn(Checker &c, NxCall &call) {
  for (const Value &v : call.args)
    if (v.kind != Value::Kind::Number) {
      if (!v.isInvalid())
        c.diagnose(v.loc, DiagKind::LinspaceBounds);
      return {};
    }
  const Expr *ne = findOption(call, "n");
  int64_t n = 0;
  if (ne && !c.optionInt(*ne, "`n`", n))
    return {};
  if (!ne || n < 1) {
    c.diagnose(ne ? ne->loc : call.loc, DiagKind::LinspaceCount,
               ne ? std::to_string(n) : std::string("none"));
    return {};
  }
  bool endpoint = true;
  if (const Expr *e = findOption(call, "endpoint"))
    if (!c.optionBool(*e, "`endpoint`", endpoint))
      return {};
  DType dt = DType::F32;
  if (const Expr *e = findOption(call, "type"))
    if (!c.optionDType(*e, "`type`", dt))
      return {};
  double start = call.args[0].number(), stop = call.args[1].number();
  double div = static_cast<double>(endpoint ? n - 1 : n);
  double step = div == 0 ? 0 : (stop - start) / div;
  TensorType t;
  t.dtype = dt;
  t.shape = {Dim{n, ""}};
  std::vector<double> fs;
  std::vector<int64_t> is;
  for (int64_t i = 0; i < n; ++i) {
    double v = start + static_cast<double>(i) * step;
    fs.push_back(v);
    is.push_back(static_cast<int64_t>(std::trunc(v)));
  }
  if (dt == DType::Pred)
    for (int64_t &v : is)
      v = v != 0;
  int id = isFloat(dt) ? c.emit().constantFloats(t, fs, call.loc)
                       : c.emit().constantInts(t, is, call.loc);
  return c.tensor(id, call.loc);
}

bool integerOperand(Checker &c, const NxCall &call, const Value &v) {
  if (v.kind == Value::Kind::Number && v.isFloatNumber) {
    c.diagnose(v.loc, DiagKind::BitwiseNotInteger, call.name, "a float number");
    return false;
  }
  if (v.kind == Value::Kind::Tensor && isFloat(c.typeOf(v).dtype)) {
    c.diagnose(v.loc, DiagKind::BitwiseNotInteger, call.name,
               std::string("a tensor of type ") + dtypeName(c.typeOf(v).dtype));
    return false;
  }
  return true;
}

Value quotientFn(Checker &c, NxCall &call) {
  if (!integerOperand(c, call, call.args[0]) ||
      !integerOperand(c, call, call.args[1]))
    return {};
  // Same typing and broadcasting as the other integer binary ops; the
  // integer `nx.divide` truncates.
  return c.binary("quotient", call.args[0], call.args[1], call.loc,
                  "`Nx.quotient`");
}

Value tileFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.tile`", x))
    return {};
  const Value &rv = call.args[1];
  std::vector<int64_t> reps;
  if (rv.kind != Value::Kind::Static || !rv.expr) {
    c.diagnose(rv.loc, DiagKind::OptionNotIntList, "the repetitions of `Nx.tile`");
    return {};
  }
  if (!c.optionIntList(*rv.expr, "the repetitions of `Nx.tile`", reps))
    return {};
  for (int64_t r : reps)
    if (r < 0) {
      c.diagnose(rv.loc, DiagKind::ShapeNotSizes,
                 "the repetitions of `Nx.tile`");
      return {};
    }
  Emitter &em = c.emit();
  std::vector<Dim> shape = em.type(x).shape;
  while (shape.size() < reps.size())
    shape.insert(shape.begin(), Dim{1, ""});
  while (reps.size() < shape.size())
    reps.insert(reps.begin(), 1);
  x = em.reshape(x, shape, call.loc);
  std::vector<Dim> wide, out;
  std::vector<int64_t> dims;
  for (size_t i = 0; i < shape.size(); ++i) {
    wide.push_back(Dim{reps[i], ""});
    dims.push_back(static_cast<int64_t>(2 * i + 1));
    wide.push_back(shape[i]);
    if (reps[i] == 1)
      out.push_back(shape[i]);
    else if (shape[i].isStatic())
      out.push_back(Dim{reps[i] * shape[i].size, ""});
    else
      out.push_back(reps[i] == 0 ? Dim{0, ""} : c.freshDim());
  }
  TensorType bt = em.type(x);
  bt.shape = wide;
  int b = em.prim("broadcast_in_dim", {x}, bt, call.loc);
  em.setArray(b, "dims", dims);
  return c.tensor(em.reshape(b, out, call.loc), call.loc);
}

int64_t offsetOption(Checker &c, const NxCall &call, bool &ok) {
  int64_t k = 0;
  ok = true;
  if (const Expr *e = findOption(call, "offset"))
    ok = c.optionInt(*e, "`offset`", k);
  return k;
}

/// Nx.take_diagonal: a gather of the last two axes at constant indices.
Value takeDiagonalFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.take_diagonal`", x))
    return {};
  bool ok;
  int64_t k = offsetOption(c, call, ok);
  if (!ok)
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  if (rank < 2) {
    c.diagnose(call.args[0].loc, DiagKind::TriRank, call.name, rank);
    return {};
  }
  const Dim &rd = t.shape[rank - 2], &cd = t.shape[rank - 1];
  if (!rd.isStatic() || !cd.isStatic()) {
    c.diagnose(call.args[0].loc, DiagKind::DiagonalShape, call.name,
               toString(t));
    return {};
  }
  int64_t len = k >= 0 ? std::min(rd.size, cd.size - k)
                       : std::min(rd.size + k, cd.size);
  if (len <= 0 || (k >= 0 && k >= cd.size) || (k < 0 && -k >= rd.size)) {
    const Expr *e = findOption(call, "offset");
    c.diagnose(e ? e->loc : call.loc, DiagKind::DiagonalOffset, k,
               toString(t));
    return {};
  }
  std::vector<int64_t> idx;
  for (int64_t i = 0; i < len; ++i) {
    int64_t r = k >= 0 ? i : i - k, col = k >= 0 ? i + k : i;
    idx.push_back(r);
    idx.push_back(col);
  }
  int ic = s64Constant(em, idx, {Dim{len, ""}, Dim{2, ""}}, call.loc);
  TensorType gt = t;
  gt.shape = {Dim{len, ""}};
  for (size_t i = 0; i + 2 < rank; ++i)
    gt.shape.push_back(t.shape[i]);
  int g = em.prim("gather", {x, ic}, gt, call.loc);
  em.setArray(g, "axes",
              {static_cast<int64_t>(rank - 2), static_cast<int64_t>(rank - 1)});
  std::vector<int64_t> perm;
  for (size_t i = 1; i + 1 < rank; ++i)
    perm.push_back(static_cast<int64_t>(i));
  perm.push_back(0);
  return c.tensor(transposeTo(em, g, perm, call.loc), call.loc);
}

/// Nx.make_diagonal: the last axis padded by |offset|, broadcast along the
/// rows (offset >= 0) or the columns, and selected where col - row = offset.
Value makeDiagonalFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.make_diagonal`", x))
    return {};
  bool ok;
  int64_t k = offsetOption(c, call, ok);
  if (!ok)
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  if (rank < 1) {
    c.diagnose(call.args[0].loc, DiagKind::MakeDiagonalRank);
    return {};
  }
  SourceLoc loc = call.loc;
  int64_t a = k < 0 ? -k : k;
  const Dim &n = t.shape[rank - 1];
  Dim m = a == 0 ? n : n.isStatic() ? Dim{n.size + a, ""} : c.freshDim();
  TensorType st;
  st.dtype = t.dtype;
  int p = x;
  if (a != 0) {
    int zero = em.splat(st, 0.0, loc);
    TensorType pt = t;
    pt.shape[rank - 1] = m;
    p = em.prim("pad", {x, zero}, pt, loc);
    std::vector<int64_t> lo(rank, 0), hi(rank, 0), in(rank, 0);
    hi[rank - 1] = a;
    em.setArray(p, "low", lo);
    em.setArray(p, "high", hi);
    em.setArray(p, "interior", in);
  }
  std::vector<Dim> out(t.shape.begin(), t.shape.end() - 1);
  out.push_back(m);
  out.push_back(m);
  std::vector<int64_t> dims;
  for (size_t i = 0; i + 1 < rank; ++i)
    dims.push_back(static_cast<int64_t>(i));
  dims.push_back(static_cast<int64_t>(k >= 0 ? rank - 1 : rank));
  TensorType bt = t;
  bt.shape = out;
  int b = em.prim("broadcast_in_dim", {p}, bt, loc);
  em.setArray(b, "dims", dims);
  TensorType it;
  it.dtype = DType::S64;
  it.shape = out;
  int rows = em.prim("iota", {}, it, loc);
  em.setInt(rows, "axis", static_cast<int64_t>(rank - 1));
  int cols = em.prim("iota", {}, it, loc);
  em.setInt(cols, "axis", static_cast<int64_t>(rank));
  int d = em.prim("subtract", {cols, rows}, it, loc);
  TensorType s64;
  s64.dtype = DType::S64;
  int kc = em.broadcastTo(em.constantInts(s64, {k}, loc), out, loc);
  TensorType mt = it;
  mt.dtype = DType::U8;
  int mask = em.prim("equal", {d, kc}, mt, loc);
  int z = em.broadcastTo(em.splat(st, 0.0, loc), out, loc);
  return c.tensor(em.prim("select", {mask, b, z}, bt, loc), loc);
}

} // namespace

void registerComposite(std::vector<NxFunctionInfo> &t) {
  std::vector<const char *> vo = {"axes", "ddof", "keep_axes"};
  t.push_back({"Nx", "logsumexp", 1, 1, {"axes", "keep_axes"}, logsumexpFn});
  t.push_back({"Nx", "variance", 1, 1, vo, varianceFn});
  t.push_back({"Nx", "standard_deviation", 1, 1, vo, stdFn});
  t.push_back({"Nx", "outer", 2, 2, {}, outerFn});
  t.push_back({"Nx", "linspace", 2, 2, {"n", "endpoint", "type"}, linspaceFn});
  t.push_back({"Nx", "quotient", 2, 2, {}, quotientFn});
  t.push_back({"Nx", "tile", 2, 2, {}, tileFn});
  t.push_back({"Nx", "take_diagonal", 1, 1, {"offset"}, takeDiagonalFn});
  t.push_back({"Nx", "make_diagonal", 1, 1, {"offset"}, makeDiagonalFn});
}

} // namespace nxc
