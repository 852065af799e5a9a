//===- NxOps.td - the nx dialect operations ----------------*- tablegen -*-===//
//
// This file defines the operations of the `nx` dialect. Operand, attribute and
// result names follow docs/architecture.md ("Contract 2") exactly: MLIRGen
// builds these ops generically by name, so the attribute names and kinds here
// are part of the contract. Variadic `index` operands (dynamic result sizes)
// are always the trailing operands.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXOPS_TD
#define NXC_IR_NXOPS_TD

include "ir/NxDialect.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Nx_Tensor : RankedTensorOf<[AnyInteger, AnyFloat]>;
def Nx_FloatTensor : RankedTensorOf<[AnyFloat]>;
def Nx_PredTensor : RankedTensorOf<[UI8]>;
def Nx_S64Tensor : RankedTensorOf<[SI64]>;

//===----------------------------------------------------------------------===//
// Op classes
//===----------------------------------------------------------------------===//

class Nx_Op<string mnemonic, list<Trait> traits = []>
    : Op<Nx_Dialect, mnemonic, !listconcat([Pure], traits)>;

/// Float-only elementwise unary op: `%r = nx.exp %x : tensor<4xf32>`.
class Nx_UnaryFloatOp<string mnemonic>
    : Nx_Op<mnemonic, [SameOperandsAndResultType]> {
  let summary = "elementwise `" # mnemonic # "` of a float tensor";
  let arguments = (ins Nx_FloatTensor:$x);
  let results = (outs Nx_FloatTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($result)";
}

/// Elementwise unary op on any element type.
class Nx_UnaryOp<string mnemonic>
    : Nx_Op<mnemonic, [SameOperandsAndResultType]> {
  let summary = "elementwise `" # mnemonic # "`";
  let arguments = (ins Nx_Tensor:$x);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($result)";
}

/// Elementwise unary predicate: result is `ui8` 0/1 of the operand's shape.
class Nx_UnaryPredOp<string mnemonic, Type operandType>
    : Nx_Op<mnemonic, [AllShapesMatch<["x", "result"]>]> {
  let summary = "elementwise `" # mnemonic # "` producing `ui8` 0/1";
  let arguments = (ins operandType:$x);
  let results = (outs Nx_PredTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
}

/// Elementwise binary op on operands of identical type:
/// `%r = nx.add %x, %y : tensor<2x3xf32>`.
class Nx_BinaryOp<string mnemonic, Type type = Nx_Tensor>
    : Nx_Op<mnemonic, [SameOperandsAndResultType]> {
  let summary = "elementwise `" # mnemonic # "`";
  let arguments = (ins type:$x, type:$y);
  let results = (outs type:$result);
  let assemblyFormat = "$x `,` $y attr-dict `:` type($result)";
}

/// Elementwise comparison or logical op: operands of identical type, `ui8`
/// 0/1 result of the same shape.
class Nx_BinaryPredOp<string mnemonic>
    : Nx_Op<mnemonic, [AllTypesMatch<["x", "y"]>,
                       AllShapesMatch<["x", "result"]>]> {
  let summary = "elementwise `" # mnemonic # "` producing `ui8` 0/1";
  let arguments = (ins Nx_Tensor:$x, Nx_Tensor:$y);
  let results = (outs Nx_PredTensor:$result);
  let assemblyFormat = "$x `,` $y attr-dict `:` type($x) `->` type($result)";
}

/// Reduction over `axes` (sorted, unique); `keep_axes` keeps reduced axes as
/// size 1.
class Nx_ReduceOp<string mnemonic, Type resultType>
    : Nx_Op<mnemonic, []> {
  let summary = "`" # mnemonic # "` over `axes`";
  let arguments = (ins Nx_Tensor:$x, DenseI64ArrayAttr:$axes,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_axes);
  let results = (outs resultType:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
}

/// Index of the largest/smallest element along `axis`.
class Nx_ArgReduceOp<string mnemonic> : Nx_Op<mnemonic, []> {
  let summary = "`" # mnemonic # "` along `axis`, as `si64`";
  let description = [{
    NaN compares greater (argmax) / smaller (argmin) than everything and the
    first NaN wins, like NumPy. `tie_break_high` picks the last of equal
    elements instead of the first.
  }];
  let arguments = (ins Nx_Tensor:$x, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_axis,
                       DefaultValuedAttr<BoolAttr, "false">:$tie_break_high);
  let results = (outs Nx_S64Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def Nx_ConstantOp : Nx_Op<"constant",
    [ConstantLike, AllTypesMatch<["value", "result"]>]> {
  let summary = "tensor constant";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

def Nx_ExpOp : Nx_UnaryFloatOp<"exp">;
def Nx_Expm1Op : Nx_UnaryFloatOp<"expm1">;
def Nx_LogOp : Nx_UnaryFloatOp<"log">;
def Nx_Log1pOp : Nx_UnaryFloatOp<"log1p">;
def Nx_SqrtOp : Nx_UnaryFloatOp<"sqrt">;
def Nx_RsqrtOp : Nx_UnaryFloatOp<"rsqrt">;
def Nx_CbrtOp : Nx_UnaryFloatOp<"cbrt">;
def Nx_SinOp : Nx_UnaryFloatOp<"sin">;
def Nx_CosOp : Nx_UnaryFloatOp<"cos">;
def Nx_TanOp : Nx_UnaryFloatOp<"tan">;
def Nx_TanhOp : Nx_UnaryFloatOp<"tanh">;
def Nx_SigmoidOp : Nx_UnaryFloatOp<"sigmoid">;
def Nx_ErfOp : Nx_UnaryFloatOp<"erf">;
def Nx_ErfInvOp : Nx_UnaryFloatOp<"erf_inv">;
def Nx_FloorOp : Nx_UnaryFloatOp<"floor">;
def Nx_CeilOp : Nx_UnaryFloatOp<"ceil">;
def Nx_RoundOp : Nx_UnaryFloatOp<"round">;
// Inverse and hyperbolic trigonometry, erfc and the base-2/base-10
// logarithms (Nx.acos ... Nx.log10); each is the math op of the same name.
def Nx_AcosOp : Nx_UnaryFloatOp<"acos">;
def Nx_AsinOp : Nx_UnaryFloatOp<"asin">;
def Nx_AtanOp : Nx_UnaryFloatOp<"atan">;
def Nx_AcoshOp : Nx_UnaryFloatOp<"acosh">;
def Nx_AsinhOp : Nx_UnaryFloatOp<"asinh">;
def Nx_AtanhOp : Nx_UnaryFloatOp<"atanh">;
def Nx_CoshOp : Nx_UnaryFloatOp<"cosh">;
def Nx_SinhOp : Nx_UnaryFloatOp<"sinh">;
def Nx_ErfcOp : Nx_UnaryFloatOp<"erfc">;
def Nx_Log2Op : Nx_UnaryFloatOp<"log2">;
def Nx_Log10Op : Nx_UnaryFloatOp<"log10">;

def Nx_AbsOp : Nx_UnaryOp<"abs">;
def Nx_NegateOp : Nx_UnaryOp<"negate">;
def Nx_SignOp : Nx_UnaryOp<"sign">;

def Nx_IsNanOp : Nx_UnaryPredOp<"is_nan", Nx_FloatTensor>;
def Nx_IsInfinityOp : Nx_UnaryPredOp<"is_infinity", Nx_FloatTensor>;
def Nx_LogicalNotOp : Nx_UnaryPredOp<"logical_not", Nx_Tensor>;

def Nx_AddOp : Nx_BinaryOp<"add">;
def Nx_SubtractOp : Nx_BinaryOp<"subtract">;
def Nx_MultiplyOp : Nx_BinaryOp<"multiply">;
def Nx_DivideOp : Nx_BinaryOp<"divide">;
def Nx_PowOp : Nx_BinaryOp<"pow">;
def Nx_MinOp : Nx_BinaryOp<"min">;
def Nx_MaxOp : Nx_BinaryOp<"max">;
def Nx_RemainderOp : Nx_BinaryOp<"remainder">;
def Nx_Atan2Op : Nx_BinaryOp<"atan2", Nx_FloatTensor>;

def Nx_EqualOp : Nx_BinaryPredOp<"equal">;
def Nx_NotEqualOp : Nx_BinaryPredOp<"not_equal">;
def Nx_LessOp : Nx_BinaryPredOp<"less">;
def Nx_LessEqualOp : Nx_BinaryPredOp<"less_equal">;
def Nx_GreaterOp : Nx_BinaryPredOp<"greater">;
def Nx_GreaterEqualOp : Nx_BinaryPredOp<"greater_equal">;
def Nx_LogicalAndOp : Nx_BinaryPredOp<"logical_and">;
def Nx_LogicalOrOp : Nx_BinaryPredOp<"logical_or">;
def Nx_LogicalXorOp : Nx_BinaryPredOp<"logical_xor">;

def Nx_SelectOp : Nx_Op<"select",
    [AllTypesMatch<["on_true", "on_false", "result"]>,
     AllShapesMatch<["pred", "result"]>]> {
  let summary = "elementwise choice: `pred` nonzero picks `on_true`";
  let arguments = (ins RankedTensorOf<[AnyInteger]>:$pred, Nx_Tensor:$on_true,
                       Nx_Tensor:$on_false);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = [{
    $pred `,` $on_true `,` $on_false attr-dict `:` type($pred) `,` type($result)
  }];
}

def Nx_ConvertOp : Nx_Op<"convert", [AllShapesMatch<["x", "result"]>]> {
  let summary = "elementwise element type conversion";
  let description = [{
    Float to integer truncates toward zero; anything to `i1` is `!= 0`;
    integers extend by the signedness of the operand.
  }];
  let arguments = (ins Nx_Tensor:$x);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

def Nx_BroadcastInDimOp : Nx_Op<"broadcast_in_dim",
    [AllElementTypesMatch<["x", "result"]>]> {
  let summary = "broadcast to a result shape, operand dim i -> result dim dims[i]";
  let description = [{
    An operand dim that is static 1 where the result dim is not 1 is
    expanded; any other operand dim equals its result dim. One `index`
    operand per dynamic result dim gives its size.

    ```mlir
    %r = nx.broadcast_in_dim %x [%n] {dims = array<i64: 0>}
           : tensor<?xf32> -> tensor<?x4xf32>
    ```
  }];
  let arguments = (ins Nx_Tensor:$x, Variadic<Index>:$dynamic_sizes,
                       DenseI64ArrayAttr:$dims);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = [{
    $x (`[` $dynamic_sizes^ `]`)? attr-dict `:` type($x) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Nx_ReshapeOp : Nx_Op<"reshape", [AllElementTypesMatch<["x", "result"]>]> {
  let summary = "row-major reshape to the same element count";
  let arguments = (ins Nx_Tensor:$x, Variadic<Index>:$dynamic_sizes);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = [{
    $x (`[` $dynamic_sizes^ `]`)? attr-dict `:` type($x) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Nx_TransposeOp : Nx_Op<"transpose", [AllElementTypesMatch<["x", "result"]>]> {
  let summary = "permute dims: result dim i = operand dim permutation[i]";
  let arguments = (ins Nx_Tensor:$x, DenseI64ArrayAttr:$permutation);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

def Nx_ReduceSumOp : Nx_ReduceOp<"reduce_sum", Nx_Tensor>;
def Nx_ReduceProductOp : Nx_ReduceOp<"reduce_product", Nx_Tensor>;
def Nx_ReduceMaxOp : Nx_ReduceOp<"reduce_max", Nx_Tensor>;
def Nx_ReduceMinOp : Nx_ReduceOp<"reduce_min", Nx_Tensor>;
def Nx_ReduceAllOp : Nx_ReduceOp<"reduce_all", Nx_PredTensor>;
def Nx_ReduceAnyOp : Nx_ReduceOp<"reduce_any", Nx_PredTensor>;

def Nx_ArgmaxOp : Nx_ArgReduceOp<"argmax">;
def Nx_ArgminOp : Nx_ArgReduceOp<"argmin">;

//===----------------------------------------------------------------------===//
// Contraction, iota, sizes
//===----------------------------------------------------------------------===//

def Nx_DotOp : Nx_Op<"dot", [AllElementTypesMatch<["lhs", "rhs", "result"]>]> {
  let summary = "general dot product; result dims are batch, lhs free, rhs free";
  let arguments = (ins Nx_Tensor:$lhs, Nx_Tensor:$rhs,
                       DenseI64ArrayAttr:$lhs_contracting_dims,
                       DenseI64ArrayAttr:$rhs_contracting_dims,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$lhs_batch_dims,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$rhs_batch_dims);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Nx_IotaOp : Nx_Op<"iota", []> {
  let summary = "tensor whose elements are their index along `axis`";
  let arguments = (ins Variadic<Index>:$dynamic_sizes, I64Attr:$axis);
  let results = (outs Nx_Tensor:$result);
  let assemblyFormat = "(`[` $dynamic_sizes^ `]`)? attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Nx_DimSizeOp : Nx_Op<"dim_size", []> {
  let summary = "size of dim `dim` of a tensor, as a `tensor<si64>`";
  let arguments = (ins Nx_Tensor:$x, I64Attr:$dim);
  let results = (outs 0DTensorOf<[SI64]>:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
}

// Op families added with issue 4, one file each.
include "ir/NxIndexingOps.td"
include "ir/NxWindowOps.td"
include "ir/NxLinAlgOps.td"
include "ir/NxFunctionalOps.td"

#endif // NXC_IR_NXOPS_TD
