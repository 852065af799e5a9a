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
// RUN: nx-opt %s --nx-to-linalg-pipeline --linalg-to-llvm-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%llvm_lib_dir/libmlir_runner_utils.so,%llvm_lib_dir/libmlir_c_runner_utils.so,%nxrt_pool \
// RUN: | FileCheck %s

// Tests the numerics of the lowering of the Nx.LinAlg ops by running it:
// each case returns f64 results, flattened, that @main prints. Expected
// values come from NumPy (numpy.linalg.cholesky, numpy.linalg.solve on the
// explicit triangular matrix, numpy.linalg.qr's `r`, which follows the same
// LAPACK sign convention), from a NumPy transcription of LAPACK's getf2 for
// nx.lu (checked against p @ l @ u == a), and from Nx's documentation; the
// orthogonality and reconstruction of nx.qr and nx.eigh (whose signs are
// arbitrary) are checked inside the module, and eigenvalues against NumPy's
// eigvalsh, reversed (Nx sorts them in decreasing order); likewise for
// nx.svd (u, vt checked inside, singular values against numpy.linalg.svd).

func.func private @printMemrefF64(memref<*xf64>)

func.func @show(%t: tensor<?xf64>) {
  %m = bufferization.to_buffer %t : tensor<?xf64> to memref<?xf64>
  %u = memref.cast %m : memref<?xf64> to memref<*xf64>
  call @printMemrefF64(%u) : (memref<*xf64>) -> ()
  return
}

func.func @flat2(%t: tensor<?x?xf64>) -> tensor<?xf64> {
  %f = tensor.collapse_shape %t [[0, 1]] : tensor<?x?xf64> into tensor<?xf64>
  return %f : tensor<?xf64>
}

func.func @flat3(%t: tensor<?x?x?xf64>) -> tensor<?xf64> {
  %f = tensor.collapse_shape %t [[0, 1, 2]] : tensor<?x?x?xf64> into tensor<?xf64>
  return %f : tensor<?xf64>
}

// Nx's 4x4 example with dynamic sizes, Nx's batch of two in f32, and a
// matrix that is not positive definite (NaN from its second pivot on).
func.func @cholesky() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %a = nx.constant dense<[[6.0, 3.0, 4.0, 8.0], [3.0, 6.0, 5.0, 1.0], [4.0, 5.0, 10.0, 7.0], [8.0, 1.0, 7.0, 25.0]]> : tensor<4x4xf64>
  %ad = tensor.cast %a : tensor<4x4xf64> to tensor<?x?xf64>
  %l = nx.cholesky %ad : tensor<?x?xf64>
  %out0 = call @flat2(%l) : (tensor<?x?xf64>) -> tensor<?xf64>

  %b = nx.constant dense<[[[2.0, 3.0], [3.0, 5.0]], [[1.0, 0.0], [0.0, 1.0]]]> : tensor<2x2x2xf32>
  %lb = nx.cholesky %b : tensor<2x2x2xf32>
  %lb64 = nx.convert %lb : tensor<2x2x2xf32> -> tensor<2x2x2xf64>
  %lbf = tensor.collapse_shape %lb64 [[0, 1, 2]] : tensor<2x2x2xf64> into tensor<8xf64>
  %out1 = tensor.cast %lbf : tensor<8xf64> to tensor<?xf64>

  %c = nx.constant dense<[[1.0, 2.0], [2.0, 1.0]]> : tensor<2x2xf64>
  %lc = nx.cholesky %c : tensor<2x2xf64>
  %lcf = tensor.collapse_shape %lc [[0, 1]] : tensor<2x2xf64> into tensor<4xf64>
  %out2 = tensor.cast %lcf : tensor<4xf64> to tensor<?xf64>
  return %out0, %out1, %out2 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// Every combination of side, triangle and transpose; the triangle that is
