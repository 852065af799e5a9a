// RUN: nx-opt %s --nx-to-linalg --split-input-file | FileCheck %s

// Tests that nx.cholesky becomes a zero-filled result and a loop per batch
// dim around rows i, columns j <= i and a dot product over k < j, with the
// diagonal picked between a square root and a division.

// CHECK-LABEL: func.func @cholesky
// CHECK-SAME: (%[[A:.+]]: tensor<2x3x3xf32>)
// CHECK: %[[FILL:.+]] = linalg.fill
// CHECK: %[[R:[a-z0-9_]+]] = scf.for %[[B:[a-z0-9_]+]] = {{.+}} iter_args(%{{.+}} = %[[FILL]]) -> (tensor<2x3x3xf32>)
// CHECK: scf.for %[[I:[a-z0-9_]+]] = {{.+}} -> (tensor<2x3x3xf32>)
// CHECK: %[[I1:[a-z0-9_]+]] = arith.addi %[[I]]
// CHECK: scf.for %[[J:[a-z0-9_]+]] = %{{.+}} to %[[I1]] {{.+}} -> (tensor<2x3x3xf32>)
// CHECK: %[[DOT:[a-z0-9_]+]] = scf.for %{{.+}} = %{{.+}} to %[[J]] {{.+}} -> (f32)
// CHECK: %[[AIJ:[a-z0-9_]+]] = tensor.extract %[[A]][%[[B]], %[[I]], %[[J]]]
// CHECK: %[[D:[a-z0-9_]+]] = arith.subf %[[AIJ]], %[[DOT]]
// CHECK: math.sqrt %[[D]]
// CHECK: arith.divf %[[D]]
// CHECK: arith.select
// CHECK: tensor.insert {{.+}}[%[[B]], %[[I]], %[[J]]]
// CHECK: return %[[R]]
func.func @cholesky(%a: tensor<2x3x3xf32>) -> tensor<2x3x3xf32> {
  %0 = nx.cholesky %a : tensor<2x3x3xf32>
  return %0 : tensor<2x3x3xf32>
}

// -----

// Tests that dynamic square sizes are read with tensor.dim.

// CHECK-LABEL: func.func @cholesky_dynamic
// CHECK-SAME: (%[[A:.+]]: tensor<?x?xf64>)
// CHECK: %[[N:[a-z0-9_]+]] = tensor.dim %[[A]], %{{.+}} : tensor<?x?xf64>
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[N]]
func.func @cholesky_dynamic(%a: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = nx.cholesky %a : tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}

// -----

// Tests that a lower left-side solve is a forward substitution in place on
// `b`: rows in increasing order, the dot product over k < i.

