//===- WindowOptions.h - The window options of Nx's window ops --*- C++ -*-===//
//
// This file declares the reader of the window dimensions, `strides:`,
// `padding:` and `window_dilations:` shared by the window reductions
// (CheckNxWindow.cpp, where it is implemented) and Nx.window_reduce
// (CheckNxFunctional.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_WINDOWOPTIONS_H
#define NXC_FRONTEND_WINDOWOPTIONS_H

#include "frontend/Checker.h"

#include <cstdint>
#include <vector>

namespace nxc {

/// The checked configuration of a window op.
struct Window {
  std::vector<int64_t> dims, strides, lo, hi, dil;
  std::vector<Dim> result;
};

/// Reads the window dimensions `dimsArg` and the options of `call` for
/// operand `x` (`window_dilations:` only when `dilations`), and computes the
/// result shape. Returns false after reporting a diagnostic.
bool windowConfig(Checker &c, const NxCall &call, const Value &x,
                  const Value &dimsArg, bool dilations, Window &w);

} // namespace nxc

#endif // NXC_FRONTEND_WINDOWOPTIONS_H
