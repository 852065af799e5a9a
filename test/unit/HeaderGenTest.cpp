//===- HeaderGenTest.cpp - Tests of the generated module header -----------===//
//
// This file tests codegen/HeaderGen: the text of a header for a fake module,
// that it compiles as C and as C++ (`-fsyntax-only`), and that C and C++
// programs using it link against libnxrt and a fake module object written in
// C (standing in for nxc's output) and compute the right results. The
// compiler tests are skipped when no compiler is found.
//
//===----------------------------------------------------------------------===//

#include "codegen/HeaderGen.h"
#include "test/unit/TestUtil.h"

#include <gtest/gtest.h>

#include <unistd.h>

using namespace nxrt::test;

namespace {

std::vector<nxc::HeaderEntry> fakeEntries() {
  return {
      {"add", "add(f32[n,k],f32[n,k])->(f32[n,k])", {"x", "y"}},
      {"split", "split(s64[n])->(s64[n],s64[n])", {"int"}}, // a keyword
      {"seven", "seven()->(f64[])", {}},
  };
}

/// The compiled "module": plain C, as an nxc object file would be.
const char *kFakeModule = R"SRC(#include <stdint.h>
typedef struct { float *al, *ag; int64_t off, sizes[2], strides[2]; } D2f;
typedef struct { int64_t *al, *ag; int64_t off, sizes[1], strides[1]; } D1s;
typedef struct { double *al, *ag; int64_t off; } D0d;
void nxc_Fake_add(void **args) {
  D2f *a = args[0], *b = args[1], *o = args[2];
  for (int64_t i = 0; i < o->sizes[0] * o->sizes[1]; ++i)
    o->ag[i] = a->ag[i] + b->ag[i];
}
const char nxc_Fake_add_signature[] = "add(f32[n,k],f32[n,k])->(f32[n,k])";
void nxc_Fake_split(void **args) {
  D1s *v = args[0], *p = args[1], *m = args[2];
  for (int64_t i = 0; i < v->sizes[0]; ++i) {
    p->ag[i] = v->ag[i];
    m->ag[i] = -v->ag[i];
  }
}
const char nxc_Fake_split_signature[] = "split(s64[n])->(s64[n],s64[n])";
void nxc_Fake_seven(void **args) { ((D0d *)args[0])->ag[0] = 7.0; }
const char nxc_Fake_seven_signature[] = "seven()->(f64[])";
)SRC";

const char *kCxxMain = R"SRC(#include "Fake.h"
#include <cstdio>
int main() {
  float a[4] = {1, 2, 3, 4}, b[4] = {10, 20, 30, 40};
  nxrt::Tensor x = nxrt::Tensor::view(nxrt::DType::f32, {2, 2}, a);
  nxrt::Tensor y = nxrt::Tensor::view(nxrt::DType::f32, {2, 2}, b);
  nxrt::Result<nxrt::Tensor> r = Fake::add(x, y);
  if (!r) { std::printf("error: %s\n", r.message().c_str()); return 1; }
  std::printf("%s\n", nxrt::inspect(*r).c_str());
  float o[4] = {0, 0, 0, 0};
  nxrt::Tensor out = nxrt::Tensor::view(nxrt::DType::f32, {2, 2}, o);
  nxrt::Status st = Fake::add(x, y, out);
  std::printf("dps %d %g\n", st.ok(), o[3]);
  int64_t v[3] = {1, 2, 3};
  auto parts = Fake::split(nxrt::Tensor::view(nxrt::DType::s64, {3}, v));
  if (!parts) return 1;
  std::printf("split %lld %lld\n", (long long)std::get<0>(*parts).data<int64_t>()[2],
              (long long)std::get<1>(*parts).data<int64_t>()[2]);
  nxrt::Tensor p, m;
  st = Fake::split(nxrt::Tensor::view(nxrt::DType::s64, {3}, v), p, m);
  std::printf("split dps %d %lld\n", st.ok(), (long long)m.data<int64_t>()[0]);
  auto s = Fake::seven();
  std::printf("seven %g\n", s->data<double>()[0]);
  nxrt::Result<nxrt::Tensor> bad = Fake::add(x, nxrt::Tensor::view(nxrt::DType::f32, {3, 2}, b));
  std::printf("%s\n", bad.message().c_str());
  return 0;
}
)SRC";

const char *kCMain = R"SRC(#include "Fake.h"
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  float a[4] = {1, 2, 3, 4}, b[4] = {10, 20, 30, 40};
  int64_t shape[2] = {2, 2};
  nxrt_tensor args[2] = {{NXRT_F32, 2, shape, a, NULL}, {NXRT_F32, 2, shape, b, NULL}};
  nxrt_tensor res[1] = {{0, 0, NULL, NULL, NULL}};
  char err[256];
  if (Fake_add(args, res, err, sizeof err)) { printf("error: %s\n", err); return 1; }
  char *s = nxrt_tensor_inspect(&res[0]);
  printf("%s\n", s);
  free(s);
  nxrt_tensor_free(&res[0]);
  args[1].dtype = NXRT_S64;
  if (Fake_add(args, res, err, sizeof err)) printf("%s\n", err);
  return 0;
}
)SRC";

std::string compiler(const char *configured, const char *fallback) {
  if (access(configured, X_OK) == 0)
    return configured;
  if (runCommand(std::string("command -v ") + fallback) == 0)
    return fallback;
  return "";
}

} // namespace

