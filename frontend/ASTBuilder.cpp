//===- ASTBuilder.cpp - ANTLR parse tree to AST ---------------------------===//
//
// This file implements the conversion of a syntactically valid parse tree into
// the AST: literals are decoded (underscores, hex, range checks), pipes become
// calls with the piped value as first argument, trailing keyword arguments
// become a final keyword-list argument, and `=` left sides are checked to be
// patterns (variables, `_`, tuples of patterns).
//
//===----------------------------------------------------------------------===//

#include "frontend/ASTBuilder.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

using nxc_antlr::NxParser;

namespace nxc {
namespace {

SourceLoc locOf(antlr4::Token *t) {
  if (!t)
    return {};
  return {static_cast<uint32_t>(t->getLine()),
          static_cast<uint32_t>(t->getCharPositionInLine() + 1)};
}

SourceLoc locOf(antlr4::ParserRuleContext *ctx) {
  return ctx ? locOf(ctx->getStart()) : SourceLoc{};
}

class Builder {
public:
  explicit Builder(DiagnosticEngine &diags) : diags(diags) {}

  bool build(NxParser::Module_Context *tree, ParsedModule &out);

private:
  ExprPtr expr(NxParser::ExprContext *ctx);
  ExprPtr primary(NxParser::PrimaryContext *ctx);
  void args(NxParser::ArgsContext *ctx, std::vector<ExprPtr> &out,
            SourceLoc loc);
  ExprPtr intLiteral(antlr4::Token *tok);
  ExprPtr floatLiteral(antlr4::Token *tok);
  ExprPtr pattern(NxParser::ExprContext *ctx, bool isParam = false);
  StmtList block(NxParser::BodyContext *ctx);
  ExprPtr ifExpr(NxParser::IfExprContext *ctx);
  ExprPtr ifInline(NxParser::IfInlineContext *ctx);
  ExprPtr condExpr(NxParser::CondExprContext *ctx);
  ExprPtr whileExpr(NxParser::WhileExprContext *ctx);
  ExprPtr caseExpr(NxParser::CaseExprContext *ctx);
  ExprPtr fnExpr(NxParser::FnExprContext *ctx);
  ExprPtr captureExpr(NxParser::CaptureExprContext *ctx);
  bool checkCasePattern(ExprPtr &e);
  void whileInit(NxParser::WhileInitContext *ctx, ExprPtr &pattern,
                 ExprPtr &init);
  bool checkPattern(const Expr &e, bool isParam);
  TypeSpec typeSpec(NxParser::TypeSpecContext *ctx);
  TypeSpec aliasType(NxParser::AliasTypeSpecContext *ctx);
  void typeAlias(NxParser::TypeItemContext *ctx);
  void defn(NxParser::DefnItemContext *ctx, ModuleDecl &m);
  void defaultArities(NxParser::DefnItemContext *ctx, ModuleDecl &m);
  void entry(NxParser::EntryItemContext *ctx, ModuleDecl &m);
  void use(NxParser::UseItemContext *ctx, ModuleDecl &m);
  void module(NxParser::ModuleDefContext *ctx, ModuleDecl &m);
  std::string aliasName(NxParser::AliasNameContext *ctx);

  DiagnosticEngine &diags;
  bool ok = true;
  unsigned captureDepth = 0; ///< how many `&(...)` enclose the current expr
  /// The current module's `@type` names, and those being expanded.
  std::map<std::string, NxParser::TypeSpecContext *> typeAliases;
  std::set<std::string> expanding;
  std::set<std::string> cyclic; ///< names on a reported cycle

