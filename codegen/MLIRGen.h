//===- MLIRGen.h - Typed IR to the nx dialect ---------------------*- C++ -*-===//
//
// This file declares the translation of the frontend's typed IR (see
// frontend/TypedIR.h) into an MLIR module of `nx` dialect ops. The typed IR is
// already monomorphic and desugared, so the translation is one op per node.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_CODEGEN_MLIRGEN_H
#define NXC_CODEGEN_MLIRGEN_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace nxc {
struct TypedModule;

/// Builds the `nx` dialect module for `module`. `filename` is used for the
/// source locations of every op. Returns null (after emitting an MLIR
/// diagnostic) if the module cannot be represented.
mlir::OwningOpRef<mlir::ModuleOp> genMLIR(mlir::MLIRContext &context,
                                          const TypedModule &module,
                                          const std::string &filename);

} // namespace nxc

#endif // NXC_CODEGEN_MLIRGEN_H
