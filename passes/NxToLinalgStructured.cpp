//===- NxToLinalgStructured.cpp - shape, reduction, dot ops ----*- C++ -*-===//
//
// This file implements the nx-to-linalg patterns for the non-elementwise ops:
// constants, broadcast_in_dim and transpose (parallel `linalg.generic`s with
// projected indexing maps), reshape (collapse/expand_shape), reductions,
// argmax/argmin and dot (`linalg.generic`s with reduction iterators over a
// `linalg.fill`ed init), iota and dim_size. Reductions are shaped for LLVM's
// loop vectorizer: float sums may reassociate, float max/min reduce integer
// keys that order like the floats.
//
//===----------------------------------------------------------------------===//

#include "NxToLinalgCommon.h"
#include "ir/NxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace nxc;
using namespace nxc::nxtolinalg;
namespace nx = nxc::nx;

Value nxtolinalg::createDimSize(OpBuilder &b, Location loc, Value tensor,
                                int64_t dim) {
  // Look through destination-style ops to the tensor.empty that sized them,
  // so the lowering adds no uses of intermediate results (a use by tensor.dim
  // would stop linalg-fuse-elementwise-ops from fusing their producer).
  int64_t staticSize = cast<RankedTensorType>(tensor.getType()).getDimSize(dim);
  if (!ShapedType::isDynamic(staticSize))
    return arith::ConstantIndexOp::create(b, loc, staticSize);
  while (auto result = dyn_cast<OpResult>(tensor)) {
    Operation *def = result.getOwner();
    if (auto empty = dyn_cast<tensor::EmptyOp>(def))
      return empty.getDynamicSize(dim);
    auto dps = dyn_cast<DestinationStyleOpInterface>(def);
    if (!dps || !dps.hasPureTensorSemantics())
      break;
    tensor = dps.getDpsInitOperand(result.getResultNumber())->get();
  }
  return tensor::DimOp::create(b, loc, tensor, dim);
}

Value nxtolinalg::createEmptyFromDims(OpBuilder &b, Location loc,
                                      RankedTensorType type, Value source,
                                      ArrayRef<int64_t> sourceDims) {
  SmallVector<Value> dynamicSizes;
  for (int64_t i = 0, e = type.getRank(); i < e; ++i)
    if (type.isDynamicDim(i))
      dynamicSizes.push_back(createDimSize(b, loc, source, sourceDims[i]));
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 dynamicSizes);
}

static RankedTensorType convertTensorType(const TypeConverter *converter,
                                          Type type) {
  return dyn_cast_or_null<RankedTensorType>(converter->convertType(type));
}

/// Fills `empty` with the scalar `value`.
static Value createFilled(OpBuilder &b, Location loc, Value empty,
                          Value value) {
  return linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{empty})
      .getResult(0);
}

/// Builds a `linalg.generic` whose body yields what `body` returns for the
/// block arguments, and returns its result number `resultIndex`.
static Value yieldingGeneric(
    OpBuilder &b, Location loc, TypeRange resultTypes, ValueRange inputs,
    ValueRange outputs, ArrayRef<AffineMap> maps,
    ArrayRef<utils::IteratorType> iterators,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> body,
    unsigned resultIndex = 0) {
  auto generic = linalg::GenericOp::create(
      b, loc, resultTypes, inputs, outputs, maps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        linalg::YieldOp::create(nb, nl, body(nb, nl, args));
      });
  return generic.getResult(resultIndex);
}

/// `value` (dense or dense_resource data) as a dense attribute of the
/// signless tensor type `type`, bit for bit.
static FailureOr<DenseElementsAttr> toSignlessDense(TypedAttr value,
                                                    RankedTensorType type) {
  if (auto dense = dyn_cast<DenseElementsAttr>(value))
    return dense.bitcast(type.getElementType());
  auto resource = dyn_cast<DenseResourceElementsAttr>(value);
  if (!resource || !resource.getRawHandle().getBlob())
    return failure();
  ArrayRef<char> data = resource.getRawHandle().getBlob()->getData();
  bool splat = false;
  if (!DenseElementsAttr::isValidRawBuffer(type, data, splat))
    return failure();
  return DenseElementsAttr::getFromRawBuffer(type, data);
}

