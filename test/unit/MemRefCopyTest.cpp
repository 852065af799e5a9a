//===- MemRefCopyTest.cpp - Tests of memrefCopy ---------------------------===//
//
// This file tests the `memrefCopy` entry that compiled code calls: a strided
// (transposed, offset) source into a contiguous destination, a contiguous
// copy, rank 0, and a zero-size copy that must not touch memory.
//
//===----------------------------------------------------------------------===//

#include "nxrt/MemRef.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

template <int R> struct Desc {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[R];
  int64_t strides[R];
};

} // namespace

// Tests copying the transpose of a 3x4 block at an offset inside a larger
// buffer into a dense 4x3 buffer.
TEST(MemRefCopy, Strided) {
  std::vector<int32_t> src(40);
  for (int i = 0; i < 40; ++i)
    src[i] = i;
  std::vector<int32_t> dst(12, -1);
  // Source: the 4x3 transpose of rows 0..2, cols 0..3 of a 5-wide matrix
  // starting at element 2.
  Desc<2> s{src.data(), src.data(), 2, {4, 3}, {1, 5}};
  Desc<2> d{dst.data(), dst.data(), 0, {4, 3}, {3, 1}};
  NxrtUnrankedMemRef us{2, &s}, ud{2, &d};
  memrefCopy(sizeof(int32_t), &us, &ud);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_EQ(dst[i * 3 + j], 2 + i + 5 * j) << i << "," << j;
}

// Tests a contiguous copy with a destination offset, a rank-0 copy and a
// zero-size copy.
TEST(MemRefCopy, ContiguousScalarEmpty) {
  double src[6] = {1, 2, 3, 4, 5, 6};
  double dst[8] = {0};
  Desc<2> s{src, src, 0, {2, 3}, {3, 1}};
  Desc<2> d{dst, dst, 2, {2, 3}, {3, 1}};
  NxrtUnrankedMemRef us{2, &s}, ud{2, &d};
  memrefCopy(sizeof(double), &us, &ud);
  EXPECT_EQ(dst[1], 0);
  EXPECT_EQ(dst[2], 1);
  EXPECT_EQ(dst[7], 6);

  struct Desc0 {
    void *allocated;
    void *aligned;
    int64_t offset;
  };
  int64_t a = 42, b = 0;
  Desc0 s0{&a, &a, 0}, d0{&b, &b, 0};
  NxrtUnrankedMemRef u0{0, &s0}, v0{0, &d0};
  memrefCopy(sizeof(int64_t), &u0, &v0);
  EXPECT_EQ(b, 42);

  Desc<1> se{nullptr, nullptr, 0, {0}, {1}};
  Desc<1> de{nullptr, nullptr, 0, {0}, {1}};
  NxrtUnrankedMemRef ue{1, &se}, ve{1, &de};
  memrefCopy(4, &ue, &ve); // must not dereference anything
}
