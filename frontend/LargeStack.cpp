//===- LargeStack.cpp - Running frontend work on a large stack ------------===//
//
// This file implements runOnLargeStack with a joinable pthread whose stack
// size is set explicitly.
//
//===----------------------------------------------------------------------===//

#include "frontend/LargeStack.h"

#include <pthread.h>

namespace nxc {

static void *trampoline(void *arg) {
  (*static_cast<const std::function<void()> *>(arg))();
  return nullptr;
}

void runOnLargeStack(const std::function<void()> &fn) {
  constexpr size_t kStackSize = size_t(256) << 20;
  pthread_attr_t attr;
  pthread_t thread;
  if (pthread_attr_init(&attr) == 0) {
    bool ok = pthread_attr_setstacksize(&attr, kStackSize) == 0 &&
              pthread_create(&thread, &attr, trampoline,
                             const_cast<std::function<void()> *>(&fn)) == 0;
    pthread_attr_destroy(&attr);
    if (ok) {
      pthread_join(thread, nullptr);
      return;
    }
  }
  fn();
}

} // namespace nxc