namespace {

//===----------------------------------------------------------------------===//
// nx.constant
//===----------------------------------------------------------------------===//

struct ConstantLowering : OpConversionPattern<nx::ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = convertTensorType(getTypeConverter(), op.getType());
    TypedAttr value = cast<TypedAttr>(op.getValue());
    if (value.getType() != type) {
      // Signed/unsigned data is reinterpreted as signless, bit for bit.
      FailureOr<DenseElementsAttr> dense = toSignlessDense(value, type);
      if (failed(dense))
        return op.emitOpError("cannot convert the element type of a ")
               << "constant that is neither `dense<...>` nor "
               << "`dense_resource<...>`: " << op.getType();
      value = *dense;
    }
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, type, value);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nx.broadcast_in_dim, nx.transpose
//===----------------------------------------------------------------------===//

struct BroadcastInDimLowering : OpConversionPattern<nx::BroadcastInDimOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::BroadcastInDimOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = convertTensorType(getTypeConverter(), op.getType());
    RankedTensorType inputType = op.getX().getType();
    MLIRContext *ctx = rewriter.getContext();
    // Operand dim i is read at loop dims[i], or at 0 where it is expanded.
    SmallVector<AffineExpr> exprs;
    for (auto [i, d] : llvm::enumerate(op.getDims())) {
      bool expanded = inputType.getDimSize(i) == 1 && type.getDimSize(d) != 1;
      exprs.push_back(expanded ? getAffineConstantExpr(0, ctx)
                               : getAffineDimExpr(d, ctx));
    }
    int64_t rank = type.getRank();
    SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, exprs, ctx),
                                   rewriter.getMultiDimIdentityMap(rank)};
    Value init = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                         type.getElementType(),
                                         adaptor.getDynamicSizes());
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value result = yieldingGeneric(
        rewriter, loc, type, adaptor.getX(), init, maps, iterators,
        [](OpBuilder &, Location, ValueRange args) -> SmallVector<Value> {
          return {args[0]};
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct TransposeLowering : OpConversionPattern<nx::TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = convertTensorType(getTypeConverter(), op.getType());
    ArrayRef<int64_t> perm = op.getPermutation();
    MLIRContext *ctx = rewriter.getContext();
    int64_t rank = type.getRank();
    // Result dim i is operand dim perm[i]: operand dim perm[i] is loop i.
    SmallVector<AffineExpr> exprs(rank);
    for (auto [i, p] : llvm::enumerate(perm))
      exprs[p] = getAffineDimExpr(i, ctx);
    SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, exprs, ctx),
                                   rewriter.getMultiDimIdentityMap(rank)};
    Value init = createEmptyFromDims(rewriter, loc, type, adaptor.getX(), perm);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value result = yieldingGeneric(
        rewriter, loc, type, adaptor.getX(), init, maps, iterators,
        [](OpBuilder &, Location, ValueRange args) -> SmallVector<Value> {
          return {args[0]};
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nx.reshape
//===----------------------------------------------------------------------===//

/// Reshapes by collapsing to rank 1 and expanding to the result shape.
struct ReshapeLowering : OpConversionPattern<nx::ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = convertTensorType(getTypeConverter(), op.getType());
    Value flat = adaptor.getX();
    auto inputType = cast<RankedTensorType>(flat.getType());
    Type elementType = type.getElementType();
    if (inputType == type) {
      rewriter.replaceOp(op, flat);
      return success();
    }
    if (inputType.getRank() == 0) {
      flat = tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get({1}, elementType), flat,
          ArrayRef<ReassociationIndices>{},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)});
    } else if (inputType.getRank() > 1) {
      ReassociationIndices all =
          llvm::to_vector(llvm::seq<int64_t>(0, inputType.getRank()));
      flat = tensor::CollapseShapeOp::create(
          rewriter, loc, flat, ArrayRef<ReassociationIndices>{all});
    }
    // The flat tensor is static exactly when the result is.
    int64_t flatSize =
        type.hasStaticShape() ? type.getNumElements() : ShapedType::kDynamic;
    auto flatType = RankedTensorType::get({flatSize}, elementType);
    if (flat.getType() != flatType)
      flat = tensor::CastOp::create(rewriter, loc, flatType, flat);

    Value result;
    if (type.getRank() == 1) {
      result = flat;
    } else if (type.getRank() == 0) {
      result = tensor::CollapseShapeOp::create(
          rewriter, loc, type, flat, ArrayRef<ReassociationIndices>{});
    } else {
      SmallVector<OpFoldResult> outputShape;
      unsigned nextDynamic = 0;
      for (int64_t size : type.getShape())
        outputShape.push_back(
            ShapedType::isDynamic(size)
                ? OpFoldResult(adaptor.getDynamicSizes()[nextDynamic++])
                : OpFoldResult(rewriter.getIndexAttr(size)));
      ReassociationIndices all =
          llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
      result = tensor::ExpandShapeOp::create(
          rewriter, loc, type, flat, ArrayRef<ReassociationIndices>{all},
          outputShape);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// Builds the indexing maps, iterators and init of a reduction of `input`
/// (rank n, one loop per dim) over `axes` into `resultType`; kept axes are
/// read at constant 0 by the output map.
struct ReductionSkeleton {
  AffineMap inputMap, outputMap;
  SmallVector<utils::IteratorType> iterators;
  Value empty;
};

static ReductionSkeleton buildReductionSkeleton(OpBuilder &b, Location loc,
                                                Value input,
                                                ArrayRef<int64_t> axes,
                                                bool keep,
                                                RankedTensorType resultType) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
  llvm::SmallBitVector reduced(rank);
  for (int64_t axis : axes)
    reduced.set(axis);
  ReductionSkeleton s;
  SmallVector<AffineExpr> outExprs;
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < rank; ++d) {
    s.iterators.push_back(reduced.test(d) ? utils::IteratorType::reduction
                                          : utils::IteratorType::parallel);
    if (reduced.test(d) && !keep)
      continue;
    int64_t resultDim = outExprs.size();
    outExprs.push_back(reduced.test(d) ? getAffineConstantExpr(0, ctx)
                                       : getAffineDimExpr(d, ctx));
    if (resultType.isDynamicDim(resultDim))
      dynamicSizes.push_back(
          reduced.test(d)
              ? arith::ConstantIndexOp::create(b, loc, 1).getResult()
              : createDimSize(b, loc, input, d));
  }
  s.inputMap = b.getMultiDimIdentityMap(rank);
  s.outputMap = AffineMap::get(rank, 0, outExprs, ctx);
  s.empty = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                    resultType.getElementType(), dynamicSizes);
  return s;
}

