//===- Passes.td - nx transformation passes ----------------*- tablegen -*-===//
//
// This file declares the passes of nxc that operate on the `nx` dialect.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_PASSES_PASSES_TD
#define NXC_PASSES_PASSES_TD

include "mlir/Pass/PassBase.td"

def NxToLinalg : Pass<"nx-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower the nx dialect to linalg, tensor, arith and math";
  let description = [{
    Rewrites every `nx` op into tensor-level upstream IR: elementwise ops,
    broadcasts and transposes become `linalg.generic`s with identity or
    projected indexing maps (so `linalg-fuse-elementwise-ops` can fuse a chain
    of them into one generic), reductions and `nx.dot` become `linalg.generic`s
    with reduction iterators over a `linalg.fill`ed init, reshapes become
    `tensor.collapse_shape`/`tensor.expand_shape`. Signed and unsigned
    element types are mapped to signless integers; `func.func`, `func.call`
    and `func.return` are converted accordingly. Signedness picks the arith
    op (`arith.divsi` vs `arith.divui`, ...); integer division and remainder
    by zero do not trap.

    Before:
    ```mlir
    %m = nx.reduce_max %x {axes = array<i64: 1>, keep_axes = true}
           : tensor<?x?xf32> -> tensor<?x1xf32>
    ```
    After:
    ```mlir
    %init = linalg.fill ins(%neg_inf : f32) outs(%empty : tensor<?x1xf32>)
              -> tensor<?x1xf32>
    %m = linalg.generic {
           indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                            affine_map<(d0, d1) -> (d0, 0)>],
           iterator_types = ["parallel", "reduction"]}
           ins(%x : tensor<?x?xf32>) outs(%init : tensor<?x1xf32>) {
         ^bb0(%in: f32, %acc: f32):
           %0 = arith.maximumf %in, %acc : f32
           linalg.yield %0 : f32
         } -> tensor<?x1xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def NxEntryABI : Pass<"nx-entry-abi", "::mlir::ModuleOp"> {
  let summary = "Wrap each entry function in the memref-based entry ABI";
  let description = [{
    For every public `func.func` carrying `nx.entry` (after `nx-to-linalg`, so
    on signless tensors), creates the public function `nxc_<Module>_<entry>_impl`
    of docs/architecture.md's Contract 3: it takes one identity-layout memref
    per input and then one per result, marked `llvm.emit_c_interface`, reads
    the inputs with `bufferization.to_tensor restrict`, calls the original
    function (made private, to be inlined) and writes each result into its
    output memref with `bufferization.materialize_in_destination`, so that
    one-shot bufferization computes results directly in the caller's buffers.
    Pred tensors travel as one byte per element.

    Before:
    ```mlir
    func.func @M_f(%x: tensor<?xf32>) -> tensor<?xf32>
        attributes {nx.entry, nx.signature = "f(f32[n])->(f32[n])"}
    ```
    After:
    ```mlir
    func.func private @M_f(%x: tensor<?xf32>) -> tensor<?xf32>
    func.func @nxc_M_f_impl(%x: memref<?xf32> {llvm.noalias},
                            %out: memref<?xf32> {llvm.noalias})
        attributes {llvm.emit_c_interface, nx.export = "nxc_M_f", ...} {
      %t = bufferization.to_tensor %x restrict : memref<?xf32> to tensor<?xf32>
      %r = func.call @M_f(%t) : (tensor<?xf32>) -> tensor<?xf32>
      bufferization.materialize_in_destination %r in restrict writable %out
          : (tensor<?xf32>, memref<?xf32>) -> ()
      return
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::LLVM::LLVMDialect",
  ];
}

#endif // NXC_PASSES_PASSES_TD
