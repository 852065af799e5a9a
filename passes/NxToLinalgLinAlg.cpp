//===- NxToLinalgLinAlg.cpp - Nx.LinAlg ops to loops -----------*- C++ -*-===//
//
// This file implements the nx-to-linalg patterns for the linear-algebra ops
// (factorizations and solves), as scf loop nests over tensors: one scf.for
// per batch dim around the textbook O(n^3) algorithm on one matrix, reading
// and writing elements with tensor.extract/tensor.insert on loop-carried
// tensors (bufferization turns them into in-place updates):
//  - nx.cholesky: Cholesky-Banachiewicz, row by row, into a zero tensor;
//  - nx.triangular_solve: forward or backward substitution, in place on `b`,
//    after rewriting every case as `M y = c` with `M` lower or upper;
//  - nx.lu: Gaussian elimination with partial pivoting (LAPACK getf2), the
//    permutation accumulated as the columns of `p`;
//  - nx.qr: Householder reflections (LAPACK geqr2) applied to `r` and
//    accumulated into a complete `q`, sliced for the reduced mode.
//
//===----------------------------------------------------------------------===//

#include "NxToLinalgCommon.h"
#include "ir/NxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace nxc;
using namespace nxc::nxtolinalg;
namespace nx = nxc::nx;

//===----------------------------------------------------------------------===//
// Loop and element helpers
//===----------------------------------------------------------------------===//

namespace {
using LoopBody =
    function_ref<SmallVector<Value>(Value /*iv*/, ValueRange /*iter args*/)>;
using BatchBody = function_ref<SmallVector<Value>(ValueRange /*batch ivs*/,
                                                  ValueRange /*iter args*/)>;

/// Builds loops and scalar code with one builder whose insertion point
/// follows the loop bodies being built; indices are prefixed by the batch
/// induction variables `batch`.
struct LoopBuilder {
  OpBuilder &b;
  Location loc;
  SmallVector<Value> batch = {};

  Value idx(int64_t v) const {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  /// The size of dim `d` of `t` as an index.
  Value dim(Value t, int64_t d) const {
    int64_t size = cast<RankedTensorType>(t.getType()).getDimSize(d);
    if (!ShapedType::isDynamic(size))
      return idx(size);
    return createDimSize(b, loc, t, d);
  }

  /// `scf.for %iv = lb to ub iter_args(inits)` with body `body`.
  SmallVector<Value> loop(Value lb, Value ub, ValueRange inits,
                          LoopBody body) const {
    auto forOp = scf::ForOp::create(
        b, loc, lb, ub, idx(1), inits,
        [&](OpBuilder &nb, Location, Value iv, ValueRange args) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
          SmallVector<Value> results = body(iv, args);
          scf::YieldOp::create(b, loc, results);
        });
    return SmallVector<Value>(forOp.getResults());
  }

  /// One loop per leading dim of `shape` (all but its last `matrixRank`
  /// dims); `body` sees the batch ivs, also set as `batch` meanwhile.
  SmallVector<Value> batchLoops(Value shape, int64_t matrixRank,
                                ValueRange inits, BatchBody body) {
    int64_t numBatch =
        cast<RankedTensorType>(shape.getType()).getRank() - matrixRank;
    std::function<SmallVector<Value>(int64_t, ValueRange)> nest =
        [&](int64_t d, ValueRange args) -> SmallVector<Value> {
      if (d == numBatch)
        return body(batch, args);
      return loop(idx(0), dim(shape, d), args, [&](Value iv, ValueRange inner) {
        batch.push_back(iv);
        SmallVector<Value> r = nest(d + 1, inner);
        batch.pop_back();
        return r;
      });
    };
    return nest(0, inits);
  }

  SmallVector<Value> indices(ValueRange matrix) const {
    SmallVector<Value> all(batch);
    all.append(matrix.begin(), matrix.end());
    return all;
  }
  /// Element `t[batch..., i, j]`.
  Value get(Value t, Value i, Value j) const {
    return tensor::ExtractOp::create(b, loc, t, indices({i, j}));
  }
  /// `t` with element `[batch..., i, j]` set to `v`.
  Value set(Value v, Value t, Value i, Value j) const {
    return tensor::InsertOp::create(b, loc, v, t, indices({i, j}));
  }
  /// Element `t[batch..., i]` of a batch of vectors.
  Value get(Value t, Value i) const {
    return tensor::ExtractOp::create(b, loc, t, indices({i}));
  }
  Value set(Value v, Value t, Value i) const {
    return tensor::InsertOp::create(b, loc, v, t, indices({i}));
  }
  /// `t` with the matrix `[batch..., :, :]` set to the identity (`t` is
  /// zero).
  Value setIdentity(Value t, Value n, Type type) const {
    Value one = createScalarConstant(b, loc, type, 1);
    return loop(idx(0), n, t, [&](Value i, ValueRange args) {
      return SmallVector<Value>{set(one, args[0], i, i)};
    })[0];
  }

