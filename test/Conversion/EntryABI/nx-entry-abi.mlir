// RUN: %nx-opt %s --nx-entry-abi --split-input-file --verify-diagnostics | FileCheck %s

// Tests that a static entry gets a memref wrapper (inputs, then outputs, all
// noalias) that reads with restrict to_tensor, calls the entry and
// materializes the result in the output buffer, and that the entry becomes
// private.

// CHECK-LABEL: func.func private @M_add(
// CHECK-NOT:     nx.entry
// CHECK-LABEL: func.func @nxc_M_add_impl(
// CHECK-SAME:      %[[A:[a-z0-9]+]]: memref<2x3xf32> {llvm.noalias},
// CHECK-SAME:      %[[B:[a-z0-9]+]]: memref<2x3xf32> {llvm.noalias},
// CHECK-SAME:      %[[OUT:[a-z0-9]+]]: memref<2x3xf32> {llvm.noalias})
// CHECK-SAME:      attributes {llvm.emit_c_interface, nx.export = "nxc_M_add", nx.signature = "add(f32[2,3],f32[2,3])->(f32[2,3])"}
// CHECK:         %[[TA:.+]] = bufferization.to_tensor %[[A]] restrict : memref<2x3xf32> to tensor<2x3xf32>
// CHECK:         %[[TB:.+]] = bufferization.to_tensor %[[B]] restrict : memref<2x3xf32> to tensor<2x3xf32>
// CHECK:         %[[R:.+]] = call @M_add(%[[TA]], %[[TB]]) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK:         bufferization.materialize_in_destination %[[R]] in restrict writable %[[OUT]] : (tensor<2x3xf32>, memref<2x3xf32>) -> ()
// CHECK:         return
func.func @M_add(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32>
    attributes {nx.entry, nx.signature = "add(f32[2,3],f32[2,3])->(f32[2,3])"} {
  %r = arith.addf %a, %b : tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// Tests that dynamic dims stay dynamic, several results get one output each,
// rank-0 tensors pass as rank-0 memrefs, and functions without nx.entry are
// left alone.

// CHECK-LABEL: func.func private @helper(
// CHECK-LABEL: func.func private @M_stats(
// CHECK-LABEL: func.func @nxc_M_stats_impl(
// CHECK-SAME:      %[[X:[a-z0-9]+]]: memref<?x4xf64> {llvm.noalias},
// CHECK-SAME:      %[[O0:[a-z0-9]+]]: memref<?x4xf64> {llvm.noalias},
// CHECK-SAME:      %[[O1:[a-z0-9]+]]: memref<f64> {llvm.noalias})
// CHECK:         %[[T:.+]] = bufferization.to_tensor %[[X]] restrict : memref<?x4xf64> to tensor<?x4xf64>
// CHECK:         %[[R:.+]]:2 = call @M_stats(%[[T]])
// CHECK:         bufferization.materialize_in_destination %[[R]]#0 in restrict writable %[[O0]]
// CHECK:         bufferization.materialize_in_destination %[[R]]#1 in restrict writable %[[O1]]
// CHECK-NOT:   func.func @nxc_helper_impl
func.func private @helper(%x: tensor<?x4xf64>) -> tensor<?x4xf64> {
  return %x : tensor<?x4xf64>
}
func.func @M_stats(%x: tensor<?x4xf64>) -> (tensor<?x4xf64>, tensor<f64>)
    attributes {nx.entry, nx.signature = "stats(f64[n,4])->(f64[n,4],f64[])"} {
  %h = func.call @helper(%x) : (tensor<?x4xf64>) -> tensor<?x4xf64>
  %c = arith.constant dense<1.0> : tensor<f64>
  return %h, %c : tensor<?x4xf64>, tensor<f64>
}

// -----

// Tests that pred (i1) tensors cross the ABI as one byte per element: inputs
// are compared with zero, outputs widened with extui.

// CHECK-LABEL: func.func @nxc_M_not_impl(
// CHECK-SAME:      %[[P:[a-z0-9]+]]: memref<?xi8> {llvm.noalias},
// CHECK-SAME:      %[[OUT:[a-z0-9]+]]: memref<?xi8> {llvm.noalias})
// CHECK:         %[[BYTES:.+]] = bufferization.to_tensor %[[P]] restrict : memref<?xi8> to tensor<?xi8>
// CHECK:         %[[BITS:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[BYTES]] : tensor<?xi8>)
// CHECK:           arith.cmpi ne
// CHECK:         %[[R:.+]] = call @M_not(%[[BITS]]) : (tensor<?xi1>) -> tensor<?xi1>
// CHECK:         %[[WIDE:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[R]] : tensor<?xi1>)
// CHECK:           arith.extui %{{.+}} : i1 to i8
// CHECK:         bufferization.materialize_in_destination %[[WIDE]] in restrict writable %[[OUT]] : (tensor<?xi8>, memref<?xi8>) -> ()
func.func @M_not(%p: tensor<?xi1>) -> tensor<?xi1>
    attributes {nx.entry, nx.signature = "not(pred[n])->(pred[n])"} {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %p, %c0 : tensor<?xi1>
  %t = arith.constant true
  %ones = tensor.splat %t[%n] : tensor<?xi1>
  %r = arith.xori %p, %ones : tensor<?xi1>
  return %r : tensor<?xi1>
}

// -----

// Tests that an entry with an unranked tensor is rejected.

// expected-error @+1 {{'func.func' op argument #0 has type 'tensor<*xf32>', but the entry ABI only passes ranked tensors of signless integers or floats}}
func.func @M_bad(%a: tensor<*xf32>) -> tensor<*xf32>
    attributes {nx.entry, nx.signature = "bad(f32[n])->(f32[n])"} {
  return %a : tensor<*xf32>
}

// -----

// Tests that signed element types (nx-to-linalg not run yet) are rejected.

// expected-error @+1 {{result #0 has type 'tensor<3xsi32>'}}
func.func @M_signed(%a: tensor<3xf32>) -> tensor<3xsi32>
    attributes {nx.entry, nx.signature = "signed(f32[3])->(s32[3])"} {
  %c = arith.constant dense<1> : tensor<3xsi32>
  return %c : tensor<3xsi32>
}
