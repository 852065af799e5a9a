//===- NxToLinalgElementwise.cpp - elementwise nx ops to linalg -*- C++ -*-===//
//
// This file implements the nx-to-linalg patterns for elementwise ops: each
// becomes one all-parallel `linalg.generic` with identity indexing maps whose
// body is the scalar arith/math computation, chosen by the signedness of the
// original nx element type. Integer division and remainder never trap.
//
//===----------------------------------------------------------------------===//

#include "NxToLinalgCommon.h"
#include "ir/NxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/TypeUtilities.h"

#include <limits>

using namespace mlir;
using namespace nxc;
using namespace nxc::nxtolinalg;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

bool nxtolinalg::isUnsignedInt(Type type) {
  auto intType = dyn_cast<IntegerType>(type);
  return intType && (intType.isUnsigned() || intType.getWidth() == 1);
}

Type nxtolinalg::toSignless(Type type) {
  if (auto intType = dyn_cast<IntegerType>(type);
      intType && !intType.isSignless())
    return IntegerType::get(type.getContext(), intType.getWidth());
  return type;
}

Value nxtolinalg::createScalarConstant(OpBuilder &b, Location loc, Type type,
                                       double value) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(floatType, value));
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type, static_cast<int64_t>(value)));
}

static Value intConstant(OpBuilder &b, Location loc, Type type,
                         const APInt &value) {
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, value));
}

Value nxtolinalg::createIsNonZero(OpBuilder &b, Location loc, Value value) {
  Type type = value.getType();
  if (type.isInteger(1))
    return value;
  Value zero = createScalarConstant(b, loc, type, 0);
  if (isa<FloatType>(type))
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, value,
                                 zero);
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, value, zero);
}

/// Float to integer conversion that saturates out-of-range values and maps
/// NaN to 0 (XLA's behaviour) instead of producing poison.
static Value floatToInt(OpBuilder &b, Location loc, Value value, Type to) {
  Type dst = toSignless(to);
  unsigned width = dst.getIntOrFloatBitWidth();
  bool isUnsigned = isUnsignedInt(to);
  Type floatType = value.getType();
  APInt maxInt =
      isUnsigned ? APInt::getMaxValue(width) : APInt::getSignedMaxValue(width);
  APInt minInt =
      isUnsigned ? APInt::getMinValue(width) : APInt::getSignedMinValue(width);
  // 2^width (unsigned) or 2^(width-1) (signed) is exactly representable.
  double upper = std::ldexp(1.0, isUnsigned ? width : width - 1);
  double lower = isUnsigned ? -1.0 : -upper;
  Value converted =
      isUnsigned ? arith::FPToUIOp::create(b, loc, dst, value).getResult()
                 : arith::FPToSIOp::create(b, loc, dst, value).getResult();
  Value tooHigh =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, value,
                            createScalarConstant(b, loc, floatType, upper));
  Value tooLow = arith::CmpFOp::create(
      b, loc,
      isUnsigned ? arith::CmpFPredicate::OLE : arith::CmpFPredicate::OLT, value,
      createScalarConstant(b, loc, floatType, lower));
  Value isNan =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, value, value);
  Value result = arith::SelectOp::create(
      b, loc, tooHigh, intConstant(b, loc, dst, maxInt), converted);
  result = arith::SelectOp::create(b, loc, tooLow,
                                   intConstant(b, loc, dst, minInt), result);
  return arith::SelectOp::create(b, loc, isNan,
                                 createScalarConstant(b, loc, dst, 0), result);
}

