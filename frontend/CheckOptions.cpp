//===- CheckOptions.cpp - Keyword options, axes, shapes, the Nx table ------===//
//
// This file implements the Checker helpers that read compile-time arguments
// (keyword options, axes, dtypes, shape tuples) and the registry of the Nx
// functions the checker knows, assembled from the CheckNx*.cpp families.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"
#include "frontend/Frontend.h"

#include <algorithm>

namespace nxc {

static bool constInt(const Expr &e, int64_t &v) {
  if (e.kind == Expr::Kind::Int) {
    v = e.intValue;
    return true;
  }
  if (e.kind == Expr::Kind::Unary && e.name == "-" &&
      e.elems[0]->kind == Expr::Kind::Int) {
    v = -e.elems[0]->intValue;
    return true;
  }
  return false;
}

/// Whether an option is an expression to evaluate at compile time: a
/// variable, a call (`Nx.axis_size(t, 0)`, `Nx.type(x)`) or arithmetic on
/// them, rather than a literal.
static bool isComputed(const Expr &e) {
  switch (e.kind) {
  case Expr::Kind::Var:
  case Expr::Kind::Call:
  case Expr::Kind::Binary:
    return true;
  case Expr::Kind::Unary:
    return isComputed(*e.elems[0]);
  default:
    return false;
  }
}

bool Checker::optionInt(const Expr &e, const std::string &what,
                        int64_t &outV) {
  if (constInt(e, outV))
    return true;
  if (isComputed(e)) {
    Value v = check(e);
    if (v.isInvalid())
      return false;
    if (v.kind == Value::Kind::Number && !v.isFloatNumber) {
      outV = v.intValue;
      return true;
    }
  }
  diagnose(e.loc, DiagKind::OptionNotInt, what);
  return false;
}

bool Checker::optionBool(const Expr &e, const std::string &what, bool &outV) {
  if (e.kind == Expr::Kind::Bool) {
    outV = e.boolValue;
    return true;
  }
  if (isComputed(e)) {
    Value v = check(e);
    if (v.isInvalid())
      return false;
    if (v.kind == Value::Kind::Static && v.expr &&
        v.expr->kind == Expr::Kind::Bool)
      return optionBool(*v.expr, what, outV);
  }
  diagnose(e.loc, DiagKind::OptionNotBool, what);
  return false;
}

bool Checker::optionIntList(const Expr &e, const std::string &what,
                            std::vector<int64_t> &outV) {
  if (isComputed(e)) {
    Value v = check(e);
    if (v.isInvalid())
      return false;
    if (v.kind == Value::Kind::Static && v.expr &&
        v.expr->kind == Expr::Kind::List)
      return optionIntList(*v.expr, what, outV);
  }
  if (e.kind == Expr::Kind::List) {
    for (auto &x : e.elems) {
      int64_t v;
      if (!constInt(*x, v)) {
        Value c = isComputed(*x) ? check(*x) : Value();
        if (isComputed(*x) && c.isInvalid())
          return false;
        if (c.kind != Value::Kind::Number || c.isFloatNumber) {
          diagnose(x->loc, DiagKind::OptionNotIntList, what);
          return false;
        }
        v = c.intValue;
      }
      outV.push_back(v);
    }
    return true;
  }
  diagnose(e.loc, DiagKind::OptionNotIntList, what);
  return false;
}

bool Checker::optionDType(const Expr &e, const std::string &what,
                          DType &outV) {
  std::string name;
  if (isComputed(e)) {
    Value v = check(e);
    if (v.isInvalid())
      return false;
    if (v.kind == Value::Kind::Static && v.expr)
      return optionDType(*v.expr, what, outV);
  }
  if (e.kind == Expr::Kind::Atom) {
    name = e.name;
  } else if (e.kind == Expr::Kind::Tuple && e.elems.size() == 2 &&
             e.elems[0]->kind == Expr::Kind::Atom &&
             e.elems[1]->kind == Expr::Kind::Int) {
    name = e.elems[0]->name + std::to_string(e.elems[1]->intValue);
  } else {
    diagnose(e.loc, DiagKind::OptionNotType, what);
    return false;
  }
  if (parseDType(name, outV))
    return true;
  diagnose(e.loc, DiagKind::UnsupportedDType, name);
  return false;
}

bool Checker::normalizeAxis(int64_t &axis, size_t rank, SourceLoc loc,
                            const std::string &what) {
  int64_t r = static_cast<int64_t>(rank);
  if (axis < -r || axis >= r) {
    diagnose(loc, DiagKind::AxisOutOfRange, axis, what, rank);
    return false;
  }
  if (axis < 0)
    axis += r;
  return true;
}

bool Checker::normalizeAxes(std::vector<int64_t> &axes, size_t rank,
                            SourceLoc loc, const std::string &what,
                            bool sort) {
  std::vector<int64_t> seen;
  for (int64_t &a : axes) {
    int64_t orig = a;
    if (!normalizeAxis(a, rank, loc, what))
      return false;
    if (std::find(seen.begin(), seen.end(), a) != seen.end()) {
      diagnose(loc, DiagKind::AxisRepeated, orig, what);
      return false;
    }
    seen.push_back(a);
  }
  if (sort)
    std::sort(axes.begin(), axes.end());
  return true;
}

bool Checker::shapeArg(const Value &v, const std::string &what,
                       bool allowAuto, std::vector<Dim> &outV) {
  if (v.kind == Value::Kind::Tensor) {
    outV = typeOf(v).shape;
    return true;
  }
  if (v.kind == Value::Kind::Number && !v.isFloatNumber) {
    // Nx accepts a bare integer for a rank-1 shape in a few places (eye).
    if (v.intValue < 0) {
      diagnose(v.loc,
               allowAuto ? DiagKind::ShapeNotSizesOrAuto
                         : DiagKind::ShapeNotSizes,
               what);
      return false;
    }
    outV.push_back(Dim{v.intValue, ""});
    return true;
  }
  if (v.kind != Value::Kind::Tuple) {
    diagnose(v.loc, DiagKind::ShapeArgNotShape, what);
    return false;
  }
  bool sawAuto = false;
  for (const Value &e : v.elems) {
    if (e.kind == Value::Kind::Number && !e.isFloatNumber &&
        e.intValue >= 0) {
      outV.push_back(Dim{e.intValue, ""});
      continue;
    }
    if (e.kind == Value::Kind::Tensor && !e.sizeSym.empty()) {
      outV.push_back(Dim{-1, e.sizeSym}); // a size read from a shape
      continue;
    }
    if (allowAuto && e.kind == Value::Kind::Static &&
        e.expr->kind == Expr::Kind::Atom && e.expr->name == "auto") {
      if (sawAuto) {
        diagnose(e.loc, DiagKind::ShapeAutoRepeated, what);
        return false;
      }
      sawAuto = true;
      outV.push_back(Dim{-2, ""});
      continue;
    }
    diagnose(e.loc,
             allowAuto ? DiagKind::ShapeNotSizesOrAuto : DiagKind::ShapeNotSizes,
             what);
    return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// The registry
//===----------------------------------------------------------------------===//

static const std::vector<NxFunctionInfo> &table() {
  static const std::vector<NxFunctionInfo> t = [] {
    std::vector<NxFunctionInfo> v;
    registerElementwise(v);
    registerReductions(v);
    registerShapeOps(v);
    registerDot(v);
    registerCreation(v);
    registerIndexing(v);
    registerSort(v);
    registerWindow(v);
    registerBitwise(v);
    registerLinAlg(v);
    registerLinAlg2(v);
    registerStats(v);
    registerComposite(v);
    registerFunctional(v);
    registerRandom(v);
    registerMiscElementwise(v);
    registerIntrospection(v);
    registerGrad(v);
    registerKeywords(v);
    registerTree(v);
    return v;
  }();
  return t;
}

const NxFunctionInfo *lookupNxFunction(const std::string &module,
                                       const std::string &name) {
  for (const NxFunctionInfo &f : table())
    if (module == f.module && name == f.name)
      return &f;
  return nullptr;
}

std::vector<std::string> listFunctions() {
  std::vector<std::string> out;
  for (const NxFunctionInfo &f : table()) {
    unsigned hi = f.maxArgs + (f.options.empty() ? 0 : 1);
    std::string s = std::string(f.module) + "." + f.name + "/" +
                    std::to_string(f.minArgs);
    if (hi != f.minArgs)
      s += ".." + std::to_string(hi);
    out.push_back(s);
  }
  return out;
}

bool isNxModule(const std::string &module) {
  for (const NxFunctionInfo &f : table())
    if (module == f.module)
      return true;
  return false;
}

} // namespace nxc
