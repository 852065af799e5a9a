//===- NxLinAlgOps.cpp - Verifiers of the ops in NxLinAlgOps.td -----------===//
//
// This file implements the verifiers of the linear-algebra ops defined in
// ir/NxLinAlgOps.td.
//
//===----------------------------------------------------------------------===//

#include "ir/NxOps.h"

using namespace mlir;
using namespace nxc::nx;
