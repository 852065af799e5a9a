// RUN: nx-opt %s --nx-to-linalg --split-input-file | FileCheck %s

// Tests that a static slice of a `?` operand moves its start on the `?`
// dim down to max(dim - span, 0) (span = (size - 1) * stride + 1) and is
// one strided tensor.extract_slice when the dim holds the span; otherwise
// the elements that exist go into a zero-filled tensor.

// CHECK-LABEL: func.func @slice
// CHECK-SAME: (%[[X:.+]]: tensor<?x8xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]]
// CHECK: %[[D:.+]] = arith.subi %[[N]], %{{.+}} : index
// CHECK: %[[M:.+]] = arith.maxsi %[[D]], %{{.+}} : index
// CHECK: %[[O:.+]] = arith.minsi %[[M]], %{{.+}} : index
// CHECK: %[[FITS:.+]] = arith.cmpi sge
// CHECK: scf.if %[[FITS]] -> (tensor<2x3xf32>)
// CHECK: %[[S:.+]] = tensor.extract_slice %[[X]][%[[O]], 0] [2, 3] [1, 3] : tensor<?x8xf32> to tensor<2x3xf32>
// CHECK: scf.yield %[[S]]
// CHECK: } else {
// CHECK: %[[P:.+]] = tensor.extract_slice %[[X]][%[[O]], 0] [%[[A:.+]], 3] [1, 3] : tensor<?x8xf32> to tensor<?x3xf32>
// CHECK: %[[F:.+]] = linalg.fill
// CHECK: tensor.insert_slice %[[P]] into %[[F]][0, 0] [%[[A]], 3] [1, 1]
func.func @slice(%x: tensor<?x8xf32>) -> tensor<2x3xf32> {
  %0 = nx.slice %x {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 3, 7>, strides = array<i64: 1, 3>} : tensor<?x8xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Tests that dynamic_slice clamps a signed start to [0, max(dim - size, 0)]
// with minsi/maxsi and an unsigned one with minui only, before slicing
// (guarded like nx.slice on the `?` dim).

// CHECK-LABEL: func.func @dynamic_slice
// CHECK-SAME: (%[[X:.+]]: tensor<?x8xf32>, %[[I:.+]]: tensor<i32>, %[[J:.+]]: tensor<i64>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x8xf32>
// CHECK: %[[SUB:.+]] = arith.subi %[[N]], %{{.+}} : index
// CHECK: %[[MAXI:.+]] = arith.maxsi %[[SUB]], %{{.+}} : index
// CHECK: %[[IV:.+]] = tensor.extract %[[I]][] : tensor<i32>
// CHECK: %[[IW:.+]] = arith.extsi %[[IV]] : i32 to i64
// CHECK: %[[MAXI64:.+]] = arith.index_cast %[[MAXI]] : index to i64
// CHECK: %[[LOW:.+]] = arith.minsi %[[IW]], %[[MAXI64]] : i64
// CHECK: %[[CL:.+]] = arith.maxsi %[[LOW]], %{{.+}} : i64
// CHECK: %[[OI:.+]] = arith.index_cast %[[CL]] : i64 to index
// CHECK: %[[JV:.+]] = tensor.extract %[[J]][] : tensor<i64>
// CHECK: %[[JC:.+]] = arith.minui %[[JV]], %{{.+}} : i64
// CHECK-NOT: arith.maxsi
// CHECK: %[[OJ:.+]] = arith.index_cast %[[JC]] : i64 to index
// CHECK: scf.if
// CHECK: tensor.extract_slice %[[X]][%[[OI]], %[[OJ]]] [2, 3] [1, 1] : tensor<?x8xf32> to tensor<2x3xf32>
func.func @dynamic_slice(%x: tensor<?x8xf32>, %i: tensor<si32>, %j: tensor<ui64>) -> tensor<2x3xf32> {
  %0 = nx.dynamic_slice %x [%i, %j] {slice_sizes = array<i64: 2, 3>} : tensor<?x8xf32>, [tensor<si32>, tensor<ui64>] -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Tests that dynamic_update_slice writes only the leading min(u, dim)
// elements of a `?` update, clamps its start so that they fit, then inserts
// them.

// CHECK-LABEL: func.func @dynamic_update_slice
// CHECK-SAME: (%[[X:.+]]: tensor<8xi32>, %[[U:.+]]: tensor<?xi32>, %[[I:.+]]: tensor<i64>)
// CHECK: %[[N:.+]] = tensor.dim %[[U]], %{{.+}} : tensor<?xi32>
// CHECK: %[[M:.+]] = arith.minsi %[[N]], %{{.+}} : index
// CHECK: %[[UP:.+]] = tensor.extract_slice %[[U]][0] [%[[M]]] [1]
// CHECK: arith.subi %{{.+}}, %[[M]] : index
// CHECK: arith.minsi
// CHECK: arith.maxsi
// CHECK: %[[O:.+]] = arith.index_cast %{{.+}} : i64 to index
// CHECK: %[[R:.+]] = tensor.insert_slice %[[UP]] into %[[X]][%[[O]]] [%[[M]]] [1] : tensor<?xi32> into tensor<8xi32>
// CHECK: return %[[R]]
func.func @dynamic_update_slice(%x: tensor<8xsi32>, %u: tensor<?xsi32>, %i: tensor<si64>) -> tensor<8xsi32> {
  %0 = nx.dynamic_update_slice %x, %u [%i] : tensor<8xsi32>, tensor<?xsi32>, [tensor<si64>]
  return %0 : tensor<8xsi32>
}

// -----

// Tests that pad with interior and positive low padding fills a tensor of the
// padded size, inserts the operand with stride interior + 1, and crops the
// negative high padding with an extract_slice.

// CHECK-LABEL: func.func @pad
// CHECK-SAME: (%[[X:.+]]: tensor<?xf32>, %[[P:.+]]: tensor<f32>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?xf32>
// CHECK: %[[GAPS:.+]] = arith.maxsi
// CHECK: %[[SPREAD:.+]] = arith.addi %[[N]], %[[GAPS]] : index
// CHECK: %[[SIZE:.+]] = arith.addi %[[SPREAD]], %{{.+}} : index
// CHECK: %[[KEEP:.+]] = arith.subi %[[SIZE]], %{{.+}} : index
// CHECK: %[[E:.+]] = tensor.empty(%[[SIZE]]) : tensor<?xf32>
// CHECK: %[[V:.+]] = tensor.extract %[[P]][] : tensor<f32>
// CHECK: %[[F:.+]] = linalg.fill ins(%[[V]] : f32) outs(%[[E]] : tensor<?xf32>)
// CHECK: %[[I:.+]] = tensor.insert_slice %[[X]] into %[[F]][2] [%[[N]]] [2]
// CHECK: %[[R:.+]] = tensor.extract_slice %[[I]][0] [%[[KEEP]]] [1]
// CHECK: return %[[R]]
func.func @pad(%x: tensor<?xf32>, %p: tensor<f32>) -> tensor<?xf32> {
  %0 = nx.pad %x, %p {low = array<i64: 2>, high = array<i64: -1>, interior = array<i64: 1>} : tensor<?xf32>, tensor<f32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Tests that a pad that only crops is a single extract_slice.

// CHECK-LABEL: func.func @pad_crop
// CHECK-SAME: (%[[X:.+]]: tensor<5xi32>
// CHECK-NOT: linalg.fill
// CHECK: %[[R:.+]] = tensor.extract_slice %[[X]][1] [2] [1] : tensor<5xi32> to tensor<2xi32>
// CHECK: return %[[R]]
func.func @pad_crop(%x: tensor<5xsi32>, %p: tensor<si32>) -> tensor<2xsi32> {
  %0 = nx.pad %x, %p {low = array<i64: -1>, high = array<i64: -2>, interior = array<i64: 0>} : tensor<5xsi32>, tensor<si32> -> tensor<2xsi32>
  return %0 : tensor<2xsi32>
}

// -----

// Tests that concatenate inserts each input into an empty result at the
// running offset along the axis.

// CHECK-LABEL: func.func @concatenate
// CHECK-SAME: (%[[A:.+]]: tensor<2x?xf32>, %[[B:.+]]: tensor<3x?xf32>)
// CHECK: %[[NA:.+]] = tensor.dim %[[A]], %{{.+}} : tensor<2x?xf32>
// CHECK: %[[NB:.+]] = tensor.dim %[[B]], %{{.+}} : tensor<3x?xf32>
// CHECK: %[[E:.+]] = tensor.empty(%[[NA]]) : tensor<5x?xf32>
// CHECK: %[[R0:.+]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [2, %[[NA]]] [1, 1]
// CHECK: %[[R1:.+]] = tensor.insert_slice %[[B]] into %[[R0]][2, 0] [3, %[[NB]]] [1, 1]
// CHECK: return %[[R1]]
func.func @concatenate(%a: tensor<2x?xf32>, %b: tensor<3x?xf32>) -> tensor<5x?xf32> {
  %0 = nx.concatenate %a, %b {axis = 0} : tensor<2x?xf32>, tensor<3x?xf32> -> tensor<5x?xf32>
  return %0 : tensor<5x?xf32>
}

// -----

// Tests that reverse is an output-only generic that reads the operand at
// `dim - 1 - i` along the reversed axes.

// CHECK-LABEL: func.func @reverse
// CHECK-SAME: (%[[X:.+]]: tensor<?x4xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x4xf32>
// CHECK: %[[LAST:.+]] = arith.subi %[[N]], %{{.+}} : index
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.+}} : tensor<?x4xf32>)
// CHECK: %[[I:.+]] = linalg.index 0 : index
// CHECK: %[[RI:.+]] = arith.subi %[[LAST]], %[[I]] : index
// CHECK: %[[J:.+]] = linalg.index 1 : index
// CHECK: %[[V:.+]] = tensor.extract %[[X]][%[[RI]], %[[J]]] : tensor<?x4xf32>
// CHECK: linalg.yield %[[V]] : f32
func.func @reverse(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = nx.reverse %x {axes = array<i64: 0>} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Tests that a reversed cumulative_sum is an scf.for over the axis, from the
// last index down, carrying the running slice (starting at 0) and the result.

// CHECK-LABEL: func.func @cumulative_sum
// CHECK-SAME: (%[[X:.+]]: tensor<?x4xi32>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x4xi32>
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : i32) outs(%{{.+}} : tensor<1x4xi32>)
// CHECK: %[[INIT:.+]] = tensor.empty(%[[N]]) : tensor<?x4xi32>
// CHECK: %[[LAST:.+]] = arith.subi %[[N]], %{{.+}} : index
// CHECK: %[[LOOP:.+]]:2 = scf.for %[[K:.+]] = %{{.+}} to %[[N]] step %{{.+}} iter_args(%[[RUNNING:.+]] = %[[ACC]], %[[RES:.+]] = %[[INIT]])
// CHECK: %[[AT:.+]] = arith.subi %[[LAST]], %[[K]] : index
// CHECK: %[[S:.+]] = tensor.extract_slice %[[X]][%[[AT]], 0] [1, 4] [1, 1]
// CHECK: %[[NEXT:.+]] = linalg.generic
// CHECK-SAME: ins(%[[S]] : tensor<1x4xi32>) outs(%[[RUNNING]] : tensor<1x4xi32>)
// CHECK: arith.addi
// CHECK: %[[INS:.+]] = tensor.insert_slice %[[NEXT]] into %[[RES]][%[[AT]], 0] [1, 4] [1, 1]
// CHECK: scf.yield %[[NEXT]], %[[INS]]
// CHECK: return %[[LOOP]]#1
func.func @cumulative_sum(%x: tensor<?x4xsi32>) -> tensor<?x4xsi32> {
  %0 = nx.cumulative_sum %x {axis = 0, reverse = true} : tensor<?x4xsi32>
  return %0 : tensor<?x4xsi32>
}

