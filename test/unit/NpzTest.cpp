//===- NpzTest.cpp - Tests of .npz reading and writing --------------------===//
//
// This file tests the .npz reader and writer: archives written by
// numpy.savez (stored) and numpy.savez_compressed (deflated) read
// bit-exactly for every NumPy dtype with 0-d and zero-size arrays, round
// trips, our archives read by numpy.load (in SafetensorsTest's
// PythonReadsOurFiles, which checks both writers with one script run), and
// errors (never crashes) for truncated, corrupt and unsupported archives.
//
//===----------------------------------------------------------------------===//

#include "test/unit/FormatsTestUtil.h"

#include <zlib.h>

using namespace nxrt;
using namespace nxrt::test;

namespace {

void expectError(const std::vector<char> &bytes, const std::string &what) {
  Result<NamedTensors> r = parseNpz(bytes.data(), bytes.size(), "a.npz");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find(what), std::string::npos) << r.message();
}

/// Offset of the first occurrence of `s` in `bytes`.
size_t find(const std::vector<char> &bytes, const std::string &s) {
  std::string_view v(bytes.data(), bytes.size());
  return v.find(s);
}

} // namespace

// Tests reading np.savez and np.savez_compressed archives bit-exactly, and
// a hand-made archive in zip64 form (sizes, offsets and the end record).
TEST(Npz, ReadsNumPyFiles) {
  if (!haveNumPy())
    GTEST_SKIP() << "/usr/bin/python3 with numpy not available";
  TempDir dir;
  std::string out;
  ASSERT_EQ(runFormatsPy("gen", dir.root(), &out), 0) << out;
  for (const char *file : {"ref.npz", "refc.npz", "ref64.npz"}) {
    SCOPED_TRACE(file);
    Result<NamedTensors> r = readNpz(dir.path(file));
    ASSERT_TRUE(r.ok()) << r.message();
    expectSameEntries(formatEntries(false), *r);
  }
  std::string z64 = readFile(dir.path("ref64.npz"));
  size_t rec = z64.rfind(std::string("PK\x06\x06", 4));
  ASSERT_NE(rec, std::string::npos);
  z64[rec + 3] = 7;
  expectError(std::vector<char>(z64.begin(), z64.end()),
              "zip64 end of central directory record missing");
}

// Tests a round trip of every .npy dtype and shape, and the refusals.
TEST(Npz, RoundTrip) {
  TempDir dir;
  NamedTensors entries = formatEntries(false);
  std::string path = dir.path("x.npz");
  ASSERT_TRUE(writeNpz(path, entries).ok());
  Result<NamedTensors> back = readNpz(path);
  ASSERT_TRUE(back.ok()) << back.message();
  expectSameEntries(entries, *back);
  ASSERT_TRUE(writeNpz(path, {}).ok());
  EXPECT_TRUE(readNpz(path).value().empty());

  Status bf = writeNpz(path, {{"h", patterned(DType::bf16, {2})}});
  ASSERT_FALSE(bf.ok());
  EXPECT_NE(bf.message().find("array 'h': dtype bf16 has no .npy"),
            std::string::npos)
      << bf.message();
  EXPECT_FALSE(serializeNpz({{"a", patterned(DType::u8, {1})},
                             {"a", patterned(DType::u8, {1})}})
                   .ok());
}

// Tests that every truncation of stored and deflated archives is an error.
TEST(Npz, TruncatedFiles) {
  std::vector<char> bytes = serializeNpz({{"a", patterned(DType::f32, {3, 4})},
                                          {"b", patterned(DType::s64, {})}})
                                .value();
  auto parse = [](const char *p, size_t n) { return parseNpz(p, n, "t.npz"); };
  expectPrefixesFail(bytes, parse);
  if (!haveNumPy())
    return;
  TempDir dir;
  std::string out;
  ASSERT_EQ(runFormatsPy("gen", dir.root(), &out), 0) << out;
  std::string c = readFile(dir.path("refc.npz"));
  expectPrefixesFail(std::vector<char>(c.begin(), c.end()), parse);
}

// Tests the errors for corrupt and unsupported archives.
TEST(Npz, MalformedFiles) {
  std::vector<char> good =
      serializeNpz({{"a", patterned(DType::f32, {3, 4})}}).value();
  ASSERT_TRUE(parseNpz(good.data(), good.size(), "ok").ok());
  expectError(std::vector<char>(10, 'x'), "too short for a zip archive");
  expectError(std::vector<char>(100, 'x'), "no end of central directory");

  std::vector<char> bitflip = good;
  bitflip[find(bitflip, "<f4") + 1] = '>'; // a data byte changes: the CRC fails
  expectError(bitflip,
              "a.npz: invalid .npz file: member a.npy: CRC-32 mismatch");

  std::vector<char> method = good;
  size_t central = find(method, "PK\x01\x02");
  method[central + 10] = 12; // bzip2
  expectError(method, "compression method 12 is not supported");

  std::vector<char> offset = good;
  offset[central + 42] = 5; // local header offset points into nowhere
  expectError(offset, "local header missing at offset 5");

  std::vector<char> size = good;
  size[central + 20] = static_cast<char>(0xff); // compressed size != size
  size[central + 21] = static_cast<char>(0xff);
  expectError(size, "member a.npy:");

  std::vector<char> name = good;
  size_t n = std::string_view(name.data(), name.size()).rfind(".npy");
  name[n + 1] = 'x';
  expectError(name, "member a.xpy is not a .npy file");

  std::vector<char> dir = good;
  size_t end = find(dir, "PK\x05\x06");
  dir[end + 19] = 0x7f; // central directory offset, high byte
  expectError(dir, "central directory lies outside the file");

  // A member whose .npy header is corrupt names the member.
  std::vector<char> npy = good;
  size_t local = find(npy, "\x93NUMPY");
  npy[local + 1] = 'X';
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef *>(npy.data() + local),
              static_cast<uInt>(central - local));
  for (size_t at : {size_t(14), central + 16})
    for (int i = 0; i < 4; ++i)
      npy[at + i] = static_cast<char>((crc >> (8 * i)) & 0xff);
  expectError(npy, "a.npz:a.npy: not a .npy file");
}

// Tests that reading a missing file names it.
TEST(Npz, MissingFile) {
  Result<NamedTensors> r = readNpz("/nonexistent/x.npz");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("/nonexistent/x.npz"), std::string::npos);
}