  Value addf(Value x, Value y) const {
    return arith::AddFOp::create(b, loc, x, y);
  }
  Value subf(Value x, Value y) const {
    return arith::SubFOp::create(b, loc, x, y);
  }
  Value mulf(Value x, Value y) const {
    return arith::MulFOp::create(b, loc, x, y);
  }
  Value divf(Value x, Value y) const {
    return arith::DivFOp::create(b, loc, x, y);
  }
  Value cmpf(arith::CmpFPredicate p, Value x, Value y) const {
    return arith::CmpFOp::create(b, loc, p, x, y);
  }
  Value select(Value c, Value t, Value f) const {
    return arith::SelectOp::create(b, loc, c, t, f);
  }
  Value addi(Value x, Value y) const {
    return arith::AddIOp::create(b, loc, x, y);
  }
  Value subi(Value x, Value y) const {
    return arith::SubIOp::create(b, loc, x, y);
  }
  Value cst(Type type, double v) const {
    return createScalarConstant(b, loc, type, v);
  }

  /// `scf.if cond` yielding `thenBody()` or `elseBody()`.
  SmallVector<Value> ifElse(Value cond, TypeRange types,
                            function_ref<SmallVector<Value>()> thenBody,
                            function_ref<SmallVector<Value>()> elseBody) const {
    auto ifOp = scf::IfOp::create(b, loc, types, cond, /*addThenBlock=*/true,
                                  /*addElseBlock=*/true);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(ifOp.thenBlock());
      scf::YieldOp::create(b, loc, thenBody());
      b.setInsertionPointToStart(ifOp.elseBlock());
      scf::YieldOp::create(b, loc, elseBody());
    }
    return SmallVector<Value>(ifOp.getResults());
  }

  /// `min(x, y)` of two sizes, constant when both are.
  Value minSize(Value x, Value y) const {
    std::optional<int64_t> cx = getConstantIntValue(x),
                           cy = getConstantIntValue(y);
    if (cx && cy)
      return idx(std::min(*cx, *cy));
    return arith::MinSIOp::create(b, loc, x, y);
  }

  /// The machine epsilon of `type` as a constant.
  Value epsilon(FloatType type) const {
    return cst(
        type, std::ldexp(1.0, 1 - static_cast<int>(type.getFPMantissaWidth())));
  }

  /// Index `i` as a float of `type`.
  Value toFloat(Value i, Type type) const {
    Value wide = arith::IndexCastUIOp::create(b, loc, b.getI64Type(), i);
    return arith::UIToFPOp::create(b, loc, type, wide);
  }

  /// Selection sort of the `n`-element vector `values` in decreasing order
  /// (the first of equal maxima wins, NaNs stay put), swapping the columns
  /// of each matrix `matrices[i]` (of `rows[i]` rows) the same way. Returns
  /// the sorted vector, then the matrices.
  SmallVector<Value> sortDecreasing(Value values, Value n,
                                    ArrayRef<Value> matrices,
                                    ArrayRef<Value> rows) const {
    Value c0 = idx(0), c1 = idx(1);
    SmallVector<Value> inits = {values};
    inits.append(matrices.begin(), matrices.end());
    return loop(c0, n, inits, [&](Value i, ValueRange s0) {
      Value w = s0[0];
      Value best =
          loop(addi(i, c1), n, {get(w, i), i}, [&](Value j, ValueRange max) {
            Value x = get(w, j);
            Value better = cmpf(arith::CmpFPredicate::OGT, x, max[0]);
            return SmallVector<Value>{select(better, x, max[0]),
                                      select(better, j, max[1])};
          })[1];
      Value wi = get(w, i), wb = get(w, best);
      SmallVector<Value> results = {set(wi, set(wb, w, i), best)};
      for (auto [t, count] : llvm::zip(s0.drop_front(), rows))
        results.push_back(loop(c0, count, t, [&](Value k, ValueRange s1) {
          Value x = get(s1[0], k, i), y = get(s1[0], k, best);
          return SmallVector<Value>{set(x, set(y, s1[0], k, i), k, best)};
        })[0]);
      return results;
    });
  }

  /// `init + sum_{k in [lb, ub)} term(k)`.
  Value sum(Value lb, Value ub, Value init,
            function_ref<Value(Value)> term) const {
    return loop(lb, ub, init, [&](Value k, ValueRange acc) {
      return SmallVector<Value>{addf(acc[0], term(k))};
    })[0];
  }
};
} // namespace

/// A zero tensor of `type` whose dynamic dims are those `sourceDims` of
/// `source`.
static Value createZeros(OpBuilder &b, Location loc, RankedTensorType type,
                         Value source, ArrayRef<int64_t> sourceDims) {
  Value empty = createEmptyFromDims(b, loc, type, source, sourceDims);
  Value zero = createScalarConstant(b, loc, type.getElementType(), 0);
  return linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{empty})
      .getResult(0);
}

/// `t` as `type`, which differs at most in being less static.
static Value castIfNeeded(OpBuilder &b, Location loc, Value t, Type type) {
  if (t.getType() == type)
    return t;
  return tensor::CastOp::create(b, loc, type, t).getResult();
}

