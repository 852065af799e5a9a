// RUN: nx-opt %s | nx-opt | FileCheck %s
// RUN: nx-opt %s --mlir-print-op-generic | nx-opt | FileCheck %s

// Tests that every Nx.LinAlg op parses, verifies and prints back in its
// custom form, with static, dynamic and batched shapes.

// CHECK-LABEL: func.func @cholesky
func.func @cholesky(%a: tensor<3x3xf32>, %b: tensor<?x2x?x?xf64>) -> (tensor<3x3xf32>, tensor<?x2x?x?xf64>) {
  // CHECK: nx.cholesky %{{.*}} : tensor<3x3xf32>
  %0 = nx.cholesky %a : tensor<3x3xf32>
  // CHECK: nx.cholesky %{{.*}} : tensor<?x2x?x?xf64>
  %1 = nx.cholesky %b : tensor<?x2x?x?xf64>
  return %0, %1 : tensor<3x3xf32>, tensor<?x2x?x?xf64>
}

// CHECK-LABEL: func.func @triangular_solve
func.func @triangular_solve(%a: tensor<2x3x3xf32>, %b: tensor<2x3x4xf32>, %c: tensor<2x4x3xf32>, %v: tensor<2x3xf32>, %d: tensor<?x?xf64>, %e: tensor<?xf64>) {
  // CHECK: nx.triangular_solve %{{.*}}, %{{.*}} : tensor<2x3x3xf32>, tensor<2x3x4xf32>
  %0 = nx.triangular_solve %a, %b : tensor<2x3x3xf32>, tensor<2x3x4xf32>
  // CHECK: nx.triangular_solve %{{.*}}, %{{.*}} {left_side = false, lower = false, transform_a = 1 : i64} : tensor<2x3x3xf32>, tensor<2x4x3xf32>
  %1 = nx.triangular_solve %a, %c {left_side = false, lower = false, transform_a = 1 : i64} : tensor<2x3x3xf32>, tensor<2x4x3xf32>
  // CHECK: nx.triangular_solve %{{.*}}, %{{.*}} : tensor<2x3x3xf32>, tensor<2x3xf32>
  %2 = nx.triangular_solve %a, %v : tensor<2x3x3xf32>, tensor<2x3xf32>
  // CHECK: nx.triangular_solve %{{.*}}, %{{.*}} {left_side = false} : tensor<?x?xf64>, tensor<?xf64>
  %3 = nx.triangular_solve %d, %e {left_side = false} : tensor<?x?xf64>, tensor<?xf64>
  return
}

// CHECK-LABEL: func.func @lu
func.func @lu(%a: tensor<2x4x4xf64>, %b: tensor<?x?xf32>) {
  // CHECK: = nx.lu %{{.*}} : tensor<2x4x4xf64>
  %p, %l, %u = nx.lu %a : tensor<2x4x4xf64>
  // CHECK: = nx.lu %{{.*}} : tensor<?x?xf32>
  %p2, %l2, %u2 = nx.lu %b : tensor<?x?xf32>
  return
}

// CHECK-LABEL: func.func @qr
func.func @qr(%a: tensor<4x3xf32>, %b: tensor<2x3x5xf64>, %c: tensor<?x?xf32>) {
  // CHECK: nx.qr %{{.*}} : tensor<4x3xf32> -> tensor<4x3xf32>, tensor<3x3xf32>
  %q, %r = nx.qr %a : tensor<4x3xf32> -> tensor<4x3xf32>, tensor<3x3xf32>
  // CHECK: nx.qr %{{.*}} {complete = true} : tensor<4x3xf32> -> tensor<4x4xf32>, tensor<4x3xf32>
  %q1, %r1 = nx.qr %a {complete = true} : tensor<4x3xf32> -> tensor<4x4xf32>, tensor<4x3xf32>
  // CHECK: nx.qr %{{.*}} : tensor<2x3x5xf64> -> tensor<2x3x3xf64>, tensor<2x3x5xf64>
  %q2, %r2 = nx.qr %b : tensor<2x3x5xf64> -> tensor<2x3x3xf64>, tensor<2x3x5xf64>
  // CHECK: nx.qr %{{.*}} : tensor<?x?xf32> -> tensor<?x?xf32>, tensor<?x?xf32>
  %q3, %r3 = nx.qr %c : tensor<?x?xf32> -> tensor<?x?xf32>, tensor<?x?xf32>
  return
}

// CHECK-LABEL: func.func @eigh
func.func @eigh(%a: tensor<3x3xf64>, %b: tensor<?x4x4xf32>, %c: tensor<?x?xf32>) {
  // CHECK: nx.eigh %{{.*}} : tensor<3x3xf64> -> tensor<3xf64>
  %w, %v = nx.eigh %a : tensor<3x3xf64> -> tensor<3xf64>
  // CHECK: nx.eigh %{{.*}} {max_sweeps = 10 : i64} : tensor<?x4x4xf32> -> tensor<?x4xf32>
  %w1, %v1 = nx.eigh %b {max_sweeps = 10 : i64} : tensor<?x4x4xf32> -> tensor<?x4xf32>
  // CHECK: nx.eigh %{{.*}} : tensor<?x?xf32> -> tensor<?xf32>
  %w2, %v2 = nx.eigh %c : tensor<?x?xf32> -> tensor<?xf32>
  return
}

// CHECK-LABEL: func.func @svd
func.func @svd(%a: tensor<4x3xf32>, %b: tensor<2x3x5xf64>, %c: tensor<?x?xf32>) {
  // CHECK: nx.svd %{{.*}} : tensor<4x3xf32> -> tensor<4x4xf32>, tensor<3xf32>, tensor<3x3xf32>
  %u, %s, %vt = nx.svd %a : tensor<4x3xf32> -> tensor<4x4xf32>, tensor<3xf32>, tensor<3x3xf32>
  // CHECK: nx.svd %{{.*}} {full_matrices = false, max_sweeps = 20 : i64} : tensor<2x3x5xf64> -> tensor<2x3x3xf64>, tensor<2x3xf64>, tensor<2x3x5xf64>
  %u1, %s1, %vt1 = nx.svd %b {full_matrices = false, max_sweeps = 20 : i64} : tensor<2x3x5xf64> -> tensor<2x3x3xf64>, tensor<2x3xf64>, tensor<2x3x5xf64>
  // CHECK: nx.svd %{{.*}} : tensor<?x?xf32> -> tensor<?x?xf32>, tensor<?xf32>, tensor<?x?xf32>
  %u2, %s2, %vt2 = nx.svd %c : tensor<?x?xf32> -> tensor<?x?xf32>, tensor<?xf32>, tensor<?x?xf32>
  return
}
