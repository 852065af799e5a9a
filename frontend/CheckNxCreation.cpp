//===- CheckNxCreation.cpp - Tensor creation --------------------------------===//
//
// This file implements Nx.tensor literals (nested lists of numbers), Nx.iota,
// Nx.eye (expanded into two iotas and an `equal`) and the Nx.Constants
// functions pi, e, infinity, neg_infinity and nan.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

#include <cmath>
#include <limits>

namespace nxc {
namespace {

bool typeOption(Checker &c, NxCall &call, DType &dt) {
  if (!call.options)
    return true;
  for (size_t i = 0; i < call.options->keys.size(); ++i)
    if (call.options->keys[i] == "type" &&
        !c.optionDType(*call.options->elems[i], "`type`", dt))
      return false;
  return true;
}

/// Collects the numbers of a nested list, checking that it is rectangular.
bool collect(Checker &c, const Expr &e, size_t depth, std::vector<Dim> &shape,
             std::vector<double> &vals, std::vector<int64_t> &ints,
             bool &anyFloat) {
  if (e.kind == Expr::Kind::List) {
    if (depth == shape.size() && !vals.empty()) {
      // Numbers were already seen at this depth: `[1, [2, 3]]`.
      c.diagnose(e.loc, DiagKind::TensorRaggedRows, "a number", "a list");
      return false;
    }
    if (depth == shape.size())
      shape.push_back(Dim{static_cast<int64_t>(e.elems.size()), ""});
    else if (shape[depth].size != static_cast<int64_t>(e.elems.size())) {
      c.diagnose(e.loc, DiagKind::TensorRaggedRows, shape[depth].size,
                 e.elems.size());
      return false;
    }
    if (e.elems.empty()) {
      c.diagnose(e.loc, DiagKind::TensorEmptyList);
      return false;
    }
    for (auto &x : e.elems)
      if (!collect(c, *x, depth + 1, shape, vals, ints, anyFloat))
        return false;
    return true;
  }
  const Expr *n = &e;
  double sign = 1;
  if (e.kind == Expr::Kind::Unary && e.name == "-") {
    n = e.elems[0].get();
    sign = -1;
  }
  if (depth != shape.size()) {
    // A list was seen at this depth before: `[[1, 2], 3]`.
    c.diagnose(e.loc, DiagKind::TensorRaggedRows, "a list", "a number");
    return false;
  }
  if (n->kind == Expr::Kind::Int) {
    vals.push_back(sign * static_cast<double>(n->intValue));
    ints.push_back(sign < 0 ? -n->intValue : n->intValue);
    return true;
  }
  if (n->kind == Expr::Kind::Float) {
    anyFloat = true;
    vals.push_back(sign * n->floatValue);
    ints.push_back(0);
    return true;
  }
  if (n->kind == Expr::Kind::Bool) {
    vals.push_back(n->boolValue ? 1 : 0);
    ints.push_back(n->boolValue ? 1 : 0);
    return true;
  }
  c.diagnose(e.loc, DiagKind::TensorBadElement);
  return false;
}

Value tensorFn(Checker &c, NxCall &call) {
  const Value &a = call.args[0];
  std::vector<Dim> shape;
  std::vector<double> vals;
  std::vector<int64_t> ints;
  bool anyFloat = false;
  if (a.kind == Value::Kind::Number) {
    anyFloat = a.isFloatNumber;
    vals.push_back(a.number());
    ints.push_back(a.intValue);
  } else if (a.kind == Value::Kind::Static && a.expr &&
             a.expr->kind == Expr::Kind::List) {
    if (!collect(c, *a.expr, 0, shape, vals, ints, anyFloat))
      return {};
  } else {
    c.diagnose(a.loc, DiagKind::TensorBadArgument);
    return {};
  }
  DType dt = DType::F32;
  if (!anyFloat) {
    dt = DType::S32;
    for (int64_t v : ints)
      dt = mergeTypes(dt, inferInt(v));
  }
  if (!typeOption(c, call, dt))
    return {};
  if (anyFloat && !isFloat(dt)) {
    c.diagnose(call.loc, DiagKind::TensorFloatElementsIntType, dtypeName(dt));
    return {};
  }
  TensorType t{dt, shape};
  if (isFloat(dt))
    return c.tensor(c.emit().constantFloats(t, vals, call.loc), call.loc);
  return c.tensor(c.emit().constantInts(t, ints, call.loc), call.loc);
}

/// iota over `shape` along `axis` (or over the flattened shape when none).
int emitIota(Checker &c, const std::vector<Dim> &shape, int64_t axis,
             DType dt, SourceLoc loc) {
  Emitter &em = c.emit();
  if (axis >= 0) {
    int id = em.prim("iota", {}, {DType::S64, shape}, loc);
    em.setInt(id, "axis", axis);
    return em.convert(id, dt, loc);
  }
  bool allStatic;
  int64_t n = numElements(shape, allStatic);
  if (allStatic) {
    int id = em.prim("iota", {}, {DType::S64, {Dim{n, ""}}}, loc);
    em.setInt(id, "axis", 0);
    id = em.reshape(id, shape, loc);
    return em.convert(id, dt, loc);
  }
  // Dynamic: the row-major index sum_i iota(axis i) * stride_i, so that no
  // size unknown to the caller's shapes is introduced. Strides of dynamic
  // dims are read with dim_size from the first iota.
  TensorType full{DType::S64, shape};
  TensorType scalar{DType::S64, {}};
  int acc = -1;
  int first = -1;
  int stride = -1; // 0-d s64, or -1 for 1
  for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) {
    int io = em.prim("iota", {}, full, loc);
    em.setInt(io, "axis", i);
    if (first < 0)
      first = io;
    int term = io;
    if (stride >= 0)
      term = em.prim("multiply", {io, em.broadcastTo(stride, shape, loc)},
                     full, loc);
    acc = acc < 0 ? term : em.prim("add", {acc, term}, full, loc);
    if (i == 0)
      break;
    int size;
    if (shape[i].isStatic()) {
      size = em.constantInts(scalar, {shape[i].size}, loc);
    } else {
      size = em.prim("dim_size", {first}, scalar, loc);
      em.setInt(size, "dim", i);
    }
    stride = stride < 0 ? size : em.prim("multiply", {stride, size}, scalar,
                                         loc);
  }
  return em.convert(acc, dt, loc);
}

Value iotaFn(Checker &c, NxCall &call) {
  std::vector<Dim> shape;
  if (!c.shapeArg(call.args[0], "the shape of `Nx.iota`", false, shape))
    return {};
  DType dt = DType::S32;
  if (!typeOption(c, call, dt))
    return {};
  int64_t axis = -1;
  if (call.options)
    for (size_t i = 0; i < call.options->keys.size(); ++i)
      if (call.options->keys[i] == "axis") {
        const Expr &v = *call.options->elems[i];
        if (!c.optionInt(v, "`axis`", axis) ||
            !c.normalizeAxis(axis, shape.size(), v.loc, "`Nx.iota`"))
          return {};
      }
  return c.tensor(emitIota(c, shape, axis, dt, call.loc), call.loc);
}

Value eyeFn(Checker &c, NxCall &call) {
  std::vector<Dim> shape;
  if (!c.shapeArg(call.args[0], "the shape of `Nx.eye`", false, shape))
    return {};
  if (shape.size() == 1)
    shape.push_back(shape[0]);
  if (shape.size() < 2) {
    c.diagnose(call.args[0].loc, DiagKind::EyeRank);
    return {};
  }
  DType dt = DType::S32;
  if (!typeOption(c, call, dt))
    return {};
  int64_t r = static_cast<int64_t>(shape.size());
  int rows = emitIota(c, shape, r - 2, DType::S64, call.loc);
  int cols = emitIota(c, shape, r - 1, DType::S64, call.loc);
  int eq = c.emit().prim("equal", {rows, cols}, {DType::U8, shape}, call.loc);
  return c.tensor(c.emit().convert(eq, dt, call.loc), call.loc);
}

/// Nx.tril/Nx.triu: keeps the elements on and below (tril) or above (triu)
/// the diagonal `k` of the last two axes and zeroes the others:
/// select(col - row <= k, t, 0) for tril, `>=` for triu.
template <bool Upper> Value triFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  int64_t r = static_cast<int64_t>(t.shape.size());
  if (r < 2) {
    c.diagnose(call.args[0].loc, DiagKind::TriRank, call.name, r);
    return {};
  }
  int64_t k = 0;
  if (call.options)
    for (size_t i = 0; i < call.options->keys.size(); ++i)
      if (call.options->keys[i] == "k" &&
          !c.optionInt(*call.options->elems[i], "`k`", k))
        return {};
  TensorType s64{DType::S64, t.shape};
  int rows = emitIota(c, t.shape, r - 2, DType::S64, call.loc);
  int cols = emitIota(c, t.shape, r - 1, DType::S64, call.loc);
  int diff = em.prim("subtract", {cols, rows}, s64, call.loc);
  int kk = em.broadcastTo(em.constantInts({DType::S64, {}}, {k}, call.loc),
                          t.shape, call.loc);
  int keep = em.prim(Upper ? "greater_equal" : "less_equal", {diff, kk},
                     {DType::U8, t.shape}, call.loc);
  int zero = em.broadcastTo(em.splat({t.dtype, {}}, 0.0, call.loc), t.shape,
                            call.loc);
  return c.tensor(em.prim("select", {keep, x, zero}, t, call.loc), call.loc);
}

