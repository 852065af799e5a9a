//===- NxIndexingOps.td - indexing, sorting and scan ops -*- tablegen -*-===//
//
// This file defines the nx dialect's indexing, sorting and scan ops: slices,
// pads, concatenation, reversal, sort/argsort and cumulative ops.
// It is included at the end of NxOps.td and uses its op classes.
//
// Result dims that follow from the operands' sizes (a pad of a `?` dim, a
// concatenation of `?` dims) need no `index` operands: the lowering reads the
// operands' sizes. A result dim may be `?` wherever the verifier cannot tell
// its size statically, and static wherever it can.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXINDEXINGOPS_TD
#define NXC_IR_NXINDEXINGOPS_TD

/// A 0-d integer tensor used as a run-time index (any width, any signedness).
def Nx_IndexScalar : 0DTensorOf<[AnyInteger]>;

//===----------------------------------------------------------------------===//
// Slices, pads, concatenation, reversal
//===----------------------------------------------------------------------===//

def Nx_SliceOp : Nx_Op<"slice", [AllElementTypesMatch<["x", "result"]>]> {
  let summary = "static strided slice";
  let description = [{
    Result dim i holds operand elements `start_indices[i] + k * strides[i]`
    for `k` in `[0, ceil((limit_indices[i] - start_indices[i]) / strides[i]))`.
    `0 <= start <= limit <= dim` and `stride >= 1` on static dims. On a `?`
    dim the start moves down so that the slice fits (as Nx clamps starts),
    and elements past a too-short dim are 0: nothing reads out of bounds.

    ```mlir
    %r = nx.slice %x {start_indices = array<i64: 1>,
                      limit_indices = array<i64: 7>, strides = array<i64: 2>}
           : tensor<8xf32> -> tensor<3xf32>
    ```
  }];
  let arguments = (ins Nx_Tensor:$x, DenseI64ArrayAttr:$start_indices,
                       DenseI64ArrayAttr:$limit_indices,
                       DenseI64ArrayAttr:$strides);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Nx_DynamicSliceOp : Nx_Op<"dynamic_slice",
    [AllElementTypesMatch<["x", "result"]>]> {
  let summary = "slice of static sizes at run-time start indices (clamped)";
  let description = [{
    One 0-d integer start index per operand dim. As in Nx (and XLA), each
    start is clamped to `[0, dim - slice_sizes[i]]`, so the slice never reads
    out of bounds; unsigned indices are read as unsigned. The result has
    shape `slice_sizes`.

    ```mlir
    %r = nx.dynamic_slice %x [%i, %j] {slice_sizes = array<i64: 2, 2>}
           : tensor<4x?xf32>, [tensor<si32>, tensor<ui8>] -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Nx_Tensor:$x, Variadic<Nx_IndexScalar>:$start_indices,
                       DenseI64ArrayAttr:$slice_sizes);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = [{
    $x `[` $start_indices `]` attr-dict `:` type($x) `,`
    `[` type($start_indices) `]` `->` type($result)
  }];
  let hasVerifier = 1;
}

def Nx_DynamicUpdateSliceOp : Nx_Op<"dynamic_update_slice",
    [AllTypesMatch<["x", "result"]>,
     AllElementTypesMatch<["x", "update"]>]> {
  let summary = "`x` with `update` written at run-time start indices (clamped)";
  let description = [{
    `Nx.put_slice`: one 0-d integer start index per dim, each clamped to
    `[0, dim - update_dim]` so the whole update lands in bounds.

    ```mlir
    %r = nx.dynamic_update_slice %x, %u [%i]
           : tensor<8xf32>, tensor<3xf32>, [tensor<si64>]
    ```
  }];
  let arguments = (ins Nx_Tensor:$x, Nx_Tensor:$update,
                       Variadic<Nx_IndexScalar>:$start_indices);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = [{
    $x `,` $update `[` $start_indices `]` attr-dict `:` type($x) `,`
    type($update) `,` `[` type($start_indices) `]`
  }];
  let hasVerifier = 1;
}

def Nx_PadOp : Nx_Op<"pad",
    [AllElementTypesMatch<["x", "pad_value", "result"]>]> {
  let summary = "edge and interior padding with a 0-d `pad_value`";
  let description = [{
    `Nx.pad`: dim i gets `low[i]` elements before, `high[i]` after and
    `interior[i]` between each pair of elements; negative `low`/`high`
    crop. Result dim = `low + high + d + max(d - 1, 0) * interior`, which
    must not be negative; `interior >= 0`.

    ```mlir
    %r = nx.pad %x, %zero {low = array<i64: 1>, high = array<i64: -1>,
                           interior = array<i64: 1>}
           : tensor<3xf32>, tensor<f32> -> tensor<5xf32>
    ```
  }];
  let arguments = (ins Nx_Tensor:$x,
                       0DTensorOf<[AnyInteger, AnyFloat]>:$pad_value,
                       DenseI64ArrayAttr:$low, DenseI64ArrayAttr:$high,
                       DenseI64ArrayAttr:$interior);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = [{
    $x `,` $pad_value attr-dict `:` type($x) `,` type($pad_value) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def Nx_ConcatenateOp : Nx_Op<"concatenate"> {
  let summary = "concatenation of one or more tensors along `axis`";
  let description = [{
    All inputs have the result's element type and rank and agree on every
    dim but `axis`; the result's `axis` dim is the sum of theirs.

    ```mlir
    %r = nx.concatenate %a, %b {axis = 0}
           : tensor<2x3xf32>, tensor<?x3xf32> -> tensor<?x3xf32>
    ```
  }];
  let arguments = (ins Variadic<Nx_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` type($inputs) `->` type($result)";
  let hasVerifier = 1;
}

def Nx_ReverseOp : Nx_Op<"reverse", [SameOperandsAndResultType]> {
  let summary = "reverse the order of elements along `axes`";
  let arguments = (ins Nx_Tensor:$x, DenseI64ArrayAttr:$axes);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Sorting
//===----------------------------------------------------------------------===//

def Nx_SortOp : Nx_Op<"sort", [SameOperandsAndResultType]> {
  let summary = "stable sort along `axis`";
  let description = [{
    Ascending, or descending with `descending`. Always stable: equal
    elements keep their order in both directions. As in Nx, NaN sorts
    higher than everything (last ascending, first descending); NaNs are
    equal to each other, and -0.0 equals +0.0.
  }];
  let arguments = (ins Nx_Tensor:$x, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "false">:$descending);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Nx_ArgsortOp : Nx_Op<"argsort", [AllShapesMatch<["x", "result"]>]> {
  let summary = "indices along `axis` that stably sort `x`";
  let description = [{
    The indices (along `axis`) of the elements of `nx.sort` with the same
    attributes, in Nx's chosen integer type (`Nx.argsort`'s `:type`, `si32`
    by default).
  }];
  let arguments = (ins Nx_Tensor:$x, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "false">:$descending);
  let results = (outs RankedTensorOf<[AnyInteger]>:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Cumulative ops
//===----------------------------------------------------------------------===//

/// Inclusive scan along `axis`, from the end when `reverse`; same type.
class Nx_CumulativeOp<string mnemonic>
    : Nx_Op<mnemonic, [SameOperandsAndResultType]> {
  let summary = "inclusive `" # mnemonic # "` along `axis`";
  let arguments = (ins Nx_Tensor:$x, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "false">:$reverse);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Nx_CumulativeSumOp : Nx_CumulativeOp<"cumulative_sum">;
def Nx_CumulativeProductOp : Nx_CumulativeOp<"cumulative_product">;
def Nx_CumulativeMaxOp : Nx_CumulativeOp<"cumulative_max">;
def Nx_CumulativeMinOp : Nx_CumulativeOp<"cumulative_min">;

//===----------------------------------------------------------------------===//
// Gather and scatter
//===----------------------------------------------------------------------===//

def Nx_GatherOp : Nx_Op<"gather", [AllElementTypesMatch<["x", "result"]>]> {
  let summary = "elements or blocks of `x` at integer `indices`";
  let description = [{
    `Nx.gather(x, indices, axes: axes)`: the last dim of `indices` (static,
    one entry per element of `axes`, which are sorted and unique) holds a
    position along each of `axes`. The result has shape `indices.shape[:-1]`
    followed by the dims of `x` not in `axes`: result element
    `[o..., r...]` is `x` at `indices[o..., k]` along `axes[k]` and at `r...`
    along the other dims, in order. Each index is clamped to `[0, dim - 1]`
    (unsigned indices read as unsigned), so nothing reads out of bounds. An
    indexed dim may not be static 0; a `?` one that is 0 at run time gives
    zeros.
    `Nx.take` and `Nx.take_along_axis` are this op over indices built with
    `nx.iota` and `nx.concatenate`.

    ```mlir
    %r = nx.gather %x, %i {axes = array<i64: 1>}
           : tensor<2x3xf32>, tensor<4x1xsi64> -> tensor<4x2xf32>
    ```
  }];
  let arguments = (ins Nx_Tensor:$x, RankedTensorOf<[AnyInteger]>:$indices,
                       DenseI64ArrayAttr:$axes);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = [{
    $x `,` $indices attr-dict `:` type($x) `,` type($indices) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def Nx_ScatterOp : Nx_Op<"scatter",
    [AllTypesMatch<["target", "result"]>,
     AllElementTypesMatch<["target", "updates"]>]> {
  let summary = "`Nx.indexed_add` / `Nx.indexed_put` by `mode`";
  let description = [{
    `indices` has shape `[n, k]` with `k` the number of `axes` (sorted,
    unique); `updates` has shape `[n, u...]` where `u...` has one dim per
    dim of `target` not in `axes`, each at most that dim. Update `p` is a
    block written at `indices[p, :]` along `axes` and at offset 0 along the
    other dims; `"add"` adds it to the target (duplicates accumulate),
    `"put"` stores it (the last of duplicate indices wins). Indices are
    clamped to `[0, dim - 1]` like `nx.gather`'s; an indexed dim may not be
    static 0, and a `?` one that is 0 at run time leaves the target as is.

    ```mlir
    %r = nx.scatter %t, %i, %u {axes = array<i64: 0>, mode = "add"}
           : tensor<4x3xf32>, tensor<2x1xsi64>, tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Nx_Tensor:$target, RankedTensorOf<[AnyInteger]>:$indices,
                       Nx_Tensor:$updates, DenseI64ArrayAttr:$axes,
                       StrAttr:$mode);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = [{
    $target `,` $indices `,` $updates attr-dict `:` type($target) `,`
    type($indices) `,` type($updates)
  }];
  let hasVerifier = 1;
}

#endif // NXC_IR_NXINDEXINGOPS_TD
