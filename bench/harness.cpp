//===- harness.cpp - times one entry of an nxc-compiled bench module ------===//
//
// This file implements the timing harness that bench/run.py compiles once
// per benchmark. It includes the module's generated header (BENCH_HEADER),
// loads the entry's inputs from .npy files, calls BENCH_NS::BENCH_ENTRY
// through the generated C++ API (the allocating form, as an app would),
// writes the result of the last call to a .npy file so run.py can check it
// against NumPy, and prints the median time of the timed calls in ms.
//
// usage: harness WARMUP ITERS OUT.npy IN1.npy ... INn.npy   (n = BENCH_NARGS)
//
//===----------------------------------------------------------------------===//

#include BENCH_HEADER

#include "nxrt/Npy.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

namespace {

template <size_t... I>
nxrt::Result<nxrt::Tensor> callEntry(const std::vector<nxrt::Tensor> &in,
                                     std::index_sequence<I...>) {
  return BENCH_NS::BENCH_ENTRY(in[I]...);
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 4 + BENCH_NARGS) {
    std::fprintf(stderr, "usage: %s WARMUP ITERS OUT.npy IN.npy x %d\n",
                 argv[0], BENCH_NARGS);
    return 2;
  }
  int warmup = std::atoi(argv[1]), iters = std::atoi(argv[2]);
  std::vector<nxrt::Tensor> inputs;
  for (int i = 0; i < BENCH_NARGS; ++i) {
    nxrt::Result<nxrt::Tensor> t = nxrt::readNpy(argv[4 + i]);
    if (!t.ok()) {
      std::fprintf(stderr, "%s\n", t.message().c_str());
      return 1;
    }
    inputs.push_back(*t);
  }
  auto seq = std::make_index_sequence<BENCH_NARGS>();
  nxrt::Result<nxrt::Tensor> result = callEntry(inputs, seq);
  for (int i = 1; i < warmup; ++i)
    result = callEntry(inputs, seq);
  std::vector<double> ms;
  for (int i = 0; i < iters; ++i) {
    auto start = std::chrono::steady_clock::now();
    result = callEntry(inputs, seq);
    auto stop = std::chrono::steady_clock::now();
    if (!result.ok()) {
      std::fprintf(stderr, "%s\n", result.message().c_str());
      return 1;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(stop - start)
                     .count());
  }
  if (!result.ok() || !nxrt::writeNpy(argv[3], *result).ok()) {
    std::fprintf(stderr, "cannot run the entry or write %s\n", argv[3]);
    return 1;
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%.6f\n", ms[ms.size() / 2]);
  return 0;
}
