//===- Passes.h - nx transformation passes ----------------------*- C++ -*-===//
//
// This file declares the passes of nxc (see Passes.td) and the pattern
// population functions they are built from.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_PASSES_PASSES_H
#define NXC_PASSES_PASSES_H

#include "mlir/Pass/Pass.h"
#include <memory>

namespace mlir {
class ModuleOp;
class RewritePatternSet;
class TypeConverter;
namespace arith {
class ArithDialect;
} // namespace arith
namespace linalg {
class LinalgDialect;
} // namespace linalg
namespace math {
class MathDialect;
} // namespace math
namespace scf {
class SCFDialect;
} // namespace scf
namespace tensor {
class TensorDialect;
} // namespace tensor
} // namespace mlir

namespace nxc {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

/// Converts signed/unsigned integer element types (and tensors of them) to
/// signless integers of the same width; everything else is kept.
void populateNxToLinalgTypeConversion(mlir::TypeConverter &converter);

/// Adds the patterns lowering every `nx` op to linalg/tensor/arith/math.
void populateNxToLinalgPatterns(mlir::TypeConverter &converter,
                                mlir::RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

} // namespace nxc

#endif // NXC_PASSES_PASSES_H
