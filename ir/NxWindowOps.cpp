//===- NxWindowOps.cpp - verifiers of the ops in NxWindowOps.td -*- C++ -*-===//
//
// This file implements the verifiers and folders of the ops defined in
// ir/NxWindowOps.td: attribute counts and ranges of the window reductions and
// of nx.conv, their result shapes, the region signatures of nx.while and
// nx.if, and nx.bitcast's equal bit widths.
//
//===----------------------------------------------------------------------===//

#include "ir/NxFunctionalOps.h"
#include "ir/NxOps.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace nxc::nx;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static std::string sizeToString(int64_t d) {
  return ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d);
}

/// Checks that attribute `name` has `count` entries, each at least `min`.
static LogicalResult verifyEntries(Operation *op, StringRef name,
                                   ArrayRef<int64_t> values, int64_t count,
                                   StringRef per, int64_t min) {
  if (static_cast<int64_t>(values.size()) != count)
    return op->emitOpError("expected ")
           << count << " `" << name << "` entries, one per " << per
           << ", but got " << values.size();
  for (int64_t v : values)
    if (v < min)
      return op->emitOpError("`") << name << "` entries must be at least "
                                  << min << " but got " << v;
  return success();
}

/// The number of windows along a dim of `size` elements (already padded and
/// dilated) for a window spanning `span` elements moved by `stride`; -1 when
/// the window does not fit.
static int64_t numWindows(int64_t size, int64_t span, int64_t stride) {
  if (size < span)
    return -1;
  return (size - span) / stride + 1;
}

/// Checks result dim `i` against `expected` (dynamic when unknown).
static LogicalResult verifyResultDim(Operation *op, int64_t i, int64_t got,
                                     int64_t expected) {
  if (ShapedType::isDynamic(expected) || ShapedType::isDynamic(got) ||
      got == expected)
    return success();
  return op->emitOpError("result dim ")
         << i << " is " << sizeToString(got) << " but expected "
         << sizeToString(expected);
}

//===----------------------------------------------------------------------===//
// Window reductions
//===----------------------------------------------------------------------===//

/// The window attributes shared by the window reductions and scatters: one
/// entry per operand dim, sizes and strides positive, padding non-negative.
template <typename Op>
static LogicalResult verifyWindowAttrs(Op op, int64_t rank) {
  Operation *o = op.getOperation();
  return success(
      succeeded(verifyEntries(o, "window_dimensions", op.getWindowDimensions(),
                              rank, "operand dim", 1)) &&
      succeeded(verifyEntries(o, "window_strides", op.getWindowStrides(), rank,
                              "operand dim", 1)) &&
      succeeded(verifyEntries(o, "padding_low", op.getPaddingLow(), rank,
                              "operand dim", 0)) &&
      succeeded(verifyEntries(o, "padding_high", op.getPaddingHigh(), rank,
                              "operand dim", 0)));
}

template <typename WindowOp> static LogicalResult verifyWindowOp(WindowOp op) {
  RankedTensorType input = op.getX().getType();
  RankedTensorType result = op.getResult().getType();
  int64_t rank = input.getRank();
  Operation *o = op.getOperation();
  if (failed(verifyWindowAttrs(op, rank)) ||
      failed(verifyEntries(o, "window_dilations", op.getWindowDilations(), rank,
                           "operand dim", 1)))
    return failure();
  if (result.getRank() != rank)
    return op.emitOpError("expected a result of rank ")
           << rank << " but got " << result.getRank();
  for (int64_t i = 0; i < rank; ++i) {
    int64_t size = input.getDimSize(i);
    if (ShapedType::isDynamic(size))
      continue;
    int64_t padded = size + op.getPaddingLow()[i] + op.getPaddingHigh()[i];
    int64_t span =
        (op.getWindowDimensions()[i] - 1) * op.getWindowDilations()[i] + 1;
    int64_t expected = numWindows(padded, span, op.getWindowStrides()[i]);
    if (expected < 0)
      return op.emitOpError("window of ")
             << span << " elements does not fit in padded dim " << i
             << " of size " << padded;
    if (failed(verifyResultDim(o, i, result.getDimSize(i), expected)))
      return failure();
  }
  return success();
}

