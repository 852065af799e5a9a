// RUN: nx-opt %s --nx-to-linalg --linalg-fuse-elementwise-ops \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries allow-return-allocs-from-loops" \
// RUN:   --convert-linalg-to-affine-loops --lower-affine \
// RUN:   --convert-math-to-funcs --convert-math-to-libm --arith-expand \
// RUN:   --expand-strided-metadata --lower-affine --finalize-memref-to-llvm \
// RUN:   --convert-scf-to-cf --convert-arith-to-llvm --convert-math-to-llvm \
// RUN:   --convert-index-to-llvm --convert-ub-to-llvm --convert-cf-to-llvm \
// RUN:   --convert-func-to-llvm --reconcile-unrealized-casts \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%llvm_lib_dir/libmlir_runner_utils.so,%llvm_lib_dir/libmlir_c_runner_utils.so \
// RUN: | FileCheck %s

// Tests the numerics of the lowering of the issue 4 window, convolution,
// control-flow and bitwise ops by running it: each case returns f64 results
// that @main prints. Expected values come from the examples in Nx's
// documentation (window_sum, conv) and from a direct NumPy implementation of
// the Nx semantics in docs/dialect-window.md, or by hand.

func.func private @printMemrefF64(memref<*xf64>)

func.func @show(%t: tensor<?xf64>) {
  %m = bufferization.to_buffer %t : tensor<?xf64> to memref<?xf64>
  %u = memref.cast %m : memref<?xf64> to memref<*xf64>
  call @printMemrefF64(%u) : (memref<*xf64>) -> ()
  return
}

