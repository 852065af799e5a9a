//===- NxLinAlgOps.td - Nx.LinAlg decompositions and solves -*- tablegen -*-===//
//
// This file defines the nx dialect's linear-algebra ops (Nx.LinAlg):
// factorizations and triangular solves over the last two axes, batched over
// the leading ones. It is included at the end of NxOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXLINALGOPS_TD
#define NXC_IR_NXLINALGOPS_TD

#endif // NXC_IR_NXLINALGOPS_TD