LogicalResult WindowSumOp::verify() { return verifyWindowOp(*this); }
LogicalResult WindowProductOp::verify() { return verifyWindowOp(*this); }
LogicalResult WindowMaxOp::verify() { return verifyWindowOp(*this); }
LogicalResult WindowMinOp::verify() { return verifyWindowOp(*this); }
LogicalResult WindowReduceFnOp::verify() {
  if (failed(verifyWindowOp(*this)))
    return failure();
  return verifyCombiner(*this, getCombiner(), getX().getType().getElementType());
}

template <typename ScatterOp>
static LogicalResult verifyWindowScatterOp(ScatterOp op) {
  RankedTensorType input = op.getX().getType();
  RankedTensorType source = op.getSource().getType();
  int64_t rank = input.getRank();
  if (failed(verifyWindowAttrs(op, rank)))
    return failure();
  if (source.getRank() != rank)
    return op.emitOpError("expected a `source` of rank ")
           << rank << " but got " << source.getRank();
  for (int64_t i = 0; i < rank; ++i) {
    int64_t size = input.getDimSize(i), got = source.getDimSize(i);
    if (ShapedType::isDynamic(size))
      continue;
    int64_t padded = size + op.getPaddingLow()[i] + op.getPaddingHigh()[i];
    int64_t expected = numWindows(padded, op.getWindowDimensions()[i],
                                  op.getWindowStrides()[i]);
    if (expected < 0)
      return op.emitOpError("window of ")
             << op.getWindowDimensions()[i]
             << " elements does not fit in padded dim " << i << " of size "
             << padded;
    if (!ShapedType::isDynamic(got) && got != expected)
      return op.emitOpError("`source` dim ")
             << i << " is " << got << " but there are " << expected
             << " windows along it";
  }
  return success();
}

LogicalResult WindowScatterMaxOp::verify() {
  return verifyWindowScatterOp(*this);
}
LogicalResult WindowScatterMinOp::verify() {
  return verifyWindowScatterOp(*this);
}

//===----------------------------------------------------------------------===//
// nx.conv
//===----------------------------------------------------------------------===//

/// Checks `x % divisor == 0` where `x` is static.
static LogicalResult verifyDivisible(Operation *op, StringRef what, int64_t x,
                                     StringRef divisorName, int64_t divisor) {
  if (ShapedType::isDynamic(x) || x % divisor == 0)
    return success();
  return op->emitOpError() << what << " " << x << " is not a multiple of `"
                           << divisorName << "` " << divisor;
}

