//===- TypedIR.h - The checked, specialized form of an nx module -*- C++ -*-===//
//
// This file defines the typed IR: the output of the frontend's checker and the
// input of codegen's MLIRGen. It is flat and SSA-like: a function is a list of
// nodes, each naming earlier nodes as operands. Every node is monomorphic and
// fully typed; every implicit conversion and broadcast has been made explicit;
// composite Nx functions (mean, clip, eye, ...) have been expanded into the
// primitive ops of the `nx` dialect (see docs/architecture.md, Contract 2).
//
// This header has no MLIR or ANTLR dependency.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_TYPEDIR_H
#define NXC_FRONTEND_TYPEDIR_H

#include <cstdint>
#include <string>
#include <vector>

namespace nxc {

/// A position in a source file (1-based; 0 means unknown).
struct SourceLoc {
  uint32_t line = 0;
  uint32_t col = 0;
  /// The DiagnosticEngine source this location is in (1-based); 0 is the
  /// engine's current source, the file being compiled.
  uint32_t file = 0;
};

/// Element types, named as in Nx. Pred is nxc's boolean input type (`i1`);
/// Nx itself represents booleans as u8.
enum class DType : uint8_t {
  Pred,
  U8,
  U16,
  U32,
  U64,
  S8,
  S16,
  S32,
  S64,
  F16,
  BF16,
  F32,
  F64
};

/// Nx's name of a dtype: "pred", "u8", ..., "bf16", "f32", "f64".
const char *dtypeName(DType t);
bool isFloat(DType t);   ///< f16, bf16, f32, f64
bool isInteger(DType t); ///< the signed and unsigned integers (not pred)
bool isSigned(DType t);  ///< signed integers and floats
unsigned bitWidth(DType t); ///< pred is 1

/// One dimension: static when `size >= 0`, otherwise dynamic and named by
/// `sym` (a user size variable such as "n", or a fresh "_3").
struct Dim {
  int64_t size = -1;
  std::string sym;
  bool isStatic() const { return size >= 0; }
  bool operator==(const Dim &o) const {
    return isStatic() ? size == o.size : (!o.isStatic() && sym == o.sym);
  }
  bool operator!=(const Dim &o) const { return !(*this == o); }
};

struct TensorType {
  DType dtype = DType::F32;
  std::vector<Dim> shape;
  bool operator==(const TensorType &o) const {
    return dtype == o.dtype && shape == o.shape;
  }
  bool operator!=(const TensorType &o) const { return !(*this == o); }
};

/// A value's type: a tensor, or a tuple of types (possibly nested).
struct Type {
  bool isTuple = false;
  TensorType tensor;          ///< when !isTuple
  std::vector<Type> elements; ///< when isTuple
  bool operator==(const Type &o) const {
    return isTuple == o.isTuple &&
           (isTuple ? elements == o.elements : tensor == o.tensor);
  }
};

/// Textual form, e.g. "f32[n][3]" style is not used; we print "f32[n, 3]"
/// and tuples as "{f32[2], s64[]}".
std::string toString(const TensorType &t);
std::string toString(const Type &t);

/// A region of an If or While node: the nodes computed inside it (in order;
/// they may use nodes computed before the region) and the tensors it yields.
struct TRegion {
  std::vector<TensorType> args; ///< block arguments (RegionArg nodes)
  std::vector<int> nodes;       ///< nodes that belong to this region
  std::vector<int> results;     ///< tensor nodes yielded, flattened
};

/// One node of a typed function.
struct TNode {
  enum class Kind {
    Param,     ///< function parameter number `index` (tensor-typed)
    Constant,  ///< a dense constant: `ints` or `floats` holds the elements
    Prim,      ///< an `nx` dialect op named `op` applied to `operands`
    Call,      ///< call of function number `callee` with `operands`
    MakeTuple, ///< tuple of `operands`
    GetElem,   ///< element `index` of the tuple-typed operand 0
    If,        ///< `nx.if`: operand 0 is a 0-d integer predicate;
               ///< regions[0] runs when it is nonzero, else regions[1]
    While,     ///< `nx.while`: operands are the initial state (tensors);
               ///< `type` is the tuple of the state's tensors; regions[0]
               ///< (cond) yields one 0-d integer, regions[1] (body) the
               ///< next state; both take the state as arguments
    RegionArg, ///< block argument `index` of the innermost enclosing region
  };
  Kind kind = Kind::Prim;
  Type type;
  SourceLoc loc;
  std::vector<int> operands; ///< indices of earlier nodes in the function

  /// Prim: the nx op name without the "nx." prefix, e.g. "add", "reduce_sum".
  std::string op;
  /// Prim attributes, named exactly as in the nx dialect. Only those the op
  /// has are set: axes/dims/permutation/*_dims are `i64s` entries, flags are
  /// `bools` entries, `axis`/`dim` are `i64` entries, string attributes
  /// (`nx.scatter`'s `mode`) are `strs` entries, emitted as `StrAttr`.
  std::vector<std::pair<std::string, std::vector<int64_t>>> i64Arrays;
  std::vector<std::pair<std::string, int64_t>> i64s;
  std::vector<std::pair<std::string, bool>> bools;
  std::vector<std::pair<std::string, std::string>> strs;

  /// Constant: row-major elements; integers (and pred) in `ints`, floats in
  /// `floats`. A single element with a non-scalar type is a splat.
  std::vector<int64_t> ints;
  std::vector<double> floats;

  int index = 0;  ///< Param number, GetElem index or RegionArg number
  int callee = -1; ///< Call: index into TypedModule::functions
  /// If, While: their regions. Every node belongs to the function's top
  /// level or to exactly one region's `nodes`.
  std::vector<TRegion> regions;
};

/// A monomorphic function. Parameters are tensors (tuples passed to a defn
/// are flattened by the checker into several tensor parameters).
struct TFunction {
  std::string name;   ///< unique symbol, e.g. "softmax__f32_n_k"
  std::string source; ///< the defn's name in the source
  SourceLoc loc;
  std::vector<TensorType> params;
  std::vector<std::string> paramNames; ///< source names of the params (may be empty)
  std::vector<TNode> nodes;
  int result = -1; ///< node index of the returned value (may be a tuple)

  bool isEntry = false;
  std::string entryName;  ///< the @entry name, when isEntry
  std::string signature;  ///< Contract 3 signature text, when isEntry
};

/// The prims of the grad API (frontend/Grad.cpp), each forwarding the value
/// of its first operand (codegen emits nothing for them): `identity` (an
/// input being differentiated: the gradient passes through), `stop_grad`
/// (the gradient stops) and `custom_grad` (operands: the value, then the
/// inputs of a user-given gradient function; i64 attribute `rule`).
inline bool isGradMarker(const std::string &op) {
  return op == "identity" || op == "stop_grad" || op == "custom_grad";
}

struct TypedModule {
  std::string name; ///< the defmodule name, e.g. "Softmax"
  std::vector<TFunction> functions;
  /// The files a SourceLoc::file names (id - 1): library modules' locations
  /// are in their own files. Empty when the program is one file.
  std::vector<std::string> files;
};

} // namespace nxc

#endif // NXC_FRONTEND_TYPEDIR_H
