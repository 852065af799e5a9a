// RUN: nx-opt %s --split-input-file --verify-diagnostics

// Tests that a window reduction needs one `window_dimensions` entry per
// operand dim.
func.func @window_dims_count(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expected 2 `window_dimensions` entries, one per operand dim, but got 1}}
  %0 = nx.window_sum %x {window_dimensions = array<i64: 2>, window_strides = array<i64: 1, 1>, padding_low = array<i64: 0, 0>, padding_high = array<i64: 0, 0>, window_dilations = array<i64: 1, 1>} : tensor<4x4xf32> -> tensor<3x3xf32>
  return
}

// -----

// Tests that window strides are positive.
func.func @window_stride_zero(%x: tensor<4xf32>) {
  // expected-error @+1 {{`window_strides` entries must be at least 1 but got 0}}
  %0 = nx.window_max %x {window_dimensions = array<i64: 2>, window_strides = array<i64: 0>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, window_dilations = array<i64: 1>} : tensor<4xf32> -> tensor<3xf32>
  return
}

// -----

// Tests that window padding is not negative.
func.func @window_negative_padding(%x: tensor<4xf32>) {
  // expected-error @+1 {{`padding_low` entries must be at least 0 but got -1}}
  %0 = nx.window_min %x {window_dimensions = array<i64: 2>, window_strides = array<i64: 1>, padding_low = array<i64: -1>, padding_high = array<i64: 0>, window_dilations = array<i64: 1>} : tensor<4xf32> -> tensor<2xf32>
  return
}

// -----

// Tests that a window reduction keeps the operand's rank.
func.func @window_rank(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expected a result of rank 2 but got 1}}
  %0 = nx.window_product %x {window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 1, 1>, padding_low = array<i64: 0, 0>, padding_high = array<i64: 0, 0>, window_dilations = array<i64: 1, 1>} : tensor<4x4xf32> -> tensor<9xf32>
  return
}

// -----

// Tests that the dilated window must fit in the padded operand.
func.func @window_too_big(%x: tensor<4xf32>) {
  // expected-error @+1 {{window of 5 elements does not fit in padded dim 0 of size 4}}
  %0 = nx.window_sum %x {window_dimensions = array<i64: 3>, window_strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, window_dilations = array<i64: 2>} : tensor<4xf32> -> tensor<1xf32>
  return
}

// -----

// Tests that a window reduction's result dims are the window counts.
func.func @window_result_dim(%x: tensor<4x7xf32>) {
  // expected-error @+1 {{result dim 1 is 4 but expected 3}}
  %0 = nx.window_sum %x {window_dimensions = array<i64: 1, 2>, window_strides = array<i64: 1, 3>, padding_low = array<i64: 0, 1>, padding_high = array<i64: 0, 0>, window_dilations = array<i64: 1, 1>} : tensor<4x7xf32> -> tensor<4x4xf32>
  return
}

// -----

// Tests that a window scatter's source has the operand's rank.
func.func @scatter_source_rank(%x: tensor<4x6xf32>, %s: tensor<4xf32>, %i: tensor<f32>) {
  // expected-error @+1 {{expected a `source` of rank 2 but got 1}}
  %0 = nx.window_scatter_max %x, %s, %i {window_dimensions = array<i64: 2, 3>, window_strides = array<i64: 2, 3>, padding_low = array<i64: 0, 0>, padding_high = array<i64: 0, 0>} : tensor<4x6xf32>, tensor<4xf32>, tensor<f32>
  return
}

// -----

// Tests that a window scatter's source has one element per window.
func.func @scatter_source_dims(%x: tensor<4x6xf32>, %s: tensor<2x3xf32>, %i: tensor<f32>) {
  // expected-error @+1 {{`source` dim 1 is 3 but there are 2 windows along it}}
  %0 = nx.window_scatter_min %x, %s, %i {window_dimensions = array<i64: 2, 3>, window_strides = array<i64: 2, 3>, padding_low = array<i64: 0, 0>, padding_high = array<i64: 0, 0>} : tensor<4x6xf32>, tensor<2x3xf32>, tensor<f32>
  return
}

// -----

// Tests that a window scatter's window must fit in the padded operand.
func.func @scatter_window(%x: tensor<4xf32>, %s: tensor<1xf32>, %i: tensor<f32>) {
  // expected-error @+1 {{window of 6 elements does not fit in padded dim 0 of size 5}}
  %0 = nx.window_scatter_max %x, %s, %i {window_dimensions = array<i64: 6>, window_strides = array<i64: 1>, padding_low = array<i64: 1>, padding_high = array<i64: 0>} : tensor<4xf32>, tensor<1xf32>, tensor<f32>
  return
}

// -----

