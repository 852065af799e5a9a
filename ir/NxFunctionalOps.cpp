//===- NxFunctionalOps.cpp - verifiers of nx.reduce, nx.window_reduce ----===//
//
// This file implements the verifiers of the ops in ir/NxFunctionalOps.td:
// the combiner region's signature (two 0-d tensors of the element type in,
// one out) and nx.reduce's result shape. nx.window_reduce's window
// attributes are checked as nx.window_sum's (NxWindowOps.cpp).
//
//===----------------------------------------------------------------------===//

#include "ir/NxFunctionalOps.h"

using namespace mlir;
using namespace nxc::nx;

LogicalResult nxc::nx::verifyCombiner(Operation *op, Region &region,
                                      Type elementType) {
  auto scalar = RankedTensorType::get({}, elementType);
  Block &block = region.front();
  if (block.getNumArguments() != 2 ||
      block.getArgument(0).getType() != scalar ||
      block.getArgument(1).getType() != scalar)
    return op->emitOpError("`combiner` must take two arguments of type ")
           << scalar << " but takes (" << block.getArgumentTypes() << ")";
  auto yield = dyn_cast<YieldOp>(block.getTerminator());
  if (!yield)
    return op->emitOpError("`combiner` must end with `nx.yield`");
  if (yield.getValues().size() != 1 ||
      yield.getValues()[0].getType() != scalar)
    return op->emitOpError("`combiner` must yield one value of type ")
           << scalar << " but yields (" << yield.getValues().getTypes() << ")";
  return success();
}

LogicalResult ReduceFnOp::verify() {
  RankedTensorType input = getX().getType();
  RankedTensorType result = getResult().getType();
  int64_t rank = input.getRank();
  SmallVector<int64_t> expected;
  int64_t last = -1;
  for (int64_t a : getAxes()) {
    if (a <= last || a >= rank)
      return emitOpError("`axes` must be sorted, distinct and below ")
             << rank;
    last = a;
  }
  for (int64_t d = 0; d < rank; ++d) {
    bool reduced = llvm::is_contained(getAxes(), d);
    if (!reduced)
      expected.push_back(input.getDimSize(d));
    else if (getKeepAxes())
      expected.push_back(1);
  }
  if (static_cast<int64_t>(expected.size()) != result.getRank())
    return emitOpError("expected a result of rank ")
           << expected.size() << " but got " << result.getRank();
  for (auto [i, want] : llvm::enumerate(expected)) {
    int64_t got = result.getDimSize(i);
    if (!ShapedType::isDynamic(want) && !ShapedType::isDynamic(got) &&
        want != got)
      return emitOpError("result dim ")
             << i << " is " << got << " but expected " << want;
  }
  return verifyCombiner(*this, getCombiner(), input.getElementType());
}