/// The leading part of `t` whose batch dims are those of `shape` (all but
/// its last two) and whose trailing sizes are `last`, as `resultType`.
static Value sliceLeading(OpBuilder &b, Location loc, const LoopBuilder &lb,
                          Value t, Type resultType, Value shape,
                          ArrayRef<Value> last) {
  int64_t rank = cast<RankedTensorType>(t.getType()).getRank();
  int64_t numBatch = cast<RankedTensorType>(shape.getType()).getRank() - 2;
  SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < numBatch; ++d)
    sizes.push_back(getAsOpFoldResult(lb.dim(shape, d)));
  for (Value size : last)
    sizes.push_back(getAsOpFoldResult(size));
  Value sliced =
      tensor::ExtractSliceOp::create(b, loc, t, offsets, sizes, strides);
  return castIfNeeded(b, loc, sliced, resultType);
}

//===----------------------------------------------------------------------===//
// Cholesky
//===----------------------------------------------------------------------===//

namespace {
/// L[i][j] = (a[i][j] - sum_{k<j} L[i][k] L[j][k]) / L[j][j] for j < i, and
/// sqrt(a[i][i] - sum_{k<i} L[i][k]^2) on the diagonal (NaN when negative).
struct CholeskyLowering : OpConversionPattern<nx::CholeskyOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::CholeskyOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value a = adaptor.getA();
    auto type = cast<RankedTensorType>(a.getType());
    int64_t rank = type.getRank();
    LoopBuilder lb{rewriter, loc};
    Value n = lb.dim(a, rank - 1);
    Value zero = lb.cst(type.getElementType(), 0);
    Value init = createZeros(rewriter, loc, type, a, allDims(rank));
    Value c0 = lb.idx(0), c1 = lb.idx(1);
    Value result = lb.batchLoops(a, 2, init, [&](ValueRange, ValueRange l0) {
      return lb.loop(c0, n, l0, [&](Value i, ValueRange l1) {
        return lb.loop(c0, lb.addi(i, c1), l1, [&](Value j, ValueRange l2) {
          Value l = l2[0];
          Value dot = lb.sum(c0, j, zero, [&](Value k) {
            return lb.mulf(lb.get(l, i, k), lb.get(l, j, k));
          });
          Value d = lb.subf(lb.get(a, i, j), dot);
          Value diag = math::SqrtOp::create(rewriter, loc, d);
          Value off = lb.divf(d, lb.get(l, j, j));
          Value isDiag = arith::CmpIOp::create(rewriter, loc,
                                               arith::CmpIPredicate::eq, i, j);
          return SmallVector<Value>{
              lb.set(lb.select(isDiag, diag, off), l, i, j)};
        });
      });
    })[0];
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Triangular solve
//===----------------------------------------------------------------------===//

namespace {
/// Every case is solved as `M y = c` by substitution in place on `b`, where
/// `M = op(a)` and `y = x` on the left side, `M = transpose(op(a))` and
/// `y = transpose(x)` on the right side (a vector `b` is one column).
struct TriangularSolveLowering : OpConversionPattern<nx::TriangularSolveOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::TriangularSolveOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value a = adaptor.getA(), rhs = adaptor.getB();
    int64_t rank = cast<RankedTensorType>(a.getType()).getRank();
    int64_t rhsRank = cast<RankedTensorType>(rhs.getType()).getRank();
    bool left = op.getLeftSide(), transpose = op.getTransformA() == 1;
    bool vector = rhsRank == rank - 1;
    // op(a) is lower exactly when `lower` differs from `transpose`; M is
    // op(a) or its transpose. M[i][k] is a[k][i] when exactly one of the
    // two transposes applies... i.e. when `left == transpose`.
    bool opLower = op.getLower() != transpose;
    bool mLower = left ? opLower : !opLower;
    bool swapA = left == transpose;

