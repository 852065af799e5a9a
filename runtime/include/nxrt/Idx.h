//===- Idx.h - IDX (MNIST family) file reading ------------------*- C++ -*-===//
//
// This file declares the reader of the IDX format that MNIST and
// Fashion-MNIST ship in: two zero bytes, an element type code (0x08 u8,
// 0x09 s8, 0x0B s16, 0x0C s32, 0x0D f32, 0x0E f64) and the rank, then one
// big-endian u32 per dimension and the big-endian data in row-major order.
// Files may be gzip-compressed (the `.gz` files of Debian's
// dataset-fashion-mnist), which is detected from their first bytes.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_IDX_H
#define NXRT_IDX_H

#include "nxrt/Status.h"
#include "nxrt/Tensor.h"

#include <cstddef>
#include <string>

namespace nxrt {

/// Reads an IDX file, plain or gzip-compressed, into a new owning tensor of
/// dtype u8, s8, s16, s32, f32 or f64 (data converted to little-endian).
/// The data must be exactly what the dimensions need; errors name the file.
Result<Tensor> readIdx(const std::string &path);

/// Parses uncompressed IDX bytes held in memory; `name` is used in messages.
Result<Tensor> parseIdx(const void *bytes, size_t size,
                        const std::string &name);

} // namespace nxrt

#endif // NXRT_IDX_H