// not used holds garbage (9s and 7s) that must not be read.
func.func @solves() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %l = nx.constant dense<[[3.0, 9.0, 9.0, 9.0], [2.0, 1.0, 9.0, 9.0], [1.0, 0.0, 1.0, 9.0], [1.0, 1.0, 1.0, 1.0]]> : tensor<4x4xf64>
  %u = nx.constant dense<[[2.0, 1.0, -1.0, 3.0], [7.0, 4.0, 2.0, 1.0], [7.0, 7.0, 5.0, -2.0], [7.0, 7.0, 7.0, 0.5]]> : tensor<4x4xf64>
  %b = nx.constant dense<[4.0, 2.0, 4.0, 2.0]> : tensor<4xf64>
  %bm = nx.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf64>
  %bt = nx.constant dense<[[1.0, 3.0, 5.0, 7.0], [2.0, 4.0, 6.0, 8.0]]> : tensor<2x4xf64>

  %x1 = nx.triangular_solve %l, %b : tensor<4x4xf64>, tensor<4xf64>
  %out0 = tensor.cast %x1 : tensor<4xf64> to tensor<?xf64>

  %x2 = nx.triangular_solve %u, %bm {lower = false, transform_a = 1 : i64} : tensor<4x4xf64>, tensor<4x2xf64>
  %x2f = tensor.collapse_shape %x2 [[0, 1]] : tensor<4x2xf64> into tensor<8xf64>
  %out1 = tensor.cast %x2f : tensor<8xf64> to tensor<?xf64>

  %x3 = nx.triangular_solve %l, %bt {left_side = false} : tensor<4x4xf64>, tensor<2x4xf64>
  %x3f = tensor.collapse_shape %x3 [[0, 1]] : tensor<2x4xf64> into tensor<8xf64>
  %out2 = tensor.cast %x3f : tensor<8xf64> to tensor<?xf64>

  %x4 = nx.triangular_solve %u, %bt {left_side = false, lower = false, transform_a = 1 : i64} : tensor<4x4xf64>, tensor<2x4xf64>
  %x4f = tensor.collapse_shape %x4 [[0, 1]] : tensor<2x4xf64> into tensor<8xf64>
  %out3 = tensor.cast %x4f : tensor<8xf64> to tensor<?xf64>

  %x5 = nx.triangular_solve %u, %b {lower = false} : tensor<4x4xf64>, tensor<4xf64>
  %out4 = tensor.cast %x5 : tensor<4xf64> to tensor<?xf64>

  %l2 = nx.constant dense<[[[2.0, 9.0, 9.0], [1.0, 3.0, 9.0], [4.0, 5.0, 6.0]], [[1.0, 9.0, 9.0], [2.0, 1.0, 9.0], [3.0, 4.0, 1.0]]]> : tensor<2x3x3xf64>
  %l2d = tensor.cast %l2 : tensor<2x3x3xf64> to tensor<?x?x?xf64>
  %b2 = nx.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf64>
  %b2d = tensor.cast %b2 : tensor<2x3xf64> to tensor<?x?xf64>
  %x6 = nx.triangular_solve %l2d, %b2d {transform_a = 1 : i64} : tensor<?x?x?xf64>, tensor<?x?xf64>
  %out5 = call @flat2(%x6) : (tensor<?x?xf64>) -> tensor<?xf64>
  return %out0, %out1, %out2, %out3, %out4, %out5 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// A batch of two 3x3 (the second with a zero pivot column) and a 4x4 with
