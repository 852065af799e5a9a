//===- MemRefCopy.cpp - Strided memref copy for compiled code -------------===//
//
// This file implements `memrefCopy`, the copy routine that MLIR's lowering
// of `memref.copy` calls for non-contiguous memrefs. It walks the index space
// of the source in row-major order (an odometer over the sizes), using each
// side's offset and strides, and copies whole runs with one memcpy when both
// sides are contiguous.
//
//===----------------------------------------------------------------------===//

#include "nxrt/MemRef.h"

#include <cstring>
#include <vector>

namespace {

/// A view of a ranked descriptor `{allocated, aligned, offset, sizes,
/// strides}` of any rank.
struct DescriptorView {
  char *aligned;
  int64_t offset;
  const int64_t *sizes;
  const int64_t *strides;

  DescriptorView(void *descriptor, int64_t rank) {
    auto *slots = static_cast<int64_t *>(descriptor);
    std::memcpy(&aligned, &slots[1], sizeof(aligned));
    offset = slots[2];
    sizes = slots + 3;
    strides = slots + 3 + rank;
  }
};

bool isContiguous(const DescriptorView &d, int64_t rank) {
  int64_t expected = 1;
  for (int64_t i = rank - 1; i >= 0; --i) {
    if (d.sizes[i] != 1 && d.strides[i] != expected)
      return false;
    expected *= d.sizes[i];
  }
  return true;
}

} // namespace

extern "C" void memrefCopy(int64_t elemSize, NxrtUnrankedMemRef *srcArg,
                           NxrtUnrankedMemRef *dstArg) {
  int64_t rank = srcArg->rank;
  DescriptorView src(srcArg->descriptor, rank);
  DescriptorView dst(dstArg->descriptor, rank);
  int64_t count = 1;
  for (int64_t i = 0; i < rank; ++i)
    count *= src.sizes[i];
  if (count == 0)
    return;
  char *srcPtr = src.aligned + src.offset * elemSize;
  char *dstPtr = dst.aligned + dst.offset * elemSize;
  if (isContiguous(src, rank) && isContiguous(dst, rank)) {
    std::memmove(dstPtr, srcPtr, static_cast<size_t>(count * elemSize));
    return;
  }
  std::vector<int64_t> index(static_cast<size_t>(rank), 0);
  int64_t srcOff = 0, dstOff = 0;
  for (int64_t n = 0; n < count; ++n) {
    std::memcpy(dstPtr + dstOff * elemSize, srcPtr + srcOff * elemSize,
                static_cast<size_t>(elemSize));
    // Advance the odometer, innermost dimension first.
    for (int64_t d = rank - 1; d >= 0; --d) {
      srcOff += src.strides[d];
      dstOff += dst.strides[d];
      if (++index[d] < src.sizes[d])
        break;
      srcOff -= src.strides[d] * src.sizes[d];
      dstOff -= dst.strides[d] * src.sizes[d];
      index[d] = 0;
    }
  }
}
