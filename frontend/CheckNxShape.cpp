//===- CheckNxShape.cpp - Shape functions -----------------------------------===//
//
// This file implements Nx.reshape (with `:auto`), transpose, broadcast,
// new_axis, squeeze and as_type. new_axis and squeeze become `reshape`.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

#include <algorithm>

namespace nxc {
namespace {

/// Static element count and the sorted list of symbolic dims. Returns false
/// when the count does not fit in s64.
bool countElements(const std::vector<Dim> &s, int64_t &prod,
                   std::vector<std::string> &syms) {
  prod = 1;
  bool ok = true;
  for (const Dim &d : s) {
    if (d.isStatic() && d.size >= 0)
      ok &= !__builtin_mul_overflow(prod, d.size, &prod);
    else if (!d.isStatic())
      syms.push_back(d.sym);
  }
  std::sort(syms.begin(), syms.end());
  return ok;
}

Value reshapeFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.reshape`", x))
    return {};
  std::vector<Dim> shape;
  if (!c.shapeArg(call.args[1], "the shape of `Nx.reshape`", true, shape))
    return {};
  Emitter &em = c.emit();
  const std::vector<Dim> &in = em.type(x).shape;
  int64_t pin, pout;
  std::vector<std::string> sin, sout;
  if (!countElements(in, pin, sin)) {
    c.diagnose(call.loc, DiagKind::TooManyElements, shapeToString(in));
    return {};
  }
  std::vector<Dim> known;
  for (const Dim &d : shape)
    if (d.size != -2)
      known.push_back(d);
  if (!countElements(known, pout, sout)) {
    c.diagnose(call.args[1].loc, DiagKind::TooManyElements,
               shapeToString(shape));
    return {};
  }
  auto autoIt = std::find_if(shape.begin(), shape.end(),
                             [](const Dim &d) { return d.size == -2; });
  auto fail = [&]() {
    c.diagnose(call.loc, DiagKind::ReshapeCountMismatch, shapeToString(in),
               shapeToString(shape));
    c.noteShape(call.args[0]);
    return Value{};
  };
  if (autoIt == shape.end()) {
    if (pin != pout || sin != sout)
      return fail();
  } else {
    // Remove the symbols both sides share; what is left must be determined.
    std::vector<std::string> rest;
    std::set_difference(sin.begin(), sin.end(), sout.begin(), sout.end(),
                        std::back_inserter(rest));
    if (!std::includes(sin.begin(), sin.end(), sout.begin(), sout.end()))
      return fail();
    if (rest.empty()) {
      if (pout == 0 || pin % pout != 0)
        return fail();
      *autoIt = Dim{pin / pout, ""};
    } else if (rest.size() == 1 && pin == pout) {
      *autoIt = Dim{-1, rest[0]};
    } else {
      *autoIt = c.freshDim();
    }
  }
  return c.tensor(em.reshape(x, shape, call.loc), call.loc);
}

Value transposeFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.transpose`", x))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  std::vector<int64_t> perm;
  for (size_t i = 0; i < rank; ++i)
    perm.push_back(static_cast<int64_t>(rank - 1 - i));
  if (call.options) {
    const Expr &v = *call.options->elems[0];
    perm.clear();
    if (!c.optionIntList(v, "`axes`", perm) ||
        !c.normalizeAxes(perm, rank, v.loc, "`Nx.transpose`", false))
      return {};
    if (perm.size() != rank) {
      c.diagnose(v.loc, DiagKind::TransposeAxesCount, rank, perm.size());
      return {};
    }
  }
  TensorType rt = t;
  for (size_t i = 0; i < rank; ++i)
    rt.shape[i] = t.shape[perm[i]];
  int id = em.prim("transpose", {x}, rt, call.loc);
  em.setArray(id, "permutation", perm);
  return c.tensor(id, call.loc);
}

Value broadcastFn(Checker &c, NxCall &call) {
  Value in = c.materialize(call.args[0]);
  int x;
  if (!c.expectTensor(in, "argument of `Nx.broadcast`", x))
    return {};
  std::vector<Dim> shape;
  if (!c.shapeArg(call.args[1], "the shape of `Nx.broadcast`", false, shape))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  std::vector<int64_t> axes;
  for (size_t i = 0; i < rank; ++i)
    axes.push_back(static_cast<int64_t>(shape.size() - rank + i));
  if (call.options) {
    const Expr &v = *call.options->elems[0];
    axes.clear();
    if (!c.optionIntList(v, "`axes`", axes) ||
        !c.normalizeAxes(axes, shape.size(), v.loc, "`Nx.broadcast`",
                         false))
      return {};
  }
  if (rank > shape.size() || axes.size() != rank) {
    c.diagnose(call.loc, DiagKind::BroadcastToRank, shapeToString(t.shape),
               shapeToString(shape));
    c.noteShape(call.args[0]);
    return {};
  }
  for (size_t i = 0; i < rank; ++i) {
    const Dim &d = t.shape[i];
    if (!(d == shape[axes[i]]) && !(d.isStatic() && d.size == 1)) {
      c.diagnose(call.loc, DiagKind::BroadcastToDim, shapeToString(t.shape),
                 shapeToString(shape), toString(d), toString(shape[axes[i]]));
      c.noteShape(call.args[0]);
      return {};
    }
  }
  if (t.shape == shape)
    return c.tensor(x, call.loc);
  TensorType rt = t;
  rt.shape = shape;
  int id = em.prim("broadcast_in_dim", {x}, rt, call.loc);
  em.setArray(id, "dims", axes);
  return c.tensor(id, call.loc);
}

Value newAxisFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.new_axis`", x))
    return {};
  const Value &a = call.args[1];
  if (a.kind != Value::Kind::Number || a.isFloatNumber) {
    c.diagnose(a.loc, DiagKind::NewAxisNotLiteral);
    return {};
  }
  Emitter &em = c.emit();
  std::vector<Dim> shape = em.type(x).shape;
  int64_t axis = a.intValue;
  if (!c.normalizeAxis(axis, shape.size() + 1, a.loc, "`Nx.new_axis`"))
    return {};
  shape.insert(shape.begin() + axis, Dim{1, ""});
  return c.tensor(em.prim("reshape", {x}, {em.type(x).dtype, shape},
                          call.loc),
                  call.loc);
}

Value squeezeFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.squeeze`", x))
    return {};
  Emitter &em = c.emit();
  const std::vector<Dim> &in = em.type(x).shape;
  std::vector<int64_t> axes;
  if (call.options) {
    const Expr &v = *call.options->elems[0];
    if (!c.optionIntList(v, "`axes`", axes) ||
        !c.normalizeAxes(axes, in.size(), v.loc, "`Nx.squeeze`"))
      return {};
    for (int64_t a : axes)
      if (!(in[a].isStatic() && in[a].size == 1)) {
        c.diagnose(v.loc, DiagKind::SqueezeNonUnit, a, toString(in[a]));
        return {};
      }
  } else {
    for (size_t i = 0; i < in.size(); ++i)
      if (in[i].isStatic() && in[i].size == 1)
        axes.push_back(static_cast<int64_t>(i));
  }
  std::vector<Dim> shape;
  for (size_t i = 0; i < in.size(); ++i)
    if (std::find(axes.begin(), axes.end(), static_cast<int64_t>(i)) ==
        axes.end())
      shape.push_back(in[i]);
  return c.tensor(em.reshape(x, shape, call.loc), call.loc);
}

