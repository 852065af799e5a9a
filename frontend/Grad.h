//===- Grad.h - Reverse-mode differentiation rules (internal) --*- C++ -*-===//
//
// This file declares the pieces shared by the grad transform (Grad.cpp) and
// its rule families (GradRules*.cpp): the context a vector-Jacobian-product
// rule runs in, and the table of rules keyed by typed-IR prim name. A rule
// reads the node it differentiates and the node's adjoint, and emits new
// typed-IR prims (through the Emitter) that compute each operand's share of
// the gradient; so gradients are ordinary typed IR, fused and lowered like
// any other code. A new family registers its rules in its own file through
// a `registerGrad*` function listed in Grad.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_GRAD_H
#define NXC_FRONTEND_GRAD_H

#include "frontend/Emitter.h"

#include <array>
#include <functional>
#include <string>
#include <vector>

namespace nxc {

/// What a rule sees and the helpers it emits with.
struct GradRuleContext {
  Emitter &em;
  int id;                  ///< the node being differentiated
  TNode node;              ///< a copy: the node list grows while rules emit
  std::vector<int> g;      ///< its adjoint, one node per leaf (-1: zero)
  std::vector<bool> needs; ///< per operand: whether a gradient is wanted
  /// Gradients the rule gives its (tensor) operands: (operand position,
  /// node); the node has the operand's type.
  std::vector<std::pair<size_t, int>> out;
  /// Gradients for any earlier node, e.g. a value that an `if` or `while`
  /// region reads from outside, or one leaf of a tuple: {node, leaf, grad}.
  std::vector<std::array<int, 3>> outNodes;
  /// Whether node `n` depends on a differentiated input (set by the
  /// transform); only such nodes take gradients.
  std::function<bool(int)> depends;
  /// Set by a rule that cannot differentiate this form of its node (e.g.
  /// a factorization of run-time size whose rule depends on the shape): the
  /// transform reports "cannot differentiate through `<op>` <limit>".
  std::string limit;

  GradRuleContext(Emitter &em, int id) : em(em), id(id), node(em.node(id)) {}

  SourceLoc loc() const { return node.loc; }
  int operand(size_t k) const { return node.operands[k]; }
  const TensorType &type(int n) const { return em.type(n); }
  /// The adjoint of a tensor node (leaf 0), materializing a zero.
  int grad();
  void give(size_t k, int gradNode) {
    if (k < needs.size() && needs[k])
      out.push_back({k, gradNode});
  }
  void giveNode(int n, int leaf, int gradNode) {
    if (depends && depends(n))
      outNodes.push_back({n, leaf, gradNode});
  }

  // Emitting helpers; operands of `bin` have the same type.
  int bin(const std::string &op, int a, int b);
  int un(const std::string &op, int a);
  /// A comparison, as 0/1 of `a`'s element type (so it can scale).
  int cmpAsFloat(const std::string &op, int a, int b);
  int cmp(const std::string &op, int a, int b); ///< u8 result
  int select(int pred, int a, int b);
  /// A constant of `like`'s type holding `v` everywhere.
  int constLike(int like, double v);
  /// The value of a splat constant (seen through broadcasts); false if `n`
  /// is not one.
  bool splatValue(int n, double &v) const;
  /// `reduce_sum` over `axes` (sorted) with `keep`.
  int sum(int x, const std::vector<int64_t> &axes, bool keep);
  /// `broadcast_in_dim` of `x` into `shape` with operand dim i at `dims[i]`.
  int broadcastInDim(int x, const std::vector<Dim> &shape,
                     const std::vector<int64_t> &dims);
  int transpose(int x, const std::vector<int64_t> &perm);
  int reshape(int x, const std::vector<Dim> &shape);

  const std::vector<int64_t> *array(const std::string &name) const;
  int64_t intAttr(const std::string &name, int64_t dflt = 0) const;
  bool boolAttr(const std::string &name, bool dflt = false) const;
};

using GradRule = void (*)(GradRuleContext &);

struct GradRuleInfo {
  const char *op; ///< a prim name, or "if", "while", "call" for those nodes
  GradRule rule;
};

/// The rule for `op`; null when none.
GradRule lookupGradRule(const std::string &op);

// The rule families; each file registers its rules through one of these.
void registerGradElementwise(std::vector<GradRuleInfo> &table);
void registerGradIndexing(std::vector<GradRuleInfo> &table);
void registerGradLinAlg(std::vector<GradRuleInfo> &table);
void registerGradStructural(std::vector<GradRuleInfo> &table);
void registerGradWindow(std::vector<GradRuleInfo> &table);

} // namespace nxc

#endif // NXC_FRONTEND_GRAD_H
