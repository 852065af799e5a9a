//===- NxOps.h - the nx dialect operations ----------------------*- C++ -*-===//
//
// This file declares the operation classes of the `nx` dialect, generated from
// NxOps.td (`nxc::nx::AddOp`, `nxc::nx::ReduceSumOp`, ...).
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXOPS_H
#define NXC_IR_NXOPS_H

#include "ir/NxDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "ir/NxOps.h.inc"

#endif // NXC_IR_NXOPS_H
