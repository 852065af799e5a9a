//===- AST.h - The abstract syntax tree of an nx module ---------*- C++ -*-===//
//
// This file defines the AST the parser builds: a module with its `@entry`
// signatures and its `defn`s, each a list of statements over expressions.
// Pipes are already desugared into calls; everything carries a SourceLoc.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_AST_H
#define NXC_FRONTEND_AST_H

#include "frontend/TypedIR.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace nxc {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

/// `pattern = pattern = value` or a bare `value`.
struct Stmt {
  std::vector<ExprPtr> patterns; ///< Var or Tuple of patterns; may be empty
  ExprPtr value;
  SourceLoc loc;
};
using StmtList = std::vector<Stmt>;

/// One expression. Which fields are meaningful depends on `kind`.
struct Expr {
  enum class Kind {
    Int,     ///< `intValue`
    Float,   ///< `floatValue`
    Atom,    ///< `name` without the colon, e.g. "f32"
    Bool,    ///< `boolValue` (`true`/`false`)
    Nil,     ///< `nil`
    String,  ///< `name` holds the text between the quotes
    Var,     ///< `name`
    Tuple,   ///< `elems`
    List,    ///< `elems`
    Keyword, ///< a keyword list `[a: 1, b: 2]`: `keys` and `elems`
    Call,    ///< `module` (empty for a local call), `name`, `elems` = args;
             ///< trailing keyword options form a final Keyword argument
    Unary,   ///< `name` is the operator (`-`, `+`, `not`, `!`), `elems[0]`
    Binary,  ///< `name` is the operator, `elems[0]` op `elems[1]`
    If,      ///< `if elems[0] do blocks[0] else blocks[1] end`; `boolValue`
             ///< says whether there is an `else` (without one it is 0)
    Cond,    ///< `cond do elems[i] -> blocks[i] ... end`
    While,   ///< `while elems[0] = elems[1], elems[2] do blocks[0] end`:
             ///< elems[0] is the state pattern, elems[1] its initial value,
             ///< elems[2] the condition; with a generator (`boolValue`)
             ///< elems[2] is the generator Var and elems[3]..elems[4] the
             ///< range bounds; a final Keyword element holds the options
    Case,    ///< `case elems[0] do elems[i] -> blocks[i - 1] ... end`: the
             ///< subject, then one pattern per clause
    Fn,      ///< `fn elems... -> blocks[0] end`: parameter patterns and the
             ///< body; a capture `&(... &1 ...)` becomes a Fn whose
             ///< parameters are the Vars `&1`, `&2`, ...
    FnRef,   ///< `&name/arity` (`module` empty) or `&Mod.name/arity`:
             ///< `module`, `name`, `intValue` = arity
    Apply,   ///< `f.(args)`: `elems[0]` is the Var holding the function,
             ///< then the arguments
    Access,  ///< `elems[0][elems[1]]`, e.g. `opts[:strides]`
  };
  Kind kind;
  SourceLoc loc;
  int64_t intValue = 0;
  double floatValue = 0;
  bool boolValue = false;
  std::string name;
  std::string module;
  std::vector<ExprPtr> elems;
  std::vector<std::string> keys;        ///< Keyword: one per element
  std::vector<SourceLoc> keyLocs;       ///< Keyword: where each key is
  std::vector<StmtList> blocks; ///< If, Cond, While, Case, Fn: statement blocks

  Expr(Kind kind, SourceLoc loc) : kind(kind), loc(loc) {}
};

struct DefnDecl {
  std::string name;
  bool isPrivate = false; ///< defnp
  SourceLoc loc;
  std::vector<ExprPtr> params; ///< Var or Tuple patterns
  std::vector<Stmt> body;      ///< the last statement's value is the result
};

/// A type in an `@entry` signature: `f32[n, 3]` or `{f32[n], s64[]}`.
struct TypeSpec {
  bool isTuple = false;
  std::string dtype;
  SourceLoc loc;
  struct DimSpec {
    int64_t size = -1; ///< static size, or -1 for a size variable
    std::string sym;
    SourceLoc loc;
  };
  std::vector<DimSpec> dims;
  std::vector<TypeSpec> elements;
};

struct EntryDecl {
  std::string name;
  std::string defn; ///< the defn it compiles; empty: `name` (set by linking)
  SourceLoc loc;
  std::vector<TypeSpec> args;
  TypeSpec result;
};

/// `alias A.B`, `alias A.B, as: C` or `import A.B` inside a module.
struct UseDecl {
  bool isImport = false;
  std::string target; ///< the full module name, `A.B`
  std::string as;     ///< alias: the short name (`B` or the `as:` name)
  SourceLoc loc;      ///< of the target name
};

struct ModuleDecl {
  std::string name;
  SourceLoc loc;
  std::vector<EntryDecl> entries;
  std::vector<DefnDecl> defns;
  std::vector<UseDecl> uses;
};

struct ParsedModule {
  std::string filename;
  ModuleDecl module;              ///< the first module of the file
  std::vector<ModuleDecl> others; ///< the file's further modules, in order
  unsigned fileId = 0; ///< its DiagnosticEngine source (SourceLoc::file)
};

} // namespace nxc

#endif // NXC_FRONTEND_AST_H
