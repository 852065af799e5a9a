//===- Pipelines.cpp - nxc's CPU pass pipelines ---------------------------===//
//
// This file implements the pass pipelines from the `nx` dialect to the LLVM
// dialect. Each `addPass` says why it sits where it does; the order follows
// upstream's sparsifier and GPU-to-NVVM pipelines.
//
//===----------------------------------------------------------------------===//

#include "codegen/Pipelines.h"

#include "passes/EntryABI.h"
#include "passes/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToFuncs/MathToFuncs.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/ControlFlow/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/Func/Extensions/InlinerExtension.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Linalg/Transforms/AllInterfaces.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/AllocationOpInterfaceImpl.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/SCF/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/Transforms/SubsetInsertionOpInterfaceImpl.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void nxc::buildNxToLinalgPipeline(OpPassManager &pm) {
  // Lower nx to linalg first: the inliner and fusion only know upstream ops.
  pm.addPass(nxc::createNxToLinalg());
  // Specialized functions are private and called once per use site; inline
  // them so that fusion sees whole chains across call boundaries.
  pm.addPass(createInlinerPass());
  // Drop the specializations the inliner left without callers.
  pm.addPass(createSymbolDCEPass());
  // Fold constants and trivial tensor ops that would otherwise block fusion.
  pm.addPass(createCanonicalizerPass());
  // Fuse producer/consumer elementwise generics into single loop nests.
  pm.addNestedPass<func::FuncOp>(createLinalgElementwiseOpFusionPass());
  // Fusion duplicates index computations and leaves dead producers.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Loop order last, once fusion has fixed the layouts each generic reads:
  // a contraction becomes (i, k, j), whose innermost loop LLVM vectorizes.
  pm.addNestedPass<func::FuncOp>(nxc::createNxReorderReductionLoops());
}

/// Tensors to buffers: every entry writes its results into the caller's
/// output memrefs, temporaries are freed (or live on the stack).
static void addBufferizationPasses(OpPassManager &pm,
                                   const nxc::CpuPipelineOptions &options) {
  // No empty-tensor elimination here: with the memref-destination
  // `materialize_in_destination` of the entry ABI it let two results that
  // share a (CSE'd) init be computed in one output buffer and then copied
  // over each other (test/e2e/tuples-shared-init.nx). Results are computed
  // in temporaries and copied into the caller's buffers; computing them in
  // place needs a tensor-based entry ABI (see docs/architecture.md).
  // Function boundaries use identity layouts: entries only see dense
  // row-major buffers (Contract 3) and internal calls stay cheap.
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  // `nx.while` lowers to scf.while whose new state is usually a fresh
  // tensor, not the loop's own argument; the ownership-based deallocation
  // below frees what the loop allocates.
  bufferize.allowReturnAllocsFromLoops = true;
  // Results of `scf.if` (from `nx.if`) otherwise get a fully dynamic layout,
  // and copying such a buffer into an output needs the `memrefCopy` runtime
  // function, which compiled objects do not link against.
  bufferize.unknownTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // Private functions that survived inlining may return buffers equivalent
  // to their arguments; drop those results before deallocation reasons
  // about ownership.
  pm.addPass(bufferization::createDropEquivalentBufferResultsPass());
  pm.addPass(createCanonicalizerPass());
  // Small static temporaries on the stack: no malloc/free in hot code.
  if (options.stackAllocMaxBytes > 0) {
    unsigned maxBytes = options.stackAllocMaxBytes;
    pm.addNestedPass<func::FuncOp>(
        bufferization::createPromoteBuffersToStackPass([maxBytes](Value v) {
          auto type = dyn_cast<MemRefType>(v.getType());
          if (!type || !type.hasStaticShape() ||
              !type.getElementType().isIntOrFloat())
            return false;
          uint64_t bits = type.getNumElements() *
                          type.getElementType().getIntOrFloatBitWidth();
          return (bits + 7) / 8 <= maxBytes;
        }));
  }
  // Ownership-based deallocation: every heap temporary is freed on every
  // path out of its function.
  bufferization::buildBufferDeallocationPipeline(pm);
  // Lower what deallocation leaves behind (`bufferization.clone`, ...).
  pm.addPass(createConvertBufferizationToMemRefPass());
}

