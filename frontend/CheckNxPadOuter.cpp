//===- CheckNxPadOuter.cpp - Nx.pad_outer and Nx.reflect -------------------===//
//
// This file implements Nx.pad_outer(t, value_or_mode, [{left, right}, ...])
// and the deprecated Nx.reflect(t, padding_config: ...). With a number or a
// scalar tensor it is Nx.pad without interior padding. With a mode
// (:cyclic, :mirror, :reflect, :replicate) each padded axis becomes one
// `nx.gather` of constant indices: the source index of every output position,
// computed here from Nx's index periods, so the axis size must be static.
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"

#include <deque>

namespace nxc {
namespace {

/// The source index of output position `p` (0 <= p < left) in the left
/// padding, or (left + n <= p) in the right padding, of an axis of size n, as
/// Nx's `left_*_index_period`/`right_*_index_period` tiled and cut give it.
int64_t sourceIndex(const std::string &mode, int64_t n, int64_t left,
                    int64_t p) {
  if (p >= left && p < left + n)
    return p - left;
  bool isLeft = p < left;
  // Distance from the tensor: 0 for the position next to it.
  int64_t k = isLeft ? left - 1 - p : p - left - n;
  if (n == 1)
    return 0;
  if (mode == "replicate")
    return isLeft ? 0 : n - 1;
  if (mode == "cyclic") // left period n-1 .. 0, right period 0 .. n-1
    return isLeft ? n - 1 - k % n : k % n;
  if (mode == "mirror") { // left: 0..n-1, n-1..0; right: n-1..0, 0..n-1
    int64_t q = k % (2 * n);
    int64_t v = q < n ? q : 2 * n - 1 - q;
    return isLeft ? v : n - 1 - v;
  }
  // reflect: left 1..n-1, n-2..0; right n-2..0, 1..n-1 (period 2n - 2).
  int64_t q = k % (2 * n - 2);
  int64_t v = q < n - 1 ? q + 1 : 2 * n - 3 - q;
  return isLeft ? v : n - 1 - v;
}

/// `x` padded along `axis` by `left`/`right` positions taken from itself.
int padAxis(Checker &c, int x, size_t axis, const std::string &mode,
            int64_t left, int64_t right, SourceLoc loc) {
  Emitter &em = c.emit();
  TensorType t = em.type(x);
  int64_t n = t.shape[axis].size;
  int64_t len = left + n + right;
  std::vector<int64_t> idx;
  for (int64_t p = 0; p < len; ++p)
    idx.push_back(sourceIndex(mode, n, left, p));
  int ids = s64Constant(em, idx, {Dim{len, ""}, Dim{1, ""}}, loc);
  TensorType gt = t;
  gt.shape = {Dim{len, ""}};
  for (size_t i = 0; i < t.shape.size(); ++i)
    if (i != axis)
      gt.shape.push_back(t.shape[i]);
  int g = em.prim("gather", {x, ids}, gt, loc);
  em.setArray(g, "axes", {static_cast<int64_t>(axis)});
  std::vector<int64_t> perm;
  for (size_t i = 0; i < axis; ++i)
    perm.push_back(static_cast<int64_t>(i + 1));
  perm.push_back(0);
  for (size_t i = axis + 1; i < t.shape.size(); ++i)
    perm.push_back(static_cast<int64_t>(i));
  return transposeTo(em, g, perm, loc);
}

/// Reads `[{left, right}, ...]`, one tuple per axis.
bool readConfig(Checker &c, const NxCall &call, const Value &cv, size_t rank,
                std::vector<std::pair<int64_t, int64_t>> &out,
                std::vector<SourceLoc> &locs) {
  const Expr *list = cv.kind == Value::Kind::Static ? cv.expr : nullptr;
  if (!list || list->kind != Expr::Kind::List ||
      list->elems.size() != rank) {
    c.diagnose(cv.loc, DiagKind::PadOuterConfig, call.name, rank);
    return false;
  }
  for (auto &e : list->elems) {
    if (e->kind != Expr::Kind::Tuple || e->elems.size() != 2) {
      c.diagnose(e->loc, DiagKind::PadOuterConfig, call.name, rank);
      return false;
    }
    int64_t lo, hi;
    if (!c.optionInt(*e->elems[0], "a padding amount", lo) ||
        !c.optionInt(*e->elems[1], "a padding amount", hi))
      return false;
    out.push_back({lo, hi});
    locs.push_back(e->loc);
  }
  return true;
}

/// A term that lives as long as the process (the padding list handed to
/// Nx.pad is built here).
Expr &newTerm(Expr::Kind kind, SourceLoc loc) {
  static std::deque<Expr> arena;
  arena.emplace_back(kind, loc);
  return arena.back();
}

Value padWithValue(Checker &c, NxCall &call,
                   const std::vector<std::pair<int64_t, int64_t>> &cfg) {
  Expr &list = newTerm(Expr::Kind::List, call.args[2].loc);
  for (auto [lo, hi] : cfg) {
    auto tuple = std::make_unique<Expr>(Expr::Kind::Tuple, call.args[2].loc);
    for (int64_t v : {lo, hi, int64_t{0}}) {
      tuple->elems.push_back(
          std::make_unique<Expr>(Expr::Kind::Int, call.args[2].loc));
      tuple->elems.back()->intValue = v;
    }
    list.elems.push_back(std::move(tuple));
  }
  NxCall pad = call;
  pad.args[2].kind = Value::Kind::Static;
  pad.args[2].expr = &list;
  return lookupNxFunction("Nx", "pad")->handler(c, pad);
}

Value padOuter(Checker &c, NxCall &call, const std::string &mode,
               const Value &cv) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  TensorType t = c.emit().type(x);
  std::vector<std::pair<int64_t, int64_t>> cfg;
  std::vector<SourceLoc> locs;
  if (!readConfig(c, call, cv, t.shape.size(), cfg, locs))
    return {};
  if (mode.empty())
    return padWithValue(c, call, cfg);
  if (t.shape.empty()) {
    c.diagnose(call.args[0].loc, DiagKind::PadOuterRank, call.name);
    return {};
  }
  for (size_t i = 0; i < cfg.size(); ++i) {
    auto [lo, hi] = cfg[i];
    if (lo < 0 || hi < 0) {
      c.diagnose(locs[i], DiagKind::PadOuterNegative, call.name, i, lo, hi);
      return {};
    }
    if (lo == 0 && hi == 0)
      continue;
    const Dim &d = t.shape[i];
    if (!d.isStatic() || d.size == 0) {
      c.diagnose(call.args[0].loc, DiagKind::PadOuterAxisSize, call.name, i,
                 toString(d));
      c.noteShape(call.args[0]);
      return {};
    }
    x = padAxis(c, x, i, mode, lo, hi, call.loc);
  }
  return c.tensor(x, call.loc);
}

Value padOuterFn(Checker &c, NxCall &call) {
  const Value &v = call.args[1];
  if (v.kind == Value::Kind::Static && v.expr &&
      v.expr->kind == Expr::Kind::Atom) {
    const std::string &m = v.expr->name;
    if (m != "cyclic" && m != "mirror" && m != "reflect" && m != "replicate") {
      c.diagnose(v.loc, DiagKind::PadOuterMode, "`:" + m + "`");
      return {};
    }
    return padOuter(c, call, m, call.args[2]);
  }
  if (v.kind != Value::Kind::Number && v.kind != Value::Kind::Tensor) {
    c.diagnose(v.loc, DiagKind::PadOuterMode,
               v.kind == Value::Kind::Tuple ? "a tuple" : "a constant term");
    return {};
  }
  return padOuter(c, call, "", call.args[2]);
}

/// Nx.reflect(t, padding_config: [...]): pad_outer with `:reflect`.
Value reflectFn(Checker &c, NxCall &call) {
  const Expr *cfg = findOption(call, "padding_config");
  if (!cfg) {
    c.diagnose(call.loc, DiagKind::ReflectNeedsConfig);
    return {};
  }
  Value cv = c.checkExpr(*cfg);
  if (cv.isInvalid())
    return {};
  return padOuter(c, call, "reflect", cv);
}

} // namespace

void registerPadOuter(std::vector<NxFunctionInfo> &t) {
  t.push_back({"Nx", "pad_outer", 3, 3, {}, padOuterFn});
  t.push_back({"Nx", "reflect", 1, 1, {"padding_config"}, reflectFn});
}

} // namespace nxc
