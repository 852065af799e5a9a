//===- CheckNxIndexing.cpp - Slicing, joining, padding and indexing --------===//
//
// This file implements Nx.slice (static starts become `nx.slice`, tensor
// starts `nx.dynamic_slice`), slice_along_axis, put_slice, concatenate,
// stack, pad, reverse, take, take_along_axis, gather, indexed_add,
// indexed_put (`nx.scatter`), split and diff,
// desugared into the dialect's indexing ops (docs/dialect.md,
// "Issue 4 ops"). Sorting and scans are in CheckNxSort.cpp.
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nxc {

const Expr *findOption(const NxCall &call, const char *name) {
  if (!call.options)
    return nullptr;
  for (size_t i = 0; i < call.options->keys.size(); ++i)
    if (call.options->keys[i] == name)
      return call.options->elems[i].get();
  return nullptr;
}

bool axisOption(Checker &c, const NxCall &call, size_t rank, int64_t &axis) {
  const Expr *e = findOption(call, "axis");
  SourceLoc loc = e ? e->loc : call.loc;
  if (e && !c.optionInt(*e, "`axis`", axis))
    return false;
  return c.normalizeAxis(axis, rank, loc, "`" + call.name + "`");
}

int s64Constant(Emitter &em, std::vector<int64_t> v, std::vector<Dim> shape,
                SourceLoc loc) {
  return em.constantInts({DType::S64, std::move(shape)}, std::move(v), loc);
}

int transposeTo(Emitter &em, int x, const std::vector<int64_t> &perm,
                SourceLoc loc) {
  bool identity = true;
  for (size_t i = 0; i < perm.size(); ++i)
    identity &= perm[i] == static_cast<int64_t>(i);
  if (identity)
    return x;
  TensorType t = em.type(x);
  TensorType rt = t;
  for (size_t i = 0; i < perm.size(); ++i)
    rt.shape[i] = t.shape[perm[i]];
  int id = em.prim("transpose", {x}, rt, loc);
  em.setArray(id, "permutation", perm);
  return id;
}

int sliceAlongAxis(Checker &c, int x, int64_t axis, int64_t start,
                   int64_t len, int64_t stride, SourceLoc loc) {
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  const Dim &d = t.shape[axis];
  if (d.isStatic())
    start = std::max<int64_t>(0, std::min(start, d.size - len));
  int64_t out = (len + stride - 1) / stride;
  bool othersStatic = true;
  for (size_t i = 0; i < rank; ++i)
    othersStatic &= i == static_cast<size_t>(axis) || t.shape[i].isStatic();
  if (othersStatic) {
    std::vector<int64_t> starts(rank, 0), limits, strides(rank, 1);
    for (const Dim &s : t.shape)
      limits.push_back(s.size);
    starts[axis] = start;
    limits[axis] = start + len;
    if (!d.isStatic() && stride > 1) {
      // Clamp the start on the run-time dim as Nx does (by `len`), then
      // take the strided elements of the static result.
      x = sliceAlongAxis(c, x, axis, start, len, 1, loc);
      return sliceAlongAxis(c, x, axis, 0, len, stride, loc);
    }
    strides[axis] = stride;
    TensorType rt = t;
    rt.shape[axis] = Dim{out, ""};
    int id = em.prim("slice", {x}, rt, loc);
    em.setArray(id, "start_indices", starts);
    em.setArray(id, "limit_indices", limits);
    em.setArray(id, "strides", strides);
    return id;
  }
  // Other dims are run-time sizes, which `nx.slice` cannot span: gather the
  // positions start, start + stride, ... along `axis` and move them back.
  std::vector<int64_t> pos;
  for (int64_t k = 0; k < out; ++k)
    pos.push_back(start + k * stride);
  int idx = s64Constant(em, pos, {Dim{out, ""}, Dim{1, ""}}, loc);
  TensorType gt = t;
  gt.shape.erase(gt.shape.begin() + axis);
  gt.shape.insert(gt.shape.begin(), Dim{out, ""});
  int g = em.prim("gather", {x, idx}, gt, loc);
  em.setArray(g, "axes", {axis});
  std::vector<int64_t> perm;
  for (size_t i = 0; i < rank; ++i)
    perm.push_back(i < static_cast<size_t>(axis) ? i + 1
                   : i == static_cast<size_t>(axis) ? 0
                                                    : i);
  return transposeTo(em, g, perm, loc);
}

namespace {

/// The checked elements of a list literal argument such as `[a, b]`.
bool listArg(Checker &c, const Value &v, const std::string &what,
             std::vector<Value> &out) {
  if (v.kind != Value::Kind::Static || !v.expr ||
      v.expr->kind != Expr::Kind::List) {
    c.diagnose(v.loc, DiagKind::ExpectedList, what);
    return false;
  }
  for (const ExprPtr &e : v.expr->elems) {
    Value x = c.checkExpr(*e);
    if (x.isInvalid())
      return false;
    out.push_back(x);
  }
  return true;
}

bool countMatches(Checker &c, SourceLoc loc, const std::string &what,
                  const std::string &fn, size_t got, size_t rank) {
  if (got == rank)
    return true;
  c.diagnose(loc, DiagKind::IndexListLength, what, fn, got, rank);
  return false;
}

/// A start index: an integer literal (`isStatic`) or a 0-d integer tensor.
bool startIndex(Checker &c, const Value &v, const std::string &fn,
                bool &isStatic, int64_t &value, int &node) {
  if (v.kind == Value::Kind::Number && !v.isFloatNumber) {
    isStatic = true;
    value = v.intValue;
    return true;
  }
  if (v.kind == Value::Kind::Tensor) {
    const TensorType &t = c.typeOf(v);
    if (t.shape.empty() && (isInteger(t.dtype) || t.dtype == DType::Pred)) {
      isStatic = false;
      node = v.node;
      return true;
    }
  }
  std::string seen = v.kind == Value::Kind::Tensor
                         ? "a tensor of type " + toString(c.typeOf(v))
                         : std::string("something else");
  c.diagnose(v.loc, DiagKind::StartIndexNotIndex, fn, seen);
  return false;
}

/// The strides option: one integer for all axes or a list.
bool readStrides(Checker &c, const NxCall &call, size_t rank,
                 std::vector<int64_t> &strides) {
  strides.assign(rank, 1);
  const Expr *e = findOption(call, "strides");
  if (!e)
    return true;
  if (e->kind != Expr::Kind::List) {
    int64_t s;
    if (!c.optionInt(*e, "`strides`", s))
      return false;
    strides.assign(rank, s);
  } else {
    strides.clear();
    if (!c.optionIntList(*e, "`strides`", strides) ||
        !countMatches(c, e->loc, "`strides`", call.name, strides.size(),
                      rank))
      return false;
  }
  for (size_t i = 0; i < rank; ++i)
    if (strides[i] < 1) {
      c.diagnose(e->loc, DiagKind::SliceStride, strides[i], i, call.name);
      return false;
    }
  return true;
}

Value sliceFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.slice`", x))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  std::vector<Value> starts;
  if (!listArg(c, call.args[1], "the start indices of `Nx.slice`", starts) ||
      !countMatches(c, call.args[1].loc, "the start indices", call.name,
                    starts.size(), rank))
    return {};
  const Value &lv = call.args[2];
  std::vector<int64_t> lens;
  if (lv.kind != Value::Kind::Static || !lv.expr) {
    c.diagnose(lv.loc, DiagKind::OptionNotIntList, "the lengths of `Nx.slice`");
    return {};
  }
  if (!c.optionIntList(*lv.expr, "the lengths of `Nx.slice`", lens) ||
      !countMatches(c, lv.loc, "the lengths", call.name, lens.size(), rank))
    return {};
  std::vector<int64_t> strides;
  if (!readStrides(c, call, rank, strides))
    return {};
  std::vector<int64_t> sv(rank, 0);
  std::vector<int> sn(rank, -1);
  bool allStatic = true;
  for (size_t i = 0; i < rank; ++i) {
    const Dim &d = t.shape[i];
    if (lens[i] < 1 || (d.isStatic() && lens[i] > d.size)) {
      c.diagnose(lv.loc, DiagKind::SliceLength, lens[i], i, call.name,
                 toString(d));
      c.noteShape(call.args[0]);
      return {};
    }
    bool st;
    if (!startIndex(c, starts[i], call.name, st, sv[i], sn[i]))
      return {};
    if (st && sv[i] < 0) {
      c.diagnose(starts[i].loc, DiagKind::SliceStartNegative, sv[i], i,
                 call.name);
      return {};
    }
    allStatic &= st;
  }
  if (rank == 0)
    return c.tensor(x, call.loc);
  if (allStatic) {
    // One `nx.slice`; a strided run-time dim is first cut to `len` (so that
    // its start is clamped by `len`, as in Nx) and strided by a second one.
    std::vector<int64_t> limits(rank), st1 = strides, st2(rank, 1);
    TensorType rt = t;
    bool second = false;
    for (size_t i = 0; i < rank; ++i) {
      const Dim &d = t.shape[i];
      if (d.isStatic())
        sv[i] = std::min(sv[i], d.size - lens[i]);
      limits[i] = sv[i] + lens[i];
      if (!d.isStatic() && strides[i] > 1) {
        std::swap(st1[i], st2[i]);
        second = true;
      }
      rt.shape[i] = Dim{(lens[i] + st1[i] - 1) / st1[i], ""};
    }
    int id = em.prim("slice", {x}, rt, call.loc);
    em.setArray(id, "start_indices", sv);
    em.setArray(id, "limit_indices", limits);
    em.setArray(id, "strides", st1);
    for (size_t i = 0; second && i < rank; ++i)
      if (st2[i] > 1)
        id = sliceAlongAxis(c, id, i, 0, lens[i], st2[i], call.loc);
    return c.tensor(id, call.loc);
  }
  std::vector<int> ops = {x};
  for (size_t i = 0; i < rank; ++i)
    ops.push_back(sn[i] >= 0 ? sn[i] : s64Constant(em, {sv[i]}, {}, call.loc));
  TensorType rt = t;
  for (size_t i = 0; i < rank; ++i)
    rt.shape[i] = Dim{lens[i], ""};
  int id = em.prim("dynamic_slice", ops, rt, call.loc);
  em.setArray(id, "slice_sizes", lens);
  for (size_t i = 0; i < rank; ++i)
    if (strides[i] > 1)
      id = sliceAlongAxis(c, id, i, 0, lens[i], strides[i], call.loc);
  return c.tensor(id, call.loc);
}

Value sliceAlongAxisFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.slice_along_axis`", x))
    return {};
  TensorType t = c.emit().type(x);
  int64_t axis = 0;
  if (!axisOption(c, call, t.shape.size(), axis))
    return {};
  const Value &lv = call.args[2];
  if (lv.kind != Value::Kind::Number || lv.isFloatNumber) {
    c.diagnose(lv.loc, DiagKind::OptionNotInt,
               "the length of `Nx.slice_along_axis`");
    return {};
  }
  int64_t len = lv.intValue;
  const Dim &d = t.shape[axis];
  if (len < 1 || (d.isStatic() && len > d.size)) {
    c.diagnose(lv.loc, DiagKind::SliceLength, len, axis, call.name,
               toString(d));
    c.noteShape(call.args[0]);
    return {};
  }
  int64_t stride = 1;
  if (const Expr *e = findOption(call, "strides")) {
    if (!c.optionInt(*e, "`strides`", stride))
      return {};
    if (stride < 1) {
      c.diagnose(e->loc, DiagKind::SliceStride, stride, axis, call.name);
      return {};
    }
  }
  bool st;
  int64_t sv = 0;
  int sn = -1;
  if (!startIndex(c, call.args[1], call.name, st, sv, sn))
    return {};
  if (st && sv < 0) {
    c.diagnose(call.args[1].loc, DiagKind::SliceStartNegative, sv, axis,
               call.name);
    return {};
  }
  if (st)
    return c.tensor(sliceAlongAxis(c, x, axis, sv, len, stride, call.loc),
                    call.loc);
  // A tensor start: a dynamic slice over the whole of the other dims.
  Emitter &em = c.emit();
  std::vector<int64_t> sizes;
  for (size_t i = 0; i < t.shape.size(); ++i) {
    if (i != static_cast<size_t>(axis) && !t.shape[i].isStatic()) {
      c.diagnose(call.args[1].loc, DiagKind::DynamicStartDynamicDim,
                 call.name, shapeToString(t.shape));
      return {};
    }
    sizes.push_back(i == static_cast<size_t>(axis) ? len : t.shape[i].size);
  }
  std::vector<int> ops = {x};
  for (size_t i = 0; i < t.shape.size(); ++i)
    ops.push_back(i == static_cast<size_t>(axis)
                      ? sn
                      : s64Constant(em, {0}, {}, call.loc));
  TensorType rt = t;
  rt.shape[axis] = Dim{len, ""};
  int id = em.prim("dynamic_slice", ops, rt, call.loc);
  em.setArray(id, "slice_sizes", sizes);
  if (stride > 1)
    id = sliceAlongAxis(c, id, axis, 0, len, stride, call.loc);
  return c.tensor(id, call.loc);
}

Value putSliceFn(Checker &c, NxCall &call) {
  int x, u;
  if (!c.expectTensor(call.args[0], "argument of `Nx.put_slice`", x) ||
      !c.expectTensor(call.args[2], "slice of `Nx.put_slice`", u))
    return {};
  Emitter &em = c.emit();
  std::vector<Dim> ts = em.type(x).shape, us = em.type(u).shape;
  size_t rank = ts.size();
  std::vector<Value> starts;
  if (!listArg(c, call.args[1], "the start indices of `Nx.put_slice`",
               starts) ||
      !countMatches(c, call.args[1].loc, "the start indices", call.name,
                    starts.size(), rank))
    return {};
  bool fits = us.size() == rank;
  for (size_t i = 0; fits && i < rank; ++i)
    fits = !(ts[i].isStatic() && us[i].isStatic() && us[i].size > ts[i].size);
  if (!fits) {
    c.diagnose(call.args[2].loc, DiagKind::PutSliceShape, shapeToString(us),
               shapeToString(ts));
    c.noteShape(call.args[2]);
    return {};
  }
  std::vector<int> idx;
  for (size_t i = 0; i < rank; ++i) {
    bool st;
    int64_t sv = 0;
    int sn = -1;
    if (!startIndex(c, starts[i], call.name, st, sv, sn))
      return {};
    idx.push_back(st ? s64Constant(em, {sv}, {}, call.loc) : sn);
  }
  DType dt = mergeTypes(em.type(x).dtype, em.type(u).dtype);
  x = em.convert(x, dt, call.loc);
  u = em.convert(u, dt, call.loc);
  std::vector<int> ops = {x, u};
  ops.insert(ops.end(), idx.begin(), idx.end());
  return c.tensor(em.prim("dynamic_update_slice", ops, em.type(x), call.loc),
                  call.loc);
}

/// Concatenates checked tensors along `axis` (types merged first).
Value concatNodes(Checker &c, std::vector<int> nodes,
                  const std::vector<Value> &vals, int64_t axis,
                  const std::string &fn, SourceLoc loc) {
  Emitter &em = c.emit();
  DType dt = em.type(nodes[0]).dtype;
  for (int n : nodes)
    dt = mergeTypes(dt, em.type(n).dtype);
  std::vector<Dim> shape = em.type(nodes[0]).shape;
  bool sumStatic = true;
  int64_t sum = 0;
  for (size_t k = 0; k < nodes.size(); ++k) {
    const std::vector<Dim> &s = em.type(nodes[k]).shape;
    for (size_t i = 0; i < shape.size(); ++i)
      if (s.size() != shape.size() ||
          (i != static_cast<size_t>(axis) && s[i] != shape[i])) {
        std::string a = i < s.size() ? toString(s[i]) : "none";
        c.diagnose(vals[k].loc, DiagKind::JoinShapes, shapeToString(shape),
                   shapeToString(s), fn, i, toString(shape[i]), a);
        c.noteShape(vals[k]);
        return {};
      }
    sumStatic &= s[axis].isStatic();
    if (sumStatic)
      sum += s[axis].size;
    nodes[k] = em.convert(nodes[k], dt, loc);
  }
  if (nodes.size() == 1)
    return c.tensor(nodes[0], loc);
  shape[axis] = sumStatic ? Dim{sum, ""} : c.freshDim();
  int id = em.prim("concatenate", nodes, {dt, shape}, loc);
  em.setInt(id, "axis", axis);
  return c.tensor(id, loc);
}

/// The tensors of concatenate/stack: a non-empty list.
bool tensorList(Checker &c, NxCall &call, std::vector<Value> &vals,
                std::vector<int> &nodes) {
  std::string what = "the tensors of `" + call.name + "`";
  if (!listArg(c, call.args[0], what, vals))
    return false;
  if (vals.empty()) {
    c.diagnose(call.args[0].loc, DiagKind::ExpectedList, what);
    return false;
  }
  for (Value &v : vals) {
    int n;
    if (!c.expectTensor(v, "an element of " + what, n))
      return false;
    nodes.push_back(n);
  }
  return true;
}

Value concatenateFn(Checker &c, NxCall &call) {
  std::vector<Value> vals;
  std::vector<int> nodes;
  if (!tensorList(c, call, vals, nodes))
    return {};
  int64_t axis = 0;
  if (!axisOption(c, call, c.emit().type(nodes[0]).shape.size(), axis))
    return {};
  return concatNodes(c, nodes, vals, axis, call.name, call.loc);
}

Value stackFn(Checker &c, NxCall &call) {
  std::vector<Value> vals;
  std::vector<int> nodes;
  if (!tensorList(c, call, vals, nodes))
    return {};
  Emitter &em = c.emit();
  int64_t axis = 0;
  if (!axisOption(c, call, em.type(nodes[0]).shape.size() + 1, axis))
    return {};
  for (int &n : nodes) {
    std::vector<Dim> s = em.type(n).shape;
    if (static_cast<size_t>(axis) <= s.size())
      s.insert(s.begin() + axis, Dim{1, ""});
    n = em.reshape(n, s, call.loc);
  }
  return concatNodes(c, nodes, vals, axis, call.name, call.loc);
}

/// One `{low, high, interior}` entry of a padding configuration.
bool padEntry(Checker &c, const Expr &e, int64_t v[3]) {
  if (e.kind != Expr::Kind::Tuple || e.elems.size() != 3) {
    c.diagnose(e.loc, DiagKind::PadConfigForm);
    return false;
  }
  for (int k = 0; k < 3; ++k)
    if (!c.optionInt(*e.elems[k], "a padding amount", v[k]))
      return false;
  return true;
}

Value padFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.pad`", x))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  const Value &pv = call.args[1];
  DType dt;
  int p;
  if (pv.kind == Value::Kind::Number) {
    dt = mergeNumber(t.dtype, pv.isFloatNumber, pv.intValue);
    p = em.splat({dt, {}}, pv.number(), pv.loc);
  } else {
    if (!c.expectTensor(pv, "padding value of `Nx.pad`", p))
      return {};
    if (!em.type(p).shape.empty()) {
      c.diagnose(pv.loc, DiagKind::PadValueNotScalar,
                 shapeToString(em.type(p).shape));
      return {};
    }
    dt = mergeTypes(t.dtype, em.type(p).dtype);
  }
  const Value &cv = call.args[2];
  if (cv.kind != Value::Kind::Static || !cv.expr ||
      cv.expr->kind != Expr::Kind::List) {
    c.diagnose(cv.loc, DiagKind::PadConfigForm);
    return {};
  }
  size_t rank = t.shape.size();
  if (!countMatches(c, cv.loc, "the padding configuration", call.name,
                    cv.expr->elems.size(), rank))
    return {};
  std::vector<int64_t> lo, hi, in;
  std::vector<Dim> shape;
  for (size_t i = 0; i < rank; ++i) {
    int64_t v[3];
    const Expr &e = *cv.expr->elems[i];
    if (!padEntry(c, e, v))
      return {};
    if (v[2] < 0) {
      c.diagnose(e.loc, DiagKind::PadInteriorNegative, v[2], i);
      return {};
    }
    lo.push_back(v[0]);
    hi.push_back(v[1]);
    in.push_back(v[2]);
    const Dim &d = t.shape[i];
    if (!d.isStatic()) {
      shape.push_back(v[0] == 0 && v[1] == 0 && v[2] == 0 ? d : c.freshDim());
      continue;
    }
    int64_t n = v[0] + v[1] + d.size + std::max<int64_t>(d.size - 1, 0) * v[2];
    if (n < 0) {
      c.diagnose(e.loc, DiagKind::PadNegativeSize, i, d.size, n);
      c.noteShape(call.args[0]);
      return {};
    }
    shape.push_back(Dim{n, ""});
  }
  x = em.convert(x, dt, call.loc);
  p = em.convert(p, dt, call.loc);
  int id = em.prim("pad", {x, p}, {dt, shape}, call.loc);
  em.setArray(id, "low", lo);
  em.setArray(id, "high", hi);
  em.setArray(id, "interior", in);
  return c.tensor(id, call.loc);
}

Value reverseFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.reverse`", x))
    return {};
  Emitter &em = c.emit();
  size_t rank = em.type(x).shape.size();
  std::vector<int64_t> axes;
  if (const Expr *e = findOption(call, "axes")) {
    if (!c.optionIntList(*e, "`axes`", axes) ||
        !c.normalizeAxes(axes, rank, e->loc, "`Nx.reverse`"))
      return {};
  } else {
    for (size_t i = 0; i < rank; ++i)
      axes.push_back(i);
  }
  if (axes.empty())
    return c.tensor(x, call.loc);
  int id = em.prim("reverse", {x}, em.type(x), call.loc);
  em.setArray(id, "axes", axes);
  return c.tensor(id, call.loc);
}

