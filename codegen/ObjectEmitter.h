//===- ObjectEmitter.h - LLVM dialect to object files -----------*- C++ -*-===//
//
// This file declares the last codegen stage: translating the LLVM-dialect
// module to LLVM IR, adding the exported symbols of Contract 3
// (`void nxc_M_E(void **)` and `const char nxc_M_E_signature[]`),
// optimizing for the host (or a portable) CPU, and writing object files,
// static archives and shared libraries.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_CODEGEN_OBJECTEMITTER_H
#define NXC_CODEGEN_OBJECTEMITTER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class raw_ostream;
} // namespace llvm

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace nxc {

/// How to generate machine code.
struct EmitOptions {
  /// Target triple; empty means the host's.
  std::string triple;
  /// Generic CPU of the triple (`x86-64` on x86-64) instead of the host CPU
  /// and its features: the object runs on any machine of the architecture.
  bool portable = false;
  /// LLVM optimization level, 0-3.
  unsigned optLevel = 3;
};

/// Translates `module` (LLVM dialect, output of linalg-to-llvm-pipeline) to
/// LLVM IR and adds, for every entry wrapper (see passes/EntryABI.h), the
/// packed `void nxc_M_E(void **args)` and the NUL-terminated
/// `nxc_M_E_signature`. Every other definition gets internal linkage, so
/// these are the only exported symbols. Errors are reported as MLIR
/// diagnostics on `module` and yield null.
std::unique_ptr<llvm::Module> translateToLLVMIR(mlir::ModuleOp module,
                                                llvm::LLVMContext &context);

/// Sets the target triple, data layout and PIC level of `module` and
/// optimizes it with the new pass manager at `options.optLevel`.
llvm::Error optimizeModule(llvm::Module &module, const EmitOptions &options);

/// Writes `module` (already optimized) as a relocatable, position
/// independent object file to `path`.
llvm::Error emitObject(llvm::Module &module, llvm::StringRef path,
                       const EmitOptions &options);

/// Prints `module` as textual LLVM IR.
void emitLLVMIR(llvm::Module &module, llvm::raw_ostream &os);

/// Writes a static library (GNU ar format with symbol table) holding the
/// single object `objPath`.
llvm::Error createStaticLibrary(llvm::StringRef objPath,
                                llvm::StringRef libPath);

/// Links the object `objPath` into the shared library `soPath` with the
/// system C compiler (`cc -shared -o soPath objPath -lm`).
llvm::Error linkSharedLibrary(llvm::StringRef objPath, llvm::StringRef soPath);

} // namespace nxc

#endif // NXC_CODEGEN_OBJECTEMITTER_H
