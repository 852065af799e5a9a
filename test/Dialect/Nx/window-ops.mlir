// RUN: nx-opt %s | nx-opt | FileCheck %s
// RUN: nx-opt %s --mlir-print-op-generic | nx-opt | FileCheck %s

// Tests that every issue 4 window, convolution, control-flow and bitwise op
// parses, verifies and prints back in its custom form.

// CHECK-LABEL: func.func @bitwise
func.func @bitwise(%x: tensor<4xsi32>, %y: tensor<4xsi32>, %u: tensor<2xui8>) -> tensor<4xsi32> {
  // CHECK: nx.bitwise_and %{{.*}}, %{{.*}} : tensor<4xsi32>
  %0 = nx.bitwise_and %x, %y : tensor<4xsi32>
  // CHECK: nx.bitwise_or
  %1 = nx.bitwise_or %0, %y : tensor<4xsi32>
  // CHECK: nx.bitwise_xor
  %2 = nx.bitwise_xor %1, %y : tensor<4xsi32>
  // CHECK: nx.bitwise_not %{{.*}} : tensor<4xsi32>
  %3 = nx.bitwise_not %2 : tensor<4xsi32>
  // CHECK: nx.left_shift
  %4 = nx.left_shift %3, %y : tensor<4xsi32>
  // CHECK: nx.right_shift
  %5 = nx.right_shift %4, %y : tensor<4xsi32>
  // CHECK: nx.population_count %{{.*}} : tensor<4xsi32>
  %6 = nx.population_count %5 : tensor<4xsi32>
  // CHECK: nx.count_leading_zeros %{{.*}} : tensor<2xui8>
  %7 = nx.count_leading_zeros %u : tensor<2xui8>
  // CHECK: nx.bitcast %{{.*}} : tensor<4xsi32> -> tensor<4xf32>
  %8 = nx.bitcast %6 : tensor<4xsi32> -> tensor<4xf32>
  return %6 : tensor<4xsi32>
}

// CHECK-LABEL: func.func @windows
func.func @windows(%x: tensor<4x6xf32>, %d: tensor<?x6xsi64>) -> (tensor<3x3xf32>, tensor<?x6xsi64>) {
  // CHECK: nx.window_sum %{{.*}} {padding_high = array<i64: 0, 0>, padding_low = array<i64: 0, 0>, window_dilations = array<i64: 1, 1>, window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 1, 2>} : tensor<4x6xf32> -> tensor<3x3xf32>
  %0 = nx.window_sum %x {window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 1, 2>, padding_low = array<i64: 0, 0>, padding_high = array<i64: 0, 0>, window_dilations = array<i64: 1, 1>} : tensor<4x6xf32> -> tensor<3x3xf32>
  // CHECK: nx.window_product
  %1 = nx.window_product %x {window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 1, 2>, padding_low = array<i64: 0, 0>, padding_high = array<i64: 0, 0>, window_dilations = array<i64: 1, 1>} : tensor<4x6xf32> -> tensor<3x3xf32>
  // CHECK: nx.window_max
  %2 = nx.window_max %x {window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 1, 2>, padding_low = array<i64: 1, 0>, padding_high = array<i64: 0, 0>, window_dilations = array<i64: 2, 1>} : tensor<4x6xf32> -> tensor<3x3xf32>
  // CHECK: nx.window_min %{{.*}} : tensor<?x6xsi64> -> tensor<?x6xsi64>
  %3 = nx.window_min %d {window_dimensions = array<i64: 3, 3>, window_strides = array<i64: 1, 1>, padding_low = array<i64: 1, 1>, padding_high = array<i64: 1, 1>, window_dilations = array<i64: 1, 1>} : tensor<?x6xsi64> -> tensor<?x6xsi64>
  return %2, %3 : tensor<3x3xf32>, tensor<?x6xsi64>
}

// CHECK-LABEL: func.func @window_scatter
func.func @window_scatter(%x: tensor<4x6xf32>, %s: tensor<2x2xf32>, %i: tensor<f32>, %u: tensor<?xui8>, %v: tensor<?xui8>, %j: tensor<ui8>) -> (tensor<4x6xf32>, tensor<?xui8>) {
  // CHECK: nx.window_scatter_max %{{.*}}, %{{.*}}, %{{.*}} {padding_high = array<i64: 0, 0>, padding_low = array<i64: 0, 0>, window_dimensions = array<i64: 2, 3>, window_strides = array<i64: 2, 3>} : tensor<4x6xf32>, tensor<2x2xf32>, tensor<f32>
  %0 = nx.window_scatter_max %x, %s, %i {window_dimensions = array<i64: 2, 3>, window_strides = array<i64: 2, 3>, padding_low = array<i64: 0, 0>, padding_high = array<i64: 0, 0>} : tensor<4x6xf32>, tensor<2x2xf32>, tensor<f32>
  // CHECK: nx.window_scatter_min %{{.*}} : tensor<?xui8>, tensor<?xui8>, tensor<ui8>
  %1 = nx.window_scatter_min %u, %v, %j {window_dimensions = array<i64: 3>, window_strides = array<i64: 2>, padding_low = array<i64: 1>, padding_high = array<i64: 1>} : tensor<?xui8>, tensor<?xui8>, tensor<ui8>
  return %0, %1 : tensor<4x6xf32>, tensor<?xui8>
}

