//===- Status.cpp - Fatal errors and device names -------------------------===//
//
// This file implements the few out-of-line helpers of Status.h and Device.h:
// the abort path of Result::value() and device names.
//
//===----------------------------------------------------------------------===//

#include "nxrt/Status.h"
#include "nxrt/Device.h"

#include <cstdio>

namespace nxrt {

void fatalError(const std::string &message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  std::fflush(stderr);
  std::abort();
}

const char *deviceName(Device device) {
  switch (device.kind) {
  case DeviceKind::cpu:
    return "cpu";
  }
  return "unknown";
}

} // namespace nxrt
