//===- CheckNxFunctional.cpp - Nx functions that take a function ---------===//
//
// This file implements Nx.reduce (`axes:`, `keep_axes:`, `type:`) and
// Nx.window_reduce (`strides:`, `padding:`, `window_dilations:`) as the
// `nx.reduce` / `nx.window_reduce` ops, whose one region combines an element
// with the accumulator. As Nx.Defn.Expr does, the function is traced once on
// two 0-d tensors of the result type (region arguments 0: the element, 1:
// the accumulator); its result must be a scalar and is converted to the
// result type. The region may only compute on 0-d tensors (it may read 0-d
// tensors of the enclosing scope): nx-to-linalg turns it into scalar code.
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"
#include "frontend/ReduceOptions.h"
#include "frontend/WindowOptions.h"

#include <set>

namespace nxc {
namespace {

TensorType scalarOf(DType d) {
  TensorType t;
  t.dtype = d;
  return t;
}

/// Reports the first node of region `r` that is not a computation on 0-d
/// tensors (or that reads a non-scalar from outside the region).
bool checkScalarRegion(Checker &c, const NxCall &call, const TRegion &r) {
  Emitter &em = c.emit();
  std::set<int> inside(r.nodes.begin(), r.nodes.end());
  for (int id : r.nodes) {
    const TNode &n = em.node(id);
    std::string bad;
    if (n.kind == TNode::Kind::If || n.kind == TNode::Kind::While ||
        !n.regions.empty())
      bad = "control flow";
    else if (n.kind == TNode::Kind::Call)
      bad = "a call of a `defn` that takes no function";
    else if (n.type.isTuple || !n.type.tensor.shape.empty())
      bad = toString(n.type);
    for (int o : n.operands)
      if (bad.empty() && !inside.count(o) &&
          (em.node(o).type.isTuple || !em.type(o).shape.empty()))
        bad = toString(em.node(o).type);
    if (!bad.empty()) {
      c.diagnose(n.loc, DiagKind::FnNotScalarOnly, call.name, bad);
      return false;
    }
  }
  return true;
}

/// Traces function value `f` on two 0-d tensors of `dt` into `r`.
bool traceCombiner(Checker &c, const NxCall &call, const Value &f, DType dt,
                   TRegion &r) {
  if (f.kind != Value::Kind::Function) {
    c.diagnose(f.loc, DiagKind::NotAFunction,
               "the last argument of `" + call.name + "`", c.describeKind(f));
    return false;
  }
  Emitter &em = c.emit();
  em.beginRegion(r.nodes);
  std::vector<Value> args;
  for (int i = 0; i < 2; ++i) {
    TNode a;
    a.kind = TNode::Kind::RegionArg;
    a.index = i;
    a.type.tensor = scalarOf(dt);
    a.loc = f.loc;
    r.args.push_back(scalarOf(dt));
    args.push_back(c.tensor(em.raw(std::move(a)), f.loc));
  }
  Value res = c.applyFunction(f, args, f.loc,
                              "the last argument of `" + call.name + "`");
  int node = -1;
  bool ok = !res.isInvalid();
  if (ok && res.kind == Value::Kind::Number)
    node = em.splat(scalarOf(dt), res.number(), res.loc);
  else if (ok && c.expectTensor(res, "the result of the function given to `" +
                                         call.name + "`",
                                node)) {
    if (!em.type(node).shape.empty()) {
      c.diagnose(res.loc, DiagKind::FnResultNotScalar, call.name,
                 toString(em.type(node)));
      ok = false;
    }
  } else {
    ok = false;
  }
  if (ok)
    r.results = {em.convert(node, dt, res.loc)};
  em.endRegion();
  return ok && checkScalarRegion(c, call, r);
}

/// The accumulator argument as a 0-d tensor of `dt`; -1 after a report.
int accumulator(Checker &c, const NxCall &call, DType dt) {
  const Value &acc = call.args[1];
  Emitter &em = c.emit();
  if (acc.kind == Value::Kind::Number)
    return em.splat(scalarOf(dt), acc.number(), acc.loc);
  int node;
  if (!c.expectTensor(acc, "the accumulator of `" + call.name + "`", node))
    return -1;
  if (!em.type(node).shape.empty()) {
    c.diagnose(acc.loc, DiagKind::WindowInitNotScalar, call.name,
               shapeToString(em.type(node).shape));
    return -1;
  }
  return em.convert(node, dt, acc.loc);
}

Value reduceFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  Emitter &em = c.emit();
  TensorType xt = em.type(x);
  ReduceOpts o;
  if (!readReduceOpts(c, call, xt.shape.size(), o))
    return {};
  const Expr *axesOpt = findOption(call, "axes");
  if (axesOpt && o.axes.empty())
    return c.tensor(x, call.loc); // Nx: no axes, the tensor as is
  // Nx: the type of `tensor op acc` unless `type:` says otherwise.
  DType dt;
  const Value &acc = call.args[1];
  if (const Expr *t = findOption(call, "type")) {
    if (!c.optionDType(*t, "`type`", dt))
      return {};
  } else if (acc.kind == Value::Kind::Number) {
    dt = mergeNumber(xt.dtype, acc.isFloatNumber, acc.intValue);
  } else {
    int a;
    if (!c.expectTensor(acc, "the accumulator of `" + call.name + "`", a))
      return {};
    dt = mergeTypes(xt.dtype, em.type(a).dtype);
  }
  if (dt == DType::Pred)
    dt = DType::U8;
  int init = accumulator(c, call, dt);
  if (init < 0)
    return {};
  x = em.convert(x, dt, call.loc);
  TNode n;
  n.kind = TNode::Kind::Prim;
  n.op = "reduce";
  n.loc = call.loc;
  n.operands = {x, init};
  n.type.tensor.dtype = dt;
  n.type.tensor.shape = reducedShape(xt.shape, o.axes, o.keep);
  n.i64Arrays.push_back({"axes", o.axes});
  n.bools.push_back({"keep_axes", o.keep});
  n.regions.resize(1);
  if (!traceCombiner(c, call, call.args[2], dt, n.regions[0]))
    return {};
  return c.tensor(em.raw(std::move(n)), call.loc);
}

Value windowReduceFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  Emitter &em = c.emit();
  Value xv = c.tensor(x, call.args[0].loc);
  xv.varName = call.args[0].varName;
  xv.declLoc = call.args[0].declLoc;
  Window w;
  if (!windowConfig(c, call, xv, call.args[2], true, w))
    return {};
  // Nx: the result keeps the tensor's type; `acc` pads and starts windows.
  DType dt = em.type(x).dtype;
  int init = accumulator(c, call, dt);
  if (init < 0)
    return {};
  TNode n;
  n.kind = TNode::Kind::Prim;
  n.op = "window_reduce";
  n.loc = call.loc;
  n.operands = {x, init};
  n.type.tensor.dtype = dt;
  n.type.tensor.shape = w.result;
  n.i64Arrays = {{"window_dimensions", w.dims},
                 {"window_strides", w.strides},
                 {"padding_low", w.lo},
                 {"padding_high", w.hi},
                 {"window_dilations", w.dil}};
  n.regions.resize(1);
  if (!traceCombiner(c, call, call.args[3], dt, n.regions[0]))
    return {};
  return c.tensor(em.raw(std::move(n)), call.loc);
}

} // namespace

void registerFunctional(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx", "reduce", 3, 3, {"axes", "keep_axes", "type"}, reduceFn});
  t.push_back({"Nx", "window_reduce", 4, 4,
               {"strides", "padding", "window_dilations"}, windowReduceFn});
}

} // namespace nxc
