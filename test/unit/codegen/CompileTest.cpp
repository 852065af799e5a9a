//===- CompileTest.cpp - Compiled entries called through Contract 3 -------===//
//
// This file tests codegen end to end below the frontend: linalg modules with
// `nx.entry` functions are compiled to object files with compileToObject,
// linked into shared libraries, dlopened, and their `nxc_M_E(void **)`
// entries called with hand-built memref descriptors. Expected values are
// computed by hand (or with libm) in the test.
//
//===----------------------------------------------------------------------===//

#include "codegen/Compile.h"
#include "codegen/ObjectEmitter.h"
#include "codegen/Pipelines.h"
#include "ir/NxDialect.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <dlfcn.h>
#include <string>
#include <vector>

namespace {

/// A memref descriptor of rank R (Contract 3).
template <typename T, int R> struct MemRef {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[R];
  int64_t strides[R];
};
template <typename T> struct MemRef0 {
  T *allocated;
  T *aligned;
  int64_t offset;
};

/// Dense row-major descriptor over `data`.
template <typename T, int R>
MemRef<T, R> describe(T *data, const int64_t (&sizes)[R]) {
  MemRef<T, R> d{data, data, 0, {}, {}};
  int64_t stride = 1;
  for (int i = R - 1; i >= 0; --i) {
    d.sizes[i] = sizes[i];
    d.strides[i] = stride;
    stride *= sizes[i];
  }
  return d;
}

using EntryFn = void (*)(void **);

/// Compiles `source` (linalg stage) into a shared library and dlopens it.
class CompiledModule {
public:
  explicit CompiledModule(const std::string &source,
                          nxc::CodegenStage stage = nxc::CodegenStage::Linalg) {
    mlir::DialectRegistry registry;
    nxc::registerCodegenDialects(registry);
    registry.insert<nxc::nx::NxDialect>();
    context.appendDialectRegistry(registry);
    context.allowUnregisteredDialects(); // the `nx.*` attributes
    mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
      diagnostics += d.str() + "\n";
      return mlir::success();
    });
    mlir::OwningOpRef<mlir::ModuleOp> module =
        mlir::parseSourceString<mlir::ModuleOp>(source, &context);
    if (!module)
      return;
    llvm::SmallString<128> dir;
    if (llvm::sys::fs::createUniqueDirectory("nxc-codegen-test", dir))
      return;
    directory = std::string(dir);
    objPath = directory + "/m.o";
    soPath = directory + "/libm.so";
    nxc::CompileOptions options;
    options.inputStage = stage;
    options.objectPath = objPath;
    if (mlir::failed(nxc::compileToObject(*module, options)))
      return;
    if (llvm::Error e = nxc::linkSharedLibrary(objPath, soPath)) {
      diagnostics += llvm::toString(std::move(e));
      return;
    }
    handle = dlopen(soPath.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
      diagnostics += dlerror();
  }
  ~CompiledModule() {
    if (handle)
      dlclose(handle);
    if (!directory.empty())
      llvm::sys::fs::remove_directories(directory);
  }
  bool ok() const { return handle != nullptr; }
  void *symbol(const char *name) const { return dlsym(handle, name); }
  EntryFn entry(const char *name) const {
    return reinterpret_cast<EntryFn>(symbol(name));
  }

  mlir::MLIRContext context;
  std::string diagnostics;
  std::string directory, objPath, soPath;
  void *handle = nullptr;
};

