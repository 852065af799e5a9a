//===- Pipelines.h - nxc's CPU pass pipelines -------------------*- C++ -*-===//
//
// This file declares the two pass pipelines between the `nx` dialect and the
// LLVM dialect (docs/architecture.md): `nx-to-linalg-pipeline` (nx ->
// fused linalg on tensors, the `--stage=linalg` boundary) and
// `linalg-to-llvm-pipeline` (entry ABI, bufferization, loops, LLVM dialect).
//
//===----------------------------------------------------------------------===//

#ifndef NXC_CODEGEN_PIPELINES_H
#define NXC_CODEGEN_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class DialectRegistry;
class OpPassManager;
} // namespace mlir

namespace nxc {

/// Options of `linalg-to-llvm-pipeline`.
struct CpuPipelineOptions
    : public mlir::PassPipelineOptions<CpuPipelineOptions> {
  Option<unsigned> stackAllocMaxBytes{
      *this, "stack-alloc-max-bytes",
      llvm::cl::desc("Temporaries of static size up to this many bytes live "
                     "on the stack instead of the heap (0: never)"),
      llvm::cl::init(1024)};
};

/// nx dialect -> linalg/tensor/arith/math on tensors, private functions
/// inlined and elementwise chains fused into single `linalg.generic`s.
void buildNxToLinalgPipeline(mlir::OpPassManager &pm);

/// linalg on tensors (with `nx.entry` functions) -> LLVM dialect, ready for
/// mlir::translateModuleToLLVMIR; every entry `M_E` gets the memref wrapper
/// `nxc_M_E_impl` and its `_mlir_ciface_` twin (see passes/EntryABI.h).
void buildLinalgToLLVMPipeline(mlir::OpPassManager &pm,
                               const CpuPipelineOptions &options);

/// Registers `nx-to-linalg-pipeline` and `linalg-to-llvm-pipeline` as textual
/// pipelines (for nx-opt and lit).
void registerNxcPipelines();

/// Adds the dialects, external interface models (bufferization,
/// deallocation, inlining) and LLVM IR translations that both pipelines and
/// the object emitter need. Call it on the registry of any context that runs
/// them (nxc, nx-opt, tests).
void registerCodegenDialects(mlir::DialectRegistry &registry);

} // namespace nxc

#endif // NXC_CODEGEN_PIPELINES_H
