//===- Inspect.h - Printing tensors the way Nx does -------------*- C++ -*-===//
//
// This file declares nxrt::inspect, which renders a tensor in the format of
// Elixir's `inspect(tensor)` for an Nx tensor:
//
//   #Nx.Tensor<
//     f32[2][3]
//     [
//       [1.0, 2.0, 3.0],
//       [4.0, 5.0, 6.0]
//     ]
//   >
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_INSPECT_H
#define NXRT_INSPECT_H

#include "nxrt/Tensor.h"

#include <string>

namespace nxrt {

/// Renders `tensor` as Nx's inspect does. Floats use Elixir's shortest
/// round-trip form of the value widened to a double (1.0, 0.5, 1.0e-5, NaN,
/// Inf, -Inf); integers and pred are printed as integers. Every element is
/// printed, the innermost dimension on one line: there is no equivalent of
/// the `limit` option of Elixir's inspect, which elides elements with `...`.
std::string inspect(const Tensor &tensor);

/// One float as Elixir prints it: `1.0`, `1.0e-5`, `NaN`, `-Inf`.
std::string formatFloat(double value);

} // namespace nxrt

#endif // NXRT_INSPECT_H