// Bitwise ops, shifts past the bit width, bit counts, bitcasts.
func.func @bitwise() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %x = nx.constant dense<[12, -1, 5, 0]> : tensor<4xsi32>
  %y = nx.constant dense<[10, 3, -6, 7]> : tensor<4xsi32>
  %and = nx.bitwise_and %x, %y : tensor<4xsi32>
  %or = nx.bitwise_or %x, %y : tensor<4xsi32>
  %xor = nx.bitwise_xor %x, %y : tensor<4xsi32>
  %not = nx.bitwise_not %x : tensor<4xsi32>
  %b1 = nx.constant dense<[1, 1, -1, -1, 3, 5]> : tensor<6xsi32>
  %s1 = nx.constant dense<[1, 2, 3, 32, 40, 31]> : tensor<6xsi32>
  %shl = nx.left_shift %b1, %s1 : tensor<6xsi32>
  %b2 = nx.constant dense<[16, -64, -128, -1, 100, -100]> : tensor<6xsi32>
  %s2 = nx.constant dense<[1, 3, 40, 31, 32, 33]> : tensor<6xsi32>
  %shr = nx.right_shift %b2, %s2 : tensor<6xsi32>
  %u = nx.constant dense<[200, 200, 255, 255]> : tensor<4xui8>
  %us = nx.constant dense<[1, 8, 3, 200]> : tensor<4xui8>
  %ushr = nx.right_shift %u, %us : tensor<4xui8>
  %ushl = nx.left_shift %u, %us : tensor<4xui8>
  %p = nx.constant dense<[-1, 0, 7, -128]> : tensor<4xsi8>
  %pc = nx.population_count %p : tensor<4xsi8>
  %c = nx.constant dense<[1, 0, -1, 65536]> : tensor<4xsi32>
  %clz = nx.count_leading_zeros %c : tensor<4xsi32>
  %f = nx.constant dense<[1.0, -2.0]> : tensor<2xf32>
  %fb = nx.bitcast %f : tensor<2xf32> -> tensor<2xsi32>
  %m1 = nx.constant dense<[-1, 1]> : tensor<2xsi32>
  %ub = nx.bitcast %m1 : tensor<2xsi32> -> tensor<2xui32>
  %i = nx.constant dense<[1065353216, -1082130432]> : tensor<2xsi32>
  %ib = nx.bitcast %i : tensor<2xsi32> -> tensor<2xf32>

  %a4 = nx.broadcast_in_dim %and {dims = array<i64: 1>} : tensor<4xsi32> -> tensor<1x4xsi32>
  %o4 = nx.broadcast_in_dim %or {dims = array<i64: 1>} : tensor<4xsi32> -> tensor<1x4xsi32>
  %x4 = nx.broadcast_in_dim %xor {dims = array<i64: 1>} : tensor<4xsi32> -> tensor<1x4xsi32>
  %n4 = nx.broadcast_in_dim %not {dims = array<i64: 1>} : tensor<4xsi32> -> tensor<1x4xsi32>
  %l1 = nx.convert %a4 : tensor<1x4xsi32> -> tensor<1x4xf64>
  %l2 = nx.convert %o4 : tensor<1x4xsi32> -> tensor<1x4xf64>
  %l3 = nx.convert %x4 : tensor<1x4xsi32> -> tensor<1x4xf64>
  %l4 = nx.convert %n4 : tensor<1x4xsi32> -> tensor<1x4xf64>
  %logic = tensor.concat dim(0) %l1, %l2, %l3, %l4 : (tensor<1x4xf64>, tensor<1x4xf64>, tensor<1x4xf64>, tensor<1x4xf64>) -> tensor<4x4xf64>
  %logicf = tensor.collapse_shape %logic [[0, 1]] : tensor<4x4xf64> into tensor<16xf64>
  %out0 = tensor.cast %logicf : tensor<16xf64> to tensor<?xf64>

  %shlf = nx.convert %shl : tensor<6xsi32> -> tensor<6xf64>
  %shrf = nx.convert %shr : tensor<6xsi32> -> tensor<6xf64>
  %shifts = tensor.concat dim(0) %shlf, %shrf : (tensor<6xf64>, tensor<6xf64>) -> tensor<12xf64>
  %out1 = tensor.cast %shifts : tensor<12xf64> to tensor<?xf64>

  %ushrf = nx.convert %ushr : tensor<4xui8> -> tensor<4xf64>
  %ushlf = nx.convert %ushl : tensor<4xui8> -> tensor<4xf64>
  %ushifts = tensor.concat dim(0) %ushrf, %ushlf : (tensor<4xf64>, tensor<4xf64>) -> tensor<8xf64>
  %out2 = tensor.cast %ushifts : tensor<8xf64> to tensor<?xf64>

  %pcf = nx.convert %pc : tensor<4xsi8> -> tensor<4xf64>
  %clzf = nx.convert %clz : tensor<4xsi32> -> tensor<4xf64>
  %counts = tensor.concat dim(0) %pcf, %clzf : (tensor<4xf64>, tensor<4xf64>) -> tensor<8xf64>
  %out3 = tensor.cast %counts : tensor<8xf64> to tensor<?xf64>

  %fbf = nx.convert %fb : tensor<2xsi32> -> tensor<2xf64>
  %ubf = nx.convert %ub : tensor<2xui32> -> tensor<2xf64>
  %ibf = nx.convert %ib : tensor<2xf32> -> tensor<2xf64>
  %casts = tensor.concat dim(0) %fbf, %ubf, %ibf : (tensor<2xf64>, tensor<2xf64>, tensor<2xf64>) -> tensor<6xf64>
  %out4 = tensor.cast %casts : tensor<6xf64> to tensor<?xf64>
  return %out0, %out1, %out2, %out3, %out4 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// Window reductions: Nx's window_sum example with padding, strides and
