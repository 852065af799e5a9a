//===- NxToLinalgIndexing.cpp - slices, pads, sort, scans -----*- C++ -*-===//
//
// This file implements the nx-to-linalg patterns for the indexing, sorting
// and scan ops of ir/NxIndexingOps.td. Slices, pads and concatenations become
// `tensor.extract_slice`/`tensor.insert_slice` over `linalg.fill`ed inits
// (run-time start indices are clamped first, so nothing reads or writes out of
// bounds); reverse is a `linalg.generic` that reads its operand with
// `tensor.extract` at mirrored indices. Cumulative ops are an `scf.for` over
// the scanned axis carrying the running slice, and sort/argsort compute each
// element's stable rank with a reduction `linalg.generic` (O(n^2) compares per
// sorted row) and scatter elements to their ranks with an `scf.for` nest.
// Gather is a `linalg.generic` reading its operand with `tensor.extract` at
// clamped positions; scatter is an `scf.for` nest over the updates.
//
//===----------------------------------------------------------------------===//

#include "NxToLinalgCommon.h"
#include "ir/NxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

#include <limits>

using namespace mlir;
using namespace nxc;
using namespace nxc::nxtolinalg;
namespace nx = nxc::nx;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static RankedTensorType convertedType(const TypeConverter *converter,
                                      Type type) {
  return cast<RankedTensorType>(converter->convertType(type));
}

/// `value` cast to `type` when their (compatible) static shapes differ.
static Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

