//===- Json.cpp - A small strict JSON reader and string escaper -----------===//
//
// This file implements a recursive-descent JSON parser (RFC 8259: no
// comments, no trailing commas, escapes including surrogate pairs decoded to
// UTF-8) that never reads past its input and refuses nesting deeper than
// kMaxDepth, and JSON string quoting.
//
//===----------------------------------------------------------------------===//

#include "Json.h"

#include <cstdio>

namespace nxrt::json {

namespace {

constexpr int kMaxDepth = 64;

class Parser {
public:
  explicit Parser(std::string_view text) : text(text) {}

  Result<Value> parseDocument() {
    Value v;
    if (!parseValue(v, 0))
      return Status::error(error);
    skipSpace();
    if (pos != text.size())
      return Status::error("unexpected text after the JSON value at byte " +
                           std::to_string(pos));
    return v;
  }

private:
  bool fail(const std::string &what) {
    if (error.empty())
      error = what + " at byte " + std::to_string(pos);
    return false;
  }
  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' ||
                                 text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }
  bool literal(std::string_view word) {
    if (text.substr(pos, word.size()) != word)
      return fail("expected a JSON value");
    pos += word.size();
    return true;
  }

  bool parseValue(Value &v, int depth) {
    if (depth > kMaxDepth)
      return fail("JSON nested deeper than " + std::to_string(kMaxDepth));
    skipSpace();
    if (pos >= text.size())
      return fail("unexpected end of JSON");
    char c = text[pos];
    switch (c) {
    case '{':
      return parseObject(v, depth);
    case '[':
      return parseArray(v, depth);
    case '"':
      v.kind = Value::Kind::string;
      return parseString(v.text);
    case 't':
      v.kind = Value::Kind::boolean;
      v.boolean = true;
      return literal("true");
    case 'f':
      v.kind = Value::Kind::boolean;
      return literal("false");
    case 'n':
      return literal("null");
    default:
      if (c == '-' || (c >= '0' && c <= '9'))
        return parseNumber(v);
      return fail("expected a JSON value");
    }
  }

  bool parseObject(Value &v, int depth) {
    v.kind = Value::Kind::object;
    ++pos; // '{'
    skipSpace();
    if (pos < text.size() && text[pos] == '}')
      return ++pos, true;
    while (true) {
      skipSpace();
      std::string key;
      if (pos >= text.size() || text[pos] != '"')
        return fail("expected a quoted key");
      if (!parseString(key))
        return false;
      skipSpace();
      if (pos >= text.size() || text[pos] != ':')
        return fail("expected ':'");
      ++pos;
      v.members.emplace_back(std::move(key), Value());
      if (!parseValue(v.members.back().second, depth + 1))
        return false;
      skipSpace();
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < text.size() && text[pos] == '}')
        return ++pos, true;
      return fail("expected ',' or '}'");
    }
  }

  bool parseArray(Value &v, int depth) {
    v.kind = Value::Kind::array;
    ++pos; // '['
    skipSpace();
    if (pos < text.size() && text[pos] == ']')
      return ++pos, true;
    while (true) {
      v.items.emplace_back();
      if (!parseValue(v.items.back(), depth + 1))
        return false;
      skipSpace();
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < text.size() && text[pos] == ']')
        return ++pos, true;
      return fail("expected ',' or ']'");
    }
  }

  bool parseHex4(uint32_t &out) {
    if (text.size() - pos < 4)
      return fail("truncated \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text[pos++];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0)
        return fail("bad hex digit in \\u escape");
      out = out * 16 + static_cast<uint32_t>(d);
    }
    return true;
  }

  static void appendUtf8(std::string &s, uint32_t cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool parseEscape(std::string &out) {
    if (pos >= text.size())
      return fail("unterminated string");
    char c = text[pos++];
    switch (c) {
    case '"':
      out += '"';
      return true;
    case '\\':
      out += '\\';
      return true;
    case '/':
      out += '/';
      return true;
    case 'b':
      out += '\b';
      return true;
    case 'f':
      out += '\f';
      return true;
    case 'n':
      out += '\n';
      return true;
    case 'r':
      out += '\r';
      return true;
    case 't':
      out += '\t';
      return true;
    case 'u': {
      uint32_t cp;
      if (!parseHex4(cp))
        return false;
      if (cp >= 0xD800 && cp < 0xDC00) {
        uint32_t lo;
        if (text.substr(pos, 2) != "\\u")
          return fail("unpaired surrogate in \\u escape");
        pos += 2;
        if (!parseHex4(lo))
          return false;
        if (lo < 0xDC00 || lo >= 0xE000)
          return fail("unpaired surrogate in \\u escape");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      } else if (cp >= 0xDC00 && cp < 0xE000) {
        return fail("unpaired surrogate in \\u escape");
      }
      appendUtf8(out, cp);
      return true;
    }
    default:
      --pos;
      return fail("bad escape in string");
    }
  }

  bool parseString(std::string &out) {
    ++pos; // opening quote
    while (true) {
      if (pos >= text.size())
        return fail("unterminated string");
      char c = text[pos];
      if (c == '"')
        return ++pos, true;
      if (static_cast<unsigned char>(c) < 0x20)
        return fail("control character in string");
      ++pos;
      if (c == '\\') {
        if (!parseEscape(out))
          return false;
      } else {
        out += c;
      }
    }
  }

  bool digits() {
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
      ++pos;
    return pos > start;
  }

  bool parseNumber(Value &v) {
    v.kind = Value::Kind::number;
    size_t start = pos;
    if (text[pos] == '-')
      ++pos;
    if (pos < text.size() && text[pos] == '0')
      ++pos;
    else if (!digits())
      return fail("malformed number");
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      if (!digits())
        return fail("malformed number");
    }
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
      ++pos;
      if (pos < text.size() && (text[pos] == '+' || text[pos] == '-'))
        ++pos;
      if (!digits())
        return fail("malformed number");
    }
    v.text = std::string(text.substr(start, pos - start));
    return true;
  }

  std::string_view text;
  size_t pos = 0;
  std::string error;
};

} // namespace

Result<Value> parse(std::string_view text) {
  return Parser(text).parseDocument();
}

std::optional<uint64_t> asUInt(const Value &v) {
  if (v.kind != Value::Kind::number || v.text.empty())
    return std::nullopt;
  uint64_t n = 0;
  for (char c : v.text) {
    if (c < '0' || c > '9')
      return std::nullopt;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (n > (UINT64_MAX - d) / 10)
      return std::nullopt;
    n = n * 10 + d;
  }
  return n;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

const char *kindName(const Value &v) {
  switch (v.kind) {
  case Value::Kind::null:
    return "null";
  case Value::Kind::boolean:
    return "a boolean";
  case Value::Kind::number:
    return "a number";
  case Value::Kind::string:
    return "a string";
  case Value::Kind::array:
    return "an array";
  case Value::Kind::object:
    return "an object";
  }
  return "a value";
}

} // namespace nxrt::json
