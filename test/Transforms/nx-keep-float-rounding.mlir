// RUN: %nx-opt %s --arith-emulate-unsupported-floats="source-types=bf16 target-type=f32" --nx-keep-float-rounding | FileCheck %s
// RUN: %nx-opt %s --arith-emulate-unsupported-floats="source-types=bf16 target-type=f32" --nx-keep-float-rounding --canonicalize | FileCheck %s --check-prefix=CANON

// Tests that bf16 a * b + c, emulated in f32, keeps the product's rounding to
// bf16: the pass clears the `contract` flags, so canonicalization no longer
// folds the truncf/extf pair between the multiply and the add.

func.func @fma_bf16(%a: bf16, %b: bf16, %c: bf16) -> bf16 {
  %m = arith.mulf %a, %b : bf16
  %r = arith.addf %m, %c : bf16
  return %r : bf16
}
// CHECK-LABEL: func.func @fma_bf16
// CHECK-NOT: fastmath
// CHECK: %[[M:.+]] = arith.mulf %{{.+}}, %{{.+}} : f32
// CHECK: %[[T:.+]] = arith.truncf %[[M]] : f32 to bf16
// CHECK: %[[E:.+]] = arith.extf %[[T]] : bf16 to f32
// CHECK: arith.addf %[[E]], %{{.+}} : f32

// CANON-LABEL: func.func @fma_bf16
// CANON: %[[M:.+]] = arith.mulf %{{.+}}, %{{.+}} : f32
// CANON: %[[T:.+]] = arith.truncf %[[M]] : f32 to bf16
// CANON: %[[E:.+]] = arith.extf %[[T]] : bf16 to f32
// CANON: arith.addf %[[E]], %{{.+}} : f32
