//===- Tensor.cpp - Dense row-major tensors -------------------------------===//
//
// This file implements nxrt::Tensor: 64-byte aligned, zero-initialized,
// shared owning buffers, non-owning views, and shape arithmetic with
// overflow checks.
//
//===----------------------------------------------------------------------===//

#include "nxrt/Tensor.h"

#include <cstdlib>
#include <cstring>
#include <limits>

namespace nxrt {

int64_t shapeNumel(const Shape &shape) {
  bool hasZero = false;
  for (int64_t d : shape) {
    if (d < 0)
      return -1;
    hasZero |= d == 0;
  }
  if (hasZero)
    return 0;
  int64_t n = 1;
  for (int64_t d : shape) {
    if (n > std::numeric_limits<int64_t>::max() / d)
      return -1;
    n *= d;
  }
  return n;
}

std::string formatType(DType dtype, const Shape &shape) {
  std::string s = dtypeName(dtype);
  for (int64_t d : shape)
    s += "[" + std::to_string(d) + "]";
  return s;
}

int64_t Tensor::numel() const { return isNull() ? 0 : shapeNumel(dims); }

size_t Tensor::nbytes() const {
  return isNull() ? 0 : static_cast<size_t>(numel()) * dtypeSize(elemType);
}

Result<Tensor> Tensor::empty(DType dtype, Shape shape, Device device) {
  if (!device.isCpu())
    return Status::error(std::string("cannot allocate on device ") +
                         deviceName(device));
  int64_t n = shapeNumel(shape);
  if (n < 0)
    return Status::error("cannot allocate " + formatType(dtype, shape) +
                         ": negative dimension or too many elements");
  size_t elem = dtypeSize(dtype);
  if (static_cast<uint64_t>(n) >
      std::numeric_limits<size_t>::max() / elem - kTensorAlignment)
    return Status::error("cannot allocate " + formatType(dtype, shape) +
                         ": too many bytes");
  size_t bytes = static_cast<size_t>(n) * elem;
  // aligned_alloc wants a multiple of the alignment; never allocate 0 bytes
  // so that even a zero-element tensor has a non-null data pointer.
  size_t rounded =
      (bytes + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment;
  if (rounded == 0)
    rounded = kTensorAlignment;
  void *p = std::aligned_alloc(kTensorAlignment, rounded);
  if (!p)
    return Status::error("out of memory allocating " + std::to_string(bytes) +
                         " bytes for " + formatType(dtype, shape));
  std::memset(p, 0, rounded);

  Tensor t;
  t.storage = std::shared_ptr<void>(p, [](void *q) { std::free(q); });
  t.ptr = p;
  t.dims = std::move(shape);
  t.elemType = dtype;
  t.hasDType = true;
  t.dev = device;
  return t;
}

Result<Tensor> Tensor::copyOf(DType dtype, Shape shape, const void *src) {
  Result<Tensor> t = empty(dtype, std::move(shape));
  if (!t)
    return t;
  if (t->nbytes() != 0)
    std::memcpy(t->rawData(), src, t->nbytes());
  return t;
}

Tensor Tensor::view(DType dtype, Shape shape, void *data, Device device) {
  Tensor t;
  t.ptr = data;
  t.dims = std::move(shape);
  t.elemType = dtype;
  t.hasDType = true;
  t.dev = device;
  return t;
}

Result<Tensor> Tensor::clone() const {
  if (isNull())
    return Tensor();
  return copyOf(elemType, dims, ptr);
}

} // namespace nxrt
