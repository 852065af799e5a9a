//===- SafetensorsTest.cpp - Tests of safetensors reading and writing -----===//
//
// This file tests the safetensors reader and writer: round trips of every
// dtype (bf16 and f16 included) with 0-d and zero-size tensors and metadata,
// files written by hand from the spec in Python (Inputs/formats.py) read
// bit-exactly, our files read back by Python's json/struct, the atomic
// replace of an existing file, and errors (never crashes) for truncated,
// malformed and hostile files.
//
//===----------------------------------------------------------------------===//

#include "test/unit/FormatsTestUtil.h"

#include <cmath>
#include <dirent.h>
#include <sys/stat.h>

using namespace nxrt;
using namespace nxrt::test;

namespace {

/// A safetensors file from a header text and `dataBytes` bytes of data.
std::string makeFile(const std::string &header, size_t dataBytes,
                     uint64_t headerSize = UINT64_MAX) {
  uint64_t n = headerSize == UINT64_MAX ? header.size() : headerSize;
  std::string out;
  for (int i = 0; i < 8; ++i)
    out += static_cast<char>((n >> (8 * i)) & 0xff);
  return out + header + std::string(dataBytes, '\x01');
}

/// Parses `file` and expects an error containing `what`.
void expectError(const std::string &file, const std::string &what) {
  SCOPED_TRACE(file.size() > 8 ? file.substr(8, 200) : file);
  Result<NamedTensors> r = parseSafetensors(file.data(), file.size(), "m.st");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message().rfind("m.st: invalid safetensors file: ", 0), 0u)
      << r.message();
  EXPECT_NE(r.message().find(what), std::string::npos) << r.message();
}

std::vector<std::string> listDir(const std::string &dir) {
  std::vector<std::string> names;
  if (DIR *d = opendir(dir.c_str())) {
    while (dirent *e = readdir(d))
      if (e->d_name[0] != '.')
        names.push_back(e->d_name);
    closedir(d);
  }
  return names;
}

} // namespace

// Tests that every dtype and shape, with metadata, survives a round trip in
// order, and that the header is padded so the data starts 8-byte aligned.
TEST(Safetensors, RoundTripEveryDType) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  NamedTensors entries = formatEntries();
  Metadata meta = {{"step", "42"}, {"quote\"d", "line\nbreak \xc3\xa9"}};
  std::string path = dir.path("all.safetensors");
  ASSERT_TRUE(writeSafetensors(path, entries, meta).ok());
  std::string bytes = readFile(path);
  ASSERT_GE(bytes.size(), 8u);
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i)
    n |= uint64_t(static_cast<unsigned char>(bytes[i])) << (8 * i);
  EXPECT_EQ(n % 8, 0u);
  Metadata gotMeta;
  Result<NamedTensors> back = readSafetensors(path, &gotMeta);
  ASSERT_TRUE(back.ok()) << back.message();
  expectSameEntries(entries, *back);
  EXPECT_EQ(gotMeta, meta);
}

// Tests reading files written by hand from the spec by Python: every dtype
// bit-exactly, unicode escapes in metadata, and float values from struct.
TEST(Safetensors, ReadsPythonFiles) {
  if (!haveNumPy())
    GTEST_SKIP() << "/usr/bin/python3 with numpy not available";
  TempDir dir;
  std::string out;
  ASSERT_EQ(runFormatsPy("gen", dir.root(), &out), 0) << out;
  Metadata meta;
  Result<NamedTensors> r = readSafetensors(dir.path("ref.safetensors"), &meta);
  ASSERT_TRUE(r.ok()) << r.message();
  expectSameEntries(formatEntries(), *r);
  Metadata wantMeta = {{"format", "pt"}, {"note", "caf\xc3\xa9 \"q\"\n"}};
  EXPECT_EQ(meta, wantMeta);

  Result<NamedTensors> v = readSafetensors(dir.path("values.safetensors"));
  ASSERT_TRUE(v.ok()) << v.message();
  ASSERT_EQ(v->size(), 1u);
  const Tensor &w = (*v)[0].second;
  EXPECT_EQ(w.dtype(), DType::f32);
  EXPECT_EQ(w.shape(), (Shape{2, 2}));
  EXPECT_EQ(w.data<float>()[0], 0.5f);
  EXPECT_EQ(w.data<float>()[1], -2.0f);
  EXPECT_EQ(w.data<float>()[2], 3.25f);
  EXPECT_TRUE(std::isinf(w.data<float>()[3]));
}