/// Buffers and math to the LLVM dialect. Objects may only depend on libc and
/// libm, so math ops without an LLVM intrinsic become libm calls.
static void addLoweringToLLVMPasses(OpPassManager &pm) {
  // scf loops: simple counted loops that LLVM's own loop vectorizer and
  // unroller handle well. The generics are shaped for it: parallel loops
  // innermost where the layouts allow (nx-reorder-reduction-loops), float
  // sums and dots marked `reassoc` and float max/min reduced as integer
  // keys, so reductions vectorize too. (Not affine loops: inside an
  // nx.while/nx.if region the size of a loop-carried buffer is not a valid
  // affine symbol.) Index maps still become affine.apply, lowered next.
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createLowerAffinePass());
  // libm has no f16/bf16 functions: math on them is computed in f32 and
  // truncated back, before any math lowering picks a function.
  pm.addPass(math::createMathExtendToSupportedTypes());
  // Integer powers (ipowi, fpowi) become small generated functions; they
  // must exist before libm/LLVM lowering sees the remaining math ops.
  pm.addPass(createConvertMathToFuncs());
  // Everything libm implements (erf, cbrt, tan, atan2, expm1, log1p, exp,
  // ...) becomes a libm call: exact, and before math-to-llvm would expand
  // expm1/log1p imprecisely. LLVM turns floorf/sqrtf/... back into
  // instructions.
  pm.addPass(createConvertMathToLibmPass());
  // bf16 arithmetic is done in f32 (as LLVM would do it, but here the
  // conversions stay visible to the expansion below).
  arith::ArithEmulateUnsupportedFloatsOptions emulate;
  emulate.sourceTypeStrs = {"bf16"};
  pm.addNestedPass<func::FuncOp>(
      arith::createArithEmulateUnsupportedFloats(emulate));
  // ... rounding to bf16 after each operation, as Nx does: the emulation's
  // extf/truncf pairs would otherwise fold away (`contract`) just below.
  pm.addNestedPass<func::FuncOp>(nxc::createNxKeepFloatRounding());
  // ceildivsi & co. have no direct LLVM lowering; bf16 <-> f32 conversions
  // become bit arithmetic, so objects never need libgcc's __truncsfbf2.
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = true;
  pm.addNestedPass<func::FuncOp>(arith::createArithExpandOpsPass(expand));
  // Subviews/reshapes to plain offset/size/stride arithmetic before memref
  // lowering, so no strided memref.copy needs the MLIR runtime.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // Buffers come from libnxrt's pool (runtime/lib/BufferPool.cpp), which
  // keeps large temporaries for the next call instead of page-faulting them
  // in afresh every time.
  FinalizeMemRefToLLVMConversionPassOptions memrefToLLVM;
  memrefToLLVM.useGenericFunctions = true;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefToLLVM));
  pm.addNestedPass<func::FuncOp>(createSCFToControlFlowPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  // Last of the dialect conversions: emits the `_mlir_ciface_` wrappers of
  // the `llvm.emit_c_interface` entry wrappers.
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void nxc::buildLinalgToLLVMPipeline(OpPassManager &pm,
                                    const CpuPipelineOptions &options) {
  // The entry ABI comes first, on tensors: its wrappers are bufferized with
  // the rest so results land in the caller's buffers without copies.
  pm.addPass(nxc::createNxEntryABIPass());
  // Fold each (now private) entry function into its wrapper.
  pm.addPass(createInlinerPass());
  pm.addPass(createSymbolDCEPass());
  // Fuse the wrapper's pred<->byte conversions into the computation.
  pm.addNestedPass<func::FuncOp>(createLinalgElementwiseOpFusionPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  addBufferizationPasses(pm, options);
  addLoweringToLLVMPasses(pm);
}

void nxc::registerNxcPipelines() {
  PassPipelineRegistration<>(
      "nx-to-linalg-pipeline",
      "Lower the nx dialect to fused linalg on tensors (--stage=linalg)",
      [](OpPassManager &pm) { buildNxToLinalgPipeline(pm); });
  PassPipelineRegistration<CpuPipelineOptions>(
      "linalg-to-llvm-pipeline",
      "Lower linalg on tensors with nx.entry functions to the LLVM dialect "
      "with the Contract 3 entry wrappers",
      buildLinalgToLLVMPipeline);
}

void nxc::registerCodegenDialects(DialectRegistry &registry) {
  registry.insert<affine::AffineDialect, arith::ArithDialect,
                  bufferization::BufferizationDialect, cf::ControlFlowDialect,
                  func::FuncDialect, linalg::LinalgDialect, LLVM::LLVMDialect,
                  math::MathDialect, memref::MemRefDialect, scf::SCFDialect,
                  tensor::TensorDialect>();
  func::registerInlinerExtension(registry);
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  arith::registerBufferDeallocationOpInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(
      registry);
  cf::registerBufferDeallocationOpInterfaceExternalModels(registry);
  linalg::registerAllDialectInterfaceImplementations(registry);
  memref::registerAllocationOpInterfaceExternalModels(registry);
  scf::registerBufferizableOpInterfaceExternalModels(registry);
  scf::registerBufferDeallocationOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerSubsetOpInterfaceExternalModels(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}
