//===- NpyTest.cpp - Tests of .npy reading and writing --------------------===//
//
// This file tests the .npy reader and writer: round trips of every dtype
// including 0-d and zero-size arrays, files written by NumPy (generated at
// test time with /usr/bin/python3; skipped without NumPy) read back with the
// right values, files we write read by NumPy, and clear errors (never
// crashes) for Fortran order, unsupported dtypes, and corrupt or truncated
// files.
//
//===----------------------------------------------------------------------===//

#include "nxrt/nxrt.h"
#include "test/unit/TestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace nxrt;
using namespace nxrt::test;

namespace {

const DType kNpyDTypes[] = {DType::pred, DType::u8,  DType::s32, DType::s64,
                            DType::f32,  DType::f64, DType::s8,  DType::s16,
                            DType::u16,  DType::u32, DType::u64, DType::f16};

/// A tensor of `shape` whose bytes are 0, 1, 2, ... (pred: 0/1).
Tensor patterned(DType dtype, const Shape &shape) {
  Tensor t = Tensor::empty(dtype, shape).value();
  auto *p = t.data<unsigned char>();
  for (size_t i = 0; i < t.nbytes(); ++i)
    p[i] = dtype == DType::pred ? i % 2 : static_cast<unsigned char>(i * 7 + 1);
  return t;
}

void expectSame(const Tensor &a, const Tensor &b) {
  EXPECT_EQ(a.dtype(), b.dtype());
  EXPECT_EQ(a.shape(), b.shape());
  ASSERT_EQ(a.nbytes(), b.nbytes());
  EXPECT_EQ(std::memcmp(a.rawData(), b.rawData(), a.nbytes()), 0);
}

std::string python(const std::string &code) {
  return std::string(kPython) + " -c \"" + code + "\"";
}

} // namespace

// Tests that writing then reading gives back the same tensor, for every
// dtype and for 0-d, 1-d, 3-d and zero-size shapes.
TEST(Npy, RoundTripEveryDType) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  const Shape shapes[] = {{}, {5}, {2, 3, 4}, {0}, {3, 0, 2}};
  for (DType d : kNpyDTypes) {
    for (const Shape &shape : shapes) {
      SCOPED_TRACE(formatType(d, shape));
      Tensor t = patterned(d, shape);
      std::string path = dir.path(std::string(dtypeName(d)) + ".npy");
      ASSERT_TRUE(writeNpy(path, t).ok());
      std::string bytes = readFile(path);
      // Version 1.0, data 64-byte aligned.
      ASSERT_GE(bytes.size(), 10u);
      EXPECT_EQ(bytes[6], 1);
      EXPECT_EQ((bytes.size() - t.nbytes()) % 64, 0u);
      Result<Tensor> back = readNpy(path);
      ASSERT_TRUE(back.ok()) << back.message();
      expectSame(t, *back);
    }
  }
}

// Tests that bf16, which NumPy cannot represent, is refused on write.
TEST(Npy, WriteBf16Fails) {
  TempDir dir;
  Tensor t = Tensor::empty(DType::bf16, {2}).value();
  Status s = writeNpy(dir.path("x.npy"), t);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("bf16"), std::string::npos) << s.message();
}

