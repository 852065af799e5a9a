//===- CheckNxMisc.cpp - More element-wise, creation and constant functions ===//
//
// This file implements the Nx functions that complete the element-wise and
// creation families: the inverse and hyperbolic trigonometric functions,
// erfc, is_infinity, log2/log10 and the two-argument log; all_close; tri,
// fill and to_tensor; and the Nx.Constants euler_gamma, epsilon, max_finite,
// min_finite and smallest_positive_normal, whose values per dtype are the bit
// patterns Nx.Type uses (its f16/bf16 values are truncated, not rounded).
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace nxc {
namespace {

/// acos ... erfc: integers are converted to f32 first (Nx's to_floating).
template <const char *Op> Value floatUnaryFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  TensorType t = c.emit().type(x);
  t.dtype = toFloating(t.dtype);
  x = c.emit().convert(x, t.dtype, call.loc);
  return c.tensor(c.emit().prim(Op, {x}, t, call.loc), call.loc);
}

/// Nx.is_infinity: u8 of the input's shape; integers are never infinite
/// (they are converted to f32 first, as for `Nx.is_nan`).
Value isInfinityFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.is_infinity`", x))
    return {};
  TensorType t = c.emit().type(x);
  x = c.emit().convert(x, toFloating(t.dtype), call.loc);
  t.dtype = DType::U8;
  return c.tensor(c.emit().prim("is_infinity", {x}, t, call.loc), call.loc);
}

/// Nx defines log2(t) and log10(t) as `divide(log(t), log(base))` with an f32
/// `log(base)`: the result type is merge(to_floating(t), f32), so f16 and
/// bf16 inputs give f32. nxc keeps that type but computes the exact logarithm
/// (math.log2/math.log10) instead of dividing by a rounded f32 constant.
template <const char *Op> Value logBaseFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  TensorType t = c.emit().type(x);
  t.dtype = mergeTypes(toFloating(t.dtype), DType::F32);
  x = c.emit().convert(x, t.dtype, call.loc);
  return c.tensor(c.emit().prim(Op, {x}, t, call.loc), call.loc);
}

/// Nx.log/1 and Nx.log/2: `log(t, base)` is `log(t) / log(base)`. A number
/// base must be positive and not 1 (as in Nx); its logarithm is folded into a
/// constant of the result type, which is Nx's merge(to_floating(t), f32) (a
/// number base's log is an f32 tensor in Nx) or, for a tensor base, the merge
/// of both floating types.
Value logFn(Checker &c, NxCall &call) {
  if (call.args.size() == 1)
    return c.unary("log", call.args[0], call.loc, "`Nx.log`");
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.log`", x))
    return {};
  Emitter &em = c.emit();
  const Value &base = call.args[1];
  DType xt = toFloating(em.type(x).dtype);
  if (base.kind == Value::Kind::Number) {
    double b = base.number();
    if (!(b > 0) || b == 1) {
      char text[32];
      if (base.isFloatNumber)
        std::snprintf(text, sizeof text, "%g", b);
      else
        std::snprintf(text, sizeof text, "%lld",
                      static_cast<long long>(base.intValue));
      c.diagnose(base.loc, DiagKind::LogBase, std::string(text));
      return {};
    }
    TensorType t = em.type(x);
    t.dtype = mergeTypes(xt, DType::F32);
    x = em.convert(x, t.dtype, call.loc);
    int lx = em.prim("log", {x}, t, call.loc);
    int lb = em.broadcastTo(em.splat({t.dtype, {}}, std::log(b), base.loc),
                            t.shape, call.loc);
    return c.tensor(em.prim("divide", {lx, lb}, t, call.loc), call.loc);
  }
  int bn;
  if (!c.expectTensor(base, "base of `Nx.log`", bn))
    return {};
  DType rt = mergeTypes(xt, toFloating(em.type(bn).dtype));
  Value lx = c.unary("log", c.tensor(em.convert(x, rt, call.loc), call.loc),
                     call.loc, "`Nx.log`");
  Value lb = c.unary("log", c.tensor(em.convert(bn, rt, call.loc), base.loc),
                     call.loc, "`Nx.log`");
  lb.varName = base.varName;
  lb.declLoc = base.declLoc;
  return c.binary("divide", lx, lb, call.loc, "`Nx.log`");
}

/// A number option (`rtol:`, `atol:`); false after reporting.
bool numberOption(Checker &c, const Expr &e, const std::string &what,
                  Value &out) {
  out = c.checkExpr(e);
  if (out.isInvalid())
    return false;
  if (out.kind == Value::Kind::Number)
    return true;
  c.diagnose(e.loc, DiagKind::OptionNotNumber, what);
  return false;
}


