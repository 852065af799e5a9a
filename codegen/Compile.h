//===- Compile.h - From the nx dialect to an object file --------*- C++ -*-===//
//
// This file declares the one entry point the driver uses for everything after
// MLIRGen: run the nx-to-linalg and linalg-to-llvm pipelines and the object
// emitter, stopping at any `--stage=` boundary (docs/architecture.md).
//
//===----------------------------------------------------------------------===//

#ifndef NXC_CODEGEN_COMPILE_H
#define NXC_CODEGEN_COMPILE_H

#include "codegen/ObjectEmitter.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace nxc {

/// The boundaries of the codegen pipeline, in order.
enum class CodegenStage {
  Nx,     ///< `nx` dialect, as MLIRGen builds it
  Linalg, ///< fused linalg/tensor/arith/math on tensors
  LLVM,   ///< optimized LLVM IR with the Contract 3 symbols
  Object, ///< relocatable PIC object file
};

/// What compileToObject does.
struct CompileOptions {
  /// The stage `module` is in (Linalg: skip nx-to-linalg, for .mlir inputs
  /// and tests).
  CodegenStage inputStage = CodegenStage::Nx;
  /// The last stage to produce. Nx, Linalg and LLVM print text to
  /// `textOutput`; Object writes `objectPath`.
  CodegenStage stopAfter = CodegenStage::Object;
  /// Where `stopAfter` = Object writes the object file.
  std::string objectPath;
  /// Where the text of the Nx, Linalg and LLVM stages goes (required for
  /// them).
  llvm::raw_ostream *textOutput = nullptr;
  /// Target, CPU (`portable`) and optimization level.
  EmitOptions emit;
  /// Static temporaries up to this size live on the stack (0: none).
  unsigned stackAllocMaxBytes = 1024;
};

/// Lowers `module` (in `options.inputStage`) to `options.stopAfter`. The
/// module is modified in place. Every failure is reported as an MLIR
/// diagnostic on the module's context and returns failure; nothing aborts.
mlir::LogicalResult compileToObject(mlir::ModuleOp module,
                                    const CompileOptions &options);

} // namespace nxc

#endif // NXC_CODEGEN_COMPILE_H
