//===- IdxTest.cpp - Tests of IDX (MNIST family) reading ------------------===//
//
// This file tests the IDX reader: files of every element type written by
// hand in Python (Inputs/formats.py, big-endian data) read bit-exactly, plain
// and gzip-compressed; errors (never crashes) for bad magic numbers, unknown
// types, truncated or trailing data, dimensions whose product overflows, and
// corrupt or truncated gzip; and, where Debian's dataset-fashion-mnist is
// installed, the real t10k files against a checksum computed by Python.
//
//===----------------------------------------------------------------------===//

#include "test/unit/FormatsTestUtil.h"

#include <unistd.h>

using namespace nxrt;
using namespace nxrt::test;

namespace {

std::string idxBytes(unsigned char type, const std::vector<uint32_t> &dims,
                     size_t dataBytes) {
  std::string s = {0, 0, static_cast<char>(type),
                   static_cast<char>(dims.size())};
  for (uint32_t d : dims)
    for (int k = 3; k >= 0; --k)
      s += static_cast<char>((d >> (8 * k)) & 0xff);
  return s + std::string(dataBytes, '\x02');
}

void expectError(const std::string &bytes, const std::string &what) {
  Result<Tensor> r = parseIdx(bytes.data(), bytes.size(), "x.idx");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message().rfind("x.idx: invalid IDX file: ", 0), 0u)
      << r.message();
  EXPECT_NE(r.message().find(what), std::string::npos) << r.message();
}

const char *kFashion = "/usr/share/datasets/fashion-mnist";

} // namespace

// Tests every element type and shape, plain and gzipped, against the
// pattern Python wrote big-endian.
TEST(Idx, ReadsPythonFiles) {
  if (!haveNumPy())
    GTEST_SKIP() << "/usr/bin/python3 with numpy not available";
  TempDir dir;
  std::string out;
  ASSERT_EQ(runFormatsPy("gen", dir.root(), &out), 0) << out;
  const DType types[] = {DType::u8,  DType::s8,  DType::s16,
                         DType::s32, DType::f32, DType::f64};
  for (DType d : types)
    for (const auto &[sname, shape] : formatShapes()) {
      if (sname == "empty")
        continue;
      for (const char *ext : {".idx", ".idx.gz"}) {
        std::string file = std::string(dtypeName(d)) + "." + sname + ext;
        SCOPED_TRACE(file);
        Result<Tensor> t = readIdx(dir.path(file));
        ASSERT_TRUE(t.ok()) << t.message();
        expectSameTensor(patterned(d, shape), *t);
      }
    }
}

// Tests the errors for malformed and hostile headers.
TEST(Idx, MalformedFiles) {
  std::string ok = idxBytes(0x0C, {2, 3}, 24);
  ASSERT_TRUE(parseIdx(ok.data(), ok.size(), "ok").ok());
  expectError(std::string(2, '\0'), "truncated: 2 bytes");
  expectError(std::string("\x01\x00\x08\x01", 4), "bad magic number");
  expectError(idxBytes(0x0A, {1}, 1), "unknown element type code 0x0A");
  expectError(idxBytes(0x08, {2, 3}, 0).substr(0, 9),
              "rank 2 needs 8 bytes of dimensions, file has 5");
  expectError(idxBytes(0x0D, {2, 3}, 23),
              "truncated: f32[2][3] needs 24 data bytes, file has 23");
  expectError(idxBytes(0x08, {2, 3}, 7), "needs 6 data bytes, file has 7");
  expectError(idxBytes(0x0E, {0xffffffff, 0xffffffff, 0xffffffff}, 8),
              "needs more than 2^64 data bytes");
  expectError(idxBytes(0x08, {0xffffffff, 0xffffffff}, 8),
              "needs 18446744065119617025 data bytes, file has 8");
}

