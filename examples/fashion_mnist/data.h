//===- data.h - Fashion-MNIST loading, shuffling and batching ---*- C++ -*-===//
//
// This file declares the data side of the Fashion-MNIST driver: the IDX files
// read with nxrt::readIdx and scaled to f32 in [0, 1], a deterministic
// seeded shuffle, and the gathering of one batch into tensors the compiled
// entries take (f32[n, 784] images, s32[n] labels).
//
//===----------------------------------------------------------------------===//

#ifndef FASHION_MNIST_DATA_H
#define FASHION_MNIST_DATA_H

#include "nxrt/Status.h"
#include "nxrt/Tensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fashion {

inline constexpr int64_t kPixels = 28 * 28;
inline constexpr int kClasses = 10;

/// The class names of Fashion-MNIST, by label.
extern const char *const kClassNames[kClasses];

/// A split of the data set: images f32[size, 784] in [0, 1], labels 0..9.
struct Dataset {
  nxrt::Tensor images;
  std::vector<int32_t> labels;
  int64_t size() const { return static_cast<int64_t>(labels.size()); }
};

/// Reads `<dir>/<prefix>-images-idx3-ubyte.gz` and `-labels-idx1-ubyte.gz`
/// (prefix "train" or "t10k"), keeping the first `limit` examples when
/// limit > 0. Errors name the file and say how to install the data set.
nxrt::Result<Dataset> loadSplit(const std::string &dir,
                                const std::string &prefix, int64_t limit);

/// A permutation of 0..n-1 that depends only on (seed, epoch): Fisher-Yates
/// driven by SplitMix64, so it is the same on every platform and a resumed
/// run shuffles its epochs as the uninterrupted run would.
std::vector<int64_t> shuffledOrder(int64_t n, uint64_t seed, int64_t epoch);

/// The examples order[begin, end) of `data` as a batch.
struct Batch {
  nxrt::Tensor x; // f32[n, 784]
  nxrt::Tensor y; // s32[n]
};
nxrt::Result<Batch> gatherBatch(const Dataset &data,
                                const std::vector<int64_t> &order,
                                int64_t begin, int64_t end);

/// The contiguous examples [begin, end) as a batch (no copy of the images).
Batch sliceBatch(const Dataset &data, int64_t begin, int64_t end);

} // namespace fashion

#endif // FASHION_MNIST_DATA_H
