//===- CheckNxIntrospection.cpp - Shapes and types at compile time ---------===//
//
// This file implements Nx's introspection functions: shape, rank, size,
// flat_size, axis_size, axis_index, axes, byte_size, bit_size, type and
// compatible?. They are evaluated by the checker and emit no run-time work
// for static shapes: sizes are numbers, shapes tuples of numbers, `axes` an
// integer list, `type` a `{:f, 32}` term and `compatible?` a boolean. A size
// variable's size is only known at run time; it becomes a 0-d s32 tensor
// (`nx.dim_size`, converted) that remembers its dimension, so that it can
// still be used in a shape (`Nx.reshape(x, {Nx.axis_size(t, 0), 2})`) or in
// `Nx.tri`.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

#include <deque>

namespace nxc {
namespace {

/// Terms built by these functions (a dtype tuple, an axes list, a boolean)
/// live as long as the process: checked values point at AST expressions.
Expr &newTerm(Expr::Kind kind, SourceLoc loc) {
  static std::deque<Expr> arena;
  arena.emplace_back(kind, loc);
  return arena.back();
}

Value staticValue(const Expr &e, SourceLoc loc) {
  Value v;
  v.kind = Value::Kind::Static;
  v.expr = &e;
  v.loc = loc;
  return v;
}

Value intNumber(int64_t n, SourceLoc loc) {
  Value v;
  v.kind = Value::Kind::Number;
  v.intValue = n;
  v.loc = loc;
  return v;
}

/// What the introspection functions see of their argument: its dims and,
/// for tensors and numbers, the dtype and the node (to read dynamic sizes).
struct Shape {
  std::vector<Dim> dims;
  std::vector<Value> given; ///< for a shape tuple: its elements
  int node = -1;
  DType dtype = DType::F32;
};

/// Reads a tensor, a number or (when `allowTuple`) a shape tuple.
bool readShape(Checker &c, const NxCall &call, const Value &v, bool allowTuple,
               Shape &out) {
  if (v.kind == Value::Kind::Tuple && allowTuple) {
    for (const Value &e : v.elems) {
      if (e.kind == Value::Kind::Number && !e.isFloatNumber &&
          e.intValue >= 0)
        out.dims.push_back(Dim{e.intValue, ""});
      else if (e.kind == Value::Kind::Tensor && !e.sizeSym.empty())
        out.dims.push_back(Dim{-1, e.sizeSym});
      else {
        c.diagnose(e.loc, DiagKind::ShapeNotSizes,
                   "the shape given to `" + call.name + "`");
        return false;
      }
      out.given.push_back(e);
    }
    return true;
  }
  if (v.kind != Value::Kind::Tensor && v.kind != Value::Kind::Number) {
    c.diagnose(v.loc, DiagKind::IntrospectionNotTensor, call.name,
               allowTuple ? "a tensor, a number or a shape tuple"
                          : "a tensor or a number",
               v.kind == Value::Kind::Tuple ? "a tuple" : "a constant term");
    return false;
  }
  Value t = c.materialize(v);
  out.node = t.node;
  out.dtype = c.typeOf(t).dtype;
  out.dims = c.typeOf(t).shape;
  return true;
}

/// The size of axis `i`: a number, or for a size variable a 0-d tensor
/// (`dim_size`, s64 when `wide`, else converted to s32, the type Nx 0.13
/// gives an integer that fits) that remembers its dimension's symbol.
Value sizeOf(Checker &c, const Shape &s, size_t i, SourceLoc loc,
             bool wide = false) {
  const Dim &d = s.dims[i];
  if (d.isStatic())
    return intNumber(d.size, loc);
  Emitter &em = c.emit();
  int n;
  if (s.node < 0) {
    n = s.given[i].node;
  } else {
    n = em.prim("dim_size", {s.node}, {DType::S64, {}}, loc);
    em.setInt(n, "dim", static_cast<int64_t>(i));
  }
  Value v = c.tensor(em.convert(n, wide ? DType::S64 : DType::S32, loc), loc);
  v.sizeSym = d.sym;
  return v;
}

/// The element count times `factor`: a number when every dim is static,
/// else the product computed in s64 and given as s32.
Value product(Checker &c, const Shape &s, int64_t factor, SourceLoc loc,
              const std::string &what) {
  Value acc = intNumber(factor, loc);
  for (size_t i = 0; i < s.dims.size(); ++i) {
    if (s.dims[i].isStatic()) {
      int64_t r;
      if (__builtin_mul_overflow(acc.intValue, s.dims[i].size, &r)) {
        c.diagnose(loc, DiagKind::TooManyElements, shapeToString(s.dims));
        return {};
      }
      acc.intValue = r;
    }
  }
  Value dyn;
  for (size_t i = 0; i < s.dims.size(); ++i)
    if (!s.dims[i].isStatic()) {
      Value d = sizeOf(c, s, i, loc, /*wide=*/true);
      dyn = dyn.isInvalid() ? d
                            : c.binary("multiply", dyn, d, loc,
                                       "`" + what + "`");
    }
  if (dyn.isInvalid())
    return acc;
  if (acc.intValue != 1)
    dyn = c.binary("multiply", dyn, acc, loc, "`" + what + "`");
  if (dyn.isInvalid())
    return {};
  return c.tensor(c.emit().convert(dyn.node, DType::S32, loc), loc);
}

Value shapeFn(Checker &c, NxCall &call) {
  Shape s;
  if (!readShape(c, call, call.args[0], true, s))
    return {};
  Value v;
  v.kind = Value::Kind::Tuple;
  for (size_t i = 0; i < s.dims.size(); ++i)
    v.elems.push_back(sizeOf(c, s, i, call.loc));
  v.loc = call.loc;
  return v;
}

Value rankFn(Checker &c, NxCall &call) {
  Shape s;
  if (!readShape(c, call, call.args[0], true, s))
    return {};
  return intNumber(static_cast<int64_t>(s.dims.size()), call.loc);
}

Value sizeFn(Checker &c, NxCall &call) {
  Shape s;
  if (!readShape(c, call, call.args[0], true, s))
    return {};
  return product(c, s, 1, call.loc, call.name);
}

/// bit_size/byte_size: the element count times the element width (pred is
/// stored as one byte).
template <bool Bytes> Value bitSizeFn(Checker &c, NxCall &call) {
  Shape s;
  if (!readShape(c, call, call.args[0], false, s))
    return {};
  int64_t bits = s.dtype == DType::Pred ? 8 : bitWidth(s.dtype);
  return product(c, s, Bytes ? bits / 8 : bits, call.loc, call.name);
}

Value axesFn(Checker &c, NxCall &call) {
  Shape s;
  if (!readShape(c, call, call.args[0], true, s))
    return {};
  Expr &list = newTerm(Expr::Kind::List, call.loc);
  for (size_t i = 0; i < s.dims.size(); ++i) {
    list.elems.push_back(std::make_unique<Expr>(Expr::Kind::Int, call.loc));
    list.elems.back()->intValue = static_cast<int64_t>(i);
  }
  return staticValue(list, call.loc);
}

/// The axis argument of axis_size/axis_index, normalized.
bool axisArg(Checker &c, const NxCall &call, size_t rank, int64_t &axis) {
  const Value &a = call.args[1];
  if (a.kind != Value::Kind::Number || a.isFloatNumber) {
    std::string got = a.kind == Value::Kind::Static && a.expr &&
                              a.expr->kind == Expr::Kind::Atom
                          ? "`:" + a.expr->name + "`"
                      : a.kind == Value::Kind::Tensor ? "a tensor"
                      : a.kind == Value::Kind::Number ? "a float"
                                                      : "a constant term";
    c.diagnose(a.loc, DiagKind::AxisNotInteger, call.name, got);
    return false;
  }
  axis = a.intValue;
  return c.normalizeAxis(axis, rank, a.loc, "`" + call.name + "`");
}

Value axisSizeFn(Checker &c, NxCall &call) {
  Shape s;
  int64_t axis;
  if (!readShape(c, call, call.args[0], true, s) ||
      !axisArg(c, call, s.dims.size(), axis))
    return {};
  return sizeOf(c, s, static_cast<size_t>(axis), call.loc);
}

Value axisIndexFn(Checker &c, NxCall &call) {
  Shape s;
  int64_t axis;
  if (!readShape(c, call, call.args[0], true, s) ||
      !axisArg(c, call, s.dims.size(), axis))
    return {};
  return intNumber(axis, call.loc);
}

/// Nx.type: `{:f, 32}` (`:pred` for nxc's boolean inputs), usable wherever
/// a type is expected (`Nx.as_type(x, Nx.type(y))`, `type: Nx.type(y)`).
Value typeFn(Checker &c, NxCall &call) {
  Shape s;
  if (!readShape(c, call, call.args[0], false, s))
    return {};
  if (s.dtype == DType::Pred) {
    Expr &a = newTerm(Expr::Kind::Atom, call.loc);
    a.name = "pred";
    return staticValue(a, call.loc);
  }
  std::string name = dtypeName(s.dtype);
  size_t digits = name.find_first_of("0123456789");
  Expr &t = newTerm(Expr::Kind::Tuple, call.loc);
  t.elems.push_back(std::make_unique<Expr>(Expr::Kind::Atom, call.loc));
  t.elems.back()->name = name.substr(0, digits);
  t.elems.push_back(std::make_unique<Expr>(Expr::Kind::Int, call.loc));
  t.elems.back()->intValue = std::stoll(name.substr(digits));
  return staticValue(t, call.loc);
}

/// The structure of a value for `compatible?`: its tensors' types in order.
bool collectTypes(Checker &c, const NxCall &call, const Value &v,
                  std::vector<TensorType> &out, std::string &structure) {
  if (v.kind == Value::Kind::Tuple) {
    structure += "{";
    for (const Value &e : v.elems)
      if (!collectTypes(c, call, e, out, structure))
        return false;
    structure += "}";
    return true;
  }
  if (v.kind != Value::Kind::Tensor && v.kind != Value::Kind::Number) {
    c.diagnose(v.loc, DiagKind::IntrospectionNotTensor, call.name,
               "tensors, numbers or tuples of them", "a constant term");
    return false;
  }
  out.push_back(c.typeOf(c.materialize(v)));
  structure += "t";
  return true;
}

/// Nx.compatible?: same structure, and each tensor has the same type and
/// shape (a size variable is compatible only with itself).
Value compatibleFn(Checker &c, NxCall &call) {
  std::vector<TensorType> a, b;
  std::string sa, sb;
  if (!collectTypes(c, call, call.args[0], a, sa) ||
      !collectTypes(c, call, call.args[1], b, sb))
    return {};
  Expr &e = newTerm(Expr::Kind::Bool, call.loc);
  e.boolValue = sa == sb && a == b;
  return staticValue(e, call.loc);
}

} // namespace

void registerIntrospection(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx", "shape", 1, 1, {}, shapeFn});
  t.push_back({"Nx", "rank", 1, 1, {}, rankFn});
  t.push_back({"Nx", "size", 1, 1, {}, sizeFn});
  t.push_back({"Nx", "flat_size", 1, 1, {}, sizeFn});
  t.push_back({"Nx", "axis_size", 2, 2, {}, axisSizeFn});
  t.push_back({"Nx", "axis_index", 2, 2, {}, axisIndexFn});
  t.push_back({"Nx", "axes", 1, 1, {}, axesFn});
  t.push_back({"Nx", "byte_size", 1, 1, {}, bitSizeFn<true>});
  t.push_back({"Nx", "bit_size", 1, 1, {}, bitSizeFn<false>});
  t.push_back({"Nx", "type", 1, 1, {}, typeFn});
  t.push_back({"Nx", "compatible?", 2, 2, {}, compatibleFn});
}

} // namespace nxc
