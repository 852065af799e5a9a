//===- Npz.cpp - NumPy .npz archive reading and writing -------------------===//
//
// This file implements just enough of the zip format for `.npz`: finding the
// end of central directory record (and its zip64 form), walking the central
// directory, locating each member's data through its local header, inflating
// deflated members with zlib, checking CRC-32s, and writing an archive of
// stored members. Every offset and size read from the file is checked
// against the bytes present before it is used.
//
//===----------------------------------------------------------------------===//

#include "nxrt/Npz.h"

#include "FileIO.h"
#include "nxrt/Npy.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <set>

namespace nxrt {

namespace {

constexpr uint32_t kLocalSig = 0x04034b50;
constexpr uint32_t kCentralSig = 0x02014b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint32_t kEnd64Sig = 0x06064b50;
constexpr uint32_t kEnd64LocatorSig = 0x07064b50;

/// Bounds-checked little-endian reads over a byte range.
struct Bytes {
  const unsigned char *p;
  size_t size;

  bool has(uint64_t at, uint64_t n) const {
    return at <= size && n <= size - at;
  }
  uint64_t le(uint64_t at, int n) const {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i)
      v |= static_cast<uint64_t>(p[at + i]) << (8 * i);
    return v;
  }
};

struct Member {
  std::string name;
  uint16_t flags, method;
  uint32_t crc;
  uint64_t csize, usize, offset;
};

class Reader {
public:
  Reader(Bytes b, const std::string &file) : b(b), file(file) {}

  Status fail(const std::string &what) {
    return Status::error(file + ": invalid .npz file: " + what);
  }

  /// Finds the central directory: its offset, size and entry count.
  Status findDirectory(uint64_t &cdOffset, uint64_t &cdSize, uint64_t &count) {
    if (b.size < 22)
      return fail("too short for a zip archive");
    // The end record is the last 22 bytes plus a comment of up to 64 KiB.
    uint64_t lowest = b.size > 22 + 0xffff ? b.size - 22 - 0xffff : 0;
    uint64_t at = b.size - 22;
    while (true) {
      if (b.le(at, 4) == kEndSig && at + 22 + b.le(at + 20, 2) == b.size)
        break;
      if (at == lowest)
        return fail("no end of central directory record (not a zip archive)");
      --at;
    }
    count = b.le(at + 10, 2);
    cdSize = b.le(at + 12, 4);
    cdOffset = b.le(at + 16, 4);
    if (count == 0xffff || cdSize == 0xffffffff || cdOffset == 0xffffffff) {
      if (at < 20 || b.le(at - 20, 4) != kEnd64LocatorSig)
        return fail("zip64 end record locator missing");
      uint64_t e64 = b.le(at - 20 + 8, 8);
      if (!b.has(e64, 56) || b.le(e64, 4) != kEnd64Sig)
        return fail("zip64 end of central directory record missing");
      count = b.le(e64 + 32, 8);
      cdSize = b.le(e64 + 40, 8);
      cdOffset = b.le(e64 + 48, 8);
    }
    if (!b.has(cdOffset, cdSize))
      return fail("central directory lies outside the file");
    return Status::success();
  }

  /// Reads the central directory entry at `at`, advancing it.
  Result<Member> readEntry(uint64_t &at, uint64_t end) {
    if (at > end || end - at < 46 || b.le(at, 4) != kCentralSig)
      return fail("corrupt central directory");
    Member m;
    m.flags = static_cast<uint16_t>(b.le(at + 8, 2));
    m.method = static_cast<uint16_t>(b.le(at + 10, 2));
    m.crc = static_cast<uint32_t>(b.le(at + 16, 4));
    m.csize = b.le(at + 20, 4);
    m.usize = b.le(at + 24, 4);
    uint64_t nameLen = b.le(at + 28, 2), extraLen = b.le(at + 30, 2),
             commentLen = b.le(at + 32, 2);
    m.offset = b.le(at + 42, 4);
    uint64_t next = at + 46 + nameLen + extraLen + commentLen;
    if (next > end)
      return fail("corrupt central directory");
    m.name.assign(reinterpret_cast<const char *>(b.p + at + 46), nameLen);
    // Zip64 extra field: the 64-bit values of the fields that read 0xffffffff.
    uint64_t x = at + 46 + nameLen, xend = x + extraLen;
    while (x + 4 <= xend) {
      uint64_t id = b.le(x, 2), len = b.le(x + 2, 2);
      if (x + 4 + len > xend)
        return fail("corrupt extra field of member " + m.name);
      if (id == 1) {
        uint64_t f = x + 4, fend = f + len;
        for (uint64_t *v : {&m.usize, &m.csize, &m.offset}) {
          if (*v != 0xffffffff)
            continue;
          if (f + 8 > fend)
            return fail("corrupt zip64 field of member " + m.name);
          *v = b.le(f, 8);
          f += 8;
        }
      }
      x += 4 + len;
    }
    at = next;
    return m;
  }

