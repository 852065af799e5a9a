//===- CApiTest.cpp - Tests of the C API ----------------------------------===//
//
// This file tests nxrt_c.h from C++: creating and freeing tensors, .npy I/O,
// inspect, and nxrt_invoke_c with runtime-allocated and caller-owned
// outputs and its error reporting (including truncation of the message).
//
//===----------------------------------------------------------------------===//

#include "nxrt/nxrt_c.h"
#include "test/unit/TestUtil.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

using namespace nxrt::test;

namespace {

struct Desc1 {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
};

/// twice(f32[n]) -> (f32[n])
void twice(void **args) {
  auto *in = static_cast<Desc1 *>(args[0]);
  auto *out = static_cast<Desc1 *>(args[1]);
  for (int64_t i = 0; i < in->sizes[0]; ++i)
    out->aligned[i * out->strides[0]] = 2 * in->aligned[i * in->strides[0]];
}

const char *kTwice = "twice(f32[n])->(f32[n])";

} // namespace

// Tests creating, inspecting and freeing a tensor.
TEST(CApi, CreateFree) {
  int64_t shape[2] = {2, 3};
  nxrt_tensor t;
  char err[128] = "junk";
  ASSERT_EQ(nxrt_tensor_create(NXRT_S32, 2, shape, &t, err, sizeof(err)), 0);
  EXPECT_STREQ(err, "");
  EXPECT_EQ(t.dtype, NXRT_S32);
  EXPECT_EQ(t.rank, 2);
  EXPECT_EQ(t.shape[1], 3);
  EXPECT_NE(t.owner, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t.data) % 64, 0u);
  EXPECT_EQ(nxrt_tensor_numel(&t), 6);
  static_cast<int32_t *>(t.data)[4] = 5;
  char *s = nxrt_tensor_inspect(&t);
  ASSERT_NE(s, nullptr);
  EXPECT_STREQ(
      s,
      "#Nx.Tensor<\n  s32[2][3]\n  [\n    [0, 0, 0],\n    [0, 5, 0]\n  ]\n>");
  std::free(s);
  nxrt_tensor_free(&t);
  EXPECT_EQ(t.data, nullptr);
  EXPECT_EQ(t.owner, nullptr);
  nxrt_tensor_free(nullptr);

  EXPECT_NE(nxrt_tensor_create(99, 0, nullptr, &t, err, sizeof(err)), 0);
  EXPECT_STREQ(err, "nxrt_tensor_create: unknown dtype code 99");
  EXPECT_STREQ(nxrt_dtype_name(NXRT_BF16), "bf16");
  EXPECT_EQ(nxrt_dtype_size(NXRT_F64), 8u);
  EXPECT_EQ(nxrt_dtype_name(-1), nullptr);
}

// Tests .npy writing and reading through the C API.
TEST(CApi, Npy) {
  TempDir dir;
  double v[3] = {1, 2, 3};
  int64_t shape[1] = {3};
  nxrt_tensor t = {NXRT_F64, 1, shape, v, nullptr};
  char err[256];
  std::string path = dir.path("c.npy");
  ASSERT_EQ(nxrt_npy_write(path.c_str(), &t, err, sizeof(err)), 0) << err;
  nxrt_tensor back;
  ASSERT_EQ(nxrt_npy_read(path.c_str(), &back, err, sizeof(err)), 0) << err;
  EXPECT_EQ(back.dtype, NXRT_F64);
  EXPECT_EQ(back.rank, 1);
  EXPECT_EQ(back.shape[0], 3);
  EXPECT_EQ(static_cast<double *>(back.data)[2], 3);
  nxrt_tensor_free(&back);
  EXPECT_NE(
      nxrt_npy_read(dir.path("missing.npy").c_str(), &back, err, sizeof(err)),
      0);
  EXPECT_NE(std::strstr(err, "missing.npy"), nullptr) << err;
}

// Tests nxrt_invoke_c with an output the runtime allocates and one the
// caller owns.
TEST(CApi, Invoke) {
  float in[3] = {1, 2, 3};
  int64_t shape[1] = {3};
  nxrt_tensor args[1] = {{NXRT_F32, 1, shape, in, nullptr}};
  nxrt_tensor res[1] = {{0, 0, nullptr, nullptr, nullptr}};
  char err[256];
  ASSERT_EQ(nxrt_invoke_c(kTwice, &twice, args, 1, res, 1, err, sizeof(err)), 0)
      << err;
  EXPECT_EQ(res[0].dtype, NXRT_F32);
  EXPECT_EQ(res[0].rank, 1);
  EXPECT_EQ(res[0].shape[0], 3);
  EXPECT_EQ(static_cast<float *>(res[0].data)[2], 6);
  EXPECT_NE(res[0].owner, nullptr);
  nxrt_tensor_free(&res[0]);

  float outBuf[3] = {0, 0, 0};
  nxrt_tensor mine[1] = {{NXRT_F32, 1, shape, outBuf, nullptr}};
  ASSERT_EQ(nxrt_invoke_c(kTwice, &twice, args, 1, mine, 1, err, sizeof(err)),
            0)
      << err;
  EXPECT_EQ(outBuf[1], 4);
  EXPECT_EQ(mine[0].owner, nullptr);
}

// Tests the error paths of nxrt_invoke_c.
TEST(CApi, InvokeErrors) {
  float in[3] = {1, 2, 3};
  int64_t shape[1] = {3}, other[1] = {4};
  nxrt_tensor args[1] = {{NXRT_S32, 1, shape, in, nullptr}};
  nxrt_tensor res[1] = {{0, 0, nullptr, nullptr, nullptr}};
  char err[256];
  EXPECT_NE(nxrt_invoke_c(kTwice, &twice, args, 1, res, 1, err, sizeof(err)),
            0);
  EXPECT_STREQ(err, "twice: argument 1: expected dtype f32, got s32");
  EXPECT_EQ(res[0].data, nullptr);

  args[0].dtype = NXRT_F32;
  float outBuf[4];
  nxrt_tensor wrong[1] = {{NXRT_F32, 1, other, outBuf, nullptr}};
  EXPECT_NE(nxrt_invoke_c(kTwice, &twice, args, 1, wrong, 1, err, sizeof(err)),
            0);
  EXPECT_STREQ(err, "twice: result 1: expected f32[3], got f32[4]");

  EXPECT_NE(nxrt_invoke_c("twice(f32[n]->", &twice, args, 1, res, 1, err,
                          sizeof(err)),
            0);
  EXPECT_EQ(std::strncmp(err, "malformed signature", 19), 0) << err;

  char small[8];
  EXPECT_NE(
      nxrt_invoke_c(kTwice, &twice, args, 2, res, 1, small, sizeof(small)), 0);
  EXPECT_STREQ(small, "twice: ");
  EXPECT_NE(nxrt_invoke_c(kTwice, &twice, args, 2, res, 1, nullptr, 0), 0);
  EXPECT_NE(nxrt_invoke_c(kTwice, &twice, args, 1, res, 2, err, sizeof(err)),
            0);
  EXPECT_STREQ(err, "twice: expected 1 result tensor(s), got 2");
  args[0].dtype = 77;
  EXPECT_NE(nxrt_invoke_c(kTwice, &twice, args, 1, res, 1, err, sizeof(err)),
            0);
  EXPECT_STREQ(err, "twice: argument 1: unknown dtype code 77");
}
