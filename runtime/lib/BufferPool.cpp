//===- BufferPool.cpp - The allocator compiled code calls -----------------===//
//
// This file implements the three functions through which nxc-compiled code
// allocates its temporary buffers (MLIR's "generic" allocation functions,
// see codegen/Pipelines.cpp): `_mlir_memref_to_llvm_alloc`, `..._aligned_
// alloc` and `..._free`. Small buffers go to malloc. Large ones are rounded
// up to a size class and, when freed, kept in a per-thread cache for the
// next call: a training step allocates the same large temporaries on every
// call, and taking them fresh from the system each time cost a page fault
// per 4 KiB page (about a third of a small CNN's step). The cache holds at
// most kMaxCachedBytes per thread and is released when the thread ends.
//
// Every block starts with a header, just before the address handed out,
// that records the malloc'ed base and the size class (kNoClass for small
// blocks), so free needs no lookup.
//
//===----------------------------------------------------------------------===//

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace {

constexpr size_t kMinPooledBytes = size_t(1) << 16; // 64 KiB
constexpr size_t kMaxCachedBytes = size_t(1) << 30; // 1 GiB per thread
constexpr size_t kNoClass = ~size_t(0);
constexpr size_t kDefaultAlign = 64;

struct Header {
  void *base;   ///< what malloc returned
  size_t klass; ///< the size class, or kNoClass
};

/// Size classes: four per power of two above kMinPooledBytes, so at most a
/// quarter of a pooled block is slack.
size_t classOf(size_t bytes) {
  size_t k = 0, size = kMinPooledBytes;
  while (size < bytes) {
    size_t step = size / 4;
    for (int i = 0; i < 4 && size < bytes; ++i, ++k)
      size += step;
  }
  return k;
}

size_t classBytes(size_t k) {
  size_t size = kMinPooledBytes;
  while (k >= 4) {
    size *= 2;
    k -= 4;
  }
  return size + k * (size / 4);
}

struct Cache {
  std::vector<std::vector<void *>> lists; ///< free bases, by class
  size_t cachedBytes = 0;
  ~Cache() {
    for (std::vector<void *> &l : lists)
      for (void *p : l)
        std::free(p);
  }
};

Cache &cache() {
  static thread_local Cache c;
  return c;
}

void *allocate(size_t align, size_t bytes) {
  if (align < alignof(Header))
    align = alignof(Header);
  // Room for the header and for moving the start up to `align`.
  size_t need = bytes + sizeof(Header) + align;
  if (need < bytes)
    return nullptr; // overflow
  size_t klass = kNoClass;
  void *base = nullptr;
  if (need >= kMinPooledBytes) {
    klass = classOf(need);
    Cache &c = cache();
    if (klass < c.lists.size() && !c.lists[klass].empty()) {
      base = c.lists[klass].back();
      c.lists[klass].pop_back();
      c.cachedBytes -= classBytes(klass);
    } else {
      need = classBytes(klass);
    }
  }
  if (!base)
    base = std::malloc(need);
  if (!base)
    return nullptr;
  uintptr_t first = reinterpret_cast<uintptr_t>(base) + sizeof(Header);
  uintptr_t aligned = (first + align - 1) / align * align;
  Header *h = reinterpret_cast<Header *>(aligned) - 1;
  h->base = base;
  h->klass = klass;
  return reinterpret_cast<void *>(aligned);
}

void release(void *p) {
  if (!p)
    return;
  Header *h = static_cast<Header *>(p) - 1;
  void *base = h->base;
  size_t klass = h->klass;
  if (klass == kNoClass) {
    std::free(base);
    return;
  }
  Cache &c = cache();
  size_t bytes = classBytes(klass);
  if (c.cachedBytes + bytes > kMaxCachedBytes) {
    std::free(base);
    return;
  }
  if (c.lists.size() <= klass)
    c.lists.resize(klass + 1);
  c.lists[klass].push_back(base);
  c.cachedBytes += bytes;
}

} // namespace

extern "C" {

void *_mlir_memref_to_llvm_alloc(size_t bytes) {
  return allocate(kDefaultAlign, bytes);
}

void *_mlir_memref_to_llvm_aligned_alloc(size_t align, size_t bytes) {
  return allocate(align, bytes);
}

void _mlir_memref_to_llvm_free(void *p) { release(p); }

} // extern "C"
