//===- GradRulesStructural.cpp - Shape ops, reductions and dot ------------===//
//
// This file implements the vector-Jacobian products of broadcast_in_dim
// (the sum over the broadcast dims: "unbroadcasting"), reshape, transpose,
// the sum/product/max/min reductions (max and min with Nx's rule: the
// gradient is shared equally by every position equal to the result) and the
// general dot with contracting and batch dims (a dot of the adjoint with the
// other operand, then a transpose into the operand's dim order).
//
//===----------------------------------------------------------------------===//

#include "frontend/Grad.h"

#include <algorithm>

namespace nxc {

namespace {

using Ctx = GradRuleContext;

std::vector<int64_t> iotaVec(int64_t from, int64_t to) {
  std::vector<int64_t> v;
  for (int64_t i = from; i < to; ++i)
    v.push_back(i);
  return v;
}

bool contains(const std::vector<int64_t> &v, int64_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

/// perm with perm[i] = position of i in `v` (v a permutation).
std::vector<int64_t> argsort(const std::vector<int64_t> &v) {
  std::vector<int64_t> p(v.size());
  for (size_t i = 0; i < v.size(); ++i)
    p[v[i]] = static_cast<int64_t>(i);
  return p;
}

void gBroadcast(Ctx &c) {
  int x = c.operand(0);
  std::vector<Dim> in = c.type(x).shape;
  std::vector<Dim> res = c.type(c.id).shape;
  std::vector<int64_t> dims = *c.array("dims");
  std::vector<int64_t> summed;
  for (int64_t j = 0; j < (int64_t)res.size(); ++j)
    if (!contains(dims, j))
      summed.push_back(j);
  std::vector<int64_t> kept; // result axes that survive, in operand order
  for (size_t i = 0; i < dims.size(); ++i) {
    bool expanded = in[i].isStatic() && in[i].size == 1 &&
                    !(res[dims[i]].isStatic() && res[dims[i]].size == 1);
    if (expanded)
      summed.push_back(dims[i]);
    else
      kept.push_back(dims[i]);
  }
  std::sort(summed.begin(), summed.end());
  int g = c.sum(c.grad(), summed, false);
  // The sum leaves the kept axes in increasing order; put them in the
  // operand's order, then restore its size-1 dims.
  std::vector<int64_t> sorted = kept;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int64_t> perm;
  for (int64_t k : kept)
    perm.push_back(std::find(sorted.begin(), sorted.end(), k) - sorted.begin());
  g = c.transpose(g, perm);
  c.give(0, c.reshape(g, in));
}

void gReshape(Ctx &c) {
  c.give(0, c.reshape(c.grad(), c.type(c.operand(0)).shape));
}

void gTranspose(Ctx &c) {
  c.give(0, c.transpose(c.grad(), argsort(*c.array("permutation"))));
}

/// The axes a reduction reduces (all of its operand's when unset).
std::vector<int64_t> reducedAxes(Ctx &c) {
  if (const std::vector<int64_t> *a = c.array("axes"))
    return *a;
  return iotaVec(0, c.type(c.operand(0)).shape.size());
}

/// Broadcasts `g` (a reduction's result or adjoint) back over `x`'s shape.
int unreduce(Ctx &c, int g, int x) {
  std::vector<Dim> shape = c.type(x).shape;
  std::vector<int64_t> axes = reducedAxes(c);
  if (c.boolAttr("keep_axes"))
    return c.broadcastInDim(g, shape, iotaVec(0, shape.size()));
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < (int64_t)shape.size(); ++i)
    if (!contains(axes, i))
      dims.push_back(i);
  return c.broadcastInDim(g, shape, dims);
}

void gReduceSum(Ctx &c) { c.give(0, unreduce(c, c.grad(), c.operand(0))); }

/// The positions equal to the result share its gradient equally.
void gReduceMinMax(Ctx &c) {
  int x = c.operand(0);
  std::vector<Dim> shape = c.type(x).shape;
  std::vector<int64_t> axes = reducedAxes(c);
  int locs = c.cmpAsFloat("equal", x, unreduce(c, c.id, x));
  int num = c.bin("multiply", unreduce(c, c.grad(), x), locs);
  int count = c.sum(locs, axes, true);
  count = c.broadcastInDim(count, shape, iotaVec(0, shape.size()));
  c.give(0, c.bin("divide", num, count));
}

/// Nx's rule: ans / x, with the product of the other elements where x is the
/// only zero and 0 where there are several.
void gReduceProduct(Ctx &c) {
  int x = c.operand(0);
  std::vector<Dim> shape = c.type(x).shape;
  std::vector<int64_t> axes = reducedAxes(c);
  std::vector<int64_t> all = iotaVec(0, shape.size());
  int g = unreduce(c, c.grad(), x);
  int zero = c.cmp("equal", x, c.constLike(x, 0.0));
  int nonZero = c.select(zero, c.constLike(x, 1.0), x);
  TensorType kt = c.type(x);
  for (int64_t a : axes)
    kt.shape[a] = Dim{1, ""};
  int others = c.em.prim("reduce_product", {nonZero}, kt, c.loc());
  c.em.setArray(others, "axes", axes);
  c.em.setBool(others, "keep_axes", true);
  others = c.broadcastInDim(others, shape, all);
  int zeros = c.sum(c.em.convert(zero, c.type(x).dtype, c.loc()), axes, true);
  zeros = c.broadcastInDim(zeros, shape, all);
  int one = c.cmp("equal", zeros, c.constLike(x, 1.0));
  int many = c.cmp("greater", zeros, c.constLike(x, 1.0));
  int dx = c.bin("multiply", g, c.bin("divide", unreduce(c, c.id, x), nonZero));
  dx = c.select(c.bin("logical_and", zero, one), c.bin("multiply", g, others),
                dx);
  dx = c.select(c.bin("logical_and", zero, many), c.constLike(x, 0.0), dx);
  c.give(0, dx);
}

/// The dot of the adjoint with `other` that gives `self`'s gradient:
/// contract the adjoint's dims of `other`'s free dims with those dims, batch
/// over the batch dims, then transpose into `self`'s dim order.
int dotGrad(Ctx &c, int g, int self, const std::vector<int64_t> &selfC,
            const std::vector<int64_t> &selfB, int other,
            const std::vector<int64_t> &otherC,
            const std::vector<int64_t> &otherB, bool selfIsLhs) {
  int64_t selfRank = c.type(self).shape.size();
  int64_t otherRank = c.type(other).shape.size();
  int64_t nb = selfB.size();
  std::vector<int64_t> selfFree, otherFree;
  for (int64_t i = 0; i < selfRank; ++i)
    if (!contains(selfC, i) && !contains(selfB, i))
      selfFree.push_back(i);
  for (int64_t i = 0; i < otherRank; ++i)
    if (!contains(otherC, i) && !contains(otherB, i))
      otherFree.push_back(i);
  // The adjoint's dims: batch, lhs free, rhs free.
  int64_t selfStart = selfIsLhs ? nb : nb + (int64_t)otherFree.size();
  int64_t otherStart = selfIsLhs ? nb + (int64_t)selfFree.size() : nb;
  std::vector<int64_t> gC = iotaVec(otherStart, otherStart + otherFree.size());
  std::vector<int64_t> gB = iotaVec(0, nb);
  // Result: batch, the adjoint's self-free dims, other's contracting dims in
  // increasing order (each paired with a contracting dim of self).
  TensorType rt = c.type(g);
  rt.shape.clear();
  TensorType gt = c.type(g);
  for (int64_t i = 0; i < nb; ++i)
    rt.shape.push_back(gt.shape[i]);
  for (size_t i = 0; i < selfFree.size(); ++i)
    rt.shape.push_back(gt.shape[selfStart + i]);
  std::vector<int64_t> order = selfB; // self dim of each result dim
  order.insert(order.end(), selfFree.begin(), selfFree.end());
  for (int64_t i = 0; i < otherRank; ++i) {
    auto it = std::find(otherC.begin(), otherC.end(), i);
    if (it == otherC.end())
      continue;
    rt.shape.push_back(c.type(other).shape[i]);
    order.push_back(selfC[it - otherC.begin()]);
  }
  int d = c.em.prim("dot", {g, other}, rt, c.loc());
  c.em.setArray(d, "lhs_contracting_dims", gC);
  c.em.setArray(d, "rhs_contracting_dims", otherFree);
  c.em.setArray(d, "lhs_batch_dims", gB);
  c.em.setArray(d, "rhs_batch_dims", otherB);
  return c.transpose(d, argsort(order));
}

void gDot(Ctx &c) {
  int x = c.operand(0), y = c.operand(1);
  std::vector<int64_t> xc = *c.array("lhs_contracting_dims");
  std::vector<int64_t> yc = *c.array("rhs_contracting_dims");
  std::vector<int64_t> xb = *c.array("lhs_batch_dims");
  std::vector<int64_t> yb = *c.array("rhs_batch_dims");
  int g = c.grad();
  if (c.needs[0])
    c.give(0, dotGrad(c, g, x, xc, xb, y, yc, yb, true));
  if (c.needs[1])
    c.give(1, dotGrad(c, g, y, yc, yb, x, xc, xb, false));
}

} // namespace

void registerGradStructural(std::vector<GradRuleInfo> &t) {
  t.insert(t.end(), {
                        {"broadcast_in_dim", gBroadcast},
                        {"reshape", gReshape},
                        {"transpose", gTranspose},
                        {"reduce_sum", gReduceSum},
                        {"reduce_max", gReduceMinMax},
                        {"reduce_min", gReduceMinMax},
                        {"reduce_product", gReduceProduct},
                        {"dot", gDot},
                    });
}

} // namespace nxc