// dilations; max with -inf padding; min of unsigned with the type's max as
// padding; product with dilation.
func.func @windows() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %t = nx.constant dense<[[[4, 2, 1, 3], [4, 2, 1, 7]], [[1, 2, 5, 7], [1, 8, 9, 2]]]> : tensor<2x2x4xsi32>
  %s = nx.window_sum %t {window_dimensions = array<i64: 2, 1, 2>, window_strides = array<i64: 2, 1, 1>, padding_low = array<i64: 2, 3, 1>, padding_high = array<i64: 1, 1, 0>, window_dilations = array<i64: 1, 2, 2>} : tensor<2x2x4xsi32> -> tensor<2x6x3xsi32>
  %sf = nx.convert %s : tensor<2x6x3xsi32> -> tensor<2x6x3xf64>
  %sr = nx.reshape %sf : tensor<2x6x3xf64> -> tensor<36xf64>
  %out0 = tensor.cast %sr : tensor<36xf64> to tensor<?xf64>

  %x = nx.constant dense<[[1.0, 5.0, 2.0], [7.0, 3.0, -4.0], [0.0, 9.0, 6.0]]> : tensor<3x3xf32>
  %m = nx.window_max %x {window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 1, 2>, padding_low = array<i64: 1, 0>, padding_high = array<i64: 0, 1>, window_dilations = array<i64: 1, 1>} : tensor<3x3xf32> -> tensor<3x2xf32>
  %mf = nx.convert %m : tensor<3x2xf32> -> tensor<3x2xf64>
  %mr = nx.reshape %mf : tensor<3x2xf64> -> tensor<6xf64>
  %out1 = tensor.cast %mr : tensor<6xf64> to tensor<?xf64>

  %u = nx.constant dense<[[9, 3, 250, 7], [8, 200, 1, 6]]> : tensor<2x4xui8>
  %n = nx.window_min %u {window_dimensions = array<i64: 1, 3>, window_strides = array<i64: 1, 1>, padding_low = array<i64: 0, 1>, padding_high = array<i64: 1, 1>, window_dilations = array<i64: 1, 1>} : tensor<2x4xui8> -> tensor<3x4xui8>
  %nf = nx.convert %n : tensor<3x4xui8> -> tensor<3x4xf64>
  %nr = nx.reshape %nf : tensor<3x4xf64> -> tensor<12xf64>
  %out2 = tensor.cast %nr : tensor<12xf64> to tensor<?xf64>

  %p = nx.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]> : tensor<7xf64>
  %pp = nx.window_product %p {window_dimensions = array<i64: 3>, window_strides = array<i64: 2>, padding_low = array<i64: 0>, padding_high = array<i64: 2>, window_dilations = array<i64: 2>} : tensor<7xf64> -> tensor<3xf64>
  %out3 = tensor.cast %pp : tensor<3xf64> to tensor<?xf64>
  return %out0, %out1, %out2, %out3 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// Convolutions: Nx's conv example (strides, :same padding, kernel
