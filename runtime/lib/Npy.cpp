//===- Npy.cpp - NumPy .npy file reading and writing ----------------------===//
//
// This file implements the `.npy` format: the magic string and version, the
// header length (2 bytes in 1.0, 4 bytes in 2.0/3.0), the header (a Python
// dict literal with 'descr', 'fortran_order' and 'shape'), then the raw
// little-endian data in C order. Every malformed or truncated input yields an
// error naming the file; nothing here reads past the bytes it was given.
//
//===----------------------------------------------------------------------===//

#include "nxrt/Npy.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>

namespace nxrt {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicLen = 6;

/// A cursor over the header dict text.
class HeaderParser {
public:
  HeaderParser(std::string_view text) : text(text) {}

  void skipSpace() {
    while (pos < text.size() &&
           std::isspace(static_cast<unsigned char>(text[pos])))
      ++pos;
  }
  bool consume(char c) {
    skipSpace();
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool peek(char c) {
    skipSpace();
    return pos < text.size() && text[pos] == c;
  }
  std::optional<std::string> parseString() {
    skipSpace();
    if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
      return std::nullopt;
    char quote = text[pos++];
    size_t end = text.find(quote, pos);
    if (end == std::string_view::npos)
      return std::nullopt;
    std::string s(text.substr(pos, end - pos));
    pos = end + 1;
    return s;
  }
  std::optional<bool> parseBool() {
    skipSpace();
    for (auto [word, value] :
         {std::pair{"True", true}, std::pair{"False", false}}) {
      size_t n = std::strlen(word);
      if (text.substr(pos, n) == word) {
        pos += n;
        return value;
      }
    }
    return std::nullopt;
  }
  std::optional<int64_t> parseInt() {
    skipSpace();
    size_t start = pos;
    int64_t v = 0;
    while (pos < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[pos]))) {
      int digit = text[pos++] - '0';
      if (v > (std::numeric_limits<int64_t>::max() - digit) / 10)
        return std::nullopt;
      v = v * 10 + digit;
    }
    if (pos == start)
      return std::nullopt;
    if (pos < text.size() && text[pos] == 'L') // Python 2 long
      ++pos;
    return v;
  }
  /// A tuple of non-negative integers: `()`, `(3,)`, `(2, 3)`.
  std::optional<Shape> parseShape() {
    if (!consume('('))
      return std::nullopt;
    Shape shape;
    while (!consume(')')) {
      std::optional<int64_t> d = parseInt();
      if (!d)
        return std::nullopt;
      shape.push_back(*d);
      if (!consume(',') && !peek(')'))
        return std::nullopt;
    }
    return shape;
  }

private:
  std::string_view text;
  size_t pos = 0;
};

struct Header {
  std::string descr;
  bool fortranOrder = false;
  Shape shape;
};

Result<Header> parseHeader(std::string_view text, const std::string &name) {
  auto fail = [&](const std::string &what) {
    return Status::error(name + ": malformed .npy header: " + what);
  };
  HeaderParser p(text);
  Header h;
  bool sawDescr = false, sawOrder = false, sawShape = false;
  if (!p.consume('{'))
    return fail("expected '{'");
  while (!p.consume('}')) {
    std::optional<std::string> key = p.parseString();
    if (!key)
      return fail("expected a quoted key");
    if (!p.consume(':'))
      return fail("expected ':' after '" + *key + "'");
    if (*key == "descr") {
      std::optional<std::string> d = p.parseString();
      if (!d)
        return fail(
            "'descr' is not a string (structured dtypes are not supported)");
      h.descr = *d;
      sawDescr = true;
    } else if (*key == "fortran_order") {
      std::optional<bool> b = p.parseBool();
      if (!b)
        return fail("'fortran_order' is not True or False");
      h.fortranOrder = *b;
      sawOrder = true;
    } else if (*key == "shape") {
      std::optional<Shape> s = p.parseShape();
      if (!s)
        return fail("'shape' is not a tuple of non-negative integers");
      h.shape = *s;
      sawShape = true;
    } else {
      return fail("unexpected key '" + *key + "'");
    }
    if (!p.consume(',') && !p.peek('}'))
      return fail("expected ',' or '}'");
  }
  if (!sawDescr || !sawOrder || !sawShape)
    return fail("missing 'descr', 'fortran_order' or 'shape'");
  return h;
}