// Tests that Python's json/struct parsing reads our files bit-exactly.
TEST(Safetensors, PythonReadsOurFiles) {
  if (!haveNumPy())
    GTEST_SKIP() << "/usr/bin/python3 with numpy not available";
  TempDir dir;
  ASSERT_TRUE(writeSafetensors(dir.path("ours.safetensors"), formatEntries(),
                               {{"step", "42"}, {"model", "mlp \"x\""}})
                  .ok());
  ASSERT_TRUE(writeNpz(dir.path("ours.npz"), formatEntries(false)).ok());
  std::string out;
  EXPECT_EQ(runFormatsPy("check", dir.root(), &out), 0) << out;
}

// Tests that a write replaces an existing file whole, keeps its mode, leaves
// no temporary file, and that a refused write leaves the old file intact.
TEST(Safetensors, AtomicReplace) {
  TempDir dir;
  std::string path = dir.path("ckpt.safetensors");
  NamedTensors one = {{"w", patterned(DType::f32, {3})}};
  ASSERT_TRUE(writeSafetensors(path, one).ok());
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  std::string before = readFile(path);
  NamedTensors dup = {{"a", patterned(DType::f32, {2})},
                      {"a", patterned(DType::f32, {2})}};
  Status s = writeSafetensors(path, dup);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("duplicate tensor name \"a\""), std::string::npos)
      << s.message();
  EXPECT_EQ(readFile(path), before);
  NamedTensors two = {{"w", patterned(DType::f64, {4, 4})}};
  ASSERT_TRUE(writeSafetensors(path, two).ok());
  expectSameEntries(two, readSafetensors(path).value());
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(listDir(dir.root()), std::vector<std::string>{"ckpt.safetensors"});
  Status bad = writeSafetensors(dir.path("no/such/dir/x.safetensors"), one);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("no/such/dir/x.safetensors"), std::string::npos);
}

// Tests files with no tensors (with and without metadata) and writing from
// a non-owning view.
TEST(Safetensors, EmptyAndViews) {
  TempDir dir;
  std::string path = dir.path("e.safetensors");
  ASSERT_TRUE(writeSafetensors(path, {}).ok());
  EXPECT_EQ(readFile(path), std::string("\x08\0\0\0\0\0\0\0{}      ", 16));
  Metadata meta = {{"k", "v"}}, got;
  ASSERT_TRUE(writeSafetensors(path, {}, meta).ok());
  Result<NamedTensors> r = readSafetensors(path, &got);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_TRUE(r->empty());
  EXPECT_EQ(got, meta);
  float buf[3] = {1.5f, -0.0f, 2.25f};
  NamedTensors view = {{"v", Tensor::view(DType::f32, {3}, buf)}};
  ASSERT_TRUE(writeSafetensors(path, view).ok());
  expectSameEntries(view, readSafetensors(path).value());
}

// Tests that the writer refuses what the format cannot hold.
TEST(Safetensors, WriteRefusals) {
  EXPECT_FALSE(
      serializeSafetensors({{"__metadata__", patterned(DType::u8, {1})}}).ok());
  EXPECT_FALSE(serializeSafetensors({{"x", Tensor()}}).ok());
}

// Tests that every truncation of a valid file is an error, not a crash.
TEST(Safetensors, TruncatedFiles) {
  std::vector<char> bytes = serializeSafetensors(formatEntries()).value();
  expectPrefixesFail(bytes, [](const char *p, size_t n) {
    return parseSafetensors(p, n, "t.st");
  }); // The file reader checks sizes on its own path: truncate files on disk.
  TempDir dir;
  std::string path = dir.path("cut.safetensors");
  for (size_t n : {size_t(0), size_t(7), size_t(8), size_t(100),
                   bytes.size() / 2, bytes.size() - 1}) {
    writeFile(path, std::string(bytes.data(), n));
    Result<NamedTensors> r = readSafetensors(path);
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.message().rfind(path + ": invalid safetensors file: ", 0), 0u)
        << r.message();
  }
  writeFile(path, std::string(bytes.data(), bytes.size()) + "x");
  Result<NamedTensors> extra = readSafetensors(path);
  ASSERT_FALSE(extra.ok());
  EXPECT_NE(extra.message().find("1 bytes after the last tensor's data"),
            std::string::npos)
      << extra.message();
}