  template <typename... Args>
  void diagnose(SourceLoc loc, DiagKind kind, const Args &...args) {
    ok = false;
    diags.diagnose(loc, kind, args...);
  }
};

std::string Builder::aliasName(NxParser::AliasNameContext *ctx) {
  std::string name;
  for (auto *a : ctx->ALIAS()) {
    if (!name.empty())
      name += ".";
    name += a->getText();
  }
  return name;
}

ExprPtr Builder::intLiteral(antlr4::Token *tok) {
  std::string text;
  for (char c : tok->getText())
    if (c != '_')
      text += c;
  auto e = std::make_unique<Expr>(Expr::Kind::Int, locOf(tok));
  bool hex = text.size() > 2 && text[1] == 'x';
  errno = 0;
  char *end = nullptr;
  unsigned long long v = strtoull(hex ? text.c_str() + 2 : text.c_str(), &end,
                                  hex ? 16 : 10);
  if (errno == ERANGE || v > static_cast<unsigned long long>(INT64_MAX)) {
    std::string shown = tok->getText();
    if (shown.size() > 40)
      shown = shown.substr(0, 37) + "...";
    diagnose(e->loc, DiagKind::IntegerLiteralTooLarge, shown);
    v = 0;
  }
  e->intValue = static_cast<int64_t>(v);
  return e;
}

ExprPtr Builder::floatLiteral(antlr4::Token *tok) {
  std::string text;
  for (char c : tok->getText())
    if (c != '_')
      text += c;
  auto e = std::make_unique<Expr>(Expr::Kind::Float, locOf(tok));
  e->floatValue = strtod(text.c_str(), nullptr);
  if (std::isinf(e->floatValue)) {
    std::string shown = tok->getText();
    if (shown.size() > 40)
      shown = shown.substr(0, 37) + "...";
    diagnose(e->loc, DiagKind::FloatLiteralOutOfRange, shown);
    e->floatValue = 0;
  }
  return e;
}

void Builder::args(NxParser::ArgsContext *ctx, std::vector<ExprPtr> &out,
                   SourceLoc loc) {
  if (!ctx)
    return;
  for (auto *e : ctx->expr())
    out.push_back(expr(e));
  if (!ctx->kwPair().empty()) {
    auto kw = std::make_unique<Expr>(Expr::Kind::Keyword,
                                     locOf(ctx->kwPair(0)));
    for (auto *p : ctx->kwPair()) {
      std::string key = p->KEYWORD()->getText();
      key.pop_back(); // the colon
      kw->keys.push_back(key);
      kw->keyLocs.push_back(locOf(p->KEYWORD()->getSymbol()));
      kw->elems.push_back(expr(p->expr()));
    }
    out.push_back(std::move(kw));
  }
  (void)loc;
}

ExprPtr Builder::primary(NxParser::PrimaryContext *ctx) {
  SourceLoc loc = locOf(ctx);
  if (auto *c = dynamic_cast<NxParser::IntLitContext *>(ctx))
    return intLiteral(c->INT()->getSymbol());
  if (auto *c = dynamic_cast<NxParser::FloatLitContext *>(ctx))
    return floatLiteral(c->FLOAT()->getSymbol());
  if (auto *c = dynamic_cast<NxParser::AtomLitContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::Atom, loc);
    e->name = c->ATOM()->getText().substr(1);
    return e;
  }
  if (auto *c = dynamic_cast<NxParser::BoolLitContext *>(ctx)) {
    if (c->NIL())
      return std::make_unique<Expr>(Expr::Kind::Nil, loc);
    auto e = std::make_unique<Expr>(Expr::Kind::Bool, loc);
    e->boolValue = c->TRUE() != nullptr;
    return e;
  }
  if (dynamic_cast<NxParser::StringLitContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::String, loc);
    e->name = ctx->getText();
    return e;
  }
  if (auto *c = dynamic_cast<NxParser::RemoteCallContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::Call, locOf(c->IDENT()->getSymbol()));
    e->module = aliasName(c->aliasName());
    e->name = c->IDENT()->getText();
    args(c->args(), e->elems, loc);
    return e;
  }
  if (auto *c = dynamic_cast<NxParser::LocalCallContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::Call, loc);
    e->name = c->IDENT()->getText();
    args(c->args(), e->elems, loc);
    return e;
  }
  if (auto *c = dynamic_cast<NxParser::VarRefContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::Var, loc);
    e->name = c->IDENT()->getText();
    return e;
  }
  if (auto *c = dynamic_cast<NxParser::ParenExprContext *>(ctx))
    return expr(c->expr());
  if (auto *c = dynamic_cast<NxParser::TupleExprContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::Tuple, loc);
    for (auto *x : c->expr())
      e->elems.push_back(expr(x));
    return e;
  }
  if (auto *c = dynamic_cast<NxParser::ListExprContext *>(ctx)) {
    std::vector<ExprPtr> items;
    args(c->args(), items, loc);
    // `[a: 1, b: 2]` is a keyword list; `[1, a: 2]` is a list ending in one.
    if (items.size() == 1 && items[0]->kind == Expr::Kind::Keyword)
      return std::move(items[0]);
    auto e = std::make_unique<Expr>(Expr::Kind::List, loc);
    e->elems = std::move(items);
    return e;
  }
  if (auto *c = dynamic_cast<NxParser::IfExprContext *>(ctx))
    return ifExpr(c);
  if (auto *c = dynamic_cast<NxParser::IfInlineContext *>(ctx))
    return ifInline(c);
  if (auto *c = dynamic_cast<NxParser::CondExprContext *>(ctx))
    return condExpr(c);
  if (auto *c = dynamic_cast<NxParser::WhileExprContext *>(ctx))
    return whileExpr(c);
  if (auto *c = dynamic_cast<NxParser::CaseExprContext *>(ctx))
    return caseExpr(c);
  if (auto *c = dynamic_cast<NxParser::FnExprContext *>(ctx))
    return fnExpr(c);
  if (auto *c = dynamic_cast<NxParser::CaptureRemoteContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::FnRef, loc);
    e->module = aliasName(c->aliasName());
    e->name = c->IDENT()->getText();
    e->intValue = intLiteral(c->INT()->getSymbol())->intValue;
    return e;
  }
  if (auto *c = dynamic_cast<NxParser::CaptureLocalContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::FnRef, loc);
    e->name = c->IDENT()->getText();
    e->intValue = intLiteral(c->INT()->getSymbol())->intValue;
    return e;
  }
  if (auto *c = dynamic_cast<NxParser::CaptureArgContext *>(ctx)) {
    // `&N` is the Var `&N` of the enclosing capture's Fn.
    auto e = std::make_unique<Expr>(Expr::Kind::Var, loc);
    e->intValue = intLiteral(c->INT()->getSymbol())->intValue;
    e->name = "&" + std::to_string(e->intValue);
    if (captureDepth == 0)
      diagnose(loc, DiagKind::CaptureArgOutside, e->name);
    else if (e->intValue < 1)
      diagnose(loc, DiagKind::CaptureArgZero);
    return e;
  }
  if (auto *c = dynamic_cast<NxParser::ApplyExprContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::Apply, loc);
    auto f = std::make_unique<Expr>(Expr::Kind::Var, loc);
    f->name = c->IDENT()->getText();
    e->elems.push_back(std::move(f));
    args(c->args(), e->elems, loc);
    return e;
  }
  diagnose(loc, DiagKind::UnsupportedExpression);
  return std::make_unique<Expr>(Expr::Kind::Nil, loc);
}

