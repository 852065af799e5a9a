// RUN: nx-opt %s --split-input-file --verify-diagnostics | FileCheck %s

// Tests that the inverse/hyperbolic trigonometric ops, erfc, log2, log10 and
// is_infinity parse, verify and print back in their custom form.

// CHECK-LABEL: func.func @round_trip
// CHECK: nx.acos %{{.+}} : tensor<2xf32>
// CHECK: nx.asinh %{{.+}} : tensor<2xf32>
// CHECK: nx.erfc %{{.+}} : tensor<?xf64>
// CHECK: nx.log10 %{{.+}} : tensor<?xf64>
// CHECK: nx.is_infinity %{{.+}} : tensor<2xbf16> -> tensor<2xui8>
func.func @round_trip(%x: tensor<2xf32>, %y: tensor<?xf64>, %z: tensor<2xbf16>) {
  %0 = nx.acos %x : tensor<2xf32>
  %1 = nx.asinh %x : tensor<2xf32>
  %2 = nx.erfc %y : tensor<?xf64>
  %3 = nx.log10 %y : tensor<?xf64>
  %4 = nx.is_infinity %z : tensor<2xbf16> -> tensor<2xui8>
  return
}

// -----

// Tests that the float-only ops reject integer operands (the frontend
// converts integers to f32 first).
func.func @acosh_int(%x: tensor<3xsi32>) {
  // expected-error @+1 {{'nx.acosh' op operand #0 must be}}
  %0 = nx.acosh %x : tensor<3xsi32>
  return
}

// -----

// Tests that is_infinity rejects an integer operand.
func.func @is_infinity_int(%x: tensor<3xsi32>) {
  // expected-error @+1 {{'nx.is_infinity' op operand #0 must be}}
  %0 = nx.is_infinity %x : tensor<3xsi32> -> tensor<3xui8>
  return
}

// -----

// Tests that is_infinity keeps the operand's shape.
func.func @is_infinity_shape(%x: tensor<3xf32>) {
  // expected-error @+1 {{'nx.is_infinity' op failed to verify that all of {x, result} have same shape}}
  %0 = nx.is_infinity %x : tensor<3xf32> -> tensor<4xui8>
  return
}
