// RUN: nx-opt %s --nx-to-linalg --linalg-fuse-elementwise-ops \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries" \
// RUN:   --convert-linalg-to-affine-loops --lower-affine \
// RUN:   --convert-math-to-funcs --convert-math-to-libm --arith-expand \
// RUN:   --expand-strided-metadata --lower-affine --finalize-memref-to-llvm \
// RUN:   --convert-scf-to-cf --convert-arith-to-llvm --convert-math-to-llvm \
// RUN:   --convert-index-to-llvm --convert-ub-to-llvm --convert-cf-to-llvm \
// RUN:   --convert-func-to-llvm --reconcile-unrealized-casts \
// RUN: | mlir-translate --mlir-to-llvmir | FileCheck %s

// Tests that the output of nx-to-linalg for every nx op, in its float,
// signed, unsigned and pred variants, reaches LLVM IR through a CPU pipeline
// of upstream passes: math.ipowi needs convert-math-to-funcs, and erf, cbrt,
// expm1, log1p, tan, atan2 (and friends) become libm calls with
// convert-math-to-libm.

// CHECK-DAG: declare float @erff(float)
// CHECK-DAG: declare double @cbrt(double)
// CHECK-DAG: declare float @expm1f(float)
// CHECK-DAG: declare float @log1pf(float)
// CHECK-DAG: declare float @tanf(float)
// CHECK-DAG: declare float @atan2f(float, float)
// CHECK-DAG: define {{.*}} @__mlir_math_ipowi_i32
// CHECK-DAG: define {{.*}} @floats(
// CHECK-DAG: define {{.*}} @ints(
// CHECK-DAG: define {{.*}} @shapes(
// CHECK-DAG: define {{.*}} @reductions(

func.func @floats(%x: tensor<?x3xf32>, %d: tensor<4xf64>) -> (tensor<?x3xf32>, tensor<?x3xui8>, tensor<4xf64>) {
  %0 = nx.exp %x : tensor<?x3xf32>
  %1 = nx.expm1 %0 : tensor<?x3xf32>
  %2 = nx.log %1 : tensor<?x3xf32>
  %3 = nx.log1p %2 : tensor<?x3xf32>
  %4 = nx.sqrt %3 : tensor<?x3xf32>
  %5 = nx.rsqrt %4 : tensor<?x3xf32>
  %6 = nx.cbrt %5 : tensor<?x3xf32>
  %7 = nx.sin %6 : tensor<?x3xf32>
  %8 = nx.cos %7 : tensor<?x3xf32>
  %9 = nx.tan %8 : tensor<?x3xf32>
  %10 = nx.tanh %9 : tensor<?x3xf32>
  %11 = nx.sigmoid %10 : tensor<?x3xf32>
  %12 = nx.erf %11 : tensor<?x3xf32>
  %13 = nx.floor %12 : tensor<?x3xf32>
  %14 = nx.ceil %13 : tensor<?x3xf32>
  %15 = nx.round %14 : tensor<?x3xf32>
  %16 = nx.abs %15 : tensor<?x3xf32>
  %17 = nx.negate %16 : tensor<?x3xf32>
  %18 = nx.sign %17 : tensor<?x3xf32>
  %19 = nx.add %18, %x : tensor<?x3xf32>
  %20 = nx.subtract %19, %x : tensor<?x3xf32>
  %21 = nx.multiply %20, %x : tensor<?x3xf32>
  %22 = nx.divide %21, %x : tensor<?x3xf32>
  %23 = nx.pow %22, %x : tensor<?x3xf32>
  %24 = nx.min %23, %x : tensor<?x3xf32>
  %25 = nx.max %24, %x : tensor<?x3xf32>
  %26 = nx.remainder %25, %x : tensor<?x3xf32>
  %27 = nx.atan2 %26, %x : tensor<?x3xf32>
  %28 = nx.is_nan %27 : tensor<?x3xf32> -> tensor<?x3xui8>
  %29 = nx.logical_not %27 : tensor<?x3xf32> -> tensor<?x3xui8>
  %30 = nx.less %27, %x : tensor<?x3xf32> -> tensor<?x3xui8>
  %31 = nx.logical_xor %28, %29 : tensor<?x3xui8> -> tensor<?x3xui8>
  %32 = nx.logical_or %31, %30 : tensor<?x3xui8> -> tensor<?x3xui8>
  %33 = nx.select %32, %27, %x : tensor<?x3xui8>, tensor<?x3xf32>
  %34 = nx.cbrt %d : tensor<4xf64>
  return %33, %32, %34 : tensor<?x3xf32>, tensor<?x3xui8>, tensor<4xf64>
}