// CHECK-LABEL: func.func @triangular_solve_lower
// CHECK-SAME: (%[[A:.+]]: tensor<3x3xf32>, %[[B:.+]]: tensor<3x2xf32>)
// CHECK: %[[R:[a-z0-9_]+]] = scf.for %[[I:[a-z0-9_]+]] = {{.+}} iter_args(%{{.+}} = %[[B]]) -> (tensor<3x2xf32>)
// CHECK: scf.for %[[J:[a-z0-9_]+]] = {{.+}} -> (tensor<3x2xf32>)
// CHECK: scf.for %[[K:[a-z0-9_]+]] = %{{.+}} to %[[I]] {{.+}} -> (f32)
// CHECK: tensor.extract %[[A]][%[[I]], %[[K]]]
// CHECK: arith.divf
// CHECK: tensor.insert {{.+}}[%[[I]], %[[J]]]
// CHECK: return %[[R]]
func.func @triangular_solve_lower(%a: tensor<3x3xf32>, %b: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %0 = nx.triangular_solve %a, %b : tensor<3x3xf32>, tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// Tests that an upper solve runs backwards (row n - 1 - r) and that a
// vector `b` is indexed by the row only.

// CHECK-LABEL: func.func @triangular_solve_upper
// CHECK-SAME: (%[[A:.+]]: tensor<3x3xf32>, %[[B:.+]]: tensor<3xf32>)
// CHECK: scf.for %[[R:[a-z0-9_]+]] = {{.+}} -> (tensor<3xf32>)
// CHECK: %[[I:[a-z0-9_]+]] = arith.subi %{{.+}}, %[[R]]
// CHECK: scf.for %[[K:[a-z0-9_]+]] = {{.+}} -> (f32)
// CHECK: tensor.extract %[[A]][%[[I]], %[[K]]]
// CHECK: tensor.insert {{.+}}[%[[I]]] : tensor<3xf32>
func.func @triangular_solve_upper(%a: tensor<3x3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %0 = nx.triangular_solve %a, %b {lower = false} : tensor<3x3xf32>, tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Tests that transform_a reads `a` transposed: the transpose of a lower `a`
// is upper, so the right-side solve x op(a) = b is a forward substitution
// on the columns of `b`.

// CHECK-LABEL: func.func @triangular_solve_right_transpose
// CHECK-SAME: (%[[A:.+]]: tensor<3x3xf32>, %[[B:.+]]: tensor<2x3xf32>)
// CHECK: scf.for %[[I:[a-z0-9_]+]] = {{.+}} iter_args(%{{.+}} = %[[B]]) -> (tensor<2x3xf32>)
// CHECK: scf.for %[[J:[a-z0-9_]+]] = {{.+}} -> (tensor<2x3xf32>)
// CHECK: scf.for %[[K:[a-z0-9_]+]] = %{{.+}} to %[[I]] {{.+}} -> (f32)
// CHECK: tensor.extract %[[A]][%[[I]], %[[K]]]
// CHECK: tensor.insert {{.+}}[%[[J]], %[[I]]] : tensor<2x3xf32>
func.func @triangular_solve_right_transpose(%a: tensor<3x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = nx.triangular_solve %a, %b {left_side = false, transform_a = 1 : i64} : tensor<3x3xf32>, tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Tests that nx.lu carries p, l and u through the column loop: a pivot
// search on |u[i][k]|, a row swap, then the elimination below the pivot.

// CHECK-LABEL: func.func @lu
// CHECK-SAME: (%[[A:.+]]: tensor<2x4x4xf64>)
// CHECK: %[[R:[0-9]+]]:3 = scf.for {{.+}} -> (tensor<2x4x4xf64>, tensor<2x4x4xf64>, tensor<2x4x4xf64>)
// CHECK: scf.for %[[K:[a-z0-9_]+]] = {{.+}} -> (tensor<2x4x4xf64>, tensor<2x4x4xf64>, tensor<2x4x4xf64>)
// CHECK: scf.for %{{.+}} = %[[K]] to {{.+}} -> (f64, index)
// CHECK: math.absf
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf oeq
// CHECK: arith.divf
// CHECK: arith.mulf
// CHECK: arith.subf
// CHECK: return %[[R]]#0, %[[R]]#1, %[[R]]#2
func.func @lu(%a: tensor<2x4x4xf64>) -> (tensor<2x4x4xf64>, tensor<2x4x4xf64>, tensor<2x4x4xf64>) {
  %p, %l, %u = nx.lu %a : tensor<2x4x4xf64>
  return %p, %l, %u : tensor<2x4x4xf64>, tensor<2x4x4xf64>, tensor<2x4x4xf64>
}

// -----

// Tests that reduced nx.qr accumulates a complete q and slices the first
// min(m, n) columns of q and rows of r.

// CHECK-LABEL: func.func @qr_reduced
// CHECK: %[[R:[0-9]+]]:3 = scf.for {{.+}} -> (tensor<5x5xf32>, tensor<5x3xf32>, tensor<5xf32>)
// CHECK: math.sqrt
// CHECK: tensor.extract_slice %[[R]]#0[0, 0] [5, 3] [1, 1] : tensor<5x5xf32> to tensor<5x3xf32>
// CHECK: tensor.extract_slice %[[R]]#1[0, 0] [3, 3] [1, 1] : tensor<5x3xf32> to tensor<3x3xf32>
func.func @qr_reduced(%a: tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<3x3xf32>) {
  %q, %r = nx.qr %a : tensor<5x3xf32> -> tensor<5x3xf32>, tensor<3x3xf32>
  return %q, %r : tensor<5x3xf32>, tensor<3x3xf32>
}

// -----

// Tests that complete nx.qr returns the accumulated q and r unsliced.

// CHECK-LABEL: func.func @qr_complete
// CHECK: %[[R:[0-9]+]]:3 = scf.for {{.+}} -> (tensor<2x4x4xf64>, tensor<2x4x3xf64>, tensor<4xf64>)
// CHECK-NOT: tensor.extract_slice
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @qr_complete(%a: tensor<2x4x3xf64>) -> (tensor<2x4x4xf64>, tensor<2x4x3xf64>) {
  %q, %r = nx.qr %a {complete = true} : tensor<2x4x3xf64> -> tensor<2x4x4xf64>, tensor<2x4x3xf64>
  return %q, %r : tensor<2x4x4xf64>, tensor<2x4x3xf64>
}

// -----

// Tests that nx.eigh bounds its Jacobi sweeps by `max_sweeps`, skips a
// sweep once converged (scf.if on the off-diagonal norm) and sorts the
// diagonal into the eigenvalues.

// CHECK-LABEL: func.func @eigh
// CHECK-DAG: %[[MAX:.+]] = arith.constant 7 : index
// CHECK: %[[R:[0-9]+]]:3 = scf.for {{.+}} -> (tensor<2x3x3xf64>, tensor<2x3x3xf64>, tensor<2x3xf64>)
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[MAX]] {{.+}} -> (tensor<2x3x3xf64>, tensor<2x3x3xf64>)
// CHECK: %[[DONE:.+]] = arith.cmpf ole
// CHECK: scf.if %[[DONE]] -> (tensor<2x3x3xf64>, tensor<2x3x3xf64>)
// CHECK: } else {
// CHECK: math.sqrt
// CHECK: arith.cmpf ogt
// CHECK: return %[[R]]#2, %[[R]]#1
func.func @eigh(%a: tensor<2x3x3xf64>) -> (tensor<2x3xf64>, tensor<2x3x3xf64>) {
  %w, %v = nx.eigh %a {max_sweeps = 7 : i64} : tensor<2x3x3xf64> -> tensor<2x3xf64>
  return %w, %v : tensor<2x3xf64>, tensor<2x3x3xf64>
}

// -----

// Tests that nx.svd rotates column pairs until a sweep rotates nothing (an
// i1 carried by the sweep loop), then completes u with an nx.qr that is
// lowered in the same pass, and slices the reduced results.

// CHECK-LABEL: func.func @svd
// CHECK: scf.for {{.+}} -> (tensor<4x3xf64>, tensor<3x3xf64>, i1)
// CHECK: scf.if %{{.+}} -> (tensor<4x3xf64>, tensor<3x3xf64>, i1)
// CHECK: scf.for {{.+}} -> (tensor<3xf64>, tensor<4x3xf64>, tensor<3x3xf64>)
// CHECK-NOT: nx.qr
// CHECK: scf.for {{.+}} -> (tensor<4x4xf64>, tensor<4x3xf64>, tensor<4xf64>)
// CHECK: tensor.extract_slice %{{.+}}[0, 0] [4, 3] [1, 1] : tensor<4x4xf64> to tensor<4x3xf64>
// CHECK: tensor.extract_slice %{{.+}}[0] [3] [1] : tensor<3xf64> to tensor<3xf64>
// CHECK: tensor.extract_slice %{{.+}}[0, 0] [3, 3] [1, 1] : tensor<3x3xf64> to tensor<3x3xf64>
func.func @svd(%a: tensor<4x3xf64>) -> (tensor<4x3xf64>, tensor<3xf64>, tensor<3x3xf64>) {
  %u, %s, %vt = nx.svd %a {full_matrices = false} : tensor<4x3xf64> -> tensor<4x3xf64>, tensor<3xf64>, tensor<3x3xf64>
  return %u, %s, %vt : tensor<4x3xf64>, tensor<3xf64>, tensor<3x3xf64>
}