// Tests that every truncation of a valid file is an error, not a crash.
TEST(Idx, TruncatedFiles) {
  std::string s = idxBytes(0x0B, {3, 5, 7}, 210);
  expectPrefixesFail(
      std::vector<char>(s.begin(), s.end()),
      [](const char *p, size_t n) { return parseIdx(p, n, "t"); });
}

// Tests corrupt and truncated gzip data and a missing file.
TEST(Idx, BadGzip) {
  if (!haveNumPy())
    GTEST_SKIP() << "/usr/bin/python3 with numpy not available";
  TempDir dir;
  std::string out;
  ASSERT_EQ(runFormatsPy("gen", dir.root(), &out), 0) << out;
  std::string gz = readFile(dir.path("f64.cube.idx.gz"));
  writeFile(dir.path("cut.gz"), gz.substr(0, gz.size() / 2));
  Result<Tensor> cut = readIdx(dir.path("cut.gz"));
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.message().find("cut.gz: truncated gzip file"),
            std::string::npos)
      << cut.message();
  std::string bad = gz;
  for (size_t i = 12; i < bad.size() - 8; ++i)
    bad[i] = static_cast<char>(bad[i] ^ 0x5a);
  writeFile(dir.path("bad.gz"), bad);
  Result<Tensor> corrupt = readIdx(dir.path("bad.gz"));
  ASSERT_FALSE(corrupt.ok());
  EXPECT_NE(corrupt.message().find("bad.gz: "), std::string::npos)
      << corrupt.message();
  EXPECT_FALSE(readIdx(dir.path("missing.idx")).ok());
}

// Tests reading Fashion-MNIST's test set as Debian ships it: shapes, dtype,
// and a SHA-256 of the pixels and the label sum that Python computes with
// gzip + hashlib.
TEST(Idx, FashionMnist) {
  std::string images = std::string(kFashion) + "/t10k-images-idx3-ubyte.gz";
  std::string labels = std::string(kFashion) + "/t10k-labels-idx1-ubyte.gz";
  if (access(images.c_str(), R_OK) != 0 || access(labels.c_str(), R_OK) != 0)
    GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  if (access(kPython, X_OK) != 0)
    GTEST_SKIP() << "/usr/bin/python3 not available";
  Result<Tensor> img = readIdx(images);
  ASSERT_TRUE(img.ok()) << img.message();
  EXPECT_EQ(img->dtype(), DType::u8);
  EXPECT_EQ(img->shape(), (Shape{10000, 28, 28}));
  Result<Tensor> lab = readIdx(labels);
  ASSERT_TRUE(lab.ok()) << lab.message();
  EXPECT_EQ(lab->dtype(), DType::u8);
  EXPECT_EQ(lab->shape(), (Shape{10000}));

  TempDir dir;
  writeFile(dir.path("pixels.bin"),
            std::string(img->data<char>(), img->nbytes()));
  uint64_t labelSum = 0;
  for (int64_t i = 0; i < lab->numel(); ++i)
    labelSum += lab->data<uint8_t>()[i];
  std::string script =
      "import gzip, hashlib, sys\n"
      "raw = gzip.open(sys.argv[1], 'rb').read()\n"
      "assert raw[:4] == bytes([0, 0, 8, 3]), raw[:4]\n"
      "want = hashlib.sha256(raw[16:]).hexdigest()\n"
      "got = hashlib.sha256(open(sys.argv[3], 'rb').read()).hexdigest()\n"
      "labels = gzip.open(sys.argv[2], 'rb').read()[8:]\n"
      "print(want == got, sum(labels))\n";
  writeFile(dir.path("check.py"), script);
  std::string out;
  ASSERT_EQ(runCommand(std::string(kPython) + " " + dir.path("check.py") + " " +
                           images + " " + labels + " " + dir.path("pixels.bin"),
                       &out),
            0)
      << out;
  EXPECT_EQ(out, "True " + std::to_string(labelSum) + "\n");
  // 1000 of each of the 10 classes: 1000 * (0 + 1 + ... + 9).
  EXPECT_EQ(labelSum, 45000u);
}
