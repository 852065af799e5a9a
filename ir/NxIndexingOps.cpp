//===- NxIndexingOps.cpp - Verifiers of the ops in NxIndexingOps.td -------===//
//
// This file implements the verifiers and folders of the ops defined in
// ir/NxIndexingOps.td: attribute lengths and ranges, and result shapes where
// the operands determine them statically (a `?` on either side is accepted).
//
//===----------------------------------------------------------------------===//

#include "ir/NxOps.h"

#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace nxc::nx;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static bool isDyn(int64_t d) { return ShapedType::isDynamic(d); }

static std::string dimStr(int64_t d) {
  return isDyn(d) ? std::string("?") : std::to_string(d);
}

/// Checks that attribute `name` has one entry per dim of a rank-`rank` operand.
static LogicalResult verifyPerDim(Operation *op, StringRef name,
                                  ArrayRef<int64_t> values, int64_t rank) {
  if (static_cast<int64_t>(values.size()) != rank)
    return op->emitOpError("expected ")
           << rank << " `" << name << "` entries, one per operand dim, but got "
           << values.size();
  return success();
}

/// Checks that `axis` is in [0, rank).
static LogicalResult verifyAxis(Operation *op, int64_t axis, int64_t rank) {
  if (axis < 0 || axis >= rank)
    return op->emitOpError("`axis` ")
           << axis << " is out of range for rank " << rank;
  return success();
}

/// Checks `result` against `expected` (rank equal, dims compatible).
static LogicalResult verifyResultShape(Operation *op,
                                       ArrayRef<int64_t> expected,
                                       RankedTensorType result) {
  if (static_cast<int64_t>(expected.size()) != result.getRank())
    return op->emitOpError("expected a result of rank ")
           << expected.size() << " but got " << result.getRank();
  for (auto [i, e] : llvm::enumerate(expected)) {
    int64_t got = result.getDimSize(i);
    if (!isDyn(e) && !isDyn(got) && e != got)
      return op->emitOpError("result dim ")
             << i << " is " << got << " but expected " << e;
  }
  return success();
}

/// Checks one start index per dim of a rank-`rank` operand.
static LogicalResult verifyStartCount(Operation *op, ValueRange starts,
                                      int64_t rank) {
  if (static_cast<int64_t>(starts.size()) != rank)
    return op->emitOpError("expected ")
           << rank << " start indices, one per operand dim, but got "
           << starts.size();
  return success();
}

//===----------------------------------------------------------------------===//
// Slices, pads, concatenation, reversal
//===----------------------------------------------------------------------===//

LogicalResult SliceOp::verify() {
  RankedTensorType input = getX().getType();
  int64_t rank = input.getRank();
  ArrayRef<int64_t> start = getStartIndices(), limit = getLimitIndices(),
                    strides = getStrides();
  if (failed(verifyPerDim(*this, "start_indices", start, rank)) ||
      failed(verifyPerDim(*this, "limit_indices", limit, rank)) ||
      failed(verifyPerDim(*this, "strides", strides, rank)))
    return failure();
  SmallVector<int64_t> expected;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t dim = input.getDimSize(i);
    if (strides[i] < 1)
      return emitOpError("`strides` entry ")
             << i << " is " << strides[i] << " but must be at least 1";
    if (start[i] < 0 || start[i] > limit[i] || (!isDyn(dim) && limit[i] > dim))
      return emitOpError("slice [")
             << start[i] << ", " << limit[i] << ") of dim " << i
             << " is out of bounds for size " << dimStr(dim);
    expected.push_back(llvm::divideCeil(limit[i] - start[i], strides[i]));
  }
  return verifyResultShape(*this, expected, getResult().getType());
}

OpFoldResult SliceOp::fold(FoldAdaptor) {
  RankedTensorType input = getX().getType();
  if (input != getResult().getType() || !input.hasStaticShape())
    return {};
  for (int64_t i = 0, e = input.getRank(); i < e; ++i)
    if (getStartIndices()[i] != 0 || getStrides()[i] != 1 ||
        getLimitIndices()[i] != input.getDimSize(i))
      return {};
  return getX();
}

LogicalResult DynamicSliceOp::verify() {
  RankedTensorType input = getX().getType();
  int64_t rank = input.getRank();
  ArrayRef<int64_t> sizes = getSliceSizes();
  if (failed(verifyStartCount(*this, getStartIndices(), rank)) ||
      failed(verifyPerDim(*this, "slice_sizes", sizes, rank)))
    return failure();
  for (auto [i, size] : llvm::enumerate(sizes)) {
    int64_t dim = input.getDimSize(i);
    if (size < 0 || (!isDyn(dim) && size > dim))
      return emitOpError("`slice_sizes` entry ")
             << i << " is " << size << " but operand dim " << i << " is "
             << dimStr(dim);
  }
  return verifyResultShape(*this, sizes, getResult().getType());
}