// Tests that a window scatter's padding is not negative.
func.func @scatter_padding(%x: tensor<4xf32>, %s: tensor<3xf32>, %i: tensor<f32>) {
  // expected-error @+1 {{`padding_high` entries must be at least 0 but got -1}}
  %0 = nx.window_scatter_max %x, %s, %i {window_dimensions = array<i64: 1>, window_strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: -1>} : tensor<4xf32>, tensor<3xf32>, tensor<f32>
  return
}

// -----

// Tests that conv takes input and kernel of one rank with 1 to 3 spatial
// dims.
func.func @conv_rank(%x: tensor<1x2x5xf32>, %w: tensor<1x2x3x3xf32>) {
  // expected-error @+1 {{expected `input` and `kernel` of equal rank 3 to 5 (1 to 3 spatial dims) but got 3 and 4}}
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>} : tensor<1x2x5xf32>, tensor<1x2x3x3xf32> -> tensor<1x1x3xf32>
  return
}

// -----

// Tests that conv needs one `strides` entry per spatial dim.
func.func @conv_strides_count(%x: tensor<1x2x5xf32>, %w: tensor<1x2x3xf32>) {
  // expected-error @+1 {{expected 1 `strides` entries, one per spatial dim, but got 2}}
  %0 = nx.conv %x, %w {strides = array<i64: 1, 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>} : tensor<1x2x5xf32>, tensor<1x2x3xf32> -> tensor<1x1x3xf32>
  return
}

// -----

// Tests that conv dilations are positive.
func.func @conv_dilation_zero(%x: tensor<1x2x5xf32>, %w: tensor<1x2x3xf32>) {
  // expected-error @+1 {{`kernel_dilation` entries must be at least 1 but got 0}}
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 0>} : tensor<1x2x5xf32>, tensor<1x2x3xf32> -> tensor<1x1x3xf32>
  return
}

// -----

// Tests that conv group sizes are positive.
func.func @conv_group_zero(%x: tensor<1x2x5xf32>, %w: tensor<1x2x3xf32>) {
  // expected-error @+1 {{`feature_group_size` and `batch_group_size` must be at least 1 but got 0 and 1}}
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>, feature_group_size = 0} : tensor<1x2x5xf32>, tensor<1x2x3xf32> -> tensor<1x1x3xf32>
  return
}

// -----

// Tests that conv does not group features and batches at once.
func.func @conv_both_groups(%x: tensor<2x4x5xf32>, %w: tensor<2x2x3xf32>) {
  // expected-error @+1 {{either `feature_group_size` or `batch_group_size` must be 1 but got 2 and 2}}
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>, feature_group_size = 2, batch_group_size = 2} : tensor<2x4x5xf32>, tensor<2x2x3xf32> -> tensor<1x2x3xf32>
  return
}

// -----

// Tests that the input channels are the kernel's per-group channels times
// the feature groups.
func.func @conv_channels(%x: tensor<1x4x5xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @+1 {{input has 4 channels but the kernel has 3 per feature group times 1 groups}}
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>} : tensor<1x4x5xf32>, tensor<2x3x3xf32> -> tensor<1x2x3xf32>
  return
}

// -----

// Tests that feature groups divide the kernel's output channels.
func.func @conv_feature_groups(%x: tensor<1x4x5xf32>, %w: tensor<5x2x3xf32>) {
  // expected-error @+1 {{kernel output channel count 5 is not a multiple of `feature_group_size` 2}}
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>, feature_group_size = 2} : tensor<1x4x5xf32>, tensor<5x2x3xf32> -> tensor<1x5x3xf32>
  return
}

// -----

// Tests that batch groups divide the kernel's output channels.
func.func @conv_batch_groups_channels(%x: tensor<4x2x5xf32>, %w: tensor<3x2x3xf32>) {
  // expected-error @+1 {{kernel output channel count 3 is not a multiple of `batch_group_size` 2}}
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>, batch_group_size = 2} : tensor<4x2x5xf32>, tensor<3x2x3xf32> -> tensor<2x3x3xf32>
  return
}

// -----

// Tests that batch groups divide the input batch.
func.func @conv_batch_groups(%x: tensor<3x2x5xf32>, %w: tensor<2x2x3xf32>) {
  // expected-error @+1 {{input batch size 3 is not a multiple of `batch_group_size` 2}}
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>, batch_group_size = 2} : tensor<3x2x5xf32>, tensor<2x2x3xf32> -> tensor<1x2x3xf32>
  return
}

// -----

// Tests that conv keeps the input's rank.
func.func @conv_result_rank(%x: tensor<1x2x5xf32>, %w: tensor<1x2x3xf32>) {
  // expected-error @+1 {{expected a result of rank 3 but got 2}}
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>} : tensor<1x2x5xf32>, tensor<1x2x3xf32> -> tensor<1x3xf32>
  return
}

// -----

