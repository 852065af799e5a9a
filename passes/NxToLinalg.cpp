//===- NxToLinalg.cpp - the nx-to-linalg pass -------------------*- C++ -*-===//
//
// This file implements the `nx-to-linalg` pass: a dialect conversion that
// rewrites every `nx` op into linalg/tensor/arith/math (patterns in
// NxToLinalgElementwise.cpp and NxToLinalgStructured.cpp) and maps signed and
// unsigned integer types to signless ones, converting function signatures,
// calls and returns along the way.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "NxToLinalgCommon.h"
#include "ir/NxDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/DialectConversion.h"

namespace nxc {
#define GEN_PASS_DEF_NXTOLINALG
#include "passes/Passes.h.inc"
} // namespace nxc

using namespace mlir;
using namespace nxc;

void nxc::populateNxToLinalgTypeConversion(TypeConverter &converter) {
  converter.addConversion([](Type type) { return type; });
  converter.addConversion(
      [](IntegerType type) -> Type { return nxtolinalg::toSignless(type); });
  converter.addConversion([](RankedTensorType type) -> Type {
    return RankedTensorType::get(type.getShape(),
                                 nxtolinalg::toSignless(type.getElementType()),
                                 type.getEncoding());
  });
}

void nxc::populateNxToLinalgPatterns(TypeConverter &converter,
                                     RewritePatternSet &patterns) {
  nxtolinalg::populateNxElementwiseToLinalgPatterns(converter, patterns);
  nxtolinalg::populateNxStructuredToLinalgPatterns(converter, patterns);
  nxtolinalg::populateNxIndexingToLinalgPatterns(converter, patterns);
  nxtolinalg::populateNxWindowToLinalgPatterns(converter, patterns);
  nxtolinalg::populateNxLinAlgToLinalgPatterns(converter, patterns);
  nxtolinalg::populateNxFunctionalToLinalgPatterns(converter, patterns);
}

namespace {
/// Rebuilds a region-free op of another dialect (`tensor.dim` of a signed
/// tensor, say) with the converted operand and result types.
struct SignlessTypeRewrite : ConversionPattern {
  SignlessTypeRewrite(const TypeConverter &converter, MLIRContext *ctx)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    if (op->getNumRegions() != 0 || isa<nx::NxDialect>(op->getDialect()))
      return failure();
    SmallVector<Type> resultTypes;
    if (failed(getTypeConverter()->convertTypes(op->getResultTypes(),
                                                resultTypes)))
      return failure();
    IRMapping mapping;
    mapping.map(op->getOperands(), operands);
    Operation *newOp = rewriter.clone(*op, mapping);
    for (auto [result, type] : llvm::zip(newOp->getResults(), resultTypes))
      result.setType(type);
    rewriter.replaceOp(op, newOp->getResults());
    return success();
  }
};

struct NxToLinalgPass : nxc::impl::NxToLinalgBase<NxToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    TypeConverter converter;
    populateNxToLinalgTypeConversion(converter);

    RewritePatternSet patterns(ctx);
    populateNxToLinalgPatterns(converter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateCallOpTypeConversionPattern(patterns, converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    patterns.add<SignlessTypeRewrite>(converter, ctx);

    ConversionTarget target(*ctx);
    target.addIllegalDialect<nx::NxDialect>();
    // Any other op is legal once no signed or unsigned type remains on it.
    target.markUnknownOpDynamicallyLegal(
        [&](Operation *op) { return converter.isLegal(op); });
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
      return converter.isSignatureLegal(op.getFunctionType()) &&
             converter.isLegal(&op.getBody());
    });
    target.addDynamicallyLegalOp<func::CallOp, func::ReturnOp>(
        [&](Operation *op) { return converter.isLegal(op); });

    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
