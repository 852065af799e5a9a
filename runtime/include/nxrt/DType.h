//===- DType.h - Element types of nxrt tensors ------------------*- C++ -*-===//
//
// This file declares nxrt::DType, the element types a tensor can hold, with
// their names as Nx writes them (`f32`, `s64`, `pred`, ...), their sizes in
// bytes and their NumPy `.npy` type descriptors (`<f4`, `|u1`, ...). The
// numeric values of the enumerators are the dtype codes of the C API
// (nxrt_c.h) and must never change.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_DTYPE_H
#define NXRT_DTYPE_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace nxrt {

/// An element type. The values are the `NXRT_*` codes of nxrt_c.h.
enum class DType : int32_t {
  pred = 0,
  u8 = 1,
  s32 = 2,
  s64 = 3,
  f32 = 4,
  f64 = 5,
  s8 = 6,
  s16 = 7,
  u16 = 8,
  u32 = 9,
  u64 = 10,
  f16 = 11,
  bf16 = 12,
};

/// Number of DType enumerators; codes are 0 .. kNumDTypes - 1.
inline constexpr int32_t kNumDTypes = 13;

/// The name Nx gives the type: "pred", "u8", "s32", "f32", "bf16", ...
const char *dtypeName(DType dtype);

/// Size of one element in bytes (pred is stored as one byte).
size_t dtypeSize(DType dtype);

/// True for f16, bf16, f32 and f64.
bool isFloat(DType dtype);

/// True for s8 .. s64.
bool isSigned(DType dtype);

/// Parses an Nx dtype name ("f32"); std::nullopt if it is not one.
std::optional<DType> parseDType(std::string_view name);

/// Converts a C API dtype code; std::nullopt if out of range.
std::optional<DType> dtypeFromCode(int32_t code);

/// The little-endian `.npy` descr of the type ("<f4", "|b1"), or nullptr for
/// types NumPy cannot represent (bf16).
const char *npyDescr(DType dtype);

/// Maps a `.npy` descr to a dtype. Accepts '<', '|' and '=' byte orders
/// (and '>' for one-byte types); std::nullopt for anything else.
std::optional<DType> dtypeFromNpyDescr(std::string_view descr);

} // namespace nxrt

#endif // NXRT_DTYPE_H