    LoopBuilder lb{rewriter, loc};
    Value n = lb.dim(a, rank - 1);
    Value cols =
        vector ? lb.idx(1) : lb.dim(rhs, left ? rhsRank - 1 : rhsRank - 2);
    Value c0 = lb.idx(0), c1 = lb.idx(1);
    auto m = [&](Value i, Value k) {
      return swapA ? lb.get(a, k, i) : lb.get(a, i, k);
    };
    auto y = [&](Value t, Value i, Value j) {
      if (vector)
        return lb.get(t, i);
      return left ? lb.get(t, i, j) : lb.get(t, j, i);
    };
    auto setY = [&](Value v, Value t, Value i, Value j) {
      if (vector)
        return lb.set(v, t, i);
      return left ? lb.set(v, t, i, j) : lb.set(v, t, j, i);
    };
    Value result = lb.batchLoops(a, 2, rhs, [&](ValueRange, ValueRange s0) {
      return lb.loop(c0, n, s0, [&](Value r, ValueRange s1) {
        // Forward substitution for a lower M, backward for an upper one.
        Value i = mLower ? r : lb.subi(lb.subi(n, c1), r);
        Value kBegin = mLower ? c0 : lb.addi(i, c1);
        Value kEnd = mLower ? i : n;
        return lb.loop(c0, cols, s1, [&](Value j, ValueRange s2) {
          Value t = s2[0];
          Value dot =
              lb.sum(kBegin, kEnd, lb.cst(lb.get(a, c0, c0).getType(), 0),
                     [&](Value k) { return lb.mulf(m(i, k), y(t, k, j)); });
          Value v = lb.divf(lb.subf(y(t, i, j), dot), m(i, i));
          return SmallVector<Value>{setY(v, t, i, j)};
        });
      });
    })[0];
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// LU
//===----------------------------------------------------------------------===//

namespace {
/// Gaussian elimination with partial pivoting on `u` (a copy of `a`): for
/// each column k, swap the row of the largest |u[i][k]|, i >= k, into row k
/// (in `u` and `l`; `p` swaps columns so that a = p l u), then eliminate
/// below the pivot. A zero pivot eliminates nothing (multipliers 0).
struct LuLowering : OpConversionPattern<nx::LuOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::LuOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value a = adaptor.getA();
    auto type = cast<RankedTensorType>(a.getType());
    Type elementType = type.getElementType();
    int64_t rank = type.getRank();
    LoopBuilder lb{rewriter, loc};
    Value n = lb.dim(a, rank - 1);
    Value c0 = lb.idx(0), c1 = lb.idx(1);
    Value zero = lb.cst(elementType, 0), one = lb.cst(elementType, 1);
    Value zeros = createZeros(rewriter, loc, type, a, allDims(rank));
    SmallVector<Value> inits = {zeros, zeros, a};
    SmallVector<Value> results =
        lb.batchLoops(a, 2, inits, [&](ValueRange, ValueRange s0) {
          Value p0 = lb.setIdentity(s0[0], n, elementType);
          return lb.loop(
              c0, n, {p0, s0[1], s0[2]}, [&](Value k, ValueRange s1) {
                Value p = s1[0], l = s1[1], u = s1[2];
                // The first row of largest magnitude (NaNs never win).
                Value pivotRow = lb.loop(
                    k, n, {lb.cst(elementType, -1), k},
                    [&](Value i, ValueRange best) {
                      Value v =
                          math::AbsFOp::create(rewriter, loc, lb.get(u, i, k));
                      Value better =
                          lb.cmpf(arith::CmpFPredicate::OGT, v, best[0]);
                      return SmallVector<Value>{lb.select(better, v, best[0]),
                                                lb.select(better, i, best[1])};
                    })[1];
                SmallVector<Value> swapped =
                    lb.loop(c0, n, {p, l, u}, [&](Value j, ValueRange s2) {
                      Value p = s2[0], l = s2[1], u = s2[2];
                      Value uk = lb.get(u, k, j), up = lb.get(u, pivotRow, j);
                      u = lb.set(uk, lb.set(up, u, k, j), pivotRow, j);
                      Value lk = lb.get(l, k, j), lp = lb.get(l, pivotRow, j);
                      l = lb.set(lk, lb.set(lp, l, k, j), pivotRow, j);
                      Value pk = lb.get(p, j, k), pp = lb.get(p, j, pivotRow);
                      p = lb.set(pk, lb.set(pp, p, j, k), j, pivotRow);
                      return SmallVector<Value>{p, l, u};
                    });
                p = swapped[0];
                l = lb.set(one, swapped[1], k, k);
                u = swapped[2];
                Value pivot = lb.get(u, k, k);
                Value isZero = lb.cmpf(arith::CmpFPredicate::OEQ, pivot, zero);
                Value k1 = lb.addi(k, c1);
                SmallVector<Value> eliminated =
                    lb.loop(k1, n, {l, u}, [&](Value i, ValueRange s2) {
                      Value f = lb.select(isZero, zero,
                                          lb.divf(lb.get(s2[1], i, k), pivot));
                      Value l = lb.set(f, s2[0], i, k);
                      Value u = lb.set(zero, s2[1], i, k);
                      u = lb.loop(k1, n, u, [&](Value j, ValueRange s3) {
                        Value v = lb.subf(lb.get(s3[0], i, j),
                                          lb.mulf(f, lb.get(s3[0], k, j)));
                        return SmallVector<Value>{lb.set(v, s3[0], i, j)};
                      })[0];
                      return SmallVector<Value>{l, u};
                    });
                return SmallVector<Value>{p, eliminated[0], eliminated[1]};
              });
        });
    rewriter.replaceOp(op, results);
    return success();
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// QR
//===----------------------------------------------------------------------===//

namespace {
/// One step per column j < min(m - 1, n): the reflection
/// H = I - tau v v^T with v = (x0 - beta, r[j+1:, j]), beta =
/// -sign(x0) |r[j:, j]|, tau = 2 / (v^T v), or tau = 0 when r[j+1:, j] is
/// already zero; r := H r, q := q H.
struct QrLowering : OpConversionPattern<nx::QrOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::QrOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value a = adaptor.getA();
    auto type = cast<RankedTensorType>(a.getType());
    Type elementType = type.getElementType();
    int64_t rank = type.getRank();
    LoopBuilder lb{rewriter, loc};
    Value m = lb.dim(a, rank - 2), n = lb.dim(a, rank - 1);
    Value c0 = lb.idx(0), c1 = lb.idx(1);
    Value zero = lb.cst(elementType, 0);

