// RUN: nx-opt %s --nx-to-linalg --split-input-file | FileCheck %s

// Tests that a binary bitwise op becomes an all-parallel generic on signless
// integers.

// CHECK-LABEL: func.func @bitwise_and
// CHECK-SAME: (%[[X:.+]]: tensor<4xi32>, %[[Y:.+]]: tensor<4xi32>)
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel"]
// CHECK-SAME: ins(%[[X]], %[[Y]] : tensor<4xi32>, tensor<4xi32>)
// CHECK: ^bb0(%[[A:.+]]: i32, %[[B:.+]]: i32, %{{.+}}: i32):
// CHECK: %[[R:.+]] = arith.andi %[[A]], %[[B]] : i32
// CHECK: linalg.yield %[[R]]
func.func @bitwise_and(%x: tensor<4xsi32>, %y: tensor<4xsi32>) -> tensor<4xsi32> {
  %0 = nx.bitwise_and %x, %y : tensor<4xsi32>
  return %0 : tensor<4xsi32>
}

// -----

// Tests that bitwise_not is an xor with all ones.

// CHECK-LABEL: func.func @bitwise_not
// CHECK: ^bb0(%[[A:.+]]: i8, %{{.+}}: i8):
// CHECK: %[[ONES:.+]] = arith.constant -1 : i8
// CHECK: arith.xori %[[A]], %[[ONES]] : i8
func.func @bitwise_not(%x: tensor<3xui8>) -> tensor<3xui8> {
  %0 = nx.bitwise_not %x : tensor<3xui8>
  return %0 : tensor<3xui8>
}

// -----

// Tests that left_shift selects 0 where the amount is at least the bit width
// (read as unsigned), so no poison shift survives.

// CHECK-LABEL: func.func @left_shift
// CHECK: ^bb0(%[[A:.+]]: i32, %[[B:.+]]: i32, %{{.+}}: i32):
// CHECK: %[[SH:.+]] = arith.shli %[[A]], %[[B]] : i32
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK: %[[W:.+]] = arith.constant 32 : i32
// CHECK: %[[OUT:.+]] = arith.cmpi uge, %[[B]], %[[W]] : i32
// CHECK: %[[R:.+]] = arith.select %[[OUT]], %[[ZERO]], %[[SH]] : i32
// CHECK: linalg.yield %[[R]]
func.func @left_shift(%x: tensor<4xsi32>, %y: tensor<4xsi32>) -> tensor<4xsi32> {
  %0 = nx.left_shift %x, %y : tensor<4xsi32>
  return %0 : tensor<4xsi32>
}

// -----

// Tests that right_shift is arithmetic for signed elements, with the amount
// clamped to width - 1, and logical for unsigned ones, guarded by a select.

// CHECK-LABEL: func.func @right_shift
// CHECK: ^bb0(%[[A:.+]]: i64, %[[B:.+]]: i64, %{{.+}}: i64):
// CHECK: %[[MAX:.+]] = arith.constant 63 : i64
// CHECK: %[[AMT:.+]] = arith.minui %[[B]], %[[MAX]] : i64
// CHECK: arith.shrsi %[[A]], %[[AMT]] : i64
// CHECK: ^bb0(%[[C:.+]]: i8, %[[D:.+]]: i8, %{{.+}}: i8):
// CHECK: %[[SH:.+]] = arith.shrui %[[C]], %[[D]] : i8
// CHECK: %[[W:.+]] = arith.constant 8 : i8
// CHECK: %[[OUT:.+]] = arith.cmpi uge, %[[D]], %[[W]] : i8
// CHECK: arith.select %[[OUT]], %{{.+}}, %[[SH]] : i8
func.func @right_shift(%x: tensor<2xsi64>, %y: tensor<2xsi64>, %u: tensor<2xui8>, %v: tensor<2xui8>) -> (tensor<2xsi64>, tensor<2xui8>) {
  %0 = nx.right_shift %x, %y : tensor<2xsi64>
  %1 = nx.right_shift %u, %v : tensor<2xui8>
  return %0, %1 : tensor<2xsi64>, tensor<2xui8>
}

// -----

// Tests that population_count and count_leading_zeros use arith ops only
// (no math.ctpop/ctlz, which the CPU pipeline's math-to-libm rejects).

