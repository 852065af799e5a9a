//===- ReduceOptions.h - The axes:/keep_axes:/ddof: options ------*- C++ -*-===//
//
// This file declares the reader of the options shared by Nx's reductions
// (`axes:`, `keep_axes:`) and by the statistics built on them (`ddof:`), so
// every family reads them the same way, and the shape a reduction leaves.
// Implemented in CheckNxReductions.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_REDUCEOPTIONS_H
#define NXC_FRONTEND_REDUCEOPTIONS_H

#include "frontend/Checker.h"

#include <cstdint>
#include <vector>

namespace nxc {

/// Normalized reduction options; `axes` is every axis when absent.
struct ReduceOpts {
  std::vector<int64_t> axes;
  bool keep = false;
  int64_t ddof = 0;
};

/// Reads `axes:`, `keep_axes:` and `ddof:` of `call` for an input of `rank`
/// axes. Returns false after reporting a diagnostic.
bool readReduceOpts(Checker &c, NxCall &call, size_t rank, ReduceOpts &o);

/// The shape left after reducing `axes` of `in`: those dims dropped, or kept
/// as size 1 when `keep`.
std::vector<Dim> reducedShape(const std::vector<Dim> &in,
                              const std::vector<int64_t> &axes, bool keep);

} // namespace nxc

#endif // NXC_FRONTEND_REDUCEOPTIONS_H