// Tests that conv's result batch is the input batch over the batch groups.
func.func @conv_result_batch(%x: tensor<4x1x5xf32>, %w: tensor<2x1x3xf32>) {
  // expected-error @+1 {{result dim 0 is 4 but expected 2}}
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>, batch_group_size = 2} : tensor<4x1x5xf32>, tensor<2x1x3xf32> -> tensor<4x2x3xf32>
  return
}

// -----

// Tests that the dilated kernel must fit in the padded, dilated input.
func.func @conv_window(%x: tensor<1x1x3xf32>, %w: tensor<1x1x3xf32>) {
  // expected-error @+1 {{kernel window of 5 elements does not fit in padded spatial dim 0 of size 4}}
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 2>, padding_high = array<i64: -1>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 2>} : tensor<1x1x3xf32>, tensor<1x1x3xf32> -> tensor<1x1x1xf32>
  return
}

// -----

// Tests that nx.while's results have the state's types.
func.func @while_results(%x: tensor<si32>) {
  // expected-error @+1 {{result types ('tensor<si64>') differ from the state types ('tensor<si32>')}}
  %0 = nx.while (%x) : (tensor<si32>) -> tensor<si64> cond {
  ^bb0(%s: tensor<si32>):
    %c = nx.constant dense<1> : tensor<ui8>
    nx.yield %c : tensor<ui8>
  } body {
  ^bb0(%s: tensor<si32>):
    nx.yield %s : tensor<si32>
  }
  return
}

// -----

// Tests that nx.while's regions take the state as block arguments.
func.func @while_block_args(%x: tensor<si32>) {
  // expected-error @+1 {{`body` block argument types ('tensor<f32>') differ from the state types ('tensor<si32>')}}
  %0 = nx.while (%x) : (tensor<si32>) -> tensor<si32> cond {
  ^bb0(%s: tensor<si32>):
    %c = nx.constant dense<1> : tensor<ui8>
    nx.yield %c : tensor<ui8>
  } body {
  ^bb0(%s: tensor<f32>):
    nx.yield %x : tensor<si32>
  }
  return
}

// -----

// Tests that nx.while's cond yields one 0-d integer tensor.
func.func @while_cond(%x: tensor<si32>) {
  // expected-error @+1 {{`cond` must yield one 0-d integer tensor but yields ('tensor<2xui8>')}}
  %0 = nx.while (%x) : (tensor<si32>) -> tensor<si32> cond {
  ^bb0(%s: tensor<si32>):
    %c = nx.constant dense<1> : tensor<2xui8>
    nx.yield %c : tensor<2xui8>
  } body {
  ^bb0(%s: tensor<si32>):
    nx.yield %s : tensor<si32>
  }
  return
}

// -----

// Tests that nx.while's body yields the next state.
func.func @while_body_yield(%x: tensor<si32>) {
  // expected-error @+1 {{`body` yields 0 values of types () but expected ('tensor<si32>')}}
  %0 = nx.while (%x) : (tensor<si32>) -> tensor<si32> cond {
  ^bb0(%s: tensor<si32>):
    %c = nx.constant dense<1> : tensor<ui8>
    nx.yield %c : tensor<ui8>
  } body {
  ^bb0(%s: tensor<si32>):
    nx.yield
  }
  return
}

// -----

// Tests that nx.while's cond ends with nx.yield.
func.func @while_cond_terminator(%x: tensor<si32>) {
  // expected-error @+1 {{`cond` must end with `nx.yield`}}
  %0 = nx.while (%x) : (tensor<si32>) -> tensor<si32> cond {
  ^bb0(%s: tensor<si32>):
    func.return
  } body {
  ^bb0(%s: tensor<si32>):
    nx.yield %s : tensor<si32>
  }
  return
}

// -----

// Tests that both branches of nx.if yield the result types.
func.func @if_yield(%p: tensor<ui8>, %x: tensor<si32>) {
  // expected-error @+1 {{`else_region` yields 0 values of types () but expected ('tensor<si32>')}}
  %0 = nx.if %p : tensor<ui8> -> tensor<si32> then {
    nx.yield %x : tensor<si32>
  } else {
    nx.yield
  }
  return
}

// -----

// Tests that nx.if's regions end with nx.yield.
func.func @if_terminator(%p: tensor<ui8>) {
  // expected-error @+1 {{`then_region` must end with `nx.yield`}}
  nx.if %p : tensor<ui8> then {
    func.return
  } else {
    nx.yield
  }
  return
}

// -----

// Tests that bitcast keeps the bit width.
func.func @bitcast_width(%x: tensor<3xsi16>) {
  // expected-error @+1 {{element types 'si16' and 'f32' differ in bit width (16 vs 32)}}
  %0 = nx.bitcast %x : tensor<3xsi16> -> tensor<3xf32>
  return
}
