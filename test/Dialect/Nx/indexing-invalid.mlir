// RUN: nx-opt %s --split-input-file --verify-diagnostics

// Tests that slice needs one `start_indices` entry per operand dim.
func.func @slice_start_count(%x: tensor<4xf32>) {
  // expected-error @+1 {{expected 1 `start_indices` entries, one per operand dim, but got 2}}
  %0 = nx.slice %x {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : tensor<4xf32> -> tensor<2xf32>
  return
}

// -----

// Tests that slice needs one `limit_indices` entry per operand dim.
func.func @slice_limit_count(%x: tensor<4xf32>) {
  // expected-error @+1 {{expected 1 `limit_indices` entries, one per operand dim, but got 0}}
  %0 = nx.slice %x {start_indices = array<i64: 0>, limit_indices = array<i64>, strides = array<i64: 1>} : tensor<4xf32> -> tensor<2xf32>
  return
}

// -----

// Tests that slice needs one `strides` entry per operand dim.
func.func @slice_strides_count(%x: tensor<4xf32>) {
  // expected-error @+1 {{expected 1 `strides` entries, one per operand dim, but got 2}}
  %0 = nx.slice %x {start_indices = array<i64: 0>, limit_indices = array<i64: 2>, strides = array<i64: 1, 1>} : tensor<4xf32> -> tensor<2xf32>
  return
}

// -----

// Tests that slice rejects a stride below 1.
func.func @slice_stride_zero(%x: tensor<4xf32>) {
  // expected-error @+1 {{`strides` entry 0 is 0 but must be at least 1}}
  %0 = nx.slice %x {start_indices = array<i64: 0>, limit_indices = array<i64: 2>, strides = array<i64: 0>} : tensor<4xf32> -> tensor<2xf32>
  return
}

// -----

// Tests that slice rejects a limit past the operand dim.
func.func @slice_out_of_bounds(%x: tensor<4xf32>) {
  // expected-error @+1 {{slice [2, 5) of dim 0 is out of bounds for size 4}}
  %0 = nx.slice %x {start_indices = array<i64: 2>, limit_indices = array<i64: 5>, strides = array<i64: 1>} : tensor<4xf32> -> tensor<3xf32>
  return
}

// -----

// Tests that slice rejects a start after the limit, even on a `?` dim.
func.func @slice_start_after_limit(%x: tensor<?xf32>) {
  // expected-error @+1 {{slice [3, 2) of dim 0 is out of bounds for size ?}}
  %0 = nx.slice %x {start_indices = array<i64: 3>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : tensor<?xf32> -> tensor<0xf32>
  return
}

// -----

// Tests that slice checks the result dims against ceil((limit - start) / stride).
func.func @slice_result_dim(%x: tensor<8xf32>) {
  // expected-error @+1 {{result dim 0 is 4 but expected 3}}
  %0 = nx.slice %x {start_indices = array<i64: 1>, limit_indices = array<i64: 7>, strides = array<i64: 2>} : tensor<8xf32> -> tensor<4xf32>
  return
}

// -----

// Tests that slice checks the result rank.
func.func @slice_result_rank(%x: tensor<8xf32>) {
  // expected-error @+1 {{expected a result of rank 1 but got 2}}
  %0 = nx.slice %x {start_indices = array<i64: 0>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : tensor<8xf32> -> tensor<2x1xf32>
  return
}

// -----

// Tests that dynamic_slice needs one start index per operand dim.
func.func @dynamic_slice_start_count(%x: tensor<4x4xf32>, %i: tensor<si32>) {
  // expected-error @+1 {{expected 2 start indices, one per operand dim, but got 1}}
  %0 = nx.dynamic_slice %x [%i] {slice_sizes = array<i64: 2, 2>} : tensor<4x4xf32>, [tensor<si32>] -> tensor<2x2xf32>
  return
}

// -----

// Tests that dynamic_slice needs one `slice_sizes` entry per operand dim.
func.func @dynamic_slice_sizes_count(%x: tensor<4xf32>, %i: tensor<si32>) {
  // expected-error @+1 {{expected 1 `slice_sizes` entries, one per operand dim, but got 2}}
  %0 = nx.dynamic_slice %x [%i] {slice_sizes = array<i64: 2, 2>} : tensor<4xf32>, [tensor<si32>] -> tensor<2x2xf32>
  return
}

// -----

// Tests that dynamic_slice rejects a slice larger than the operand.
func.func @dynamic_slice_too_big(%x: tensor<4xf32>, %i: tensor<si32>) {
  // expected-error @+1 {{`slice_sizes` entry 0 is 5 but operand dim 0 is 4}}
  %0 = nx.dynamic_slice %x [%i] {slice_sizes = array<i64: 5>} : tensor<4xf32>, [tensor<si32>] -> tensor<5xf32>
  return
}

// -----

// Tests that dynamic_slice's result has shape `slice_sizes`.
func.func @dynamic_slice_result(%x: tensor<4xf32>, %i: tensor<si32>) {
  // expected-error @+1 {{result dim 0 is 3 but expected 2}}
  %0 = nx.dynamic_slice %x [%i] {slice_sizes = array<i64: 2>} : tensor<4xf32>, [tensor<si32>] -> tensor<3xf32>
  return
}

// -----

// Tests that dynamic_update_slice needs an update of the operand's rank.
func.func @update_rank(%x: tensor<4xf32>, %u: tensor<1x2xf32>, %i: tensor<si32>) {
  // expected-error @+1 {{update has rank 2 but operand has rank 1}}
  %0 = nx.dynamic_update_slice %x, %u [%i] : tensor<4xf32>, tensor<1x2xf32>, [tensor<si32>]
  return
}

// -----

// Tests that dynamic_update_slice needs one start index per operand dim.
func.func @update_start_count(%x: tensor<4xf32>, %u: tensor<2xf32>, %i: tensor<si32>) {
  // expected-error @+1 {{expected 1 start indices, one per operand dim, but got 2}}
  %0 = nx.dynamic_update_slice %x, %u [%i, %i] : tensor<4xf32>, tensor<2xf32>, [tensor<si32>, tensor<si32>]
  return
}

// -----

// Tests that dynamic_update_slice rejects an update larger than the operand.
func.func @update_too_big(%x: tensor<4xf32>, %u: tensor<5xf32>, %i: tensor<si32>) {
  // expected-error @+1 {{update dim 0 is 5 but operand dim 0 is 4}}
  %0 = nx.dynamic_update_slice %x, %u [%i] : tensor<4xf32>, tensor<5xf32>, [tensor<si32>]
  return
}

// -----

// Tests that pad needs one `low` entry per operand dim.
func.func @pad_low_count(%x: tensor<4xf32>, %p: tensor<f32>) {
  // expected-error @+1 {{expected 1 `low` entries, one per operand dim, but got 0}}
  %0 = nx.pad %x, %p {low = array<i64>, high = array<i64: 0>, interior = array<i64: 0>} : tensor<4xf32>, tensor<f32> -> tensor<4xf32>
  return
}

// -----

// Tests that pad needs one `high` entry per operand dim.
func.func @pad_high_count(%x: tensor<4xf32>, %p: tensor<f32>) {
  // expected-error @+1 {{expected 1 `high` entries, one per operand dim, but got 2}}
  %0 = nx.pad %x, %p {low = array<i64: 0>, high = array<i64: 0, 0>, interior = array<i64: 0>} : tensor<4xf32>, tensor<f32> -> tensor<4xf32>
  return
}

// -----

// Tests that pad needs one `interior` entry per operand dim.
func.func @pad_interior_count(%x: tensor<4xf32>, %p: tensor<f32>) {
  // expected-error @+1 {{expected 1 `interior` entries, one per operand dim, but got 0}}
  %0 = nx.pad %x, %p {low = array<i64: 0>, high = array<i64: 0>, interior = array<i64>} : tensor<4xf32>, tensor<f32> -> tensor<4xf32>
  return
}

// -----

// Tests that pad rejects negative interior padding.
func.func @pad_negative_interior(%x: tensor<4xf32>, %p: tensor<f32>) {
  // expected-error @+1 {{`interior` entry 0 is -1 but must not be negative}}
  %0 = nx.pad %x, %p {low = array<i64: 0>, high = array<i64: 0>, interior = array<i64: -1>} : tensor<4xf32>, tensor<f32> -> tensor<4xf32>
  return
}

// -----

// Tests that pad rejects cropping past the whole dim.
func.func @pad_negative_size(%x: tensor<4xf32>, %p: tensor<f32>) {
  // expected-error @+1 {{padding dim 0 of size 4 gives a negative size -1}}
  %0 = nx.pad %x, %p {low = array<i64: -3>, high = array<i64: -2>, interior = array<i64: 0>} : tensor<4xf32>, tensor<f32> -> tensor<0xf32>
  return
}

// -----

// Tests that pad checks the result dims.
func.func @pad_result_dim(%x: tensor<3xf32>, %p: tensor<f32>) {
  // expected-error @+1 {{result dim 0 is 6 but expected 5}}
  %0 = nx.pad %x, %p {low = array<i64: 1>, high = array<i64: -1>, interior = array<i64: 1>} : tensor<3xf32>, tensor<f32> -> tensor<6xf32>
  return
}

// -----

// Tests that concatenate needs at least one input.
func.func @concatenate_empty() {
  // expected-error @+1 {{expected at least one input}}
  %0 = "nx.concatenate"() {axis = 0 : i64} : () -> tensor<2xf32>
  return
}

// -----

// Tests that concatenate rejects an axis outside the result.
func.func @concatenate_axis(%a: tensor<2xf32>) {
  // expected-error @+1 {{`axis` 1 is out of range for rank 1}}
  %0 = nx.concatenate %a {axis = 1} : tensor<2xf32> -> tensor<2xf32>
  return
}

// -----

// Tests that concatenate needs inputs of the result's element type.
func.func @concatenate_element_type(%a: tensor<2xf32>, %b: tensor<2xf64>) {
  // expected-error @+1 {{input 1 has element type 'f64' but the result has 'f32'}}
  %0 = nx.concatenate %a, %b {axis = 0} : tensor<2xf32>, tensor<2xf64> -> tensor<4xf32>
  return
}

// -----

// Tests that concatenate needs inputs of the result's rank.
func.func @concatenate_rank(%a: tensor<2xf32>, %b: tensor<2x1xf32>) {
  // expected-error @+1 {{input 1 has rank 2 but the result has 1}}
  %0 = nx.concatenate %a, %b {axis = 0} : tensor<2xf32>, tensor<2x1xf32> -> tensor<4xf32>
  return
}

// -----

// Tests that concatenate needs inputs that agree off the axis.
func.func @concatenate_mismatch(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{input 1 has size 4 in dim 1 but an earlier input has 3}}
  %0 = nx.concatenate %a, %b {axis = 0} : tensor<2x3xf32>, tensor<2x4xf32> -> tensor<4x3xf32>
  return
}

// -----

// Tests that concatenate's axis dim is the sum of the inputs'.
func.func @concatenate_result(%a: tensor<2x3xf32>, %b: tensor<1x3xf32>) {
  // expected-error @+1 {{result dim 0 is 4 but expected 3}}
  %0 = nx.concatenate %a, %b {axis = 0} : tensor<2x3xf32>, tensor<1x3xf32> -> tensor<4x3xf32>
  return
}

// -----

// Tests that reverse rejects an axis outside the operand.
func.func @reverse_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{`axes` entry 2 is out of range for rank 2}}
  %0 = nx.reverse %x {axes = array<i64: 2>} : tensor<2x3xf32>
  return
}