// dynamic sizes.
func.func @lus() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %a = nx.constant dense<[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]], [[0.0, 1.0, 2.0], [0.0, 3.0, 4.0], [0.0, 5.0, 6.0]]]> : tensor<2x3x3xf64>
  %p, %l, %u = nx.lu %a : tensor<2x3x3xf64>
  %pd = tensor.cast %p : tensor<2x3x3xf64> to tensor<?x?x?xf64>
  %ld = tensor.cast %l : tensor<2x3x3xf64> to tensor<?x?x?xf64>
  %ud = tensor.cast %u : tensor<2x3x3xf64> to tensor<?x?x?xf64>
  %out0 = call @flat3(%pd) : (tensor<?x?x?xf64>) -> tensor<?xf64>
  %out1 = call @flat3(%ld) : (tensor<?x?x?xf64>) -> tensor<?xf64>
  %out2 = call @flat3(%ud) : (tensor<?x?x?xf64>) -> tensor<?xf64>

  %b = nx.constant dense<[[0.0, 2.0, 1.0, 4.0], [1.0, 1.0, 1.0, 1.0], [3.0, -1.0, 2.0, 0.0], [2.0, 5.0, -3.0, 1.0]]> : tensor<4x4xf64>
  %bd = tensor.cast %b : tensor<4x4xf64> to tensor<?x?xf64>
  %p2, %l2, %u2 = nx.lu %bd : tensor<?x?xf64>
  %out3 = call @flat2(%p2) : (tensor<?x?xf64>) -> tensor<?xf64>
  %out4 = call @flat2(%l2) : (tensor<?x?xf64>) -> tensor<?xf64>
  %out5 = call @flat2(%u2) : (tensor<?x?xf64>) -> tensor<?xf64>
  return %out0, %out1, %out2, %out3, %out4, %out5 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// [max |q r - a| < 1e-12, max |q^T q - I| < 1e-12] as 0/1.
