//===- NxDialect.h - the nx dialect -----------------------------*- C++ -*-===//
//
// This file declares the `nx` dialect class, `nxc::nx::NxDialect`. Load it
// with `context.loadDialect<nxc::nx::NxDialect>()`.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXDIALECT_H
#define NXC_IR_NXDIALECT_H

#include "mlir/IR/Dialect.h"

#include "ir/NxDialect.h.inc"

#endif // NXC_IR_NXDIALECT_H