StmtList Builder::block(NxParser::BodyContext *ctx) {
  StmtList out;
  if (!ctx)
    return out;
  for (auto *st : ctx->stmt()) {
    Stmt s;
    s.loc = locOf(st);
    // `a = b = value`: every expr but the innermost is a pattern.
    auto *cur = st;
    while (cur->stmt()) {
      s.patterns.push_back(pattern(cur->expr()));
      cur = cur->stmt();
    }
    s.value = expr(cur->expr());
    out.push_back(std::move(s));
  }
  return out;
}

ExprPtr Builder::ifExpr(NxParser::IfExprContext *ctx) {
  auto e = std::make_unique<Expr>(Expr::Kind::If, locOf(ctx->IF()->getSymbol()));
  e->elems.push_back(expr(ctx->expr()));
  auto bodies = ctx->body();
  // With `else`, the bodies before and after it are told apart by position.
  NxParser::BodyContext *thenBody = nullptr, *elseBody = nullptr;
  size_t elseIndex = ctx->ELSE() ? ctx->ELSE()->getSymbol()->getTokenIndex()
                                 : SIZE_MAX;
  for (auto *b : bodies)
    (b->getStart()->getTokenIndex() < elseIndex ? thenBody : elseBody) = b;
  e->boolValue = ctx->ELSE() != nullptr;
  e->blocks.push_back(block(thenBody));
  e->blocks.push_back(block(elseBody));
  SourceLoc endLoc = locOf(ctx->END()->getSymbol());
  for (StmtList &b : e->blocks)
    if (b.empty() && (&b == &e->blocks[0] || e->boolValue))
      diagnose(endLoc, DiagKind::EmptyBlock, "if");
  return e;
}