static Value indexConstant(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// The size of every dim of `tensor`: attributes where static.
static SmallVector<OpFoldResult> mixedSizes(OpBuilder &b, Location loc,
                                            Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<OpFoldResult> sizes;
  for (int64_t i = 0, e = type.getRank(); i < e; ++i) {
    if (type.isDynamicDim(i))
      sizes.push_back(createDimSize(b, loc, tensor, i));
    else
      sizes.push_back(b.getIndexAttr(type.getDimSize(i)));
  }
  return sizes;
}

/// `a + b`, `a * b`, `max(a, b)` on index values, folded when both are
/// constants.
enum class IndexOp { Add, Sub, Mul, Max };
static OpFoldResult indexArith(OpBuilder &b, Location loc, IndexOp kind,
                               OpFoldResult lhs, OpFoldResult rhs) {
  std::optional<int64_t> l = getConstantIntValue(lhs);
  std::optional<int64_t> r = getConstantIntValue(rhs);
  if (l && r) {
    switch (kind) {
    case IndexOp::Add:
      return b.getIndexAttr(*l + *r);
    case IndexOp::Sub:
      return b.getIndexAttr(*l - *r);
    case IndexOp::Mul:
      return b.getIndexAttr(*l * *r);
    case IndexOp::Max:
      return b.getIndexAttr(std::max(*l, *r));
    }
  }
  // x + 0, x - 0, x * 1.
  if (r && ((*r == 0 && (kind == IndexOp::Add || kind == IndexOp::Sub)) ||
            (*r == 1 && kind == IndexOp::Mul)))
    return lhs;
  Value lv = getValueOrCreateConstantIndexOp(b, loc, lhs);
  Value rv = getValueOrCreateConstantIndexOp(b, loc, rhs);
  switch (kind) {
  case IndexOp::Add:
    return arith::AddIOp::create(b, loc, lv, rv).getResult();
  case IndexOp::Sub:
    return arith::SubIOp::create(b, loc, lv, rv).getResult();
  case IndexOp::Mul:
    return arith::MulIOp::create(b, loc, lv, rv).getResult();
  case IndexOp::Max:
    return arith::MaxSIOp::create(b, loc, lv, rv).getResult();
  }
  llvm_unreachable("unknown index op");
}

/// The (signless) integer `v` of nx type `nxType` clamped to `[0, max]`, as
/// an `index`. Unsigned indices compare as unsigned, so a huge `ui64` clamps
/// to the top.
static Value createClampedIndex(OpBuilder &b, Location loc, Value v,
                                Type nxType, OpFoldResult max) {
  bool isUnsigned = isUnsignedInt(nxType);
  Type i64 = b.getI64Type();
  if (nxType.getIntOrFloatBitWidth() < 64)
    v = isUnsigned ? arith::ExtUIOp::create(b, loc, i64, v).getResult()
                   : arith::ExtSIOp::create(b, loc, i64, v).getResult();
  else if (nxType.getIntOrFloatBitWidth() > 64)
    v = arith::TruncIOp::create(b, loc, i64, v);
  Value hi = arith::IndexCastOp::create(
      b, loc, i64, getValueOrCreateConstantIndexOp(b, loc, max));
  if (isUnsigned) {
    v = arith::MinUIOp::create(b, loc, v, hi);
  } else {
    v = arith::MinSIOp::create(b, loc, v, hi);
    v = arith::MaxSIOp::create(b, loc, v,
                               arith::ConstantIntOp::create(b, loc, i64, 0));
  }
  return arith::IndexCastOp::create(b, loc, b.getIndexType(), v);
}

/// The start index held by the 0-d (signless) tensor `start`, clamped to
/// `[0, maxStart]`.
static Value createClampedStart(OpBuilder &b, Location loc, Value start,
                                Type nxType, OpFoldResult maxStart) {
  Value v = tensor::ExtractOp::create(b, loc, start, ValueRange{});
  return createClampedIndex(b, loc, v, nxType, maxStart);
}

/// Clamped offsets at which a block of `sizes` fits in `source`.
static SmallVector<OpFoldResult>
createClampedStarts(OpBuilder &b, Location loc, Value source,
                    ArrayRef<OpFoldResult> sizes, ValueRange starts,
                    ValueRange nxStarts) {
  SmallVector<OpFoldResult> dims = mixedSizes(b, loc, source);
  SmallVector<OpFoldResult> offsets;
  for (auto [i, start] : llvm::enumerate(starts)) {
    OpFoldResult maxStart =
        indexArith(b, loc, IndexOp::Sub, dims[i], sizes[i]);
    Type nxType =
        cast<RankedTensorType>(nxStarts[i].getType()).getElementType();
    offsets.push_back(createClampedStart(b, loc, start, nxType, maxStart));
  }
  return offsets;
}

/// `0, 1, ..., rank - 1`: the dims of a same-shaped source.
static SmallVector<int64_t> allDims(int64_t rank) {
  return llvm::to_vector(llvm::seq<int64_t>(0, rank));
}

namespace {

//===----------------------------------------------------------------------===//
// nx.slice, nx.dynamic_slice, nx.dynamic_update_slice
//===----------------------------------------------------------------------===//

struct SliceLowering : OpConversionPattern<nx::SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (auto [start, limit, stride] : llvm::zip(
             op.getStartIndices(), op.getLimitIndices(), op.getStrides())) {
      offsets.push_back(rewriter.getIndexAttr(start));
      sizes.push_back(
          rewriter.getIndexAttr(llvm::divideCeil(limit - start, stride)));
      strides.push_back(rewriter.getIndexAttr(stride));
    }
    Value slice = tensor::ExtractSliceOp::create(rewriter, loc, adaptor.getX(),
                                                 offsets, sizes, strides);
    rewriter.replaceOp(
        op, castTo(rewriter, loc, slice,
                   convertedType(getTypeConverter(), op.getType())));
    return success();
  }
};

struct DynamicSliceLowering : OpConversionPattern<nx::DynamicSliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::DynamicSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    SmallVector<OpFoldResult> sizes, strides;
    for (int64_t size : op.getSliceSizes()) {
      sizes.push_back(rewriter.getIndexAttr(size));
      strides.push_back(rewriter.getIndexAttr(1));
    }
    SmallVector<OpFoldResult> offsets =
        createClampedStarts(rewriter, loc, adaptor.getX(), sizes,
                            adaptor.getStartIndices(), op.getStartIndices());
    Value slice = tensor::ExtractSliceOp::create(rewriter, loc, adaptor.getX(),
                                                 offsets, sizes, strides);
    rewriter.replaceOp(
        op, castTo(rewriter, loc, slice,
                   convertedType(getTypeConverter(), op.getType())));
    return success();
  }
};

