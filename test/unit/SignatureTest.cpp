//===- SignatureTest.cpp - Tests of signature parsing ---------------------===//
//
// This file tests parsing and printing of the Contract-3 signature text,
// including the errors for malformed signatures.
//
//===----------------------------------------------------------------------===//

#include "nxrt/Signature.h"

#include <gtest/gtest.h>

using namespace nxrt;

// Tests the example signatures of Contract 3.
TEST(Signature, ParsesExamples) {
  Result<Signature> s = parseSignature("softmax(f32[n,k])->(f32[n,k])");
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(s->entry, "softmax");
  ASSERT_EQ(s->args.size(), 1u);
  ASSERT_EQ(s->results.size(), 1u);
  EXPECT_EQ(s->args[0].dtype, DType::f32);
  ASSERT_EQ(s->args[0].dims.size(), 2u);
  EXPECT_EQ(s->args[0].dims[0].name, "n");
  EXPECT_FALSE(s->args[0].dims[1].isStatic());
  EXPECT_EQ(s->args[0], s->results[0]);

  Result<Signature> f = parseSignature("f(s64[],u8[3,n])->(f32[],f64[2])");
  ASSERT_TRUE(f.ok()) << f.message();
  ASSERT_EQ(f->args.size(), 2u);
  EXPECT_EQ(f->args[0].dtype, DType::s64);
  EXPECT_TRUE(f->args[0].dims.empty());
  EXPECT_EQ(f->args[1].dtype, DType::u8);
  EXPECT_TRUE(f->args[1].dims[0].isStatic());
  EXPECT_EQ(f->args[1].dims[0].size, 3);
  EXPECT_EQ(f->args[1].dims[1].name, "n");
  ASSERT_EQ(f->results.size(), 2u);
  EXPECT_EQ(f->results[1].dtype, DType::f64);
  EXPECT_EQ(f->results[1].dims[0].size, 2);
  EXPECT_EQ(formatSignature(*f), "f(s64[],u8[3,n])->(f32[],f64[2])");
  EXPECT_EQ(formatSpec(f->args[1]), "u8[3, n]");
}

// Tests whitespace, every dtype, empty lists and long names.
TEST(Signature, Variants) {
  Result<Signature> s = parseSignature(
      "  my_fn2 ( pred[ a_1 , 0 ] , bf16[], s8[1],s16[1],u16[1],u32[1],"
      "u64[1],f16[1],s32[x] ) -> ( )  ");
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(s->entry, "my_fn2");
  EXPECT_EQ(s->args.size(), 9u);
  EXPECT_EQ(s->args[0].dtype, DType::pred);
  EXPECT_EQ(s->args[0].dims[1].size, 0);
  EXPECT_EQ(s->args[1].dtype, DType::bf16);
  EXPECT_TRUE(s->results.empty());
  Result<Signature> none = parseSignature("g()->(f32[])");
  ASSERT_TRUE(none.ok()) << none.message();
  EXPECT_TRUE(none->args.empty());
  EXPECT_EQ(formatSignature(*none), "g()->(f32[])");
}

// Tests that malformed signatures give an error naming what is wrong.
TEST(Signature, Malformed) {
  struct Case {
    const char *text;
    const char *message;
  } cases[] = {
      {"", "expected the entry name at column 1"},
      {"1f(f32[])->(f32[])", "expected the entry name"},
      {"f f32[])->(f32[])", "expected '(' after the entry name"},
      {"f(f33[2])->(f32[])", "unknown dtype `f33` at column 3"},
      {"f(f32)->(f32[])", "expected '[' after the dtype"},
      {"f(f32[2)->(f32[])", "expected ',' or ']'"},
      {"f(f32[-2])->(f32[])", "expected a dimension"},
      {"f(f32[2],)->(f32[])", "expected a dtype"},
      {"f(f32[2] f32[3])->(f32[])", "expected ',' or ')'"},
      {"f(f32[2])(f32[])", "expected '->'"},
      {"f(f32[2])->f32[]", "expected '(' before the results"},
      {"f(f32[2])->(f32[])x", "unexpected text after the results"},
      {"f(f32[99999999999999999999])->()", "dimension too large"},
      {"f(f32[n])->(f32[m])", "result 1 uses size variable `m` that no "
                              "argument binds"},
  };
  for (const Case &c : cases) {
    Result<Signature> s = parseSignature(c.text);
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_NE(s.message().find(c.message), std::string::npos)
        << c.text << " -> " << s.message();
    EXPECT_EQ(s.message().rfind("malformed signature `", 0), 0u) << s.message();
  }
}
