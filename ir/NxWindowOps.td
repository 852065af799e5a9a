//===- NxWindowOps.td - window, convolution, control-flow and bitwise ops -*- tablegen -*-===//
//
// This file defines the nx dialect's window, convolution, control-flow and bitwise ops.
// It is included at the end of NxOps.td and uses its op classes.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_IR_NXWINDOWOPS_TD
#define NXC_IR_NXWINDOWOPS_TD

#endif // NXC_IR_NXWINDOWOPS_TD
