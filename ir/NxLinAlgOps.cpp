//===- NxLinAlgOps.cpp - Verifiers of the ops in NxLinAlgOps.td -----------===//
//
// This file implements the verifiers of the linear-algebra ops defined in
// ir/NxLinAlgOps.td: operand ranks, square matrices, equal batch dims and
// the result shapes of nx.qr. Dynamic sizes are accepted wherever a static
// one would be.
//
//===----------------------------------------------------------------------===//

#include "ir/NxOps.h"

using namespace mlir;
using namespace nxc::nx;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static std::string sizeToString(int64_t d) {
  return ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d);
}

static bool sizesConflict(int64_t x, int64_t y) {
  return !ShapedType::isDynamic(x) && !ShapedType::isDynamic(y) && x != y;
}

/// Checks that `type` has rank >= 2; `name` is the operand's name.
static LogicalResult verifyMatrices(Operation *op, StringRef name,
                                    RankedTensorType type) {
  if (type.getRank() < 2)
    return op->emitOpError("expected `")
           << name << "` of rank at least 2 but got rank " << type.getRank();
  return success();
}

/// Checks that `type` is a batch of square matrices.
static LogicalResult verifySquareMatrices(Operation *op, StringRef name,
                                          RankedTensorType type) {
  if (failed(verifyMatrices(op, name, type)))
    return failure();
  int64_t rows = type.getDimSize(type.getRank() - 2);
  int64_t cols = type.getDimSize(type.getRank() - 1);
  if (sizesConflict(rows, cols))
    return op->emitOpError("expected square matrices in `")
           << name << "` but got " << rows << "x" << cols;
  return success();
}

/// Checks that the first `count` dims of `type` equal those of `batch`.
static LogicalResult verifyBatchDims(Operation *op, StringRef name,
                                     RankedTensorType type,
                                     RankedTensorType batch, int64_t count) {
  for (int64_t i = 0; i < count; ++i)
    if (sizesConflict(type.getDimSize(i), batch.getDimSize(i)))
      return op->emitOpError("batch dim ")
             << i << " of `" << name << "` is "
             << sizeToString(type.getDimSize(i)) << " but `a` has "
             << sizeToString(batch.getDimSize(i));
  return success();
}

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

LogicalResult CholeskyOp::verify() {
  return verifySquareMatrices(*this, "a", getA().getType());
}

LogicalResult LuOp::verify() {
  return verifySquareMatrices(*this, "a", getA().getType());
}

LogicalResult TriangularSolveOp::verify() {
  RankedTensorType aType = getA().getType(), bType = getB().getType();
  if (failed(verifySquareMatrices(*this, "a", aType)))
    return failure();
  int64_t transform = static_cast<int64_t>(getTransformA());
  if (transform != 0 && transform != 1)
    return emitOpError("`transform_a` must be 0 (none) or 1 (transpose) but "
                       "got ")
           << transform;
  int64_t rank = aType.getRank();
  if (bType.getRank() != rank && bType.getRank() != rank - 1)
    return emitOpError("expected `b` of rank ")
           << rank << " or " << rank - 1 << " but got rank " << bType.getRank();
  if (failed(verifyBatchDims(*this, "b", bType, aType, rank - 2)))
    return failure();
  int64_t n = aType.getDimSize(rank - 1);
  bool vector = bType.getRank() == rank - 1;
  int64_t bDim = vector || !getLeftSide() ? bType.getRank() - 1 : rank - 2;
  if (sizesConflict(bType.getDimSize(bDim), n))
    return emitOpError("dim ")
           << bDim << " of `b` is " << bType.getDimSize(bDim) << " but `a` is "
           << n << "x" << n;
  return success();
}

/// A factor's expected matrix sizes (dynamic entries match anything).
struct FactorSizes {
  const char *name;
  RankedTensorType type;
  int64_t rows, cols;
};

/// Checks the trailing matrix sizes of two factors (q and r, u and vt).
static LogicalResult verifyFactorSizes(Operation *op, int64_t rank,
                                       const FactorSizes &a,
                                       const FactorSizes &b) {
  for (const FactorSizes &f : {a, b}) {
    int64_t rows = f.type.getDimSize(rank - 2);
    int64_t cols = f.type.getDimSize(rank - 1);
    if (sizesConflict(rows, f.rows) || sizesConflict(cols, f.cols))
      return op->emitOpError("expected `")
             << f.name << "` matrices of " << sizeToString(f.rows) << "x"
             << sizeToString(f.cols) << " but got " << sizeToString(rows)
             << "x" << sizeToString(cols);
  }
  return success();
}

