//===- Json.h - A small strict JSON reader and string escaper ---*- C++ -*-===//
//
// This file declares the internal JSON support of libnxrt (not installed):
// a strict RFC 8259 parser into a JsonValue tree that keeps object members in
// file order, with a nesting limit so that hostile input cannot exhaust the
// stack, and the string escaping the safetensors writer needs.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_LIB_JSON_H
#define NXRT_LIB_JSON_H

#include "nxrt/Status.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nxrt::json {

/// A parsed JSON value. Numbers keep their text; asUInt converts them.
struct Value {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool boolean = false;
  std::string text; // a string's contents, or a number's literal text
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> members; // in file order

  bool isObject() const { return kind == Kind::object; }
  bool isArray() const { return kind == Kind::array; }
  bool isString() const { return kind == Kind::string; }
};

/// Parses one JSON value followed only by whitespace. Errors say what was
/// expected and the byte offset ("expected ':' at byte 12").
Result<Value> parse(std::string_view text);

/// The value of a number that is a plain non-negative integer (no sign,
/// fraction or exponent) fitting in uint64_t; std::nullopt otherwise.
std::optional<uint64_t> asUInt(const Value &v);

/// `s` as a quoted JSON string literal.
std::string quote(std::string_view s);

/// A short description of a value's kind for messages ("a string").
const char *kindName(const Value &v);

} // namespace nxrt::json

#endif // NXRT_LIB_JSON_H
