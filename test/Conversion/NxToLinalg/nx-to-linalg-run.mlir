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

// Tests the numerics of the nx-to-linalg lowering by running it: each case
// returns f64 results that @main prints. Expected values are worked out by
// hand from the Nx/XLA/NumPy semantics in docs/architecture.md.

func.func private @printMemrefF64(memref<*xf64>)

func.func @show(%t: tensor<?xf64>) {
  %m = bufferization.to_buffer %t : tensor<?xf64> to memref<?xf64>
  %u = memref.cast %m : memref<?xf64> to memref<*xf64>
  call @printMemrefF64(%u) : (memref<*xf64>) -> ()
  return
}

// softmax([[1, 2, 3], [1, 1, 1]]), flattened.
func.func @softmax() -> tensor<6xf64> {
  %x = nx.constant dense<[[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]> : tensor<2x3xf64>
  %m = nx.reduce_max %x {axes = array<i64: 1>, keep_axes = true} : tensor<2x3xf64> -> tensor<2x1xf64>
  %mb = nx.broadcast_in_dim %m {dims = array<i64: 0, 1>} : tensor<2x1xf64> -> tensor<2x3xf64>
  %s = nx.subtract %x, %mb : tensor<2x3xf64>
  %e = nx.exp %s : tensor<2x3xf64>
  %sum = nx.reduce_sum %e {axes = array<i64: 1>} : tensor<2x3xf64> -> tensor<2xf64>
  %sb = nx.broadcast_in_dim %sum {dims = array<i64: 0>} : tensor<2xf64> -> tensor<2x3xf64>
  %r = nx.divide %e, %sb : tensor<2x3xf64>
  %f = nx.reshape %r : tensor<2x3xf64> -> tensor<6xf64>
  return %f : tensor<6xf64>
}

// Integer division and remainder that must not trap.
func.func @int_div_rem() -> (tensor<4xf64>, tensor<4xf64>, tensor<2xf64>, tensor<2xf64>) {
  %x = nx.constant dense<[7, -7, 5, -2147483648]> : tensor<4xsi32>
  %y = nx.constant dense<[2, 2, 0, -1]> : tensor<4xsi32>
  %q = nx.divide %x, %y : tensor<4xsi32>
  %r = nx.remainder %x, %y : tensor<4xsi32>
  %a = nx.constant dense<[200, 7]> : tensor<2xui8>
  %b = nx.constant dense<[0, 2]> : tensor<2xui8>
  %c = nx.divide %a, %b : tensor<2xui8>
  %d = nx.remainder %a, %b : tensor<2xui8>
  %qf = nx.convert %q : tensor<4xsi32> -> tensor<4xf64>
  %rf = nx.convert %r : tensor<4xsi32> -> tensor<4xf64>
  %cf = nx.convert %c : tensor<2xui8> -> tensor<2xf64>
  %df = nx.convert %d : tensor<2xui8> -> tensor<2xf64>
  return %qf, %rf, %cf, %df : tensor<4xf64>, tensor<4xf64>, tensor<2xf64>, tensor<2xf64>
}

// argmax/argmin with NaN and ties.
func.func @arg() -> (tensor<2xf64>, tensor<2xf64>, tensor<4xf64>) {
  %x = nx.constant dense<[[1.0, 0x7FC00000, 3.0, 0x7FC00000], [2.0, 5.0, 5.0, 1.0]]> : tensor<2x4xf32>
  %lo = nx.argmax %x {axis = 1} : tensor<2x4xf32> -> tensor<2xsi64>
  %hi = nx.argmax %x {axis = 1, tie_break_high = true} : tensor<2x4xf32> -> tensor<2xsi64>
  %u = nx.constant dense<[[3, 1, 4, 1], [3, 0, 4, 1]]> : tensor<2x4xui8>
  %mn = nx.argmin %u {axis = 0} : tensor<2x4xui8> -> tensor<4xsi64>
  %lof = nx.convert %lo : tensor<2xsi64> -> tensor<2xf64>
  %hif = nx.convert %hi : tensor<2xsi64> -> tensor<2xf64>
  %mnf = nx.convert %mn : tensor<4xsi64> -> tensor<4xf64>
  return %lof, %hif, %mnf : tensor<2xf64>, tensor<2xf64>, tensor<4xf64>
}

// Saturating float -> int conversion, round half away from zero, sign.
func.func @convert_round() -> (tensor<5xf64>, tensor<3xf64>, tensor<4xf64>, tensor<3xf64>) {
  %x = nx.constant dense<[1.0e10, -1.0e10, 0x7FC00000, -2.7, 2.7]> : tensor<5xf32>
  %i = nx.convert %x : tensor<5xf32> -> tensor<5xsi32>
  %if = nx.convert %i : tensor<5xsi32> -> tensor<5xf64>
  %y = nx.constant dense<[300.0, -5.0, 3.9]> : tensor<3xf32>
  %u = nx.convert %y : tensor<3xf32> -> tensor<3xui8>
  %uf = nx.convert %u : tensor<3xui8> -> tensor<3xf64>
  %z = nx.constant dense<[0.5, -0.5, 1.5, 2.5]> : tensor<4xf64>
  %r = nx.round %z : tensor<4xf64>
  %w = nx.constant dense<[-3.0, 0.0, 0x7FF8000000000000]> : tensor<3xf64>
  %s = nx.sign %w : tensor<3xf64>
  return %if, %uf, %r, %s : tensor<5xf64>, tensor<3xf64>, tensor<4xf64>, tensor<3xf64>
}

// Integer pow, negative exponents included.
func.func @int_pow() -> tensor<6xf64> {
  %x = nx.constant dense<[3, -2, 0, 1, -1, 5]> : tensor<6xsi32>
  %y = nx.constant dense<[4, 3, -1, -5, -3, -2]> : tensor<6xsi32>
  %p = nx.pow %x, %y : tensor<6xsi32>
  %f = nx.convert %p : tensor<6xsi32> -> tensor<6xf64>
  return %f : tensor<6xf64>
}

// dot, transpose of iota, reduce_all/any, max of an empty axis.
func.func @structured() -> (tensor<4xf64>, tensor<6xf64>, tensor<4xf64>, tensor<2xf64>) {
  %a = nx.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xsi64>
  %b = nx.constant dense<[[1, 0], [0, 1], [1, 1]]> : tensor<3x2xsi64>
  %d = nx.dot %a, %b {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<2x3xsi64>, tensor<3x2xsi64> -> tensor<2x2xsi64>
  %df = nx.convert %d : tensor<2x2xsi64> -> tensor<2x2xf64>
  %dr = nx.reshape %df : tensor<2x2xf64> -> tensor<4xf64>
  %io = nx.iota {axis = 1} : tensor<2x3xf64>
  %t = nx.transpose %io {permutation = array<i64: 1, 0>} : tensor<2x3xf64> -> tensor<3x2xf64>
  %tr = nx.reshape %t : tensor<3x2xf64> -> tensor<6xf64>
  %p = nx.constant dense<[[1, 0], [1, 1]]> : tensor<2x2xsi32>
  %all = nx.reduce_all %p {axes = array<i64: 1>} : tensor<2x2xsi32> -> tensor<2xui8>
  %any = nx.reduce_any %p {axes = array<i64: 0>} : tensor<2x2xsi32> -> tensor<2xui8>
  %both = nx.reshape %all : tensor<2xui8> -> tensor<2xui8>
  %allf = nx.convert %all : tensor<2xui8> -> tensor<2xf64>
  %anyf = nx.convert %any : tensor<2xui8> -> tensor<2xf64>
  %ab = nx.broadcast_in_dim %allf {dims = array<i64: 1>} : tensor<2xf64> -> tensor<2x2xf64>
  %ab2 = nx.broadcast_in_dim %anyf {dims = array<i64: 1>} : tensor<2xf64> -> tensor<2x2xf64>
  %sel = nx.iota {axis = 0} : tensor<2x2xui8>
  %mix = nx.select %sel, %ab2, %ab : tensor<2x2xui8>, tensor<2x2xf64>
  %mixr = nx.reshape %mix : tensor<2x2xf64> -> tensor<4xf64>
  %e = nx.constant dense<1.0> : tensor<2x0xf64>
  %em = nx.reduce_max %e {axes = array<i64: 1>} : tensor<2x0xf64> -> tensor<2xf64>
  return %dr, %tr, %mixr, %em : tensor<4xf64>, tensor<6xf64>, tensor<4xf64>, tensor<2xf64>
}

func.func @main() {
  // CHECK: [0.0900306,  0.244728,  0.665241,  0.333333,  0.333333,  0.333333]
  %s = call @softmax() : () -> tensor<6xf64>
  %s1 = tensor.cast %s : tensor<6xf64> to tensor<?xf64>
  call @show(%s1) : (tensor<?xf64>) -> ()

  // CHECK: [3,  -3,  -1,  -2.14748e+09]
  // CHECK: [1,  -1,  5,  0]
  // CHECK: [255,  3]
  // CHECK: [200,  1]
  %q, %r, %c, %d = call @int_div_rem() : () -> (tensor<4xf64>, tensor<4xf64>, tensor<2xf64>, tensor<2xf64>)
  %q1 = tensor.cast %q : tensor<4xf64> to tensor<?xf64>
  call @show(%q1) : (tensor<?xf64>) -> ()
  %r1 = tensor.cast %r : tensor<4xf64> to tensor<?xf64>
  call @show(%r1) : (tensor<?xf64>) -> ()
  %c1 = tensor.cast %c : tensor<2xf64> to tensor<?xf64>
  call @show(%c1) : (tensor<?xf64>) -> ()
  %d1 = tensor.cast %d : tensor<2xf64> to tensor<?xf64>
  call @show(%d1) : (tensor<?xf64>) -> ()

  // CHECK: [1,  1]
  // CHECK: [1,  2]
  // CHECK: [0,  1,  0,  0]
  %lo, %hi, %mn = call @arg() : () -> (tensor<2xf64>, tensor<2xf64>, tensor<4xf64>)
  %lo1 = tensor.cast %lo : tensor<2xf64> to tensor<?xf64>
  call @show(%lo1) : (tensor<?xf64>) -> ()
  %hi1 = tensor.cast %hi : tensor<2xf64> to tensor<?xf64>
  call @show(%hi1) : (tensor<?xf64>) -> ()
  %mn1 = tensor.cast %mn : tensor<4xf64> to tensor<?xf64>
  call @show(%mn1) : (tensor<?xf64>) -> ()

  // CHECK: [2.14748e+09,  -2.14748e+09,  0,  -2,  2]
  // CHECK: [255,  0,  3]
  // CHECK: [1,  -1,  2,  3]
  // CHECK: [-1,  0,  nan]
  %i, %u, %ro, %sg = call @convert_round() : () -> (tensor<5xf64>, tensor<3xf64>, tensor<4xf64>, tensor<3xf64>)
  %i1 = tensor.cast %i : tensor<5xf64> to tensor<?xf64>
  call @show(%i1) : (tensor<?xf64>) -> ()
  %u1 = tensor.cast %u : tensor<3xf64> to tensor<?xf64>
  call @show(%u1) : (tensor<?xf64>) -> ()
  %ro1 = tensor.cast %ro : tensor<4xf64> to tensor<?xf64>
  call @show(%ro1) : (tensor<?xf64>) -> ()
  %sg1 = tensor.cast %sg : tensor<3xf64> to tensor<?xf64>
  call @show(%sg1) : (tensor<?xf64>) -> ()

  // CHECK: [81,  -8,  0,  1,  -1,  0]
  %pw = call @int_pow() : () -> tensor<6xf64>
  %pw1 = tensor.cast %pw : tensor<6xf64> to tensor<?xf64>
  call @show(%pw1) : (tensor<?xf64>) -> ()

  // CHECK: [4,  5,  10,  11]
  // CHECK: [0,  0,  1,  1,  2,  2]
  // CHECK: [0,  1,  1,  1]
  // CHECK: [-inf,  -inf]
  %dt, %tr, %mix, %em = call @structured() : () -> (tensor<4xf64>, tensor<6xf64>, tensor<4xf64>, tensor<2xf64>)
  %dt1 = tensor.cast %dt : tensor<4xf64> to tensor<?xf64>
  call @show(%dt1) : (tensor<?xf64>) -> ()
  %tr1 = tensor.cast %tr : tensor<6xf64> to tensor<?xf64>
  call @show(%tr1) : (tensor<?xf64>) -> ()
  %mix1 = tensor.cast %mix : tensor<4xf64> to tensor<?xf64>
  call @show(%mix1) : (tensor<?xf64>) -> ()
  %em1 = tensor.cast %em : tensor<2xf64> to tensor<?xf64>
  call @show(%em1) : (tensor<?xf64>) -> ()
  return
}
