//===- nx-opt.cpp - mlir-opt with the nx dialect ----------------*- C++ -*-===//
//
// This file implements `nx-opt`, the MlirOptMain driver with every upstream
// dialect, extension and pass registered plus the `nx` dialect and the nxc
// passes (and, when codegen is built, nx-entry-abi and the codegen pipelines).
// It is what the lit tests under test/Dialect, test/Conversion and
// test/Codegen run.
//
//===----------------------------------------------------------------------===//

#include "ir/NxDialect.h"
#include "passes/Passes.h"

#ifdef NXC_OPT_WITH_CODEGEN
#include "codegen/Pipelines.h"
#endif

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  nxc::registerNxPasses();
#ifdef NXC_OPT_WITH_CODEGEN
  nxc::registerNxcPipelines();
#endif

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<nxc::nx::NxDialect>();

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "nx optimizer driver\n", registry));
}