/// An integer tensor of indices.
bool indicesArg(Checker &c, const Value &v, const std::string &fn, int &node) {
  if (!c.expectTensor(v, "indices of `" + fn + "`", node))
    return false;
  DType dt = c.emit().type(node).dtype;
  if (isInteger(dt))
    return true;
  c.diagnose(v.loc, DiagKind::IndicesNotInteger, fn, dtypeName(dt));
  return false;
}

Value takeFn(Checker &c, NxCall &call) {
  int x, idx;
  if (!c.expectTensor(call.args[0], "argument of `Nx.take`", x) ||
      !indicesArg(c, call.args[1], call.name, idx))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  int64_t axis = 0;
  if (!axisOption(c, call, rank, axis))
    return {};
  std::vector<Dim> is = em.type(idx).shape;
  size_t m = is.size();
  std::vector<Dim> is1 = is;
  is1.push_back(Dim{1, ""});
  idx = em.reshape(idx, is1, call.loc);
  TensorType gt = t;
  gt.shape = is;
  for (size_t i = 0; i < rank; ++i)
    if (i != static_cast<size_t>(axis))
      gt.shape.push_back(t.shape[i]);
  int g = em.prim("gather", {x, idx}, gt, call.loc);
  em.setArray(g, "axes", {axis});
  // Gathered as [indices..., before..., after...]; Nx puts the indices' dims
  // where `axis` was.
  std::vector<int64_t> perm;
  for (int64_t i = 0; i < axis; ++i)
    perm.push_back(m + i);
  for (size_t j = 0; j < m; ++j)
    perm.push_back(j);
  for (size_t i = axis + 1; i < rank; ++i)
    perm.push_back(m + i - 1);
  return c.tensor(transposeTo(em, g, perm, call.loc), call.loc);
}