// dilation); feature groups with input dilation and negative padding; batch
// groups.
func.func @convs() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %x = nx.iota {axis = 0} : tensor<9xf32>
  %x2 = nx.reshape %x : tensor<9xf32> -> tensor<1x1x3x3xf32>
  %k = nx.iota {axis = 0} : tensor<8xf32>
  %k2 = nx.reshape %k : tensor<8xf32> -> tensor<4x1x2x1xf32>
  %c = nx.conv %x2, %k2 {strides = array<i64: 2, 2>, padding_low = array<i64: 1, 0>, padding_high = array<i64: 1, 0>, input_dilation = array<i64: 1, 1>, kernel_dilation = array<i64: 2, 1>} : tensor<1x1x3x3xf32>, tensor<4x1x2x1xf32> -> tensor<1x4x2x2xf32>
  %cf = nx.convert %c : tensor<1x4x2x2xf32> -> tensor<1x4x2x2xf64>
  %cr = nx.reshape %cf : tensor<1x4x2x2xf64> -> tensor<16xf64>
  %out0 = tensor.cast %cr : tensor<16xf64> to tensor<?xf64>

  // input [1, 4, 5], kernel [6, 2, 2]: 2 feature groups.
  %g = nx.iota {axis = 0} : tensor<20xf64>
  %g2 = nx.reshape %g : tensor<20xf64> -> tensor<1x4x5xf64>
  %gk = nx.constant dense<[[[1.0, 2.0], [0.0, -1.0]], [[1.0, 1.0], [1.0, 1.0]], [[0.5, 0.0], [0.0, 2.0]], [[3.0, -1.0], [2.0, 1.0]], [[-2.0, 1.0], [1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]]]> : tensor<6x2x2xf64>
  %gc = nx.conv %g2, %gk {strides = array<i64: 2>, padding_low = array<i64: -1>, padding_high = array<i64: 2>, input_dilation = array<i64: 2>, kernel_dilation = array<i64: 3>, feature_group_size = 2} : tensor<1x4x5xf64>, tensor<6x2x2xf64> -> tensor<1x6x4xf64>
  %gr = nx.reshape %gc : tensor<1x6x4xf64> -> tensor<24xf64>
  %out1 = tensor.cast %gr : tensor<24xf64> to tensor<?xf64>

  // input [4, 1, 3], kernel [2, 1, 2]: 2 batch groups.
  %b = nx.iota {axis = 0} : tensor<12xsi32>
  %b2 = nx.reshape %b : tensor<12xsi32> -> tensor<4x1x3xsi32>
  %bk = nx.constant dense<[[[1, 2]], [[-1, 3]]]> : tensor<2x1x2xsi32>
  %bc = nx.conv %b2, %bk {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>, batch_group_size = 2} : tensor<4x1x3xsi32>, tensor<2x1x2xsi32> -> tensor<2x2x2xsi32>
  %bf = nx.convert %bc : tensor<2x2x2xsi32> -> tensor<2x2x2xf64>
  %br = nx.reshape %bf : tensor<2x2x2xf64> -> tensor<8xf64>
  %out2 = tensor.cast %br : tensor<8xf64> to tensor<?xf64>
  return %out0, %out1, %out2 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// Window scatters: Nx's two window_scatter_max examples (the second with
// overlapping windows that select the same element), then min and max with
// padding (filled with init_value; selections there are dropped) and ties
// (the last of equal elements wins).
func.func @scatters() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %t = nx.constant dense<[[7, 2, 5, 3, 10, 2], [3, 8, 9, 3, 4, 2], [1, 5, 7, 5, 6, 1], [0, 6, 2, 7, 2, 8]]> : tensor<4x6xsi32>
  %src = nx.constant dense<[[2, 6], [3, 1]]> : tensor<2x2xsi32>
  %zero = nx.constant dense<0> : tensor<si32>
  %a = nx.window_scatter_max %t, %src, %zero {window_dimensions = array<i64: 2, 3>, window_strides = array<i64: 2, 3>, padding_low = array<i64: 0, 0>, padding_high = array<i64: 0, 0>} : tensor<4x6xsi32>, tensor<2x2xsi32>, tensor<si32>
  %af = nx.convert %a : tensor<4x6xsi32> -> tensor<4x6xf64>
  %ar = nx.reshape %af : tensor<4x6xf64> -> tensor<24xf64>
  %out0 = tensor.cast %ar : tensor<24xf64> to tensor<?xf64>

  %t2 = nx.constant dense<[[7, 2, 5, 3, 8], [3, 8, 9, 3, 4], [1, 5, 7, 5, 6], [0, 6, 2, 10, 2]]> : tensor<4x5xsi32>
  %b = nx.window_scatter_max %t2, %src, %zero {window_dimensions = array<i64: 2, 3>, window_strides = array<i64: 2, 2>, padding_low = array<i64: 0, 0>, padding_high = array<i64: 0, 0>} : tensor<4x5xsi32>, tensor<2x2xsi32>, tensor<si32>
  %bf = nx.convert %b : tensor<4x5xsi32> -> tensor<4x5xf64>
  %br = nx.reshape %bf : tensor<4x5xf64> -> tensor<20xf64>
  %out1 = tensor.cast %br : tensor<20xf64> to tensor<?xf64>

  %x = nx.constant dense<[3.0, 1.0, 1.0, 4.0, 1.0, 5.0, 9.0]> : tensor<7xf64>
  %s = nx.constant dense<[10.0, 20.0, 30.0, 40.0]> : tensor<4xf64>
  %half = nx.constant dense<0.5> : tensor<f64>
  %c = nx.window_scatter_min %x, %s, %half {window_dimensions = array<i64: 3>, window_strides = array<i64: 2>, padding_low = array<i64: 1>, padding_high = array<i64: 1>} : tensor<7xf64>, tensor<4xf64>, tensor<f64>
  %out2 = tensor.cast %c : tensor<7xf64> to tensor<?xf64>
  %m1 = nx.constant dense<-1.0> : tensor<f64>
  %d = nx.window_scatter_max %x, %s, %m1 {window_dimensions = array<i64: 3>, window_strides = array<i64: 2>, padding_low = array<i64: 1>, padding_high = array<i64: 1>} : tensor<7xf64>, tensor<4xf64>, tensor<f64>
  %out3 = tensor.cast %d : tensor<7xf64> to tensor<?xf64>
  return %out0, %out1, %out2, %out3 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// Control flow: doubling while below a bound (signed state), then a branch
