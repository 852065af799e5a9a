//===- ReorderReductionLoops.cpp - The nx-reorder-reduction-loops pass ----===//
//
// This file implements `nx-reorder-reduction-loops`. The nx-to-linalg
// lowering puts reduction loops innermost (a contraction is (i, j, k)); with
// the layouts known after elementwise fusion, this pass moves a parallel loop
// that walks the last dim of the result and of the operands that use it
// inside the reduction loops. A matrix product becomes (i, k, j): the
// innermost loop is a unit-stride axpy over rows of rhs and of the result
// that LLVM vectorizes, instead of a scalar dependence chain over k reading
// rhs with stride n. Only loops are permuted, never the order in which a
// reduction combines its elements, so results are bit-identical.
//
//===----------------------------------------------------------------------===//

#include "passes/ReorderReductionLoops.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace nxc {
#define GEN_PASS_DEF_NXREORDERREDUCTIONLOOPS
#include "passes/Passes.h.inc"
} // namespace nxc

using namespace mlir;

/// True when `expr` is loop `dim` plus terms in other loops (`d`, `d + e`,
/// `e + d`, ...): stepping `dim` moves it by exactly one, as a convolution's
/// input index `w + kw` does.
static bool isUnitStrideIn(AffineExpr expr, unsigned dim) {
  if (auto d = dyn_cast<AffineDimExpr>(expr))
    return d.getPosition() == dim;
  auto add = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!add || add.getKind() != AffineExprKind::Add)
    return false;
  bool inLhs = add.getLHS().isFunctionOfDim(dim);
  if (inLhs == add.getRHS().isFunctionOfDim(dim))
    return false;
  return isUnitStrideIn(inLhs ? add.getLHS() : add.getRHS(), dim);
}

/// True when `map` uses loop `dim` only in its last result, with unit stride
/// (see isUnitStrideIn), or not at all.
static bool usesDimOnlyLast(AffineMap map, unsigned dim) {
  ArrayRef<AffineExpr> results = map.getResults();
  for (auto [i, expr] : llvm::enumerate(results)) {
    if (!expr.isFunctionOfDim(dim))
      continue;
    if (i + 1 != results.size() || !isUnitStrideIn(expr, dim))
      return false;
  }
  return true;
}

FailureOr<unsigned>
nxc::getInnermostParallelCandidate(linalg::GenericOp op) {
  unsigned numLoops = op.getNumLoops();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (numLoops < 2 || linalg::isParallelIterator(iterators.back()))
    return failure();
  // The loop walking the last dim of the (first) result.
  AffineMap outMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (outMap.getNumResults() == 0)
    return failure();
  auto last = dyn_cast<AffineDimExpr>(outMap.getResults().back());
  if (!last)
    return failure();
  unsigned dim = last.getPosition();
  if (!linalg::isParallelIterator(iterators[dim]))
    return failure();
  // Every result must be written with unit stride along it, and every operand
  // read with unit stride or not at all.
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    if (map.getNumResults() == 0 || map.getResults().back() != last)
      return failure();
  }
  for (AffineMap map : op.getIndexingMapsArray())
    if (!usesDimOnlyLast(map, dim))
      return failure();
  return dim;
}

FailureOr<linalg::GenericOp>
nxc::reorderReductionLoops(RewriterBase &rewriter, linalg::GenericOp op) {
  FailureOr<unsigned> dim = getInnermostParallelCandidate(op);
  if (failed(dim))
    return failure();
  // New loop i is old loop interchange[i].
  SmallVector<unsigned> interchange;
  for (unsigned l = 0, e = op.getNumLoops(); l < e; ++l)
    if (l != *dim)
      interchange.push_back(l);
  interchange.push_back(*dim);
  return linalg::interchangeGenericOp(rewriter, op, interchange);
}

namespace {
struct ReorderReductionLoopsPattern
    : public OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    return nxc::reorderReductionLoops(rewriter, op);
  }
};

struct NxReorderReductionLoopsPass
    : nxc::impl::NxReorderReductionLoopsBase<NxReorderReductionLoopsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    nxc::populateReorderReductionLoopsPatterns(patterns);
    // Each rewrite leaves a parallel loop innermost, so it applies once.
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace

void nxc::populateReorderReductionLoopsPatterns(RewritePatternSet &patterns) {
  patterns.add<ReorderReductionLoopsPattern>(patterns.getContext());
}
