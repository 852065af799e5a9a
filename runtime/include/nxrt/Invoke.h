//===- Invoke.h - Calling a compiled entry ----------------------*- C++ -*-===//
//
// This file declares nxrt::invoke, which calls a compiled entry through the
// ABI of Contract 3: it checks the inputs against the signature (binding size
// variables), allocates or checks the outputs, builds one memref descriptor
// per tensor and calls the entry with the array of descriptor pointers.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_INVOKE_H
#define NXRT_INVOKE_H

#include "nxrt/Signature.h"
#include "nxrt/Status.h"
#include "nxrt/Tensor.h"

#include <vector>

namespace nxrt {

/// The type of a compiled entry: `void nxc_M_E(void **args)`.
using EntryFn = void (*)(void **);

/// Calls `fn` on `inputs`. `outputs` is either empty (it is resized to one
/// null tensor per result) or has one tensor per result; each null tensor is
/// allocated, each non-null one (e.g. a view over caller memory) must have
/// exactly the dtype and shape the signature gives it. Reentrant: keeps no
/// state between calls.
Status invoke(const Signature &sig, EntryFn fn,
              const std::vector<Tensor> &inputs, std::vector<Tensor> &outputs);

} // namespace nxrt

#endif // NXRT_INVOKE_H
