//===- Emitter.cpp - Building typed IR nodes ------------------------------===//
//
// This file implements the Emitter helpers that append nodes to a TFunction.
//
//===----------------------------------------------------------------------===//

#include "frontend/Emitter.h"

namespace nxc {

int Emitter::add(TNode n) {
  fn.nodes.push_back(std::move(n));
  int id = static_cast<int>(fn.nodes.size()) - 1;
  if (!regions.empty())
    regions.back()->push_back(id);
  return id;
}

static Type tensorType(const TensorType &t) {
  Type ty;
  ty.tensor = t;
  return ty;
}

int Emitter::param(int index, const TensorType &t, SourceLoc loc) {
  TNode n;
  n.kind = TNode::Kind::Param;
  n.type = tensorType(t);
  n.loc = loc;
  n.index = index;
  return add(std::move(n));
}

int Emitter::splat(const TensorType &t, double value, SourceLoc loc) {
  if (isFloat(t.dtype))
    return constantFloats(t, {value}, loc);
  return constantInts(t, {static_cast<int64_t>(value)}, loc);
}

int Emitter::constantInts(const TensorType &t, std::vector<int64_t> v,
                          SourceLoc loc) {
  TNode n;
  n.kind = TNode::Kind::Constant;
  n.type = tensorType(t);
  n.loc = loc;
  if (isFloat(t.dtype))
    for (int64_t x : v)
      n.floats.push_back(static_cast<double>(x));
  else
    n.ints = std::move(v);
  return add(std::move(n));
}

int Emitter::constantFloats(const TensorType &t, std::vector<double> v,
                            SourceLoc loc) {
  TNode n;
  n.kind = TNode::Kind::Constant;
  n.type = tensorType(t);
  n.loc = loc;
  if (isFloat(t.dtype))
    n.floats = std::move(v);
  else
    for (double x : v)
      n.ints.push_back(static_cast<int64_t>(x));
  return add(std::move(n));
}

int Emitter::prim(const std::string &op, std::vector<int> operands,
                  const TensorType &result, SourceLoc loc) {
  TNode n;
  n.kind = TNode::Kind::Prim;
  n.op = op;
  n.operands = std::move(operands);
  n.type = tensorType(result);
  n.loc = loc;
  return add(std::move(n));
}

int Emitter::makeTuple(std::vector<int> operands, const Type &t,
                       SourceLoc loc) {
  TNode n;
  n.kind = TNode::Kind::MakeTuple;
  n.operands = std::move(operands);
  n.type = t;
  n.loc = loc;
  return add(std::move(n));
}

int Emitter::getElem(int tuple, int index, SourceLoc loc) {
  TNode n;
  n.kind = TNode::Kind::GetElem;
  n.operands = {tuple};
  n.index = index;
  n.type = fn.nodes[tuple].type.elements[index];
  n.loc = loc;
  return add(std::move(n));
}

int Emitter::call(int callee, std::vector<int> operands, const Type &t,
                  SourceLoc loc) {
  TNode n;
  n.kind = TNode::Kind::Call;
  n.callee = callee;
  n.operands = std::move(operands);
  n.type = t;
  n.loc = loc;
  return add(std::move(n));
}

void Emitter::setArray(int node, const std::string &name,
                       std::vector<int64_t> v) {
  fn.nodes[node].i64Arrays.push_back({name, std::move(v)});
}
void Emitter::setInt(int node, const std::string &name, int64_t v) {
  fn.nodes[node].i64s.push_back({name, v});
}
void Emitter::setBool(int node, const std::string &name, bool v) {
  fn.nodes[node].bools.push_back({name, v});
}

void Emitter::setString(int node, const std::string &name, std::string v) {
  fn.nodes[node].strs.push_back({name, std::move(v)});
}

int Emitter::convert(int node, DType dtype, SourceLoc loc) {
  if (type(node).dtype == dtype)
    return node;
  TensorType t = type(node);
  t.dtype = dtype;
  return prim("convert", {node}, t, loc);
}

int Emitter::broadcastTo(int node, const std::vector<Dim> &shape,
                         SourceLoc loc) {
  if (type(node).shape == shape)
    return node;
  TensorType t = type(node);
  size_t rank = t.shape.size();
  std::vector<int64_t> dims;
  for (size_t i = 0; i < rank; ++i)
    dims.push_back(static_cast<int64_t>(shape.size() - rank + i));
  t.shape = shape;
  int id = prim("broadcast_in_dim", {node}, t, loc);
  setArray(id, "dims", dims);
  return id;
}

int Emitter::reshape(int node, const std::vector<Dim> &shape, SourceLoc loc) {
  if (type(node).shape == shape)
    return node;
  TensorType t = type(node);
  t.shape = shape;
  return prim("reshape", {node}, t, loc);
}

} // namespace nxc