// Tests the declarations and wrappers that the header text contains.
TEST(HeaderGen, Text) {
  std::string h = nxc::generateModuleHeader("Fake", fakeEntries());
  for (const char *piece : {
           "#ifndef NXC_MODULE_FAKE_H",
           "#include \"nxrt/nxrt_c.h\"",
           "void nxc_Fake_add(void **args);",
           "extern const char nxc_Fake_add_signature[];",
           " *   add(x: f32[n,k], y: f32[n,k]) -> (f32[n,k])",
           " *     signature: split(s64[n])->(s64[n],s64[n])",
           "static inline int Fake_add(const nxrt_tensor *args, nxrt_tensor "
           "*results, char *err,",
           "nxrt_invoke_c(nxc_Fake_add_signature, &nxc_Fake_add, args, 2, "
           "results, 1, err, err_len);",
           "namespace Fake {",
           "inline nxrt::Result<nxrt::Tensor> add(const nxrt::Tensor &x, "
           "const nxrt::Tensor &y) {",
           "inline nxrt::Status add(const nxrt::Tensor &x, const nxrt::Tensor "
           "&y, nxrt::Tensor &out) {",
           "inline nxrt::Result<std::tuple<nxrt::Tensor, nxrt::Tensor>> "
           "split(const nxrt::Tensor &arg1) {",
           "inline nxrt::Status split(const nxrt::Tensor &arg1, nxrt::Tensor "
           "&out1, nxrt::Tensor &out2) {",
           "inline nxrt::Result<nxrt::Tensor> seven() {",
           "static const nxrt::Result<nxrt::Signature> sig = [] {",
       })
    EXPECT_NE(h.find(piece), std::string::npos) << "missing: " << piece << "\n"
                                                << h;
}

// Tests that the header compiles as C and as C++.
TEST(HeaderGen, CompilesAsCAndCxx) {
  std::string cxx = compiler(NXRT_TEST_CXX, "c++");
  std::string cc = compiler(NXRT_TEST_CC, "cc");
  if (cxx.empty() || cc.empty())
    GTEST_SKIP() << "no C or C++ compiler";
  TempDir dir;
  writeFile(dir.path("Fake.h"),
            nxc::generateModuleHeader("Fake", fakeEntries()));
  std::string inc =
      std::string(" -I") + NXRT_TEST_INCLUDE_DIR + " -I" + dir.root();
  std::string out;
  EXPECT_EQ(runCommand(
                cxx + " -std=c++17 -Wall -Wextra -Werror -fsyntax-only -x c++" +
                    inc + " " + dir.path("Fake.h"),
                &out),
            0)
      << out;
  EXPECT_EQ(
      runCommand(
          cc + " -std=c99 -Wall -Wextra -Werror -pedantic -fsyntax-only -x c" +
              inc + " " + dir.path("Fake.h"),
          &out),
      0)
      << out;
}

// Tests that C and C++ programs using the header link and run.
TEST(HeaderGen, LinksAndRuns) {
  std::string cxx = compiler(NXRT_TEST_CXX, "c++");
  std::string cc = compiler(NXRT_TEST_CC, "cc");
  if (cxx.empty() || cc.empty())
    GTEST_SKIP() << "no C or C++ compiler";
  TempDir dir;
  writeFile(dir.path("Fake.h"),
            nxc::generateModuleHeader("Fake", fakeEntries()));
  writeFile(dir.path("fake.c"), kFakeModule);
  writeFile(dir.path("main.cpp"), kCxxMain);
  writeFile(dir.path("main.c"), kCMain);
  std::string inc =
      std::string(" -I") + NXRT_TEST_INCLUDE_DIR + " -I" + dir.root();
  std::string lib = std::string(" ") + NXRT_TEST_LIBRARY;
  std::string out;
  ASSERT_EQ(
      runCommand(cc + " -c -o " + dir.path("fake.o") + " " + dir.path("fake.c"),
                 &out),
      0)
      << out;
  ASSERT_EQ(runCommand(cxx + " -std=c++17 -fno-exceptions" + inc + " -o " +
                           dir.path("cxxmain") + " " + dir.path("main.cpp") +
                           " " + dir.path("fake.o") + lib,
                       &out),
            0)
      << out;
  ASSERT_EQ(runCommand(cc + " -std=c99" + inc + " -c -o " +
                           dir.path("cmain.o") + " " + dir.path("main.c"),
                       &out),
            0)
      << out;
  ASSERT_EQ(runCommand(cxx + " -o " + dir.path("cmain") + " " +
                           dir.path("cmain.o") + " " + dir.path("fake.o") + lib,
                       &out),
            0)
      << out;

  ASSERT_EQ(runCommand(dir.path("cxxmain"), &out), 0) << out;
  EXPECT_EQ(
      out,
      "#Nx.Tensor<\n  f32[2][2]\n  [\n    [11.0, 22.0],\n    [33.0, 44.0]\n"
      "  ]\n>\n"
      "dps 1 44\n"
      "split 3 -3\n"
      "split dps 1 -1\n"
      "seven 7\n"
      "add: argument 2 (y): expected f32[n, k] with n = 2 from argument 1 "
      "dim 0, got f32[3, 2]\n");
  ASSERT_EQ(runCommand(dir.path("cmain"), &out), 0) << out;
  EXPECT_EQ(
      out,
      "#Nx.Tensor<\n  f32[2][2]\n  [\n    [11.0, 22.0],\n    [33.0, 44.0]\n"
      "  ]\n>\n"
      "add: argument 2: expected dtype f32, got s64\n");
}
