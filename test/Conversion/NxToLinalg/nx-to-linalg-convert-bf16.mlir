// RUN: nx-opt %s --nx-to-linalg | FileCheck %s

// Tests that converting f64 to bf16 truncates through f32: a direct f64 ->
// bf16 truncation becomes a call of libgcc's __truncdfbf2, which compiled
// modules do not link.

// CHECK-LABEL: func.func @f64_to_bf16
// CHECK: ^bb0(%[[IN:.+]]: f64, %{{.+}}: bf16):
// CHECK-NEXT: %[[F:.+]] = arith.truncf %[[IN]] : f64 to f32
// CHECK-NEXT: %[[B:.+]] = arith.truncf %[[F]] : f32 to bf16
// CHECK-NEXT: linalg.yield %[[B]] : bf16
func.func @f64_to_bf16(%x: tensor<3xf64>) -> tensor<3xbf16> {
  %0 = nx.convert %x : tensor<3xf64> -> tensor<3xbf16>
  return %0 : tensor<3xbf16>
}
