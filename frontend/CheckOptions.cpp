//===- CheckOptions.cpp - Keyword options, axes, shapes, the Nx table ------===//
//
// This file implements the Checker helpers that read compile-time arguments
// (keyword options, axes, dtypes, shape tuples) and the registry of the Nx
// functions the checker knows, assembled from the CheckNx*.cpp families.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

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

bool Checker::optionInt(const Expr &e, const std::string &what,
                        int64_t &outV) {
  if (constInt(e, outV))
    return true;
  error(e.loc, what + " must be an integer literal");
  return false;
}

bool Checker::optionBool(const Expr &e, const std::string &what, bool &outV) {
  if (e.kind == Expr::Kind::Bool) {
    outV = e.boolValue;
    return true;
  }
  error(e.loc, what + " must be `true` or `false`");
  return false;
}

bool Checker::optionIntList(const Expr &e, const std::string &what,
                            std::vector<int64_t> &outV) {
  if (e.kind == Expr::Kind::List) {
    for (auto &x : e.elems) {
      int64_t v;
      if (!constInt(*x, v)) {
        error(x->loc, what + " must be a list of integer literals");
        return false;
      }
      outV.push_back(v);
    }
    return true;
  }
  error(e.loc, what + " must be a list of integer literals");
  return false;
}

bool Checker::optionDType(const Expr &e, const std::string &what,
                          DType &outV) {
  std::string name;
  if (e.kind == Expr::Kind::Atom) {
    name = e.name;
  } else if (e.kind == Expr::Kind::Tuple && e.elems.size() == 2 &&
             e.elems[0]->kind == Expr::Kind::Atom &&
             e.elems[1]->kind == Expr::Kind::Int) {
    name = e.elems[0]->name + std::to_string(e.elems[1]->intValue);
  } else {
    error(e.loc, what + " must be a type such as `:f32` or `{:f, 32}`");
    return false;
  }
  if (parseDType(name, outV))
    return true;
  error(e.loc, "dtype `" + name +
                   "` is not supported (supported: pred, u8, s32, s64, f32, "
                   "f64)");
  return false;
}

bool Checker::normalizeAxis(int64_t &axis, size_t rank, SourceLoc loc,
                            const std::string &what) {
  int64_t r = static_cast<int64_t>(rank);
  if (axis < -r || axis >= r) {
    error(loc, "axis " + std::to_string(axis) + " is out of range for " +
                   what + " of rank " + std::to_string(rank));
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
      error(loc, "axis " + std::to_string(orig) + " is given more than once "
                 "in " + what);
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
    outV.push_back(Dim{v.intValue, ""});
    return true;
  }
  if (v.kind != Value::Kind::Tuple) {
    error(v.loc, what + " must be a shape tuple such as `{2, 3}` or a tensor");
    return false;
  }
  bool sawAuto = false;
  for (const Value &e : v.elems) {
    if (e.kind == Value::Kind::Number && !e.isFloatNumber &&
        e.intValue >= 0) {
      outV.push_back(Dim{e.intValue, ""});
      continue;
    }
    if (allowAuto && e.kind == Value::Kind::Static &&
        e.expr->kind == Expr::Kind::Atom && e.expr->name == "auto") {
      if (sawAuto) {
        error(e.loc, "`:auto` may appear only once in " + what);
        return false;
      }
      sawAuto = true;
      outV.push_back(Dim{-2, ""});
      continue;
    }
    error(e.loc, what + " must hold non-negative integer literals" +
                     std::string(allowAuto ? " or `:auto`" : ""));
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

bool isNxModule(const std::string &module) {
  for (const NxFunctionInfo &f : table())
    if (module == f.module)
      return true;
  return false;
}

} // namespace nxc
