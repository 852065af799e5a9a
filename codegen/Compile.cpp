//===- Compile.cpp - From the nx dialect to an object file ----------------===//
//
// This file implements compileToObject: the two pass pipelines of
// Pipelines.cpp followed by the object emitter, stopping at the requested
// stage, with every failure turned into an MLIR diagnostic.
//
//===----------------------------------------------------------------------===//

#include "codegen/Compile.h"

#include "codegen/Pipelines.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

/// Runs `pm` on `module`; if it fails without having said why, says so.
static LogicalResult runPipeline(PassManager &pm, ModuleOp module,
                                 StringRef name) {
  bool reported = false;
  ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error)
      reported = true;
    return failure(); // let the enclosing handler print it
  });
  if (succeeded(pm.run(module)))
    return success();
  if (!reported)
    module.emitError() << "the `" << name << "` pipeline failed";
  return failure();
}

static LogicalResult printText(ModuleOp module,
                               const nxc::CompileOptions &options) {
  if (!options.textOutput)
    return module.emitError("no output stream for the emitted text");
  module.print(*options.textOutput);
  return success();
}

static LogicalResult reportError(ModuleOp module, llvm::Error error) {
  if (!error)
    return success();
  module.emitError() << llvm::toString(std::move(error));
  return failure();
}

LogicalResult nxc::compileToObject(ModuleOp module,
                                   const CompileOptions &options) {
  MLIRContext *context = module.getContext();
  DialectRegistry registry;
  registerCodegenDialects(registry);
  context->appendDialectRegistry(registry);

  if (options.stopAfter == CodegenStage::Nx)
    return printText(module, options);

  if (options.inputStage == CodegenStage::Nx) {
    PassManager pm(context, ModuleOp::getOperationName());
    buildNxToLinalgPipeline(pm);
    if (failed(runPipeline(pm, module, "nx-to-linalg-pipeline")))
      return failure();
  }
  if (options.stopAfter == CodegenStage::Linalg)
    return printText(module, options);

  PassManager pm(context, ModuleOp::getOperationName());
  CpuPipelineOptions pipelineOptions;
  pipelineOptions.stackAllocMaxBytes = options.stackAllocMaxBytes;
  buildLinalgToLLVMPipeline(pm, pipelineOptions);
  if (failed(runPipeline(pm, module, "linalg-to-llvm-pipeline")))
    return failure();

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateToLLVMIR(module, llvmContext);
  if (!llvmModule)
    return failure();
  if (failed(reportError(module, optimizeModule(*llvmModule, options.emit))))
    return failure();

  if (options.stopAfter == CodegenStage::LLVM) {
    if (!options.textOutput)
      return module.emitError("no output stream for the emitted text");
    emitLLVMIR(*llvmModule, *options.textOutput);
    return success();
  }
  if (options.objectPath.empty())
    return module.emitError("no path for the object file");
  return reportError(module,
                     emitObject(*llvmModule, options.objectPath, options.emit));
}
