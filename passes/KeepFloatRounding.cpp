//===- KeepFloatRounding.cpp - The nx-keep-float-rounding pass ------------===//
//
// This file implements `nx-keep-float-rounding`: it clears the fastmath
// flags of `arith.extf`/`arith.truncf`, which `arith-emulate-unsupported-floats`
// sets to `contract`. With the flag, `extf(truncf(x))` folds to `x` and the
// rounding of bf16 intermediates computed in f32 is lost (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace nxc {
#define GEN_PASS_DEF_NXKEEPFLOATROUNDING
#include "passes/Passes.h.inc"
} // namespace nxc

using namespace mlir;

namespace {
struct NxKeepFloatRoundingPass
    : nxc::impl::NxKeepFloatRoundingBase<NxKeepFloatRoundingPass> {
  void runOnOperation() override {
    // The flags are optional on these two ops: removing them is "none".
    getOperation()->walk([](arith::ExtFOp op) { op.removeFastmathAttr(); });
    getOperation()->walk([](arith::TruncFOp op) { op.removeFastmathAttr(); });
  }
};
} // namespace
