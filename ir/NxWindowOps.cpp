//===- NxWindowOps.cpp - Verifiers of the ops in NxWindowOps.td ----------------===//
//
// This file implements the verifiers and folders of the ops defined in
// ir/NxWindowOps.td.
//
//===----------------------------------------------------------------------===//

#include "ir/NxOps.h"

using namespace mlir;
using namespace nxc::nx;