    SmallVector<int64_t> qShape(type.getShape());
    qShape.back() = qShape[rank - 2];
    SmallVector<int64_t> qDims = allDims(rank);
    qDims.back() = rank - 2;
    Value q0 = createZeros(
        rewriter, loc, RankedTensorType::get(qShape, elementType), a, qDims);
    Value v0 = createEmptyFromDims(
        rewriter, loc,
        RankedTensorType::get({type.getDimSize(rank - 2)}, elementType), a,
        {rank - 2});
    Value steps = arith::MinSIOp::create(rewriter, loc, lb.subi(m, c1), n);

    SmallVector<Value> qr =
        lb.batchLoops(a, 2, {q0, a, v0}, [&](ValueRange, ValueRange s0) {
          Value q = lb.setIdentity(s0[0], m, elementType);
          return lb.loop(
              c0, steps, {q, s0[1], s0[2]}, [&](Value j, ValueRange s1) {
                Value q = s1[0], r = s1[1], v = s1[2];
                Value j1 = lb.addi(j, c1);
                Value x0 = lb.get(r, j, j);
                Value sigma = lb.sum(j1, m, zero, [&](Value i) {
                  Value x = lb.get(r, i, j);
                  return lb.mulf(x, x);
                });
                Value norm = math::SqrtOp::create(
                    rewriter, loc, lb.addf(lb.mulf(x0, x0), sigma));
                Value beta =
                    lb.select(lb.cmpf(arith::CmpFPredicate::OGE, x0, zero),
                              arith::NegFOp::create(rewriter, loc, norm), norm);
                Value head = lb.subf(x0, beta);
                Value vv = lb.addf(lb.mulf(head, head), sigma);
                Value skip = lb.cmpf(arith::CmpFPredicate::OEQ, sigma, zero);
                Value tau =
                    lb.select(skip, zero, lb.divf(lb.cst(elementType, 2), vv));
                // v lives in a vector shared by the batch: index it without
                // batch.
                LoopBuilder vb{rewriter, loc};
                v = vb.set(head, v, j);
                v = lb.loop(j1, m, v, [&](Value i, ValueRange s2) {
                  return SmallVector<Value>{vb.set(lb.get(r, i, j), s2[0], i)};
                })[0];
                // r := H r on columns j.., then exact zeros below the diagonal.
                r = lb.loop(j, n, r, [&](Value c, ValueRange s2) {
                  Value t = s2[0];
                  Value d = lb.sum(j, m, zero, [&](Value i) {
                    return lb.mulf(vb.get(v, i), lb.get(t, i, c));
                  });
                  Value f = lb.mulf(tau, d);
                  return lb.loop(j, m, t, [&](Value i, ValueRange s3) {
                    Value x =
                        lb.subf(lb.get(s3[0], i, c), lb.mulf(f, vb.get(v, i)));
                    return SmallVector<Value>{lb.set(x, s3[0], i, c)};
                  });
                })[0];
                r = lb.loop(j1, m, r, [&](Value i, ValueRange s2) {
                  Value x = lb.select(skip, lb.get(s2[0], i, j), zero);
                  return SmallVector<Value>{lb.set(x, s2[0], i, j)};
                })[0];
                // q := q H on columns j...
                q = lb.loop(c0, m, q, [&](Value row, ValueRange s2) {
                  Value t = s2[0];
                  Value d = lb.sum(j, m, zero, [&](Value i) {
                    return lb.mulf(lb.get(t, row, i), vb.get(v, i));
                  });
                  Value f = lb.mulf(tau, d);
                  return lb.loop(j, m, t, [&](Value i, ValueRange s3) {
                    Value x = lb.subf(lb.get(s3[0], row, i),
                                      lb.mulf(f, vb.get(v, i)));
                    return SmallVector<Value>{lb.set(x, s3[0], row, i)};
                  });
                })[0];
                return SmallVector<Value>{q, r, v};
              });
        });
    const TypeConverter *converter = getTypeConverter();
    Type qType = converter->convertType(op.getQ().getType());
    Type rType = converter->convertType(op.getR().getType());
    Value q, r;
    if (op.getComplete()) {
      q = castIfNeeded(rewriter, loc, qr[0], qType);
      r = castIfNeeded(rewriter, loc, qr[1], rType);
    } else {
      // Reduced: the first k = min(m, n) columns of q and rows of r.
      Value k = lb.minSize(m, n);
      q = sliceLeading(rewriter, loc, lb, qr[0], qType, a, {m, k});
      r = sliceLeading(rewriter, loc, lb, qr[1], rType, a, {k, n});
    }
    rewriter.replaceOp(op, {q, r});
    return success();
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Jacobi rotations (eigh, svd)
//===----------------------------------------------------------------------===//

/// The rotation (c, s) that zeroes the off-diagonal `off` of the symmetric
/// 2x2 [[dp, off], [off, dq]]: t = sign(theta) / (|theta| + sqrt(theta^2 +
/// 1)), theta = (dq - dp) / (2 off), c = 1 / sqrt(t^2 + 1), s = t c; the
/// identity when `off` is 0.
static std::pair<Value, Value> jacobiRotation(const LoopBuilder &lb, Value dp,
                                              Value dq, Value off) {
  Type type = off.getType();
  Value zero = lb.cst(type, 0), one = lb.cst(type, 1);
  Value theta = lb.divf(lb.subf(dq, dp), lb.mulf(lb.cst(type, 2), off));
  Value absTheta = math::AbsFOp::create(lb.b, lb.loc, theta);
  Value root =
      math::SqrtOp::create(lb.b, lb.loc, lb.addf(lb.mulf(theta, theta), one));
  Value sign = lb.select(lb.cmpf(arith::CmpFPredicate::OLT, theta, zero),
                         lb.cst(type, -1), one);
  Value t = lb.divf(sign, lb.addf(absTheta, root));
  Value c = lb.divf(
      one, math::SqrtOp::create(lb.b, lb.loc, lb.addf(lb.mulf(t, t), one)));
  Value s = lb.mulf(t, c);
  Value identity = lb.cmpf(arith::CmpFPredicate::OEQ, off, zero);
  return {lb.select(identity, one, c), lb.select(identity, zero, s)};
}

/// `t` with columns (or, with `rows`, rows) p and q, of `count` elements,
/// replaced by (c x_p - s x_q, s x_p + c x_q).
static Value rotatePair(const LoopBuilder &lb, Value t, Value count, Value p,
                        Value q, std::pair<Value, Value> cs, bool rows) {
  auto [c, s] = cs;
  return lb.loop(lb.idx(0), count, t, [&](Value k, ValueRange s0) {
    Value t = s0[0];
    auto at = [&](Value i) { return rows ? lb.get(t, i, k) : lb.get(t, k, i); };
    auto put = [&](Value v, Value i) {
      t = rows ? lb.set(v, t, i, k) : lb.set(v, t, k, i);
    };
    Value xp = at(p), xq = at(q);
    put(lb.subf(lb.mulf(c, xp), lb.mulf(s, xq)), p);
    put(lb.addf(lb.mulf(s, xp), lb.mulf(c, xq)), q);
    return SmallVector<Value>{t};
  })[0];
}

//===----------------------------------------------------------------------===//
// Eigh
//===----------------------------------------------------------------------===//

namespace {
/// Cyclic Jacobi: each sweep rotates every pair p < q so that a[p][q] = 0,
/// accumulating the rotations in v. A sweep runs only while
/// sum_{p<q} a[p][q]^2 > (n eps |a|_F)^2, at most `max_sweeps` times. Then
/// the diagonal is selection-sorted in decreasing order with v's columns.
struct EighLowering : OpConversionPattern<nx::EighOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::EighOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value a = adaptor.getA();
    auto type = cast<RankedTensorType>(a.getType());
    auto wType = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getEigenvalues().getType()));
    auto elementType = cast<FloatType>(type.getElementType());
    int64_t rank = type.getRank();
    LoopBuilder lb{rewriter, loc};
    Value n = lb.dim(a, rank - 1);
    Value c0 = lb.idx(0), c1 = lb.idx(1);
    Value zero = lb.cst(elementType, 0);
    Value v0 = createZeros(rewriter, loc, type, a, allDims(rank));
    Value w0 = createEmptyFromDims(rewriter, loc, wType, a, allDims(rank - 1));
    Value scale = lb.mulf(lb.toFloat(n, elementType), lb.epsilon(elementType));
    Value maxSweeps = lb.idx(op.getMaxSweeps());
    // sum of x[p][q]^2 over q in [qBegin(p), n), p in [0, n).
    auto sumSquares = [&](Value x, function_ref<Value(Value)> qBegin) {
      return lb.sum(c0, n, zero, [&](Value p) {
        return lb.sum(qBegin(p), n, zero, [&](Value q) {
          Value e = lb.get(x, p, q);
          return lb.mulf(e, e);
        });
      });
    };