  /// The uncompressed bytes of a member, CRC-checked.
  Result<std::vector<char>> extract(const Member &m) {
    auto failMember = [&](const std::string &what) {
      return fail("member " + m.name + ": " + what);
    };
    if (m.flags & 1)
      return failMember("is encrypted");
    if (m.method != 0 && m.method != 8)
      return failMember("compression method " + std::to_string(m.method) +
                        " is not supported (only stored and deflated)");
    if (!b.has(m.offset, 30) || b.le(m.offset, 4) != kLocalSig)
      return failMember("local header missing at offset " +
                        std::to_string(m.offset));
    uint64_t data =
        m.offset + 30 + b.le(m.offset + 26, 2) + b.le(m.offset + 28, 2);
    if (!b.has(data, m.csize))
      return failMember("data (" + std::to_string(m.csize) +
                        " bytes) goes past the end of the file");
    // Deflate expands at most about 1032:1; a larger claim is a lie that
    // would make us allocate memory for nothing.
    if (m.method == 0 ? m.usize != m.csize : m.usize / 1032 > m.csize + 1024)
      return failMember("uncompressed size " + std::to_string(m.usize) +
                        " does not match compressed size " +
                        std::to_string(m.csize));
    std::vector<char> out(m.usize);
    if (m.method == 0) {
      if (m.usize)
        std::memcpy(out.data(), b.p + data, m.usize);
    } else if (Status s = inflateRaw(b.p + data, m.csize, out); !s) {
      return failMember(s.message());
    }
    uLong crc = crc32(0L, Z_NULL, 0);
    for (uint64_t done = 0; done < out.size();) {
      uInt n =
          static_cast<uInt>(std::min<uint64_t>(out.size() - done, 1u << 30));
      crc = crc32(crc, reinterpret_cast<const Bytef *>(out.data() + done), n);
      done += n;
    }
    if (static_cast<uint32_t>(crc) != m.crc)
      return failMember("CRC-32 mismatch (corrupt data)");
    return out;
  }

private:
  static Status inflateRaw(const unsigned char *in, uint64_t n,
                           std::vector<char> &out) {
    z_stream zs;
    std::memset(&zs, 0, sizeof(zs));
    if (inflateInit2(&zs, -15) != Z_OK)
      return Status::error("cannot initialize zlib");
    uint64_t inDone = 0, outDone = 0;
    int rc = Z_OK;
    while (rc == Z_OK) {
      zs.next_in = const_cast<Bytef *>(in + inDone);
      zs.avail_in = static_cast<uInt>(std::min<uint64_t>(n - inDone, 1u << 30));
      zs.next_out = reinterpret_cast<Bytef *>(out.data() + outDone);
      zs.avail_out =
          static_cast<uInt>(std::min<uint64_t>(out.size() - outDone, 1u << 30));
      uInt inBefore = zs.avail_in, outBefore = zs.avail_out;
      rc = inflate(&zs, Z_NO_FLUSH);
      inDone += inBefore - zs.avail_in;
      outDone += outBefore - zs.avail_out;
      if (rc == Z_OK && inBefore == zs.avail_in && outBefore == zs.avail_out)
        rc = Z_BUF_ERROR;
    }
    std::string msg = zs.msg ? zs.msg : "";
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
      return Status::error(
          rc == Z_BUF_ERROR
              ? "deflated data is truncated or larger than its stated size"
              : "corrupt deflated data" + (msg.empty() ? "" : ": " + msg));
    if (outDone != out.size())
      return Status::error("deflated data is shorter than its stated size");
    return Status::success();
  }

