//===- BufferPoolTest.cpp - Tests of the compiled code's allocator --------===//
//
// This file tests runtime/lib/BufferPool.cpp: alignment of every block, that
// a freed large block is handed out again for the next request of its size
// class (the point of the pool) while small blocks are not pooled, that
// blocks are writable over their whole size, and that threads use their own
// caches.
//
//===----------------------------------------------------------------------===//

#include "nxrt/MemRef.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <thread>

namespace {

bool alignedTo(void *p, size_t align) {
  return reinterpret_cast<uintptr_t>(p) % align == 0;
}

TEST(BufferPoolTest, AlignsBlocks) {
  for (size_t bytes : {size_t(1), size_t(100), size_t(70000), size_t(5) << 20}) {
    void *p = _mlir_memref_to_llvm_alloc(bytes);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(alignedTo(p, 64)) << bytes;
    std::memset(p, 0xab, bytes);
    _mlir_memref_to_llvm_free(p);
    for (size_t align : {size_t(8), size_t(128), size_t(4096)}) {
      void *q = _mlir_memref_to_llvm_aligned_alloc(align, bytes);
      ASSERT_NE(q, nullptr);
      EXPECT_TRUE(alignedTo(q, align)) << bytes << " " << align;
      std::memset(q, 0xcd, bytes);
      _mlir_memref_to_llvm_free(q);
    }
  }
}

TEST(BufferPoolTest, ReusesLargeBlocks) {
  // Classes above 2 MiB are 2.5, 3, 3.5, 4 MiB: both sizes are in 3.5.
  void *a = _mlir_memref_to_llvm_alloc(3200000);
  void *b = _mlir_memref_to_llvm_alloc(3200000);
  ASSERT_NE(a, b);
  _mlir_memref_to_llvm_free(a);
  // The same size class (a little smaller) gets the cached block back.
  void *c = _mlir_memref_to_llvm_alloc(3150000);
  EXPECT_EQ(c, a);
  _mlir_memref_to_llvm_free(b);
  _mlir_memref_to_llvm_free(c);
}

TEST(BufferPoolTest, LargerRequestsDoNotGetSmallerBlocks) {
  void *a = _mlir_memref_to_llvm_alloc(1 << 20);
  _mlir_memref_to_llvm_free(a);
  void *b = _mlir_memref_to_llvm_alloc(4 << 20);
  ASSERT_NE(b, nullptr);
  std::memset(b, 1, 4 << 20); // the whole block is ours (ASan would tell)
  _mlir_memref_to_llvm_free(b);
}

TEST(BufferPoolTest, FreeOfNullIsANoOp) { _mlir_memref_to_llvm_free(nullptr); }

TEST(BufferPoolTest, ThreadsHaveTheirOwnCache) {
  void *mine = _mlir_memref_to_llvm_alloc(2 << 20);
  _mlir_memref_to_llvm_free(mine);
  void *theirs = nullptr;
  std::thread t([&] {
    theirs = _mlir_memref_to_llvm_alloc(2 << 20);
    std::memset(theirs, 2, 2 << 20);
    _mlir_memref_to_llvm_free(theirs);
  });
  t.join();
  EXPECT_NE(theirs, mine); // the other thread's cache was empty
  void *again = _mlir_memref_to_llvm_alloc(2 << 20);
  EXPECT_EQ(again, mine);
  _mlir_memref_to_llvm_free(again);
}

} // namespace