Value takeAlongAxisFn(Checker &c, NxCall &call) {
  int x, idx;
  if (!c.expectTensor(call.args[0], "argument of `Nx.take_along_axis`", x) ||
      !indicesArg(c, call.args[1], call.name, idx))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  int64_t axis = 0;
  if (!axisOption(c, call, rank, axis))
    return {};
  std::vector<Dim> is = em.type(idx).shape;
  bool ok = is.size() == rank;
  for (size_t i = 0; ok && i < rank; ++i)
    ok = i == static_cast<size_t>(axis) || is[i] == t.shape[i];
  if (!ok) {
    c.diagnose(call.args[1].loc, DiagKind::TakeAlongAxisShape,
               shapeToString(is), shapeToString(t.shape), axis);
    c.noteShape(call.args[1]);
    return {};
  }
  // Full coordinates: iotas along the other axes, the indices along `axis`.
  std::vector<Dim> is1 = is;
  is1.push_back(Dim{1, ""});
  std::vector<int> parts;
  for (size_t i = 0; i < rank; ++i) {
    int p;
    if (i == static_cast<size_t>(axis)) {
      p = em.convert(idx, DType::S64, call.loc);
    } else {
      p = em.prim("iota", {}, {DType::S64, is}, call.loc);
      em.setInt(p, "axis", i);
    }
    parts.push_back(em.reshape(p, is1, call.loc));
  }
  std::vector<Dim> cs = is;
  cs.push_back(Dim{static_cast<int64_t>(rank), ""});
  int coords = parts[0];
  if (parts.size() > 1) {
    coords = em.prim("concatenate", parts, {DType::S64, cs}, call.loc);
    em.setInt(coords, "axis", rank);
  }
  std::vector<int64_t> axes;
  for (size_t i = 0; i < rank; ++i)
    axes.push_back(i);
  int g = em.prim("gather", {x, coords}, {t.dtype, is}, call.loc);
  em.setArray(g, "axes", axes);
  return c.tensor(g, call.loc);
}

