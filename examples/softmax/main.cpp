//===- main.cpp - A C++ app calling the AOT-compiled Softmax module -------===//
//
// This file implements the main example: it links `libSoftmax.a`, built by
// `nxc build softmax.nx` at CMake time, and calls its two entry points the way
// any application would. It also shows the destination-passing form (the
// result written into a buffer the app owns) and the error a wrong shape
// gets. The printed numbers are checked against NumPy by
// test/e2e/softmax-app.test.
//
//===----------------------------------------------------------------------===//

#include "Softmax.h"

#include <cstdio>
#include <vector>

namespace {

void print(const char *name, const nxrt::Tensor &t) {
  std::printf("%s", name);
  for (int64_t d : t.shape())
    std::printf(" %lld", static_cast<long long>(d));
  std::printf(":");
  const float *p = t.data<float>();
  for (int64_t i = 0; i < t.numel(); ++i)
    std::printf(" %.9g", p[i]);
  std::printf("\n");
}

} // namespace

int main() {
  const float xs[3][4] = {{1.0f, 2.0f, 3.0f, 4.0f},
                          {0.5f, 0.5f, 0.5f, 0.5f},
                          {-1.0f, 0.0f, 1.0f, 10.0f}};
  // A view over the app's own array: no copy.
  nxrt::Tensor x = nxrt::Tensor::view(nxrt::DType::f32, {3, 4},
                                      const_cast<float *>(&xs[0][0]));
  nxrt::Result<nxrt::Tensor> y = Softmax::softmax(x);
  if (!y.ok()) {
    std::fprintf(stderr, "%s\n", y.message().c_str());
    return 1;
  }
  print("softmax", *y);

  // predict(x, w, b) = softmax(x . w + b), with w of shape {4, 2}.
  const float ws[4][2] = {{0.1f, -0.2f}, {0.3f, 0.4f}, {-0.5f, 0.6f},
                          {0.7f, -0.8f}};
  const float bs[2] = {0.25f, -0.25f};
  nxrt::Tensor w = nxrt::Tensor::view(nxrt::DType::f32, {4, 2},
                                      const_cast<float *>(&ws[0][0]));
  nxrt::Tensor b =
      nxrt::Tensor::view(nxrt::DType::f32, {2}, const_cast<float *>(bs));
  // Destination-passing: the result lands in the app's own buffer.
  std::vector<float> out(3 * 2);
  nxrt::Tensor p = nxrt::Tensor::view(nxrt::DType::f32, {3, 2}, out.data());
  if (nxrt::Status st = Softmax::predict(x, w, b, p); !st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 1;
  }
  print("predict", p);

  // A wrong shape is an error naming the entry, the argument and the shapes.
  nxrt::Result<nxrt::Tensor> bad = Softmax::predict(x, x, b);
  std::printf("error: %s\n", bad.ok() ? "(none)" : bad.message().c_str());
  return bad.ok() ? 1 : 0;
}