// CHECK-LABEL: func.func @bit_counts
// CHECK-NOT: math.
// CHECK: arith.constant 1431655765 : i32
// CHECK: arith.constant 858993459 : i32
// CHECK: arith.constant 252645135 : i32
// CHECK: arith.constant 16843009 : i32
// CHECK: arith.muli
// CHECK: arith.constant 24 : i32
// CHECK: arith.shrui
// CHECK: linalg.generic
// CHECK: arith.constant 16 : i32
// CHECK: arith.constant 32 : i32
// CHECK: arith.subi
// CHECK-NOT: math.
func.func @bit_counts(%x: tensor<4xsi32>) -> (tensor<4xsi32>, tensor<4xsi32>) {
  %0 = nx.population_count %x : tensor<4xsi32>
  %1 = nx.count_leading_zeros %x : tensor<4xsi32>
  return %0, %1 : tensor<4xsi32>, tensor<4xsi32>
}

// -----

// Tests that bitcast between types of the same signless type is the operand
// itself, and arith.bitcast otherwise.

// CHECK-LABEL: func.func @bitcast
// CHECK-SAME: (%[[X:.+]]: tensor<?xi8>, %[[F:.+]]: tensor<?xf32>)
// CHECK: %[[B:.+]] = linalg.generic
// CHECK-SAME: ins(%[[F]] : tensor<?xf32>)
// CHECK: arith.bitcast %{{.+}} : f32 to i32
// CHECK: return %[[X]], %[[B]]
func.func @bitcast(%x: tensor<?xsi8>, %f: tensor<?xf32>) -> (tensor<?xui8>, tensor<?xsi32>) {
  %0 = nx.bitcast %x : tensor<?xsi8> -> tensor<?xui8>
  %1 = nx.bitcast %f : tensor<?xf32> -> tensor<?xsi32>
  return %0, %1 : tensor<?xui8>, tensor<?xsi32>
}

// -----

// Tests that window_max pads with -inf, fills the init with -inf and reduces
// over window loops whose bounds come from a window-shaped tensor.empty.

// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2, d3) -> (d0 * 2 + d2, d1 * 2 + d3 * 3)>
// CHECK-DAG: #[[WIN:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-LABEL: func.func @window_max
// CHECK-SAME: (%[[X:.+]]: tensor<4x6xf32>)
// CHECK: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[P:.+]] = tensor.pad %[[X]] low[0, 1] high[1, 0]
// CHECK: tensor.yield %[[NEGINF]]
// CHECK: } : tensor<4x6xf32> to tensor<5x7xf32>
// CHECK: %[[E:.+]] = tensor.empty() : tensor<2x2xf32>
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%[[E]] : tensor<2x2xf32>)
// CHECK: %[[W:.+]] = tensor.empty() : tensor<2x2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[WIN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[P]], %[[W]] : tensor<5x7xf32>, tensor<2x2xf32>) outs(%[[INIT]] : tensor<2x2xf32>)
// CHECK: ^bb0(%[[A:.+]]: f32, %{{.+}}: f32, %[[ACC:.+]]: f32):
// CHECK: arith.maximumf %[[ACC]], %[[A]] : f32
func.func @window_max(%x: tensor<4x6xf32>) -> tensor<2x2xf32> {
  %0 = nx.window_max %x {window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 2, 2>, padding_low = array<i64: 0, 1>, padding_high = array<i64: 1, 0>, window_dilations = array<i64: 1, 3>} : tensor<4x6xf32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// Tests that an unpadded window_min of unsigned integers starts from the
// type's max and compares unsigned.

// CHECK-LABEL: func.func @window_min_unsigned
// CHECK-NOT: tensor.pad
// CHECK: %[[MAX:.+]] = arith.constant -1 : i8
// CHECK: linalg.fill ins(%[[MAX]] : i8)
// CHECK: arith.minui
func.func @window_min_unsigned(%x: tensor<5xui8>) -> tensor<3xui8> {
  %0 = nx.window_min %x {window_dimensions = array<i64: 3>, window_strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, window_dilations = array<i64: 1>} : tensor<5xui8> -> tensor<3xui8>
  return %0 : tensor<3xui8>
}

// -----

// Tests that a window_sum of a dynamic operand sizes its result from the
// padded operand: max(padded - span + stride, 0) / stride.

// CHECK-LABEL: func.func @window_sum_dynamic
// CHECK: %[[P:.+]] = tensor.pad
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[D:.+]] = tensor.dim %[[P]], %[[C0]]
// CHECK: %[[SPAN:.+]] = arith.constant 5 : index
// CHECK: %[[T:.+]] = arith.subi %[[D]], %[[SPAN]]
// CHECK: %[[S:.+]] = arith.constant 2 : index
// CHECK: %[[T2:.+]] = arith.addi %[[T]], %[[S]]
// CHECK: %[[T3:.+]] = arith.maxsi %[[T2]]
// CHECK: %[[N:.+]] = arith.divsi %[[T3]]
// CHECK: tensor.empty(%[[N]]) : tensor<?xi64>
func.func @window_sum_dynamic(%x: tensor<?xsi64>) -> tensor<?xsi64> {
  %0 = nx.window_sum %x {window_dimensions = array<i64: 3>, window_strides = array<i64: 2>, padding_low = array<i64: 1>, padding_high = array<i64: 2>, window_dilations = array<i64: 2>} : tensor<?xsi64> -> tensor<?xsi64>
  return %0 : tensor<?xsi64>
}