/// Nx.all_close(a, b, rtol:, atol:, equal_nan:), as Nx computes it:
/// all(|a - b| <= atol + rtol * |b|) where infinities must be equal and,
/// with `equal_nan: true`, NaNs in both count as close. For two integer
/// inputs |b| is taken in f64 and infinities/NaNs do not arise.
Value allCloseFn(Checker &c, NxCall &call) {
  Value rtol = Value::floatNumber(1e-5, call.loc),
        atol = Value::floatNumber(1e-8, call.loc);
  bool equalNan = false;
  if (call.options)
    for (size_t i = 0; i < call.options->keys.size(); ++i) {
      const std::string &k = call.options->keys[i];
      const Expr &v = *call.options->elems[i];
      if ((k == "rtol" && !numberOption(c, v, "`rtol`", rtol)) ||
          (k == "atol" && !numberOption(c, v, "`atol`", atol)) ||
          (k == "equal_nan" && !c.optionBool(v, "`equal_nan`", equalNan)))
        return {};
    }
  Value a = c.materialize(call.args[0]), b = c.materialize(call.args[1]);
  int an, bn;
  if (!c.expectTensor(a, "argument of `Nx.all_close`", an) ||
      !c.expectTensor(b, "argument of `Nx.all_close`", bn))
    return {};
  Emitter &em = c.emit();
  std::string what = "`Nx.all_close`";
  bool ints = !isFloat(em.type(an).dtype) && !isFloat(em.type(bn).dtype);
  Value diff = c.unary("abs", c.binary("subtract", a, b, call.loc, what),
                       call.loc, what);
  if (diff.isInvalid())
    return {};
  Value absB = c.unary(
      "abs", ints ? c.tensor(em.convert(bn, DType::F64, call.loc), b.loc) : b,
      call.loc, what);
  Value bound = c.binary("add", atol,
                         c.binary("multiply", rtol, absB, call.loc, what),
                         call.loc, what);
  Value close = c.binary("less_equal", diff, bound, call.loc, what);
  if (close.isInvalid())
    return {};
  if (!ints) {
    auto isInf = [&](const Value &v) {
      TensorType t = em.type(v.node);
      int f = em.convert(v.node, toFloating(t.dtype), call.loc);
      t.dtype = DType::U8;
      return c.tensor(em.prim("is_infinity", {f}, t, call.loc), call.loc);
    };
    Value anyInf = c.binary("logical_or", isInf(a), isInf(b), call.loc, what);
    Value eq = c.binary("equal", a, b, call.loc, what);
    close = c.binary("logical_or", c.binary("logical_and", anyInf, eq,
                                            call.loc, what),
                     c.binary("logical_and",
                              c.unary("logical_not", anyInf, call.loc, what),
                              close, call.loc, what),
                     call.loc, what);
    if (equalNan) {
      Value nans = c.binary("logical_and", c.unary("is_nan", a, call.loc, what),
                            c.unary("is_nan", b, call.loc, what), call.loc,
                            what);
      close = c.binary("logical_or", nans, close, call.loc, what);
    }
  }
  const TensorType &ct = em.type(close.node);
  std::vector<int64_t> axes;
  for (size_t i = 0; i < ct.shape.size(); ++i)
    axes.push_back(static_cast<int64_t>(i));
  int all = em.prim("reduce_all", {close.node}, {DType::U8, {}}, call.loc);
  em.setArray(all, "axes", axes);
  em.setBool(all, "keep_axes", false);
  return c.tensor(all, call.loc);
}

/// A size argument of `Nx.tri`: a non-negative integer, or a size read from a
/// dynamic dimension (`Nx.axis_size` of a size variable).
bool sizeArg(Checker &c, const Value &v, Dim &out) {
  if (v.kind == Value::Kind::Number && !v.isFloatNumber && v.intValue >= 0) {
    out = Dim{v.intValue, ""};
    return true;
  }
  if (v.kind == Value::Kind::Tensor && !v.sizeSym.empty()) {
    out = Dim{-1, v.sizeSym};
    return true;
  }
  c.diagnose(v.loc, DiagKind::TriSize);
  return false;
}