// -----

// Tests that reverse needs sorted, unique axes.
func.func @reverse_unsorted(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{`axes` must be sorted and unique}}
  %0 = nx.reverse %x {axes = array<i64: 1, 0>} : tensor<2x3xf32>
  return
}

// -----

// Tests that sort rejects an axis outside the operand.
func.func @sort_axis(%x: tensor<3xf32>) {
  // expected-error @+1 {{`axis` 1 is out of range for rank 1}}
  %0 = nx.sort %x {axis = 1} : tensor<3xf32>
  return
}

// -----

// Tests that argsort rejects an axis outside the operand.
func.func @argsort_axis(%x: tensor<3xf32>) {
  // expected-error @+1 {{`axis` -1 is out of range for rank 1}}
  %0 = nx.argsort %x {axis = -1} : tensor<3xf32> -> tensor<3xsi32>
  return
}

// -----

// Tests that cumulative_sum rejects an axis outside the operand.
func.func @cumulative_sum_axis(%x: tensor<3xf32>) {
  // expected-error @+1 {{`axis` 1 is out of range for rank 1}}
  %0 = nx.cumulative_sum %x {axis = 1} : tensor<3xf32>
  return
}

// -----

// Tests that cumulative_product rejects an axis outside the operand.
func.func @cumulative_product_axis(%x: tensor<3xf32>) {
  // expected-error @+1 {{`axis` 2 is out of range for rank 1}}
  %0 = nx.cumulative_product %x {axis = 2} : tensor<3xf32>
  return
}

