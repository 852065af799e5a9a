//===- Checker.h - Type/shape checking and specialization (internal) -*- C++ -*-===//
//
// This file declares the Checker, which turns the AST into the typed IR, and
// the pieces the Nx function families (CheckNx*.cpp) share with it: checked
// values, evaluated call arguments with their options, and the table of known
// Nx functions.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_CHECKER_H
#define NXC_FRONTEND_CHECKER_H

#include "frontend/AST.h"
#include "frontend/Diagnostics.h"
#include "frontend/Emitter.h"
#include "frontend/Types.h"

#include <functional>
#include <map>
#include <memory>
#include <set>

namespace nxc {

struct Closure;

/// The result of checking an expression.
struct Value {
  enum class Kind {
    Invalid, ///< an error was already reported
    Tensor,  ///< typed IR node `node`
    Tuple,   ///< `elems`
    Number,  ///< a weakly typed number literal
    Static,  ///< a compile-time term (atom, list, keyword list, ...): `expr`
    Function, ///< a function value (`fn`, `&name/arity`): `fn`
  };
  Kind kind = Kind::Invalid;
  int node = -1;
  std::vector<Value> elems;
  bool isFloatNumber = false;
  int64_t intValue = 0;
  double floatValue = 0;
  const Expr *expr = nullptr;
  SourceLoc loc;
  /// When the value was read from a variable: its name and binding location.
  std::string varName;
  SourceLoc declLoc;
  /// A 0-d tensor read from a dynamic dimension (`Nx.axis_size`,
  /// `Nx.shape`): that dimension's symbol, so shape arguments can take it.
  std::string sizeSym;

  std::shared_ptr<const Closure> fn; ///< Function: what calling it runs

  bool isInvalid() const { return kind == Kind::Invalid; }
  /// Weakly typed number literals.
  static Value intNumber(int64_t v, SourceLoc loc = {}) {
    Value n;
    n.kind = Kind::Number;
    n.intValue = v;
    n.loc = loc;
    return n;
  }
  static Value floatNumber(double v, SourceLoc loc = {}) {
    Value n = intNumber(0, loc);
    n.isFloatNumber = true;
    n.floatValue = v;
    return n;
  }
  double number() const {
    return isFloatNumber ? floatValue : static_cast<double>(intValue);
  }
};

/// A function value: an anonymous function (`fn` or `&(... &1 ...)`)
/// closing over the scope it was created in, or a reference `&name/arity` /
/// `&Mod.name/arity`. Calling one inlines it (frontend/CheckFunctions.cpp).
struct Closure {
  const Expr *expr = nullptr;       ///< a Fn or FnRef expression
  std::map<std::string, Value> env; ///< Fn: the scope it captured
  size_t arity = 0;
};

class Checker;

/// A call of an Nx function with its evaluated positional arguments and its
/// keyword options (the trailing keyword list, if any).
struct NxCall {
  const Expr *call = nullptr;
  std::string name; ///< e.g. "Nx.sum"
  std::vector<Value> args;
  const Expr *options = nullptr; ///< a Keyword expr, or null
  SourceLoc loc;
};

using NxHandler = Value (*)(Checker &, NxCall &);

struct NxFunctionInfo {
  const char *module;
  const char *name;
  unsigned minArgs; ///< positional, not counting the options list
  unsigned maxArgs;
  std::vector<const char *> options;
  NxHandler handler;
};

/// Looks up `Module.name`; null when unknown.
const NxFunctionInfo *lookupNxFunction(const std::string &module,
                                       const std::string &name);
/// Whether some function of that module and name exists (any arity).
bool isNxModule(const std::string &module);
/// A function that defn code may call unqualified (`grad`, `stop_grad`:
/// Nx.Defn and Nx.Defn.Kernel), with `arity` arguments; null when none.
const NxFunctionInfo *lookupImportedFunction(const std::string &name,
                                             size_t arity);

// The families; each file registers its functions through these lists.
void registerElementwise(std::vector<NxFunctionInfo> &table);
void registerReductions(std::vector<NxFunctionInfo> &table);
void registerShapeOps(std::vector<NxFunctionInfo> &table);
void registerDot(std::vector<NxFunctionInfo> &table);
void registerCreation(std::vector<NxFunctionInfo> &table);
void registerIndexing(std::vector<NxFunctionInfo> &table);
void registerSort(std::vector<NxFunctionInfo> &table);
void registerWindow(std::vector<NxFunctionInfo> &table);
void registerBitwise(std::vector<NxFunctionInfo> &table);
void registerLinAlg(std::vector<NxFunctionInfo> &table);
void registerLinAlg2(std::vector<NxFunctionInfo> &table);
void registerStats(std::vector<NxFunctionInfo> &table);
void registerComposite(std::vector<NxFunctionInfo> &table);
void registerRandom(std::vector<NxFunctionInfo> &table);
void registerFunctional(std::vector<NxFunctionInfo> &table);
void registerMiscElementwise(std::vector<NxFunctionInfo> &table);
void registerIntrospection(std::vector<NxFunctionInfo> &table);
void registerGrad(std::vector<NxFunctionInfo> &table);
void registerKeywords(std::vector<NxFunctionInfo> &table);
/// Nx.Defn.Composite's container traversals and Kernel.elem (CheckTree.cpp).
void registerTree(std::vector<NxFunctionInfo> &table);
/// Nx.pad_outer and Nx.reflect (CheckNxPadOuter.cpp); called by
/// registerMiscElementwise.
void registerPadOuter(std::vector<NxFunctionInfo> &table);

class Checker {
public:
  Checker(const ParsedModule &m, DiagnosticEngine &diags, TypedModule &out)
      : diags(diags), pm(m), out(out) {}

