//===- EntryABI.cpp - The nx-entry-abi pass -------------------------------===//
//
// This file implements `nx-entry-abi`: for each entry `M_E` (a public
// `func.func` with `nx.entry`) it builds the memref-based wrapper
// `nxc_M_E_impl` that is the MLIR half of Contract 3 (docs/architecture.md).
// The other half, the packed `void nxc_M_E(void **)` and the signature
// string, is added on the LLVM module by codegen/ObjectEmitter.cpp.
//
//===----------------------------------------------------------------------===//

#include "passes/EntryABI.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/PassRegistry.h"

namespace nxc {
#define GEN_PASS_DEF_NXENTRYABI
#include "passes/Passes.h.inc"
} // namespace nxc

using namespace mlir;

std::string nxc::getEntryExportName(llvm::StringRef entryFuncName) {
  return ("nxc_" + entryFuncName).str();
}

std::string nxc::getEntryWrapperName(llvm::StringRef entryFuncName) {
  return ("nxc_" + entryFuncName + "_impl").str();
}

//===----------------------------------------------------------------------===//
// The transform
//===----------------------------------------------------------------------===//

/// The memref type that carries a tensor of type `type` across the entry ABI:
/// same shape, identity layout, `i1` widened to one byte. Null if `type` is
/// not a ranked tensor of signless integers or floats.
static MemRefType getABIMemRefType(Type type) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType)
    return {};
  Type elementType = tensorType.getElementType();
  if (!elementType.isSignlessIntOrFloat())
    return {};
  if (elementType.isInteger(1))
    elementType = IntegerType::get(type.getContext(), 8);
  return MemRefType::get(tensorType.getShape(), elementType);
}

/// Converts every element of `source` with `convert` into a new tensor with
/// element type `elementType` (one elementwise `linalg.generic`).
static Value
mapElements(OpBuilder &builder, Location loc, Value source, Type elementType,
            function_ref<Value(OpBuilder &, Location, Value)> convert) {
  auto sourceType = cast<RankedTensorType>(source.getType());
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(builder, loc, source);
  Value init = tensor::EmptyOp::create(builder, loc, sizes, elementType);
  int64_t rank = sourceType.getRank();
  AffineMap identity = builder.getMultiDimIdentityMap(rank);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      builder, loc, init.getType(), ValueRange{source}, ValueRange{init},
      ArrayRef<AffineMap>{identity, identity}, iterators,
      [&](OpBuilder &b, Location l, ValueRange args) {
        linalg::YieldOp::create(b, l, convert(b, l, args[0]));
      });
  return generic.getResult(0);
}

/// Bytes -> i1: any nonzero byte is true.
static Value bytesToPred(OpBuilder &builder, Location loc, Value bytes) {
  return mapElements(
      builder, loc, bytes, builder.getI1Type(),
      [](OpBuilder &b, Location l, Value byte) -> Value {
        Value zero = arith::ConstantIntOp::create(b, l, byte.getType(), 0);
        return arith::CmpIOp::create(b, l, arith::CmpIPredicate::ne, byte,
                                     zero);
      });
}

/// i1 -> bytes holding 0 or 1.
static Value predToBytes(OpBuilder &builder, Location loc, Value pred) {
  return mapElements(builder, loc, pred, builder.getI8Type(),
                     [](OpBuilder &b, Location l, Value bit) -> Value {
                       return arith::ExtUIOp::create(b, l, b.getI8Type(), bit);
                     });
}

static bool isPredTensor(Type type) {
  return cast<RankedTensorType>(type).getElementType().isInteger(1);
}

/// Fills `wrapper` (memref arguments: the entry's inputs, then its results)
/// with: read the inputs as tensors, call `entry`, store the results.
static void buildWrapperBody(RewriterBase &rewriter, func::FuncOp wrapper,
                             func::FuncOp entry) {
  Location loc = entry.getLoc();
  FunctionType entryType = entry.getFunctionType();
  Block *body = wrapper.addEntryBlock();
  rewriter.setInsertionPointToStart(body);
  unsigned numInputs = entryType.getNumInputs();
  SmallVector<Value> callArgs;
  for (auto [i, type] : llvm::enumerate(entryType.getInputs())) {
    auto memrefType = cast<MemRefType>(body->getArgument(i).getType());
    Type tensorType = RankedTensorType::get(memrefType.getShape(),
                                            memrefType.getElementType());
    // `restrict`: the caller's buffers do not alias each other (Contract 3).
    Value arg = bufferization::ToTensorOp::create(
        rewriter, loc, tensorType, body->getArgument(i), /*restrict=*/true);
    if (isPredTensor(type))
      arg = bytesToPred(rewriter, loc, arg);
    callArgs.push_back(arg);
  }
  auto call = func::CallOp::create(rewriter, loc, entry, callArgs);
  for (auto [i, result] : llvm::enumerate(call.getResults())) {
    Value value = result;
    if (isPredTensor(value.getType()))
      value = predToBytes(rewriter, loc, value);
    bufferization::MaterializeInDestinationOp::create(
        rewriter, loc, /*result=*/Type(), value,
        body->getArgument(numInputs + i), /*restrict=*/true,
        /*writable=*/true);
  }
  func::ReturnOp::create(rewriter, loc);
}