  Bytes b;
  const std::string &file;
};

void putLE(std::vector<char> &out, uint64_t v, int n) {
  for (int i = 0; i < n; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

} // namespace

Result<NamedTensors> parseNpz(const void *bytes, size_t size,
                              const std::string &name) {
  Reader r({static_cast<const unsigned char *>(bytes), size}, name);
  uint64_t cdOffset, cdSize, count;
  if (Status s = r.findDirectory(cdOffset, cdSize, count); !s)
    return s;
  NamedTensors out;
  std::set<std::string> seen;
  uint64_t at = cdOffset, end = cdOffset + cdSize;
  for (uint64_t i = 0; i < count; ++i) {
    Result<Member> m = r.readEntry(at, end);
    if (!m)
      return m.status();
    const std::string &member = m->name;
    if (member.size() < 4 || member.compare(member.size() - 4, 4, ".npy"))
      return r.fail("member " + member + " is not a .npy file");
    std::string key = member.substr(0, member.size() - 4);
    if (!seen.insert(key).second)
      return r.fail("duplicate member " + member);
    Result<std::vector<char>> data = r.extract(*m);
    if (!data)
      return data.status();
    Result<Tensor> t =
        parseNpy(data->data(), data->size(), name + ":" + member);
    if (!t)
      return t.status();
    out.emplace_back(std::move(key), std::move(*t));
  }
  return out;
}

Result<NamedTensors> readNpz(const std::string &path) {
  Result<std::vector<char>> bytes = readWholeFile(path);
  if (!bytes)
    return bytes.status();
  return parseNpz(bytes->data(), bytes->size(), path);
}

Result<std::vector<char>> serializeNpz(const NamedTensors &entries) {
  std::vector<char> out, central;
  std::set<std::string> names;
  if (entries.size() >= 0xffff)
    return Status::error("too many arrays for a zip archive without zip64");
  for (const auto &[name, t] : entries) {
    if (!names.insert(name).second)
      return Status::error("duplicate array name '" + name + "'");
    Result<std::vector<char>> npy = serializeNpy(t);
    if (!npy)
      return Status::error("array '" + name + "': " + npy.message());
    std::string member = name + ".npy";
    if (member.size() > 0xffff)
      return Status::error("array name '" + name + "' is too long");
    bool utf8 = false;
    for (char c : member)
      utf8 |= static_cast<unsigned char>(c) >= 0x80;
    uint64_t offset = out.size(), size = npy->size();
    if (offset + 30 + member.size() + size >= 0xffffffff)
      return Status::error("archive exceeds 4 GiB (zip64 is not written)");
    uint32_t crc = 0;
    for (uint64_t done = 0; done < size;) {
      uInt n = static_cast<uInt>(std::min<uint64_t>(size - done, 1u << 30));
      crc = static_cast<uint32_t>(
          crc32(crc, reinterpret_cast<const Bytef *>(npy->data() + done), n));
      done += n;
    }
    // Version 2.0, flags (bit 11: UTF-8 name), stored, 1980-01-01 00:00.
    auto common = [&](std::vector<char> &v) {
      putLE(v, 20, 2);
      putLE(v, utf8 ? 0x800 : 0, 2);
      putLE(v, 0, 2);
      putLE(v, 0, 2);
      putLE(v, 0x21, 2);
      putLE(v, crc, 4);
      putLE(v, size, 4);
      putLE(v, size, 4);
      putLE(v, member.size(), 2);
      putLE(v, 0, 2);
    };
    putLE(out, kLocalSig, 4);
    common(out);
    out.insert(out.end(), member.begin(), member.end());
    out.insert(out.end(), npy->begin(), npy->end());
    putLE(central, kCentralSig, 4);
    putLE(central, 20, 2); // made by
    common(central);
    putLE(central, 0, 2); // comment
    putLE(central, 0, 2); // disk
    putLE(central, 0, 2); // internal attributes
    putLE(central, 0, 4); // external attributes
    putLE(central, offset, 4);
    central.insert(central.end(), member.begin(), member.end());
  }
  uint64_t cdOffset = out.size();
  if (cdOffset + central.size() >= 0xffffffff)
    return Status::error("archive exceeds 4 GiB (zip64 is not written)");
  out.insert(out.end(), central.begin(), central.end());
  putLE(out, kEndSig, 4);
  putLE(out, 0, 2);
  putLE(out, 0, 2);
  putLE(out, entries.size(), 2);
  putLE(out, entries.size(), 2);
  putLE(out, central.size(), 4);
  putLE(out, cdOffset, 4);
  putLE(out, 0, 2);
  return out;
}

Status writeNpz(const std::string &path, const NamedTensors &entries) {
  Result<std::vector<char>> bytes = serializeNpz(entries);
  if (!bytes)
    return Status::error(path + ": " + bytes.message());
  return writeFileAtomic(path, bytes->data(), bytes->size());
}

} // namespace nxrt