    SmallVector<Value> results =
        lb.batchLoops(a, 2, {a, v0, w0}, [&](ValueRange, ValueRange s0) {
          Value v = lb.setIdentity(s0[1], n, elementType);
          Value fro2 = sumSquares(s0[0], [&](Value) { return c0; });
          Value tol2 = lb.mulf(lb.mulf(scale, scale), fro2);
          SmallVector<Value> av =
              lb.loop(c0, maxSweeps, {s0[0], v}, [&](Value, ValueRange s1) {
                Value off =
                    sumSquares(s1[0], [&](Value p) { return lb.addi(p, c1); });
                // NaN never converges; the sweep count still bounds it.
                Value done = lb.cmpf(arith::CmpFPredicate::OLE, off, tol2);
                return lb.ifElse(
                    done, ValueRange(s1).getTypes(),
                    [&] { return SmallVector<Value>(s1); },
                    [&] { return sweep(lb, s1[0], s1[1], n); });
              });
          // Eigenvalues: the diagonal, then a selection sort (decreasing).
          Value w = lb.loop(c0, n, s0[2], [&](Value i, ValueRange s2) {
            return SmallVector<Value>{lb.set(lb.get(av[0], i, i), s2[0], i)};
          })[0];
          SmallVector<Value> sorted = lb.sortDecreasing(w, n, {av[1]}, {n});
          return SmallVector<Value>{av[0], sorted[1], sorted[0]};
        });
    rewriter.replaceOp(op, {results[2], results[1]});
    return success();
  }

