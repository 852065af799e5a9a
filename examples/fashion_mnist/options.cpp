//===- options.cpp - Command-line flags of the Fashion-MNIST driver -------===//
//
// This file implements options.h.
//
//===----------------------------------------------------------------------===//

#include "options.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace fashion {

namespace {

nxrt::Status badValue(const std::string &flag, const char *value,
                      const char *what) {
  return nxrt::Status::error("flag " + flag + ": expected " + what +
                             ", got \"" + value + "\"");
}

nxrt::Status parseInt(const std::string &flag, const char *v, int64_t min,
                      int64_t &out) {
  char *end = nullptr;
  errno = 0;
  long long x = std::strtoll(v, &end, 10);
  if (!*v || *end || errno || x < min)
    return badValue(flag, v,
                    min > 0 ? "a positive integer" : "a non-negative integer");
  out = x;
  return nxrt::Status::success();
}

} // namespace

const char *usage() {
  return "usage: fashion-mnist [flags]\n"
         "Trains a Fashion-MNIST classifier whose training step nxc compiled\n"
         "ahead of time, evaluates it on the test set and checkpoints it.\n"
         "  --model mlp|cnn     the network (default mlp)\n"
         "  --epochs N          epochs to train, in all (default 5)\n"
         "  --batch-size N      images per step (default 64)\n"
         "  --lr X              Adam learning rate (default 0.001)\n"
         "  --lr-decay F        multiply the learning rate by F after each\n"
         "                      epoch (default 1: constant)\n"
         "  --seed N            initialization and shuffling seed (default 0)\n"
         "  --data DIR          the *-ubyte.gz files (default\n"
         "                      /usr/share/datasets/fashion-mnist)\n"
         "  --checkpoint PATH   safetensors checkpoint, written each epoch\n"
         "                      (default fashion-<model>.safetensors)\n"
         "  --resume            continue from the checkpoint\n"
         "  --limit N           train on the first N training images\n"
         "  --test-limit N      evaluate on the first N test images\n"
         "  --classify K        reload the checkpoint and classify K test "
         "images\n"
         "  --dump DIR          write the final parameters and state as .npy\n"
         "Ctrl-C stops after the current step; the last checkpoint stays.\n";
}

nxrt::Result<Options> parseOptions(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      o.help = true;
      continue;
    }
    if (flag == "--resume") {
      o.resume = true;
      continue;
    }
    if (flag.rfind("--", 0) != 0)
      return nxrt::Status::error("unexpected argument \"" + flag +
                                 "\" (see --help)");
    if (i + 1 >= argc)
      return nxrt::Status::error("flag " + flag + " needs a value");
    const char *v = argv[++i];
    nxrt::Status st;
    if (flag == "--model") {
      o.model = v;
    } else if (flag == "--epochs") {
      st = parseInt(flag, v, 0, o.epochs);
    } else if (flag == "--batch-size") {
      st = parseInt(flag, v, 1, o.batchSize);
    } else if (flag == "--lr") {
      char *end = nullptr;
      o.lr = std::strtod(v, &end);
      if (!*v || *end || !std::isfinite(o.lr) || o.lr <= 0)
        st = badValue(flag, v, "a positive number");
    } else if (flag == "--lr-decay") {
      char *end = nullptr;
      o.lrDecay = std::strtod(v, &end);
      if (!*v || *end || !std::isfinite(o.lrDecay) || o.lrDecay <= 0 ||
          o.lrDecay > 1)
        st = badValue(flag, v, "a number in (0, 1]");
    } else if (flag == "--seed") {
      st = parseInt(flag, v, 0, o.seed);
    } else if (flag == "--data") {
      o.data = v;
    } else if (flag == "--checkpoint") {
      o.checkpoint = v;
    } else if (flag == "--limit") {
      st = parseInt(flag, v, 1, o.limit);
    } else if (flag == "--test-limit") {
      st = parseInt(flag, v, 1, o.testLimit);
    } else if (flag == "--classify") {
      st = parseInt(flag, v, 0, o.classify);
    } else if (flag == "--dump") {
      o.dump = v;
    } else {
      return nxrt::Status::error("unknown flag " + flag + " (see --help)");
    }
    if (!st)
      return st;
  }
  if (o.model != "mlp" && o.model != "cnn")
    return nxrt::Status::error("flag --model: expected mlp or cnn, got \"" +
                               o.model + "\"");
  if (o.epochs == 0 && !o.resume)
    return nxrt::Status::error(
        "--epochs 0 trains nothing; add --resume to evaluate a checkpoint");
  if (o.checkpoint.empty())
    o.checkpoint = "fashion-" + o.model + ".safetensors";
  return o;
}

} // namespace fashion
