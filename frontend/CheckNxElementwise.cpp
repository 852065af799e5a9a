//===- CheckNxElementwise.cpp - Element-wise Nx functions -----------------===//
//
// This file implements the element-wise Nx functions: the unary math and
// rounding functions, the binary arithmetic, comparison and logical
// functions, `Nx.select` and `Nx.clip`. Type promotion and broadcasting are
// the Checker's `unary`/`binary` helpers.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

namespace nxc {
namespace {

template <const char *Op>
Value unaryFn(Checker &c, NxCall &call) {
  return c.unary(Op, call.args[0], call.loc, "`" + call.name + "`");
}

template <const char *Op>
Value binaryFn(Checker &c, NxCall &call) {
  return c.binary(Op, call.args[0], call.args[1], call.loc,
                  "`" + call.name + "`");
}

Value selectFn(Checker &c, NxCall &call) {
  int pred;
  if (!c.expectTensor(call.args[0], "predicate of `Nx.select`", pred))
    return {};
  Emitter &em = c.emit();
  TensorType pt = em.type(pred);
  if (isFloat(pt.dtype)) {
    // `nx.select` takes an integer predicate; a float one is true where it
    // is nonzero, as in Nx.
    int zero = em.broadcastTo(em.splat({pt.dtype, {}}, 0, call.loc), pt.shape,
                              call.loc);
    pred = em.prim("not_equal", {pred, zero}, {DType::U8, pt.shape},
                   call.loc);
  }
  Value p = c.tensor(pred, call.args[0].loc);
  p.varName = call.args[0].varName;
  p.declLoc = call.args[0].declLoc;
  const Value &t = call.args[1], &f = call.args[2];
  for (const Value *v : {&t, &f})
    if (v->kind != Value::Kind::Tensor && v->kind != Value::Kind::Number) {
      int dummy;
      c.expectTensor(*v, "branch of `Nx.select`", dummy);
      return {};
    }
  DType dt;
  Value tv = t, fv = f;
  if (t.kind == Value::Kind::Number && f.kind == Value::Kind::Number) {
    tv = c.materialize(t);
    fv = c.materialize(f);
    dt = mergeTypes(c.typeOf(tv).dtype, c.typeOf(fv).dtype);
  } else if (t.kind == Value::Kind::Number) {
    dt = mergeNumber(c.typeOf(f).dtype, t.isFloatNumber, t.intValue);
  } else if (f.kind == Value::Kind::Number) {
    dt = mergeNumber(c.typeOf(t).dtype, f.isFloatNumber, f.intValue);
  } else {
    dt = mergeTypes(c.typeOf(t).dtype, c.typeOf(f).dtype);
  }
  std::vector<Dim> shape;
  if (!c.broadcastShapes({&p, &tv, &fv}, "`Nx.select`", call.loc, shape))
    return {};
  auto prepare = [&](const Value &v) {
    TensorType ty;
    ty.dtype = dt;
    int id = v.kind == Value::Kind::Number
                 ? em.splat(ty, v.number(), v.loc)
                 : em.convert(v.node, dt, call.loc);
    return em.broadcastTo(id, shape, call.loc);
  };
  int pn = em.broadcastTo(pred, shape, call.loc);
  int tn = prepare(tv), fn = prepare(fv);
  TensorType rt;
  rt.dtype = dt;
  rt.shape = shape;
  return c.tensor(em.prim("select", {pn, tn, fn}, rt, call.loc), call.loc);
}

/// Nx.clip(t, min, max): as in Nx, numbers become tensors first (s32/f32,
/// not weakly typed) and the result type is merge(t, merge(min, max)). It is
/// `select(t < min, min, select(t > max, max, t))` rather than max/min so that
/// the gradient follows Nx's clip rule: an element exactly at a bound passes
/// its gradient to `t`, and a bound gets gradient only where it is strictly
/// exceeded (max/min would split a tie). NaN in `t` stays NaN.
Value clipFn(Checker &c, NxCall &call) {
  Emitter &em = c.emit();
  std::vector<Value> v;
  for (size_t i = 0; i < 3; ++i) {
    v.push_back(c.materialize(call.args[i]));
    int dummy;
    if (!c.expectTensor(v.back(), i == 0   ? "argument of `Nx.clip`"
                                  : i == 1 ? "min of `Nx.clip`"
                                           : "max of `Nx.clip`",
                        dummy))
      return {};
  }
  DType dt = mergeTypes(c.typeOf(v[0]).dtype,
                        mergeTypes(c.typeOf(v[1]).dtype, c.typeOf(v[2]).dtype));
  std::vector<Dim> shape;
  if (!c.broadcastShapes({&v[0], &v[1], &v[2]}, "`Nx.clip`", call.loc, shape))
    return {};
  int x = em.broadcastTo(em.convert(v[0].node, dt, call.loc), shape, call.loc);
  int lo = em.broadcastTo(em.convert(v[1].node, dt, call.loc), shape, call.loc);
  int hi = em.broadcastTo(em.convert(v[2].node, dt, call.loc), shape, call.loc);
  TensorType pt{DType::U8, shape}, rt{dt, shape};
  int below = em.prim("less", {x, lo}, pt, call.loc);
  int above = em.prim("greater", {x, hi}, pt, call.loc);
  int upper = em.prim("select", {above, hi, x}, rt, call.loc);
  return c.tensor(em.prim("select", {below, lo, upper}, rt, call.loc),
                  call.loc);
}

#define NX_OP(name) constexpr char k_##name[] = #name;
NX_OP(exp) NX_OP(expm1) NX_OP(log1p) NX_OP(sqrt) NX_OP(rsqrt)
NX_OP(cbrt) NX_OP(sin) NX_OP(cos) NX_OP(tan) NX_OP(tanh) NX_OP(sigmoid)
NX_OP(erf) NX_OP(erf_inv) NX_OP(abs) NX_OP(negate) NX_OP(sign) NX_OP(floor) NX_OP(ceil)
NX_OP(round) NX_OP(is_nan) NX_OP(logical_not)
NX_OP(add) NX_OP(subtract) NX_OP(multiply) NX_OP(divide) NX_OP(pow)
NX_OP(min) NX_OP(max) NX_OP(remainder) NX_OP(atan2) NX_OP(equal)
NX_OP(not_equal) NX_OP(less) NX_OP(less_equal) NX_OP(greater)
NX_OP(greater_equal) NX_OP(logical_and) NX_OP(logical_or) NX_OP(logical_xor)
#undef NX_OP

} // namespace

void registerElementwise(std::vector<NxFunctionInfo> &t) {
#define UNARY(name) t.push_back({"Nx", #name, 1, 1, {}, unaryFn<k_##name>});
  UNARY(exp) UNARY(expm1) UNARY(log1p) UNARY(sqrt) UNARY(rsqrt)
  UNARY(cbrt) UNARY(sin) UNARY(cos) UNARY(tan) UNARY(tanh) UNARY(sigmoid)
  UNARY(erf) UNARY(erf_inv) UNARY(abs) UNARY(negate) UNARY(sign) UNARY(floor) UNARY(ceil)
  UNARY(round) UNARY(is_nan) UNARY(logical_not)
#undef UNARY
  // Nx.log (with its base form log/2) is in CheckNxMisc.cpp.
#define BINARY(name) t.push_back({"Nx", #name, 2, 2, {}, binaryFn<k_##name>});
  BINARY(add) BINARY(subtract) BINARY(multiply) BINARY(divide) BINARY(pow)
  BINARY(min) BINARY(max) BINARY(remainder) BINARY(atan2) BINARY(equal)
  BINARY(not_equal) BINARY(less) BINARY(less_equal) BINARY(greater)
  BINARY(greater_equal) BINARY(logical_and) BINARY(logical_or)
  BINARY(logical_xor)
#undef BINARY
  t.push_back({"Nx", "select", 3, 3, {}, selectFn});
  t.push_back({"Nx", "clip", 3, 3, {}, clipFn});
}

} // namespace nxc