struct DynamicUpdateSliceLowering
    : OpConversionPattern<nx::DynamicUpdateSliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::DynamicUpdateSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    SmallVector<OpFoldResult> sizes =
        mixedSizes(rewriter, loc, adaptor.getUpdate());
    SmallVector<OpFoldResult> strides(sizes.size(), rewriter.getIndexAttr(1));
    SmallVector<OpFoldResult> offsets =
        createClampedStarts(rewriter, loc, adaptor.getX(), sizes,
                            adaptor.getStartIndices(), op.getStartIndices());
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, adaptor.getUpdate(), adaptor.getX(), offsets, sizes, strides);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nx.pad
//===----------------------------------------------------------------------===//

/// Positive edge and interior padding go into a `linalg.fill`ed tensor that
/// receives the operand through a strided `tensor.insert_slice`; negative
/// edge padding then crops it with a `tensor.extract_slice`.
struct PadLowering : OpConversionPattern<nx::PadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    Value x = adaptor.getX();
    ArrayRef<int64_t> low = op.getLow(), high = op.getHigh(),
                      interior = op.getInterior();
    SmallVector<OpFoldResult> dims = mixedSizes(b, loc, x);
    SmallVector<OpFoldResult> padded, inOffsets, inStrides, cropOffsets,
        cropSizes;
    bool grows = false, crops = false;
    for (auto [i, dim] : llvm::enumerate(dims)) {
      int64_t lo = std::max<int64_t>(low[i], 0);
      int64_t hi = std::max<int64_t>(high[i], 0);
      grows |= lo > 0 || hi > 0 || interior[i] > 0;
      crops |= low[i] < 0 || high[i] < 0;
      // d + max(d - 1, 0) * interior, then the positive edges.
      OpFoldResult gaps = indexArith(
          b, loc, IndexOp::Max,
          indexArith(b, loc, IndexOp::Sub, dim, b.getIndexAttr(1)),
          b.getIndexAttr(0));
      OpFoldResult spread =
          indexArith(b, loc, IndexOp::Add, dim,
                     indexArith(b, loc, IndexOp::Mul, gaps,
                                b.getIndexAttr(interior[i])));
      OpFoldResult size = indexArith(b, loc, IndexOp::Add, spread,
                                     b.getIndexAttr(lo + hi));
      padded.push_back(size);
      inOffsets.push_back(b.getIndexAttr(lo));
      inStrides.push_back(b.getIndexAttr(interior[i] + 1));
      int64_t cropLow = std::max<int64_t>(-low[i], 0);
      int64_t cropHigh = std::max<int64_t>(-high[i], 0);
      cropOffsets.push_back(b.getIndexAttr(cropLow));
      cropSizes.push_back(indexArith(b, loc, IndexOp::Sub, size,
                                     b.getIndexAttr(cropLow + cropHigh)));
    }
    Value result = x;
    if (grows) {
      Type elementType = cast<RankedTensorType>(x.getType()).getElementType();
      Value empty = tensor::EmptyOp::create(b, loc, padded, elementType);
      Value padValue = tensor::ExtractOp::create(
          b, loc, adaptor.getPadValue(), ValueRange{});
      Value filled = linalg::FillOp::create(b, loc, ValueRange{padValue},
                                            ValueRange{empty})
                         .getResult(0);
      result = tensor::InsertSliceOp::create(b, loc, x, filled, inOffsets, dims,
                                             inStrides);
    }
    if (crops) {
      SmallVector<OpFoldResult> ones(dims.size(), b.getIndexAttr(1));
      result = tensor::ExtractSliceOp::create(b, loc, result, cropOffsets,
                                              cropSizes, ones);
    }
    rewriter.replaceOp(
        op, castTo(b, loc, result,
                   convertedType(getTypeConverter(), op.getType())));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nx.concatenate, nx.reverse
