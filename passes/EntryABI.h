//===- EntryABI.h - The nx-entry-abi pass -----------------------*- C++ -*-===//
//
// This file declares the `nx-entry-abi` pass, which gives every entry point
// (`func.func` with `nx.entry`) a memref-based wrapper implementing the
// compiler side of Contract 3 (docs/architecture.md): inputs first, then one
// caller-allocated output memref per result, `llvm.emit_c_interface` so that
// codegen/ObjectEmitter.cpp can build the packed `void nxc_M_E(void **)`.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_PASSES_ENTRYABI_H
#define NXC_PASSES_ENTRYABI_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>

namespace mlir {
class RewriterBase;
class RewritePatternSet;
} // namespace mlir

namespace nxc {

/// Unit attribute marking an entry point (Contract 2).
inline constexpr llvm::StringLiteral kEntryAttrName = "nx.entry";
/// String attribute with the entry's signature text (Contract 3).
inline constexpr llvm::StringLiteral kSignatureAttrName = "nx.signature";
/// String attribute on a wrapper: the symbol the object file must export
/// (`nxc_M_E`), i.e. the packed `void(void**)` function built by
/// ObjectEmitter on top of `_mlir_ciface_<wrapper>`.
inline constexpr llvm::StringLiteral kExportAttrName = "nx.export";

/// Name of the exported packed entry for the entry function `M_E`: `nxc_M_E`.
std::string getEntryExportName(llvm::StringRef entryFuncName);
/// Name of the memref-based MLIR wrapper for the entry `M_E`:
/// `nxc_M_E_impl` (internal; only `nxc_M_E` is exported).
std::string getEntryWrapperName(llvm::StringRef entryFuncName);

/// Creates, next to the entry function `entry` (tensor arguments and results,
/// signless element types), the public wrapper
///   func.func @nxc_M_E_impl(%in0: memref<..>, ..., %out0: memref<..>, ...)
///       attributes {llvm.emit_c_interface, nx.signature = ..,
///                   nx.export = "nxc_M_E"}
/// that reads its inputs with `bufferization.to_tensor restrict`, calls
/// `entry` and stores each result with
/// `bufferization.materialize_in_destination restrict writable`. `i1` tensors
/// travel as `i8` memrefs (one byte per element; nonzero is true). `entry`
/// becomes private and loses its `nx.*` attributes, so that the inliner folds
/// it into the wrapper. Emits an error and fails on types it cannot pass
/// (non-tensor, unranked).
mlir::FailureOr<mlir::func::FuncOp>
createEntryABIWrapper(mlir::RewriterBase &rewriter, mlir::func::FuncOp entry);

/// Adds a pattern applying `createEntryABIWrapper` to each entry function.
void populateNxEntryABIPatterns(mlir::RewritePatternSet &patterns);

/// Creates the `nx-entry-abi` pass (on `builtin.module`).
std::unique_ptr<mlir::Pass> createNxEntryABIPass();

/// Registers `nx-entry-abi` with the global pass registry (for nx-opt).


} // namespace nxc

#endif // NXC_PASSES_ENTRYABI_H