/// `if c, do: a, else: b`: the same If node as the block form, each branch a
/// one-statement block.
ExprPtr Builder::ifInline(NxParser::IfInlineContext *ctx) {
  auto e = std::make_unique<Expr>(Expr::Kind::If, locOf(ctx->IF()->getSymbol()));
  e->elems.push_back(expr(ctx->cond));
  auto branch = [&](NxParser::ExprContext *x) {
    StmtList out;
    if (x) {
      Stmt s;
      s.loc = locOf(x);
      s.value = expr(x);
      out.push_back(std::move(s));
    }
    return out;
  };
  e->blocks.push_back(branch(ctx->then));
  e->boolValue = ctx->KEYWORD() != nullptr;
  if (e->boolValue && ctx->KEYWORD()->getText() != "else:")
    diagnose(locOf(ctx->KEYWORD()->getSymbol()), DiagKind::IfInlineKeyword,
             ctx->KEYWORD()->getText());
  e->blocks.push_back(branch(ctx->other));
  return e;
}

ExprPtr Builder::condExpr(NxParser::CondExprContext *ctx) {
  auto e = std::make_unique<Expr>(Expr::Kind::Cond,
                                  locOf(ctx->COND()->getSymbol()));
  for (auto *c : ctx->condClause()) {
    e->elems.push_back(expr(c->expr()));
    e->blocks.push_back(block(c->body()));
  }
  if (e->elems.size() < 2)
    diagnose(e->loc, DiagKind::CondTooFewClauses, e->elems.size());
  const Expr &last = *e->elems.back();
  if (last.kind != Expr::Kind::Bool || !last.boolValue)
    diagnose(last.loc, DiagKind::CondLastNotTrue);
  return e;
}

void Builder::whileInit(NxParser::WhileInitContext *ctx, ExprPtr &pat,
                        ExprPtr &init) {
  if (auto *v = dynamic_cast<NxParser::WhileVarContext *>(ctx)) {
    pat = std::make_unique<Expr>(Expr::Kind::Var, locOf(v));
    pat->name = v->IDENT()->getText();
    if (v->expr()) {
      init = expr(v->expr());
    } else {
      init = std::make_unique<Expr>(Expr::Kind::Var, locOf(v));
      init->name = pat->name;
    }
    return;
  }
  auto *t = dynamic_cast<NxParser::WhileTupleContext *>(ctx);
  pat = std::make_unique<Expr>(Expr::Kind::Tuple, locOf(t));
  init = std::make_unique<Expr>(Expr::Kind::Tuple, locOf(t));
  for (auto *sub : t->whileInit()) {
    ExprPtr p, i;
    whileInit(sub, p, i);
    pat->elems.push_back(std::move(p));
    init->elems.push_back(std::move(i));
  }
  if (t->expr())
    init = expr(t->expr()); // `{a, b} = value`
}

ExprPtr Builder::whileExpr(NxParser::WhileExprContext *ctx) {
  auto e = std::make_unique<Expr>(Expr::Kind::While,
                                  locOf(ctx->WHILE()->getSymbol()));
  ExprPtr pat, init;
  whileInit(ctx->whileInit(), pat, init);
  e->elems.push_back(std::move(pat));
  e->elems.push_back(std::move(init));
  if (ctx->gen) {
    e->boolValue = true;
    auto v = std::make_unique<Expr>(Expr::Kind::Var, locOf(ctx->gen));
    v->name = ctx->gen->getText();
    e->elems.push_back(std::move(v));
    e->elems.push_back(expr(ctx->lo));
    e->elems.push_back(expr(ctx->hi));
  } else {
    e->elems.push_back(expr(ctx->condition));
  }
  if (!ctx->kwPair().empty()) {
    auto kw = std::make_unique<Expr>(Expr::Kind::Keyword,
                                     locOf(ctx->kwPair(0)));
    for (auto *p : ctx->kwPair()) {
      std::string k = p->KEYWORD()->getText();
      kw->keys.push_back(k.substr(0, k.size() - 1));
      kw->keyLocs.push_back(locOf(p->KEYWORD()->getSymbol()));
      kw->elems.push_back(expr(p->expr()));
    }
    e->elems.push_back(std::move(kw));
  }
  e->blocks.push_back(block(ctx->body()));
  if (e->blocks[0].empty())
    diagnose(locOf(ctx->END()->getSymbol()), DiagKind::EmptyBlock, "while");
  return e;
}