//===----------------------------------------------------------------------===//

struct ConcatenateLowering : OpConversionPattern<nx::ConcatenateOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::ConcatenateOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    int64_t axis = op.getAxis();
    ValueRange inputs = adaptor.getInputs();
    SmallVector<SmallVector<OpFoldResult>> inputSizes;
    for (Value input : inputs)
      inputSizes.push_back(mixedSizes(b, loc, input));
    // Every dim but `axis` is the first input's; `axis` is their sum.
    SmallVector<OpFoldResult> sizes = inputSizes.front();
    for (size_t n = 1; n < inputs.size(); ++n)
      sizes[axis] =
          indexArith(b, loc, IndexOp::Add, sizes[axis], inputSizes[n][axis]);
    Value result =
        tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
    OpFoldResult offset = b.getIndexAttr(0);
    SmallVector<OpFoldResult> ones(type.getRank(), b.getIndexAttr(1));
    for (auto [input, inSizes] : llvm::zip(inputs, inputSizes)) {
      SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
      offsets[axis] = offset;
      result = tensor::InsertSliceOp::create(b, loc, input, result, offsets,
                                             inSizes, ones);
      offset = indexArith(b, loc, IndexOp::Add, offset, inSizes[axis]);
    }
    rewriter.replaceOp(op, castTo(b, loc, result, type));
    return success();
  }
};

struct ReverseLowering : OpConversionPattern<nx::ReverseOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::ReverseOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    Value x = adaptor.getX();
    int64_t rank = type.getRank();
    // The last index of each reversed axis, computed outside the body.
    SmallVector<Value> last(rank);
    for (int64_t axis : op.getAxes())
      last[axis] = arith::SubIOp::create(
          rewriter, loc, createDimSize(rewriter, loc, x, axis),
          indexConstant(rewriter, loc, 1));
    Value init = createEmptyFromDims(rewriter, loc, type, x,
                                     allDims(rank));
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{}, ValueRange{init}, maps,
        iterators, [&](OpBuilder &b, Location l, ValueRange) {
          SmallVector<Value> indices;
          for (int64_t i = 0; i < rank; ++i) {
            Value index = linalg::IndexOp::create(b, l, i);
            if (last[i])
              index = arith::SubIOp::create(b, l, last[i], index);
            indices.push_back(index);
          }
          Value v = tensor::ExtractOp::create(b, l, x, indices);
          linalg::YieldOp::create(b, l, v);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Cumulative ops
//===----------------------------------------------------------------------===//

enum class ScanKind { Sum, Product, Max, Min };

/// The identity of `kind` for the nx element type `nxType`, signless.
static Value createScanIdentity(OpBuilder &b, Location loc, ScanKind kind,
                                Type nxType) {
  Type type = toSignless(nxType);
  if (kind == ScanKind::Sum)
    return createScalarConstant(b, loc, type, 0);
  if (kind == ScanKind::Product)
    return createScalarConstant(b, loc, type, 1);
  bool isMax = kind == ScanKind::Max;
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc,
        b.getFloatAttr(floatType, APFloat::getInf(floatType.getFloatSemantics(),
                                                  /*Negative=*/isMax)));
  unsigned width = type.getIntOrFloatBitWidth();
  APInt value;
  if (isUnsignedInt(nxType))
    value = isMax ? APInt::getMinValue(width) : APInt::getMaxValue(width);
  else
    value = isMax ? APInt::getSignedMinValue(width)
                  : APInt::getSignedMaxValue(width);
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, value));
}