func.func @ints(%s: tensor<4xsi32>, %u: tensor<4xui8>, %l: tensor<4xsi64>, %p: tensor<4xi1>) -> (tensor<4xsi32>, tensor<4xui8>, tensor<4xf32>, tensor<4xi1>, tensor<4xsi64>) {
  %0 = nx.divide %s, %s : tensor<4xsi32>
  %1 = nx.remainder %0, %s : tensor<4xsi32>
  %2 = nx.pow %1, %s : tensor<4xsi32>
  %3 = nx.abs %2 : tensor<4xsi32>
  %4 = nx.sign %3 : tensor<4xsi32>
  %5 = nx.negate %4 : tensor<4xsi32>
  %6 = nx.max %5, %s : tensor<4xsi32>
  %7 = nx.divide %u, %u : tensor<4xui8>
  %8 = nx.remainder %7, %u : tensor<4xui8>
  %9 = nx.min %8, %u : tensor<4xui8>
  %10 = nx.greater_equal %9, %u : tensor<4xui8> -> tensor<4xui8>
  %11 = nx.convert %10 : tensor<4xui8> -> tensor<4xf32>
  %12 = nx.convert %11 : tensor<4xf32> -> tensor<4xsi64>
  %13 = nx.add %12, %l : tensor<4xsi64>
  %14 = nx.convert %13 : tensor<4xsi64> -> tensor<4xi1>
  %15 = nx.logical_and %14, %p : tensor<4xi1> -> tensor<4xui8>
  %16 = nx.convert %p : tensor<4xi1> -> tensor<4xsi64>
  %17 = nx.multiply %16, %13 : tensor<4xsi64>
  %18 = nx.equal %15, %10 : tensor<4xui8> -> tensor<4xui8>
  %19 = nx.select %18, %7, %9 : tensor<4xui8>, tensor<4xui8>
  return %6, %19, %11, %14, %17 : tensor<4xsi32>, tensor<4xui8>, tensor<4xf32>, tensor<4xi1>, tensor<4xsi64>
}

func.func @shapes(%x: tensor<?x3xf32>, %n: index) -> (tensor<3x?x2xf32>, tensor<?x6xf32>, tensor<2x?xsi32>, tensor<si64>, tensor<3xsi32>) {
  %c = nx.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = nx.broadcast_in_dim %c [%n] {dims = array<i64: 2>} : tensor<2xf32> -> tensor<3x?x2xf32>
  %t = nx.transpose %x {permutation = array<i64: 1, 0>} : tensor<?x3xf32> -> tensor<3x?xf32>
  %r = nx.reshape %t [%n] : tensor<3x?xf32> -> tensor<?x6xf32>
  %i = nx.iota [%n] {axis = 1} : tensor<2x?xsi32>
  %d = nx.dim_size %x {dim = 0} : tensor<?x3xf32> -> tensor<si64>
  %ci = nx.constant dense<[1, -2, 3]> : tensor<3xsi32>
  return %b, %r, %i, %d, %ci : tensor<3x?x2xf32>, tensor<?x6xf32>, tensor<2x?xsi32>, tensor<si64>, tensor<3xsi32>
}

func.func @reductions(%x: tensor<?x4xf32>, %s: tensor<2x4xsi32>, %u: tensor<2x4xui8>, %a: tensor<2x?x4xf32>, %b: tensor<2x4x5xf32>) -> (tensor<?x1xf32>, tensor<f32>, tensor<4xsi32>, tensor<4xui8>, tensor<2xui8>, tensor<2xui8>, tensor<?xsi64>, tensor<1x4xsi64>, tensor<2x?x5xf32>, tensor<2xsi32>) {
  %0 = nx.reduce_sum %x {axes = array<i64: 1>, keep_axes = true} : tensor<?x4xf32> -> tensor<?x1xf32>
  %1 = nx.reduce_product %x {axes = array<i64: 0, 1>} : tensor<?x4xf32> -> tensor<f32>
  %2 = nx.reduce_max %s {axes = array<i64: 0>} : tensor<2x4xsi32> -> tensor<4xsi32>
  %3 = nx.reduce_min %u {axes = array<i64: 0>} : tensor<2x4xui8> -> tensor<4xui8>
  %4 = nx.reduce_all %s {axes = array<i64: 1>} : tensor<2x4xsi32> -> tensor<2xui8>
  %5 = nx.reduce_any %u {axes = array<i64: 1>} : tensor<2x4xui8> -> tensor<2xui8>
  %6 = nx.argmax %x {axis = 1} : tensor<?x4xf32> -> tensor<?xsi64>
  %7 = nx.argmin %u {axis = 0, keep_axis = true, tie_break_high = true} : tensor<2x4xui8> -> tensor<1x4xsi64>
  %8 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 2>, rhs_contracting_dims = array<i64: 1>, lhs_batch_dims = array<i64: 0>, rhs_batch_dims = array<i64: 0>} : tensor<2x?x4xf32>, tensor<2x4x5xf32> -> tensor<2x?x5xf32>
  %9 = nx.dot %s, %2 {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<2x4xsi32>, tensor<4xsi32> -> tensor<2xsi32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<?x1xf32>, tensor<f32>, tensor<4xsi32>, tensor<4xui8>, tensor<2xui8>, tensor<2xui8>, tensor<?xsi64>, tensor<1x4xsi64>, tensor<2x?x5xf32>, tensor<2xsi32>
}
