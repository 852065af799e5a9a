//===- TensorTest.cpp - Tests of nxrt::Tensor and DType -------------------===//
//
// This file tests tensor allocation (zeroing, 64-byte alignment, zero-size
// tensors, shared ownership), views over caller memory, and the dtype tables.
//
//===----------------------------------------------------------------------===//

#include "nxrt/nxrt.h"

#include <gtest/gtest.h>

using namespace nxrt;

// Tests that empty() zero-initializes a 64-byte aligned buffer.
TEST(Tensor, EmptyIsZeroedAndAligned) {
  Result<Tensor> t = Tensor::empty(DType::f32, {2, 3});
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_FALSE(t->isNull());
  EXPECT_TRUE(t->isOwning());
  EXPECT_EQ(t->rank(), 2);
  EXPECT_EQ(t->numel(), 6);
  EXPECT_EQ(t->nbytes(), 24u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t->rawData()) % kTensorAlignment, 0u);
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(t->data<float>()[i], 0.0f);
  EXPECT_TRUE(t->device().isCpu());
}

// Tests that scalars have one element and zero-size tensors a non-null buffer.
TEST(Tensor, ScalarAndZeroSize) {
  Tensor s = Tensor::empty(DType::s64, {}).value();
  EXPECT_EQ(s.rank(), 0);
  EXPECT_EQ(s.numel(), 1);
  EXPECT_EQ(s.nbytes(), 8u);
  Tensor z = Tensor::empty(DType::f64, {3, 0, 2}).value();
  EXPECT_EQ(z.numel(), 0);
  EXPECT_EQ(z.nbytes(), 0u);
  EXPECT_NE(z.rawData(), nullptr);
}

// Tests that bad shapes are errors, not crashes.
TEST(Tensor, BadShapes) {
  Result<Tensor> neg = Tensor::empty(DType::f32, {2, -1});
  ASSERT_FALSE(neg.ok());
  EXPECT_NE(neg.message().find("f32[2][-1]"), std::string::npos)
      << neg.message();
  Result<Tensor> huge =
      Tensor::empty(DType::f64, {int64_t(1) << 40, int64_t(1) << 40});
  EXPECT_FALSE(huge.ok());
  EXPECT_EQ(shapeNumel({int64_t(1) << 40, int64_t(1) << 40, 0}), 0);
}

// Tests that copies of a handle share the buffer, and clone() does not.
TEST(Tensor, SharedOwnershipAndClone) {
  Tensor a = Tensor::empty(DType::s32, {4}).value();
  Tensor b = a;
  b.data<int32_t>()[2] = 7;
  EXPECT_EQ(a.data<int32_t>()[2], 7);
  EXPECT_EQ(a.rawData(), b.rawData());
  Tensor c = a.clone().value();
  EXPECT_NE(c.rawData(), a.rawData());
  c.data<int32_t>()[2] = 9;
  EXPECT_EQ(a.data<int32_t>()[2], 7);
  EXPECT_EQ(c.data<int32_t>()[2], 9);
  // The buffer outlives the first handle.
  Tensor d;
  {
    Tensor e = Tensor::empty(DType::u8, {3}).value();
    e.data<uint8_t>()[0] = 42;
    d = e;
  }
  EXPECT_EQ(d.data<uint8_t>()[0], 42);
}

// Tests that views alias caller memory and own nothing.
TEST(Tensor, View) {
  float buf[6] = {1, 2, 3, 4, 5, 6};
  Tensor v = Tensor::view(DType::f32, {3, 2}, buf);
  EXPECT_FALSE(v.isOwning());
  EXPECT_EQ(v.data<float>(), buf);
  v.data<float>()[5] = 60;
  EXPECT_EQ(buf[5], 60);
  EXPECT_EQ(v.shape(), (Shape{3, 2}));
  Tensor copy = Tensor::copyOf(DType::f32, {6}, buf).value();
  EXPECT_EQ(copy.data<float>()[5], 60);
  EXPECT_TRUE(copy.isOwning());
}

// Tests that a default-constructed tensor is null.
TEST(Tensor, Null) {
  Tensor t;
  EXPECT_TRUE(t.isNull());
  EXPECT_EQ(t.numel(), 0);
  EXPECT_EQ(t.nbytes(), 0u);
}

// Tests the dtype names, sizes and npy descriptors.
TEST(DType, Tables) {
  struct Row {
    DType d;
    const char *name;
    size_t size;
    const char *npy;
  } rows[] = {{DType::pred, "pred", 1, "|b1"}, {DType::u8, "u8", 1, "|u1"},
              {DType::s32, "s32", 4, "<i4"},   {DType::s64, "s64", 8, "<i8"},
              {DType::f32, "f32", 4, "<f4"},   {DType::f64, "f64", 8, "<f8"},
              {DType::s8, "s8", 1, "|i1"},     {DType::s16, "s16", 2, "<i2"},
              {DType::u16, "u16", 2, "<u2"},   {DType::u32, "u32", 4, "<u4"},
              {DType::u64, "u64", 8, "<u8"},   {DType::f16, "f16", 2, "<f2"}};
  for (const Row &r : rows) {
    EXPECT_STREQ(dtypeName(r.d), r.name);
    EXPECT_EQ(dtypeSize(r.d), r.size);
    EXPECT_STREQ(npyDescr(r.d), r.npy);
    EXPECT_EQ(parseDType(r.name), r.d);
    EXPECT_EQ(dtypeFromNpyDescr(r.npy), r.d);
    EXPECT_EQ(dtypeFromCode(static_cast<int32_t>(r.d)), r.d);
  }
  EXPECT_EQ(npyDescr(DType::bf16), nullptr);
  EXPECT_EQ(dtypeSize(DType::bf16), 2u);
  EXPECT_EQ(parseDType("f31"), std::nullopt);
  EXPECT_EQ(dtypeFromNpyDescr(">f4"), std::nullopt);
  EXPECT_EQ(dtypeFromNpyDescr("<c8"), std::nullopt);
  EXPECT_EQ(dtypeFromNpyDescr("|u1"), DType::u8);
  EXPECT_EQ(dtypeFromNpyDescr("<u1"), DType::u8);
  EXPECT_EQ(dtypeFromCode(kNumDTypes), std::nullopt);
  EXPECT_EQ(formatType(DType::f32, {2, 3}), "f32[2][3]");
  EXPECT_EQ(formatType(DType::s64, {}), "s64");
}

// Tests that Status and Result carry values and messages.
TEST(Status, Basics) {
  Status ok;
  EXPECT_TRUE(ok.ok());
  Status bad = Status::error("boom");
  EXPECT_FALSE(bad);
  EXPECT_EQ(bad.message(), "boom");
  Result<int> r = 3;
  EXPECT_EQ(*r, 3);
  Result<int> e = Status::error("nope");
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.message(), "nope");
  Result<int> fromOk = Status::success();
  EXPECT_FALSE(fromOk.ok());
  EXPECT_DEATH((void)e.value(), "nope");
}
