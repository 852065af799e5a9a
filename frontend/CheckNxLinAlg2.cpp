//===- CheckNxLinAlg2.cpp - norm, matrix_power, pinv and friends -----------===//
//
// This file implements the Nx.LinAlg functions that Nx itself writes on top
// of the factorizations: adjoint (a transpose of the last two axes), norm
// (`ord:`, `axes:`, `keep_axes:` with Nx's table of vector and matrix norms;
// like Nx, `ord: 2` of a matrix is the Frobenius norm and only 1-D and 2-D
// tensors are accepted), matrix_power (binary powering by batched dots,
// negative powers through invert, 0 gives an s32 identity as Nx.eye does),
// pinv (`eps:`; reciprocal singular values of a reduced svd, zero for an
// all-zero input), matrix_rank (`eps:`; singular values above eps * max(m,
// n) * max(s)) and least_squares (`eps:`; pinv(a) . b).
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"
#include "frontend/CheckNxLinAlg.h"
#include "frontend/Frontend.h"

#include <algorithm>
#include <cmath>

namespace nxc {
namespace {

/// Nx.Type.to_real: floats stay, integers become f32.
DType toReal(DType t) { return isFloat(t) ? t : DType::F32; }

int reduceAxes(Emitter &em, const char *op, int x, std::vector<int64_t> axes,
               bool keep, SourceLoc loc) {
  std::sort(axes.begin(), axes.end());
  TensorType t = em.type(x);
  std::vector<Dim> out;
  for (size_t i = 0; i < t.shape.size(); ++i) {
    bool hit = std::binary_search(axes.begin(), axes.end(),
                                  static_cast<int64_t>(i));
    if (!hit)
      out.push_back(t.shape[i]);
    else if (keep)
      out.push_back(Dim{1, ""});
  }
  t.shape = out;
  int id = em.prim(op, {x}, t, loc);
  em.setArray(id, "axes", axes);
  em.setBool(id, "keep_axes", keep);
  return id;
}

int unaryOp(Emitter &em, const char *op, int x, SourceLoc loc) {
  return em.prim(op, {x}, em.type(x), loc);
}

/// `op` of two tensors of one dtype, `b` broadcast to `a`'s shape.
int binop(Emitter &em, const char *op, int a, int b, SourceLoc loc) {
  b = em.broadcastTo(b, em.type(a).shape, loc);
  return em.prim(op, {a, b}, em.type(a), loc);
}

int splatLike(Emitter &em, int like, double v, SourceLoc loc) {
  TensorType st;
  st.dtype = em.type(like).dtype;
  std::vector<Dim> shape = em.type(like).shape;
  int c = em.splat(st, v, loc);
  return em.broadcastTo(c, shape, loc);
}

/// `op` of `a` and a splat of `v` shaped like it.
int withScalar(Emitter &em, const char *op, int a, double v, SourceLoc loc) {
  int b = splatLike(em, a, v, loc);
  TensorType t = em.type(a);
  return em.prim(op, {a, b}, t, loc);
}

std::vector<int64_t> iotaAxes(size_t n) {
  std::vector<int64_t> v;
  for (size_t i = 0; i < n; ++i)
    v.push_back(static_cast<int64_t>(i));
  return v;
}

/// Swaps the last two axes (rank >= 2).
int swapLast(Emitter &em, int x, SourceLoc loc) {
  size_t r = em.type(x).shape.size();
  std::vector<int64_t> perm = iotaAxes(r);
  std::swap(perm[r - 1], perm[r - 2]);
  TensorType t = em.type(x);
  std::swap(t.shape[r - 1], t.shape[r - 2]);
  int id = em.prim("transpose", {x}, t, loc);
  em.setArray(id, "permutation", perm);
  return id;
}

/// A batched matrix product a [..., m, k] . b [..., k, n].
int matmul(Emitter &em, int a, int b, SourceLoc loc) {
  TensorType ta = em.type(a);
  int64_t r = static_cast<int64_t>(ta.shape.size());
  TensorType ot = ta;
  ot.shape.back() = em.type(b).shape.back();
  int id = em.prim("dot", {a, b}, ot, loc);
  std::vector<int64_t> batch = iotaAxes(r - 2);
  em.setArray(id, "lhs_contracting_dims", {r - 1});
  em.setArray(id, "rhs_contracting_dims", {r - 2});
  em.setArray(id, "lhs_batch_dims", batch);
  em.setArray(id, "rhs_batch_dims", batch);
  return id;
}

Dim minDim(Checker &c, const Dim &a, const Dim &b) {
  if (a.isStatic() && b.isStatic())
    return a.size <= b.size ? a : b;
  return a == b ? a : c.freshDim();
}

/// The reduced svd {u, s, vt} of float matrices `x` [..., m, n].
std::vector<int> reducedSvd(Checker &c, int x, SourceLoc loc) {
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  size_t r = t.shape.size();
  Dim k = minDim(c, t.shape[r - 2], t.shape[r - 1]);
  TensorType u = t, s = t, vt = t;
  u.shape[r - 1] = k;
  s.shape.pop_back();
  s.shape[r - 2] = k;
  vt.shape[r - 2] = k;
  TNode n;
  n.kind = TNode::Kind::Prim;
  n.op = "svd";
  n.operands = {x};
  n.type.isTuple = true;
  for (const TensorType &e : {u, s, vt}) {
    Type et;
    et.tensor = e;
    n.type.elements.push_back(et);
  }
  n.loc = loc;
  int id = em.raw(std::move(n));
  em.setBool(id, "full_matrices", false);
  em.setInt(id, "max_sweeps", 100);
  std::vector<int> leaves;
  for (int i = 0; i < 3; ++i)
    leaves.push_back(em.getElem(id, i, loc));
  return leaves;
}

/// Reads a number option (`eps:`), `v` holding the default.
bool numberOption(Checker &c, const NxCall &call, const char *name,
                  double &v) {
  const Expr *e = findOption(call, name);
  if (!e)
    return true;
  const Expr *m = e;
  double sign = 1;
  if (m->kind == Expr::Kind::Unary && m->name == "-") {
    sign = -1;
    m = m->elems[0].get();
  }
  if (m->kind == Expr::Kind::Float || m->kind == Expr::Kind::Int) {
    v = sign * (m->kind == Expr::Kind::Float ? m->floatValue
                                             : static_cast<double>(m->intValue));
    return true;
  }
  c.diagnose(e->loc, DiagKind::OptionNotNumber, std::string("`") + name + "`");
  return false;
}

/// The `axes:`/`keep_axes:` of norm, normalized against `rank` (the rank of
/// the tensor Nx reduces with them); `axes` stays empty when not given.
struct NormAxes {
  bool has = false;
  std::vector<int64_t> axes;
  bool keep = false;
};

bool normAxes(Checker &c, const NxCall &call, size_t rank, NormAxes &o) {
  if (const Expr *e = findOption(call, "keep_axes"))
    if (!c.optionBool(*e, "`keep_axes`", o.keep))
      return false;
  const Expr *e = findOption(call, "axes");
  if (!e || e->kind == Expr::Kind::Nil) {
    o.axes = iotaAxes(rank);
    return true;
  }
  o.has = true;
  return c.optionIntList(*e, "`axes`", o.axes) &&
         c.normalizeAxes(o.axes, rank, e->loc, "`" + call.name + "`");
}

/// Nx's norm_integer for ord p != 0: the max-scaled
/// sum(|x / c| ** p) ** (1 / p) * c; without keep_axes the reduced axes go.
int pNorm(Checker &c, const NxCall &call, int x, int64_t p, bool &ok) {
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  NormAxes o;
  ok = normAxes(c, call, em.type(x).shape.size(), o);
  if (!ok)
    return -1;
  int a = unaryOp(em, "abs", em.convert(x, toReal(em.type(x).dtype), loc), loc);
  int coef = reduceAxes(em, "reduce_max", a, o.axes, true, loc);
  TensorType pt = em.type(coef);
  pt.dtype = DType::U8;
  int pos = em.prim("greater", {coef, splatLike(em, coef, 0, loc)}, pt, loc);
  int one = splatLike(em, coef, 1, loc);
  TensorType ct = em.type(coef);
  coef = em.prim("select", {pos, coef, one}, ct, loc);
  int q = binop(em, "divide", a, coef, loc);
  q = withScalar(em, "pow", q, static_cast<double>(p), loc);
  int s = reduceAxes(em, "reduce_sum", q, o.axes, true, loc);
  s = withScalar(em, "pow", s, 1.0 / static_cast<double>(p), loc);
  int r = em.prim("multiply", {s, coef}, ct, loc);
  if (o.keep)
    return r;
  std::vector<Dim> out;
  const std::vector<Dim> &rs = em.type(r).shape;
  for (size_t i = 0; i < rs.size(); ++i)
    if (!std::binary_search(o.axes.begin(), o.axes.end(),
                            static_cast<int64_t>(i)))
      out.push_back(rs[i]);
  return em.reshape(r, out, loc);
}

/// reduce_max/reduce_min of `x` with the call's axes options.
int reduceWithOpts(Checker &c, const NxCall &call, const char *op, int x,
                   bool &ok) {
  NormAxes o;
  ok = normAxes(c, call, c.emit().type(x).shape.size(), o);
  return ok ? reduceAxes(c.emit(), op, x, o.axes, o.keep, call.loc) : -1;
}

int normNode(Checker &c, NxCall &call, int x) {
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  TensorType t = em.type(x);
  size_t rank = t.shape.size();
  if (rank != 1 && rank != 2) {
    c.diagnose(call.args[0].loc, DiagKind::RankNeeded, call.name,
               "a 1-D or 2-D tensor", toString(t));
    c.noteShape(call.args[0]);
    return -1;
  }
  // The ord: nil, an atom or an integer.
  const Expr *oe = findOption(call, "ord");
  std::string atom;
  int64_t p = 2;
  bool isInt = true;
  if (oe && oe->kind != Expr::Kind::Nil) {
    const Expr *m = oe;
    int64_t sign = 1;
    if (m->kind == Expr::Kind::Unary && m->name == "-") {
      sign = -1;
      m = m->elems[0].get();
    }
    if (m->kind == Expr::Kind::Int) {
      p = sign * m->intValue;
    } else if (m->kind == Expr::Kind::Atom && sign == 1) {
      atom = m->name;
      isInt = false;
    } else {
      atom = "?";
      isInt = false;
    }
  }
  std::string ordText = isInt ? std::to_string(p) : ":" + atom;
  bool known = isInt || atom == "frobenius" || atom == "nuclear" ||
               atom == "inf" || atom == "neg_inf";
  bool matrix = rank == 2;
  if (!known || (!matrix && (atom == "frobenius" || atom == "nuclear")) ||
      (matrix && isInt && p != 2 && p != -2 && p != 1 && p != -1)) {
    c.diagnose(oe->loc, DiagKind::NormOrd,
               atom == "?" ? std::string("of this form") : ordText, rank);
    c.noteShape(call.args[0]);
    return -1;
  }
  DType ot = toReal(t.dtype);
  bool ok = true;
  if (atom == "frobenius")
    return pNorm(c, call, x, 2, ok);
  if (atom == "inf" || atom == "neg_inf" || (matrix && (p == 1 || p == -1))) {
    int a = unaryOp(em, "abs", em.convert(x, ot, loc), loc);
    if (matrix)
      a = reduceAxes(em, "reduce_sum", a, {isInt ? 0 : 1}, false, loc);
    bool max = atom == "inf" || (isInt && p == 1);
    int r = reduceWithOpts(c, call, max ? "reduce_max" : "reduce_min", a, ok);
    return ok ? r : -1;
  }
  if (atom == "nuclear" || (matrix && p == -2)) {
    DType ft;
    if (!linalgType(c, call, call.args[0], t.dtype, ft))
      return -1;
    int s = reducedSvd(c, em.convert(x, ft, loc), loc)[1];
    if (atom == "nuclear")
      return reduceAxes(em, "reduce_sum", s, {0}, false, loc);
    int r = reduceWithOpts(c, call, "reduce_min", s, ok);
    return ok ? r : -1;
  }
  if (p == 0) {
    // The number of non-zero elements.
    TensorType ut = t;
    ut.dtype = DType::U8;
    int nz = em.prim("not_equal", {x, splatLike(em, x, 0, loc)}, ut, loc);
    int f = em.convert(nz, ot, loc);
    int r = reduceWithOpts(c, call, "reduce_sum", f, ok);
    return ok ? r : -1;
  }
  int r = pNorm(c, call, x, p, ok);
  return ok ? r : -1;
}

Value normFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.LinAlg.norm`", x))
    return {};
  int r = normNode(c, call, x);
  return r < 0 ? Value{} : c.tensor(r, call.loc);
}

Value adjointFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.LinAlg.adjoint`", x))
    return {};
  Emitter &em = c.emit();
  size_t r = em.type(x).shape.size();
  if (r < 2) // Nx.transpose of a rank-0 or rank-1 tensor
    return c.tensor(x, call.loc);
  return c.tensor(swapLast(em, x, call.loc), call.loc);
}

/// Calls the registered `Nx.LinAlg.<name>` on tensor arguments.
Value callLinAlg(Checker &c, const char *name, std::vector<Value> args,
                 SourceLoc loc) {
  const NxFunctionInfo *f = lookupNxFunction("Nx.LinAlg", name);
  NxCall sub;
  sub.name = std::string("Nx.LinAlg.") + name;
  sub.args = std::move(args);
  sub.loc = loc;
  return f->handler(c, sub);
}

Value matrixPowerFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.LinAlg.matrix_power`",
                      x))
    return {};
  const Value &pv = call.args[1];
  if (pv.kind != Value::Kind::Number || pv.isFloatNumber) {
    if (!pv.isInvalid())
      c.diagnose(pv.loc, DiagKind::MatrixPowerNotInteger);
    return {};
  }
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  TensorType t = em.type(x);
  size_t r = t.shape.size();
  if (r < 2 || t.shape[r - 1] != t.shape[r - 2]) {
    c.diagnose(call.args[0].loc, DiagKind::LinAlgNotSquare, call.name,
               shapeToString(t.shape));
    c.noteShape(call.args[0]);
    return {};
  }
  int64_t p = pv.intValue;
  if (p == 0) {
    // Nx.eye(shape): s32.
    TensorType it = {DType::S64, t.shape};
    int rows = em.prim("iota", {}, it, loc);
    em.setInt(rows, "axis", static_cast<int64_t>(r - 2));
    int cols = em.prim("iota", {}, it, loc);
    em.setInt(cols, "axis", static_cast<int64_t>(r - 1));
    int eq = em.prim("equal", {rows, cols}, {DType::U8, t.shape}, loc);
    return c.tensor(em.convert(eq, DType::S32, loc), loc);
  }
  if (p < 0) {
    Value inv = callLinAlg(c, "invert", {c.tensor(x, call.args[0].loc)}, loc);
    if (inv.isInvalid())
      return {};
    x = inv.node;
    p = -p;
  }
  // Nx: the bits of p after the leading one, least significant first.
  std::vector<int> bits;
  for (int64_t q = p; q > 1; q >>= 1)
    bits.push_back(static_cast<int>(q & 1));
  int result = -1, e = x;
  for (int b : bits) {
    if (b == 1)
      result = result < 0 ? e : matmul(em, result, e, loc);
    e = matmul(em, e, e, loc);
  }
  return c.tensor(result < 0 ? e : matmul(em, result, e, loc), loc);
}

/// Nx.LinAlg.pinv of `x` with `eps`; the result is in x's floating type.
int pinvNode(Checker &c, NxCall &call, int x, double eps) {
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  TensorType t = em.type(x);
  size_t r = t.shape.size();
  int res;
  if (r == 0) {
    Value v = c.binary("divide", Value::intNumber(1, loc), c.tensor(x, loc), loc,
                       "`Nx.LinAlg.pinv`");
    res = v.node;
  } else if (r == 1) {
    NxCall sub = call;
    sub.options = nullptr;
    int n = normNode(c, sub, x);
    if (n < 0)
      return -1;
    n = em.prim("multiply", {n, n}, em.type(n), loc);
    Value v = c.binary("divide", c.tensor(x, loc), c.tensor(n, loc), loc,
                       "`Nx.LinAlg.pinv`");
    res = v.node;
  } else {
    DType ft;
    if (!linalgType(c, call, call.args[0], t.dtype, ft))
      return -1;
    std::vector<int> usv = reducedSvd(c, em.convert(x, ft, loc), loc);
    int v = swapLast(em, usv[2], loc), ut = swapLast(em, usv[0], loc);
    int s = usv[1];
    TensorType st = em.type(s);
    int small = em.prim("less", {unaryOp(em, "abs", s, loc),
                                 splatLike(em, s, eps, loc)},
                        {DType::U8, st.shape}, loc);
    int adj = em.prim("select", {small, splatLike(em, s, 1, loc), s}, st, loc);
    int inv = binop(em, "divide", splatLike(em, s, 1, loc), adj, loc);
    inv = em.prim("select", {small, splatLike(em, s, 0, loc), inv}, st, loc);
    std::vector<Dim> col = st.shape;
    col.push_back(Dim{1, ""});
    TensorType utT = em.type(ut);
    int sc = em.broadcastTo(em.reshape(inv, col, loc), utT.shape, loc);
    int sut = em.prim("multiply", {sc, ut}, utT, loc);
    res = matmul(em, v, sut, loc);
  }
  // Nx: zero when every |x| <= eps.
  Value le = c.binary("less_equal",
                      c.tensor(unaryOp(em, "abs", x, loc), loc),
                      Value::floatNumber(eps, loc), loc, "`Nx.LinAlg.pinv`");
  int all = reduceAxes(em, "reduce_all", le.node, iotaAxes(r), false, loc);
  TensorType rt = em.type(res);
  int pred = em.broadcastTo(all, rt.shape, loc);
  return em.prim("select", {pred, splatLike(em, res, 0, loc), res}, rt, loc);
}

Value pinvFn(Checker &c, NxCall &call) {
  int x;
  double eps = 1e-10;
  if (!c.expectTensor(call.args[0], "argument of `Nx.LinAlg.pinv`", x) ||
      !numberOption(c, call, "eps", eps))
    return {};
  int r = pinvNode(c, call, x, eps);
  return r < 0 ? Value{} : c.tensor(r, call.loc);
}

Value matrixRankFn(Checker &c, NxCall &call) {
  int x;
  double eps = 1e-7;
  if (!c.expectTensor(call.args[0], "argument of `Nx.LinAlg.matrix_rank`",
                      x) ||
      !numberOption(c, call, "eps", eps))
    return {};
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  TensorType t = em.type(x);
  if (t.shape.size() != 2) {
    c.diagnose(call.args[0].loc, DiagKind::RankNeeded, call.name,
               "a tensor of rank 2", toString(t));
    c.noteShape(call.args[0]);
    return {};
  }
  DType ft;
  if (!linalgType(c, call, call.args[0], t.dtype, ft))
    return {};
  x = em.convert(x, ft, loc);
  int s = reducedSvd(c, x, loc)[1];
  int smax = reduceAxes(em, "reduce_max", s, {0}, false, loc);
  TensorType st = {ft, {}};
  int scale;
  if (t.shape[0].isStatic() && t.shape[1].isStatic()) {
    scale = em.splat(st, eps * static_cast<double>(std::max(
                                   t.shape[0].size, t.shape[1].size)),
                     loc);
  } else {
    // eps * max(m, n) with run-time sizes.
    TensorType s64 = {DType::S64, {}};
    int d[2];
    for (int64_t a = 0; a < 2; ++a) {
      d[a] = em.prim("dim_size", {x}, s64, loc);
      em.setInt(d[a], "dim", a);
    }
    int mx = em.convert(em.prim("max", {d[0], d[1]}, s64, loc), ft, loc);
    scale = em.prim("multiply", {em.splat(st, eps, loc), mx}, st, loc);
  }
  int tol = em.prim("multiply", {scale, smax}, st, loc);
  std::vector<Dim> ss = em.type(s).shape;
  tol = em.broadcastTo(tol, ss, loc);
  int gt = em.prim("greater", {s, tol}, {DType::U8, ss}, loc);
  DType at = toAggregate(DType::U8);
  return c.tensor(reduceAxes(em, "reduce_sum", em.convert(gt, at, loc), {0},
                             false, loc),
                  loc);
}

Value leastSquaresFn(Checker &c, NxCall &call) {
  int a, b;
  double eps = 1e-15;
  if (!c.expectTensor(call.args[0], "argument of `Nx.LinAlg.least_squares`",
                      a) ||
      !c.expectTensor(call.args[1], "argument of `Nx.LinAlg.least_squares`",
                      b) ||
      !numberOption(c, call, "eps", eps))
    return {};
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  TensorType ta = em.type(a), tb = em.type(b);
  if (ta.shape.size() != 2) {
    c.diagnose(call.args[0].loc, DiagKind::RankNeeded, call.name,
               "a matrix of rank 2", toString(ta));
    c.noteShape(call.args[0]);
    return {};
  }
  if (tb.shape.size() != 1) {
    c.diagnose(call.args[1].loc, DiagKind::RankNeeded, call.name,
               "a vector of rank 1", toString(tb));
    c.noteShape(call.args[1]);
    return {};
  }
  if (ta.shape[0] != tb.shape[0]) {
    c.diagnose(call.args[1].loc, DiagKind::LeastSquaresShape, toString(ta),
               toString(tb));
    c.noteShape(call.args[1]);
    return {};
  }
  int p = pinvNode(c, call, a, eps);
  if (p < 0)
    return {};
  DType dt = mergeTypes(em.type(p).dtype, tb.dtype);
  p = em.convert(p, dt, loc);
  b = em.convert(b, dt, loc);
  TensorType ot = {dt, {em.type(p).shape[0]}};
  int d = em.prim("dot", {p, b}, ot, loc);
  em.setArray(d, "lhs_contracting_dims", {1});
  em.setArray(d, "rhs_contracting_dims", {0});
  em.setArray(d, "lhs_batch_dims", {});
  em.setArray(d, "rhs_batch_dims", {});
  return c.tensor(d, loc);
}

} // namespace

void registerLinAlg2(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx.LinAlg", "norm", 1, 1, {"ord", "axes", "keep_axes"},
               normFn});
  t.push_back({"Nx.LinAlg", "adjoint", 1, 1, {}, adjointFn});
  t.push_back({"Nx.LinAlg", "matrix_power", 2, 2, {}, matrixPowerFn});
  t.push_back({"Nx.LinAlg", "pinv", 1, 1, {"eps"}, pinvFn});
  t.push_back({"Nx.LinAlg", "matrix_rank", 1, 1, {"eps"}, matrixRankFn});
  t.push_back({"Nx.LinAlg", "least_squares", 2, 2, {"eps"}, leastSquaresFn});
}

} // namespace nxc
