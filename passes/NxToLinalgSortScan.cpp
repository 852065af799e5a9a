//===- NxToLinalgSortScan.cpp - sort, argsort, cumulative ops -*- C++ -*-===//
//
// This file implements the nx-to-linalg patterns for the sorting and scan ops
// of ir/NxIndexingOps.td. Cumulative ops are an `scf.for` over the scanned
// axis carrying the running slice, and sort/argsort are a stable bottom-up
// merge sort of an index permutation per row (O(n log n) compares). It also
// defines the scan combiner shared with scatter (NxToLinalgIndexing.cpp).
//
//===----------------------------------------------------------------------===//

#include "NxToLinalgCommon.h"
#include "ir/NxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace nxc;
using namespace nxc::nxtolinalg;
namespace nx = nxc::nx;

//===----------------------------------------------------------------------===//
// Cumulative ops
//===----------------------------------------------------------------------===//

/// The identity of `kind` for the nx element type `nxType`, signless.
static Value createScanIdentity(OpBuilder &b, Location loc, ScanKind kind,
                                Type nxType) {
  Type type = toSignless(nxType);
  if (kind == ScanKind::Sum)
    return createScalarConstant(b, loc, type, 0);
  if (kind == ScanKind::Product)
    return createScalarConstant(b, loc, type, 1);
  bool isMax = kind == ScanKind::Max;
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc,
        b.getFloatAttr(floatType, APFloat::getInf(floatType.getFloatSemantics(),
                                                  /*Negative=*/isMax)));
  unsigned width = type.getIntOrFloatBitWidth();
  APInt value;
  if (isUnsignedInt(nxType))
    value = isMax ? APInt::getMinValue(width) : APInt::getMaxValue(width);
  else
    value = isMax ? APInt::getSignedMinValue(width)
                  : APInt::getSignedMaxValue(width);
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, value));
}

/// Combines the running value `acc` with `x` (NaN propagates through max/min,
/// as in Nx.max/Nx.min).
Value nxtolinalg::createScanCombine(OpBuilder &b, Location loc, ScanKind kind,
                                    Type nxType, Value acc, Value x) {
  bool isFloat = isa<FloatType>(nxType), isUnsigned = isUnsignedInt(nxType);
  switch (kind) {
  case ScanKind::Sum:
    return isFloat ? arith::AddFOp::create(b, loc, acc, x).getResult()
                   : arith::AddIOp::create(b, loc, acc, x).getResult();
  case ScanKind::Product:
    return isFloat ? arith::MulFOp::create(b, loc, acc, x).getResult()
                   : arith::MulIOp::create(b, loc, acc, x).getResult();
  case ScanKind::Max:
    if (isFloat)
      return arith::MaximumFOp::create(b, loc, acc, x);
    return isUnsigned ? arith::MaxUIOp::create(b, loc, acc, x).getResult()
                      : arith::MaxSIOp::create(b, loc, acc, x).getResult();
  case ScanKind::Min:
    if (isFloat)
      return arith::MinimumFOp::create(b, loc, acc, x);
    return isUnsigned ? arith::MinUIOp::create(b, loc, acc, x).getResult()
                      : arith::MinSIOp::create(b, loc, acc, x).getResult();
  }
  llvm_unreachable("unknown scan kind");
}

namespace {

/// An `scf.for` over `axis` that carries the running slice (the operand's
/// shape with `axis` of size 1) and the result, combining one slice of the
/// operand per step and inserting the running slice into the result.
template <typename OpT, ScanKind Kind>
struct CumulativeLowering : OpConversionPattern<OpT> {
  using OpConversionPattern<OpT>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpT op, typename OpT::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    RankedTensorType type =
        convertedType(this->getTypeConverter(), op.getType());
    Type nxType = op.getType().getElementType();
    Value x = adaptor.getX();
    int64_t axis = op.getAxis(), rank = type.getRank();
    bool reverse = op.getReverse();

