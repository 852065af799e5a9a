//===- InvokeTest.cpp - Tests of nxrt::invoke -----------------------------===//
//
// This file tests nxrt::invoke with hand-written functions standing in for
// compiled entries: descriptor layout, result allocation, caller-owned
// results, zero-size tensors, and every error path with its message.
//
//===----------------------------------------------------------------------===//

#include "nxrt/nxrt.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace nxrt;

namespace {

template <int R> struct Desc {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[R];
  int64_t strides[R];
};

/// add(f32[n,k], f32[n,k]) -> (f32[n,k]), walking the descriptors' strides.
void fakeAdd(void **args) {
  auto *a = static_cast<Desc<2> *>(args[0]);
  auto *b = static_cast<Desc<2> *>(args[1]);
  auto *out = static_cast<Desc<2> *>(args[2]);
  for (int64_t i = 0; i < out->sizes[0]; ++i)
    for (int64_t j = 0; j < out->sizes[1]; ++j) {
      auto at = [&](auto *d) {
        return d->aligned + d->offset + i * d->strides[0] + j * d->strides[1];
      };
      *at(out) = *at(a) + *at(b);
    }
}

/// Records the descriptors it was given.
struct Recorded {
  std::vector<std::vector<int64_t>> descs;
};
thread_local Recorded *recording = nullptr;
thread_local std::vector<int64_t> recordRanks;

void recorder(void **args) {
  for (size_t i = 0; i < recordRanks.size(); ++i) {
    auto *slots = static_cast<int64_t *>(args[i]);
    recording->descs.emplace_back(slots, slots + 3 + 2 * recordRanks[i]);
  }
}

Signature sig(const char *text, std::vector<std::string> names = {}) {
  Signature s = parseSignature(text).value();
  s.argNames = std::move(names);
  return s;
}

const char *kAdd = "add(f32[n,k],f32[n,k])->(f32[n,k])";

Tensor matrix(std::vector<float> values, Shape shape) {
  return Tensor::copyOf(DType::f32, std::move(shape), values.data()).value();
}

std::string errorOf(const Signature &s, EntryFn fn,
                    const std::vector<Tensor> &in,
                    std::vector<Tensor> out = {}) {
  Status st = invoke(s, fn, in, out);
  EXPECT_FALSE(st.ok());
  return st.message();
}

} // namespace

// Tests that invoke allocates the result and the entry sees the inputs.
TEST(Invoke, AddsMatrices) {
  Signature s = sig(kAdd, {"x", "y"});
  Tensor x = matrix({1, 2, 3, 4, 5, 6}, {2, 3});
  Tensor y = matrix({10, 20, 30, 40, 50, 60}, {2, 3});
  std::vector<Tensor> out;
  Status st = invoke(s, &fakeAdd, {x, y}, out);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].dtype(), DType::f32);
  EXPECT_EQ(out[0].shape(), (Shape{2, 3}));
  EXPECT_EQ(out[0].data<float>()[0], 11);
  EXPECT_EQ(out[0].data<float>()[5], 66);
}

// Tests that a caller-owned result (a view over user memory) is written in
// place.
TEST(Invoke, CallerOwnedResult) {
  Signature s = sig(kAdd);
  float buf[4] = {0, 0, 0, 0};
  std::vector<Tensor> out = {Tensor::view(DType::f32, {2, 2}, buf)};
  Status st =
      invoke(s, &fakeAdd,
             {matrix({1, 2, 3, 4}, {2, 2}), matrix({1, 1, 1, 1}, {2, 2})}, out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(buf[0], 2);
  EXPECT_EQ(buf[3], 5);
  EXPECT_EQ(out[0].data<float>(), buf);
}

// Tests the descriptor layout: pointers, offset 0, sizes and row-major
// strides, inputs first, for ranks 0, 1 and 3, and that zero-size tensors
// still get a non-null aligned pointer.
TEST(Invoke, DescriptorLayout) {
  Signature s = sig("f(s64[],u8[n],f64[2,n,3])->(f32[n,0])");
  Tensor a = Tensor::empty(DType::s64, {}).value();
  Tensor b = Tensor::empty(DType::u8, {4}).value();
  Tensor c = Tensor::empty(DType::f64, {2, 4, 3}).value();
  Recorded rec;
  recording = &rec;
  recordRanks = {0, 1, 3, 2};
  std::vector<Tensor> out;
  Status st = invoke(s, &recorder, {a, b, c}, out);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(rec.descs.size(), 4u);
  auto ptr = [](const Tensor &t) {
    return static_cast<int64_t>(reinterpret_cast<uintptr_t>(t.rawData()));
  };
  EXPECT_EQ(rec.descs[0], (std::vector<int64_t>{ptr(a), ptr(a), 0}));
  EXPECT_EQ(rec.descs[1], (std::vector<int64_t>{ptr(b), ptr(b), 0, 4, 1}));
  EXPECT_EQ(rec.descs[2],
            (std::vector<int64_t>{ptr(c), ptr(c), 0, 2, 4, 3, 12, 3, 1}));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape(), (Shape{4, 0}));
  EXPECT_NE(rec.descs[3][1], 0);
  EXPECT_EQ(rec.descs[3][2], 0);
  EXPECT_EQ(rec.descs[3][3], 4);
  EXPECT_EQ(rec.descs[3][4], 0);

  // A zero-size view with a null data pointer is accepted too.
  Signature z = sig("z(f32[n])->(f32[n])");
  Recorded rec2;
  recording = &rec2;
  recordRanks = {1, 1};
  std::vector<Tensor> out2;
  st = invoke(z, &recorder, {Tensor::view(DType::f32, {0}, nullptr)}, out2);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_NE(rec2.descs[0][1], 0);
  EXPECT_EQ(rec2.descs[0][1] % 64, 0);
}