// -----

// Tests that a 2-d conv with non-negative padding reads a tensor.pad-ded
// input through strided, dilated maps and reduces over channels and kernel
// taps.

// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4, d2 * 2 + d5, d3 + d6 * 2)>
// CHECK-DAG: #[[K:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d4, d5, d6)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv2d
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x7x7xf32>, %[[W:.+]]: tensor<8x3x3x3xf32>)
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[P:.+]] = tensor.pad %[[X]] low[0, 0, 1, 2] high[0, 0, 1, 2]
// CHECK: tensor.yield %[[ZERO]]
// CHECK: } : tensor<2x3x7x7xf32> to tensor<2x3x9x11xf32>
// CHECK: %[[INIT:.+]] = linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[K]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[P]], %[[W]] : tensor<2x3x9x11xf32>, tensor<8x3x3x3xf32>) outs(%[[INIT]] : tensor<2x8x4x7xf32>)
// CHECK: ^bb0(%[[A:.+]]: f32, %[[B:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK: %[[M:.+]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK: arith.addf %[[ACC]], %[[M]] : f32
func.func @conv2d(%x: tensor<2x3x7x7xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<2x8x4x7xf32> {
  %0 = nx.conv %x, %w {strides = array<i64: 2, 1>, padding_low = array<i64: 1, 2>, padding_high = array<i64: 1, 2>, input_dilation = array<i64: 1, 1>, kernel_dilation = array<i64: 1, 2>} : tensor<2x3x7x7xf32>, tensor<8x3x3x3xf32> -> tensor<2x8x4x7xf32>
  return %0 : tensor<2x8x4x7xf32>
}

// -----

// Tests that input dilation inserts the input with strides into a zero
// tensor and negative padding cuts it with tensor.extract_slice.

// CHECK-LABEL: func.func @conv_dilated_input
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x4xf64>,
// CHECK: %[[E:.+]] = tensor.empty() : tensor<1x2x10xf64>
// CHECK: %[[Z:.+]] = linalg.fill ins(%{{.+}} : f64) outs(%[[E]] : tensor<1x2x10xf64>)
// CHECK: %[[I:.+]] = tensor.insert_slice %[[X]] into %[[Z]][0, 0, 0] [1, 2, 4] [1, 1, 3]
// CHECK: %[[C:.+]] = tensor.extract_slice %[[I]][0, 0, 2] [1, 2, 6] [1, 1, 1] : tensor<1x2x10xf64> to tensor<1x2x6xf64>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[C]], %{{.+}} : tensor<1x2x6xf64>, tensor<3x2x2xf64>)
func.func @conv_dilated_input(%x: tensor<1x2x4xf64>, %w: tensor<3x2x2xf64>) -> tensor<1x3x5xf64> {
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: -2>, padding_high = array<i64: -2>, input_dilation = array<i64: 3>, kernel_dilation = array<i64: 1>} : tensor<1x2x4xf64>, tensor<3x2x2xf64> -> tensor<1x3x5xf64>
  return %0 : tensor<1x3x5xf64>
}

