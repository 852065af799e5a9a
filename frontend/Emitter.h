//===- Emitter.h - Building typed IR nodes (internal) ------------*- C++ -*-===//
//
// This file declares the Emitter: small helpers that append typed IR nodes to
// a TFunction (constants, primitives with attributes, conversions and
// broadcasts) so that the checker never fills TNode fields by hand.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_EMITTER_H
#define NXC_FRONTEND_EMITTER_H

#include "frontend/TypedIR.h"

namespace nxc {

class Emitter {
public:
  explicit Emitter(TFunction &fn) : fn(fn) {}

  const TensorType &type(int node) const {
    return fn.nodes[node].type.tensor;
  }
  TNode &node(int id) { return fn.nodes[id]; }
  /// The number of nodes so far (the id the next node gets).
  int size() const { return static_cast<int>(fn.nodes.size()); }

  int param(int index, const TensorType &t, SourceLoc loc);
  /// A splat constant of `t` holding `value`.
  int splat(const TensorType &t, double value, SourceLoc loc);
  int constantInts(const TensorType &t, std::vector<int64_t> v, SourceLoc loc);
  int constantFloats(const TensorType &t, std::vector<double> v,
                     SourceLoc loc);
  int prim(const std::string &op, std::vector<int> operands,
           const TensorType &result, SourceLoc loc);
  int makeTuple(std::vector<int> operands, const Type &t, SourceLoc loc);
  int getElem(int tuple, int index, SourceLoc loc);
  int call(int callee, std::vector<int> operands, const Type &t,
           SourceLoc loc);

  /// Appends the nodes added from now on to `nodes` too (regions nest);
  /// `endRegion` stops that.
  void beginRegion(std::vector<int> &nodes) { regions.push_back(&nodes); }
  void endRegion() { regions.pop_back(); }
  /// Appends a node of another kind (If, While, RegionArg) as is.
  int raw(TNode n) { return add(std::move(n)); }

  void setArray(int node, const std::string &name, std::vector<int64_t> v);
  void setInt(int node, const std::string &name, int64_t v);
  void setBool(int node, const std::string &name, bool v);
  void setString(int node, const std::string &name, std::string v);

  /// `nx.convert` to `dtype` unless already of that dtype.
  int convert(int node, DType dtype, SourceLoc loc);
  /// Right-aligned `nx.broadcast_in_dim` to `shape` unless already of it.
  int broadcastTo(int node, const std::vector<Dim> &shape, SourceLoc loc);
  /// `nx.reshape` to `shape` unless already of it.
  int reshape(int node, const std::vector<Dim> &shape, SourceLoc loc);

private:
  int add(TNode n);
  TFunction &fn;
  std::vector<std::vector<int> *> regions;
};

} // namespace nxc

#endif // NXC_FRONTEND_EMITTER_H
