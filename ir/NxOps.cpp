//===- NxOps.cpp - the nx dialect operations --------------------*- C++ -*-===//
//
// This file implements the verifiers and folders of the `nx` operations. The
// verifiers check the shape rules of docs/architecture.md ("Contract 2") that
// the ODS constraints in NxOps.td cannot express: attribute indices in range,
// result shapes, and one `index` operand per dynamic result dim.
//
//===----------------------------------------------------------------------===//

#include "ir/NxOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace nxc::nx;

#define GET_OP_CLASSES
#include "ir/NxOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Two dims agree when equal or when either is only known at run time.
static bool dimsCompatible(int64_t a, int64_t b) {
  return a == b || ShapedType::isDynamic(a) || ShapedType::isDynamic(b);
}

static std::string dimToString(int64_t d) {
  return ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d);
}

/// Checks that there is one `index` operand per dynamic dim of `type`.
static LogicalResult verifyDynamicSizes(Operation *op, ValueRange sizes,
                                        RankedTensorType type) {
  int64_t expected = type.getNumDynamicDims();
  if (static_cast<int64_t>(sizes.size()) != expected)
    return op->emitOpError("expected ")
           << expected
           << " `index` operands, one per dynamic result dim, but got "
           << sizes.size();
  return success();
}

/// Checks that `axes` are sorted, unique and in [0, rank).
static LogicalResult verifyAxes(Operation *op, StringRef name,
                                ArrayRef<int64_t> axes, int64_t rank) {
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= rank)
      return op->emitOpError("`") << name << "` entry " << axis
                                  << " is out of range for rank " << rank;
    if (i > 0 && axes[i - 1] >= axis)
      return op->emitOpError("`") << name << "` must be sorted and unique";
  }
  return success();
}

/// Checks the result shape of a reduction of `input` over `axes`.
static LogicalResult verifyReducedShape(Operation *op, RankedTensorType input,
                                        ArrayRef<int64_t> axes, bool keep,
                                        RankedTensorType result) {
  llvm::SmallBitVector reduced(input.getRank());
  for (int64_t axis : axes)
    reduced.set(axis);
  SmallVector<int64_t> expected;
  for (int64_t i = 0, e = input.getRank(); i < e; ++i) {
    if (!reduced.test(i))
      expected.push_back(input.getDimSize(i));
    else if (keep)
      expected.push_back(1);
  }
  if (static_cast<int64_t>(expected.size()) != result.getRank())
    return op->emitOpError("expected a result of rank ")
           << expected.size() << " but got " << result.getRank();
  for (auto [i, e] : llvm::enumerate(expected)) {
    int64_t got = result.getDimSize(i);
    bool ok = (e == 1 && keep) ? got == 1 || ShapedType::isDynamic(got)
                               : dimsCompatible(e, got);
    if (!ok)
      return op->emitOpError("result dim ")
             << i << " is " << dimToString(got) << " but expected "
             << dimToString(e);
  }
  return success();
}

template <typename ReduceOpT>
static LogicalResult verifyReduceOp(ReduceOpT op) {
  RankedTensorType input = op.getX().getType();
  RankedTensorType result = op.getResult().getType();
  if (!isa<ReduceAllOp, ReduceAnyOp>(op.getOperation()) &&
      input.getElementType() != result.getElementType())
    return op.emitOpError("result element type ")
           << result.getElementType() << " differs from operand element type "
           << input.getElementType();
  if (failed(verifyAxes(op, "axes", op.getAxes(), input.getRank())))
    return failure();
  return verifyReducedShape(op, input, op.getAxes(), op.getKeepAxes(), result);
}

template <typename ArgOpT> static LogicalResult verifyArgReduceOp(ArgOpT op) {
  RankedTensorType input = op.getX().getType();
  int64_t axis = op.getAxis();
  if (failed(verifyAxes(op, "axis", {axis}, input.getRank())))
    return failure();
  return verifyReducedShape(op, input, {axis}, op.getKeepAxis(),
                            op.getResult().getType());
}

