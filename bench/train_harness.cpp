//===- train_harness.cpp - times one entry of a compiled training module --===//
//
// This file implements the harness bench/train.py compiles once per timed
// entry. The entry is named by macros: BENCH_FN (`nxc_<M>_<E>`, the compiled
// function) and BENCH_SIG (`nxc_<M>_<E>_signature`). The harness parses the
// signature, builds inputs of its shapes with every size variable set to the
// batch size (f32 inputs uniform in [0, 0.1), integer inputs i % 10: labels),
// calls the entry through nxrt::invoke WARMUP times, then ITERS timed times,
// and prints the median time of one call in milliseconds.
//
// usage: train_harness BATCH WARMUP ITERS
//
//===----------------------------------------------------------------------===//

#include "nxrt/nxrt.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

extern "C" void BENCH_FN(void **);
extern "C" const char BENCH_SIG[];

namespace {

nxrt::Result<nxrt::Tensor> input(const nxrt::TensorSpec &spec, int64_t batch,
                                 uint32_t &state) {
  nxrt::Shape shape;
  for (const nxrt::DimSpec &d : spec.dims)
    shape.push_back(d.isStatic() ? d.size : batch);
  nxrt::Result<nxrt::Tensor> t = nxrt::Tensor::empty(spec.dtype, shape);
  if (!t)
    return t;
  for (int64_t i = 0; i < t->numel(); ++i) {
    state = state * 1664525u + 1013904223u;
    switch (spec.dtype) {
    case nxrt::DType::f32:
      t->data<float>()[i] = static_cast<float>(state >> 8) * 0x1p-24f * 0.1f;
      break;
    case nxrt::DType::s32:
      t->data<int32_t>()[i] = static_cast<int32_t>(i % 10);
      break;
    case nxrt::DType::s64:
      t->data<int64_t>()[i] = i % 10;
      break;
    default:
      break; // zeros
    }
  }
  return t;
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s BATCH WARMUP ITERS\n", argv[0]);
    return 2;
  }
  int64_t batch = std::atoll(argv[1]);
  int warmup = std::atoi(argv[2]), iters = std::atoi(argv[3]);
  nxrt::Result<nxrt::Signature> sig = nxrt::parseSignature(BENCH_SIG);
  if (!sig) {
    std::fprintf(stderr, "%s\n", sig.message().c_str());
    return 1;
  }
  std::vector<nxrt::Tensor> inputs;
  uint32_t state = 1;
  for (const nxrt::TensorSpec &spec : sig->args) {
    nxrt::Result<nxrt::Tensor> t = input(spec, batch, state);
    if (!t) {
      std::fprintf(stderr, "%s\n", t.message().c_str());
      return 1;
    }
    inputs.push_back(*t);
  }
  std::vector<double> ms;
  for (int i = 0; i < warmup + iters; ++i) {
    std::vector<nxrt::Tensor> outputs;
    auto start = std::chrono::steady_clock::now();
    nxrt::Status st = nxrt::invoke(*sig, &BENCH_FN, inputs, outputs);
    auto stop = std::chrono::steady_clock::now();
    if (!st) {
      std::fprintf(stderr, "%s\n", st.message().c_str());
      return 1;
    }
    if (i >= warmup)
      ms.push_back(
          std::chrono::duration<double, std::milli>(stop - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%.6f\n", ms[ms.size() / 2]);
  return 0;
}
