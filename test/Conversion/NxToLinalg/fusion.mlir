// RUN: nx-opt %s --nx-to-linalg --linalg-fuse-elementwise-ops | FileCheck %s

// Tests that after nx-to-linalg, elementwise fusion turns the softmax chain
// broadcast_in_dim + subtract + exp into a single linalg.generic that reads
// the row maximum's key through a broadcasting map (and decodes it), and the
// broadcast + divide into another; only the two reductions stay separate.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @softmax
// CHECK-SAME: (%[[X:.+]]: tensor<?x?xf32>)
// CHECK: %[[MAX:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.maxsi
// CHECK: %[[EXP:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[MAX]] : tensor<?x?xf32>, tensor<?x1xi32>)
// CHECK: ^bb0(%[[IN:.+]]: f32, %[[KEY:.+]]: i32, %{{.+}}: f32):
// CHECK: %[[M:.+]] = arith.bitcast %{{.+}} : i32 to f32
// CHECK-NEXT: %[[SUB:.+]] = arith.subf %[[IN]], %[[M]] : f32
// CHECK-NEXT: %[[E:.+]] = math.exp %[[SUB]] : f32
// CHECK-NEXT: linalg.yield %[[E]] : f32
// CHECK: %[[SUM:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[EXP]] : tensor<?x?xf32>)
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[EXP]], %[[SUM]] : tensor<?x?xf32>, tensor<?x1xf32>)
// CHECK: arith.divf
// CHECK-NOT: linalg.generic
// CHECK: return %[[R]]
func.func @softmax(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = tensor.dim %x, %c0 : tensor<?x?xf32>
  %k = tensor.dim %x, %c1 : tensor<?x?xf32>
  %m = nx.reduce_max %x {axes = array<i64: 1>, keep_axes = true} : tensor<?x?xf32> -> tensor<?x1xf32>
  %mb = nx.broadcast_in_dim %m [%n, %k] {dims = array<i64: 0, 1>} : tensor<?x1xf32> -> tensor<?x?xf32>
  %s = nx.subtract %x, %mb : tensor<?x?xf32>
  %e = nx.exp %s : tensor<?x?xf32>
  %sum = nx.reduce_sum %e {axes = array<i64: 1>, keep_axes = true} : tensor<?x?xf32> -> tensor<?x1xf32>
  %sb = nx.broadcast_in_dim %sum [%n, %k] {dims = array<i64: 0, 1>} : tensor<?x1xf32> -> tensor<?x?xf32>
  %r = nx.divide %e, %sb : tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
