// RUN: nx-opt %s --nx-to-linalg --split-input-file | FileCheck %s

// Tests that the inverse and hyperbolic trigonometric ops, erfc and the
// base-2/base-10 logarithms each become the math op of the same name in an
// all-parallel generic.

// CHECK-LABEL: func.func @unary_math
// CHECK: ^bb0(%[[A:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: %[[R:.+]] = math.acos %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: math.asin
// CHECK: math.atan
// CHECK: math.acosh
// CHECK: math.asinh
// CHECK: math.atanh
// CHECK: math.cosh
// CHECK: math.sinh
// CHECK: math.erfc
// CHECK: ^bb0(%[[B:.+]]: f64, %{{.+}}: f64):
// CHECK-NEXT: math.log2 %[[B]] : f64
// CHECK: math.log10
func.func @unary_math(%x: tensor<4xf32>, %y: tensor<?xf64>)
    -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<?xf64>, tensor<?xf64>) {
  %0 = nx.acos %x : tensor<4xf32>
  %1 = nx.asin %x : tensor<4xf32>
  %2 = nx.atan %x : tensor<4xf32>
  %3 = nx.acosh %x : tensor<4xf32>
  %4 = nx.asinh %x : tensor<4xf32>
  %5 = nx.atanh %x : tensor<4xf32>
  %6 = nx.cosh %x : tensor<4xf32>
  %7 = nx.sinh %x : tensor<4xf32>
  %8 = nx.erfc %x : tensor<4xf32>
  %9 = nx.log2 %y : tensor<?xf64>
  %10 = nx.log10 %y : tensor<?xf64>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10
      : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<?xf64>, tensor<?xf64>
}

// -----

// Tests that is_infinity compares |x| with +inf (ordered, so NaN gives 0) and
// widens the i1 to the ui8 0/1 of a predicate.

// CHECK-LABEL: func.func @is_infinity
// CHECK: ^bb0(%[[X:.+]]: f16, %{{.+}}: i8):
// CHECK-NEXT: %[[ABS:.+]] = math.absf %[[X]] : f16
// CHECK-NEXT: %[[INF:.+]] = arith.constant 0x7C00 : f16
// CHECK-NEXT: %[[EQ:.+]] = arith.cmpf oeq, %[[ABS]], %[[INF]] : f16
// CHECK-NEXT: %[[P:.+]] = arith.extui %[[EQ]] : i1 to i8
// CHECK-NEXT: linalg.yield %[[P]] : i8
func.func @is_infinity(%x: tensor<2x3xf16>) -> tensor<2x3xui8> {
  %0 = nx.is_infinity %x : tensor<2x3xf16> -> tensor<2x3xui8>
  return %0 : tensor<2x3xui8>
}