uint32_t readLE(const unsigned char *p, size_t n) {
  uint32_t v = 0;
  for (size_t i = 0; i < n; ++i)
    v |= static_cast<uint32_t>(p[i]) << (8 * i);
  return v;
}

std::string shapeTuple(const Shape &shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1)
    s += ",";
  return s + ")";
}

} // namespace

namespace {

/// Checks the magic string and version in the first 8 bytes and returns the
/// number of bytes of the header length field that follows (2 or 4).
Result<size_t> parseVersion(const unsigned char *b, size_t size,
                            const std::string &name) {
  if (size < kMagicLen + 2 || std::memcmp(b, kMagic, kMagicLen) != 0)
    return Status::error(name + ": not a .npy file (bad magic string)");
  unsigned major = b[6], minor = b[7];
  if ((major != 1 && major != 2 && major != 3) || minor != 0)
    return Status::error(name + ": unsupported .npy format version " +
                         std::to_string(major) + "." + std::to_string(minor));
  return size_t(major == 1 ? 2 : 4);
}

Status truncatedHeader(const std::string &name, size_t headerLen, size_t have) {
  return Status::error(name + ": truncated .npy file: header of " +
                       std::to_string(headerLen) + " bytes, file has " +
                       std::to_string(have));
}

/// Parses the header dict and allocates the (zeroed) tensor it describes.
Result<Tensor> tensorFromHeader(std::string_view text, const std::string &name,
                                std::string &descr) {
  Result<Header> h = parseHeader(text, name);
  if (!h)
    return h.status();
  if (h->fortranOrder)
    return Status::error(name +
                         ": Fortran-order arrays are not supported "
                         "(save a C-order array, e.g. np.ascontiguousarray)");
  std::optional<DType> dtype = dtypeFromNpyDescr(h->descr);
  if (!dtype)
    return Status::error(name + ": unsupported .npy dtype '" + h->descr +
                         "' (expected little-endian bool, int, uint or float)");
  if (shapeNumel(h->shape) < 0)
    return Status::error(name + ": shape " + shapeTuple(h->shape) +
                         " is too large");
  Result<Tensor> t = Tensor::empty(*dtype, h->shape);
  if (!t)
    return Status::error(name + ": " + t.message());
  descr = h->descr;
  return t;
}

Status truncatedData(const std::string &name, const Tensor &t,
                     const std::string &descr, size_t have) {
  return Status::error(name + ": truncated .npy file: shape " +
                       shapeTuple(t.shape()) + " of " + descr + " needs " +
                       std::to_string(t.nbytes()) + " data bytes, file has " +
                       std::to_string(have));
}

/// Reads up to `n` bytes; returns how many were read.
size_t readUpTo(std::FILE *f, void *buf, size_t n) {
  return n ? std::fread(buf, 1, n, f) : 0;
}

Result<Tensor> readOpenNpy(std::FILE *f, const std::string &path) {
  unsigned char pre[kMagicLen + 2 + 4];
  size_t got = readUpTo(f, pre, kMagicLen + 2);
  Result<size_t> lenBytes = parseVersion(pre, got, path);
  if (!lenBytes)
    return lenBytes.status();
  if (readUpTo(f, pre + kMagicLen + 2, *lenBytes) != *lenBytes)
    return Status::error(path + ": truncated .npy file (no header length)");
  size_t headerLen = readLE(pre + kMagicLen + 2, *lenBytes);
  std::string header(headerLen, '\0');
  size_t haveHeader = readUpTo(f, header.data(), headerLen);
  if (haveHeader != headerLen)
    return truncatedHeader(path, headerLen, haveHeader);
  std::string descr;
  Result<Tensor> t = tensorFromHeader(header, path, descr);
  if (!t)
    return t;
  size_t have = readUpTo(f, t->rawData(), t->nbytes());
  if (std::ferror(f))
    return Status::error(path + ": read error");
  if (have != t->nbytes())
    return truncatedData(path, *t, descr, have);
  return t;
}

} // namespace

