// RUN: nx-opt %s --nx-to-linalg --linalg-fuse-elementwise-ops \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries" \
// RUN:   --convert-linalg-to-affine-loops --lower-affine \
// RUN:   --convert-math-to-funcs --convert-math-to-libm --arith-expand \
// RUN:   --expand-strided-metadata --lower-affine --finalize-memref-to-llvm \
// RUN:   --convert-scf-to-cf --convert-arith-to-llvm --convert-math-to-llvm \
// RUN:   --convert-index-to-llvm --convert-ub-to-llvm --convert-cf-to-llvm \
// RUN:   --convert-func-to-llvm --reconcile-unrealized-casts \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%llvm_lib_dir/libmlir_runner_utils.so,%llvm_lib_dir/libmlir_c_runner_utils.so \
// RUN: | FileCheck %s
// RUN: nx-opt %s --nx-to-linalg-pipeline --linalg-to-llvm-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%llvm_lib_dir/libmlir_runner_utils.so,%llvm_lib_dir/libmlir_c_runner_utils.so,%nxrt_pool \
// RUN: | FileCheck %s

// Tests the numerics of the lowering of the indexing, sort and scan ops by
// running it: each case returns its result flattened to f64, which @main
// prints. Expected values come from NumPy (np.pad, np.cumsum,
// np.argsort(kind="stable"), ...) and from the examples in Nx's docs, not
// from nxc. The second RUN line takes nxc's own CPU pipeline (inlining,
// fusion, deallocation). Several cases first cast their operand to `?` dims so that the
// dynamic-shape paths run too.

func.func private @printMemrefF64(memref<*xf64>)

func.func @show(%t: tensor<?xf64>) {
  %m = bufferization.to_buffer %t : tensor<?xf64> to memref<?xf64>
  %u = memref.cast %m : memref<?xf64> to memref<*xf64>
  call @printMemrefF64(%u) : (memref<*xf64>) -> ()
  return
}

// x[0:3:2, 1:4:2] and, through `?` dims, x[1:2, 0:4:3] of x = arange(12).reshape(3, 4).
func.func @slice() -> (tensor<?xf64>, tensor<?xf64>) {
  %x = nx.iota {axis = 0} : tensor<12xf64>
  %x2 = nx.reshape %x : tensor<12xf64> -> tensor<3x4xf64>
  %a = nx.slice %x2 {start_indices = array<i64: 0, 1>, limit_indices = array<i64: 3, 4>, strides = array<i64: 2, 2>} : tensor<3x4xf64> -> tensor<2x2xf64>
  %af = nx.reshape %a : tensor<2x2xf64> -> tensor<4xf64>
  %ad = tensor.cast %af : tensor<4xf64> to tensor<?xf64>
  %xd = tensor.cast %x2 : tensor<3x4xf64> to tensor<?x?xf64>
  %b = nx.slice %xd {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 2, 4>, strides = array<i64: 1, 3>} : tensor<?x?xf64> -> tensor<1x2xf64>
  %bf = nx.reshape %b : tensor<1x2xf64> -> tensor<2xf64>
  %bd = tensor.cast %bf : tensor<2xf64> to tensor<?xf64>
  return %ad, %bd : tensor<?xf64>, tensor<?xf64>
}

// Start indices are clamped: 6 -> 5 and -2 -> 0 for a slice of 3 out of 8;
// ui8 200 (unsigned) -> 5; in 2-D, (1, 3) -> (1, 2) for a 2x2 slice of 3x4.
func.func @dynamic_slice() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %x = nx.iota {axis = 0} : tensor<8xf64>
  %i6 = nx.constant dense<6> : tensor<si32>
  %im2 = nx.constant dense<-2> : tensor<si64>
  %i200 = nx.constant dense<200> : tensor<ui8>
  %a = nx.dynamic_slice %x [%i6] {slice_sizes = array<i64: 3>} : tensor<8xf64>, [tensor<si32>] -> tensor<3xf64>
  %b = nx.dynamic_slice %x [%im2] {slice_sizes = array<i64: 3>} : tensor<8xf64>, [tensor<si64>] -> tensor<3xf64>
  %c = nx.dynamic_slice %x [%i200] {slice_sizes = array<i64: 3>} : tensor<8xf64>, [tensor<ui8>] -> tensor<3xf64>
  %ad = tensor.cast %a : tensor<3xf64> to tensor<?xf64>
  %bd = tensor.cast %b : tensor<3xf64> to tensor<?xf64>
  %cd = tensor.cast %c : tensor<3xf64> to tensor<?xf64>
  %y = nx.iota {axis = 0} : tensor<12xf64>
  %y2 = nx.reshape %y : tensor<12xf64> -> tensor<3x4xf64>
  %yd = tensor.cast %y2 : tensor<3x4xf64> to tensor<?x?xf64>
  %r = nx.constant dense<1> : tensor<si32>
  %k = nx.constant dense<3> : tensor<ui8>
  %d = nx.dynamic_slice %yd [%r, %k] {slice_sizes = array<i64: 2, 2>} : tensor<?x?xf64>, [tensor<si32>, tensor<ui8>] -> tensor<2x2xf64>
  %df = nx.reshape %d : tensor<2x2xf64> -> tensor<4xf64>
  %dd = tensor.cast %df : tensor<4xf64> to tensor<?xf64>
  return %ad, %bd, %cd, %dd : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// put_slice of [1, 2, 3] into 5 zeros at 4 (clamped to 2), then, through `?`
// dims, of [[7], [8]] into a 3x3 of zeros at (-1, 1) (clamped to (0, 1)).
func.func @dynamic_update_slice() -> (tensor<?xf64>, tensor<?xf64>) {
  %x = nx.constant dense<0.0> : tensor<5xf64>
  %u = nx.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf64>
  %i = nx.constant dense<4> : tensor<si32>
  %a = nx.dynamic_update_slice %x, %u [%i] : tensor<5xf64>, tensor<3xf64>, [tensor<si32>]
  %ad = tensor.cast %a : tensor<5xf64> to tensor<?xf64>
  %y = nx.constant dense<0.0> : tensor<3x3xf64>
  %yd = tensor.cast %y : tensor<3x3xf64> to tensor<?x?xf64>
  %v = nx.constant dense<[[7.0], [8.0]]> : tensor<2x1xf64>
  %vd = tensor.cast %v : tensor<2x1xf64> to tensor<?x1xf64>
  %r = nx.constant dense<-1> : tensor<si64>
  %c = nx.constant dense<1> : tensor<ui32>
  %b = nx.dynamic_update_slice %yd, %vd [%r, %c] : tensor<?x?xf64>, tensor<?x1xf64>, [tensor<si64>, tensor<ui32>]
  %bs = tensor.cast %b : tensor<?x?xf64> to tensor<3x3xf64>
  %bf = nx.reshape %bs : tensor<3x3xf64> -> tensor<9xf64>
  %bd = tensor.cast %bf : tensor<9xf64> to tensor<?xf64>
  return %ad, %bd : tensor<?xf64>, tensor<?xf64>
}

// pad([1, 2, 3], 9, low 1, high -1, interior 1) = [9, 1, 9, 2, 9]; then
// np.pad([[1, 2, 3], [4, 5, 6]], ((0, 1), (0, 2)))[:, 1:] through `?` dims
// (low -1 on dim 1 crops).
func.func @pad() -> (tensor<?xf64>, tensor<?xf64>) {
  %x = nx.constant dense<[1, 2, 3]> : tensor<3xsi32>
  %nine = nx.constant dense<9> : tensor<si32>
  %a = nx.pad %x, %nine {low = array<i64: 1>, high = array<i64: -1>, interior = array<i64: 1>} : tensor<3xsi32>, tensor<si32> -> tensor<5xsi32>
  %af = nx.convert %a : tensor<5xsi32> -> tensor<5xf64>
  %ad = tensor.cast %af : tensor<5xf64> to tensor<?xf64>
  %y = nx.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf64>
  %yd = tensor.cast %y : tensor<2x3xf64> to tensor<?x?xf64>
  %zero = nx.constant dense<0.0> : tensor<f64>
  %b = nx.pad %yd, %zero {low = array<i64: 0, -1>, high = array<i64: 1, 2>, interior = array<i64: 0, 0>} : tensor<?x?xf64>, tensor<f64> -> tensor<?x?xf64>
  %bs = tensor.cast %b : tensor<?x?xf64> to tensor<3x4xf64>
  %bf = nx.reshape %bs : tensor<3x4xf64> -> tensor<12xf64>
  %bd = tensor.cast %bf : tensor<12xf64> to tensor<?xf64>
  return %ad, %bd : tensor<?xf64>, tensor<?xf64>
}

