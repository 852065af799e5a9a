//===- CheckNxWindow.cpp - Window reductions, window scatters, conv --------===//
//
// This file implements Nx.window_sum/product/max/min/mean (`strides:`,
// `padding:`, `window_dilations:`), Nx.window_scatter_max/min (`strides:`,
// `padding:`) and Nx.conv (`strides:`, `padding:`, `input_dilation:`,
// `kernel_dilation:`, `feature_group_size:`, `batch_group_size:` and the
// three permutations), each the dialect op of the same name
// (docs/dialect-window.md). `:same` padding follows Nx.Shape.to_padding_config
// with unit strides: `k - 1` elements in all, the lower half (rounded down)
// before, where `k` is the dilated window or kernel size.
//
//===----------------------------------------------------------------------===//

#include "frontend/CheckNxIndexing.h"
#include "frontend/WindowOptions.h"

namespace nxc {
namespace {

/// Reads an option that is an integer (repeated `n` times) or a list of `n`
/// integers, each at least 1.
bool positiveList(Checker &c, const NxCall &call, const char *name, size_t n,
                  std::vector<int64_t> &out) {
  out.assign(n, 1);
  const Expr *e = findOption(call, name);
  if (!e)
    return true;
  std::string what = std::string("`") + name + "`";
  if (e->kind == Expr::Kind::List) {
    std::vector<int64_t> v;
    if (!c.optionIntList(*e, what, v))
      return false;
    if (v.size() != n) {
      c.diagnose(e->loc, DiagKind::WindowOptionLength, name, call.name,
                 v.size(), n);
      return false;
    }
    out = v;
  } else {
    int64_t v;
    if (!c.optionInt(*e, what, v))
      return false;
    out.assign(n, v);
  }
  for (int64_t v : out)
    if (v < 1) {
      c.diagnose(e->loc, DiagKind::WindowOptionNotPositive, name, call.name,
                 v);
      return false;
    }
  return true;
}

/// Reads `padding:` for windows of effective sizes `eff` (one per padded
/// dim); `allowNegative` for conv.
bool paddingOption(Checker &c, const NxCall &call,
                   const std::vector<int64_t> &eff, bool allowNegative,
                   std::vector<int64_t> &lo, std::vector<int64_t> &hi) {
  size_t n = eff.size();
  lo.assign(n, 0);
  hi.assign(n, 0);
  const Expr *e = findOption(call, "padding");
  if (!e)
    return true;
  if (e->kind == Expr::Kind::Atom && e->name == "valid")
    return true;
  if (e->kind == Expr::Kind::Atom && e->name == "same") {
    for (size_t i = 0; i < n; ++i) {
      int64_t total = eff[i] - 1;
      lo[i] = total / 2;
      hi[i] = total - lo[i];
    }
    return true;
  }
  if (e->kind != Expr::Kind::List) {
    c.diagnose(e->loc, DiagKind::WindowPaddingForm, call.name);
    return false;
  }
  if (e->elems.size() != n) {
    c.diagnose(e->loc, DiagKind::WindowOptionLength, "padding", call.name,
               e->elems.size(), n);
    return false;
  }
  for (size_t i = 0; i < n; ++i) {
    const Expr &t = *e->elems[i];
    int64_t l, h;
    auto num = [](const Expr &x, int64_t &v) {
      if (x.kind == Expr::Kind::Int) {
        v = x.intValue;
        return true;
      }
      if (x.kind == Expr::Kind::Unary && x.name == "-" &&
          x.elems[0]->kind == Expr::Kind::Int) {
        v = -x.elems[0]->intValue;
        return true;
      }
      return false;
    };
    if (t.kind != Expr::Kind::Tuple || t.elems.size() != 2 ||
        !num(*t.elems[0], l) || !num(*t.elems[1], h)) {
      c.diagnose(t.loc, DiagKind::WindowPaddingForm, call.name);
      return false;
    }
    if (!allowNegative && (l < 0 || h < 0)) {
      c.diagnose(t.loc, DiagKind::WindowPaddingNegative, call.name, i);
      return false;
    }
    lo[i] = l;
    hi[i] = h;
  }
  return true;
}

/// The result size of a window of effective size `eff` sliding by `stride`
/// over `d` padded by `lo`/`hi`; reports a window that does not fit.
bool windowDim(Checker &c, const NxCall &call, const Value &arg, size_t axis,
               const Dim &d, int64_t lo, int64_t hi, int64_t eff,
               int64_t stride, Dim &out) {
  if (!d.isStatic()) {
    if (lo == 0 && hi == 0 && eff == 1 && stride == 1) {
      out = d;
      return true;
    }
    c.diagnose(arg.loc, DiagKind::StaticAxisNeeded, call.name, axis,
               shapeToString(c.typeOf(arg).shape));
    return false;
  }
  int64_t padded = d.size + lo + hi;
  if (padded < eff) {
    c.diagnose(arg.loc, DiagKind::WindowTooLarge, call.name, eff, axis,
               padded);
    c.noteShape(arg);
    return false;
  }
  out = Dim{(padded - eff) / stride + 1, ""};
  return true;
}

/// The window dimensions argument: one size >= 1 per axis.
bool windowDims(Checker &c, const NxCall &call, const Value &v, size_t rank,
                std::vector<int64_t> &out) {
  std::vector<Dim> dims;
  if (!c.shapeArg(v, "the window dimensions of `" + call.name + "`", false,
                  dims))
    return false;
  if (dims.size() != rank) {
    c.diagnose(v.loc, DiagKind::WindowRank, call.name, dims.size(), rank);
    return false;
  }
  for (const Dim &d : dims) {
    if (!d.isStatic() || d.size < 1) {
      c.diagnose(v.loc, DiagKind::WindowOptionNotPositive,
                 "window dimensions", call.name, d.size);
      return false;
    }
    out.push_back(d.size);
  }
  return true;
}

} // namespace

bool windowConfig(Checker &c, const NxCall &call, const Value &x,
                  const Value &dimsArg, bool dilations, Window &w) {
  const TensorType &t = c.typeOf(x);
  size_t rank = t.shape.size();
  if (!windowDims(c, call, dimsArg, rank, w.dims) ||
      !positiveList(c, call, "strides", rank, w.strides))
    return false;
  w.dil.assign(rank, 1);
  if (dilations && !positiveList(c, call, "window_dilations", rank, w.dil))
    return false;
  std::vector<int64_t> eff(rank);
  for (size_t i = 0; i < rank; ++i)
    eff[i] = (w.dims[i] - 1) * w.dil[i] + 1;
  if (!paddingOption(c, call, eff, false, w.lo, w.hi))
    return false;
  w.result.resize(rank);
  for (size_t i = 0; i < rank; ++i)
    if (!windowDim(c, call, x, i, t.shape[i], w.lo[i], w.hi[i], eff[i],
                   w.strides[i], w.result[i]))
      return false;
  return true;
}

namespace {

Value windowReduce(Checker &c, NxCall &call, const std::string &op) {
  int x;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x))
    return {};
  Value xv = c.tensor(x, call.args[0].loc);
  xv.varName = call.args[0].varName;
  xv.declLoc = call.args[0].declLoc;
  Window w;
  if (!windowConfig(c, call, xv, call.args[1], true, w))
    return {};
  Emitter &em = c.emit();
  TensorType rt = em.type(x);
  rt.shape = w.result;
  int id = em.prim(op, {x}, rt, call.loc);
  em.setArray(id, "window_dimensions", w.dims);
  em.setArray(id, "window_strides", w.strides);
  em.setArray(id, "padding_low", w.lo);
  em.setArray(id, "padding_high", w.hi);
  em.setArray(id, "window_dilations", w.dil);
  return c.tensor(id, call.loc);
}

