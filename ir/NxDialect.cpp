//===- NxDialect.cpp - the nx dialect ---------------------------*- C++ -*-===//
//
// This file implements the `nx` dialect's registration of its operations.
//
//===----------------------------------------------------------------------===//

#include "ir/NxDialect.h"
#include "ir/NxOps.h"

using namespace mlir;
using namespace nxc::nx;

#include "ir/NxDialect.cpp.inc"

void NxDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ir/NxOps.cpp.inc"
      >();
}
