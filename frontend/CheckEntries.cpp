//===- CheckEntries.cpp - `@entry` signatures -----------------------------===//
//
// This file implements the checks of `@entry` declarations: the argument
// types become the parameters of an entry instance, the inferred result is
// compared with the declared one, and the Contract 3 signature text
// (`softmax(f32[n,k])->(f32[n,k])`) is recorded on the function.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

#include <functional>

namespace nxc {

static std::string plural(size_t n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

//===----------------------------------------------------------------------===//
// Entries
//===----------------------------------------------------------------------===//

bool Checker::entryArgType(const TypeSpec &t, TensorType &outT) {
  if (!parseDType(t.dtype, outT.dtype)) {
    diagnose(t.loc, DiagKind::UnknownDType, t.dtype);
    return false;
  }
  for (const auto &d : t.dims) {
    Dim dim;
    dim.size = d.size;
    dim.sym = d.sym;
    outT.shape.push_back(dim);
  }
  return true;
}

static std::string sigType(const TensorType &t) {
  std::string s = dtypeName(t.dtype);
  s += "[";
  for (size_t i = 0; i < t.shape.size(); ++i)
    s += (i ? "," : "") + toString(t.shape[i]);
  return s + "]";
}

static void flattenTypes(const Type &t, std::vector<TensorType> &outTs) {
  if (!t.isTuple) {
    outTs.push_back(t.tensor);
    return;
  }
  for (const Type &e : t.elements)
    flattenTypes(e, outTs);
}

static std::string specText(const TypeSpec &t) {
  std::string s;
  if (t.isTuple) {
    s = "{";
    for (size_t i = 0; i < t.elements.size(); ++i)
      s += (i ? ", " : "") + specText(t.elements[i]);
    return s + "}";
  }
  s = t.dtype + "[";
  for (size_t i = 0; i < t.dims.size(); ++i)
    s += (i ? ", " : "") +
         (t.dims[i].size >= 0 ? std::to_string(t.dims[i].size) : t.dims[i].sym);
  return s + "]";
}

bool Checker::compareResult(const TypeSpec &spec, const Type &got,
                            const EntryDecl &e,
                            const std::set<std::string> &bound) {
  TensorType declared;
  bool ok = true;
  if (spec.isTuple != got.isTuple ||
      (spec.isTuple && spec.elements.size() != got.elements.size())) {
    ok = false;
  } else if (spec.isTuple) {
    for (size_t i = 0; i < spec.elements.size(); ++i)
      if (!compareResult(spec.elements[i], got.elements[i], e, bound))
        return false;
    return true;
  } else {
    if (!entryArgType(spec, declared))
      return false;
    for (const auto &d : spec.dims)
      if (d.size < 0 && !bound.count(d.sym)) {
        diagnose(d.loc, DiagKind::ResultSizeVariableUnbound, d.sym, e.name);
        return false;
      }
    ok = declared == got.tensor;
  }
  if (!ok)
    diagnose(spec.loc, DiagKind::EntryResultMismatch, e.name, toString(got),
             specText(spec));
  return ok;
}

void Checker::checkEntry(const EntryDecl &e) {
  const std::string &target = e.defn.empty() ? e.name : e.defn;
  const DefnDecl *d = findDefn(target, e.args.size());
  if (!d) {
    diagnose(e.loc, DiagKind::EntryUndefined, e.name, e.args.size());
    for (const DefnDecl &x : pm.module.defns)
      if (x.name == target) {
        diagnose(x.loc, DiagKind::DefinedWithArity, x.name,
                 plural(x.params.size(), "argument"));
        break;
      }
    return;
  }
  std::vector<Type> args;
  std::set<std::string> bound;
  std::vector<TensorType> argTypes;
  // An argument is a tensor or a (nested) tuple of them; the compiled entry
  // takes the leaves in order (docs/language.md, "Entry points").
  std::function<bool(const TypeSpec &, Type &)> argTree =
      [&](const TypeSpec &t, Type &out) {
        out.isTuple = t.isTuple;
        if (!t.isTuple)
          return entryArgType(t, out.tensor);
        for (const TypeSpec &el : t.elements) {
          out.elements.emplace_back();
          if (!argTree(el, out.elements.back()))
            return false;
        }
        return true;
      };
  for (const TypeSpec &t : e.args) {
    Type ty;
    if (!argTree(t, ty))
      return;
    std::vector<TensorType> leaves;
    flattenTypes(ty, leaves);
    for (const TensorType &tt : leaves) {
      for (const Dim &dim : tt.shape)
        if (!dim.isStatic())
          bound.insert(dim.sym);
      argTypes.push_back(tt);
    }
    args.push_back(std::move(ty));
  }
  entryArgLocs.clear();
  for (const TypeSpec &t : e.args)
    entryArgLocs.push_back(t.loc);
  int index = instantiate(*d, args, e.loc, true, e.name);
  if (index < 0)
    return;
  TFunction &fn = out.functions[index];
  const Type &rt = fn.nodes[fn.result].type;
  if (!compareResult(e.result, rt, e, bound))
    return;
  std::string sig = e.name + "(";
  for (size_t i = 0; i < argTypes.size(); ++i)
    sig += (i ? "," : "") + sigType(argTypes[i]);
  sig += ")->(";
  std::vector<TensorType> results;
  flattenTypes(rt, results);
  for (size_t i = 0; i < results.size(); ++i)
    sig += (i ? "," : "") + sigType(results[i]);
  fn.signature = sig + ")";
}

} // namespace nxc