/// Combines the running value `acc` with `x` (NaN propagates through max/min,
/// as in Nx.max/Nx.min).
static Value createScanCombine(OpBuilder &b, Location loc, ScanKind kind,
                               Type nxType, Value acc, Value x) {
  bool isFloat = isa<FloatType>(nxType), isUnsigned = isUnsignedInt(nxType);
  switch (kind) {
  case ScanKind::Sum:
    return isFloat ? arith::AddFOp::create(b, loc, acc, x).getResult()
                   : arith::AddIOp::create(b, loc, acc, x).getResult();
  case ScanKind::Product:
    return isFloat ? arith::MulFOp::create(b, loc, acc, x).getResult()
                   : arith::MulIOp::create(b, loc, acc, x).getResult();
  case ScanKind::Max:
    if (isFloat)
      return arith::MaximumFOp::create(b, loc, acc, x);
    return isUnsigned ? arith::MaxUIOp::create(b, loc, acc, x).getResult()
                      : arith::MaxSIOp::create(b, loc, acc, x).getResult();
  case ScanKind::Min:
    if (isFloat)
      return arith::MinimumFOp::create(b, loc, acc, x);
    return isUnsigned ? arith::MinUIOp::create(b, loc, acc, x).getResult()
                      : arith::MinSIOp::create(b, loc, acc, x).getResult();
  }
  llvm_unreachable("unknown scan kind");
}

/// An `scf.for` over `axis` that carries the running slice (the operand's
/// shape with `axis` of size 1) and the result, combining one slice of the
/// operand per step and inserting the running slice into the result.
template <typename OpT, ScanKind Kind>
struct CumulativeLowering : OpConversionPattern<OpT> {
  using OpConversionPattern<OpT>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpT op, typename OpT::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    RankedTensorType type =
        convertedType(this->getTypeConverter(), op.getType());
    Type nxType = op.getType().getElementType();
    Value x = adaptor.getX();
    int64_t axis = op.getAxis(), rank = type.getRank();
    bool reverse = op.getReverse();

    SmallVector<OpFoldResult> sizes = mixedSizes(b, loc, x);
    Value n = getValueOrCreateConstantIndexOp(b, loc, sizes[axis]);
    SmallVector<OpFoldResult> sliceSizes = sizes;
    sliceSizes[axis] = b.getIndexAttr(1);
    Value accEmpty =
        tensor::EmptyOp::create(b, loc, sliceSizes, type.getElementType());
    Value acc = linalg::FillOp::create(
                    b, loc,
                    ValueRange{createScanIdentity(b, loc, Kind, nxType)},
                    ValueRange{accEmpty})
                    .getResult(0);
    Value init = tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
    SmallVector<OpFoldResult> ones(rank, b.getIndexAttr(1));
    Value zero = indexConstant(b, loc, 0), one = indexConstant(b, loc, 1);
    Value last = reverse ? arith::SubIOp::create(b, loc, n, one) : Value();

    auto loop = scf::ForOp::create(
        b, loc, zero, n, one, ValueRange{acc, init},
        [&](OpBuilder &nb, Location l, Value k, ValueRange args) {
          Value at = reverse ? arith::SubIOp::create(nb, l, last, k).getResult()
                             : k;
          SmallVector<OpFoldResult> offsets(rank, nb.getIndexAttr(0));
          offsets[axis] = at;
          Value slice = tensor::ExtractSliceOp::create(nb, l, x, offsets,
                                                       sliceSizes, ones);
          SmallVector<AffineMap> maps(2, nb.getMultiDimIdentityMap(rank));
          SmallVector<utils::IteratorType> iterators(
              rank, utils::IteratorType::parallel);
          Value running =
              linalg::GenericOp::create(
                  nb, l, TypeRange{args[0].getType()}, ValueRange{slice},
                  ValueRange{args[0]}, maps, iterators,
                  [&](OpBuilder &bb, Location bl, ValueRange vals) {
                    linalg::YieldOp::create(
                        bb, bl,
                        createScanCombine(bb, bl, Kind, nxType, vals[1],
                                          vals[0]));
                  })
                  .getResult(0);
          Value result = tensor::InsertSliceOp::create(
              nb, l, running, args[1], offsets, sliceSizes, ones);
          scf::YieldOp::create(nb, l, ValueRange{running, result});
        });
    rewriter.replaceOp(op, castTo(b, loc, loop.getResult(1), type));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nx.sort, nx.argsort
//===----------------------------------------------------------------------===//

/// `lhs` sorts strictly before `rhs` ascending: NaN is above everything, NaNs
/// tie with each other and -0.0 ties with +0.0.
static Value createLess(OpBuilder &b, Location loc, Type nxType, Value lhs,
                        Value rhs) {
  if (isa<FloatType>(nxType)) {
    Value lt =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, lhs, rhs);
    Value lhsOrdered =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ORD, lhs, lhs);
    Value rhsNan =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, rhs, rhs);
    Value nanAbove = arith::AndIOp::create(b, loc, lhsOrdered, rhsNan);
    return arith::OrIOp::create(b, loc, lt, nanAbove);
  }
  arith::CmpIPredicate predicate = isUnsignedInt(nxType)
                                       ? arith::CmpIPredicate::ult
                                       : arith::CmpIPredicate::slt;
  return arith::CmpIOp::create(b, loc, predicate, lhs, rhs);
}

