//===- CheckNxIndexing.h - Helpers shared by indexing and sorting -*- C++ -*-===//
//
// This file declares the option readers and slicing helpers that
// CheckNxIndexing.cpp and CheckNxSort.cpp share.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_CHECKNXINDEXING_H
#define NXC_FRONTEND_CHECKNXINDEXING_H

#include "frontend/Checker.h"

namespace nxc {

/// The value of option `name` of `call`, or null when not given.
const Expr *findOption(const NxCall &call, const char *name);
/// Reads and normalizes the `axis` option (`axis` holds the default).
bool axisOption(Checker &c, const NxCall &call, size_t rank, int64_t &axis);
/// An s64 constant of `shape` holding `v`.
int s64Constant(Emitter &em, std::vector<int64_t> v, std::vector<Dim> shape,
                SourceLoc loc);
/// `nx.transpose` by `perm`, or `x` when `perm` is the identity.
int transposeTo(Emitter &em, int x, const std::vector<int64_t> &perm,
                SourceLoc loc);
/// Elements start, start + stride, ... (`len` elements before striding) of
/// `x` along `axis`, the start clamped as Nx does on a static dim. Uses
/// `nx.slice`, or `nx.gather` when another dim is a run-time size.
int sliceAlongAxis(Checker &c, int x, int64_t axis, int64_t start,
                   int64_t len, int64_t stride, SourceLoc loc);

} // namespace nxc

#endif // NXC_FRONTEND_CHECKNXINDEXING_H
