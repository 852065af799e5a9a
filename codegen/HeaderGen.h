//===- HeaderGen.h - The generated C/C++ API header of a module -*- C++ -*-===//
//
// This file declares nxc::generateModuleHeader, which writes `<Module>.h`,
// the header an application includes to call the entries of a module that
// nxc compiled to an object file. It depends on nothing but the standard
// library (no MLIR/LLVM), so the header can be produced from signatures alone.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_CODEGEN_HEADERGEN_H
#define NXC_CODEGEN_HEADERGEN_H

#include <string>
#include <vector>

namespace nxc {

/// One entry point of a compiled module.
struct HeaderEntry {
  /// The entry name `E`; the object defines `nxc_<Module>_E`.
  std::string entry;
  /// The Contract-3 signature text, e.g. `softmax(f32[n,k])->(f32[n,k])`.
  std::string signature;
  /// Parameter names for the C++ wrapper and error messages; may be empty
  /// (then `arg1`, `arg2`, ... are used) or name only some arguments.
  std::vector<std::string> argNames;
};

/// Returns the text of `<moduleName>.h`. For each entry it declares the
/// compiled symbols `nxc_<Module>_<entry>` and
/// `nxc_<Module>_<entry>_signature`, a C function `<Module>_<entry>(args,
/// results, err, err_len)`, and, for C++, in `namespace <Module>`:
/// `<entry>(inputs...)` returning `nxrt::Result<nxrt::Tensor>` (a `std::tuple`
/// of tensors for several results) and a destination-passing overload
/// `<entry>(inputs..., outs...)` returning `nxrt::Status`. `moduleName` and
/// entry names must be C identifiers (the compiler mangles them before calling
/// this).
std::string generateModuleHeader(const std::string &moduleName,
                                 const std::vector<HeaderEntry> &entries);

} // namespace nxc

#endif // NXC_CODEGEN_HEADERGEN_H
