// RUN: nx-opt %s --nx-to-linalg --split-input-file | FileCheck %s

// Tests that a float unary op becomes an all-parallel generic with identity
// maps whose dynamic init size is read from the operand.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @exp
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>)
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %[[C0]]
// CHECK: %[[INIT:.+]] = tensor.empty(%[[N]]) : tensor<?x3xf32>
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x3xf32>) outs(%[[INIT]] : tensor<?x3xf32>)
// CHECK: ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[E:.+]] = math.exp %[[IN]] : f32
// CHECK: linalg.yield %[[E]] : f32
// CHECK: return %[[R]]
func.func @exp(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = nx.exp %x : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// Tests that the math-backed unary ops map one to one onto math ops, except
// rsqrt, which is 1 / sqrt (libm has no rsqrt).

// CHECK-LABEL: func.func @unary_math
// CHECK: math.expm1
// CHECK: math.log
// CHECK: math.log1p
// CHECK: math.sqrt
// CHECK: ^bb0(%[[IN:.+]]: f64, %{{.+}}: f64):
// CHECK-NEXT: %[[ROOT:.+]] = math.sqrt %[[IN]] : f64
// CHECK-NEXT: %[[ONE:.+]] = arith.constant 1.000000e+00 : f64
// CHECK-NEXT: arith.divf %[[ONE]], %[[ROOT]] : f64
// CHECK-NOT: math.rsqrt
// CHECK: math.cbrt
// CHECK: math.sin
// CHECK: math.cos
// CHECK: math.tan
// CHECK: math.tanh
// CHECK: math.erf
// CHECK: math.floor
// CHECK: math.ceil
// CHECK: math.round
// CHECK: math.atan2
func.func @unary_math(%x: tensor<4xf64>) -> tensor<4xf64> {
  %0 = nx.expm1 %x : tensor<4xf64>
  %1 = nx.log %0 : tensor<4xf64>
  %2 = nx.log1p %1 : tensor<4xf64>
  %3 = nx.sqrt %2 : tensor<4xf64>
  %4 = nx.rsqrt %3 : tensor<4xf64>
  %5 = nx.cbrt %4 : tensor<4xf64>
  %6 = nx.sin %5 : tensor<4xf64>
  %7 = nx.cos %6 : tensor<4xf64>
  %8 = nx.tan %7 : tensor<4xf64>
  %9 = nx.tanh %8 : tensor<4xf64>
  %10 = nx.erf %9 : tensor<4xf64>
  %11 = nx.floor %10 : tensor<4xf64>
  %12 = nx.ceil %11 : tensor<4xf64>
  %13 = nx.round %12 : tensor<4xf64>
  %14 = nx.atan2 %13, %x : tensor<4xf64>
  return %14 : tensor<4xf64>
}

// -----

// Tests that sigmoid is 1 / (1 + exp(-x)).

// CHECK-LABEL: func.func @sigmoid
// CHECK: ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[NEG:.+]] = arith.negf %[[IN]] : f32
// CHECK: %[[EXP:.+]] = math.exp %[[NEG]] : f32
// CHECK: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[DEN:.+]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK: %[[R:.+]] = arith.divf %{{.+}}, %[[DEN]] : f32
// CHECK: linalg.yield %[[R]]
func.func @sigmoid(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nx.sigmoid %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Tests that signed integer division uses a safe divisor (no trap on x / 0 or
// INT_MIN / -1) and yields -1 for division by zero; signedness disappears
// from the function signature.

// CHECK-LABEL: func.func @divide_signed
// CHECK-SAME: (%{{.+}}: tensor<4xi32>, %{{.+}}: tensor<4xi32>) -> tensor<4xi32>
// CHECK: ^bb0(%[[X:.+]]: i32, %[[Y:.+]]: i32, %{{.+}}: i32):
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK: %[[ISZERO:.+]] = arith.cmpi eq, %[[Y]], %[[ZERO]] : i32
// CHECK: %[[NEGONE:.+]] = arith.constant -1 : i32
// CHECK: %[[MIN:.+]] = arith.constant -2147483648 : i32
// CHECK: %[[YNEG:.+]] = arith.cmpi eq, %[[Y]], %[[NEGONE]]
// CHECK: %[[XMIN:.+]] = arith.cmpi eq, %[[X]], %[[MIN]]
// CHECK: %[[OVF:.+]] = arith.andi %[[XMIN]], %[[YNEG]] : i1
// CHECK: %[[BAD:.+]] = arith.ori %[[ISZERO]], %[[OVF]] : i1
// CHECK: %[[ONE:.+]] = arith.constant 1 : i32
// CHECK: %[[SAFE:.+]] = arith.select %[[BAD]], %[[ONE]], %[[Y]] : i32
// CHECK: %[[Q:.+]] = arith.divsi %[[X]], %[[SAFE]] : i32
// CHECK: %[[R:.+]] = arith.select %[[ISZERO]], %[[NEGONE]], %[[Q]] : i32
// CHECK: linalg.yield %[[R]] : i32
func.func @divide_signed(%x: tensor<4xsi32>, %y: tensor<4xsi32>) -> tensor<4xsi32> {
  %0 = nx.divide %x, %y : tensor<4xsi32>
  return %0 : tensor<4xsi32>
}

// -----

// Tests that unsigned division uses divui and yields all ones for x / 0.

// CHECK-LABEL: func.func @divide_unsigned
// CHECK: ^bb0(%[[X:.+]]: i8, %[[Y:.+]]: i8, %{{.+}}: i8):
// CHECK: %[[ISZERO:.+]] = arith.cmpi eq, %[[Y]], %{{.+}} : i8
// CHECK: %[[ALL:.+]] = arith.constant -1 : i8
// CHECK: %[[SAFE:.+]] = arith.select %[[ISZERO]], %{{.+}}, %[[Y]] : i8
// CHECK: %[[Q:.+]] = arith.divui %[[X]], %[[SAFE]] : i8
// CHECK: arith.select %[[ISZERO]], %[[ALL]], %[[Q]] : i8
func.func @divide_unsigned(%x: tensor<4xui8>, %y: tensor<4xui8>) -> tensor<4xui8> {
  %0 = nx.divide %x, %y : tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

// Tests that integer remainder keeps the dividend for a zero divisor and that
// float remainder is arith.remf (fmod: sign of the dividend).

// CHECK-LABEL: func.func @remainder
// CHECK: ^bb0(%[[X:.+]]: i64, %[[Y:.+]]: i64, %{{.+}}: i64):
// CHECK: %[[ISZERO:.+]] = arith.cmpi eq, %[[Y]], %{{.+}} : i64
// CHECK: %[[SAFE:.+]] = arith.select %{{.+}}, %{{.+}}, %[[Y]] : i64
// CHECK: %[[REM:.+]] = arith.remsi %[[X]], %[[SAFE]] : i64
// CHECK: arith.select %[[ISZERO]], %[[X]], %[[REM]] : i64
// CHECK: arith.remf %{{.+}}, %{{.+}} : f32
func.func @remainder(%x: tensor<4xsi64>, %y: tensor<4xsi64>, %a: tensor<4xf32>) -> (tensor<4xsi64>, tensor<4xf32>) {
  %0 = nx.remainder %x, %y : tensor<4xsi64>
  %1 = nx.remainder %a, %a : tensor<4xf32>
  return %0, %1 : tensor<4xsi64>, tensor<4xf32>
}

// -----

// Tests that pow is math.powf on floats and math.ipowi on integers, called
// with a non-negative exponent only (a negative one selects 1, +-1 or 0).

// CHECK-LABEL: func.func @pow
// CHECK: ^bb0(%[[X:.+]]: i32, %[[Y:.+]]: i32, %{{.+}}: i32):
// CHECK: %[[NEG:.+]] = arith.cmpi slt, %[[Y]], %[[ZERO:.+]] : i32
// CHECK: %[[SAFE:.+]] = arith.select %[[NEG]], %[[ZERO]], %[[Y]] : i32
// CHECK: %[[P:.+]] = math.ipowi %[[X]], %[[SAFE]] : i32
// CHECK: %[[R:.+]] = arith.select %[[NEG]], %{{.+}}, %[[P]] : i32
// CHECK: linalg.yield %[[R]]
// CHECK: math.powf %{{.+}}, %{{.+}} : f32
func.func @pow(%x: tensor<4xsi32>, %a: tensor<4xf32>) -> (tensor<4xsi32>, tensor<4xf32>) {
  %0 = nx.pow %x, %x : tensor<4xsi32>
  %1 = nx.pow %a, %a : tensor<4xf32>
  return %0, %1 : tensor<4xsi32>, tensor<4xf32>
}

// -----

// Tests that min/max propagate NaN on floats and follow signedness on
// integers.

// CHECK-LABEL: func.func @min_max
// CHECK: arith.minimumf
// CHECK: arith.maximumf
// CHECK: arith.minsi
// CHECK: arith.maxui
func.func @min_max(%a: tensor<4xf32>, %s: tensor<4xsi32>, %u: tensor<4xui8>) -> (tensor<4xf32>, tensor<4xsi32>, tensor<4xui8>) {
  %0 = nx.min %a, %a : tensor<4xf32>
  %1 = nx.max %0, %a : tensor<4xf32>
  %2 = nx.min %s, %s : tensor<4xsi32>
  %3 = nx.max %u, %u : tensor<4xui8>
  return %1, %2, %3 : tensor<4xf32>, tensor<4xsi32>, tensor<4xui8>
}

// -----

// Tests that add/subtract/multiply pick float or integer arith ops and that
// negate of an integer is 0 - x.

// CHECK-LABEL: func.func @arith
// CHECK: arith.addf
// CHECK: arith.subf
// CHECK: arith.muli
// CHECK: ^bb0(%[[IN:.+]]: i32, %{{.+}}: i32):
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK: arith.subi %[[ZERO]], %[[IN]] : i32
// CHECK: arith.negf
func.func @arith(%a: tensor<4xf32>, %s: tensor<4xsi32>) -> (tensor<4xf32>, tensor<4xsi32>, tensor<4xf32>) {
  %0 = nx.add %a, %a : tensor<4xf32>
  %1 = nx.subtract %0, %a : tensor<4xf32>
  %2 = nx.multiply %s, %s : tensor<4xsi32>
  %3 = nx.negate %2 : tensor<4xsi32>
  %4 = nx.negate %1 : tensor<4xf32>
  return %4, %3, %1 : tensor<4xf32>, tensor<4xsi32>, tensor<4xf32>
}

// -----

// Tests that abs is identity on unsigned integers, a select of 0 - x on
// signed ones and absf on floats.

// CHECK-LABEL: func.func @abs
// CHECK: ^bb0(%[[U:.+]]: i8, %{{.+}}: i8):
// CHECK-NEXT: linalg.yield %[[U]] : i8
// CHECK: ^bb0(%[[S:.+]]: i32, %{{.+}}: i32):
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK: %[[NEG:.+]] = arith.cmpi slt, %[[S]], %[[ZERO]] : i32
// CHECK: %[[NEGS:.+]] = arith.subi %[[ZERO]], %[[S]] : i32
// CHECK: arith.select %[[NEG]], %[[NEGS]], %[[S]] : i32
// CHECK: math.absf %{{.+}} : f32
func.func @abs(%u: tensor<4xui8>, %s: tensor<4xsi32>, %a: tensor<4xf32>) -> (tensor<4xui8>, tensor<4xsi32>, tensor<4xf32>) {
  %0 = nx.abs %u : tensor<4xui8>
  %1 = nx.abs %s : tensor<4xsi32>
  %2 = nx.abs %a : tensor<4xf32>
  return %0, %1, %2 : tensor<4xui8>, tensor<4xsi32>, tensor<4xf32>
}

// -----

// Tests that float sign returns NaN (and signed zeros) unchanged.

// CHECK-LABEL: func.func @sign
// CHECK: ^bb0(%[[X:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[POS:.+]] = arith.cmpf ogt, %[[X]], %{{.+}} : f32
// CHECK: %[[NEG:.+]] = arith.cmpf olt, %[[X]], %{{.+}} : f32
// CHECK: %[[M1:.+]] = arith.constant -1.000000e+00 : f32
// CHECK: %[[NEGOR:.+]] = arith.select %[[NEG]], %[[M1]], %[[X]] : f32
// CHECK: arith.select %[[POS]], %{{.+}}, %[[NEGOR]] : f32
func.func @sign(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nx.sign %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Tests that predicates produce i8 0/1: is_nan is an unordered compare,
// comparisons on unsigned integers use unsigned predicates, floats ordered
// ones, and logical ops compare their operands with zero first.

// CHECK-LABEL: func.func @predicates
// CHECK: %[[NAN:.+]] = arith.cmpf uno, %[[A:.+]], %[[A]] : f32
// CHECK: arith.extui %[[NAN]] : i1 to i8
// CHECK: arith.cmpi ult, %{{.+}}, %{{.+}} : i8
// CHECK: arith.cmpi sge, %{{.+}}, %{{.+}} : i32
// CHECK: arith.cmpf une, %{{.+}}, %{{.+}} : f32
// CHECK: ^bb0(%[[L:.+]]: i32, %[[R:.+]]: i32, %{{.+}}: i8):
// CHECK: %[[LNZ:.+]] = arith.cmpi ne, %[[L]], %{{.+}} : i32
// CHECK: %[[RNZ:.+]] = arith.cmpi ne, %[[R]], %{{.+}} : i32
// CHECK: %[[AND:.+]] = arith.andi %[[LNZ]], %[[RNZ]] : i1
// CHECK: arith.extui %[[AND]] : i1 to i8
// CHECK: arith.cmpf oeq, %{{.+}}, %{{.+}} : f32
func.func @predicates(%a: tensor<4xf32>, %u: tensor<4xui8>, %s: tensor<4xsi32>) -> (tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>) {
  %0 = nx.is_nan %a : tensor<4xf32> -> tensor<4xui8>
  %1 = nx.less %u, %u : tensor<4xui8> -> tensor<4xui8>
  %2 = nx.greater_equal %s, %s : tensor<4xsi32> -> tensor<4xui8>
  %3 = nx.not_equal %a, %a : tensor<4xf32> -> tensor<4xui8>
  %4 = nx.logical_and %s, %s : tensor<4xsi32> -> tensor<4xui8>
  %5 = nx.logical_not %a : tensor<4xf32> -> tensor<4xui8>
  return %0, %1, %2, %3, %4, %5 : tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>
}

// -----

// Tests that select compares its predicate with zero.

// CHECK-LABEL: func.func @select
// CHECK: ^bb0(%[[P:.+]]: i8, %[[T:.+]]: f32, %[[F:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[NZ:.+]] = arith.cmpi ne, %[[P]], %{{.+}} : i8
// CHECK: arith.select %[[NZ]], %[[T]], %[[F]] : f32
func.func @select(%p: tensor<4xui8>, %t: tensor<4xf32>, %f: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nx.select %p, %t, %f : tensor<4xui8>, tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Tests the conversions: float to signed int saturates and maps NaN to 0,
// signedness picks the int-to-float and extension ops, anything to pred is
// != 0 and pred widens with zero extension.

// CHECK-LABEL: func.func @convert
// CHECK: ^bb0(%[[F:.+]]: f32, %{{.+}}: i32):
// CHECK: %[[T:.+]] = arith.fptosi %[[F]] : f32 to i32
// CHECK: %[[HI:.+]] = arith.cmpf oge, %[[F]], %{{.+}} : f32
// CHECK: %[[LO:.+]] = arith.cmpf olt, %[[F]], %{{.+}} : f32
// CHECK: %[[NAN:.+]] = arith.cmpf uno, %[[F]], %[[F]] : f32
// CHECK: %[[A:.+]] = arith.select %[[HI]], %{{.+}}, %[[T]] : i32
// CHECK: %[[B:.+]] = arith.select %[[LO]], %{{.+}}, %[[A]] : i32
// CHECK: arith.select %[[NAN]], %{{.+}}, %[[B]] : i32
// CHECK: arith.uitofp %{{.+}} : i8 to f32
// CHECK: arith.sitofp %{{.+}} : i32 to f64
// CHECK: arith.extsi %{{.+}} : i32 to i64
// CHECK: arith.extui %{{.+}} : i8 to i32
// CHECK: arith.trunci %{{.+}} : i64 to i8
// CHECK: arith.truncf %{{.+}} : f64 to f32
// CHECK: arith.cmpf une, %{{.+}}, %{{.+}} : f32
// CHECK: arith.extui %{{.+}} : i1 to i32
func.func @convert(%a: tensor<4xf32>, %u: tensor<4xui8>, %s: tensor<4xsi32>, %l: tensor<4xsi64>, %d: tensor<4xf64>, %p: tensor<4xi1>) {
  %0 = nx.convert %a : tensor<4xf32> -> tensor<4xsi32>
  %1 = nx.convert %u : tensor<4xui8> -> tensor<4xf32>
  %2 = nx.convert %s : tensor<4xsi32> -> tensor<4xf64>
  %3 = nx.convert %s : tensor<4xsi32> -> tensor<4xsi64>
  %4 = nx.convert %u : tensor<4xui8> -> tensor<4xsi32>
  %5 = nx.convert %l : tensor<4xsi64> -> tensor<4xui8>
  %6 = nx.convert %d : tensor<4xf64> -> tensor<4xf32>
  %7 = nx.convert %a : tensor<4xf32> -> tensor<4xi1>
  %8 = nx.convert %p : tensor<4xi1> -> tensor<4xsi32>
  return
}

// -----

// Tests that a signed constant becomes a signless arith.constant.

// CHECK-LABEL: func.func @constant
// CHECK: %[[C:.+]] = arith.constant dense<[1, -2]> : tensor<2xi32>
// CHECK: return %[[C]] : tensor<2xi32>
func.func @constant() -> tensor<2xsi32> {
  %0 = nx.constant dense<[1, -2]> : tensor<2xsi32>
  return %0 : tensor<2xsi32>
}

// -----

// Tests that a signed dense_resource constant is reinterpreted as signless
// dense data, and that a signless one is kept as it is.

// CHECK-LABEL: func.func @constant_resource
// CHECK: %[[C:.+]] = arith.constant dense<[1, -2]> : tensor<2xi32>
// CHECK: %[[F:.+]] = arith.constant dense_resource<floats> : tensor<2xf32>
// CHECK: return %[[C]], %[[F]]
func.func @constant_resource() -> (tensor<2xsi32>, tensor<2xf32>) {
  %0 = nx.constant dense_resource<ints> : tensor<2xsi32>
  %1 = nx.constant dense_resource<floats> : tensor<2xf32>
  return %0, %1 : tensor<2xsi32>, tensor<2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      ints: "0x0400000001000000FEFFFFFF",
      floats: "0x040000000000803F00000040"
    }
  }
#-}

// -----

// Tests that broadcast_in_dim reads an expanded size-1 dim at 0 and maps the
// other operand dims through `dims`, with the dynamic sizes as init sizes.

// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2) -> (0, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @broadcast_in_dim
// CHECK-SAME: (%[[X:.+]]: tensor<1x?xf32>, %[[N:.+]]: index, %[[K:.+]]: index)
// CHECK: %[[INIT:.+]] = tensor.empty(%[[N]], %[[K]]) : tensor<2x?x?xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<1x?xf32>) outs(%[[INIT]] : tensor<2x?x?xf32>)
func.func @broadcast_in_dim(%x: tensor<1x?xf32>, %n: index, %k: index) -> tensor<2x?x?xf32> {
  %0 = nx.broadcast_in_dim %x [%n, %k] {dims = array<i64: 1, 2>} : tensor<1x?xf32> -> tensor<2x?x?xf32>
  return %0 : tensor<2x?x?xf32>
}

// -----

// Tests that transpose permutes the operand's indexing map.

// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2) -> (d2, d0, d1)>
// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[X:.+]]: tensor<2x?x4xf32>)
// CHECK: %[[C1:.+]] = arith.constant 1 : index
// CHECK: %[[D:.+]] = tensor.dim %[[X]], %[[C1]]
// CHECK: %[[INIT:.+]] = tensor.empty(%[[D]]) : tensor<?x4x2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #{{.+}}]
func.func @transpose(%x: tensor<2x?x4xf32>) -> tensor<?x4x2xf32> {
  %0 = nx.transpose %x {permutation = array<i64: 1, 2, 0>} : tensor<2x?x4xf32> -> tensor<?x4x2xf32>
  return %0 : tensor<?x4x2xf32>
}

// -----

// Tests that reshape collapses to rank 1 and expands to the result shape, a
// scalar going through tensor<1xT>.

// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>, %[[N:.+]]: index,
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<?x3xf32> into tensor<?xf32>
// CHECK: tensor.expand_shape %[[FLAT]] {{\[}}[0, 1, 2]] output_shape [%[[N]], 2, 3] : tensor<?xf32> into tensor<?x2x3xf32>
// CHECK: %[[ONE:.+]] = tensor.expand_shape %{{.+}} [] output_shape [1] : tensor<f32> into tensor<1xf32>
// CHECK: tensor.collapse_shape %{{.+}} [] : tensor<1xf32> into tensor<f32>
func.func @reshape(%x: tensor<?x3xf32>, %n: index, %s: tensor<f32>) -> (tensor<?x2x3xf32>, tensor<f32>) {
  %0 = nx.reshape %x [%n] : tensor<?x3xf32> -> tensor<?x2x3xf32>
  %1 = nx.reshape %s : tensor<f32> -> tensor<1x1xf32>
  %2 = nx.reshape %1 : tensor<1x1xf32> -> tensor<f32>
  return %0, %2 : tensor<?x2x3xf32>, tensor<f32>
}

// -----

// Tests that reduce_sum with keep_axes reads the kept axis at 0 in the output
// map, over a zero-filled init.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[KEEP:.+]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @reduce_sum_keep
// CHECK-SAME: (%[[X:.+]]: tensor<?x?xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}}
// CHECK: %[[EMPTY:.+]] = tensor.empty(%[[N]]) : tensor<?x1xf32>
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<?x1xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[KEEP]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x?xf32>) outs(%[[INIT]] : tensor<?x1xf32>)
// CHECK: arith.addf
func.func @reduce_sum_keep(%x: tensor<?x?xf32>) -> tensor<?x1xf32> {
  %0 = nx.reduce_sum %x {axes = array<i64: 1>, keep_axes = true} : tensor<?x?xf32> -> tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}

// -----

// Tests the identities and combiners of the other reductions: lowest value
// for max, highest for min, 1 for product, and all/any over != 0 (the float
// max is keyed, see @reduce_float_max_min).

// CHECK-DAG: #[[DROP:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @reductions
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[DROP]]], iterator_types = ["reduction", "parallel"]}
// CHECK: arith.maxsi
// CHECK: arith.constant 2147483647 : i32
// CHECK: arith.minsi
// CHECK: arith.constant 0 : i8
// CHECK: arith.maxui
// CHECK: arith.constant 1 : i32
// CHECK: arith.muli
// CHECK: arith.constant 1 : i8
// CHECK: arith.cmpi ne
// CHECK: arith.extui
// CHECK: arith.minui
// CHECK: arith.constant 0 : i8
// CHECK: arith.maxui
func.func @reductions(%a: tensor<2x4xf32>, %s: tensor<2x4xsi32>, %u: tensor<2x4xui8>) {
  %0 = nx.reduce_max %a {axes = array<i64: 0>} : tensor<2x4xf32> -> tensor<4xf32>
  %1 = nx.reduce_min %s {axes = array<i64: 0>} : tensor<2x4xsi32> -> tensor<4xsi32>
  %2 = nx.reduce_max %u {axes = array<i64: 0, 1>} : tensor<2x4xui8> -> tensor<ui8>
  %3 = nx.reduce_product %s {axes = array<i64: 1>} : tensor<2x4xsi32> -> tensor<2xsi32>
  %4 = nx.reduce_all %s {axes = array<i64: 1>} : tensor<2x4xsi32> -> tensor<2xui8>
  %5 = nx.reduce_any %a {axes = array<i64: 1>} : tensor<2x4xf32> -> tensor<2xui8>
  return
}

// -----

// Tests that argmax carries (value, index) through a two-output reduction
// where a NaN beats everything and the first NaN and first maximum win.

// CHECK-LABEL: func.func @argmax
// CHECK: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[VINIT:.+]] = linalg.fill ins(%[[NEGINF]] : f32)
// CHECK: %[[IINIT:.+]] = linalg.fill ins(%{{.+}} : i64)
// CHECK: %[[R:.+]]:2 = linalg.generic {{.+}} iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: outs(%[[VINIT]], %[[IINIT]] : tensor<?xf32>, tensor<?xi64>)
// CHECK: ^bb0(%[[X:.+]]: f32, %[[V:.+]]: f32, %[[I:.+]]: i64):
// CHECK: %[[GT:.+]] = arith.cmpf ogt, %[[X]], %[[V]] : f32
// CHECK: %[[XNAN:.+]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK: %[[VORD:.+]] = arith.cmpf ord, %[[V]], %[[V]] : f32
// CHECK: %[[FIRST:.+]] = arith.andi %[[XNAN]], %[[VORD]] : i1
// CHECK: %[[TAKE:.+]] = arith.ori %[[GT]], %[[FIRST]] : i1
// CHECK: %[[IDX:.+]] = linalg.index 1 : index
// CHECK: %[[IDX64:.+]] = arith.index_cast %[[IDX]] : index to i64
// CHECK: %[[NV:.+]] = arith.select %[[TAKE]], %[[X]], %[[V]] : f32
// CHECK: %[[NI:.+]] = arith.select %[[TAKE]], %[[IDX64]], %[[I]] : i64
// CHECK: linalg.yield %[[NV]], %[[NI]] : f32, i64
// CHECK: return %[[R]]#1 : tensor<?xi64>
func.func @argmax(%x: tensor<?x4xf32>) -> tensor<?xsi64> {
  %0 = nx.argmax %x {axis = 1} : tensor<?x4xf32> -> tensor<?xsi64>
  return %0 : tensor<?xsi64>
}

// -----

// Tests that argmin with tie_break_high takes later equal elements and starts
// from the highest value.

// CHECK-LABEL: func.func @argmin_high
// CHECK: arith.constant 127 : i8
// CHECK: arith.cmpi sle
func.func @argmin_high(%x: tensor<3x4xsi8>) -> tensor<1x4xsi64> {
  %0 = nx.argmin %x {axis = 0, keep_axis = true, tie_break_high = true} : tensor<3x4xsi8> -> tensor<1x4xsi64>
  return %0 : tensor<1x4xsi64>
}

// -----

// Tests that a float sum reduction may reassociate (so that it vectorizes).

// CHECK-LABEL: func.func @reduce_sum_reassoc
// CHECK: arith.addf %{{.+}}, %{{.+}} fastmath<reassoc> : f32
func.func @reduce_sum_reassoc(%x: tensor<2x4xf32>) -> tensor<2xf32> {
  %0 = nx.reduce_sum %x {axes = array<i64: 1>} : tensor<2x4xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Tests that float reduce_max/reduce_min reduce integer keys that order like
// the floats (NaN given the winning sign first), starting from the key of
// -inf/+inf, and decode the keys back to floats with the same flip.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[ID1:.+]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @reduce_float_max_min
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>,
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}}
// CHECK: %[[FEMPTY:.+]] = tensor.empty(%[[N]]) : tensor<?xf32>
// CHECK: %[[KEMPTY:.+]] = tensor.empty(%[[N]]) : tensor<?xi32>
// CHECK: %[[NEGINF:.+]] = arith.constant -2139095041 : i32
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[NEGINF]] : i32) outs(%[[KEMPTY]] : tensor<?xi32>)
// CHECK: %[[KEYS:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x4xf32>) outs(%[[INIT]] : tensor<?xi32>)
// CHECK: ^bb0(%[[IN:.+]]: f32, %[[ACC:.+]]: i32):
// CHECK: %[[BITS:.+]] = arith.bitcast %[[IN]] : f32 to i32
// CHECK: %[[NAN:.+]] = arith.cmpf uno, %[[IN]], %[[IN]] : f32
// CHECK: %[[POS:.+]] = arith.andi %[[BITS]], %{{.+}} : i32
// CHECK: %[[FIXED:.+]] = arith.select %[[NAN]], %[[POS]], %[[BITS]] : i32
// CHECK: %[[SIGN:.+]] = arith.shrsi %[[FIXED]], %{{.+}} : i32
// CHECK: %[[MASK:.+]] = arith.shrui %[[SIGN]], %{{.+}} : i32
// CHECK: %[[KEY:.+]] = arith.xori %[[FIXED]], %[[MASK]] : i32
// CHECK: %[[MAX:.+]] = arith.maxsi %[[KEY]], %[[ACC]] : i32
// CHECK: linalg.yield %[[MAX]] : i32
// CHECK: linalg.generic {indexing_maps = [#[[ID1]], #[[ID1]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[KEYS]] : tensor<?xi32>) outs(%[[FEMPTY]] : tensor<?xf32>)
// CHECK: ^bb0(%[[K:.+]]: i32, %{{.+}}: f32):
// CHECK: %[[KSIGN:.+]] = arith.shrsi %[[K]], %{{.+}} : i32
// CHECK: %[[KMASK:.+]] = arith.shrui %[[KSIGN]], %{{.+}} : i32
// CHECK: %[[KBITS:.+]] = arith.xori %[[K]], %[[KMASK]] : i32
// CHECK: %[[F:.+]] = arith.bitcast %[[KBITS]] : i32 to f32
// CHECK: linalg.yield %[[F]] : f32
// CHECK: arith.constant 9218868437227405312 : i64
// CHECK: arith.ori %{{.+}}, %{{.+}} : i64
// CHECK: arith.minsi
// CHECK: arith.bitcast %{{.+}} : i64 to f64
func.func @reduce_float_max_min(%x: tensor<?x4xf32>, %y: tensor<3x4xf64>) -> (tensor<?xf32>, tensor<4xf64>) {
  %0 = nx.reduce_max %x {axes = array<i64: 1>} : tensor<?x4xf32> -> tensor<?xf32>
  %1 = nx.reduce_min %y {axes = array<i64: 0>} : tensor<3x4xf64> -> tensor<4xf64>
  return %0, %1 : tensor<?xf32>, tensor<4xf64>
}

