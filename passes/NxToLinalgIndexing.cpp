//===- NxToLinalgIndexing.cpp - slices, pads, gather, scatter -*- C++ -*-===//
//
// This file implements the nx-to-linalg patterns for the indexing ops of
// ir/NxIndexingOps.td (sort, argsort and the cumulative ops are in
// NxToLinalgSortScan.cpp). Slices, pads and concatenations become
// `tensor.extract_slice`/`tensor.insert_slice` over `linalg.fill`ed inits
// (run-time start indices are clamped first, so nothing reads or writes out of
// bounds); reverse is a `linalg.generic` that reads its operand with
// `tensor.extract` at mirrored indices. Gather is a `linalg.generic` reading
// its operand with `tensor.extract` at clamped positions; scatter is an
// `scf.for` nest over the updates. Sizes on `?` dims are guarded at run time
// (see docs/dialect.md), so nothing reads or writes out of bounds. It also
// defines the generic tensor helpers declared in NxToLinalgCommon.h.
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

RankedTensorType nxtolinalg::convertedType(const TypeConverter *converter,
                                           Type type) {
  return cast<RankedTensorType>(converter->convertType(type));
}

Value nxtolinalg::castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

Value nxtolinalg::indexConstant(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

SmallVector<OpFoldResult> nxtolinalg::mixedSizes(OpBuilder &b, Location loc,
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

SmallVector<int64_t> nxtolinalg::allDims(int64_t rank) {
  return llvm::to_vector(llvm::seq<int64_t>(0, rank));
}

/// Replaces the single-result `op` by `value`, cast to the converted result
/// type where their static shapes differ.
static void replaceWithCast(ConversionPatternRewriter &rewriter, Operation *op,
                            Value value, const TypeConverter *converter) {
  rewriter.replaceOp(
      op, castTo(rewriter, op->getLoc(), value,
                 convertedType(converter, op->getResult(0).getType())));
}

/// `a + b`, `a - b`, `a * b`, `max(a, b)`, `min(a, b)` and `ceil(a / b)`
/// (for `a >= 0`, `b > 0`) on index values, folded when both are constants.
enum class IndexOp { Add, Sub, Mul, Max, Min, CeilDiv };
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
    case IndexOp::Min:
      return b.getIndexAttr(std::min(*l, *r));
    case IndexOp::CeilDiv:
      return b.getIndexAttr(llvm::divideCeil(*l, *r));
    }
  }
  // x + 0, x - 0, x * 1.
  if (r && ((*r == 0 && (kind == IndexOp::Add || kind == IndexOp::Sub)) ||
            (*r == 1 && (kind == IndexOp::Mul || kind == IndexOp::CeilDiv))))
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
  case IndexOp::Min:
    return arith::MinSIOp::create(b, loc, lv, rv).getResult();
  case IndexOp::CeilDiv:
    return arith::CeilDivSIOp::create(b, loc, lv, rv).getResult();
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
    // max(dim - size, 0): a block larger than a `?` dim starts at 0 (the
    // caller guards the read or write).
    OpFoldResult maxStart = indexArith(
        b, loc, IndexOp::Max,
        indexArith(b, loc, IndexOp::Sub, dims[i], sizes[i]), b.getIndexAttr(0));
    Type nxType =
        cast<RankedTensorType>(nxStarts[i].getType()).getElementType();
    offsets.push_back(createClampedStart(b, loc, start, nxType, maxStart));
  }
  return offsets;
}

