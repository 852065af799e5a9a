//===- NxLinAlgOps.td - Nx.LinAlg decompositions and solves -*- tablegen -*-===//
//
// This file defines the nx dialect's linear-algebra ops (Nx.LinAlg):
// factorizations and triangular solves over the last two axes, batched over
// the leading ones. It is included at the end of NxOps.td. The ops and their
// semantics are listed in docs/dialect-linalg.md.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXLINALGOPS_TD
#define NXC_IR_NXLINALGOPS_TD

def Nx_CholeskyOp : Nx_Op<"cholesky", [SameOperandsAndResultType]> {
  let summary = "lower-triangular `L` with `a = L * transpose(L)`";
  let description = [{
    `a` is a batch of symmetric positive-definite matrices
    ([..., n, n], f32 or f64); only its lower triangle is read. The result's
    strict upper triangle is 0. A matrix that is not positive definite gives
    NaNs from the first failing pivot on (no error, no trap).

    ```mlir
    %l = nx.cholesky %a : tensor<2x3x3xf32>
    ```
  }];
  let arguments = (ins Nx_FloatTensor:$a);
  let results = (outs Nx_FloatTensor:$result);
  let assemblyFormat = "$a attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Nx_TriangularSolveOp : Nx_Op<"triangular_solve",
    [AllTypesMatch<["b", "result"]>, AllElementTypesMatch<["a", "b"]>]> {
  let summary = "solve `op(a) x = b` (or `x op(a) = b`) for triangular `a`";
  let description = [{
    `a` is [..., n, n]; `b` is [..., n, m] (`left_side`), [..., m, n]
    (not `left_side`) or a batch of vectors [..., n], with `a`'s batch dims.
    `op(a)` is `a` (`transform_a` = 0, Nx's `:none`) or `transpose(a)`
    (`transform_a` = 1, Nx's `:transpose`). `lower` says which triangle of
    `a` holds the matrix; the other one is not read. `left_side` solves
    `op(a) x = b`, otherwise `x op(a) = b`. A zero on the diagonal gives
    infinities/NaNs, like Nx's `triangular_solve` on singular input.

    ```mlir
    %x = nx.triangular_solve %a, %b {lower = false, transform_a = 1 : i64}
        : tensor<3x3xf32>, tensor<3x2xf32>
    ```
  }];
  let arguments = (ins Nx_FloatTensor:$a, Nx_FloatTensor:$b,
                       DefaultValuedAttr<BoolAttr, "true">:$left_side,
                       DefaultValuedAttr<BoolAttr, "true">:$lower,
                       DefaultValuedAttr<I64Attr, "0">:$transform_a);
  let results = (outs Nx_FloatTensor:$result);
  let assemblyFormat = "$a `,` $b attr-dict `:` type($a) `,` type($b)";
  let hasVerifier = 1;
}

def Nx_LuOp : Nx_Op<"lu", [AllTypesMatch<["a", "p", "l", "u"]>]> {
  let summary = "LU decomposition with partial pivoting: `a = p * l * u`";
  let description = [{
    `a` is a batch of square matrices [..., n, n]. `p` is a permutation
    matrix (0/1 of `a`'s element type), `l` unit lower triangular, `u` upper
    triangular, like LAPACK's `getrf` (the pivot of column `k` is the first
    row `>= k` of largest magnitude; a zero pivot column is left as is, so a
    singular `a` gives zeros on `u`'s diagonal, never NaNs).

    ```mlir
    %p, %l, %u = nx.lu %a : tensor<3x3xf64>
    ```
  }];
  let arguments = (ins Nx_FloatTensor:$a);
  let results = (outs Nx_FloatTensor:$p, Nx_FloatTensor:$l,
                      Nx_FloatTensor:$u);
  let assemblyFormat = "$a attr-dict `:` type($a)";
  let hasVerifier = 1;
}

def Nx_QrOp : Nx_Op<"qr", [AllElementTypesMatch<["a", "q", "r"]>]> {
  let summary = "Householder QR decomposition: `a = q * r`";
  let description = [{
    `a` is [..., m, n], `k = min(m, n)`. With `complete` (Nx's
    `mode: :complete`) `q` is [..., m, m] and `r` [..., m, n]; otherwise
    (`mode: :reduced`) `q` is [..., m, k] and `r` [..., k, n]. `q` has
    orthonormal columns, `r` is upper triangular. Reflections follow LAPACK's
    `geqrf`: a column that is already zero below the diagonal is not
    reflected, so a triangular `a` gives `q = I` and `r = a`.

    ```mlir
    %q, %r = nx.qr %a : tensor<4x3xf32> -> tensor<4x3xf32>, tensor<3x3xf32>
    ```
  }];
  let arguments = (ins Nx_FloatTensor:$a,
                       DefaultValuedAttr<BoolAttr, "false">:$complete);
  let results = (outs Nx_FloatTensor:$q, Nx_FloatTensor:$r);
  let assemblyFormat = [{
    $a attr-dict `:` type($a) `->` type($q) `,` type($r)
  }];
  let hasVerifier = 1;
}

def Nx_EighOp : Nx_Op<"eigh",
    [AllTypesMatch<["a", "eigenvectors"]>,
     AllElementTypesMatch<["a", "eigenvalues"]>]> {
  let summary = "eigenvalues and eigenvectors of symmetric matrices";
  let description = [{
    `a` is a batch of symmetric matrices [..., n, n] (all of it is read). `eigenvalues` [..., n] are sorted in
    decreasing order (like Nx), column `i` of `eigenvectors` [..., n, n] is
    the unit eigenvector of eigenvalue `i`; its sign is arbitrary. Computed by
    cyclic Jacobi rotations: sweeps stop once the off-diagonal part is below
    `n * eps * |a|_F` (`eps` of the element type) or after `max_sweeps`
    sweeps, so the op always terminates (NaN input gives NaNs).

    ```mlir
    %w, %v = nx.eigh %a : tensor<3x3xf64> -> tensor<3xf64>
    ```
  }];
  let arguments = (ins Nx_FloatTensor:$a,
                       DefaultValuedAttr<I64Attr, "100">:$max_sweeps);
  let results = (outs Nx_FloatTensor:$eigenvalues,
                      Nx_FloatTensor:$eigenvectors);
  let assemblyFormat = "$a attr-dict `:` type($a) `->` type($eigenvalues)";
  let hasVerifier = 1;
}

def Nx_SvdOp : Nx_Op<"svd", [AllElementTypesMatch<["a", "u", "s", "vt"]>]> {
  let summary = "singular value decomposition: `a = u * diag(s) * vt`";
  let description = [{
    `a` is [..., m, n], `k = min(m, n)`. `s` [..., k] holds the singular
    values in decreasing order. With `full_matrices` (Nx's
    `full_matrices?: true`, the default) `u` is [..., m, m] and `vt`
    [..., n, n]; otherwise `u` is [..., m, k] and `vt` [..., k, n]. `u` and
    `vt` are orthogonal (orthonormal columns/rows); signs are arbitrary.
    Computed by one-sided Jacobi (Hestenes) rotations of `a`'s columns,
    at most `max_sweeps` sweeps (a sweep that rotates nothing ends it), then
    a complete Householder QR of the rotated columns gives `u`.

    ```mlir
    %u, %s, %vt = nx.svd %a {full_matrices = false}
        : tensor<4x3xf64> -> tensor<4x3xf64>, tensor<3xf64>, tensor<3x3xf64>
    ```
  }];
  let arguments = (ins Nx_FloatTensor:$a,
                       DefaultValuedAttr<BoolAttr, "true">:$full_matrices,
                       DefaultValuedAttr<I64Attr, "100">:$max_sweeps);
  let results = (outs Nx_FloatTensor:$u, Nx_FloatTensor:$s,
                      Nx_FloatTensor:$vt);
  let assemblyFormat = [{
    $a attr-dict `:` type($a) `->` type($u) `,` type($s) `,` type($vt)
  }];
  let hasVerifier = 1;
}

#endif // NXC_IR_NXLINALGOPS_TD
