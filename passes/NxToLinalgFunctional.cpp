//===- NxToLinalgFunctional.cpp - nx.reduce, nx.window_reduce -*- C++ -*-===//
//
// This file implements the nx-to-linalg patterns for the reductions whose
// combining function is a region:
//  - the combiner (nx ops on 0-d tensors, see ir/NxFunctionalOps.td) is
//    turned into scalar arith/math code: each elementwise or bitwise op gets
//    the body its own `linalg.generic` would have (get*ScalarBuilder),
//    0-d constants become `arith.constant`s, 0-d reshapes/broadcasts and
//    reductions are the identity, and 0-d tensors read from above the op
//    are extracted once before it;
//  - nx.reduce becomes a `linalg.generic` reducing the operand over `axes`
//    into a result filled with `init`, the combiner inlined as its body;
//  - nx.window_reduce pads the operand with `init` (`tensor.pad`) and
//    reduces each window as the fixed window reductions do
//    (NxToLinalgWindow.cpp), the combiner inlined as the body.
// A combiner op that has no scalar form is reported with emitOpError.
//
//===----------------------------------------------------------------------===//

#include "NxToLinalgCommon.h"
#include "ir/NxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace nxc;
using namespace nxc::nxtolinalg;
namespace nx = nxc::nx;

namespace {

/// The combiner of an op, ready to be emitted as scalar code.
class Combiner {
public:
  explicit Combiner(Region &region) : block(region.front()) {}

  /// Checks that every op has a scalar form; reports the first that has not.
  LogicalResult check(Operation *parent) {
    for (Operation &op : block.without_terminator()) {
      if (isa<nx::ConstantOp, nx::BroadcastInDimOp, nx::ReshapeOp,
              nx::TransposeOp, nx::ReduceSumOp, nx::ReduceProductOp,
              nx::ReduceMaxOp, nx::ReduceMinOp, nx::ReduceAllOp,
              nx::ReduceAnyOp>(op))
        continue;
      ScalarBuilder fn = getElementwiseScalarBuilder(&op);
      if (!fn)
        fn = getBitwiseScalarBuilder(&op);
      if (!fn)
        return parent->emitOpError("cannot lower `")
               << op.getName() << "` inside the combiner";
      builders[&op] = std::move(fn);
    }
    return success();
  }

  /// Extracts, before the op, the 0-d tensors that the combiner reads from
  /// above it (converted by `rewriter`).
  void extractCaptures(ConversionPatternRewriter &rewriter, Location loc) {
    for (Operation &op : block)
      for (Value v : op.getOperands()) {
        if (v.getParentBlock() == &block || captured.count(v))
          continue;
        Value t = rewriter.getRemappedValue(v);
        captured[v] = tensor::ExtractOp::create(rewriter, loc, t, ValueRange{});
      }
  }

  /// Emits the combiner on signless scalars `elem` and `acc`; returns the
  /// new accumulator.
  Value emit(OpBuilder &b, Location loc, Value elem, Value acc) {
    DenseMap<Value, Value> scalars = captured;
    scalars[block.getArgument(0)] = elem;
    scalars[block.getArgument(1)] = acc;
    for (Operation &op : block.without_terminator()) {
      SmallVector<Value> args;
      for (Value v : op.getOperands())
        args.push_back(scalars.lookup(v));
      scalars[op.getResult(0)] = emitOp(b, loc, op, args);
    }
    return scalars.lookup(block.getTerminator()->getOperand(0));
  }

private:
  Value emitOp(OpBuilder &b, Location loc, Operation &op, ValueRange args) {
    if (auto c = dyn_cast<nx::ConstantOp>(op)) {
      auto attr = cast<DenseElementsAttr>(c.getValue());
      Type type = toSignless(attr.getElementType());
      if (auto ft = dyn_cast<FloatType>(type))
        return arith::ConstantOp::create(
            b, loc, FloatAttr::get(ft, attr.getSplatValue<APFloat>()));
      return arith::ConstantOp::create(
          b, loc, IntegerAttr::get(type, attr.getSplatValue<APInt>()));
    }
    if (isa<nx::ReduceAllOp, nx::ReduceAnyOp>(op))
      return arith::ExtUIOp::create(b, loc, b.getI8Type(),
                                    createIsNonZero(b, loc, args[0]));
    if (isa<nx::BroadcastInDimOp, nx::ReshapeOp, nx::TransposeOp,
            nx::ReduceSumOp, nx::ReduceProductOp, nx::ReduceMaxOp,
            nx::ReduceMinOp>(op))
      return args[0]; // on 0-d tensors: the identity
    return builders.lookup(&op)(b, loc, args);
  }

