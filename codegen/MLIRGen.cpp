//===- MLIRGen.cpp - Typed IR to the nx dialect ---------------------------===//
//
// This file implements the translation of the typed IR into `nx` dialect ops.
// Each typed function becomes a `func.func` (tuples are flattened into several
// results), each Prim node becomes the `nx` op of the same name, built
// generically through an OperationState so the op list lives in one place (the
// dialect's TableGen). Dynamic dimensions are tracked by symbol: the first
// value whose type mentions a symbol provides it through `tensor.dim`.
// If and While nodes become `nx.if`/`nx.while`, their regions' nodes are
// generated inside the op's blocks, which end with `nx.yield`; so are the
// regions of prims that have one (`nx.reduce`, `nx.window_reduce`).
//
//===----------------------------------------------------------------------===//

#include "codegen/MLIRGen.h"

#include "frontend/TypedIR.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include <functional>
#include <map>

using namespace mlir;

namespace nxc {
namespace {

/// The tensor types of `t`'s leaves, in flattening order.
void collectLeaves(const nxc::Type &t, std::vector<const TensorType *> &out) {
  if (!t.isTuple) {
    out.push_back(&t.tensor);
    return;
  }
  for (const nxc::Type &e : t.elements)
    collectLeaves(e, out);
}

/// Translates one typed module; holds the per-function state.
class Generator {
public:
  Generator(MLIRContext &ctx, const TypedModule &m, const std::string &file)
      : ctx(ctx), tmod(m), filename(file), builder(&ctx) {}

  OwningOpRef<ModuleOp> run();

private:
  Location loc(SourceLoc l) {
    if (l.line == 0)
      return FileLineColLoc::get(&ctx, filename, 0, 0);
    // A library module's location is in its own file (SourceLoc::file).
    const std::string &file = l.file != 0 && l.file <= tmod.files.size()
                                  ? tmod.files[l.file - 1]
                                  : filename;
    return FileLineColLoc::get(&ctx, file, l.line, l.col);
  }
  mlir::Type elementType(DType t);
  RankedTensorType tensorType(const TensorType &t);
  void flatten(const nxc::Type &t, SmallVectorImpl<mlir::Type> &out);
  unsigned leafCount(const nxc::Type &t);

  LogicalResult genFunction(const TFunction &f, func::FuncOp op);
  LogicalResult genNode(const TFunction &f, const TNode &n, Location l);
  LogicalResult genRegionOp(const TFunction &f, const TNode &n, Location l);
  LogicalResult genRegion(const TFunction &f, const TRegion &r, Region &dest,
                          Location l);
  Value genConstant(const TNode &n, Location l);
  FailureOr<Operation *> genPrim(const TFunction &f, const TNode &n,
                                 Location l);
  void noteSymbols(Value v, const TensorType &t, Location l);
  FailureOr<SmallVector<Value>> dynamicSizes(const TNode &n, Location l);
  Value autoDim(const TNode &n, unsigned dim, Location l);

