//===- ObjectEmitter.cpp - LLVM dialect to object files -------------------===//
//
// This file implements the LLVM-level half of Contract 3: it translates the
// LLVM-dialect module, builds the packed entry points `nxc_M_E(void **)` on
// top of the `_mlir_ciface_nxc_M_E_impl` wrappers that func-to-llvm made,
// adds the signature strings, internalizes everything else, optimizes with
// the new pass manager and writes objects, archives and shared libraries.
//
//===----------------------------------------------------------------------===//

#include "codegen/ObjectEmitter.h"

#include "passes/EntryABI.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace llvm;

namespace {
/// One entry point found in the LLVM-dialect module.
struct EntryInfo {
  std::string implName;   // nxc_M_E_impl (has a _mlir_ciface_ twin)
  std::string exportName; // nxc_M_E
  std::string signature;  // softmax(f32[n,k])->(f32[n,k])
};
} // namespace

/// Finds the entry wrappers and strips the `nx.*` attributes, which have no
/// LLVM IR meaning.
static SmallVector<EntryInfo> collectEntries(mlir::ModuleOp module) {
  SmallVector<EntryInfo> entries;
  module.walk([&](mlir::LLVM::LLVMFuncOp func) {
    auto exportName =
        func->getAttrOfType<mlir::StringAttr>(nxc::kExportAttrName);
    auto signature =
        func->getAttrOfType<mlir::StringAttr>(nxc::kSignatureAttrName);
    if (exportName && !func.getSymName().starts_with("_mlir_ciface_"))
      entries.push_back({func.getSymName().str(), exportName.str(),
                         signature ? signature.str() : std::string()});
    func->removeAttr(nxc::kExportAttrName);
    func->removeAttr(nxc::kSignatureAttrName);
  });
  return entries;
}

/// Adds `void exportName(void **args)` calling
/// `_mlir_ciface_implName(args[0], args[1], ...)`.
static Function *addPackedEntry(Module &module, Function &ciface,
                                StringRef exportName) {
  LLVMContext &ctx = module.getContext();
  Type *ptrType = PointerType::getUnqual(ctx);
  auto *type = FunctionType::get(Type::getVoidTy(ctx), {ptrType}, false);
  Function *entry =
      Function::Create(type, GlobalValue::ExternalLinkage, exportName, module);
  entry->addFnAttr(Attribute::NoUnwind);
  Argument *args = entry->getArg(0);
  args->setName("args");
  IRBuilder<> builder(BasicBlock::Create(ctx, "entry", entry));
  SmallVector<Value *> callArgs;
  for (unsigned i = 0, e = ciface.arg_size(); i < e; ++i) {
    Value *slot = builder.CreateConstInBoundsGEP1_64(ptrType, args, i);
    callArgs.push_back(builder.CreateLoad(ptrType, slot));
  }
  builder.CreateCall(&ciface, callArgs);
  builder.CreateRetVoid();
  return entry;
}

/// Adds `const char name[] = "signature"` (NUL-terminated, exported).
static GlobalVariable *addSignature(Module &module, StringRef name,
                                    StringRef signature) {
  Constant *text = ConstantDataArray::getString(module.getContext(), signature,
                                                /*AddNull=*/true);
  return new GlobalVariable(module, text->getType(), /*isConstant=*/true,
                            GlobalValue::ExternalLinkage, text, name);
}

