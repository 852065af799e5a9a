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

void populateNxElementwiseToLinalgPatterns(const mlir::TypeConverter &converter,
                                           mlir::RewritePatternSet &patterns);
void populateNxStructuredToLinalgPatterns(const mlir::TypeConverter &converter,
                                          mlir::RewritePatternSet &patterns);
/// Slices, pads, gathers, scatters, sort and scans (NxToLinalgIndexing.cpp).
void populateNxIndexingToLinalgPatterns(const mlir::TypeConverter &converter,
                                        mlir::RewritePatternSet &patterns);
/// Windows, convolution, control flow and bitwise ops (NxToLinalgWindow.cpp).
void populateNxWindowToLinalgPatterns(const mlir::TypeConverter &converter,
                                      mlir::RewritePatternSet &patterns);
/// Factorizations and triangular solves (NxToLinalgLinAlg.cpp).
void populateNxLinAlgToLinalgPatterns(const mlir::TypeConverter &converter,
                                      mlir::RewritePatternSet &patterns);

} // namespace nxc::nxtolinalg

#endif // NXC_PASSES_NXTOLINALGCOMMON_H