// -----

// Tests that cumulative_max rejects an axis outside the operand.
func.func @cumulative_max_axis(%x: tensor<f32>) {
  // expected-error @+1 {{`axis` 0 is out of range for rank 0}}
  %0 = nx.cumulative_max %x {axis = 0} : tensor<f32>
  return
}

// -----

// Tests that cumulative_min rejects an axis outside the operand.
func.func @cumulative_min_axis(%x: tensor<3xf32>) {
  // expected-error @+1 {{`axis` -1 is out of range for rank 1}}
  %0 = nx.cumulative_min %x {axis = -1} : tensor<3xf32>
  return
}

// -----

// Tests that gather needs indices of rank at least 1.
func.func @gather_rank0(%x: tensor<3xf32>, %i: tensor<si32>) {
  // expected-error @+1 {{expected indices of rank at least 1}}
  %0 = nx.gather %x, %i {axes = array<i64>} : tensor<3xf32>, tensor<si32> -> tensor<3xf32>
  return
}

// -----

// Tests that gather rejects an axis outside the operand.
func.func @gather_axis(%x: tensor<3xf32>, %i: tensor<2x1xsi32>) {
  // expected-error @+1 {{`axes` entry 1 is out of range for rank 1}}
  %0 = nx.gather %x, %i {axes = array<i64: 1>} : tensor<3xf32>, tensor<2x1xsi32> -> tensor<2xf32>
  return
}