ExprPtr Builder::caseExpr(NxParser::CaseExprContext *ctx) {
  auto e = std::make_unique<Expr>(Expr::Kind::Case,
                                  locOf(ctx->CASE()->getSymbol()));
  e->elems.push_back(expr(ctx->expr()));
  for (auto *c : ctx->condClause()) {
    ExprPtr p = expr(c->expr());
    checkCasePattern(p);
    e->elems.push_back(std::move(p));
    e->blocks.push_back(block(c->body()));
  }
  return e;
}

/// Case patterns: variables, `_`, tuples of patterns and literal atoms,
/// integers, floats, booleans and `nil` (a negated number literal is folded).
bool Builder::checkCasePattern(ExprPtr &e) {
  switch (e->kind) {
  case Expr::Kind::Var:
  case Expr::Kind::Int:
  case Expr::Kind::Float:
  case Expr::Kind::Atom:
  case Expr::Kind::Bool:
  case Expr::Kind::Nil:
    return true;
  case Expr::Kind::Tuple: {
    bool good = true;
    for (auto &x : e->elems)
      good &= checkCasePattern(x);
    return good;
  }
  case Expr::Kind::Unary:
    if (e->name == "-" && (e->elems[0]->kind == Expr::Kind::Int ||
                           e->elems[0]->kind == Expr::Kind::Float)) {
      ExprPtr lit = std::move(e->elems[0]);
      lit->intValue = -lit->intValue;
      lit->floatValue = -lit->floatValue;
      lit->loc = e->loc;
      e = std::move(lit);
      return true;
    }
    [[fallthrough]];
  default:
    diagnose(e->loc, DiagKind::CasePatternUnsupported);
    return false;
  }
}

ExprPtr Builder::fnExpr(NxParser::FnExprContext *ctx) {
  auto e = std::make_unique<Expr>(Expr::Kind::Fn, locOf(ctx->FN()->getSymbol()));
  auto clauses = ctx->fnClause();
  if (clauses.size() > 1)
    diagnose(locOf(clauses[1]), DiagKind::FnMultipleClauses);
  auto *c = clauses[0];
  for (auto *p : c->expr())
    e->elems.push_back(pattern(p, /*isParam=*/true));
  e->blocks.push_back(block(c->body()));
  return e;
}

/// Records where each `&N` of a capture first appears, by N (a map: `&N` may
/// be any s64, and a gap is reported, not allocated).
static void collectCaptureArgs(const Expr &e,
                               std::map<int64_t, SourceLoc> &seen) {
  if (e.kind == Expr::Kind::Var && !e.name.empty() && e.name[0] == '&' &&
      e.intValue >= 1) {
    seen.emplace(e.intValue, e.loc);
    return;
  }
  if (e.kind == Expr::Kind::Fn)
    return; // a nested fn's `&N` were reported
  for (auto &x : e.elems)
    collectCaptureArgs(*x, seen);
  for (const StmtList &b : e.blocks)
    for (const Stmt &st : b) {
      for (auto &p : st.patterns)
        collectCaptureArgs(*p, seen);
      collectCaptureArgs(*st.value, seen);
    }
}