// -----

// Tests that a matrix product becomes a contraction generic with loops
// (lhs free, rhs free, contracting), the order of linalg.matmul.

// CHECK-DAG: #[[LHS:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[RHS:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @dot_matmul
// CHECK-SAME: (%[[A:.+]]: tensor<?x?xf32>, %[[B:.+]]: tensor<?x?xf32>)
// CHECK-DAG: %[[M:.+]] = tensor.dim %[[A]], %{{.+}}
// CHECK-DAG: %[[N:.+]] = tensor.dim %[[B]], %{{.+}}
// CHECK: %[[EMPTY:.+]] = tensor.empty(%[[M]], %[[N]]) : tensor<?x?xf32>
// CHECK: %[[INIT:.+]] = linalg.fill
// CHECK-SAME: outs(%[[EMPTY]] : tensor<?x?xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<?x?xf32>, tensor<?x?xf32>) outs(%[[INIT]] : tensor<?x?xf32>)
// CHECK: ^bb0(%[[L:.+]]: f32, %[[R:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK: %[[MUL:.+]] = arith.mulf %[[L]], %[[R]] : f32
// CHECK: %[[ADD:.+]] = arith.addf %[[ACC]], %[[MUL]] fastmath<reassoc> : f32
// CHECK: linalg.yield %[[ADD]] : f32
func.func @dot_matmul(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Tests that a batched dot becomes a contraction generic with loops (batch,
// lhs free, rhs free, contracting).

// CHECK-DAG: #[[LHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[RHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @dot_batched
// CHECK-SAME: (%[[A:.+]]: tensor<8x?x5xf32>, %[[B:.+]]: tensor<8x5x7xf32>)
// CHECK: %[[M:.+]] = tensor.dim %[[A]], %{{.+}}
// CHECK: %[[EMPTY:.+]] = tensor.empty(%[[M]]) : tensor<8x?x7xf32>
// CHECK: %[[INIT:.+]] = linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<8x?x5xf32>, tensor<8x5x7xf32>) outs(%[[INIT]] : tensor<8x?x7xf32>)
// CHECK: ^bb0(%[[L:.+]]: f32, %[[R:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK: %[[MUL:.+]] = arith.mulf %[[L]], %[[R]] : f32
// CHECK: %[[ADD:.+]] = arith.addf %[[ACC]], %[[MUL]] fastmath<reassoc> : f32
// CHECK: linalg.yield %[[ADD]] : f32
func.func @dot_batched(%a: tensor<8x?x5xf32>, %b: tensor<8x5x7xf32>) -> tensor<8x?x7xf32> {
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 2>, rhs_contracting_dims = array<i64: 1>, lhs_batch_dims = array<i64: 0>, rhs_batch_dims = array<i64: 0>} : tensor<8x?x5xf32>, tensor<8x5x7xf32> -> tensor<8x?x7xf32>
  return %0 : tensor<8x?x7xf32>
}

// -----

// Tests an integer matrix-vector dot contracting lhs dim 1 with rhs dim 0.

// CHECK-DAG: #[[LHS:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[RHS:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @dot_matvec
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.muli
// CHECK: arith.addi
func.func @dot_matvec(%a: tensor<3x5xsi32>, %b: tensor<5xsi32>) -> tensor<3xsi32> {
  %0 = nx.dot %a, %b {lhs_contracting_dims = array<i64: 1>, rhs_contracting_dims = array<i64: 0>} : tensor<3x5xsi32>, tensor<5xsi32> -> tensor<3xsi32>
  return %0 : tensor<3xsi32>
}

// -----

// Tests that iota yields linalg.index of its axis, converted to the element
// type.

// CHECK-LABEL: func.func @iota
// CHECK-SAME: (%[[N:.+]]: index)
// CHECK: %[[INIT:.+]] = tensor.empty(%[[N]]) : tensor<2x?xf32>
// CHECK: linalg.generic {{.+}} outs(%[[INIT]] : tensor<2x?xf32>)
// CHECK: %[[I:.+]] = linalg.index 1 : index
// CHECK: %[[I64:.+]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[F:.+]] = arith.sitofp %[[I64]] : i64 to f32
// CHECK: linalg.yield %[[F]] : f32
func.func @iota(%n: index) -> tensor<2x?xf32> {
  %0 = nx.iota [%n] {axis = 1} : tensor<2x?xf32>
  return %0 : tensor<2x?xf32>
}

// -----

// Tests that dim_size becomes a rank-0 i64 tensor of tensor.dim, and that
// calls are converted along with the callee's signature.

// CHECK-LABEL: func.func @dim_size
// CHECK-SAME: (%[[X:.+]]: tensor<?xi32>) -> tensor<i64>
// CHECK: %[[Y:.+]] = call @callee(%[[X]]) : (tensor<?xi32>) -> tensor<?xi32>
// CHECK: %[[D:.+]] = tensor.dim %[[Y]], %{{.+}} : tensor<?xi32>
// CHECK: %[[D64:.+]] = arith.index_cast %[[D]] : index to i64
// CHECK: %[[T:.+]] = tensor.from_elements %[[D64]] : tensor<i64>
// CHECK: return %[[T]] : tensor<i64>
func.func private @callee(tensor<?xsi32>) -> tensor<?xsi32>
func.func @dim_size(%x: tensor<?xsi32>) -> tensor<si64> {
  %y = call @callee(%x) : (tensor<?xsi32>) -> tensor<?xsi32>
  %0 = nx.dim_size %y {dim = 0} : tensor<?xsi32> -> tensor<si64>
  return %0 : tensor<si64>
}

// -----

// Tests that ops of other dialects on signed tensors (the tensor.dim MLIRGen
// emits for dynamic sizes) are rebuilt on signless types.

// CHECK-LABEL: func.func @other_ops
// CHECK-SAME: (%[[X:.+]]: tensor<?xi32>) -> tensor<?xi32>
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?xi32>
// CHECK: %[[C:.+]] = tensor.cast %[[X]] : tensor<?xi32> to tensor<4xi32>
// CHECK: %[[B:.+]] = tensor.cast %[[C]] : tensor<4xi32> to tensor<?xi32>
// CHECK: tensor.empty(%[[N]]) : tensor<?xi32>
func.func @other_ops(%x: tensor<?xsi32>) -> tensor<?xsi32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?xsi32>
  %c = tensor.cast %x : tensor<?xsi32> to tensor<4xsi32>
  %b = tensor.cast %c : tensor<4xsi32> to tensor<?xsi32>
  %0 = nx.iota [%n] {axis = 0} : tensor<?xsi32>
  %1 = nx.add %0, %b : tensor<?xsi32>
  return %1 : tensor<?xsi32>
}
