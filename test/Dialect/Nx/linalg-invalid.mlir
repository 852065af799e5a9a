// RUN: nx-opt %s --split-input-file --verify-diagnostics

// Tests that nx.cholesky needs matrices.
func.func @cholesky_rank(%a: tensor<3xf32>) {
  // expected-error @+1 {{expected `a` of rank at least 2 but got rank 1}}
  %0 = nx.cholesky %a : tensor<3xf32>
  return
}

// -----

// Tests that nx.cholesky needs square matrices.
func.func @cholesky_square(%a: tensor<2x3x4xf32>) {
  // expected-error @+1 {{expected square matrices in `a` but got 3x4}}
  %0 = nx.cholesky %a : tensor<2x3x4xf32>
  return
}

// -----

// Tests that the Nx.LinAlg ops take float tensors only.
func.func @cholesky_int(%a: tensor<3x3xsi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = nx.cholesky %a : tensor<3x3xsi32>
  return
}

// -----

// Tests that nx.lu needs square matrices.
func.func @lu_square(%a: tensor<3x4xf64>) {
  // expected-error @+1 {{expected square matrices in `a` but got 3x4}}
  %p, %l, %u = nx.lu %a : tensor<3x4xf64>
  return
}

// -----

// Tests that nx.triangular_solve needs a square `a`.
func.func @solve_square(%a: tensor<3x4xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{expected square matrices in `a` but got 3x4}}
  %0 = nx.triangular_solve %a, %b : tensor<3x4xf32>, tensor<3xf32>
  return
}

// -----

// Tests that transform_a is 0 or 1.
func.func @solve_transform(%a: tensor<3x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{`transform_a` must be 0 (none) or 1 (transpose) but got 2}}
  %0 = nx.triangular_solve %a, %b {transform_a = 2 : i64} : tensor<3x3xf32>, tensor<3xf32>
  return
}

// -----

// Tests that `b` is a batch of matrices or of vectors.
func.func @solve_rank(%a: tensor<3x3xf32>, %b: tensor<1x3x3xf32>) {
  // expected-error @+1 {{expected `b` of rank 2 or 1 but got rank 3}}
  %0 = nx.triangular_solve %a, %b : tensor<3x3xf32>, tensor<1x3x3xf32>
  return
}

// -----

// Tests that `b` has the batch dims of `a`.
func.func @solve_batch(%a: tensor<2x3x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{batch dim 0 of `b` is 4 but `a` has 2}}
  %0 = nx.triangular_solve %a, %b : tensor<2x3x3xf32>, tensor<4x3xf32>
  return
}

// -----

// Tests that a left-side `b` has n rows.
func.func @solve_left_rows(%a: tensor<3x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{dim 0 of `b` is 4 but `a` is 3x3}}
  %0 = nx.triangular_solve %a, %b : tensor<3x3xf32>, tensor<4x3xf32>
  return
}

// -----

// Tests that a right-side `b` has n columns.
func.func @solve_right_cols(%a: tensor<3x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{dim 1 of `b` is 4 but `a` is 3x3}}
  %0 = nx.triangular_solve %a, %b {left_side = false} : tensor<3x3xf32>, tensor<3x4xf32>
  return
}

// -----

// Tests that `a` and `b` have one element type.
func.func @solve_types(%a: tensor<3x3xf32>, %b: tensor<3xf64>) {
  // expected-error @+1 {{failed to verify that all of {a, b} have same element type}}
  %0 = nx.triangular_solve %a, %b : tensor<3x3xf32>, tensor<3xf64>
  return
}

// -----

// Tests that nx.qr needs matrices.
func.func @qr_rank(%a: tensor<4xf32>) {
  // expected-error @+1 {{expected `a` of rank at least 2 but got rank 1}}
  %q, %r = nx.qr %a : tensor<4xf32> -> tensor<4xf32>, tensor<4xf32>
  return
}

// -----

// Tests that nx.qr's results have the operand's rank.
func.func @qr_result_rank(%a: tensor<4x3xf32>) {
  // expected-error @+1 {{expected `q` and `r` of rank 2 but got 3 and 2}}
  %q, %r = nx.qr %a : tensor<4x3xf32> -> tensor<1x4x3xf32>, tensor<3x3xf32>
  return
}

// -----

// Tests that nx.qr's results keep the batch dims.
func.func @qr_batch(%a: tensor<2x4x3xf32>) {
  // expected-error @+1 {{batch dim 0 of `r` is 3 but `a` has 2}}
  %q, %r = nx.qr %a : tensor<2x4x3xf32> -> tensor<2x4x3xf32>, tensor<3x3x3xf32>
  return
}

// -----

// Tests the reduced shapes: q is m x min(m, n).
func.func @qr_reduced_q(%a: tensor<4x3xf32>) {
  // expected-error @+1 {{expected `q` matrices of 4x3 but got 4x4}}
  %q, %r = nx.qr %a : tensor<4x3xf32> -> tensor<4x4xf32>, tensor<3x3xf32>
  return
}

// -----

// Tests the complete shapes: r is m x n.
func.func @qr_complete_r(%a: tensor<4x3xf32>) {
  // expected-error @+1 {{expected `r` matrices of 4x3 but got 3x3}}
  %q, %r = nx.qr %a {complete = true} : tensor<4x3xf32> -> tensor<4x4xf32>, tensor<3x3xf32>
  return
}

