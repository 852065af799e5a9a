//===- CheckNxRandom.cpp - Nx.Random: Threefry-2x32 and its samplers -------===//
//
// This file implements Nx.Random with explicit keys, desugared into typed-IR
// prims so that a key gives bit for bit the numbers Nx gives (nx/lib/nx/
// random.ex is the specification):
//
//  - a key is u32[2]; `key(seed)` is {seed >> 32, seed & 0xFFFFFFFF};
//  - Threefry-2x32 with 20 rounds (five unrolled groups of four rounds, the
//    key schedule {k1, k0 ^ k1 ^ 0x1BD11BDA, k0}) on u32 tensors, where u32
//    adds wrap; `split`, `fold_in` and the random bits are Threefry of an
//    iota counter (odd counts padded with one 0), as Nx does;
//  - uniform floats from the top mantissa bits ORed into 1.0, minus 1;
//    normal = sqrt(2) * erf_inv(uniform in (-1, 1)); gumbel = -log(-log(u));
//    randint by Nx's two-word modulus method; shuffle by sorting on random
//    u32 keys for ceil(3 ln(n) / ln(2^32 - 1)) rounds; choice by randint,
//    shuffle, a cumulative-sum search or Gumbel top-k.
//
// Shapes must be static (the counter length is a compile-time constant).
// The non-split functions split the key first and return {sample, key}.
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace nxc {
namespace {

TensorType tt(DType d, std::vector<Dim> s = {}) {
  TensorType t;
  t.dtype = d;
  t.shape = std::move(s);
  return t;
}

std::vector<Dim> dims(std::initializer_list<int64_t> sizes) {
  std::vector<Dim> out;
  for (int64_t s : sizes)
    out.push_back(Dim{s, ""});
  return out;
}

/// Emits the prims of one call; every helper works on typed-IR node ids.
struct Rng {
  Checker &c;
  Emitter &em;
  SourceLoc loc;

  Rng(Checker &c, SourceLoc loc) : c(c), em(c.emit()), loc(loc) {}

  int scalar(DType d, int64_t v) { return em.constantInts(tt(d), {v}, loc); }
  /// `op` of `a` and `b` of one dtype, `b` broadcast to `a`'s shape.
  int bin(const char *op, int a, int b) {
    TensorType t = em.type(a);
    b = em.broadcastTo(b, t.shape, loc);
    return em.prim(op, {a, b}, t, loc);
  }
  int binK(const char *op, int a, int64_t k) {
    return bin(op, a, scalar(em.type(a).dtype, k));
  }
  int un(const char *op, int a) {
    TensorType t = em.type(a);
    return em.prim(op, {a}, t, loc);
  }
  int iota(DType d, std::vector<Dim> s, int64_t axis) {
    int id = em.prim("iota", {}, tt(d, std::move(s)), loc);
    em.setInt(id, "axis", axis);
    return id;
  }
  int slice(int x, int64_t axis, int64_t start, int64_t len) {
    return sliceAlongAxis(c, x, axis, start, len, 1, loc);
  }
  int concat(std::vector<int> parts, int64_t axis) {
    TensorType t = em.type(parts[0]);
    int64_t n = 0;
    for (int p : parts)
      n += em.type(p).shape[axis].size;
    t.shape[axis] = Dim{n, ""};
    int id = em.prim("concatenate", parts, t, loc);
    em.setInt(id, "axis", axis);
    return id;
  }
  /// Row `i` of a {k, ...} tensor, without its leading axis.
  int row(int x, int64_t i) {
    std::vector<Dim> s = em.type(x).shape;
    s.erase(s.begin());
    return em.reshape(slice(x, 0, i, 1), s, loc);
  }
  int rotl(int x, int64_t r) {
    return bin("bitwise_or", binK("left_shift", x, r),
               binK("right_shift", x, 32 - r));
  }

  /// Threefry-2x32 (20 rounds) of the counter words `x0`, `x1` (u32, one
  /// shape) under `key` (u32[2]).
  std::pair<int, int> threefryPair(int x0, int x1, int key) {
    int k0 = row(key, 0), k1 = row(key, 1);
    int k2 = binK("bitwise_xor", bin("bitwise_xor", k0, k1), 0x1BD11BDA);
    int ks[3] = {k1, k2, k0};
    x0 = bin("add", x0, k0);
    x1 = bin("add", x1, k1);
    static const int64_t rot[2][4] = {{13, 15, 26, 6}, {17, 29, 16, 24}};
    for (int64_t i = 1; i <= 5; ++i) {
      for (int64_t r : rot[(i - 1) % 2]) {
        x0 = bin("add", x0, x1);
        x1 = bin("bitwise_xor", rotl(x1, r), x0);
      }
      x0 = bin("add", x0, ks[0]);
      x1 = bin("add", x1, binK("add", ks[1], i));
      int k = ks[0];
      ks[0] = ks[1];
      ks[1] = ks[2];
      ks[2] = k;
    }
    return {x0, x1};
  }

  /// Nx's threefry2x32(key, shape) flattened: `n` u32 words from the counter
  /// 0..n-1 (split in halves; an odd count is padded with a 0 that is
  /// dropped from the result).
  int bits(int key, int64_t n) {
    int64_t m = (n + 1) / 2;
    int i0 = iota(DType::U32, dims({m}), 0);
    int i1 = binK("add", i0, m);
    if (n % 2) {
      int last = em.broadcastTo(scalar(DType::U32, m - 1), dims({m}), loc);
      TensorType pt = tt(DType::U8, dims({m}));
      int isLast = em.prim("equal", {i0, last}, pt, loc);
      int zero = em.broadcastTo(scalar(DType::U32, 0), dims({m}), loc);
      i1 = em.prim("select", {isLast, zero, i1}, tt(DType::U32, dims({m})),
                   loc);
    }
    auto [y0, y1] = threefryPair(i0, i1, key);
    int all = concat({y0, y1}, 0);
    return n % 2 ? slice(all, 0, 0, n) : all;
  }

  /// Nx's random_bits: u8/u16 truncate 32-bit words, u64 joins two.
  int randomBits(int key, const std::vector<Dim> &shape, unsigned width) {
    bool st;
    int64_t n = numElements(shape, st);
    if (width == 64) {
      int b = em.convert(bits(key, 2 * n), DType::U64, loc);
      int hi = slice(b, 0, 0, n), lo = slice(b, 0, n, n);
      int w = bin("bitwise_or", binK("left_shift", hi, 32), lo);
      return em.reshape(w, shape, loc);
    }
    int b = em.reshape(bits(key, n), shape, loc);
    if (width == 8)
      return em.convert(b, DType::U8, loc);
    if (width == 16)
      return em.convert(b, DType::U16, loc);
    return b;
  }

  int split(int key, int64_t parts) {
    return em.reshape(bits(key, 2 * parts), dims({parts, 2}), loc);
  }

  /// `v` (number or tensor) as `dt`, broadcast to `shape`.
  int asType(const Value &v, DType dt, const std::vector<Dim> &shape) {
    int id = v.kind == Value::Kind::Number
                 ? em.splat(tt(dt), v.number(), loc)
                 : em.convert(v.node, dt, loc);
    return em.broadcastTo(id, shape, loc);
  }

  int uniform(int key, const Value &lo, const Value &hi, DType dt,
              const std::vector<Dim> &shape) {
    unsigned nbits = bitWidth(dt);
    int mant = dt == DType::F16 ? 10 : dt == DType::BF16 ? 7
               : dt == DType::F32 ? 23 : 52;
    int64_t oneBits = dt == DType::F16 ? 0x3C00 : dt == DType::BF16 ? 0x3F80
                      : dt == DType::F32 ? 0x3F800000 : 0x3FF0000000000000;
    int b = randomBits(key, shape, nbits);
    b = binK("right_shift", b, nbits - mant);
    b = binK("bitwise_or", b, oneBits);
    TensorType ft = tt(dt, shape);
    int f = em.prim("bitcast", {b}, ft, loc);
    f = bin("subtract", f, em.splat(tt(dt), 1.0, loc));
    int mn = asType(lo, dt, shape), mx = asType(hi, dt, shape);
    f = bin("multiply", f, bin("subtract", mx, mn));
    f = bin("add", f, mn);
    return bin("max", f, mn);
  }

  int normal(int key, const Value &mean, const Value &sd, DType dt,
             const std::vector<Dim> &shape) {
    // The float just above -1: -1's bits minus one.
    double lo = dt == DType::F16    ? -(1 - std::ldexp(1.0, -11))
                : dt == DType::BF16 ? -(1 - std::ldexp(1.0, -8))
                : dt == DType::F32  ? -(1 - std::ldexp(1.0, -24))
                                    : -(1 - std::ldexp(1.0, -53));
    Value lv, hv;
    lv.kind = hv.kind = Value::Kind::Number;
    lv.isFloatNumber = hv.isFloatNumber = true;
    lv.floatValue = lo;
    hv.floatValue = 1.0;
    int u = uniform(key, lv, hv, dt, shape);
    int e = un("erf_inv", u);
    int n = bin("multiply", e, em.splat(tt(dt), std::sqrt(2.0), loc));
    n = bin("multiply", n, asType(sd, dt, shape));
    return bin("add", n, asType(mean, dt, shape));
  }

  int gumbel(int key, DType dt, const std::vector<Dim> &shape) {
    double tiny = dt == DType::F16  ? std::ldexp(1.0, -14)
                  : dt == DType::F64 ? std::numeric_limits<double>::min()
                                     : std::ldexp(1.0, -126);
    Value lv, hv;
    lv.kind = hv.kind = Value::Kind::Number;
    lv.isFloatNumber = hv.isFloatNumber = true;
    lv.floatValue = tiny;
    hv.floatValue = 1.0;
    int u = uniform(key, lv, hv, dt, shape);
    return un("negate", un("log", un("negate", un("log", u))));
  }

  /// Nx's randint_split: two words per sample, combined modulo the span.
  Value randint(int key, const Value &lo, const Value &hi, DType dt,
                const std::vector<Dim> &shape) {
    unsigned nbits = bitWidth(dt);
    DType ut = nbits == 8    ? DType::U8
               : nbits == 16 ? DType::U16
               : nbits == 32 ? DType::U32
                             : DType::U64;
    auto bcast = [&](const Value &v) {
      Value m = c.materialize(v);
      return c.tensor(em.broadcastTo(m.node, shape, loc), loc);
    };
    Value mn = bcast(lo), mx = bcast(hi);
    std::vector<Dim> s2 = shape;
    s2.insert(s2.begin(), Dim{2, ""});
    int b = randomBits(key, s2, nbits);
    Value hiW = c.tensor(row(b, 0), loc), loW = c.tensor(row(b, 1), loc);
    const std::string what = "`Nx.Random.randint`";
    Value diff = c.binary("subtract", mx, mn, loc, what);
    Value span = c.tensor(em.convert(diff.node, ut, loc), loc);
    Value pw = c.tensor(
        em.constantInts(tt(DType::U64), {int64_t(1) << (nbits / 2)}, loc),
        loc);
    Value m = c.binary("remainder", pw, span, loc, what);
    m = c.binary("multiply", m, m, loc, what);
    m = c.binary("remainder", m, span, loc, what);
    Value off = c.binary("remainder", hiW, span, loc, what);
    off = c.binary("multiply", off, m, loc, what);
    off = c.binary("add", off, c.binary("remainder", loW, span, loc, what),
                   loc, what);
    off = c.binary("remainder", off, span, loc, what);
    Value r = c.binary("add", mn, off, loc, what);
    if (r.isInvalid())
      return r;
    return c.tensor(em.convert(r.node, dt, loc), loc);
  }

  /// Nx.take(x, idx, axis: axis) for a rank-1 `idx`.
  int take(int x, int idx, int64_t axis) {
    TensorType t = em.type(x);
    Dim k = em.type(idx).shape[0];
    idx = em.reshape(em.convert(idx, DType::S64, loc), {k, Dim{1, ""}}, loc);
    TensorType gt = t;
    gt.shape.erase(gt.shape.begin() + axis);
    gt.shape.insert(gt.shape.begin(), k);
    int g = em.prim("gather", {x, idx}, gt, loc);
    em.setArray(g, "axes", {axis});
    std::vector<int64_t> perm;
    for (int64_t i = 0; i < static_cast<int64_t>(t.shape.size()); ++i)
      perm.push_back(i < axis ? i + 1 : i == axis ? 0 : i);
    return transposeTo(em, g, perm, loc);
  }

  /// Nx.take_along_axis(x, idx, axis: axis), `idx` of `x`'s shape.
  int takeAlong(int x, int idx, int64_t axis) {
    TensorType t = em.type(x);
    size_t rank = t.shape.size();
    std::vector<Dim> s1 = t.shape;
    s1.push_back(Dim{1, ""});
    std::vector<int> parts;
    for (size_t i = 0; i < rank; ++i) {
      int p = i == static_cast<size_t>(axis)
                  ? em.convert(idx, DType::S64, loc)
                  : iota(DType::S64, t.shape, static_cast<int64_t>(i));
      parts.push_back(em.reshape(p, s1, loc));
    }
    int coords = parts.size() == 1 ? parts[0]
                                   : concat(parts, static_cast<int64_t>(rank));
    int g = em.prim("gather", {x, coords}, t, loc);
    std::vector<int64_t> axes;
    for (size_t i = 0; i < rank; ++i)
      axes.push_back(static_cast<int64_t>(i));
    em.setArray(g, "axes", axes);
    return g;
  }

  /// Nx's shuffle_independent: the shuffled tensor and the advanced key.
  std::pair<int, int> shuffleIndependent(int key, int x, int64_t axis) {
    TensorType t = em.type(x);
    bool st;
    int64_t n = numElements(t.shape, st);
    // ceil(3 * log(n) / log(2^32 - 1)), rounded as Nx computes it in f32.
    int64_t rounds = 0;
    if (n > 0) {
      float l = static_cast<float>(std::log(static_cast<double>(n)));
      float num = static_cast<float>(3.0 * l);
      float den = static_cast<float>(std::log(4294967295.0));
      rounds = static_cast<int64_t>(
          std::ceil(static_cast<float>(double(num) / double(den))));
    }
    for (int64_t i = 0; i < rounds; ++i) {
      int keys = split(key, 2);
      int sk = randomBits(row(keys, 1), t.shape, 32);
      int idx = em.prim("argsort", {sk}, tt(DType::S32, t.shape), loc);
      em.setInt(idx, "axis", axis);
      em.setBool(idx, "descending", false);
      x = takeAlong(x, idx, axis);
      key = row(keys, 0);
    }
    return {x, key};
  }

  std::pair<int, int> shuffle(int key, int x, int64_t axis, bool indep) {
    if (indep)
      return shuffleIndependent(key, x, axis);
    Dim n = em.type(x).shape[axis];
    auto [idx, k] = shuffleIndependent(key, iota(DType::S32, {n}, 0), 0);
    return {take(x, idx, axis), k};
  }
};

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
    if (v.kind == Value::Kind::Tensor && !staticShape(c, call, v, shape))
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
    return c.tensor(em.constantInts(tt(DType::U32, dims({2})),
                                    {int64_t(s >> 32), int64_t(s & 0xFFFFFFFFu)},
                                    call.loc),
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
      int k = g.concat({em.reshape(hi, one, call.loc),
                        em.reshape(lo, one, call.loc)},
                       0);
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
  int pairs = g.concat({em.reshape(x0, col, call.loc),
                        em.reshape(x1, col, call.loc)},
                       1);
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
  Value lo, hi;
  lo.kind = hi.kind = Value::Kind::Number;
  lo.isFloatNumber = hi.isFloatNumber = true;
  lo.floatValue = 0.0;
  hi.floatValue = 1.0;
  lo.loc = hi.loc = call.loc;
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
  int s = Normal ? g.normal(k, lo, hi, dt, shape)
                 : g.uniform(k, lo, hi, dt, shape);
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
      c.diagnose(call.args[2].loc, DiagKind::RandomProbabilities,
                 toString(pt), shapeToString(dims({nIn})));
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
    Value lo, hi;
    lo.kind = hi.kind = Value::Kind::Number;
    lo.isFloatNumber = hi.isFloatNumber = true;
    hi.floatValue = 1.0;
    int u = g.uniform(k, lo, hi, pd, dims({samples}));
    int oneMinus = em.prim("subtract",
                           {em.broadcastTo(em.splat(tt(pd), 1.0, loc),
                                           dims({samples}), loc),
                            u},
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
  t.push_back({"Nx.Random", "shuffle", 2, 2, {"axis", "independent"},
               shuffleFn});
  t.push_back({"Nx.Random", "choice", 2, 3, {"samples", "replace", "axis"},
               choiceFn});
}

} // namespace nxc
