// RUN: nx-opt %s --nx-to-linalg --split-input-file --verify-diagnostics

// Tests that a signed constant whose data can be reinterpreted neither as
// `dense<...>` nor as `dense_resource<...>` is reported.
func.func @sparse_signed() -> tensor<2xsi32> {
  // expected-error @+2 {{cannot convert the element type of a constant that is neither `dense<...>` nor `dense_resource<...>`: 'tensor<2xsi32>'}}
  // expected-error @+1 {{failed to legalize operation 'nx.constant'}}
  %0 = nx.constant sparse<[[0]], [1]> : tensor<2xsi32>
  return %0 : tensor<2xsi32>
}