// -----

// Tests the identities and combiners of cumulative max/min: -inf and
// maximumf for floats, the unsigned maximum and minui for `ui8`, the signed
// minimum and maxsi for `si64`, 1 and mulf for a product.

// CHECK-LABEL: func.func @cumulative_kinds
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: arith.maximumf
// CHECK: arith.constant -1 : i8
// CHECK: arith.minui
// CHECK: arith.constant -9223372036854775808 : i64
// CHECK: arith.maxsi
// CHECK: arith.constant 1.000000e+00 : f64
// CHECK: arith.mulf
func.func @cumulative_kinds(%x: tensor<3xf32>, %u: tensor<3xui8>, %s: tensor<3xsi64>, %d: tensor<3xf64>) -> (tensor<3xf32>, tensor<3xui8>, tensor<3xsi64>, tensor<3xf64>) {
  %0 = nx.cumulative_max %x {axis = 0} : tensor<3xf32>
  %1 = nx.cumulative_min %u {axis = 0} : tensor<3xui8>
  %2 = nx.cumulative_max %s {axis = 0} : tensor<3xsi64>
  %3 = nx.cumulative_product %d {axis = 0} : tensor<3xf64>
  return %0, %1, %2, %3 : tensor<3xf32>, tensor<3xui8>, tensor<3xsi64>, tensor<3xf64>
}