Value nxtolinalg::createScalarConvert(OpBuilder &b, Location loc, Value value,
                                      Type from, Type to) {
  Type dst = toSignless(to);
  if (to.isInteger(1) && !from.isInteger(1))
    return createIsNonZero(b, loc, value);
  if (toSignless(from) == dst)
    return value;
  bool fromFloat = isa<FloatType>(from), toFloat = isa<FloatType>(to);
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (fromFloat && toFloat) {
    if (toWidth > fromWidth)
      return arith::ExtFOp::create(b, loc, dst, value);
    if (toWidth < fromWidth) {
      // f64 -> bf16 through f32: LLVM would call libgcc's __truncdfbf2,
      // which compiled modules do not link (off by one ulp on an f32 tie).
      if (dst.isBF16() && fromWidth > 32)
        value = arith::TruncFOp::create(b, loc, b.getF32Type(), value);
      return arith::TruncFOp::create(b, loc, dst, value);
    }
    // Same width, different format (f16 <-> bf16): go through f32.
    Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), value);
    return arith::TruncFOp::create(b, loc, dst, wide);
  }
  if (fromFloat)
    return floatToInt(b, loc, value, to);
  if (toFloat) {
    if (isUnsignedInt(from))
      return arith::UIToFPOp::create(b, loc, dst, value);
    return arith::SIToFPOp::create(b, loc, dst, value);
  }
  if (toWidth > fromWidth) {
    if (isUnsignedInt(from))
      return arith::ExtUIOp::create(b, loc, dst, value);
    return arith::ExtSIOp::create(b, loc, dst, value);
  }
  if (toWidth < fromWidth)
    return arith::TruncIOp::create(b, loc, dst, value);
  return value;
}

//===----------------------------------------------------------------------===//
// Scalar bodies
//===----------------------------------------------------------------------===//

namespace {
/// What a scalar body builder sees: the block arguments (signless) and the
/// original nx element types of the (first data) operand and the result.
struct Scalar {
  OpBuilder &b;
  Location loc;
  ValueRange args;
  Type inType;
  Type outType;

  bool isFloat() const { return isa<FloatType>(inType); }
  bool isUnsigned() const { return isUnsignedInt(inType); }
  Value cst(double v) const {
    return createScalarConstant(b, loc, args[0].getType(), v);
  }
  /// Widens an `i1` to the `ui8` 0/1 of a predicate result.
  Value toPred(Value i1) const {
    return arith::ExtUIOp::create(b, loc, b.getI8Type(), i1);
  }
};
using ScalarFn = Value (*)(const Scalar &);
} // namespace

template <typename MathOp> static Value unaryMath(const Scalar &s) {
  return MathOp::create(s.b, s.loc, s.args[0]);
}

template <typename FloatOp, typename IntOp>
static Value binaryArith(const Scalar &s) {
  if (s.isFloat())
    return FloatOp::create(s.b, s.loc, s.args[0], s.args[1]);
  return IntOp::create(s.b, s.loc, s.args[0], s.args[1]);
}

template <typename FloatOp, typename SignedOp, typename UnsignedOp>
static Value binaryMinMax(const Scalar &s) {
  if (s.isFloat())
    return FloatOp::create(s.b, s.loc, s.args[0], s.args[1]);
  if (s.isUnsigned())
    return UnsignedOp::create(s.b, s.loc, s.args[0], s.args[1]);
  return SignedOp::create(s.b, s.loc, s.args[0], s.args[1]);
}

/// 1 / sqrt(x). Not math.rsqrt: convert-math-to-libm turns that into a call
/// to `rsqrtf`, which libm does not have.
static Value rsqrt(const Scalar &s) {
  Value root = math::SqrtOp::create(s.b, s.loc, s.args[0]);
  return arith::DivFOp::create(s.b, s.loc, s.cst(1), root);
}

static Value sigmoid(const Scalar &s) {
  Value x = s.args[0];
  Value negX = arith::NegFOp::create(s.b, s.loc, x);
  Value expNegX = math::ExpOp::create(s.b, s.loc, negX);
  Value denom = arith::AddFOp::create(s.b, s.loc, s.cst(1), expNegX);
  return arith::DivFOp::create(s.b, s.loc, s.cst(1), denom);
}

static Value abs(const Scalar &s) {
  if (s.isFloat())
    return math::AbsFOp::create(s.b, s.loc, s.args[0]);
  if (s.isUnsigned())
    return s.args[0];
  // x < 0 ? 0 - x : x (INT_MIN stays INT_MIN). Not math.absi: MLIR 22's
  // convert-math-to-libm fails on it.
  Value x = s.args[0], zero = s.cst(0);
  Value isNeg =
      arith::CmpIOp::create(s.b, s.loc, arith::CmpIPredicate::slt, x, zero);
  Value negX = arith::SubIOp::create(s.b, s.loc, zero, x);
  return arith::SelectOp::create(s.b, s.loc, isNeg, negX, x);
}

static Value negate(const Scalar &s) {
  if (s.isFloat())
    return arith::NegFOp::create(s.b, s.loc, s.args[0]);
  return arith::SubIOp::create(s.b, s.loc, s.cst(0), s.args[0]);
}