template <const char *Op> Value windowFn(Checker &c, NxCall &call) {
  return windowReduce(c, call, Op);
}

Value windowMeanFn(Checker &c, NxCall &call) {
  Value s = windowReduce(c, call, "window_sum");
  if (s.isInvalid())
    return {};
  std::vector<Dim> dims;
  c.shapeArg(call.args[1], "", false, dims);
  int64_t n = 1;
  for (const Dim &d : dims)
    n *= d.size;
  Value count;
  count.kind = Value::Kind::Number;
  count.intValue = n;
  count.loc = call.loc;
  return c.binary("divide", s, count, call.loc, "`Nx.window_mean`");
}

template <const char *Op> Value windowScatterFn(Checker &c, NxCall &call) {
  int x, src, init;
  if (!c.expectTensor(call.args[0], "argument of `" + call.name + "`", x) ||
      !c.expectTensor(call.args[1], "source of `" + call.name + "`", src) ||
      !c.expectTensor(call.args[2], "initial value of `" + call.name + "`",
                      init))
    return {};
  Emitter &em = c.emit();
  if (!em.type(init).shape.empty()) {
    c.diagnose(call.args[2].loc, DiagKind::WindowInitNotScalar, call.name,
               shapeToString(em.type(init).shape));
    return {};
  }
  Value xv = c.tensor(x, call.args[0].loc);
  xv.varName = call.args[0].varName;
  xv.declLoc = call.args[0].declLoc;
  Window w;
  if (!windowConfig(c, call, xv, call.args[3], false, w))
    return {};
  const std::vector<Dim> &ss = em.type(src).shape;
  if (ss != w.result) {
    c.diagnose(call.args[1].loc, DiagKind::WindowScatterSourceShape,
               call.name, shapeToString(ss), shapeToString(w.result));
    return {};
  }
  DType dt = mergeTypes(em.type(x).dtype, em.type(src).dtype);
  x = em.convert(x, dt, call.loc);
  src = em.convert(src, dt, call.loc);
  init = em.convert(init, dt, call.loc);
  TensorType rt = em.type(x);
  int id = em.prim(Op, {x, src, init}, rt, call.loc);
  em.setArray(id, "window_dimensions", w.dims);
  em.setArray(id, "window_strides", w.strides);
  em.setArray(id, "padding_low", w.lo);
  em.setArray(id, "padding_high", w.hi);
  return c.tensor(id, call.loc);
}

