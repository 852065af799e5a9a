//===- CheckNxLinAlg.cpp - Nx.LinAlg functions ------------------------------===//
//
// This file implements Nx.LinAlg.cholesky and Nx.LinAlg.triangular_solve
// (`left_side:`, `lower:`, `transform_a:`), the factorizations lu, qr, eigh
// and svd (tuple-typed Prim nodes, one result per leaf), each the dialect op
// of the same name (docs/dialect-linalg.md), and the compositions solve,
// invert and determinant. Integer inputs are converted to f32 as Nx does; the
// ops take f32 and f64 only.
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxLinAlg.h"
#include "frontend/CheckNxIndexing.h"

namespace nxc {

bool linalgType(Checker &c, const NxCall &call, const Value &v, DType in,
                DType &out) {
  out = toFloating(in);
  if (out != DType::F32 && out != DType::F64) {
    c.diagnose(v.loc, DiagKind::LinAlgType, call.name, dtypeName(in));
    return false;
  }
  return true;
}

namespace {

/// Requires a batch of square matrices [..., n, n].
bool squareMatrices(Checker &c, const NxCall &call, const Value &v, int x) {
  const TensorType &t = c.emit().type(x);
  size_t r = t.shape.size();
  if (r < 2) {
    c.diagnose(v.loc, DiagKind::TriRank, call.name, r);
    c.noteShape(v);
    return false;
  }
  if (t.shape[r - 1] != t.shape[r - 2]) {
    c.diagnose(v.loc, DiagKind::LinAlgNotSquare, call.name,
               shapeToString(t.shape));
    c.noteShape(v);
    return false;
  }
  return true;
}

/// Requires a batch of matrices [..., m, n].
bool matrices(Checker &c, const NxCall &call, const Value &v, int x) {
  size_t r = c.emit().type(x).shape.size();
  if (r < 2) {
    c.diagnose(v.loc, DiagKind::TriRank, call.name, r);
    c.noteShape(v);
    return false;
  }
  return true;
}

/// Checks the one matrix argument of a factorization and converts it to its
/// floating type; `square` requires [..., n, n].
bool factorArg(Checker &c, NxCall &call, bool square, int &x) {
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return false;
  Emitter &em = c.emit();
  DType dt;
  if (!linalgType(c, call, call.args[0], em.type(x).dtype, dt) ||
      !(square ? squareMatrices(c, call, call.args[0], x)
               : matrices(c, call, call.args[0], x)))
    return false;
  x = em.convert(x, dt, call.loc);
  return true;
}

/// A tuple-typed Prim `op` with one result per entry of `results`; the
/// node id goes to `id`, the GetElem of each result to `leaves`.
int multiPrim(Emitter &em, const std::string &op, std::vector<int> operands,
              const std::vector<TensorType> &results, SourceLoc loc,
              std::vector<int> &leaves) {
  TNode n;
  n.kind = TNode::Kind::Prim;
  n.op = op;
  n.operands = std::move(operands);
  n.type.isTuple = true;
  for (const TensorType &t : results) {
    Type e;
    e.tensor = t;
    n.type.elements.push_back(e);
  }
  n.loc = loc;
  int id = em.raw(std::move(n));
  leaves.clear();
  for (size_t i = 0; i < results.size(); ++i)
    leaves.push_back(em.getElem(id, static_cast<int>(i), loc));
  return id;
}

Value tupleOf(Checker &c, const std::vector<int> &nodes, SourceLoc loc) {
  Value v;
  v.kind = Value::Kind::Tuple;
  v.loc = loc;
  for (int n : nodes)
    v.elems.push_back(c.tensor(n, loc));
  return v;
}

/// min(a, b) of two dims: static when both are, `a` when equal, else fresh.
Dim minDim(Checker &c, const Dim &a, const Dim &b) {
  if (a.isStatic() && b.isStatic())
    return a.size <= b.size ? a : b;
  if (a == b)
    return a;
  return c.freshDim();
}

/// `nx.lu` of the float matrices `x`: {p, l, u}, all of x's type.
std::vector<int> emitLu(Emitter &em, int x, SourceLoc loc) {
  std::vector<int> leaves;
  const TensorType t = em.type(x);
  multiPrim(em, "lu", {x}, {t, t, t}, loc, leaves);
  return leaves;
}

/// An identity of `shape` (batched over the leading axes) in `dt`.
int emitEye(Emitter &em, std::vector<Dim> shape, DType dt, SourceLoc loc) {
  int64_t r = static_cast<int64_t>(shape.size());
  int rows = em.prim("iota", {}, {DType::S64, shape}, loc);
  em.setInt(rows, "axis", r - 2);
  int cols = em.prim("iota", {}, {DType::S64, shape}, loc);
  em.setInt(cols, "axis", r - 1);
  int eq = em.prim("equal", {rows, cols}, {DType::U8, shape}, loc);
  return em.convert(eq, dt, loc);
}

Value luFn(Checker &c, NxCall &call) {
  int x;
  if (!factorArg(c, call, true, x))
    return {};
  Emitter &em = c.emit();
  // Nx returns the permutation in the input's dtype (s32 for s32 input).
  DType inT = call.args[0].kind == Value::Kind::Tensor
                  ? c.typeOf(call.args[0]).dtype
                  : em.type(x).dtype;
  std::vector<int> plu = emitLu(em, x, call.loc);
  plu[0] = em.convert(plu[0], inT, call.loc);
  return tupleOf(c, plu, call.loc);
}

Value qrFn(Checker &c, NxCall &call) {
  int x;
  if (!factorArg(c, call, false, x))
    return {};
  bool complete = false;
  if (const Expr *e = findOption(call, "mode")) {
    if (e->kind != Expr::Kind::Atom ||
        (e->name != "reduced" && e->name != "complete")) {
      c.diagnose(e->loc, DiagKind::QrModeValue);
      return {};
    }
    complete = e->name == "complete";
  }
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t r = t.shape.size();
  Dim m = t.shape[r - 2], n = t.shape[r - 1];
  Dim k = complete ? m : minDim(c, m, n);
  TensorType q = t, rr = t;
  q.shape[r - 1] = k;
  rr.shape[r - 2] = k;
  std::vector<int> leaves;
  int id = multiPrim(em, "qr", {x}, {q, rr}, call.loc, leaves);
  em.setBool(id, "complete", complete);
  return tupleOf(c, leaves, call.loc);
}

Value eighFn(Checker &c, NxCall &call) {
  int x;
  if (!factorArg(c, call, true, x))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x), w = t;
  w.shape.pop_back();
  std::vector<int> leaves;
  int id = multiPrim(em, "eigh", {x}, {w, t}, call.loc, leaves);
  em.setInt(id, "max_sweeps", 100);
  return tupleOf(c, leaves, call.loc);
}

Value svdFn(Checker &c, NxCall &call) {
  int x;
  if (!factorArg(c, call, false, x))
    return {};
  bool full = true;
  if (const Expr *e = findOption(call, "full_matrices?"))
    if (!c.optionBool(*e, "`full_matrices?`", full))
      return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t r = t.shape.size();
  Dim m = t.shape[r - 2], n = t.shape[r - 1];
  Dim k = minDim(c, m, n);
  TensorType u = t, s = t, vt = t;
  u.shape[r - 1] = full ? m : k;
  s.shape.pop_back();
  s.shape[r - 2] = k;
  vt.shape[r - 2] = full ? n : k;
  std::vector<int> leaves;
  int id = multiPrim(em, "svd", {x}, {u, s, vt}, call.loc, leaves);
  em.setBool(id, "full_matrices", full);
  em.setInt(id, "max_sweeps", 100);
  return tupleOf(c, leaves, call.loc);
}

/// Solves a x = b for float `a` [..., n, n] and `b` [..., n, m] or [..., n]
/// of the same type: a = p l u, so x = u⁻¹ l⁻¹ pᵀ b.
int emitSolve(Emitter &em, int a, int b, SourceLoc loc) {
  std::vector<int> plu = emitLu(em, a, loc);
  TensorType tb = em.type(b);
  int64_t ra = static_cast<int64_t>(em.type(a).shape.size());
  int64_t rb = static_cast<int64_t>(tb.shape.size());
  std::vector<int64_t> batch;
  for (int64_t i = 0; i + 2 < ra; ++i)
    batch.push_back(i);
  // pᵀ b: contract p's rows with b's n axis; the result has b's shape.
  int y = em.prim("dot", {plu[0], b}, tb, loc);
  em.setArray(y, "lhs_contracting_dims", {ra - 2});
  em.setArray(y, "rhs_contracting_dims", {rb == ra ? rb - 2 : rb - 1});
  em.setArray(y, "lhs_batch_dims", batch);
  em.setArray(y, "rhs_batch_dims", batch);
  int z = y;
  for (int k = 1; k <= 2; ++k) {
    z = em.prim("triangular_solve", {plu[k], z}, tb, loc);
    em.setBool(z, "left_side", true);
    em.setBool(z, "lower", k == 1);
    em.setInt(z, "transform_a", 0);
  }
  return z;
}

Value solveFn(Checker &c, NxCall &call) {
  int a, b;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", a) ||
      !c.expectTensor(call.args[1], "argument of `" + call.name + "`", b))
    return {};
  Emitter &em = c.emit();
  DType dt;
  if (!linalgType(c, call, call.args[0],
                  mergeTypes(em.type(a).dtype, em.type(b).dtype), dt) ||
      !squareMatrices(c, call, call.args[0], a))
    return {};
  const TensorType &ta = em.type(a), &tb = em.type(b);
  size_t ra = ta.shape.size(), rb = tb.shape.size();
  bool ok = rb == ra || rb == ra - 1;
  for (size_t i = 0; ok && i + 2 < ra; ++i)
    ok = ta.shape[i] == tb.shape[i];
  if (ok)
    ok = tb.shape[rb == ra ? rb - 2 : rb - 1] == ta.shape[ra - 1];
  if (!ok) {
    c.diagnose(call.args[1].loc, DiagKind::LinAlgSolveShape,
               shapeToString(ta.shape), shapeToString(tb.shape));
    c.noteShape(call.args[1]);
    return {};
  }
  a = em.convert(a, dt, call.loc);
  b = em.convert(b, dt, call.loc);
  return c.tensor(emitSolve(em, a, b, call.loc), call.loc);
}