// Tests the argument and result count errors.
TEST(Invoke, CountErrors) {
  Signature s = sig(kAdd);
  Tensor x = matrix({1}, {1, 1});
  EXPECT_EQ(errorOf(s, &fakeAdd, {x}), "add: expected 2 argument(s), got 1");
  std::vector<Tensor> two(2);
  EXPECT_EQ(errorOf(s, &fakeAdd, {x, x}, two),
            "add: expected 1 result tensor(s), got 2");
  EXPECT_EQ(errorOf(s, nullptr, {x, x}), "add: no entry function given");
}

// Tests the dtype, rank, static-dimension and null-tensor errors.
TEST(Invoke, ArgumentErrors) {
  Signature s = sig("softmax(f32[n,4])->(f32[n,4])", {"x"});
  Tensor s64 = Tensor::empty(DType::s64, {2, 4}).value();
  EXPECT_EQ(errorOf(s, &fakeAdd, {s64}),
            "softmax: argument 1 (x): expected dtype f32, got s64");
  Tensor rank1 = Tensor::empty(DType::f32, {8}).value();
  EXPECT_EQ(errorOf(s, &fakeAdd, {rank1}),
            "softmax: argument 1 (x): expected f32[n, 4], got f32[8]");
  Tensor wrongDim = Tensor::empty(DType::f32, {2, 5}).value();
  EXPECT_EQ(errorOf(s, &fakeAdd, {wrongDim}),
            "softmax: argument 1 (x): expected f32[n, 4], got f32[2, 5]");
  EXPECT_EQ(errorOf(s, &fakeAdd, {Tensor()}),
            "softmax: argument 1 (x): no tensor given, expected f32[n, 4]");
  EXPECT_EQ(errorOf(s, &fakeAdd, {Tensor::view(DType::f32, {2, 4}, nullptr)}),
            "softmax: argument 1 (x): tensor of f32[2, 4] has no data");
  // Without names the argument is identified by number only.
  Signature unnamed = sig(kAdd);
  Tensor ok = Tensor::empty(DType::f32, {2, 2}).value();
  Tensor bad = Tensor::empty(DType::s64, {2, 2}).value();
  EXPECT_EQ(errorOf(unnamed, &fakeAdd, {ok, bad}),
            "add: argument 2: expected dtype f32, got s64");
}

// Tests that a size variable bound twice must have equal sizes, and that the
// message says where it was bound.
TEST(Invoke, SizeVariableConflicts) {
  Signature s = sig("softmax(f32[n,k],f32[n,k])->(f32[n,k])", {"x", "y"});
  Tensor a = Tensor::empty(DType::f32, {2, 4}).value();
  Tensor b = Tensor::empty(DType::f32, {3, 4}).value();
  EXPECT_EQ(errorOf(s, &fakeAdd, {a, b}),
            "softmax: argument 2 (y): expected f32[n, k] with n = 2 from "
            "argument 1 dim 0, got f32[3, 4]");
  Signature square = sig("sq(f32[n,n])->(f32[n,n])", {"x"});
  EXPECT_EQ(errorOf(square, &fakeAdd, {a}),
            "sq: argument 1 (x): expected f32[n, n] with n = 2 from argument "
            "1 dim 0, got f32[2, 4]");
}

// Tests that caller-owned results must match exactly.
TEST(Invoke, ResultErrors) {
  Signature s = sig(kAdd);
  Tensor a = Tensor::empty(DType::f32, {2, 3}).value();
  EXPECT_EQ(
      errorOf(s, &fakeAdd, {a, a}, {Tensor::empty(DType::f32, {3, 2}).value()}),
      "add: result 1: expected f32[2, 3], got f32[3, 2]");
  EXPECT_EQ(
      errorOf(s, &fakeAdd, {a, a}, {Tensor::empty(DType::f64, {2, 3}).value()}),
      "add: result 1: expected dtype f32, got f64");
  EXPECT_EQ(
      errorOf(s, &fakeAdd, {a, a}, {Tensor::empty(DType::f32, {6}).value()}),
      "add: result 1: expected f32[2, 3], got f32[6]");
  // On error the caller's outputs are left untouched.
  std::vector<Tensor> out = {Tensor(), Tensor()};
  Status st = invoke(sig("two(f32[n])->(f32[n],f32[n])"), &fakeAdd,
                     {Tensor::empty(DType::f64, {2}).value()}, out);
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(out[0].isNull());
}

// Tests that concurrent calls, sharing one Signature, do not interfere.
TEST(Invoke, Reentrant) {
  Signature s = sig(kAdd);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int iter = 0; iter < 200; ++iter) {
        int64_t n = 1 + (t + iter) % 5;
        Tensor x = Tensor::empty(DType::f32, {n, 3}).value();
        for (int64_t i = 0; i < 3 * n; ++i)
          x.data<float>()[i] = static_cast<float>(t * 1000 + i);
        std::vector<Tensor> out;
        if (!invoke(s, &fakeAdd, {x, x}, out).ok() ||
            out[0].shape() != Shape{n, 3} ||
            out[0].data<float>()[3 * n - 1] != 2 * (t * 1000 + 3 * n - 1))
          ++failures;
      }
    });
  for (std::thread &th : threads)
    th.join();
  EXPECT_EQ(failures.load(), 0);
}
