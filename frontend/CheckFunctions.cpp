//===- CheckFunctions.cpp - Function values, calls of them, and `case` ----===//
//
// This file implements anonymous functions in defn: `fn a, b -> body end`,
// captures (`&name/arity`, `&Mod.name/arity`, and `&(... &1 ...)`, which the
// AST builder already turned into a `fn`), calling a function value with
// `f.(args)`, and passing functions to defns. A function value is a
// compile-time Value (Kind::Function) holding a Closure: calling it inlines
// its body in the current typed function with the parameters bound, in the
// scope it was created in. A defn that receives a function is inlined into
// its caller the same way (Nx traces local defn calls with the caller).
//
// `case` is decided at compile time, as Nx's defn requires: the subject may
// be a tuple, a number, an atom or a tensor; patterns are variables, `_`,
// tuples and literals. A tensor only matches a variable or `_`.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

#include <sstream>

namespace nxc {

static std::string plural(size_t n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string Checker::describeKind(const Value &v) const {
  switch (v.kind) {
  case Value::Kind::Tensor:
    return "a tensor of type " + toString(typeOf(v));
  case Value::Kind::Tuple:
    return "a tuple";
  case Value::Kind::Number:
    return "a number";
  case Value::Kind::Function:
    return "a function";
  case Value::Kind::Static:
    if (v.expr && v.expr->kind == Expr::Kind::Keyword)
      return "a keyword list";
    if (v.expr && v.expr->kind == Expr::Kind::List)
      return "a list";
    if (v.expr && v.expr->kind == Expr::Kind::Atom)
      return "the atom `:" + v.expr->name + "`";
    if (v.expr && v.expr->kind == Expr::Kind::Nil)
      return "nil";
    return "a constant term";
  case Value::Kind::Invalid:
    break;
  }
  return "an invalid value";
}

Value Checker::checkFn(const Expr &e) {
  auto c = std::make_shared<Closure>();
  c->expr = &e;
  if (e.kind == Expr::Kind::Fn) {
    c->env = *env;
    c->arity = e.elems.size();
  } else {
    c->arity = static_cast<size_t>(e.intValue);
  }
  Value v;
  v.kind = Value::Kind::Function;
  v.loc = e.loc;
  v.fn = std::move(c);
  return v;
}

Value Checker::checkApply(const Expr &e) {
  Value f = check(*e.elems[0]);
  if (f.isInvalid())
    return {};
  std::vector<Value> args;
  for (size_t i = 1; i < e.elems.size(); ++i) {
    if (e.elems[i]->kind == Expr::Kind::Keyword) {
      // `f.(x, opt: 1)` passes a keyword list as the last argument.
      Value kw;
      kw.kind = Value::Kind::Static;
      kw.expr = e.elems[i].get();
      kw.loc = e.elems[i]->loc;
      args.push_back(kw);
      continue;
    }
    args.push_back(check(*e.elems[i]));
    if (args.back().isInvalid())
      return {};
  }
  return applyFunction(f, std::move(args), e.loc,
                       "the callee of `" + e.elems[0]->name + ".()`");
}

Value Checker::applyFunction(const Value &f, std::vector<Value> args,
                             SourceLoc loc, const std::string &what) {
  if (f.isInvalid())
    return {};
  if (f.kind != Value::Kind::Function) {
    diagnose(f.loc, DiagKind::NotAFunction, what, describeKind(f));
    return {};
  }
  const Closure &c = *f.fn;
  if (args.size() != c.arity) {
    diagnose(loc, DiagKind::FnArity, c.arity, plural(args.size(), "argument"));
    return {};
  }
  const Expr &x = *c.expr;
  if (x.kind == Expr::Kind::Fn) {
    std::map<std::string, Value> scope = c.env;
    for (size_t i = 0; i < args.size(); ++i)
      if (!bindPattern(*x.elems[i], args[i], scope))
        return {};
    std::map<std::string, Value> *saved = env;
    env = &scope;
    Value r = checkBlock(x.blocks[0]);
    env = saved;
    return r;
  }
  const DefnDecl *d = x.module.empty() ? findDefn(x.name, c.arity) : nullptr;
  if (d)
    return callDefn(*d, args, loc);
  // `&Nx.name/arity`, or `&stop_grad/1` (imported from Nx.Defn.Kernel).
  const NxFunctionInfo *info = x.module.empty()
                                   ? lookupImportedFunction(x.name, c.arity)
                                   : lookupNxFunction(x.module, x.name);
  if (!info)
    return {}; // reported by resolve()
  NxCall call;
  call.call = &x;
  call.name = x.module.empty() ? x.name : x.module + "." + x.name;
  call.loc = loc;
  if (!args.empty() && args.back().kind == Value::Kind::Static &&
      args.back().expr && args.back().expr->kind == Expr::Kind::Keyword &&
      !info->options.empty()) {
    call.options = args.back().expr;
    args.pop_back();
  }
  if (args.size() < info->minArgs || args.size() > info->maxArgs) {
    diagnose(loc, DiagKind::FnArity, c.arity, plural(args.size(), "argument"));
    return {};
  }
  call.args = std::move(args);
  return callNx(*info, call);
}

Value Checker::inlineDefn(const DefnDecl &d, const std::vector<Value> &args,
                          SourceLoc loc) {
  (void)loc;
  if (unresolved.count(&d))
    return {}; // its errors were reported by resolve()
  std::map<std::string, Value> scope;
  for (size_t i = 0; i < d.params.size(); ++i)
    if (!bindPattern(*d.params[i], args[i], scope))
      return {};
  std::map<std::string, Value> *saved = env;
  env = &scope;
  active.push_back(&d);
  activeSet.insert(&d);
  Value r = checkBlock(d.body);
  activeSet.erase(&d);
  active.pop_back();
  env = saved;
  return r;
}

//===----------------------------------------------------------------------===//
// case
//===----------------------------------------------------------------------===//

/// A constant term (an element of `Nx.type(t)`'s `{:f, 32}`) as the value
/// `case` matches: numbers as numbers, tuples element by element.
static Value termValue(const Expr &e) {
  Value v;
  v.loc = e.loc;
  if (e.kind == Expr::Kind::Int || e.kind == Expr::Kind::Float) {
    v.kind = Value::Kind::Number;
    v.isFloatNumber = e.kind == Expr::Kind::Float;
    v.intValue = e.intValue;
    v.floatValue = e.floatValue;
  } else if (e.kind == Expr::Kind::Tuple) {
    v.kind = Value::Kind::Tuple;
    for (const auto &x : e.elems)
      v.elems.push_back(termValue(*x));
  } else {
    v.kind = Value::Kind::Static;
    v.expr = &e;
  }
  return v;
}

/// The value a `case` could not match, as written in Elixir where it can be.
static std::string describeSubject(const Checker &c, const Value &v) {
  switch (v.kind) {
  case Value::Kind::Tensor:
    return "a tensor of type " + toString(c.typeOf(v));
  case Value::Kind::Number: {
    if (!v.isFloatNumber)
      return "`" + std::to_string(v.intValue) + "`";
    std::ostringstream ss;
    ss << v.floatValue;
    std::string s = ss.str();
    if (s.find_first_of(".eEn") == std::string::npos)
      s += ".0";
    return "`" + s + "`";
  }
  case Value::Kind::Tuple: {
    std::string s = "{";
    for (size_t i = 0; i < v.elems.size(); ++i) {
      std::string e = describeSubject(c, v.elems[i]);
      if (v.elems[i].kind == Value::Kind::Tensor)
        e = toString(c.typeOf(v.elems[i]));
      else if (e.size() > 1 && e.front() == '`')
        e = e.substr(1, e.size() - 2);
      s += (i ? ", " : "") + e;
    }
    return s + "}";
  }
  case Value::Kind::Static:
    if (v.expr && v.expr->kind == Expr::Kind::Atom)
      return "`:" + v.expr->name + "`";
    if (v.expr && v.expr->kind == Expr::Kind::Bool)
      return v.expr->boolValue ? "`true`" : "`false`";
    if (v.expr && v.expr->kind == Expr::Kind::Nil)
      return "`nil`";
    if (v.expr && v.expr->kind == Expr::Kind::Tuple)
      return describeSubject(c, termValue(*v.expr));
    return "a constant term";
  case Value::Kind::Function:
    return "a function";
  case Value::Kind::Invalid:
    break;
  }
  return "an invalid value";
}

/// 1 when pattern `p` matches `v` (adding its variables to `binds`), else 0.
int Checker::matchCase(const Expr &p, const Value &v,
                       std::map<std::string, Value> &binds) {
  const Expr *lit = v.kind == Value::Kind::Static ? v.expr : nullptr;
  switch (p.kind) {
  case Expr::Kind::Var:
    if (p.name != "_") {
      Value b = v;
      b.varName = p.name;
      b.declLoc = p.loc;
      binds[p.name] = b;
    }
    return 1;
  case Expr::Kind::Tuple:
    if (lit && lit->kind == Expr::Kind::Tuple) // a term: `{:f, 32}`
      return matchCase(p, termValue(*lit), binds);
    if (v.kind != Value::Kind::Tuple || v.elems.size() != p.elems.size())
      return 0;
    for (size_t i = 0; i < p.elems.size(); ++i)
      if (!matchCase(*p.elems[i], v.elems[i], binds))
        return 0;
    return 1;
  case Expr::Kind::Int: // Elixir: 1 does not match 1.0
    return v.kind == Value::Kind::Number && !v.isFloatNumber &&
           v.intValue == p.intValue;
  case Expr::Kind::Float:
    return v.kind == Value::Kind::Number && v.isFloatNumber &&
           v.floatValue == p.floatValue;
  case Expr::Kind::Atom:
    return lit && lit->kind == Expr::Kind::Atom && lit->name == p.name;
  case Expr::Kind::Bool:
    return lit && lit->kind == Expr::Kind::Bool &&
           lit->boolValue == p.boolValue;
  case Expr::Kind::Nil:
    return lit && lit->kind == Expr::Kind::Nil;
  default:
    return 0; // reported by the AST builder
  }
}

Value Checker::checkCase(const Expr &e) {
  Value subject = check(*e.elems[0]);
  if (subject.isInvalid())
    return {};
  for (size_t i = 1; i < e.elems.size(); ++i) {
    std::map<std::string, Value> binds;
    if (!matchCase(*e.elems[i], subject, binds))
      continue;
    std::map<std::string, Value> scope = *env;
    for (auto &[name, v] : binds)
      scope[name] = v;
    std::map<std::string, Value> *saved = env;
    env = &scope;
    Value r = checkBlock(e.blocks[i - 1]);
    env = saved;
    return r;
  }
  diagnose(e.elems[0]->loc, DiagKind::CaseNoMatch,
           describeSubject(*this, subject));
  return {};
}

} // namespace nxc
