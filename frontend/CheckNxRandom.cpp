//===- CheckNxRandom.cpp - The Nx.Random functions ------------------------===//
//
// This file implements Nx.Random with explicit keys: key, split, fold_in,
// threefry2x32_20_concat, uniform, normal, randint, gumbel (and their _split
// forms), shuffle, choice and multivariate_normal. It checks the arguments
// and options as Nx does (a key is u32[2]; `shape:`, `type:`, bounds that
// broadcast to the sample shape) and desugars each call into typed-IR prims
// through the RandomEmitter (Threefry-2x32 and the samplers, bit for bit as
// nx/lib/nx/random.ex computes them).
//
// Shapes must be static (the counter length is a compile-time constant).
// The non-split functions split the key first and return {sample, key}.
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"
#include "frontend/RandomEmitter.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace nxc {
namespace {

using Rng = RandomEmitter;

TensorType tt(DType d, std::vector<Dim> s = {}) {
  return RandomEmitter::tt(d, std::move(s));
}

std::vector<Dim> dims(std::initializer_list<int64_t> sizes) {
  return RandomEmitter::dims(sizes);
}

//===----------------------------------------------------------------------===//
// Argument and option checking
//===----------------------------------------------------------------------===//

/// The key argument: a u32[2] tensor.
bool keyArg(Checker &c, const NxCall &call, const Value &v, int &key) {
  if (!c.expectTensor(v, "key of `" + call.name + "`", key))
    return false;
  TensorType t = c.emit().type(key);
  if (t.dtype == DType::U32 && t.shape.size() == 1 && t.shape[0].size == 2)
    return true;
  c.diagnose(v.loc, DiagKind::RandomKeyType, call.name, toString(t));
  c.noteShape(v);
  return false;
}

bool staticShape(Checker &c, const NxCall &call, const Value &v,
                 const std::vector<Dim> &s) {
  for (const Dim &d : s)
    if (!d.isStatic()) {
      c.diagnose(v.loc, DiagKind::RandomDynamicShape, call.name,
                 shapeToString(s));
      return false;
    }
  return true;
}

/// `shape:` (default {}) and `type:` (default `dflt`).
bool shapeTypeOpts(Checker &c, const NxCall &call, std::vector<Dim> &shape,
                   DType &dt, bool &typeGiven) {
  typeGiven = false;
  if (const Expr *e = findOption(call, "shape")) {
    Value v = c.checkExpr(*e);
    if (v.isInvalid() || !c.shapeArg(v, "the `shape` option", false, shape))
      return false;
    // A tensor's shape, or a tuple such as Nx.shape(x) that holds sizes
    // read at run time: both must be static.
    if (!staticShape(c, call, v, shape))
      return false;
  }
  if (const Expr *e = findOption(call, "type")) {
    if (!c.optionDType(*e, "`type`", dt))
      return false;
    typeGiven = true;
  }
  return true;
}

const Expr *typeExpr(const NxCall &call) { return findOption(call, "type"); }

/// Nx.type of a bound: numbers are s32 or f32.
DType boundType(Checker &c, const Value &v) {
  if (v.kind == Value::Kind::Number)
    return v.isFloatNumber ? DType::F32 : DType::S32;
  return c.typeOf(v).dtype;
}

/// A bound: a number or a tensor that broadcasts to `shape`.
bool boundArg(Checker &c, const NxCall &call, const Value &v,
              const std::vector<Dim> &shape) {
  if (v.kind == Value::Kind::Number)
    return true;
  int node;
  if (!c.expectTensor(v, "argument of `" + call.name + "`", node))
    return false;
  std::vector<Dim> s = c.emit().type(node).shape;
  bool ok = s.size() <= shape.size();
  for (size_t i = 0; ok && i < s.size(); ++i) {
    const Dim &d = s[s.size() - 1 - i], &r = shape[shape.size() - 1 - i];
    ok = d == r || (d.isStatic() && d.size == 1);
  }
  if (!ok) {
    c.diagnose(v.loc, DiagKind::RandomBoundShape, call.name, shapeToString(s),
               shapeToString(shape));
    c.noteShape(v);
  }
  return ok;
}

Value pairOf(Checker &c, int a, int b, SourceLoc loc) {
  Value r;
  r.kind = Value::Kind::Tuple;
  r.loc = loc;
  r.elems = {c.tensor(a, loc), c.tensor(b, loc)};
  return r;
}

bool isSplit(const NxCall &call) {
  return call.name.size() > 6 &&
         call.name.compare(call.name.size() - 6, 6, "_split") == 0;
}

/// The key to sample with and, for the non-split forms, the key to return.
int sampleKey(Rng &g, const NxCall &call, int key, int &next) {
  next = -1;
  if (isSplit(call))
    return key;
  int keys = g.split(key, 2);
  next = g.row(keys, 0);
  return g.row(keys, 1);
}

Value result(Checker &c, int sample, int next, SourceLoc loc) {
  return next < 0 ? c.tensor(sample, loc) : pairOf(c, sample, next, loc);
}

//===----------------------------------------------------------------------===//
// The functions
//===----------------------------------------------------------------------===//

Value keyFn(Checker &c, NxCall &call) {
  const Value &v = call.args[0];
  Rng g(c, call.loc);
  Emitter &em = c.emit();
  if (v.kind == Value::Kind::Number && !v.isFloatNumber) {
    uint64_t s = static_cast<uint64_t>(v.intValue);
    return c.tensor(
        em.constantInts(tt(DType::U32, dims({2})),
                        {int64_t(s >> 32), int64_t(s & 0xFFFFFFFFu)}, call.loc),
        call.loc);
  }
  int x;
  if (v.kind == Value::Kind::Tensor) {
    x = v.node;
    TensorType t = em.type(x);
    if ((t.dtype == DType::U64 || t.dtype == DType::S64) && t.shape.empty()) {
      if (t.dtype == DType::S64)
        x = em.prim("bitcast", {x}, tt(DType::U64), call.loc);
      int hi = g.binK("right_shift", x, 32);
      int lo = g.binK("bitwise_and", x, 0xFFFFFFFF);
      std::vector<Dim> one = dims({1});
      int k = g.concat(
          {em.reshape(hi, one, call.loc), em.reshape(lo, one, call.loc)}, 0);
      return c.tensor(em.convert(k, DType::U32, call.loc), call.loc);
    }
  }
  std::string got = v.kind == Value::Kind::Tensor
                        ? "a tensor of type " + toString(c.typeOf(v))
                    : v.kind == Value::Kind::Number ? "a float number"
                                                    : "a constant term";
  c.diagnose(v.loc, DiagKind::RandomSeed, got);
  return {};
}

Value splitFn(Checker &c, NxCall &call) {
  int key;
  if (!keyArg(c, call, call.args[0], key))
    return {};
  int64_t parts = 2;
  if (const Expr *e = findOption(call, "parts")) {
    if (!c.optionInt(*e, "`parts`", parts))
      return {};
    if (parts < 1) {
      c.diagnose(e->loc, DiagKind::RandomParts, parts);
      return {};
    }
  }
  Rng g(c, call.loc);
  return c.tensor(g.split(key, parts), call.loc);
}

Value foldInFn(Checker &c, NxCall &call) {
  int key, data;
  if (!keyArg(c, call, call.args[0], key))
    return {};
  Emitter &em = c.emit();
  Rng g(c, call.loc);
  const Value &dv = call.args[1];
  if (dv.kind == Value::Kind::Number && !dv.isFloatNumber) {
    data = em.constantInts(tt(DType::U64), {dv.intValue}, call.loc);
  } else {
    if (!c.expectTensor(dv, "data of `Nx.Random.fold_in`", data))
      return {};
    if (!staticShape(c, call, dv, em.type(data).shape))
      return {};
    data = em.convert(data, DType::U64, call.loc);
  }
  std::vector<Dim> shape = em.type(data).shape;
  bool st;
  int64_t n = numElements(shape, st);
  int flat = em.reshape(data, dims({n}), call.loc);
  int hi = em.convert(g.binK("right_shift", flat, 32), DType::U32, call.loc);
  int lo =
      em.convert(g.binK("bitwise_and", flat, 0xFFFFFFFF), DType::U32, call.loc);
  auto [x0, x1] = g.threefryPair(hi, lo, key);
  std::vector<Dim> col = dims({n, 1});
  int pairs = g.concat(
      {em.reshape(x0, col, call.loc), em.reshape(x1, col, call.loc)}, 1);
  shape.push_back(Dim{2, ""});
  return c.tensor(em.reshape(pairs, shape, call.loc), call.loc);
}

Value threefryConcatFn(Checker &c, NxCall &call) {
  int xs, key;
  if (!c.expectTensor(call.args[0], "counter of `" + call.name + "`", xs) ||
      !keyArg(c, call, call.args[1], key))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(xs);
  if (t.dtype != DType::U32 || t.shape.size() != 2 || t.shape[0].size != 2 ||
      !t.shape[1].isStatic()) {
    c.diagnose(call.args[0].loc, DiagKind::RandomCounterType, toString(t));
    return {};
  }
  Rng g(c, call.loc);
  auto [y0, y1] = g.threefryPair(g.row(xs, 0), g.row(xs, 1), key);
  return c.tensor(g.concat({y0, y1}, 0), call.loc);
}

/// uniform/normal (1 or 3 positional arguments) and their _split forms.
template <bool Normal> Value floatSamplerFn(Checker &c, NxCall &call) {
  if (call.args.size() == 2) {
    c.diagnose(call.args[1].loc, DiagKind::RandomArity, call.name);
    return {};
  }
  int key;
  if (!keyArg(c, call, call.args[0], key))
    return {};
  Value lo = Value::floatNumber(0.0, call.loc);
  Value hi = Value::floatNumber(1.0, call.loc);
  if (call.args.size() == 3) {
    lo = call.args[1];
    hi = call.args[2];
  }
  std::vector<Dim> shape;
  DType dt = DType::F32;
  bool given;
  if (!shapeTypeOpts(c, call, shape, dt, given) ||
      !boundArg(c, call, lo, shape) || !boundArg(c, call, hi, shape))
    return {};
  if (!given)
    dt = toFloating(mergeTypes(boundType(c, lo), boundType(c, hi)));
  if (!isFloat(dt)) {
    c.diagnose(typeExpr(call)->loc, DiagKind::RandomFloatType, call.name,
               dtypeName(dt));
    return {};
  }
  Rng g(c, call.loc);
  int next;
  int k = sampleKey(g, call, key, next);
  int s =
      Normal ? g.normal(k, lo, hi, dt, shape) : g.uniform(k, lo, hi, dt, shape);
  return result(c, s, next, call.loc);
}

Value randintFn(Checker &c, NxCall &call) {
  int key;
  if (!keyArg(c, call, call.args[0], key))
    return {};
  const Value &lo = call.args[1], &hi = call.args[2];
  std::vector<Dim> shape;
  DType dt = DType::S32;
  bool given;
  if (!shapeTypeOpts(c, call, shape, dt, given) ||
      !boundArg(c, call, lo, shape) || !boundArg(c, call, hi, shape))
    return {};
  for (const Value *v : {&lo, &hi})
    if (v->kind == Value::Kind::Number && v->isFloatNumber) {
      c.diagnose(v->loc, DiagKind::RandomIntType, call.name, "f32");
      return {};
    }
  if (!given)
    dt = mergeTypes(boundType(c, lo), boundType(c, hi));
  if (!isInteger(dt)) {
    const Expr *e = typeExpr(call);
    c.diagnose(e ? e->loc : call.args[1].loc, DiagKind::RandomIntType,
               call.name, dtypeName(dt));
    return {};
  }
  Rng g(c, call.loc);
  int next;
  int k = sampleKey(g, call, key, next);
  Value s = g.randint(k, lo, hi, dt, shape);
  if (s.isInvalid())
    return s;
  return result(c, s.node, next, call.loc);
}

Value gumbelFn(Checker &c, NxCall &call) {
  int key;
  if (!keyArg(c, call, call.args[0], key))
    return {};
  std::vector<Dim> shape;
  DType dt = DType::F32;
  bool given;
  if (!shapeTypeOpts(c, call, shape, dt, given))
    return {};
  if (!isFloat(dt)) {
    c.diagnose(typeExpr(call)->loc, DiagKind::RandomFloatType, call.name,
               dtypeName(dt));
    return {};
  }
  Rng g(c, call.loc);
  int next;
  int k = sampleKey(g, call, key, next);
  return result(c, g.gumbel(k, dt, shape), next, call.loc);
}

bool tensorArg(Checker &c, const NxCall &call, const Value &v, int &x) {
  if (!c.expectTensor(v, "tensor of `" + call.name + "`", x))
    return false;
  return staticShape(c, call, v, c.emit().type(x).shape);
}

Value shuffleFn(Checker &c, NxCall &call) {
  int key, x;
  if (!keyArg(c, call, call.args[0], key) ||
      !tensorArg(c, call, call.args[1], x))
    return {};
  size_t rank = c.emit().type(x).shape.size();
  if (rank == 0) {
    c.diagnose(call.args[1].loc, DiagKind::RandomRank, call.name);
    return {};
  }
  int64_t axis = 0;
  bool indep = false;
  if (!axisOption(c, call, rank, axis))
    return {};
  if (const Expr *e = findOption(call, "independent"))
    if (!c.optionBool(*e, "`independent`", indep))
      return {};
  Rng g(c, call.loc);
  auto [s, k] = g.shuffle(key, x, axis, indep);
  return pairOf(c, s, k, call.loc);
}

Value choiceFn(Checker &c, NxCall &call) {
  int key, x, p = -1;
  if (!keyArg(c, call, call.args[0], key) ||
      !tensorArg(c, call, call.args[1], x))
    return {};
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  TensorType t = em.type(x);
  if (t.shape.empty()) {
    c.diagnose(call.args[1].loc, DiagKind::RandomRank, call.name);
    return {};
  }
  int64_t axis = 0, samples = 1;
  bool replace = true;
  const Expr *ae = findOption(call, "axis");
  if (ae) {
    if (!axisOption(c, call, t.shape.size(), axis))
      return {};
  } else {
    bool st;
    x = em.reshape(x, dims({numElements(t.shape, st)}), loc);
  }
  int64_t nIn = em.type(x).shape[axis].size;
  if (const Expr *e = findOption(call, "samples")) {
    if (!c.optionInt(*e, "`samples`", samples))
      return {};
    if (samples < 1) {
      c.diagnose(e->loc, DiagKind::RandomSamples, samples);
      return {};
    }
  }
  if (const Expr *e = findOption(call, "replace"))
    if (!c.optionBool(*e, "`replace`", replace))
      return {};
  if (!replace && samples > nIn) {
    c.diagnose(findOption(call, "samples")->loc, DiagKind::RandomTooManySamples,
               samples, nIn);
    return {};
  }
  if (call.args.size() == 3) {
    if (!c.expectTensor(call.args[2], "probabilities of `Nx.Random.choice`", p))
      return {};
    TensorType pt = em.type(p);
    if (pt.shape.size() != 1 || pt.shape[0].size != nIn || !isFloat(pt.dtype)) {
      c.diagnose(call.args[2].loc, DiagKind::RandomProbabilities, toString(pt),
                 shapeToString(dims({nIn})));
      c.noteShape(call.args[2]);
      return {};
    }
  }
  Rng g(c, loc);
  if (p < 0 && replace) {
    Value lo, hi;
    lo.kind = hi.kind = Value::Kind::Number;
    lo.intValue = 0;
    hi.intValue = nIn;
    int keys = g.split(key, 2);
    Value idx = g.randint(g.row(keys, 1), lo, hi, DType::U32, dims({samples}));
    return pairOf(c, g.take(x, idx.node, axis), g.row(keys, 0), loc);
  }
  if (p < 0) {
    auto [s, k] = g.shuffle(key, x, axis, false);
    return pairOf(c, g.slice(s, axis, 0, samples), k, loc);
  }
  DType pd = em.type(p).dtype;
  int keys = g.split(key, 2);
  int next = g.row(keys, 0), k = g.row(keys, 1);
  int idx;
  if (replace) {
    int cum = em.prim("cumulative_sum", {p}, em.type(p), loc);
    em.setInt(cum, "axis", 0);
    em.setBool(cum, "reverse", false);
    int u = g.uniform(k, Value::floatNumber(0.0), Value::floatNumber(1.0), pd, dims({samples}));
    int oneMinus = em.prim(
        "subtract",
        {em.broadcastTo(em.splat(tt(pd), 1.0, loc), dims({samples}), loc), u},
        tt(pd, dims({samples})), loc);
    int total = em.reshape(g.slice(cum, 0, nIn - 1, 1), {}, loc);
    int r = g.bin("multiply", oneMinus, total);
    std::vector<Dim> grid = dims({samples, nIn});
    int cb = em.prim("broadcast_in_dim", {cum}, tt(pd, grid), loc);
    em.setArray(cb, "dims", {1});
    int rb = em.prim("broadcast_in_dim", {r}, tt(pd, grid), loc);
    em.setArray(rb, "dims", {0});
    int le = em.prim("less_equal", {cb, rb}, tt(DType::U8, grid), loc);
    idx = em.prim("argmin", {le}, tt(DType::S64, dims({samples})), loc);
    em.setInt(idx, "axis", 1);
    em.setBool(idx, "keep_axis", false);
    em.setBool(idx, "tie_break_high", false);
  } else {
    int gs = g.gumbel(k, pd, dims({nIn}));
    int sc = g.bin("subtract", g.un("negate", gs), g.un("log", p));
    int order = em.prim("argsort", {sc}, tt(DType::S32, dims({nIn})), loc);
    em.setInt(order, "axis", 0);
    em.setBool(order, "descending", false);
    idx = g.slice(order, 0, 0, samples);
  }
  return pairOf(c, g.take(x, idx, axis), next, loc);
}

/// `Nx.LinAlg` `op` of the f32/f64 matrix `x` (f16/bf16 factored in f64):
/// a factor `a` with a aᵀ = x (cholesky; u sqrt(s) for svd and eigh).
int mvnFactor(Emitter &em, const std::string &op, int x, SourceLoc loc) {
  TensorType t = em.type(x);
  DType dt = t.dtype;
  if (dt == DType::F16 || dt == DType::BF16)
    x = em.convert(x, DType::F64, loc);
  TensorType ft = em.type(x), vt = ft;
  vt.shape.pop_back();
  int a;
  if (op == "cholesky") {
    a = em.prim("cholesky", {x}, ft, loc);
  } else {
    TNode n;
    n.kind = TNode::Kind::Prim;
    n.op = op;
    n.operands = {x};
    n.type.isTuple = true;
    for (const TensorType &e : op == "svd" ? std::vector<TensorType>{ft, vt, ft}
                                           : std::vector<TensorType>{vt, ft}) {
      Type et;
      et.tensor = e;
      n.type.elements.push_back(et);
    }
    n.loc = loc;
    int id = em.raw(std::move(n));
    if (op == "svd")
      em.setBool(id, "full_matrices", true);
    em.setInt(id, "max_sweeps", 100);
    int u = em.getElem(id, op == "svd" ? 0 : 1, loc);
    int sv = em.getElem(id, op == "svd" ? 1 : 0, loc);
    int r = em.prim("sqrt", {sv}, vt, loc);
    int rb = em.prim("broadcast_in_dim", {r}, ft, loc);
    em.setArray(rb, "dims", {1});
    a = em.prim("multiply", {u, rb}, ft, loc);
  }
  return em.convert(a, dt, loc);
}

Value mvnFn(Checker &c, NxCall &call) {
  int key, mean, cov;
  if (!keyArg(c, call, call.args[0], key) ||
      !c.expectTensor(call.args[1], "mean of `" + call.name + "`", mean) ||
      !c.expectTensor(call.args[2], "covariance of `" + call.name + "`", cov))
    return {};
  Emitter &em = c.emit();
  SourceLoc loc = call.loc;
  TensorType mt = em.type(mean), ct = em.type(cov);
  if (mt.shape.size() != 1 || !mt.shape[0].isStatic() || ct.shape.size() != 2 ||
      ct.shape[0] != mt.shape[0] || ct.shape[1] != mt.shape[0]) {
    c.diagnose(call.args[2].loc, DiagKind::RandomMvnShape, call.name,
               shapeToString(mt.shape), shapeToString(ct.shape));
    return {};
  }
  int64_t n = mt.shape[0].size;
  std::vector<Dim> shape;
  DType dt = DType::F32;
  bool given;
  if (!shapeTypeOpts(c, call, shape, dt, given))
    return {};
  shape.push_back(Dim{n, ""});
  if (!given)
    dt = toFloating(mergeTypes(mt.dtype, ct.dtype));
  if (!isFloat(dt)) {
    c.diagnose(typeExpr(call)->loc, DiagKind::RandomFloatType, call.name,
               dtypeName(dt));
    return {};
  }
  std::string method = "cholesky";
  if (const Expr *e = findOption(call, "method")) {
    if (e->kind != Expr::Kind::Atom ||
        (e->name != "cholesky" && e->name != "svd" && e->name != "eigh")) {
      c.diagnose(e->loc, DiagKind::RandomMvnMethod);
      return {};
    }
    method = e->name;
  }
  Rng g(c, loc);
  int next;
  int k = sampleKey(g, call, key, next);
  int a = mvnFactor(em, method, em.convert(cov, dt, loc), loc);
  bool st;
  int64_t m = numElements(shape, st) / std::max<int64_t>(n, 1);
  int z = em.reshape(g.normal(k, Value::floatNumber(0.0), Value::floatNumber(1.0), dt,
                               shape), dims({m, n}), loc);
  int d = em.prim("dot", {z, a}, tt(dt, dims({m, n})), loc);
  em.setArray(d, "lhs_contracting_dims", {1});
  em.setArray(d, "rhs_contracting_dims", {1});
  em.setArray(d, "lhs_batch_dims", {});
  em.setArray(d, "rhs_batch_dims", {});
  int r = g.bin("add", d, em.convert(mean, dt, loc));
  return result(c, em.reshape(r, shape, loc), next, loc);
}

} // namespace