// -----

// Tests that gather needs sorted, unique axes.
func.func @gather_unsorted(%x: tensor<3x3xf32>, %i: tensor<2x2xsi32>) {
  // expected-error @+1 {{`axes` must be sorted and unique}}
  %0 = nx.gather %x, %i {axes = array<i64: 1, 1>} : tensor<3x3xf32>, tensor<2x2xsi32> -> tensor<2xf32>
  return
}

// -----

// Tests that gather needs one index per axis in the last dim of indices.
func.func @gather_last_dim(%x: tensor<3x3xf32>, %i: tensor<2x2xsi32>) {
  // expected-error @+1 {{the last dim of indices is 2 but there are 1 `axes`}}
  %0 = nx.gather %x, %i {axes = array<i64: 0>} : tensor<3x3xf32>, tensor<2x2xsi32> -> tensor<2x3xf32>
  return
}

// -----

// Tests that gather's result is the indices' leading dims, then the operand's non-indexed dims.
func.func @gather_result(%x: tensor<3x4xf32>, %i: tensor<2x1xsi32>) {
  // expected-error @+1 {{result dim 1 is 3 but expected 4}}
  %0 = nx.gather %x, %i {axes = array<i64: 0>} : tensor<3x4xf32>, tensor<2x1xsi32> -> tensor<2x3xf32>
  return
}