/// sign(x): -1, 0 or 1; NaN and signed zeros are returned unchanged.
static Value sign(const Scalar &s) {
  OpBuilder &b = s.b;
  Value x = s.args[0], zero = s.cst(0), one = s.cst(1);
  if (s.isUnsigned()) {
    Value nonZero = createIsNonZero(b, s.loc, x);
    return arith::SelectOp::create(b, s.loc, nonZero, one, zero);
  }
  Value isPos, isNeg, otherwise = zero;
  if (s.isFloat()) {
    isPos = arith::CmpFOp::create(b, s.loc, arith::CmpFPredicate::OGT, x, zero);
    isNeg = arith::CmpFOp::create(b, s.loc, arith::CmpFPredicate::OLT, x, zero);
    otherwise = x;
  } else {
    isPos = arith::CmpIOp::create(b, s.loc, arith::CmpIPredicate::sgt, x, zero);
    isNeg = arith::CmpIOp::create(b, s.loc, arith::CmpIPredicate::slt, x, zero);
  }
  Value negOrOther =
      arith::SelectOp::create(b, s.loc, isNeg, s.cst(-1), otherwise);
  return arith::SelectOp::create(b, s.loc, isPos, one, negOrOther);
}

/// Horner's scheme for the polynomial with `coeffs` (highest degree first)
/// at `t`, as separate multiplies and adds (no fma: the f32 path must round
/// like Nx's BinaryBackend, which evaluates `acc * t + c` in f64).
static Value horner(OpBuilder &b, Location loc, Value t,
                    ArrayRef<double> coeffs) {
  Type f64 = b.getF64Type();
  Value p = createScalarConstant(b, loc, f64, coeffs.front());
  for (double c : coeffs.drop_front()) {
    Value pt = arith::MulFOp::create(b, loc, p, t);
    p = arith::AddFOp::create(b, loc, pt,
                              createScalarConstant(b, loc, f64, c));
  }
  return p;
}

