//===- FormatsTestUtil.h - Shared data of the file-format tests -*- C++ -*-===//
//
// This file implements what the safetensors, .npz and IDX tests share with
// Inputs/formats.py: the byte pattern every reference tensor holds, the list
// of named tensors of the multi-tensor files (every dtype times 0-d, 1-d,
// 3-d and zero-size shapes), and running the script.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_TEST_FORMATSTESTUTIL_H
#define NXRT_TEST_FORMATSTESTUTIL_H

#include "nxrt/nxrt.h"
#include "test/unit/TestUtil.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace nxrt::test {

/// A tensor whose little-endian bytes are (7*i + 1) mod 256 (pred: i mod 2),
/// the pattern Inputs/formats.py writes.
inline Tensor patterned(DType dtype, const Shape &shape) {
  Tensor t = Tensor::empty(dtype, shape).value();
  auto *p = t.data<unsigned char>();
  for (size_t i = 0; i < t.nbytes(); ++i)
    p[i] = dtype == DType::pred ? i % 2 : static_cast<unsigned char>(i * 7 + 1);
  return t;
}

inline void expectSameTensor(const Tensor &want, const Tensor &got) {
  EXPECT_EQ(want.dtype(), got.dtype());
  EXPECT_EQ(want.shape(), got.shape());
  ASSERT_EQ(want.nbytes(), got.nbytes());
  EXPECT_EQ(std::memcmp(want.rawData(), got.rawData(), want.nbytes()), 0);
}

/// The shapes of formats.py's SHAPES, in order.
inline const std::vector<std::pair<std::string, Shape>> &formatShapes() {
  static const std::vector<std::pair<std::string, Shape>> shapes = {
      {"scalar", {}},
      {"vec", {5}},
      {"cube", {2, 3, 4}},
      {"empty", {0}},
      {"empty3", {3, 0, 2}}};
  return shapes;
}

/// formats.py's entries(): "<dtype>.<shape>" for every dtype (in enum order)
/// and shape, patterned; without bf16 when `withBf16` is false (.npz).
inline NamedTensors formatEntries(bool withBf16 = true) {
  NamedTensors out;
  for (int32_t code = 0; code < kNumDTypes; ++code) {
    DType d = *dtypeFromCode(code);
    if (d == DType::bf16 && !withBf16)
      continue;
    for (const auto &[sname, shape] : formatShapes())
      out.emplace_back(std::string(dtypeName(d)) + "." + sname,
                       patterned(d, shape));
  }
  return out;
}

inline void expectSameEntries(const NamedTensors &want,
                              const NamedTensors &got) {
  ASSERT_EQ(want.size(), got.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].first);
    EXPECT_EQ(want[i].first, got[i].first);
    expectSameTensor(want[i].second, got[i].second);
  }
}

/// Runs Inputs/formats.py MODE DIR; returns its exit status, output in `out`.
inline int runFormatsPy(const std::string &mode, const std::string &dir,
                        std::string *out) {
  return runCommand(std::string(kPython) +
                        " " NXRT_TEST_SOURCE_DIR "/Inputs/formats.py " + mode +
                        " " + dir,
                    out);
}

/// Every proper prefix of `bytes` (a truncated file) given to `parse` must
/// give an error, not a crash; checks a few hundred cut points.
template <typename Parse>
void expectPrefixesFail(const std::vector<char> &bytes, Parse parse) {
  size_t step = bytes.size() > 400 ? bytes.size() / 400 : 1;
  for (size_t n = 0; n < bytes.size(); n += step) {
    // Copy so that reading past the prefix is caught by sanitizers.
    std::vector<char> prefix(bytes.begin(), bytes.begin() + n);
    auto r = parse(prefix.data(), prefix.size());
    EXPECT_FALSE(r.ok()) << "prefix of " << n << " bytes was accepted";
  }
}

} // namespace nxrt::test

#endif // NXRT_TEST_FORMATSTESTUTIL_H
