//===- CheckNxLinAlg.cpp - Nx.LinAlg functions ------------------------------===//
//
// This file implements Nx.LinAlg.cholesky and Nx.LinAlg.triangular_solve
// (`left_side:`, `lower:`, `transform_a:`), each the dialect op of the same
// name (docs/dialect-linalg.md). Integer inputs are converted to f32 as Nx
// does; the ops take f32 and f64 only. The multi-result factorizations (lu,
// qr, eigh, svd) need tuple-valued primitives, which codegen does not build
// yet.
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"

namespace nxc {
namespace {

/// The floating dtype a LinAlg function computes in; reports f16/bf16.
bool linalgType(Checker &c, const NxCall &call, const Value &v, DType in,
                DType &out) {
  out = toFloating(in);
  if (out != DType::F32 && out != DType::F64) {
    c.diagnose(v.loc, DiagKind::LinAlgType, call.name, dtypeName(in));
    return false;
  }
  return true;
}

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
}

} // namespace nxc