/// The identity of reduction `op` on nx element type `nxType`, as a scalar
/// of its signless counterpart (`i8` for reduce_all/any).
static Value reductionIdentity(Operation *op, OpBuilder &b, Location loc,
                               Type nxType) {
  Type type = toSignless(nxType);
  bool isFloat = isa<FloatType>(type);
  bool isUnsigned = isUnsignedInt(nxType);
  if (isa<nx::ReduceSumOp, nx::ReduceAnyOp>(op))
    return createScalarConstant(
        b, loc, isa<nx::ReduceAnyOp>(op) ? b.getI8Type() : type, 0);
  if (isa<nx::ReduceProductOp, nx::ReduceAllOp>(op))
    return createScalarConstant(
        b, loc, isa<nx::ReduceAllOp>(op) ? b.getI8Type() : type, 1);
  bool isMax = isa<nx::ReduceMaxOp, nx::ArgmaxOp>(op);
  if (isFloat) {
    auto floatType = cast<FloatType>(type);
    APFloat inf =
        APFloat::getInf(floatType.getFloatSemantics(), /*Negative=*/isMax);
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(floatType, inf));
  }
  unsigned width = type.getIntOrFloatBitWidth();
  APInt value = isMax ? (isUnsigned ? APInt::getMinValue(width)
                                    : APInt::getSignedMinValue(width))
                      : (isUnsigned ? APInt::getMaxValue(width)
                                    : APInt::getSignedMaxValue(width));
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, value));
}

