//===- FileIO.h - Whole-file reads and crash-safe writes --------*- C++ -*-===//
//
// This file declares the internal file helpers of the tensor file formats:
// reading a file into memory, and replacing a file atomically (a temporary
// file in the same directory, fsync, rename, fsync of the directory), so that
// a crash mid-write leaves the previous file intact.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_LIB_FILEIO_H
#define NXRT_LIB_FILEIO_H

#include "nxrt/Status.h"

#include <cstddef>
#include <string>
#include <vector>

namespace nxrt {

/// The whole contents of `path`; errors name the file.
Result<std::vector<char>> readWholeFile(const std::string &path);

/// Writes `size` bytes to `path` through a temporary file in the same
/// directory that is fsynced and renamed over `path` only when complete.
/// A new file gets mode 0644; an existing one keeps its mode.
Status writeFileAtomic(const std::string &path, const void *data, size_t size);

} // namespace nxrt

#endif // NXRT_LIB_FILEIO_H