/// erf_inv(x) = x * P(w) with w = -log((1 - x)(1 + x)), computed in f64 for
/// every float type (M. Giles, "Approximating the erfinv function", GPU
/// Computing Gems, 2011). f16/bf16/f32 use Giles' single-precision
/// polynomials, evaluated in f64 and rounded once, exactly as Nx's
/// BinaryBackend does (Complex.erf_inv), so Nx.Random.normal matches Nx
/// bit for bit. f64 uses Giles' double-precision polynomials (as XLA's
/// ErfInv64), with w from (1 - x)(1 + x), which unlike 1 - x*x stays exact
/// near |x| = 1. erf_inv(+-1) = +-inf; |x| > 1 and NaN give NaN.
static Value erfInv(const Scalar &s) {
  OpBuilder &b = s.b;
  Location loc = s.loc;
  Type ft = s.args[0].getType(), f64 = b.getF64Type();
  Value x = s.args[0];
  if (ft != f64)
    x = arith::ExtFOp::create(b, loc, f64, x);
  auto cst = [&](double v) { return createScalarConstant(b, loc, f64, v); };
  auto lt = [&](Value a, double v) {
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, a, cst(v));
  };
  auto sub = [&](Value a, double v) {
    return arith::SubFOp::create(b, loc, a, cst(v)).getResult();
  };
  Value oneMinus = arith::SubFOp::create(b, loc, cst(1), x);
  Value onePlus = arith::AddFOp::create(b, loc, cst(1), x);
  Value prod = arith::MulFOp::create(b, loc, oneMinus, onePlus);
  Value w = arith::NegFOp::create(b, loc, math::LogOp::create(b, loc, prod));
  Value sqrtW = math::SqrtOp::create(b, loc, w);
  Value p;
  if (ft != f64) {
    static const double small[] = {
        2.81022636e-08,  3.43273939e-07, -3.5233877e-06,
        -4.39150654e-06, 0.00021858087,  -0.00125372503,
        -0.00417768164,  0.246640727,    1.50140941};
    static const double large[] = {
        -0.000200214257, 0.000100950558, 0.00134934322,
        -0.00367342844,  0.00573950773,  -0.0076224613,
        0.00943887047,   1.00167406,     2.83297682};
    Value ps = horner(b, loc, sub(w, 2.5), small);
    Value pl = horner(b, loc, sub(sqrtW, 3), large);
    p = arith::SelectOp::create(b, loc, lt(w, 5), ps, pl);
  } else {
    static const double c0[] = {
        -3.6444120640178196996e-21, -1.685059138182016589e-19,
        1.2858480715256400167e-18,  1.115787767802518096e-17,
        -1.333171662854620906e-16,  2.0972767875968561637e-17,
        6.6376381343583238325e-15,  -4.0545662729752068639e-14,
        -8.1519341976054721522e-14, 2.6335093153082322977e-12,
        -1.2975133253453532498e-11, -5.4154120542946279317e-11,
        1.051212273321532285e-09,   -4.1126339803469836976e-09,
        -2.9070369957882005086e-08, 4.2347877827932403518e-07,
        -1.3654692000834678645e-06, -1.3882523362786468719e-05,
        0.0001867342080340571352,   -0.00074070253416626697512,
        -0.0060336708714301490533,  0.24015818242558961693,
        1.6536545626831027356};
    static const double c1[] = {
        2.2137376921775787049e-09,  9.0756561938885390979e-08,
        -2.7517406297064545428e-07, 1.8239629214389227755e-08,
        1.5027403968909827627e-06,  -4.013867526981545969e-06,
        2.9234449089955446044e-06,  1.2475304481671778723e-05,
        -4.7318229009055733981e-05, 6.8284851459573175448e-05,
        2.4031110387097893999e-05,  -0.0003550375203628474796,
        0.00095328937973738049703,  -0.0016882755560235047313,
        0.0024914420961078508066,   -0.0037512085075692412107,
        0.005370914553590063617,    1.0052589676941592334,
        3.0838856104922207635};
    static const double c2[] = {
        -2.7109920616438573243e-11, -2.5556418169965252055e-10,
        1.5076572693500548083e-09,  -3.7894654401267369937e-09,
        7.6157012080783393804e-09,  -1.4960026627149240478e-08,
        2.9147953450901080826e-08,  -6.7711997758452339498e-08,
        2.2900482228026654717e-07,  -9.9298272942317002539e-07,
        4.5260625972231537039e-06,  -1.9681778105531670567e-05,
        7.5995277030017761139e-05,  -0.00021503011930044477347,
        -0.00013871931833623122026, 1.0103004648645343977,
        4.8499064014085844221};
    Value p0 = horner(b, loc, sub(w, 3.125), c0);
    Value p1 = horner(b, loc, sub(sqrtW, 3.25), c1);
    Value p2 = horner(b, loc, sub(sqrtW, 5), c2);
    p = arith::SelectOp::create(b, loc, lt(w, 16), p1, p2);
    p = arith::SelectOp::create(b, loc, lt(w, 6.25), p0, p);
  }
  Value r = arith::MulFOp::create(b, loc, p, x);
  // w is +inf at |x| = 1, where the polynomials give nan or a wrong sign.
  Value absX = math::AbsFOp::create(b, loc, x);
  Value isOne = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, absX,
                                      cst(1));
  Value inf = arith::MulFOp::create(
      b, loc, x, cst(std::numeric_limits<double>::infinity()));
  r = arith::SelectOp::create(b, loc, isOne, inf, r);
  // bf16 goes through f32: f64 -> bf16 would need libgcc's __truncdfbf2
  // (double rounding, off by one bf16 ulp only on an f32 tie).
  if (ft.isBF16())
    r = arith::TruncFOp::create(b, loc, b.getF32Type(), r);
  if (ft != f64)
    r = arith::TruncFOp::create(b, loc, ft, r);
  return r;
}

static Value isNan(const Scalar &s) {
  return s.toPred(arith::CmpFOp::create(s.b, s.loc, arith::CmpFPredicate::UNO,
                                        s.args[0], s.args[0]));
}

/// |x| == inf: +-inf are 1, NaN and finite values 0.
static Value isInfinity(const Scalar &s) {
  Value absX = math::AbsFOp::create(s.b, s.loc, s.args[0]);
  Value inf = s.cst(std::numeric_limits<double>::infinity());
  return s.toPred(arith::CmpFOp::create(s.b, s.loc, arith::CmpFPredicate::OEQ,
                                        absX, inf));
}

