// RUN: nx-opt %s | nx-opt | FileCheck %s

// Tests that nx.reduce and nx.window_reduce print and parse back with their
// combiner regions.

// CHECK-LABEL: func.func @reduce
// CHECK: nx.reduce %{{.*}}, %{{.*}} {axes = array<i64: 0, 2>, keep_axes = true} : tensor<2x?x4xf32>, tensor<f32> -> tensor<1x?x1xf32> combiner {
// CHECK: ^bb0(%[[E:.+]]: tensor<f32>, %[[A:.+]]: tensor<f32>):
// CHECK: %[[S:.+]] = nx.add %[[E]], %[[A]] : tensor<f32>
// CHECK: nx.yield %[[S]] : tensor<f32>
func.func @reduce(%x: tensor<2x?x4xf32>, %i: tensor<f32>) -> tensor<1x?x1xf32> {
  %0 = nx.reduce %x, %i {axes = array<i64: 0, 2>, keep_axes = true} : tensor<2x?x4xf32>, tensor<f32> -> tensor<1x?x1xf32> combiner {
  ^bb0(%e: tensor<f32>, %a: tensor<f32>):
    %s = nx.add %e, %a : tensor<f32>
    nx.yield %s : tensor<f32>
  }
  return %0 : tensor<1x?x1xf32>
}

// CHECK-LABEL: func.func @window_reduce
// CHECK: nx.window_reduce %{{.*}}, %{{.*}} {padding_high = array<i64: 0, 1>, padding_low = array<i64: 0, 0>, window_dilations = array<i64: 1, 1>, window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 1, 2>} : tensor<3x4xsi32>, tensor<si32> -> tensor<2x2xsi32> combiner {
// CHECK: nx.max
// CHECK: nx.yield
func.func @window_reduce(%x: tensor<3x4xsi32>, %i: tensor<si32>) -> tensor<2x2xsi32> {
  %0 = nx.window_reduce %x, %i {window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 1, 2>, padding_low = array<i64: 0, 0>, padding_high = array<i64: 0, 1>, window_dilations = array<i64: 1, 1>} : tensor<3x4xsi32>, tensor<si32> -> tensor<2x2xsi32> combiner {
  ^bb0(%e: tensor<si32>, %a: tensor<si32>):
    %m = nx.max %e, %a : tensor<si32>
    nx.yield %m : tensor<si32>
  }
  return %0 : tensor<2x2xsi32>
}
