//===- Checker.cpp - Name resolution, specialization and expressions ------===//
//
// This file implements the Checker's driver: name resolution over every defn,
// the `@entry` signatures, per-argument-type specialization of defns (with
// memoization and recursion detection), statements and patterns, local calls,
// operators, and the shared helpers for Nx's broadcasting and type rules.
// The Nx functions themselves live in CheckNx*.cpp.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"
#include "frontend/Frontend.h"
#include "frontend/LargeStack.h"

#include <algorithm>

namespace nxc {

static Type tensorTy(const TensorType &t) {
  Type ty;
  ty.tensor = t;
  return ty;
}

static std::string plural(size_t n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

//===----------------------------------------------------------------------===//
// Name resolution
//===----------------------------------------------------------------------===//

const DefnDecl *Checker::findDefn(const std::string &name,
                                  size_t arity) const {
  if (defnIndex.empty())
    for (const DefnDecl &d : pm.module.defns)
      defnIndex.emplace(d.name + "/" + std::to_string(d.params.size()), &d);
  auto it = defnIndex.find(name + "/" + std::to_string(arity));
  return it == defnIndex.end() ? nullptr : it->second; // the first clause
}

void Checker::bindPatternNames(const Expr &p, std::set<std::string> &scope) {
  if (p.kind == Expr::Kind::Var) {
    if (p.name != "_")
      scope.insert(p.name);
    return;
  }
  for (auto &e : p.elems)
    bindPatternNames(*e, scope);
}

/// The position of the keyword options of Nx call `e`: its last argument,
/// or the one before a final function (`Nx.reduce(t, 0, [axes: [0]], f)`);
/// -1 when it has none.
static int optionsIndex(const Expr &e) {
  size_t n = e.elems.size();
  if (n && e.elems[n - 1]->kind == Expr::Kind::Keyword)
    return static_cast<int>(n - 1);
  if (n >= 2 && e.elems[n - 2]->kind == Expr::Kind::Keyword)
    return static_cast<int>(n - 2);
  return -1;
}

void Checker::resolveExpr(const Expr &e, std::set<std::string> &scope) {
  switch (e.kind) {
  case Expr::Kind::Var:
    if (e.name == "_" || e.name[0] == '_')
      diagnose(e.loc, DiagKind::UnderscoreVariableRead, e.name);
    else if (!scope.count(e.name))
      diagnose(e.loc, DiagKind::UndefinedVariable, e.name);
    return;
  case Expr::Kind::String:
    diagnose(e.loc, DiagKind::StringInDefn);
    return;
  case Expr::Kind::Call: {
    size_t arity = e.elems.size();
    if (e.module.empty()) {
      if (!findDefn(e.name, arity) && !lookupImportedFunction(e.name, arity)) {
        diagnose(e.loc, DiagKind::UndefinedFunction, e.name, arity);
        for (const DefnDecl &d : pm.module.defns)
          if (d.name == e.name) {
            diagnose(d.loc, DiagKind::DefinedWithArity, d.name,
                     plural(d.params.size(), "argument"));
            break;
          }
      }
    } else {
      const NxFunctionInfo *info = lookupNxFunction(e.module, e.name);
      if (!info) {
        diagnose(e.loc, DiagKind::UnknownFunction, e.module + "." + e.name);
      } else {
        // A trailing keyword list is the options of a function that takes
        // them, else an argument (`Nx.Defn.Kernel.keyword!(o, [a: 1])`).
        bool optsAllowed = !info->options.empty();
        bool hasOpts = optsAllowed && optionsIndex(e) >= 0;
        size_t positional = arity - (hasOpts ? 1 : 0);
        if (positional < info->minArgs || positional > info->maxArgs) {
          std::string expected =
              info->minArgs == info->maxArgs
                  ? std::to_string(info->minArgs)
                  : std::to_string(info->minArgs) + " to " +
                        std::to_string(info->maxArgs);
          if (optsAllowed)
            expected += " (plus options)";
          diagnose(e.loc, DiagKind::WrongArgumentCount,
                   e.module + "." + e.name, expected, arity);
        }
      }
    }
    for (auto &a : e.elems)
      resolveExpr(*a, scope);
    return;
  }
  case Expr::Kind::If:
  case Expr::Kind::Cond: {
    // Conditions see the enclosing scope; names bound in a branch stay there.
    for (auto &c : e.elems)
      resolveExpr(*c, scope);
    for (const StmtList &b : e.blocks)
      resolveBlock(b, scope);
    return;
  }
  case Expr::Kind::Fn: {
    // The body sees the enclosing scope and the parameters.
    std::set<std::string> inner = scope;
    for (auto &p : e.elems)
      bindPatternNames(*p, inner);
    resolveBlock(e.blocks[0], inner);
    return;
  }
  case Expr::Kind::FnRef: {
    size_t arity = static_cast<size_t>(e.intValue);
    if (e.module.empty()) {
      if (!findDefn(e.name, arity) && !lookupImportedFunction(e.name, arity))
        diagnose(e.loc, DiagKind::UndefinedFunction, e.name, arity);
      return;
    }
    const NxFunctionInfo *info = lookupNxFunction(e.module, e.name);
    if (!info || arity < info->minArgs || arity > info->maxArgs)
      diagnose(e.loc, DiagKind::UnknownFunction,
               e.module + "." + e.name + "/" + std::to_string(arity));
    return;
  }
  case Expr::Kind::Case: {
    resolveExpr(*e.elems[0], scope);
    for (size_t i = 1; i < e.elems.size(); ++i) {
      std::set<std::string> inner = scope;
      bindPatternNames(*e.elems[i], inner);
      resolveBlock(e.blocks[i - 1], inner);
    }
    return;
  }
  case Expr::Kind::While: {
    resolveExpr(*e.elems[1], scope);
    std::set<std::string> inner = scope;
    bindPatternNames(*e.elems[0], inner);
    if (e.boolValue) {
      resolveExpr(*e.elems[3], scope);
      resolveExpr(*e.elems[4], scope);
      bindPatternNames(*e.elems[2], inner);
    } else {
      resolveExpr(*e.elems[2], inner);
    }
    resolveBlock(e.blocks[0], inner);
    return;
  }
  default:
    for (auto &a : e.elems)
      resolveExpr(*a, scope);
  }
}

void Checker::resolveBlock(const StmtList &body, std::set<std::string> scope) {
  for (const Stmt &s : body) {
    resolveExpr(*s.value, scope);
    for (auto &p : s.patterns)
      bindPatternNames(*p, scope);
  }
}

void Checker::resolve() {
  std::set<std::string> seen;
  for (const DefnDecl &d : pm.module.defns) {
    std::string key = d.name + "/" + std::to_string(d.params.size());
    if (!seen.insert(key).second)
      diagnose(d.loc, DiagKind::DefnMultipleClauses, key);
    unsigned before = diags.errorCount();
    std::set<std::string> scope;
    for (auto &p : d.params) {
      if (p->kind != Expr::Kind::Var && p->kind != Expr::Kind::Tuple)
        diagnose(p->loc, DiagKind::BadParameterPattern);
      bindPatternNames(*p, scope);
    }
    resolveBlock(d.body, scope);
    if (diags.errorCount() != before)
      unresolved.insert(&d);
  }
}

//===----------------------------------------------------------------------===//
// Values
//===----------------------------------------------------------------------===//

Value Checker::tensor(int node, SourceLoc loc) const {
  Value v;
  v.kind = Value::Kind::Tensor;
  v.node = node;
  v.loc = loc;
  return v;
}

Value Checker::materialize(const Value &v) {
  if (v.kind != Value::Kind::Number)
    return v;
  TensorType t;
  t.dtype = v.isFloatNumber ? DType::F32 : inferInt(v.intValue);
  int id = v.isFloatNumber ? emitter->constantFloats(t, {v.floatValue}, v.loc)
                           : emitter->constantInts(t, {v.intValue}, v.loc);
  Value r = tensor(id, v.loc);
  r.varName = v.varName;
  r.declLoc = v.declLoc;
  return r;
}

bool Checker::expectTensor(const Value &v, const std::string &what,
                           int &node) {
  if (v.isInvalid())
    return false;
  Value m = materialize(v);
  if (m.kind != Value::Kind::Tensor) {
    diagnose(v.loc, DiagKind::ExpectedTensor, what, describeKind(m));
    return false;
  }
  node = m.node;
  return true;
}

void Checker::noteShape(const Value &v) {
  if (v.varName.empty() || v.kind != Value::Kind::Tensor)
    return;
  diags.diagnose(v.declLoc, DiagKind::ShapeDeclaredHere, v.varName,
                 shapeToString(typeOf(v).shape));
}

Dim Checker::freshDim() {
  Dim d;
  d.sym = "_" + std::to_string(++freshCounter);
  return d;
}

bool Checker::broadcastShapes(const std::vector<const Value *> &vals,
                              const std::string &what, SourceLoc loc,
                              std::vector<Dim> &result) {
  size_t rank = 0;
  for (const Value *v : vals)
    if (v->kind == Value::Kind::Tensor)
      rank = std::max(rank, typeOf(*v).shape.size());
  result.assign(rank, Dim{1, ""});
  for (size_t i = 0; i < rank; ++i) {
    const Value *from = nullptr;
    for (const Value *v : vals) {
      if (v->kind != Value::Kind::Tensor)
        continue;
      const auto &s = typeOf(*v).shape;
      if (s.size() < rank - i)
        continue;
      const Dim &d = s[s.size() - (rank - i)];
      Dim &r = result[i];
      if (d == r || (d.isStatic() && d.size == 1))
        continue;
      if (r.isStatic() && r.size == 1) {
        r = d;
        from = v;
        continue;
      }
      diagnose(loc, DiagKind::BroadcastShapes,
               shapeToString(typeOf(*from).shape), shapeToString(s), what,
               toString(r), toString(d));
      noteShape(*from);
      noteShape(*v);
      return false;
    }
  }
  return true;
}

static bool isCompare(const std::string &op) {
  return op == "equal" || op == "not_equal" || op == "less" ||
         op == "less_equal" || op == "greater" || op == "greater_equal";
}
static bool isLogical(const std::string &op) {
  return op == "logical_and" || op == "logical_or" || op == "logical_xor";
}

Value Checker::binary(const std::string &op, const Value &a, const Value &b,
                      SourceLoc loc, const std::string &what) {
  if (a.isInvalid() || b.isInvalid())
    return {};
  for (const Value *v : {&a, &b})
    if (v->kind != Value::Kind::Tensor && v->kind != Value::Kind::Number) {
      int dummy;
      expectTensor(*v, "operand of " + what, dummy);
      return {};
    }
  // Operand dtype: Nx.Type.merge, with numbers weakly typed.
  DType dt;
  Value x = a, y = b;
  if (a.kind == Value::Kind::Number && b.kind == Value::Kind::Number) {
    x = materialize(a);
    y = materialize(b);
    dt = mergeTypes(typeOf(x).dtype, typeOf(y).dtype);
  } else if (a.kind == Value::Kind::Number) {
    dt = mergeNumber(typeOf(b).dtype, a.isFloatNumber, a.intValue);
  } else if (b.kind == Value::Kind::Number) {
    dt = mergeNumber(typeOf(a).dtype, b.isFloatNumber, b.intValue);
  } else {
    dt = mergeTypes(typeOf(a).dtype, typeOf(b).dtype);
  }
  if (op == "divide" || op == "atan2")
    dt = toFloating(dt);
  else if (dt == DType::Pred && !isCompare(op) && !isLogical(op))
    dt = DType::U8;
  std::vector<Dim> shape;
  if (!broadcastShapes({&x, &y}, what, loc, shape))
    return {};
  auto prepare = [&](const Value &v) {
    TensorType t;
    t.dtype = dt;
    int id;
    if (v.kind == Value::Kind::Number)
      id = emitter->splat(t, v.number(), v.loc);
    else
      id = emitter->convert(v.node, dt, loc);
    return emitter->broadcastTo(id, shape, loc);
  };
  int lhs = prepare(x), rhs = prepare(y);
  TensorType rt;
  rt.dtype = isCompare(op) || isLogical(op) ? DType::U8 : dt;
  rt.shape = shape;
  // `quotient` (Nx.quotient) is the integer nx.divide, which truncates; it
  // keeps the merged integer type where `divide` (`/`) goes to float.
  std::string prim = op == "quotient" ? "divide" : op;
  return tensor(emitter->prim(prim, {lhs, rhs}, rt, loc), loc);
}

Value Checker::unary(const std::string &op, const Value &a, SourceLoc loc,
                     const std::string &what) {
  int x;
  if (!expectTensor(a, "argument of " + what, x))
    return {};
  TensorType t = emitter->type(x);
  static const std::set<std::string> floatOps = {
      "exp", "expm1", "log",  "log1p", "sqrt",    "rsqrt", "cbrt",
      "sin", "cos",   "tan",  "tanh",  "sigmoid", "erf",   "is_nan",
      "erf_inv"};
  static const std::set<std::string> rounding = {"floor", "ceil", "round"};
  if (rounding.count(op) && !isFloat(t.dtype))
    return tensor(x, loc); // Nx: identity on integers
  if (floatOps.count(op)) {
    x = emitter->convert(x, toFloating(t.dtype), loc);
    t.dtype = toFloating(t.dtype);
  } else if (t.dtype == DType::Pred && op != "logical_not") {
    x = emitter->convert(x, DType::U8, loc);
    t.dtype = DType::U8;
  }
  if (op == "is_nan" || op == "logical_not")
    t.dtype = DType::U8;
  return tensor(emitter->prim(op, {x}, t, loc), loc);
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

/// Folds `a op b` into `a` for two numbers; false when not foldable.
static bool foldNumbers(const std::string &op, Value &a, const Value &b) {
  bool isF = a.isFloatNumber || b.isFloatNumber || op == "/";
  double x = a.number(), y = b.number();
  if (op == "/" || isF) {
    double r;
    if (op == "+") r = x + y;
    else if (op == "-") r = x - y;
    else if (op == "*") r = x * y;
    else if (op == "/" && y != 0) r = x / y;
    else return false;
    a.isFloatNumber = true;
    a.floatValue = r;
    return true;
  }
  int64_t i = a.intValue, j = b.intValue, r;
  if (op == "+" && !__builtin_add_overflow(i, j, &r)) {}
  else if (op == "-" && !__builtin_sub_overflow(i, j, &r)) {}
  else if (op == "*" && !__builtin_mul_overflow(i, j, &r)) {}
  else return false;
  a.intValue = r;
  return true;
}

Value Checker::check(const Expr &e) {
  Value v;
  v.loc = e.loc;
  switch (e.kind) {
  case Expr::Kind::Int:
    v.kind = Value::Kind::Number;
    v.intValue = e.intValue;
    return v;
  case Expr::Kind::Float:
    v.kind = Value::Kind::Number;
    v.isFloatNumber = true;
    v.floatValue = e.floatValue;
    return v;
  case Expr::Kind::Var: {
    auto it = env->find(e.name);
    if (it == env->end()) {
      // resolve() reports names a defn does not bind, and a failed
      // parameter match leaves names unbound after its own error; without
      // an error so far, the name was written in another scope (a term
      // handed on unevaluated) and must not fail silently.
      if (diags.errorCount() == 0)
        diagnose(e.loc, DiagKind::UndefinedVariable, e.name);
      return {};
    }
    Value r = it->second;
    r.loc = e.loc;
    return r;
  }
  case Expr::Kind::Tuple:
    v.kind = Value::Kind::Tuple;
    for (auto &x : e.elems) {
      v.elems.push_back(check(*x));
      if (v.elems.back().isInvalid())
        return {};
    }
    return v;
  case Expr::Kind::Call:
    return checkCall(e);
  case Expr::Kind::If:
    return checkIf(e);
  case Expr::Kind::Cond:
    return checkCond(e, 0);
  case Expr::Kind::While:
    return checkWhile(e);
  case Expr::Kind::Fn:
  case Expr::Kind::FnRef:
    return checkFn(e);
  case Expr::Kind::Apply:
    return checkApply(e);
  case Expr::Kind::Keyword:
    return checkKeywordList(e);
  case Expr::Kind::List:
    return checkList(e);
  case Expr::Kind::Access:
    return checkAccess(e);
  case Expr::Kind::Case:
    return checkCase(e);
  case Expr::Kind::Unary: {
    Value x = check(*e.elems[0]);
    if (x.isInvalid())
      return {};
    if (e.name == "-" && x.kind == Value::Kind::Number) {
      x.intValue = -x.intValue;
      x.floatValue = -x.floatValue;
      x.loc = e.loc;
      return x;
    }
    std::string op = e.name == "-" ? "negate" : "logical_not";
    return unary(op, x, e.loc, "`" + e.name + "`");
  }
  case Expr::Kind::Binary: {
    static const std::map<std::string, std::string> ops = {
        {"+", "add"},          {"-", "subtract"},     {"*", "multiply"},
        {"/", "divide"},       {"**", "pow"},         {"==", "equal"},
        {"!=", "not_equal"},   {"<", "less"},         {"<=", "less_equal"},
        {">", "greater"},      {">=", "greater_equal"}, {"and", "logical_and"},
        {"&&", "logical_and"}, {"or", "logical_or"},  {"||", "logical_or"}};
    Value a = check(*e.elems[0]);
    Value b = check(*e.elems[1]);
    if (a.kind == Value::Kind::Number && b.kind == Value::Kind::Number &&
        foldNumbers(e.name, a, b))
      return a; // Nx.Defn.Kernel computes number-number operators at once
    auto it = ops.find(e.name);
    if (it == ops.end()) {
      diagnose(e.loc, DiagKind::UnsupportedOperator, e.name);
      return {};
    }
    return binary(it->second, a, b, e.loc, "`" + e.name + "`");
  }
  default:
    v.kind = Value::Kind::Static;
    v.expr = &e;
    return v;
  }
}

Value Checker::checkCall(const Expr &e) {
  if (e.module.empty())
    return checkLocalCall(e);
  return checkNxCall(e);
}

Value Checker::checkNxCall(const Expr &e) {
  const NxFunctionInfo *info =
      e.module.empty() ? lookupImportedFunction(e.name, e.elems.size())
                       : lookupNxFunction(e.module, e.name);
  if (!info)
    return {}; // reported by resolve()
  NxCall c;
  c.call = &e;
  c.name = e.module.empty() ? e.name : e.module + "." + e.name;
  c.loc = e.loc;
  int opts = info->options.empty() ? -1 : optionsIndex(e);
  if (opts >= 0) {
    c.options = literalOptions(*e.elems[opts]);
    if (!c.options)
      return {};
  }
  size_t n = e.elems.size() - (opts >= 0 ? 1 : 0);
  if (n < info->minArgs || n > info->maxArgs)
    return {}; // reported by resolve()
  for (size_t i = 0; i < e.elems.size(); ++i) {
    if (static_cast<int>(i) == opts)
      continue;
    c.args.push_back(check(*e.elems[i]));
    if (c.args.back().isInvalid())
      return {};
  }
  return callNx(*info, c);
}

Value Checker::callNx(const NxFunctionInfo &infoRef, NxCall &c) {
  const NxFunctionInfo *info = &infoRef;
  if (c.options) {
    std::set<std::string> seen;
    for (size_t i = 0; i < c.options->keys.size(); ++i) {
      const std::string &k = c.options->keys[i];
      bool known = std::any_of(info->options.begin(), info->options.end(),
                               [&](const char *o) { return k == o; });
      if (!known) {
        std::string list;
        for (const char *o : info->options)
          list += std::string(list.empty() ? "" : ", ") + "`" + o + "`";
        diagnose(c.options->keyLocs[i], DiagKind::UnknownOption, k, c.name,
                 list);
        return {};
      }
      if (!seen.insert(k).second) {
        diagnose(c.options->keyLocs[i], DiagKind::OptionRepeated, k);
        return {};
      }
    }
  }
  return info->handler(*this, c);
}

bool Checker::flatten(const Value &v, std::vector<int> &nodes, Type &t,
                      SourceLoc loc) {
  if (v.kind == Value::Kind::Tuple) {
    t.isTuple = true;
    for (const Value &e : v.elems) {
      Type et;
      if (!flatten(e, nodes, et, loc))
        return false;
      t.elements.push_back(et);
    }
    return true;
  }
  int node;
  if (!expectTensor(v, "argument", node))
    return false;
  nodes.push_back(node);
  t = tensorTy(emitter->type(node));
  return true;
}

Value Checker::unflatten(int node, const Type &t, SourceLoc loc) {
  if (!t.isTuple)
    return tensor(node, loc);
  Value v;
  v.kind = Value::Kind::Tuple;
  v.loc = loc;
  for (size_t i = 0; i < t.elements.size(); ++i)
    v.elems.push_back(
        unflatten(emitter->getElem(node, static_cast<int>(i), loc),
                  t.elements[i], loc));
  return v;
}

Value Checker::checkLocalCall(const Expr &e) {
  const DefnDecl *d = findDefn(e.name, e.elems.size());
  if (!d && lookupImportedFunction(e.name, e.elems.size()))
    return checkNxCall(e); // `grad(x, f)`: imported from Nx.Defn
  if (!d)
    return {}; // reported by resolve()
  std::vector<Value> args;
  for (auto &a : e.elems) {
    args.push_back(check(*a));
    if (args.back().isInvalid())
      return {};
  }
  return callDefn(*d, args, e.loc);
}

/// Whether `v` holds something that is not a tensor or number: a function
/// or a compile-time term (an atom, a keyword list, ...).
static bool holdsTerm(const Value &v) {
  if (v.kind == Value::Kind::Function || v.kind == Value::Kind::Static)
    return true;
  for (const Value &e : v.elems)
    if (holdsTerm(e))
      return true;
  return false;
}

/// Whether `v` is a number or a tuple holding one (a shape such as `{784,
/// 128}`), which must stay a compile-time value in the callee.
static bool holdsNumber(const Value &v) {
  if (v.kind == Value::Kind::Number)
    return true;
  for (const Value &e : v.elems)
    if (holdsNumber(e))
      return true;
  return false;
}

Value Checker::callDefn(const DefnDecl &d, const std::vector<Value> &args,
                        SourceLoc loc) {
  unsigned errorsBefore = diags.errorCount();
  auto call = [&]() -> Value {
    if (activeSet.count(&d)) {
      diagnose(loc, DiagKind::RecursiveCall, d.name, d.params.size());
      return {};
    }
    // Nx passes functions and terms into defns; such a call is inlined so
    // that they stay compile-time values. Under `grad` every call is inlined.
    if (gradTracing > 0)
      return inlineDefn(d, args, loc);
    // A number stays a weakly typed number too, as it does when one Elixir
    // defn calls another: `elu(x, 0.5)` on f64 `x` computes in f64.
    for (const Value &v : args)
      if (holdsTerm(v) || holdsNumber(v))
        return inlineDefn(d, args, loc);
    std::vector<int> operands;
    std::vector<Type> types;
    for (const Value &v : args) {
      Type t;
      if (!flatten(v, operands, t, v.loc))
        return {};
      types.push_back(t);
    }
    int callee = instantiate(d, types, loc, false, "");
    if (callee < 0)
      return {};
    Type rt = out.functions[callee].nodes[out.functions[callee].result].type;
    int id = emitter->call(callee, operands, rt, loc);
    return unflatten(id, rt, loc);
  };
  Value result = call();
  // An error inside a function of another file (a library module) gets a
  // note at the call in this one.
  if (diags.errorCount() != errorsBefore && d.loc.file != loc.file)
    diagnose(loc, DiagKind::CalledFromHere, d.name, d.params.size());
  return result;
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

bool Checker::bindParam(const Expr &p, const Type &t, int &nextParam,
                        std::vector<TensorType> &params, Value &outV) {
  if (t.isTuple) {
    if (p.kind == Expr::Kind::Tuple && p.elems.size() != t.elements.size()) {
      diagnose(p.loc, DiagKind::TuplePatternArity,
               plural(p.elems.size(), "element"), toString(t));
      return false;
    }
    outV.kind = Value::Kind::Tuple;
    outV.loc = p.loc;
    for (size_t i = 0; i < t.elements.size(); ++i) {
      Value ev;
      const Expr &sub = p.kind == Expr::Kind::Tuple ? *p.elems[i] : p;
      if (!bindParam(sub, t.elements[i], nextParam, params, ev))
        return false;
      outV.elems.push_back(ev);
    }
    return true;
  }
  if (p.kind == Expr::Kind::Tuple) {
    diagnose(p.loc, DiagKind::TuplePatternNotTuple, toString(t));
    return false;
  }
  params.push_back(t.tensor);
  outV = tensor(emitter->param(nextParam++, t.tensor, p.loc), p.loc);
  return true;
}

bool Checker::bindPattern(const Expr &p, const Value &v,
                          std::map<std::string, Value> &scope) {
  if (p.kind == Expr::Kind::Var) {
    if (p.name == "_")
      return true;
    Value b = v;
    b.varName = p.name;
    b.declLoc = p.loc;
    scope[p.name] = b;
    return true;
  }
  // Tuple pattern.
  if (v.isInvalid()) {
    for (auto &e : p.elems)
      bindPattern(*e, v, scope);
    return true;
  }
  if (v.kind != Value::Kind::Tuple) {
    diagnose(p.loc, DiagKind::TupleMatchNotTuple,
             plural(p.elems.size(), "element"));
    for (auto &e : p.elems)
      bindPattern(*e, Value{}, scope);
    return false;
  }
  if (v.elems.size() != p.elems.size()) {
    diagnose(p.loc, DiagKind::TupleMatchArity,
             plural(p.elems.size(), "element"),
             plural(v.elems.size(), "element"));
    for (auto &e : p.elems)
      bindPattern(*e, Value{}, scope);
    return false;
  }
  for (size_t i = 0; i < p.elems.size(); ++i)
    bindPattern(*p.elems[i], v.elems[i], scope);
  return true;
}

Value Checker::checkBlock(const StmtList &body) {
  Value last;
  for (const Stmt &s : body) {
    last = check(*s.value);
    for (auto &p : s.patterns)
      bindPattern(*p, last, *env);
  }
  return last;
}

int Checker::finishResult(const Value &v, Type &t) {
  if (v.kind == Value::Kind::Tuple) {
    std::vector<int> ops;
    t.isTuple = true;
    for (const Value &e : v.elems) {
      Type et;
      int id = finishResult(e, et);
      if (id < 0)
        return -1;
      ops.push_back(id);
      t.elements.push_back(et);
    }
    return emitter->makeTuple(ops, t, v.loc);
  }
  int node;
  if (!expectTensor(v, "function result", node))
    return -1;
  t = tensorTy(emitter->type(node));
  return node;
}

std::string Checker::mangle(const DefnDecl &d,
                            const std::vector<TensorType> &ps) {
  std::string name = d.name;
  for (char &c : name)
    if (c == '?' || c == '!' || c == '.') // `.`: a defn of another module
      c = '_';
  for (const TensorType &p : ps) {
    name += std::string("__") + dtypeName(p.dtype);
    for (const Dim &dim : p.shape)
      name += "_" + toString(dim);
  }
  std::string unique = name;
  for (int i = 2; usedNames.count(unique); ++i)
    unique = name + "_" + std::to_string(i);
  usedNames.insert(unique);
  return unique;
}

/// Appends the source names of the tensor parameters that parameter pattern
/// `p` of type `t` is flattened to: a variable's name, `<name>_<k>` for the
/// elements of a variable holding a tuple, and `fallback` (`arg2`, `arg2_1`)
/// where the pattern gives none (`_`).
static void appendParamNames(const Expr *p, const Type &t,
                             const std::string &fallback,
                             std::vector<std::string> &out) {
  bool isVar = p && p->kind == Expr::Kind::Var && p->name != "_";
  if (!t.isTuple) {
    out.push_back(isVar ? p->name : fallback);
    return;
  }
  std::string base = isVar ? p->name : fallback;
  for (size_t i = 0; i < t.elements.size(); ++i) {
    const Expr *sub = p && p->kind == Expr::Kind::Tuple && i < p->elems.size()
                          ? p->elems[i].get()
                          : nullptr;
    appendParamNames(sub, t.elements[i], base + "_" + std::to_string(i + 1),
                     out);
  }
}

int Checker::instantiate(const DefnDecl &d, const std::vector<Type> &args,
                         SourceLoc callLoc, bool entry,
                         const std::string &entryName) {
  std::string key = std::to_string(reinterpret_cast<uintptr_t>(&d));
  for (const Type &t : args)
    key += "|" + toString(t);
  if (unresolved.count(&d))
    return -1; // its errors were reported by resolve()
  if (!entry) {
    auto it = instances.find(key);
    if (it != instances.end())
      return it->second;
  }
  (void)callLoc;
  int index = static_cast<int>(out.functions.size());
  out.functions.emplace_back();
  if (!entry)
    instances[key] = index;

  TFunction fn;
  fn.source = d.name;
  fn.loc = d.loc;
  Emitter em(fn);
  std::map<std::string, Value> scope;
  Emitter *savedEmitter = emitter;
  std::map<std::string, Value> *savedEnv = env;
  emitter = &em;
  env = &scope;
  active.push_back(&d);
  activeSet.insert(&d);

  unsigned errorsBefore = diags.errorCount();
  int nextParam = 0;
  for (size_t i = 0; i < d.params.size(); ++i) {
    Value v;
    if (bindParam(*d.params[i], args[i], nextParam, fn.params, v)) {
      bindPattern(*d.params[i], v, scope);
      appendParamNames(d.params[i].get(), args[i],
                       "arg" + std::to_string(i + 1), fn.paramNames);
    }
    // Shapes of entry parameters come from the `@entry` line; notes say so.
    if (entry && i < entryArgLocs.size() &&
        d.params[i]->kind == Expr::Kind::Var && scope.count(d.params[i]->name))
      scope[d.params[i]->name].declLoc = entryArgLocs[i];
  }
  Value last = checkBlock(d.body);
  if (diags.errorCount() == errorsBefore && !last.isInvalid()) {
    Type rt;
    fn.result = finishResult(last, rt);
  }
  activeSet.erase(active.back());
  active.pop_back();
  emitter = savedEmitter;
  env = savedEnv;
  if (diags.errorCount() != errorsBefore || fn.result < 0) {
    if (!entry)
      instances[key] = -1;
    out.functions[index] = std::move(fn);
    return -1;
  }
  if (entry) {
    std::string mod = out.name;
    std::replace(mod.begin(), mod.end(), '.', '_');
    fn.name = mod + "_" + entryName;
    usedNames.insert(fn.name);
    fn.isEntry = true;
    fn.entryName = entryName;
  } else {
    fn.name = mangle(d, fn.params);
  }
  out.functions[index] = std::move(fn);
  return index;
}

bool Checker::run() {
  out.name = pm.module.name;
  unsigned before = diags.errorCount();
  resolve();
  std::set<std::string> entryNames;
  for (const EntryDecl &e : pm.module.entries) {
    if (!entryNames.insert(e.name).second) {
      diagnose(e.loc, DiagKind::EntryDuplicate, e.name);
      continue;
    }
    checkEntry(e);
  }
  if (pm.module.entries.empty())
    diags.diagnose(pm.module.loc, DiagKind::NoEntry, pm.module.name);
  // Every failure must have been reported; never hand on a function that
  // returns nothing without saying why.
  if (diags.errorCount() == before)
    for (const TFunction &f : out.functions)
      if (f.result < 0) {
        diags.diagnose(pm.module.loc, DiagKind::InternalError, "checking",
                       "`" + f.source + "` has no result and no error says why");
        break;
      }
  return diags.errorCount() == before;
}

std::unique_ptr<TypedModule> checkModule(const ParsedModule &m,
                                         DiagnosticEngine &diags) {
  std::unique_ptr<TypedModule> result;
  runOnLargeStack([&] {
    try {
      auto out = std::make_unique<TypedModule>();
      Checker checker(m, diags, *out);
      out->files = diags.sourceNames();
      if (checker.run())
        result = std::move(out);
    } catch (const std::exception &e) {
      diags.diagnose({}, DiagKind::InternalError, "checking", e.what());
    } catch (...) {
      diags.diagnose({}, DiagKind::InternalError, "checking",
                     "unknown exception");
    }
  });
  return result;
}

} // namespace nxc