/// The `axes` of gather/indexed_*: sorted, unique, one per index column
/// (`k`, the static last dim of the indices); defaults to the leading axes.
bool indexedAxes(Checker &c, const NxCall &call, const Value &iv,
                 const std::vector<Dim> &is, size_t rank,
                 std::vector<int64_t> &axes) {
  if (is.empty() || !is.back().isStatic()) {
    c.diagnose(iv.loc, DiagKind::IndicesLastDim, call.name,
               shapeToString(is));
    return false;
  }
  int64_t k = is.back().size;
  const Expr *e = findOption(call, "axes");
  if (!e) {
    if (k > static_cast<int64_t>(rank)) {
      c.diagnose(iv.loc, DiagKind::IndexedAxesCount, call.name, k, rank);
      return false;
    }
    for (int64_t i = 0; i < k; ++i)
      axes.push_back(i);
    return true;
  }
  std::vector<int64_t> given;
  if (!c.optionIntList(*e, "`axes`", axes))
    return false;
  given = axes;
  if (!c.normalizeAxes(axes, rank, e->loc, "`" + call.name + "`"))
    return false;
  for (int64_t &a : given)
    a = a < 0 ? a + static_cast<int64_t>(rank) : a;
  if (given != axes) {
    c.diagnose(e->loc, DiagKind::AxesNotSorted, call.name);
    return false;
  }
  if (static_cast<int64_t>(axes.size()) != k) {
    c.diagnose(iv.loc, DiagKind::IndexedAxesCount, call.name, k,
               axes.size());
    return false;
  }
  return true;
}