/// One step of reduction `op`: combines element `in` into accumulator `acc`.
/// Not for float max/min, which reduce integer keys.
static Value reductionCombine(Operation *op, OpBuilder &b, Location loc,
                              Type nxType, Value in, Value acc) {
  bool isFloat = isa<FloatType>(nxType);
  bool isUnsigned = isUnsignedInt(nxType);
  if (isa<nx::ReduceAllOp, nx::ReduceAnyOp>(op)) {
    Value bit = arith::ExtUIOp::create(b, loc, b.getI8Type(),
                                       createIsNonZero(b, loc, in));
    if (isa<nx::ReduceAllOp>(op))
      return arith::MinUIOp::create(b, loc, acc, bit);
    return arith::MaxUIOp::create(b, loc, acc, bit);
  }
  if (isa<nx::ReduceSumOp>(op)) {
    // A float sum may be reassociated: LLVM then vectorizes it with partial
    // sums, which changes results only by rounding (the order of a sum is
    // unspecified in Nx, as in XLA). Products keep index order.
    if (isFloat)
      return arith::AddFOp::create(b, loc, in, acc,
                                   arith::FastMathFlags::reassoc);
    return arith::AddIOp::create(b, loc, in, acc);
  }
  if (isa<nx::ReduceProductOp>(op))
    return isFloat ? arith::MulFOp::create(b, loc, in, acc).getResult()
                   : arith::MulIOp::create(b, loc, in, acc).getResult();
  // Float max/min reduce keys instead (createKeyedFloatReduction).
  assert(!isFloat && "float max/min reductions are keyed");
  if (isa<nx::ReduceMaxOp>(op))
    return isUnsigned ? arith::MaxUIOp::create(b, loc, in, acc).getResult()
                      : arith::MaxSIOp::create(b, loc, in, acc).getResult();
  return isUnsigned ? arith::MinUIOp::create(b, loc, in, acc).getResult()
                    : arith::MinSIOp::create(b, loc, in, acc).getResult();
}

/// The integer key of float `x` for a max (`isMax`) or min reduction: keys
/// compare as signed integers the way `arith.maximumf`/`minimumf` order
/// floats (-0 < +0), and every NaN has a key that wins (above +inf for max,
/// below -inf for min). Flipping the magnitude bits of negative floats makes
/// the bit patterns of all non-NaN floats monotonic; NaNs then sort by their
/// sign bit, so a NaN first gets the sign that wins. An integer max/min
/// reduction vectorizes; a `maximumf` one does not (LLVM's cost model rejects
/// vector `llvm.maximum` on x86).
static Value floatToOrderedKey(OpBuilder &b, Location loc, Value x,
                               bool isMax) {
  unsigned width = cast<FloatType>(x.getType()).getWidth();
  Type intType = b.getIntegerType(width);
  auto intConstant = [&](const APInt &value) -> Value {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(intType, value));
  };
  Value bits = arith::BitcastOp::create(b, loc, intType, x);
  // The NaN fix-up is applied to the bits, not to the key: a select on the
  // accumulator's operand would be folded into a conditional reduction that
  // LLVM does not vectorize.
  Value isNan = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
  Value winningNan =
      isMax ? arith::AndIOp::create(
                  b, loc, bits, intConstant(APInt::getSignedMaxValue(width)))
                  .getResult()
            : arith::OrIOp::create(b, loc, bits,
                                   intConstant(APInt::getSignMask(width)))
                  .getResult();
  bits = arith::SelectOp::create(b, loc, isNan, winningNan, bits);
  Value signShift = createScalarConstant(b, loc, intType, width - 1);
  Value one = createScalarConstant(b, loc, intType, 1);
  // All ones for negative floats, zero otherwise; then without the sign bit.
  Value sign = arith::ShRSIOp::create(b, loc, bits, signShift);
  Value magnitudeMask = arith::ShRUIOp::create(b, loc, sign, one);
  return arith::XOrIOp::create(b, loc, bits, magnitudeMask);
}

/// The float whose key (see floatToOrderedKey) is `key`.
static Value orderedKeyToFloat(OpBuilder &b, Location loc, Value key,
                               FloatType floatType) {
  Type intType = key.getType();
  unsigned width = floatType.getWidth();
  Value signShift = createScalarConstant(b, loc, intType, width - 1);
  Value one = createScalarConstant(b, loc, intType, 1);
  // The key keeps the sign bit, so the same flip undoes itself.
  Value sign = arith::ShRSIOp::create(b, loc, key, signShift);
  Value magnitudeMask = arith::ShRUIOp::create(b, loc, sign, one);
  Value bits = arith::XOrIOp::create(b, loc, key, magnitudeMask);
  return arith::BitcastOp::create(b, loc, floatType, bits);
}

