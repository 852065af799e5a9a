//===- NxFunctionalOps.h - helpers of the combiner-region ops --*- C++ -*-===//
//
// This file declares the verifier shared by the ops whose combining function
// is a region (`nx.reduce`, `nx.window_reduce`; ir/NxFunctionalOps.td).
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXFUNCTIONALOPS_H
#define NXC_IR_NXFUNCTIONALOPS_H

#include "ir/NxOps.h"

namespace nxc::nx {

/// Checks that `region` takes two 0-d tensors of `elementType` and yields
/// one, with `nx.yield`.
mlir::LogicalResult verifyCombiner(mlir::Operation *op, mlir::Region &region,
                                   mlir::Type elementType);

} // namespace nxc::nx

#endif // NXC_IR_NXFUNCTIONALOPS_H