// concatenate along axis 0 with a `?` input, and three inputs along axis 0.
func.func @concatenate() -> (tensor<?xf64>, tensor<?xf64>) {
  %a = nx.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf64>
  %b = nx.constant dense<[[5.0, 6.0]]> : tensor<1x2xf64>
  %bd = tensor.cast %b : tensor<1x2xf64> to tensor<?x2xf64>
  %c = nx.concatenate %a, %bd {axis = 0} : tensor<2x2xf64>, tensor<?x2xf64> -> tensor<?x2xf64>
  %cs = tensor.cast %c : tensor<?x2xf64> to tensor<3x2xf64>
  %cf = nx.reshape %cs : tensor<3x2xf64> -> tensor<6xf64>
  %cd = tensor.cast %cf : tensor<6xf64> to tensor<?xf64>
  %p = nx.constant dense<[1, 2]> : tensor<2xui8>
  %q = nx.constant dense<[3]> : tensor<1xui8>
  %r = nx.constant dense<[4, 255]> : tensor<2xui8>
  %s = nx.concatenate %p, %q, %r {axis = 0} : tensor<2xui8>, tensor<1xui8>, tensor<2xui8> -> tensor<5xui8>
  %sf = nx.convert %s : tensor<5xui8> -> tensor<5xf64>
  %sd = tensor.cast %sf : tensor<5xf64> to tensor<?xf64>
  return %cd, %sd : tensor<?xf64>, tensor<?xf64>
}

// reverse [[1, 2, 3], [4, 5, 6]] along axis 1, and along both axes through `?` dims.
func.func @reverse() -> (tensor<?xf64>, tensor<?xf64>) {
  %x = nx.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf64>
  %a = nx.reverse %x {axes = array<i64: 1>} : tensor<2x3xf64>
  %af = nx.reshape %a : tensor<2x3xf64> -> tensor<6xf64>
  %ad = tensor.cast %af : tensor<6xf64> to tensor<?xf64>
  %xd = tensor.cast %x : tensor<2x3xf64> to tensor<?x?xf64>
  %b = nx.reverse %xd {axes = array<i64: 0, 1>} : tensor<?x?xf64>
  %bs = tensor.cast %b : tensor<?x?xf64> to tensor<2x3xf64>
  %bf = nx.reshape %bs : tensor<2x3xf64> -> tensor<6xf64>
  %bd = tensor.cast %bf : tensor<6xf64> to tensor<?xf64>
  return %ad, %bd : tensor<?xf64>, tensor<?xf64>
}

// cumulative_sum of [[1, 2, 3], [4, 5, 6]] along axis 1 and (reversed,
// through `?` dims) along axis 0; reversed product of [1, 2, 3, 4]; max of
// [3, 1, 4, 1, 5]; unsigned min of [5, 3, 7, 1]; max propagating NaN.
func.func @cumulative() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %x = nx.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xsi32>
  %a = nx.cumulative_sum %x {axis = 1} : tensor<2x3xsi32>
  %af = nx.convert %a : tensor<2x3xsi32> -> tensor<2x3xf64>
  %ar = nx.reshape %af : tensor<2x3xf64> -> tensor<6xf64>
  %ad = tensor.cast %ar : tensor<6xf64> to tensor<?xf64>
  %xd = tensor.cast %x : tensor<2x3xsi32> to tensor<?x?xsi32>
  %b = nx.cumulative_sum %xd {axis = 0, reverse = true} : tensor<?x?xsi32>
  %bs = tensor.cast %b : tensor<?x?xsi32> to tensor<2x3xsi32>
  %bf = nx.convert %bs : tensor<2x3xsi32> -> tensor<2x3xf64>
  %br = nx.reshape %bf : tensor<2x3xf64> -> tensor<6xf64>
  %bd = tensor.cast %br : tensor<6xf64> to tensor<?xf64>
  %p = nx.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf64>
  %c = nx.cumulative_product %p {axis = 0, reverse = true} : tensor<4xf64>
  %cd = tensor.cast %c : tensor<4xf64> to tensor<?xf64>
  %m = nx.constant dense<[3, 1, 4, 1, 5]> : tensor<5xsi64>
  %d = nx.cumulative_max %m {axis = 0} : tensor<5xsi64>
  %df = nx.convert %d : tensor<5xsi64> -> tensor<5xf64>
  %dd = tensor.cast %df : tensor<5xf64> to tensor<?xf64>
  %u = nx.constant dense<[5, 3, 7, 1]> : tensor<4xui8>
  %e = nx.cumulative_min %u {axis = 0} : tensor<4xui8>
  %ef = nx.convert %e : tensor<4xui8> -> tensor<4xf64>
  %ed = tensor.cast %ef : tensor<4xf64> to tensor<?xf64>
  %n = nx.constant dense<[1.0, 0x7FF8000000000000, 3.0]> : tensor<3xf64>
  %f = nx.cumulative_max %n {axis = 0} : tensor<3xf64>
  %fd = tensor.cast %f : tensor<3xf64> to tensor<?xf64>
  return %ad, %bd, %cd, %dd, %ed, %fd : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// Nx's doc examples: sort with NaN and infinities, both directions; the
// 2x3x3 tensor sorted along axis 0 (through `?` dims) and argsorted along
// axis 1; stable argsort of [3, 1, 2, 1, 3] both directions; unsigned sort.
func.func @sort() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %x = nx.constant dense<[0x7FC00000, 0xFF800000, 0.0, 0x7F800000, -1.0]> : tensor<5xf32>
  %a = nx.sort %x {axis = 0} : tensor<5xf32>
  %af = nx.convert %a : tensor<5xf32> -> tensor<5xf64>
  %ad = tensor.cast %af : tensor<5xf64> to tensor<?xf64>
  %b = nx.sort %x {axis = 0, descending = true} : tensor<5xf32>
  %bf = nx.convert %b : tensor<5xf32> -> tensor<5xf64>
  %bd = tensor.cast %bf : tensor<5xf64> to tensor<?xf64>
  %t = nx.constant dense<[[[4, 5, 2], [2, 5, 3], [5, 0, 2]], [[1, 9, 8], [2, 1, 3], [2, 1, 4]]]> : tensor<2x3x3xsi32>
  %td = tensor.cast %t : tensor<2x3x3xsi32> to tensor<?x?x3xsi32>
  %c = nx.sort %td {axis = 0} : tensor<?x?x3xsi32>
  %cs = tensor.cast %c : tensor<?x?x3xsi32> to tensor<2x3x3xsi32>
  %cf = nx.convert %cs : tensor<2x3x3xsi32> -> tensor<2x3x3xf64>
  %cr = nx.reshape %cf : tensor<2x3x3xf64> -> tensor<18xf64>
  %cd = tensor.cast %cr : tensor<18xf64> to tensor<?xf64>
  %d = nx.argsort %t {axis = 1} : tensor<2x3x3xsi32> -> tensor<2x3x3xsi32>
  %df = nx.convert %d : tensor<2x3x3xsi32> -> tensor<2x3x3xf64>
  %dr = nx.reshape %df : tensor<2x3x3xf64> -> tensor<18xf64>
  %dd = tensor.cast %dr : tensor<18xf64> to tensor<?xf64>
  %s = nx.constant dense<[3.0, 1.0, 2.0, 1.0, 3.0]> : tensor<5xf64>
  %e = nx.argsort %s {axis = 0} : tensor<5xf64> -> tensor<5xsi64>
  %ef = nx.convert %e : tensor<5xsi64> -> tensor<5xf64>
  %ed = tensor.cast %ef : tensor<5xf64> to tensor<?xf64>
  %f = nx.argsort %s {axis = 0, descending = true} : tensor<5xf64> -> tensor<5xui8>
  %ff = nx.convert %f : tensor<5xui8> -> tensor<5xf64>
  %fd = tensor.cast %ff : tensor<5xf64> to tensor<?xf64>
  %u = nx.constant dense<[200, 3, 255, 0]> : tensor<4xui8>
  %g = nx.sort %u {axis = 0} : tensor<4xui8>
  %gf = nx.convert %g : tensor<4xui8> -> tensor<4xf64>
  %gd = tensor.cast %gf : tensor<4xf64> to tensor<?xf64>
  return %ad, %bd, %cd, %dd, %ed, %fd, %gd : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// Nx's doc examples for gather (all axes; axes [1]) and indexed_add; gather