Value gatherFn(Checker &c, NxCall &call) {
  int x, idx;
  if (!c.expectTensor(call.args[0], "argument of `Nx.gather`", x) ||
      !indicesArg(c, call.args[1], call.name, idx))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  std::vector<Dim> is = em.type(idx).shape;
  std::vector<int64_t> axes;
  if (!indexedAxes(c, call, call.args[1], is, t.shape.size(), axes))
    return {};
  TensorType rt = t;
  rt.shape.assign(is.begin(), is.end() - 1);
  for (size_t i = 0; i < t.shape.size(); ++i)
    if (!std::binary_search(axes.begin(), axes.end(),
                            static_cast<int64_t>(i)))
      rt.shape.push_back(t.shape[i]);
  int g = em.prim("gather", {x, idx}, rt, call.loc);
  em.setArray(g, "axes", axes);
  return c.tensor(g, call.loc);
}

/// Nx.indexed_add/indexed_put(t, indices, updates, axes: ...): indices of
/// shape {n, k} address the `axes` (default the leading k axes) of t;
/// updates have shape {n} followed by t's other axes. t and updates are
/// merged to one type, as Nx does; becomes `nx.scatter` with `mode`.
Value indexedFn(Checker &c, NxCall &call, const char *mode) {
  int x, idx, u;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x) ||
      !indicesArg(c, call.args[1], call.name, idx) ||
      !c.expectTensor(call.args[2], "updates of `" + call.name + "`", u))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  std::vector<Dim> is = em.type(idx).shape;
  if (is.size() != 2) {
    c.diagnose(call.args[1].loc, DiagKind::IndexedIndicesRank, call.name,
               shapeToString(is));
    c.noteShape(call.args[1]);
    return {};
  }
  std::vector<int64_t> axes;
  if (!indexedAxes(c, call, call.args[1], is, t.shape.size(), axes))
    return {};
  std::vector<Dim> want = {is[0]};
  for (size_t i = 0; i < t.shape.size(); ++i)
    if (!std::binary_search(axes.begin(), axes.end(),
                            static_cast<int64_t>(i)))
      want.push_back(t.shape[i]);
  std::vector<Dim> us = em.type(u).shape;
  if (us != want) {
    c.diagnose(call.args[2].loc, DiagKind::IndexedUpdatesShape,
               shapeToString(us), shapeToString(want), call.name);
    c.noteShape(call.args[2]);
    return {};
  }
  DType dt = mergeTypes(t.dtype, em.type(u).dtype);
  x = em.convert(x, dt, call.loc);
  u = em.convert(u, dt, call.loc);
  int s = em.prim("scatter", {x, idx, u}, em.type(x), call.loc);
  em.setArray(s, "axes", axes);
  em.setString(s, "mode", mode);
  return c.tensor(s, call.loc);
}

