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
    by zero do not trap. Float sums carry `fastmath<reassoc>` so that they
    vectorize (their order is unspecified, as in XLA); float max/min
    reductions reduce integer keys that order like the floats (NaN wins,
    -0 < +0) and are decoded by an elementwise generic, since vector
    `maximumf` reductions do not vectorize on x86. Dots keep index order.
    Slices, pads and concatenations become `tensor.extract_slice` /
    `tensor.insert_slice`; scans, sorts and scatters are `scf.for` loops
    over tensors (iter_args), which bufferize in place.

    Before:
    ```mlir
    %s = nx.reduce_sum %x {axes = array<i64: 1>, keep_axes = true}
           : tensor<?x?xf32> -> tensor<?x1xf32>
    ```
    After:
    ```mlir
    %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<?x1xf32>)
              -> tensor<?x1xf32>
    %s = linalg.generic {
           indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                            affine_map<(d0, d1) -> (d0, 0)>],
           iterator_types = ["parallel", "reduction"]}
           ins(%x : tensor<?x?xf32>) outs(%init : tensor<?x1xf32>) {
         ^bb0(%in: f32, %acc: f32):
           %0 = arith.addf %in, %acc fastmath<reassoc> : f32
           linalg.yield %0 : f32
         } -> tensor<?x1xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
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

def NxReorderReductionLoops : Pass<"nx-reorder-reduction-loops"> {
  let summary = "Move a unit-stride parallel loop inside the reduction loops";
  let description = [{
    For each `linalg.generic` whose innermost loop is a reduction, finds the
    parallel loop that walks the last dim of the result, provided every
    operand that uses it reads it in its last dim with unit stride (as `d`,
    or as `d + e` like a convolution's input window) and nowhere else, and
    interchanges it to the innermost position, keeping the order
    of all other loops. Each reduction then still combines its elements in
    the same order (results are bit-identical), but the innermost loop has no
    loop-carried dependence and unit stride, so LLVM vectorizes it. Run after
    elementwise fusion, which decides the layouts the loops read. A matrix
    product (i, j, k) becomes (i, k, j); A times B-transposed, whose rhs is
    read with stride along j, and reductions over the last axis are left as
    they are.

    Before:
    ```mlir
    linalg.generic {
        indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>,
                         affine_map<(d0, d1, d2) -> (d2, d1)>,
                         affine_map<(d0, d1, d2) -> (d0, d1)>],
        iterator_types = ["parallel", "parallel", "reduction"]} ...
    ```
    After:
    ```mlir
    linalg.generic {
        indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1)>,
                         affine_map<(d0, d1, d2) -> (d1, d2)>,
                         affine_map<(d0, d1, d2) -> (d0, d2)>],
        iterator_types = ["parallel", "reduction", "parallel"]} ...
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def NxKeepFloatRounding : Pass<"nx-keep-float-rounding"> {
  let summary = "Drop fastmath flags from arith.extf/truncf so their rounding stays";
  let description = [{
    `arith-emulate-unsupported-floats` computes bf16 arithmetic in f32 with an
    `arith.truncf`/`arith.extf` pair between two operations, and marks both
    `fastmath<contract>`; with that flag the folder of `arith.extf` folds
    `extf(truncf(x))` to `x`, so any later greedy rewrite (arith-expand,
    canonicalize) keeps intermediates in f32 and `a * b + c` is rounded once
    instead of after each operation as Nx does. This pass clears the fastmath
    flags of every extf/truncf so the pairs, and the rounding, survive.

    Before:
    ```mlir
    %p = arith.truncf %m fastmath<contract> : f32 to bf16
    %q = arith.extf %p fastmath<contract> : bf16 to f32
    ```
    After:
    ```mlir
    %p = arith.truncf %m : f32 to bf16
    %q = arith.extf %p : bf16 to f32
    ```
  }];
}

#endif // NXC_PASSES_PASSES_TD
