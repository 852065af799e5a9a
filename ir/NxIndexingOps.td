//===- NxIndexingOps.td - indexing, sorting and scan ops -*- tablegen -*-===//
//
// This file defines the nx dialect's indexing, sorting and scan ops: slices, pads, gathers, scatters, sort, cumulative ops.
// It is included at the end of NxOps.td and uses its op classes.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXINDEXINGOPS_TD
#define NXC_IR_NXINDEXINGOPS_TD

#endif // NXC_IR_NXINDEXINGOPS_TD