/// The stable rank of every element along `axis`: the number of elements of
/// its row that sort before it, counting equal elements at lower indices.
static Value createSortRanks(OpBuilder &b, Location loc, Value x, Type nxType,
                             int64_t axis, bool descending) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  MLIRContext *ctx = b.getContext();
  // Loops d0..d(rank-1) walk the element, d(rank) the elements it is
  // compared with.
  SmallVector<AffineExpr> self, other;
  for (int64_t i = 0; i < rank; ++i) {
    self.push_back(getAffineDimExpr(i, ctx));
    other.push_back(getAffineDimExpr(i == axis ? rank : i, ctx));
  }
  SmallVector<AffineMap> maps = {AffineMap::get(rank + 1, 0, self, ctx),
                                 AffineMap::get(rank + 1, 0, other, ctx),
                                 AffineMap::get(rank + 1, 0, self, ctx)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  RankedTensorType rankType = type.clone(b.getI64Type());
  Value empty = createEmptyFromDims(b, loc, rankType, x,
                                    allDims(rank));
  Value zero = arith::ConstantIntOp::create(b, loc, b.getI64Type(), 0);
  Value init =
      linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{empty})
          .getResult(0);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{rankType}, ValueRange{x, x}, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location l, ValueRange args) {
        Value mine = args[0], theirs = args[1], count = args[2];
        Value less = createLess(nb, l, nxType, theirs, mine);
        Value greater = createLess(nb, l, nxType, mine, theirs);
        Value before = descending ? greater : less;
        Value after = descending ? less : greater;
        // Neither before nor after: a tie, which the lower index wins.
        Value i = linalg::IndexOp::create(nb, l, axis);
        Value j = linalg::IndexOp::create(nb, l, rank);
        Value earlier =
            arith::CmpIOp::create(nb, l, arith::CmpIPredicate::ult, j, i);
        Value yes = arith::ConstantIntOp::create(nb, l, nb.getI1Type(), 1);
        Value notAfter = arith::XOrIOp::create(nb, l, after, yes);
        Value tie = arith::AndIOp::create(nb, l, notAfter, earlier);
        Value counts = arith::OrIOp::create(nb, l, before, tie);
        Value inc = arith::ExtUIOp::create(nb, l, nb.getI64Type(), counts);
        linalg::YieldOp::create(nb, l,
                                ValueRange{arith::AddIOp::create(nb, l, count,
                                                                 inc)});
      });
  return generic.getResult(0);
}

