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
// RUN:   -shared-libs=%llvm_lib_dir/libmlir_runner_utils.so,%llvm_lib_dir/libmlir_c_runner_utils.so \
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
  return
}
