//===- Grad.cpp - grad, value_and_grad, stop_grad, custom_grad ------------===//
//
// This file implements Nx's automatic differentiation API in the checker and
// the reverse-mode transform behind it. `grad(x, f)` wraps each tensor of `x`
// in an `identity` node (so that tensors `f` captures stay constants, as in
// Nx), calls `f` (inlining it, and every defn it calls), and then walks the
// typed-IR nodes emitted since, last to first, keeping one adjoint per node.
// A node on a path from the inputs to the output hands its adjoint to its
// operands through its rule (GradRules*.cpp), which emits ordinary typed-IR
// prims; so the gradient is code of the same function, fused and lowered
// like the rest, and a later `grad` can differentiate it again.
//
// `stop_grad(t)` is a `stop_grad` node (no gradient flows through it);
// `custom_grad(t, inputs, fun)` a `custom_grad` node whose operands are `t`
// and the inputs, and whose rule calls `fun` with the adjoint. Codegen
// forwards the value of all three markers.
//
//===----------------------------------------------------------------------===//

#include "frontend/GradTransform.h"

#include <stdexcept>

namespace nxc {

static std::string plural(size_t n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

unsigned leafCount(const Type &t) {
  if (!t.isTuple)
    return 1;
  unsigned n = 0;
  for (const Type &e : t.elements)
    n += leafCount(e);
  return n;
}

void leafTypes(const Type &t, std::vector<TensorType> &out) {
  if (!t.isTuple) {
    out.push_back(t.tensor);
    return;
  }
  for (const Type &e : t.elements)
    leafTypes(e, out);
}

void GradTransform::findDependents(int start, int end) {
  dep.assign(end, 0);
  // Inputs before the range: the values an `if` branch reads (see ifRule).
  for (int n = 0; n < start; ++n)
    dep[n] = isInput[n] &&
             (em.node(n).type.isTuple || isFloat(em.node(n).type.tensor.dtype));
  for (int n = start; n < end; ++n) {
    const TNode &t = em.node(n);
    bool d = false;
    if (isInput[n]) {
      d = true;
    } else if (t.kind == TNode::Kind::Prim && t.op == "stop_grad") {
      d = false;
    } else {
      size_t first = t.kind == TNode::Kind::Prim && t.op == "custom_grad";
      for (size_t k = first; k < t.operands.size(); ++k)
        d = d || dep[t.operands[k]];
      // Control flow depends on what its regions compute too.
      for (const TRegion &r : t.regions)
        for (int id : r.nodes)
          d = d || (id < end && dep[id]);
    }
    if (!t.type.isTuple && !isFloat(t.type.tensor.dtype))
      d = false; // integer and boolean values carry no gradient (as in Nx)
    dep[n] = d;
  }
}

void GradTransform::accumulate(int node, size_t leaf, int g) {
  if (g < 0 || !dep[node])
    return;
  std::vector<TensorType> types;
  leafTypes(em.node(node).type, types);
  if (leaf >= types.size() || em.type(g) != types[leaf])
    throw std::logic_error(
        "gradient of type " + toString(em.type(g)) + " for a value of type " +
        (leaf < types.size() ? toString(types[leaf]) : std::string("?")) +
        " (`" + em.node(node).op + "`)");
  std::vector<int> &adj = adjoint[node];
  if (adj.empty())
    adj.assign(types.size(), -1);
  adj[leaf] = adj[leaf] < 0
                  ? g
                  : em.prim("add", {adj[leaf], g}, types[leaf], em.node(g).loc);
}

int GradTransform::zerosOf(const TensorType &t, SourceLoc loc) {
  TensorType scalar = t;
  scalar.shape.clear();
  return em.broadcastTo(em.splat(scalar, 0.0, loc), t.shape, loc);
}

bool GradTransform::noRule(int n, const std::string &what) {
  SourceLoc loc = em.node(n).loc.line ? em.node(n).loc : callLoc;
  ck.diagnose(loc, DiagKind::GradNoRule, what);
  ck.diagnose(callLoc, DiagKind::GradTakenHere, api);
  return false;
}

bool GradTransform::step(int n) {
  auto it = adjoint.find(n);
  if (it == adjoint.end() || !dep[n] || isInput[n])
    return true;
  std::vector<int> g = it->second;
  adjoint.erase(it);
  TNode t = em.node(n);
  switch (t.kind) {
  case TNode::Kind::GetElem: {
    const Type &tup = em.node(t.operands[0]).type;
    size_t offset = 0;
    for (int i = 0; i < t.index; ++i)
      offset += leafCount(tup.elements[i]);
    for (size_t j = 0; j < g.size(); ++j)
      accumulate(t.operands[0], offset + j, g[j]);
    return true;
  }
  case TNode::Kind::MakeTuple: {
    size_t offset = 0;
    for (int o : t.operands) {
      unsigned count = leafCount(em.node(o).type);
      for (unsigned j = 0; j < count; ++j)
        accumulate(o, j, g[offset + j]);
      offset += count;
    }
    return true;
  }
  case TNode::Kind::Prim:
    if (t.op == "custom_grad")
      return customRule(n, g);
    break;
  case TNode::Kind::If:
    if (!lookupGradRule("if"))
      return ifRule(n, g);
    break;
  case TNode::Kind::While:
    if (!lookupGradRule("while"))
      return whileRule(n, g);
    break;
  case TNode::Kind::Call:
    break;
  default:
    return true; // parameters, constants, region arguments: no operands
  }
  std::string op = t.kind == TNode::Kind::Prim    ? t.op
                   : t.kind == TNode::Kind::If    ? "if"
                   : t.kind == TNode::Kind::While ? "while"
                                                  : "call";
  GradRule rule = lookupGradRule(op);
  if (!rule)
    return noRule(n, t.kind == TNode::Kind::Prim ? "nx." + op : op);
  GradRuleContext ctx(em, n);
  ctx.g = std::move(g);
  for (int o : t.operands)
    ctx.needs.push_back(dep[o]);
  ctx.depends = [this](int node) {
    return node < (int)dep.size() && dep[node];
  };
  rule(ctx);
  if (!ctx.limit.empty()) {
    SourceLoc loc = em.node(n).loc.line ? em.node(n).loc : callLoc;
    ck.diagnose(loc, DiagKind::GradRuleLimit, "nx." + t.op, ctx.limit);
    ck.diagnose(callLoc, DiagKind::GradTakenHere, api);
    return false;
  }
  for (auto [k, gn] : ctx.out)
    accumulate(t.operands[k], 0, gn);
  for (auto [node, leaf, gn] : ctx.outNodes)
    if (node < n)
      accumulate(node, leaf, gn);
  return true;
}

bool GradTransform::customRule(int n, const std::vector<int> &g) {
  TNode t = em.node(n);
  int64_t index = -1;
  for (const auto &[name, v] : t.i64s)
    if (name == "rule")
      index = v;
  Value fn = ck.customGradFns.at(index);
  int adj = g[0] >= 0 ? g[0] : zerosOf(t.type.tensor, t.loc);
  std::vector<Value> grads;
  size_t inputs = t.operands.size() - 1;
  if (!ck.applyForList(fn, ck.tensor(adj, t.loc), t.loc, inputs, grads))
    return false;
  if (grads.size() != inputs) {
    ck.diagnose(fn.loc, DiagKind::GradCustomResult, plural(inputs, "gradient"),
                "a list of " + std::to_string(grads.size()));
    return false;
  }
  for (size_t k = 0; k < inputs; ++k) {
    int gn;
    if (!ck.expectTensor(grads[k], "gradient returned to `custom_grad`", gn))
      return false;
    int input = t.operands[k + 1];
    TensorType want = em.type(input);
    gn = em.convert(gn, want.dtype, t.loc);
    std::vector<Dim> have = em.type(gn).shape;
    bool fits = have.size() <= want.shape.size();
    for (size_t i = 0; fits && i < have.size(); ++i) {
      const Dim &d = have[have.size() - 1 - i];
      fits = d == want.shape[want.shape.size() - 1 - i] ||
             (d.isStatic() && d.size == 1);
    }
    if (!fits) {
      ck.diagnose(grads[k].loc, DiagKind::GradCustomShape, shapeToString(have),
                  shapeToString(want.shape));
      return false;
    }
    accumulate(input, 0, em.broadcastTo(gn, want.shape, t.loc));
  }
  return true;
}

/// Appends a copy of node `id` (and of its regions, recursively) to the
/// current region; operands found in `map` are replaced by their copies.
int GradTransform::cloneNode(int id, std::map<int, int> &map) {
  TNode copy = em.node(id);
  for (int &o : copy.operands)
    if (map.count(o))
      o = map[o];
  for (TRegion &r : copy.regions) {
    std::vector<int> nodes = r.nodes;
    r.nodes.clear();
    em.beginRegion(r.nodes);
    for (int k : nodes)
      map[k] = cloneNode(k, map);
    em.endRegion();
    for (int &res : r.results)
      if (map.count(res))
        res = map[res];
  }
  return em.raw(std::move(copy));
}

/// The nodes outside `inside` that region `r` (or a region nested in it)
/// reads or yields.
void GradTransform::readsFromOutside(const TRegion &r,
                                     const std::set<int> &inside,
                                     std::set<int> &out) {
  std::set<int> all = inside;
  for (int id : r.nodes)
    all.insert(id);
  auto note = [&](int o) {
    if (!all.count(o))
      out.insert(o);
  };
  for (int id : r.nodes) {
    for (int o : em.node(id).operands)
      note(o);
    std::vector<TRegion> nested = em.node(id).regions;
    for (const TRegion &sub : nested)
      readsFromOutside(sub, all, out);
  }
  for (int res : r.results)
    note(res);
}

/// `if`: a second `if` on the same predicate whose branch k recomputes
/// branch k (its values are not visible outside it) and runs reverse mode
/// over the copy, from the adjoints of the results back to the values the
/// branch reads from outside; it yields their gradients.
bool GradTransform::ifRule(int n, const std::vector<int> &g) {
  TNode t = em.node(n);
  std::set<int> read;
  for (const TRegion &r : t.regions)
    readsFromOutside(r, {}, read);
  std::vector<int> targets;
  for (int o : read)
    if (dep[o])
      targets.push_back(o);
  if (targets.empty())
    return true;
  // One result per leaf of each target (a branch may read a tuple).
  std::vector<std::pair<int, size_t>> leaves;
  TNode gi;
  gi.kind = TNode::Kind::If;
  gi.loc = t.loc;
  gi.operands = t.operands;
  gi.type.isTuple = true;
  for (int o : targets) {
    std::vector<TensorType> types;
    leafTypes(em.node(o).type, types);
    for (size_t l = 0; l < types.size(); ++l) {
      leaves.push_back({o, l});
      gi.type.elements.push_back(Type{false, types[l], {}});
    }
  }
  gi.regions.resize(2);
  for (size_t k = 0; k < 2; ++k) {
    em.beginRegion(gi.regions[k].nodes);
    int start = em.size();
    std::map<int, int> map;
    for (int id : t.regions[k].nodes)
      map[id] = cloneNode(id, map);
    GradTransform sub(ck, callLoc, api);
    sub.isInput.assign(em.size(), 0);
    for (int o : targets)
      sub.isInput[o] = 1;
    sub.findDependents(start, em.size());
    const std::vector<int> &results = t.regions[k].results;
    for (size_t j = 0; j < results.size() && j < g.size(); ++j) {
      int r = map.count(results[j]) ? map[results[j]] : results[j];
      sub.accumulate(r, 0, g[j]);
    }
    for (int m = em.size() - 1; m >= start; --m)
      if (!sub.step(m)) {
        em.endRegion();
        return false;
      }
    for (size_t i = 0; i < leaves.size(); ++i) {
      auto [o, l] = leaves[i];
      auto it = sub.adjoint.find(o);
      gi.regions[k].results.push_back(
          it != sub.adjoint.end() && it->second[l] >= 0
              ? it->second[l]
              : zerosOf(gi.type.elements[i].tensor, t.loc));
    }
    em.endRegion();
  }
  int id = em.raw(std::move(gi));
  for (size_t i = 0; i < leaves.size(); ++i)
    accumulate(leaves[i].first, leaves[i].second,
               em.getElem(id, static_cast<int>(i), t.loc));
  return true;
}

bool GradTransform::run(int start, const std::vector<int> &inputs, int out,
                        std::vector<int> &grads) {
  int end = em.size();
  isInput.assign(end, 0);
  for (int i : inputs)
    isInput[i] = 1;
  findDependents(start, end);
  if (dep[out])
    adjoint[out] = {em.splat(em.type(out), 1.0, em.node(out).loc)};
  for (int n = out; n >= start; --n)
    if (!step(n))
      return false;
  for (int i : inputs) {
    auto it = adjoint.find(i);
    if (it != adjoint.end() && it->second[0] >= 0) {
      grads.push_back(it->second[0]);
      continue;
    }
    TensorType t = em.type(i);
    if (!isFloat(t.dtype))
      t.dtype = DType::F32; // Nx: the zero gradient of an integer is f32
    grads.push_back(zerosOf(t, callLoc));
  }
  return true;
}

//===----------------------------------------------------------------------===//
// The API
//===----------------------------------------------------------------------===//

/// Replaces every tensor of `x` with an `identity` node (recorded in
/// `inputs`), keeping the structure.
Value Checker::gradInputs(const Value &x, std::vector<int> &inputs) {
  if (x.kind == Value::Kind::Tuple) {
    Value r = x;
    for (Value &e : r.elems) {
      e = gradInputs(e, inputs);
      if (e.isInvalid())
        return {};
    }
    return r;
  }
  int node;
  if (!expectTensor(x, "value to differentiate", node))
    return {};
  int id = emitter->prim("identity", {node}, emitter->type(node), x.loc);
  inputs.push_back(id);
  if (!isFloat(emitter->type(node).dtype))
    diagnose(x.loc, DiagKind::GradIntegerInput, toString(emitter->type(node)));
  Value r = tensor(id, x.loc);
  r.varName = x.varName;
  r.declLoc = x.declLoc;
  return r;
}

static Value rebuild(Checker &ck, const Value &x, const std::vector<int> &g,
                     size_t &pos) {
  if (x.kind != Value::Kind::Tuple)
    return ck.tensor(g[pos++], x.loc);
  Value r = x;
  for (Value &e : r.elems)
    e = rebuild(ck, e, g, pos);
  return r;
}

Value Checker::checkGrad(NxCall &c, bool withValue) {
  const Value &f = c.args[1];
  for (size_t k = 1; k < c.args.size(); ++k) {
    const Value &fk = c.args[k];
    std::string what = std::string(k == 1 ? "the second" : "the third") +
                       " argument of `" + c.name + "`";
    if (fk.kind != Value::Kind::Function) {
      diagnose(fk.loc, DiagKind::NotAFunction, what, describeKind(fk));
      return {};
    }
    if (fk.fn->arity != 1) {
      diagnose(fk.loc, DiagKind::GradFnArity, c.name, fk.fn->arity);
      return {};
    }
  }
  std::vector<int> inputs;
  int start = emitter->size();
  Value x = gradInputs(c.args[0], inputs);
  if (x.isInvalid())
    return {};
  ++gradTracing;
  Value value = applyFunction(f, {x}, c.loc, "function of `" + c.name + "`");
  Value loss = value;
  const Value *lossFn = &f;
  if (c.args.size() == 3 && !value.isInvalid()) {
    lossFn = &c.args[2];
    loss = applyFunction(*lossFn, {value}, c.loc, "");
  }
  --gradTracing;
  if (loss.isInvalid())
    return {};
  loss = materialize(loss);
  if (loss.kind != Value::Kind::Tensor || !typeOf(loss).shape.empty() ||
      !isFloat(typeOf(loss).dtype)) {
    diagnose(lossFn->loc, DiagKind::GradNotScalar, c.name, describeKind(loss));
    return {};
  }
  GradTransform t(*this, c.loc, c.name);
  std::vector<int> grads;
  ++gradTracing; // custom_grad functions run during the transform
  bool ok = t.run(start, inputs, loss.node, grads);
  --gradTracing;
  if (!ok)
    return {};
  size_t pos = 0;
  Value g = rebuild(*this, c.args[0], grads, pos);
  if (!withValue)
    return g;
  Value r;
  r.kind = Value::Kind::Tuple;
  r.loc = c.loc;
  r.elems = {value, g};
  return r;
}

Value Checker::checkStopGrad(NxCall &c) {
  std::function<Value(const Value &)> stop = [&](const Value &v) -> Value {
    if (v.kind == Value::Kind::Tuple) {
      Value r = v;
      for (Value &e : r.elems)
        if ((e = stop(e)).isInvalid())
          return {};
      return r;
    }
    if (v.kind == Value::Kind::Number)
      return v;
    int node;
    if (!expectTensor(v, "argument of `" + c.name + "`", node))
      return {};
    return tensor(
        emitter->prim("stop_grad", {node}, emitter->type(node), c.loc), c.loc);
  };
  return stop(c.args[0]);
}

Value Checker::checkCustomGrad(NxCall &c) {
  int value;
  if (!expectTensor(c.args[0], "first argument of `" + c.name + "`", value))
    return {};
  const Value &list = c.args[1];
  if (list.kind != Value::Kind::Static || !list.expr ||
      list.expr->kind != Expr::Kind::List) {
    diagnose(list.loc, DiagKind::GradCustomInputs, describeKind(list));
    return {};
  }
  std::vector<int> operands = {value};
  for (const auto &e : list.expr->elems) {
    int node;
    if (!expectTensor(check(*e), "input of `" + c.name + "`", node))
      return {};
    operands.push_back(node);
  }
  const Value &fn = c.args[2];
  if (fn.kind != Value::Kind::Function) {
    diagnose(fn.loc, DiagKind::NotAFunction,
             "third argument of `" + c.name + "`", describeKind(fn));
    return {};
  }
  if (fn.fn->arity != 1) {
    diagnose(fn.loc, DiagKind::GradFnArity, c.name, fn.fn->arity);
    return {};
  }
  int id = emitter->prim("custom_grad", operands, emitter->type(value), c.loc);
  emitter->setInt(id, "rule", static_cast<int64_t>(customGradFns.size()));
  customGradFns.push_back(fn);
  return tensor(id, c.loc);
}

/// Calls `f` with `arg` and reads its result as a list of values (`arity`
/// expected, for the diagnostic): the elements of a final list literal
/// (evaluated in the function's scope), or of a tuple.
bool Checker::applyForList(const Value &f, const Value &arg, SourceLoc loc,
                           size_t arity, std::vector<Value> &out) {
  const Expr &x = *f.fn->expr;
  Value last;
  if (x.kind == Expr::Kind::Fn) {
    std::map<std::string, Value> scope = f.fn->env;
    if (!bindPattern(*x.elems[0], arg, scope))
      return false;
    std::map<std::string, Value> *saved = env;
    env = &scope;
    const StmtList &body = x.blocks[0];
    for (size_t i = 0; i < body.size(); ++i) {
      const Stmt &s = body[i];
      if (i + 1 == body.size() && s.patterns.empty() &&
          s.value->kind == Expr::Kind::List) {
        for (const auto &e : s.value->elems) {
          out.push_back(check(*e));
          if (out.back().isInvalid()) {
            env = saved;
            return false;
          }
        }
        env = saved;
        return true;
      }
      last = check(*s.value);
      for (auto &p : s.patterns)
        bindPattern(*p, last, *env);
    }
    env = saved;
  } else {
    last = applyFunction(f, {arg}, loc, "");
  }
  if (last.isInvalid())
    return false;
  if (last.kind == Value::Kind::Tuple) {
    out = last.elems;
    return true;
  }
  diagnose(f.loc, DiagKind::GradCustomResult, plural(arity, "gradient"),
           describeKind(last));
  return false;
}

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

static Value gradHandler(Checker &ck, NxCall &c) {
  return ck.checkGrad(c, false);
}
static Value valueAndGradHandler(Checker &ck, NxCall &c) {
  return ck.checkGrad(c, true);
}
static Value stopGradHandler(Checker &ck, NxCall &c) {
  return ck.checkStopGrad(c);
}
static Value customGradHandler(Checker &ck, NxCall &c) {
  return ck.checkCustomGrad(c);
}

void registerGrad(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx.Defn", "grad", 2, 2, {}, gradHandler});
  t.push_back({"Nx.Defn", "value_and_grad", 2, 3, {}, valueAndGradHandler});
  t.push_back({"Nx.Defn.Kernel", "stop_grad", 1, 1, {}, stopGradHandler});
  t.push_back({"Nx.Defn.Kernel", "custom_grad", 3, 3, {}, customGradHandler});
}

const NxFunctionInfo *lookupImportedFunction(const std::string &name,
                                             size_t arity) {
  for (const char *module : {"Nx.Defn", "Nx.Defn.Kernel"}) {
    const NxFunctionInfo *f = lookupNxFunction(module, name);
    if (f && arity >= f->minArgs && arity <= f->maxArgs)
      return f;
  }
  return nullptr;
}

} // namespace nxc