/// Writes, for every element of `x`, `valueAt(indices)` at its rank along
/// `axis` in a new tensor of `resultType`.
static Value createScatterToRanks(
    OpBuilder &b, Location loc, Value x, Value ranks, int64_t axis,
    RankedTensorType resultType,
    function_ref<Value(OpBuilder &, Location, ValueRange)> valueAt) {
  int64_t rank = resultType.getRank();
  SmallVector<Value> lbs, ubs, steps;
  for (int64_t i = 0; i < rank; ++i) {
    lbs.push_back(indexConstant(b, loc, 0));
    ubs.push_back(createDimSize(b, loc, x, i));
    steps.push_back(indexConstant(b, loc, 1));
  }
  Value init = createEmptyFromDims(b, loc, resultType, x,
                                   allDims(rank));
  scf::LoopNest nest = scf::buildLoopNest(
      b, loc, lbs, ubs, steps, ValueRange{init},
      [&](OpBuilder &nb, Location l, ValueRange ivs,
          ValueRange args) -> scf::ValueVector {
        Value r = tensor::ExtractOp::create(nb, l, ranks, ivs);
        SmallVector<Value> to(ivs);
        to[axis] = arith::IndexCastOp::create(nb, l, nb.getIndexType(), r);
        Value v = valueAt(nb, l, ivs);
        return {tensor::InsertOp::create(nb, l, v, args[0], to).getResult()};
      });
  return nest.results.front();
}