// CHECK-LABEL: func.func @conv
func.func @conv(%x: tensor<2x4x9x9xf32>, %w: tensor<6x2x3x3xf32>, %y: tensor<?x3x?xf64>, %v: tensor<5x3x2xf64>) -> (tensor<2x6x5x9xf32>, tensor<?x5x?xf64>) {
  // CHECK: nx.conv %{{.*}}, %{{.*}} {feature_group_size = 2 : i64, input_dilation = array<i64: 1, 1>, kernel_dilation = array<i64: 1, 2>, padding_high = array<i64: 1, 2>, padding_low = array<i64: 1, 2>, strides = array<i64: 2, 1>} : tensor<2x4x9x9xf32>, tensor<6x2x3x3xf32> -> tensor<2x6x5x9xf32>
  %0 = nx.conv %x, %w {strides = array<i64: 2, 1>, padding_low = array<i64: 1, 2>, padding_high = array<i64: 1, 2>, input_dilation = array<i64: 1, 1>, kernel_dilation = array<i64: 1, 2>, feature_group_size = 2} : tensor<2x4x9x9xf32>, tensor<6x2x3x3xf32> -> tensor<2x6x5x9xf32>
  // CHECK: nx.conv %{{.*}}, %{{.*}} {input_dilation = array<i64: 2>, kernel_dilation = array<i64: 1>, padding_high = array<i64: 0>, padding_low = array<i64: -1>, strides = array<i64: 1>} : tensor<?x3x?xf64>, tensor<5x3x2xf64> -> tensor<?x5x?xf64>
  %1 = nx.conv %y, %v {strides = array<i64: 1>, padding_low = array<i64: -1>, padding_high = array<i64: 0>, input_dilation = array<i64: 2>, kernel_dilation = array<i64: 1>} : tensor<?x3x?xf64>, tensor<5x3x2xf64> -> tensor<?x5x?xf64>
  return %0, %1 : tensor<2x6x5x9xf32>, tensor<?x5x?xf64>
}

// CHECK-LABEL: func.func @control
func.func @control(%x: tensor<si32>, %v: tensor<3xf32>, %p: tensor<ui8>) -> (tensor<si32>, tensor<3xf32>) {
  // CHECK: %[[W:.*]]:2 = nx.while(%{{.*}}, %{{.*}}) : (tensor<si32>, tensor<3xf32>) -> (tensor<si32>, tensor<3xf32>) cond {
  // CHECK: ^bb0(%{{.*}}: tensor<si32>, %{{.*}}: tensor<3xf32>):
  // CHECK: nx.yield %{{.*}} : tensor<ui8>
  // CHECK: } body {
  // CHECK: nx.yield %{{.*}}, %{{.*}} : tensor<si32>, tensor<3xf32>
  %r:2 = nx.while (%x, %v) : (tensor<si32>, tensor<3xf32>) -> (tensor<si32>, tensor<3xf32>) cond {
  ^bb0(%s: tensor<si32>, %t: tensor<3xf32>):
    %c = nx.less %s, %x : tensor<si32> -> tensor<ui8>
    nx.yield %c : tensor<ui8>
  } body {
  ^bb0(%s: tensor<si32>, %t: tensor<3xf32>):
    %s1 = nx.add %s, %s : tensor<si32>
    %t1 = nx.exp %t : tensor<3xf32>
    nx.yield %s1, %t1 : tensor<si32>, tensor<3xf32>
  }
  // CHECK: nx.if %{{.*}} : tensor<ui8> -> tensor<3xf32> then {
  // CHECK: } else {
  %i = nx.if %p : tensor<ui8> -> tensor<3xf32> then {
    nx.yield %r#1 : tensor<3xf32>
  } else {
    %n = nx.negate %r#1 : tensor<3xf32>
    nx.yield %n : tensor<3xf32>
  }
  // CHECK: nx.if %{{.*}} : tensor<ui8> then {
  nx.if %p : tensor<ui8> then {
    nx.yield
  } else {
    nx.yield
  }
  return %r#0, %i : tensor<si32>, tensor<3xf32>
}