LogicalResult ConvOp::verify() {
  RankedTensorType input = getInput().getType();
  RankedTensorType kernel = getKernel().getType();
  RankedTensorType result = getResult().getType();
  int64_t rank = input.getRank();
  if (rank != kernel.getRank() || rank < 3 || rank > 5)
    return emitOpError("expected `input` and `kernel` of equal rank 3 to 5 "
                       "(1 to 3 spatial dims) but got ")
           << rank << " and " << kernel.getRank();
  int64_t numSpatial = rank - 2;
  Operation *o = getOperation();
  if (failed(verifyEntries(o, "strides", getStrides(), numSpatial,
                           "spatial dim", 1)) ||
      failed(verifyEntries(o, "padding_low", getPaddingLow(), numSpatial,
                           "spatial dim", INT64_MIN)) ||
      failed(verifyEntries(o, "padding_high", getPaddingHigh(), numSpatial,
                           "spatial dim", INT64_MIN)) ||
      failed(verifyEntries(o, "input_dilation", getInputDilation(), numSpatial,
                           "spatial dim", 1)) ||
      failed(verifyEntries(o, "kernel_dilation", getKernelDilation(),
                           numSpatial, "spatial dim", 1)))
    return failure();
  int64_t fg = getFeatureGroupSize(), bg = getBatchGroupSize();
  if (fg < 1 || bg < 1)
    return emitOpError("`feature_group_size` and `batch_group_size` must be "
                       "at least 1 but got ")
           << fg << " and " << bg;
  if (fg != 1 && bg != 1)
    return emitOpError("either `feature_group_size` or `batch_group_size` "
                       "must be 1 but got ")
           << fg << " and " << bg;
  int64_t batch = input.getDimSize(0), inChannels = input.getDimSize(1);
  int64_t outChannels = kernel.getDimSize(0);
  int64_t kernelChannels = kernel.getDimSize(1);
  if (!ShapedType::isDynamic(inChannels) &&
      !ShapedType::isDynamic(kernelChannels) &&
      inChannels != kernelChannels * fg)
    return emitOpError("input has ")
           << inChannels << " channels but the kernel has " << kernelChannels
           << " per feature group times " << fg << " groups";
  if (failed(verifyDivisible(o, "kernel output channel count", outChannels,
                             "feature_group_size", fg)) ||
      failed(verifyDivisible(o, "kernel output channel count", outChannels,
                             "batch_group_size", bg)) ||
      failed(verifyDivisible(o, "input batch size", batch, "batch_group_size",
                             bg)))
    return failure();
  if (result.getRank() != rank)
    return emitOpError("expected a result of rank ")
           << rank << " but got " << result.getRank();
  int64_t outBatch = ShapedType::isDynamic(batch) ? batch : batch / bg;
  if (failed(verifyResultDim(o, 0, result.getDimSize(0), outBatch)) ||
      failed(verifyResultDim(o, 1, result.getDimSize(1), outChannels)))
    return failure();
  for (int64_t i = 0; i < numSpatial; ++i) {
    int64_t size = input.getDimSize(i + 2), k = kernel.getDimSize(i + 2);
    if (ShapedType::isDynamic(size) || ShapedType::isDynamic(k))
      continue;
    int64_t dilated = size == 0 ? 0 : (size - 1) * getInputDilation()[i] + 1;
    int64_t padded = dilated + getPaddingLow()[i] + getPaddingHigh()[i];
    int64_t span = k == 0 ? 0 : (k - 1) * getKernelDilation()[i] + 1;
    int64_t expected = numWindows(padded, span, getStrides()[i]);
    if (expected < 0)
      return emitOpError("kernel window of ")
             << span << " elements does not fit in padded spatial dim " << i
             << " of size " << padded;
    if (failed(verifyResultDim(o, i + 2, result.getDimSize(i + 2), expected)))
      return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

/// Checks that the values `region` yields have types `types`.
static LogicalResult verifyYieldTypes(Operation *op, Region &region,
                                      StringRef regionName, TypeRange types) {
  auto yield = dyn_cast<YieldOp>(region.front().getTerminator());
  if (!yield)
    return op->emitOpError("`") << regionName << "` must end with `nx.yield`";
  if (yield.getValues().getTypes() != types)
    return op->emitOpError("`")
           << regionName << "` yields " << yield.getValues().size()
           << " values of types (" << yield.getValues().getTypes()
           << ") but expected (" << types << ")";
  return success();
}

LogicalResult WhileOp::verify() {
  TypeRange state = getInit().getTypes();
  if (getResults().getTypes() != state)
    return emitOpError("result types (")
           << getResults().getTypes() << ") differ from the state types ("
           << state << ")";
  for (auto [name, region] :
       {std::pair<StringRef, Region *>{"cond", &getCond()},
        std::pair<StringRef, Region *>{"body", &getBody()}})
    if (region->front().getArgumentTypes() != state)
      return emitOpError("`")
             << name << "` block argument types ("
             << region->front().getArgumentTypes()
             << ") differ from the state types (" << state << ")";
  auto condYield = dyn_cast<YieldOp>(getCond().front().getTerminator());
  if (!condYield)
    return emitOpError("`cond` must end with `nx.yield`");
  ValueRange condValues = condYield.getValues();
  auto predType = condValues.size() == 1
                      ? cast<RankedTensorType>(condValues[0].getType())
                      : RankedTensorType();
  if (!predType || predType.getRank() != 0 ||
      !isa<IntegerType>(predType.getElementType()))
    return emitOpError("`cond` must yield one 0-d integer tensor but yields (")
           << condYield.getValues().getTypes() << ")";
  return verifyYieldTypes(*this, getBody(), "body", state);
}

LogicalResult IfOp::verify() {
  TypeRange types = getResults().getTypes();
  if (failed(verifyYieldTypes(*this, getThenRegion(), "then_region", types)))
    return failure();
  return verifyYieldTypes(*this, getElseRegion(), "else_region", types);
}

//===----------------------------------------------------------------------===//
// nx.bitcast
//===----------------------------------------------------------------------===//

LogicalResult BitcastOp::verify() {
  Type from = getX().getType().getElementType();
  Type to = getResult().getType().getElementType();
  if (from.getIntOrFloatBitWidth() != to.getIntOrFloatBitWidth())
    return emitOpError("element types ")
           << from << " and " << to << " differ in bit width ("
           << from.getIntOrFloatBitWidth() << " vs "
           << to.getIntOrFloatBitWidth() << ")";
  return success();
}

OpFoldResult BitcastOp::fold(FoldAdaptor) {
  if (getX().getType() == getResult().getType())
    return getX();
  return {};
}
