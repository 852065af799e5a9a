//===- CheckNxSort.cpp - Sorting and cumulative functions ------------------===//
//
// This file implements Nx.sort, argsort (`axis:`, `direction:`, `stable:`,
// `type:`), top_k (a descending sort and argsort, then a slice of the last
// axis) and cumulative_sum/product/min/max (`axis:`, `reverse:`), each the
// dialect op of the same name.
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"

namespace nxc {
namespace {

/// Reads `direction: :asc | :desc` (and accepts `stable:`: always stable).
bool sortOptions(Checker &c, const NxCall &call, bool &descending) {
  descending = false;
  if (const Expr *e = findOption(call, "direction")) {
    if (e->kind != Expr::Kind::Atom || (e->name != "asc" && e->name != "desc")) {
      c.diagnose(e->loc, DiagKind::DirectionValue);
      return false;
    }
    descending = e->name == "desc";
  }
  bool stable;
  if (const Expr *e = findOption(call, "stable"))
    return c.optionBool(*e, "`stable`", stable);
  return true;
}

int sortNode(Checker &c, const std::string &op, int x, int64_t axis,
             bool descending, DType resultType, SourceLoc loc) {
  Emitter &em = c.emit();
  TensorType rt = em.type(x);
  rt.dtype = resultType;
  int id = em.prim(op, {x}, rt, loc);
  em.setInt(id, "axis", axis);
  em.setBool(id, "descending", descending);
  return id;
}

Value sortFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.sort`", x))
    return {};
  int64_t axis = 0;
  bool desc;
  if (!axisOption(c, call, c.emit().type(x).shape.size(), axis) ||
      !sortOptions(c, call, desc))
    return {};
  return c.tensor(sortNode(c, "sort", x, axis, desc, c.emit().type(x).dtype,
                           call.loc),
                  call.loc);
}

Value argsortFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.argsort`", x))
    return {};
  int64_t axis = 0;
  bool desc;
  if (!axisOption(c, call, c.emit().type(x).shape.size(), axis) ||
      !sortOptions(c, call, desc))
    return {};
  DType dt = DType::S32; // Nx.argsort's default `type`
  if (const Expr *e = findOption(call, "type")) {
    if (!c.optionDType(*e, "`type`", dt))
      return {};
    if (!isInteger(dt)) {
      c.diagnose(e->loc, DiagKind::IndexTypeNotInteger, call.name,
                 dtypeName(dt));
      return {};
    }
  }
  return c.tensor(sortNode(c, "argsort", x, axis, desc, dt, call.loc),
                  call.loc);
}

Value topKFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `Nx.top_k`", x))
    return {};
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  int64_t axis = -1;
  if (!c.normalizeAxis(axis, t.shape.size(), call.args[0].loc, "`Nx.top_k`"))
    return {};
  int64_t k = 1;
  const Expr *e = findOption(call, "k");
  if (e && !c.optionInt(*e, "`k`", k))
    return {};
  const Dim &d = t.shape[axis];
  if (k < 1 || (d.isStatic() && k > d.size)) {
    c.diagnose(e ? e->loc : call.loc, DiagKind::TopKRange, k, toString(d));
    c.noteShape(call.args[0]);
    return {};
  }
  int v = sortNode(c, "sort", x, axis, true, t.dtype, call.loc);
  int i = sortNode(c, "argsort", x, axis, true, DType::S32, call.loc);
  v = sliceAlongAxis(c, v, axis, 0, k, 1, call.loc);
  i = sliceAlongAxis(c, i, axis, 0, k, 1, call.loc);
  Value r;
  r.kind = Value::Kind::Tuple;
  r.loc = call.loc;
  r.elems = {c.tensor(v, call.loc), c.tensor(i, call.loc)};
  return r;
}

template <const char *Op> Value cumulativeFn(Checker &c, NxCall &call) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  Emitter &em = c.emit();
  int64_t axis = 0;
  if (!axisOption(c, call, em.type(x).shape.size(), axis))
    return {};
  bool reverse = false;
  if (const Expr *e = findOption(call, "reverse"))
    if (!c.optionBool(*e, "`reverse`", reverse))
      return {};
  int id = em.prim(Op, {x}, em.type(x), call.loc);
  em.setInt(id, "axis", axis);
  em.setBool(id, "reverse", reverse);
  return c.tensor(id, call.loc);
}

constexpr char CumSum[] = "cumulative_sum";
constexpr char CumProduct[] = "cumulative_product";
constexpr char CumMax[] = "cumulative_max";
constexpr char CumMin[] = "cumulative_min";

} // namespace

void registerSort(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx", "sort", 1, 1, {"axis", "direction", "stable"}, sortFn});
  t.push_back({"Nx", "argsort", 1, 1, {"axis", "direction", "stable", "type"},
               argsortFn});
  t.push_back({"Nx", "top_k", 1, 1, {"k"}, topKFn});
  t.push_back({"Nx", "cumulative_sum", 1, 1, {"axis", "reverse"},
               cumulativeFn<CumSum>});
  t.push_back({"Nx", "cumulative_product", 1, 1, {"axis", "reverse"},
               cumulativeFn<CumProduct>});
  t.push_back({"Nx", "cumulative_max", 1, 1, {"axis", "reverse"},
               cumulativeFn<CumMax>});
  t.push_back({"Nx", "cumulative_min", 1, 1, {"axis", "reverse"},
               cumulativeFn<CumMin>});
}

} // namespace nxc