// Tests the error for each kind of malformed or hostile header.
TEST(Safetensors, MalformedFiles) {
  const std::string okEntry =
      R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]})";
  ASSERT_TRUE(parseSafetensors(makeFile("{" + okEntry + "}", 8).data(),
                               8 + 2 + okEntry.size() + 8, "ok")
                  .ok());
  expectError(std::string(5, '\0'), "truncated: 5 bytes");
  expectError(makeFile("{}", 0, 1000), "header size 1000 exceeds the 2 bytes");
  expectError(makeFile("{}", 0, UINT64_MAX - 3), "exceeds the 2 bytes");
  expectError(makeFile("[1]", 0), "does not start with a JSON object");
  expectError(makeFile("{\"a\":", 0), "malformed JSON header");
  expectError(makeFile("{\"a\":{}} x", 0), "unexpected text after");
  expectError(makeFile(std::string(100000, '[') + "{", 0),
              "does not start with a JSON object");
  expectError(makeFile("{\"a\":" + std::string(100000, '[') + "}", 0),
              "nested deeper than");
  expectError(
      makeFile(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
               R"("a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})",
               16),
      "duplicate name \"a\"");
  expectError(
      makeFile(R"({"a":{"dtype":"Q7","shape":[2],"data_offsets":[0,8]}})", 8),
      "tensor \"a\": unknown dtype \"Q7\"");
  expectError(
      makeFile(R"({"a":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}})",
               2),
      "dtype F8_E4M3 is not supported");
  expectError(
      makeFile(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8),
      "shape [3] of F32 needs 12 bytes, but data_offsets give 8");
  expectError(
      makeFile(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 4),
      "go past the end of the data (4 bytes)");
  expectError(
      makeFile(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", 8),
      "end before they begin");
  expectError(
      makeFile(R"({"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},)"
               R"("b":{"dtype":"U8","shape":[4],"data_offsets":[2,6]}})",
               6),
      "tensors \"a\" and \"b\" overlap");
  expectError(
      makeFile(R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}})", 4),
      "bytes 0 to 2 of the data belong to no tensor");
  expectError(
      makeFile(R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}})", 5),
      "3 bytes after the last tensor's data");
  expectError(makeFile(R"({"a":{"dtype":"F64","shape":[4294967296,4294967296],)"
                       R"("data_offsets":[0,0]}})",
                       0),
              "shape [4294967296, 4294967296] is too large");
  expectError(
      makeFile(R"({"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,0]}})", 0),
      "not a non-negative integer");
  expectError(
      makeFile(R"({"a":{"dtype":"U8","shape":[1.5],"data_offsets":[0,0]}})", 0),
      "not a non-negative integer");
  expectError(
      makeFile(
          R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,99999999999999999999]}})",
          0),
      "not non-negative integers");
  expectError(makeFile(R"({"a":{"dtype":"U8","shape":[1]}})", 0),
              "missing \"data_offsets\"");
  expectError(
      makeFile(R"({"a":{"dtype":"U8","shape":[0],"data_offsets":[0,0],"x":1}})",
               0),
      "unexpected key \"x\"");
  expectError(makeFile(R"({"a":[1]})", 0), "tensor \"a\": is an array");
  expectError(makeFile(R"({"__metadata__":{"k":1}})", 0),
              "\"__metadata__\" entry \"k\" is a number");
  expectError(makeFile("{\"a\\q\":1}", 0), "bad escape");
  expectError(makeFile("{\"\\ud800\":1}", 0), "unpaired surrogate");
}

// Tests that reading a missing file names it.
TEST(Safetensors, MissingFile) {
  Result<NamedTensors> r = readSafetensors("/nonexistent/x.safetensors");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("/nonexistent/x.safetensors: cannot open"),
            std::string::npos)
      << r.message();
}
