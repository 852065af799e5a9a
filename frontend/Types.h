//===- Types.h - Dtype helpers and Nx's type promotion ----------*- C++ -*-===//
//
// This file declares the frontend's type helpers beyond TypedIR.h: parsing
// dtype names and Nx.Type's promotion rules.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_TYPES_H
#define NXC_FRONTEND_TYPES_H

#include "frontend/TypedIR.h"

namespace nxc {

/// "n" or "3".
std::string toString(const Dim &d);
/// Nx's shape notation: "{2, n}".
std::string shapeToString(const std::vector<Dim> &shape);

/// Parses "pred", "u8", "s32", "s64", "f32", "f64".
bool parseDType(const std::string &name, DType &out);

/// Nx.Type.merge: floats win, then the wider type; u8 with a signed type gives
/// the signed type (s32/s64 hold every u8).
DType mergeTypes(DType a, DType b);

/// Nx.Type.merge_number: a number literal is weakly typed. An integer keeps
/// the tensor's type (pred becomes u8); a float turns an integer type into f32
/// and keeps a float type.
DType mergeNumber(DType t, bool numberIsFloat);

/// Nx.Type.to_floating: integers become f32, floats stay.
DType toFloating(DType t);

/// Product of the static dims; `isStatic` says whether all dims were static.
int64_t numElements(const std::vector<Dim> &shape, bool &isStatic);

} // namespace nxc

#endif // NXC_FRONTEND_TYPES_H