/// reduce_max/reduce_min of floats: an integer max/min reduction over the
/// keys of the elements, then an elementwise generic that turns the keys back
/// into floats (elementwise fusion folds it into its consumers).
template <typename ReduceOp>
static Value createKeyedFloatReduction(ReduceOp op, Value input,
                                       RankedTensorType type,
                                       OpBuilder &rewriter) {
  constexpr bool isMax = std::is_same_v<ReduceOp, nx::ReduceMaxOp>;
  Location loc = op.getLoc();
  auto floatType = cast<FloatType>(type.getElementType());
  Type intType = rewriter.getIntegerType(floatType.getWidth());
  ReductionSkeleton s = buildReductionSkeleton(
      rewriter, loc, input, op.getAxes(), op.getKeepAxes(), type);
  auto keyType = type.clone(intType);
  Value keyEmpty = tensor::EmptyOp::create(
      rewriter, loc, keyType.getShape(), intType,
      s.empty.getDefiningOp<tensor::EmptyOp>().getDynamicSizes());
  // The identity is the key of -inf (max) or +inf (min): the sign bit and,
  // for -inf, the flipped magnitude bits.
  unsigned width = floatType.getWidth();
  APInt identity =
      APFloat::getInf(floatType.getFloatSemantics(), /*Negative=*/isMax)
          .bitcastToAPInt();
  if (isMax)
    identity ^= APInt::getSignedMaxValue(width);
  Value keyInit = createFilled(
      rewriter, loc, keyEmpty,
      arith::ConstantOp::create(rewriter, loc,
                                rewriter.getIntegerAttr(intType, identity)));
  Value keys = yieldingGeneric(
      rewriter, loc, keyType, input, keyInit, {s.inputMap, s.outputMap},
      s.iterators,
      [&](OpBuilder &b, Location l, ValueRange args) -> SmallVector<Value> {
        Value key = floatToOrderedKey(b, l, args[0], isMax);
        if (isMax)
          return {arith::MaxSIOp::create(b, l, key, args[1])};
        return {arith::MinSIOp::create(b, l, key, args[1])};
      });
  AffineMap id = rewriter.getMultiDimIdentityMap(type.getRank());
  SmallVector<utils::IteratorType> parallel(type.getRank(),
                                            utils::IteratorType::parallel);
  return yieldingGeneric(
      rewriter, loc, type, keys, s.empty, {id, id}, parallel,
      [&](OpBuilder &b, Location l, ValueRange args) -> SmallVector<Value> {
        return {orderedKeyToFloat(b, l, args[0], floatType)};
      });
}

