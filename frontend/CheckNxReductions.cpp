//===- CheckNxReductions.cpp - Reductions -----------------------------------===//
//
// This file implements Nx.sum, product, mean, reduce_max, reduce_min, all,
// any (`axes:`, `keep_axes:`) and argmax/argmin (`axis:`, `keep_axis:`,
// `tie_break:`). `mean` is expanded into a sum divided by the element count,
// read with `dim_size` for dynamic dimensions.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"
#include "frontend/ReduceOptions.h"

namespace nxc {

bool readReduceOpts(Checker &c, NxCall &call, size_t rank, ReduceOpts &o) {
  bool haveAxes = false;
  if (call.options) {
    for (size_t i = 0; i < call.options->keys.size(); ++i) {
      const Expr &v = *call.options->elems[i];
      const std::string &k = call.options->keys[i];
      if (k == "axes") {
        haveAxes = true;
        if (!c.optionIntList(v, "`axes`", o.axes) ||
            !c.normalizeAxes(o.axes, rank, v.loc, "`" + call.name + "`"))
          return false;
      } else if (k == "keep_axes") {
        if (!c.optionBool(v, "`keep_axes`", o.keep))
          return false;
      } else if (k == "ddof") {
        if (!c.optionInt(v, "`ddof`", o.ddof))
          return false;
      }
    }
  }
  if (!haveAxes)
    for (size_t i = 0; i < rank; ++i)
      o.axes.push_back(static_cast<int64_t>(i));
  return true;
}

std::vector<Dim> reducedShape(const std::vector<Dim> &in,
                              const std::vector<int64_t> &axes, bool keep) {
  std::vector<Dim> out;
  for (size_t i = 0; i < in.size(); ++i) {
    bool reduced = false;
    for (int64_t a : axes)
      reduced |= a == static_cast<int64_t>(i);
    if (!reduced)
      out.push_back(in[i]);
    else if (keep)
      out.push_back(Dim{1, ""});
  }
  return out;
}

namespace {

int emitReduce(Checker &c, const std::string &op, int x, const ReduceOpts &o,
               DType resultType, SourceLoc loc) {
  TensorType rt;
  rt.dtype = resultType;
  rt.shape = reducedShape(c.emit().type(x).shape, o.axes, o.keep);
  int id = c.emit().prim(op, {x}, rt, loc);
  c.emit().setArray(id, "axes", o.axes);
  c.emit().setBool(id, "keep_axes", o.keep);
  return id;
}

/// sum/product: integers accumulate in s32 (s8..s32), u32 (u8..u32, pred) or
/// s64 (s64, u64), as Nx.Type.to_aggregate says.
template <bool Product> Value sumLike(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  ReduceOpts o;
  if (!readReduceOpts(c, call, c.emit().type(x).shape.size(), o))
    return {};
  DType dt = c.emit().type(x).dtype;
  dt = toAggregate(dt);
  x = c.emit().convert(x, dt, call.loc);
  return c.tensor(emitReduce(c, Product ? "reduce_product" : "reduce_sum", x,
                             o, dt, call.loc),
                  call.loc);
}

Value meanFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.mean`", x))
    return {};
  ReduceOpts o;
  if (!readReduceOpts(c, call, c.emit().type(x).shape.size(), o))
    return {};
  Emitter &em = c.emit();
  TensorType in = em.type(x);
  DType ft = toFloating(in.dtype);
  x = em.convert(x, ft, call.loc);
  int sum = emitReduce(c, "reduce_sum", x, o, ft, call.loc);
  // The count: static dims folded, dynamic ones read with dim_size.
  int64_t staticCount = 1;
  int count = -1;
  TensorType s64;
  s64.dtype = DType::S64;
  for (int64_t a : o.axes) {
    const Dim &d = in.shape[a];
    if (d.isStatic()) {
      staticCount *= d.size;
      continue;
    }
    int ds = em.prim("dim_size", {x}, s64, call.loc);
    em.setInt(ds, "dim", a);
    count = count < 0 ? ds : em.prim("multiply", {count, ds}, s64, call.loc);
  }
  TensorType scalar;
  scalar.dtype = ft;
  int den;
  if (count < 0) {
    den = em.splat(scalar, static_cast<double>(staticCount), call.loc);
  } else {
    if (staticCount != 1)
      count = em.prim("multiply",
                      {count, em.constantInts(s64, {staticCount}, call.loc)},
                      s64, call.loc);
    den = em.convert(count, ft, call.loc);
  }
  den = em.broadcastTo(den, em.type(sum).shape, call.loc);
  return c.tensor(em.prim("divide", {sum, den}, em.type(sum), call.loc),
                  call.loc);
}

template <bool Max> Value reduceMinMax(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  ReduceOpts o;
  if (!readReduceOpts(c, call, c.emit().type(x).shape.size(), o))
    return {};
  return c.tensor(emitReduce(c, Max ? "reduce_max" : "reduce_min", x, o,
                             c.emit().type(x).dtype, call.loc),
                  call.loc);
}

template <bool All> Value allAny(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  ReduceOpts o;
  if (!readReduceOpts(c, call, c.emit().type(x).shape.size(), o))
    return {};
  return c.tensor(emitReduce(c, All ? "reduce_all" : "reduce_any", x, o,
                             DType::U8, call.loc),
                  call.loc);
}

template <bool Max> Value argFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  Emitter &em = c.emit();
  size_t rank = em.type(x).shape.size();
  bool haveAxis = false, keep = false, high = false;
  int64_t axis = 0;
  DType outT = DType::S32; // Nx's default `type:`
  if (call.options) {
    for (size_t i = 0; i < call.options->keys.size(); ++i) {
      const Expr &v = *call.options->elems[i];
      const std::string &k = call.options->keys[i];
      if (k == "axis") {
        haveAxis = true;
        if (!c.optionInt(v, "`axis`", axis) ||
            !c.normalizeAxis(axis, rank, v.loc, "`" + call.name + "`"))
          return {};
      } else if (k == "keep_axis") {
        if (!c.optionBool(v, "`keep_axis`", keep))
          return {};
      } else if (k == "tie_break") {
        if (v.kind != Expr::Kind::Atom ||
            (v.name != "low" && v.name != "high")) {
          c.diagnose(v.loc, DiagKind::TieBreakValue);
          return {};
        }
        high = v.name == "high";
      } else if (k == "type") {
        if (!c.optionDType(v, "`type`", outT))
          return {};
        if (isFloat(outT) || outT == DType::Pred) {
          c.diagnose(v.loc, DiagKind::IndexTypeNotInteger, call.name,
                     dtypeName(outT));
          return {};
        }
      }
    }
  }
  if (!haveAxis) {
    // Nx: the index into the flattened tensor.
    bool allStatic;
    int64_t n = numElements(em.type(x).shape, allStatic);
    Dim flat{n, ""};
    if (!allStatic) {
      // A single dynamic dim with static ones of size 1 keeps its symbol.
      int dyn = 0;
      for (const Dim &d : em.type(x).shape)
        if (!d.isStatic()) {
          ++dyn;
          flat = d;
        }
      if (dyn != 1 || n != 1)
        flat = c.freshDim();
    }
    x = em.reshape(x, {flat}, call.loc);
    axis = 0;
    keep = false;
  }
  TensorType rt;
  rt.dtype = DType::S64;
  rt.shape = reducedShape(em.type(x).shape, {axis}, keep);
  int id = em.prim(Max ? "argmax" : "argmin", {x}, rt, call.loc);
  em.setInt(id, "axis", axis);
  em.setBool(id, "keep_axis", keep);
  em.setBool(id, "tie_break_high", high);
  // nx.argmax/argmin produce s64 indices; Nx's `type:` is a conversion.
  return c.tensor(em.convert(id, outT, call.loc), call.loc);
}

} // namespace

void registerReductions(std::vector<NxFunctionInfo> &t) {
  std::vector<const char *> ro = {"axes", "keep_axes"};
  std::vector<const char *> ao = {"axis", "keep_axis", "tie_break", "type"};
  t.push_back({"Nx", "sum", 1, 1, ro, sumLike<false>});
  t.push_back({"Nx", "product", 1, 1, ro, sumLike<true>});
  t.push_back({"Nx", "mean", 1, 1, ro, meanFn});
  t.push_back({"Nx", "reduce_max", 1, 1, ro, reduceMinMax<true>});
  t.push_back({"Nx", "reduce_min", 1, 1, ro, reduceMinMax<false>});
  t.push_back({"Nx", "all", 1, 1, ro, allAny<true>});
  t.push_back({"Nx", "any", 1, 1, ro, allAny<false>});
  t.push_back({"Nx", "argmax", 1, 1, ao, argFn<true>});
  t.push_back({"Nx", "argmin", 1, 1, ao, argFn<false>});
}

} // namespace nxc
