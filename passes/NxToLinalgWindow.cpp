//===- NxToLinalgWindow.cpp - windows, conv, control flow, bits -*- C++ -*-===//
//
// This file implements the nx-to-linalg patterns for the window reductions,
// convolution, control flow and bitwise ops:
//  - bitwise/shift/bit-count ops and bitcast become all-parallel
//    `linalg.generic`s (shifts by the bit width or more are guarded with
//    selects, never poison);
//  - window reductions become a `linalg.generic` with one parallel loop per
//    result dim and one reduction loop per window dim over the operand padded
//    with the reduction's identity (`tensor.pad`); a `tensor.empty` of the
//    window's shape gives the window loops their bounds;
//  - window scatters become a selection generic (offset of the selected
//    element per window) and a gather generic over the result and the
//    window offsets that adds the source elements whose window selected it;
//  - nx.conv becomes a `linalg.generic` reducing over the in-channels of a
//    group and the kernel's spatial dims, reading an input that is zero
//    padded and dilated (`tensor.pad`, or `tensor.insert_slice` with strides
//    into a zero tensor, then `tensor.extract_slice` for negative padding);
//  - nx.while/nx.if become scf.while/scf.if on tensors, their regions moved
//    over with converted (signless) block argument types.
//
//===----------------------------------------------------------------------===//

#include "NxToLinalgCommon.h"
#include "ir/NxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace nxc;
using namespace nxc::nxtolinalg;
namespace nx = nxc::nx;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static RankedTensorType convertTensorType(const TypeConverter *converter,
                                          Type type) {
  return dyn_cast_or_null<RankedTensorType>(converter->convertType(type));
}

using BodyFn =
    function_ref<Value(OpBuilder &, Location, ValueRange /*block args*/)>;

/// A one-result `linalg.generic` whose body yields `body(args)`.
static Value createGeneric(OpBuilder &b, Location loc, RankedTensorType type,
                           ValueRange inputs, Value init,
                           ArrayRef<AffineMap> maps,
                           ArrayRef<utils::IteratorType> iterators,
                           BodyFn body) {
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{type}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        linalg::YieldOp::create(nb, nl, body(nb, nl, args));
      });
  return generic.getResult(0);
}

/// Index arithmetic on OpFoldResults: constants fold without creating ops.
namespace {
struct IndexMath {
  OpBuilder &b;
  Location loc;

  Value value(OpFoldResult v) const {
    return getValueOrCreateConstantIndexOp(b, loc, v);
  }
  template <typename ArithOp>
  OpFoldResult apply(OpFoldResult x, OpFoldResult y,
                     int64_t (*fold)(int64_t, int64_t)) const {
    std::optional<int64_t> cx = getConstantIntValue(x),
                           cy = getConstantIntValue(y);
    if (cx && cy)
      return b.getIndexAttr(fold(*cx, *cy));
    return ArithOp::create(b, loc, value(x), value(y)).getResult();
  }
  OpFoldResult add(OpFoldResult x, OpFoldResult y) const {
    return apply<arith::AddIOp>(x, y,
                                [](int64_t p, int64_t q) { return p + q; });
  }
  OpFoldResult sub(OpFoldResult x, OpFoldResult y) const {
    return apply<arith::SubIOp>(x, y,
                                [](int64_t p, int64_t q) { return p - q; });
  }
  OpFoldResult mul(OpFoldResult x, OpFoldResult y) const {
    return apply<arith::MulIOp>(x, y,
                                [](int64_t p, int64_t q) { return p * q; });
  }
  OpFoldResult div(OpFoldResult x, OpFoldResult y) const {
    return apply<arith::DivSIOp>(x, y,
                                 [](int64_t p, int64_t q) { return p / q; });
  }
  OpFoldResult max(OpFoldResult x, OpFoldResult y) const {
    return apply<arith::MaxSIOp>(
        x, y, [](int64_t p, int64_t q) { return std::max(p, q); });
  }
  OpFoldResult cst(int64_t v) const { return b.getIndexAttr(v); }

  /// `max(padded - span + stride, 0) / stride`: the number of windows of
  /// `span` elements moved by `stride` over `padded` elements (0 when none
  /// fits).
  OpFoldResult numWindows(OpFoldResult padded, OpFoldResult span,
                          int64_t stride) const {
    return div(max(add(sub(padded, span), cst(stride)), cst(0)), cst(stride));
  }
  /// `(size - 1) * dilation + 1`, or 0 for an empty dim.
  OpFoldResult dilated(OpFoldResult size, int64_t dilation) const {
    return max(add(mul(sub(size, cst(1)), cst(dilation)), cst(1)), cst(0));
  }
  /// The size of dim `d` of `tensor`, constant when static.
  OpFoldResult dim(Value tensor, int64_t d) const {
    int64_t size = cast<RankedTensorType>(tensor.getType()).getDimSize(d);
    if (!ShapedType::isDynamic(size))
      return cst(size);
    return createDimSize(b, loc, tensor, d);
  }
};
} // namespace