Value asTypeFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.as_type`", x))
    return {};
  const Value &t = call.args[1];
  DType dt;
  if (t.kind == Value::Kind::Static && t.expr) {
    if (!c.optionDType(*t.expr, "the type of `Nx.as_type`", dt))
      return {};
  } else if (t.kind == Value::Kind::Tuple && t.elems.size() == 2 &&
             t.elems[0].kind == Value::Kind::Static &&
             t.elems[1].kind == Value::Kind::Number) {
    std::string name =
        t.elems[0].expr->name + std::to_string(t.elems[1].intValue);
    if (!parseDType(name, dt)) {
      c.diagnose(t.loc, DiagKind::UnsupportedDType, name);
      return {};
    }
  } else {
    c.diagnose(t.loc, DiagKind::AsTypeNotType);
    return {};
  }
  return c.tensor(c.emit().convert(x, dt, call.loc), call.loc);
}

/// The product of `dims` as one dim: static when all are, the one dynamic dim
/// when the others are 1, else a fresh size symbol.
Dim mergedDim(Checker &c, const std::vector<Dim> &dims) {
  bool allStatic;
  int64_t n = numElements(dims, allStatic);
  if (allStatic)
    return Dim{n, ""};
  const Dim *only = nullptr;
  int dynamic = 0;
  for (const Dim &s : dims)
    if (!s.isStatic()) {
      ++dynamic;
      only = &s;
    }
  return dynamic == 1 && n == 1 ? *only : c.freshDim();
}

/// Nx.flatten: a reshape to one dimension, or with `axes:` (consecutive,
/// ascending) a reshape that merges those axes into one at the first of
/// them. A tensor with one dynamic dim and other dims of size 1 keeps that
/// dim's symbol; other dynamic element counts get a fresh size symbol.
Value flattenFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.flatten`", x))
    return {};
  const std::vector<Dim> shape = c.emit().type(x).shape;
  const Expr *axesOpt = nullptr;
  if (call.options)
    for (size_t i = 0; i < call.options->keys.size(); ++i)
      if (call.options->keys[i] == "axes")
        axesOpt = call.options->elems[i].get();
  if (!axesOpt)
    return c.tensor(c.emit().reshape(x, {mergedDim(c, shape)}, call.loc),
                    call.loc);
  std::vector<int64_t> axes;
  if (!c.optionIntList(*axesOpt, "`axes`", axes) ||
      !c.normalizeAxes(axes, shape.size(), axesOpt->loc, "`Nx.flatten`",
                       /*sort=*/false))
    return {};
  if (axes.empty())
    return c.tensor(x, call.loc);
  for (size_t i = 1; i < axes.size(); ++i)
    if (axes[i] != axes[i - 1] + 1) {
      c.diagnose(axesOpt->loc, DiagKind::FlattenAxesNotConsecutive);
      return {};
    }
  std::vector<Dim> merged(shape.begin() + axes.front(),
                          shape.begin() + axes.back() + 1);
  std::vector<Dim> out(shape.begin(), shape.begin() + axes.front());
  out.push_back(mergedDim(c, merged));
  out.insert(out.end(), shape.begin() + axes.back() + 1, shape.end());
  return c.tensor(c.emit().reshape(x, out, call.loc), call.loc);
}

} // namespace

void registerShapeOps(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx", "reshape", 2, 2, {}, reshapeFn});
  t.push_back({"Nx", "transpose", 1, 1, {"axes"}, transposeFn});
  t.push_back({"Nx", "broadcast", 2, 2, {"axes"}, broadcastFn});
  t.push_back({"Nx", "new_axis", 2, 2, {}, newAxisFn});
  t.push_back({"Nx", "squeeze", 1, 1, {"axes"}, squeezeFn});
  t.push_back({"Nx", "as_type", 2, 2, {}, asTypeFn});
  t.push_back({"Nx", "flatten", 1, 1, {"axes"}, flattenFn});
}

} // namespace nxc