// -----

// Tests that q and r have the operand's element type.
func.func @qr_types(%a: tensor<4x3xf32>) {
  // expected-error @+1 {{failed to verify that all of {a, q, r} have same element type}}
  %q, %r = nx.qr %a : tensor<4x3xf32> -> tensor<4x3xf64>, tensor<3x3xf32>
  return
}

// -----

// Tests that nx.eigh needs square matrices.
func.func @eigh_square(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{expected square matrices in `a` but got 2x3}}
  %w, %v = nx.eigh %a : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

// Tests that nx.eigh runs at least one sweep.
func.func @eigh_sweeps(%a: tensor<3x3xf32>) {
  // expected-error @+1 {{`max_sweeps` must be at least 1 but got 0}}
  %w, %v = nx.eigh %a {max_sweeps = 0 : i64} : tensor<3x3xf32> -> tensor<3xf32>
  return
}

// -----

// Tests that the eigenvalues are a batch of vectors.
func.func @eigh_rank(%a: tensor<3x3xf32>) {
  // expected-error @+1 {{expected `eigenvalues` of rank 1 but got rank 2}}
  %w, %v = nx.eigh %a : tensor<3x3xf32> -> tensor<3x3xf32>
  return
}

// -----

// Tests that the eigenvalues keep the batch dims.
func.func @eigh_batch(%a: tensor<2x3x3xf32>) {
  // expected-error @+1 {{batch dim 0 of `eigenvalues` is 5 but `a` has 2}}
  %w, %v = nx.eigh %a : tensor<2x3x3xf32> -> tensor<5x3xf32>
  return
}

// -----

// Tests that there are n eigenvalues.
func.func @eigh_count(%a: tensor<3x3xf32>) {
  // expected-error @+1 {{dim 0 of `eigenvalues` is 4 but `a` is 3x3}}
  %w, %v = nx.eigh %a : tensor<3x3xf32> -> tensor<4xf32>
  return
}

// -----

// Tests that the eigenvalues have the operand's element type.
func.func @eigh_types(%a: tensor<3x3xf32>) {
  // expected-error @+1 {{failed to verify that all of {a, eigenvalues} have same element type}}
  %w, %v = nx.eigh %a : tensor<3x3xf32> -> tensor<3xf64>
  return
}

// -----

// Tests that nx.svd needs matrices.
func.func @svd_rank(%a: tensor<3xf32>) {
  // expected-error @+1 {{expected `a` of rank at least 2 but got rank 1}}
  %u, %s, %vt = nx.svd %a : tensor<3xf32> -> tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
  return
}

// -----

// Tests that nx.svd runs at least one sweep.
func.func @svd_sweeps(%a: tensor<3x3xf32>) {
  // expected-error @+1 {{`max_sweeps` must be at least 1 but got -1}}
  %u, %s, %vt = nx.svd %a {max_sweeps = -1 : i64} : tensor<3x3xf32> -> tensor<3x3xf32>, tensor<3xf32>, tensor<3x3xf32>
  return
}

// -----

// Tests the result ranks of nx.svd.
func.func @svd_result_rank(%a: tensor<3x3xf32>) {
  // expected-error @+1 {{expected `u`, `s` and `vt` of ranks 2, 1 and 2 but got 2, 2 and 2}}
  %u, %s, %vt = nx.svd %a : tensor<3x3xf32> -> tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>
  return
}

// -----

// Tests that nx.svd's results keep the batch dims.
func.func @svd_batch(%a: tensor<2x3x3xf32>) {
  // expected-error @+1 {{batch dim 0 of `s` is 4 but `a` has 2}}
  %u, %s, %vt = nx.svd %a : tensor<2x3x3xf32> -> tensor<2x3x3xf32>, tensor<4x3xf32>, tensor<2x3x3xf32>
  return
}

// -----

// Tests that there are min(m, n) singular values.
func.func @svd_count(%a: tensor<4x3xf32>) {
  // expected-error @+1 {{expected 3 singular values but `s` has 4}}
  %u, %s, %vt = nx.svd %a : tensor<4x3xf32> -> tensor<4x4xf32>, tensor<4xf32>, tensor<3x3xf32>
  return
}

// -----

// Tests the full shapes: u is m x m.
func.func @svd_full_u(%a: tensor<4x3xf32>) {
  // expected-error @+1 {{expected `u` matrices of 4x4 but got 4x3}}
  %u, %s, %vt = nx.svd %a : tensor<4x3xf32> -> tensor<4x3xf32>, tensor<3xf32>, tensor<3x3xf32>
  return
}

// -----

// Tests the reduced shapes: vt is min(m, n) x n.
func.func @svd_reduced_vt(%a: tensor<3x5xf32>) {
  // expected-error @+1 {{expected `vt` matrices of 3x5 but got 5x5}}
  %u, %s, %vt = nx.svd %a {full_matrices = false} : tensor<3x5xf32> -> tensor<3x3xf32>, tensor<3xf32>, tensor<5x5xf32>
  return
}

// -----

// Tests that the results have the operand's element type.
func.func @svd_types(%a: tensor<3x3xf32>) {
  // expected-error @+1 {{failed to verify that all of {a, u, s, vt} have same element type}}
  %u, %s, %vt = nx.svd %a : tensor<3x3xf32> -> tensor<3x3xf32>, tensor<3xf64>, tensor<3x3xf32>
  return
}