/// A `tensor.empty` of `type` whose dynamic dims are computed by
/// `size(i)`; static dims compute nothing.
static Value createEmpty(OpBuilder &b, Location loc, RankedTensorType type,
                         function_ref<OpFoldResult(int64_t)> size) {
  SmallVector<Value> dynamic;
  for (int64_t i = 0, e = type.getRank(); i < e; ++i)
    if (type.isDynamicDim(i))
      dynamic.push_back(getValueOrCreateConstantIndexOp(b, loc, size(i)));
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 dynamic);
}

static Value createFilled(OpBuilder &b, Location loc, Value empty,
                          Value value) {
  return linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{empty})
      .getResult(0);
}

//===----------------------------------------------------------------------===//
// Bitwise ops, shifts, bit counts, bitcast
//===----------------------------------------------------------------------===//

namespace {
/// The scalar body of an elementwise op: signless block arguments and the
/// nx element type of the first operand.
using ScalarFn = Value (*)(OpBuilder &, Location, ValueRange, Type nxType);

/// Rewrites an elementwise op into an all-parallel `linalg.generic`.
class BitwiseLowering : public ConversionPattern {
public:
  BitwiseLowering(const TypeConverter &converter, MLIRContext *ctx,
                  StringRef opName, ScalarFn fn)
      : ConversionPattern(converter, opName, /*benefit=*/1, ctx), fn(fn) {
    setDebugName("nx-bitwise");
  }
  ScalarFn getScalarFn() const { return fn; }

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op->getLoc();
    RankedTensorType type =
        convertTensorType(getTypeConverter(), op->getResult(0).getType());
    if (!type)
      return rewriter.notifyMatchFailure(op, "unsupported result type");
    Type nxType =
        cast<RankedTensorType>(op->getOperand(0).getType()).getElementType();
    int64_t rank = type.getRank();
    Value init =
        createEmptyFromDims(rewriter, loc, type, operands[0],
                            llvm::to_vector(llvm::seq<int64_t>(0, rank)));
    SmallVector<AffineMap> maps(operands.size() + 1,
                                rewriter.getMultiDimIdentityMap(rank));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value result =
        createGeneric(rewriter, loc, type, operands, init, maps, iterators,
                      [&](OpBuilder &b, Location l, ValueRange args) {
                        return fn(b, l, args.drop_back(), nxType);
                      });
    rewriter.replaceOp(op, result);
    return success();
  }

private:
  ScalarFn fn;
};
} // namespace

template <typename OpT>
static Value binaryInt(OpBuilder &b, Location loc, ValueRange args, Type) {
  return OpT::create(b, loc, args[0], args[1]);
}

static Value bitwiseNot(OpBuilder &b, Location loc, ValueRange args, Type) {
  Value ones = createScalarConstant(b, loc, args[0].getType(), -1);
  return arith::XOrIOp::create(b, loc, args[0], ones);
}

/// The number of set bits of integer `x`, with arith ops only (the CPU
/// pipeline's math-to-libm rejects math.ctpop); LLVM recognizes the
/// byte-wise idiom and emits its popcount instruction.
static Value createPopCount(OpBuilder &b, Location loc, Value x) {
  Type type = x.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  auto cst = [&](const APInt &v) -> Value {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, v));
  };
  auto shr = [&](Value v, unsigned amount) -> Value {
    return arith::ShRUIOp::create(b, loc, v, cst(APInt(width, amount)));
  };
  if (width == 1)
    return x;
  if (width % 8 != 0) {
    Value count = cst(APInt(width, 0)), one = cst(APInt(width, 1));
    for (unsigned i = 0; i < width; ++i)
      count = arith::AddIOp::create(
          b, loc, count, arith::AndIOp::create(b, loc, shr(x, i), one));
    return count;
  }
  auto splat = [&](uint8_t byte) {
    return cst(APInt::getSplat(width, APInt(8, byte)));
  };
  Value t = arith::AndIOp::create(b, loc, shr(x, 1), splat(0x55));
  x = arith::SubIOp::create(b, loc, x, t);
  Value m2 = splat(0x33);
  x = arith::AddIOp::create(b, loc, arith::AndIOp::create(b, loc, x, m2),
                            arith::AndIOp::create(b, loc, shr(x, 2), m2));
  x = arith::AndIOp::create(b, loc, arith::AddIOp::create(b, loc, x, shr(x, 4)),
                            splat(0x0F));
  if (width == 8)
    return x;
  return shr(arith::MulIOp::create(b, loc, x, splat(0x01)), width - 8);
}

static Value populationCount(OpBuilder &b, Location loc, ValueRange args,
                             Type) {
  return createPopCount(b, loc, args[0]);
}