    SmallVector<OpFoldResult> sizes = mixedSizes(b, loc, x);
    Value n = getValueOrCreateConstantIndexOp(b, loc, sizes[axis]);
    SmallVector<OpFoldResult> sliceSizes = sizes;
    sliceSizes[axis] = b.getIndexAttr(1);
    Value accEmpty =
        tensor::EmptyOp::create(b, loc, sliceSizes, type.getElementType());
    Value acc = linalg::FillOp::create(
                    b, loc,
                    ValueRange{createScanIdentity(b, loc, Kind, nxType)},
                    ValueRange{accEmpty})
                    .getResult(0);
    Value init = tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
    SmallVector<OpFoldResult> ones(rank, b.getIndexAttr(1));
    Value zero = indexConstant(b, loc, 0), one = indexConstant(b, loc, 1);
    Value last = reverse ? arith::SubIOp::create(b, loc, n, one) : Value();

    auto loop = scf::ForOp::create(
        b, loc, zero, n, one, ValueRange{acc, init},
        [&](OpBuilder &nb, Location l, Value k, ValueRange args) {
          Value at = reverse ? arith::SubIOp::create(nb, l, last, k).getResult()
                             : k;
          SmallVector<OpFoldResult> offsets(rank, nb.getIndexAttr(0));
          offsets[axis] = at;
          Value slice = tensor::ExtractSliceOp::create(nb, l, x, offsets,
                                                       sliceSizes, ones);
          SmallVector<AffineMap> maps(2, nb.getMultiDimIdentityMap(rank));
          SmallVector<utils::IteratorType> iterators(
              rank, utils::IteratorType::parallel);
          Value running =
              linalg::GenericOp::create(
                  nb, l, TypeRange{args[0].getType()}, ValueRange{slice},
                  ValueRange{args[0]}, maps, iterators,
                  [&](OpBuilder &bb, Location bl, ValueRange vals) {
                    linalg::YieldOp::create(
                        bb, bl,
                        createScanCombine(bb, bl, Kind, nxType, vals[1],
                                          vals[0]));
                  })
                  .getResult(0);
          Value result = tensor::InsertSliceOp::create(
              nb, l, running, args[1], offsets, sliceSizes, ones);
          scf::YieldOp::create(nb, l, ValueRange{running, result});
        });
    rewriter.replaceOp(op, castTo(b, loc, loop.getResult(1), type));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nx.sort, nx.argsort
//===----------------------------------------------------------------------===//

/// `lhs` sorts strictly before `rhs` ascending: NaN is above everything, NaNs
/// tie with each other and -0.0 ties with +0.0.
static Value createLess(OpBuilder &b, Location loc, Type nxType, Value lhs,
                        Value rhs) {
  if (isa<FloatType>(nxType)) {
    Value lt =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, lhs, rhs);
    Value lhsOrdered =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ORD, lhs, lhs);
    Value rhsNan =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, rhs, rhs);
    Value nanAbove = arith::AndIOp::create(b, loc, lhsOrdered, rhsNan);
    return arith::OrIOp::create(b, loc, lt, nanAbove);
  }
  arith::CmpIPredicate predicate = isUnsignedInt(nxType)
                                       ? arith::CmpIPredicate::ult
                                       : arith::CmpIPredicate::slt;
  return arith::CmpIOp::create(b, loc, predicate, lhs, rhs);
}

