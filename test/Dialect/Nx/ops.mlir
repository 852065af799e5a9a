// RUN: nx-opt %s | nx-opt | FileCheck %s
// RUN: nx-opt %s --mlir-print-op-generic | nx-opt | FileCheck %s

// Tests that every nx op parses, verifies and prints back in its custom form.

// CHECK-LABEL: func.func @elementwise
func.func @elementwise(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>, %i: tensor<4xsi32>, %u: tensor<4xui8>) -> tensor<2x3xf32> {
  // CHECK: nx.exp %{{.*}} : tensor<2x3xf32>
  %0 = nx.exp %x : tensor<2x3xf32>
  %1 = nx.expm1 %0 : tensor<2x3xf32>
  %2 = nx.log %1 : tensor<2x3xf32>
  %3 = nx.log1p %2 : tensor<2x3xf32>
  %4 = nx.sqrt %3 : tensor<2x3xf32>
  %5 = nx.rsqrt %4 : tensor<2x3xf32>
  %6 = nx.cbrt %5 : tensor<2x3xf32>
  %7 = nx.sin %6 : tensor<2x3xf32>
  %8 = nx.cos %7 : tensor<2x3xf32>
  %9 = nx.tan %8 : tensor<2x3xf32>
  %10 = nx.tanh %9 : tensor<2x3xf32>
  %11 = nx.sigmoid %10 : tensor<2x3xf32>
  %12 = nx.erf %11 : tensor<2x3xf32>
  %13 = nx.floor %12 : tensor<2x3xf32>
  %14 = nx.ceil %13 : tensor<2x3xf32>
  // CHECK: nx.round %{{.*}} : tensor<2x3xf32>
  %15 = nx.round %14 : tensor<2x3xf32>
  // CHECK: nx.abs %{{.*}} : tensor<4xsi32>
  %16 = nx.abs %i : tensor<4xsi32>
  %17 = nx.negate %16 : tensor<4xsi32>
  %18 = nx.sign %17 : tensor<4xsi32>
  // CHECK: nx.is_nan %{{.*}} : tensor<2x3xf32> -> tensor<2x3xui8>
  %19 = nx.is_nan %15 : tensor<2x3xf32> -> tensor<2x3xui8>
  // CHECK: nx.logical_not %{{.*}} : tensor<4xsi32> -> tensor<4xui8>
  %20 = nx.logical_not %18 : tensor<4xsi32> -> tensor<4xui8>
  // CHECK: nx.add %{{.*}}, %{{.*}} : tensor<2x3xf32>
  %21 = nx.add %15, %y : tensor<2x3xf32>
  %22 = nx.subtract %21, %y : tensor<2x3xf32>
  %23 = nx.multiply %22, %y : tensor<2x3xf32>
  %24 = nx.divide %23, %y : tensor<2x3xf32>
  %25 = nx.pow %24, %y : tensor<2x3xf32>
  %26 = nx.min %25, %y : tensor<2x3xf32>
  %27 = nx.max %26, %y : tensor<2x3xf32>
  %28 = nx.remainder %27, %y : tensor<2x3xf32>
  %29 = nx.atan2 %28, %y : tensor<2x3xf32>
  // CHECK: nx.equal %{{.*}}, %{{.*}} : tensor<4xui8> -> tensor<4xui8>
  %30 = nx.equal %u, %20 : tensor<4xui8> -> tensor<4xui8>
  %31 = nx.not_equal %i, %18 : tensor<4xsi32> -> tensor<4xui8>
  %32 = nx.less %i, %18 : tensor<4xsi32> -> tensor<4xui8>
  %33 = nx.less_equal %i, %18 : tensor<4xsi32> -> tensor<4xui8>
  %34 = nx.greater %i, %18 : tensor<4xsi32> -> tensor<4xui8>
  %35 = nx.greater_equal %i, %18 : tensor<4xsi32> -> tensor<4xui8>
  %36 = nx.logical_and %i, %18 : tensor<4xsi32> -> tensor<4xui8>
  %37 = nx.logical_or %i, %18 : tensor<4xsi32> -> tensor<4xui8>
  %38 = nx.logical_xor %i, %18 : tensor<4xsi32> -> tensor<4xui8>
  // CHECK: nx.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<4xui8>, tensor<4xsi32>
  %39 = nx.select %38, %i, %18 : tensor<4xui8>, tensor<4xsi32>
  // CHECK: nx.convert %{{.*}} : tensor<4xsi32> -> tensor<4xf64>
  %40 = nx.convert %39 : tensor<4xsi32> -> tensor<4xf64>
  return %29 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @shapes
func.func @shapes(%x: tensor<?x3xf32>, %n: index) -> tensor<3x?xf32> {
  // CHECK: nx.constant dense<1.000000e+00> : tensor<3xf32>
  %c = nx.constant dense<1.0> : tensor<3xf32>
  // CHECK: nx.constant dense<[1, -2]> : tensor<2xsi64>
  %ci = nx.constant dense<[1, -2]> : tensor<2xsi64>
  // CHECK: nx.broadcast_in_dim %{{.*}}[%{{.*}}] {dims = array<i64: 1>} : tensor<3xf32> -> tensor<?x3xf32>
  %b = nx.broadcast_in_dim %c [%n] {dims = array<i64: 1>} : tensor<3xf32> -> tensor<?x3xf32>
  // CHECK: nx.broadcast_in_dim %{{.*}} {dims = array<i64: 0, 1>} : tensor<1x3xf32> -> tensor<4x3xf32>
  %r1 = nx.reshape %c : tensor<3xf32> -> tensor<1x3xf32>
  %b2 = nx.broadcast_in_dim %r1 {dims = array<i64: 0, 1>} : tensor<1x3xf32> -> tensor<4x3xf32>
  // CHECK: nx.reshape %{{.*}}[%{{.*}}] : tensor<?x3xf32> -> tensor<?xf32>
  %r = nx.reshape %x [%n] : tensor<?x3xf32> -> tensor<?xf32>
  // CHECK: nx.transpose %{{.*}} {permutation = array<i64: 1, 0>} : tensor<?x3xf32> -> tensor<3x?xf32>
  %t = nx.transpose %b {permutation = array<i64: 1, 0>} : tensor<?x3xf32> -> tensor<3x?xf32>
  // CHECK: nx.iota[%{{.*}}] {axis = 1 : i64} : tensor<2x?xsi64>
  %io = nx.iota [%n] {axis = 1} : tensor<2x?xsi64>
  // CHECK: nx.dim_size %{{.*}} {dim = 0 : i64} : tensor<?x3xf32> -> tensor<si64>
  %d = nx.dim_size %x {dim = 0} : tensor<?x3xf32> -> tensor<si64>
  return %t : tensor<3x?xf32>
}

// CHECK-LABEL: func.func @reductions
func.func @reductions(%x: tensor<?x4xf32>, %i: tensor<2x4xsi32>) {
  // CHECK: nx.reduce_sum %{{.*}} {axes = array<i64: 1>, keep_axes = true} : tensor<?x4xf32> -> tensor<?x1xf32>
  %0 = nx.reduce_sum %x {axes = array<i64: 1>, keep_axes = true} : tensor<?x4xf32> -> tensor<?x1xf32>
  // CHECK: nx.reduce_product %{{.*}} {axes = array<i64: 0, 1>} : tensor<?x4xf32> -> tensor<f32>
  %1 = nx.reduce_product %x {axes = array<i64: 0, 1>} : tensor<?x4xf32> -> tensor<f32>
  %2 = nx.reduce_max %i {axes = array<i64: 0>} : tensor<2x4xsi32> -> tensor<4xsi32>
  %3 = nx.reduce_min %i {axes = array<i64: 0>, keep_axes = false} : tensor<2x4xsi32> -> tensor<4xsi32>
  // CHECK: nx.reduce_all %{{.*}} {axes = array<i64: 1>} : tensor<2x4xsi32> -> tensor<2xui8>
  %4 = nx.reduce_all %i {axes = array<i64: 1>} : tensor<2x4xsi32> -> tensor<2xui8>
  %5 = nx.reduce_any %i {axes = array<i64: 1>} : tensor<2x4xsi32> -> tensor<2xui8>
  // CHECK: nx.argmax %{{.*}} {axis = 1 : i64} : tensor<?x4xf32> -> tensor<?xsi64>
  %6 = nx.argmax %x {axis = 1} : tensor<?x4xf32> -> tensor<?xsi64>
  // CHECK: nx.argmin %{{.*}} {axis = 0 : i64, keep_axis = true, tie_break_high = true} : tensor<?x4xf32> -> tensor<1x4xsi64>
  %7 = nx.argmin %x {axis = 0, keep_axis = true, tie_break_high = true} : tensor<?x4xf32> -> tensor<1x4xsi64>
  return
}

// CHECK-LABEL: func.func @dot
func.func @dot(%a: tensor<8x?x5xf32>, %b: tensor<8x5x7xf32>) -> tensor<8x?x7xf32> {
  // CHECK: nx.dot %{{.*}}, %{{.*}} {lhs_batch_dims = array<i64: 0>, lhs_contracting_dims = array<i64: 2>, rhs_batch_dims = array<i64: 0>, rhs_contracting_dims = array<i64: 1>} : tensor<8x?x5xf32>, tensor<8x5x7xf32> -> tensor<8x?x7xf32>
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 2>, rhs_contracting_dims = array<i64: 1>, lhs_batch_dims = array<i64: 0>, rhs_batch_dims = array<i64: 0>} : tensor<8x?x5xf32>, tensor<8x5x7xf32> -> tensor<8x?x7xf32>
  return %0 : tensor<8x?x7xf32>
}