// on the result, and a while whose state is two tensors.
func.func @control(%bound: tensor<si32>) -> (tensor<?xf64>) {
  %one = nx.constant dense<1> : tensor<si32>
  %r = nx.while (%one) : (tensor<si32>) -> tensor<si32> cond {
  ^bb0(%s: tensor<si32>):
    %c = nx.less %s, %bound : tensor<si32> -> tensor<ui8>
    nx.yield %c : tensor<ui8>
  } body {
  ^bb0(%s: tensor<si32>):
    %t = nx.add %s, %s : tensor<si32>
    nx.yield %t : tensor<si32>
  }
  %big = nx.constant dense<100> : tensor<si32>
  %p = nx.greater %r, %big : tensor<si32> -> tensor<ui8>
  %i = nx.if %p : tensor<ui8> -> tensor<si32> then {
    %n = nx.negate %r : tensor<si32>
    nx.yield %n : tensor<si32>
  } else {
    nx.yield %r : tensor<si32>
  }
  // Sum 0 + 1 + ... + 9 with a counter and an accumulator vector.
  %zero = nx.constant dense<0> : tensor<si64>
  %acc0 = nx.constant dense<[0.0, 1.0]> : tensor<2xf64>
  %w:2 = nx.while (%zero, %acc0) : (tensor<si64>, tensor<2xf64>) -> (tensor<si64>, tensor<2xf64>) cond {
  ^bb0(%k: tensor<si64>, %a: tensor<2xf64>):
    %ten = nx.constant dense<10> : tensor<si64>
    %c = nx.less %k, %ten : tensor<si64> -> tensor<ui8>
    nx.yield %c : tensor<ui8>
  } body {
  ^bb0(%k: tensor<si64>, %a: tensor<2xf64>):
    %one64 = nx.constant dense<1> : tensor<si64>
    %k1 = nx.add %k, %one64 : tensor<si64>
    %kf = nx.convert %k : tensor<si64> -> tensor<f64>
    %kb = nx.broadcast_in_dim %kf {dims = array<i64>} : tensor<f64> -> tensor<2xf64>
    %a1 = nx.add %a, %kb : tensor<2xf64>
    nx.yield %k1, %a1 : tensor<si64>, tensor<2xf64>
  }
  %if = nx.convert %i : tensor<si32> -> tensor<f64>
  %i1 = nx.reshape %if : tensor<f64> -> tensor<1xf64>
  %kf = nx.convert %w#0 : tensor<si64> -> tensor<f64>
  %k1 = nx.reshape %kf : tensor<f64> -> tensor<1xf64>
  %all = tensor.concat dim(0) %i1, %k1, %w#1 : (tensor<1xf64>, tensor<1xf64>, tensor<2xf64>) -> tensor<4xf64>
  %out = tensor.cast %all : tensor<4xf64> to tensor<?xf64>
  return %out : tensor<?xf64>
}