std::unique_ptr<Module> nxc::translateToLLVMIR(mlir::ModuleOp module,
                                               LLVMContext &context) {
  SmallVector<EntryInfo> entries = collectEntries(module);
  std::unique_ptr<Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context, "nxc");
  if (!llvmModule) {
    module.emitError("cannot translate the LLVM dialect module to LLVM IR");
    return nullptr;
  }

  StringSet<> exported;
  for (const EntryInfo &entry : entries) {
    Function *ciface =
        llvmModule->getFunction("_mlir_ciface_" + entry.implName);
    if (!ciface) {
      module.emitError() << "entry wrapper `" << entry.implName
                         << "` has no `_mlir_ciface_` function; was it "
                            "marked `llvm.emit_c_interface`?";
      return nullptr;
    }
    std::string signatureName = entry.exportName + "_signature";
    for (StringRef name :
         {StringRef(entry.exportName), StringRef(signatureName)})
      if (llvmModule->getNamedValue(name)) {
        module.emitError() << "the module already defines `" << name
                           << "`, which the entry ABI exports";
        return nullptr;
      }
    if (entry.signature.empty()) {
      module.emitError() << "entry `" << entry.exportName
                         << "` has no `nx.signature`";
      return nullptr;
    }
    // Contract 3 buffers are distinct: mark the data pointers of the
    // expanded descriptors (the only pointer parameters of the wrapper)
    // noalias, so loops vectorize without runtime alias checks. func-to-llvm
    // only puts `llvm.noalias` on the `_mlir_ciface_` descriptor pointers.
    if (Function *impl = llvmModule->getFunction(entry.implName))
      for (Argument &arg : impl->args())
        if (arg.getType()->isPointerTy())
          arg.addAttr(Attribute::NoAlias);
    addPackedEntry(*llvmModule, *ciface, entry.exportName);
    addSignature(*llvmModule, signatureName, entry.signature);
    exported.insert(entry.exportName);
    exported.insert(signatureName);
  }

  // Only the Contract 3 symbols leave the object; the rest may be inlined
  // and deleted by the optimizer.
  for (Function &func : llvmModule->functions())
    if (!func.isDeclaration() && !exported.contains(func.getName()))
      func.setLinkage(GlobalValue::InternalLinkage);
  for (GlobalVariable &global : llvmModule->globals())
    if (!global.isDeclaration() && !exported.contains(global.getName()))
      global.setLinkage(GlobalValue::InternalLinkage);

  std::string message;
  raw_string_ostream os(message);
  if (verifyModule(*llvmModule, &os)) {
    module.emitError() << "generated LLVM IR is invalid: " << message;
    return nullptr;
  }
  return llvmModule;
}

//===----------------------------------------------------------------------===//
// Target machine and optimization
//===----------------------------------------------------------------------===//

static Expected<std::unique_ptr<TargetMachine>>
createTargetMachine(const nxc::EmitOptions &options) {
  static std::once_flag initialized;
  std::call_once(initialized, [] {
    InitializeNativeTarget();
    InitializeNativeTargetAsmPrinter();
  });

  std::string hostTriple = sys::getProcessTriple();
  Triple triple(options.triple.empty() ? hostTriple : options.triple);
  std::string error;
  const Target *target = TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return createStringError(inconvertibleErrorCode(),
                             "no target for triple `%s`: %s",
                             triple.str().c_str(), error.c_str());

  std::string cpu = "generic";
  std::string features;
  bool isHost = Triple(hostTriple).getArch() == triple.getArch() &&
                Triple(hostTriple).getOS() == triple.getOS();
  if (!options.portable && isHost) {
    cpu = sys::getHostCPUName().str();
    SubtargetFeatures subtargetFeatures;
    for (const auto &feature : sys::getHostCPUFeatures())
      subtargetFeatures.AddFeature(feature.first(), feature.second);
    features = subtargetFeatures.getString();
  } else if (triple.getArch() == Triple::x86_64) {
    cpu = "x86-64";
  }

  CodeGenOptLevel level = CodeGenOptLevel::Aggressive;
  if (options.optLevel == 0)
    level = CodeGenOptLevel::None;
  else if (options.optLevel == 1)
    level = CodeGenOptLevel::Less;
  else if (options.optLevel == 2)
    level = CodeGenOptLevel::Default;

  TargetOptions targetOptions;
  std::unique_ptr<TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, targetOptions, Reloc::PIC_, std::nullopt, level));
  if (!machine)
    return createStringError(inconvertibleErrorCode(),
                             "cannot create a target machine for `%s`",
                             triple.str().c_str());
  return machine;
}

/// Makes `module` match `machine`: triple, data layout, PIC.
static void configureModule(Module &module, TargetMachine &machine) {
  module.setTargetTriple(machine.getTargetTriple());
  module.setDataLayout(machine.createDataLayout());
  module.setPICLevel(PICLevel::BigPIC);
}

