// RUN: %nx-opt %s --linalg-to-llvm-pipeline --split-input-file | FileCheck %s
// RUN: %nx-opt %s --linalg-to-llvm-pipeline=stack-alloc-max-bytes=0 --split-input-file | FileCheck %s --check-prefix=HEAP

// Tests that an entry becomes the memref wrapper nxc_M_add_impl plus its
// _mlir_ciface_ twin taking one descriptor pointer per input and output,
// that the original function is inlined away, and that an elementwise result
// is written straight into the output buffer (no temporary, no copy).

// CHECK-NOT:   llvm.func @M_add(
// CHECK-NOT:   @_mlir_memref_to_llvm_alloc
// CHECK-LABEL: llvm.func @nxc_M_add_impl(
// CHECK-SAME:      nx.export = "nxc_M_add"
// CHECK-SAME:      nx.signature = "add(f32[2,3],f32[2,3])->(f32[2,3])"
// CHECK-NOT:     llvm.call
// CHECK:         llvm.fadd
// CHECK-NOT:     llvm.call
// CHECK:         llvm.return
// CHECK-LABEL: llvm.func @_mlir_ciface_nxc_M_add_impl(
// CHECK-SAME:      %{{[a-z0-9]+}}: !llvm.ptr {llvm.noalias}, %{{[a-z0-9]+}}: !llvm.ptr {llvm.noalias}, %{{[a-z0-9]+}}: !llvm.ptr {llvm.noalias})
// CHECK:         llvm.call @nxc_M_add_impl(
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @M_add(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32>
    attributes {nx.entry, nx.signature = "add(f32[2,3],f32[2,3])->(f32[2,3])"} {
  %e = tensor.empty() : tensor<2x3xf32>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<2x3xf32>, tensor<2x3xf32>) outs(%e : tensor<2x3xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// Tests that dynamically sized temporaries (softmax: row max/sum, the
// exponentials) are allocated from libnxrt's buffer pool and every one of
// them is freed.

// CHECK-LABEL: llvm.func @nxc_M_softmax_impl(
// CHECK-COUNT-2: llvm.call @_mlir_memref_to_llvm_alloc(
// CHECK:         llvm.call @expf(
// CHECK-COUNT-2: llvm.call @_mlir_memref_to_llvm_free(
// CHECK-NOT:     llvm.call @_mlir_memref_to_llvm_alloc(
// CHECK:         llvm.return
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @M_softmax(%x: tensor<?x?xf32>) -> tensor<?x?xf32>
    attributes {nx.entry, nx.signature = "softmax(f32[n,k])->(f32[n,k])"} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = tensor.dim %x, %c0 : tensor<?x?xf32>
  %k = tensor.dim %x, %c1 : tensor<?x?xf32>
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty(%n) : tensor<?xf32>
  %minit = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<?xf32>) -> tensor<?xf32>
  %max = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<?x?xf32>) outs(%minit : tensor<?xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %m = arith.maximumf %a, %acc : f32
    linalg.yield %m : f32
  } -> tensor<?xf32>
  %e2 = tensor.empty(%n, %k) : tensor<?x?xf32>
  %ex = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %max : tensor<?x?xf32>, tensor<?xf32>) outs(%e2 : tensor<?x?xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %d = arith.subf %a, %m : f32
    %e = math.exp %d : f32
    linalg.yield %e : f32
  } -> tensor<?x?xf32>
  %sinit = linalg.fill ins(%zero : f32) outs(%e1 : tensor<?xf32>) -> tensor<?xf32>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%ex : tensor<?x?xf32>) outs(%sinit : tensor<?xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %a, %acc : f32
    linalg.yield %s : f32
  } -> tensor<?xf32>
  %r = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%ex, %sum : tensor<?x?xf32>, tensor<?xf32>) outs(%e2 : tensor<?x?xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %q = arith.divf %a, %s : f32
    linalg.yield %q : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// -----

// Tests that math ops without an LLVM instruction become libm calls (the
// exact expm1/log1p, not exp(x)-1 / log(1+x)) and integer powers a generated
// function, so the object needs nothing but libc and libm.

// CHECK-DAG:   llvm.func @erff(f32) -> f32
// CHECK-DAG:   llvm.func @cbrtf(f32) -> f32
// CHECK-DAG:   llvm.func @expm1f(f32) -> f32
// CHECK-DAG:   llvm.func @log1pf(f32) -> f32
// CHECK-DAG:   llvm.func @atan2f(f32, f32) -> f32
// CHECK-DAG:   llvm.func @tanf(f32) -> f32
// CHECK-LABEL: llvm.func @nxc_M_math_impl(
// CHECK:         llvm.call @erff(
// CHECK:         llvm.call @cbrtf(
// CHECK:         llvm.call @expm1f(
// CHECK:         llvm.call @log1pf(
// CHECK:         llvm.call @atan2f(
// CHECK:         llvm.call @tanf(
// CHECK:         llvm.call @__mlir_math_ipowi_i32(
// CHECK:       llvm.func linkonce_odr @__mlir_math_ipowi_i32(
#id = affine_map<(d0) -> (d0)>
func.func @M_math(%a: tensor<?xf32>, %b: tensor<?xf32>, %i: tensor<?xi32>) -> (tensor<?xf32>, tensor<?xi32>)
    attributes {nx.entry, nx.signature = "math(f32[n],f32[n],s32[n])->(f32[n],s32[n])"} {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %a, %c0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %ei = tensor.empty(%n) : tensor<?xi32>
  %r:2 = linalg.generic {indexing_maps = [#id, #id, #id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b, %i : tensor<?xf32>, tensor<?xf32>, tensor<?xi32>) outs(%e, %ei : tensor<?xf32>, tensor<?xi32>) {
  ^bb0(%x: f32, %y: f32, %k: i32, %o: f32, %oi: i32):
    %0 = math.erf %x : f32
    %1 = math.cbrt %0 : f32
    %2 = math.expm1 %1 : f32
    %3 = math.log1p %2 : f32
    %4 = math.atan2 %3, %y : f32
    %5 = math.tan %4 : f32
    %6 = math.ipowi %k, %k : i32
    linalg.yield %5, %6 : f32, i32
  } -> (tensor<?xf32>, tensor<?xi32>)
  return %r#0, %r#1 : tensor<?xf32>, tensor<?xi32>
}

// -----

// Tests that a small static temporary lives on the stack, and on the heap
// (freed) when stack promotion is off.

// CHECK-LABEL: llvm.func @nxc_M_center_impl(
// CHECK-NOT:     @_mlir_memref_to_llvm_alloc
// CHECK:         llvm.alloca %{{.+}} x f32
// CHECK-NOT:     @_mlir_memref_to_llvm_alloc
// CHECK:         llvm.return

// HEAP-LABEL:  llvm.func @nxc_M_center_impl(
// HEAP:          llvm.call @_mlir_memref_to_llvm_alloc(
// HEAP-NOT:      llvm.alloca
// HEAP:          llvm.call @_mlir_memref_to_llvm_free(
// HEAP:          llvm.return
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @M_center(%x: tensor<4x8xf32>) -> tensor<4x8xf32>
    attributes {nx.entry, nx.signature = "center(f32[4,8])->(f32[4,8])"} {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %a, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  %e2 = tensor.empty() : tensor<4x8xf32>
  %r = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %sum : tensor<4x8xf32>, tensor<4xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %d = arith.subf %a, %s : f32
    linalg.yield %d : f32
  } -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}