// -----

// Tests that feature groups pick the input channel block of the output
// channel's group, and batch groups the input batch block.

// CHECK-DAG: #[[FG:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, (d1 floordiv 3) * 2 + d3, d2 + d4)>
// CHECK-DAG: #[[BG:.+]] = affine_map<(d0, d1, d2, d3, d4) -> ((d1 floordiv 2) * 3 + d0, d3, d2 + d4)>
// CHECK-LABEL: func.func @conv_groups
// CHECK: linalg.generic {indexing_maps = [#[[FG]],
// CHECK: linalg.generic {indexing_maps = [#[[BG]],
func.func @conv_groups(%x: tensor<1x4x5xsi32>, %w: tensor<6x2x2xsi32>, %y: tensor<6x1x5xsi32>, %v: tensor<4x1x2xsi32>) -> (tensor<1x6x4xsi32>, tensor<3x4x4xsi32>) {
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>, feature_group_size = 2} : tensor<1x4x5xsi32>, tensor<6x2x2xsi32> -> tensor<1x6x4xsi32>
  %1 = nx.conv %y, %v {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>, batch_group_size = 2} : tensor<6x1x5xsi32>, tensor<4x1x2xsi32> -> tensor<3x4x4xsi32>
  return %0, %1 : tensor<1x6x4xsi32>, tensor<3x4x4xsi32>
}

// -----

// Tests that batch groups need static batch and output channels but not
// static kernel channels (the kernel gradient of a feature-grouped conv
// over a run-time batch is such a conv).

// CHECK-DAG: #[[BG:.+]] = affine_map<(d0, d1, d2, d3, d4) -> ((d1 floordiv 3) * 2 + d0, d3, d2 + d4)>
// CHECK-LABEL: func.func @conv_batch_groups_dynamic_channels
// CHECK: linalg.generic {indexing_maps = [#[[BG]],
func.func @conv_batch_groups_dynamic_channels(%x: tensor<4x?x5xf32>, %w: tensor<6x?x2xf32>) -> tensor<2x6x4xf32> {
  %0 = nx.conv %x, %w {strides = array<i64: 1>, padding_low = array<i64: 0>, padding_high = array<i64: 0>, input_dilation = array<i64: 1>, kernel_dilation = array<i64: 1>, batch_group_size = 2} : tensor<4x?x5xf32>, tensor<6x?x2xf32> -> tensor<2x6x4xf32>
  return %0 : tensor<2x6x4xf32>
}

// -----

// Tests that nx.while becomes scf.while on signless tensors: cond's yield an
// scf.condition on the extracted predicate forwarding the state, body's an
// scf.yield.

// CHECK-LABEL: func.func @while
// CHECK-SAME: (%{{.+}}: tensor<i32>
// CHECK-NOT: tensor<si32>
// CHECK: %[[R:.+]] = scf.while (%[[S:.+]] = %{{.+}}) : (tensor<i32>) -> tensor<i32> {
// CHECK: %[[C:.+]] = linalg.generic
// CHECK: %[[E:.+]] = tensor.extract %[[C]][] : tensor<i8>
// CHECK: %[[P:.+]] = arith.cmpi ne, %[[E]], %{{.+}} : i8
// CHECK: scf.condition(%[[P]]) %[[S]] : tensor<i32>
// CHECK: } do {
// CHECK: ^bb0(%[[T:.+]]: tensor<i32>):
// CHECK: %[[N:.+]] = linalg.generic
// CHECK-SAME: ins(%[[T]], %[[T]] : tensor<i32>, tensor<i32>)
// CHECK: scf.yield %[[N]] : tensor<i32>
// CHECK: return %[[R]]
func.func @while(%x: tensor<si32>, %n: tensor<si32>) -> tensor<si32> {
  %r = nx.while (%x) : (tensor<si32>) -> tensor<si32> cond {
  ^bb0(%s: tensor<si32>):
    %c = nx.less %s, %n : tensor<si32> -> tensor<ui8>
    nx.yield %c : tensor<ui8>
  } body {
  ^bb0(%s: tensor<si32>):
    %t = nx.add %s, %s : tensor<si32>
    nx.yield %t : tensor<si32>
  }
  return %r : tensor<si32>
}

