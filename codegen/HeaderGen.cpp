//===- HeaderGen.cpp - The generated C/C++ API header of a module ---------===//
//
// This file implements generateModuleHeader. The header has a C part (the
// extern "C" declarations of the compiled symbols and one static inline C
// wrapper per entry over nxrt_invoke_c) and a C++ part under __cplusplus
// (typed wrappers over nxrt::invoke that parse each signature once, in a
// function-local static, which C++11 initializes thread-safely).
//
//===----------------------------------------------------------------------===//

#include "codegen/HeaderGen.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

namespace nxc {

namespace {

bool isIdentifier(const std::string &s) {
  if (s.empty() ||
      !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_'))
    return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool isReserved(const std::string &s) {
  static const std::set<std::string> kWords = {
      "alignas",   "alignof",  "and",      "asm",       "auto",     "bool",
      "break",     "case",     "catch",    "char",      "class",    "const",
      "constexpr", "continue", "default",  "delete",    "do",       "double",
      "else",      "enum",     "explicit", "export",    "extern",   "false",
      "float",     "for",      "friend",   "goto",      "if",       "inline",
      "int",       "long",     "mutable",  "namespace", "new",      "noexcept",
      "not",       "nullptr",  "operator", "or",        "private",  "protected",
      "public",    "register", "return",   "short",     "signed",   "sizeof",
      "static",    "struct",   "switch",   "template",  "this",     "throw",
      "true",      "try",      "typedef",  "typeid",    "typename", "union",
      "unsigned",  "using",    "virtual",  "void",      "volatile", "while",
      "xor",       "st",       "sig",      "results",   "nxrt",     "std"};
  return kWords.count(s) || (s.size() > 1 && s[0] == '_' &&
                             std::isupper(static_cast<unsigned char>(s[1])));
}

/// Counts the top-level specs in "(...)" starting at `open`.
size_t countSpecs(const std::string &sig, size_t open, size_t &close) {
  size_t count = 0, depth = 0;
  bool any = false;
  for (size_t i = open + 1; i < sig.size(); ++i) {
    char c = sig[i];
    if (c == '[') {
      ++depth;
    } else if (c == ']') {
      --depth;
    } else if (c == ')' && depth == 0) {
      close = i;
      return any ? count + 1 : 0;
    } else if (c == ',' && depth == 0) {
      ++count;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      any = true;
    }
  }
  close = sig.size();
  return any ? count + 1 : 0;
}

/// The specs of one parenthesized list, as written.
std::vector<std::string> splitSpecs(const std::string &sig, size_t open,
                                    size_t close) {
  std::vector<std::string> specs;
  std::string cur;
  int depth = 0;
  for (size_t i = open + 1; i < close; ++i) {
    char c = sig[i];
    depth += c == '[' ? 1 : c == ']' ? -1 : 0;
    if (c == ',' && depth == 0) {
      specs.push_back(cur);
      cur.clear();
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      cur += c;
    }
  }
  if (!cur.empty())
    specs.push_back(cur);
  return specs;
}

/// What the generator needs to know about one entry.
struct EntryInfo {
  const HeaderEntry *entry;
  std::vector<std::string> argSpecs, resultSpecs;
  std::vector<std::string> params, outs; // C++ parameter names
  std::string symbol;                    // nxc_<Module>_<entry>
};

EntryInfo analyze(const std::string &module, const HeaderEntry &e) {
  EntryInfo info;
  info.entry = &e;
  info.symbol = "nxc_" + module + "_" + e.entry;
  const std::string &sig = e.signature;
  size_t argOpen = sig.find('('), argClose = sig.size();
  if (argOpen != std::string::npos) {
    countSpecs(sig, argOpen, argClose);
    info.argSpecs = splitSpecs(sig, argOpen, argClose);
    size_t resOpen = sig.find('(', argClose);
    if (resOpen != std::string::npos) {
      size_t resClose;
      countSpecs(sig, resOpen, resClose);
      info.resultSpecs = splitSpecs(sig, resOpen, resClose);
    }
  }
  std::set<std::string> used;
  for (size_t i = 0; i < info.argSpecs.size(); ++i) {
    std::string name = i < e.argNames.size() ? e.argNames[i] : "";
    if (!isIdentifier(name) || isReserved(name) || used.count(name))
      name = "arg" + std::to_string(i + 1);
    while (used.count(name))
      name += "_";
    used.insert(name);
    info.params.push_back(name);
  }
  for (size_t i = 0; i < info.resultSpecs.size(); ++i) {
    std::string name =
        info.resultSpecs.size() == 1 ? "out" : "out" + std::to_string(i + 1);
    while (used.count(name))
      name += "_";
    used.insert(name);
    info.outs.push_back(name);
  }
  return info;
}

std::string cString(const std::string &s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string join(const std::vector<std::string> &items,
                 const std::string &sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i)
    out += (i ? sep : "") + items[i];
  return out;
}

/// "add(x: f32[n,k], y: f32[n,k]) -> (f32[n,k])"
std::string describe(const EntryInfo &info) {
  std::vector<std::string> args;
  for (size_t i = 0; i < info.argSpecs.size(); ++i)
    args.push_back(info.params[i] + ": " + info.argSpecs[i]);
  return info.entry->entry + "(" + join(args, ", ") + ") -> (" +
         join(info.resultSpecs, ", ") + ")";
}

void emitPrologue(std::ostream &os, const std::string &module,
                  const std::vector<EntryInfo> &infos) {
  os << "/*===- " << module << ".h - generated by nxc, do not edit -===*\n"
     << " *\n"
     << " * C and C++ API of the nxc-compiled module `" << module << "`.\n"
     << " * Link the module's object file and libnxrt (target `nxrt`), and\n"
     << " * put nxc's runtime/include on the include path. Entries:\n"
     << " *\n";
  for (const EntryInfo &info : infos)
    os << " *   " << describe(info) << "\n"
       << " *     signature: " << info.entry->signature << "\n";
  os << " *\n"
     << " * C: `int " << module << "_<entry>(const nxrt_tensor *args,\n"
     << " *     nxrt_tensor *results, char *err, size_t err_len)`; results\n"
     << " * with data == NULL are allocated (free them with "
        "nxrt_tensor_free).\n"
     << " * C++: `" << module
     << "::<entry>(inputs...)` returns the result(s);\n"
     << " * `" << module << "::<entry>(inputs..., outs...)` writes into\n"
     << " * caller-owned tensors (a null nxrt::Tensor is allocated).\n"
     << " *===----------------------------------------------------------===*/"
        "\n\n";
  std::string guard = "NXC_MODULE_" + module + "_H";
  std::transform(guard.begin(), guard.end(), guard.begin(), [](char c) {
    return std::toupper(static_cast<unsigned char>(c));
  });
  os << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stddef.h>\n"
     << "#include \"nxrt/nxrt_c.h\"\n\n"
     << "#ifdef __cplusplus\n"
     << "#include \"nxrt/nxrt.h\"\n"
     << "#include <tuple>\n"
     << "#include <utility>\n"
     << "#include <vector>\n"
     << "extern \"C\" {\n"
     << "#endif\n\n";
  for (const EntryInfo &info : infos)
    os << "/* " << info.entry->signature << " */\n"
       << "void " << info.symbol << "(void **args);\n"
       << "extern const char " << info.symbol << "_signature[];\n\n";
  os << "#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n";
}

void emitCWrapper(std::ostream &os, const std::string &module,
                  const EntryInfo &info) {
  os << "/* " << describe(info) << "\n"
     << " * args[" << info.argSpecs.size() << "], results["
     << info.resultSpecs.size() << "]; returns 0 on success. */\n"
     << "static inline int " << module << "_" << info.entry->entry
     << "(const nxrt_tensor *args, nxrt_tensor *results, char *err,\n"
     << "    size_t err_len) {\n"
     << "  return nxrt_invoke_c(" << info.symbol << "_signature, &"
     << info.symbol << ", args, " << info.argSpecs.size() << ", results, "
     << info.resultSpecs.size() << ", err, err_len);\n"
     << "}\n\n";
}

void emitCppWrappers(std::ostream &os, const EntryInfo &info) {
  const std::string &name = info.entry->entry;
  std::string sigFn = "nxc_detail::" + name + "_signature";
  std::vector<std::string> inParams, outParams;
  for (const std::string &p : info.params)
    inParams.push_back("const nxrt::Tensor &" + p);
  for (const std::string &o : info.outs)
    outParams.push_back("nxrt::Tensor &" + o);
  std::vector<std::string> names;
  for (const std::string &n : info.entry->argNames)
    names.push_back(cString(n));

  os << "namespace nxc_detail {\n"
     << "/// The parsed signature of `" << name << "`, parsed on first use.\n"
     << "inline const nxrt::Result<nxrt::Signature> &" << name
     << "_signature() {\n"
     << "  static const nxrt::Result<nxrt::Signature> sig = [] {\n"
     << "    nxrt::Result<nxrt::Signature> s = nxrt::parseSignature("
     << info.symbol << "_signature);\n"
     << "    if (s)\n"
     << "      s->argNames = {" << join(names, ", ") << "};\n"
     << "    return s;\n"
     << "  }();\n"
     << "  return sig;\n"
     << "}\n"
     << "} // namespace nxc_detail\n\n";

  std::string call = "  nxrt::Status st = nxrt::invoke(*sig, &" + info.symbol +
                     ", {" + join(info.params, ", ") + "}, results);\n";
  size_t nres = info.resultSpecs.size();
  // Returning form.
  std::string retType =
      nres == 0 ? "nxrt::Status"
      : nres == 1
          ? "nxrt::Result<nxrt::Tensor>"
          : "nxrt::Result<std::tuple<" +
                join(std::vector<std::string>(nres, "nxrt::Tensor"), ", ") +
                ">>";
  os << "/// " << describe(info) << "\n"
     << "inline " << retType << " " << name << "(" << join(inParams, ", ")
     << ") {\n"
     << "  const nxrt::Result<nxrt::Signature> &sig = " << sigFn << "();\n"
     << "  if (!sig)\n    return sig.status();\n"
     << "  std::vector<nxrt::Tensor> results;\n"
     << call << "  if (!st)\n    return st;\n";
  if (nres == 0) {
    os << "  return st;\n";
  } else if (nres == 1) {
    os << "  return std::move(results[0]);\n";
  } else {
    std::vector<std::string> elems;
    for (size_t i = 0; i < nres; ++i)
      elems.push_back("std::move(results[" + std::to_string(i) + "])");
    os << "  return std::make_tuple(" << join(elems, ", ") << ");\n";
  }
  os << "}\n\n";
  if (nres == 0)
    return;

  // Destination-passing form.
  std::vector<std::string> all = inParams;
  all.insert(all.end(), outParams.begin(), outParams.end());
  os << "/// " << describe(info) << ", into caller-owned `"
     << join(info.outs, "`, `") << "` (null tensors are allocated).\n"
     << "inline nxrt::Status " << name << "(" << join(all, ", ") << ") {\n"
     << "  const nxrt::Result<nxrt::Signature> &sig = " << sigFn << "();\n"
     << "  if (!sig)\n    return sig.status();\n"
     << "  std::vector<nxrt::Tensor> results{" << join(info.outs, ", ")
     << "};\n"
     << call << "  if (!st)\n    return st;\n";
  for (size_t i = 0; i < nres; ++i)
    os << "  " << info.outs[i] << " = std::move(results[" << i << "]);\n";
  os << "  return st;\n}\n\n";
}

} // namespace

std::string generateModuleHeader(const std::string &moduleName,
                                 const std::vector<HeaderEntry> &entries) {
  std::vector<EntryInfo> infos;
  for (const HeaderEntry &e : entries)
    infos.push_back(analyze(moduleName, e));
  std::ostringstream os;
  emitPrologue(os, moduleName, infos);
  for (const EntryInfo &info : infos)
    emitCWrapper(os, moduleName, info);
  os << "#ifdef __cplusplus\n"
     << "namespace " << moduleName << " {\n\n";
  for (const EntryInfo &info : infos)
    emitCppWrappers(os, info);
  os << "} // namespace " << moduleName << "\n"
     << "#endif // __cplusplus\n\n"
     << "#endif\n";
  return os.str();
}

} // namespace nxc