// clamping -1 -> 0 and 5 -> 2; indexed_put with a duplicate index (the last
// write wins); indexed_add of a block narrower than the `?` target.
func.func @gather_scatter() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %t = nx.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xsi32>
  %i = nx.constant dense<[[1, 1], [0, 1], [1, 0]]> : tensor<3x2xsi64>
  %a = nx.gather %t, %i {axes = array<i64: 0, 1>} : tensor<2x2xsi32>, tensor<3x2xsi64> -> tensor<3xsi32>
  %af = nx.convert %a : tensor<3xsi32> -> tensor<3xf64>
  %ad = tensor.cast %af : tensor<3xf64> to tensor<?xf64>
  %t2 = nx.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xsi32>
  %t2d = tensor.cast %t2 : tensor<2x3xsi32> to tensor<?x?xsi32>
  %j = nx.constant dense<[[1], [0], [2], [1]]> : tensor<4x1xui8>
  %b = nx.gather %t2d, %j {axes = array<i64: 1>} : tensor<?x?xsi32>, tensor<4x1xui8> -> tensor<4x?xsi32>
  %bs = tensor.cast %b : tensor<4x?xsi32> to tensor<4x2xsi32>
  %bf = nx.convert %bs : tensor<4x2xsi32> -> tensor<4x2xf64>
  %br = nx.reshape %bf : tensor<4x2xf64> -> tensor<8xf64>
  %bd = tensor.cast %br : tensor<8xf64> to tensor<?xf64>
  %v = nx.constant dense<[10.0, 20.0, 30.0]> : tensor<3xf64>
  %k = nx.constant dense<[[-1], [5], [1]]> : tensor<3x1xsi32>
  %c = nx.gather %v, %k {axes = array<i64: 0>} : tensor<3xf64>, tensor<3x1xsi32> -> tensor<3xf64>
  %cd = tensor.cast %c : tensor<3xf64> to tensor<?xf64>
  %io = nx.iota {axis = 0} : tensor<6xsi32>
  %io3 = nx.reshape %io : tensor<6xsi32> -> tensor<1x2x3xsi32>
  %ai = nx.constant dense<[[0, 0, 0], [0, 1, 1], [0, 0, 0], [0, 0, 2], [0, 1, 2]]> : tensor<5x3xsi64>
  %au = nx.constant dense<[1, 3, 1, -2, 5]> : tensor<5xsi32>
  %d = nx.scatter %io3, %ai, %au {axes = array<i64: 0, 1, 2>, mode = "add"} : tensor<1x2x3xsi32>, tensor<5x3xsi64>, tensor<5xsi32>
  %df = nx.convert %d : tensor<1x2x3xsi32> -> tensor<1x2x3xf64>
  %dr = nx.reshape %df : tensor<1x2x3xf64> -> tensor<6xf64>
  %dd = tensor.cast %dr : tensor<6xf64> to tensor<?xf64>
  %z = nx.constant dense<0.0> : tensor<4x3xf64>
  %pi = nx.constant dense<[[2], [0], [2]]> : tensor<3x1xsi32>
  %pu = nx.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]> : tensor<3x3xf64>
  %e = nx.scatter %z, %pi, %pu {axes = array<i64: 0>, mode = "put"} : tensor<4x3xf64>, tensor<3x1xsi32>, tensor<3x3xf64>
  %er = nx.reshape %e : tensor<4x3xf64> -> tensor<12xf64>
  %ed = tensor.cast %er : tensor<12xf64> to tensor<?xf64>
  %zd = tensor.cast %z : tensor<4x3xf64> to tensor<?x3xf64>
  %qi = nx.constant dense<[[1], [1]]> : tensor<2x1xui32>
  %qu = nx.constant dense<[[1.0, 1.0], [0.5, 2.0]]> : tensor<2x2xf64>
  %f = nx.scatter %zd, %qi, %qu {axes = array<i64: 0>, mode = "add"} : tensor<?x3xf64>, tensor<2x1xui32>, tensor<2x2xf64>
  %fs = tensor.cast %f : tensor<?x3xf64> to tensor<4x3xf64>
  %fr = nx.reshape %fs : tensor<4x3xf64> -> tensor<12xf64>
  %fd = tensor.cast %fr : tensor<12xf64> to tensor<?xf64>
  return %ad, %bd, %cd, %dd, %ed, %fd : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// Out-of-bounds guards on `?` dims: gather from a dim that is 0 at run time
// gives zeros; scatter into it writes nothing (an empty result); a scatter
// block wider than its `?` target dim writes only what fits; a slice and a
// dynamic_slice larger than their 3-element `?` operand move their start to
// 0 and zero-fill what does not exist; put_slice of 3 elements into 2 writes
// the first 2.
func.func @guards() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %e = nx.constant dense<> : tensor<0x2xf64>
  %ed = tensor.cast %e : tensor<0x2xf64> to tensor<?x2xf64>
  %i = nx.constant dense<[[1], [0]]> : tensor<2x1xsi32>
  %a = nx.gather %ed, %i {axes = array<i64: 0>} : tensor<?x2xf64>, tensor<2x1xsi32> -> tensor<2x2xf64>
  %ar = nx.reshape %a : tensor<2x2xf64> -> tensor<4xf64>
  %ad = tensor.cast %ar : tensor<4xf64> to tensor<?xf64>
  %j = nx.constant dense<[[1]]> : tensor<1x1xsi32>
  %u = nx.constant dense<[[5.0, 6.0]]> : tensor<1x2xf64>
  %b = nx.scatter %ed, %j, %u {axes = array<i64: 0>, mode = "add"} : tensor<?x2xf64>, tensor<1x1xsi32>, tensor<1x2xf64>
  %bs = tensor.cast %b : tensor<?x2xf64> to tensor<0x2xf64>
  %br = nx.reshape %bs : tensor<0x2xf64> -> tensor<0xf64>
  %bd = tensor.cast %br : tensor<0xf64> to tensor<?xf64>
  %t = nx.constant dense<0.0> : tensor<2x1xf64>
  %td = tensor.cast %t : tensor<2x1xf64> to tensor<2x?xf64>
  %c = nx.scatter %td, %j, %u {axes = array<i64: 0>, mode = "put"} : tensor<2x?xf64>, tensor<1x1xsi32>, tensor<1x2xf64>
  %cs = tensor.cast %c : tensor<2x?xf64> to tensor<2x1xf64>
  %cr = nx.reshape %cs : tensor<2x1xf64> -> tensor<2xf64>
  %cd = tensor.cast %cr : tensor<2xf64> to tensor<?xf64>
  %x = nx.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf64>
  %xd = tensor.cast %x : tensor<3xf64> to tensor<?xf64>
  %d = nx.slice %xd {start_indices = array<i64: 1>, limit_indices = array<i64: 5>, strides = array<i64: 2>} : tensor<?xf64> -> tensor<2xf64>
  %dd = tensor.cast %d : tensor<2xf64> to tensor<?xf64>
  %f = nx.slice %xd {start_indices = array<i64: 0>, limit_indices = array<i64: 4>, strides = array<i64: 1>} : tensor<?xf64> -> tensor<4xf64>
  %fd = tensor.cast %f : tensor<4xf64> to tensor<?xf64>
  %two = nx.constant dense<2> : tensor<si32>
  %g = nx.dynamic_slice %xd [%two] {slice_sizes = array<i64: 5>} : tensor<?xf64>, [tensor<si32>] -> tensor<5xf64>
  %gd = tensor.cast %g : tensor<5xf64> to tensor<?xf64>
  %z = nx.constant dense<0.0> : tensor<2xf64>
  %zd = tensor.cast %z : tensor<2xf64> to tensor<?xf64>
  %v = nx.constant dense<[7.0, 8.0, 9.0]> : tensor<3xf64>
  %zero = nx.constant dense<0> : tensor<si32>
  %h = nx.dynamic_update_slice %zd, %v [%zero] : tensor<?xf64>, tensor<3xf64>, [tensor<si32>]
  return %ad, %bd, %cd, %dd, %fd, %gd, %h : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// 1000 f64 values in [-20, 20) with NaNs, +0.0 and -0.0 (NumPy