LogicalResult QrOp::verify() {
  RankedTensorType aType = getA().getType();
  if (failed(verifyMatrices(*this, "a", aType)))
    return failure();
  int64_t rank = aType.getRank();
  RankedTensorType qType = getQ().getType(), rType = getR().getType();
  if (qType.getRank() != rank || rType.getRank() != rank)
    return emitOpError("expected `q` and `r` of rank ")
           << rank << " but got " << qType.getRank() << " and "
           << rType.getRank();
  if (failed(verifyBatchDims(*this, "q", qType, aType, rank - 2)) ||
      failed(verifyBatchDims(*this, "r", rType, aType, rank - 2)))
    return failure();
  int64_t m = aType.getDimSize(rank - 2), n = aType.getDimSize(rank - 1);
  int64_t k = ShapedType::kDynamic;
  if (getComplete())
    k = m;
  else if (!ShapedType::isDynamic(m) && !ShapedType::isDynamic(n))
    k = std::min(m, n);
  return verifyFactorSizes(*this, rank, {"q", qType, m, k}, {"r", rType, k, n});
}

LogicalResult EighOp::verify() {
  RankedTensorType aType = getA().getType();
  if (failed(verifySquareMatrices(*this, "a", aType)))
    return failure();
  // I64Attr's getter is unsigned.
  int64_t sweeps = static_cast<int64_t>(getMaxSweeps());
  if (sweeps < 1)
    return emitOpError("`max_sweeps` must be at least 1 but got ") << sweeps;
  RankedTensorType wType = getEigenvalues().getType();
  int64_t rank = aType.getRank();
  if (wType.getRank() != rank - 1)
    return emitOpError("expected `eigenvalues` of rank ")
           << rank - 1 << " but got rank " << wType.getRank();
  if (failed(verifyBatchDims(*this, "eigenvalues", wType, aType, rank - 2)))
    return failure();
  int64_t n = aType.getDimSize(rank - 1);
  if (sizesConflict(wType.getDimSize(rank - 2), n))
    return emitOpError("dim ")
           << rank - 2 << " of `eigenvalues` is " << wType.getDimSize(rank - 2)
           << " but `a` is " << n << "x" << n;
  return success();
}

LogicalResult SvdOp::verify() {
  RankedTensorType aType = getA().getType();
  if (failed(verifyMatrices(*this, "a", aType)))
    return failure();
  // I64Attr's getter is unsigned.
  int64_t sweeps = static_cast<int64_t>(getMaxSweeps());
  if (sweeps < 1)
    return emitOpError("`max_sweeps` must be at least 1 but got ") << sweeps;
  int64_t rank = aType.getRank();
  RankedTensorType uType = getU().getType(), sType = getS().getType(),
                   vtType = getVt().getType();
  if (uType.getRank() != rank || vtType.getRank() != rank ||
      sType.getRank() != rank - 1)
    return emitOpError("expected `u`, `s` and `vt` of ranks ")
           << rank << ", " << rank - 1 << " and " << rank << " but got "
           << uType.getRank() << ", " << sType.getRank() << " and "
           << vtType.getRank();
  if (failed(verifyBatchDims(*this, "u", uType, aType, rank - 2)) ||
      failed(verifyBatchDims(*this, "s", sType, aType, rank - 2)) ||
      failed(verifyBatchDims(*this, "vt", vtType, aType, rank - 2)))
    return failure();
  int64_t m = aType.getDimSize(rank - 2), n = aType.getDimSize(rank - 1);
  int64_t k = ShapedType::kDynamic;
  if (!ShapedType::isDynamic(m) && !ShapedType::isDynamic(n))
    k = std::min(m, n);
  bool full = getFullMatrices();
  if (sizesConflict(sType.getDimSize(rank - 2), k))
    return emitOpError("expected ")
           << sizeToString(k) << " singular values but `s` has "
           << sType.getDimSize(rank - 2);
  return verifyFactorSizes(*this, rank, {"u", uType, m, full ? m : k},
                           {"vt", vtType, full ? n : k, n});
}
