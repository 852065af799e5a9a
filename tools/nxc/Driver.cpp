//===- Driver.cpp - Shared steps of the nxc commands ----------------------===//
//
// This file implements the steps behind `nxc check`, `emit` and `build`: the
// frontend (diagnostics with carets on stderr), MLIRGen into an MLIR context
// whose diagnostics are rendered against the same source file, the codegen
// pipelines, and writing the object, static library and header.
//
//===----------------------------------------------------------------------===//

#include "tools/nxc/Driver.h"

#include "codegen/Compile.h"
#include "codegen/HeaderGen.h"
#include "codegen/MLIRGen.h"
#include "codegen/ObjectEmitter.h"
#include "codegen/Pipelines.h"
#include "frontend/Frontend.h"
#include "ir/NxDialect.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <fstream>
#include <iostream>

namespace nxc {

void reportError(const std::string &message) {
  std::cerr << "nxc: error: " << message << "\n";
}

std::vector<std::string> searchPath(const DriverOptions &opts) {
  std::vector<std::string> dirs = opts.includeDirs;
  if (const char *env = std::getenv("NXC_STDLIB"); env && *env)
    dirs.push_back(env);
  else
    dirs.push_back(NXC_STDLIB_DIR);
  return dirs;
}

std::unique_ptr<TypedModule> runFrontend(const DriverOptions &opts) {
  DiagnosticEngine diags(std::cerr);
  std::vector<std::unique_ptr<ParsedModule>> files;
  files.push_back(parseFile(opts.input, diags));
  if (!files.back() || diags.errorCount())
    return nullptr;
  for (const std::string &more : opts.moreInputs) {
    files.push_back(parseFile(more, diags));
    if (!files.back() || diags.errorCount())
      return nullptr;
  }
  std::unique_ptr<ParsedModule> parsed =
      linkModules(std::move(files), searchPath(opts), diags);
  if (!parsed || diags.errorCount())
    return nullptr;
  std::unique_ptr<TypedModule> typed = checkModule(*parsed, diags);
  if (!typed || diags.errorCount())
    return nullptr;
  return typed;
}

namespace {

/// An MLIR context with every dialect codegen needs, printing diagnostics
/// as `file:line:col: error:` with the source line, like the frontend does.
struct CodegenContext {
  explicit CodegenContext(const std::string &path) {
    mlir::DialectRegistry registry;
    registerCodegenDialects(registry);
    registry.insert<nx::NxDialect>();
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
    auto buffer = llvm::MemoryBuffer::getFile(path);
    if (buffer)
      sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
    handler = std::make_unique<mlir::SourceMgrDiagnosticHandler>(
        sourceMgr, &context, llvm::errs());
  }
  mlir::MLIRContext context;
  llvm::SourceMgr sourceMgr;
  std::unique_ptr<mlir::SourceMgrDiagnosticHandler> handler;
};

bool parseStage(const std::string &name, CodegenStage &stage) {
  if (name == "nx")
    stage = CodegenStage::Nx;
  else if (name == "linalg")
    stage = CodegenStage::Linalg;
  else if (name == "llvm")
    stage = CodegenStage::LLVM;
  else
    return false;
  return true;
}

/// MLIRGen, then codegen up to `copts.stopAfter`. Returns an exit code.
int compileTyped(const DriverOptions &opts, const TypedModule &typed,
                 CompileOptions copts) {
  CodegenContext cc(opts.input);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      genMLIR(cc.context, typed, opts.input);
  if (!module)
    return 1;
  copts.emit.portable = opts.portable;
  return mlir::failed(compileToObject(*module, copts)) ? 1 : 0;
}

} // namespace

int emitStage(const DriverOptions &opts, const std::string &stage) {
  CodegenStage cg;
  if (stage != "ast" && stage != "typed" && !parseStage(stage, cg)) {
    reportError("unknown stage `" + stage +
                "` (expected ast, typed, nx, linalg or llvm)");
    return 2;
  }
  if (stage == "ast") {
    DiagnosticEngine diags(std::cerr);
    std::unique_ptr<ParsedModule> parsed = parseFile(opts.input, diags);
    if (!parsed || diags.errorCount())
      return 1;
    printAST(*parsed, std::cout);
    return 0;
  }
  std::unique_ptr<TypedModule> typed = runFrontend(opts);
  if (!typed)
    return 1;
  if (stage == "typed") {
    printTypedIR(*typed, std::cout);
    return 0;
  }
  CompileOptions copts;
  copts.stopAfter = cg;
  copts.textOutput = &llvm::outs();
  int rc = compileTyped(opts, *typed, copts);
  llvm::outs().flush();
  return rc;
}

static std::vector<HeaderEntry> headerEntries(const TypedModule &m) {
  std::vector<HeaderEntry> entries;
  for (const TFunction &f : m.functions)
    if (f.isEntry)
      entries.push_back(HeaderEntry{f.entryName, f.signature, f.paramNames});
  return entries;
}

/// Drops every entry function but `entry`; the pipeline's symbol-dce then
/// removes what only the others called. Returns false if there is none.
static bool keepOnlyEntry(TypedModule &typed, const std::string &entry) {
  bool found = false;
  for (const TFunction &f : typed.functions)
    found |= f.isEntry && f.entryName == entry;
  if (!found)
    return false;
  for (TFunction &f : typed.functions)
    if (f.isEntry && f.entryName != entry)
      f.isEntry = false; // becomes private, so it is removed when unused
  return true;
}

int buildModule(const DriverOptions &opts, const std::string &dir,
                std::string &moduleName, std::string &objectPath,
                bool writeHeader, const std::string &onlyEntry,
                std::vector<std::string> *entryArgNames) {
  std::unique_ptr<TypedModule> typed = runFrontend(opts);
  if (!typed)
    return 1;
  moduleName = typed->name;
  if (!onlyEntry.empty() && !keepOnlyEntry(*typed, onlyEntry)) {
    std::string names;
    for (const TFunction &f : typed->functions)
      if (f.isEntry)
        names += (names.empty() ? "`" : ", `") + f.entryName + "`";
    reportError("module `" + moduleName + "` has no entry point `" +
                onlyEntry + "`" +
                (names.empty() ? std::string(" (it declares no @entry)")
                               : " (its entries: " + names + ")"));
    return 1;
  }
  if (entryArgNames)
    for (const TFunction &f : typed->functions)
      if (f.isEntry && f.entryName == onlyEntry)
        *entryArgNames = f.paramNames;
  if (std::error_code ec = llvm::sys::fs::create_directories(dir)) {
    reportError("cannot create directory `" + dir + "`: " + ec.message());
    return 1;
  }
  llvm::SmallString<256> obj(dir), lib(dir), hdr(dir);
  llvm::sys::path::append(obj, moduleName + ".o");
  llvm::sys::path::append(lib, "lib" + moduleName + ".a");
  llvm::sys::path::append(hdr, moduleName + ".h");
  objectPath = std::string(obj);

  CompileOptions copts;
  copts.stopAfter = CodegenStage::Object;
  copts.objectPath = objectPath;
  if (int rc = compileTyped(opts, *typed, copts))
    return rc;
  if (!writeHeader)
    return 0;
  if (llvm::Error err = createStaticLibrary(obj, lib)) {
    reportError(llvm::toString(std::move(err)));
    return 1;
  }
  std::ofstream header(std::string(hdr), std::ios::binary);
  header << generateModuleHeader(moduleName, headerEntries(*typed));
  if (!header) {
    reportError("cannot write `" + std::string(hdr) + "`");
    return 1;
  }
  return 0;
}

} // namespace nxc