FailureOr<func::FuncOp> nxc::createEntryABIWrapper(RewriterBase &rewriter,
                                                   func::FuncOp entry) {
  FunctionType entryType = entry.getFunctionType();
  Location loc = entry.getLoc();
  MLIRContext *ctx = entry.getContext();

  if (entry.isExternal())
    return entry.emitOpError("is an `nx.entry` without a body");
  SmallVector<Type> abiTypes;
  auto addABIType = [&](Type type, StringRef what, unsigned index) {
    MemRefType memrefType = getABIMemRefType(type);
    if (!memrefType) {
      entry.emitOpError() << what << " #" << index << " has type " << type
                          << ", but the entry ABI only passes ranked tensors "
                             "of signless integers or floats";
      return false;
    }
    abiTypes.push_back(memrefType);
    return true;
  };
  for (auto [i, type] : llvm::enumerate(entryType.getInputs()))
    if (!addABIType(type, "argument", i))
      return failure();
  for (auto [i, type] : llvm::enumerate(entryType.getResults()))
    if (!addABIType(type, "result", i))
      return failure();

  std::string wrapperName = getEntryWrapperName(entry.getSymName());
  auto module = entry->getParentOfType<ModuleOp>();
  if (module && SymbolTable::lookupSymbolIn(module, wrapperName))
    return entry.emitOpError()
           << "needs the symbol `" << wrapperName
           << "` for its entry wrapper, but the module already defines it";

  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointAfter(entry);
  auto wrapper = func::FuncOp::create(rewriter, loc, wrapperName,
                                      FunctionType::get(ctx, abiTypes, {}));
  wrapper->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                   UnitAttr::get(ctx));
  if (Attribute signature = entry->getAttr(kSignatureAttrName))
    wrapper->setAttr(kSignatureAttrName, signature);
  wrapper->setAttr(kExportAttrName, rewriter.getStringAttr(getEntryExportName(
                                        entry.getSymName())));
  // Contract 3: distinct caller buffers. Lets LLVM vectorize without
  // runtime alias checks (the inliner turns it into alias scopes).
  for (unsigned i = 0, e = abiTypes.size(); i < e; ++i)
    wrapper.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                       rewriter.getUnitAttr());

  buildWrapperBody(rewriter, wrapper, entry);

  // The entry is now an implementation detail: let the inliner take it.
  rewriter.modifyOpInPlace(entry, [&] {
    entry.setPrivate();
    entry->removeAttr(kEntryAttrName);
    entry->removeAttr(kSignatureAttrName);
  });
  return wrapper;
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {
struct EntryABIPattern : public OpRewritePattern<func::FuncOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(func::FuncOp op,
                                PatternRewriter &rewriter) const override {
    if (!op->hasAttr(nxc::kEntryAttrName))
      return rewriter.notifyMatchFailure(op, "not an nx.entry");
    return nxc::createEntryABIWrapper(rewriter, op);
  }
};
} // namespace

void nxc::populateNxEntryABIPatterns(RewritePatternSet &patterns) {
  patterns.add<EntryABIPattern>(patterns.getContext());
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

namespace {
struct NxEntryABIPass : nxc::impl::NxEntryABIBase<NxEntryABIPass> {
  void runOnOperation() override {
    SmallVector<func::FuncOp> entries;
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (func->hasAttr(nxc::kEntryAttrName))
        entries.push_back(func);
    IRRewriter rewriter(&getContext());
    for (func::FuncOp entry : entries)
      if (failed(nxc::createEntryABIWrapper(rewriter, entry)))
        return signalPassFailure();
  }
};
} // namespace

std::unique_ptr<Pass> nxc::createNxEntryABIPass() {
  return nxc::createNxEntryABI();
}
