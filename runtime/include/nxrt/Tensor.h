//===- Tensor.h - Dense row-major tensors -----------------------*- C++ -*-===//
//
// This file declares nxrt::Tensor, a handle to a dense, row-major array of
// one dtype. A tensor either owns its buffer (64-byte aligned, shared by all
// copies of the handle, freed with the last one) or is a non-owning view over
// memory the caller keeps alive. A default-constructed Tensor is "null": it
// has no dtype or data and is what nxrt::invoke allocates results into.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_TENSOR_H
#define NXRT_TENSOR_H

#include "nxrt/DType.h"
#include "nxrt/Device.h"
#include "nxrt/Status.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace nxrt {

/// A tensor's dimensions, outermost first.
using Shape = std::vector<int64_t>;

/// Alignment in bytes of every buffer that nxrt allocates.
inline constexpr size_t kTensorAlignment = 64;

/// Handle to a dense row-major tensor. Copying the handle is cheap and
/// shares the buffer; use clone() for a deep copy.
class Tensor {
public:
  /// A null tensor (isNull() is true).
  Tensor() = default;

  /// A zero-initialized tensor that owns a 64-byte aligned buffer. Fails on
  /// a negative dimension, an element count that overflows, or when memory
  /// runs out. A zero-element tensor still gets a non-null buffer.
  static Result<Tensor> empty(DType dtype, Shape shape,
                              Device device = Device::cpu());

  /// A tensor holding a copy of `nbytes(dtype, shape)` bytes at `src`.
  static Result<Tensor> copyOf(DType dtype, Shape shape, const void *src);

  /// A non-owning view over caller memory holding a dense row-major array of
  /// `shape`. The caller keeps `data` alive while the view (or any copy of
  /// it) is in use. Dimensions must be non-negative.
  static Tensor view(DType dtype, Shape shape, void *data,
                     Device device = Device::cpu());

  bool isNull() const { return !hasDType; }
  /// True when this handle (or a copy) owns the buffer.
  bool isOwning() const { return storage != nullptr; }

  DType dtype() const { return elemType; }
  const Shape &shape() const { return dims; }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  int64_t dim(int64_t i) const { return dims[static_cast<size_t>(i)]; }
  Device device() const { return dev; }
  /// Number of elements (1 for a scalar, 0 if any dimension is 0).
  int64_t numel() const;
  /// Size of the data in bytes.
  size_t nbytes() const;

  void *rawData() const { return ptr; }
  template <typename T> T *data() const { return static_cast<T *>(ptr); }

  /// A deep copy into a new owning buffer.
  Result<Tensor> clone() const;

private:
  std::shared_ptr<void> storage; // null for views and null tensors
  void *ptr = nullptr;
  Shape dims;
  DType elemType = DType::f32;
  bool hasDType = false;
  Device dev;
};

/// Named tensors in order, as the multi-tensor file formats (safetensors,
/// .npz) read and write them.
using NamedTensors = std::vector<std::pair<std::string, Tensor>>;

/// Product of the dimensions; -1 if one is negative or the product
/// overflows int64_t.
int64_t shapeNumel(const Shape &shape);

/// Formats a shape as Nx writes a tensor type: `f32[2][3]`, `s64` for a
/// scalar.
std::string formatType(DType dtype, const Shape &shape);

} // namespace nxrt

#endif // NXRT_TENSOR_H