void registerRandom(std::vector<NxFunctionInfo> &t) {
  std::vector<const char *> so = {"shape", "type"};
  t.push_back({"Nx.Random", "key", 1, 1, {}, keyFn});
  t.push_back({"Nx.Random", "split", 1, 1, {"parts"}, splitFn});
  t.push_back({"Nx.Random", "fold_in", 2, 2, {}, foldInFn});
  t.push_back(
      {"Nx.Random", "threefry2x32_20_concat", 2, 2, {}, threefryConcatFn});
  t.push_back({"Nx.Random", "uniform", 1, 3, so, floatSamplerFn<false>});
  t.push_back({"Nx.Random", "uniform_split", 3, 3, so, floatSamplerFn<false>});
  t.push_back({"Nx.Random", "normal", 1, 3, so, floatSamplerFn<true>});
  t.push_back({"Nx.Random", "normal_split", 3, 3, so, floatSamplerFn<true>});
  t.push_back({"Nx.Random", "randint", 3, 3, so, randintFn});
  t.push_back({"Nx.Random", "randint_split", 3, 3, so, randintFn});
  t.push_back({"Nx.Random", "gumbel", 1, 1, so, gumbelFn});
  t.push_back({"Nx.Random", "gumbel_split", 1, 1, so, gumbelFn});
  t.push_back(
      {"Nx.Random", "shuffle", 2, 2, {"axis", "independent"}, shuffleFn});
  t.push_back(
      {"Nx.Random", "choice", 2, 3, {"samples", "replace", "axis"}, choiceFn});
  std::vector<const char *> mo = {"shape", "type", "method"};
  t.push_back({"Nx.Random", "multivariate_normal", 3, 3, mo, mvnFn});
  t.push_back({"Nx.Random", "multivariate_normal_split", 3, 3, mo, mvnFn});
}

} // namespace nxc