func.func @qr_ok(%q: tensor<?x?xf64>, %r: tensor<?x?xf64>, %a: tensor<?x?xf64>, %eye: tensor<?x?xf64>) -> tensor<?xf64> {
  %qr = nx.dot %q, %r {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %d1 = nx.subtract %qr, %a : tensor<?x?xf64>
  %e1 = nx.abs %d1 : tensor<?x?xf64>
  %m1 = nx.reduce_max %e1 {axes = array<i64: 0, 1>} : tensor<?x?xf64> -> tensor<f64>
  %qtq = nx.dot %q, %q {lhs_contracting_dims = array<i64: 0>, rhs_contracting_dims = array<i64: 0>} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %d2 = nx.subtract %qtq, %eye : tensor<?x?xf64>
  %e2 = nx.abs %d2 : tensor<?x?xf64>
  %m2 = nx.reduce_max %e2 {axes = array<i64: 0, 1>} : tensor<?x?xf64> -> tensor<f64>
  %tol = nx.constant dense<1.0e-12> : tensor<f64>
  %ok1 = nx.less %m1, %tol : tensor<f64> -> tensor<ui8>
  %ok2 = nx.less %m2, %tol : tensor<f64> -> tensor<ui8>
  %f1 = nx.convert %ok1 : tensor<ui8> -> tensor<f64>
  %f2 = nx.convert %ok2 : tensor<ui8> -> tensor<f64>
  %v1 = tensor.expand_shape %f1 [] output_shape [1] : tensor<f64> into tensor<1xf64>
  %v2 = tensor.expand_shape %f2 [] output_shape [1] : tensor<f64> into tensor<1xf64>
  %v = tensor.concat dim(0) %v1, %v2 : (tensor<1xf64>, tensor<1xf64>) -> tensor<2xf64>
  %out = tensor.cast %v : tensor<2xf64> to tensor<?xf64>
  return %out : tensor<?xf64>
}

// 4x3 reduced and complete, 3x4 reduced (dynamic sizes), and Nx's
// triangular example (q = I, r = a). Each prints r, then the checks.
func.func @qrs() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %eye3 = nx.constant dense<[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]> : tensor<3x3xf64>
  %eye3d = tensor.cast %eye3 : tensor<3x3xf64> to tensor<?x?xf64>
  %eye4 = nx.constant dense<[[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]]> : tensor<4x4xf64>
  %eye4d = tensor.cast %eye4 : tensor<4x4xf64> to tensor<?x?xf64>

  %a = nx.constant dense<[[12.0, -51.0, 4.0], [6.0, 167.0, -68.0], [-4.0, 24.0, -41.0], [1.0, 2.0, 3.0]]> : tensor<4x3xf64>
  %ad = tensor.cast %a : tensor<4x3xf64> to tensor<?x?xf64>
  %q, %r = nx.qr %a : tensor<4x3xf64> -> tensor<4x3xf64>, tensor<3x3xf64>
  %qd = tensor.cast %q : tensor<4x3xf64> to tensor<?x?xf64>
  %rd = tensor.cast %r : tensor<3x3xf64> to tensor<?x?xf64>
  %out0 = call @flat2(%rd) : (tensor<?x?xf64>) -> tensor<?xf64>
  %out1 = call @qr_ok(%qd, %rd, %ad, %eye3d) : (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?xf64>

  %qc, %rc = nx.qr %a {complete = true} : tensor<4x3xf64> -> tensor<4x4xf64>, tensor<4x3xf64>
  %qcd = tensor.cast %qc : tensor<4x4xf64> to tensor<?x?xf64>
  %rcd = tensor.cast %rc : tensor<4x3xf64> to tensor<?x?xf64>
  %out2 = call @flat2(%rcd) : (tensor<?x?xf64>) -> tensor<?xf64>
  %out3 = call @qr_ok(%qcd, %rcd, %ad, %eye4d) : (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?xf64>

  %w = nx.constant dense<[[2.0, -1.0, 0.0, 3.0], [1.0, 4.0, 2.0, -2.0], [0.0, 3.0, 5.0, 1.0]]> : tensor<3x4xf64>
  %wd = tensor.cast %w : tensor<3x4xf64> to tensor<?x?xf64>
  %qw, %rw = nx.qr %wd : tensor<?x?xf64> -> tensor<?x?xf64>, tensor<?x?xf64>
  %out4 = call @flat2(%rw) : (tensor<?x?xf64>) -> tensor<?xf64>
  %out5 = call @qr_ok(%qw, %rw, %wd, %eye3d) : (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?xf64>

  %t = nx.constant dense<[[[-3.0, 2.0, 1.0], [0.0, 1.0, 1.0], [0.0, 0.0, -1.0]], [[3.0, 2.0, 1.0], [0.0, 1.0, 1.0], [0.0, 0.0, 1.0]]]> : tensor<2x3x3xf64>
  %qt, %rt = nx.qr %t : tensor<2x3x3xf64> -> tensor<2x3x3xf64>, tensor<2x3x3xf64>
  %qtd = tensor.cast %qt : tensor<2x3x3xf64> to tensor<?x?x?xf64>
  %rtd = tensor.cast %rt : tensor<2x3x3xf64> to tensor<?x?x?xf64>
  %out6 = call @flat3(%qtd) : (tensor<?x?x?xf64>) -> tensor<?xf64>
  %out7 = call @flat3(%rtd) : (tensor<?x?x?xf64>) -> tensor<?xf64>
  return %out0, %out1, %out2, %out3, %out4, %out5, %out6, %out7 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// [max |a v - v diag(w)| < 1e-12, max |v^T v - I| < 1e-12] as 0/1.
func.func @eigh_ok(%a: tensor<?x?xf64>, %w: tensor<?xf64>, %v: tensor<?x?xf64>, %eye: tensor<?x?xf64>) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %a, %c0 : tensor<?x?xf64>
  %av = nx.dot %a, %v {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %wb = nx.broadcast_in_dim %w [%n, %n] {dims = array<i64: 1>} : tensor<?xf64> -> tensor<?x?xf64>
  %vw = nx.multiply %v, %wb : tensor<?x?xf64>
  %d1 = nx.subtract %av, %vw : tensor<?x?xf64>
  %e1 = nx.abs %d1 : tensor<?x?xf64>
  %m1 = nx.reduce_max %e1 {axes = array<i64: 0, 1>} : tensor<?x?xf64> -> tensor<f64>
  %vtv = nx.dot %v, %v {lhs_contracting_dims = array<i64: 0>, rhs_contracting_dims = array<i64: 0>} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %d2 = nx.subtract %vtv, %eye : tensor<?x?xf64>
  %e2 = nx.abs %d2 : tensor<?x?xf64>
  %m2 = nx.reduce_max %e2 {axes = array<i64: 0, 1>} : tensor<?x?xf64> -> tensor<f64>
  %tol = nx.constant dense<1.0e-12> : tensor<f64>
  %ok1 = nx.less %m1, %tol : tensor<f64> -> tensor<ui8>
  %ok2 = nx.less %m2, %tol : tensor<f64> -> tensor<ui8>
  %f1 = nx.convert %ok1 : tensor<ui8> -> tensor<f64>
  %f2 = nx.convert %ok2 : tensor<ui8> -> tensor<f64>
  %v1 = tensor.expand_shape %f1 [] output_shape [1] : tensor<f64> into tensor<1xf64>
  %v2 = tensor.expand_shape %f2 [] output_shape [1] : tensor<f64> into tensor<1xf64>
  %r = tensor.concat dim(0) %v1, %v2 : (tensor<1xf64>, tensor<1xf64>) -> tensor<2xf64>
  %out = tensor.cast %r : tensor<2xf64> to tensor<?xf64>
  return %out : tensor<?xf64>
}

// A 4x4 with dynamic sizes, Nx's batch of two 2x2 in f32 and Nx's 3x3 with
// a repeated eigenvalue. Eigenvalues are printed (decreasing, like Nx);
// eigenvectors, whose signs are arbitrary, are checked inside the module.
func.func @eighs() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %eye4 = nx.constant dense<[[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]]> : tensor<4x4xf64>
  %eye4d = tensor.cast %eye4 : tensor<4x4xf64> to tensor<?x?xf64>
  %eye3 = nx.constant dense<[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]> : tensor<3x3xf64>
  %eye3d = tensor.cast %eye3 : tensor<3x3xf64> to tensor<?x?xf64>

  %a = nx.constant dense<[[4.0, 1.0, -2.0, 2.0], [1.0, 2.0, 0.0, 1.0], [-2.0, 0.0, 3.0, -2.0], [2.0, 1.0, -2.0, -1.0]]> : tensor<4x4xf64>
  %ad = tensor.cast %a : tensor<4x4xf64> to tensor<?x?xf64>
  %w, %v = nx.eigh %ad : tensor<?x?xf64> -> tensor<?xf64>
  %ok = call @eigh_ok(%ad, %w, %v, %eye4d) : (tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?xf64>

  %b = nx.constant dense<[[[2.0, 5.0], [5.0, 6.0]], [[1.0, 0.0], [0.0, 4.0]]]> : tensor<2x2x2xf32>
  %wb, %vb = nx.eigh %b : tensor<2x2x2xf32> -> tensor<2x2xf32>
  %wb64 = nx.convert %wb : tensor<2x2xf32> -> tensor<2x2xf64>
  %wbf = tensor.collapse_shape %wb64 [[0, 1]] : tensor<2x2xf64> into tensor<4xf64>
  %out2 = tensor.cast %wbf : tensor<4xf64> to tensor<?xf64>

  %c = nx.constant dense<[[0.0, 1.0, 2.0], [1.0, 0.0, 2.0], [2.0, 2.0, 3.0]]> : tensor<3x3xf64>
  %cd = tensor.cast %c : tensor<3x3xf64> to tensor<?x?xf64>
  %wc, %vc = nx.eigh %c {max_sweeps = 30 : i64} : tensor<3x3xf64> -> tensor<3xf64>
  %wcd = tensor.cast %wc : tensor<3xf64> to tensor<?xf64>
  %vcd = tensor.cast %vc : tensor<3x3xf64> to tensor<?x?xf64>
  %okc = call @eigh_ok(%cd, %wcd, %vcd, %eye3d) : (tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?xf64>
  return %w, %ok, %out2, %wcd, %okc : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// [max |u diag(s) vt - a|, max |u^T u - I|, max |vt vt^T - I|], each
// < 1e-12, as 0/1.
func.func @svd_ok(%u: tensor<?x?xf64>, %s: tensor<?xf64>, %vt: tensor<?x?xf64>, %a: tensor<?x?xf64>, %eu: tensor<?x?xf64>, %ev: tensor<?x?xf64>) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<?x?xf64>
  %k = tensor.dim %s, %c0 : tensor<?xf64>
  %uk = tensor.extract_slice %u[0, 0] [%m, %k] [1, 1] : tensor<?x?xf64> to tensor<?x?xf64>
  %sb = nx.broadcast_in_dim %s [%m, %k] {dims = array<i64: 1>} : tensor<?xf64> -> tensor<?x?xf64>
  %us = nx.multiply %uk, %sb : tensor<?x?xf64>
  %c1 = arith.constant 1 : index
  %nc = tensor.dim %a, %c1 : tensor<?x?xf64>
  %vtk = tensor.extract_slice %vt[0, 0] [%k, %nc] [1, 1] : tensor<?x?xf64> to tensor<?x?xf64>
  %usv = nx.dot %us, %vtk {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %d1 = nx.subtract %usv, %a : tensor<?x?xf64>
  %e1 = nx.abs %d1 : tensor<?x?xf64>
  %m1 = nx.reduce_max %e1 {axes = array<i64: 0, 1>} : tensor<?x?xf64> -> tensor<f64>
  %utu = nx.dot %u, %u {lhs_contracting_dims = array<i64: 0>, rhs_contracting_dims = array<i64: 0>} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %d2 = nx.subtract %utu, %eu : tensor<?x?xf64>
  %e2 = nx.abs %d2 : tensor<?x?xf64>
  %m2 = nx.reduce_max %e2 {axes = array<i64: 0, 1>} : tensor<?x?xf64> -> tensor<f64>
  %vvt = nx.dot %vt, %vt {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 1>} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %d3 = nx.subtract %vvt, %ev : tensor<?x?xf64>
  %e3 = nx.abs %d3 : tensor<?x?xf64>
  %m3 = nx.reduce_max %e3 {axes = array<i64: 0, 1>} : tensor<?x?xf64> -> tensor<f64>
  %tol = nx.constant dense<1.0e-12> : tensor<f64>
  %ok1 = nx.less %m1, %tol : tensor<f64> -> tensor<ui8>
  %ok2 = nx.less %m2, %tol : tensor<f64> -> tensor<ui8>
  %ok3 = nx.less %m3, %tol : tensor<f64> -> tensor<ui8>
  %f1 = nx.convert %ok1 : tensor<ui8> -> tensor<f64>
  %f2 = nx.convert %ok2 : tensor<ui8> -> tensor<f64>
  %f3 = nx.convert %ok3 : tensor<ui8> -> tensor<f64>
  %v1 = tensor.expand_shape %f1 [] output_shape [1] : tensor<f64> into tensor<1xf64>
  %v2 = tensor.expand_shape %f2 [] output_shape [1] : tensor<f64> into tensor<1xf64>
  %v3 = tensor.expand_shape %f3 [] output_shape [1] : tensor<f64> into tensor<1xf64>
  %r = tensor.concat dim(0) %v1, %v2, %v3 : (tensor<1xf64>, tensor<1xf64>, tensor<1xf64>) -> tensor<3xf64>
  %out = tensor.cast %r : tensor<3xf64> to tensor<?xf64>
  return %out : tensor<?xf64>
}

// A 4x3 with full matrices, a 3x4 reduced with dynamic sizes, a singular
// 3x3 (u still orthogonal) and a batch of two 2x2 in f32. Singular values
// are printed, u and vt (signs arbitrary) are checked inside the module.
func.func @svds() -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %eye3 = nx.constant dense<[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]> : tensor<3x3xf64>
  %eye3d = tensor.cast %eye3 : tensor<3x3xf64> to tensor<?x?xf64>
  %eye4 = nx.constant dense<[[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]]> : tensor<4x4xf64>
  %eye4d = tensor.cast %eye4 : tensor<4x4xf64> to tensor<?x?xf64>

  %a = nx.constant dense<[[12.0, -51.0, 4.0], [6.0, 167.0, -68.0], [-4.0, 24.0, -41.0], [1.0, 2.0, 3.0]]> : tensor<4x3xf64>
  %ad = tensor.cast %a : tensor<4x3xf64> to tensor<?x?xf64>
  %u, %s, %vt = nx.svd %a : tensor<4x3xf64> -> tensor<4x4xf64>, tensor<3xf64>, tensor<3x3xf64>
  %ud = tensor.cast %u : tensor<4x4xf64> to tensor<?x?xf64>
  %sd = tensor.cast %s : tensor<3xf64> to tensor<?xf64>
  %vtd = tensor.cast %vt : tensor<3x3xf64> to tensor<?x?xf64>
  %ok = call @svd_ok(%ud, %sd, %vtd, %ad, %eye4d, %eye3d) : (tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?xf64>

  %w = nx.constant dense<[[2.0, -1.0, 0.0, 3.0], [1.0, 4.0, 2.0, -2.0], [0.0, 3.0, 5.0, 1.0]]> : tensor<3x4xf64>
  %wd = tensor.cast %w : tensor<3x4xf64> to tensor<?x?xf64>
  %uw, %sw, %vtw = nx.svd %wd {full_matrices = false} : tensor<?x?xf64> -> tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>
  %okw = call @svd_ok(%uw, %sw, %vtw, %wd, %eye3d, %eye3d) : (tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?xf64>

  %c = nx.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]> : tensor<3x3xf64>
  %cd = tensor.cast %c : tensor<3x3xf64> to tensor<?x?xf64>
  %uc, %sc, %vtc = nx.svd %cd : tensor<?x?xf64> -> tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>
  %okc = call @svd_ok(%uc, %sc, %vtc, %cd, %eye3d, %eye3d) : (tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?xf64>

  %b = nx.constant dense<[[[3.0, 0.0], [4.0, 5.0]], [[0.0, 2.0], [0.0, 0.0]]]> : tensor<2x2x2xf32>
  %ub, %sb, %vtb = nx.svd %b : tensor<2x2x2xf32> -> tensor<2x2x2xf32>, tensor<2x2xf32>, tensor<2x2x2xf32>
  %sb64 = nx.convert %sb : tensor<2x2xf32> -> tensor<2x2xf64>
  %sbf = tensor.collapse_shape %sb64 [[0, 1]] : tensor<2x2xf64> into tensor<4xf64>
  %outb = tensor.cast %sbf : tensor<4xf64> to tensor<?xf64>
  return %sd, %ok, %sw, %okw, %okc, %outb : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

func.func @main() {
  // CHECK: [2.44949,  0,  0,  0,  1.22474,  2.12132,  0,  0,  1.63299,  1.41421,  2.3094,  0,  3.26599,  -1.41421,  1.58771,  3.13249]
  // CHECK: [1.41421,  0,  2.12132,  0.70710{{[67]}},  1,  0,  0,  1]
  // CHECK: [1,  0,  2,  {{-?nan}}]
  %c0, %c1, %c2 = call @cholesky() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%c0) : (tensor<?xf64>) -> ()
  call @show(%c1) : (tensor<?xf64>) -> ()
  call @show(%c2) : (tensor<?xf64>) -> ()

  // CHECK: [1.33333,  -0.666667,  2.66667,  -1.33333]
  // CHECK: [0.5,  1,  0.625,  0.75,  0.85,  1.1,  13.15,  12.9]
  // CHECK: [1.33333,  -4,  -2,  7,  1.33333,  -4,  -2,  8]
  // CHECK: [-14.175,  -6.05,  6.6,  14,  -15.8,  -6.8,  7.6,  16]
  // CHECK: [-1.95,  -1.7,  2.4,  4]
  // CHECK: [-0.416667,  -0.166667,  0.5,  24,  -19,  6]
  %s0, %s1, %s2, %s3, %s4, %s5 = call @solves() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%s0) : (tensor<?xf64>) -> ()
  call @show(%s1) : (tensor<?xf64>) -> ()
  call @show(%s2) : (tensor<?xf64>) -> ()
  call @show(%s3) : (tensor<?xf64>) -> ()
  call @show(%s4) : (tensor<?xf64>) -> ()
  call @show(%s5) : (tensor<?xf64>) -> ()

  // CHECK: [0,  1,  0,  0,  0,  1,  1,  0,  0,  1,  0,  0,  0,  0,  1,  0,  1,  0]
  // CHECK: [1,  0,  0,  0.142857,  1,  0,  0.571429,  0.5,  1,  1,  0,  0,  0,  1,  0,  0,  0.6,  1]
  // CHECK: [7,  8,  10,  0,  0.857143,  1.57143,  0,  0,  -0.5,  0,  1,  2,  0,  5,  6,  0,  0,  0.4]
  // CHECK: [0,  0,  1,  0,  0,  0,  0,  1,  1,  0,  0,  0,  0,  1,  0,  0]
  // CHECK: [1,  0,  0,  0,  0.666667,  1,  0,  0,  0,  0.352941,  1,  0,  0.333333,  0.235294,  0.534884,  1]
  // CHECK: [3,  -1,  2,  0,  0,  5.66667,  -4.33333,  1,  0,  0,  2.52941,  3.64706,  0,  0,  0,  -1.18605]
  %l0, %l1, %l2, %l3, %l4, %l5 = call @lus() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%l0) : (tensor<?xf64>) -> ()
  call @show(%l1) : (tensor<?xf64>) -> ()
  call @show(%l2) : (tensor<?xf64>) -> ()
  call @show(%l3) : (tensor<?xf64>) -> ()
  call @show(%l4) : (tensor<?xf64>) -> ()
  call @show(%l5) : (tensor<?xf64>) -> ()

  // CHECK: [-14.0357,  -21.0891,  13.7507,  0,  -175.001,  69.9883,  0,  0,  35.2498]
  // CHECK: [1,  1]
  // CHECK: [-14.0357,  -21.0891,  13.7507,  0,  -175.001,  69.9883,  0,  0,  35.2498,  0,  0,  0]
  // CHECK: [1,  1]
  // CHECK: [-2.23607,  -0.894427,  -0.894427,  -1.78885,  0,  -5.01996,  -4.42235,  1.91237,  0,  0,  2.93987,  2.67261]
  // CHECK: [1,  1]
  // CHECK: [1,  0,  0,  0,  1,  0,  0,  0,  1,  1,  0,  0,  0,  1,  0,  0,  0,  1]
  // CHECK: [-3,  2,  1,  0,  1,  1,  0,  0,  -1,  3,  2,  1,  0,  1,  1,  0,  0,  1]
  %q0, %q1, %q2, %q3, %q4, %q5, %q6, %q7 = call @qrs() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%q0) : (tensor<?xf64>) -> ()
  call @show(%q1) : (tensor<?xf64>) -> ()
  call @show(%q2) : (tensor<?xf64>) -> ()
  call @show(%q3) : (tensor<?xf64>) -> ()
  call @show(%q4) : (tensor<?xf64>) -> ()
  call @show(%q5) : (tensor<?xf64>) -> ()
  call @show(%q6) : (tensor<?xf64>) -> ()
  call @show(%q7) : (tensor<?xf64>) -> ()

  // CHECK: [6.84462,  2.26853,  1.08436,  -2.19752]
  // CHECK: [1,  1]
  // CHECK: [9.38516,  -1.38516,  4,  1]
  // CHECK: [5,  -1,  -1]
  // CHECK: [1,  1]
  %e0, %e1, %e2, %e3, %e4 = call @eighs() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%e0) : (tensor<?xf64>) -> ()
  call @show(%e1) : (tensor<?xf64>) -> ()
  call @show(%e2) : (tensor<?xf64>) -> ()
  call @show(%e3) : (tensor<?xf64>) -> ()
  call @show(%e4) : (tensor<?xf64>) -> ()

  // CHECK: [190.569,  33.0382,  13.7519]
  // CHECK: [1,  1,  1]
  // CHECK: [7.16119,  4.23297,  2.19073]
  // CHECK: [1,  1,  1]
  // CHECK: [1,  1,  1]
  // CHECK: [6.7082,  2.23607,  2,  0]
  %v0, %v1, %v2, %v3, %v4, %v5 = call @svds() : () -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
  call @show(%v0) : (tensor<?xf64>) -> ()
  call @show(%v1) : (tensor<?xf64>) -> ()
  call @show(%v2) : (tensor<?xf64>) -> ()
  call @show(%v3) : (tensor<?xf64>) -> ()
  call @show(%v4) : (tensor<?xf64>) -> ()
  call @show(%v5) : (tensor<?xf64>) -> ()
  return
}
