//===- DType.cpp - Element types of nxrt tensors --------------------------===//
//
// This file implements the dtype tables: Nx names, element sizes and the
// mapping to and from NumPy `.npy` descriptors.
//
//===----------------------------------------------------------------------===//

#include "nxrt/DType.h"

namespace nxrt {

namespace {
struct DTypeInfo {
  DType dtype;
  const char *name;
  size_t size;
  const char *npy; // little-endian descr, or nullptr
};

// Indexed by the enumerator value.
constexpr DTypeInfo kInfo[kNumDTypes] = {
    {DType::pred, "pred", 1, "|b1"},   {DType::u8, "u8", 1, "|u1"},
    {DType::s32, "s32", 4, "<i4"},     {DType::s64, "s64", 8, "<i8"},
    {DType::f32, "f32", 4, "<f4"},     {DType::f64, "f64", 8, "<f8"},
    {DType::s8, "s8", 1, "|i1"},       {DType::s16, "s16", 2, "<i2"},
    {DType::u16, "u16", 2, "<u2"},     {DType::u32, "u32", 4, "<u4"},
    {DType::u64, "u64", 8, "<u8"},     {DType::f16, "f16", 2, "<f2"},
    {DType::bf16, "bf16", 2, nullptr},
};

const DTypeInfo &info(DType dtype) {
  return kInfo[static_cast<int32_t>(dtype)];
}
} // namespace

const char *dtypeName(DType dtype) { return info(dtype).name; }
size_t dtypeSize(DType dtype) { return info(dtype).size; }
const char *npyDescr(DType dtype) { return info(dtype).npy; }

bool isFloat(DType dtype) {
  return dtype == DType::f16 || dtype == DType::bf16 || dtype == DType::f32 ||
         dtype == DType::f64;
}

bool isSigned(DType dtype) {
  return dtype == DType::s8 || dtype == DType::s16 || dtype == DType::s32 ||
         dtype == DType::s64;
}

std::optional<DType> parseDType(std::string_view name) {
  for (const DTypeInfo &i : kInfo)
    if (name == i.name)
      return i.dtype;
  return std::nullopt;
}

std::optional<DType> dtypeFromCode(int32_t code) {
  if (code < 0 || code >= kNumDTypes)
    return std::nullopt;
  return static_cast<DType>(code);
}

std::optional<DType> dtypeFromNpyDescr(std::string_view descr) {
  if (descr.size() < 3)
    return std::nullopt;
  char order = descr[0];
  std::string_view kind = descr.substr(1);
  for (const DTypeInfo &i : kInfo) {
    if (!i.npy || kind != std::string_view(i.npy).substr(1))
      continue;
    // Byte order is irrelevant for one-byte types; multi-byte ones must be
    // little-endian ('=' is native, and nxrt only runs on little-endian).
    if (i.size == 1 || order == '<' || order == '=')
      return i.dtype;
    return std::nullopt;
  }
  return std::nullopt;
}

} // namespace nxrt