/// A slice of static `sizes` and `strides` of `x` at `offsets` (already
/// clamped to `[0, max(dim - span, 0)]`, span = `(size - 1) * stride + 1`).
/// Static dims fit (the verifiers check them); where a `?` dim is shorter
/// than the span at run time, the slice is built in a zero-filled tensor
/// from the elements that exist, so nothing is read out of bounds.
static Value createGuardedSlice(OpBuilder &b, Location loc, Value x,
                                ArrayRef<OpFoldResult> offsets,
                                ArrayRef<int64_t> sizes,
                                ArrayRef<int64_t> strides) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<OpFoldResult> staticSizes, strideAttrs;
  for (auto [size, stride] : llvm::zip(sizes, strides)) {
    staticSizes.push_back(b.getIndexAttr(size));
    strideAttrs.push_back(b.getIndexAttr(stride));
  }
  auto sliceAll = [&](OpBuilder &sb, Location l) -> Value {
    return tensor::ExtractSliceOp::create(sb, l, x, offsets, staticSizes,
                                          strideAttrs);
  };
  Value fits;
  for (int64_t i = 0, e = type.getRank(); i < e; ++i) {
    if (!type.isDynamicDim(i) || sizes[i] == 0)
      continue;
    Value span = indexConstant(b, loc, (sizes[i] - 1) * strides[i] + 1);
    Value ok = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge,
                                     createDimSize(b, loc, x, i), span);
    fits = fits ? arith::AndIOp::create(b, loc, fits, ok).getResult() : ok;
  }
  if (!fits)
    return sliceAll(b, loc);
  auto ifOp = scf::IfOp::create(
      b, loc, fits,
      [&](OpBuilder &tb, Location l) {
        scf::YieldOp::create(tb, l, sliceAll(tb, l));
      },
      [&](OpBuilder &eb, Location l) {
        // The elements that exist: min(size, ceil((dim - offset) / stride)).
        SmallVector<OpFoldResult> avail(staticSizes);
        for (int64_t i = 0, e = type.getRank(); i < e; ++i) {
          if (!type.isDynamicDim(i) || sizes[i] == 0)
            continue;
          OpFoldResult left = indexArith(
              eb, l, IndexOp::Max,
              indexArith(eb, l, IndexOp::Sub, createDimSize(eb, l, x, i),
                         offsets[i]),
              eb.getIndexAttr(0));
          avail[i] = indexArith(
              eb, l, IndexOp::Min,
              indexArith(eb, l, IndexOp::CeilDiv, left, strideAttrs[i]),
              staticSizes[i]);
        }
        Value part = tensor::ExtractSliceOp::create(eb, l, x, offsets, avail,
                                                    strideAttrs);
        Value empty =
            tensor::EmptyOp::create(eb, l, sizes, type.getElementType());
        Value zero = arith::ConstantOp::create(
            eb, l, eb.getZeroAttr(type.getElementType()));
        Value filled =
            linalg::FillOp::create(eb, l, ValueRange{zero}, ValueRange{empty})
                .getResult(0);
        SmallVector<OpFoldResult> zeros(sizes.size(), eb.getIndexAttr(0));
        SmallVector<OpFoldResult> ones(sizes.size(), eb.getIndexAttr(1));
        Value result = tensor::InsertSliceOp::create(eb, l, part, filled,
                                                     zeros, avail, ones);
        scf::YieldOp::create(eb, l, result);
      });
  return ifOp.getResult(0);
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
    OpBuilder &b = rewriter;
    Value x = adaptor.getX();
    auto xType = cast<RankedTensorType>(x.getType());
    SmallVector<OpFoldResult> offsets;
    SmallVector<int64_t> sizes;
    for (auto [i, start, limit, stride] :
         llvm::enumerate(op.getStartIndices(), op.getLimitIndices(),
                         op.getStrides())) {
      int64_t size = llvm::divideCeil(limit - start, stride);
      sizes.push_back(size);
      if (!xType.isDynamicDim(i) || size == 0) {
        offsets.push_back(b.getIndexAttr(start));
        continue;
      }
      // On a `?` dim the start moves down so that the slice fits, as Nx
      // clamps slice starts: min(start, max(dim - span, 0)).
      int64_t span = (size - 1) * stride + 1;
      OpFoldResult maxStart = indexArith(
          b, loc, IndexOp::Max,
          indexArith(b, loc, IndexOp::Sub, createDimSize(b, loc, x, i),
                     b.getIndexAttr(span)),
          b.getIndexAttr(0));
      offsets.push_back(
          indexArith(b, loc, IndexOp::Min, maxStart, b.getIndexAttr(start)));
    }
    Value slice =
        createGuardedSlice(b, loc, x, offsets, sizes, op.getStrides());
    replaceWithCast(rewriter, op, slice, getTypeConverter());
    return success();
  }
};

struct DynamicSliceLowering : OpConversionPattern<nx::DynamicSliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::DynamicSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    SmallVector<OpFoldResult> sizes;
    for (int64_t size : op.getSliceSizes())
      sizes.push_back(rewriter.getIndexAttr(size));
    SmallVector<OpFoldResult> offsets =
        createClampedStarts(rewriter, loc, adaptor.getX(), sizes,
                            adaptor.getStartIndices(), op.getStartIndices());
    SmallVector<int64_t> ones(sizes.size(), 1);
    Value slice = createGuardedSlice(rewriter, loc, adaptor.getX(), offsets,
                                     op.getSliceSizes(), ones);
    replaceWithCast(rewriter, op, slice, getTypeConverter());
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
    Value update = adaptor.getUpdate();
    SmallVector<OpFoldResult> sizes = mixedSizes(rewriter, loc, update);
    SmallVector<OpFoldResult> strides(sizes.size(), rewriter.getIndexAttr(1));
    // Where a `?` update dim may exceed the operand's, only its leading
    // min(update_dim, dim) elements are written.
    SmallVector<OpFoldResult> dims = mixedSizes(rewriter, loc, adaptor.getX());
    bool crops = false;
    for (auto [size, dim] : llvm::zip(sizes, dims)) {
      if (getConstantIntValue(size) && getConstantIntValue(dim))
        continue;
      size = indexArith(rewriter, loc, IndexOp::Min, size, dim);
      crops = true;
    }
    if (crops) {
      SmallVector<OpFoldResult> zeros(sizes.size(), rewriter.getIndexAttr(0));
      update = tensor::ExtractSliceOp::create(rewriter, loc, update, zeros,
                                              sizes, strides);
    }
    SmallVector<OpFoldResult> offsets =
        createClampedStarts(rewriter, loc, adaptor.getX(), sizes,
                            adaptor.getStartIndices(), op.getStartIndices());
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, update, adaptor.getX(), offsets, sizes, strides);
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
    replaceWithCast(rewriter, op, result, getTypeConverter());
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
// nx.gather, nx.scatter
//===----------------------------------------------------------------------===//

