// RUN: nx-opt %s --nx-to-linalg --split-input-file --verify-diagnostics | FileCheck %s

// Tests that nx.reduce becomes a generic reducing the operand into a result
// filled with the init value, the combiner inlined as scalar code: the
// element is the input block argument, the accumulator the output one.

// CHECK-LABEL: func.func @reduce_product
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xi32>, %[[I:.+]]: tensor<i32>)
// CHECK: %[[INIT:.+]] = tensor.extract %[[I]][] : tensor<i32>
// CHECK: %[[FILL:.+]] = linalg.fill ins(%[[INIT]] : i32) outs(%{{.+}} : tensor<2xi32>)
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "reduction"]
// CHECK-SAME: ins(%[[X]] : tensor<2x3xi32>) outs(%[[FILL]] : tensor<2xi32>)
// CHECK: ^bb0(%[[E:.+]]: i32, %[[A:.+]]: i32):
// CHECK: %[[M:.+]] = arith.muli %[[E]], %[[A]] : i32
// CHECK: linalg.yield %[[M]] : i32
func.func @reduce_product(%x: tensor<2x3xsi32>, %i: tensor<si32>) -> tensor<2xsi32> {
  %0 = nx.reduce %x, %i {axes = array<i64: 1>, keep_axes = false} : tensor<2x3xsi32>, tensor<si32> -> tensor<2xsi32> combiner {
  ^bb0(%e: tensor<si32>, %a: tensor<si32>):
    %m = nx.multiply %e, %a : tensor<si32>
    nx.yield %m : tensor<si32>
  }
  return %0 : tensor<2xsi32>
}

// -----

// Tests that kept axes are read at 0 by the output map, that 0-d constants
// become arith constants and that a 0-d tensor from above the op is
// extracted once before the generic.

// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @reduce_keep_capture
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>, %[[S:.+]]: tensor<f32>)
// CHECK: %[[SV:.+]] = tensor.extract %[[S]][] : tensor<f32>
// CHECK: linalg.generic
// CHECK-SAME: #[[OUT]]
// CHECK-SAME: iterator_types = ["reduction", "parallel"]
// CHECK: ^bb0(%[[E:.+]]: f32, %[[A:.+]]: f32):
// CHECK: %[[TWO:.+]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[M:.+]] = arith.mulf %[[E]], %[[SV]] : f32
// CHECK: %[[P:.+]] = arith.mulf %[[M]], %[[TWO]] : f32
// CHECK: %[[R:.+]] = arith.maximumf %[[P]], %[[A]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @reduce_keep_capture(%x: tensor<2x3xf32>, %s: tensor<f32>) -> tensor<1x3xf32> {
  %init = nx.constant dense<0.0> : tensor<f32>
  %0 = nx.reduce %x, %init {axes = array<i64: 0>, keep_axes = true} : tensor<2x3xf32>, tensor<f32> -> tensor<1x3xf32> combiner {
  ^bb0(%e: tensor<f32>, %a: tensor<f32>):
    %two = nx.constant dense<2.0> : tensor<f32>
    %m = nx.multiply %e, %s : tensor<f32>
    %p = nx.multiply %m, %two : tensor<f32>
    %r = nx.max %p, %a : tensor<f32>
    nx.yield %r : tensor<f32>
  }
  return %0 : tensor<1x3xf32>
}

// -----

// Tests that nx.window_reduce pads with the init value and reduces each
// window with the combiner as body.

// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1) -> (d0 * 2 + d1)>
// CHECK-LABEL: func.func @window_reduce
// CHECK-SAME: (%[[X:.+]]: tensor<5xi64>, %[[I:.+]]: tensor<i64>)
// CHECK: %[[INIT:.+]] = tensor.extract %[[I]][] : tensor<i64>
// CHECK: %[[PAD:.+]] = tensor.pad %[[X]] low[1] high[0]
// CHECK: tensor.yield %[[INIT]] : i64
// CHECK: %[[FILL:.+]] = linalg.fill ins(%[[INIT]] : i64) outs(%{{.+}} : tensor<3xi64>)
// CHECK: linalg.generic
// CHECK-SAME: #[[IN]]
// CHECK-SAME: iterator_types = ["parallel", "reduction"]
// CHECK-SAME: ins(%[[PAD]], %{{.+}} : tensor<6xi64>, tensor<2xi64>) outs(%[[FILL]] : tensor<3xi64>)
// CHECK: ^bb0(%[[E:.+]]: i64, %{{.+}}: i64, %[[A:.+]]: i64):
// CHECK: arith.addi %[[E]], %[[A]] : i64
func.func @window_reduce(%x: tensor<5xsi64>, %i: tensor<si64>) -> tensor<3xsi64> {
  %0 = nx.window_reduce %x, %i {window_dimensions = array<i64: 2>, window_strides = array<i64: 2>, padding_low = array<i64: 1>, padding_high = array<i64: 0>, window_dilations = array<i64: 1>} : tensor<5xsi64>, tensor<si64> -> tensor<3xsi64> combiner {
  ^bb0(%e: tensor<si64>, %a: tensor<si64>):
    %s = nx.add %e, %a : tensor<si64>
    nx.yield %s : tensor<si64>
  }
  return %0 : tensor<3xsi64>
}

// -----

// Tests that bitwise ops in a combiner get their scalar bodies too.

// CHECK-LABEL: func.func @reduce_bitwise
// CHECK: ^bb0(%[[E:.+]]: i32, %[[A:.+]]: i32):
// CHECK: %[[R:.+]] = arith.andi %[[E]], %[[A]] : i32
// CHECK: linalg.yield %[[R]] : i32
func.func @reduce_bitwise(%x: tensor<4xsi32>, %i: tensor<si32>) -> tensor<si32> {
  %0 = nx.reduce %x, %i {axes = array<i64: 0>, keep_axes = false} : tensor<4xsi32>, tensor<si32> -> tensor<si32> combiner {
  ^bb0(%e: tensor<si32>, %a: tensor<si32>):
    %s = nx.bitwise_and %e, %a : tensor<si32>
    nx.yield %s : tensor<si32>
  }
  return %0 : tensor<si32>
}

// -----

// Tests that a combiner op without a scalar form is reported.

func.func @combiner_not_scalar(%x: tensor<4xf32>, %i: tensor<f32>) -> tensor<f32> {
  // expected-error @+2 {{cannot lower `nx.bitcast` inside the combiner}}
  // expected-error @+1 {{failed to legalize operation 'nx.reduce'}}
  %0 = nx.reduce %x, %i {axes = array<i64: 0>, keep_axes = false} : tensor<4xf32>, tensor<f32> -> tensor<f32> combiner {
  ^bb0(%e: tensor<f32>, %a: tensor<f32>):
    %b = nx.bitcast %e : tensor<f32> -> tensor<f32>
    nx.yield %b : tensor<f32>
  }
  return %0 : tensor<f32>
}