//===----------------------------------------------------------------------===//
// Verifiers
//===----------------------------------------------------------------------===//

LogicalResult ReduceSumOp::verify() { return verifyReduceOp(*this); }
LogicalResult ReduceProductOp::verify() { return verifyReduceOp(*this); }
LogicalResult ReduceMaxOp::verify() { return verifyReduceOp(*this); }
LogicalResult ReduceMinOp::verify() { return verifyReduceOp(*this); }
LogicalResult ReduceAllOp::verify() { return verifyReduceOp(*this); }
LogicalResult ReduceAnyOp::verify() { return verifyReduceOp(*this); }
LogicalResult ArgmaxOp::verify() { return verifyArgReduceOp(*this); }
LogicalResult ArgminOp::verify() { return verifyArgReduceOp(*this); }

LogicalResult BroadcastInDimOp::verify() {
  RankedTensorType input = getX().getType();
  RankedTensorType result = getResult().getType();
  ArrayRef<int64_t> dims = getDims();
  if (static_cast<int64_t>(dims.size()) != input.getRank())
    return emitOpError("expected ")
           << input.getRank()
           << " `dims` entries, one per operand dim, but got " << dims.size();
  llvm::SmallBitVector seen(result.getRank());
  for (auto [i, d] : llvm::enumerate(dims)) {
    if (d < 0 || d >= result.getRank())
      return emitOpError("`dims` entry ")
             << d << " is out of range for a result of rank "
             << result.getRank();
    if (seen.test(d))
      return emitOpError("`dims` entry ") << d << " appears twice";
    seen.set(d);
    int64_t in = input.getDimSize(i), out = result.getDimSize(d);
    if (in != 1 && !dimsCompatible(in, out))
      return emitOpError("operand dim ")
             << i << " of size " << in << " cannot be broadcast to result dim "
             << d << " of size " << out;
  }
  return verifyDynamicSizes(*this, getDynamicSizes(), result);
}

LogicalResult ReshapeOp::verify() {
  RankedTensorType input = getX().getType();
  RankedTensorType result = getResult().getType();
  if (input.hasStaticShape() && result.hasStaticShape() &&
      input.getNumElements() != result.getNumElements())
    return emitOpError("operand has ")
           << input.getNumElements() << " elements but result has "
           << result.getNumElements();
  return verifyDynamicSizes(*this, getDynamicSizes(), result);
}

LogicalResult TransposeOp::verify() {
  RankedTensorType input = getX().getType();
  RankedTensorType result = getResult().getType();
  ArrayRef<int64_t> perm = getPermutation();
  int64_t rank = input.getRank();
  if (static_cast<int64_t>(perm.size()) != rank || result.getRank() != rank)
    return emitOpError("expected `permutation`, operand and result of equal "
                       "rank but got ")
           << perm.size() << ", " << rank << " and " << result.getRank();
  llvm::SmallBitVector seen(rank);
  for (auto [i, p] : llvm::enumerate(perm)) {
    if (p < 0 || p >= rank || seen.test(p))
      return emitOpError("`permutation` is not a permutation of 0..")
             << rank - 1;
    seen.set(p);
    if (!dimsCompatible(input.getDimSize(p), result.getDimSize(i)))
      return emitOpError("result dim ")
             << i << " is " << dimToString(result.getDimSize(i))
             << " but operand dim " << p << " is "
             << dimToString(input.getDimSize(p));
  }
  return success();
}