/// Leading zeros: smear the highest set bit down, count the ones.
static Value countLeadingZeros(OpBuilder &b, Location loc, ValueRange args,
                               Type) {
  Value x = args[0];
  Type type = x.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  for (unsigned shift = 1; shift < width; shift *= 2)
    x = arith::OrIOp::create(
        b, loc, x,
        arith::ShRUIOp::create(b, loc, x,
                               createScalarConstant(b, loc, type, shift)));
  return arith::SubIOp::create(b, loc,
                               createScalarConstant(b, loc, type, width),
                               createPopCount(b, loc, x));
}

/// `y >=u width`: the shift moves every bit out (a negative `y` too).
static Value shiftsAllOut(OpBuilder &b, Location loc, Value y) {
  Value width = createScalarConstant(b, loc, y.getType(),
                                     y.getType().getIntOrFloatBitWidth());
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge, y, width);
}

static Value leftShift(OpBuilder &b, Location loc, ValueRange args, Type) {
  Value shifted = arith::ShLIOp::create(b, loc, args[0], args[1]);
  Value zero = createScalarConstant(b, loc, args[0].getType(), 0);
  return arith::SelectOp::create(b, loc, shiftsAllOut(b, loc, args[1]), zero,
                                 shifted);
}

static Value rightShift(OpBuilder &b, Location loc, ValueRange args,
                        Type nxType) {
  Value x = args[0], y = args[1];
  Type type = x.getType();
  if (isUnsignedInt(nxType)) {
    Value shifted = arith::ShRUIOp::create(b, loc, x, y);
    return arith::SelectOp::create(b, loc, shiftsAllOut(b, loc, y),
                                   createScalarConstant(b, loc, type, 0),
                                   shifted);
  }
  // Shifting by width - 1 already fills every bit with the sign.
  Value maxShift =
      createScalarConstant(b, loc, type, type.getIntOrFloatBitWidth() - 1);
  Value amount = arith::MinUIOp::create(b, loc, y, maxShift);
  return arith::ShRSIOp::create(b, loc, x, amount);
}

namespace {
struct BitcastLowering : OpConversionPattern<nx::BitcastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::BitcastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = convertTensorType(getTypeConverter(), op.getType());
    Value x = adaptor.getX();
    // si8 <-> ui8 and the like are the same signless type.
    if (x.getType() == type) {
      rewriter.replaceOp(op, x);
      return success();
    }
    int64_t rank = type.getRank();
    Value init = createEmptyFromDims(
        rewriter, loc, type, x, llvm::to_vector(llvm::seq<int64_t>(0, rank)));
    SmallVector<AffineMap> maps(2, rewriter.getMultiDimIdentityMap(rank));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Type elementType = type.getElementType();
    Value result = createGeneric(
        rewriter, loc, type, x, init, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          return arith::BitcastOp::create(b, l, elementType, args[0]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Window reductions
//===----------------------------------------------------------------------===//

/// The lowest (-inf, the type's min) or highest value of nx element type
/// `nxType`, as a scalar of its signless counterpart.
static Value createExtremeValue(OpBuilder &b, Location loc, Type nxType,
                                bool lowest) {
  Type type = toSignless(nxType);
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc,
        b.getFloatAttr(floatType, APFloat::getInf(floatType.getFloatSemantics(),
                                                  /*Negative=*/lowest)));
  unsigned width = type.getIntOrFloatBitWidth();
  bool isUnsigned = isUnsignedInt(nxType);
  APInt value = lowest ? (isUnsigned ? APInt::getMinValue(width)
                                     : APInt::getSignedMinValue(width))
                       : (isUnsigned ? APInt::getMaxValue(width)
                                     : APInt::getSignedMaxValue(width));
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, value));
}

/// The identity of window reduction `op` on nx element type `nxType`, as a
/// scalar of its signless counterpart.
static Value windowIdentity(Operation *op, OpBuilder &b, Location loc,
                            Type nxType) {
  Type type = toSignless(nxType);
  if (isa<nx::WindowSumOp>(op))
    return createScalarConstant(b, loc, type, 0);
  if (isa<nx::WindowProductOp>(op))
    return createScalarConstant(b, loc, type, 1);
  return createExtremeValue(b, loc, nxType,
                            /*lowest=*/isa<nx::WindowMaxOp>(op));
}

/// Combines element `in` into accumulator `acc` for window reduction `op`.
static Value windowCombine(Operation *op, OpBuilder &b, Location loc,
                           Type nxType, Value in, Value acc) {
  bool isFloat = isa<FloatType>(nxType);
  bool isUnsigned = isUnsignedInt(nxType);
  if (isa<nx::WindowSumOp>(op))
    return isFloat ? arith::AddFOp::create(b, loc, acc, in).getResult()
                   : arith::AddIOp::create(b, loc, acc, in).getResult();
  if (isa<nx::WindowProductOp>(op))
    return isFloat ? arith::MulFOp::create(b, loc, acc, in).getResult()
                   : arith::MulIOp::create(b, loc, acc, in).getResult();
  if (isa<nx::WindowMaxOp>(op)) {
    if (isFloat)
      return arith::MaximumFOp::create(b, loc, acc, in);
    return isUnsigned ? arith::MaxUIOp::create(b, loc, acc, in).getResult()
                      : arith::MaxSIOp::create(b, loc, acc, in).getResult();
  }
  if (isFloat)
    return arith::MinimumFOp::create(b, loc, acc, in);
  return isUnsigned ? arith::MinUIOp::create(b, loc, acc, in).getResult()
                    : arith::MinSIOp::create(b, loc, acc, in).getResult();
}