/// Nx.tri(n, m, k: k): u8[n][m], 1 where col - row <= k.
Value triFn(Checker &c, NxCall &call) {
  std::vector<Dim> shape(2);
  if (!sizeArg(c, call.args[0], shape[0]) ||
      !sizeArg(c, call.args[1], shape[1]))
    return {};
  int64_t k = 0;
  if (call.options)
    for (size_t i = 0; i < call.options->keys.size(); ++i)
      if (call.options->keys[i] == "k" &&
          !c.optionInt(*call.options->elems[i], "`k`", k))
        return {};
  Emitter &em = c.emit();
  TensorType s64{DType::S64, shape};
  int rows = em.prim("iota", {}, s64, call.loc);
  em.setInt(rows, "axis", 0);
  int cols = em.prim("iota", {}, s64, call.loc);
  em.setInt(cols, "axis", 1);
  int diff = em.prim("subtract", {cols, rows}, s64, call.loc);
  int kk = em.broadcastTo(em.constantInts({DType::S64, {}}, {k}, call.loc),
                          shape, call.loc);
  return c.tensor(
      em.prim("less_equal", {diff, kk}, {DType::U8, shape}, call.loc),
      call.loc);
}

/// Nx.fill(t, value, type: type): `value` converted to the type (default:
/// the merge of t's type and value's) and broadcast to t's shape.
Value fillFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.fill`", x))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  const Value &v = call.args[1];
  int vn = -1;
  if (v.kind == Value::Kind::Number) {
    t.dtype = mergeNumber(t.dtype, v.isFloatNumber, v.intValue);
  } else {
    if (!c.expectTensor(v, "value of `Nx.fill`", vn))
      return {};
    t.dtype = mergeTypes(t.dtype, em.type(vn).dtype);
  }
  if (t.dtype == DType::Pred)
    t.dtype = DType::U8;
  if (call.options)
    for (size_t i = 0; i < call.options->keys.size(); ++i)
      if (call.options->keys[i] == "type" &&
          !c.optionDType(*call.options->elems[i], "`type`", t.dtype))
        return {};
  if (vn < 0)
    return c.tensor(em.broadcastTo(em.splat({t.dtype, {}}, v.number(), v.loc),
                                   t.shape, call.loc),
                    call.loc);
  std::vector<Dim> shape;
  Value xv = c.tensor(x, call.args[0].loc);
  if (!c.broadcastShapes({&xv, &v}, "`Nx.fill`", call.loc, shape))
    return {};
  if (shape != t.shape) {
    c.diagnose(v.loc, DiagKind::BroadcastToRank,
               shapeToString(em.type(vn).shape), shapeToString(t.shape));
    return {};
  }
  vn = em.convert(vn, t.dtype, call.loc);
  return c.tensor(em.broadcastTo(vn, t.shape, call.loc), call.loc);
}

/// Nx.to_tensor: tensors are returned as they are, numbers become 0-d
/// tensors of their default type.
Value toTensorFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.to_tensor`", x))
    return {};
  Value r = c.tensor(x, call.args[0].loc);
  r.varName = call.args[0].varName;
  r.declLoc = call.args[0].declLoc;
  r.sizeSym = call.args[0].sizeSym;
  return r;
}

enum class Const { EulerGamma, Epsilon, MaxFinite, MinFinite, SmallestNormal };

/// The value of a float constant in `dt`, as Nx.Type's bit patterns give it.
double floatConstant(Const k, DType dt) {
  bool f64 = dt == DType::F64, f32 = dt == DType::F32;
  bool f16 = dt == DType::F16;
  switch (k) {
  case Const::EulerGamma:
    // f16 0x389E and bf16 0x3F13 are the truncated patterns Nx uses.
    return f64 ? 0.57721566490153286061
           : f32 ? static_cast<double>(0.5772156649015329f)
           : f16 ? 0.5771484375
                 : 0.57421875;
  case Const::Epsilon:
    return f64 ? std::ldexp(1.0, -52) : f32 ? std::ldexp(1.0, -23)
           : f16 ? std::ldexp(1.0, -10)
                 : std::ldexp(1.0, -7);
  case Const::MaxFinite:
  case Const::MinFinite: {
    double m = f64   ? std::numeric_limits<double>::max()
               : f32 ? static_cast<double>(std::numeric_limits<float>::max())
               : f16 ? 65504.0
                     : std::ldexp(255.0, 120); // bf16 0x7F7F
    return k == Const::MaxFinite ? m : -m;
  }
  case Const::SmallestNormal:
    return f64 ? std::ldexp(1.0, -1022) : f32 ? std::ldexp(1.0, -126)
           : f16 ? std::ldexp(1.0, -14)
                 : std::ldexp(1.0, -126);
  }
  return 0;
}