  /// One cyclic sweep over the pairs p < q of `a`, accumulating into `v`.
  static SmallVector<Value> sweep(const LoopBuilder &lb, Value a, Value v,
                                  Value n) {
    Value zero =
        lb.cst(cast<RankedTensorType>(a.getType()).getElementType(), 0);
    return lb.loop(lb.idx(0), n, {a, v}, [&](Value p, ValueRange s0) {
      return lb.loop(lb.addi(p, lb.idx(1)), n, s0, [&](Value q, ValueRange s1) {
        Value a = s1[0];
        std::pair<Value, Value> cs = jacobiRotation(
            lb, lb.get(a, p, p), lb.get(a, q, q), lb.get(a, p, q));
        a = rotatePair(lb, a, n, p, q, cs, /*rows=*/false);
        a = rotatePair(lb, a, n, p, q, cs, /*rows=*/true);
        a = lb.set(zero, lb.set(zero, a, p, q), q, p);
        Value v = rotatePair(lb, s1[1], n, p, q, cs, /*rows=*/false);
        return SmallVector<Value>{a, v};
      });
    });
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// SVD
//===----------------------------------------------------------------------===//

namespace {
/// One-sided Jacobi: w starts as `a`, v as the identity; each sweep rotates
/// every column pair p < q of w (and v) that is not orthogonal to working
/// precision (|w_p.w_q| > m eps |w_p| |w_q|), until a sweep rotates nothing
/// or `max_sweeps` ran. Then s_j = |w_j|, sorted in decreasing order with
/// the columns of w and v. A complete nx.qr of w (orthogonal columns) gives
/// u = q with column j < k negated where r[j][j] < 0, so that
/// a v = w = u diag(s); vt = transpose(v).
struct SvdLowering : OpConversionPattern<nx::SvdOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(nx::SvdOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value a = adaptor.getA();
    auto type = cast<RankedTensorType>(a.getType());
    auto elementType = cast<FloatType>(type.getElementType());
    int64_t rank = type.getRank();
    LoopBuilder lb{rewriter, loc};
    Value m = lb.dim(a, rank - 2), n = lb.dim(a, rank - 1);
    Value c0 = lb.idx(0);

    // v: [..., n, n]; sigma: [..., n].
    SmallVector<int64_t> vShape(type.getShape());
    vShape[rank - 2] = vShape[rank - 1];
    SmallVector<int64_t> vDims = allDims(rank);
    vDims[rank - 2] = rank - 1;
    auto vType = RankedTensorType::get(vShape, elementType);
    Value v0 = createZeros(rewriter, loc, vType, a, vDims);
    SmallVector<int64_t> sigmaDims = allDims(rank - 1);
    sigmaDims.back() = rank - 1;
    auto sigmaType = RankedTensorType::get(
        SmallVector<int64_t>(vShape.begin(), vShape.end() - 1), elementType);
    Value sigma0 = createEmptyFromDims(rewriter, loc, sigmaType, a, sigmaDims);
    Value tol = lb.mulf(lb.toFloat(m, elementType), lb.epsilon(elementType));
    Value maxSweeps = lb.idx(op.getMaxSweeps());
    Value falseV = arith::ConstantIntOp::create(rewriter, loc, 0, 1);
    Value trueV = arith::ConstantIntOp::create(rewriter, loc, 1, 1);

    SmallVector<Value> wvs =
        lb.batchLoops(a, 2, {a, v0, sigma0}, [&](ValueRange, ValueRange s0) {
          Value v = lb.setIdentity(s0[1], n, elementType);
          SmallVector<Value> state = lb.loop(
              c0, maxSweeps, {s0[0], v, falseV}, [&](Value, ValueRange s1) {
                return lb.ifElse(
                    s1[2], ValueRange(s1).getTypes(),
                    [&] { return SmallVector<Value>(s1); },
                    [&] {
                      SmallVector<Value> r = sweep(lb, s1[0], s1[1], m, n, tol);
                      Value done =
                          arith::XOrIOp::create(rewriter, loc, r[2], trueV);
                      return SmallVector<Value>{r[0], r[1], done};
                    });
              });
          Value sigma = lb.loop(c0, n, s0[2], [&](Value j, ValueRange s2) {
            Value norm = math::SqrtOp::create(rewriter, loc,
                                              columnDot(lb, state[0], m, j, j));
            return SmallVector<Value>{lb.set(norm, s2[0], j)};
          })[0];
          SmallVector<Value> sorted =
              lb.sortDecreasing(sigma, n, {state[0], state[1]}, {m, n});
          return SmallVector<Value>{sorted[1], sorted[2], sorted[0]};
        });

    // u from a complete QR of w (lowered by QrLowering), vt from v.
    SmallVector<int64_t> qShape(type.getShape());
    qShape[rank - 1] = qShape[rank - 2];
    auto qr = nx::QrOp::create(rewriter, loc,
                               RankedTensorType::get(qShape, elementType), type,
                               wvs[0], /*complete=*/true);
    Value k = lb.minSize(m, n);
    Value vt0 = createEmptyFromDims(rewriter, loc, vType, a, vDims);
    SmallVector<Value> uvt =
        lb.batchLoops(a, 2, {qr.getQ(), vt0}, [&](ValueRange, ValueRange s0) {
          return SmallVector<Value>{fixSigns(lb, s0[0], qr.getR(), m, k),
                                    transpose(lb, s0[1], wvs[1], n)};
        });

    // The first k singular values; reduced u and vt.
    const TypeConverter *converter = getTypeConverter();
    bool full = op.getFullMatrices();
    Value u = sliceLeading(rewriter, loc, lb, uvt[0],
                           converter->convertType(op.getU().getType()), a,
                           {m, full ? m : k});
    Value sv =
        sliceLeading(rewriter, loc, lb, wvs[2],
                     converter->convertType(op.getS().getType()), a, {k});
    Value vt = sliceLeading(rewriter, loc, lb, uvt[1],
                            converter->convertType(op.getVt().getType()), a,
                            {full ? n : k, n});
    rewriter.replaceOp(op, {u, sv, vt});
    return success();
  }

  /// The dot product of columns p and q (of m elements) of t.
  static Value columnDot(const LoopBuilder &lb, Value t, Value m, Value p,
                         Value q) {
    Value zero =
        lb.cst(cast<RankedTensorType>(t.getType()).getElementType(), 0);
    return lb.sum(lb.idx(0), m, zero, [&](Value i) {
      return lb.mulf(lb.get(t, i, p), lb.get(t, i, q));
    });
  }

  /// One sweep over the column pairs of `w` (m x n), accumulating into `v`;
  /// the third result says whether any pair was rotated.
  static SmallVector<Value> sweep(const LoopBuilder &lb, Value w, Value v,
                                  Value m, Value n, Value tol) {
    Value falseV = arith::ConstantIntOp::create(lb.b, lb.loc, 0, 1);
    Value trueV = arith::ConstantIntOp::create(lb.b, lb.loc, 1, 1);
    return lb.loop(lb.idx(0), n, {w, v, falseV}, [&](Value p, ValueRange s0) {
      return lb.loop(lb.addi(p, lb.idx(1)), n, s0, [&](Value q, ValueRange s1) {
        Value w = s1[0];
        Value alpha = columnDot(lb, w, m, p, p),
              beta = columnDot(lb, w, m, q, q),
              gamma = columnDot(lb, w, m, p, q);
        Value bound = lb.mulf(
            tol, math::SqrtOp::create(lb.b, lb.loc, lb.mulf(alpha, beta)));
        Value absGamma = math::AbsFOp::create(lb.b, lb.loc, gamma);
        Value rotate = lb.cmpf(arith::CmpFPredicate::OGT, absGamma, bound);
        return lb.ifElse(
            rotate, ValueRange(s1).getTypes(),
            [&] {
              std::pair<Value, Value> cs =
                  jacobiRotation(lb, alpha, beta, gamma);
              return SmallVector<Value>{
                  rotatePair(lb, w, m, p, q, cs, /*rows=*/false),
                  rotatePair(lb, s1[1], n, p, q, cs, /*rows=*/false), trueV};
            },
            [&] { return SmallVector<Value>(s1); });
      });
    });
  }

  /// `q` with column j < k negated where r[j][j] < 0 (m rows).
  static Value fixSigns(const LoopBuilder &lb, Value q, Value r, Value m,
                        Value k) {
    Value zero =
        lb.cst(cast<RankedTensorType>(q.getType()).getElementType(), 0);
    return lb.loop(lb.idx(0), k, q, [&](Value j, ValueRange s0) {
      Value negative =
          lb.cmpf(arith::CmpFPredicate::OLT, lb.get(r, j, j), zero);
      return lb.ifElse(
          negative, TypeRange{s0[0].getType()},
          [&] {
            return lb.loop(lb.idx(0), m, s0[0], [&](Value i, ValueRange s1) {
              Value x =
                  arith::NegFOp::create(lb.b, lb.loc, lb.get(s1[0], i, j));
              return SmallVector<Value>{lb.set(x, s1[0], i, j)};
            });
          },
          [&] { return SmallVector<Value>{s0[0]}; });
    })[0];
  }

  /// `init` (n x n) set to the transpose of `v`.
  static Value transpose(const LoopBuilder &lb, Value init, Value v, Value n) {
    Value c0 = lb.idx(0);
    return lb.loop(c0, n, init, [&](Value i, ValueRange s0) {
      return lb.loop(c0, n, s0, [&](Value j, ValueRange s1) {
        return SmallVector<Value>{lb.set(lb.get(v, j, i), s1[0], i, j)};
      });
    })[0];
  }
};
} // namespace

void nxtolinalg::populateNxLinAlgToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<CholeskyLowering, TriangularSolveLowering, LuLowering,
               QrLowering, EighLowering, SvdLowering>(converter,
                                                      patterns.getContext());
}
