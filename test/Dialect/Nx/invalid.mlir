// RUN: nx-opt %s --split-input-file --verify-diagnostics

// Tests that broadcast_in_dim needs one `dims` entry per operand dim.
func.func @broadcast_dims_count(%x: tensor<3xf32>) {
  // expected-error @+1 {{expected 1 `dims` entries, one per operand dim, but got 2}}
  %0 = nx.broadcast_in_dim %x {dims = array<i64: 0, 1>} : tensor<3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Tests that broadcast_in_dim rejects a `dims` entry outside the result.
func.func @broadcast_dims_range(%x: tensor<3xf32>) {
  // expected-error @+1 {{`dims` entry 2 is out of range for a result of rank 2}}
  %0 = nx.broadcast_in_dim %x {dims = array<i64: 2>} : tensor<3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Tests that broadcast_in_dim rejects a repeated `dims` entry.
func.func @broadcast_dims_twice(%x: tensor<3x3xf32>) {
  // expected-error @+1 {{`dims` entry 1 appears twice}}
  %0 = nx.broadcast_in_dim %x {dims = array<i64: 1, 1>} : tensor<3x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Tests that broadcast_in_dim only expands static size-1 dims.
func.func @broadcast_incompatible(%x: tensor<3xf32>) {
  // expected-error @+1 {{operand dim 0 of size 3 cannot be broadcast to result dim 1 of size 4}}
  %0 = nx.broadcast_in_dim %x {dims = array<i64: 1>} : tensor<3xf32> -> tensor<2x4xf32>
  return
}

// -----

// Tests that broadcast_in_dim takes one index operand per dynamic result dim.
func.func @broadcast_dynamic_sizes(%x: tensor<3xf32>) {
  // expected-error @+1 {{expected 1 `index` operands, one per dynamic result dim, but got 0}}
  %0 = nx.broadcast_in_dim %x {dims = array<i64: 1>} : tensor<3xf32> -> tensor<?x3xf32>
  return
}

// -----

// Tests that reshape keeps the element count.
func.func @reshape_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{operand has 6 elements but result has 8}}
  %0 = nx.reshape %x : tensor<2x3xf32> -> tensor<2x4xf32>
  return
}

// -----

// Tests that transpose needs operand, result and permutation of equal rank.
func.func @transpose_rank(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{expected `permutation`, operand and result of equal rank but got 1, 2 and 2}}
  %0 = nx.transpose %x {permutation = array<i64: 0>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Tests that transpose needs a permutation.
func.func @transpose_not_permutation(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{`permutation` is not a permutation of 0..1}}
  %0 = nx.transpose %x {permutation = array<i64: 0, 0>} : tensor<2x3xf32> -> tensor<2x2xf32>
  return
}

// -----

// Tests that transpose checks the permuted result shape.
func.func @transpose_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result dim 0 is 2 but operand dim 1 is 3}}
  %0 = nx.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Tests that a sum keeps its element type.
func.func @reduce_element_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result element type 'f64' differs from operand element type 'f32'}}
  %0 = nx.reduce_sum %x {axes = array<i64: 1>} : tensor<2x3xf32> -> tensor<2xf64>
  return
}

// -----

// Tests that reduction axes are in range.
func.func @reduce_axis_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{`axes` entry 2 is out of range for rank 2}}
  %0 = nx.reduce_max %x {axes = array<i64: 2>} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

// Tests that reduction axes are sorted and unique.
func.func @reduce_axes_sorted(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{`axes` must be sorted and unique}}
  %0 = nx.reduce_min %x {axes = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<f32>
  return
}

// -----

// Tests that keep_axes keeps the rank.
func.func @reduce_rank(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{expected a result of rank 2 but got 1}}
  %0 = nx.reduce_sum %x {axes = array<i64: 1>, keep_axes = true} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

// Tests that a kept axis has size 1.
func.func @reduce_dim(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result dim 1 is 3 but expected 1}}
  %0 = nx.reduce_sum %x {axes = array<i64: 1>, keep_axes = true} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Tests that reduce_all produces ui8.
func.func @reduce_all_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 8-bit unsigned integer values}}
  %0 = nx.reduce_all %x {axes = array<i64: 1>} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

