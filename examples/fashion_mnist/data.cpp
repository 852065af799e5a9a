//===- data.cpp - Fashion-MNIST loading, shuffling and batching -----------===//
//
// This file implements data.h: IDX reading through libnxrt, scaling of the
// u8 pixels to f32, the platform-independent shuffle and batch gathering.
//
//===----------------------------------------------------------------------===//

#include "data.h"

#include "nxrt/Idx.h"

#include <cstring>
#include <utility>

namespace fashion {

const char *const kClassNames[kClasses] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};

namespace {

nxrt::Result<nxrt::Tensor> readU8(const std::string &path, int64_t rank) {
  nxrt::Result<nxrt::Tensor> t = nxrt::readIdx(path);
  if (!t)
    return nxrt::Status::error(
        t.message() +
        "\n(install Debian's dataset-fashion-mnist, e.g. `make setup`, or "
        "pass --data DIR)");
  if (t->dtype() != nxrt::DType::u8 || t->rank() != rank)
    return nxrt::Status::error(path + ": expected u8 data of rank " +
                               std::to_string(rank) + ", got " +
                               nxrt::formatType(t->dtype(), t->shape()));
  return t;
}

uint64_t splitMix64(uint64_t &state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

} // namespace

nxrt::Result<Dataset> loadSplit(const std::string &dir,
                                const std::string &prefix, int64_t limit) {
  std::string base = dir + "/" + prefix;
  nxrt::Result<nxrt::Tensor> images = readU8(base + "-images-idx3-ubyte.gz", 3);
  if (!images)
    return images.status();
  nxrt::Result<nxrt::Tensor> labels = readU8(base + "-labels-idx1-ubyte.gz", 1);
  if (!labels)
    return labels.status();
  int64_t n = labels->dim(0);
  if (images->dim(0) != n || images->dim(1) * images->dim(2) != kPixels)
    return nxrt::Status::error(
        base + ": images " +
        nxrt::formatType(images->dtype(), images->shape()) +
        " do not match labels " +
        nxrt::formatType(labels->dtype(), labels->shape()));
  if (limit > 0 && limit < n)
    n = limit;

  Dataset data;
  nxrt::Result<nxrt::Tensor> x =
      nxrt::Tensor::empty(nxrt::DType::f32, {n, kPixels});
  if (!x)
    return x.status();
  const uint8_t *src = images->data<uint8_t>();
  float *dst = x->data<float>();
  for (int64_t i = 0; i < n * kPixels; ++i)
    dst[i] = static_cast<float>(src[i]) / 255.0f;
  data.images = *x;
  const uint8_t *lab = labels->data<uint8_t>();
  data.labels.resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    if (lab[i] >= kClasses)
      return nxrt::Status::error(base + "-labels-idx1-ubyte.gz: label " +
                                 std::to_string(lab[i]) + " at index " +
                                 std::to_string(i) + " is not a class 0..9");
    data.labels[static_cast<size_t>(i)] = lab[i];
  }
  return data;
}

std::vector<int64_t> shuffledOrder(int64_t n, uint64_t seed, int64_t epoch) {
  std::vector<int64_t> order(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    order[static_cast<size_t>(i)] = i;
  uint64_t state = seed * 0x100000001B3ull + static_cast<uint64_t>(epoch);
  for (int64_t i = n - 1; i > 0; --i) {
    // Lemire's multiply-shift: an index in [0, i] without a modulo bias
    // worth caring about at these sizes.
    uint64_t r = splitMix64(state);
    auto j = static_cast<int64_t>(
        (static_cast<unsigned __int128>(r) * static_cast<uint64_t>(i + 1)) >>
        64);
    std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(j)]);
  }
  return order;
}

nxrt::Result<Batch> gatherBatch(const Dataset &data,
                                const std::vector<int64_t> &order,
                                int64_t begin, int64_t end) {
  int64_t n = end - begin;
  nxrt::Result<nxrt::Tensor> x =
      nxrt::Tensor::empty(nxrt::DType::f32, {n, kPixels});
  if (!x)
    return x.status();
  nxrt::Result<nxrt::Tensor> y = nxrt::Tensor::empty(nxrt::DType::s32, {n});
  if (!y)
    return y.status();
  const float *src = data.images.data<float>();
  for (int64_t i = 0; i < n; ++i) {
    int64_t k = order[static_cast<size_t>(begin + i)];
    std::memcpy(x->data<float>() + i * kPixels, src + k * kPixels,
                kPixels * sizeof(float));
    y->data<int32_t>()[i] = data.labels[static_cast<size_t>(k)];
  }
  return Batch{*x, *y};
}

Batch sliceBatch(const Dataset &data, int64_t begin, int64_t end) {
  int64_t n = end - begin;
  float *x = data.images.data<float>() + begin * kPixels;
  auto *y = const_cast<int32_t *>(data.labels.data() + begin);
  return Batch{nxrt::Tensor::view(nxrt::DType::f32, {n, kPixels}, x),
               nxrt::Tensor::view(nxrt::DType::s32, {n}, y)};
}

} // namespace fashion
