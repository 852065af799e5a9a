//===- CheckNxBitwise.cpp - Bitwise and integer bit functions --------------===//
//
// This file implements Nx.bitwise_and/or/xor/not, left_shift, right_shift,
// population_count and count_leading_zeros (integer tensors only; the binary
// ones merge types and broadcast as Nx does, booleans act as u8) and
// Nx.bitcast (same bit width), each the dialect op of the same name.
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"

namespace nxc {
namespace {

/// Reports a float operand (tensor or number literal) of a bitwise function.
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

template <const char *Op> Value bitwiseBinaryFn(Checker &c, NxCall &call) {
  if (!integerOperand(c, call, call.args[0]) ||
      !integerOperand(c, call, call.args[1]))
    return {};
  return c.binary(Op, call.args[0], call.args[1], call.loc,
                  "`" + call.name + "`");
}

template <const char *Op> Value bitwiseUnaryFn(Checker &c, NxCall &call) {
  if (!integerOperand(c, call, call.args[0]))
    return {};
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  Emitter &em = c.emit();
  if (em.type(x).dtype == DType::Pred)
    x = em.convert(x, DType::U8, call.loc);
  return c.tensor(em.prim(Op, {x}, em.type(x), call.loc), call.loc);
}

Value bitcastFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.bitcast`", x))
    return {};
  const Value &tv = call.args[1];
  DType dt;
  // The type is read from the evaluated argument, not from the call's source,
  // so that `&Nx.bitcast/2` called through a function value works too.
  const std::string what = "the type of `Nx.bitcast`";
  if (tv.kind == Value::Kind::Tuple && tv.elems.size() == 2 &&
      tv.elems[0].kind == Value::Kind::Static && tv.elems[0].expr &&
      tv.elems[0].expr->kind == Expr::Kind::Atom &&
      tv.elems[1].kind == Value::Kind::Number &&
      !tv.elems[1].isFloatNumber) { // `{:s, 8}`
    std::string name = tv.elems[0].expr->name +
                       std::to_string(tv.elems[1].intValue);
    if (!parseDType(name, dt)) {
      c.diagnose(tv.loc, DiagKind::UnsupportedDType, name);
      return {};
    }
  } else if (tv.kind != Value::Kind::Static || !tv.expr) {
    c.diagnose(tv.loc, DiagKind::OptionNotType, what);
    return {};
  } else if (!c.optionDType(*tv.expr, what, dt)) {
    return {};
  }
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  if (bitWidth(t.dtype) != bitWidth(dt) || t.dtype == DType::Pred ||
      dt == DType::Pred) {
    c.diagnose(tv.loc, DiagKind::BitcastWidth, dtypeName(t.dtype),
               bitWidth(t.dtype), dtypeName(dt), bitWidth(dt));
    return {};
  }
  if (t.dtype == dt)
    return c.tensor(x, call.loc);
  t.dtype = dt;
  return c.tensor(em.prim("bitcast", {x}, t, call.loc), call.loc);
}

constexpr char BitAnd[] = "bitwise_and";
constexpr char BitOr[] = "bitwise_or";
constexpr char BitXor[] = "bitwise_xor";
constexpr char BitNot[] = "bitwise_not";
constexpr char LeftShift[] = "left_shift";
constexpr char RightShift[] = "right_shift";
constexpr char PopCount[] = "population_count";
constexpr char Clz[] = "count_leading_zeros";

} // namespace

void registerBitwise(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx", "bitwise_and", 2, 2, {}, bitwiseBinaryFn<BitAnd>});
  t.push_back({"Nx", "bitwise_or", 2, 2, {}, bitwiseBinaryFn<BitOr>});
  t.push_back({"Nx", "bitwise_xor", 2, 2, {}, bitwiseBinaryFn<BitXor>});
  t.push_back({"Nx", "left_shift", 2, 2, {}, bitwiseBinaryFn<LeftShift>});
  t.push_back({"Nx", "right_shift", 2, 2, {}, bitwiseBinaryFn<RightShift>});
  t.push_back({"Nx", "bitwise_not", 1, 1, {}, bitwiseUnaryFn<BitNot>});
  t.push_back({"Nx", "population_count", 1, 1, {}, bitwiseUnaryFn<PopCount>});
  t.push_back(
      {"Nx", "count_leading_zeros", 1, 1, {}, bitwiseUnaryFn<Clz>});
  t.push_back({"Nx", "bitcast", 2, 2, {}, bitcastFn});
}

} // namespace nxc