/// Sorts every row of `x` along `axis` with a stable bottom-up merge sort
/// (O(n log n) compares per row) and builds a tensor of `resultType` whose
/// row holds, at each sorted position k, `valueAt(row, p)` for the original
/// position p of the k-th element.
///
/// Per row (an `scf.for` nest over the other dims), a permutation of
/// `0..n-1` (an index tensor, initially the identity) is merged in passes of
/// doubling run width (an `scf.while`): each pass merges adjacent runs
/// [lo, mid) and [mid, hi) into a fresh tensor, taking the right element
/// only when it sorts strictly before the left one, which keeps the sort
/// stable in both directions. Reads past a run's end are clamped into the
/// run and their value is never used.
static Value createMergeSort(
    OpBuilder &b, Location loc, Value x, Type nxType, int64_t axis,
    bool descending, RankedTensorType resultType,
    function_ref<Value(OpBuilder &, Location, ValueRange, Value)> valueAt) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  Value zero = indexConstant(b, loc, 0), one = indexConstant(b, loc, 1);
  Value n = createDimSize(b, loc, x, axis);
  Type indexType = b.getIndexType();
  auto permType = RankedTensorType::get({ShapedType::kDynamic}, indexType);
  // The identity permutation, shared by every row.
  Value identity =
      linalg::GenericOp::create(
          b, loc, TypeRange{permType}, ValueRange{},
          ValueRange{tensor::EmptyOp::create(b, loc, permType, ValueRange{n})},
          SmallVector<AffineMap>{b.getMultiDimIdentityMap(1)},
          SmallVector<utils::IteratorType>{utils::IteratorType::parallel},
          [&](OpBuilder &nb, Location l, ValueRange) {
            linalg::YieldOp::create(nb, l,
                                    ValueRange{linalg::IndexOp::create(nb, l, 0)});
          })
          .getResult(0);
  Value init = createEmptyFromDims(b, loc, resultType, x, allDims(rank));
  SmallVector<Value> lbs, ubs, steps;
  for (int64_t i = 0; i < rank; ++i) {
    if (i == axis)
      continue;
    lbs.push_back(zero);
    ubs.push_back(createDimSize(b, loc, x, i));
    steps.push_back(one);
  }
  scf::LoopNest nest = scf::buildLoopNest(
      b, loc, lbs, ubs, steps, ValueRange{init},
      [&](OpBuilder &rb, Location l, ValueRange outer,
          ValueRange rowArgs) -> scf::ValueVector {
        // The position in `x` of element `p` of this row.
        auto at = [&](Value p) {
          SmallVector<Value> position(outer.begin(), outer.end());
          position.insert(position.begin() + axis, p);
          return position;
        };
        auto before = [&](OpBuilder &cb, Location cl, Value lhs, Value rhs) {
          return descending ? createLess(cb, cl, nxType, rhs, lhs)
                            : createLess(cb, cl, nxType, lhs, rhs);
        };
        // Merges the runs of width `width` of `src` into `dst`.
        auto mergePass = [&](OpBuilder &pb, Location pl, Value src, Value dst,
                             Value width) -> Value {
          Value twice = arith::AddIOp::create(pb, pl, width, width);
          auto runs = scf::ForOp::create(
              pb, pl, zero, n, twice, ValueRange{dst},
              [&](OpBuilder &mb, Location ml, Value lo, ValueRange acc) {
                Value mid = arith::MinSIOp::create(
                    mb, ml, arith::AddIOp::create(mb, ml, lo, width), n);
                Value hi = arith::MinSIOp::create(
                    mb, ml, arith::AddIOp::create(mb, ml, lo, twice), n);
                Value lastLeft = arith::SubIOp::create(mb, ml, mid, one);
                Value lastRight = arith::SubIOp::create(mb, ml, hi, one);
                auto merge = scf::ForOp::create(
                    mb, ml, lo, hi, one, ValueRange{acc[0], lo, mid},
                    [&](OpBuilder &kb, Location kl, Value k, ValueRange st) {
                      Value i = st[1], j = st[2];
                      Value li = tensor::ExtractOp::create(
                          kb, kl, src,
                          ValueRange{
                              arith::MinSIOp::create(kb, kl, i, lastLeft)});
                      Value rj = tensor::ExtractOp::create(
                          kb, kl, src,
                          ValueRange{
                              arith::MinSIOp::create(kb, kl, j, lastRight)});
                      Value lv = tensor::ExtractOp::create(kb, kl, x, at(li));
                      Value rv = tensor::ExtractOp::create(kb, kl, x, at(rj));
                      Value leftDone = arith::CmpIOp::create(
                          kb, kl, arith::CmpIPredicate::sge, i, mid);
                      Value rightLeft = arith::CmpIOp::create(
                          kb, kl, arith::CmpIPredicate::slt, j, hi);
                      Value takeRight = arith::AndIOp::create(
                          kb, kl, rightLeft,
                          arith::OrIOp::create(kb, kl, leftDone,
                                               before(kb, kl, rv, lv)));
                      Value p =
                          arith::SelectOp::create(kb, kl, takeRight, rj, li);
                      Value out = tensor::InsertOp::create(kb, kl, p, st[0],
                                                           ValueRange{k});
                      Value ni = arith::SelectOp::create(
                          kb, kl, takeRight, i,
                          arith::AddIOp::create(kb, kl, i, one));
                      Value nj = arith::SelectOp::create(
                          kb, kl, takeRight,
                          arith::AddIOp::create(kb, kl, j, one), j);
                      scf::YieldOp::create(kb, kl, ValueRange{out, ni, nj});
                    });
                scf::YieldOp::create(mb, ml, merge.getResult(0));
              });
          return runs.getResult(0);
        };
        // Two buffers, each updated only in place (so that bufferization
        // keeps them as the loop's two buffers): the passes alternate
        // between merging `a` into `b` and `b` into `a`.
        Value scratch = tensor::EmptyOp::create(rb, l, permType, ValueRange{n});
        Value yes = arith::ConstantIntOp::create(rb, l, rb.getI1Type(), 1);
        SmallVector<Type> carried = {permType, permType, indexType,
                                     rb.getI1Type()};
        auto passes = scf::WhileOp::create(
            rb, l, carried, ValueRange{identity, scratch, one, yes},
            [&](OpBuilder &cb, Location cl, ValueRange args) {
              Value more = arith::CmpIOp::create(
                  cb, cl, arith::CmpIPredicate::slt, args[2], n);
              scf::ConditionOp::create(cb, cl, more, args);
            },
            [&](OpBuilder &pb, Location pl, ValueRange args) {
              Value bufA = args[0], bufB = args[1], width = args[2];
              Value fromA = args[3];
              auto pass = scf::IfOp::create(
                  pb, pl, fromA,
                  [&](OpBuilder &tb, Location tl) {
                    Value merged = mergePass(tb, tl, bufA, bufB, width);
                    scf::YieldOp::create(tb, tl, ValueRange{bufA, merged});
                  },
                  [&](OpBuilder &eb, Location el) {
                    Value merged = mergePass(eb, el, bufB, bufA, width);
                    scf::YieldOp::create(eb, el, ValueRange{merged, bufB});
                  });
              Value twice = arith::AddIOp::create(pb, pl, width, width);
              Value flipped = arith::XOrIOp::create(pb, pl, fromA, yes);
              scf::YieldOp::create(
                  pb, pl,
                  ValueRange{pass.getResult(0), pass.getResult(1), twice,
                             flipped});
            });
        // The last pass wrote the buffer that is not its source.
        auto sorted = scf::IfOp::create(
            rb, l, passes.getResult(3),
            [&](OpBuilder &tb, Location tl) {
              scf::YieldOp::create(tb, tl, passes.getResult(0));
            },
            [&](OpBuilder &eb, Location el) {
              scf::YieldOp::create(eb, el, passes.getResult(1));
            });
        Value perm = sorted.getResult(0);
        auto store = scf::ForOp::create(
            rb, l, zero, n, one, ValueRange{rowArgs[0]},
            [&](OpBuilder &sb, Location sl, Value k, ValueRange acc) {
              Value p = tensor::ExtractOp::create(sb, sl, perm, ValueRange{k});
              Value v = valueAt(sb, sl, at(p), p);
              Value out = tensor::InsertOp::create(sb, sl, v, acc[0], at(k));
              scf::YieldOp::create(sb, sl, out);
            });
        return {store.getResult(0)};
      });
  return nest.results.front();
}