  MLIRContext &ctx;
  const TypedModule &tmod;
  std::string filename;
  OpBuilder builder;
  std::vector<func::FuncOp> funcs;
  // Per function:
  std::vector<SmallVector<Value>> values; ///< flattened values of each node
  std::map<std::string, Value> symbols;   ///< size symbol -> index value
  std::vector<Block *> regionBlocks;      ///< blocks of the open regions
};

mlir::Type Generator::elementType(DType t) {
  switch (t) {
  case DType::Pred:
    return builder.getI1Type();
  case DType::U8:
  case DType::U16:
  case DType::U32:
  case DType::U64:
    return IntegerType::get(&ctx, bitWidth(t), IntegerType::Unsigned);
  case DType::S8:
  case DType::S16:
  case DType::S32:
  case DType::S64:
    return IntegerType::get(&ctx, bitWidth(t), IntegerType::Signed);
  case DType::F16:
    return builder.getF16Type();
  case DType::BF16:
    return builder.getBF16Type();
  case DType::F32:
    return builder.getF32Type();
  case DType::F64:
    return builder.getF64Type();
  }
  return builder.getF32Type();
}

RankedTensorType Generator::tensorType(const TensorType &t) {
  SmallVector<int64_t> shape;
  for (const Dim &d : t.shape)
    shape.push_back(d.isStatic() ? d.size : ShapedType::kDynamic);
  return RankedTensorType::get(shape, elementType(t.dtype));
}

void Generator::flatten(const nxc::Type &t, SmallVectorImpl<mlir::Type> &out) {
  if (!t.isTuple) {
    out.push_back(tensorType(t.tensor));
    return;
  }
  for (const nxc::Type &e : t.elements)
    flatten(e, out);
}

unsigned Generator::leafCount(const nxc::Type &t) {
  if (!t.isTuple)
    return 1;
  unsigned n = 0;
  for (const nxc::Type &e : t.elements)
    n += leafCount(e);
  return n;
}

/// Records `tensor.dim` of `v` for every dynamic symbol not seen yet.
void Generator::noteSymbols(Value v, const TensorType &t, Location l) {
  for (unsigned i = 0; i < t.shape.size(); ++i) {
    const Dim &d = t.shape[i];
    if (d.isStatic() || symbols.count(d.sym))
      continue;
    symbols[d.sym] = tensor::DimOp::create(builder, l, v, i);
  }
}

OwningOpRef<ModuleOp> Generator::run() {
  OwningOpRef<ModuleOp> module =
      ModuleOp::create(loc(SourceLoc{1, 1}), StringRef(tmod.name));
  builder.setInsertionPointToEnd(module->getBody());
  // Declare every function first so calls can refer to later ones.
  for (const TFunction &f : tmod.functions) {
    SmallVector<mlir::Type> args, results;
    for (const TensorType &p : f.params)
      args.push_back(tensorType(p));
    if (f.result >= 0 && f.result < (int)f.nodes.size())
      flatten(f.nodes[f.result].type, results);
    auto fn = func::FuncOp::create(builder, loc(f.loc), f.name,
                                           builder.getFunctionType(args, results));
    if (f.isEntry) {
      fn->setAttr("nx.entry", builder.getUnitAttr());
      fn->setAttr("nx.signature", builder.getStringAttr(f.signature));
    } else {
      fn.setPrivate();
    }
    funcs.push_back(fn);
  }
  for (size_t i = 0; i < tmod.functions.size(); ++i)
    if (failed(genFunction(tmod.functions[i], funcs[i])))
      return nullptr;
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

LogicalResult Generator::genFunction(const TFunction &f, func::FuncOp fn) {
  values.assign(f.nodes.size(), {});
  symbols.clear();
  Block *entry = fn.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  for (size_t i = 0; i < f.params.size(); ++i)
    noteSymbols(entry->getArgument(i), f.params[i], loc(f.loc));
  // Nodes that belong to a region are generated with their If or While.
  std::vector<bool> nested(f.nodes.size(), false);
  for (const TNode &n : f.nodes)
    for (const TRegion &r : n.regions)
      for (int id : r.nodes)
        if (id >= 0 && id < (int)nested.size())
          nested[id] = true;
  regionBlocks.clear();
  for (size_t i = 0; i < f.nodes.size(); ++i)
    if (!nested[i] && failed(genNode(f, f.nodes[i], loc(f.nodes[i].loc))))
      return failure();
  if (f.result < 0 || f.result >= (int)f.nodes.size())
    return emitError(loc(f.loc)) << "function `" << f.source
                                 << "` has no result";
  func::ReturnOp::create(builder, loc(f.loc), values[f.result]);
  return success();
}

LogicalResult Generator::genNode(const TFunction &f, const TNode &n,
                                 Location l) {
  SmallVector<Value> &out = values[&n - f.nodes.data()];
  auto operandValues = [&](SmallVectorImpl<Value> &vals) -> LogicalResult {
    for (int o : n.operands) {
      if (o < 0 || o >= (int)(&n - f.nodes.data()))
        return emitError(l) << "typed IR operand refers to a later node";
      vals.append(values[o].begin(), values[o].end());
    }
    return success();
  };
  switch (n.kind) {
  case TNode::Kind::Param: {
    Block &entry = funcs[&f - tmod.functions.data()].getBody().front();
    if (n.index < 0 || n.index >= (int)entry.getNumArguments())
      return emitError(l) << "typed IR parameter index out of range";
    out.push_back(entry.getArgument(n.index));
    return success();
  }
  case TNode::Kind::Constant:
    out.push_back(genConstant(n, l));
    if (!out.back())
      return emitError(l) << "cannot build constant of type "
                          << toString(n.type);
    return success();
  case TNode::Kind::Prim: {
    // The grad API's markers (identity, stop_grad, custom_grad) forward
    // their first operand; they only matter to the grad transform.
    if (isGradMarker(n.op) && !n.operands.empty()) {
      out.push_back(values[n.operands[0]].front());
      return success();
    }
    FailureOr<Operation *> op = genPrim(f, n, l);
    if (failed(op))
      return failure();
    // A tuple-typed prim (e.g. a factorization) has one result per leaf.
    std::vector<const TensorType *> leaves;
    collectLeaves(n.type, leaves);
    for (auto [i, v] : llvm::enumerate((*op)->getResults())) {
      out.push_back(v);
      noteSymbols(v, *leaves[i], l);
    }
    return success();
  }
  case TNode::Kind::Call: {
    SmallVector<Value> args;
    if (failed(operandValues(args)))
      return failure();
    if (n.callee < 0 || n.callee >= (int)funcs.size())
      return emitError(l) << "typed IR call to an unknown function";
    auto call = func::CallOp::create(builder, l, funcs[n.callee], args);
    out.append(call.getResults().begin(), call.getResults().end());
    // Symbols first mentioned by the callee's results become known here.
    std::vector<const TensorType *> leaves;
    collectLeaves(n.type, leaves);
    for (size_t i = 0; i < leaves.size() && i < out.size(); ++i)
      noteSymbols(out[i], *leaves[i], l);
    return success();
  }
  case TNode::Kind::MakeTuple:
    return operandValues(out);
  case TNode::Kind::GetElem: {
    if (n.operands.size() != 1)
      return emitError(l) << "typed IR tuple access needs one operand";
    const TNode &tup = f.nodes[n.operands[0]];
    if (!tup.type.isTuple || n.index < 0 ||
        n.index >= (int)tup.type.elements.size())
      return emitError(l) << "typed IR tuple index out of range";
    unsigned start = 0;
    for (int i = 0; i < n.index; ++i)
      start += leafCount(tup.type.elements[i]);
    unsigned count = leafCount(tup.type.elements[n.index]);
    const SmallVector<Value> &src = values[n.operands[0]];
    if (start + count > src.size())
      return emitError(l) << "typed IR tuple access out of range";
    out.append(src.begin() + start, src.begin() + start + count);
    return success();
  }
  case TNode::Kind::If:
  case TNode::Kind::While:
    return genRegionOp(f, n, l);
  case TNode::Kind::RegionArg: {
    if (regionBlocks.empty() || n.index < 0 ||
        n.index >= (int)regionBlocks.back()->getNumArguments())
      return emitError(l) << "typed IR region argument out of range";
    out.push_back(regionBlocks.back()->getArgument(n.index));
    return success();
  }
  }
  return emitError(l) << "unknown typed IR node";
}

/// Builds `nx.if` (operand: the predicate; regions then/else) or `nx.while`
/// (operands: the initial state; regions cond/body).
LogicalResult Generator::genRegionOp(const TFunction &f, const TNode &n,
                                     Location l) {
  bool isIf = n.kind == TNode::Kind::If;
  if (n.regions.size() != 2 || (isIf && n.operands.size() != 1))
    return emitError(l) << "malformed typed IR control flow node";
  OperationState state(l, isIf ? "nx.if" : "nx.while");
  for (int o : n.operands)
    state.addOperands(values[o]);
  SmallVector<mlir::Type> results;
  flatten(n.type, results);
  state.addTypes(results);
  state.addRegion();
  state.addRegion();
  Operation *op = builder.create(state);
  for (unsigned k = 0; k < 2; ++k)
    if (failed(genRegion(f, n.regions[k], op->getRegion(k), l)))
      return failure();
  SmallVector<Value> &out = values[&n - f.nodes.data()];
  out.append(op->getResults().begin(), op->getResults().end());
  for (unsigned i = 0; i < results.size(); ++i) {
    const nxc::Type &leaf = n.type.isTuple ? n.type.elements[i] : n.type;
    if (!leaf.isTuple)
      noteSymbols(out[i], leaf.tensor, l);
  }
  return success();
}

LogicalResult Generator::genRegion(const TFunction &f, const TRegion &r,
                                   Region &dest, Location l) {
  Block *block = new Block();
  dest.push_back(block);
  for (const TensorType &t : r.args)
    block->addArgument(tensorType(t), l);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(block);
  // Sizes found inside the region do not dominate what follows it.
  std::map<std::string, Value> outerSymbols = symbols;
  regionBlocks.push_back(block);
  LogicalResult result = success();
  for (int id : r.nodes) {
    if (id < 0 || id >= (int)f.nodes.size()) {
      result = emitError(l) << "typed IR region node out of range";
      break;
    }
    if (failed(genNode(f, f.nodes[id], loc(f.nodes[id].loc)))) {
      result = failure();
      break;
    }
  }
  regionBlocks.pop_back();
  symbols = std::move(outerSymbols);
  if (failed(result))
    return failure();
  SmallVector<Value> yielded;
  for (int id : r.results)
    yielded.append(values[id].begin(), values[id].end());
  OperationState yield(l, "nx.yield");
  yield.addOperands(yielded);
  builder.create(yield);
  return success();
}

Value Generator::genConstant(const TNode &n, Location l) {
  if (n.type.isTuple)
    return nullptr;
  RankedTensorType type = tensorType(n.type.tensor);
  mlir::Type et = type.getElementType();
  size_t count = std::max(n.ints.size(), n.floats.size());
  if (count == 0)
    return nullptr;
  // A constant of a dynamic shape is a splat broadcast by the frontend; we
  // only accept static constant types here.
  if (!type.hasStaticShape())
    return nullptr;
  bool splat = count == 1 && type.getNumElements() != 1;
  if (!splat && (int64_t)count != type.getNumElements())
    return nullptr;
  SmallVector<Attribute> elems;
  for (size_t i = 0; i < count; ++i) {
    if (auto ft = dyn_cast<FloatType>(et)) {
      double v = i < n.floats.size() ? n.floats[i] : (double)n.ints[i];
      elems.push_back(FloatAttr::get(ft, v));
    } else {
      auto it = cast<IntegerType>(et);
      int64_t v = i < n.ints.size() ? n.ints[i] : (int64_t)n.floats[i];
      APInt ap(it.getWidth(), (uint64_t)v, /*isSigned=*/true,
               /*implicitTrunc=*/true);
      elems.push_back(IntegerAttr::get(it, ap));
    }
  }
  DenseElementsAttr value = splat ? DenseElementsAttr::get(type, elems[0])
                                  : DenseElementsAttr::get(type, elems);
  OperationState state(l, "nx.constant");
  state.addAttribute("value", value);
  state.addTypes(type);
  return builder.create(state)->getResult(0);
}

/// For reshape: the one dynamic result dim whose symbol is new is the input's
/// element count divided by the product of the other result dims.
Value Generator::autoDim(const TNode &n, unsigned dim, Location l) {
  Value input = values[n.operands[0]].front();
  auto inType = cast<RankedTensorType>(input.getType());
  Value total = arith::ConstantIndexOp::create(builder, l, 1);
  for (unsigned i = 0; i < inType.getRank(); ++i) {
    Value d = tensor::DimOp::create(builder, l, input, i);
    total = arith::MulIOp::create(builder, l, total, d);
  }
  Value other = arith::ConstantIndexOp::create(builder, l, 1);
  const std::vector<Dim> &shape = n.type.tensor.shape;
  for (unsigned i = 0; i < shape.size(); ++i) {
    if (i == dim)
      continue;
    Value d = shape[i].isStatic()
                  ? arith::ConstantIndexOp::create(builder, l, shape[i].size)
                  : symbols.at(shape[i].sym);
    other = arith::MulIOp::create(builder, l, other, d);
  }
  // Guard a zero divisor: an empty result shape gives a zero-sized dim.
  Value zero = arith::ConstantIndexOp::create(builder, l, 0);
  Value one = arith::ConstantIndexOp::create(builder, l, 1);
  Value isZero = arith::CmpIOp::create(builder, l, arith::CmpIPredicate::eq,
                                               other, zero);
  Value safe = arith::SelectOp::create(builder, l, isZero, one, other);
  Value q = arith::DivUIOp::create(builder, l, total, safe);
  return arith::SelectOp::create(builder, l, isZero, zero, q);
}

FailureOr<SmallVector<Value>> Generator::dynamicSizes(const TNode &n,
                                                      Location l) {
  SmallVector<Value> sizes;
  const std::vector<Dim> &shape = n.type.tensor.shape;
  for (unsigned i = 0; i < shape.size(); ++i) {
    if (shape[i].isStatic())
      continue;
    auto it = symbols.find(shape[i].sym);
    if (it != symbols.end()) {
      sizes.push_back(it->second);
      continue;
    }
    if (n.op == "reshape" && !n.operands.empty()) {
      Value v = autoDim(n, i, l);
      symbols[shape[i].sym] = v;
      sizes.push_back(v);
      continue;
    }
    return emitError(l) << "size `" << shape[i].sym
                        << "` of the result of `Nx." << n.op
                        << "` is not known at this point";
  }
  return sizes;
}

FailureOr<Operation *> Generator::genPrim(const TFunction &f, const TNode &n,
                                          Location l) {
  if (n.type.isTuple && (n.op == "broadcast_in_dim" || n.op == "reshape" ||
                         n.op == "iota"))
    return emitError(l) << "op `" << n.op << "` cannot produce a tuple";
  OperationState state(l, "nx." + n.op);
  if (!state.name.isRegistered())
    return emitError(l) << "the nx dialect has no op `nx." << n.op << "`";
  for (int o : n.operands)
    state.addOperands(values[o]);
  if (n.op == "broadcast_in_dim" || n.op == "reshape" || n.op == "iota") {
    FailureOr<SmallVector<Value>> sizes = dynamicSizes(n, l);
    if (failed(sizes))
      return failure();
    state.addOperands(*sizes);
  }
  for (const auto &[name, vals] : n.i64Arrays)
    state.addAttribute(name, builder.getDenseI64ArrayAttr(vals));
  for (const auto &[name, v] : n.i64s)
    state.addAttribute(name, builder.getI64IntegerAttr(v));
  for (const auto &[name, v] : n.bools)
    state.addAttribute(name, builder.getBoolAttr(v));
  for (const auto &[name, v] : n.strs)
    state.addAttribute(name, builder.getStringAttr(v));
  SmallVector<mlir::Type> types;
  flatten(n.type, types);
  state.addTypes(types);
  // A prim with regions (nx.reduce's combiner) has its nodes built inside.
  for (size_t k = 0; k < n.regions.size(); ++k)
    state.addRegion();
  Operation *op = builder.create(state);
  for (size_t k = 0; k < n.regions.size(); ++k)
    if (failed(genRegion(f, n.regions[k], op->getRegion(k), l)))
      return failure();
  return op;
}

} // namespace

OwningOpRef<ModuleOp> genMLIR(MLIRContext &context, const TypedModule &module,
                              const std::string &filename) {
  context.getOrLoadDialect<func::FuncDialect>();
  context.getOrLoadDialect<tensor::TensorDialect>();
  context.getOrLoadDialect<arith::ArithDialect>();
  return Generator(context, module, filename).run();
}

} // namespace nxc