// -----

// Tests that sort is a bottom-up merge sort per row: an identity
// permutation, an scf.while over doubling run widths that alternates
// between two index buffers, merging runs with the NaN-aware compare, then
// an scf.for storing the elements in permuted order.

// CHECK-LABEL: func.func @sort
// CHECK-SAME: (%[[X:.+]]: tensor<?xf32>)
// CHECK: %[[ID:.+]] = linalg.generic
// CHECK: linalg.index 0
// CHECK: %[[W:.+]]:4 = scf.while (%{{.+}} = %[[ID]], %{{.+}} = %{{.+}}, %{{.+}} = %{{.+}}, %{{.+}} = %{{.+}}) : (tensor<?xindex>, tensor<?xindex>, index, i1)
// CHECK: scf.if
// CHECK: scf.for
// CHECK: scf.for
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf uno
// CHECK: tensor.insert %{{.+}} into %{{.+}}[%{{.+}}] : tensor<?xindex>
// CHECK: %[[PERM:.+]] = scf.if %[[W]]#3
// CHECK: scf.for %[[K:.+]] = {{.+}} iter_args(%[[ACC:.+]] = %{{.+}}) -> (tensor<?xf32>)
// CHECK: %[[P:.+]] = tensor.extract %[[PERM]][%[[K]]] : tensor<?xindex>
// CHECK: %[[V:.+]] = tensor.extract %[[X]][%[[P]]] : tensor<?xf32>
// CHECK: tensor.insert %[[V]] into %[[ACC]][%[[K]]] : tensor<?xf32>
func.func @sort(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = nx.sort %x {axis = 0} : tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Tests that argsort compares `ui8` as unsigned and stores the original
// index, cast to the result type, at each sorted position.

// CHECK-LABEL: func.func @argsort
// CHECK: scf.while
// CHECK: arith.cmpi ult, %{{.+}}, %{{.+}} : i8
// CHECK: scf.for %[[K:.+]] = {{.+}} iter_args(%[[ACC:.+]] = %{{.+}}) -> (tensor<4xi32>)
// CHECK: %[[P:.+]] = tensor.extract %{{.+}}[%[[K]]] : tensor<?xindex>
// CHECK: %[[V:.+]] = arith.index_castui %[[P]] : index to i32
// CHECK: tensor.insert %[[V]] into %[[ACC]][%[[K]]] : tensor<4xi32>
func.func @argsort(%x: tensor<4xui8>) -> tensor<4xsi32> {
  %0 = nx.argsort %x {axis = 0, descending = true} : tensor<4xui8> -> tensor<4xsi32>
  return %0 : tensor<4xsi32>
}

// -----

// Tests that gather is an output-only generic that reads each index,
// clamps it to [0, dim - 1] and extracts the operand element.

// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>, %[[I:.+]]: tensor<5x1xi64>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<5x3xf32>
// CHECK: linalg.generic
// CHECK-SAME: outs(%[[E]] : tensor<5x3xf32>)
// CHECK: %[[D0:.+]] = linalg.index 0 : index
// CHECK: %[[D1:.+]] = linalg.index 1 : index
// CHECK: %[[IV:.+]] = tensor.extract %[[I]][%[[D0]], %{{.+}}] : tensor<5x1xi64>
// CHECK: arith.minsi %[[IV]]
// CHECK: arith.maxsi
// CHECK: %[[AT:.+]] = arith.index_cast %{{.+}} : i64 to index
// CHECK: %[[V:.+]] = tensor.extract %[[X]][%[[AT]], %[[D1]]] : tensor<?x3xf32>
// CHECK: linalg.yield %[[V]] : f32
func.func @gather(%x: tensor<?x3xf32>, %i: tensor<5x1xsi64>) -> tensor<5x3xf32> {
  %0 = nx.gather %x, %i {axes = array<i64: 0>} : tensor<?x3xf32>, tensor<5x1xsi64> -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

// Tests that scatter in `add` mode is an scf.for nest over the updates that
// starts from the target and adds each update to the element at its
// clamped position.

// CHECK-LABEL: func.func @scatter_add
// CHECK-SAME: (%[[T:.+]]: tensor<4x3xf32>, %[[I:.+]]: tensor<2x1xi32>, %[[U:.+]]: tensor<2x3xf32>)
// CHECK: scf.for %[[P:.+]] = {{.+}} iter_args(%{{.+}} = %[[T]]) -> (tensor<4x3xf32>)
// CHECK: scf.for %[[Q:.+]] = {{.+}} iter_args(%[[ACC:.+]] = %{{.+}}) -> (tensor<4x3xf32>)
// CHECK: tensor.extract %[[I]][%[[P]], %{{.+}}] : tensor<2x1xi32>
// CHECK: %[[AT:.+]] = arith.index_cast %{{.+}} : i64 to index
// CHECK: %[[V:.+]] = tensor.extract %[[U]][%[[P]], %[[Q]]] : tensor<2x3xf32>
// CHECK: %[[OLD:.+]] = tensor.extract %[[ACC]][%[[AT]], %[[Q]]] : tensor<4x3xf32>
// CHECK: %[[NEW:.+]] = arith.addf %[[OLD]], %[[V]] : f32
// CHECK: tensor.insert %[[NEW]] into %[[ACC]][%[[AT]], %[[Q]]] : tensor<4x3xf32>
func.func @scatter_add(%t: tensor<4x3xf32>, %i: tensor<2x1xsi32>, %u: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %0 = nx.scatter %t, %i, %u {axes = array<i64: 0>, mode = "add"} : tensor<4x3xf32>, tensor<2x1xsi32>, tensor<2x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Tests that scatter in `put` mode stores the update without reading the
// target.

// CHECK-LABEL: func.func @scatter_put
// CHECK: %[[V:.+]] = tensor.extract %{{.+}} : tensor<2xi8>
// CHECK-NOT: tensor.extract
// CHECK: tensor.insert %[[V]]
func.func @scatter_put(%t: tensor<4xsi8>, %i: tensor<2x1xui8>, %u: tensor<2xsi8>) -> tensor<4xsi8> {
  %0 = nx.scatter %t, %i, %u {axes = array<i64: 0>, mode = "put"} : tensor<4xsi8>, tensor<2x1xui8>, tensor<2xsi8>
  return %0 : tensor<4xsi8>
}