struct SortLowering : OpConversionPattern<nx::SortOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::SortOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    Value x = adaptor.getX();
    Value result = createMergeSort(
        rewriter, op.getLoc(), x, op.getType().getElementType(), op.getAxis(),
        op.getDescending(), type,
        [&](OpBuilder &b, Location l, ValueRange position, Value) -> Value {
          return tensor::ExtractOp::create(b, l, x, position);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ArgsortLowering : OpConversionPattern<nx::ArgsortOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::ArgsortOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    Type elementType = type.getElementType();
    Value result = createMergeSort(
        rewriter, op.getLoc(), adaptor.getX(),
        op.getX().getType().getElementType(), op.getAxis(), op.getDescending(),
        type, [&](OpBuilder &b, Location l, ValueRange, Value p) -> Value {
          return arith::IndexCastUIOp::create(b, l, elementType, p);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void nxtolinalg::populateNxSortScanToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<CumulativeLowering<nx::CumulativeSumOp, ScanKind::Sum>,
               CumulativeLowering<nx::CumulativeProductOp, ScanKind::Product>,
               CumulativeLowering<nx::CumulativeMaxOp, ScanKind::Max>,
               CumulativeLowering<nx::CumulativeMinOp, ScanKind::Min>,
               SortLowering, ArgsortLowering>(converter,
                                              patterns.getContext());
}
