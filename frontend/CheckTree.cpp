//===- CheckTree.cpp - Nx.Defn.Composite: traversing containers ----------===//
//
// This file implements the compile-time functions over containers (nested
// tuples whose leaves are tensors and numbers) of Nx.Defn.Composite, with
// Nx's semantics: `traverse/2` (a function applied to every leaf, in order,
// keeping the structure), `traverse/3` (the same threading an accumulator:
// the function returns `{leaf, acc}`), `reduce/3` (a fold over the leaves)
// and `count/1` (the number of leaves, a compile-time integer); plus nxc's
// `zip_with({c1, c2[, c3]}, fun)`, which walks containers of the same
// structure together (the first one's structure decides, as in JAX's
// tree_map: `zip_with({params, pairs}, fn _, p -> elem(p, 0) end)` unzips a
// container of pairs), and Nx.Defn.Kernel's `elem(tuple, index)`.
//
// Nothing here emits typed IR by itself: the containers are checker Values
// and the functions are applied with Checker::applyFunction, which inlines
// them; optimizers (stdlib/nx_std/optimizers.nx) are written with these.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

#include <functional>

namespace nxc {
namespace {

using LeafFn = std::function<Value(const Value &)>;

/// Describes the structure of a container: tuples as `{...}`, tensor
/// leaves by their type, numbers as `number`.
std::string structure(Checker &c, const Value &v) {
  switch (v.kind) {
  case Value::Kind::Tuple: {
    std::string s = "{";
    for (size_t i = 0; i < v.elems.size(); ++i)
      s += (i ? ", " : "") + structure(c, v.elems[i]);
    return s + "}";
  }
  case Value::Kind::Tensor:
    return toString(c.typeOf(v));
  case Value::Kind::Number:
    return "number";
  case Value::Kind::Function:
    return "function";
  default:
    return "term";
  }
}

/// Requires that `f` is a function of arity `arity`; reports otherwise.
bool expectFunction(Checker &c, const NxCall &call, const Value &f,
                    size_t arity) {
  if (f.kind != Value::Kind::Function) {
    c.diagnose(f.loc, DiagKind::NotAFunction,
               "the last argument of `" + call.name + "`", c.describeKind(f));
    return false;
  }
  if (f.fn->arity != arity) {
    c.diagnose(f.loc, DiagKind::CompositeFnArity, call.name, arity,
               f.fn->arity);
    return false;
  }
  return true;
}

/// The container `v` with every leaf replaced by `fn(leaf)`, in order.
Value mapLeaves(const Value &v, const LeafFn &fn) {
  if (v.kind != Value::Kind::Tuple)
    return fn(v);
  Value r;
  r.kind = Value::Kind::Tuple;
  r.loc = v.loc;
  for (const Value &e : v.elems) {
    r.elems.push_back(mapLeaves(e, fn));
    if (r.elems.back().isInvalid())
      return {};
  }
  return r;
}

std::string what(const NxCall &call) {
  return "the function given to `" + call.name + "`";
}

Value traverseFn(Checker &c, NxCall &call) {
  const Value &f = call.args.back();
  if (!expectFunction(c, call, f, call.args.size() - 1))
    return {};
  if (call.args.size() == 2)
    return mapLeaves(call.args[0], [&](const Value &leaf) {
      return c.applyFunction(f, {leaf}, call.loc, what(call));
    });
  // traverse(container, acc, fun): fun.(leaf, acc) returns {leaf, acc}.
  Value acc = call.args[1];
  Value tree = mapLeaves(call.args[0], [&](const Value &leaf) -> Value {
    Value r = c.applyFunction(f, {leaf, acc}, call.loc, what(call));
    if (r.isInvalid())
      return {};
    if (r.kind != Value::Kind::Tuple || r.elems.size() != 2) {
      c.diagnose(f.loc, DiagKind::CompositeFnNotPair, call.name,
                 structure(c, r));
      return {};
    }
    acc = r.elems[1];
    return r.elems[0];
  });
  if (tree.isInvalid())
    return {};
  Value pair;
  pair.kind = Value::Kind::Tuple;
  pair.loc = call.loc;
  pair.elems = {tree, acc};
  return pair;
}

Value reduceFn(Checker &c, NxCall &call) {
  const Value &f = call.args[2];
  if (!expectFunction(c, call, f, 2))
    return {};
  Value acc = call.args[1];
  Value done = mapLeaves(call.args[0], [&](const Value &leaf) -> Value {
    acc = c.applyFunction(f, {leaf, acc}, call.loc, what(call));
    return acc.isInvalid() ? Value() : leaf;
  });
  return done.isInvalid() ? Value() : acc;
}

int64_t countLeaves(const Value &v) {
  if (v.kind != Value::Kind::Tuple)
    return 1;
  int64_t n = 0;
  for (const Value &e : v.elems)
    n += countLeaves(e);
  return n;
}

Value countFn(Checker &, NxCall &call) {
  Value n;
  n.kind = Value::Kind::Number;
  n.intValue = countLeaves(call.args[0]);
  n.loc = call.loc;
  return n;
}

/// Walks `trees` together, applying `f` where the first one has a leaf (the
/// others' values there are passed whole, as JAX's tree_map does: the first
/// container's structure must be a prefix of the others'); the first
/// position where they differ is reported once, by `mismatch`.
Value zipLeaves(Checker &c, const NxCall &call, const Value &f,
                const std::vector<Value> &trees,
                const std::function<void(size_t)> &mismatch) {
  if (trees[0].kind != Value::Kind::Tuple)
    return c.applyFunction(f, trees, call.loc, what(call));
  for (size_t k = 1; k < trees.size(); ++k)
    if (trees[k].kind != Value::Kind::Tuple ||
        trees[k].elems.size() != trees[0].elems.size()) {
      mismatch(k);
      return {};
    }
  Value r;
  r.kind = Value::Kind::Tuple;
  r.loc = trees[0].loc;
  for (size_t i = 0; i < trees[0].elems.size(); ++i) {
    std::vector<Value> sub;
    for (const Value &t : trees)
      sub.push_back(t.elems[i]);
    r.elems.push_back(zipLeaves(c, call, f, sub, mismatch));
    if (r.elems.back().isInvalid())
      return {};
  }
  return r;
}

Value zipWithFn(Checker &c, NxCall &call) {
  const Value &trees = call.args[0];
  if (trees.kind != Value::Kind::Tuple || trees.elems.size() < 2 ||
      trees.elems.size() > 3) {
    c.diagnose(trees.loc, DiagKind::ZipWithNotTuple, call.name,
               trees.kind == Value::Kind::Tuple
                   ? "a tuple of " + std::to_string(trees.elems.size())
                   : c.describeKind(trees));
    return {};
  }
  const Value &f = call.args[1];
  if (!expectFunction(c, call, f, trees.elems.size()))
    return {};
  return zipLeaves(c, call, f, trees.elems, [&](size_t k) {
    c.diagnose(trees.loc, DiagKind::ZipWithMismatch, call.name, k + 1,
               structure(c, trees.elems[0]), structure(c, trees.elems[k]));
  });
}

/// `elem(tuple, index)`, Kernel.elem/2: the index an integer literal.
Value elemFn(Checker &c, NxCall &call) {
  const Value &t = call.args[0];
  const Value &i = call.args[1];
  if (t.kind != Value::Kind::Tuple) {
    c.diagnose(t.loc, DiagKind::ElemNotTuple, c.describeKind(t));
    return {};
  }
  if (i.kind != Value::Kind::Number || i.isFloatNumber) {
    c.diagnose(i.loc, DiagKind::OptionNotInt, "the index of `elem`");
    return {};
  }
  if (i.intValue < 0 || i.intValue >= static_cast<int64_t>(t.elems.size())) {
    c.diagnose(i.loc, DiagKind::ElemIndexRange, i.intValue, t.elems.size());
    return {};
  }
  Value r = t.elems[static_cast<size_t>(i.intValue)];
  return r;
}

} // namespace

void registerTree(std::vector<NxFunctionInfo> &t) {
  const char *m = "Nx.Defn.Composite";
  t.push_back({m, "traverse", 2, 3, {}, traverseFn});
  t.push_back({m, "reduce", 3, 3, {}, reduceFn});
  t.push_back({m, "count", 1, 1, {}, countFn});
  t.push_back({m, "zip_with", 2, 2, {}, zipWithFn});
  t.push_back({"Nx.Defn.Kernel", "elem", 2, 2, {}, elemFn});
}

} // namespace nxc
