// RUN: %nx-opt %s --nx-to-linalg-pipeline --split-input-file | FileCheck %s

// Tests that an elementwise chain spread over a private specialization and
// its caller is inlined and fused into a single linalg.generic, and that the
// specialization is gone.

// CHECK-NOT:   func.func private @scale
// CHECK-LABEL: func.func @M_f(
// CHECK-SAME:      %[[X:.+]]: tensor<?x3xf32>, %[[Y:.+]]: tensor<?x3xf32>)
// CHECK-SAME:      nx.entry
// CHECK:         %[[R:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[X]], %[[Y]] : tensor<?x3xf32>, tensor<?x3xf32>)
// CHECK:           arith.mulf
// CHECK-NEXT:      math.exp
// CHECK-NEXT:      arith.addf
// CHECK-NEXT:      arith.negf
// CHECK-NEXT:      linalg.yield
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[R]]
func.func private @scale(%x: tensor<?x3xf32>, %y: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = nx.multiply %x, %y : tensor<?x3xf32>
  %1 = nx.exp %0 : tensor<?x3xf32>
  return %1 : tensor<?x3xf32>
}
func.func @M_f(%x: tensor<?x3xf32>, %y: tensor<?x3xf32>) -> tensor<?x3xf32>
    attributes {nx.entry, nx.signature = "f(f32[n,3],f32[n,3])->(f32[n,3])"} {
  %0 = func.call @scale(%x, %y) : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  %1 = nx.add %0, %x : tensor<?x3xf32>
  %2 = nx.negate %1 : tensor<?x3xf32>
  return %2 : tensor<?x3xf32>
}

// -----

// Tests that linalg input (no nx ops) is inlined and fused the same way.

// CHECK-NOT:   func.func private @negexp
// CHECK-LABEL: func.func @M_sig(
// CHECK:         linalg.generic
// CHECK:           arith.negf
// CHECK-NEXT:      math.exp
// CHECK-NEXT:      arith.addf
// CHECK-NEXT:      arith.divf
// CHECK-NOT:     linalg.generic
#id = affine_map<(d0) -> (d0)>
func.func private @negexp(%a: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %a, %c0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.negf %x : f32
    %z = math.exp %y : f32
    linalg.yield %z : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}
func.func @M_sig(%a: tensor<?xf32>) -> tensor<?xf32>
    attributes {nx.entry, nx.signature = "sig(f32[n])->(f32[n])"} {
  %t = func.call @negexp(%a) : (tensor<?xf32>) -> tensor<?xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %a, %c0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %one = arith.constant 1.0 : f32
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%t : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%x: f32, %o: f32):
    %d = arith.addf %x, %one : f32
    %q = arith.divf %one, %d : f32
    linalg.yield %q : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// Tests that the loop order of a dot is picked after fusion: a plain matrix
// product ends as (i, k, j), while x times a transposed w, whose transpose is
// fused into the contraction so that w is read with stride along j, keeps
// the contracting loop innermost.

// CHECK-LABEL: func.func @M_dots(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x?xf32>, %[[W:[^:]+]]: tensor<?x?xf32>
// CHECK:         linalg.generic {{.+}} iterator_types = ["parallel", "reduction", "parallel"]
// CHECK-SAME:        ins(%[[X]], %[[W]] :
// CHECK:         linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME:        ins(%[[X]], %[[W]] :
func.func @M_dots(%x: tensor<?x?xf32>, %w: tensor<?x?xf32>) -> (tensor<?x?xf32>, tensor<?x?xf32>)
    attributes {nx.entry, nx.signature = "dots(f32[n,n],f32[n,n])->(f32[n,n],f32[n,n])"} {
  %0 = nx.dot %x, %w {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  %wt = nx.transpose %w {permutation = array<i64: 1, 0>} : tensor<?x?xf32> -> tensor<?x?xf32>
  %1 = nx.dot %x, %wt {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  return %0, %1 : tensor<?x?xf32>, tensor<?x?xf32>
}
