//===- Signature.cpp - Compiled entry signatures --------------------------===//
//
// This file implements the parser and printer of the Contract-3 signature
// text, `entry(spec, ...)->(spec, ...)` where a spec is `dtype[dim, ...]` and
// a dim is a non-negative integer or an identifier (a size variable).
//
//===----------------------------------------------------------------------===//

#include "nxrt/Signature.h"

#include <cctype>
#include <limits>
#include <set>

namespace nxrt {

namespace {

bool isIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool isIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

class SignatureParser {
public:
  explicit SignatureParser(std::string_view text) : text(text) {}

  Result<Signature> parse() {
    Signature sig;
    skipSpace();
    if (!parseIdent(sig.entry))
      return fail("expected the entry name");
    if (!expect('('))
      return fail("expected '(' after the entry name");
    if (Status s = parseSpecList(sig.args); !s)
      return s;
    if (!expect('-') || !expect('>'))
      return fail("expected '->' after the arguments");
    if (!expect('('))
      return fail("expected '(' before the results");
    if (Status s = parseSpecList(sig.results); !s)
      return s;
    skipSpace();
    if (pos != text.size())
      return fail("unexpected text after the results");
    return sig;
  }

private:
  Status fail(const std::string &what) const {
    return Status::error("malformed signature `" + std::string(text) + "`: " +
                         what + " at column " + std::to_string(pos + 1));
  }
  void skipSpace() {
    while (pos < text.size() &&
           std::isspace(static_cast<unsigned char>(text[pos])))
      ++pos;
  }
  bool expect(char c) {
    skipSpace();
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool parseIdent(std::string &out) {
    skipSpace();
    if (pos >= text.size() || !isIdentStart(text[pos]))
      return false;
    size_t start = pos;
    while (pos < text.size() && isIdentChar(text[pos]))
      ++pos;
    out = std::string(text.substr(start, pos - start));
    return true;
  }
  // After '(': a possibly empty comma-separated list, then ')'.
  Status parseSpecList(std::vector<TensorSpec> &specs) {
    if (expect(')'))
      return Status::success();
    do {
      TensorSpec spec;
      if (Status s = parseSpec(spec); !s)
        return s;
      specs.push_back(std::move(spec));
    } while (expect(','));
    if (!expect(')'))
      return fail("expected ',' or ')'");
    return Status::success();
  }
  Status parseSpec(TensorSpec &spec) {
    skipSpace();
    size_t start = pos;
    std::string name;
    if (!parseIdent(name))
      return fail("expected a dtype");
    std::optional<DType> dtype = parseDType(name);
    if (!dtype) {
      pos = start;
      return fail("unknown dtype `" + name + "`");
    }
    spec.dtype = *dtype;
    if (!expect('['))
      return fail("expected '[' after the dtype");
    if (expect(']'))
      return Status::success();
    do {
      DimSpec dim;
      if (Status s = parseDim(dim); !s)
        return s;
      spec.dims.push_back(std::move(dim));
    } while (expect(','));
    if (!expect(']'))
      return fail("expected ',' or ']'");
    return Status::success();
  }
  Status parseDim(DimSpec &dim) {
    skipSpace();
    if (pos < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[pos]))) {
      int64_t v = 0;
      while (pos < text.size() &&
             std::isdigit(static_cast<unsigned char>(text[pos]))) {
        int digit = text[pos] - '0';
        if (v > (std::numeric_limits<int64_t>::max() - digit) / 10)
          return fail("dimension too large");
        v = v * 10 + digit;
        ++pos;
      }
      dim = DimSpec::fixed(v);
      return Status::success();
    }
    std::string name;
    if (!parseIdent(name))
      return fail("expected a dimension (an integer or a size variable)");
    dim = DimSpec::variable(std::move(name));
    return Status::success();
  }

  std::string_view text;
  size_t pos = 0;
};

} // namespace

Result<Signature> parseSignature(std::string_view text) {
  Result<Signature> sig = SignatureParser(text).parse();
  if (!sig)
    return sig;
  std::set<std::string> bound;
  for (const TensorSpec &a : sig->args)
    for (const DimSpec &d : a.dims)
      if (!d.isStatic())
        bound.insert(d.name);
  for (size_t i = 0; i < sig->results.size(); ++i)
    for (const DimSpec &d : sig->results[i].dims)
      if (!d.isStatic() && !bound.count(d.name))
        return Status::error("malformed signature `" + std::string(text) +
                             "`: result " + std::to_string(i + 1) +
                             " uses size variable `" + d.name +
                             "` that no argument binds");
  return sig;
}

std::string formatSpec(const TensorSpec &spec) {
  std::string s = std::string(dtypeName(spec.dtype)) + "[";
  for (size_t i = 0; i < spec.dims.size(); ++i) {
    if (i)
      s += ", ";
    const DimSpec &d = spec.dims[i];
    s += d.isStatic() ? std::to_string(d.size) : d.name;
  }
  return s + "]";
}

std::string formatSignature(const Signature &sig) {
  auto list = [](const std::vector<TensorSpec> &specs) {
    std::string s = "(";
    for (size_t i = 0; i < specs.size(); ++i) {
      if (i)
        s += ",";
      std::string spec = formatSpec(specs[i]);
      for (char c : spec)
        if (c != ' ')
          s += c;
    }
    return s + ")";
  };
  return sig.entry + list(sig.args) + "->" + list(sig.results);
}

} // namespace nxrt
