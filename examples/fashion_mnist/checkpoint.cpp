//===- checkpoint.cpp - Safetensors checkpoints of a Model ----------------===//
//
// This file implements checkpoint.h with libnxrt's safetensors and .npy I/O.
//
//===----------------------------------------------------------------------===//

#include "checkpoint.h"

#include "nxrt/Npy.h"
#include "nxrt/Safetensors.h"

#include <cstdio>
#include <cstring>

namespace fashion {

namespace {

const std::string *findMeta(const nxrt::Metadata &meta, const char *key) {
  for (const auto &[k, v] : meta)
    if (k == key)
      return &v;
  return nullptr;
}

} // namespace

nxrt::Status saveCheckpoint(const std::string &path, const Model &model,
                            int64_t epoch, double testAccuracy) {
  char acc[32];
  std::snprintf(acc, sizeof acc, "%.2f", 100.0 * testAccuracy);
  nxrt::Metadata meta = {{"model", model.spec().name},
                         {"epoch", std::to_string(epoch)},
                         {"test_accuracy", acc},
                         {"format", "nxc fashion_mnist checkpoint v1"}};
  return nxrt::writeSafetensors(path, model.state(), meta);
}

nxrt::Status loadCheckpoint(const std::string &path, Model &model,
                            int64_t &epoch) {
  nxrt::Metadata meta;
  nxrt::Result<nxrt::NamedTensors> entries = nxrt::readSafetensors(path, &meta);
  if (!entries)
    return entries.status();
  const std::string *name = findMeta(meta, "model");
  const std::string *ep = findMeta(meta, "epoch");
  if (!name || !ep)
    return nxrt::Status::error(path + ": not a fashion_mnist checkpoint (no "
                                      "\"model\" and \"epoch\" metadata)");
  if (*name != model.spec().name)
    return nxrt::Status::error(path + ": checkpoint of the " + *name +
                               " model, but --model is " + model.spec().name);
  char *end = nullptr;
  long long e = std::strtoll(ep->c_str(), &end, 10);
  if (ep->empty() || *end != '\0' || e < 0)
    return nxrt::Status::error(path + ": metadata \"epoch\" is \"" + *ep +
                               "\", not a number of epochs");
  if (nxrt::Status st = model.setState(*entries, path); !st)
    return st;
  epoch = e;
  return nxrt::Status::success();
}

nxrt::Status verifyCheckpoint(const std::string &path, const Model &model) {
  nxrt::Result<nxrt::NamedTensors> entries = nxrt::readSafetensors(path);
  if (!entries)
    return entries.status();
  nxrt::NamedTensors mine = model.state();
  if (entries->size() != mine.size())
    return nxrt::Status::error(
        path + ": reloaded " + std::to_string(entries->size()) +
        " tensors, the model has " + std::to_string(mine.size()));
  for (size_t i = 0; i < mine.size(); ++i) {
    const auto &[name, t] = (*entries)[i];
    const nxrt::Tensor &m = mine[i].second;
    if (name != mine[i].first || t.dtype() != m.dtype() ||
        t.shape() != m.shape() ||
        std::memcmp(t.rawData(), m.rawData(), m.nbytes()) != 0)
      return nxrt::Status::error(path + ": reloaded tensor \"" + name +
                                 "\" differs from the model's \"" +
                                 mine[i].first + "\"");
  }
  return nxrt::Status::success();
}

nxrt::Status dumpNpy(const std::string &dir, const Model &model) {
  for (const auto &[name, t] : model.state())
    if (nxrt::Status st = nxrt::writeNpy(dir + "/" + name + ".npy", t); !st)
      return st;
  return nxrt::Status::success();
}

} // namespace fashion