// default_rng(7), see the generator below): stable argsort ascending
// (np.argsort(kind="stable")) and descending (Python's stable sorted() on
// (not NaN, -x)), and the values reshaped to 8x125 sorted descending along
// axis 1 through `?` dims (the same key per row). -0.0 and +0.0 tie, so they
// keep their order.
//
//   x = rng.integers(-20, 20, 1000).astype(np.float64)
//   x[rng.choice(1000, 6, replace=False)] = np.nan
//   z = rng.choice(1000, 10, replace=False); x[z[:5]] = 0.0; x[z[5:]] = -0.0
func.func @big_sort() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %x = nx.constant dense<[17.0, 5.0, 7.0, 15.0, 3.0, 11.0, 13.0, -11.0, -18.0, -8.0, -9.0, 14.0, 16.0, -20.0, -1.0, 12.0, -15.0, 11.0, -16.0, -2.0, 12.0, -8.0, -7.0, -9.0, 8.0, -10.0, 19.0, -3.0, -1.0, 0.0, 3.0, 2.0, 0.0, 19.0, 12.0, 11.0, 8.0, 4.0, -7.0, 19.0, -2.0, -12.0, 13.0, -14.0, 14.0, 4.0, -16.0, -19.0, -3.0, -19.0, -15.0, 0.0, 18.0, -2.0, 12.0, 16.0, 12.0, 5.0, -3.0, 0.0, -10.0, -1.0, -5.0, -11.0, 19.0, -20.0, -17.0, -13.0, 18.0, 7.0, 15.0, -12.0, 8.0, -6.0, -1.0, -20.0, 4.0, 13.0, 6.0, -14.0, 1.0, -10.0, 18.0, 15.0, -13.0, 0.0, 17.0, 13.0, 8.0, 5.0, -19.0, 9.0, -2.0, -17.0, -11.0, 1.0, 9.0, 0.0, 4.0, 14.0, 7.0, -6.0, 5.0, 3.0, -16.0, -18.0, 6.0, -5.0, 3.0, -8.0, -11.0, -14.0, -5.0, 12.0, -4.0, -5.0, 3.0, 19.0, -5.0, 3.0, -3.0, 4.0, -3.0, 5.0, 1.0, 7.0, 18.0, -14.0, 2.0, -3.0, -6.0, -11.0, -18.0, -4.0, 13.0, -17.0, -4.0, 18.0, 18.0, -12.0, -20.0, 6.0, -20.0, -8.0, -1.0, 14.0, -17.0, 6.0, 1.0, -15.0, 13.0, 13.0, -1.0, 17.0, 4.0, 16.0, 18.0, 2.0, -9.0, -15.0, 2.0, -13.0, 10.0, 17.0, -11.0, 2.0, -19.0, -13.0, -5.0, 15.0, 18.0, 5.0, 3.0, 2.0, -18.0, -5.0, 19.0, -4.0, -12.0, -11.0, 8.0, -19.0, 18.0, 15.0, 2.0, -2.0, 10.0, 1.0, -1.0, -8.0, -3.0, 10.0, -18.0, -19.0, 8.0, -6.0, 12.0, -19.0, 16.0, -16.0, -0.0, 18.0, -16.0, 6.0, 9.0, -3.0, -17.0, 0.0, -3.0, 14.0, 7.0, -7.0, -18.0, 3.0, -9.0, 7.0, 14.0, -6.0, 16.0, 0.0, 1.0, 10.0, 11.0, 16.0, 19.0, -14.0, -4.0, 17.0, -8.0, -20.0, 3.0, 10.0, 9.0, 12.0, 5.0, -15.0, 13.0, -4.0, 13.0, 12.0, 18.0, -20.0, 14.0, 5.0, -1.0, 11.0, 18.0, 0.0, -17.0, 9.0, -11.0, -11.0, -13.0, -13.0, 16.0, -6.0, -16.0, -13.0, -5.0, -7.0, -8.0, 17.0, 14.0, 2.0, 19.0, -7.0, -15.0, -10.0, -17.0, 18.0, -12.0, -3.0, -12.0, 19.0, -14.0, 0.0, 18.0, 0x7FF8000000000000, 15.0, 15.0, 10.0, 9.0, 3.0, 3.0, 13.0, -3.0, 17.0, 15.0, -6.0, -4.0, 8.0, 16.0, -17.0, -18.0, -11.0, -3.0, -14.0, 0.0, 1.0, 18.0, 0.0, -10.0, 11.0, 12.0, 7.0, 7.0, -8.0, 8.0, -15.0, 5.0, 16.0, 18.0, -9.0, -7.0, 4.0, -5.0, 0.0, -12.0, -14.0, -18.0, -2.0, -12.0, -9.0, 16.0, 12.0, 13.0, 3.0, -16.0, 9.0, 4.0, 16.0, -1.0, -14.0, 3.0, -2.0, 6.0, -5.0, -8.0, -15.0, 18.0, 10.0, -2.0, -11.0, 5.0, -4.0, 5.0, -17.0, -13.0, 9.0, -18.0, 7.0, -4.0, -20.0, 10.0, 7.0, 12.0, 15.0, 9.0, 13.0, -16.0, 16.0, 16.0, 7.0, 12.0, 9.0, 15.0, 15.0, 0.0, 12.0, 16.0, 0.0, -19.0, -14.0, -19.0, -3.0, -20.0, -10.0, -10.0, 8.0, -11.0, 17.0, -13.0, 18.0, 2.0, -11.0, -19.0, -8.0, 3.0, -16.0, -14.0, -16.0, 7.0, -17.0, -20.0, -2.0, -8.0, 2.0, 17.0, 14.0, 1.0, 5.0, 12.0, -3.0, 6.0, -12.0, 4.0, -11.0, -13.0, 10.0, 2.0, -5.0, -19.0, -11.0, 12.0, -2.0, 18.0, 16.0, 14.0, 0x7FF8000000000000, -18.0, 3.0, -7.0, 13.0, -8.0, -14.0, -16.0, -8.0, 5.0, -15.0, 11.0, -8.0, -8.0, 6.0, 14.0, -3.0, 11.0, -8.0, -15.0, 13.0, 10.0, 10.0, 15.0, -1.0, -13.0, 3.0, 2.0, -5.0, 5.0, -10.0, 4.0, 11.0, -17.0, -2.0, -0.0, -18.0, 5.0, 16.0, 12.0, 7.0, 12.0, -6.0, -7.0, -17.0, 8.0, -8.0, 0x7FF8000000000000, -2.0, 15.0, -15.0, -14.0, -7.0, -19.0, -1.0, 6.0, 6.0, -12.0, -14.0, 2.0, 5.0, 17.0, 15.0, -5.0, -14.0, -10.0, 15.0, -2.0, 19.0, 6.0, 3.0, -16.0, 3.0, -5.0, 13.0, -15.0, -13.0, 6.0, 7.0, 13.0, 0.0, -5.0, -8.0, -6.0, 6.0, 1.0, -9.0, -12.0, 8.0, -11.0, -12.0, -7.0, 14.0, -2.0, 3.0, -17.0, -7.0, 10.0, -0.0, 3.0, 15.0, -9.0, -14.0, -17.0, -13.0, 10.0, 16.0, -15.0, 0.0, -15.0, 13.0, -15.0, -0.0, -17.0, 9.0, 16.0, 9.0, -10.0, 13.0, -8.0, 10.0, 13.0, -1.0, 4.0, 14.0, 0.0, -20.0, -3.0, -13.0, 15.0, 14.0, -5.0, -8.0, 8.0, -2.0, -17.0, 6.0, 9.0, -18.0, 11.0, 1.0, 13.0, 14.0, 6.0, -7.0, -6.0, 8.0, -18.0, -11.0, 0.0, 17.0, 10.0, 12.0, -13.0, -9.0, -10.0, 9.0, 1.0, -12.0, 9.0, 5.0, 15.0, 2.0, -15.0, 15.0, -13.0, -18.0, 11.0, -2.0, 5.0, -15.0, 8.0, -4.0, 19.0, 5.0, 17.0, 11.0, 13.0, -17.0, 11.0, 4.0, -5.0, -8.0, 5.0, -13.0, -13.0, 14.0, 10.0, 3.0, 10.0, -8.0, 8.0, -12.0, -3.0, -15.0, -5.0, -7.0, -4.0, -1.0, -19.0, -7.0, 13.0, -3.0, 1.0, -16.0, -5.0, 18.0, 1.0, -20.0, 8.0, 10.0, -5.0, -19.0, 13.0, -10.0, 16.0, -6.0, -5.0, 11.0, -15.0, -19.0, 10.0, 17.0, 19.0, -15.0, -15.0, -7.0, 8.0, 16.0, 13.0, -6.0, 16.0, -10.0, -16.0, -3.0, -17.0, 7.0, -0.0, -16.0, -16.0, -13.0, -13.0, 1.0, 2.0, 18.0, -3.0, 17.0, 10.0, 14.0, -13.0, -2.0, 16.0, 10.0, -12.0, 13.0, 10.0, -15.0, -18.0, -10.0, -2.0, -14.0, -19.0, -16.0, -8.0, -5.0, -8.0, -3.0, 8.0, -11.0, -2.0, 9.0, -18.0, 17.0, 19.0, -9.0, 15.0, -10.0, 16.0, 6.0, -11.0, -18.0, -5.0, 9.0, -11.0, 0.0, -16.0, -4.0, -19.0, 19.0, 0.0, 13.0, -16.0, -14.0, -13.0, 2.0, 14.0, 4.0, -1.0, 17.0, -13.0, -14.0, 6.0, 14.0, -10.0, -10.0, 1.0, 11.0, -9.0, 12.0, 0.0, 8.0, 5.0, -1.0, 1.0, 19.0, -5.0, 17.0, 11.0, -13.0, 14.0, -5.0, -13.0, -10.0, -15.0, -7.0, -16.0, 1.0, 19.0, 18.0, 17.0, -11.0, -11.0, 7.0, 18.0, 13.0, -12.0, 9.0, 0.0, -3.0, -1.0, 1.0, 16.0, 11.0, -19.0, 10.0, -8.0, -7.0, 3.0, 19.0, -18.0, 0.0, -11.0, 16.0, -2.0, 14.0, 15.0, -16.0, 10.0, 11.0, 13.0, 19.0, 10.0, 13.0, 8.0, -9.0, 13.0, 8.0, 7.0, 18.0, 9.0, -7.0, -8.0, -7.0, -14.0, -17.0, 10.0, 11.0, -14.0, -5.0, 16.0, 13.0, 3.0, 18.0, -7.0, 13.0, 17.0, 3.0, -14.0, -9.0, 0.0, -9.0, -17.0, -14.0, 18.0, -5.0, 3.0, -3.0, 12.0, -16.0, 0.0, 3.0, 12.0, -2.0, 8.0, 12.0, 5.0, 12.0, 18.0, 0x7FF8000000000000, 0x7FF8000000000000, -11.0, -4.0, -20.0, 7.0, -11.0, 13.0, 8.0, -7.0, -2.0, 6.0, -4.0, -12.0, -19.0, 2.0, 1.0, 10.0, -15.0, -18.0, 9.0, 9.0, 11.0, -20.0, 6.0, 18.0, 10.0, -2.0, -1.0, -4.0, -18.0, 8.0, 1.0, 0.0, 17.0, 9.0, 18.0, -17.0, 18.0, 2.0, -4.0, 2.0, -19.0, 17.0, 5.0, -19.0, 16.0, -2.0, -16.0, 5.0, -18.0, 2.0, 10.0, -18.0, 11.0, 3.0, -8.0, -12.0, -20.0, -13.0, -9.0, 15.0, 0.0, -13.0, 9.0, -2.0, 13.0, 10.0, 17.0, 8.0, -16.0, 2.0, -4.0, 12.0, -14.0, -2.0, 13.0, 4.0, -19.0, 12.0, -6.0, 7.0, 6.0, 5.0, -4.0, -4.0, -16.0, 2.0, -9.0, -5.0, -14.0, 9.0, 16.0, -5.0, -4.0, -2.0, -18.0, 10.0, 15.0, 0.0, -18.0, -7.0, -14.0, 13.0, 12.0, -5.0, -5.0, 13.0, -17.0, 11.0, 18.0, -3.0, 10.0, 8.0, 15.0, -19.0, 8.0, -5.0, 14.0, 14.0, -9.0, 3.0, -1.0, 2.0, 13.0, 6.0, 10.0, 7.0, -10.0, 3.0, -5.0, -4.0, -16.0, -13.0, -7.0, -9.0, 5.0, -9.0, -11.0, -3.0, 2.0, 19.0, 0.0, -6.0, -8.0, -3.0, 17.0, -6.0, -11.0, 3.0, 10.0, 17.0, -9.0, 15.0, 14.0, -5.0, -7.0, -10.0, -8.0, 15.0, -8.0, -1.0, 17.0, 0x7FF8000000000000, -15.0, -18.0, -12.0, 14.0, -11.0, -8.0, 1.0, -1.0, -17.0, -13.0]> : tensor<1000xf64>
  %a = nx.argsort %x {axis = 0} : tensor<1000xf64> -> tensor<1000xsi32>
  %af = nx.convert %a : tensor<1000xsi32> -> tensor<1000xf64>
  %ad = tensor.cast %af : tensor<1000xf64> to tensor<?xf64>
  %b = nx.argsort %x {axis = 0, descending = true} : tensor<1000xf64> -> tensor<1000xsi64>
  %bf = nx.convert %b : tensor<1000xsi64> -> tensor<1000xf64>
  %bd = tensor.cast %bf : tensor<1000xf64> to tensor<?xf64>
  %y = nx.reshape %x : tensor<1000xf64> -> tensor<8x125xf64>
  %yd = tensor.cast %y : tensor<8x125xf64> to tensor<?x?xf64>
  %c = nx.sort %yd {axis = 1, descending = true} : tensor<?x?xf64>
  %cs = tensor.cast %c : tensor<?x?xf64> to tensor<8x125xf64>
  %cr = nx.reshape %cs : tensor<8x125xf64> -> tensor<1000xf64>
  %cd = tensor.cast %cr : tensor<1000xf64> to tensor<?xf64>
  return %ad, %bd, %cd : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