Value invertFn(Checker &c, NxCall &call) {
  int a;
  if (!factorArg(c, call, true, a))
    return {};
  Emitter &em = c.emit();
  int eye = emitEye(em, em.type(a).shape, em.type(a).dtype, call.loc);
  return c.tensor(emitSolve(em, a, eye, call.loc), call.loc);
}

/// det(a) = det(p) prod(diag(u)); det(p) is the sign of the permutation,
/// (-1)^(number of inversions) of perm[i] = sum_j p[i][j] j.
Value determinantFn(Checker &c, NxCall &call) {
  int a;
  if (!factorArg(c, call, true, a))
    return {};
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  TensorType t = em.type(a);
  DType dt = t.dtype;
  int64_t r = static_cast<int64_t>(t.shape.size());
  std::vector<int> plu = emitLu(em, a, loc);
  TensorType batchT = t;
  batchT.shape.resize(r - 2);
  // prod(diag(u)): the product of select(eye, u, 1) over the last two axes.
  int eye = emitEye(em, t.shape, DType::U8, loc);
  int one = em.broadcastTo(em.splat({dt, {}}, 1.0, loc), t.shape, loc);
  int sel = em.prim("select", {eye, plu[2], one}, t, loc);
  int prod = em.prim("reduce_product", {sel}, batchT, loc);
  em.setArray(prod, "axes", {r - 2, r - 1});
  em.setBool(prod, "keep_axes", false);
  // perm[..., i] = sum_j p[..., i, j] * j.
  int cols = em.prim("iota", {}, {DType::S64, t.shape}, loc);
  em.setInt(cols, "axis", r - 1);
  int rows = em.prim("iota", {}, {DType::S64, t.shape}, loc);
  em.setInt(rows, "axis", r - 2);
  int pj = em.prim("multiply", {plu[0], em.convert(cols, dt, loc)}, t, loc);
  TensorType vecT = t;
  vecT.shape.pop_back();
  int perm = em.prim("reduce_sum", {pj}, vecT, loc);
  em.setArray(perm, "axes", {r - 1});
  em.setBool(perm, "keep_axes", false);
  std::vector<int64_t> di, dj;
  for (int64_t i = 0; i + 2 < r; ++i) {
    di.push_back(i);
    dj.push_back(i);
  }
  di.push_back(r - 2);
  dj.push_back(r - 1);
  int bi = em.prim("broadcast_in_dim", {perm}, t, loc);
  em.setArray(bi, "dims", di);
  int bj = em.prim("broadcast_in_dim", {perm}, t, loc);
  em.setArray(bj, "dims", dj);
  TensorType u8 = {DType::U8, t.shape};
  int gt = em.prim("greater", {bi, bj}, u8, loc);
  int lt = em.prim("less", {rows, cols}, u8, loc);
  int inv = em.prim("logical_and", {gt, lt}, u8, loc);
  int cnt = em.prim("reduce_sum", {em.convert(inv, dt, loc)}, batchT, loc);
  em.setArray(cnt, "axes", {r - 2, r - 1});
  em.setBool(cnt, "keep_axes", false);
  int two = em.broadcastTo(em.splat({dt, {}}, 2.0, loc), batchT.shape, loc);
  int parity = em.prim("remainder", {cnt, two}, batchT, loc);
  int one0 = em.broadcastTo(em.splat({dt, {}}, 1.0, loc), batchT.shape, loc);
  // sign = 1 - 2 * parity
  int sign = em.prim("subtract",
                     {one0, em.prim("multiply", {two, parity}, batchT, loc)},
                     batchT, loc);
  return c.tensor(em.prim("multiply", {prod, sign}, batchT, loc), loc);
}