const char *kModule = R"mlir(
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#id1 = affine_map<(d0) -> (d0)>
#all = affine_map<(d0) -> ()>
module {
  func.func @M_add(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32>
      attributes {nx.entry, nx.signature = "add(f32[2,3],f32[2,3])->(f32[2,3])"} {
    %e = tensor.empty() : tensor<2x3xf32>
    %r = linalg.generic {indexing_maps = [#id2, #id2, #id2],
                         iterator_types = ["parallel", "parallel"]}
        ins(%a, %b : tensor<2x3xf32>, tensor<2x3xf32>) outs(%e : tensor<2x3xf32>) {
    ^bb0(%x: f32, %y: f32, %o: f32):
      %s = arith.addf %x, %y : f32
      linalg.yield %s : f32
    } -> tensor<2x3xf32>
    return %r : tensor<2x3xf32>
  }

  func.func private @square(%a: tensor<?x?xf32>) -> tensor<?x?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = tensor.dim %a, %c0 : tensor<?x?xf32>
    %k = tensor.dim %a, %c1 : tensor<?x?xf32>
    %e = tensor.empty(%n, %k) : tensor<?x?xf32>
    %r = linalg.generic {indexing_maps = [#id2, #id2],
                         iterator_types = ["parallel", "parallel"]}
        ins(%a : tensor<?x?xf32>) outs(%e : tensor<?x?xf32>) {
    ^bb0(%x: f32, %o: f32):
      %s = arith.mulf %x, %x : f32
      linalg.yield %s : f32
    } -> tensor<?x?xf32>
    return %r : tensor<?x?xf32>
  }

  // Sum of squares of each row, through a private function.
  func.func @M_rowsum(%a: tensor<?x?xf32>) -> tensor<?xf32>
      attributes {nx.entry, nx.signature = "rowsum(f32[n,k])->(f32[n])"} {
    %sq = func.call @square(%a) : (tensor<?x?xf32>) -> tensor<?x?xf32>
    %c0 = arith.constant 0 : index
    %n = tensor.dim %a, %c0 : tensor<?x?xf32>
    %zero = arith.constant 0.0 : f32
    %e = tensor.empty(%n) : tensor<?xf32>
    %init = linalg.fill ins(%zero : f32) outs(%e : tensor<?xf32>) -> tensor<?xf32>
    %r = linalg.generic {indexing_maps = [#id2, #row],
                         iterator_types = ["parallel", "reduction"]}
        ins(%sq : tensor<?x?xf32>) outs(%init : tensor<?xf32>) {
    ^bb0(%x: f32, %acc: f32):
      %s = arith.addf %x, %acc : f32
      linalg.yield %s : f32
    } -> tensor<?xf32>
    return %r : tensor<?xf32>
  }

  // Two results, libm-only math, and a rank-0 result.
  func.func @M_special(%a: tensor<?xf64>) -> (tensor<?xf64>, tensor<f64>)
      attributes {nx.entry, nx.signature = "special(f64[n])->(f64[n],f64[])"} {
    %c0 = arith.constant 0 : index
    %n = tensor.dim %a, %c0 : tensor<?xf64>
    %e = tensor.empty(%n) : tensor<?xf64>
    %r = linalg.generic {indexing_maps = [#id1, #id1],
                         iterator_types = ["parallel"]}
        ins(%a : tensor<?xf64>) outs(%e : tensor<?xf64>) {
    ^bb0(%x: f64, %o: f64):
      %0 = math.erf %x : f64
      %1 = math.expm1 %x : f64
      %2 = math.cbrt %x : f64
      %3 = arith.addf %0, %1 : f64
      %4 = arith.addf %3, %2 : f64
      linalg.yield %4 : f64
    } -> tensor<?xf64>
    %zero = arith.constant 0.0 : f64
    %e0 = tensor.empty() : tensor<f64>
    %init = linalg.fill ins(%zero : f64) outs(%e0 : tensor<f64>) -> tensor<f64>
    %s = linalg.generic {indexing_maps = [#id1, #all],
                         iterator_types = ["reduction"]}
        ins(%a : tensor<?xf64>) outs(%init : tensor<f64>) {
    ^bb0(%x: f64, %acc: f64):
      %t = arith.addf %x, %acc : f64
      linalg.yield %t : f64
    } -> tensor<f64>
    return %r, %s : tensor<?xf64>, tensor<f64>
  }

  // Heap temporaries (row max, exponentials, row sums) that must be freed.
  func.func @M_softmax(%x: tensor<?x?xf32>) -> tensor<?x?xf32>
      attributes {nx.entry, nx.signature = "softmax(f32[n,k])->(f32[n,k])"} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = tensor.dim %x, %c0 : tensor<?x?xf32>
    %k = tensor.dim %x, %c1 : tensor<?x?xf32>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.0 : f32
    %e1 = tensor.empty(%n) : tensor<?xf32>
    %minit = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<?xf32>) -> tensor<?xf32>
    %max = linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"]}
        ins(%x : tensor<?x?xf32>) outs(%minit : tensor<?xf32>) {
    ^bb0(%a: f32, %acc: f32):
      %m = arith.maximumf %a, %acc : f32
      linalg.yield %m : f32
    } -> tensor<?xf32>
    %e2 = tensor.empty(%n, %k) : tensor<?x?xf32>
    %ex = linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]}
        ins(%x, %max : tensor<?x?xf32>, tensor<?xf32>) outs(%e2 : tensor<?x?xf32>) {
    ^bb0(%a: f32, %m: f32, %o: f32):
      %d = arith.subf %a, %m : f32
      %e = math.exp %d : f32
      linalg.yield %e : f32
    } -> tensor<?x?xf32>
    %sinit = linalg.fill ins(%zero : f32) outs(%e1 : tensor<?xf32>) -> tensor<?xf32>
    %sum = linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"]}
        ins(%ex : tensor<?x?xf32>) outs(%sinit : tensor<?xf32>) {
    ^bb0(%a: f32, %acc: f32):
      %s = arith.addf %a, %acc : f32
      linalg.yield %s : f32
    } -> tensor<?xf32>
    %r = linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]}
        ins(%ex, %sum : tensor<?x?xf32>, tensor<?xf32>) outs(%e2 : tensor<?x?xf32>) {
    ^bb0(%a: f32, %s: f32, %o: f32):
      %q = arith.divf %a, %s : f32
      linalg.yield %q : f32
    } -> tensor<?x?xf32>
    return %r : tensor<?x?xf32>
  }

  // pred in and out: select(p, a, -a) and a > 0.
  func.func @M_preds(%p: tensor<?xi1>, %a: tensor<?xi32>) -> (tensor<?xi32>, tensor<?xi1>)
      attributes {nx.entry, nx.signature = "preds(pred[n],s32[n])->(s32[n],pred[n])"} {
    %c0 = arith.constant 0 : index
    %n = tensor.dim %a, %c0 : tensor<?xi32>
    %e = tensor.empty(%n) : tensor<?xi32>
    %eb = tensor.empty(%n) : tensor<?xi1>
    %r:2 = linalg.generic {indexing_maps = [#id1, #id1, #id1, #id1],
                         iterator_types = ["parallel"]}
        ins(%p, %a : tensor<?xi1>, tensor<?xi32>) outs(%e, %eb : tensor<?xi32>, tensor<?xi1>) {
    ^bb0(%q: i1, %x: i32, %o: i32, %ob: i1):
      %z = arith.constant 0 : i32
      %neg = arith.subi %z, %x : i32
      %s = arith.select %q, %x, %neg : i32
      %gt = arith.cmpi sgt, %x, %z : i32
      linalg.yield %s, %gt : i32, i1
    } -> (tensor<?xi32>, tensor<?xi1>)
    return %r#0, %r#1 : tensor<?xi32>, tensor<?xi1>
  }
}
)mlir";

class CodegenTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { compiled = new CompiledModule(kModule); }
  static void TearDownTestSuite() {
    delete compiled;
    compiled = nullptr;
  }
  static CompiledModule *compiled;
};
CompiledModule *CodegenTest::compiled = nullptr;

TEST_F(CodegenTest, Compiles) {
  ASSERT_TRUE(compiled->ok()) << compiled->diagnostics;
}

TEST_F(CodegenTest, ElementwiseAddStatic) {
  ASSERT_TRUE(compiled->ok()) << compiled->diagnostics;
  EntryFn add = compiled->entry("nxc_M_add");
  ASSERT_NE(add, nullptr);
  float a[6] = {1, 2, 3, 4, 5, 6}, b[6] = {10, 20, 30, 40, 50, 60}, out[6] = {};
  auto da = describe<float, 2>(a, {2, 3});
  auto db = describe<float, 2>(b, {2, 3});
  auto dout = describe<float, 2>(out, {2, 3});
  void *args[] = {&da, &db, &dout};
  add(args);
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(out[i], a[i] + b[i]) << i;
  // Inputs are untouched.
  EXPECT_EQ(a[5], 6.0f);
}

TEST_F(CodegenTest, RowSumDynamicThroughPrivateFunction) {
  ASSERT_TRUE(compiled->ok()) << compiled->diagnostics;
  EntryFn rowsum = compiled->entry("nxc_M_rowsum");
  ASSERT_NE(rowsum, nullptr);
  for (int64_t n : {1, 3, 17}) {
    for (int64_t k : {0, 1, 5, 33}) {
      std::vector<float> a(n * k);
      for (int64_t i = 0; i < n * k; ++i)
        a[i] = float(i % 7) - 3.0f;
      std::vector<float> out(n, -1.0f);
      auto da = describe<float, 2>(a.data(), {n, k});
      auto dout = describe<float, 1>(out.data(), {n});
      void *args[] = {&da, &dout};
      rowsum(args);
      for (int64_t i = 0; i < n; ++i) {
        float expected = 0;
        for (int64_t j = 0; j < k; ++j)
          expected += a[i * k + j] * a[i * k + j];
        EXPECT_EQ(out[i], expected) << "n=" << n << " k=" << k << " i=" << i;
      }
    }
  }
}

