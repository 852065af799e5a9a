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
    if (toWidth < fromWidth)
      return arith::TruncFOp::create(b, loc, dst, value);
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

static Value isNan(const Scalar &s) {
  return s.toPred(arith::CmpFOp::create(s.b, s.loc, arith::CmpFPredicate::UNO,
                                        s.args[0], s.args[0]));
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
        scalarFn(scalarFn) {}

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
  add(FloorOp(), unaryMath<math::FloorOp>);
  add(CeilOp(), unaryMath<math::CeilOp>);
  add(RoundOp(), unaryMath<math::RoundOp>);
  add(SigmoidOp(), sigmoid);
  add(AbsOp(), abs);
  add(NegateOp(), negate);
  add(SignOp(), sign);
  add(IsNanOp(), isNan);
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
