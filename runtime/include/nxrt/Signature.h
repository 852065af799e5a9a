//===- Signature.h - Compiled entry signatures ------------------*- C++ -*-===//
//
// This file declares nxrt::Signature, the parsed form of the signature text
// that every compiled entry carries (docs/architecture.md, Contract 3), e.g.
// `softmax(f32[n,k])->(f32[n,k])`: an entry name, and for each argument and
// result a dtype and dimensions that are integers or size-variable names.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_SIGNATURE_H
#define NXRT_SIGNATURE_H

#include "nxrt/DType.h"
#include "nxrt/Status.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nxrt {

/// One dimension of a TensorSpec: a static size, or a size variable.
struct DimSpec {
  int64_t size = 0; // the size when `name` is empty
  std::string name; // the size variable, or empty for a static size

  bool isStatic() const { return name.empty(); }
  static DimSpec fixed(int64_t size) { return DimSpec{size, std::string()}; }
  static DimSpec variable(std::string name) {
    return DimSpec{-1, std::move(name)};
  }
  bool operator==(const DimSpec &o) const {
    return name == o.name && (!isStatic() || size == o.size);
  }
};

/// The type of one argument or result.
struct TensorSpec {
  DType dtype = DType::f32;
  std::vector<DimSpec> dims;

  bool operator==(const TensorSpec &o) const {
    return dtype == o.dtype && dims == o.dims;
  }
};

/// A parsed entry signature.
struct Signature {
  std::string entry;
  std::vector<TensorSpec> args, results;
  /// Optional argument names, used only in error messages (the generated
  /// header fills them in); empty, or one per argument.
  std::vector<std::string> argNames;
};

/// Parses the Contract-3 text form. Whitespace is allowed between tokens.
/// Errors say what was expected and at which column, and reject results that
/// use a size variable no argument binds.
Result<Signature> parseSignature(std::string_view text);

/// `f32[n, k]`; a scalar is `f32[]`.
std::string formatSpec(const TensorSpec &spec);

/// The canonical text form: `softmax(f32[n,k])->(f32[n,k])`.
std::string formatSignature(const Signature &sig);

} // namespace nxrt

#endif // NXRT_SIGNATURE_H
