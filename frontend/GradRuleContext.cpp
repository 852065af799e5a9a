//===- GradRuleContext.cpp - Helpers for gradient rules, the rule table ---===//
//
// This file implements the emitting helpers that gradient rules use (typed
// IR prims of a given operand's type, constants shaped like a node, sums,
// broadcasts and transposes) and the table of rules, assembled from the
// GradRules*.cpp families.
//
//===----------------------------------------------------------------------===//

#include "frontend/Grad.h"
#include "frontend/ReduceOptions.h"

#include <algorithm>

namespace nxc {

int GradRuleContext::grad() {
  if (!g.empty() && g[0] >= 0)
    return g[0];
  return constLike(id, 0.0);
}

int GradRuleContext::bin(const std::string &op, int a, int b) {
  // The seed and pass-through adjoints are often ones: skip `1 * b`.
  double v;
  if (op == "multiply" && type(a) == type(b)) {
    if (splatValue(a, v) && v == 1.0)
      return b;
    if (splatValue(b, v) && v == 1.0)
      return a;
  }
  return em.prim(op, {a, b}, type(a), loc());
}

int GradRuleContext::un(const std::string &op, int a) {
  return em.prim(op, {a}, type(a), loc());
}

int GradRuleContext::cmp(const std::string &op, int a, int b) {
  TensorType t = type(a);
  t.dtype = DType::U8;
  return em.prim(op, {a, b}, t, loc());
}

int GradRuleContext::cmpAsFloat(const std::string &op, int a, int b) {
  return em.convert(cmp(op, a, b), type(a).dtype, loc());
}

int GradRuleContext::select(int pred, int a, int b) {
  return em.prim("select", {pred, a, b}, type(a), loc());
}

int GradRuleContext::constLike(int like, double v) {
  TensorType t = type(like);
  bool dynamic = std::any_of(t.shape.begin(), t.shape.end(),
                             [](const Dim &d) { return !d.isStatic(); });
  if (!dynamic)
    return em.splat(t, v, loc());
  TensorType scalar = t;
  scalar.shape.clear();
  return em.broadcastTo(em.splat(scalar, v, loc()), t.shape, loc());
}

bool GradRuleContext::splatValue(int n, double &v) const {
  const TNode &t = em.node(n);
  if (t.kind == TNode::Kind::Prim && t.op == "broadcast_in_dim")
    return splatValue(t.operands[0], v);
  if (t.kind != TNode::Kind::Constant)
    return false;
  if (t.floats.size() == 1)
    v = t.floats[0];
  else if (t.ints.size() == 1)
    v = static_cast<double>(t.ints[0]);
  else
    return false;
  return true;
}

int GradRuleContext::sum(int x, const std::vector<int64_t> &axes, bool keep) {
  if (axes.empty())
    return x;
  TensorType t = type(x);
  t.shape = reducedShape(t.shape, axes, keep);
  int id = em.prim("reduce_sum", {x}, t, loc());
  em.setArray(id, "axes", axes);
  em.setBool(id, "keep_axes", keep);
  return id;
}

int GradRuleContext::broadcastInDim(int x, const std::vector<Dim> &shape,
                                    const std::vector<int64_t> &dims) {
  bool identity = type(x).shape == shape;
  for (size_t i = 0; identity && i < dims.size(); ++i)
    identity = dims[i] == (int64_t)i;
  if (identity)
    return x;
  TensorType t = type(x);
  t.shape = shape;
  int id = em.prim("broadcast_in_dim", {x}, t, loc());
  em.setArray(id, "dims", dims);
  return id;
}

int GradRuleContext::transpose(int x, const std::vector<int64_t> &perm) {
  bool identity = true;
  for (size_t i = 0; i < perm.size(); ++i)
    identity = identity && perm[i] == (int64_t)i;
  if (identity)
    return x;
  TensorType t = type(x);
  for (size_t i = 0; i < perm.size(); ++i)
    t.shape[i] = type(x).shape[perm[i]];
  int id = em.prim("transpose", {x}, t, loc());
  em.setArray(id, "permutation", perm);
  return id;
}

int GradRuleContext::reshape(int x, const std::vector<Dim> &shape) {
  return em.reshape(x, shape, loc());
}

const std::vector<int64_t> *
GradRuleContext::array(const std::string &name) const {
  for (const auto &[n, v] : node.i64Arrays)
    if (n == name)
      return &v;
  return nullptr;
}

int64_t GradRuleContext::intAttr(const std::string &name, int64_t dflt) const {
  for (const auto &[n, v] : node.i64s)
    if (n == name)
      return v;
  return dflt;
}

bool GradRuleContext::boolAttr(const std::string &name, bool dflt) const {
  for (const auto &[n, v] : node.bools)
    if (n == name)
      return v;
  return dflt;
}

static const std::vector<GradRuleInfo> &ruleTable() {
  static const std::vector<GradRuleInfo> t = [] {
    std::vector<GradRuleInfo> v;
    registerGradElementwise(v);
    registerGradIndexing(v);
    registerGradLinAlg(v);
    registerGradStructural(v);
    registerGradWindow(v);
    return v;
  }();
  return t;
}

GradRule lookupGradRule(const std::string &op) {
  for (const GradRuleInfo &r : ruleTable())
    if (op == r.op)
      return r.rule;
  return nullptr;
}

} // namespace nxc