Error nxc::optimizeModule(Module &module, const EmitOptions &options) {
  Expected<std::unique_ptr<TargetMachine>> machine =
      createTargetMachine(options);
  if (!machine)
    return machine.takeError();
  configureModule(module, **machine);
  if (options.optLevel == 0)
    return Error::success();

  LoopAnalysisManager loopAM;
  FunctionAnalysisManager functionAM;
  CGSCCAnalysisManager cgsccAM;
  ModuleAnalysisManager moduleAM;
  // glibc's libmvec (pulled in by -lm on x86-64 Linux) gives the loop
  // vectorizer vector versions of exp, log, sin, ...; without it each element
  // of a fused `exp(x - m)` is one scalar libm call. Registered before the
  // default analyses so that this TargetLibraryInfo is the one used.
  const Triple &triple = module.getTargetTriple();
  VectorLibrary vecLib = triple.getArch() == Triple::x86_64 &&
                                 triple.isOSLinux() && triple.isGNUEnvironment()
                             ? VectorLibrary::LIBMVEC
                             : VectorLibrary::NoLibrary;
  TargetLibraryInfoImpl libraryInfo(triple, vecLib);
  functionAM.registerPass([&] { return TargetLibraryAnalysis(libraryInfo); });
  PassBuilder builder(machine->get());
  builder.registerModuleAnalyses(moduleAM);
  builder.registerCGSCCAnalyses(cgsccAM);
  builder.registerFunctionAnalyses(functionAM);
  builder.registerLoopAnalyses(loopAM);
  builder.crossRegisterProxies(loopAM, functionAM, cgsccAM, moduleAM);

  OptimizationLevel level = OptimizationLevel::O3;
  if (options.optLevel == 1)
    level = OptimizationLevel::O1;
  else if (options.optLevel == 2)
    level = OptimizationLevel::O2;
  ModulePassManager passes = builder.buildPerModuleDefaultPipeline(level);
  passes.run(module, moduleAM);
  return Error::success();
}

Error nxc::emitObject(Module &module, StringRef path,
                      const EmitOptions &options) {
  Expected<std::unique_ptr<TargetMachine>> machine =
      createTargetMachine(options);
  if (!machine)
    return machine.takeError();
  configureModule(module, **machine);

  std::error_code ec;
  raw_fd_ostream os(path, ec, sys::fs::OF_None);
  if (ec)
    return createStringError(ec, "cannot open `%s`: %s", path.str().c_str(),
                             ec.message().c_str());
  legacy::PassManager passes;
  if ((*machine)->addPassesToEmitFile(passes, os, nullptr,
                                      CodeGenFileType::ObjectFile))
    return createStringError(inconvertibleErrorCode(),
                             "the target cannot emit object files");
  passes.run(module);
  os.flush();
  if (os.has_error())
    return createStringError(os.error(), "cannot write `%s`: %s",
                             path.str().c_str(), os.error().message().c_str());
  return Error::success();
}

void nxc::emitLLVMIR(Module &module, raw_ostream &os) {
  module.print(os, nullptr);
}

//===----------------------------------------------------------------------===//
// Archives and shared libraries
//===----------------------------------------------------------------------===//

Error nxc::createStaticLibrary(StringRef objPath, StringRef libPath) {
  Expected<NewArchiveMember> member =
      NewArchiveMember::getFile(objPath, /*Deterministic=*/true);
  if (!member)
    return member.takeError();
  // A stale archive would otherwise be appended to by a later `ar`.
  sys::fs::remove(libPath);
  return writeArchive(libPath, {std::move(*member)},
                      SymtabWritingMode::NormalSymtab, object::Archive::K_GNU,
                      /*Deterministic=*/true, /*Thin=*/false);
}

Error nxc::linkSharedLibrary(StringRef objPath, StringRef soPath) {
  ErrorOr<std::string> cc = sys::findProgramByName("cc");
  if (!cc)
    return createStringError(cc.getError(),
                             "cannot find the C compiler `cc` in PATH");
  SmallVector<StringRef> args = {*cc, "-shared", "-o", soPath, objPath, "-lm"};
  std::string message;
  int status = sys::ExecuteAndWait(*cc, args, std::nullopt, {}, 0, 0, &message);
  if (status != 0)
    return createStringError(inconvertibleErrorCode(),
                             "`cc -shared -o %s %s -lm` failed%s%s",
                             soPath.str().c_str(), objPath.str().c_str(),
                             message.empty() ? "" : ": ", message.c_str());
  return Error::success();
}
