//===- GradRulesLinAlg.cpp - Gradient rules of the Nx.LinAlg prims --------===//
//
// This file implements the vector-Jacobian products of the factorization
// prims and triangular_solve, following Nx (Nx.Defn.Grad's triangular_solve,
// and the custom_grad rules of Nx.LinAlg.Cholesky, LU, QR, BlockEigh, SVD):
//
// - triangular_solve: b's adjoint is a solve with op(a)ᵀ (the same triangle,
//   the transform flipped), a's is -b̄ xᵀ (left side) or -xᵀ b̄ (right side),
//   transposed back through the transform and masked to a's triangle. A
//   vector b is solved as a one-column (left) or one-row (right) matrix.
// - cholesky: ā = L⁻ᵀ Φ(Lᵀ tril(L̄)) L⁻¹, Φ the lower triangle with the
//   diagonal halved (not symmetrized, as in Nx).
// - lu (a = p l u): ā = p L⁻ᵀ (tril₋₁(Lᵀ L̄) + triu(Ū Uᵀ)) U⁻ᵀ; p has none.
// - qr: (Q̄ + Q copyltu(R R̄ᵀ - Q̄ᵀ Q)) R⁻ᵀ for square and tall R (complete
//   tall: R's leading square block); wide R = [U V] splits as Nx does.
// - eigh: V (diag(w̄) + F ∘ Vᵀ V̄) Vᵀ, F_ij = 1 / (w_j - w_i) off the
//   diagonal, then symmetrized.
// - svd: Townsend's rule for m >= n (the extra columns of a full U add
//   -U₂ Ū₂ᵀ U₁ S⁻¹ Vᵀ), the transposed problem for m < n.
//
// The inverses are triangular solves, never explicit inverses. Each rule
// emits the same typed-IR prims as the forward functions (dot, transpose,
// triangular_solve, iota masks, slice, concatenate), batched over the
// leading axes; slices (non-square full svd, wide or complete-tall qr) need
// static sizes.
//
//===----------------------------------------------------------------------===//

#include "frontend/Grad.h"

#include <utility>

