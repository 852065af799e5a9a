//===- NxToLinalgCommon.h - shared helpers of nx-to-linalg ------*- C++ -*-===//
//
// This file declares the helpers shared by the files implementing the
// nx-to-linalg lowering (NxToLinalg*.cpp). It is internal to passes/.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_PASSES_NXTOLINALGCOMMON_H
#define NXC_PASSES_NXTOLINALGCOMMON_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Transforms/DialectConversion.h"

#include <functional>

namespace nxc::nxtolinalg {

/// True for `ui*` and `i1`: such integers compare and extend as unsigned.
bool isUnsignedInt(mlir::Type type);

/// The signless integer of the same width for `si*`/`ui*`; `type` otherwise.
mlir::Type toSignless(mlir::Type type);

/// An `arith.constant` of scalar type `type` (integer or float) holding
/// `value`.
mlir::Value createScalarConstant(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Type type, double value);

/// `value != 0` as `i1` (NaN counts as nonzero); `value` itself if `i1`.
mlir::Value createIsNonZero(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value value);

/// Converts scalar `value` from nx element type `from` to nx element type
/// `to` with Nx semantics (see nx.convert); `value` is already signless.
mlir::Value createScalarConvert(mlir::OpBuilder &b, mlir::Location loc,
                                mlir::Value value, mlir::Type from,
                                mlir::Type to);

/// The size of dim `dim` of `tensor`: the size its defining `tensor.empty`
/// was given when `tensor` is (through destination-style ops) sized by one,
/// `tensor.dim` otherwise.
mlir::Value createDimSize(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value tensor, int64_t dim);

/// A `tensor.empty` of `type` whose dynamic dims are, in order, the sizes of
/// dims `sourceDims[i]` of `source` (one entry per dim of `type`; only those
/// at dynamic dims of `type` are read).
mlir::Value createEmptyFromDims(mlir::OpBuilder &b, mlir::Location loc,
                                mlir::RankedTensorType type, mlir::Value source,
                                llvm::ArrayRef<int64_t> sourceDims);

/// The type `converter` gives the (ranked tensor) type `type`.
mlir::RankedTensorType convertedType(const mlir::TypeConverter *converter,
                                     mlir::Type type);

/// `value` cast to `type` when their (compatible) static shapes differ.
mlir::Value castTo(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                   mlir::Type type);

/// An `arith.constant` of index type holding `v`.
mlir::Value indexConstant(mlir::OpBuilder &b, mlir::Location loc, int64_t v);

/// The size of every dim of `tensor`: attributes where static.
llvm::SmallVector<mlir::OpFoldResult>
mixedSizes(mlir::OpBuilder &b, mlir::Location loc, mlir::Value tensor);

/// `0, 1, ..., rank - 1`: the dims of a same-shaped source.
llvm::SmallVector<int64_t> allDims(int64_t rank);

/// The combining operation of a cumulative op (and of scatter's `add`).
enum class ScanKind { Sum, Product, Max, Min };

/// Combines the running value `acc` with `x` of nx element type `nxType`
/// (signless values; NaN propagates through max/min, as in Nx.max/Nx.min).
mlir::Value createScanCombine(mlir::OpBuilder &b, mlir::Location loc,
                              ScanKind kind, mlir::Type nxType, mlir::Value acc,
                              mlir::Value x);

/// Builds the scalar computation of an elementwise nx op on signless scalars.
using ScalarBuilder = std::function<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;
/// The scalar body of elementwise nx op `op` (as its `linalg.generic` would
/// compute it), or null when `op` is not elementwise (NxToLinalgElementwise).
ScalarBuilder getElementwiseScalarBuilder(mlir::Operation *op);
/// The same for the bitwise and shift ops (NxToLinalgWindow.cpp).
ScalarBuilder getBitwiseScalarBuilder(mlir::Operation *op);

void populateNxElementwiseToLinalgPatterns(const mlir::TypeConverter &converter,
                                           mlir::RewritePatternSet &patterns);
void populateNxStructuredToLinalgPatterns(const mlir::TypeConverter &converter,
                                          mlir::RewritePatternSet &patterns);
/// Slices, pads, gathers and scatters (NxToLinalgIndexing.cpp); also adds
/// the sort and scan patterns (populateNxSortScanToLinalgPatterns).
void populateNxIndexingToLinalgPatterns(const mlir::TypeConverter &converter,
                                        mlir::RewritePatternSet &patterns);
/// Sort, argsort and the cumulative ops (NxToLinalgSortScan.cpp).
void populateNxSortScanToLinalgPatterns(const mlir::TypeConverter &converter,
                                        mlir::RewritePatternSet &patterns);
/// Windows, convolution, control flow and bitwise ops (NxToLinalgWindow.cpp).
void populateNxWindowToLinalgPatterns(const mlir::TypeConverter &converter,
                                      mlir::RewritePatternSet &patterns);
/// nx.reduce and nx.window_reduce, whose combiner region is turned into
/// scalar code (NxToLinalgFunctional.cpp).
void populateNxFunctionalToLinalgPatterns(const mlir::TypeConverter &converter,
                                          mlir::RewritePatternSet &patterns);
/// Factorizations and triangular solves (NxToLinalgLinAlg.cpp).
void populateNxLinAlgToLinalgPatterns(const mlir::TypeConverter &converter,
                                      mlir::RewritePatternSet &patterns);

/// A window reduction (nx.window_* and nx.window_reduce): `input` padded by
/// `low`/`high` with `initValue`, then one generic with loops (result dims,
/// window dims) reading `input[o * stride + w * dilation]` into a result of
/// `type` filled with `initValue`, each element folded in by
/// `combine(b, loc, element, accumulator)`. Defined in NxToLinalgWindow.cpp.
mlir::Value createWindowReduction(
    mlir::OpBuilder &b, mlir::Location loc, mlir::RankedTensorType type,
    mlir::Value input, llvm::ArrayRef<int64_t> window,
    llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> dilations,
    llvm::ArrayRef<int64_t> low, llvm::ArrayRef<int64_t> high,
    mlir::Value initValue,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                   mlir::Value, mlir::Value)>
        combine);

} // namespace nxc::nxtolinalg

#endif // NXC_PASSES_NXTOLINALGCOMMON_H