/// `&expr` with `&1`..`&N` in it is `fn &1, ..., &N -> expr end`.
ExprPtr Builder::captureExpr(NxParser::CaptureExprContext *ctx) {
  SourceLoc loc = locOf(ctx->AMP()->getSymbol());
  ++captureDepth;
  ExprPtr body = expr(ctx->expr());
  --captureDepth;
  std::map<int64_t, SourceLoc> seen;
  collectCaptureArgs(*body, seen);
  if (seen.empty()) {
    diagnose(loc, DiagKind::CaptureNoArgs);
    return body;
  }
  int64_t expected = 1;
  for (const auto &[n, at] : seen) {
    if (n != expected) {
      diagnose(loc, DiagKind::CaptureArgsGap, seen.rbegin()->first, expected);
      return body;
    }
    ++expected;
  }
  auto e = std::make_unique<Expr>(Expr::Kind::Fn, loc);
  for (const auto &[n, at] : seen) {
    auto p = std::make_unique<Expr>(Expr::Kind::Var, at);
    p->name = "&" + std::to_string(n);
    e->elems.push_back(std::move(p));
  }
  Stmt st;
  st.loc = body->loc;
  st.value = std::move(body);
  e->blocks.emplace_back();
  e->blocks[0].push_back(std::move(st));
  return e;
}

ExprPtr Builder::expr(NxParser::ExprContext *ctx) {
  if (auto *c = dynamic_cast<NxParser::PrimaryExprContext *>(ctx))
    return primary(c->primary());
  if (auto *c = dynamic_cast<NxParser::CaptureExprContext *>(ctx))
    return captureExpr(c);
  if (auto *c = dynamic_cast<NxParser::AccessExprContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::Access,
                                    locOf(c->LBRACK()->getSymbol()));
    e->elems.push_back(expr(c->expr(0)));
    e->elems.push_back(expr(c->expr(1)));
    return e;
  }
  if (auto *c = dynamic_cast<NxParser::UnaryExprContext *>(ctx)) {
    ExprPtr operand = expr(c->expr());
    std::string op = c->op->getText();
    if (op == "+")
      return operand;
    auto e = std::make_unique<Expr>(Expr::Kind::Unary, locOf(c->op));
    e->name = op;
    e->elems.push_back(std::move(operand));
    return e;
  }
  auto *c = dynamic_cast<NxParser::BinaryExprContext *>(ctx);
  if (!c) {
    diagnose(locOf(ctx), DiagKind::UnsupportedExpression);
    return std::make_unique<Expr>(Expr::Kind::Nil, locOf(ctx));
  }
  std::string op = c->op->getText();
  ExprPtr lhs = expr(c->expr(0));
  ExprPtr rhs = expr(c->expr(1));
  if (op == "|>") {
    if (rhs->kind == Expr::Kind::Apply) { // `x |> f.(y)` is `f.(x, y)`
      rhs->elems.insert(rhs->elems.begin() + 1, std::move(lhs));
      return rhs;
    }
    if (rhs->kind != Expr::Kind::Call) {
      diagnose(rhs->loc, DiagKind::PipeRhsNotCall);
      return lhs;
    }
    rhs->elems.insert(rhs->elems.begin(), std::move(lhs));
    return rhs;
  }
  auto e = std::make_unique<Expr>(Expr::Kind::Binary, locOf(c->op));
  e->name = op;
  e->elems.push_back(std::move(lhs));
  e->elems.push_back(std::move(rhs));
  return e;
}

bool Builder::checkPattern(const Expr &e, bool isParam) {
  if (e.kind == Expr::Kind::Var)
    return true;
  if (e.kind == Expr::Kind::Tuple) {
    bool good = true;
    for (auto &x : e.elems)
      good &= checkPattern(*x, isParam);
    return good;
  }
  diagnose(e.loc, isParam ? DiagKind::BadParameterPattern
                          : DiagKind::BadAssignPattern);
  return false;
}

ExprPtr Builder::pattern(NxParser::ExprContext *ctx, bool isParam) {
  ExprPtr e = expr(ctx);
  checkPattern(*e, isParam);
  return e;
}