Value nxtolinalg::createWindowReduction(
    OpBuilder &b, Location loc, RankedTensorType type, Value input,
    ArrayRef<int64_t> window, ArrayRef<int64_t> strides,
    ArrayRef<int64_t> dilations, ArrayRef<int64_t> low,
    ArrayRef<int64_t> high, Value initValue,
    function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = type.getRank();
  // Padding holds the initial value, so it never changes a window's result.
  if (llvm::any_of(low, [](int64_t p) { return p != 0; }) ||
      llvm::any_of(high, [](int64_t p) { return p != 0; }))
    input = tensor::PadOp::create(b, loc, Type(), input,
                                  getAsIndexOpFoldResult(ctx, low),
                                  getAsIndexOpFoldResult(ctx, high), initValue);

  IndexMath m{b, loc};
  Value init = createFilled(
      b, loc,
      createEmpty(b, loc, type,
                  [&](int64_t i) {
                    int64_t span = (window[i] - 1) * dilations[i] + 1;
                    return m.numWindows(m.dim(input, i), m.cst(span),
                                        strides[i]);
                  }),
      initValue);
  // The window operand only gives the window loops their bounds.
  Value windowShape =
      tensor::EmptyOp::create(b, loc, window, type.getElementType());

  SmallVector<AffineExpr> inputExprs, windowExprs, outputExprs;
  for (int64_t i = 0; i < rank; ++i) {
    AffineExpr o = getAffineDimExpr(i, ctx), w = getAffineDimExpr(rank + i, ctx);
    inputExprs.push_back(o * strides[i] + w * dilations[i]);
    windowExprs.push_back(w);
    outputExprs.push_back(o);
  }
  SmallVector<AffineMap> maps = {AffineMap::get(2 * rank, 0, inputExprs, ctx),
                                 AffineMap::get(2 * rank, 0, windowExprs, ctx),
                                 AffineMap::get(2 * rank, 0, outputExprs, ctx)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators.append(rank, utils::IteratorType::reduction);
  return createGeneric(b, loc, type, ValueRange{input, windowShape}, init,
                       maps, iterators,
                       [&](OpBuilder &bb, Location l, ValueRange args) {
                         return combine(bb, l, args[0], args[2]);
                       });
}

namespace {
template <typename WindowOp>
struct WindowReduceLowering : OpConversionPattern<WindowOp> {
  using OpConversionPattern<WindowOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(WindowOp op, typename WindowOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type =
        convertTensorType(this->getTypeConverter(), op.getType());
    Type nxType = op.getX().getType().getElementType();
    Value identity = windowIdentity(op, rewriter, loc, nxType);
    Value result = createWindowReduction(
        rewriter, loc, type, adaptor.getX(), op.getWindowDimensions(),
        op.getWindowStrides(), op.getWindowDilations(), op.getPaddingLow(),
        op.getPaddingHigh(), identity,
        [&](OpBuilder &b, Location l, Value in, Value acc) {
          return windowCombine(op, b, l, nxType, in, acc);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nx.window_scatter_max, nx.window_scatter_min
//===----------------------------------------------------------------------===//

/// The row-major linear index, as `i64`, of the window position given by
/// loops `first .. first + window.size()` of the enclosing generic.
static Value createWindowOffset(OpBuilder &b, Location loc,
                                ArrayRef<int64_t> window, int64_t first) {
  Value offset = arith::ConstantIndexOp::create(b, loc, 0);
  for (auto [i, size] : llvm::enumerate(window)) {
    Value scaled = arith::MulIOp::create(
        b, loc, offset, arith::ConstantIndexOp::create(b, loc, size));
    offset = arith::AddIOp::create(b, loc, scaled,
                                   linalg::IndexOp::create(b, loc, first + i));
  }
  return arith::IndexCastOp::create(b, loc, b.getI64Type(), offset);
}

/// Two generics: the first finds, per window (source element), the offset
/// in the window of its selected element; the second computes every result
/// element as `init` plus the source elements of the windows that contain
/// it at their selected offset (a gather over window offsets, so it is
/// parallel over the result).
template <typename ScatterOp>
struct WindowScatterLowering : OpConversionPattern<ScatterOp> {
  using OpConversionPattern<ScatterOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScatterOp op, typename ScatterOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    constexpr bool isMax = std::is_same_v<ScatterOp, nx::WindowScatterMaxOp>;
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type =
        convertTensorType(this->getTypeConverter(), op.getType());
    Type nxType = op.getX().getType().getElementType();
    Type elementType = type.getElementType();
    bool isFloat = isa<FloatType>(elementType);
    int64_t rank = type.getRank();
    ArrayRef<int64_t> window = op.getWindowDimensions();
    ArrayRef<int64_t> strides = op.getWindowStrides();
    ArrayRef<int64_t> low = op.getPaddingLow(), high = op.getPaddingHigh();
    IndexMath m{rewriter, loc};

    Value init = tensor::ExtractOp::create(
        rewriter, loc, adaptor.getInitValue(), ValueRange{});
    Value input = adaptor.getX();
    if (llvm::any_of(low, [](int64_t p) { return p != 0; }) ||
        llvm::any_of(high, [](int64_t p) { return p != 0; }))
      input = tensor::PadOp::create(rewriter, loc, Type(), input,
                                    getAsIndexOpFoldResult(ctx, low),
                                    getAsIndexOpFoldResult(ctx, high), init);
    Value source = adaptor.getSource();
    auto sourceType = cast<RankedTensorType>(source.getType());
    auto sourceSize = [&](int64_t i) { return m.dim(source, i); };
    Value windowShape =
        tensor::EmptyOp::create(rewriter, loc, window, elementType);

    // Selection: (value, offset) reduced over each window.
    auto offsetType = sourceType.clone(rewriter.getI64Type());
    Value valueInit = createFilled(
        rewriter, loc, createEmpty(rewriter, loc, sourceType, sourceSize),
        createExtremeValue(rewriter, loc, nxType, /*lowest=*/isMax));
    Value offsetInit = createFilled(
        rewriter, loc, createEmpty(rewriter, loc, offsetType, sourceSize),
        arith::ConstantOp::create(rewriter, loc,
                                  rewriter.getI64IntegerAttr(0)));
    SmallVector<AffineExpr> inputExprs, windowExprs, sourceExprs;
    for (int64_t i = 0; i < rank; ++i) {
      AffineExpr s = getAffineDimExpr(i, ctx),
                 w = getAffineDimExpr(rank + i, ctx);
      inputExprs.push_back(s * strides[i] + w);
      windowExprs.push_back(w);
      sourceExprs.push_back(s);
    }
    AffineMap sourceMap = AffineMap::get(2 * rank, 0, sourceExprs, ctx);
    SmallVector<AffineMap> selectMaps = {
        AffineMap::get(2 * rank, 0, inputExprs, ctx),
        AffineMap::get(2 * rank, 0, windowExprs, ctx), sourceMap, sourceMap};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators.append(rank, utils::IteratorType::reduction);
    auto select = linalg::GenericOp::create(
        rewriter, loc, TypeRange{sourceType, offsetType},
        ValueRange{input, windowShape}, ValueRange{valueInit, offsetInit},
        selectMaps, iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], accValue = args[2], accOffset = args[3];
          Value take;
          if (isFloat)
            take = arith::CmpFOp::create(b, l,
                                         isMax ? arith::CmpFPredicate::OGE
                                               : arith::CmpFPredicate::OLE,
                                         x, accValue);
          else if (isUnsignedInt(nxType))
            take = arith::CmpIOp::create(b, l,
                                         isMax ? arith::CmpIPredicate::uge
                                               : arith::CmpIPredicate::ule,
                                         x, accValue);
          else
            take = arith::CmpIOp::create(b, l,
                                         isMax ? arith::CmpIPredicate::sge
                                               : arith::CmpIPredicate::sle,
                                         x, accValue);
          Value offset = createWindowOffset(b, l, window, rank);
          linalg::YieldOp::create(
              b, l,
              ValueRange{
                  arith::SelectOp::create(b, l, take, x, accValue),
                  arith::SelectOp::create(b, l, take, offset, accOffset)});
        });
    Value selected = select.getResult(1);

    // Scatter as a gather: result element p is read by window s at offset w
    // when (p + low - w) = s * stride.
    SmallVector<Value> sourceSizes;
    for (int64_t i = 0; i < rank; ++i)
      sourceSizes.push_back(m.value(sourceSize(i)));
    Value resultInit = createFilled(
        rewriter, loc,
        createEmptyFromDims(rewriter, loc, type, adaptor.getX(),
                            llvm::to_vector(llvm::seq<int64_t>(0, rank))),
        init);
    SmallVector<AffineExpr> resultExprs;
    for (int64_t i = 0; i < rank; ++i)
      resultExprs.push_back(getAffineDimExpr(i, ctx));
    SmallVector<AffineMap> scatterMaps = {
        AffineMap::get(2 * rank, 0, windowExprs, ctx),
        AffineMap::get(2 * rank, 0, resultExprs, ctx)};
    Value result = createGeneric(
        rewriter, loc, type, ValueRange{windowShape}, resultInit, scatterMaps,
        iterators, [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value acc = args[1];
          Value zero = arith::ConstantIndexOp::create(b, l, 0);
          Value valid = arith::ConstantIntOp::create(b, l, 1, 1);
          SmallVector<Value> indices;
          for (int64_t i = 0; i < rank; ++i) {
            Value p = linalg::IndexOp::create(b, l, i);
            Value w = linalg::IndexOp::create(b, l, rank + i);
            Value q = arith::SubIOp::create(
                b, l,
                arith::AddIOp::create(
                    b, l, p, arith::ConstantIndexOp::create(b, l, low[i])),
                w);
            Value stride = arith::ConstantIndexOp::create(b, l, strides[i]);
            Value s = arith::DivSIOp::create(b, l, q, stride);
            Value ok = arith::AndIOp::create(
                b, l,
                arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge, q, zero),
                arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                      arith::RemSIOp::create(b, l, q, stride),
                                      zero));
            ok = arith::AndIOp::create(
                b, l, ok,
                arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, s,
                                      sourceSizes[i]));
            valid = arith::AndIOp::create(b, l, valid, ok);
            indices.push_back(arith::SelectOp::create(b, l, ok, s, zero));
          }
          Value offset = tensor::ExtractOp::create(b, l, selected, indices);
          Value hit = arith::AndIOp::create(
              b, l, valid,
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, offset,
                                    createWindowOffset(b, l, window, rank)));
          Value value = tensor::ExtractOp::create(b, l, source, indices);
          Value sum = isFloat
                          ? arith::AddFOp::create(b, l, acc, value).getResult()
                          : arith::AddIOp::create(b, l, acc, value).getResult();
          return arith::SelectOp::create(b, l, hit, sum, acc);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nx.conv
//===----------------------------------------------------------------------===//

/// The input of `op` zero-padded and dilated on its spatial dims.
static Value createPaddedConvInput(nx::ConvOp op, Value input, OpBuilder &b) {
  Location loc = op.getLoc();
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(input.getType());
  Type elementType = type.getElementType();
  int64_t rank = type.getRank();
  ArrayRef<int64_t> low = op.getPaddingLow(), high = op.getPaddingHigh();
  ArrayRef<int64_t> dilation = op.getInputDilation();
  Value zero = createScalarConstant(b, loc, elementType, 0);
  bool undilated = llvm::all_of(dilation, [](int64_t d) { return d == 1; });
  bool nonNegative = llvm::all_of(low, [](int64_t p) { return p >= 0; }) &&
                     llvm::all_of(high, [](int64_t p) { return p >= 0; });
  bool padded = llvm::any_of(low, [](int64_t p) { return p != 0; }) ||
                llvm::any_of(high, [](int64_t p) { return p != 0; });
  if (undilated && !padded)
    return input;
  if (undilated && nonNegative) {
    SmallVector<int64_t> lowAll = {0, 0}, highAll = {0, 0};
    llvm::append_range(lowAll, low);
    llvm::append_range(highAll, high);
    return tensor::PadOp::create(b, loc, Type(), input,
                                 getAsIndexOpFoldResult(ctx, lowAll),
                                 getAsIndexOpFoldResult(ctx, highAll), zero);
  }
  // Insert the input with strides `dilation` into a zero tensor that has the
  // non-negative part of the padding, then cut off the negative part.
  IndexMath m{b, loc};
  SmallVector<OpFoldResult> fullSizes, offsets, sizes, strides;
  SmallVector<OpFoldResult> cutOffsets, cutSizes;
  bool cut = false;
  for (int64_t d = 0; d < rank; ++d) {
    OpFoldResult size = m.dim(input, d);
    sizes.push_back(size);
    if (d < 2) {
      fullSizes.push_back(size);
      offsets.push_back(m.cst(0));
      strides.push_back(m.cst(1));
      cutOffsets.push_back(m.cst(0));
      cutSizes.push_back(size);
      continue;
    }
    int64_t lo = low[d - 2], hi = high[d - 2];
    int64_t cutLow = std::max<int64_t>(-lo, 0);
    int64_t cutHigh = std::max<int64_t>(-hi, 0);
    OpFoldResult full =
        m.add(m.dilated(size, dilation[d - 2]),
              m.cst(std::max<int64_t>(lo, 0) + std::max<int64_t>(hi, 0)));
    fullSizes.push_back(full);
    offsets.push_back(m.cst(std::max<int64_t>(lo, 0)));
    strides.push_back(m.cst(dilation[d - 2]));
    cut |= cutLow != 0 || cutHigh != 0;
    cutOffsets.push_back(m.cst(cutLow));
    cutSizes.push_back(m.sub(full, m.cst(cutLow + cutHigh)));
  }
  Value empty = tensor::EmptyOp::create(b, loc, fullSizes, elementType);
  Value result = tensor::InsertSliceOp::create(
      b, loc, input, createFilled(b, loc, empty, zero), offsets, sizes,
      strides);
  if (!cut)
    return result;
  SmallVector<OpFoldResult> ones(rank, b.getIndexAttr(1));
  return tensor::ExtractSliceOp::create(b, loc, result, cutOffsets, cutSizes,
                                        ones);
}

/// Loops (batch, out channel, out spatial..., in channel, kernel spatial...)
/// over the padded input; groups pick the input batch and channel from the
/// output channel by floordiv, which needs their sizes statically (the
/// kernel's channels only for feature groups).
struct ConvLowering : OpConversionPattern<nx::ConvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::ConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type = convertTensorType(getTypeConverter(), op.getType());
    RankedTensorType inputType = op.getInput().getType();
    RankedTensorType kernelType = op.getKernel().getType();
    int64_t rank = type.getRank(), numSpatial = rank - 2;
    int64_t fg = op.getFeatureGroupSize(), bg = op.getBatchGroupSize();
    int64_t batch = inputType.getDimSize(0);
    int64_t outChannels = kernelType.getDimSize(0);
    int64_t groupChannels = kernelType.getDimSize(1);
    if ((fg != 1 || bg != 1) &&
        (ShapedType::isDynamic(outChannels) ||
         (fg != 1 && ShapedType::isDynamic(groupChannels)) ||
         (bg != 1 && ShapedType::isDynamic(batch))))
      return op.emitOpError("grouped convolution needs static batch and "
                            "channel sizes but got ")
             << inputType << " and " << kernelType;

    Value input = createPaddedConvInput(op, adaptor.getInput(), rewriter);
    Value kernel = adaptor.getKernel();

    // d0 = batch, d1 = out channel, d2.. = out spatial, then in channel and
    // kernel spatial.
    int64_t numLoops = 2 * rank - 1;
    auto dim = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
    AffineExpr n = dim(0), oc = dim(1), c = dim(rank);
    AffineExpr inBatch = n, inChannel = c;
    if (bg != 1)
      inBatch = oc.floorDiv(outChannels / bg) * (batch / bg) + n;
    if (fg != 1)
      inChannel = oc.floorDiv(outChannels / fg) * groupChannels + c;
    SmallVector<AffineExpr> inputExprs = {inBatch, inChannel};
    SmallVector<AffineExpr> kernelExprs = {oc, c};
    SmallVector<AffineExpr> outputExprs = {n, oc};
    for (int64_t i = 0; i < numSpatial; ++i) {
      AffineExpr o = dim(2 + i), k = dim(rank + 1 + i);
      inputExprs.push_back(o * op.getStrides()[i] +
                           k * op.getKernelDilation()[i]);
      kernelExprs.push_back(k);
      outputExprs.push_back(o);
    }
    SmallVector<AffineMap> maps = {
        AffineMap::get(numLoops, 0, inputExprs, ctx),
        AffineMap::get(numLoops, 0, kernelExprs, ctx),
        AffineMap::get(numLoops, 0, outputExprs, ctx)};

    IndexMath m{rewriter, loc};
    Type elementType = type.getElementType();
    Value empty = createEmpty(rewriter, loc, type, [&](int64_t d) {
      if (d == 0)
        return m.div(m.dim(adaptor.getInput(), 0), m.cst(bg));
      if (d == 1)
        return m.dim(kernel, 0);
      int64_t i = d - 2;
      return m.numWindows(
          m.dim(input, d),
          m.dilated(m.dim(kernel, d), op.getKernelDilation()[i]),
          op.getStrides()[i]);
    });
    Value init =
        createFilled(rewriter, loc, empty,
                     createScalarConstant(rewriter, loc, elementType, 0));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators.append(numLoops - rank, utils::IteratorType::reduction);
    Value result = createGeneric(
        rewriter, loc, type, ValueRange{input, kernel}, init, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value x = args[0], w = args[1], acc = args[2];
          if (isa<FloatType>(elementType))
            return arith::AddFOp::create(b, l, acc,
                                         arith::MulFOp::create(b, l, x, w));
          if (elementType.isInteger(1))
            return arith::OrIOp::create(b, l, acc,
                                        arith::AndIOp::create(b, l, x, w));
          return arith::AddIOp::create(b, l, acc,
                                       arith::MulIOp::create(b, l, x, w));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

/// nx.while -> scf.while: `cond` becomes the before region (its nx.yield an
/// scf.condition forwarding the state), `body` the after region.
struct WhileLowering : OpConversionPattern<nx::WhileOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::WhileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> types;
    if (failed(getTypeConverter()->convertTypes(op.getResultTypes(), types)))
      return failure();
    auto loop =
        scf::WhileOp::create(rewriter, op.getLoc(), types, adaptor.getInit());
    rewriter.inlineRegionBefore(op.getCond(), loop.getBefore(),
                                loop.getBefore().end());
    rewriter.inlineRegionBefore(op.getBody(), loop.getAfter(),
                                loop.getAfter().end());
    if (failed(rewriter.convertRegionTypes(&loop.getBefore(),
                                           *getTypeConverter())) ||
        failed(
            rewriter.convertRegionTypes(&loop.getAfter(), *getTypeConverter())))
      return failure();
    rewriter.replaceOp(op, loop.getResults());
    return success();
  }
};

/// `pred != 0` as an `i1`, for a 0-d integer tensor `pred`.
static Value extractPredicate(OpBuilder &b, Location loc, Value pred) {
  Value scalar = tensor::ExtractOp::create(b, loc, pred, ValueRange{});
  return createIsNonZero(b, loc, scalar);
}

struct IfLowering : OpConversionPattern<nx::IfOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::IfOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> types;
    if (failed(getTypeConverter()->convertTypes(op.getResultTypes(), types)))
      return failure();
    Value cond = extractPredicate(rewriter, op.getLoc(), adaptor.getPred());
    auto ifOp = scf::IfOp::create(rewriter, op.getLoc(), types, cond,
                                  /*addThenBlock=*/false,
                                  /*addElseBlock=*/false);
    rewriter.inlineRegionBefore(op.getThenRegion(), ifOp.getThenRegion(),
                                ifOp.getThenRegion().end());
    rewriter.inlineRegionBefore(op.getElseRegion(), ifOp.getElseRegion(),
                                ifOp.getElseRegion().end());
    rewriter.replaceOp(op, ifOp.getResults());
    return success();
  }
};

