//===- CheckControlFlow.cpp - `if`, `cond` and `while` in defn ------------===//
//
// This file implements the checking of Nx's control flow (Nx.Defn.Kernel's
// `if/2`, `cond/1` and `while/4`) into If and While nodes of the typed IR.
// Each branch or loop part is checked in its own scope (names bound inside do
// not leak out) and its nodes are recorded in a TRegion; values of the
// enclosing scope may be used inside. Branch results follow Nx.Defn.Expr's
// rules: tensors are converted to the merged type and broadcast to the merged
// shape (a missing `else` is 0). A `while` state must keep its types from one
// iteration to the next. A range generator `i <- first..last` (inclusive, as
// Elixir ranges) adds a hidden s32 counter to the state; `unroll:` duplicates
// the body at compile time.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

namespace nxc {

static Type tensorTy(const TensorType &t) {
  Type ty;
  ty.tensor = t;
  return ty;
}

static TensorType scalarOf(DType d) {
  TensorType t;
  t.dtype = d;
  return t;
}

/// Describes a branch or body value for diagnostics: its type, or "a tuple
/// of N elements" style text for what has no tensor type yet.
static std::string describe(const Checker &c, const Value &v) {
  switch (v.kind) {
  case Value::Kind::Tensor:
    return toString(c.typeOf(v));
  case Value::Kind::Number:
    return v.isFloatNumber ? "f32[]"
                           : std::string(dtypeName(inferInt(v.intValue))) + "[]";
  case Value::Kind::Tuple: {
    std::string s = "{";
    for (size_t i = 0; i < v.elems.size(); ++i)
      s += (i ? ", " : "") + describe(c, v.elems[i]);
    return s + "}";
  }
  default:
    return "a constant term";
  }
}

bool Checker::condition(const Expr &c, const std::string &what, int &node) {
  Value v = check(c);
  if (v.kind == Value::Kind::Static && v.expr &&
      v.expr->kind == Expr::Kind::Bool) {
    node = emitter->constantInts(scalarOf(DType::U8), {v.expr->boolValue},
                                 c.loc);
    return true;
  }
  if (!expectTensor(v, "condition of `" + what + "`", node))
    return false;
  const TensorType &t = emitter->type(node);
  if (!t.shape.empty()) {
    diagnose(c.loc, DiagKind::ConditionNotScalar, what,
             shapeToString(t.shape));
    noteShape(v);
    return false;
  }
  // Nx: zero is false, any other number is true.
  if (isFloat(t.dtype)) {
    Value zero;
    zero.kind = Value::Kind::Number;
    zero.loc = c.loc;
    Value ne = binary("not_equal", tensor(node, c.loc), zero, c.loc,
                      "`" + what + "`");
    node = ne.node;
  }
  return true;
}

bool Checker::mergeBranch(const std::string &what, const Value &a,
                          const Value &b, Type &t) {
  bool aTuple = a.kind == Value::Kind::Tuple;
  bool bTuple = b.kind == Value::Kind::Tuple;
  if (aTuple != bTuple || (aTuple && a.elems.size() != b.elems.size())) {
    diagnose(b.loc, DiagKind::BranchesDiffer, what, describe(*this, a),
             describe(*this, b));
    return false;
  }
  if (aTuple) {
    t.isTuple = true;
    for (size_t i = 0; i < a.elems.size(); ++i) {
      Type et;
      if (!mergeBranch(what, a.elems[i], b.elems[i], et))
        return false;
      t.elements.push_back(et);
    }
    return true;
  }
  int dummy;
  for (const Value *v : {&a, &b})
    if (v->kind != Value::Kind::Tensor && v->kind != Value::Kind::Number) {
      expectTensor(*v, "result of `" + what + "`", dummy);
      return false;
    }
  DType dt;
  if (a.kind == Value::Kind::Number && b.kind == Value::Kind::Number)
    dt = mergeTypes(a.isFloatNumber ? DType::F32 : inferInt(a.intValue),
                    b.isFloatNumber ? DType::F32 : inferInt(b.intValue));
  else if (a.kind == Value::Kind::Number)
    dt = mergeNumber(typeOf(b).dtype, a.isFloatNumber, a.intValue);
  else if (b.kind == Value::Kind::Number)
    dt = mergeNumber(typeOf(a).dtype, b.isFloatNumber, b.intValue);
  else
    dt = mergeTypes(typeOf(a).dtype, typeOf(b).dtype);
  t.tensor.dtype = dt;
  return broadcastShapes({&a, &b}, "the branches of `" + what + "`", b.loc,
                         t.tensor.shape);
}

void Checker::coerceLeaves(const Value &v, const Type &t,
                           std::vector<int> &out) {
  if (t.isTuple) {
    for (size_t i = 0; i < t.elements.size(); ++i)
      coerceLeaves(v.elems[i], t.elements[i], out);
    return;
  }
  int id = v.kind == Value::Kind::Number
               ? emitter->splat(scalarOf(t.tensor.dtype), v.number(), v.loc)
               : emitter->convert(v.node, t.tensor.dtype, v.loc);
  out.push_back(emitter->broadcastTo(id, t.tensor.shape, v.loc));
}

Value Checker::fromLeaves(const Type &t, const std::vector<int> &leaves,
                          size_t &pos, SourceLoc loc) {
  if (!t.isTuple)
    return tensor(leaves[pos++], loc);
  Value v;
  v.kind = Value::Kind::Tuple;
  v.loc = loc;
  for (const Type &e : t.elements)
    v.elems.push_back(fromLeaves(e, leaves, pos, loc));
  return v;
}

Value Checker::branches(const std::string &what, SourceLoc loc, int pred,
                        const std::function<Value()> &onTrue,
                        const std::function<Value()> &onFalse) {
  TNode n;
  n.kind = TNode::Kind::If;
  n.loc = loc;
  n.operands = {pred};
  n.regions.resize(2);
  Value results[2];
  const std::function<Value()> *fns[2] = {&onTrue, &onFalse};
  for (int k = 0; k < 2; ++k) {
    std::map<std::string, Value> scope = *env;
    std::map<std::string, Value> *saved = env;
    env = &scope;
    emitter->beginRegion(n.regions[k].nodes);
    results[k] = (*fns[k])();
    emitter->endRegion();
    env = saved;
  }
  if (results[0].isInvalid() || results[1].isInvalid())
    return {};
  if (!mergeBranch(what, results[0], results[1], n.type))
    return {};
  for (int k = 0; k < 2; ++k) {
    emitter->beginRegion(n.regions[k].nodes);
    coerceLeaves(results[k], n.type, n.regions[k].results);
    emitter->endRegion();
  }
  Type t = n.type;
  int id = emitter->raw(std::move(n));
  return unflatten(id, t, loc);
}

Value Checker::checkIf(const Expr &e) {
  int pred;
  if (!condition(*e.elems[0], "if", pred))
    return {};
  return branches(
      "if", e.loc, pred, [&] { return checkBlock(e.blocks[0]); },
      [&] {
        if (e.boolValue)
          return checkBlock(e.blocks[1]);
        Value zero; // Nx: a missing `else` is 0
        zero.kind = Value::Kind::Number;
        zero.loc = e.loc;
        return zero;
      });
}

Value Checker::checkCond(const Expr &e, size_t clause) {
  // `cond do c1 -> a; c2 -> b; true -> c end` is `if c1, a, (if c2, b, c)`.
  if (clause + 1 >= e.elems.size())
    return checkBlock(e.blocks[clause]);
  int pred;
  if (!condition(*e.elems[clause], "cond", pred))
    return {};
  return branches(
      "cond", e.elems[clause]->loc, pred,
      [&] { return checkBlock(e.blocks[clause]); },
      [&] { return checkCond(e, clause + 1); });
}

//===----------------------------------------------------------------------===//
// while
//===----------------------------------------------------------------------===//

bool Checker::collectState(const Value &v, const Type &t, const Type &whole,
                           std::vector<int> &out, int &leaf) {
  bool isTuple = v.kind == Value::Kind::Tuple;
  if (isTuple != t.isTuple ||
      (isTuple && v.elems.size() != t.elements.size())) {
    diagnose(v.loc, DiagKind::WhileStateStructure, describe(*this, v),
             toString(whole));
    return false;
  }
  if (isTuple) {
    for (size_t i = 0; i < v.elems.size(); ++i)
      if (!collectState(v.elems[i], t.elements[i], whole, out, leaf))
        return false;
    return true;
  }
  ++leaf;
  if (v.kind == Value::Kind::Number) { // weakly typed: takes the state's type
    int id = emitter->splat(scalarOf(t.tensor.dtype), v.number(), v.loc);
    out.push_back(emitter->broadcastTo(id, t.tensor.shape, v.loc));
    return true;
  }
  int node;
  if (!expectTensor(v, "`while` state", node))
    return false;
  if (emitter->type(node) != t.tensor) {
    diagnose(v.loc, DiagKind::WhileStateChanged, leaf, toString(t.tensor),
             toString(emitter->type(node)));
    return false;
  }
  out.push_back(node);
  return true;
}

/// One iteration of the body of `while` `e` from `state` (of type `stateT`),
/// with the generator variable bound to `iter` when given; `next` receives
/// the next state's tensors.
bool Checker::whileStep(const Expr &e, const Value &state, const Type &stateT,
                        const Value *iter, std::vector<int> &next) {
  std::map<std::string, Value> scope = *env;
  std::map<std::string, Value> *saved = env;
  env = &scope;
  bindPattern(*e.elems[0], state, scope);
  if (iter)
    bindPattern(*e.elems[2], *iter, scope);
  Value r = checkBlock(e.blocks[0]);
  int leaf = 0;
  bool ok = !r.isInvalid() && collectState(r, stateT, stateT, next, leaf);
  env = saved;
  return ok;
}

Value Checker::checkWhile(const Expr &e) {
  bool gen = e.boolValue;
  const Expr *opts =
      e.elems.back()->kind == Expr::Kind::Keyword ? e.elems.back().get()
                                                  : nullptr;
  int64_t unroll = 0; // 0: a loop; -1: fully unrolled; N: N bodies per trip
  if (opts) {
    for (size_t i = 0; i < opts->keys.size(); ++i) {
      if (opts->keys[i] != "unroll") {
        diagnose(opts->keyLocs[i], DiagKind::UnknownOption, opts->keys[i],
                 "while", "`unroll`");
        return {};
      }
      const Expr &u = *opts->elems[i];
      if (u.kind == Expr::Kind::Bool)
        unroll = u.boolValue ? -1 : 0;
      else if (u.kind == Expr::Kind::Int && u.intValue > 0)
        unroll = u.intValue == 1 ? 0 : u.intValue;
      else {
        diagnose(u.loc, DiagKind::WhileUnrollValue);
        return {};
      }
      if (!gen && unroll) {
        diagnose(opts->keyLocs[i], DiagKind::WhileUnrollNoGenerator);
        return {};
      }
    }
  }
  Value init = check(*e.elems[1]);
  if (init.isInvalid())
    return {};
  std::vector<int> initLeaves;
  Type stateT;
  if (!flatten(init, initLeaves, stateT, e.elems[1]->loc))
    return {};
  {
    std::map<std::string, Value> probe;
    if (!bindPattern(*e.elems[0], init, probe))
      return {};
  }
  // The range of a generator: literal integer bounds, inclusive.
  int64_t lo = 0, hi = 0, step = 1, count = 0;
  if (gen) {
    for (int k : {3, 4}) {
      Value b = check(*e.elems[k]);
      if (b.isInvalid())
        return {};
      if (b.kind != Value::Kind::Number || b.isFloatNumber) {
        diagnose(e.elems[k]->loc, DiagKind::WhileRangeBound,
                 describe(*this, b));
        return {};
      }
      (k == 3 ? lo : hi) = b.intValue;
    }
    step = lo <= hi ? 1 : -1;
    count = (hi - lo) * step + 1;
    if (unroll >= count)
      unroll = -1;
  }
  // The counter is s32 as in Nx (`tensor(first)`), s64 for bounds beyond it.
  DType counterT = mergeTypes(inferInt(lo), inferInt(hi));
  auto iterValue = [&](int64_t i) {
    int id = emitter->constantInts(scalarOf(counterT), {i}, e.elems[2]->loc);
    return tensor(id, e.elems[2]->loc);
  };
  size_t pos = 0;
  Value state = fromLeaves(stateT, initLeaves, pos, e.loc);
  if (unroll == -1) {
    for (int64_t i = 0; i < count; ++i) {
      Value it = iterValue(lo + i * step);
      std::vector<int> next;
      if (!whileStep(e, state, stateT, &it, next))
        return {};
      pos = 0;
      state = fromLeaves(stateT, next, pos, e.loc);
    }
    return state;
  }
  int64_t per = unroll > 0 ? unroll : 1; // bodies per trip
  int64_t trips = gen ? count / per : 0;

  // The loop's state: the user's tensors, then the counter of a generator.
  TNode n;
  n.kind = TNode::Kind::While;
  n.loc = e.loc;
  n.operands = initLeaves;
  if (gen)
    n.operands.push_back(
        emitter->constantInts(scalarOf(counterT), {lo}, e.elems[2]->loc));
  n.type.isTuple = true;
  for (int id : n.operands)
    n.type.elements.push_back(tensorTy(emitter->type(id)));
  n.regions.resize(2);
  size_t userLeaves = initLeaves.size();
  bool ok = true;
  for (int k = 0; k < 2 && ok; ++k) {
    TRegion &r = n.regions[k];
    std::map<std::string, Value> scope = *env;
    std::map<std::string, Value> *saved = env;
    env = &scope;
    emitter->beginRegion(r.nodes);
    std::vector<int> args;
    for (size_t j = 0; j < n.operands.size(); ++j) {
      TNode a;
      a.kind = TNode::Kind::RegionArg;
      a.index = static_cast<int>(j);
      a.type = n.type.elements[j];
      a.loc = e.loc;
      r.args.push_back(a.type.tensor);
      args.push_back(emitter->raw(std::move(a)));
    }
    std::vector<int> userArgs(args.begin(), args.begin() + userLeaves);
    pos = 0;
    Value s = fromLeaves(stateT, userArgs, pos, e.loc);
    if (k == 0) {
      int c;
      if (gen) {
        // Continue while the counter has not passed the last full trip.
        Value bound;
        bound.kind = Value::Kind::Number;
        bound.intValue = lo + (trips * per - 1) * step;
        bound.loc = e.elems[4]->loc;
        Value cmp = binary(step > 0 ? "less_equal" : "greater_equal",
                           tensor(args.back(), e.elems[2]->loc), bound,
                           e.elems[2]->loc, "the range of `while`");
        ok = !cmp.isInvalid();
        c = cmp.node;
      } else {
        bindPattern(*e.elems[0], s, scope);
        ok = condition(*e.elems[2], "while", c);
      }
      if (ok)
        r.results = {c};
    } else {
      Value counter = gen ? tensor(args.back(), e.elems[2]->loc) : Value{};
      for (int64_t u = 0; u < per && ok; ++u) {
        Value it = counter;
        if (gen && u > 0) {
          Value off;
          off.kind = Value::Kind::Number;
          off.intValue = u * step;
          off.loc = e.elems[2]->loc;
          it = binary("add", counter, off, e.elems[2]->loc,
                      "the range of `while`");
        }
        std::vector<int> next;
        ok = whileStep(e, s, stateT, gen ? &it : nullptr, next);
        if (ok) {
          pos = 0;
          s = fromLeaves(stateT, next, pos, e.loc);
          r.results = next;
        }
      }
      if (ok && gen) {
        Value inc;
        inc.kind = Value::Kind::Number;
        inc.intValue = per * step;
        inc.loc = e.elems[2]->loc;
        Value nc = binary("add", counter, inc, e.elems[2]->loc,
                          "the range of `while`");
        ok = !nc.isInvalid();
        r.results.push_back(nc.node);
      }
    }
    emitter->endRegion();
    env = saved;
  }
  if (!ok)
    return {};
  int id = emitter->raw(std::move(n));
  std::vector<int> finals;
  for (size_t j = 0; j < userLeaves; ++j)
    finals.push_back(emitter->getElem(id, static_cast<int>(j), e.loc));
  pos = 0;
  state = fromLeaves(stateT, finals, pos, e.loc);
  // The iterations left over by `unroll: N` run after the loop.
  for (int64_t i = trips * per; gen && i < count; ++i) {
    Value it = iterValue(lo + i * step);
    std::vector<int> next;
    if (!whileStep(e, state, stateT, &it, next))
      return {};
    pos = 0;
    state = fromLeaves(stateT, next, pos, e.loc);
  }
  return state;
}

} // namespace nxc