static Value logicalNot(const Scalar &s) {
  Value x = s.args[0];
  Value isZero;
  if (s.isFloat())
    isZero = arith::CmpFOp::create(s.b, s.loc, arith::CmpFPredicate::OEQ, x,
                                   s.cst(0));
  else
    isZero = arith::CmpIOp::create(s.b, s.loc, arith::CmpIPredicate::eq, x,
                                   s.cst(0));
  return s.toPred(isZero);
}

/// Integer x / y that never traps: x / 0 = -1 (all ones), and for signed
/// integers INT_MIN / -1 = INT_MIN.
static Value divide(const Scalar &s) {
  OpBuilder &b = s.b;
  Location loc = s.loc;
  Value x = s.args[0], y = s.args[1];
  if (s.isFloat())
    return arith::DivFOp::create(b, loc, x, y);
  Value isZero =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, s.cst(0));
  Value allOnes =
      intConstant(b, loc, x.getType(),
                  APInt::getAllOnes(x.getType().getIntOrFloatBitWidth()));
  if (s.isUnsigned()) {
    Value safe = arith::SelectOp::create(b, loc, isZero, s.cst(1), y);
    Value q = arith::DivUIOp::create(b, loc, x, safe);
    return arith::SelectOp::create(b, loc, isZero, allOnes, q);
  }
  Value minInt = intConstant(
      b, loc, x.getType(),
      APInt::getSignedMinValue(x.getType().getIntOrFloatBitWidth()));
  Value overflow = arith::AndIOp::create(
      b, loc,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, minInt),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, allOnes));
  Value bad = arith::OrIOp::create(b, loc, isZero, overflow);
  Value safe = arith::SelectOp::create(b, loc, bad, s.cst(1), y);
  Value q = arith::DivSIOp::create(b, loc, x, safe);
  return arith::SelectOp::create(b, loc, isZero, allOnes, q);
}

/// Remainder with the sign of the dividend that never traps: rem(x, 0) = x
/// and rem(INT_MIN, -1) = 0. Float remainder is `arith.remf` (C fmod).
static Value remainder(const Scalar &s) {
  OpBuilder &b = s.b;
  Location loc = s.loc;
  Value x = s.args[0], y = s.args[1];
  if (s.isFloat())
    return arith::RemFOp::create(b, loc, x, y);
  Value isZero =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, s.cst(0));
  Value bad = isZero;
  if (!s.isUnsigned()) {
    unsigned width = x.getType().getIntOrFloatBitWidth();
    Value minInt =
        intConstant(b, loc, x.getType(), APInt::getSignedMinValue(width));
    Value negOne = intConstant(b, loc, x.getType(), APInt::getAllOnes(width));
    Value overflow = arith::AndIOp::create(
        b, loc,
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, minInt),
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, negOne));
    bad = arith::OrIOp::create(b, loc, isZero, overflow);
  }
  Value safe = arith::SelectOp::create(b, loc, bad, s.cst(1), y);
  Value r = s.isUnsigned()
                ? arith::RemUIOp::create(b, loc, x, safe).getResult()
                : arith::RemSIOp::create(b, loc, x, safe).getResult();
  return arith::SelectOp::create(b, loc, isZero, x, r);
}

/// Float pow is math.powf. Integer pow is math.ipowi on a non-negative
/// exponent; a negative one (as XLA) gives 1 for base 1, +-1 for base -1 and
/// 0 otherwise, so that ipowi's 1 / 0 for `0 ** -n` is never reached.
static Value pow(const Scalar &s) {
  OpBuilder &b = s.b;
  Location loc = s.loc;
  Value x = s.args[0], y = s.args[1];
  if (s.isFloat())
    return math::PowFOp::create(b, loc, x, y);
  Value zero = s.cst(0), one = s.cst(1), minusOne = s.cst(-1);
  Value isNegExp =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, y, zero);
  Value safeY = arith::SelectOp::create(b, loc, isNegExp, zero, y);
  Value power = math::IPowIOp::create(b, loc, x, safeY);
  Value yOdd =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne,
                            arith::AndIOp::create(b, loc, y, one), zero);
  Value isOne = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, one);
  Value isMinusOne =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, minusOne);
  Value minusOnePower = arith::SelectOp::create(b, loc, yOdd, minusOne, one);
  Value negative = arith::SelectOp::create(
      b, loc, isOne, one,
      arith::SelectOp::create(b, loc, isMinusOne, minusOnePower, zero));
  return arith::SelectOp::create(b, loc, isNegExp, negative, power);
}