TypeSpec Builder::typeSpec(NxParser::TypeSpecContext *ctx) {
  TypeSpec t;
  t.loc = locOf(ctx);
  if (auto *c = dynamic_cast<NxParser::AliasTypeSpecContext *>(ctx))
    return aliasType(c);
  if (auto *c = dynamic_cast<NxParser::TupleTypeSpecContext *>(ctx)) {
    t.isTuple = true;
    for (auto *e : c->typeSpec())
      t.elements.push_back(typeSpec(e));
    return t;
  }
  auto *c = dynamic_cast<NxParser::TensorTypeSpecContext *>(ctx);
  t.dtype = c->IDENT()->getText();
  for (auto *d : c->dimSpec()) {
    TypeSpec::DimSpec dim;
    dim.loc = locOf(d);
    if (d->INT()) {
      ExprPtr v = intLiteral(d->INT()->getSymbol());
      dim.size = v->intValue;
    } else {
      dim.sym = d->IDENT()->getText();
    }
    t.dims.push_back(dim);
  }
  return t;
}

/// A name given by `@type name :: spec` in this module, expanded.
TypeSpec Builder::aliasType(NxParser::AliasTypeSpecContext *ctx) {
  std::string name = ctx->IDENT()->getText();
  SourceLoc loc = locOf(ctx->IDENT()->getSymbol());
  auto it = typeAliases.find(name);
  TypeSpec t;
  t.loc = loc;
  if (it == typeAliases.end()) {
    diagnose(loc, DiagKind::UnknownTypeAlias, name);
    return t;
  }
  if (cyclic.count(name))
    return t; // reported once, where the cycle was found
  if (!expanding.insert(name).second) {
    diagnose(loc, DiagKind::TypeAliasCycle, name);
    cyclic.insert(expanding.begin(), expanding.end());
    return t;
  }
  t = typeSpec(it->second);
  expanding.erase(name);
  return t;
}

void Builder::typeAlias(NxParser::TypeItemContext *ctx) {
  std::string name = ctx->IDENT()->getText();
  if (!typeAliases.emplace(name, ctx->typeSpec()).second)
    diagnose(locOf(ctx->IDENT()->getSymbol()), DiagKind::TypeAliasDuplicate,
             name);
}

void Builder::entry(NxParser::EntryItemContext *ctx, ModuleDecl &m) {
  EntryDecl e;
  e.name = ctx->IDENT()->getText();
  e.loc = locOf(ctx->IDENT()->getSymbol());
  auto specs = ctx->typeSpec();
  for (size_t i = 0; i + 1 < specs.size(); ++i)
    e.args.push_back(typeSpec(specs[i]));
  e.result = typeSpec(specs.back());
  m.entries.push_back(std::move(e));
}

void Builder::defn(NxParser::DefnItemContext *ctx, ModuleDecl &m) {
  DefnDecl d;
  d.name = ctx->IDENT()->getText();
  d.loc = locOf(ctx->IDENT()->getSymbol());
  d.isPrivate = ctx->kind->getType() == NxParser::DEFNP;
  for (auto *p : ctx->param())
    d.params.push_back(pattern(p->expr(0), /*isParam=*/true));
  if (auto *b = dynamic_cast<NxParser::InlineBodyContext *>(ctx->defnBody())) {
    Stmt s;
    s.loc = locOf(b->expr());
    s.value = expr(b->expr());
    d.body.push_back(std::move(s));
  } else if (auto *b =
                 dynamic_cast<NxParser::BlockBodyContext *>(ctx->defnBody())) {
    d.body = block(b->body());
    if (d.body.empty())
      diagnose(locOf(b->END()->getSymbol()), DiagKind::EmptyBody, d.name);
  }
  m.defns.push_back(std::move(d));
  defaultArities(ctx, m);
}

