//===- NxWindowOps.td - windows, conv, control flow, bits --*- tablegen -*-===//
//
// This file defines the nx dialect's window, convolution, control-flow and
// bitwise ops. It is included at the end of NxOps.td and uses its op classes.
// The ops and their semantics are listed in docs/dialect-window.md.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXWINDOWOPS_TD
#define NXC_IR_NXWINDOWOPS_TD

def Nx_IntTensor : RankedTensorOf<[AnyInteger]>;
def Nx_PredScalar : 0DTensorOf<[AnyInteger]>;

//===----------------------------------------------------------------------===//
// Bitwise and integer ops
//===----------------------------------------------------------------------===//

/// Elementwise unary op on integers: `%r = nx.bitwise_not %x : tensor<4xsi32>`.
class Nx_UnaryIntOp<string mnemonic>
    : Nx_Op<mnemonic, [SameOperandsAndResultType]> {
  let summary = "elementwise `" # mnemonic # "` of an integer tensor";
  let arguments = (ins Nx_IntTensor:$x);
  let results = (outs Nx_IntTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($result)";
}

def Nx_BitwiseAndOp : Nx_BinaryOp<"bitwise_and", Nx_IntTensor>;
def Nx_BitwiseOrOp : Nx_BinaryOp<"bitwise_or", Nx_IntTensor>;
def Nx_BitwiseXorOp : Nx_BinaryOp<"bitwise_xor", Nx_IntTensor>;
def Nx_BitwiseNotOp : Nx_UnaryIntOp<"bitwise_not">;
def Nx_PopulationCountOp : Nx_UnaryIntOp<"population_count">;
def Nx_CountLeadingZerosOp : Nx_UnaryIntOp<"count_leading_zeros">;

def Nx_LeftShiftOp : Nx_BinaryOp<"left_shift", Nx_IntTensor> {
  let description = [{
    `x << y`. A shift amount that is at least the bit width, or negative
    (read as unsigned), gives 0, as if `x` had infinite precision.
  }];
}

def Nx_RightShiftOp : Nx_BinaryOp<"right_shift", Nx_IntTensor> {
  let description = [{
    `x >> y`: arithmetic for signed element types, logical for unsigned ones.
    A shift amount that is at least the bit width, or negative (read as
    unsigned), shifts every bit out: 0, or -1 for a negative signed `x`.
  }];
}

def Nx_BitcastOp : Nx_Op<"bitcast", [AllShapesMatch<["x", "result"]>]> {
  let summary = "reinterpret each element's bits as a type of the same width";
  let arguments = (ins Nx_Tensor:$x);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Window reductions
//===----------------------------------------------------------------------===//

/// Reduction of every window of `x`; see docs/dialect-window.md.
class Nx_WindowReduceOp<string mnemonic>
    : Nx_Op<mnemonic, [AllElementTypesMatch<["x", "result"]>]> {
  let summary = "`" # mnemonic # "` of every window of the padded operand";
  let description = [{
    The operand is padded with the reduction's identity (`padding_low`,
    `padding_high`, non-negative), then a window of `window_dimensions`
    elements whose taps are `window_dilations` apart slides over it by
    `window_strides`. Result dim i is
    `(d_i + lo_i + hi_i - ((w_i - 1) * dil_i + 1)) / stride_i + 1`.
    All attributes have one entry per operand dim.
  }];
  let arguments = (ins Nx_Tensor:$x, DenseI64ArrayAttr:$window_dimensions,
                       DenseI64ArrayAttr:$window_strides,
                       DenseI64ArrayAttr:$padding_low,
                       DenseI64ArrayAttr:$padding_high,
                       DenseI64ArrayAttr:$window_dilations);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
}

def Nx_WindowSumOp : Nx_WindowReduceOp<"window_sum">;
def Nx_WindowProductOp : Nx_WindowReduceOp<"window_product">;
def Nx_WindowMaxOp : Nx_WindowReduceOp<"window_max">;
def Nx_WindowMinOp : Nx_WindowReduceOp<"window_min">;

/// Scatter of `source` onto the selected element of every window of `x`.
class Nx_WindowScatterOp<string mnemonic, string select>
    : Nx_Op<mnemonic, [AllTypesMatch<["x", "result"]>,
                       AllElementTypesMatch<["x", "source", "init_value"]>]> {
  let summary = "add `source` at the " # select # " of every window of `x`";
  let description = [{
    `x` is padded with `init_value` (`padding_low`, `padding_high`,
    non-negative) and windows of `window_dimensions` slide over it by
    `window_strides`; `source` has one element per window. In each window
    the last element that is greater (max) / smaller (min) than or equal to
    all others before it is selected (`Nx.greater_equal` / `less_equal`
    scanning the window in row-major order). The result has `x`'s type, is
    `init_value` everywhere, plus the sum of the `source` elements of the
    windows that selected each element; selections in the padding are
    dropped.
  }];
  let arguments = (ins Nx_Tensor:$x, Nx_Tensor:$source,
                       0DTensorOf<[AnyInteger, AnyFloat]>:$init_value,
                       DenseI64ArrayAttr:$window_dimensions,
                       DenseI64ArrayAttr:$window_strides,
                       DenseI64ArrayAttr:$padding_low,
                       DenseI64ArrayAttr:$padding_high);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = [{
    $x `,` $source `,` $init_value attr-dict
    `:` type($x) `,` type($source) `,` type($init_value)
  }];
  let hasVerifier = 1;
}

def Nx_WindowScatterMaxOp : Nx_WindowScatterOp<"window_scatter_max", "maximum">;
def Nx_WindowScatterMinOp : Nx_WindowScatterOp<"window_scatter_min", "minimum">;

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

def Nx_ConvOp : Nx_Op<"conv",
    [AllElementTypesMatch<["input", "kernel", "result"]>]> {
  let summary = "N-d cross-correlation in Nx's canonical layouts";
  let description = [{
    `input` is [batch, in_channels, spatial...], `kernel` is
    [out_channels, in_channels / feature_group_size, spatial...] and the
    result is [batch / batch_group_size, out_channels, spatial...], with 1 to
    3 spatial dims (the front end applies Nx's permutations around it). The
    input is dilated (`input_dilation - 1` zeros between elements) and
    zero-padded (`padding_low`/`padding_high`, may be negative), the kernel
    taps are `kernel_dilation` apart, the window moves by `strides`; no
    kernel flip. Output channel `o` reads input channels of feature group
    `o / (out_channels / feature_group_size)`, and input batch
    `g * (batch / batch_group_size) + n` for batch group
    `g = o / (out_channels / batch_group_size)`.
  }];
  let arguments = (ins Nx_Tensor:$input, Nx_Tensor:$kernel,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$padding_low,
                       DenseI64ArrayAttr:$padding_high,
                       DenseI64ArrayAttr:$input_dilation,
                       DenseI64ArrayAttr:$kernel_dilation,
                       DefaultValuedAttr<I64Attr, "1">:$feature_group_size,
                       DefaultValuedAttr<I64Attr, "1">:$batch_group_size);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $kernel attr-dict
    `:` type($input) `,` type($kernel) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

def Nx_YieldOp : Op<Nx_Dialect, "yield",
    [Pure, Terminator,
     ParentOneOf<["WhileOp", "IfOp", "ReduceFnOp", "WindowReduceFnOp"]>]> {
  let summary = "terminator of the regions of control flow and reductions";
  let arguments = (ins Variadic<Nx_Tensor>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
}

// The region ops are not `Nx_Op`s: their effects are those of their bodies.
def Nx_WhileOp : Op<Nx_Dialect, "while", [RecursiveMemoryEffects]> {
  let summary = "loop over tensor state while `cond` yields nonzero";
  let description = [{
    The state starts as `init`. `cond` (block arguments: the state) yields a
    0-d integer tensor; while it is nonzero, `body` (block arguments: the
    state) yields the next state. The results are the final state.

    ```mlir
    %r = nx.while (%x) : (tensor<si32>) -> tensor<si32> cond {
    ^bb0(%s: tensor<si32>):
      %c = nx.less %s, %n : tensor<si32> -> tensor<ui8>
      nx.yield %c : tensor<ui8>
    } body {
    ^bb0(%s: tensor<si32>):
      %t = nx.add %s, %one : tensor<si32>
      nx.yield %t : tensor<si32>
    }
    ```
  }];
  let arguments = (ins Variadic<Nx_Tensor>:$init);
  let results = (outs Variadic<Nx_Tensor>:$results);
  let regions = (region SizedRegion<1>:$cond, SizedRegion<1>:$body);
  let assemblyFormat = [{
    `(` $init `)` `:` functional-type($init, $results) attr-dict
    `cond` $cond `body` $body
  }];
  let hasVerifier = 1;
}

def Nx_IfOp : Op<Nx_Dialect, "if",
    [RecursiveMemoryEffects, NoRegionArguments]> {
  let summary = "`then_region` if `pred` is nonzero, else `else_region`";
  let description = [{
    `pred` is a 0-d integer tensor. Both regions yield values of the result
    types with `nx.yield`.
  }];
  let arguments = (ins Nx_PredScalar:$pred);
  let results = (outs Variadic<Nx_Tensor>:$results);
  let regions = (region SizedRegion<1>:$then_region,
                        SizedRegion<1>:$else_region);
  let assemblyFormat = [{
    $pred `:` type($pred) (`->` type($results)^)? attr-dict
    `then` $then_region `else` $else_region
  }];
  let hasVerifier = 1;
}

#endif // NXC_IR_NXWINDOWOPS_TD
