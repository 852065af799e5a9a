//===- MemRef.h - MLIR memref ABI helpers -----------------------*- C++ -*-===//
//
// This file declares the C functions that compiled code may call and that
// MLIR's runner-utils library would otherwise provide, so that an object file
// produced by nxc links against libnxrt alone.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_MEMREF_H
#define NXRT_MEMREF_H

#include <cstddef>
#include <cstdint>

extern "C" {

/// An unranked memref as MLIR passes it: the rank and a pointer to a ranked
/// descriptor `{T *allocated; T *aligned; int64_t offset;
/// int64_t sizes[rank]; int64_t strides[rank];}`.
struct NxrtUnrankedMemRef {
  int64_t rank;
  void *descriptor;
};

/// Copies the elements of `src` into `dst` (same rank and sizes), following
/// each side's offset and strides. Same ABI as MLIR's `memrefCopy`.
void memrefCopy(int64_t elemSize, NxrtUnrankedMemRef *src,
                NxrtUnrankedMemRef *dst);

/// The allocator compiled code calls for its temporary buffers (MLIR's
/// generic allocation functions; runtime/lib/BufferPool.cpp): blocks of 64
/// KiB and more are cached per thread after `free` for reuse. `align` is a
/// power of two; the plain form aligns to 64 bytes.
void *_mlir_memref_to_llvm_alloc(size_t bytes);
void *_mlir_memref_to_llvm_aligned_alloc(size_t align, size_t bytes);
void _mlir_memref_to_llvm_free(void *p);
}

#endif // NXRT_MEMREF_H