namespace nxc {

namespace {

using Ctx = GradRuleContext;

const char *const kRunTimeShape =
    "of a non-square matrix of run-time size: the rule differs for tall and "
    "wide matrices and slices them at static sizes";
const char *const kRunTimeBatch =
    "over batch axes of run-time size: for a wide or complete `qr` or a full "
    "`svd` of a non-square matrix the rule slices the factors at static "
    "sizes";

int64_t rankOf(Ctx &c, int x) {
  return static_cast<int64_t>(c.type(x).shape.size());
}

std::vector<int64_t> batchDims(int64_t r) {
  std::vector<int64_t> v;
  for (int64_t i = 0; i + 2 < r; ++i)
    v.push_back(i);
  return v;
}

/// op(a) . op(b) for batches of matrices; op transposes when `ta`/`tb`.
int mm(Ctx &c, int a, int b, bool ta = false, bool tb = false) {
  int64_t r = rankOf(c, a);
  const TensorType &at = c.type(a), &bt = c.type(b);
  TensorType t = at;
  t.shape[r - 2] = ta ? at.shape[r - 1] : at.shape[r - 2];
  t.shape[r - 1] = tb ? bt.shape[r - 2] : bt.shape[r - 1];
  int d = c.em.prim("dot", {a, b}, t, c.loc());
  c.em.setArray(d, "lhs_contracting_dims", {ta ? r - 2 : r - 1});
  c.em.setArray(d, "rhs_contracting_dims", {tb ? r - 1 : r - 2});
  c.em.setArray(d, "lhs_batch_dims", batchDims(r));
  c.em.setArray(d, "rhs_batch_dims", batchDims(r));
  return d;
}

/// The transpose of the last two axes.
int adj(Ctx &c, int x) {
  int64_t r = rankOf(c, x);
  std::vector<int64_t> perm;
  for (int64_t i = 0; i < r; ++i)
    perm.push_back(i);
  std::swap(perm[r - 1], perm[r - 2]);
  return c.transpose(x, perm);
}

int add(Ctx &c, int a, int b) { return c.bin("add", a, b); }
int sub(Ctx &c, int a, int b) { return c.bin("subtract", a, b); }
int mul(Ctx &c, int a, int b) { return c.bin("multiply", a, b); }

/// 0/1 (u8) of x's shape: whether column - row `cmpOp` k.
int diagMask(Ctx &c, int x, const char *cmpOp, int64_t k) {
  int64_t r = rankOf(c, x);
  TensorType it = {DType::S64, c.type(x).shape};
  int rows = c.em.prim("iota", {}, it, c.loc());
  c.em.setInt(rows, "axis", r - 2);
  int cols = c.em.prim("iota", {}, it, c.loc());
  c.em.setInt(cols, "axis", r - 1);
  int diff = c.em.prim("subtract", {cols, rows}, it, c.loc());
  return c.cmp(cmpOp, diff, c.constLike(diff, static_cast<double>(k)));
}

/// Nx.tril(x, k: k) / Nx.triu(x, k: k).
int tril(Ctx &c, int x, int64_t k = 0) {
  return c.select(diagMask(c, x, "less_equal", k), x, c.constLike(x, 0.0));
}
int triu(Ctx &c, int x, int64_t k = 0) {
  return c.select(diagMask(c, x, "greater_equal", k), x, c.constLike(x, 0.0));
}
/// The identity shaped like the square matrices `x`.
int eyeLike(Ctx &c, int x) {
  return c.em.convert(diagMask(c, x, "equal", 0), c.type(x).dtype, c.loc());
}

/// triangular_solve(a, b) with the given options; the result has b's type.
int trisolve(Ctx &c, int a, int b, bool left, bool lower, bool transpose) {
  int id = c.em.prim("triangular_solve", {a, b}, c.type(b), c.loc());
  c.em.setBool(id, "left_side", left);
  c.em.setBool(id, "lower", lower);
  c.em.setInt(id, "transform_a", transpose ? 1 : 0);
  return id;
}

/// Static [lo, hi) of the last two axes (the others whole).
int sliceLast(Ctx &c, int x, int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
  TensorType t = c.type(x);
  int64_t r = static_cast<int64_t>(t.shape.size());
  std::vector<int64_t> start(r, 0), limit, strides(r, 1);
  for (const Dim &d : t.shape)
    limit.push_back(d.size);
  start[r - 2] = r0;
  limit[r - 2] = r1;
  start[r - 1] = c0;
  limit[r - 1] = c1;
  t.shape[r - 2] = Dim{r1 - r0, ""};
  t.shape[r - 1] = Dim{c1 - c0, ""};
  int id = c.em.prim("slice", {x}, t, c.loc());
  c.em.setArray(id, "start_indices", start);
  c.em.setArray(id, "limit_indices", limit);
  c.em.setArray(id, "strides", strides);
  return id;
}

bool allStatic(Ctx &c, int x) {
  for (const Dim &d : c.type(x).shape)
    if (!d.isStatic())
      return false;
  return true;
}

/// Leaf `i` of the tuple-typed node being differentiated, and its adjoint
/// (zeros when none arrived).
int leaf(Ctx &c, int i) { return c.em.getElem(c.id, i, c.loc()); }
int leafGrad(Ctx &c, int i, int leafNode) {
  if (i < (int)c.g.size() && c.g[i] >= 0)
    return c.g[i];
  return c.constLike(leafNode, 0.0);
}
bool hasGrad(Ctx &c, int i) { return i < (int)c.g.size() && c.g[i] >= 0; }

/// A vector along the last axis of `like` ([..., n]) broadcast to
/// [..., n, n], varying along `axis` (r - 1: rows equal; r - 2: columns).
int vecToMatrix(Ctx &c, int v, int like, int64_t axis) {
  int64_t r = rankOf(c, like);
  std::vector<int64_t> dims = batchDims(r);
  dims.push_back(axis);
  TensorType t = c.type(like);
  t.dtype = c.type(v).dtype;
  return c.broadcastInDim(v, t.shape, dims);
}

void gTriangularSolve(Ctx &c) {
  int a = c.operand(0);
  bool left = c.boolAttr("left_side", true), lower = c.boolAttr("lower", true);
  bool transform = c.intAttr("transform_a", 0) != 0;
  int x = c.id, g = c.grad();
  int64_t ra = rankOf(c, a);
  bool vec = rankOf(c, x) == ra - 1;
  std::vector<Dim> bShape = c.type(x).shape;
  if (vec) {
    std::vector<Dim> m = bShape;
    m.insert(left ? m.end() : m.end() - 1, Dim{1, ""});
    x = c.reshape(x, m);
    g = c.reshape(g, m);
  }
  // b̄ solves op(a)ᵀ b̄ = x̄ (left) or b̄ op(a)ᵀ = x̄ (right).
  int db = trisolve(c, a, g, left, lower, !transform);
  if (c.needs[1])
    c.give(1, vec ? c.reshape(db, bShape) : db);
  if (!c.needs[0])
    return;
  // The gradient with respect to op(a), then back through op.
  int da = left ? mm(c, db, x, false, true) : mm(c, x, db, true, false);
  if (transform)
    da = adj(c, da);
  da = c.un("negate", da);
  c.give(0, lower ? tril(c, da) : triu(c, da));
}

void gCholesky(Ctx &c) {
  int l = c.id;
  int num = mm(c, l, tril(c, c.grad()), true, false);
  // Φ: the lower triangle, the diagonal halved.
  int half = c.bin("multiply", eyeLike(c, num), c.constLike(num, 0.5));
  int phi = tril(c, sub(c, num, mul(c, half, num)));
  int bm = trisolve(c, l, phi, true, true, true);
  c.give(0, trisolve(c, l, bm, false, true, false));
}

void gLu(Ctx &c) {
  if (!hasGrad(c, 1) && !hasGrad(c, 2))
    return;
  int p = leaf(c, 0), l = leaf(c, 1), u = leaf(c, 2);
  int f = -1;
  if (hasGrad(c, 1))
    f = tril(c, mm(c, l, c.g[1], true, false), -1);
  if (hasGrad(c, 2)) {
    int t = triu(c, mm(c, c.g[2], u, false, true));
    f = f < 0 ? t : add(c, f, t);
  }
  int y = trisolve(c, l, f, true, true, true);
  y = trisolve(c, u, y, false, false, true);
  c.give(0, mm(c, p, y));
}

/// Nx's qr_grad_square: R has at least as many rows as columns (k x n with
/// k >= n); a complete tall R uses its leading n x n block. dq or dr is -1
/// where no adjoint arrived (its terms are left out).
int qrGradSquare(Ctx &c, int q, int r, int dq, int dr) {
  int64_t rk = rankOf(c, r);
  const Dim rows = c.type(r).shape[rk - 2], cols = c.type(r).shape[rk - 1];
  int m = dr >= 0 ? mm(c, r, dr, false, true) : -1;
  if (dq >= 0) {
    int t = mm(c, dq, q, true, false);
    m = m < 0 ? c.un("negate", t) : sub(c, m, t);
  }
  int ltu = add(c, tril(c, m), adj(c, tril(c, m, -1)));
  int dqm = mm(c, q, ltu);
  if (dq >= 0)
    dqm = add(c, dq, dqm);
  int rsq = r;
  if (rows != cols) { // complete tall: static sizes (checked by the caller)
    int64_t n = cols.size;
    rsq = sliceLast(c, r, 0, n, 0, n);
    dqm = sliceLast(c, dqm, 0, c.type(dqm).shape[rk - 2].size, 0, n);
  }
  return trisolve(c, rsq, dqm, false, false, true);
}

void gQr(Ctx &c) {
  if (!hasGrad(c, 0) && !hasGrad(c, 1))
    return;
  int q = leaf(c, 0), r = leaf(c, 1);
  int dq = hasGrad(c, 0) ? c.g[0] : -1, dr = hasGrad(c, 1) ? c.g[1] : -1;
  int64_t rk = rankOf(c, r);
  const Dim rows = c.type(r).shape[rk - 2], cols = c.type(r).shape[rk - 1];
  if (rows != cols && !(allStatic(c, r) && allStatic(c, q))) {
    c.limit =
        rows.isStatic() && cols.isStatic() ? kRunTimeBatch : kRunTimeShape;
    return;
  }
  if (rows == cols || rows.size > cols.size) {
    c.give(0, qrGradSquare(c, q, r, dq, dr));
    return;
  }
  // Wide: R = [U V] with U m x m; a = [Q U, Q V].
  dq = leafGrad(c, 0, q);
  dr = leafGrad(c, 1, r);
  int64_t m = rows.size, n = cols.size;
  int u = sliceLast(c, r, 0, m, 0, m), v = sliceLast(c, r, 0, m, m, n);
  int du = sliceLast(c, dr, 0, m, 0, m), dv = sliceLast(c, dr, 0, m, m, n);
  int dqp = add(c, dq, mm(c, mm(c, q, v), dv, false, true));
  int dx = qrGradSquare(c, q, u, dqp, du);
  int dy = mm(c, q, dv);
  TensorType t = c.type(c.operand(0));
  int id = c.em.prim("concatenate", {dx, dy}, t, c.loc());
  c.em.setInt(id, "axis", rk - 1);
  c.give(0, id);
}

void gEigh(Ctx &c) {
  if (!hasGrad(c, 0) && !hasGrad(c, 1))
    return;
  int w = leaf(c, 0), v = leaf(c, 1);
  int64_t r = rankOf(c, v);
  int eye = eyeLike(c, v);
  // F_ij = 1 / (w_j - w_i) off the diagonal, 0 on it.
  int wj = vecToMatrix(c, w, v, r - 1), wi = vecToMatrix(c, w, v, r - 2);
  int den = add(c, eye, sub(c, wj, wi));
  int f = sub(c, c.bin("divide", c.constLike(den, 1.0), den), eye);
  int mid = -1;
  if (hasGrad(c, 0))
    mid = mul(c, eye, vecToMatrix(c, c.g[0], v, r - 1));
  if (hasGrad(c, 1)) {
    int t = mul(c, f, mm(c, v, c.g[1], true, false));
    mid = mid < 0 ? t : add(c, mid, t);
  }
  int grad = mm(c, mm(c, v, mid), v, false, true);
  grad = add(c, grad, adj(c, grad));
  c.give(0, mul(c, grad, c.constLike(grad, 0.5)));
}

/// diag(s) ([..., k] -> [..., k, k]) given an identity `eye` of that shape.
int diagOf(Ctx &c, int s, int eye) {
  return mul(c, eye, vecToMatrix(c, s, eye, rankOf(c, eye) - 1));
}

/// Nx's svd_grad_tall for a [..., m, n], m >= n: u [..., m, uc] (uc = n for
/// reduced, m for full), s [..., n], vt [..., n, n]; du, ds, dvt are -1
/// where no adjoint arrived (their terms are left out), not all three.
int svdGradTall(Ctx &c, int u, int s, int vt, int du, int ds, int dvt) {
  int64_t r = rankOf(c, u);
  int uFull = u, duFull = du;
  Dim k = c.type(vt).shape[r - 2];
  bool extra = c.type(u).shape[r - 1] != k;
  int64_t m = c.type(u).shape[r - 2].size;
  if (extra) { // full U of a tall matrix: static (checked by the caller)
    u = sliceLast(c, uFull, 0, m, 0, k.size);
    if (du >= 0)
      du = sliceLast(c, duFull, 0, m, 0, k.size);
  }
  int eye = eyeLike(c, vt);
  int sinv = diagOf(c, c.bin("divide", c.constLike(s, 1.0), s), eye);
  int da = -1;
  auto acc = [&](int t) { da = da < 0 ? t : add(c, da, t); };
  if (ds >= 0)
    acc(mm(c, mm(c, u, diagOf(c, ds, eye)), vt));
  int f = -1, sm = -1;
  if (du >= 0 || dvt >= 0) {
    // F_ij = 1 / (s_j² - s_i²) off the diagonal, 0 on it.
    int sq = mul(c, s, s);
    int si = vecToMatrix(c, sq, vt, r - 2), sj = vecToMatrix(c, sq, vt, r - 1);
    int den = add(c, sub(c, sj, si), eye);
    f = c.select(diagMask(c, eye, "equal", 0), c.constLike(eye, 0.0),
                 c.bin("divide", c.constLike(den, 1.0), den));
    sm = diagOf(c, s, eye);
  }
  if (du >= 0) {
    int utdu = mm(c, u, du, true, false);
    int a1 = sub(c, utdu, mm(c, du, u, true, false));
    int first = mm(c, mm(c, u, mul(c, f, a1)), sm);
    int second = mm(c, sub(c, du, mm(c, u, utdu)), sinv);
    acc(mm(c, add(c, first, second), vt));
  }
  if (dvt >= 0) {
    int b1 = sub(c, mm(c, vt, dvt, false, true), mm(c, dvt, vt, false, true));
    b1 = mm(c, mm(c, sm, mul(c, b1, f)), vt);
    int dvs = mm(c, sinv, dvt);
    int b2 = sub(c, dvs, mm(c, mm(c, dvs, vt, false, true), vt));
    acc(mm(c, u, add(c, b1, b2)));
  }
  if (extra && duFull >= 0) { // -U₂ Ū₂ᵀ U₁ S⁻¹ Vᵀ
    int64_t uc = c.type(uFull).shape[r - 1].size;
    int u2 = sliceLast(c, uFull, 0, m, k.size, uc);
    int du2 = sliceLast(c, duFull, 0, m, k.size, uc);
    int t = mm(c, mm(c, u2, du2, false, true), mm(c, mm(c, u, sinv), vt));
    da = sub(c, da, t);
  }
  return da;
}

void gSvd(Ctx &c) {
  if (!hasGrad(c, 0) && !hasGrad(c, 1) && !hasGrad(c, 2))
    return;
  int u = leaf(c, 0), s = leaf(c, 1), vt = leaf(c, 2);
  int du = hasGrad(c, 0) ? c.g[0] : -1, ds = hasGrad(c, 1) ? c.g[1] : -1;
  int dvt = hasGrad(c, 2) ? c.g[2] : -1;
  int a = c.operand(0);
  int64_t r = rankOf(c, a);
  const Dim m = c.type(a).shape[r - 2], n = c.type(a).shape[r - 1];
  if (m != n && !(m.isStatic() && n.isStatic())) {
    c.limit = kRunTimeShape;
    return;
  }
  const Dim &k = c.type(s).shape[r - 2];
  bool full = c.type(u).shape[r - 1] != k || c.type(vt).shape[r - 2] != k;
  if (full && !allStatic(c, a)) {
    c.limit = kRunTimeBatch;
    return;
  }
  if (m == n || m.size > n.size) {
    c.give(0, svdGradTall(c, u, s, vt, du, ds, dvt));
    return;
  }
  // aᵀ = V S Uᵀ: the tall rule with the roles swapped, transposed back.
  auto adjOrNone = [&](int x) { return x < 0 ? -1 : adj(c, x); };
  c.give(0, adj(c, svdGradTall(c, adj(c, vt), s, adj(c, u), adjOrNone(dvt), ds,
                               adjOrNone(du))));
}

} // namespace

void registerGradLinAlg(std::vector<GradRuleInfo> &t) {
  t.insert(t.end(), {
                        {"triangular_solve", gTriangularSolve},
                        {"cholesky", gCholesky},
                        {"lu", gLu},
                        {"qr", gQr},
                        {"eigh", gEigh},
                        {"svd", gSvd},
                    });
}

} // namespace nxc
