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

#endif // NXC_PASSES_PASSES_TD