template <int Which> Value constantFn(Checker &c, NxCall &call) {
  DType dt = DType::F32;
  if (!call.args.empty()) {
    const Value &t = call.args[0];
    if (t.kind != Value::Kind::Static ||
        !c.optionDType(*t.expr, "the type of `" + call.name + "`", dt))
      return {};
    if (!isFloat(dt)) {
      c.diagnose(t.loc, DiagKind::NeedsFloatType, call.name, dtypeName(dt));
      return {};
    }
  }
  double v = Which == 0   ? M_PI
             : Which == 1 ? M_E
             : Which == 2 ? std::numeric_limits<double>::infinity()
             : Which == 3 ? -std::numeric_limits<double>::infinity()
                          : std::numeric_limits<double>::quiet_NaN();
  return c.tensor(c.emit().constantFloats({dt, {}}, {v}, call.loc), call.loc);
}

} // namespace

void registerCreation(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx", "tensor", 1, 1, {"type"}, tensorFn});
  t.push_back({"Nx", "iota", 1, 1, {"axis", "type"}, iotaFn});
  t.push_back({"Nx", "eye", 1, 1, {"type"}, eyeFn});
  t.push_back({"Nx", "tril", 1, 1, {"k"}, triFn<false>});
  t.push_back({"Nx", "triu", 1, 1, {"k"}, triFn<true>});
  t.push_back({"Nx.Constants", "pi", 0, 1, {}, constantFn<0>});
  t.push_back({"Nx.Constants", "e", 0, 1, {}, constantFn<1>});
  t.push_back({"Nx.Constants", "infinity", 0, 1, {}, constantFn<2>});
  t.push_back({"Nx.Constants", "neg_infinity", 0, 1, {}, constantFn<3>});
  t.push_back({"Nx.Constants", "nan", 0, 1, {}, constantFn<4>});
}

} // namespace nxc
