//===- Types.cpp - Dtype helpers and Nx's type promotion ------------------===//
//
// This file implements the dtype queries declared in TypedIR.h, the textual
// forms of types, and the promotion rules of Nx.Type (`merge`, `to_floating`,
// weakly typed number literals) used by the checker.
//
//===----------------------------------------------------------------------===//

#include "frontend/Types.h"

namespace nxc {

const char *dtypeName(DType t) {
  switch (t) {
  case DType::Pred:
    return "pred";
  case DType::U8:
    return "u8";
  case DType::S32:
    return "s32";
  case DType::S64:
    return "s64";
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  }
  return "?";
}

bool isFloat(DType t) { return t == DType::F32 || t == DType::F64; }
bool isInteger(DType t) {
  return t == DType::U8 || t == DType::S32 || t == DType::S64;
}
bool isSigned(DType t) {
  return t == DType::S32 || t == DType::S64 || isFloat(t);
}
unsigned bitWidth(DType t) {
  switch (t) {
  case DType::Pred:
    return 1;
  case DType::U8:
    return 8;
  case DType::S32:
  case DType::F32:
    return 32;
  case DType::S64:
  case DType::F64:
    return 64;
  }
  return 0;
}

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
  static const std::pair<const char *, DType> table[] = {
      {"pred", DType::Pred}, {"u8", DType::U8},   {"s32", DType::S32},
      {"s64", DType::S64},   {"f32", DType::F32}, {"f64", DType::F64}};
  for (auto &p : table)
    if (name == p.first) {
      out = p.second;
      return true;
    }
  return false;
}

DType mergeTypes(DType a, DType b) {
  if (a == b)
    return a;
  if (isFloat(a) || isFloat(b)) {
    if (isFloat(a) && isFloat(b))
      return bitWidth(a) >= bitWidth(b) ? a : b;
    return isFloat(a) ? a : b;
  }
  // Both integer or pred. Pred is the narrowest unsigned type.
  if (a == DType::Pred)
    return b;
  if (b == DType::Pred)
    return a;
  // u8 with a signed type: the signed type is wider, so it holds every u8.
  if (a == DType::U8)
    return b;
  if (b == DType::U8)
    return a;
  return bitWidth(a) >= bitWidth(b) ? a : b;
}

DType mergeNumber(DType t, bool numberIsFloat) {
  if (numberIsFloat && !isFloat(t))
    return DType::F32;
  if (t == DType::Pred)
    return DType::U8;
  return t;
}

DType toFloating(DType t) { return isFloat(t) ? t : DType::F32; }

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
