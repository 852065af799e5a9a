//===- ReorderReductionLoops.h - nx-reorder-reduction-loops -*- C++ -*-===//
//
// This file declares `nx-reorder-reduction-loops`, which moves a unit-stride
// parallel loop of a `linalg.generic` inside its reduction loops so that the
// innermost loop vectorizes without reassociating the reduction.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_PASSES_REORDERREDUCTIONLOOPS_H
#define NXC_PASSES_REORDERREDUCTIONLOOPS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Support/LLVM.h"

namespace mlir {
class RewriterBase;
class RewritePatternSet;
} // namespace mlir

namespace nxc {

/// The loop of `op` to move innermost: the parallel loop that walks the last
/// dim of every result, where every operand that uses it reads it as its
/// last dim (unit stride) and nowhere else. Fails when the innermost loop is
/// already parallel or no loop qualifies.
mlir::FailureOr<unsigned>
getInnermostParallelCandidate(mlir::linalg::GenericOp op);

/// Interchanges the loops of `op` so that the candidate loop (see above)
/// becomes innermost; the other loops keep their order, so every reduction
/// still visits its elements in the same order and results are unchanged.
mlir::FailureOr<mlir::linalg::GenericOp>
reorderReductionLoops(mlir::RewriterBase &rewriter, mlir::linalg::GenericOp op);

/// Adds a pattern applying reorderReductionLoops to every `linalg.generic`.
void populateReorderReductionLoopsPatterns(mlir::RewritePatternSet &patterns);

} // namespace nxc

#endif // NXC_PASSES_REORDERREDUCTIONLOOPS_H