TEST_F(CodegenTest, LibmMathTwoResultsAndRankZero) {
  ASSERT_TRUE(compiled->ok()) << compiled->diagnostics;
  EntryFn special = compiled->entry("nxc_M_special");
  ASSERT_NE(special, nullptr);
  double a[5] = {-2.0, -1e-9, 0.0, 1e-9, 3.0};
  double out[5] = {}, total = -1;
  auto da = describe<double, 1>(a, {5});
  auto dout = describe<double, 1>(out, {5});
  MemRef0<double> dtotal{&total, &total, 0};
  void *args[] = {&da, &dout, &dtotal};
  special(args);
  for (int i = 0; i < 5; ++i) {
    double expected = std::erf(a[i]) + std::expm1(a[i]) + std::cbrt(a[i]);
    EXPECT_NEAR(out[i], expected, 1e-15 + 1e-14 * std::fabs(expected)) << i;
  }
  // expm1 must be the precise one, not exp(x) - 1.
  double tiny[1] = {1e-12}, tinyOut[1];
  auto dtiny = describe<double, 1>(tiny, {1});
  auto dtinyOut = describe<double, 1>(tinyOut, {1});
  MemRef0<double> dtotal2{&total, &total, 0};
  void *args2[] = {&dtiny, &dtinyOut, &dtotal2};
  special(args2);
  double expectedTiny = std::erf(1e-12) + std::expm1(1e-12) + std::cbrt(1e-12);
  EXPECT_NEAR(tinyOut[0], expectedTiny, 1e-20);
  EXPECT_EQ(total, 1e-12);
}

TEST_F(CodegenTest, SoftmaxWithHeapTemporaries) {
  ASSERT_TRUE(compiled->ok()) << compiled->diagnostics;
  EntryFn softmax = compiled->entry("nxc_M_softmax");
  ASSERT_NE(softmax, nullptr);
  const int64_t n = 3, k = 70;
  std::vector<float> x(n * k), out(n * k);
  for (int64_t i = 0; i < n * k; ++i)
    x[i] = float((i * 37) % 11) - 5.0f + float(i / k) * 100.0f;
  auto dx = describe<float, 2>(x.data(), {n, k});
  auto dout = describe<float, 2>(out.data(), {n, k});
  void *args[] = {&dx, &dout};
  for (int repeat = 0; repeat < 3; ++repeat) // reentrant, no leaked state
    softmax(args);
  for (int64_t i = 0; i < n; ++i) {
    double max = -INFINITY, sum = 0;
    for (int64_t j = 0; j < k; ++j)
      max = std::max(max, double(x[i * k + j]));
    for (int64_t j = 0; j < k; ++j)
      sum += std::exp(double(x[i * k + j]) - max);
    for (int64_t j = 0; j < k; ++j)
      EXPECT_NEAR(out[i * k + j], std::exp(double(x[i * k + j]) - max) / sum,
                  1e-6)
          << i << "," << j;
  }
}

