//===- TypedIRPrinter.cpp - `nxc emit --stage=typed` ------------------------===//
//
// This file implements printTypedIR: one function per block, one node per
// line, e.g. `%3 = add(%1, %2) : f32[n, k]  # 5:9`.
//
//===----------------------------------------------------------------------===//

#include "frontend/Frontend.h"

#include <iomanip>
#include <sstream>

namespace nxc {
namespace {

std::string formatDouble(double v) {
  std::ostringstream ss;
  ss << std::setprecision(9) << v;
  std::string s = ss.str();
  if (s.find_first_of(".eEn") == std::string::npos)
    s += ".0";
  return s;
}

void printConstant(const TNode &n, std::ostream &os) {
  os << "constant [";
  size_t count = n.floats.empty() ? n.ints.size() : n.floats.size();
  size_t shown = std::min<size_t>(count, 16);
  for (size_t i = 0; i < shown; ++i) {
    if (i)
      os << ", ";
    if (n.floats.empty())
      os << n.ints[i];
    else
      os << formatDouble(n.floats[i]);
  }
  if (shown < count)
    os << ", ... (" << count << " elements)";
  os << "]";
}

void printAttrs(const TNode &n, std::ostream &os) {
  std::vector<std::string> parts;
  for (auto &a : n.i64Arrays) {
    std::string s = a.first + " = [";
    for (size_t i = 0; i < a.second.size(); ++i)
      s += (i ? ", " : "") + std::to_string(a.second[i]);
    parts.push_back(s + "]");
  }
  for (auto &a : n.i64s)
    parts.push_back(a.first + " = " + std::to_string(a.second));
  for (auto &a : n.bools)
    parts.push_back(a.first + " = " + (a.second ? "true" : "false"));
  for (auto &a : n.strs)
    parts.push_back(a.first + " = \"" + a.second + "\"");
  if (parts.empty())
    return;
  os << " {";
  for (size_t i = 0; i < parts.size(); ++i)
    os << (i ? ", " : "") << parts[i];
  os << "}";
}

void printOperands(const TNode &n, std::ostream &os) {
  os << "(";
  for (size_t i = 0; i < n.operands.size(); ++i)
    os << (i ? ", " : "") << "%" << n.operands[i];
  os << ")";
}

void printNode(const TypedModule &m, const TFunction &f, int i,
               const std::string &pad, std::ostream &os);

/// A region: `then {` / `cond(s64[], f32[]) {`, its nodes, `yield ...`, `}`.
void printRegion(const TypedModule &m, const TFunction &f, const TRegion &r,
                 const char *name, const std::string &pad, std::ostream &os) {
  os << pad << "  " << name;
  if (!r.args.empty()) {
    os << "(";
    for (size_t i = 0; i < r.args.size(); ++i)
      os << (i ? ", " : "") << toString(r.args[i]);
    os << ")";
  }
  os << " {\n";
  for (int id : r.nodes)
    printNode(m, f, id, pad + "    ", os);
  os << pad << "    yield";
  for (size_t i = 0; i < r.results.size(); ++i)
    os << (i ? ", %" : " %") << r.results[i];
  os << "\n" << pad << "  }\n";
}

void printNode(const TypedModule &m, const TFunction &f, int i,
               const std::string &pad, std::ostream &os) {
  const TNode &n = f.nodes[i];
  os << pad << "%" << i << " = ";
  switch (n.kind) {
  case TNode::Kind::Param:
    os << "param " << n.index;
    break;
  case TNode::Kind::Constant:
    printConstant(n, os);
    break;
  case TNode::Kind::Prim:
    os << n.op;
    printOperands(n, os);
    printAttrs(n, os);
    break;
  case TNode::Kind::Call:
    os << "call @"
       << (n.callee >= 0 && n.callee < static_cast<int>(m.functions.size())
               ? m.functions[n.callee].name
               : "?");
    printOperands(n, os);
    break;
  case TNode::Kind::MakeTuple:
    os << "tuple";
    printOperands(n, os);
    break;
  case TNode::Kind::GetElem:
    os << "get_elem %" << n.operands[0] << ", " << n.index;
    break;
  case TNode::Kind::If:
    os << "if";
    printOperands(n, os);
    break;
  case TNode::Kind::While:
    os << "while";
    printOperands(n, os);
    break;
  case TNode::Kind::RegionArg:
    os << "region_arg " << n.index;
    break;
  }
  os << " : " << toString(n.type) << "  # ";
  // A parameter's comment names it, as the function's names its defn.
  if (n.kind == TNode::Kind::Param && n.index >= 0 &&
      n.index < static_cast<int>(f.paramNames.size()))
    os << f.paramNames[n.index] << " ";
  os << n.loc.line << ":" << n.loc.col << "\n";
  static const char *ifNames[] = {"then", "else"};
  static const char *whileNames[] = {"cond", "body"};
  for (size_t r = 0; r < n.regions.size() && r < 2; ++r)
    printRegion(m, f, n.regions[r],
                n.kind == TNode::Kind::If      ? ifNames[r]
                : n.kind == TNode::Kind::While ? whileNames[r]
                                               : "combiner",
                pad, os);
}

} // namespace

void printTypedIR(const TypedModule &m, std::ostream &os) {
  os << "module " << m.name << "\n";
  for (const TFunction &f : m.functions) {
    os << "\nfunc @" << f.name << "(";
    for (size_t i = 0; i < f.params.size(); ++i)
      os << (i ? ", " : "") << toString(f.params[i]);
    os << ")";
    if (f.result >= 0 && f.result < static_cast<int>(f.nodes.size()))
      os << " -> " << toString(f.nodes[f.result].type);
    if (f.isEntry)
      os << " entry \"" << f.signature << "\"";
    os << "  # " << f.source << " " << f.loc.line << ":" << f.loc.col
       << "\n";
    // Nodes inside regions are printed with their If or While.
    std::vector<bool> nested(f.nodes.size(), false);
    for (const TNode &n : f.nodes)
      for (const TRegion &r : n.regions)
        for (int id : r.nodes)
          if (id >= 0 && id < static_cast<int>(nested.size()))
            nested[id] = true;
    for (size_t i = 0; i < f.nodes.size(); ++i)
      if (!nested[i])
        printNode(m, f, static_cast<int>(i), "  ", os);
    os << "  return %" << f.result << "\n";
  }
}

} // namespace nxc
