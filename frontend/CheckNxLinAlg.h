//===- CheckNxLinAlg.h - Helpers shared by the Nx.LinAlg files -*- C++ -*-===//
//
// This file declares what CheckNxLinAlg.cpp and CheckNxLinAlg2.cpp share.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_CHECKNXLINALG_H
#define NXC_FRONTEND_CHECKNXLINALG_H

#include "frontend/Checker.h"

namespace nxc {

/// The floating dtype a LinAlg function computes in (`Nx.Type.to_floating`
/// of `in`); reports f16/bf16, which the LinAlg ops do not take, at `v`.
bool linalgType(Checker &c, const NxCall &call, const Value &v, DType in,
                DType &out);

} // namespace nxc

#endif // NXC_FRONTEND_CHECKNXLINALG_H