Result<Tensor> parseNpy(const void *bytes, size_t size,
                        const std::string &name) {
  const auto *b = static_cast<const unsigned char *>(bytes);
  Result<size_t> lenBytes = parseVersion(b, size, name);
  if (!lenBytes)
    return lenBytes.status();
  size_t pre = kMagicLen + 2 + *lenBytes;
  if (size < pre)
    return Status::error(name + ": truncated .npy file (no header length)");
  size_t headerLen = readLE(b + kMagicLen + 2, *lenBytes);
  if (size - pre < headerLen)
    return truncatedHeader(name, headerLen, size - pre);
  std::string_view text(reinterpret_cast<const char *>(b + pre), headerLen);
  std::string descr;
  Result<Tensor> t = tensorFromHeader(text, name, descr);
  if (!t)
    return t;
  size_t dataBytes = size - pre - headerLen;
  if (dataBytes < t->nbytes())
    return truncatedData(name, *t, descr, dataBytes);
  if (t->nbytes())
    std::memcpy(t->rawData(), b + pre + headerLen, t->nbytes());
  return t;
}

Result<Tensor> readNpy(const std::string &path) {
  // Read the header, then the data straight into the tensor's buffer.
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f)
    return Status::error(path + ": cannot open: " + std::strerror(errno));
  Result<Tensor> t = readOpenNpy(f, path);
  std::fclose(f);
  return t;
}

Result<std::vector<char>> serializeNpy(const Tensor &tensor) {
  if (tensor.isNull())
    return Status::error("cannot write a null tensor as .npy");
  const char *descr = npyDescr(tensor.dtype());
  if (!descr)
    return Status::error(std::string("dtype ") + dtypeName(tensor.dtype()) +
                         " has no .npy representation");
  if (tensor.nbytes() && !tensor.rawData())
    return Status::error("cannot write a tensor without data as .npy");
  std::string dict =
      std::string("{'descr': '") + descr +
      "', 'fortran_order': False, 'shape': " + shapeTuple(tensor.shape()) +
      ", }";
  // Pad with spaces so that the data starts 64-byte aligned, then '\n'.
  size_t lenBytes = 2, major = 1;
  size_t total = kMagicLen + 2 + lenBytes + dict.size() + 1;
  if ((total + 63) / 64 * 64 - kMagicLen - 2 - lenBytes > 0xffff) {
    lenBytes = 4;
    major = 2;
    total = kMagicLen + 2 + lenBytes + dict.size() + 1;
  }
  size_t padded = (total + 63) / 64 * 64;
  dict.append(padded - total, ' ');
  dict += '\n';
  size_t headerLen = dict.size();

  std::vector<char> out(kMagic, kMagic + kMagicLen);
  out.push_back(static_cast<char>(major));
  out.push_back(0);
  for (size_t i = 0; i < lenBytes; ++i)
    out.push_back(static_cast<char>((headerLen >> (8 * i)) & 0xff));
  out.insert(out.end(), dict.begin(), dict.end());
  const char *data = tensor.data<char>();
  out.insert(out.end(), data, data + tensor.nbytes());
  return out;
}

Status writeNpy(const std::string &path, const Tensor &tensor) {
  Result<std::vector<char>> bytes = serializeNpy(tensor);
  if (!bytes)
    return Status::error(path + ": " + bytes.message());
  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (!f)
    return Status::error(path +
                         ": cannot open for writing: " + std::strerror(errno));
  size_t n = std::fwrite(bytes->data(), 1, bytes->size(), f);
  bool bad = n != bytes->size() || std::ferror(f);
  if (std::fclose(f) != 0 || bad)
    return Status::error(path + ": write error");
  return Status::success();
}

} // namespace nxrt