  Block &block;
  DenseMap<Operation *, ScalarBuilder> builders;
  DenseMap<Value, Value> captured;
};

/// A `linalg.fill` of an empty tensor of `type` (dynamic sizes `dynSizes`)
/// with scalar `value`.
Value filled(OpBuilder &b, Location loc, RankedTensorType type,
             ValueRange dynSizes, Value value) {
  Value empty = tensor::EmptyOp::create(b, loc, type.getShape(),
                                        type.getElementType(), dynSizes);
  return linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{empty})
      .getResult(0);
}

struct ReduceFnLowering : OpConversionPattern<nx::ReduceFnOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::ReduceFnOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Combiner combiner(op.getCombiner());
    if (failed(combiner.check(op)))
      return failure();
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    Value input = adaptor.getX();
    int64_t rank = op.getX().getType().getRank();
    combiner.extractCaptures(rewriter, loc);

    // One loop per operand dim; reduced dims are reduction loops and are
    // dropped from (or read at 0 by) the output map.
    SmallVector<AffineExpr> outExprs;
    SmallVector<Value> dynSizes;
    SmallVector<utils::IteratorType> iterators;
    for (int64_t d = 0; d < rank; ++d) {
      bool reduced = llvm::is_contained(op.getAxes(), d);
      iterators.push_back(reduced ? utils::IteratorType::reduction
                                  : utils::IteratorType::parallel);
      if (reduced && !op.getKeepAxes())
        continue;
      if (type.isDynamicDim(outExprs.size()))
        dynSizes.push_back(reduced ? indexConstant(rewriter, loc, 1)
                                   : createDimSize(rewriter, loc, input, d));
      outExprs.push_back(reduced ? getAffineConstantExpr(0, ctx)
                                 : getAffineDimExpr(d, ctx));
    }
    Value initScalar =
        tensor::ExtractOp::create(rewriter, loc, adaptor.getInit(), ValueRange{});
    Value init = filled(rewriter, loc, type, dynSizes, initScalar);
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank),
                                   AffineMap::get(rank, 0, outExprs, ctx)};
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{input}, ValueRange{init},
        maps, iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          linalg::YieldOp::create(b, l,
                                  combiner.emit(b, l, args[0], args[1]));
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct WindowReduceFnLowering : OpConversionPattern<nx::WindowReduceFnOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::WindowReduceFnOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Combiner combiner(op.getCombiner());
    if (failed(combiner.check(op)))
      return failure();
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    combiner.extractCaptures(rewriter, loc);
    Value initScalar =
        tensor::ExtractOp::create(rewriter, loc, adaptor.getInit(), ValueRange{});
    // Nx pads with the accumulator's initial value.
    Value result = createWindowReduction(
        rewriter, loc, type, adaptor.getX(), op.getWindowDimensions(),
        op.getWindowStrides(), op.getWindowDilations(), op.getPaddingLow(),
        op.getPaddingHigh(), initScalar,
        [&](OpBuilder &b, Location l, Value in, Value acc) {
          return combiner.emit(b, l, in, acc);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void nxtolinalg::populateNxFunctionalToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<ReduceFnLowering, WindowReduceFnLowering>(converter,
                                                         patterns.getContext());
}