/// `defn f(a, b \\ 1, c \\ 2)` also defines f/1 and f/2, as Elixir does:
/// each calls f/3 with its arguments in order and the defaults of the
/// parameters left over. With `given` arguments for the defaulted
/// parameters, the first `given` of them (left to right) take arguments.
void Builder::defaultArities(NxParser::DefnItemContext *ctx, ModuleDecl &m) {
  std::vector<NxParser::ParamContext *> ps = ctx->param();
  size_t defaults = 0;
  for (auto *p : ps)
    defaults += p->DEFAULT_ARG() != nullptr;
  SourceLoc loc = locOf(ctx->IDENT()->getSymbol());
  for (size_t given = 0; given < defaults; ++given) {
    DefnDecl w;
    w.name = ctx->IDENT()->getText();
    w.loc = loc;
    w.isPrivate = ctx->kind->getType() == NxParser::DEFNP;
    auto call = std::make_unique<Expr>(Expr::Kind::Call, loc);
    call->name = w.name;
    size_t usedDefaults = 0;
    for (auto *p : ps) {
      if (p->DEFAULT_ARG() && usedDefaults++ >= given) {
        call->elems.push_back(expr(p->expr(1)));
        continue;
      }
      // `@` cannot appear in a source name, so these never clash.
      std::string name = "arg@" + std::to_string(w.params.size());
      auto param = std::make_unique<Expr>(Expr::Kind::Var, locOf(p->expr(0)));
      param->name = name;
      auto ref = std::make_unique<Expr>(Expr::Kind::Var, locOf(p->expr(0)));
      ref->name = name;
      w.params.push_back(std::move(param));
      call->elems.push_back(std::move(ref));
    }
    Stmt s;
    s.loc = loc;
    s.value = std::move(call);
    w.body.push_back(std::move(s));
    m.defns.push_back(std::move(w));
  }
}

void Builder::use(NxParser::UseItemContext *ctx, ModuleDecl &m) {
  UseDecl u;
  std::string word = ctx->IDENT()->getText();
  u.isImport = word == "import";
  u.target = aliasName(ctx->aliasName(0));
  u.loc = locOf(ctx->aliasName(0));
  if (word != "alias" && word != "import") {
    diagnose(locOf(ctx->IDENT()->getSymbol()), DiagKind::UnknownModuleDirective,
             word);
    return;
  }
  if (ctx->KEYWORD()) {
    std::string key = ctx->KEYWORD()->getText();
    if (u.isImport || key != "as:") {
      diagnose(locOf(ctx->KEYWORD()->getSymbol()), DiagKind::UnknownUseOption,
               key.substr(0, key.size() - 1), word);
      return;
    }
    u.as = aliasName(ctx->aliasName(1));
    if (u.as.find('.') != std::string::npos) {
      diagnose(locOf(ctx->aliasName(1)), DiagKind::AliasAsDotted, u.as);
      return;
    }
  } else {
    u.as = u.target.substr(u.target.rfind('.') + 1);
  }
  m.uses.push_back(std::move(u));
}

void Builder::module(NxParser::ModuleDefContext *md, ModuleDecl &m) {
  m.name = aliasName(md->aliasName());
  m.loc = locOf(md->aliasName());
  // `@type` names are visible in the whole module, before or after.
  typeAliases.clear();
  cyclic.clear();
  for (auto *item : md->moduleItem())
    if (auto *t = dynamic_cast<NxParser::TypeItemContext *>(item))
      typeAlias(t);
  for (auto *item : md->moduleItem()) {
    if (auto *e = dynamic_cast<NxParser::EntryItemContext *>(item))
      entry(e, m);
    else if (auto *d = dynamic_cast<NxParser::DefnItemContext *>(item))
      defn(d, m);
    else if (auto *u = dynamic_cast<NxParser::UseItemContext *>(item))
      use(u, m);
    else if (auto *a = dynamic_cast<NxParser::AttrItemContext *>(item)) {
      std::string name = a->ATTR()->getText().substr(1);
      if (name != "doc" && name != "moduledoc")
        diagnose(locOf(a->ATTR()->getSymbol()), DiagKind::UnknownModuleAttribute,
                 name);
    }
  }
}

bool Builder::build(NxParser::Module_Context *tree, ParsedModule &out) {
  auto defs = tree->moduleDef();
  module(defs[0], out.module);
  for (size_t i = 1; i < defs.size(); ++i) {
    out.others.emplace_back();
    module(defs[i], out.others.back());
  }
  return ok;
}

} // namespace

bool buildAST(NxParser::Module_Context *tree, ParsedModule &out,
              DiagnosticEngine &diags) {
  return Builder(diags).build(tree, out);
}

} // namespace nxc
