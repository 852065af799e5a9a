//===- CheckNxDot.cpp - Nx.dot ----------------------------------------------===//
//
// This file implements Nx.dot/2, /4 and /6. The result dimensions are the
// batch dimensions, then the free dimensions of the left operand, then those
// of the right operand, as Nx documents; a scalar operand makes it a multiply.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

#include <algorithm>

namespace nxc {
namespace {

bool axesArg(Checker &c, const Value &v, size_t rank, const char *what,
             std::vector<int64_t> &out) {
  if (v.kind != Value::Kind::Static || !v.expr) {
    c.diagnose(v.loc, DiagKind::OptionNotIntList,
               std::string(what) + " of `Nx.dot`");
    return false;
  }
  return c.optionIntList(*v.expr, what, out) &&
         c.normalizeAxes(out, rank, v.loc, "`Nx.dot`", /*sort=*/false);
}

Value dotFn(Checker &c, NxCall &call) {
  size_t n = call.args.size();
  if (n == 3 || n == 5) {
    c.diagnose(call.loc, DiagKind::WrongArgumentCount, "Nx.dot", "2, 4 or 6",
               n);
    return {};
  }
  const Value &av = call.args[0];
  const Value &bv = call.args[n == 2 ? 1 : n == 4 ? 2 : 3];
  if (n == 2 && (av.kind == Value::Kind::Number ||
                 bv.kind == Value::Kind::Number ||
                 (av.kind == Value::Kind::Tensor &&
                  c.typeOf(av).shape.empty()) ||
                 (bv.kind == Value::Kind::Tensor &&
                  c.typeOf(bv).shape.empty())))
    return c.binary("multiply", av, bv, call.loc, "`Nx.dot`");
  int a, b;
  if (!c.expectTensor(av, "left operand of `Nx.dot`", a) ||
      !c.expectTensor(bv, "right operand of `Nx.dot`", b))
    return {};
  Emitter &em = c.emit();
  TensorType at = em.type(a), bt = em.type(b);
  size_t ra = at.shape.size(), rb = bt.shape.size();
  std::vector<int64_t> ca, cb, ba, bb;
  if (n == 2) {
    ca = {static_cast<int64_t>(ra) - 1};
    cb = {rb == 1 ? 0 : static_cast<int64_t>(rb) - 2};
  } else if (n == 4) {
    if (!axesArg(c, call.args[1], ra, "contracting axes", ca) ||
        !axesArg(c, call.args[3], rb, "contracting axes", cb))
      return {};
  } else {
    if (!axesArg(c, call.args[1], ra, "contracting axes", ca) ||
        !axesArg(c, call.args[2], ra, "batch axes", ba) ||
        !axesArg(c, call.args[4], rb, "contracting axes", cb) ||
        !axesArg(c, call.args[5], rb, "batch axes", bb))
      return {};
  }
  if (ca.size() != cb.size()) {
    c.diagnose(call.loc, DiagKind::DotContractCount,
               std::to_string(ca.size()) + (ca.size() == 1 ? " axis" : " axes"),
               cb.size());
    return {};
  }
  if (ba.size() != bb.size()) {
    c.diagnose(call.loc, DiagKind::DotBatchCount,
               std::to_string(ba.size()) +
                   (ba.size() == 1 ? " batch axis" : " batch axes"),
               bb.size());
    return {};
  }
  auto mismatch = [&](const char *what, const Dim &x, const Dim &y) {
    c.diagnose(call.loc, DiagKind::DotDimsDiffer, what, toString(x),
               toString(y));
    c.noteShape(av);
    c.noteShape(bv);
  };
  for (size_t i = 0; i < ca.size(); ++i)
    if (at.shape[ca[i]] != bt.shape[cb[i]]) {
      mismatch(n == 2 ? "inner dimensions" : "contracting dimensions",
               at.shape[ca[i]], bt.shape[cb[i]]);
      return {};
    }
  for (size_t i = 0; i < ba.size(); ++i)
    if (at.shape[ba[i]] != bt.shape[bb[i]]) {
      mismatch("batch dimensions", at.shape[ba[i]], bt.shape[bb[i]]);
      return {};
    }
  for (int64_t x : ca)
    if (std::find(ba.begin(), ba.end(), x) != ba.end()) {
      c.diagnose(call.loc, DiagKind::DotAxisContractingAndBatch, x);
      return {};
    }
  for (int64_t x : cb)
    if (std::find(bb.begin(), bb.end(), x) != bb.end()) {
      c.diagnose(call.loc, DiagKind::DotAxisContractingAndBatch, x);
      return {};
    }
  DType dt = mergeTypes(at.dtype, bt.dtype);
  if (dt == DType::Pred)
    dt = DType::U8;
  a = em.convert(a, dt, call.loc);
  b = em.convert(b, dt, call.loc);
  TensorType rt;
  rt.dtype = dt;
  for (int64_t x : ba)
    rt.shape.push_back(at.shape[x]);
  auto isUsed = [](const std::vector<int64_t> &l, size_t i) {
    return std::find(l.begin(), l.end(), static_cast<int64_t>(i)) != l.end();
  };
  for (size_t i = 0; i < ra; ++i)
    if (!isUsed(ca, i) && !isUsed(ba, i))
      rt.shape.push_back(at.shape[i]);
  for (size_t i = 0; i < rb; ++i)
    if (!isUsed(cb, i) && !isUsed(bb, i))
      rt.shape.push_back(bt.shape[i]);
  int id = em.prim("dot", {a, b}, rt, call.loc);
  em.setArray(id, "lhs_contracting_dims", ca);
  em.setArray(id, "rhs_contracting_dims", cb);
  em.setArray(id, "lhs_batch_dims", ba);
  em.setArray(id, "rhs_batch_dims", bb);
  return c.tensor(id, call.loc);
}

} // namespace

void registerDot(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx", "dot", 2, 6, {}, dotFn});
}

} // namespace nxc