LogicalResult DynamicUpdateSliceOp::verify() {
  RankedTensorType input = getX().getType(), update = getUpdate().getType();
  int64_t rank = input.getRank();
  if (update.getRank() != rank)
    return emitOpError("update has rank ")
           << update.getRank() << " but operand has rank " << rank;
  if (failed(verifyStartCount(*this, getStartIndices(), rank)))
    return failure();
  for (int64_t i = 0; i < rank; ++i) {
    int64_t dim = input.getDimSize(i), u = update.getDimSize(i);
    if (!isDyn(dim) && !isDyn(u) && u > dim)
      return emitOpError("update dim ")
             << i << " is " << u << " but operand dim " << i << " is " << dim;
  }
  return success();
}

LogicalResult PadOp::verify() {
  RankedTensorType input = getX().getType();
  int64_t rank = input.getRank();
  ArrayRef<int64_t> low = getLow(), high = getHigh(), interior = getInterior();
  if (failed(verifyPerDim(*this, "low", low, rank)) ||
      failed(verifyPerDim(*this, "high", high, rank)) ||
      failed(verifyPerDim(*this, "interior", interior, rank)))
    return failure();
  SmallVector<int64_t> expected;
  for (int64_t i = 0; i < rank; ++i) {
    if (interior[i] < 0)
      return emitOpError("`interior` entry ")
             << i << " is " << interior[i] << " but must not be negative";
    int64_t d = input.getDimSize(i);
    if (isDyn(d)) {
      expected.push_back(ShapedType::kDynamic);
      continue;
    }
    int64_t size =
        low[i] + high[i] + d + std::max<int64_t>(d - 1, 0) * interior[i];
    if (size < 0)
      return emitOpError("padding dim ")
             << i << " of size " << d << " gives a negative size " << size;
    expected.push_back(size);
  }
  return verifyResultShape(*this, expected, getResult().getType());
}

LogicalResult ConcatenateOp::verify() {
  OperandRange inputs = getInputs();
  if (inputs.empty())
    return emitOpError("expected at least one input");
  RankedTensorType result = getResult().getType();
  int64_t rank = result.getRank();
  if (failed(verifyAxis(*this, getAxis(), rank)))
    return failure();
  SmallVector<int64_t> expected(rank, ShapedType::kDynamic);
  int64_t axisSize = 0;
  for (auto [n, value] : llvm::enumerate(inputs)) {
    auto type = cast<RankedTensorType>(value.getType());
    if (type.getElementType() != result.getElementType())
      return emitOpError("input ")
             << n << " has element type " << type.getElementType()
             << " but the result has " << result.getElementType();
    if (type.getRank() != rank)
      return emitOpError("input ")
             << n << " has rank " << type.getRank() << " but the result has "
             << rank;
    for (int64_t i = 0; i < rank; ++i) {
      int64_t d = type.getDimSize(i);
      if (i == getAxis()) {
        axisSize = (isDyn(d) || isDyn(axisSize)) ? ShapedType::kDynamic
                                                 : axisSize + d;
        continue;
      }
      if (!isDyn(d) && !isDyn(expected[i]) && d != expected[i])
        return emitOpError("input ")
               << n << " has size " << d << " in dim " << i
               << " but an earlier input has " << expected[i];
      if (!isDyn(d))
        expected[i] = d;
    }
  }
  expected[getAxis()] = axisSize;
  return verifyResultShape(*this, expected, result);
}

LogicalResult ReverseOp::verify() {
  int64_t rank = getX().getType().getRank();
  for (auto [i, axis] : llvm::enumerate(getAxes())) {
    if (axis < 0 || axis >= rank)
      return emitOpError("`axes` entry ")
             << axis << " is out of range for rank " << rank;
    if (i > 0 && getAxes()[i - 1] >= axis)
      return emitOpError("`axes` must be sorted and unique");
  }
  return success();
}

OpFoldResult ReverseOp::fold(FoldAdaptor) {
  RankedTensorType type = getX().getType();
  if (llvm::all_of(getAxes(),
                   [&](int64_t axis) { return type.getDimSize(axis) == 1; }))
    return getX();
  return {};
}

//===----------------------------------------------------------------------===//
// Sorting and cumulative ops
//===----------------------------------------------------------------------===//

LogicalResult SortOp::verify() {
  return verifyAxis(*this, getAxis(), getX().getType().getRank());
}

