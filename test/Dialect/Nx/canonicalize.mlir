// RUN: nx-opt %s --canonicalize --split-input-file | FileCheck %s

// Tests that a convert to the operand's own type folds away.

// CHECK-LABEL: func.func @convert_same_type
// CHECK-SAME: (%[[X:.+]]: tensor<4xsi32>)
// CHECK-NEXT: return %[[X]] : tensor<4xsi32>
func.func @convert_same_type(%x: tensor<4xsi32>) -> tensor<4xsi32> {
  %0 = nx.convert %x : tensor<4xsi32> -> tensor<4xsi32>
  return %0 : tensor<4xsi32>
}

// -----

// Tests that an identity transpose folds away and a real one stays.

// CHECK-LABEL: func.func @transpose_identity
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[T:.+]] = nx.transpose %[[X]] {permutation = array<i64: 1, 0>}
// CHECK: return %[[X]], %[[T]]
func.func @transpose_identity(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3x2xf32>) {
  %0 = nx.transpose %x {permutation = array<i64: 0, 1>} : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = nx.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<3x2xf32>
}

// -----

// Tests that unused nx ops are erased (they are pure) and constants are kept
// when used.

// CHECK-LABEL: func.func @dead
// CHECK-NEXT: %[[C:.+]] = nx.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: return %[[C]]
func.func @dead(%x: tensor<f32>) -> tensor<f32> {
  %0 = nx.exp %x : tensor<f32>
  %c = nx.constant dense<2.0> : tensor<f32>
  return %c : tensor<f32>
}