Value indexedAddFn(Checker &c, NxCall &call) {
  return indexedFn(c, call, "add");
}

Value indexedPutFn(Checker &c, NxCall &call) {
  return indexedFn(c, call, "put");
}

/// The static size of `axis` (from the `axis` option, default `axis`).
bool staticAxis(Checker &c, const NxCall &call, int x, int64_t &axis,
                int64_t &size) {
  const TensorType &t = c.emit().type(x);
  if (!axisOption(c, call, t.shape.size(), axis))
    return false;
  if (t.shape[axis].isStatic()) {
    size = t.shape[axis].size;
    return true;
  }
  c.diagnose(call.args[0].loc, DiagKind::StaticAxisNeeded, call.name, axis,
             shapeToString(t.shape));
  c.noteShape(call.args[0]);
  return false;
}

/// Nx.split(t, split, axis: 0): an integer split (negative counts from the
/// end) or a float fraction (rounded up); both parts must be non-empty.
Value splitFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.split`", x))
    return {};
  int64_t axis = 0, size;
  if (!staticAxis(c, call, x, axis, size))
    return {};
  const Value &sv = call.args[1];
  int64_t at = -1;
  std::string seen = "something else";
  if (sv.kind == Value::Kind::Number) {
    at = sv.isFloatNumber
             ? static_cast<int64_t>(std::ceil(sv.floatValue * size))
             : (sv.intValue < 0 ? size + sv.intValue : sv.intValue);
    char buf[32];
    std::snprintf(buf, sizeof buf, sv.isFloatNumber ? "%#g" : "%.0f",
                  sv.number());
    seen = buf;
  }
  if (at <= 0 || at >= size) {
    c.diagnose(sv.loc, DiagKind::SplitValue, seen, size);
    return {};
  }
  Value r;
  r.kind = Value::Kind::Tuple;
  r.loc = call.loc;
  r.elems = {c.tensor(sliceAlongAxis(c, x, axis, 0, at, 1, call.loc), call.loc),
             c.tensor(sliceAlongAxis(c, x, axis, at, size - at, 1, call.loc),
                      call.loc)};
  return r;
}

/// Nx.diff(t, order: 1, axis: -1): `order` times, the difference of the
/// slices [1, n) and [0, n - 1) along `axis`.
Value diffFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.diff`", x))
    return {};
  int64_t axis = -1, size, order = 1;
  if (!staticAxis(c, call, x, axis, size))
    return {};
  const Expr *e = findOption(call, "order");
  if (e && !c.optionInt(*e, "`order`", order))
    return {};
  if (order < 0 || (order > 0 && order >= size)) {
    c.diagnose(e ? e->loc : call.loc, DiagKind::DiffOrder, order, size);
    return {};
  }
  Value acc = c.tensor(x, call.loc);
  for (int64_t k = 0; k < order; ++k) {
    int64_t len = size - k - 1;
    Value hi = c.tensor(sliceAlongAxis(c, acc.node, axis, 1, len, 1, call.loc),
                        call.loc);
    Value lo = c.tensor(sliceAlongAxis(c, acc.node, axis, 0, len, 1, call.loc),
                        call.loc);
    acc = c.binary("subtract", hi, lo, call.loc, "`Nx.diff`");
    if (acc.isInvalid())
      return {};
  }
  return acc;
}

} // namespace