TEST_F(CodegenTest, PredsAreBytes) {
  ASSERT_TRUE(compiled->ok()) << compiled->diagnostics;
  EntryFn preds = compiled->entry("nxc_M_preds");
  ASSERT_NE(preds, nullptr);
  uint8_t p[4] = {1, 0, 2, 255}; // any nonzero byte is true
  int32_t a[4] = {5, 6, -7, 0};
  int32_t out[4] = {};
  uint8_t gt[4] = {9, 9, 9, 9};
  auto dp = describe<uint8_t, 1>(p, {4});
  auto da = describe<int32_t, 1>(a, {4});
  auto dout = describe<int32_t, 1>(out, {4});
  auto dgt = describe<uint8_t, 1>(gt, {4});
  void *args[] = {&dp, &da, &dout, &dgt};
  preds(args);
  EXPECT_EQ(out[0], 5);
  EXPECT_EQ(out[1], -6);
  EXPECT_EQ(out[2], -7);
  EXPECT_EQ(out[3], 0);
  EXPECT_EQ(gt[0], 1);
  EXPECT_EQ(gt[1], 1);
  EXPECT_EQ(gt[2], 0);
  EXPECT_EQ(gt[3], 0);
}

TEST_F(CodegenTest, SignaturesAndExports) {
  ASSERT_TRUE(compiled->ok()) << compiled->diagnostics;
  auto *add =
      static_cast<const char *>(compiled->symbol("nxc_M_add_signature"));
  ASSERT_NE(add, nullptr);
  EXPECT_STREQ(add, "add(f32[2,3],f32[2,3])->(f32[2,3])");
  auto *rowsum =
      static_cast<const char *>(compiled->symbol("nxc_M_rowsum_signature"));
  ASSERT_NE(rowsum, nullptr);
  EXPECT_STREQ(rowsum, "rowsum(f32[n,k])->(f32[n])");
  // Only the Contract 3 symbols are exported.
  EXPECT_EQ(compiled->symbol("nxc_M_add_impl"), nullptr);
  EXPECT_EQ(compiled->symbol("_mlir_ciface_nxc_M_add_impl"), nullptr);
  EXPECT_EQ(compiled->symbol("M_add"), nullptr);
  EXPECT_EQ(compiled->symbol("square"), nullptr);
}

TEST_F(CodegenTest, StaticLibrary) {
  ASSERT_TRUE(compiled->ok()) << compiled->diagnostics;
  std::string lib = compiled->directory + "/libm.a";
  llvm::Error e = nxc::createStaticLibrary(compiled->objPath, lib);
  ASSERT_FALSE(bool(e)) << llvm::toString(std::move(e));
  auto buffer = llvm::MemoryBuffer::getFile(lib);
  ASSERT_TRUE(bool(buffer));
  EXPECT_TRUE((*buffer)->getBuffer().starts_with("!<arch>\n"));
  EXPECT_NE((*buffer)->getBuffer().find("nxc_M_add_signature"),
            llvm::StringRef::npos); // in the symbol table
}

