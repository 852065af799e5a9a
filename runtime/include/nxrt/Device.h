//===- Device.h - Where a tensor's memory lives -----------------*- C++ -*-===//
//
// This file declares nxrt::Device. Today every tensor lives in host memory
// (DeviceKind::cpu); the kind and ordinal are kept in each tensor so that a
// CUDA device can be added without changing the Tensor API.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_DEVICE_H
#define NXRT_DEVICE_H

namespace nxrt {

/// The kinds of memory a tensor can live in.
enum class DeviceKind { cpu };

/// A device: a kind and, for kinds with several devices, an ordinal.
struct Device {
  DeviceKind kind = DeviceKind::cpu;
  int ordinal = 0;

  static Device cpu() { return Device(); }
  bool isCpu() const { return kind == DeviceKind::cpu; }
  bool operator==(const Device &o) const {
    return kind == o.kind && ordinal == o.ordinal;
  }
  bool operator!=(const Device &o) const { return !(*this == o); }
};

/// "cpu", ...
const char *deviceName(Device device);

} // namespace nxrt

#endif // NXRT_DEVICE_H