/// The largest valid index of each dim of `tensor` (0 for an empty dim,
/// whose reads the caller guards), computed up front.
static SmallVector<Value> createLastIndices(OpBuilder &b, Location loc,
                                           Value tensor) {
  SmallVector<Value> last;
  for (OpFoldResult size : mixedSizes(b, loc, tensor))
    last.push_back(getValueOrCreateConstantIndexOp(
        b, loc,
        indexArith(b, loc, IndexOp::Max,
                   indexArith(b, loc, IndexOp::Sub, size, b.getIndexAttr(1)),
                   b.getIndexAttr(0))));
  return last;
}

/// An `i1` that is true when a dynamic dim of `tensor` among `axes` is 0 at
/// run time; null when every such dim is static (the verifier rejects a
/// static 0).
static Value createAnyEmptyAxis(OpBuilder &b, Location loc, Value tensor,
                                ArrayRef<int64_t> axes) {
  auto type = cast<RankedTensorType>(tensor.getType());
  Value any;
  for (int64_t axis : axes) {
    if (!type.isDynamicDim(axis))
      continue;
    Value empty = arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::eq, createDimSize(b, loc, tensor, axis),
        indexConstant(b, loc, 0));
    any = any ? arith::OrIOp::create(b, loc, any, empty).getResult() : empty;
  }
  return any;
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
    auto createGather = [&](OpBuilder &gb, Location gl) -> Value {
      SmallVector<AffineMap> maps = {gb.getMultiDimIdentityMap(rank)};
      SmallVector<utils::IteratorType> iterators(
          rank, utils::IteratorType::parallel);
      auto generic = linalg::GenericOp::create(
          gb, gl, TypeRange{init.getType()}, ValueRange{}, ValueRange{init},
          maps, iterators, [&](OpBuilder &nb, Location l, ValueRange) {
            SmallVector<Value> loops;
            for (int64_t i = 0; i < rank; ++i)
              loops.push_back(linalg::IndexOp::create(nb, l, i));
            ValueRange all(loops);
            SmallVector<Value> position = createIndexedPosition(
                nb, l, indices, nxIndexType, all.take_front(outer), axes, last,
                all.drop_front(outer));
            linalg::YieldOp::create(
                nb, l,
                ValueRange{tensor::ExtractOp::create(nb, l, x, position)});
          });
      return generic.getResult(0);
    };
    // A `?` indexed dim that is 0 at run time has no element to clamp to:
    // the result is then all zeros and `x` is never read.
    Value result;
    if (Value empty = createAnyEmptyAxis(b, loc, x, axes)) {
      auto ifOp = scf::IfOp::create(
          b, loc, empty,
          [&](OpBuilder &tb, Location l) {
            Value zero = arith::ConstantOp::create(
                tb, l, tb.getZeroAttr(type.getElementType()));
            Value filled = linalg::FillOp::create(tb, l, ValueRange{zero},
                                                  ValueRange{init})
                               .getResult(0);
            scf::YieldOp::create(tb, l, filled);
          },
          [&](OpBuilder &eb, Location l) {
            scf::YieldOp::create(eb, l, createGather(eb, l));
          });
      result = ifOp.getResult(0);
    } else {
      result = createGather(b, loc);
    }
    rewriter.replaceOp(op, castTo(b, loc, result, type));
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
    // Update dims beyond a (`?`) target dim are dropped, and nothing is
    // written when an indexed `?` target dim is 0 at run time.
    SmallVector<OpFoldResult> targetSizes = mixedSizes(b, loc, target);
    SmallVector<OpFoldResult> blockDims;
    for (auto [i, size] : llvm::enumerate(targetSizes))
      if (!llvm::is_contained(axes, static_cast<int64_t>(i)))
        blockDims.push_back(size);
    SmallVector<Value> lbs, ubs, steps;
    for (auto [i, size] : llvm::enumerate(mixedSizes(b, loc, updates))) {
      lbs.push_back(indexConstant(b, loc, 0));
      OpFoldResult ub = size;
      if (i > 0 && (!getConstantIntValue(size) ||
                    !getConstantIntValue(blockDims[i - 1])))
        ub = indexArith(b, loc, IndexOp::Min, size, blockDims[i - 1]);
      ubs.push_back(getValueOrCreateConstantIndexOp(b, loc, ub));
      steps.push_back(indexConstant(b, loc, 1));
    }
    if (Value empty = createAnyEmptyAxis(b, loc, target, axes))
      ubs[0] = arith::SelectOp::create(b, loc, empty, lbs[0], ubs[0]);
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
  patterns.add<SliceLowering, DynamicSliceLowering, DynamicUpdateSliceLowering,
               PadLowering, ConcatenateLowering, ReverseLowering,
               GatherLowering, ScatterLowering>(converter,
                                                patterns.getContext());
  populateNxSortScanToLinalgPatterns(converter, patterns);
}