// Tests that argmax's axis is in range.
func.func @argmax_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{`axis` entry 2 is out of range for rank 2}}
  %0 = nx.argmax %x {axis = 2} : tensor<2x3xf32> -> tensor<2xsi64>
  return
}

// -----

// Tests that argmin drops its axis unless keep_axis.
func.func @argmin_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result dim 0 is 3 but expected 2}}
  %0 = nx.argmin %x {axis = 1} : tensor<2x3xf32> -> tensor<3xsi64>
  return
}

// -----

// Tests that dot has as many contracting dims on both sides.
func.func @dot_contracting_count(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{expected as many lhs as rhs contracting dims but got 1 and 0}}
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64>} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return
}

// -----

// Tests that dot has as many batch dims on both sides.
func.func @dot_batch_count(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{expected as many lhs as rhs batch dims but got 1 and 0}}
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>, lhs_batch_dims = array<i64: 0>} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return
}

// -----

// Tests that dot dims are in range.
func.func @dot_range(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{lhs dim 2 is out of range for rank 2}}
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 2>, rhs_contracting_dims = array<i64: 0>} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return
}

// -----

// Tests that a dot dim is not both batch and contracting.
func.func @dot_twice(%a: tensor<3x3xf32>, %b: tensor<3x3xf32>) {
  // expected-error @+1 {{rhs dim 0 is used twice}}
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>, lhs_batch_dims = array<i64: 0>, rhs_batch_dims = array<i64: 0>} : tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3xf32>
  return
}

// -----

// Tests that contracting dims agree in size.
func.func @dot_inner(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{contracting dims differ: lhs dim 1 is 3 but rhs dim 0 is 4}}
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<2x3xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
  return
}

// -----

// Tests that batch dims agree in size.
func.func @dot_batch(%a: tensor<2x3x4xf32>, %b: tensor<5x4x6xf32>) {
  // expected-error @+1 {{batch dims differ: lhs dim 0 is 2 but rhs dim 0 is 5}}
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 2>, rhs_contracting_dims = array<i64: 1>, lhs_batch_dims = array<i64: 0>, rhs_batch_dims = array<i64: 0>} : tensor<2x3x4xf32>, tensor<5x4x6xf32> -> tensor<2x3x6xf32>
  return
}

// -----

// Tests that the dot result has rank batch + lhs free + rhs free.
func.func @dot_result_rank(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{expected a result of rank 2 (batch, lhs free, rhs free) but got 1}}
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<8xf32>
  return
}

// -----

// Tests that the dot result dims are batch, lhs free, rhs free in order.
func.func @dot_result_dim(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{result dim 0 is 4 but expected 2}}
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<4x2xf32>
  return
}

// -----

// Tests that iota's axis is in range.
func.func @iota_axis() {
  // expected-error @+1 {{`axis` 2 is out of range for rank 2}}
  %0 = nx.iota {axis = 2} : tensor<2x3xsi64>
  return
}

// -----

// Tests that iota takes one index operand per dynamic result dim.
func.func @iota_sizes(%n: index) {
  // expected-error @+1 {{expected 0 `index` operands, one per dynamic result dim, but got 1}}
  %0 = nx.iota [%n] {axis = 0} : tensor<2x3xsi64>
  return
}

// -----

// Tests that dim_size's dim is in range.
func.func @dim_size_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{`dim` 2 is out of range for rank 2}}
  %0 = nx.dim_size %x {dim = 2} : tensor<2x3xf32> -> tensor<si64>
  return
}

// -----

// Tests that float-only ops reject integers.
func.func @exp_int(%x: tensor<3xsi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nx.exp %x : tensor<3xsi32>
  return
}

// -----

// Tests that comparisons produce ui8.
func.func @compare_type(%x: tensor<3xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 8-bit unsigned integer values}}
  %0 = nx.less %x, %x : tensor<3xf32> -> tensor<3xi1>
  return
}

// -----

// Tests that elementwise binary ops do not broadcast.
func.func @add_shapes(%x: tensor<3xf32>, %y: tensor<1xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "nx.add"(%x, %y) : (tensor<3xf32>, tensor<1xf32>) -> tensor<3xf32>
  return
}
