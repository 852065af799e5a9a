//===- NxFunctionalOps.td - reductions with a combiner region -*- tablegen -*-===//
//
// This file defines `nx.reduce` and `nx.window_reduce` (Nx.reduce and
// Nx.window_reduce): reductions whose combining function is a region. It is
// included at the end of NxOps.td. The ops are described in
// docs/dialect-window.md.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXFUNCTIONALOPS_TD
#define NXC_IR_NXFUNCTIONALOPS_TD

def Nx_ReduceFnOp : Op<Nx_Dialect, "reduce",
    [RecursiveMemoryEffects, AllElementTypesMatch<["x", "init", "result"]>]> {
  let summary = "reduction of `axes` with the function in `combiner`";
  let description = [{
    Every result element starts as `init` and is combined with each operand
    element it reduces, in an unspecified order: `combiner` takes two 0-d
    tensors of the element type (the element, then the accumulator) and
    yields the new accumulator with `nx.yield`. `axes` are sorted and
    distinct; with `keep_axes` they stay as size-1 dims. The combiner may
    read 0-d tensors defined above the op.

    ```mlir
    %r = nx.reduce %x, %zero {axes = array<i64: 1>, keep_axes = false}
        : tensor<2x3xf32>, tensor<f32> -> tensor<2xf32> combiner {
    ^bb0(%e: tensor<f32>, %acc: tensor<f32>):
      %s = nx.add %e, %acc : tensor<f32>
      nx.yield %s : tensor<f32>
    }
    ```
  }];
  let arguments = (ins Nx_Tensor:$x, 0DTensorOf<[AnyInteger, AnyFloat]>:$init,
                       DenseI64ArrayAttr:$axes, BoolAttr:$keep_axes);
  let results = (outs Nx_Tensor:$result);
  let regions = (region SizedRegion<1>:$combiner);
  let assemblyFormat = [{
    $x `,` $init attr-dict `:` type($x) `,` type($init) `->` type($result)
    `combiner` $combiner
  }];
  let hasVerifier = 1;
}

def Nx_WindowReduceFnOp : Op<Nx_Dialect, "window_reduce",
    [RecursiveMemoryEffects, AllElementTypesMatch<["x", "init", "result"]>]> {
  let summary = "reduction of every window with the function in `combiner`";
  let description = [{
    The windows are those of `nx.window_sum` (same attributes), but the
    operand is padded with `init` and every window's reduction starts at
    `init`; `combiner` is as in `nx.reduce`.
  }];
  let arguments = (ins Nx_Tensor:$x, 0DTensorOf<[AnyInteger, AnyFloat]>:$init,
                       DenseI64ArrayAttr:$window_dimensions,
                       DenseI64ArrayAttr:$window_strides,
                       DenseI64ArrayAttr:$padding_low,
                       DenseI64ArrayAttr:$padding_high,
                       DenseI64ArrayAttr:$window_dilations);
  let results = (outs Nx_Tensor:$result);
  let regions = (region SizedRegion<1>:$combiner);
  let assemblyFormat = [{
    $x `,` $init attr-dict `:` type($x) `,` type($init) `->` type($result)
    `combiner` $combiner
  }];
  let hasVerifier = 1;
}

#endif // NXC_IR_NXFUNCTIONALOPS_TD
