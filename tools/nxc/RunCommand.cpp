//===- RunCommand.cpp - `nxc run`: call one entry on .npy inputs ----------===//
//
// This file implements `nxc run`: it builds the module into a private
// temporary directory, links the object into a shared library, loads it with
// dlopen, and calls the entry through the runtime's checked `nxrt::invoke`,
// the same path a C++ application takes. Results are printed in Nx's inspect
// format and optionally written as .npy files.
//
//===----------------------------------------------------------------------===//

#include "tools/nxc/Driver.h"

#include "codegen/ObjectEmitter.h"

#include "nxrt/Inspect.h"
#include "nxrt/Invoke.h"
#include "nxrt/Npy.h"
#include "nxrt/Signature.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <dlfcn.h>
#include <iostream>

namespace nxc {
namespace {

/// Removes a temporary directory and its files when the command ends.
struct TempDir {
  std::string path;
  ~TempDir() {
    if (!path.empty())
      llvm::sys::fs::remove_directories(path);
  }
};

/// Closes a dlopen handle when the command ends.
struct Library {
  void *handle = nullptr;
  ~Library() {
    if (handle)
      dlclose(handle);
  }
};

} // namespace

int runEntry(const DriverOptions &opts, const std::string &entry,
             const std::vector<std::string> &inputPaths,
             const std::string &outputDir) {
  // Read the inputs first: a missing file is reported before compiling.
  std::vector<nxrt::Tensor> inputs;
  for (const std::string &p : inputPaths) {
    nxrt::Result<nxrt::Tensor> t = nxrt::readNpy(p);
    if (!t.ok()) {
      reportError(t.message());
      return 1;
    }
    inputs.push_back(std::move(t.value()));
  }

  TempDir tmp;
  llvm::SmallString<128> dir;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("nxc-run", dir)) {
    reportError("cannot create a temporary directory: " + ec.message());
    return 1;
  }
  tmp.path = std::string(dir);
  std::string module, object;
  std::vector<std::string> argNames;
  if (int rc = buildModule(opts, tmp.path, module, object,
                           /*writeHeader=*/false, entry, &argNames))
    return rc;

  llvm::SmallString<256> so(dir);
  llvm::sys::path::append(so, "lib" + module + ".so");
  if (llvm::Error err = linkSharedLibrary(object, so)) {
    reportError(llvm::toString(std::move(err)));
    return 1;
  }
  Library lib;
  lib.handle = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib.handle) {
    reportError(std::string("cannot load the compiled module: ") + dlerror());
    return 1;
  }
  // Entry symbols spell a dotted module name (`Util.Math`) with `_`.
  std::string symbol = "nxc_" + module + "_" + entry;
  std::replace(symbol.begin(), symbol.end(), '.', '_');
  auto fn = reinterpret_cast<nxrt::EntryFn>(dlsym(lib.handle, symbol.c_str()));
  auto *sigText = static_cast<const char *>(
      dlsym(lib.handle, (symbol + "_signature").c_str()));
  if (!fn || !sigText) {
    reportError("module `" + module + "` has no entry point `" + entry +
                "` (entries are declared with `@entry`)");
    return 1;
  }
  nxrt::Result<nxrt::Signature> sig = nxrt::parseSignature(sigText);
  if (!sig.ok()) {
    reportError(sig.message());
    return 1;
  }
  sig->argNames = argNames; // errors then name them: `argument 1 (x)`
  std::vector<nxrt::Tensor> outputs(sig->results.size());
  if (nxrt::Status st = nxrt::invoke(*sig, fn, inputs, outputs); !st.ok()) {
    reportError(st.message());
    return 1;
  }
  if (!outputDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(outputDir)) {
      reportError("cannot create directory `" + outputDir +
                  "`: " + ec.message());
      return 1;
    }
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    std::cout << nxrt::inspect(outputs[i]) << "\n";
    if (outputDir.empty())
      continue;
    llvm::SmallString<256> path(outputDir);
    llvm::sys::path::append(path, "result" + std::to_string(i) + ".npy");
    if (nxrt::Status st = nxrt::writeNpy(std::string(path), outputs[i]);
        !st.ok()) {
      reportError(st.message());
      return 1;
    }
  }
  return 0;
}

} // namespace nxc
