//===- RandomEmitter.cpp - Threefry-2x32 and Nx.Random's samplers ---------===//
//
// This file implements the RandomEmitter (frontend/RandomEmitter.h), bit for
// bit as Nx 0.13's lib/nx/random.ex computes: Threefry-2x32 with five
// unrolled groups of four rounds and the key schedule {k1, k0 ^ k1 ^
// 0x1BD11BDA, k0} on wrapping u32 adds; random bits from an iota counter
// (an odd count padded with one 0); uniform floats from the top mantissa bits
// ORed into 1.0, minus 1; normal = sqrt(2) erf_inv(u) with u in (-1, 1);
// gumbel = -log(-log(u)); randint by Nx's two-word modulus method; shuffle by
// sorting on random u32 keys for ceil(3 ln(n) / ln(2^32 - 1)) rounds.
//
//===----------------------------------------------------------------------===//

#include "frontend/RandomEmitter.h"
#include "frontend/CheckNxIndexing.h"

#include <cmath>
#include <limits>

namespace nxc {

TensorType RandomEmitter::tt(DType d, std::vector<Dim> s) {
  TensorType t;
  t.dtype = d;
  t.shape = std::move(s);
  return t;
}

std::vector<Dim> RandomEmitter::dims(std::initializer_list<int64_t> sizes) {
  std::vector<Dim> out;
  for (int64_t s : sizes)
    out.push_back(Dim{s, ""});
  return out;
}

RandomEmitter::RandomEmitter(Checker &c, SourceLoc loc)
    : c(c), em(c.emit()), loc(loc) {}

int RandomEmitter::scalar(DType d, int64_t v) {
  return em.constantInts(tt(d), {v}, loc);
}

int RandomEmitter::bin(const char *op, int a, int b) {
  TensorType t = em.type(a);
  b = em.broadcastTo(b, t.shape, loc);
  return em.prim(op, {a, b}, t, loc);
}

int RandomEmitter::binK(const char *op, int a, int64_t k) {
  return bin(op, a, scalar(em.type(a).dtype, k));
}

int RandomEmitter::un(const char *op, int a) {
  TensorType t = em.type(a);
  return em.prim(op, {a}, t, loc);
}

int RandomEmitter::iota(DType d, std::vector<Dim> s, int64_t axis) {
  int id = em.prim("iota", {}, tt(d, std::move(s)), loc);
  em.setInt(id, "axis", axis);
  return id;
}

int RandomEmitter::slice(int x, int64_t axis, int64_t start, int64_t len) {
  return sliceAlongAxis(c, x, axis, start, len, 1, loc);
}

int RandomEmitter::concat(std::vector<int> parts, int64_t axis) {
  TensorType t = em.type(parts[0]);
  int64_t n = 0;
  for (int p : parts)
    n += em.type(p).shape[axis].size;
  t.shape[axis] = Dim{n, ""};
  int id = em.prim("concatenate", parts, t, loc);
  em.setInt(id, "axis", axis);
  return id;
}

int RandomEmitter::row(int x, int64_t i) {
  std::vector<Dim> s = em.type(x).shape;
  s.erase(s.begin());
  return em.reshape(slice(x, 0, i, 1), s, loc);
}

int RandomEmitter::rotl(int x, int64_t r) {
  return bin("bitwise_or", binK("left_shift", x, r),
             binK("right_shift", x, 32 - r));
}

std::pair<int, int> RandomEmitter::threefryPair(int x0, int x1, int key) {
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

int RandomEmitter::bits(int key, int64_t n) {
  int64_t m = (n + 1) / 2;
  int i0 = iota(DType::U32, dims({m}), 0);
  int i1 = binK("add", i0, m);
  if (n % 2) {
    int last = em.broadcastTo(scalar(DType::U32, m - 1), dims({m}), loc);
    TensorType pt = tt(DType::U8, dims({m}));
    int isLast = em.prim("equal", {i0, last}, pt, loc);
    int zero = em.broadcastTo(scalar(DType::U32, 0), dims({m}), loc);
    i1 = em.prim("select", {isLast, zero, i1}, tt(DType::U32, dims({m})), loc);
  }
  auto [y0, y1] = threefryPair(i0, i1, key);
  int all = concat({y0, y1}, 0);
  return n % 2 ? slice(all, 0, 0, n) : all;
}

int RandomEmitter::randomBits(int key, const std::vector<Dim> &shape,
                              unsigned width) {
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

int RandomEmitter::split(int key, int64_t parts) {
  return em.reshape(bits(key, 2 * parts), dims({parts, 2}), loc);
}

int RandomEmitter::asType(const Value &v, DType dt,
                          const std::vector<Dim> &shape) {
  int id = v.kind == Value::Kind::Number ? em.splat(tt(dt), v.number(), loc)
                                         : em.convert(v.node, dt, loc);
  return em.broadcastTo(id, shape, loc);
}

int RandomEmitter::uniform(int key, const Value &lo, const Value &hi, DType dt,
                           const std::vector<Dim> &shape) {
  unsigned nbits = bitWidth(dt);
  int mant = dt == DType::F16    ? 10
             : dt == DType::BF16 ? 7
             : dt == DType::F32  ? 23
                                 : 52;
  int64_t oneBits = dt == DType::F16    ? 0x3C00
                    : dt == DType::BF16 ? 0x3F80
                    : dt == DType::F32  ? 0x3F800000
                                        : 0x3FF0000000000000;
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

int RandomEmitter::normal(int key, const Value &mean, const Value &sd, DType dt,
                          const std::vector<Dim> &shape) {
  // The float just above -1: -1's bits minus one.
  double lo = dt == DType::F16    ? -(1 - std::ldexp(1.0, -11))
              : dt == DType::BF16 ? -(1 - std::ldexp(1.0, -8))
              : dt == DType::F32  ? -(1 - std::ldexp(1.0, -24))
                                  : -(1 - std::ldexp(1.0, -53));
  int u = uniform(key, Value::floatNumber(lo), Value::floatNumber(1.0), dt,
                  shape);
  int e = un("erf_inv", u);
  int n = bin("multiply", e, em.splat(tt(dt), std::sqrt(2.0), loc));
  n = bin("multiply", n, asType(sd, dt, shape));
  return bin("add", n, asType(mean, dt, shape));
}

int RandomEmitter::gumbel(int key, DType dt, const std::vector<Dim> &shape) {
  double tiny = dt == DType::F16   ? std::ldexp(1.0, -14)
                : dt == DType::F64 ? std::numeric_limits<double>::min()
                                   : std::ldexp(1.0, -126);
  int u = uniform(key, Value::floatNumber(tiny), Value::floatNumber(1.0), dt,
                  shape);
  return un("negate", un("log", un("negate", un("log", u))));
}

Value RandomEmitter::randint(int key, const Value &lo, const Value &hi,
                             DType dt, const std::vector<Dim> &shape) {
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
      em.constantInts(tt(DType::U64), {int64_t(1) << (nbits / 2)}, loc), loc);
  Value m = c.binary("remainder", pw, span, loc, what);
  m = c.binary("multiply", m, m, loc, what);
  m = c.binary("remainder", m, span, loc, what);
  Value off = c.binary("remainder", hiW, span, loc, what);
  off = c.binary("multiply", off, m, loc, what);
  off = c.binary("add", off, c.binary("remainder", loW, span, loc, what), loc,
                 what);
  off = c.binary("remainder", off, span, loc, what);
  Value r = c.binary("add", mn, off, loc, what);
  if (r.isInvalid())
    return r;
  return c.tensor(em.convert(r.node, dt, loc), loc);
}

int RandomEmitter::take(int x, int idx, int64_t axis) {
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

int RandomEmitter::takeAlong(int x, int idx, int64_t axis) {
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
  int coords =
      parts.size() == 1 ? parts[0] : concat(parts, static_cast<int64_t>(rank));
  int g = em.prim("gather", {x, coords}, t, loc);
  std::vector<int64_t> axes;
  for (size_t i = 0; i < rank; ++i)
    axes.push_back(static_cast<int64_t>(i));
  em.setArray(g, "axes", axes);
  return g;
}

std::pair<int, int> RandomEmitter::shuffleIndependent(int key, int x,
                                                      int64_t axis) {
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

std::pair<int, int> RandomEmitter::shuffle(int key, int x, int64_t axis,
                                           bool indep) {
  if (indep)
    return shuffleIndependent(key, x, axis);
  Dim n = em.type(x).shape[axis];
  auto [idx, k] = shuffleIndependent(key, iota(DType::S32, {n}, 0), 0);
  return {take(x, idx, axis), k};
}

} // namespace nxc
