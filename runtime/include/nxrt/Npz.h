//===- Npz.h - NumPy .npz archive reading and writing -----------*- C++ -*-===//
//
// This file declares the `.npz` reader and writer. An `.npz` file is a zip
// archive with one `.npy` member per array, as np.savez (stored members) and
// np.savez_compressed (deflated members) write it; each member is handled by
// the `.npy` code of Npy.h.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_NPZ_H
#define NXRT_NPZ_H

#include "nxrt/Status.h"
#include "nxrt/Tensor.h"

#include <cstddef>
#include <string>
#include <vector>

namespace nxrt {

/// Reads an `.npz` archive: one tensor per `<name>.npy` member, named
/// `<name>`, in the order of the archive's central directory. Stored and
/// deflated members are accepted (zip64 records too); CRCs are checked.
/// Errors name the file and the member.
Result<NamedTensors> readNpz(const std::string &path);

/// Parses `.npz` bytes held in memory; `name` is used in messages.
Result<NamedTensors> parseNpz(const void *bytes, size_t size,
                              const std::string &name);

/// Serializes tensors into an `.npz` archive of stored (uncompressed)
/// members `<name>.npy`, readable by np.load. Names must be unique; bf16
/// (no `.npy` form) is refused; archives past 4 GiB (zip64) are refused.
Result<std::vector<char>> serializeNpz(const NamedTensors &entries);

/// Writes an `.npz` archive atomically (temporary file, fsync, rename).
Status writeNpz(const std::string &path, const NamedTensors &entries);

} // namespace nxrt

#endif // NXRT_NPZ_H