// Tests reading files that NumPy wrote, including version 2.0 files.
TEST(Npy, ReadsNumPyFiles) {
  if (!haveNumPy())
    GTEST_SKIP() << "/usr/bin/python3 with numpy not available";
  TempDir dir;
  std::string script =
      "import numpy as np, sys\n"
      "d = sys.argv[1]\n"
      "names = ['bool','uint8','int32','int64','float32','float64','int8',"
      "'int16','uint16','uint32','uint64','float16']\n"
      "for n in names:\n"
      "    a = (np.arange(6) - 2).astype(n).reshape(2, 3)\n"
      "    np.save(d + '/' + n + '.npy', a)\n"
      "np.save(d + '/scalar.npy', np.array(-7, dtype=np.int64))\n"
      "np.save(d + '/empty.npy', np.zeros((2, 0, 3), dtype=np.float32))\n"
      "np.save(d + '/floats.npy', np.array([0.5, -1e-5, np.inf, np.nan]))\n"
      "with open(d + '/v2.npy', 'wb') as f:\n"
      "    np.lib.format.write_array(f, np.arange(4, dtype=np.int32), "
      "version=(2, 0))\n"
      "np.save(d + '/fortran.npy', np.asfortranarray(np.ones((2, 3), "
      "np.float32)))\n"
      "np.save(d + '/big.npy', np.arange(3, dtype='>f4'))\n"
      "np.save(d + '/complex.npy', np.ones(2, np.complex64))\n";
  writeFile(dir.path("gen.py"), script);
  std::string out;
  ASSERT_EQ(runCommand(std::string(kPython) + " " + dir.path("gen.py") + " " +
                           dir.root(),
                       &out),
            0)
      << out;

  const std::pair<const char *, DType> files[] = {
      {"bool", DType::pred},  {"uint8", DType::u8},    {"int32", DType::s32},
      {"int64", DType::s64},  {"float32", DType::f32}, {"float64", DType::f64},
      {"int8", DType::s8},    {"int16", DType::s16},   {"uint16", DType::u16},
      {"uint32", DType::u32}, {"uint64", DType::u64},  {"float16", DType::f16}};
  for (auto [name, dtype] : files) {
    SCOPED_TRACE(name);
    Result<Tensor> t = readNpy(dir.path(std::string(name) + ".npy"));
    ASSERT_TRUE(t.ok()) << t.message();
    EXPECT_EQ(t->dtype(), dtype);
    EXPECT_EQ(t->shape(), (Shape{2, 3}));
  }
  // Values: arange(6) - 2 = [-2, -1, 0, 1, 2, 3].
  Tensor s32 = readNpy(dir.path("int32.npy")).value();
  EXPECT_EQ(s32.data<int32_t>()[0], -2);
  EXPECT_EQ(s32.data<int32_t>()[5], 3);
  Tensor f64 = readNpy(dir.path("float64.npy")).value();
  EXPECT_EQ(f64.data<double>()[1], -1.0);
  Tensor u8 = readNpy(dir.path("uint8.npy")).value();
  EXPECT_EQ(u8.data<uint8_t>()[0], 254); // -2 wraps
  EXPECT_EQ(u8.data<uint8_t>()[5], 3);
  Tensor b = readNpy(dir.path("bool.npy")).value();
  const uint8_t boolExpected[] = {1, 1, 0, 1, 1, 1};
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(b.data<uint8_t>()[i], boolExpected[i]);
  Tensor f16 = readNpy(dir.path("float16.npy")).value();
  EXPECT_EQ(f16.data<uint16_t>()[0], 0xC000); // -2.0 in binary16

  Tensor scalar = readNpy(dir.path("scalar.npy")).value();
  EXPECT_EQ(scalar.rank(), 0);
  EXPECT_EQ(scalar.data<int64_t>()[0], -7);
  Tensor empty = readNpy(dir.path("empty.npy")).value();
  EXPECT_EQ(empty.shape(), (Shape{2, 0, 3}));
  EXPECT_EQ(empty.numel(), 0);
  Tensor floats = readNpy(dir.path("floats.npy")).value();
  EXPECT_EQ(floats.data<double>()[0], 0.5);
  EXPECT_EQ(floats.data<double>()[1], -1e-5);
  EXPECT_TRUE(std::isinf(floats.data<double>()[2]));
  EXPECT_TRUE(std::isnan(floats.data<double>()[3]));
  Tensor v2 = readNpy(dir.path("v2.npy")).value();
  EXPECT_EQ(v2.shape(), (Shape{4}));
  EXPECT_EQ(v2.data<int32_t>()[3], 3);

  Result<Tensor> fortran = readNpy(dir.path("fortran.npy"));
  ASSERT_FALSE(fortran.ok());
  EXPECT_NE(fortran.message().find("fortran.npy"), std::string::npos);
  EXPECT_NE(fortran.message().find("Fortran"), std::string::npos);
  for (const char *name : {"big.npy", "complex.npy"}) {
    Result<Tensor> r = readNpy(dir.path(name));
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_NE(r.message().find(name), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("unsupported .npy dtype"), std::string::npos)
        << r.message();
  }
}

