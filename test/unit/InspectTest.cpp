//===- InspectTest.cpp - Tests of nxrt::inspect ---------------------------===//
//
// This file tests printing in Nx's inspect format. The expected strings are
// written by hand from Nx's documentation and Elixir's float formatting
// (Float.to_string / :io_lib_format.fwrite_g), not produced by nxrt.
//
//===----------------------------------------------------------------------===//

#include "nxrt/nxrt.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace nxrt;

// Tests the f32 matrix of Nx's documentation.
TEST(Inspect, F32Matrix) {
  float v[6] = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(inspect(Tensor::view(DType::f32, {2, 3}, v)),
            "#Nx.Tensor<\n"
            "  f32[2][3]\n"
            "  [\n"
            "    [1.0, 2.0, 3.0],\n"
            "    [4.0, 5.0, 6.0]\n"
            "  ]\n"
            ">");
}

// Tests a scalar.
TEST(Inspect, S64Scalar) {
  int64_t v = 7;
  EXPECT_EQ(inspect(Tensor::view(DType::s64, {}, &v)),
            "#Nx.Tensor<\n  s64\n  7\n>");
  int64_t m = -9223372036854775807 - 1;
  EXPECT_EQ(inspect(Tensor::view(DType::s64, {}, &m)),
            "#Nx.Tensor<\n  s64\n  -9223372036854775808\n>");
}

// Tests that u8 and pred print as integers.
TEST(Inspect, U8VectorAndPred) {
  uint8_t v[3] = {1, 2, 255};
  EXPECT_EQ(inspect(Tensor::view(DType::u8, {3}, v)),
            "#Nx.Tensor<\n  u8[3]\n  [1, 2, 255]\n>");
  uint8_t p[2] = {1, 0};
  EXPECT_EQ(inspect(Tensor::view(DType::pred, {2}, p)),
            "#Nx.Tensor<\n  pred[2]\n  [1, 0]\n>");
}

// Tests rank 3 nesting and empty tensors.
TEST(Inspect, NestingAndEmpty) {
  int32_t v[4] = {1, 2, 3, 4};
  EXPECT_EQ(inspect(Tensor::view(DType::s32, {2, 1, 2}, v)), "#Nx.Tensor<\n"
                                                             "  s32[2][1][2]\n"
                                                             "  [\n"
                                                             "    [\n"
                                                             "      [1, 2]\n"
                                                             "    ],\n"
                                                             "    [\n"
                                                             "      [3, 4]\n"
                                                             "    ]\n"
                                                             "  ]\n"
                                                             ">");
  EXPECT_EQ(inspect(Tensor::empty(DType::f32, {0}).value()),
            "#Nx.Tensor<\n  f32[0]\n  []\n>");
  EXPECT_EQ(inspect(Tensor::empty(DType::f32, {2, 0}).value()),
            "#Nx.Tensor<\n  f32[2][0]\n  [\n    [],\n    []\n  ]\n>");
  EXPECT_EQ(inspect(Tensor::empty(DType::f64, {0, 2}).value()),
            "#Nx.Tensor<\n  f64[0][2]\n  []\n>");
}

// Tests Elixir's shortest round-trip float format.
TEST(Inspect, Floats) {
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    double v;
    const char *s;
  } cases[] = {
      {1.0, "1.0"},
      {0.5, "0.5"},
      {-1.5, "-1.5"},
      {1.0e-5, "1.0e-5"},
      {0.001, "0.001"},
      {1.0e-4, "1.0e-4"},
      {0.000123, "1.23e-4"},
      {0.1, "0.1"},
      {100.0, "100.0"},
      {1000.0, "1.0e3"},
      {12345.0, "12345.0"},
      {123450.0, "123450.0"},
      {1234500.0, "1.2345e6"},
      {123.456, "123.456"},
      {1.0e20, "1.0e20"},
      {9007199254740992.0, "9.007199254740992e15"},
      {0.0, "0.0"},
      {-0.0, "-0.0"},
      {inf, "Inf"},
      {-inf, "-Inf"},
      {std::nan(""), "NaN"},
      {1.0e-10, "1.0e-10"},
      {5.0e-324, "5.0e-324"},
      {1.7976931348623157e308, "1.7976931348623157e308"},
  };
  for (const Case &c : cases)
    EXPECT_EQ(formatFloat(c.v), c.s) << c.s;
}

// Tests that f32 values print as the double they widen to, as Nx does.
TEST(Inspect, F32Widening) {
  float v[3] = {0.1f, 1.0f / 3.0f, -0.25f};
  EXPECT_EQ(inspect(Tensor::view(DType::f32, {3}, v)),
            "#Nx.Tensor<\n  f32[3]\n  [0.10000000149011612, "
            "0.3333333432674408, -0.25]\n>");
  float nan[3] = {std::nanf(""), INFINITY, -INFINITY};
  EXPECT_EQ(inspect(Tensor::view(DType::f32, {3}, nan)),
            "#Nx.Tensor<\n  f32[3]\n  [NaN, Inf, -Inf]\n>");
  uint16_t half[2] = {0x3C00, 0xC000}; // 1.0, -2.0
  EXPECT_EQ(inspect(Tensor::view(DType::f16, {2}, half)),
            "#Nx.Tensor<\n  f16[2]\n  [1.0, -2.0]\n>");
  uint16_t bf[1] = {0x3FC0}; // 1.5
  EXPECT_EQ(inspect(Tensor::view(DType::bf16, {1}, bf)),
            "#Nx.Tensor<\n  bf16[1]\n  [1.5]\n>");
}