func.func @main() {
  // CHECK: [8,  3,  0,  0,  14,  -1,  -1,  7,  6,  -4,  -1,  7,  -13,  0,  -6,  -1]
  // CHECK: [2,  4,  -8,  0,  0,  -2.14748e+09,  8,  -8,  -1,  -1,  0,  -1]
  // CHECK: [100,  0,  31,  0,  144,  0,  248,  0]
  // CHECK: [8,  0,  3,  1,  31,  32,  0,  15]
  // CHECK: [1.06535e+09,  -1.07374e+09,  4.29497e+09,  1,  1,  -1]
  %b0, %b1, %b2, %b3, %b4 = call @bitwise() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%b0) : (tensor<?xf64>) -> ()
  call @show(%b1) : (tensor<?xf64>) -> ()
  call @show(%b2) : (tensor<?xf64>) -> ()
  call @show(%b3) : (tensor<?xf64>) -> ()
  call @show(%b4) : (tensor<?xf64>) -> ()

  // CHECK: [0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  4,  11,  14,  10,  15,  19,  0,  0,  0]
  // CHECK: [5,  2,  7,  2,  9,  6]
  // CHECK: [3,  3,  3,  7,  8,  1,  1,  1,  255,  255,  255,  255]
  // CHECK: [15,  105,  35]
  %w0, %w1, %w2, %w3 = call @windows() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%w0) : (tensor<?xf64>) -> ()
  call @show(%w1) : (tensor<?xf64>) -> ()
  call @show(%w2) : (tensor<?xf64>) -> ()
  call @show(%w3) : (tensor<?xf64>) -> ()

  // CHECK: [3,  5,  0,  0,  9,  15,  6,  10,  15,  25,  12,  20,  21,  35,  18,  30]
  // CHECK: [-3,  -2,  -1,  0,  9,  11,  13,  0,  14,  16,  18,  0,  5,  5,  5,  0,  12,  13,  14,  0,  17,  18,  19,  0]
  // CHECK: [2,  5,  15,  17,  11,  14,  21,  23]
  %c0, %c1, %c2 = call @convs() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%c0) : (tensor<?xf64>) -> ()
  call @show(%c1) : (tensor<?xf64>) -> ()
  call @show(%c2) : (tensor<?xf64>) -> ()

  // CHECK: [0,  0,  0,  0,  6,  0,  0,  0,  2,  0,  0,  0,  0,  0,  3,  0,  0,  0,  0,  0,  0,  0,  0,  1]
  // CHECK: [0,  0,  0,  0,  0,  0,  0,  8,  0,  0,  0,  0,  3,  0,  0,  0,  0,  0,  1,  0]
  // CHECK: [0.5,  0.5,  20.5,  0.5,  30.5,  0.5,  0.5]
  // CHECK: [9,  -1,  -1,  19,  -1,  29,  39]
  %s0, %s1, %s2, %s3 = call @scatters() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%s0) : (tensor<?xf64>) -> ()
  call @show(%s1) : (tensor<?xf64>) -> ()
  call @show(%s2) : (tensor<?xf64>) -> ()
  call @show(%s3) : (tensor<?xf64>) -> ()

  // CHECK: [-128,  10,  45,  46]
  // CHECK: [64,  10,  45,  46]
  %bound100 = nx.constant dense<100> : tensor<si32>
  %k0 = call @control(%bound100) : (tensor<si32>) -> tensor<?xf64>
  call @show(%k0) : (tensor<?xf64>) -> ()
  %bound50 = nx.constant dense<50> : tensor<si32>
  %k1 = call @control(%bound50) : (tensor<si32>) -> tensor<?xf64>
  call @show(%k1) : (tensor<?xf64>) -> ()
  return
}