Value choleskyFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  Emitter &em = c.emit();
  DType dt;
  if (!linalgType(c, call, call.args[0], em.type(x).dtype, dt) ||
      !squareMatrices(c, call, call.args[0], x))
    return {};
  x = em.convert(x, dt, call.loc);
  return c.tensor(em.prim("cholesky", {x}, em.type(x), call.loc), call.loc);
}

Value triangularSolveFn(Checker &c, NxCall &call) {
  int a, b;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", a) ||
      !c.expectTensor(call.args[1], "argument of `" + call.name + "`", b))
    return {};
  Emitter &em = c.emit();
  DType dt;
  if (!linalgType(c, call, call.args[0],
                  mergeTypes(em.type(a).dtype, em.type(b).dtype), dt) ||
      !squareMatrices(c, call, call.args[0], a))
    return {};
  bool leftSide = true, lower = true;
  int64_t transform = 0;
  if (const Expr *e = findOption(call, "left_side"))
    if (!c.optionBool(*e, "`left_side`", leftSide))
      return {};
  if (const Expr *e = findOption(call, "lower"))
    if (!c.optionBool(*e, "`lower`", lower))
      return {};
  if (const Expr *e = findOption(call, "transform_a")) {
    if (e->kind != Expr::Kind::Atom ||
        (e->name != "none" && e->name != "transpose" &&
         e->name != "conjugate")) {
      c.diagnose(e->loc, DiagKind::TransformAValue);
      return {};
    }
    // `:conjugate` is `:transpose` for real types.
    transform = e->name == "none" ? 0 : 1;
  }
  const TensorType &ta = em.type(a), &tb = em.type(b);
  size_t ra = ta.shape.size(), rb = tb.shape.size();
  bool ok = rb == ra || rb == ra - 1;
  for (size_t i = 0; ok && i + 2 < ra; ++i)
    ok = ta.shape[i] == tb.shape[i];
  if (ok) {
    const Dim &n = ta.shape[ra - 1];
    if (rb == ra - 1)
      ok = tb.shape[rb - 1] == n;
    else
      ok = tb.shape[leftSide ? rb - 2 : rb - 1] == n;
  }
  if (!ok) {
    c.diagnose(call.args[1].loc, DiagKind::TriangularSolveShape,
               shapeToString(ta.shape), shapeToString(tb.shape),
               leftSide ? "true" : "false");
    c.noteShape(call.args[1]);
    return {};
  }
  a = em.convert(a, dt, call.loc);
  b = em.convert(b, dt, call.loc);
  int id = em.prim("triangular_solve", {a, b}, em.type(b), call.loc);
  em.setBool(id, "left_side", leftSide);
  em.setBool(id, "lower", lower);
  em.setInt(id, "transform_a", transform);
  return c.tensor(id, call.loc);
}

} // namespace

void registerLinAlg(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx.LinAlg", "cholesky", 1, 1, {}, choleskyFn});
  t.push_back({"Nx.LinAlg", "triangular_solve", 2, 2,
               {"left_side", "lower", "transform_a"}, triangularSolveFn});
  t.push_back({"Nx.LinAlg", "lu", 1, 1, {"eps"}, luFn});
  t.push_back({"Nx.LinAlg", "qr", 1, 1, {"mode", "eps"}, qrFn});
  t.push_back({"Nx.LinAlg", "eigh", 1, 1, {"max_iter", "eps"}, eighFn});
  t.push_back({"Nx.LinAlg", "svd", 1, 1, {"max_iter", "full_matrices?"},
               svdFn});
  t.push_back({"Nx.LinAlg", "solve", 2, 2, {}, solveFn});
  t.push_back({"Nx.LinAlg", "invert", 1, 1, {}, invertFn});
  t.push_back({"Nx.LinAlg", "determinant", 1, 1, {}, determinantFn});
}

} // namespace nxc
