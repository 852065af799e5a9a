//===- Types.cpp - Dtype helpers and Nx's type promotion ------------------===//
//
// This file implements the dtype queries declared in TypedIR.h, the textual
// forms of types, and the promotion rules of Nx.Type (`merge`, `to_floating`,
// weakly typed number literals) used by the checker.
//
//===----------------------------------------------------------------------===//

#include "frontend/Types.h"

#include <algorithm>

namespace nxc {

namespace {
/// Nx's type kinds, in Nx.Type's precedence order (u < s < bf < f).
enum class Kind { U, S, BF, F };

struct DTypeInfo {
  DType type;
  const char *name;
  Kind kind;
  unsigned bits;
};

// Pred is listed as Nx sees it: an 8-bit unsigned integer.
const DTypeInfo dtypeTable[] = {
    {DType::Pred, "pred", Kind::U, 8},  {DType::U8, "u8", Kind::U, 8},
    {DType::U16, "u16", Kind::U, 16},   {DType::U32, "u32", Kind::U, 32},
    {DType::U64, "u64", Kind::U, 64},   {DType::S8, "s8", Kind::S, 8},
    {DType::S16, "s16", Kind::S, 16},   {DType::S32, "s32", Kind::S, 32},
    {DType::S64, "s64", Kind::S, 64},   {DType::F16, "f16", Kind::F, 16},
    {DType::BF16, "bf16", Kind::BF, 16}, {DType::F32, "f32", Kind::F, 32},
    {DType::F64, "f64", Kind::F, 64}};

const DTypeInfo &info(DType t) {
  for (const DTypeInfo &i : dtypeTable)
    if (i.type == t)
      return i;
  return dtypeTable[0];
}

/// The dtype of kind `k` and width `bits` (pred is never returned).
DType makeType(Kind k, unsigned bits) {
  for (const DTypeInfo &i : dtypeTable)
    if (i.type != DType::Pred && i.kind == k && i.bits == bits)
      return i.type;
  return k == Kind::U ? DType::U64 : DType::S64;
}

/// The narrowest width of 8, 16, 32, 64 that holds `v` (unsigned or signed).
unsigned intWidth(int64_t v, bool isSignedKind) {
  for (unsigned bits : {8u, 16u, 32u}) {
    int64_t lo = isSignedKind ? -(int64_t(1) << (bits - 1)) : 0;
    int64_t hi = isSignedKind ? (int64_t(1) << (bits - 1)) - 1
                              : (int64_t(1) << bits) - 1;
    if (v >= lo && v <= hi)
      return bits;
  }
  return 64;
}
} // namespace

const char *dtypeName(DType t) { return info(t).name; }

bool isFloat(DType t) {
  Kind k = info(t).kind;
  return k == Kind::F || k == Kind::BF;
}
bool isInteger(DType t) { return t != DType::Pred && !isFloat(t); }
bool isSigned(DType t) { return info(t).kind != Kind::U; }
unsigned bitWidth(DType t) { return t == DType::Pred ? 1 : info(t).bits; }

std::string toString(const Dim &d) {
  if (d.size == -2)
    return ":auto"; // only in shapes the user wrote
  return d.isStatic() ? std::to_string(d.size) : d.sym;
}

std::string toString(const TensorType &t) {
  std::string s = dtypeName(t.dtype);
  s += "[";
  for (size_t i = 0; i < t.shape.size(); ++i) {
    if (i)
      s += ", ";
    s += toString(t.shape[i]);
  }
  return s + "]";
}

std::string toString(const Type &t) {
  if (!t.isTuple)
    return toString(t.tensor);
  std::string s = "{";
  for (size_t i = 0; i < t.elements.size(); ++i) {
    if (i)
      s += ", ";
    s += toString(t.elements[i]);
  }
  return s + "}";
}

std::string shapeToString(const std::vector<Dim> &shape) {
  std::string s = "{";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += toString(shape[i]);
  }
  return s + "}";
}

bool parseDType(const std::string &name, DType &out) {
  for (const DTypeInfo &i : dtypeTable)
    if (name == i.name) {
      out = i.type;
      return true;
    }
  return false;
}

DType mergeTypes(DType a, DType b) {
  if (a == b)
    return a;
  // Pred merges as u8 (Nx has no separate boolean type).
  if (a == DType::Pred)
    a = DType::U8;
  if (b == DType::Pred)
    b = DType::U8;
  const DTypeInfo &x = info(a), &y = info(b);
  if (x.kind == y.kind)
    return x.bits >= y.bits ? a : b;
  const DTypeInfo &lo = x.kind < y.kind ? x : y, &hi = x.kind < y.kind ? y : x;
  // An unsigned type with a signed one: a signed type twice as wide (at most
  // 64 bits) holds the unsigned values.
  if (lo.kind == Kind::U && hi.kind == Kind::S)
    return makeType(Kind::S, std::max(std::min(lo.bits * 2, 64u), hi.bits));
  return hi.type;
}

DType mergeNumber(DType t, bool numberIsFloat, int64_t value) {
  if (t == DType::Pred)
    t = DType::U8;
  const DTypeInfo &x = info(t);
  if (x.kind == Kind::F || x.kind == Kind::BF)
    return t;
  if (numberIsFloat)
    return DType::F32;
  if (x.kind == Kind::U && value >= 0)
    return makeType(Kind::U, std::max(intWidth(value, false), x.bits));
  unsigned bits = x.kind == Kind::U ? std::min(x.bits * 2, 64u) : x.bits;
  return makeType(Kind::S, std::max(intWidth(value, true), bits));
}

DType toFloating(DType t) { return isFloat(t) ? t : DType::F32; }

DType toAggregate(DType t) {
  if (isFloat(t))
    return t;
  if (t == DType::S64 || t == DType::U64)
    return DType::S64;
  return isSigned(t) ? DType::S32 : DType::U32;
}

DType inferInt(int64_t v) {
  return intWidth(v, true) <= 32 ? DType::S32 : DType::S64;
}

int64_t numElements(const std::vector<Dim> &shape, bool &isStatic) {
  int64_t n = 1;
  isStatic = true;
  for (const Dim &d : shape) {
    if (!d.isStatic()) {
      isStatic = false;
      continue;
    }
    n *= d.size;
  }
  return n;
}

} // namespace nxc