// -----

// Tests that scatter's mode is `add` or `put`.
func.func @scatter_mode(%t: tensor<4xf32>, %i: tensor<2x1xsi32>, %u: tensor<2xf32>) {
  // expected-error @+1 {{`mode` is "max" but must be "add" or "put"}}
  %0 = nx.scatter %t, %i, %u {axes = array<i64: 0>, mode = "max"} : tensor<4xf32>, tensor<2x1xsi32>, tensor<2xf32>
  return
}

// -----

// Tests that scatter needs rank-2 indices.
func.func @scatter_indices_rank(%t: tensor<4xf32>, %i: tensor<2xsi32>, %u: tensor<2xf32>) {
  // expected-error @+1 {{expected indices of rank 2 but got rank 1}}
  %0 = nx.scatter %t, %i, %u {axes = array<i64: 0>, mode = "add"} : tensor<4xf32>, tensor<2xsi32>, tensor<2xf32>
  return
}

// -----

// Tests that scatter needs one index per axis.
func.func @scatter_last_dim(%t: tensor<4x3xf32>, %i: tensor<2x2xsi32>, %u: tensor<2x3xf32>) {
  // expected-error @+1 {{the last dim of indices is 2 but there are 1 `axes`}}
  %0 = nx.scatter %t, %i, %u {axes = array<i64: 0>, mode = "add"} : tensor<4x3xf32>, tensor<2x2xsi32>, tensor<2x3xf32>
  return
}

// -----

// Tests that scatter needs updates of rank 1 + the non-indexed dims.
func.func @scatter_updates_rank(%t: tensor<4x3xf32>, %i: tensor<2x1xsi32>, %u: tensor<2xf32>) {
  // expected-error @+1 {{expected updates of rank 2 but got rank 1}}
  %0 = nx.scatter %t, %i, %u {axes = array<i64: 0>, mode = "add"} : tensor<4x3xf32>, tensor<2x1xsi32>, tensor<2xf32>
  return
}

// -----

// Tests that scatter needs one update per index row.
func.func @scatter_count(%t: tensor<4xf32>, %i: tensor<2x1xsi32>, %u: tensor<3xf32>) {
  // expected-error @+1 {{indices hold 2 positions but updates hold 3}}
  %0 = nx.scatter %t, %i, %u {axes = array<i64: 0>, mode = "put"} : tensor<4xf32>, tensor<2x1xsi32>, tensor<3xf32>
  return
}

// -----

// Tests that scatter rejects an update block larger than the target.
func.func @scatter_block(%t: tensor<4x3xf32>, %i: tensor<2x1xsi32>, %u: tensor<2x5xf32>) {
  // expected-error @+1 {{updates dim 1 is 5 but target dim 1 is 3}}
  %0 = nx.scatter %t, %i, %u {axes = array<i64: 0>, mode = "put"} : tensor<4x3xf32>, tensor<2x1xsi32>, tensor<2x5xf32>
  return
}

// -----

// Tests that gather rejects an indexed dim of static size 0: no index can
// be clamped into it.
func.func @gather_empty_axis(%x: tensor<3x0xf32>, %i: tensor<2x1xsi32>) {
  // expected-error @+1 {{indexed dim 1 of the operand has size 0, so no index can select an element}}
  %0 = nx.gather %x, %i {axes = array<i64: 1>} : tensor<3x0xf32>, tensor<2x1xsi32> -> tensor<2x3xf32>
  return
}

// -----

// Tests that scatter rejects an indexed target dim of static size 0.
func.func @scatter_empty_axis(%t: tensor<0x3xf32>, %i: tensor<2x1xsi32>, %u: tensor<2x3xf32>) {
  // expected-error @+1 {{indexed dim 0 of the target has size 0, so no index can select an element}}
  %0 = nx.scatter %t, %i, %u {axes = array<i64: 0>, mode = "add"} : tensor<0x3xf32>, tensor<2x1xsi32>, tensor<2x3xf32>
  return
}
