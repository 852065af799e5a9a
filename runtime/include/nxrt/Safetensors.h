//===- Safetensors.h - safetensors file reading and writing -----*- C++ -*-===//
//
// This file declares the safetensors reader and writer for named collections
// of tensors (checkpoints). The format: an 8-byte little-endian header size,
// a JSON header mapping each name to {"dtype", "shape", "data_offsets"} (plus
// an optional "__metadata__" object of strings), then the raw little-endian
// data. Dtypes F64 F32 F16 BF16 I64 I32 I16 I8 U64 U32 U16 U8 BOOL map to
// nxrt's f64 ... pred.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_SAFETENSORS_H
#define NXRT_SAFETENSORS_H

#include "nxrt/Status.h"
#include "nxrt/Tensor.h"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace nxrt {

/// String key/value pairs of a safetensors "__metadata__" object, in order.
using Metadata = std::vector<std::pair<std::string, std::string>>;

/// Reads a safetensors file. The tensors come back in the order of the
/// header's JSON object; if `metadata` is given it receives "__metadata__"
/// (empty when there is none). The file is validated strictly (header size,
/// JSON, dtypes, shape against byte size, offsets in range, not overlapping
/// and covering the data with no gaps, no duplicate names); errors name the
/// file and the tensor.
Result<NamedTensors> readSafetensors(const std::string &path,
                                     Metadata *metadata = nullptr);

/// Parses safetensors bytes held in memory; `name` is used in messages.
Result<NamedTensors> parseSafetensors(const void *bytes, size_t size,
                                      const std::string &name,
                                      Metadata *metadata = nullptr);

/// Serializes tensors (in the given order, data laid out in that order) and
/// optional metadata into safetensors bytes. The header is padded with
/// spaces to a multiple of 8 bytes. Names must be unique and not
/// "__metadata__".
Result<std::vector<char>> serializeSafetensors(const NamedTensors &entries,
                                               const Metadata &metadata = {});

/// Writes a safetensors file atomically: a temporary file in the same
/// directory, fsynced, then renamed over `path`; a crash or error mid-write
/// leaves any previous file at `path` intact.
Status writeSafetensors(const std::string &path, const NamedTensors &entries,
                        const Metadata &metadata = {});

/// The safetensors dtype name of a dtype ("F32", "BOOL", ...).
const char *safetensorsDType(DType dtype);

} // namespace nxrt

#endif // NXRT_SAFETENSORS_H
