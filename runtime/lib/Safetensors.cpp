//===- Safetensors.cpp - safetensors file reading and writing -------------===//
//
// This file implements the safetensors format: the little-endian u64 header
// size, the JSON header (parsed with the strict reader of Json.h), and the
// data section. The reader checks everything the reference implementation
// checks (header size within the file and at most 100 MB, known dtypes,
// shape times element size equal to the byte range, ranges within the data,
// sorted ranges tiling the data with neither overlaps nor gaps) and reports
// the first problem with the file and tensor name; it never reads outside
// the bytes it was given. readSafetensors reads the header, validates it
// against the file's size, then reads each tensor into its own buffer. The
// writer lays the data out in the given order.
//
//===----------------------------------------------------------------------===//

#include "nxrt/Safetensors.h"

#include "FileIO.h"
#include "Json.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace nxrt {

namespace {

constexpr uint64_t kMaxHeaderSize = 100'000'000;

struct STDType {
  const char *name;
  DType dtype;
};

constexpr STDType kSTDTypes[] = {
    {"F64", DType::f64},   {"F32", DType::f32}, {"F16", DType::f16},
    {"BF16", DType::bf16}, {"I64", DType::s64}, {"I32", DType::s32},
    {"I16", DType::s16},   {"I8", DType::s8},   {"U64", DType::u64},
    {"U32", DType::u32},   {"U16", DType::u16}, {"U8", DType::u8},
    {"BOOL", DType::pred},
};

/// safetensors dtypes that exist but have no nxrt dtype.
constexpr const char *kUnsupported[] = {
    "F8_E4M3", "F8_E5M2", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4", "C64", "C128"};

/// A validated header entry.
struct Entry {
  std::string name;
  DType dtype;
  Shape shape;
  uint64_t begin, end;
};

/// Bytes of a tensor of `shape`, or std::nullopt on overflow.
std::optional<uint64_t> byteSize(DType dtype, const Shape &shape) {
  int64_t n = shapeNumel(shape);
  if (n < 0)
    return std::nullopt;
  uint64_t elems = static_cast<uint64_t>(n), size = dtypeSize(dtype);
  if (elems > UINT64_MAX / size)
    return std::nullopt;
  return elems * size;
}

std::string shapeText(const Shape &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

class HeaderReader {
public:
  HeaderReader(const std::string &file, uint64_t dataSize)
      : file(file), dataSize(dataSize) {}

  Status fail(const std::string &what) {
    return Status::error(file + ": invalid safetensors file: " + what);
  }
  Status failTensor(const std::string &name, const std::string &what) {
    return fail("tensor " + json::quote(name) + ": " + what);
  }

  Status readMetadata(const json::Value &v, Metadata *out) {
    if (!v.isObject())
      return fail("\"__metadata__\" is " + std::string(json::kindName(v)) +
                  ", expected an object of strings");
    for (const auto &[key, value] : v.members) {
      if (!value.isString())
        return fail("\"__metadata__\" entry " + json::quote(key) + " is " +
                    json::kindName(value) + ", expected a string");
      if (out)
        out->emplace_back(key, value.text);
    }
    return Status::success();
  }

  Result<DType> readDType(const std::string &name, const json::Value &v) {
    if (!v.isString())
      return failTensor(name, "\"dtype\" is " + std::string(json::kindName(v)) +
                                  ", expected a string");
    for (const STDType &t : kSTDTypes)
      if (v.text == t.name)
        return t.dtype;
    for (const char *u : kUnsupported)
      if (v.text == u)
        return failTensor(name, "dtype " + v.text +
                                    " is not supported (nxc has no such type)");
    return failTensor(name, "unknown dtype " + json::quote(v.text));
  }

  Result<Entry> readEntry(const std::string &name, const json::Value &v) {
    if (!v.isObject())
      return failTensor(name, std::string("is ") + json::kindName(v) +
                                  ", expected an object");
    const json::Value *dtype = nullptr, *shape = nullptr, *offsets = nullptr;
    for (const auto &[key, value] : v.members) {
      const json::Value **slot = key == "dtype"          ? &dtype
                                 : key == "shape"        ? &shape
                                 : key == "data_offsets" ? &offsets
                                                         : nullptr;
      if (!slot)
        return failTensor(name, "unexpected key " + json::quote(key));
      if (*slot)
        return failTensor(name, "duplicate key " + json::quote(key));
      *slot = &value;
    }
    if (!dtype || !shape || !offsets)
      return failTensor(name, std::string("missing \"") +
                                  (!dtype   ? "dtype"
                                   : !shape ? "shape"
                                            : "data_offsets") +
                                  "\"");
    Entry e;
    e.name = name;
    Result<DType> d = readDType(name, *dtype);
    if (!d)
      return d.status();
    e.dtype = *d;
    if (!shape->isArray())
      return failTensor(name, "\"shape\" is not an array");
    for (const json::Value &dim : shape->items) {
      std::optional<uint64_t> n = json::asUInt(dim);
      if (!n || *n > static_cast<uint64_t>(INT64_MAX))
        return failTensor(name, "\"shape\" has an entry that is not a "
                                "non-negative integer");
      e.shape.push_back(static_cast<int64_t>(*n));
    }
    if (!offsets->isArray() || offsets->items.size() != 2)
      return failTensor(name, "\"data_offsets\" is not an array [begin, end]");
    std::optional<uint64_t> b = json::asUInt(offsets->items[0]);
    std::optional<uint64_t> en = json::asUInt(offsets->items[1]);
    if (!b || !en)
      return failTensor(name, "\"data_offsets\" are not non-negative integers");
    e.begin = *b;
    e.end = *en;
    if (e.begin > e.end)
      return failTensor(name, "data_offsets [" + std::to_string(e.begin) +
                                  ", " + std::to_string(e.end) +
                                  "] end before they begin");
    if (e.end > dataSize)
      return failTensor(name, "data_offsets [" + std::to_string(e.begin) +
                                  ", " + std::to_string(e.end) +
                                  "] go past the end of the data (" +
                                  std::to_string(dataSize) + " bytes)");
    std::optional<uint64_t> size = byteSize(e.dtype, e.shape);
    if (!size)
      return failTensor(name, "shape " + shapeText(e.shape) + " is too large");
    if (*size != e.end - e.begin)
      return failTensor(
          name, "shape " + shapeText(e.shape) + " of " + dtype->text +
                    " needs " + std::to_string(*size) + " bytes, but " +
                    "data_offsets give " + std::to_string(e.end - e.begin));
    return e;
  }

  /// Checks that the ranges, sorted, tile [0, dataSize) exactly.
  Status checkLayout(const std::vector<Entry> &entries) {
    std::vector<const Entry *> sorted;
    for (const Entry &e : entries)
      sorted.push_back(&e);
    std::sort(sorted.begin(), sorted.end(), [](const Entry *a, const Entry *b) {
      return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    uint64_t at = 0;
    const Entry *prev = nullptr;
    for (const Entry *e : sorted) {
      if (e->begin < at)
        return fail("tensors " + json::quote(prev->name) + " and " +
                    json::quote(e->name) + " overlap (bytes " +
                    std::to_string(e->begin) + " to " + std::to_string(at) +
                    ")");
      if (e->begin > at)
        return fail("bytes " + std::to_string(at) + " to " +
                    std::to_string(e->begin) +
                    " of the data belong to no tensor");
      at = e->end;
      prev = e;
    }
    if (at != dataSize)
      return fail(std::to_string(dataSize - at) +
                  " bytes after the last tensor's data belong to no tensor");
    return Status::success();
  }

private:
  const std::string &file;
  uint64_t dataSize;
};

} // namespace

const char *safetensorsDType(DType dtype) {
  for (const STDType &t : kSTDTypes)
    if (t.dtype == dtype)
      return t.name;
  return "?";
}

namespace {

Status invalid(const std::string &name, const std::string &what) {
  return Status::error(name + ": invalid safetensors file: " + what);
}

/// Checks the header size read from the first 8 bytes of a file of `size`
/// bytes (at least 8) before anything is allocated for it.
Status checkHeaderSize(uint64_t size, uint64_t headerSize,
                       const std::string &name) {
  if (headerSize > size - 8)
    return invalid(name, "header size " + std::to_string(headerSize) +
                             " exceeds the " + std::to_string(size - 8) +
                             " bytes that follow it (truncated or not "
                             "safetensors)");
  if (headerSize > kMaxHeaderSize)
    return invalid(name, "header size " + std::to_string(headerSize) +
                             " exceeds the limit of 100000000 bytes");
  return Status::success();
}

uint64_t readU64LE(const unsigned char *b) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<uint64_t>(b[i]) << (8 * i);
  return v;
}

/// Parses and validates the JSON header against a data section of
/// `dataSize` bytes.
Result<std::vector<Entry>> parseHeader(std::string_view text, uint64_t dataSize,
                                       const std::string &name,
                                       Metadata &meta) {
  if (text.size() < 2 || text[0] != '{')
    return invalid(name, "the header does not start with a JSON object");
  Result<json::Value> header = json::parse(text);
  if (!header)
    return invalid(name, "malformed JSON header: " + header.message());
  if (!header->isObject())
    return invalid(name, "the header is not a JSON object");
  HeaderReader reader(name, dataSize);
  std::vector<Entry> entries;
  std::set<std::string> seen;
  for (const auto &[key, value] : header->members) {
    if (!seen.insert(key).second)
      return invalid(name,
                     "duplicate name " + json::quote(key) + " in the header");
    if (key == "__metadata__") {
      if (Status s = reader.readMetadata(value, &meta); !s)
        return s;
      continue;
    }
    Result<Entry> e = reader.readEntry(key, value);
    if (!e)
      return e.status();
    entries.push_back(std::move(*e));
  }
  if (Status s = reader.checkLayout(entries); !s)
    return s;
  return entries;
}

/// Reads exactly `n` bytes at `offset`; false on error or end of file.
bool preadAll(int fd, void *dst, uint64_t n, uint64_t offset) {
  auto *p = static_cast<char *>(dst);
  while (n) {
    ssize_t got = ::pread(fd, p, std::min<uint64_t>(n, 1u << 30),
                          static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return false;
    p += got;
    n -= static_cast<uint64_t>(got);
    offset += static_cast<uint64_t>(got);
  }
  return true;
}

/// Reads the tensors of a validated header, each straight into its buffer.
Result<NamedTensors> readEntries(int fd, uint64_t dataStart,
                                 const std::vector<Entry> &entries,
                                 const std::string &path) {
  NamedTensors out;
  out.reserve(entries.size());
  for (const Entry &e : entries) {
    Result<Tensor> t = Tensor::empty(e.dtype, e.shape);
    if (!t)
      return invalid(path,
                     "tensor " + json::quote(e.name) + ": " + t.message());
    if (!preadAll(fd, t->rawData(), t->nbytes(), dataStart + e.begin))
      return Status::error(path +
                           ": read error (or the file shrank) at "
                           "tensor " +
                           json::quote(e.name));
    out.emplace_back(e.name, std::move(*t));
  }
  return out;
}

} // namespace

Result<NamedTensors> parseSafetensors(const void *bytes, size_t size,
                                      const std::string &name,
                                      Metadata *metadata) {
  const auto *b = static_cast<const unsigned char *>(bytes);
  if (size < 8)
    return invalid(name, "truncated: " + std::to_string(size) +
                             " bytes, the header size alone takes 8");
  uint64_t headerSize = readU64LE(b);
  if (Status s = checkHeaderSize(size, headerSize, name); !s)
    return s;
  std::string_view text(reinterpret_cast<const char *>(b + 8), headerSize);
  Metadata meta;
  Result<std::vector<Entry>> entries =
      parseHeader(text, size - 8 - headerSize, name, meta);
  if (!entries)
    return entries.status();
  const unsigned char *data = b + 8 + headerSize;
  NamedTensors out;
  out.reserve(entries->size());
  for (const Entry &e : *entries) {
    Result<Tensor> t = Tensor::empty(e.dtype, e.shape);
    if (!t)
      return invalid(name,
                     "tensor " + json::quote(e.name) + ": " + t.message());
    if (t->nbytes())
      std::memcpy(t->rawData(), data + e.begin, t->nbytes());
    out.emplace_back(e.name, std::move(*t));
  }
  if (metadata)
    *metadata = std::move(meta);
  return out;
}

Result<NamedTensors> readSafetensors(const std::string &path,
                                     Metadata *metadata) {
  // Read the header, then each tensor straight into its own buffer, so the
  // peak memory is the checkpoint's size, not twice it.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Status::error(path + ": cannot open: " + std::strerror(errno));
  auto run = [&]() -> Result<NamedTensors> {
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
      return Status::error(path + ": not a regular file");
    uint64_t size = static_cast<uint64_t>(st.st_size);
    unsigned char prefix[8];
    if (size < 8 || !preadAll(fd, prefix, 8, 0))
      return invalid(path, "truncated: " + std::to_string(size) +
                               " bytes, the header size alone takes 8");
    uint64_t headerSize = readU64LE(prefix);
    if (Status s = checkHeaderSize(size, headerSize, path); !s)
      return s;
    std::string text(headerSize, '\0');
    if (!preadAll(fd, text.data(), headerSize, 8))
      return Status::error(path + ": read error in the header");
    Metadata meta;
    Result<std::vector<Entry>> entries =
        parseHeader(text, size - 8 - headerSize, path, meta);
    if (!entries)
      return entries.status();
    Result<NamedTensors> out = readEntries(fd, 8 + headerSize, *entries, path);
    if (out && metadata)
      *metadata = std::move(meta);
    return out;
  };
  Result<NamedTensors> out = run();
  ::close(fd);
  return out;
}

Result<std::vector<char>> serializeSafetensors(const NamedTensors &entries,
                                               const Metadata &metadata) {
  std::set<std::string> names;
  std::string header = "{";
  if (!metadata.empty()) {
    header += "\"__metadata__\":{";
    for (size_t i = 0; i < metadata.size(); ++i)
      header += (i ? "," : "") + json::quote(metadata[i].first) + ":" +
                json::quote(metadata[i].second);
    header += "}";
  }
  uint64_t offset = 0;
  for (const auto &[name, t] : entries) {
    if (name == "__metadata__")
      return Status::error("a tensor cannot be named \"__metadata__\"");
    if (!names.insert(name).second)
      return Status::error("duplicate tensor name " + json::quote(name));
    if (t.isNull())
      return Status::error("tensor " + json::quote(name) + " is null");
    if (t.nbytes() && !t.rawData())
      return Status::error("tensor " + json::quote(name) + " has no data");
    if (header.size() > 1)
      header += ",";
    header += json::quote(name) + ":{\"dtype\":\"" +
              safetensorsDType(t.dtype()) + "\",\"shape\":[";
    for (size_t i = 0; i < t.shape().size(); ++i)
      header += (i ? "," : "") + std::to_string(t.shape()[i]);
    header += "],\"data_offsets\":[" + std::to_string(offset) + "," +
              std::to_string(offset + t.nbytes()) + "]}";
    offset += t.nbytes();
  }
  header += "}";
  header.append((8 - header.size() % 8) % 8, ' ');

  std::vector<char> out;
  out.reserve(8 + header.size() + offset);
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i)
    out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  out.insert(out.end(), header.begin(), header.end());
  for (const auto &entry : entries) {
    const char *p = entry.second.data<char>();
    out.insert(out.end(), p, p + entry.second.nbytes());
  }
  return out;
}

Status writeSafetensors(const std::string &path, const NamedTensors &entries,
                        const Metadata &metadata) {
  Result<std::vector<char>> bytes = serializeSafetensors(entries, metadata);
  if (!bytes)
    return Status::error(path + ": " + bytes.message());
  return writeFileAtomic(path, bytes->data(), bytes->size());
}

} // namespace nxrt