func.func @main() {
  // CHECK: [1,  3,  9,  11]
  // CHECK: [4,  7]
  %s0, %s1 = call @slice() : () -> (tensor<?xf64>, tensor<?xf64>)
  call @show(%s0) : (tensor<?xf64>) -> ()
  call @show(%s1) : (tensor<?xf64>) -> ()

  // CHECK: [5,  6,  7]
  // CHECK: [0,  1,  2]
  // CHECK: [5,  6,  7]
  // CHECK: [6,  7,  10,  11]
  %d0, %d1, %d2, %d3 = call @dynamic_slice() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%d0) : (tensor<?xf64>) -> ()
  call @show(%d1) : (tensor<?xf64>) -> ()
  call @show(%d2) : (tensor<?xf64>) -> ()
  call @show(%d3) : (tensor<?xf64>) -> ()

  // CHECK: [0,  0,  1,  2,  3]
  // CHECK: [0,  7,  0,  0,  8,  0,  0,  0,  0]
  %u0, %u1 = call @dynamic_update_slice() : () -> (tensor<?xf64>, tensor<?xf64>)
  call @show(%u0) : (tensor<?xf64>) -> ()
  call @show(%u1) : (tensor<?xf64>) -> ()

  // CHECK: [9,  1,  9,  2,  9]
  // CHECK: [2,  3,  0,  0,  5,  6,  0,  0,  0,  0,  0,  0]
  %p0, %p1 = call @pad() : () -> (tensor<?xf64>, tensor<?xf64>)
  call @show(%p0) : (tensor<?xf64>) -> ()
  call @show(%p1) : (tensor<?xf64>) -> ()

  // CHECK: [1,  2,  3,  4,  5,  6]
  // CHECK: [1,  2,  3,  4,  255]
  %c0, %c1 = call @concatenate() : () -> (tensor<?xf64>, tensor<?xf64>)
  call @show(%c0) : (tensor<?xf64>) -> ()
  call @show(%c1) : (tensor<?xf64>) -> ()

  // CHECK: [3,  2,  1,  6,  5,  4]
  // CHECK: [6,  5,  4,  3,  2,  1]
  %r0, %r1 = call @reverse() : () -> (tensor<?xf64>, tensor<?xf64>)
  call @show(%r0) : (tensor<?xf64>) -> ()
  call @show(%r1) : (tensor<?xf64>) -> ()

  // CHECK: [1,  3,  6,  4,  9,  15]
  // CHECK: [5,  7,  9,  4,  5,  6]
  // CHECK: [24,  24,  12,  4]
  // CHECK: [3,  3,  4,  4,  5]
  // CHECK: [5,  3,  3,  1]
  // CHECK: [1,  nan,  nan]
  %k0, %k1, %k2, %k3, %k4, %k5 = call @cumulative() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%k0) : (tensor<?xf64>) -> ()
  call @show(%k1) : (tensor<?xf64>) -> ()
  call @show(%k2) : (tensor<?xf64>) -> ()
  call @show(%k3) : (tensor<?xf64>) -> ()
  call @show(%k4) : (tensor<?xf64>) -> ()
  call @show(%k5) : (tensor<?xf64>) -> ()

  // CHECK: [-inf,  -1,  0,  inf,  nan]
  // CHECK: [nan,  inf,  0,  -1,  -inf]
  // CHECK: [1,  5,  2,  2,  1,  3,  2,  0,  2,  4,  9,  8,  2,  5,  3,  5,  1,  4]
  // CHECK: [1,  2,  0,  0,  0,  2,  2,  1,  1,  0,  1,  1,  1,  2,  2,  2,  0,  0]
  // CHECK: [1,  3,  2,  0,  4]
  // CHECK: [0,  4,  2,  1,  3]
  // CHECK: [0,  3,  200,  255]
  %o0, %o1, %o2, %o3, %o4, %o5, %o6 = call @sort() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%o0) : (tensor<?xf64>) -> ()
  call @show(%o1) : (tensor<?xf64>) -> ()
  call @show(%o2) : (tensor<?xf64>) -> ()
  call @show(%o3) : (tensor<?xf64>) -> ()
  call @show(%o4) : (tensor<?xf64>) -> ()
  call @show(%o5) : (tensor<?xf64>) -> ()
  call @show(%o6) : (tensor<?xf64>) -> ()

  // CHECK: [4,  2,  3]
  // CHECK: [2,  5,  1,  4,  3,  6,  2,  5]
  // CHECK: [10,  30,  20]
  // CHECK: [2,  1,  0,  3,  7,  10]
  // CHECK: [4,  5,  6,  0,  0,  0,  7,  8,  9,  0,  0,  0]
  // CHECK: [0,  0,  0,  1.5,  3,  0,  0,  0,  0,  0,  0,  0]
  %g0, %g1, %g2, %g3, %g4, %g5 = call @gather_scatter() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%g0) : (tensor<?xf64>) -> ()
  call @show(%g1) : (tensor<?xf64>) -> ()
  call @show(%g2) : (tensor<?xf64>) -> ()
  call @show(%g3) : (tensor<?xf64>) -> ()
  call @show(%g4) : (tensor<?xf64>) -> ()
  call @show(%g5) : (tensor<?xf64>) -> ()

  // CHECK: [0,  0,  0,  0]
  // CHECK: sizes = [0]
  // CHECK: [0,  5]
  // CHECK: [1,  3]
  // CHECK: [1,  2,  3,  0]
  // CHECK: [1,  2,  3,  0,  0]
  // CHECK: [7,  8]
  %q0, %q1, %q2, %q3, %q4, %q5, %q6 = call @guards() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%q0) : (tensor<?xf64>) -> ()
  call @show(%q1) : (tensor<?xf64>) -> ()
  call @show(%q2) : (tensor<?xf64>) -> ()
  call @show(%q3) : (tensor<?xf64>) -> ()
  call @show(%q4) : (tensor<?xf64>) -> ()
  call @show(%q5) : (tensor<?xf64>) -> ()
  call @show(%q6) : (tensor<?xf64>) -> ()

  // CHECK: [13,  65,  75,  140,  142,  229,  241,  352,  375,  393,  544,  626,  830,  849,  884,  47,  49,  90,  166,  181,  193,  197,  371,  373,  385,  411,  471,  617,  630,  638,  679,  705,  761,  840,  868,  871,  904,  941,  8,  105,  132,  174,  192,  212,  293,  319,  349,  419,  454,  556,  565,  584,  675,  689,  698,  767,  845,  856,  876,  879,  922,  926,  991,  66,  93,  135,  146,  206,  248,  268,  292,  346,  392,  451,  462,  513,  521,  531,  553,  596,  653,  792,  809,  863,  934,  998,  18,  46,  104,  199,  202,  256,  327,  359,  388,  390,  425,  489,  622,  651,  656,  657,  680,  703,  709,  743,  774,  816,  874,  896,  912,  958,  16,  50,  149,  159,  235,  266,  308,  338,  428,  437,  468,  493,  525,  527,  529,  581,  588,  612,  637,  642,  643,  674,  741,  844,  990,  43,  79,  111,  127,  225,  274,  296,  318,  332,  372,  389,  424,  469,  476,  482,  520,  678,  710,  718,  791,  795,  805,  810,  900,  916,  928,  67,  84,  161,  167,  252,  253,  257,  347,  381,  407,  443,  494,  522,  546,  571,  583,  602,  603,  658,  659,  667,  711,  717,  736,  739,  885,  889,  959,  999,  41,  71,  139,  178,  270,  272,  317,  321,  404,  475,  505,  508,  576,  610,  671,  753,  839,  883,  992,  7,  63,  94,  110,  131,  164,  179,  250,  251,  294,  342,  379,  384,  406,  412,  507,  566,  686,  697,  701,  748,  749,  769,  828,  832,  964,  974,  994,  25,  60,  81,  267,  301,  376,  377,  448,  483,  535,  573,  632,  650,  676,  694,  721,  722,  740,  954,  983,  10,  23,  158,  214,  312,  322,  504,  519,  572,  692,  725,  782,  806,  808,  886,  914,  946,  961,  963,  978,  9,  21,  109,  143,  189,  228,  260,  306,  337,  386,  395,  423,  426,  430,  431,  436,  464,  500,  537,  550,  600,  608,  681,  683,  763,  789,  882,  970,  984,  986,  995,  22,  38,  211,  259,  265,  313,  421,  461,  470,  509,  514,  562,  614,  618,  644,  742,  764,  788,  790,  801,  835,  927,  960,  982,  73,  101,  130,  195,  217,  255,  288,  460,  501,  563,  634,  648,  906,  969,  973,  62,  107,  112,  115,  118,  168,  175,  258,  315,  336,  410,  446,  481,  491,  499,  549,  599,  613,  623,  629,  635,  682,  699,  733,  738,  796,  812,  915,  919,  931,  932,  943,  956,  981,  114,  133,  136,  177,  226,  237,  289,  344,  351,  590,  615,  704,  829,  838,  855,  866,  898,  910,  911,  920,  957,  27,  48,  58,  120,  122,  129,  190,  205,  208,  271,  285,  295,  374,  402,  434,  545,  611,  620,  652,  663,  684,  756,  814,  937,  965,  971,  19,  40,  53,  92,  185,  320,  334,  341,  394,  414,  452,  466,  485,  511,  552,  586,  668,  677,  687,  771,  820,  836,  853,  873,  891,  901,  921,  14,  28,  61,  74,  144,  152,  188,  244,  331,  442,  472,  540,  616,  715,  730,  757,  854,  948,  987,  997,  29,  32,  51,  59,  85,  97,  200,  207,  219,  247,  275,  297,  300,  316,  367,  370,  453,  498,  516,  526,  530,  543,  567,  655,  702,  707,  727,  755,  768,  807,  817,  859,  888,  925,  968,  80,  95,  124,  148,  187,  220,  298,  399,  503,  558,  575,  621,  625,  660,  723,  731,  744,  758,  842,  858,  996,  31,  128,  157,  160,  165,  173,  184,  263,  383,  396,  409,  445,  477,  580,  661,  712,  841,  865,  867,  877,  897,  913,  949,  966,  4,  30,  103,  108,  116,  119,  172,  213,  230,  282,  283,  326,  333,  387,  420,  444,  488,  490,  512,  517,  606,  765,  799,  804,  813,  818,  881,  947,  955,  975,  37,  45,  76,  98,  121,  154,  314,  329,  405,  449,  541,  598,  714,  903,  1,  57,  89,  102,  123,  171,  234,  243,  309,  343,  345,  400,  427,  447,  455,  478,  578,  587,  592,  601,  729,  823,  870,  875,  909,  962,  78,  106,  141,  147,  203,  335,  403,  432,  473,  474,  487,  495,  502,  554,  561,  696,  719,  837,  850,  908,  951,  2,  69,  100,  125,  210,  215,  304,  305,  350,  354,  362,  391,  458,  496,  654,  750,  785,  831,  907,  953,  24,  36,  72,  88,  180,  194,  290,  307,  378,  463,  506,  551,  564,  589,  609,  627,  645,  685,  728,  781,  784,  821,  834,  857,  895,  939,  942,  91,  96,  204,  232,  249,  281,  328,  348,  357,  364,  532,  534,  555,  574,  577,  688,  700,  754,  787,  846,  847,  861,  890,  917,  162,  186,  191,  221,  231,  280,  340,  353,  408,  439,  440,  515,  523,  538,  569,  605,  607,  628,  639,  665,  670,  673,  762,  775,  779,  793,  843,  852,  878,  893,  923,  938,  952,  976,  5,  17,  35,  222,  245,  302,  429,  435,  450,  557,  585,  594,  597,  636,  724,  735,  760,  776,  794,  848,  880,  935,  15,  20,  34,  54,  56,  113,  196,  233,  239,  303,  324,  355,  363,  368,  401,  413,  457,  459,  570,  726,  815,  819,  822,  824,  899,  905,  930,  6,  42,  77,  87,  134,  150,  151,  236,  238,  284,  325,  358,  422,  438,  492,  497,  528,  536,  539,  559,  595,  619,  631,  647,  672,  708,  752,  777,  780,  783,  798,  802,  833,  892,  902,  929,  933,  950,  11,  44,  99,  145,  209,  216,  242,  262,  398,  417,  433,  510,  542,  548,  560,  604,  666,  713,  720,  737,  772,  944,  945,  980,  993,  3,  70,  83,  169,  183,  278,  279,  287,  356,  365,  366,  441,  467,  480,  484,  518,  547,  579,  582,  693,  773,  887,  924,  940,  979,  985,  12,  55,  155,  198,  218,  223,  254,  291,  310,  323,  330,  360,  361,  369,  416,  456,  524,  533,  633,  646,  649,  669,  695,  759,  770,  797,  872,  918,  0,  86,  153,  163,  227,  261,  286,  380,  397,  479,  568,  593,  640,  664,  690,  716,  734,  747,  803,  860,  869,  894,  972,  977,  988,  52,  68,  82,  126,  137,  138,  156,  170,  182,  201,  240,  246,  269,  276,  299,  311,  339,  382,  415,  624,  662,  746,  751,  786,  800,  811,  825,  851,  862,  864,  936,  26,  33,  39,  64,  117,  176,  224,  264,  273,  486,  591,  641,  691,  706,  732,  745,  766,  778,  967,  277,  418,  465,  826,  827,  989]
  // CHECK: [277,  418,  465,  826,  827,  989,  26,  33,  39,  64,  117,  176,  224,  264,  273,  486,  591,  641,  691,  706,  732,  745,  766,  778,  967,  52,  68,  82,  126,  137,  138,  156,  170,  182,  201,  240,  246,  269,  276,  299,  311,  339,  382,  415,  624,  662,  746,  751,  786,  800,  811,  825,  851,  862,  864,  936,  0,  86,  153,  163,  227,  261,  286,  380,  397,  479,  568,  593,  640,  664,  690,  716,  734,  747,  803,  860,  869,  894,  972,  977,  988,  12,  55,  155,  198,  218,  223,  254,  291,  310,  323,  330,  360,  361,  369,  416,  456,  524,  533,  633,  646,  649,  669,  695,  759,  770,  797,  872,  918,  3,  70,  83,  169,  183,  278,  279,  287,  356,  365,  366,  441,  467,  480,  484,  518,  547,  579,  582,  693,  773,  887,  924,  940,  979,  985,  11,  44,  99,  145,  209,  216,  242,  262,  398,  417,  433,  510,  542,  548,  560,  604,  666,  713,  720,  737,  772,  944,  945,  980,  993,  6,  42,  77,  87,  134,  150,  151,  236,  238,  284,  325,  358,  422,  438,  492,  497,  528,  536,  539,  559,  595,  619,  631,  647,  672,  708,  752,  777,  780,  783,  798,  802,  833,  892,  902,  929,  933,  950,  15,  20,  34,  54,  56,  113,  196,  233,  239,  303,  324,  355,  363,  368,  401,  413,  457,  459,  570,  726,  815,  819,  822,  824,  899,  905,  930,  5,  17,  35,  222,  245,  302,  429,  435,  450,  557,  585,  594,  597,  636,  724,  735,  760,  776,  794,  848,  880,  935,  162,  186,  191,  221,  231,  280,  340,  353,  408,  439,  440,  515,  523,  538,  569,  605,  607,  628,  639,  665,  670,  673,  762,  775,  779,  793,  843,  852,  878,  893,  923,  938,  952,  976,  91,  96,  204,  232,  249,  281,  328,  348,  357,  364,  532,  534,  555,  574,  577,  688,  700,  754,  787,  846,  847,  861,  890,  917,  24,  36,  72,  88,  180,  194,  290,  307,  378,  463,  506,  551,  564,  589,  609,  627,  645,  685,  728,  781,  784,  821,  834,  857,  895,  939,  942,  2,  69,  100,  125,  210,  215,  304,  305,  350,  354,  362,  391,  458,  496,  654,  750,  785,  831,  907,  953,  78,  106,  141,  147,  203,  335,  403,  432,  473,  474,  487,  495,  502,  554,  561,  696,  719,  837,  850,  908,  951,  1,  57,  89,  102,  123,  171,  234,  243,  309,  343,  345,  400,  427,  447,  455,  478,  578,  587,  592,  601,  729,  823,  870,  875,  909,  962,  37,  45,  76,  98,  121,  154,  314,  329,  405,  449,  541,  598,  714,  903,  4,  30,  103,  108,  116,  119,  172,  213,  230,  282,  283,  326,  333,  387,  420,  444,  488,  490,  512,  517,  606,  765,  799,  804,  813,  818,  881,  947,  955,  975,  31,  128,  157,  160,  165,  173,  184,  263,  383,  396,  409,  445,  477,  580,  661,  712,  841,  865,  867,  877,  897,  913,  949,  966,  80,  95,  124,  148,  187,  220,  298,  399,  503,  558,  575,  621,  625,  660,  723,  731,  744,  758,  842,  858,  996,  29,  32,  51,  59,  85,  97,  200,  207,  219,  247,  275,  297,  300,  316,  367,  370,  453,  498,  516,  526,  530,  543,  567,  655,  702,  707,  727,  755,  768,  807,  817,  859,  888,  925,  968,  14,  28,  61,  74,  144,  152,  188,  244,  331,  442,  472,  540,  616,  715,  730,  757,  854,  948,  987,  997,  19,  40,  53,  92,  185,  320,  334,  341,  394,  414,  452,  466,  485,  511,  552,  586,  668,  677,  687,  771,  820,  836,  853,  873,  891,  901,  921,  27,  48,  58,  120,  122,  129,  190,  205,  208,  271,  285,  295,  374,  402,  434,  545,  611,  620,  652,  663,  684,  756,  814,  937,  965,  971,  114,  133,  136,  177,  226,  237,  289,  344,  351,  590,  615,  704,  829,  838,  855,  866,  898,  910,  911,  920,  957,  62,  107,  112,  115,  118,  168,  175,  258,  315,  336,  410,  446,  481,  491,  499,  549,  599,  613,  623,  629,  635,  682,  699,  733,  738,  796,  812,  915,  919,  931,  932,  943,  956,  981,  73,  101,  130,  195,  217,  255,  288,  460,  501,  563,  634,  648,  906,  969,  973,  22,  38,  211,  259,  265,  313,  421,  461,  470,  509,  514,  562,  614,  618,  644,  742,  764,  788,  790,  801,  835,  927,  960,  982,  9,  21,  109,  143,  189,  228,  260,  306,  337,  386,  395,  423,  426,  430,  431,  436,  464,  500,  537,  550,  600,  608,  681,  683,  763,  789,  882,  970,  984,  986,  995,  10,  23,  158,  214,  312,  322,  504,  519,  572,  692,  725,  782,  806,  808,  886,  914,  946,  961,  963,  978,  25,  60,  81,  267,  301,  376,  377,  448,  483,  535,  573,  632,  650,  676,  694,  721,  722,  740,  954,  983,  7,  63,  94,  110,  131,  164,  179,  250,  251,  294,  342,  379,  384,  406,  412,  507,  566,  686,  697,  701,  748,  749,  769,  828,  832,  964,  974,  994,  41,  71,  139,  178,  270,  272,  317,  321,  404,  475,  505,  508,  576,  610,  671,  753,  839,  883,  992,  67,  84,  161,  167,  252,  253,  257,  347,  381,  407,  443,  494,  522,  546,  571,  583,  602,  603,  658,  659,  667,  711,  717,  736,  739,  885,  889,  959,  999,  43,  79,  111,  127,  225,  274,  296,  318,  332,  372,  389,  424,  469,  476,  482,  520,  678,  710,  718,  791,  795,  805,  810,  900,  916,  928,  16,  50,  149,  159,  235,  266,  308,  338,  428,  437,  468,  493,  525,  527,  529,  581,  588,  612,  637,  642,  643,  674,  741,  844,  990,  18,  46,  104,  199,  202,  256,  327,  359,  388,  390,  425,  489,  622,  651,  656,  657,  680,  703,  709,  743,  774,  816,  874,  896,  912,  958,  66,  93,  135,  146,  206,  248,  268,  292,  346,  392,  451,  462,  513,  521,  531,  553,  596,  653,  792,  809,  863,  934,  998,  8,  105,  132,  174,  192,  212,  293,  319,  349,  419,  454,  556,  565,  584,  675,  689,  698,  767,  845,  856,  876,  879,  922,  926,  991,  47,  49,  90,  166,  181,  193,  197,  371,  373,  385,  411,  471,  617,  630,  638,  679,  705,  761,  840,  868,  871,  904,  941,  13,  65,  75,  140,  142,  229,  241,  352,  375,  393,  544,  626,  830,  849,  884]
  // CHECK: [19,  19,  19,  19,  19,  18,  18,  18,  17,  17,  16,  16,  15,  15,  15,  14,  14,  14,  13,  13,  13,  13,  12,  12,  12,  12,  12,  12,  11,  11,  11,  9,  9,  8,  8,  8,  8,  7,  7,  7,  6,  6,  5,  5,  5,  5,  5,  4,  4,  4,  4,  4,  3,  3,  3,  3,  3,  3,  2,  1,  1,  1,  0,  0,  0,  0,  0,  0,  -1,  -1,  -1,  -1,  -2,  -2,  -2,  -2,  -3,  -3,  -3,  -3,  -3,  -4,  -5,  -5,  -5,  -5,  -5,  -6,  -6,  -7,  -7,  -8,  -8,  -8,  -9,  -9,  -10,  -10,  -10,  -11,  -11,  -11,  -11,  -12,  -12,  -13,  -13,  -14,  -14,  -14,  -15,  -15,  -16,  -16,  -16,  -17,  -17,  -18,  -18,  -19,  -19,  -19,  -20,  -20,  -20,  19,  19,  18,  18,  18,  18,  18,  18,  18,  18,  18,  17,  17,  17,  16,  16,  16,  16,  15,  15,  14,  14,  14,  14,  13,  13,  13,  13,  13,  12,  12,  12,  11,  11,  10,  10,  10,  10,  10,  9,  9,  9,  8,  8,  7,  7,  7,  6,  6,  6,  5,  5,  5,  4,  3,  3,  3,  2,  2,  2,  2,  2,  2,  1,  1,  1,  -0,  0,  0,  0,  -1,  -1,  -1,  -1,  -2,  -3,  -3,  -3,  -3,  -4,  -4,  -4,  -4,  -4,  -5,  -5,  -6,  -6,  -6,  -7,  -8,  -8,  -8,  -9,  -9,  -11,  -11,  -11,  -12,  -12,  -13,  -13,  -14,  -14,  -15,  -15,  -15,  -16,  -16,  -17,  -17,  -17,  -17,  -18,  -18,  -18,  -18,  -19,  -19,  -19,  -19,  -20,  -20,  -20,  -20,  nan,  19,  19,  18,  18,  18,  18,  18,  17,  17,  16,  16,  16,  16,  16,  16,  16,  16,  15,  15,  15,  15,  15,  15,  14,  13,  13,  13,  12,  12,  12,  12,  12,  11,  10,  10,  10,  9,  9,  9,  9,  9,  8,  8,  7,  7,  7,  7,  7,  6,  5,  5,  5,  4,  4,  3,  3,  3,  3,  2,  1,  0,  0,  0,  0,  0,  0,  -1,  -2,  -2,  -2,  -3,  -3,  -3,  -3,  -4,  -4,  -4,  -5,  -5,  -5,  -6,  -6,  -7,  -7,  -7,  -8,  -8,  -8,  -9,  -9,  -10,  -10,  -11,  -11,  -11,  -11,  -12,  -12,  -12,  -12,  -13,  -13,  -13,  -13,  -14,  -14,  -14,  -14,  -14,  -15,  -15,  -15,  -16,  -16,  -16,  -17,  -17,  -17,  -18,  -18,  -18,  -19,  -19,  -20,  nan,  nan,  19,  18,  18,  17,  17,  17,  16,  16,  15,  15,  15,  15,  14,  14,  14,  13,  13,  13,  13,  12,  12,  12,  12,  11,  11,  11,  10,  10,  10,  8,  8,  7,  7,  7,  6,  6,  6,  6,  6,  6,  5,  5,  5,  5,  5,  4,  4,  3,  3,  3,  3,  3,  2,  2,  2,  2,  2,  1,  -0,  0,  -1,  -1,  -2,  -2,  -2,  -2,  -2,  -3,  -3,  -5,  -5,  -5,  -5,  -5,  -6,  -7,  -7,  -7,  -8,  -8,  -8,  -8,  -8,  -8,  -8,  -8,  -10,  -10,  -10,  -10,  -11,  -11,  -11,  -11,  -12,  -12,  -13,  -13,  -13,  -13,  -14,  -14,  -14,  -14,  -14,  -15,  -15,  -15,  -15,  -16,  -16,  -16,  -16,  -17,  -17,  -17,  -18,  -18,  -19,  -19,  -19,  -20,  -20,  19,  18,  17,  17,  16,  16,  15,  15,  15,  15,  14,  14,  14,  14,  14,  13,  13,  13,  13,  13,  13,  12,  11,  11,  11,  11,  10,  10,  10,  10,  10,  10,  9,  9,  9,  9,  9,  8,  8,  8,  8,  8,  6,  6,  6,  5,  5,  5,  5,  4,  4,  3,  3,  3,  2,  1,  1,  1,  1,  -0,  0,  -0,  0,  0,  -1,  -1,  -2,  -2,  -2,  -3,  -3,  -3,  -4,  -4,  -5,  -5,  -5,  -5,  -6,  -6,  -7,  -7,  -7,  -7,  -7,  -8,  -8,  -8,  -8,  -8,  -9,  -9,  -9,  -10,  -10,  -11,  -11,  -12,  -12,  -12,  -12,  -13,  -13,  -13,  -13,  -13,  -13,  -14,  -15,  -15,  -15,  -15,  -15,  -15,  -16,  -17,  -17,  -17,  -17,  -17,  -18,  -18,  -18,  -19,  -20,  19,  19,  19,  19,  19,  18,  18,  17,  17,  17,  17,  17,  17,  16,  16,  16,  16,  16,  15,  14,  14,  14,  14,  13,  13,  13,  13,  12,  11,  11,  11,  10,  10,  10,  10,  10,  9,  9,  8,  8,  8,  8,  7,  6,  6,  5,  4,  2,  2,  1,  1,  1,  1,  1,  -0,  0,  0,  0,  -1,  -1,  -2,  -2,  -2,  -3,  -3,  -3,  -4,  -5,  -5,  -5,  -5,  -5,  -5,  -6,  -6,  -7,  -7,  -8,  -8,  -9,  -9,  -10,  -10,  -10,  -10,  -10,  -10,  -10,  -11,  -11,  -11,  -11,  -11,  -12,  -13,  -13,  -13,  -13,  -13,  -13,  -13,  -14,  -14,  -14,  -15,  -15,  -15,  -15,  -15,  -16,  -16,  -16,  -16,  -16,  -16,  -16,  -17,  -18,  -18,  -18,  -19,  -19,  -19,  -19,  -20,  nan,  nan,  19,  19,  18,  18,  18,  18,  18,  18,  18,  18,  17,  17,  17,  16,  16,  16,  16,  15,  14,  13,  13,  13,  13,  13,  13,  13,  12,  12,  12,  12,  11,  11,  11,  11,  10,  10,  10,  10,  10,  10,  9,  9,  9,  9,  9,  8,  8,  8,  8,  8,  7,  7,  7,  6,  6,  5,  5,  3,  3,  3,  3,  3,  2,  2,  2,  1,  1,  1,  0,  0,  0,  0,  0,  -1,  -1,  -2,  -2,  -2,  -2,  -2,  -3,  -3,  -4,  -4,  -4,  -4,  -5,  -5,  -7,  -7,  -7,  -7,  -7,  -8,  -8,  -9,  -9,  -9,  -11,  -11,  -11,  -12,  -12,  -14,  -14,  -14,  -14,  -15,  -16,  -16,  -16,  -17,  -17,  -17,  -18,  -18,  -18,  -19,  -19,  -19,  -19,  -20,  -20,  nan,  19,  18,  17,  17,  17,  17,  16,  15,  15,  15,  15,  15,  14,  14,  14,  14,  13,  13,  13,  13,  13,  12,  12,  12,  11,  11,  10,  10,  10,  10,  10,  10,  9,  9,  8,  8,  8,  7,  7,  6,  6,  5,  5,  5,  4,  3,  3,  3,  3,  2,  2,  2,  2,  2,  1,  0,  0,  0,  -1,  -1,  -1,  -2,  -2,  -2,  -3,  -3,  -3,  -4,  -4,  -4,  -4,  -4,  -5,  -5,  -5,  -5,  -5,  -5,  -5,  -6,  -6,  -6,  -7,  -7,  -7,  -8,  -8,  -8,  -8,  -8,  -9,  -9,  -9,  -9,  -9,  -9,  -10,  -10,  -11,  -11,  -11,  -12,  -12,  -13,  -13,  -13,  -13,  -14,  -14,  -14,  -15,  -16,  -16,  -16,  -17,  -17,  -18,  -18,  -18,  -18,  -18,  -19,  -19,  -20]
  %z0, %z1, %z2 = call @big_sort() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%z0) : (tensor<?xf64>) -> ()
  call @show(%z1) : (tensor<?xf64>) -> ()
  call @show(%z2) : (tensor<?xf64>) -> ()
  return
}
