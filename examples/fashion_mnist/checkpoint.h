//===- checkpoint.h - Safetensors checkpoints of a Model --------*- C++ -*-===//
//
// This file declares the checkpoint I/O of the Fashion-MNIST driver: a
// checkpoint is a safetensors file holding every leaf of the parameters and
// the Adam state under its structural name (see model.h), with metadata
// naming the model, the number of completed epochs and the test accuracy.
// Writing is atomic (nxrt::writeSafetensors: temporary file, fsync, rename), so
// an interrupted run leaves the previous checkpoint intact.
//
//===----------------------------------------------------------------------===//

#ifndef FASHION_MNIST_CHECKPOINT_H
#define FASHION_MNIST_CHECKPOINT_H

#include "model.h"

#include <cstdint>
#include <string>

namespace fashion {

/// Writes the model's state with metadata {"model", "epoch",
/// "test_accuracy"} (the accuracy in percent, as text).
nxrt::Status saveCheckpoint(const std::string &path, const Model &model,
                            int64_t epoch, double testAccuracy);

/// Reads a checkpoint into `model`, checking that it was written for the same
/// model and that every tensor has the expected name, dtype and shape; sets
/// `epoch` to its number of completed epochs.
nxrt::Status loadCheckpoint(const std::string &path, Model &model,
                            int64_t &epoch);

/// Reads the checkpoint back and checks that every tensor equals the model's
/// bit for bit.
nxrt::Status verifyCheckpoint(const std::string &path, const Model &model);

/// Writes each tensor of the model's state to `<dir>/<name>.npy` (for tests).
nxrt::Status dumpNpy(const std::string &dir, const Model &model);

} // namespace fashion

#endif // FASHION_MNIST_CHECKPOINT_H
