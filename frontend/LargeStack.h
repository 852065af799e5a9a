//===- LargeStack.h - Running frontend work on a large stack ----*- C++ -*-===//
//
// This file declares runOnLargeStack: the parser and the checker recurse over
// expressions, so the public entry points run them on a thread with a large
// stack instead of relying on the caller's.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_LARGESTACK_H
#define NXC_FRONTEND_LARGESTACK_H

#include <functional>

namespace nxc {

/// Runs `fn` to completion on a thread with a 256 MiB stack (or on the
/// calling thread if no such thread can be created). `fn` must not throw.
void runOnLargeStack(const std::function<void()> &fn);

} // namespace nxc

#endif // NXC_FRONTEND_LARGESTACK_H
