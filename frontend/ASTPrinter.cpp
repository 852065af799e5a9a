//===- ASTPrinter.cpp - `nxc emit --stage=ast` ----------------------------===//
//
// This file implements printAST: an indented S-expression dump of the AST in
// which every node carries its `@line:col` location.
//
//===----------------------------------------------------------------------===//

#include "frontend/Frontend.h"

#include <iomanip>
#include <sstream>

namespace nxc {
namespace {

std::string at(SourceLoc loc) {
  return "@" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

std::string formatFloat(double v) {
  std::ostringstream ss;
  ss << std::setprecision(17) << v;
  std::string s = ss.str();
  if (s.find_first_of(".eEn") == std::string::npos)
    s += ".0";
  return s;
}

void printStmts(const StmtList &body, std::ostream &os, int indent);

void printExpr(const Expr &e, std::ostream &os, int indent) {
  std::string pad(indent * 2, ' ');
  os << pad;
  switch (e.kind) {
  case Expr::Kind::Int:
    os << "(int " << e.intValue << " " << at(e.loc) << ")\n";
    return;
  case Expr::Kind::Float:
    os << "(float " << formatFloat(e.floatValue) << " " << at(e.loc) << ")\n";
    return;
  case Expr::Kind::Atom:
    os << "(atom :" << e.name << " " << at(e.loc) << ")\n";
    return;
  case Expr::Kind::Bool:
    os << "(bool " << (e.boolValue ? "true" : "false") << " " << at(e.loc)
       << ")\n";
    return;
  case Expr::Kind::Nil:
    os << "(nil " << at(e.loc) << ")\n";
    return;
  case Expr::Kind::String:
    os << "(string " << e.name << " " << at(e.loc) << ")\n";
    return;
  case Expr::Kind::Var:
    os << "(var " << e.name << " " << at(e.loc) << ")\n";
    return;
  case Expr::Kind::Tuple:
    os << "(tuple " << at(e.loc);
    break;
  case Expr::Kind::List:
    os << "(list " << at(e.loc);
    break;
  case Expr::Kind::Keyword:
    os << "(keyword " << at(e.loc) << "\n";
    for (size_t i = 0; i < e.elems.size(); ++i) {
      os << pad << "  (" << e.keys[i] << ":\n";
      printExpr(*e.elems[i], os, indent + 2);
      os << pad << "  )\n";
    }
    os << pad << ")\n";
    return;
  case Expr::Kind::Call:
    os << "(call " << (e.module.empty() ? "" : e.module + ".") << e.name << " "
       << at(e.loc);
    break;
  case Expr::Kind::Unary:
    os << "(unary " << e.name << " " << at(e.loc);
    break;
  case Expr::Kind::Binary:
    os << "(binary " << e.name << " " << at(e.loc);
    break;
  case Expr::Kind::If:
    os << "(if " << at(e.loc);
    break;
  case Expr::Kind::Cond:
    os << "(cond " << at(e.loc);
    break;
  case Expr::Kind::While:
    os << "(while " << (e.boolValue ? "generator " : "") << at(e.loc);
    break;
  case Expr::Kind::Fn:
    os << "(fn " << at(e.loc);
    break;
  case Expr::Kind::FnRef:
    os << "(fnref " << (e.module.empty() ? "" : e.module + ".") << e.name
       << "/" << e.intValue << " " << at(e.loc) << ")\n";
    return;
  case Expr::Kind::Apply:
    os << "(apply " << at(e.loc);
    break;
  case Expr::Kind::Access:
    os << "(access " << at(e.loc);
    break;
  case Expr::Kind::Case:
    // The subject, then one `(clause pattern (block ...))` per clause.
    os << "(case " << at(e.loc) << "\n";
    printExpr(*e.elems[0], os, indent + 1);
    for (size_t i = 1; i < e.elems.size(); ++i) {
      os << pad << "  (clause\n";
      printExpr(*e.elems[i], os, indent + 2);
      os << pad << "    (block\n";
      printStmts(e.blocks[i - 1], os, indent + 3);
      os << pad << "    )\n" << pad << "  )\n";
    }
    os << pad << ")\n";
    return;
  }
  if (!e.blocks.empty()) {
    os << "\n";
    for (auto &x : e.elems)
      printExpr(*x, os, indent + 1);
    for (const StmtList &b : e.blocks) {
      os << pad << "  (block\n";
      printStmts(b, os, indent + 2);
      os << pad << "  )\n";
    }
    os << pad << ")\n";
    return;
  }
  if (e.elems.empty()) {
    os << ")\n";
    return;
  }
  os << "\n";
  for (auto &x : e.elems)
    printExpr(*x, os, indent + 1);
  os << pad << ")\n";
}

void printTypeSpec(const TypeSpec &t, std::ostream &os) {
  if (t.isTuple) {
    os << "{";
    for (size_t i = 0; i < t.elements.size(); ++i) {
      if (i)
        os << ", ";
      printTypeSpec(t.elements[i], os);
    }
    os << "}";
    return;
  }
  os << t.dtype << "[";
  for (size_t i = 0; i < t.dims.size(); ++i) {
    if (i)
      os << ", ";
    if (t.dims[i].size >= 0)
      os << t.dims[i].size;
    else
      os << t.dims[i].sym;
  }
  os << "]";
}

void printStmts(const StmtList &body, std::ostream &os, int indent) {
  std::string pad(indent * 2, ' ');
  for (const Stmt &s : body) {
    if (s.patterns.empty()) {
      printExpr(*s.value, os, indent);
      continue;
    }
    os << pad << "(match " << at(s.loc) << "\n";
    for (auto &p : s.patterns)
      printExpr(*p, os, indent + 1);
    printExpr(*s.value, os, indent + 1);
    os << pad << ")\n";
  }
}

} // namespace

static void printModule(const ModuleDecl &m, std::ostream &os) {
  os << "(module " << m.name << " " << at(m.loc) << "\n";
  for (const UseDecl &u : m.uses) {
    os << "  (" << (u.isImport ? "import " : "alias ") << u.target;
    if (!u.isImport)
      os << " as " << u.as;
    os << " " << at(u.loc) << ")\n";
  }
  for (const EntryDecl &e : m.entries) {
    os << "  (entry " << e.name << " " << at(e.loc) << " (";
    for (size_t i = 0; i < e.args.size(); ++i) {
      if (i)
        os << ", ";
      printTypeSpec(e.args[i], os);
    }
    os << ") -> ";
    printTypeSpec(e.result, os);
    os << ")\n";
  }
  for (const DefnDecl &d : m.defns) {
    os << "  (" << (d.isPrivate ? "defnp " : "defn ") << d.name << " "
       << at(d.loc) << "\n";
    os << "    (params\n";
    for (auto &p : d.params)
      printExpr(*p, os, 3);
    os << "    )\n";
    printStmts(d.body, os, 2);
    os << "  )\n";
  }
  os << ")\n";
}

void printAST(const ParsedModule &pm, std::ostream &os) {
  printModule(pm.module, os);
  for (const ModuleDecl &m : pm.others)
    printModule(m, os);
}

} // namespace nxc
