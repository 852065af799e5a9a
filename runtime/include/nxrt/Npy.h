//===- Npy.h - NumPy .npy file reading and writing --------------*- C++ -*-===//
//
// This file declares the `.npy` reader and writer. The reader accepts format
// versions 1.0, 2.0 and 3.0, little-endian data in C order, of any dtype in
// nxrt::DType that NumPy can represent, including 0-d arrays and arrays with
// zero-sized dimensions. The writer produces version 1.0 (2.0 only when the
// header does not fit in 64 KiB).
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_NPY_H
#define NXRT_NPY_H

#include "nxrt/Status.h"
#include "nxrt/Tensor.h"

#include <cstddef>
#include <string>
#include <vector>

namespace nxrt {

/// Reads a `.npy` file into a new owning tensor. Errors name the file.
Result<Tensor> readNpy(const std::string &path);

/// Parses `.npy` bytes held in memory; `name` is used in error messages.
Result<Tensor> parseNpy(const void *bytes, size_t size,
                        const std::string &name);

/// Writes a tensor as a version 1.0 `.npy` file.
Status writeNpy(const std::string &path, const Tensor &tensor);

/// Serializes a tensor into `.npy` bytes.
Result<std::vector<char>> serializeNpy(const Tensor &tensor);

} // namespace nxrt

#endif // NXRT_NPY_H