template <arith::CmpFPredicate FloatPred, arith::CmpIPredicate SignedPred,
          arith::CmpIPredicate UnsignedPred>
static Value compare(const Scalar &s) {
  Value x = s.args[0], y = s.args[1];
  if (s.isFloat())
    return s.toPred(arith::CmpFOp::create(s.b, s.loc, FloatPred, x, y));
  return s.toPred(arith::CmpIOp::create(
      s.b, s.loc, s.isUnsigned() ? UnsignedPred : SignedPred, x, y));
}

template <typename LogicalOp> static Value logical(const Scalar &s) {
  Value x = createIsNonZero(s.b, s.loc, s.args[0]);
  Value y = createIsNonZero(s.b, s.loc, s.args[1]);
  return s.toPred(LogicalOp::create(s.b, s.loc, x, y));
}

static Value select(const Scalar &s) {
  Value pred = createIsNonZero(s.b, s.loc, s.args[0]);
  return arith::SelectOp::create(s.b, s.loc, pred, s.args[1], s.args[2]);
}

static Value convert(const Scalar &s) {
  return createScalarConvert(s.b, s.loc, s.args[0], s.inType, s.outType);
}

//===----------------------------------------------------------------------===//
// The pattern
//===----------------------------------------------------------------------===//

namespace {
/// Rewrites an elementwise nx op into an all-parallel `linalg.generic` with
/// identity maps whose body is built by `scalarFn`.
class ElementwiseLowering : public ConversionPattern {
public:
  ElementwiseLowering(const TypeConverter &converter, MLIRContext *ctx,
                      StringRef opName, ScalarFn scalarFn)
      : ConversionPattern(converter, opName, /*benefit=*/1, ctx),
        scalarFn(scalarFn) {
    setDebugName(kDebugName);
  }

  static constexpr llvm::StringLiteral kDebugName = "nx-elementwise";
  ScalarFn getScalarFn() const { return scalarFn; }

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op->getLoc();
    auto resultType = dyn_cast_or_null<RankedTensorType>(
        getTypeConverter()->convertType(op->getResult(0).getType()));
    if (!resultType)
      return rewriter.notifyMatchFailure(op, "unsupported result type");
    // For nx.select the data operands start at 1; the predicate's signedness
    // does not matter.
    Value dataOperand = op->getOperand(op->getNumOperands() == 3 ? 1 : 0);
    Type inType = getElementTypeOrSelf(dataOperand.getType());
    Type outType = getElementTypeOrSelf(op->getResult(0).getType());

    int64_t rank = resultType.getRank();
    SmallVector<int64_t> sameDims =
        llvm::to_vector(llvm::seq<int64_t>(0, rank));
    Value init =
        createEmptyFromDims(rewriter, loc, resultType, operands[0], sameDims);
    SmallVector<AffineMap> maps(operands.size() + 1,
                                rewriter.getMultiDimIdentityMap(rank));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, operands, ValueRange{init}, maps,
        iterators, [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          Scalar s{b, bodyLoc, args.drop_back(), inType, outType};
          Value result = scalarFn(s);
          linalg::YieldOp::create(b, bodyLoc, result);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }

private:
  ScalarFn scalarFn;
};
} // namespace

template <typename NxOp>
static void addElementwise(const TypeConverter &converter,
                           RewritePatternSet &patterns, ScalarFn fn) {
  patterns.add<ElementwiseLowering>(converter, patterns.getContext(),
                                    NxOp::getOperationName(), fn);
}

