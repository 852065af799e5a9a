// RUN: nx-opt %s --nx-to-linalg --split-input-file | FileCheck %s

// Tests that f32 erf_inv is computed in f64 with Giles' single-precision
// polynomials (w = -log((1 - x)(1 + x)); w - 2.5 below w = 5, sqrt(w) - 3
// above), evaluated as separate multiplies and adds, then p * x, +-inf at
// |x| = 1, and one rounding back to f32.

// CHECK-LABEL: func.func @erf_inv_f32
// CHECK: linalg.generic
// CHECK: ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[X:.+]] = arith.extf %[[IN]] : f32 to f64
// CHECK: %[[OM:.+]] = arith.subf %{{.+}}, %[[X]] : f64
// CHECK: %[[OP:.+]] = arith.addf %{{.+}}, %[[X]] : f64
// CHECK: %[[PR:.+]] = arith.mulf %[[OM]], %[[OP]] : f64
// CHECK: %[[L:.+]] = math.log %[[PR]] : f64
// CHECK: %[[W:.+]] = arith.negf %[[L]] : f64
// CHECK: %[[S:.+]] = math.sqrt %[[W]] : f64
// CHECK: %[[C25:.+]] = arith.constant 2.500000e+00 : f64
// CHECK: %[[T:.+]] = arith.subf %[[W]], %[[C25]] : f64
// CHECK: arith.constant 2.81022636E-8 : f64
// CHECK: arith.constant 1.5014094099999999 : f64
// CHECK: %[[PS:.+]] = arith.addf
// CHECK: %[[C3:.+]] = arith.constant 3.000000e+00 : f64
// CHECK: %[[U:.+]] = arith.subf %[[S]], %[[C3]] : f64
// CHECK: arith.constant -2.0021425699999999E-4 : f64
// CHECK: arith.constant 2.8329768199999998 : f64
// CHECK: %[[PL:.+]] = arith.addf
// CHECK: %[[C5:.+]] = arith.constant 5.000000e+00 : f64
// CHECK: %[[LT:.+]] = arith.cmpf olt, %[[W]], %[[C5]] : f64
// CHECK: %[[P:.+]] = arith.select %[[LT]], %[[PS]], %[[PL]] : f64
// CHECK: %[[R:.+]] = arith.mulf %[[P]], %[[X]] : f64
// CHECK: %[[A:.+]] = math.absf %[[X]] : f64
// CHECK: %[[ONE:.+]] = arith.cmpf oeq, %[[A]], %{{.+}} : f64
// CHECK: %[[INF:.+]] = arith.mulf %[[X]], %{{.+}} : f64
// CHECK: %[[SEL:.+]] = arith.select %[[ONE]], %[[INF]], %[[R]] : f64
// CHECK: %[[OUT:.+]] = arith.truncf %[[SEL]] : f64 to f32
// CHECK: linalg.yield %[[OUT]] : f32
// CHECK-NOT: nx.erf_inv
func.func @erf_inv_f32(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nx.erf_inv %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Tests that f64 erf_inv uses Giles' double-precision polynomials: degree 22
// in w - 3.125 below w = 6.25, degree 18 in sqrt(w) - 3.25 below w = 16,
// degree 16 in sqrt(w) - 5 above, chosen by two selects, with no extension
// and no truncation.

// CHECK-LABEL: func.func @erf_inv_f64
// CHECK: ^bb0(%[[IN:.+]]: f64, %{{.+}}: f64):
// CHECK-NOT: arith.extf
// CHECK: %[[W:.+]] = arith.negf %{{.+}} : f64
// CHECK: arith.constant 3.125000e+00 : f64
// CHECK: arith.constant -3.6444120640178197E-21 : f64
// CHECK: %[[K0:.+]] = arith.constant 1.6536545626831027 : f64
// CHECK-NEXT: %[[P0:.+]] = arith.addf %{{.+}}, %[[K0]] : f64
// CHECK: arith.constant 3.250000e+00 : f64
// CHECK: %[[K1:.+]] = arith.constant 3.0838856104922208 : f64
// CHECK-NEXT: %[[P1:.+]] = arith.addf %{{.+}}, %[[K1]] : f64
// CHECK: arith.constant 5.000000e+00 : f64
// CHECK: %[[K2:.+]] = arith.constant 4.8499064014085844 : f64
// CHECK-NEXT: %[[P2:.+]] = arith.addf %{{.+}}, %[[K2]] : f64
// CHECK: %[[C16:.+]] = arith.constant 1.600000e+01 : f64
// CHECK: %[[LT16:.+]] = arith.cmpf olt, %[[W]], %[[C16]] : f64
// CHECK: %[[Q:.+]] = arith.select %[[LT16]], %[[P1]], %[[P2]] : f64
// CHECK: %[[C625:.+]] = arith.constant 6.250000e+00 : f64
// CHECK: %[[LT6:.+]] = arith.cmpf olt, %[[W]], %[[C625]] : f64
// CHECK: %[[P:.+]] = arith.select %[[LT6]], %[[P0]], %[[Q]] : f64
// CHECK: %[[R:.+]] = arith.mulf %[[P]], %[[IN]] : f64
// CHECK-NOT: arith.truncf
// CHECK: linalg.yield
func.func @erf_inv_f64(%x: tensor<?xf64>) -> tensor<?xf64> {
  %0 = nx.erf_inv %x : tensor<?xf64>
  return %0 : tensor<?xf64>
}

// -----

// Tests that bf16 erf_inv is rounded back through f32 (a direct f64 -> bf16
// truncation needs a libgcc routine).

// CHECK-LABEL: func.func @erf_inv_bf16
// CHECK: %[[X:.+]] = arith.extf %{{.+}} : bf16 to f64
// CHECK-NOT: arith.truncf
// CHECK: %[[F:.+]] = arith.truncf %{{.+}} : f64 to f32
// CHECK-NEXT: %[[B:.+]] = arith.truncf %[[F]] : f32 to bf16
// CHECK-NEXT: linalg.yield %[[B]] : bf16
func.func @erf_inv_bf16(%x: tensor<3xbf16>) -> tensor<3xbf16> {
  %0 = nx.erf_inv %x : tensor<3xbf16>
  return %0 : tensor<3xbf16>
}