  bool run();

  /// Checks an expression in the current scope (list literal elements).
  Value checkExpr(const Expr &e) { return check(e); }

  // ---- used by the Nx function families ----
  DiagnosticEngine &diags;
  Emitter &emit() { return *emitter; }
  /// Reports a diagnostic of `kind` (frontend/DiagnosticKinds.def).
  template <typename... Args>
  void diagnose(SourceLoc loc, DiagKind kind, const Args &...args) {
    diags.diagnose(loc, kind, args...);
  }
  /// Adds a note saying where the variable behind `v` got its shape.
  void noteShape(const Value &v);

  /// Turns a number into a 0-d constant (s64 or f32); a tensor stays.
  Value materialize(const Value &v);
  /// Requires a tensor (materializing numbers); reports otherwise.
  bool expectTensor(const Value &v, const std::string &what, int &node);
  Value tensor(int node, SourceLoc loc) const;
  const TensorType &typeOf(const Value &v) const {
    return emitter->type(v.node);
  }

  /// Nx broadcasting of several shapes; reports and returns false on conflict.
  bool broadcastShapes(const std::vector<const Value *> &vals,
                       const std::string &what, SourceLoc loc,
                       std::vector<Dim> &result);
  /// An element-wise binary op following Nx's type rules; `quotient` is
  /// Nx.quotient, the truncating integer division.
  Value binary(const std::string &op, const Value &a, const Value &b,
               SourceLoc loc, const std::string &what);
  /// An element-wise unary op following Nx's type rules.
  Value unary(const std::string &op, const Value &a, SourceLoc loc,
              const std::string &what);

  /// A new dynamic dimension `_N`.
  Dim freshDim();

  /// Calls function value `f` with `args` (inlining its body in the current
  /// function); `loc` is the call. Reports a non-function or a wrong arity.
  Value applyFunction(const Value &f, std::vector<Value> args, SourceLoc loc,
                      const std::string &what);
  /// Describes a value's kind for diagnostics ("a tuple", "a function", ...).
  std::string describeKind(const Value &v) const;
  /// The name of the defn being checked, for messages.
  std::string currentDefnName() const;

  // Option helpers. Each reports and returns false on an ill-typed value.
  bool optionInt(const Expr &e, const std::string &what, int64_t &out);
  bool optionBool(const Expr &e, const std::string &what, bool &out);
  bool optionIntList(const Expr &e, const std::string &what,
                     std::vector<int64_t> &out);
  bool optionDType(const Expr &e, const std::string &what, DType &out);
  /// Normalizes a possibly negative axis of a rank-`rank` tensor.
  bool normalizeAxis(int64_t &axis, size_t rank, SourceLoc loc,
                     const std::string &what);
  /// Normalizes, checks ranges and duplicates, sorts.
  bool normalizeAxes(std::vector<int64_t> &axes, size_t rank, SourceLoc loc,
                     const std::string &what, bool sort = true);
  /// A shape argument: a tuple of sizes (`:auto` allowed when `allowAuto`,
  /// reported as -2) or a tensor whose shape is used.
  bool shapeArg(const Value &v, const std::string &what, bool allowAuto,
                std::vector<Dim> &out);

  // Automatic differentiation (Grad.cpp).
  /// `grad(x, f)`, or `value_and_grad(x, f[, transform])` when `withValue`.
  Value checkGrad(NxCall &c, bool withValue);
  Value checkStopGrad(NxCall &c);
  Value checkCustomGrad(NxCall &c);

private:
  struct Instance {
    const DefnDecl *defn;
    std::string key;
    int index;
  };

  void resolve();
  void resolveExpr(const Expr &e, std::set<std::string> &scope);
  void resolveBlock(const StmtList &body, std::set<std::string> scope);
  void bindPatternNames(const Expr &p, std::set<std::string> &scope);
  const DefnDecl *findDefn(const std::string &name, size_t arity) const;