LogicalResult DotOp::verify() {
  RankedTensorType lhs = getLhs().getType(), rhs = getRhs().getType();
  RankedTensorType result = getResult().getType();
  ArrayRef<int64_t> lc = getLhsContractingDims(), rc = getRhsContractingDims();
  ArrayRef<int64_t> lb = getLhsBatchDims(), rb = getRhsBatchDims();
  if (lc.size() != rc.size())
    return emitOpError("expected as many lhs as rhs contracting dims but got ")
           << lc.size() << " and " << rc.size();
  if (lb.size() != rb.size())
    return emitOpError("expected as many lhs as rhs batch dims but got ")
           << lb.size() << " and " << rb.size();
  // Every dim of an operand is batch, contracting, or free, at most once.
  auto checkSide = [&](StringRef side, RankedTensorType type,
                       ArrayRef<int64_t> contracting, ArrayRef<int64_t> batch,
                       SmallVectorImpl<int64_t> &free) -> LogicalResult {
    llvm::SmallBitVector used(type.getRank());
    for (ArrayRef<int64_t> list : {contracting, batch}) {
      for (int64_t d : list) {
        if (d < 0 || d >= type.getRank())
          return emitOpError()
                 << side << " dim " << d << " is out of range for rank "
                 << type.getRank();
        if (used.test(d))
          return emitOpError() << side << " dim " << d << " is used twice";
        used.set(d);
      }
    }
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (!used.test(d))
        free.push_back(type.getDimSize(d));
    return success();
  };
  SmallVector<int64_t> lhsFree, rhsFree;
  if (failed(checkSide("lhs", lhs, lc, lb, lhsFree)) ||
      failed(checkSide("rhs", rhs, rc, rb, rhsFree)))
    return failure();
  for (auto [l, r] : llvm::zip(lc, rc))
    if (!dimsCompatible(lhs.getDimSize(l), rhs.getDimSize(r)))
      return emitOpError("contracting dims differ: lhs dim ")
             << l << " is " << lhs.getDimSize(l) << " but rhs dim " << r
             << " is " << rhs.getDimSize(r);
  SmallVector<int64_t> expected;
  for (auto [l, r] : llvm::zip(lb, rb)) {
    if (!dimsCompatible(lhs.getDimSize(l), rhs.getDimSize(r)))
      return emitOpError("batch dims differ: lhs dim ")
             << l << " is " << lhs.getDimSize(l) << " but rhs dim " << r
             << " is " << rhs.getDimSize(r);
    expected.push_back(lhs.getDimSize(l));
  }
  llvm::append_range(expected, lhsFree);
  llvm::append_range(expected, rhsFree);
  if (static_cast<int64_t>(expected.size()) != result.getRank())
    return emitOpError("expected a result of rank ")
           << expected.size() << " (batch, lhs free, rhs free) but got "
           << result.getRank();
  for (auto [i, e] : llvm::enumerate(expected))
    if (!dimsCompatible(e, result.getDimSize(i)))
      return emitOpError("result dim ")
             << i << " is " << dimToString(result.getDimSize(i))
             << " but expected " << dimToString(e);
  return success();
}

LogicalResult IotaOp::verify() {
  RankedTensorType result = getResult().getType();
  int64_t axis = getAxis();
  if (axis < 0 || (result.getRank() > 0 && axis >= result.getRank()) ||
      (result.getRank() == 0 && axis != 0))
    return emitOpError("`axis` ")
           << axis << " is out of range for rank " << result.getRank();
  return verifyDynamicSizes(*this, getDynamicSizes(), result);
}

LogicalResult DimSizeOp::verify() {
  int64_t rank = getX().getType().getRank();
  if (getDim() < 0 || getDim() >= rank)
    return emitOpError("`dim` ")
           << getDim() << " is out of range for rank " << rank;
  return success();
}

//===----------------------------------------------------------------------===//
// Folders
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult ConvertOp::fold(FoldAdaptor) {
  if (getX().getType() == getResult().getType())
    return getX();
  return {};
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  if (getX().getType() == getResult().getType() &&
      llvm::equal(getPermutation(),
                  llvm::seq<int64_t>(0, getPermutation().size())))
    return getX();
  return {};
}