// The whole codegen path from the nx dialect: nx-to-linalg, inlining of a
// private specialization, fusion, the entry ABI and object emission.
TEST(CodegenFromNx, ElementwiseChainThroughPrivateFunction) {
  CompiledModule compiled(R"mlir(
    func.func private @scale(%x: tensor<?x3xf32>, %y: tensor<?x3xf32>) -> tensor<?x3xf32> {
      %0 = nx.multiply %x, %y : tensor<?x3xf32>
      %1 = nx.exp %0 : tensor<?x3xf32>
      return %1 : tensor<?x3xf32>
    }
    func.func @M_f(%x: tensor<?x3xf32>, %y: tensor<?x3xf32>) -> tensor<?x3xf32>
        attributes {nx.entry, nx.signature = "f(f32[n,3],f32[n,3])->(f32[n,3])"} {
      %0 = func.call @scale(%x, %y) : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
      %1 = nx.add %0, %x : tensor<?x3xf32>
      %2 = nx.negate %1 : tensor<?x3xf32>
      return %2 : tensor<?x3xf32>
    }
  )mlir",
                          nxc::CodegenStage::Nx);
  ASSERT_TRUE(compiled.ok()) << compiled.diagnostics;
  EntryFn f = compiled.entry("nxc_M_f");
  ASSERT_NE(f, nullptr);
  float x[6] = {0, 1, 2, -1, 0.5f, 3}, y[6] = {1, 1, 0.5f, 2, -2, 0};
  float out[6] = {};
  auto dx = describe<float, 2>(x, {2, 3});
  auto dy = describe<float, 2>(y, {2, 3});
  auto dout = describe<float, 2>(out, {2, 3});
  void *args[] = {&dx, &dy, &dout};
  f(args);
  for (int i = 0; i < 6; ++i)
    EXPECT_FLOAT_EQ(out[i], -(std::exp(x[i] * y[i]) + x[i])) << i;
}

TEST(CodegenErrors, UnsupportedEntryTypeIsADiagnostic) {
  mlir::MLIRContext context;
  mlir::DialectRegistry registry;
  nxc::registerCodegenDialects(registry);
  context.appendDialectRegistry(registry);
  context.allowUnregisteredDialects();
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return mlir::success();
  });
  auto module = mlir::parseSourceString<mlir::ModuleOp>(R"mlir(
    func.func @M_bad(%a: tensor<*xf32>) -> tensor<*xf32>
        attributes {nx.entry, nx.signature = "bad(f32[n])->(f32[n])"} {
      return %a : tensor<*xf32>
    }
  )mlir",
                                                        &context);
  ASSERT_TRUE(module);
  nxc::CompileOptions options;
  options.inputStage = nxc::CodegenStage::Linalg;
  options.objectPath = "/nonexistent/never-written.o";
  EXPECT_TRUE(mlir::failed(nxc::compileToObject(*module, options)));
  EXPECT_NE(diagnostics.find("argument #0 has type 'tensor<*xf32>'"),
            std::string::npos)
      << diagnostics;
}

TEST(CodegenErrors, StopAtLLVMPrintsTheEntryPoints) {
  mlir::MLIRContext context;
  context.allowUnregisteredDialects();
  mlir::DialectRegistry registry;
  nxc::registerCodegenDialects(registry);
  context.appendDialectRegistry(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(R"mlir(
    func.func @M_id(%a: tensor<?xf32>) -> tensor<?xf32>
        attributes {nx.entry, nx.signature = "id(f32[n])->(f32[n])"} {
      return %a : tensor<?xf32>
    }
  )mlir",
                                                        &context);
  ASSERT_TRUE(module);
  std::string text;
  llvm::raw_string_ostream os(text);
  nxc::CompileOptions options;
  options.inputStage = nxc::CodegenStage::Linalg;
  options.stopAfter = nxc::CodegenStage::LLVM;
  options.textOutput = &os;
  ASSERT_TRUE(mlir::succeeded(nxc::compileToObject(*module, options)));
  EXPECT_NE(text.find("define void @nxc_M_id(ptr"), std::string::npos) << text;
  EXPECT_NE(text.find("@nxc_M_id_signature = "), std::string::npos) << text;
  EXPECT_NE(text.find("constant [21 x i8] c\"id(f32[n])->(f32[n])\\00\""),
            std::string::npos)
      << text;
  // The identity copies with memcpy, not the MLIR runtime's memrefCopy.
  EXPECT_EQ(text.find("memrefCopy"), std::string::npos) << text;
}

} // namespace