  void checkEntry(const EntryDecl &e);
  bool entryArgType(const TypeSpec &t, TensorType &out);
  bool compareResult(const TypeSpec &spec, const Type &got,
                     const EntryDecl &e, const std::set<std::string> &bound);
  /// Specializes `d` for `args`; returns the function index or -1.
  int instantiate(const DefnDecl &d, const std::vector<Type> &args,
                  SourceLoc callLoc, bool entry, const std::string &name);
  bool bindParam(const Expr &p, const Type &t, int &nextParam,
                 std::vector<TensorType> &params, Value &out);
  bool bindPattern(const Expr &p, const Value &v,
                   std::map<std::string, Value> &env);
  Value check(const Expr &e);
  /// The statements of a block in the current scope; the last one's value.
  Value checkBlock(const StmtList &body);

  // Control flow (CheckControlFlow.cpp).
  Value checkIf(const Expr &e);
  Value checkCond(const Expr &e, size_t clause);
  Value checkWhile(const Expr &e);
  bool condition(const Expr &c, const std::string &what, int &node);
  Value branches(const std::string &what, SourceLoc loc, int pred,
                 const std::function<Value()> &onTrue,
                 const std::function<Value()> &onFalse);
  bool mergeBranch(const std::string &what, const Value &a, const Value &b,
                   Type &t);
  void coerceLeaves(const Value &v, const Type &t, std::vector<int> &out);
  Value fromLeaves(const Type &t, const std::vector<int> &leaves, size_t &pos,
                   SourceLoc loc);
  bool collectState(const Value &v, const Type &t, const Type &whole,
                    std::vector<int> &out, int &leaf);
  bool whileStep(const Expr &e, const Value &state, const Type &stateT,
                 const Value *iter, std::vector<int> &next);
  // Functions and case (CheckFunctions.cpp).
  Value checkFn(const Expr &e);
  Value checkApply(const Expr &e);
  Value checkCase(const Expr &e);
  int matchCase(const Expr &p, const Value &v,
                std::map<std::string, Value> &binds);
  Value inlineDefn(const DefnDecl &d, const std::vector<Value> &args,
                   SourceLoc loc);
  /// Calls defn `d` with evaluated `args`: specialized as a function of its
  /// tensor arguments, or inlined when an argument holds a function.
  Value callDefn(const DefnDecl &d, const std::vector<Value> &args,
                 SourceLoc loc);
  Value callNx(const NxFunctionInfo &info, NxCall &c);

  Value checkCall(const Expr &e);
  Value checkLocalCall(const Expr &e);

  // Keyword lists (CheckKeywords.cpp).
  Value checkKeywordList(const Expr &e);
  Value checkList(const Expr &e);
  Value checkAccess(const Expr &e);
  /// Keeps `e` alive as long as the checker; returns it.
  const Expr *synthesize(ExprPtr e);
  /// A literal expression for a compile-time value; null when it holds a
  /// tensor or a function.
  ExprPtr termExpr(const Value &v);
  /// Keyword options `kw` with variables and `opts[:key]` reads replaced
  /// by the terms they hold; null after an error.
  const Expr *literalOptions(const Expr &kw);
  /// Replaces the values read in term `x` by literals; false after an error.
  bool resolveTerm(ExprPtr &x);
  std::vector<ExprPtr> synthesized;
  Value checkNxCall(const Expr &e);
  bool flatten(const Value &v, std::vector<int> &nodes, Type &t,
               SourceLoc loc);
  Value unflatten(int node, const Type &t, SourceLoc loc);
  int finishResult(const Value &v, Type &t);
  std::string mangle(const DefnDecl &d, const std::vector<TensorType> &ps);

  const ParsedModule &pm;
  TypedModule &out;
  Emitter *emitter = nullptr;
  std::map<std::string, Value> *env = nullptr;
  std::map<std::string, int> instances;
  std::vector<const DefnDecl *> active;   ///< defns being specialized
  std::set<const DefnDecl *> activeSet;   ///< the same, for lookups
  /// `name/arity` -> its first defn; filled by the first findDefn.
  mutable std::map<std::string, const DefnDecl *> defnIndex;
  std::set<const DefnDecl *> unresolved; ///< defns with name errors
  std::vector<SourceLoc> entryArgLocs;   ///< of the entry being instantiated
  std::set<std::string> usedNames;
  int freshCounter = 0;

  // Automatic differentiation (Grad.cpp).
  friend class GradTransform;
  /// While > 0 a function is traced for `grad`: defn calls are inlined so
  /// that the transform sees their nodes.
  int gradTracing = 0;
  std::vector<Value> customGradFns; ///< by the `rule` of custom_grad nodes
  Value gradInputs(const Value &x, std::vector<int> &inputs);
  bool applyForList(const Value &f, const Value &arg, SourceLoc loc,
                    size_t arity, std::vector<Value> &out);
};

} // namespace nxc

#endif // NXC_FRONTEND_CHECKER_H
