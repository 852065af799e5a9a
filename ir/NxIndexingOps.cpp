//===- NxIndexingOps.cpp - Verifiers of the ops in NxIndexingOps.td ----------------===//
//
// This file implements the verifiers and folders of the ops defined in
// ir/NxIndexingOps.td.
//
//===----------------------------------------------------------------------===//

#include "ir/NxOps.h"

using namespace mlir;
using namespace nxc::nx;
