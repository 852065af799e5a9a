// RUN: nx-opt %s --split-input-file --verify-diagnostics

// Tests that the combiner must take two 0-d tensors of the element type.
func.func @combiner_args(%x: tensor<4xf32>, %i: tensor<f32>) {
  // expected-error @+1 {{`combiner` must take two arguments of type 'tensor<f32>' but takes ('tensor<f32>')}}
  %0 = nx.reduce %x, %i {axes = array<i64: 0>, keep_axes = false} : tensor<4xf32>, tensor<f32> -> tensor<f32> combiner {
  ^bb0(%e: tensor<f32>):
    nx.yield %e : tensor<f32>
  }
  return
}

// -----

// Tests that the combiner must yield one 0-d tensor of the element type.
func.func @combiner_yield(%x: tensor<4xf32>, %i: tensor<f32>, %v: tensor<2xf32>) {
  // expected-error @+1 {{`combiner` must yield one value of type 'tensor<f32>' but yields ('tensor<2xf32>')}}
  %0 = nx.reduce %x, %i {axes = array<i64: 0>, keep_axes = false} : tensor<4xf32>, tensor<f32> -> tensor<f32> combiner {
  ^bb0(%e: tensor<f32>, %a: tensor<f32>):
    nx.yield %v : tensor<2xf32>
  }
  return
}

// -----

// Tests that nx.reduce checks its result shape against `axes`.
func.func @reduce_shape(%x: tensor<4x3xf32>, %i: tensor<f32>) {
  // expected-error @+1 {{result dim 0 is 4 but expected 3}}
  %0 = nx.reduce %x, %i {axes = array<i64: 0>, keep_axes = false} : tensor<4x3xf32>, tensor<f32> -> tensor<4xf32> combiner {
  ^bb0(%e: tensor<f32>, %a: tensor<f32>):
    nx.yield %e : tensor<f32>
  }
  return
}

// -----

// Tests that nx.reduce needs sorted, distinct axes.
func.func @reduce_axes(%x: tensor<4x3xf32>, %i: tensor<f32>) {
  // expected-error @+1 {{`axes` must be sorted, distinct and below 2}}
  %0 = nx.reduce %x, %i {axes = array<i64: 1, 0>, keep_axes = false} : tensor<4x3xf32>, tensor<f32> -> tensor<f32> combiner {
  ^bb0(%e: tensor<f32>, %a: tensor<f32>):
    nx.yield %e : tensor<f32>
  }
  return
}

// -----

// Tests that nx.window_reduce checks its windows as nx.window_sum does.
func.func @window_reduce_size(%x: tensor<4xf32>, %i: tensor<f32>) {
  // expected-error @+1 {{result dim 0 is 4 but expected 3}}
  %0 = nx.window_reduce %x, %i {window_dimensions = array<i64: 2>, window_strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, window_dilations = array<i64: 1>} : tensor<4xf32>, tensor<f32> -> tensor<4xf32> combiner {
  ^bb0(%e: tensor<f32>, %a: tensor<f32>):
    nx.yield %e : tensor<f32>
  }
  return
}
