//===- nxrt.h - Umbrella header of the nxc runtime --------------*- C++ -*-===//
//
// This file includes the whole C++ API of libnxrt, plus its C API: tensors,
// dtypes, `.npy`/`.npz`/safetensors/IDX I/O, signatures, invoke and
// inspect. Applications that link
// a kernel compiled by nxc include this (the generated <Module>.h does).
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_NXRT_H
#define NXRT_NXRT_H

#include "nxrt/DType.h"
#include "nxrt/Device.h"
#include "nxrt/Idx.h"
#include "nxrt/Inspect.h"
#include "nxrt/Invoke.h"
#include "nxrt/MemRef.h"
#include "nxrt/Npy.h"
#include "nxrt/Npz.h"
#include "nxrt/Safetensors.h"
#include "nxrt/Signature.h"
#include "nxrt/Status.h"
#include "nxrt/Tensor.h"
#include "nxrt/nxrt_c.h"

#endif // NXRT_NXRT_H
