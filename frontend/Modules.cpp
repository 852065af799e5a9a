//===- Modules.cpp - Linking the modules a program calls ------------------===//
//
// This file implements linkModules(): it gathers the modules of the files
// being compiled, loads the modules they call from the search path (module
// `A.BcD` lives in `a/bc_d.nx`, Elixir's Macro.underscore), expands `alias`es
// and `import`s, and checks every call between modules (unknown modules and
// functions, arity, `defnp` privacy, import conflicts). The result is one
// ParsedModule for the Checker: the primary module (the first one with an
// `@entry`) keeps its defn names, every other module's defns are renamed
// `Mod.Name.fun`, and each call is rewritten into a local call of that name.
// Only the modules of the files given to nxc contribute entries.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"
#include "frontend/Frontend.h"

#include <cctype>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

namespace nxc {
namespace {

//===----------------------------------------------------------------------===//
// Source locations of a loaded file
//===----------------------------------------------------------------------===//

void stampExpr(Expr &e, unsigned id);

void stampBlock(StmtList &b, unsigned id) {
  for (Stmt &s : b) {
    s.loc.file = id;
    for (auto &p : s.patterns)
      stampExpr(*p, id);
    if (s.value)
      stampExpr(*s.value, id);
  }
}

void stampExpr(Expr &e, unsigned id) {
  e.loc.file = id;
  for (SourceLoc &l : e.keyLocs)
    l.file = id;
  for (auto &x : e.elems)
    if (x)
      stampExpr(*x, id);
  for (StmtList &b : e.blocks)
    stampBlock(b, id);
}

void stampType(TypeSpec &t, unsigned id) {
  t.loc.file = id;
  for (auto &d : t.dims)
    d.loc.file = id;
  for (auto &x : t.elements)
    stampType(x, id);
}

void stampModule(ModuleDecl &m, unsigned id) {
  m.loc.file = id;
  for (UseDecl &u : m.uses)
    u.loc.file = id;
  for (EntryDecl &e : m.entries) {
    e.loc.file = id;
    for (TypeSpec &t : e.args)
      stampType(t, id);
    stampType(e.result, id);
  }
  for (DefnDecl &d : m.defns) {
    d.loc.file = id;
    for (auto &p : d.params)
      stampExpr(*p, id);
    stampBlock(d.body, id);
  }
}

/// Elixir's Macro.underscore: `NxStd.Activations` -> `nx_std/activations`.
std::string underscore(const std::string &name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '.') {
      out += '/';
      continue;
    }
    if (std::isupper(static_cast<unsigned char>(c)) && i > 0 &&
        name[i - 1] != '.') {
      char p = name[i - 1];
      bool nextLower = i + 1 < name.size() &&
                       std::islower(static_cast<unsigned char>(name[i + 1]));
      if (std::islower(static_cast<unsigned char>(p)) ||
          std::isdigit(static_cast<unsigned char>(p)) ||
          (std::isupper(static_cast<unsigned char>(p)) && nextLower))
        out += '_';
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string plural(size_t n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

//===----------------------------------------------------------------------===//
// The linker
//===----------------------------------------------------------------------===//

struct ModuleInfo {
  ModuleDecl *decl = nullptr;
  bool fromInput = false; ///< in a file given to nxc (its entries count)
  std::string qualifier;  ///< prefix of its defns' linked names
};

class Linker {
public:
  Linker(DiagnosticEngine &diags, const std::vector<std::string> &dirs)
      : diags(diags), dirs(dirs) {}

  std::unique_ptr<ParsedModule>
  link(std::vector<std::unique_ptr<ParsedModule>> inputs);

private:
  bool addFile(std::unique_ptr<ParsedModule> pm, bool input);
  ModuleInfo *findModule(const std::string &name);
  const DefnDecl *findDefn(const ModuleDecl &m, const std::string &name,
                           size_t arity);
  void checkUses(ModuleInfo &m);
  void rewriteBlock(StmtList &b, ModuleInfo &m);
  void rewriteExpr(Expr &e, ModuleInfo &m);
  void rewriteLocal(Expr &e, size_t arity, ModuleInfo &m);
  void rewriteRemote(Expr &e, size_t arity, ModuleInfo &m);

  template <typename... Args>
  void diagnose(SourceLoc loc, DiagKind kind, const Args &...args) {
    if (diagKindInfo(kind).severity == Severity::Error)
      ok = false;
    diags.diagnose(loc, kind, args...);
  }

  DiagnosticEngine &diags;
  std::vector<std::string> dirs;
  /// Modules whose file was found but did not parse (already reported).
  std::set<std::string> unparsable;
  std::vector<std::unique_ptr<ParsedModule>> files;
  std::map<std::string, ModuleInfo> modules;
  std::vector<std::string> order; ///< module names in the order loaded
  bool ok = true;
};

bool Linker::addFile(std::unique_ptr<ParsedModule> pm, bool input) {
  std::vector<ModuleDecl *> decls{&pm->module};
  for (ModuleDecl &m : pm->others)
    decls.push_back(&m);
  for (ModuleDecl *m : decls) {
    stampModule(*m, pm->fileId);
    auto it = modules.find(m->name);
    if (it != modules.end()) {
      diagnose(m->loc, DiagKind::ModuleDuplicate, m->name);
      diagnose(it->second.decl->loc, DiagKind::PreviousModule, m->name);
      continue;
    }
    ModuleInfo &info = modules[m->name];
    info.decl = m;
    info.fromInput = input;
    info.qualifier = m->name + ".";
    order.push_back(m->name);
  }
  files.push_back(std::move(pm));
  return true;
}

ModuleInfo *Linker::findModule(const std::string &name) {
  auto it = modules.find(name);
  if (it != modules.end())
    return &it->second;
  if (unparsable.count(name))
    return nullptr; // its syntax errors were reported once
  std::string rel = underscore(name) + ".nx";
  for (const std::string &dir : dirs) {
    std::filesystem::path p = std::filesystem::path(dir) / rel;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec))
      continue;
    std::unique_ptr<ParsedModule> pm = parseFile(p.string(), diags);
    if (!pm) {
      unparsable.insert(name);
      ok = false;
      return nullptr;
    }
    addFile(std::move(pm), /*input=*/false);
    it = modules.find(name);
    return it == modules.end() ? nullptr : &it->second;
  }
  return nullptr;
}

const DefnDecl *Linker::findDefn(const ModuleDecl &m, const std::string &name,
                                 size_t arity) {
  for (const DefnDecl &d : m.defns)
    if (d.name == name && d.params.size() == arity)
      return &d;
  return nullptr;
}

/// Reports that module `name`, called at `loc`, was found nowhere.
void reportUnknown(DiagnosticEngine &diags, SourceLoc loc,
                   const std::string &name,
                   const std::vector<std::string> &dirs) {
  diags.diagnose(loc, DiagKind::UnknownModule, name, underscore(name) + ".nx");
  std::string list;
  for (const std::string &d : dirs)
    list += (list.empty() ? "`" : ", `") + d + "`";
  SourceLoc fileOnly; // the file of the call, without a line and caret
  fileOnly.file = loc.file;
  diags.diagnose(fileOnly, DiagKind::ModuleSearched,
                 list.empty() ? std::string("no directories") : list);
}

void Linker::checkUses(ModuleInfo &m) {
  for (const UseDecl &u : m.decl->uses) {
    if (!u.isImport || isNxModule(u.target))
      continue;
    if (u.target == m.decl->name) {
      diagnose(u.loc, DiagKind::ImportSelf, u.target, "import");
      continue;
    }
    if (!findModule(u.target)) {
      ok = false;
      if (!unparsable.count(u.target))
        reportUnknown(diags, u.loc, u.target, dirs);
    }
  }
}

void Linker::rewriteLocal(Expr &e, size_t arity, ModuleInfo &m) {
  const DefnDecl *local = findDefn(*m.decl, e.name, arity);
  std::vector<std::pair<const UseDecl *, ModuleInfo *>> found;
  for (const UseDecl &u : m.decl->uses) {
    if (!u.isImport || u.target == m.decl->name)
      continue;
    auto it = modules.find(u.target);
    if (it == modules.end())
      continue;
    const DefnDecl *d = findDefn(*it->second.decl, e.name, arity);
    if (d && !d->isPrivate)
      found.push_back({&u, &it->second});
  }
  if ((local && !found.empty()) || found.size() > 1) {
    std::string first = local ? "`" + m.decl->name + "`"
                              : "`" + found[0].second->decl->name + "`";
    const auto &other = local ? found[0] : found[1];
    diagnose(e.loc, DiagKind::ImportConflict, e.name, arity, first,
             "`" + other.second->decl->name + "`");
    diagnose(other.first->loc, DiagKind::ImportedHere,
             other.second->decl->name);
    return;
  }
  if (local) {
    e.name = m.qualifier + e.name;
  } else if (!found.empty()) {
    e.name = found[0].second->qualifier + e.name;
  } else if (!lookupImportedFunction(e.name, arity)) {
    diagnose(e.loc, DiagKind::UndefinedFunction, e.name, arity);
    for (const DefnDecl &d : m.decl->defns)
      if (d.name == e.name) {
        diagnose(d.loc, DiagKind::DefinedWithArity, d.name,
                 plural(d.params.size(), "argument"));
        break;
      }
  }
}

void Linker::rewriteRemote(Expr &e, size_t arity, ModuleInfo &m) {
  std::string target = e.module;
  std::string head = target.substr(0, target.find('.'));
  for (const UseDecl &u : m.decl->uses)
    if (!u.isImport && u.as == head)
      target = u.target + target.substr(head.size());
  if (isNxModule(target)) {
    e.module = target;
    return; // the Checker resolves Nx functions
  }
  ModuleInfo *t = findModule(target);
  if (!t) {
    if (target == "Nx" || target.rfind("Nx.", 0) == 0)
      return; // an unknown Nx function: the Checker says so
    ok = false;
    // The caret goes under the module name, which ends just before `.name`.
    SourceLoc at = e.loc;
    if (e.kind == Expr::Kind::Call && at.col > e.module.size() + 1)
      at.col -= static_cast<uint32_t>(e.module.size() + 1);
    else if (e.kind == Expr::Kind::FnRef)
      at.col += 1; // after the `&`
    if (!unparsable.count(target))
      reportUnknown(diags, at, target, dirs);
    return;
  }
  const DefnDecl *d = findDefn(*t->decl, e.name, arity);
  if (!d) {
    diagnose(e.loc, DiagKind::ModuleFunctionUndefined, target, e.name, arity);
    for (const DefnDecl &x : t->decl->defns)
      if (x.name == e.name) {
        diagnose(x.loc, DiagKind::FunctionDefinedHere, x.name,
                 plural(x.params.size(), "argument"));
        return;
      }
    diagnose(t->decl->loc, DiagKind::ModuleDefinedHere, target);
    return;
  }
  if (d->isPrivate && t != &m) {
    diagnose(e.loc, DiagKind::PrivateFunctionCall, target, e.name, arity);
    diagnose(d->loc, DiagKind::PrivateDefinedHere, d->name);
    return;
  }
  e.module.clear();
  e.name = t->qualifier + e.name;
}

void Linker::rewriteExpr(Expr &e, ModuleInfo &m) {
  if (e.kind == Expr::Kind::Call || e.kind == Expr::Kind::FnRef) {
    size_t arity = e.kind == Expr::Kind::Call ? e.elems.size()
                                              : static_cast<size_t>(e.intValue);
    if (e.module.empty())
      rewriteLocal(e, arity, m);
    else
      rewriteRemote(e, arity, m);
  }
  for (auto &x : e.elems)
    if (x)
      rewriteExpr(*x, m);
  for (StmtList &b : e.blocks)
    rewriteBlock(b, m);
}

void Linker::rewriteBlock(StmtList &b, ModuleInfo &m) {
  for (Stmt &s : b)
    if (s.value)
      rewriteExpr(*s.value, m);
}

std::unique_ptr<ParsedModule>
Linker::link(std::vector<std::unique_ptr<ParsedModule>> inputs) {
  unsigned mainId = inputs[0]->fileId;
  std::string mainFile = inputs[0]->filename;
  for (auto &pm : inputs)
    addFile(std::move(pm), /*input=*/true);
  // The primary module: the first with an `@entry`, else the first.
  std::string primary = order[0];
  for (const std::string &n : order)
    if (!modules[n].decl->entries.empty()) {
      primary = n;
      break;
    }
  modules[primary].qualifier.clear();
  // Rewriting may load more modules; `order` grows as it goes.
  for (size_t i = 0; i < order.size(); ++i) {
    ModuleInfo &m = modules[order[i]];
    checkUses(m);
    for (DefnDecl &d : m.decl->defns) {
      for (auto &p : d.params)
        rewriteExpr(*p, m);
      rewriteBlock(d.body, m);
    }
  }
  diags.selectSource(mainId);
  if (!ok)
    return nullptr;

  auto out = std::make_unique<ParsedModule>();
  out->filename = mainFile;
  out->fileId = mainId;
  ModuleDecl &pm = *modules[primary].decl;
  out->module.name = pm.name;
  out->module.loc = pm.loc;
  for (const std::string &n : order) {
    ModuleInfo &m = modules[n];
    if (m.fromInput)
      for (EntryDecl &e : m.decl->entries) {
        e.defn = m.qualifier + e.name;
        out->module.entries.push_back(std::move(e));
      }
    for (DefnDecl &d : m.decl->defns) {
      d.name = m.qualifier + d.name;
      out->module.defns.push_back(std::move(d));
    }
  }
  // Keep the parsed files alive: nothing in `out` points into them, but
  // their buffers are small and this keeps ownership simple.
  return out;
}

} // namespace

std::unique_ptr<ParsedModule>
linkModules(std::vector<std::unique_ptr<ParsedModule>> inputs,
            const std::vector<std::string> &searchDirs,
            DiagnosticEngine &diags) {
  if (inputs.empty())
    return nullptr;
  // One file with one module and no uses needs no linking.
  if (inputs.size() == 1 && inputs[0]->others.empty() &&
      inputs[0]->module.uses.empty()) {
    bool remote = false;
    std::function<void(const Expr &)> scan = [&](const Expr &e) {
      if ((e.kind == Expr::Kind::Call || e.kind == Expr::Kind::FnRef) &&
          !e.module.empty() && !isNxModule(e.module))
        remote = true;
      for (auto &x : e.elems)
        if (x)
          scan(*x);
      for (const StmtList &b : e.blocks)
        for (const Stmt &s : b)
          if (s.value)
            scan(*s.value);
    };
    for (const DefnDecl &d : inputs[0]->module.defns)
      for (const Stmt &s : d.body)
        if (s.value)
          scan(*s.value);
    if (!remote)
      return std::move(inputs[0]);
  }
  try {
    return Linker(diags, searchDirs).link(std::move(inputs));
  } catch (const std::exception &e) {
    diags.diagnose({}, DiagKind::InternalError, "linking modules", e.what());
  }
  return nullptr;
}

} // namespace nxc