/// nx.yield -> scf.condition in a while's before region, scf.yield
/// elsewhere. Runs after its parent was rewritten into an scf op.
struct YieldLowering : OpConversionPattern<nx::YieldOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::YieldOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Operation *parent = op->getParentOp();
    if (auto loop = dyn_cast<scf::WhileOp>(parent);
        loop && op->getParentRegion() == &loop.getBefore()) {
      Value cond =
          extractPredicate(rewriter, op.getLoc(), adaptor.getValues()[0]);
      rewriter.replaceOpWithNewOp<scf::ConditionOp>(
          op, cond, op->getBlock()->getArguments());
      return success();
    }
    if (!isa<scf::WhileOp, scf::IfOp>(parent))
      return rewriter.notifyMatchFailure(op, "parent not yet converted");
    rewriter.replaceOpWithNewOp<scf::YieldOp>(op, adaptor.getValues());
    return success();
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

template <typename NxOp>
static void addBitwise(const TypeConverter &converter,
                       RewritePatternSet &patterns, ScalarFn fn) {
  patterns.add<BitwiseLowering>(converter, patterns.getContext(),
                                NxOp::getOperationName(), fn);
}

void nxtolinalg::populateNxWindowToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  addBitwise<nx::BitwiseAndOp>(converter, patterns, binaryInt<arith::AndIOp>);
  addBitwise<nx::BitwiseOrOp>(converter, patterns, binaryInt<arith::OrIOp>);
  addBitwise<nx::BitwiseXorOp>(converter, patterns, binaryInt<arith::XOrIOp>);
  addBitwise<nx::BitwiseNotOp>(converter, patterns, bitwiseNot);
  addBitwise<nx::LeftShiftOp>(converter, patterns, leftShift);
  addBitwise<nx::RightShiftOp>(converter, patterns, rightShift);
  addBitwise<nx::PopulationCountOp>(converter, patterns, populationCount);
  addBitwise<nx::CountLeadingZerosOp>(converter, patterns, countLeadingZeros);
  patterns.add<BitcastLowering, WindowReduceLowering<nx::WindowSumOp>,
               WindowReduceLowering<nx::WindowProductOp>,
               WindowReduceLowering<nx::WindowMaxOp>,
               WindowReduceLowering<nx::WindowMinOp>,
               WindowScatterLowering<nx::WindowScatterMaxOp>,
               WindowScatterLowering<nx::WindowScatterMinOp>, ConvLowering,
               WhileLowering, IfLowering, YieldLowering>(converter,
                                                         patterns.getContext());
}

ScalarBuilder nxtolinalg::getBitwiseScalarBuilder(Operation *op) {
  // The bitwise patterns hold each op's scalar body; look it up there.
  TypeConverter converter;
  RewritePatternSet patterns(op->getContext());
  populateNxWindowToLinalgPatterns(converter, patterns);
  for (const auto &p : patterns.getNativePatterns()) {
    if (p->getDebugName() != "nx-bitwise" || p->getRootKind() != op->getName())
      continue;
    ScalarFn fn = static_cast<const BitwiseLowering *>(p.get())->getScalarFn();
    Type nxType =
        cast<RankedTensorType>(op->getOperand(0).getType()).getElementType();
    return [=](OpBuilder &b, Location l, ValueRange args) {
      return fn(b, l, args, nxType);
    };
  }
  return nullptr;
}