/// Reads a permutation option of a rank-`rank` operand (identity default).
bool permutationOption(Checker &c, const NxCall &call, const char *name,
                       size_t rank, std::vector<int64_t> &perm) {
  perm.clear();
  for (size_t i = 0; i < rank; ++i)
    perm.push_back(static_cast<int64_t>(i));
  const Expr *e = findOption(call, name);
  if (!e)
    return true;
  std::vector<int64_t> v;
  if (!c.optionIntList(*e, std::string("`") + name + "`", v))
    return false;
  std::vector<bool> seen(rank, false);
  bool ok = v.size() == rank;
  for (int64_t a : v) {
    if (!ok || a < 0 || a >= static_cast<int64_t>(rank) || seen[a]) {
      ok = false;
      break;
    }
    seen[a] = true;
  }
  if (!ok) {
    c.diagnose(e->loc, DiagKind::ConvPermutation, name, rank - 1);
    return false;
  }
  perm = v;
  return true;
}

bool groupOption(Checker &c, const NxCall &call, const char *name,
                 int64_t &out) {
  out = 1;
  const Expr *e = findOption(call, name);
  if (!e)
    return true;
  if (!c.optionInt(*e, std::string("`") + name + "`", out))
    return false;
  if (out < 1) {
    c.diagnose(e->loc, DiagKind::WindowOptionNotPositive, name, call.name,
               out);
    return false;
  }
  return true;
}

std::vector<Dim> permuted(const std::vector<Dim> &s,
                          const std::vector<int64_t> &p) {
  std::vector<Dim> r;
  for (int64_t a : p)
    r.push_back(s[a]);
  return r;
}

