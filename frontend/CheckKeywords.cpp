//===- CheckKeywords.cpp - Keyword lists as compile-time values ----------===//
//
// This file implements keyword options for user defns, as Nx's defn has
// them: a keyword list (`[strides: 2]`, or trailing `key: value` arguments
// of a call) is a compile-time Value whose elements are evaluated where the
// list is written; `keyword!(opts, defaults)` (Nx.Defn.Kernel) checks its
// keys and fills in the defaults; `opts[:key]` reads one element (nil when
// absent). A value read this way may be handed on as an option of an Nx
// function (`Nx.conv(x, k, padding: opts[:padding])`): such options are
// turned back into literal terms before the Nx function reads them.
//
// A keyword Value is a Static whose `expr` is a Keyword expression (its
// keys) and whose `elems` hold one evaluated Value per key.
//
//===----------------------------------------------------------------------===//

#include "frontend/Checker.h"

namespace nxc {

/// Whether `v` is a compile-time term written as an expression of `kind`.
static bool isTerm(const Value &v, Expr::Kind kind) {
  return v.kind == Value::Kind::Static && v.expr && v.expr->kind == kind;
}

static bool isKeyword(const Value &v) {
  return isTerm(v, Expr::Kind::Keyword) &&
         v.elems.size() == v.expr->elems.size();
}

/// `[]`, the empty list, which is also the empty keyword list.
static bool isEmptyList(const Value &v) {
  return isTerm(v, Expr::Kind::List) && v.expr->elems.empty();
}

Value Checker::checkKeywordList(const Expr &e) {
  Value v;
  v.kind = Value::Kind::Static;
  v.expr = &e;
  v.loc = e.loc;
  for (auto &x : e.elems) {
    v.elems.push_back(check(*x));
    if (v.elems.back().isInvalid())
      return {};
  }
  return v;
}

Value Checker::checkAccess(const Expr &e) {
  Value subject = check(*e.elems[0]);
  if (subject.isInvalid())
    return {};
  const Expr &key = *e.elems[1];
  if (key.kind != Expr::Kind::Atom) {
    diagnose(key.loc, DiagKind::AccessKeyNotAtom);
    return {};
  }
  if (!isKeyword(subject) && !isEmptyList(subject) &&
      !isTerm(subject, Expr::Kind::Nil)) {
    diagnose(e.elems[0]->loc, DiagKind::AccessNotKeyword,
             describeKind(subject));
    return {};
  }
  if (isKeyword(subject))
    for (size_t i = 0; i < subject.expr->keys.size(); ++i)
      if (subject.expr->keys[i] == key.name)
        return subject.elems[i]; // the first, as Keyword.get
  Value nil;
  nil.kind = Value::Kind::Static;
  nil.expr = synthesize(std::make_unique<Expr>(Expr::Kind::Nil, e.loc));
  nil.loc = e.loc;
  return nil;
}

/// `keyword!(opts, defaults)`: every key of `opts` must be one of the
/// defaults' keys; the result has the defaults' keys in their order, each
/// with the value `opts` gives it, else its default.
static Value keywordBang(Checker &c, NxCall &call) {
  const Value &opts = call.args[0], &defaults = call.args[1];
  for (const Value *v : {&opts, &defaults})
    if (!isKeyword(*v) && !isEmptyList(*v)) {
      c.diagnose(v->loc, DiagKind::KeywordNotList, c.describeKind(*v));
      return {};
    }
  if (isEmptyList(defaults) || isEmptyList(opts)) {
    if (isKeyword(opts) && !opts.elems.empty()) {
      c.diagnose(opts.expr->keyLocs[0], DiagKind::UnknownOption,
                 opts.expr->keys[0], c.currentDefnName(), "no options");
      return {};
    }
    return defaults;
  }
  Value r = defaults;
  std::string list;
  for (const std::string &k : defaults.expr->keys)
    list += (list.empty() ? "`" : ", `") + k + "`";
  std::vector<bool> given(r.elems.size(), false);
  for (size_t i = 0; i < opts.expr->keys.size(); ++i) {
    const std::string &k = opts.expr->keys[i];
    size_t j = 0;
    while (j < r.expr->keys.size() && r.expr->keys[j] != k)
      ++j;
    if (j == r.expr->keys.size()) {
      c.diagnose(opts.expr->keyLocs[i], DiagKind::UnknownOption, k,
                 c.currentDefnName(), list);
      return {};
    }
    if (given[j]) {
      c.diagnose(opts.expr->keyLocs[i], DiagKind::OptionRepeated, k);
      return {};
    }
    given[j] = true;
    r.elems[j] = opts.elems[i];
  }
  r.loc = call.loc;
  return r;
}

std::string Checker::currentDefnName() const {
  return active.empty() ? std::string("keyword!") : active.back()->name;
}

const Expr *Checker::synthesize(ExprPtr e) {
  synthesized.push_back(std::move(e));
  return synthesized.back().get();
}

/// A deep copy of a term (no blocks); null when `e` holds code.
static ExprPtr cloneTerm(const Expr &e) {
  if (!e.blocks.empty())
    return nullptr;
  auto c = std::make_unique<Expr>(e.kind, e.loc);
  c->intValue = e.intValue;
  c->floatValue = e.floatValue;
  c->boolValue = e.boolValue;
  c->name = e.name;
  c->module = e.module;
  c->keys = e.keys;
  c->keyLocs = e.keyLocs;
  for (auto &x : e.elems) {
    c->elems.push_back(cloneTerm(*x));
    if (!c->elems.back())
      return nullptr;
  }
  return c;
}

ExprPtr Checker::termExpr(const Value &v) {
  switch (v.kind) {
  case Value::Kind::Number: {
    auto e = std::make_unique<Expr>(
        v.isFloatNumber ? Expr::Kind::Float : Expr::Kind::Int, v.loc);
    e->intValue = v.intValue;
    e->floatValue = v.floatValue;
    return e;
  }
  case Value::Kind::Tuple: {
    auto e = std::make_unique<Expr>(Expr::Kind::Tuple, v.loc);
    for (const Value &x : v.elems) {
      e->elems.push_back(termExpr(x));
      if (!e->elems.back())
        return nullptr;
    }
    return e;
  }
  case Value::Kind::Static: {
    if (!isKeyword(v))
      return v.expr ? cloneTerm(*v.expr) : nullptr;
    ExprPtr e = cloneTerm(*v.expr);
    if (!e)
      return nullptr;
    for (size_t i = 0; i < v.elems.size(); ++i) {
      e->elems[i] = termExpr(v.elems[i]);
      if (!e->elems[i])
        return nullptr;
    }
    return e;
  }
  default:
    return nullptr;
  }
}

/// Whether term `x` reads a variable or `opts[:key]`, itself or in the
/// elements of its lists and tuples (`axes: [opts[:axis]]`).
static bool readsValues(const Expr &x) {
  if (x.kind == Expr::Kind::Var || x.kind == Expr::Kind::Access)
    return true;
  if (x.kind != Expr::Kind::List && x.kind != Expr::Kind::Tuple)
    return false;
  for (auto &e : x.elems)
    if (readsValues(*e))
      return true;
  return false;
}

bool Checker::resolveTerm(ExprPtr &x) {
  if (x->kind == Expr::Kind::List || x->kind == Expr::Kind::Tuple) {
    for (ExprPtr &e : x->elems)
      if (readsValues(*e) && !resolveTerm(e))
        return false;
    return true;
  }
  Value v = check(*x);
  if (v.isInvalid())
    return false;
  if (ExprPtr t = termExpr(v))
    x = std::move(t); // else the option reader evaluates it
  return true;
}

/// A list is a term. The variables and `opts[:key]` reads among its
/// elements are replaced by the numbers and terms they hold, so that the
/// list means the same wherever it is handed on (`f(x, [1, a, 1])`). A list
/// of tensors (custom_grad's) stays as written, for its reader to check.
Value Checker::checkList(const Expr &e) {
  Value v;
  v.kind = Value::Kind::Static;
  v.expr = &e;
  v.loc = e.loc;
  if (!readsValues(e))
    return v;
  ExprPtr c = cloneTerm(e);
  if (!c)
    return v;
  if (!resolveTerm(c))
    return {};
  if (!readsValues(*c))
    v.expr = synthesize(std::move(c));
  return v;
}

const Expr *Checker::literalOptions(const Expr &kw) {
  bool computed = false;
  for (auto &x : kw.elems)
    computed |= readsValues(*x);
  if (!computed)
    return &kw;
  ExprPtr r = cloneTerm(kw);
  if (!r)
    return &kw;
  for (ExprPtr &x : r->elems)
    if (readsValues(*x) && !resolveTerm(x))
      return nullptr;
  return synthesize(std::move(r));
}

void registerKeywords(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx.Defn.Kernel", "keyword!", 2, 2, {}, keywordBang});
}

} // namespace nxc