// -----

// Tests that nx.if becomes scf.if on the extracted predicate.

// CHECK-LABEL: func.func @if
// CHECK-SAME: (%{{.+}}: tensor<i8>, %[[X:.+]]: tensor<3xi64>)
// CHECK-NOT: si64
// CHECK: %[[E:.+]] = tensor.extract %{{.+}}[] : tensor<i8>
// CHECK: %[[C:.+]] = arith.cmpi ne, %[[E]], %{{.+}} : i8
// CHECK: %[[R:.+]] = scf.if %[[C]] -> (tensor<3xi64>) {
// CHECK: scf.yield %[[X]] : tensor<3xi64>
// CHECK: } else {
// CHECK: %[[N:.+]] = linalg.generic
// CHECK: scf.yield %[[N]] : tensor<3xi64>
// CHECK: return %[[R]]
func.func @if(%p: tensor<ui8>, %x: tensor<3xsi64>) -> tensor<3xsi64> {
  %r = nx.if %p : tensor<ui8> -> tensor<3xsi64> then {
    nx.yield %x : tensor<3xsi64>
  } else {
    %n = nx.negate %x : tensor<3xsi64>
    nx.yield %n : tensor<3xsi64>
  }
  return %r : tensor<3xsi64>
}

// -----

// Tests that window_scatter_max first reduces each window to the offset of
// its selected element (last of equal maxima: `oge`), then gathers, per
// result element and window offset, the source element of the window that
// selected it, starting from init_value.

// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2, d3) -> (d0 * 2 + d2, d1 * 3 + d3)>
// CHECK-DAG: #[[WIN:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-LABEL: func.func @window_scatter_max
// CHECK-SAME: (%[[X:.+]]: tensor<4x6xf32>, %[[S:.+]]: tensor<2x2xf32>, %[[I:.+]]: tensor<f32>)
// CHECK: %[[INIT:.+]] = tensor.extract %[[I]][] : tensor<f32>
// CHECK: %[[W:.+]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[SEL:.+]]:2 = linalg.generic {indexing_maps = [#[[IN]], #[[WIN]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[W]] : tensor<4x6xf32>, tensor<2x3xf32>)
// CHECK: arith.cmpf oge
// CHECK: linalg.fill ins(%[[INIT]] : f32)
// CHECK: linalg.generic {indexing_maps = [#[[WIN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[W]] : tensor<2x3xf32>)
// CHECK: tensor.extract %[[SEL]]#1
// CHECK: tensor.extract %[[S]]
// CHECK: arith.addf
func.func @window_scatter_max(%x: tensor<4x6xf32>, %s: tensor<2x2xf32>, %i: tensor<f32>) -> tensor<4x6xf32> {
  %0 = nx.window_scatter_max %x, %s, %i {window_dimensions = array<i64: 2, 3>, window_strides = array<i64: 2, 3>, padding_low = array<i64: 0, 0>, padding_high = array<i64: 0, 0>} : tensor<4x6xf32>, tensor<2x2xf32>, tensor<f32>
  return %0 : tensor<4x6xf32>
}

// -----

// Tests that window_scatter_min pads with init_value, selects with unsigned
// `ule` for unsigned elements and starts from the type's max.

// CHECK-LABEL: func.func @window_scatter_min_padded
// CHECK: %[[INIT:.+]] = tensor.extract
// CHECK: tensor.pad %{{.+}} low[1] high[1]
// CHECK: tensor.yield %[[INIT]] : i8
// CHECK: %[[MAX:.+]] = arith.constant -1 : i8
// CHECK: linalg.fill ins(%[[MAX]] : i8)
// CHECK: arith.cmpi ule
func.func @window_scatter_min_padded(%x: tensor<7xui8>, %s: tensor<4xui8>, %i: tensor<ui8>) -> tensor<7xui8> {
  %0 = nx.window_scatter_min %x, %s, %i {window_dimensions = array<i64: 3>, window_strides = array<i64: 2>, padding_low = array<i64: 1>, padding_high = array<i64: 1>} : tensor<7xui8>, tensor<4xui8>, tensor<ui8>
  return %0 : tensor<7xui8>
}
