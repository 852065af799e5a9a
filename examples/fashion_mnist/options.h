//===- options.h - Flags of the Fashion-MNIST driver ------------*- C++ -*-===//
//
// This file declares Options and parseOptions: the driver's flags, their
// defaults and the usage text.
//
//===----------------------------------------------------------------------===//

#ifndef FASHION_MNIST_OPTIONS_H
#define FASHION_MNIST_OPTIONS_H

#include "nxrt/Status.h"

#include <cstdint>
#include <string>

namespace fashion {

struct Options {
  std::string model = "mlp";
  int64_t epochs = 5;
  int64_t batchSize = 64;
  double lr = 1e-3;
  double lrDecay = 1.0; // the learning rate is lr * lrDecay^epoch
  int64_t seed = 0;
  std::string data = "/usr/share/datasets/fashion-mnist";
  std::string checkpoint; // default: fashion-<model>.safetensors
  bool resume = false;
  int64_t limit = 0;     // train on the first N images (0: all)
  int64_t testLimit = 0; // evaluate on the first N test images (0: all)
  int64_t classify = 0;  // classify K test images after training
  std::string dump;      // write the final state as .npy files here
  bool help = false;
};

/// Parses argv; errors name the flag. `usage()` is the --help text.
nxrt::Result<Options> parseOptions(int argc, char **argv);
const char *usage();

} // namespace fashion

#endif // FASHION_MNIST_OPTIONS_H
