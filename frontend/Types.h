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

/// Parses a dtype name: "pred", "u8", "u16", "u32", "u64", "s8", "s16",
/// "s32", "s64", "f16", "bf16", "f32", "f64".
bool parseDType(const std::string &name, DType &out);

/// Nx.Type.merge: the kinds rank f > bf > s > u and the higher kind wins;
/// within a kind the wider type wins; an unsigned type with a signed one gives
/// a signed type at least twice the unsigned width (capped at 64 bits), so
/// u8+s8 is s16 and u32+s32 is s64. Pred merges as u8.
DType mergeTypes(DType a, DType b);

/// Nx.Type.merge_number: a number literal is weakly typed. A float type keeps
/// its type; a float literal turns an integer type into f32; an integer literal
/// widens an integer type only as far as needed to hold `value` (a negative
/// literal with an unsigned type gives a signed type, as in Nx). Pred is u8.
DType mergeNumber(DType t, bool numberIsFloat, int64_t value = 0);

/// Nx.Type.to_floating: integers become f32, floats (f16, bf16 too) stay.
DType toFloating(DType t);

/// The accumulation type of `Nx.sum`/`Nx.product` (Nx.Type.to_aggregate):
/// s8..s32 give s32, u8..u32 (and pred) u32, s64 and u64 give s64, floats
/// stay.
DType toAggregate(DType t);

/// Nx.Type.infer for an integer number made a tensor (`Nx.tensor(3)`, an
/// integer literal returned or used as a loop counter): s32, or s64 when the
/// value does not fit in s32 (Nx would overflow; nxc keeps the value).
DType inferInt(int64_t v);

/// Product of the static dims; `isStatic` says whether all dims were static.
int64_t numElements(const std::vector<Dim> &shape, bool &isStatic);

} // namespace nxc

#endif // NXC_FRONTEND_TYPES_H