Value convFn(Checker &c, NxCall &call) {
  int x, k;
  if (!c.expectTensor(call.args[0], "input of `Nx.conv`", x) ||
      !c.expectTensor(call.args[1], "kernel of `Nx.conv`", k))
    return {};
  Emitter &em = c.emit();
  size_t rank = em.type(x).shape.size();
  if (rank < 3 || rank > 5 || em.type(k).shape.size() != rank) {
    c.diagnose(call.args[1].loc, DiagKind::ConvRank,
               shapeToString(em.type(x).shape),
               shapeToString(em.type(k).shape));
    return {};
  }
  size_t n = rank - 2;
  std::vector<int64_t> ip, kp, op, strides, idil, kdil, lo, hi;
  int64_t fg, bg;
  if (!permutationOption(c, call, "input_permutation", rank, ip) ||
      !permutationOption(c, call, "kernel_permutation", rank, kp) ||
      !permutationOption(c, call, "output_permutation", rank, op) ||
      !positiveList(c, call, "strides", n, strides) ||
      !positiveList(c, call, "input_dilation", n, idil) ||
      !positiveList(c, call, "kernel_dilation", n, kdil) ||
      !groupOption(c, call, "feature_group_size", fg) ||
      !groupOption(c, call, "batch_group_size", bg))
    return {};
  std::vector<Dim> is = permuted(em.type(x).shape, ip);
  std::vector<Dim> ks = permuted(em.type(k).shape, kp);
  // Channels, kernel sizes and groups need static sizes.
  auto needStatic = [&](const Value &arg, const std::vector<int64_t> &perm,
                        size_t from, size_t canonical) {
    int64_t axis = perm[canonical];
    (void)from;
    c.diagnose(arg.loc, DiagKind::StaticAxisNeeded, call.name, axis,
               shapeToString(c.typeOf(arg).shape));
  };
  Value xa = c.tensor(x, call.args[0].loc), ka = c.tensor(k, call.args[1].loc);
  if (!is[1].isStatic()) {
    needStatic(xa, ip, 0, 1);
    return {};
  }
  for (size_t i = 0; i < rank; ++i)
    if (!ks[i].isStatic()) {
      needStatic(ka, kp, 0, i);
      return {};
    }
  if (fg != 1 && bg != 1) {
    c.diagnose(call.loc, DiagKind::ConvGroupsBoth, fg, bg);
    return {};
  }
  const Expr *fgE = findOption(call, "feature_group_size");
  const Expr *bgE = findOption(call, "batch_group_size");
  if (ks[0].size % fg != 0) {
    c.diagnose(fgE->loc, DiagKind::ConvGroupSize, "feature_group_size", fg,
               "kernel output channels", ks[0].size);
    return {};
  }
  if (ks[0].size % bg != 0) {
    c.diagnose(bgE->loc, DiagKind::ConvGroupSize, "batch_group_size", bg,
               "kernel output channels", ks[0].size);
    return {};
  }
  if (bg != 1) {
    if (!is[0].isStatic()) {
      needStatic(xa, ip, 0, 0);
      return {};
    }
    if (is[0].size % bg != 0) {
      c.diagnose(bgE->loc, DiagKind::ConvGroupSize, "batch_group_size", bg,
                 "input batch size", is[0].size);
      return {};
    }
  }
  if (is[1].size != ks[1].size * fg) {
    c.diagnose(call.args[1].loc, DiagKind::ConvChannels, is[1].size,
               ks[1].size, fg);
    c.noteShape(call.args[1]);
    return {};
  }
  std::vector<int64_t> eff(n);
  for (size_t i = 0; i < n; ++i)
    eff[i] = (ks[i + 2].size - 1) * kdil[i] + 1;
  if (!paddingOption(c, call, eff, true, lo, hi))
    return {};
  std::vector<Dim> rs = {is[0], ks[0]};
  if (bg != 1)
    rs[0] = Dim{is[0].size / bg, ""};
  for (size_t i = 0; i < n; ++i) {
    const Dim &d = is[i + 2];
    if (!d.isStatic()) {
      if (!(idil[i] == 1 && lo[i] == 0 && hi[i] == 0 && eff[i] == 1 &&
            strides[i] == 1)) {
        needStatic(xa, ip, 0, i + 2);
        return {};
      }
      rs.push_back(d);
      continue;
    }
    int64_t dilated = d.size == 0 ? 0 : (d.size - 1) * idil[i] + 1;
    int64_t padded = dilated + lo[i] + hi[i];
    if (padded < eff[i]) {
      c.diagnose(call.args[1].loc, DiagKind::WindowTooLarge, call.name,
                 eff[i], ip[i + 2], padded);
      c.noteShape(call.args[1]);
      return {};
    }
    rs.push_back(Dim{(padded - eff[i]) / strides[i] + 1, ""});
  }
  DType dt = toFloating(mergeTypes(em.type(x).dtype, em.type(k).dtype));
  x = em.convert(transposeTo(em, x, ip, call.loc), dt, call.loc);
  k = em.convert(transposeTo(em, k, kp, call.loc), dt, call.loc);
  TensorType rt;
  rt.dtype = dt;
  rt.shape = rs;
  int id = em.prim("conv", {x, k}, rt, call.loc);
  em.setArray(id, "strides", strides);
  em.setArray(id, "padding_low", lo);
  em.setArray(id, "padding_high", hi);
  em.setArray(id, "input_dilation", idil);
  em.setArray(id, "kernel_dilation", kdil);
  em.setInt(id, "feature_group_size", fg);
  em.setInt(id, "batch_group_size", bg);
  // Nx: the canonical result is transposed by the inverse of
  // output_permutation.
  std::vector<int64_t> inv(rank);
  for (size_t i = 0; i < rank; ++i)
    inv[op[i]] = static_cast<int64_t>(i);
  return c.tensor(transposeTo(em, id, inv, call.loc), call.loc);
}

constexpr char WSum[] = "window_sum";
constexpr char WProduct[] = "window_product";
constexpr char WMax[] = "window_max";
constexpr char WMin[] = "window_min";
constexpr char WSMax[] = "window_scatter_max";
constexpr char WSMin[] = "window_scatter_min";

} // namespace

void registerWindow(std::vector<NxFunctionInfo> &t) {
  std::vector<const char *> wopts = {"strides", "padding", "window_dilations"};
  t.push_back({"Nx", "window_sum", 2, 2, wopts, windowFn<WSum>});
  t.push_back({"Nx", "window_product", 2, 2, wopts, windowFn<WProduct>});
  t.push_back({"Nx", "window_max", 2, 2, wopts, windowFn<WMax>});
  t.push_back({"Nx", "window_min", 2, 2, wopts, windowFn<WMin>});
  t.push_back({"Nx", "window_mean", 2, 2, wopts, windowMeanFn});
  t.push_back({"Nx", "window_scatter_max", 4, 4, {"strides", "padding"},
               windowScatterFn<WSMax>});
  t.push_back({"Nx", "window_scatter_min", 4, 4, {"strides", "padding"},
               windowScatterFn<WSMin>});
  t.push_back({"Nx", "conv", 2, 2,
               {"strides", "padding", "input_dilation", "kernel_dilation",
                "feature_group_size", "batch_group_size", "input_permutation",
                "kernel_permutation", "output_permutation"},
               convFn});
}

} // namespace nxc