LogicalResult ArgsortOp::verify() {
  return verifyAxis(*this, getAxis(), getX().getType().getRank());
}

LogicalResult CumulativeSumOp::verify() {
  return verifyAxis(*this, getAxis(), getX().getType().getRank());
}
LogicalResult CumulativeProductOp::verify() {
  return verifyAxis(*this, getAxis(), getX().getType().getRank());
}
LogicalResult CumulativeMaxOp::verify() {
  return verifyAxis(*this, getAxis(), getX().getType().getRank());
}
LogicalResult CumulativeMinOp::verify() {
  return verifyAxis(*this, getAxis(), getX().getType().getRank());
}

//===----------------------------------------------------------------------===//
// Gather and scatter
//===----------------------------------------------------------------------===//

/// Checks `axes` (sorted, unique, in range) against the last dim of a
/// rank >= 1 `indices`.
static LogicalResult verifyIndexedAxes(Operation *op, ArrayRef<int64_t> axes,
                                       int64_t rank, RankedTensorType indices) {
  if (indices.getRank() < 1)
    return op->emitOpError("expected indices of rank at least 1");
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= rank)
      return op->emitOpError("`axes` entry ")
             << axis << " is out of range for rank " << rank;
    if (i > 0 && axes[i - 1] >= axis)
      return op->emitOpError("`axes` must be sorted and unique");
  }
  int64_t last = indices.getDimSize(indices.getRank() - 1);
  if (last != static_cast<int64_t>(axes.size()))
    return op->emitOpError("the last dim of indices is ")
           << dimStr(last) << " but there are " << axes.size() << " `axes`";
  return success();
}

/// Checks that no indexed dim of `type` is statically empty: an index into
/// it has no element to clamp to.
static LogicalResult verifyNonEmptyAxes(Operation *op, ArrayRef<int64_t> axes,
                                        RankedTensorType type,
                                        StringRef operand) {
  for (int64_t axis : axes)
    if (type.getDimSize(axis) == 0)
      return op->emitOpError("indexed dim ")
             << axis << " of the " << operand
             << " has size 0, so no index can select an element";
  return success();
}

LogicalResult GatherOp::verify() {
  RankedTensorType input = getX().getType(), indices = getIndices().getType();
  if (failed(verifyIndexedAxes(*this, getAxes(), input.getRank(), indices)) ||
      failed(verifyNonEmptyAxes(*this, getAxes(), input, "operand")))
    return failure();
  SmallVector<int64_t> expected(indices.getShape().drop_back());
  llvm::SmallBitVector indexed(input.getRank());
  for (int64_t axis : getAxes())
    indexed.set(axis);
  for (int64_t i = 0, e = input.getRank(); i < e; ++i)
    if (!indexed.test(i))
      expected.push_back(input.getDimSize(i));
  return verifyResultShape(*this, expected, getResult().getType());
}

LogicalResult ScatterOp::verify() {
  RankedTensorType target = getTarget().getType(),
                   indices = getIndices().getType(),
                   updates = getUpdates().getType();
  if (getMode() != "add" && getMode() != "put")
    return emitOpError("`mode` is \"")
           << getMode() << "\" but must be \"add\" or \"put\"";
  if (indices.getRank() != 2)
    return emitOpError("expected indices of rank 2 but got rank ")
           << indices.getRank();
  if (failed(verifyIndexedAxes(*this, getAxes(), target.getRank(), indices)) ||
      failed(verifyNonEmptyAxes(*this, getAxes(), target, "target")))
    return failure();
  int64_t expectedRank =
      target.getRank() - static_cast<int64_t>(getAxes().size()) + 1;
  if (updates.getRank() != expectedRank)
    return emitOpError("expected updates of rank ")
           << expectedRank << " but got rank " << updates.getRank();
  int64_t n = indices.getDimSize(0), un = updates.getDimSize(0);
  if (!isDyn(n) && !isDyn(un) && n != un)
    return emitOpError("indices hold ")
           << n << " positions but updates hold " << un;
  llvm::SmallBitVector indexed(target.getRank());
  for (int64_t axis : getAxes())
    indexed.set(axis);
  int64_t u = 1;
  for (int64_t i = 0, e = target.getRank(); i < e; ++i) {
    if (indexed.test(i))
      continue;
    int64_t dim = target.getDimSize(i), ud = updates.getDimSize(u);
    if (!isDyn(dim) && !isDyn(ud) && ud > dim)
      return emitOpError("updates dim ")
             << u << " is " << ud << " but target dim " << i << " is " << dim;
    ++u;
  }
  return success();
}
