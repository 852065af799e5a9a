//===- Driver.h - Shared steps of the nxc commands ----------------*- C++ -*-===//
//
// This file declares the steps the nxc subcommands share: reading and checking
// a source file, generating the nx module, and compiling it to an object file
// in a directory. Each step reports its own diagnostics and returns failure.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_TOOLS_NXC_DRIVER_H
#define NXC_TOOLS_NXC_DRIVER_H

#include "frontend/TypedIR.h"

#include <memory>
#include <string>
#include <vector>

namespace nxc {

/// Options every compiling command accepts.
struct DriverOptions {
  std::string input;
  std::vector<std::string> moreInputs;  ///< further .nx files, linked in
  std::vector<std::string> includeDirs; ///< `-I`: module search directories
  bool portable = false; ///< generic CPU instead of the host's
};

/// The module search path: `-I` directories, then the standard library
/// (`$NXC_STDLIB`, else the stdlib/ directory nxc was built from).
std::vector<std::string> searchPath(const DriverOptions &opts);

/// The result of the frontend: the typed module, or null after diagnostics.
std::unique_ptr<TypedModule> runFrontend(const DriverOptions &opts);

/// `nxc emit`: prints the given stage (ast|typed|nx|linalg|llvm) to stdout.
int emitStage(const DriverOptions &opts, const std::string &stage);

/// Compiles to `<dir>/<Module>.o`, `<dir>/lib<Module>.a` and `<dir>/<Module>.h`.
/// Sets `moduleName` and `objectPath`. Returns 0 on success, 1 on error.
/// With `onlyEntry` set, compiles just that entry (and what it calls), as
/// `nxc run` needs; it is an error if the module has no such entry. Then
/// `entryArgNames`, when given, receives that entry's parameter names.
int buildModule(const DriverOptions &opts, const std::string &dir,
                std::string &moduleName, std::string &objectPath,
                bool writeHeader, const std::string &onlyEntry = "",
                std::vector<std::string> *entryArgNames = nullptr);

/// `nxc run`: builds to a temporary shared library and calls one entry.
int runEntry(const DriverOptions &opts, const std::string &entry,
             const std::vector<std::string> &inputs,
             const std::string &outputDir);

/// Prints `nxc: error: <message>` to stderr.
void reportError(const std::string &message);

} // namespace nxc

#endif // NXC_TOOLS_NXC_DRIVER_H