void nxtolinalg::populateNxElementwiseToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  using namespace nxc::nx;
  using arith::CmpFPredicate;
  using arith::CmpIPredicate;
  auto add = [&](auto tag, ScalarFn fn) {
    addElementwise<decltype(tag)>(converter, patterns, fn);
  };
  add(ExpOp(), unaryMath<math::ExpOp>);
  add(Expm1Op(), unaryMath<math::ExpM1Op>);
  add(LogOp(), unaryMath<math::LogOp>);
  add(Log1pOp(), unaryMath<math::Log1pOp>);
  add(SqrtOp(), unaryMath<math::SqrtOp>);
  add(RsqrtOp(), rsqrt);
  add(CbrtOp(), unaryMath<math::CbrtOp>);
  add(SinOp(), unaryMath<math::SinOp>);
  add(CosOp(), unaryMath<math::CosOp>);
  add(TanOp(), unaryMath<math::TanOp>);
  add(TanhOp(), unaryMath<math::TanhOp>);
  add(ErfOp(), unaryMath<math::ErfOp>);
  add(ErfInvOp(), erfInv);
  add(FloorOp(), unaryMath<math::FloorOp>);
  add(CeilOp(), unaryMath<math::CeilOp>);
  add(RoundOp(), unaryMath<math::RoundOp>);
  add(AcosOp(), unaryMath<math::AcosOp>);
  add(AsinOp(), unaryMath<math::AsinOp>);
  add(AtanOp(), unaryMath<math::AtanOp>);
  add(AcoshOp(), unaryMath<math::AcoshOp>);
  add(AsinhOp(), unaryMath<math::AsinhOp>);
  add(AtanhOp(), unaryMath<math::AtanhOp>);
  add(CoshOp(), unaryMath<math::CoshOp>);
  add(SinhOp(), unaryMath<math::SinhOp>);
  add(ErfcOp(), unaryMath<math::ErfcOp>);
  add(Log2Op(), unaryMath<math::Log2Op>);
  add(Log10Op(), unaryMath<math::Log10Op>);
  add(SigmoidOp(), sigmoid);
  add(AbsOp(), abs);
  add(NegateOp(), negate);
  add(SignOp(), sign);
  add(IsNanOp(), isNan);
  add(IsInfinityOp(), isInfinity);
  add(LogicalNotOp(), logicalNot);
  add(AddOp(), binaryArith<arith::AddFOp, arith::AddIOp>);
  add(SubtractOp(), binaryArith<arith::SubFOp, arith::SubIOp>);
  add(MultiplyOp(), binaryArith<arith::MulFOp, arith::MulIOp>);
  add(DivideOp(), divide);
  add(RemainderOp(), remainder);
  add(PowOp(), pow);
  add(MinOp(), binaryMinMax<arith::MinimumFOp, arith::MinSIOp, arith::MinUIOp>);
  add(MaxOp(), binaryMinMax<arith::MaximumFOp, arith::MaxSIOp, arith::MaxUIOp>);
  add(Atan2Op(), binaryArith<math::Atan2Op, math::Atan2Op>);
  add(EqualOp(),
      compare<CmpFPredicate::OEQ, CmpIPredicate::eq, CmpIPredicate::eq>);
  add(NotEqualOp(),
      compare<CmpFPredicate::UNE, CmpIPredicate::ne, CmpIPredicate::ne>);
  add(LessOp(),
      compare<CmpFPredicate::OLT, CmpIPredicate::slt, CmpIPredicate::ult>);
  add(LessEqualOp(),
      compare<CmpFPredicate::OLE, CmpIPredicate::sle, CmpIPredicate::ule>);
  add(GreaterOp(),
      compare<CmpFPredicate::OGT, CmpIPredicate::sgt, CmpIPredicate::ugt>);
  add(GreaterEqualOp(),
      compare<CmpFPredicate::OGE, CmpIPredicate::sge, CmpIPredicate::uge>);
  add(LogicalAndOp(), logical<arith::AndIOp>);
  add(LogicalOrOp(), logical<arith::OrIOp>);
  add(LogicalXorOp(), logical<arith::XOrIOp>);
  add(SelectOp(), select);
  add(ConvertOp(), convert);
}

nxtolinalg::ScalarBuilder nxtolinalg::getElementwiseScalarBuilder(Operation *op) {
  // The elementwise patterns hold each op's scalar body; look it up there.
  TypeConverter converter;
  RewritePatternSet patterns(op->getContext());
  populateNxElementwiseToLinalgPatterns(converter, patterns);
  for (const auto &p : patterns.getNativePatterns()) {
    if (p->getDebugName() != ElementwiseLowering::kDebugName ||
        p->getRootKind() != op->getName())
      continue;
    ScalarFn fn = static_cast<const ElementwiseLowering *>(p.get())->getScalarFn();
    Value data = op->getOperand(op->getNumOperands() == 3 ? 1 : 0);
    Type inType = getElementTypeOrSelf(data.getType());
    Type outType = getElementTypeOrSelf(op->getResult(0).getType());
    return [=](OpBuilder &b, Location loc, ValueRange args) {
      return fn(Scalar{b, loc, args, inType, outType});
    };
  }
  return nullptr;
}