void registerIndexing(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx", "slice", 3, 3, {"strides"}, sliceFn});
  t.push_back({"Nx", "slice_along_axis", 3, 3, {"axis", "strides"},
               sliceAlongAxisFn});
  t.push_back({"Nx", "put_slice", 3, 3, {}, putSliceFn});
  t.push_back({"Nx", "concatenate", 1, 1, {"axis"}, concatenateFn});
  t.push_back({"Nx", "stack", 1, 1, {"axis"}, stackFn});
  t.push_back({"Nx", "pad", 3, 3, {}, padFn});
  t.push_back({"Nx", "reverse", 1, 1, {"axes"}, reverseFn});
  t.push_back({"Nx", "take", 2, 2, {"axis"}, takeFn});
  t.push_back({"Nx", "take_along_axis", 2, 2, {"axis"}, takeAlongAxisFn});
  t.push_back({"Nx", "gather", 2, 2, {"axes"}, gatherFn});
  t.push_back({"Nx", "indexed_add", 3, 3, {"axes"}, indexedAddFn});
  t.push_back({"Nx", "indexed_put", 3, 3, {"axes"}, indexedPutFn});
  t.push_back({"Nx", "split", 2, 2, {"axis"}, splitFn});
  t.push_back({"Nx", "diff", 1, 1, {"order", "axis"}, diffFn});
}

} // namespace nxc
