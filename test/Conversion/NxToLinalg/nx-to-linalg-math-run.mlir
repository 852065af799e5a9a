// RUN: nx-opt %s --nx-to-linalg --linalg-fuse-elementwise-ops \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries" \
// RUN:   --convert-linalg-to-affine-loops --lower-affine \
// RUN:   --convert-math-to-funcs --convert-math-to-libm --arith-expand \
// RUN:   --expand-strided-metadata --lower-affine --finalize-memref-to-llvm \
// RUN:   --convert-scf-to-cf --convert-arith-to-llvm --convert-math-to-llvm \
// RUN:   --convert-index-to-llvm --convert-ub-to-llvm --convert-cf-to-llvm \
// RUN:   --convert-func-to-llvm --reconcile-unrealized-casts \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%llvm_lib_dir/libmlir_runner_utils.so,%llvm_lib_dir/libmlir_c_runner_utils.so \
// RUN: | FileCheck %s

// Tests that the inverse/hyperbolic trigonometric ops, erfc, log2, log10 and
// is_infinity run (as libm calls or LLVM intrinsics) with the right values at
// the edges of their domains: acosh(<1) and log of negatives are NaN,
// atanh(+-1) is +-inf, cosh/sinh overflow to inf, erfc of large x is tiny
// but not 0. Expected values are NumPy's (np.arccos, ..., math.erfc).

func.func private @printMemrefF64(memref<*xf64>)

func.func @show(%t: tensor<5xf64>) {
  %c = tensor.cast %t : tensor<5xf64> to tensor<?xf64>
  %m = bufferization.to_buffer %c : tensor<?xf64> to memref<?xf64>
  %u = memref.cast %m : memref<?xf64> to memref<*xf64>
  call @printMemrefF64(%u) : (memref<*xf64>) -> ()
  return
}

func.func @show32(%t: tensor<5xf32>) {
  %w = nx.convert %t : tensor<5xf32> -> tensor<5xf64>
  call @show(%w) : (tensor<5xf64>) -> ()
  return
}

func.func @main() {
  %unit = nx.constant dense<[-1.0, -0.5, 0.0, 0.5, 1.0]> : tensor<5xf32>
  // CHECK: [3.14159,  2.0944,  1.5708,  1.0472,  0]
  %acos = nx.acos %unit : tensor<5xf32>
  call @show32(%acos) : (tensor<5xf32>) -> ()
  // CHECK: [-1.5708,  -0.523599,  0,  0.523599,  1.5708]
  %asin = nx.asin %unit : tensor<5xf32>
  call @show32(%asin) : (tensor<5xf32>) -> ()
  // CHECK: [-1.5708,  -0.785398,  0,  0.785398,  1.10715]
  %a = nx.constant dense<[-1.0e300, -1.0, 0.0, 1.0, 2.0]> : tensor<5xf64>
  %atan = nx.atan %a : tensor<5xf64>
  call @show(%atan) : (tensor<5xf64>) -> ()
  // CHECK: [{{-?}}nan,  0,  1.31696,  2.99322,  {{-?}}nan]
  %ac = nx.constant dense<[0.5, 1.0, 2.0, 10.0, 0x7FF8000000000000]> : tensor<5xf64>
  %acosh = nx.acosh %ac : tensor<5xf64>
  call @show(%acosh) : (tensor<5xf64>) -> ()
  // CHECK: [-1.44364,  0,  0.881374,  23.719,  -0]
  %as = nx.constant dense<[-2.0, 0.0, 1.0, 1.0e10, -0.0]> : tensor<5xf32>
  %asinh = nx.asinh %as : tensor<5xf32>
  call @show32(%asinh) : (tensor<5xf32>) -> ()
  // CHECK: [-inf,  -0.549306,  0,  inf,  {{-?}}nan]
  %at = nx.constant dense<[-1.0, -0.5, 0.0, 1.0, 2.0]> : tensor<5xf64>
  %atanh = nx.atanh %at : tensor<5xf64>
  call @show(%atanh) : (tensor<5xf64>) -> ()
  %h = nx.constant dense<[-1.0, 0.0, 1.0, 1000.0, -1000.0]> : tensor<5xf32>
  // CHECK: [1.54308,  1,  1.54308,  inf,  inf]
  %cosh = nx.cosh %h : tensor<5xf32>
  call @show32(%cosh) : (tensor<5xf32>) -> ()
  // CHECK: [-1.1752,  0,  1.1752,  inf,  -inf]
  %sinh = nx.sinh %h : tensor<5xf32>
  call @show32(%sinh) : (tensor<5xf32>) -> ()
  // CHECK: [1.99998,  1,  0.157299,  2.08849e-45,  0]
  %e = nx.constant dense<[-3.0, 0.0, 1.0, 10.0, 30.0]> : tensor<5xf64>
  %erfc = nx.erfc %e : tensor<5xf64>
  call @show(%erfc) : (tensor<5xf64>) -> ()
  // CHECK: [-inf,  0,  3,  -1,  {{-?}}nan]
  %l2 = nx.constant dense<[0.0, 1.0, 8.0, 0.5, -1.0]> : tensor<5xf32>
  %log2 = nx.log2 %l2 : tensor<5xf32>
  call @show32(%log2) : (tensor<5xf32>) -> ()
  // CHECK: [-inf,  0,  3,  -2,  {{-?}}nan]
  %l10 = nx.constant dense<[0.0, 1.0, 1000.0, 0.01, -1.0]> : tensor<5xf64>
  %log10 = nx.log10 %l10 : tensor<5xf64>
  call @show(%log10) : (tensor<5xf64>) -> ()
  // CHECK: [1,  0,  1,  0,  0]
  %i = nx.constant dense<[0x7F800000, 0x7FC00000, 0xFF800000, 3.4e38, 0.0]> : tensor<5xf32>
  %isinf = nx.is_infinity %i : tensor<5xf32> -> tensor<5xui8>
  %isinf64 = nx.convert %isinf : tensor<5xui8> -> tensor<5xf64>
  call @show(%isinf64) : (tensor<5xf64>) -> ()
  return
}
