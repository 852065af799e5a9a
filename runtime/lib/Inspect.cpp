//===- Inspect.cpp - Printing tensors the way Nx does ---------------------===//
//
// This file implements nxrt::inspect. The layout follows Nx's Inspect
// implementation (one bracket level per dimension, two spaces of indentation
// per level, the innermost dimension on one line). Floats follow Erlang's
// shortest round-trip formatting (io_lib_format:fwrite_g/1), which Elixir
// uses: the shortest digits that read back to the same double, written in
// plain notation unless scientific notation is shorter.
//
//===----------------------------------------------------------------------===//

#include "nxrt/Inspect.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace nxrt {

namespace {

/// Places `digits` (value = digits * 10^place) the way Erlang's
/// io_lib_format:insert_decimal/3 does.
std::string insertDecimal(int place, const std::string &digits, double abs) {
  int len = static_cast<int>(digits.size());
  int exp = place + len - 1;
  std::string expStr = std::to_string(exp);
  int expCost = static_cast<int>(expStr.size()) + 2;
  auto scientific = [&] {
    if (len == 1)
      return digits + ".0e" + expStr;
    return digits.substr(0, 1) + "." + digits.substr(1) + "e" + expStr;
  };
  if (place < 0) {
    if (exp >= 0)
      return digits.substr(0, len + place) + "." + digits.substr(len + place);
    if (2 - place - len <= expCost)
      return "0." + std::string(-place - len, '0') + digits;
    return scientific();
  }
  int dot = len == 1 ? 1 : 0;
  if (expCost + dot >= place + 2 && abs < 9007199254740992.0 /* 2^53 */)
    return digits + std::string(place, '0') + ".0";
  return scientific();
}

double halfToDouble(uint16_t h) {
  int sign = h >> 15, exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
  double v;
  if (exp == 0)
    v = std::ldexp(frac, -24);
  else if (exp == 31)
    v = frac ? NAN : INFINITY;
  else
    v = std::ldexp(frac | 0x400, exp - 25);
  return sign ? -v : v;
}

double bf16ToDouble(uint16_t b) {
  uint32_t bits = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

template <typename T> T load(const unsigned char *p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

std::string formatElement(DType dtype, const unsigned char *p) {
  switch (dtype) {
  case DType::pred:
  case DType::u8:
    return std::to_string(load<uint8_t>(p));
  case DType::s8:
    return std::to_string(load<int8_t>(p));
  case DType::s16:
    return std::to_string(load<int16_t>(p));
  case DType::u16:
    return std::to_string(load<uint16_t>(p));
  case DType::s32:
    return std::to_string(load<int32_t>(p));
  case DType::u32:
    return std::to_string(load<uint32_t>(p));
  case DType::s64:
    return std::to_string(load<int64_t>(p));
  case DType::u64:
    return std::to_string(load<uint64_t>(p));
  case DType::f16:
    return formatFloat(halfToDouble(load<uint16_t>(p)));
  case DType::bf16:
    return formatFloat(bf16ToDouble(load<uint16_t>(p)));
  case DType::f32:
    return formatFloat(load<float>(p));
  case DType::f64:
    return formatFloat(load<double>(p));
  }
  return "?";
}

/// Appends dimension `level` of the block starting at `p`, indented by
/// `indent` spaces.
void renderLevel(const Tensor &t, size_t level, const unsigned char *p,
                 size_t indent, std::string &out) {
  const Shape &shape = t.shape();
  size_t elem = dtypeSize(t.dtype());
  int64_t n = shape[level];
  out.append(indent, ' ');
  if (level + 1 == shape.size()) {
    out += '[';
    for (int64_t i = 0; i < n; ++i) {
      if (i)
        out += ", ";
      out += formatElement(t.dtype(), p + i * elem);
    }
    out += ']';
    return;
  }
  if (n == 0) {
    out += "[]";
    return;
  }
  Shape inner(shape.begin() + level + 1, shape.end());
  size_t stride = static_cast<size_t>(shapeNumel(inner)) * elem;
  out += "[\n";
  for (int64_t i = 0; i < n; ++i) {
    renderLevel(t, level + 1, p + i * stride, indent + 2, out);
    out += i + 1 < n ? ",\n" : "\n";
  }
  out.append(indent, ' ');
  out += ']';
}

} // namespace

std::string formatFloat(double value) {
  if (std::isnan(value))
    return "NaN";
  if (std::isinf(value))
    return value < 0 ? "-Inf" : "Inf";
  if (value == 0)
    return std::signbit(value) ? "-0.0" : "0.0";
  // Shortest round-trip digits, from the scientific form "d.ddde[+-]xx".
  char buf[64];
  std::to_chars_result r = std::to_chars(
      buf, buf + sizeof(buf), std::fabs(value), std::chars_format::scientific);
  std::string sci(buf, r.ptr);
  size_t e = sci.find('e');
  std::string digits;
  for (size_t i = 0; i < e; ++i)
    if (sci[i] != '.')
      digits += sci[i];
  int exp = std::atoi(sci.c_str() + e + 1);
  int place = exp - static_cast<int>(digits.size()) + 1;
  std::string s = insertDecimal(place, digits, std::fabs(value));
  return value < 0 ? "-" + s : s;
}

std::string inspect(const Tensor &tensor) {
  if (tensor.isNull())
    return "#Nx.Tensor<null>";
  std::string out =
      "#Nx.Tensor<\n  " + formatType(tensor.dtype(), tensor.shape()) + "\n";
  const auto *p = tensor.data<const unsigned char>();
  if (tensor.rank() == 0) {
    out += "  " + formatElement(tensor.dtype(), p);
  } else if (tensor.numel() > 0 && !p) {
    out += "  (no data)";
  } else {
    renderLevel(tensor, 0, p, 2, out);
  }
  return out + "\n>";
}

} // namespace nxrt