struct SortLowering : OpConversionPattern<nx::SortOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::SortOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    Value x = adaptor.getX();
    Value ranks =
        createSortRanks(rewriter, loc, x, op.getType().getElementType(),
                        op.getAxis(), op.getDescending());
    Value result = createScatterToRanks(
        rewriter, loc, x, ranks, op.getAxis(), type,
        [&](OpBuilder &b, Location l, ValueRange ivs) -> Value {
          return tensor::ExtractOp::create(b, l, x, ivs);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ArgsortLowering : OpConversionPattern<nx::ArgsortOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::ArgsortOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    Value x = adaptor.getX();
    int64_t axis = op.getAxis();
    Value ranks =
        createSortRanks(rewriter, loc, x, op.getX().getType().getElementType(),
                        axis, op.getDescending());
    Type elementType = type.getElementType();
    Value result = createScatterToRanks(
        rewriter, loc, x, ranks, axis, type,
        [&](OpBuilder &b, Location l, ValueRange ivs) -> Value {
          return arith::IndexCastUIOp::create(b, l, elementType, ivs[axis]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nx.gather, nx.scatter
//===----------------------------------------------------------------------===//

/// The largest valid index of each dim of `tensor`, computed up front.
static SmallVector<Value> createLastIndices(OpBuilder &b, Location loc,
                                           Value tensor) {
  SmallVector<Value> last;
  for (OpFoldResult size : mixedSizes(b, loc, tensor))
    last.push_back(getValueOrCreateConstantIndexOp(
        b, loc, indexArith(b, loc, IndexOp::Sub, size, b.getIndexAttr(1))));
  return last;
}

/// The position in `x` that indices row `row` (the leading indices of
/// `indices`) selects along `axes`, with `rest` for the other dims in order.
static SmallVector<Value>
createIndexedPosition(OpBuilder &b, Location loc, Value indices,
                      Type nxIndexType, ValueRange row, ArrayRef<int64_t> axes,
                      ArrayRef<Value> last, ValueRange rest) {
  SmallVector<Value> position(last.size());
  for (auto [k, axis] : llvm::enumerate(axes)) {
    SmallVector<Value> at(row);
    at.push_back(indexConstant(b, loc, k));
    Value v = tensor::ExtractOp::create(b, loc, indices, at);
    position[axis] = createClampedIndex(b, loc, v, nxIndexType, last[axis]);
  }
  size_t r = 0;
  for (Value &p : position)
    if (!p)
      p = rest[r++];
  return position;
}

/// An output-only `linalg.generic` over the result that reads `x` with
/// `tensor.extract` at the clamped gathered positions.
struct GatherLowering : OpConversionPattern<nx::GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    Value x = adaptor.getX(), indices = adaptor.getIndices();
    ArrayRef<int64_t> axes = op.getAxes();
    int64_t outer = op.getIndices().getType().getRank() - 1;
    // Result dims: the indices' leading dims, then x's non-indexed dims.
    SmallVector<OpFoldResult> sizes = mixedSizes(b, loc, indices);
    sizes.pop_back();
    SmallVector<OpFoldResult> xSizes = mixedSizes(b, loc, x);
    for (auto [i, size] : llvm::enumerate(xSizes))
      if (!llvm::is_contained(axes, static_cast<int64_t>(i)))
        sizes.push_back(size);
    SmallVector<Value> last = createLastIndices(b, loc, x);
    Type nxIndexType = op.getIndices().getType().getElementType();
    Value init = tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
    int64_t rank = cast<RankedTensorType>(init.getType()).getRank();
    SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        b, loc, TypeRange{init.getType()}, ValueRange{}, ValueRange{init}, maps,
        iterators, [&](OpBuilder &nb, Location l, ValueRange) {
          SmallVector<Value> loops;
          for (int64_t i = 0; i < rank; ++i)
            loops.push_back(linalg::IndexOp::create(nb, l, i));
          ValueRange all(loops);
          SmallVector<Value> position = createIndexedPosition(
              nb, l, indices, nxIndexType, all.take_front(outer), axes, last,
              all.drop_front(outer));
          linalg::YieldOp::create(
              nb, l, ValueRange{tensor::ExtractOp::create(nb, l, x, position)});
        });
    rewriter.replaceOp(op, castTo(b, loc, generic.getResult(0), type));
    return success();
  }
};

/// An `scf.for` nest over the updates carrying the result, which starts as
/// the target: sequential, so duplicate indices accumulate (`add`) or the
/// last one wins (`put`).
struct ScatterLowering : OpConversionPattern<nx::ScatterOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::ScatterOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    Value target = adaptor.getTarget(), indices = adaptor.getIndices(),
          updates = adaptor.getUpdates();
    ArrayRef<int64_t> axes = op.getAxes();
    Type nxType = op.getType().getElementType();
    Type nxIndexType = op.getIndices().getType().getElementType();
    bool add = op.getMode() == "add";
    SmallVector<Value> last = createLastIndices(b, loc, target);
    SmallVector<Value> lbs, ubs, steps;
    for (OpFoldResult size : mixedSizes(b, loc, updates)) {
      lbs.push_back(indexConstant(b, loc, 0));
      ubs.push_back(getValueOrCreateConstantIndexOp(b, loc, size));
      steps.push_back(indexConstant(b, loc, 1));
    }
    scf::LoopNest nest = scf::buildLoopNest(
        b, loc, lbs, ubs, steps, ValueRange{target},
        [&](OpBuilder &nb, Location l, ValueRange ivs,
            ValueRange args) -> scf::ValueVector {
          SmallVector<Value> position =
              createIndexedPosition(nb, l, indices, nxIndexType,
                                    ivs.take_front(1), axes, last,
                                    ivs.drop_front(1));
          Value v = tensor::ExtractOp::create(nb, l, updates, ivs);
          if (add) {
            Value old = tensor::ExtractOp::create(nb, l, args[0], position);
            v = createScanCombine(nb, l, ScanKind::Sum, nxType, old, v);
          }
          return {tensor::InsertOp::create(nb, l, v, args[0], position)
                      .getResult()};
        });
    rewriter.replaceOp(op, nest.results.front());
    return success();
  }
};

} // namespace

void nxtolinalg::populateNxIndexingToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<
      SliceLowering, DynamicSliceLowering, DynamicUpdateSliceLowering,
      PadLowering, ConcatenateLowering, ReverseLowering,
      CumulativeLowering<nx::CumulativeSumOp, ScanKind::Sum>,
      CumulativeLowering<nx::CumulativeProductOp, ScanKind::Product>,
      CumulativeLowering<nx::CumulativeMaxOp, ScanKind::Max>,
      CumulativeLowering<nx::CumulativeMinOp, ScanKind::Min>, SortLowering,
      ArgsortLowering, GatherLowering, ScatterLowering>(
      converter, patterns.getContext());
}
