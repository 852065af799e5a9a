//===- RandomEmitter.h - Threefry-2x32 and Nx.Random's samplers -*- C++ -*-===//
//
// This file declares the RandomEmitter, which emits the typed-IR prims of
// Nx.Random for CheckNxRandom.cpp: Threefry-2x32 (20 rounds) on u32 tensors,
// Nx's random bits, split, and the uniform/normal/gumbel/randint samplers,
// shuffle and the take helpers they use. Every method takes and returns
// typed-IR node ids; shapes are static.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_RANDOMEMITTER_H
#define NXC_FRONTEND_RANDOMEMITTER_H

#include "frontend/Checker.h"

#include <utility>

namespace nxc {

/// Emits the prims of one call; every helper works on typed-IR node ids.
class RandomEmitter {
public:
  /// Emits into `c`'s current function, at `loc`.
  RandomEmitter(Checker &c, SourceLoc loc);

  /// A 0-d integer constant.
  int scalar(DType d, int64_t v);
  /// `op` of `a` and `b` of one dtype, `b` broadcast to `a`'s shape.
  int bin(const char *op, int a, int b);
  /// `op` of `a` and the constant `k` of `a`'s dtype.
  int binK(const char *op, int a, int64_t k);
  /// The same-typed unary `op` of `a`.
  int un(const char *op, int a);
  int iota(DType d, std::vector<Dim> s, int64_t axis);
  int slice(int x, int64_t axis, int64_t start, int64_t len);
  int concat(std::vector<int> parts, int64_t axis);
  /// Row `i` of a {k, ...} tensor, without its leading axis.
  int row(int x, int64_t i);
  /// `x` rotated left by `r` bits (u32).
  int rotl(int x, int64_t r);
  /// Threefry-2x32 (20 rounds) of the counter words `x0`, `x1` (u32, one
  /// shape) under `key` (u32[2]).
  std::pair<int, int> threefryPair(int x0, int x1, int key);
  /// Nx's threefry2x32(key, shape) flattened: `n` u32 words from the counter
  /// 0..n-1 (split in halves; an odd count is padded with a 0 that is
  /// dropped from the result).
  int bits(int key, int64_t n);
  /// Nx's random_bits: u8/u16 truncate 32-bit words, u64 joins two.
  int randomBits(int key, const std::vector<Dim> &shape, unsigned width);
  /// Nx.Random.split: {parts, 2} keys.
  int split(int key, int64_t parts);
  /// `v` (number or tensor) as `dt`, broadcast to `shape`.
  int asType(const Value &v, DType dt, const std::vector<Dim> &shape);
  /// Nx's uniform_split and normal_split of `dt` and `shape`.
  int uniform(int key, const Value &lo, const Value &hi, DType dt,
              const std::vector<Dim> &shape);
  int normal(int key, const Value &mean, const Value &sd, DType dt,
             const std::vector<Dim> &shape);
  /// Nx's gumbel_split of `dt` and `shape`.
  int gumbel(int key, DType dt, const std::vector<Dim> &shape);
  /// Nx's randint_split: two words per sample, combined modulo the span.
  Value randint(int key, const Value &lo, const Value &hi, DType dt,
                const std::vector<Dim> &shape);
  /// Nx.take(x, idx, axis: axis) for a rank-1 `idx`.
  int take(int x, int idx, int64_t axis);
  /// Nx.take_along_axis(x, idx, axis: axis), `idx` of `x`'s shape.
  int takeAlong(int x, int idx, int64_t axis);
  /// Nx's shuffle_independent: the shuffled tensor and the advanced key.
  std::pair<int, int> shuffleIndependent(int key, int x, int64_t axis);
  /// Nx.Random.shuffle: the shuffled tensor and the advanced key.
  std::pair<int, int> shuffle(int key, int x, int64_t axis, bool indep);

  /// A tensor type of `d` and `s`.
  static TensorType tt(DType d, std::vector<Dim> s = {});
  /// Static dims of `sizes`.
  static std::vector<Dim> dims(std::initializer_list<int64_t> sizes);

private:
  Checker &c;
  Emitter &em;
  SourceLoc loc;
};

} // namespace nxc

#endif // NXC_FRONTEND_RANDOMEMITTER_H