// Tests that NumPy reads the files we write, with the right values.
TEST(Npy, NumPyReadsOurFiles) {
  if (!haveNumPy())
    GTEST_SKIP() << "/usr/bin/python3 with numpy not available";
  TempDir dir;
  float f[6] = {1.5f, -2, 0, 3, 4, 5};
  ASSERT_TRUE(
      writeNpy(dir.path("f.npy"), Tensor::view(DType::f32, {2, 3}, f)).ok());
  int64_t s = -9;
  ASSERT_TRUE(
      writeNpy(dir.path("s.npy"), Tensor::view(DType::s64, {}, &s)).ok());
  uint8_t p[3] = {1, 0, 1};
  ASSERT_TRUE(
      writeNpy(dir.path("p.npy"), Tensor::view(DType::pred, {3}, p)).ok());
  ASSERT_TRUE(
      writeNpy(dir.path("z.npy"), Tensor::empty(DType::u16, {0, 4}).value())
          .ok());
  std::string check =
      "import numpy as np, sys; d = sys.argv[1]\n"
      "a = np.load(d + '/f.npy'); assert a.dtype == np.float32 and a.shape == "
      "(2, 3)\n"
      "assert (a == np.array([[1.5, -2, 0], [3, 4, 5]], np.float32)).all()\n"
      "s = np.load(d + '/s.npy'); assert s.dtype == np.int64 and s.shape == () "
      "and s == -9\n"
      "p = np.load(d + '/p.npy'); assert p.dtype == np.bool_ and list(p) == "
      "[True, False, True]\n"
      "z = np.load(d + '/z.npy'); assert z.dtype == np.uint16 and z.shape == "
      "(0, 4)\n"
      "print('ok')\n";
  writeFile(dir.path("check.py"), check);
  std::string out;
  EXPECT_EQ(runCommand(std::string(kPython) + " " + dir.path("check.py") + " " +
                           dir.root(),
                       &out),
            0)
      << out;
}

// Tests that every prefix of a valid file, and corrupted headers, give an
// error rather than a crash.
TEST(Npy, CorruptAndTruncated) {
  Tensor t = patterned(DType::f64, {3, 4});
  std::vector<char> bytes = serializeNpy(t).value();
  for (size_t n = 0; n < bytes.size(); ++n) {
    Result<Tensor> r = parseNpy(bytes.data(), n, "cut.npy");
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes";
    EXPECT_EQ(r.message().rfind("cut.npy: ", 0), 0u) << r.message();
  }
  Result<Tensor> cut = parseNpy(bytes.data(), bytes.size() - 1, "cut.npy");
  EXPECT_NE(cut.message().find("truncated"), std::string::npos)
      << cut.message();
  ASSERT_TRUE(parseNpy(bytes.data(), bytes.size(), "ok.npy").ok());

  auto corrupt = [&](const std::string &from, const std::string &to) {
    std::string s(bytes.begin(), bytes.end());
    size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    s.replace(at, from.size(), to);
    return parseNpy(s.data(), s.size(), "bad.npy");
  };
  EXPECT_FALSE(corrupt("NUMPY", "NUMPX").ok());
  EXPECT_FALSE(corrupt("'descr'", "'descX'").ok());
  EXPECT_FALSE(corrupt("(3, 4)", "(3, -4)").ok());
  EXPECT_FALSE(corrupt("(3, 4)", "(3, 4]").ok());
  EXPECT_FALSE(corrupt("False", "Maybe").ok());
  EXPECT_FALSE(corrupt("(3, 4)", "(99999999999, 99999999999)").ok());
  Result<Tensor> ver =
      corrupt(std::string("\x01\x00", 2), std::string("\x07\x00", 2));
  ASSERT_FALSE(ver.ok());
  EXPECT_NE(ver.message().find("version 7.0"), std::string::npos)
      << ver.message();

  // A header length pointing far past the end of the file.
  std::vector<char> longHeader = bytes;
  longHeader[8] = '\xff';
  longHeader[9] = '\xff';
  EXPECT_FALSE(parseNpy(longHeader.data(), longHeader.size(), "x.npy").ok());

  // The same through files on disk (the file reader streams the data).
  TempDir dir;
  for (size_t n : {size_t(0), size_t(5), size_t(9), size_t(40),
                   bytes.size() - 96, bytes.size() - 1}) {
    std::string path = dir.path("cut" + std::to_string(n) + ".npy");
    writeFile(path, std::string(bytes.data(), n));
    Result<Tensor> r = readNpy(path);
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.message().rfind(path + ": ", 0), 0u) << r.message();
  }
  writeFile(dir.path("whole.npy"), std::string(bytes.begin(), bytes.end()));
  Result<Tensor> whole = readNpy(dir.path("whole.npy"));
  ASSERT_TRUE(whole.ok()) << whole.message();
  expectSame(t, *whole);
  Result<Tensor> cutFile =
      readNpy(dir.path("cut" + std::to_string(bytes.size() - 1) + ".npy"));
  EXPECT_NE(cutFile.message().find("needs 96 data bytes, file has 95"),
            std::string::npos)
      << cutFile.message();

  Result<Tensor> missing = readNpy("/nonexistent/dir/a.npy");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("/nonexistent/dir/a.npy"),
            std::string::npos);
}