/// The largest (or smallest) value of an integer dtype, as the int64 bit
/// pattern constants carry (u64's maximum is all ones).
int64_t intLimit(DType dt, bool max) {
  if (!isSigned(dt))
    return max ? (bitWidth(dt) == 64 ? -1
                                     : (int64_t{1} << bitWidth(dt)) - 1)
               : 0;
  unsigned w = bitWidth(dt);
  if (w == 64)
    return max ? std::numeric_limits<int64_t>::max()
               : std::numeric_limits<int64_t>::min();
  return max ? (int64_t{1} << (w - 1)) - 1 : -(int64_t{1} << (w - 1));
}

/// A type argument: an atom (`:f32`), a `{:f, 32}` tuple (checked into a
/// tuple of a term and a number) or a term computed by `Nx.type`.
bool typeArg(Checker &c, const Value &t, const std::string &what,
             DType &dt) {
  if (t.kind == Value::Kind::Static && t.expr)
    return c.optionDType(*t.expr, what, dt);
  if (t.kind == Value::Kind::Tuple && t.elems.size() == 2 &&
      t.elems[0].kind == Value::Kind::Static && t.elems[0].expr &&
      t.elems[0].expr->kind == Expr::Kind::Atom &&
      t.elems[1].kind == Value::Kind::Number && !t.elems[1].isFloatNumber) {
    std::string name =
        t.elems[0].expr->name + std::to_string(t.elems[1].intValue);
    if (parseDType(name, dt))
      return true;
    c.diagnose(t.loc, DiagKind::UnsupportedDType, name);
    return false;
  }
  c.diagnose(t.loc, DiagKind::OptionNotType, what);
  return false;
}

template <Const K> Value constantFn(Checker &c, NxCall &call) {
  DType dt = DType::F32;
  if (!call.args.empty()) {
    const Value &t = call.args[0];
    if (!typeArg(c, t, "the type of `" + call.name + "`", dt))
      return {};
    bool intOk = K == Const::MaxFinite || K == Const::MinFinite;
    if (!isFloat(dt) && !(intOk && isInteger(dt))) {
      c.diagnose(t.loc, DiagKind::NeedsFloatType, call.name, dtypeName(dt));
      return {};
    }
  }
  Emitter &em = c.emit();
  if (!isFloat(dt))
    return c.tensor(em.constantInts({dt, {}},
                                    {intLimit(dt, K == Const::MaxFinite)},
                                    call.loc),
                    call.loc);
  return c.tensor(em.constantFloats({dt, {}}, {floatConstant(K, dt)},
                                    call.loc),
                  call.loc);
}

#define NX_OP(name) constexpr char k_##name[] = #name;
NX_OP(acos) NX_OP(asin) NX_OP(atan) NX_OP(acosh) NX_OP(asinh) NX_OP(atanh)
NX_OP(cosh) NX_OP(sinh) NX_OP(erfc) NX_OP(log2) NX_OP(log10)
#undef NX_OP

} // namespace

void registerMiscElementwise(std::vector<NxFunctionInfo> &t) {
#define UNARY(name)                                                            \
  t.push_back({"Nx", #name, 1, 1, {}, floatUnaryFn<k_##name>});
  UNARY(acos) UNARY(asin) UNARY(atan) UNARY(acosh) UNARY(asinh) UNARY(atanh)
  UNARY(cosh) UNARY(sinh) UNARY(erfc)
#undef UNARY
  t.push_back({"Nx", "log2", 1, 1, {}, logBaseFn<k_log2>});
  t.push_back({"Nx", "log10", 1, 1, {}, logBaseFn<k_log10>});
  t.push_back({"Nx", "log", 1, 2, {}, logFn});
  t.push_back({"Nx", "is_infinity", 1, 1, {}, isInfinityFn});
  t.push_back(
      {"Nx", "all_close", 2, 2, {"rtol", "atol", "equal_nan"}, allCloseFn});
  t.push_back({"Nx", "tri", 2, 2, {"k"}, triFn});
  t.push_back({"Nx", "fill", 2, 2, {"type"}, fillFn});
  t.push_back({"Nx", "to_tensor", 1, 1, {}, toTensorFn});
  t.push_back({"Nx.Constants", "euler_gamma", 0, 1, {},
               constantFn<Const::EulerGamma>});
  t.push_back({"Nx.Constants", "epsilon", 1, 1, {}, constantFn<Const::Epsilon>});
  t.push_back(
      {"Nx.Constants", "max_finite", 1, 1, {}, constantFn<Const::MaxFinite>});
  t.push_back(
      {"Nx.Constants", "min_finite", 1, 1, {}, constantFn<Const::MinFinite>});
  t.push_back({"Nx.Constants", "smallest_positive_normal", 1, 1, {},
               constantFn<Const::SmallestNormal>});
  registerPadOuter(t);
}

} // namespace nxc