template <typename ReduceOp>
struct ReduceLowering : OpConversionPattern<ReduceOp> {
  using OpConversionPattern<ReduceOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReduceOp op, typename ReduceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type =
        convertTensorType(this->getTypeConverter(), op.getType());
    Type nxType = op.getX().getType().getElementType();
    if constexpr (std::is_same_v<ReduceOp, nx::ReduceMaxOp> ||
                  std::is_same_v<ReduceOp, nx::ReduceMinOp>) {
      if (isa<FloatType>(nxType)) {
        rewriter.replaceOp(op, createKeyedFloatReduction(op, adaptor.getX(),
                                                         type, rewriter));
        return success();
      }
    }
    ReductionSkeleton s = buildReductionSkeleton(
        rewriter, loc, adaptor.getX(), op.getAxes(), op.getKeepAxes(), type);
    Value init = createFilled(rewriter, loc, s.empty,
                              reductionIdentity(op, rewriter, loc, nxType));
    Value result = yieldingGeneric(
        rewriter, loc, type, adaptor.getX(), init, {s.inputMap, s.outputMap},
        s.iterators,
        [&](OpBuilder &b, Location l, ValueRange args) -> SmallVector<Value> {
          return {reductionCombine(op, b, l, nxType, args[0], args[1])};
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// argmax/argmin: a reduction carrying (value, index). A NaN beats every
/// number and the first NaN wins (NumPy); ties pick the first index unless
/// `tie_break_high`.
template <typename ArgOp>
struct ArgReduceLowering : OpConversionPattern<ArgOp> {
  using OpConversionPattern<ArgOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ArgOp op, typename ArgOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type =
        convertTensorType(this->getTypeConverter(), op.getType());
    Type nxType = op.getX().getType().getElementType();
    Type valueType = toSignless(nxType);
    int64_t axis = op.getAxis();
    bool isMax = std::is_same_v<ArgOp, nx::ArgmaxOp>;
    bool high = op.getTieBreakHigh();
    ReductionSkeleton s = buildReductionSkeleton(
        rewriter, loc, adaptor.getX(), {axis}, op.getKeepAxis(), type);
    auto valueTensorType = type.clone(valueType);
    Value valueEmpty = tensor::EmptyOp::create(
        rewriter, loc, valueTensorType.getShape(), valueType,
        s.empty.getDefiningOp<tensor::EmptyOp>().getDynamicSizes());
    Value valueInit =
        createFilled(rewriter, loc, valueEmpty,
                     reductionIdentity(op, rewriter, loc, nxType));
    Value indexInit = createFilled(
        rewriter, loc, s.empty,
        createScalarConstant(rewriter, loc, type.getElementType(), 0));
    Value result = yieldingGeneric(
        rewriter, loc, TypeRange{valueTensorType, type}, adaptor.getX(),
        ValueRange{valueInit, indexInit},
        {s.inputMap, s.outputMap, s.outputMap}, s.iterators,
        [&](OpBuilder &b, Location l, ValueRange args) -> SmallVector<Value> {
          Value x = args[0], accValue = args[1], accIndex = args[2];
          Value take;
          if (isa<FloatType>(valueType)) {
            using P = arith::CmpFPredicate;
            P pred =
                isMax ? (high ? P::OGE : P::OGT) : (high ? P::OLE : P::OLT);
            Value better = arith::CmpFOp::create(b, l, pred, x, accValue);
            Value xNan = arith::CmpFOp::create(b, l, P::UNO, x, x);
            Value accNotNan =
                arith::CmpFOp::create(b, l, P::ORD, accValue, accValue);
            Value firstNan = arith::AndIOp::create(b, l, xNan, accNotNan);
            take = arith::OrIOp::create(b, l, better, firstNan);
          } else {
            using P = arith::CmpIPredicate;
            P pred;
            if (isUnsignedInt(nxType))
              pred =
                  isMax ? (high ? P::uge : P::ugt) : (high ? P::ule : P::ult);
            else
              pred =
                  isMax ? (high ? P::sge : P::sgt) : (high ? P::sle : P::slt);
            take = arith::CmpIOp::create(b, l, pred, x, accValue);
          }
          Value index = linalg::IndexOp::create(b, l, axis);
          index = arith::IndexCastOp::create(b, l, b.getI64Type(), index);
          return {arith::SelectOp::create(b, l, take, x, accValue),
                  arith::SelectOp::create(b, l, take, index, accIndex)};
        },
        /*resultIndex=*/1);
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nx.dot
//===----------------------------------------------------------------------===//

/// A contraction generic with loops (batch, lhs free, rhs free,
/// contracting), the order of linalg.matmul; nx-reorder-reduction-loops
/// moves the rhs free loop innermost where the layouts after fusion allow.
struct DotLowering : OpConversionPattern<nx::DotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::DotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type = convertTensorType(getTypeConverter(), op.getType());
    ArrayRef<int64_t> lc = op.getLhsContractingDims(),
                      rc = op.getRhsContractingDims();
    ArrayRef<int64_t> lb = op.getLhsBatchDims(), rb = op.getRhsBatchDims();
    int64_t lhsRank = op.getLhs().getType().getRank();
    int64_t rhsRank = op.getRhs().getType().getRank();
    int64_t numBatch = lb.size(), numContract = lc.size();
    int64_t numLhsFree = lhsRank - numBatch - numContract;
    int64_t numRhsFree = rhsRank - numBatch - numContract;
    int64_t numParallel = numBatch + numLhsFree + numRhsFree;
    int64_t numLoops = numParallel + numContract;

    // Result dim i is (operand, dim) sourceOf[i].
    SmallVector<std::pair<Value, int64_t>> sourceOf(numParallel);
    auto sideMap = [&](Value operand, int64_t rank, ArrayRef<int64_t> contract,
                       ArrayRef<int64_t> batch, int64_t freeStart) {
      SmallVector<AffineExpr> exprs;
      int64_t nextFree = freeStart;
      for (int64_t d = 0; d < rank; ++d) {
        const int64_t *b = llvm::find(batch, d), *c = llvm::find(contract, d);
        int64_t loop;
        if (b != batch.end())
          loop = b - batch.begin();
        else if (c != contract.end())
          loop = numParallel + (c - contract.begin());
        else
          loop = nextFree++;
        if (loop < numParallel)
          sourceOf[loop] = {operand, d};
        exprs.push_back(getAffineDimExpr(loop, ctx));
      }
      return AffineMap::get(numLoops, 0, exprs, ctx);
    };
    AffineMap rhsMap =
        sideMap(adaptor.getRhs(), rhsRank, rc, rb, numBatch + numLhsFree);
    // Built second so batch dims are taken from lhs.
    AffineMap lhsMap = sideMap(adaptor.getLhs(), lhsRank, lc, lb, numBatch);
    SmallVector<AffineExpr> outExprs;
    for (int64_t i = 0; i < numParallel; ++i)
      outExprs.push_back(getAffineDimExpr(i, ctx));
    AffineMap outMap = AffineMap::get(numLoops, 0, outExprs, ctx);

    SmallVector<Value> dynamicSizes;
    for (int64_t i = 0; i < numParallel; ++i)
      if (type.isDynamicDim(i))
        dynamicSizes.push_back(createDimSize(rewriter, loc, sourceOf[i].first,
                                             sourceOf[i].second));
    Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                          type.getElementType(), dynamicSizes);
    Type elementType = type.getElementType();
    Value init =
        createFilled(rewriter, loc, empty,
                     createScalarConstant(rewriter, loc, elementType, 0));
    SmallVector<utils::IteratorType> iterators(numParallel,
                                               utils::IteratorType::parallel);
    iterators.append(numContract, utils::IteratorType::reduction);
    Value result = yieldingGeneric(
        rewriter, loc, type, ValueRange{adaptor.getLhs(), adaptor.getRhs()},
        init, {lhsMap, rhsMap, outMap}, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) -> SmallVector<Value> {
          Value a = args[0], c = args[1], acc = args[2];
          // As for float sums, the accumulation may be reassociated, so that
          // a contraction loop left innermost (a . bᵀ) vectorizes with
          // partial sums; the order of a dot's sum is unspecified in Nx.
          if (isa<FloatType>(elementType))
            return {arith::AddFOp::create(b, l, acc,
                                          arith::MulFOp::create(b, l, a, c),
                                          arith::FastMathFlags::reassoc)};
          if (elementType.isInteger(1))
            return {arith::OrIOp::create(b, l, acc,
                                         arith::AndIOp::create(b, l, a, c))};
          return {arith::AddIOp::create(b, l, acc,
                                        arith::MulIOp::create(b, l, a, c))};
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nx.iota, nx.dim_size
//===----------------------------------------------------------------------===//

struct IotaLowering : OpConversionPattern<nx::IotaOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::IotaOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = convertTensorType(getTypeConverter(), op.getType());
    Type nxType = op.getType().getElementType();
    int64_t rank = type.getRank();
    Value init = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                         type.getElementType(),
                                         adaptor.getDynamicSizes());
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value result = yieldingGeneric(
        rewriter, loc, type, ValueRange{}, init,
        {rewriter.getMultiDimIdentityMap(rank)}, iterators,
        [&](OpBuilder &b, Location l, ValueRange) -> SmallVector<Value> {
          Value index =
              rank == 0
                  ? arith::ConstantIndexOp::create(b, l, 0).getResult()
                  : linalg::IndexOp::create(b, l, op.getAxis()).getResult();
          Value i64 = arith::IndexCastOp::create(b, l, b.getI64Type(), index);
          return {createScalarConvert(
              b, l, i64,
              IntegerType::get(b.getContext(), 64, IntegerType::Signed),
              nxType)};
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct DimSizeLowering : OpConversionPattern<nx::DimSizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::DimSizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = convertTensorType(getTypeConverter(), op.getType());
    Value size = createDimSize(rewriter, loc, adaptor.getX(), op.getDim());
    Value i64 =
        arith::IndexCastOp::create(rewriter, loc, rewriter.getI64Type(), size);
    rewriter.replaceOpWithNewOp<tensor::FromElementsOp>(op, type,
                                                        ValueRange{i64});
    return success();
  }
};

} // namespace

void nxtolinalg::populateNxStructuredToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<ConstantLowering, BroadcastInDimLowering, TransposeLowering,
               ReshapeLowering, ReduceLowering<nx::ReduceSumOp>,
               ReduceLowering<nx::ReduceProductOp>,
               ReduceLowering<nx::ReduceMaxOp>, ReduceLowering<nx::ReduceMinOp>,
               ReduceLowering<nx::ReduceAllOp>, ReduceLowering<nx::ReduceAnyOp>,
               ArgReduceLowering<nx::ArgmaxOp>, ArgReduceLowering<nx::ArgminOp>,
               DotLowering, IotaLowering, DimSizeLowering>(
      converter, patterns.getContext());
}
