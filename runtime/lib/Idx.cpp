//===- Idx.cpp - IDX (MNIST family) file reading --------------------------===//
//
// This file implements the IDX reader: the magic (0, 0, type, rank), the
// big-endian u32 dimensions, and the big-endian data, byte-swapped into a
// little-endian tensor. The size the dimensions imply is computed with
// overflow checks and compared with the bytes present before anything is
// allocated. Gzip-compressed files are inflated with zlib first.
//
//===----------------------------------------------------------------------===//

#include "nxrt/Idx.h"

#include "FileIO.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>

namespace nxrt {

namespace {

std::optional<DType> idxDType(unsigned code) {
  switch (code) {
  case 0x08:
    return DType::u8;
  case 0x09:
    return DType::s8;
  case 0x0B:
    return DType::s16;
  case 0x0C:
    return DType::s32;
  case 0x0D:
    return DType::f32;
  case 0x0E:
    return DType::f64;
  default:
    return std::nullopt;
  }
}

/// Inflates a gzip stream (possibly several concatenated members).
Result<std::vector<char>> gunzip(const std::vector<char> &in,
                                 const std::string &name) {
  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  if (inflateInit2(&zs, 15 + 16) != Z_OK)
    return Status::error(name + ": cannot initialize zlib");
  std::vector<char> out;
  size_t consumed = 0;
  char buf[1 << 16];
  int rc = Z_OK;
  while (true) {
    size_t left = in.size() - consumed;
    zs.next_in =
        reinterpret_cast<Bytef *>(const_cast<char *>(in.data())) + consumed;
    zs.avail_in = static_cast<uInt>(
        std::min<size_t>(left, std::numeric_limits<uInt>::max()));
    size_t before = zs.avail_in;
    zs.next_out = reinterpret_cast<Bytef *>(buf);
    zs.avail_out = sizeof(buf);
    rc = inflate(&zs, Z_NO_FLUSH);
    consumed += before - zs.avail_in;
    out.insert(out.end(), buf, buf + (sizeof(buf) - zs.avail_out));
    if (rc == Z_STREAM_END) {
      // Another gzip member may follow (as `cat a.gz b.gz` makes).
      if (consumed == in.size())
        break;
      if (inflateReset(&zs) != Z_OK)
        break;
      continue;
    }
    if (rc == Z_BUF_ERROR ||
        (rc == Z_OK && consumed == in.size() && zs.avail_out != 0)) {
      inflateEnd(&zs);
      return Status::error(name + ": truncated gzip file");
    }
    if (rc != Z_OK) {
      std::string msg = zs.msg ? zs.msg : "corrupt data";
      inflateEnd(&zs);
      return Status::error(name + ": corrupt gzip data: " + msg);
    }
  }
  inflateEnd(&zs);
  return out;
}

} // namespace

Result<Tensor> parseIdx(const void *bytes, size_t size,
                        const std::string &name) {
  const auto *b = static_cast<const unsigned char *>(bytes);
  auto fail = [&](const std::string &what) {
    return Status::error(name + ": invalid IDX file: " + what);
  };
  if (size < 4)
    return fail("truncated: " + std::to_string(size) +
                " bytes, the magic number alone takes 4");
  if (b[0] != 0 || b[1] != 0)
    return fail("bad magic number (the first two bytes must be 0)");
  std::optional<DType> dtype = idxDType(b[2]);
  if (!dtype) {
    char code[8];
    std::snprintf(code, sizeof(code), "0x%02X", b[2]);
    return fail(std::string("unknown element type code ") + code +
                " (expected 0x08 u8, 0x09 s8, 0x0B s16, 0x0C s32, 0x0D f32 "
                "or 0x0E f64)");
  }
  size_t rank = b[3];
  if (size - 4 < 4 * rank)
    return fail("truncated: rank " + std::to_string(rank) + " needs " +
                std::to_string(4 * rank) + " bytes of dimensions, file has " +
                std::to_string(size - 4));
  Shape shape;
  uint64_t elems = 1;
  bool overflow = false, zero = false;
  for (size_t i = 0; i < rank; ++i) {
    const unsigned char *p = b + 4 + 4 * i;
    uint64_t d = (uint64_t(p[0]) << 24) | (uint64_t(p[1]) << 16) |
                 (uint64_t(p[2]) << 8) | uint64_t(p[3]);
    shape.push_back(static_cast<int64_t>(d));
    zero |= d == 0;
    if (d && elems > UINT64_MAX / d)
      overflow = true;
    else
      elems *= d;
  }
  size_t elemSize = dtypeSize(*dtype);
  size_t have = size - 4 - 4 * rank;
  std::string type = formatType(*dtype, shape);
  if (!zero &&
      (overflow || elems > UINT64_MAX / elemSize || elems * elemSize > have))
    return fail("truncated: " + type + " needs " +
                (overflow || elems > UINT64_MAX / elemSize
                     ? std::string("more than 2^64")
                     : std::to_string(elems * elemSize)) +
                " data bytes, file has " + std::to_string(have));
  uint64_t need = zero ? 0 : elems * elemSize;
  if (have != need)
    return fail(type + " needs " + std::to_string(need) +
                " data bytes, file has " + std::to_string(have) +
                " (trailing data)");
  Result<Tensor> t = Tensor::empty(*dtype, shape);
  if (!t)
    return fail(t.message());
  const unsigned char *src = b + 4 + 4 * rank;
  auto *dst = t->data<unsigned char>();
  for (uint64_t i = 0; i < need; i += elemSize)
    for (size_t k = 0; k < elemSize; ++k)
      dst[i + k] = src[i + elemSize - 1 - k];
  return t;
}

Result<Tensor> readIdx(const std::string &path) {
  Result<std::vector<char>> bytes = readWholeFile(path);
  if (!bytes)
    return bytes.status();
  if (bytes->size() >= 2 && static_cast<unsigned char>((*bytes)[0]) == 0x1f &&
      static_cast<unsigned char>((*bytes)[1]) == 0x8b) {
    Result<std::vector<char>> raw = gunzip(*bytes, path);
    if (!raw)
      return raw.status();
    return parseIdx(raw->data(), raw->size(), path);
  }
  return parseIdx(bytes->data(), bytes->size(), path);
}

} // namespace nxrt
