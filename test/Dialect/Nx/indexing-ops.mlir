// RUN: nx-opt %s | nx-opt | FileCheck %s
// RUN: nx-opt %s --mlir-print-op-generic | nx-opt | FileCheck %s
// RUN: nx-opt %s --canonicalize | FileCheck %s --check-prefix=FOLD

// Tests that every indexing, sort and scan op parses, verifies and prints
// back in its custom form, and that the trivial slices and reversals fold.

// CHECK-LABEL: func.func @slices
func.func @slices(%x: tensor<?x8xf32>, %i: tensor<si32>, %j: tensor<ui8>, %u: tensor<2x?xf32>) -> (tensor<2x3xf32>, tensor<2x2xf32>, tensor<?x8xf32>) {
  // CHECK: nx.slice %{{.*}} {limit_indices = array<i64: 3, 7>, start_indices = array<i64: 1, 0>, strides = array<i64: 1, 3>} : tensor<?x8xf32> -> tensor<2x3xf32>
  %0 = nx.slice %x {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 3, 7>, strides = array<i64: 1, 3>} : tensor<?x8xf32> -> tensor<2x3xf32>
  // CHECK: nx.dynamic_slice %{{.*}}[%{{.*}}, %{{.*}}] {slice_sizes = array<i64: 2, 2>} : tensor<?x8xf32>, [tensor<si32>, tensor<ui8>] -> tensor<2x2xf32>
  %1 = nx.dynamic_slice %x [%i, %j] {slice_sizes = array<i64: 2, 2>} : tensor<?x8xf32>, [tensor<si32>, tensor<ui8>] -> tensor<2x2xf32>
  // CHECK: nx.dynamic_update_slice %{{.*}}, %{{.*}}[%{{.*}}, %{{.*}}] : tensor<?x8xf32>, tensor<2x?xf32>, [tensor<si32>, tensor<ui8>]
  %2 = nx.dynamic_update_slice %x, %u [%i, %j] : tensor<?x8xf32>, tensor<2x?xf32>, [tensor<si32>, tensor<ui8>]
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x2xf32>, tensor<?x8xf32>
}

// CHECK-LABEL: func.func @pad_concat_reverse
func.func @pad_concat_reverse(%x: tensor<3x?xsi32>, %p: tensor<si32>, %y: tensor<2x?xsi32>) -> (tensor<6x?xsi32>, tensor<5x?xsi32>, tensor<3x?xsi32>) {
  // CHECK: nx.pad %{{.*}}, %{{.*}} {high = array<i64: 2, -1>, interior = array<i64: 1, 0>, low = array<i64: -1, 0>} : tensor<3x?xsi32>, tensor<si32> -> tensor<6x?xsi32>
  %0 = nx.pad %x, %p {low = array<i64: -1, 0>, high = array<i64: 2, -1>, interior = array<i64: 1, 0>} : tensor<3x?xsi32>, tensor<si32> -> tensor<6x?xsi32>
  // CHECK: nx.concatenate %{{.*}}, %{{.*}} {axis = 0 : i64} : tensor<3x?xsi32>, tensor<2x?xsi32> -> tensor<5x?xsi32>
  %1 = nx.concatenate %x, %y {axis = 0} : tensor<3x?xsi32>, tensor<2x?xsi32> -> tensor<5x?xsi32>
  // CHECK: nx.reverse %{{.*}} {axes = array<i64: 0, 1>} : tensor<3x?xsi32>
  %2 = nx.reverse %x {axes = array<i64: 0, 1>} : tensor<3x?xsi32>
  return %0, %1, %2 : tensor<6x?xsi32>, tensor<5x?xsi32>, tensor<3x?xsi32>
}

// CHECK-LABEL: func.func @sort_scan
func.func @sort_scan(%x: tensor<4x?xf32>) -> (tensor<4x?xf32>, tensor<4x?xsi64>, tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>) {
  // CHECK: nx.sort %{{.*}} {axis = 1 : i64, descending = true} : tensor<4x?xf32>
  %0 = nx.sort %x {axis = 1, descending = true} : tensor<4x?xf32>
  // CHECK: nx.argsort %{{.*}} {axis = 0 : i64} : tensor<4x?xf32> -> tensor<4x?xsi64>
  %1 = nx.argsort %x {axis = 0} : tensor<4x?xf32> -> tensor<4x?xsi64>
  // CHECK: nx.cumulative_sum %{{.*}} {axis = 1 : i64, reverse = true} : tensor<4x?xf32>
  %2 = nx.cumulative_sum %x {axis = 1, reverse = true} : tensor<4x?xf32>
  // CHECK: nx.cumulative_product %{{.*}} {axis = 0 : i64} : tensor<4x?xf32>
  %3 = nx.cumulative_product %x {axis = 0} : tensor<4x?xf32>
  // CHECK: nx.cumulative_max
  %4 = nx.cumulative_max %x {axis = 0} : tensor<4x?xf32>
  // CHECK: nx.cumulative_min
  %5 = nx.cumulative_min %x {axis = 1} : tensor<4x?xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4x?xf32>, tensor<4x?xsi64>, tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>
}

// CHECK-LABEL: func.func @gather_scatter
func.func @gather_scatter(%x: tensor<4x3xf32>, %i: tensor<5x1xui8>, %u: tensor<5x2xf32>) -> (tensor<5x3xf32>, tensor<4x3xf32>) {
  // CHECK: nx.gather %{{.*}}, %{{.*}} {axes = array<i64: 0>} : tensor<4x3xf32>, tensor<5x1xui8> -> tensor<5x3xf32>
  %0 = nx.gather %x, %i {axes = array<i64: 0>} : tensor<4x3xf32>, tensor<5x1xui8> -> tensor<5x3xf32>
  // CHECK: nx.scatter %{{.*}}, %{{.*}}, %{{.*}} {axes = array<i64: 0>, mode = "add"} : tensor<4x3xf32>, tensor<5x1xui8>, tensor<5x2xf32>
  %1 = nx.scatter %x, %i, %u {axes = array<i64: 0>, mode = "add"} : tensor<4x3xf32>, tensor<5x1xui8>, tensor<5x2xf32>
  return %0, %1 : tensor<5x3xf32>, tensor<4x3xf32>
}

// FOLD-LABEL: func.func @folds
// FOLD-SAME: (%[[X:.+]]: tensor<1x3xf32>)
// FOLD-NOT: nx.slice
// FOLD: %[[R:.+]] = nx.reverse %[[X]] {axes = array<i64: 1>}
// FOLD-NOT: nx.reverse
// FOLD: return %[[X]], %[[X]], %[[R]]
func.func @folds(%x: tensor<1x3xf32>) -> (tensor<1x3xf32>, tensor<1x3xf32>, tensor<1x3xf32>) {
  %0 = nx.slice %x {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 3>, strides = array<i64: 1, 1>} : tensor<1x3xf32> -> tensor<1x3xf32>
  %1 = nx.reverse %x {axes = array<i64: 0>} : tensor<1x3xf32>
  %2 = nx.reverse %x {axes = array<i64: 1>} : tensor<1x3xf32>
  return %0, %1, %2 : tensor<1x3xf32>, tensor<1x3xf32>, tensor<1x3xf32>
}
