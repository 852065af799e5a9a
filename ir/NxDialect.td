//===- NxDialect.td - the nx dialect definition ------------*- tablegen -*-===//
//
// This file declares the `nx` dialect: tensor-level primitives of Elixir Nx
// `defn` code, one op per primitive of the typed IR (docs/architecture.md,
// "Contract 2").
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXDIALECT_TD
#define NXC_IR_NXDIALECT_TD

include "mlir/IR/OpBase.td"

def Nx_Dialect : Dialect {
  let name = "nx";
  let summary = "Tensor primitives of Elixir Nx numerical definitions";
  let description = [{
    All values are ranked tensors whose element type carries signedness
    (`i1` for pred, `ui8`, `si32`, `si64`, `f32`, `f64`, ...). Ops never
    broadcast or convert implicitly; the front end makes every
    `nx.broadcast_in_dim` and `nx.convert` explicit. `nx-to-linalg` lowers the
    dialect to linalg/tensor/arith/math on signless integers.
  }];
  let cppNamespace = "::nxc::nx";
}

#endif // NXC_IR_NXDIALECT_TD
