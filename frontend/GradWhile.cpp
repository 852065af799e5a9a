//===- GradWhile.cpp - Reverse mode through `while` loops -----------------===//
//
// This file implements the gradient of an `nx.while` node, by
// rematerialization as Nx does: a copy of the loop counts its trips n; then
// a reverse loop runs j = n - 1 down to 0, each time recomputing the state
// before trip j from the initial state (an inner loop of j trips, so the
// cost is quadratic in n but no state is stored), copying the body on that
// state and running a nested transform over the copy. The reverse loop
// carries the adjoint of the state (from the adjoint of the loop's results
// to that of its initial state) and the sums of the gradients of the values
// the body reads from outside, which go to those values at the end. The
// body's Jacobian may depend on the state: each trip is differentiated at
// its own state.
//
//===----------------------------------------------------------------------===//

#include "frontend/GradTransform.h"

namespace nxc {

static Type tensorType(const TensorType &t) {
  Type ty;
  ty.tensor = t;
  return ty;
}

static const TensorType kS64{DType::S64, {}};

std::vector<int> GradTransform::regionArgs(TRegion &r,
                                           const std::vector<TensorType> &ts,
                                           SourceLoc loc) {
  std::vector<int> args;
  for (size_t j = 0; j < ts.size(); ++j) {
    TNode a;
    a.kind = TNode::Kind::RegionArg;
    a.index = static_cast<int>(j);
    a.type = tensorType(ts[j]);
    a.loc = loc;
    r.args.push_back(ts[j]);
    args.push_back(em.raw(std::move(a)));
  }
  return args;
}

/// Copies the nodes of loop region `r` into the current region, its block
/// arguments replaced by `args`; returns the copies of its results.
std::vector<int> GradTransform::cloneBody(const TRegion &r,
                                          const std::vector<int> &args,
                                          std::map<int, int> &map) {
  for (int id : r.nodes) {
    if (em.node(id).kind == TNode::Kind::RegionArg) {
      map[id] = args[em.node(id).index];
      continue;
    }
    map[id] = cloneNode(id, map);
  }
  std::vector<int> out;
  for (int res : r.results)
    out.push_back(map.count(res) ? map[res] : res);
  return out;
}

/// A copy of loop `w` with a trip counter; it stops where `w` does when
/// `limit` is -1, else after `limit` (a 0-d s64 node) trips. Returns the
/// copy's node; its last leaf is the count.
int GradTransform::countedLoop(const TNode &w, int limit) {
  std::vector<TensorType> ts;
  for (int o : w.operands)
    ts.push_back(em.type(o));
  ts.push_back(kS64);
  TNode c;
  c.kind = TNode::Kind::While;
  c.loc = w.loc;
  c.operands = w.operands;
  c.operands.push_back(em.constantInts(kS64, {0}, w.loc));
  c.type.isTuple = true;
  for (const TensorType &t : ts)
    c.type.elements.push_back(tensorType(t));
  c.regions.resize(2);
  for (size_t k = 0; k < 2; ++k) {
    em.beginRegion(c.regions[k].nodes);
    std::vector<int> a = regionArgs(c.regions[k], ts, w.loc);
    int count = a.back();
    a.pop_back();
    std::vector<int> res;
    if (k == 0 && limit >= 0) {
      TensorType u8 = kS64;
      u8.dtype = DType::U8;
      res = {em.prim("less", {count, limit}, u8, w.loc)};
    } else {
      std::map<int, int> map;
      res = cloneBody(w.regions[k], a, map);
    }
    if (k == 1) {
      int one = em.constantInts(kS64, {1}, w.loc);
      res.push_back(em.prim("add", {count, one}, kS64, w.loc));
    }
    c.regions[k].results = res;
    em.endRegion();
  }
  return em.raw(std::move(c));
}

int GradTransform::countTrips(const TNode &w) {
  int id = countedLoop(w, -1);
  return em.getElem(id, static_cast<int>(w.operands.size()), w.loc);
}

std::vector<int> GradTransform::stateAt(const TNode &w, int j) {
  int id = countedLoop(w, j);
  std::vector<int> s;
  for (size_t i = 0; i < w.operands.size(); ++i)
    s.push_back(em.getElem(id, static_cast<int>(i), w.loc));
  return s;
}

/// The body of the reverse loop. `args`: the adjoint of the state after
/// trip j, the sums for the (node, leaf) `targets`, and j.
bool GradTransform::reverseStep(const TNode &w, const std::vector<int> &targets,
                                const std::vector<int> &args,
                                std::vector<int> &results) {
  size_t nState = w.operands.size();
  int j = args.back();
  std::vector<int> s = stateAt(w, j);
  int start = em.size();
  std::map<int, int> map;
  std::vector<int> next = cloneBody(w.regions[1], s, map);
  int end = em.size();
  GradTransform sub(ck, callLoc, api);
  sub.isInput.assign(end, 0);
  for (int x : s)
    sub.isInput[x] = 1;
  for (size_t t = 0; t < targets.size(); t += 2)
    sub.isInput[targets[t]] = 1;
  sub.findDependents(start, end);
  for (size_t i = 0; i < nState; ++i)
    sub.accumulate(next[i], 0, args[i]);
  for (int m = end - 1; m >= start; --m)
    if (!sub.step(m))
      return false;
  auto adjointOf = [&](int node, size_t leaf) {
    auto it = sub.adjoint.find(node);
    return it == sub.adjoint.end() ? -1 : it->second[leaf];
  };
  for (size_t i = 0; i < nState; ++i) {
    int a = adjointOf(s[i], 0);
    results.push_back(a >= 0 ? a : zerosOf(em.type(s[i]), w.loc));
  }
  for (size_t t = 0; t < targets.size(); t += 2) {
    int acc = args[nState + t / 2];
    int a = adjointOf(targets[t], targets[t + 1]);
    results.push_back(a < 0 ? acc
                            : em.prim("add", {acc, a}, em.type(acc), w.loc));
  }
  int one = em.constantInts(kS64, {1}, w.loc);
  results.push_back(em.prim("subtract", {j, one}, kS64, w.loc));
  return true;
}

bool GradTransform::whileRule(int n, const std::vector<int> &g) {
  TNode w = em.node(n);
  // The values the body reads from outside that carry a gradient, as
  // (node, leaf) pairs; the condition's integer result carries none.
  std::set<int> read;
  readsFromOutside(w.regions[1], {}, read);
  std::vector<int> targets;
  std::vector<TensorType> ts;
  for (int o : w.operands)
    ts.push_back(em.type(o));
  size_t nState = ts.size();
  for (int o : read) {
    if (!dep[o])
      continue;
    std::vector<TensorType> leaves;
    leafTypes(em.node(o).type, leaves);
    for (size_t l = 0; l < leaves.size(); ++l) {
      targets.insert(targets.end(), {o, static_cast<int>(l)});
      ts.push_back(leaves[l]);
    }
  }
  ts.push_back(kS64);
  TNode r;
  r.kind = TNode::Kind::While;
  r.loc = w.loc;
  for (size_t i = 0; i < ts.size() - 1; ++i)
    r.operands.push_back(i < nState && g[i] >= 0 ? g[i]
                                                 : zerosOf(ts[i], w.loc));
  int one = em.constantInts(kS64, {1}, w.loc);
  r.operands.push_back(em.prim("subtract", {countTrips(w), one}, kS64, w.loc));
  r.type.isTuple = true;
  for (const TensorType &t : ts)
    r.type.elements.push_back(tensorType(t));
  r.regions.resize(2);
  em.beginRegion(r.regions[0].nodes);
  std::vector<int> a = regionArgs(r.regions[0], ts, w.loc);
  TensorType u8 = kS64;
  u8.dtype = DType::U8;
  int zero = em.constantInts(kS64, {0}, w.loc);
  r.regions[0].results = {
      em.prim("greater_equal", {a.back(), zero}, u8, w.loc)};
  em.endRegion();
  em.beginRegion(r.regions[1].nodes);
  a = regionArgs(r.regions[1], ts, w.loc);
  bool ok = reverseStep(w, targets, a, r.regions[1].results);
  em.endRegion();
  if (!ok)
    return false;
  int id = em.raw(std::move(r));
  for (size_t i = 0; i < nState; ++i)
    accumulate(w.operands[i], 0, em.getElem(id, static_cast<int>(i), w.loc));
  for (size_t t = 0; t < targets.size(); t += 2)
    accumulate(targets[t], targets[t + 1],
               em.getElem(id, static_cast<int>(nState + t / 2), w.loc));
  return true;
}

} // namespace nxc
