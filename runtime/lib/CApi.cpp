//===- CApi.cpp - C API of the nxc runtime --------------------------------===//
//
// This file implements nxrt_c.h on top of the C++ API. A runtime-owned
// nxrt_tensor points at a heap-allocated Owner that keeps the C++ Tensor
// (and so its buffer) and the shape array alive until nxrt_tensor_free.
//
//===----------------------------------------------------------------------===//

#include "nxrt/nxrt_c.h"

#include "nxrt/Inspect.h"
#include "nxrt/Invoke.h"
#include "nxrt/Npy.h"
#include "nxrt/Signature.h"

#include <cstdlib>
#include <cstring>
#include <new>

using namespace nxrt;

namespace {

struct Owner {
  Tensor tensor;
  std::vector<int64_t> shape;
};

/// Copies `msg` into `err` (if given) and returns 1.
int fail(const std::string &msg, char *err, size_t errLen) {
  if (err && errLen) {
    size_t n = msg.size() < errLen - 1 ? msg.size() : errLen - 1;
    std::memcpy(err, msg.data(), n);
    err[n] = '\0';
  }
  return 1;
}

int succeed(char *err, size_t errLen) {
  if (err && errLen)
    err[0] = '\0';
  return 0;
}

/// Makes `*out` a runtime-owned handle on `t`.
int export_(Tensor t, nxrt_tensor *out, char *err, size_t errLen) {
  Owner *owner = new (std::nothrow) Owner{std::move(t), {}};
  if (!owner)
    return fail("out of memory", err, errLen);
  owner->shape = owner->tensor.shape();
  out->dtype = static_cast<int32_t>(owner->tensor.dtype());
  out->rank = static_cast<int32_t>(owner->shape.size());
  out->shape = owner->shape.empty() ? nullptr : owner->shape.data();
  out->data = owner->tensor.rawData();
  out->owner = owner;
  return 0;
}

/// A non-owning C++ view of a C tensor (or a null Tensor when data is NULL
/// and `allowNull`).
Result<Tensor> import(const nxrt_tensor *t, const std::string &what) {
  if (!t)
    return Status::error(what + ": null tensor pointer");
  std::optional<DType> dtype = dtypeFromCode(t->dtype);
  if (!dtype)
    return Status::error(what + ": unknown dtype code " +
                         std::to_string(t->dtype));
  if (t->rank < 0 || (t->rank > 0 && !t->shape))
    return Status::error(what + ": bad rank or missing shape");
  Shape shape(t->shape, t->shape + t->rank);
  return Tensor::view(*dtype, std::move(shape), t->data);
}

} // namespace

extern "C" {

const char *nxrt_dtype_name(int32_t dtype) {
  std::optional<DType> d = dtypeFromCode(dtype);
  return d ? dtypeName(*d) : nullptr;
}

size_t nxrt_dtype_size(int32_t dtype) {
  std::optional<DType> d = dtypeFromCode(dtype);
  return d ? dtypeSize(*d) : 0;
}

int64_t nxrt_tensor_numel(const nxrt_tensor *t) {
  if (!t || t->rank < 0 || (t->rank > 0 && !t->shape))
    return 0;
  return shapeNumel(Shape(t->shape, t->shape + t->rank));
}

int nxrt_tensor_create(int32_t dtype, int32_t rank, const int64_t *shape,
                       nxrt_tensor *out, char *err, size_t errLen) {
  if (!out)
    return fail("nxrt_tensor_create: null output", err, errLen);
  std::optional<DType> d = dtypeFromCode(dtype);
  if (!d)
    return fail("nxrt_tensor_create: unknown dtype code " +
                    std::to_string(dtype),
                err, errLen);
  if (rank < 0 || (rank > 0 && !shape))
    return fail("nxrt_tensor_create: bad rank or missing shape", err, errLen);
  Result<Tensor> t = Tensor::empty(*d, Shape(shape, shape + rank));
  if (!t)
    return fail(t.message(), err, errLen);
  if (export_(std::move(*t), out, err, errLen))
    return 1;
  return succeed(err, errLen);
}

void nxrt_tensor_free(nxrt_tensor *t) {
  if (!t)
    return;
  delete static_cast<Owner *>(t->owner);
  std::memset(t, 0, sizeof(*t));
}

int nxrt_npy_read(const char *path, nxrt_tensor *out, char *err,
                  size_t errLen) {
  if (!path || !out)
    return fail("nxrt_npy_read: null argument", err, errLen);
  Result<Tensor> t = readNpy(path);
  if (!t)
    return fail(t.message(), err, errLen);
  if (export_(std::move(*t), out, err, errLen))
    return 1;
  return succeed(err, errLen);
}

int nxrt_npy_write(const char *path, const nxrt_tensor *t, char *err,
                   size_t errLen) {
  if (!path)
    return fail("nxrt_npy_write: null path", err, errLen);
  Result<Tensor> view = import(t, path);
  if (!view)
    return fail(view.message(), err, errLen);
  if (Status s = writeNpy(path, *view); !s)
    return fail(s.message(), err, errLen);
  return succeed(err, errLen);
}

char *nxrt_tensor_inspect(const nxrt_tensor *t) {
  Result<Tensor> view = import(t, "nxrt_tensor_inspect");
  if (!view)
    return nullptr;
  std::string s = inspect(*view);
  char *out = static_cast<char *>(std::malloc(s.size() + 1));
  if (out)
    std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

int nxrt_invoke_c(const char *signature, void (*fn)(void **),
                  const nxrt_tensor *inputs, size_t nIn, nxrt_tensor *outputs,
                  size_t nOut, char *err, size_t errLen) {
  if (!signature)
    return fail("nxrt_invoke_c: null signature", err, errLen);
  Result<Signature> sig = parseSignature(signature);
  if (!sig)
    return fail(sig.message(), err, errLen);
  // Check the counts before reading the arrays.
  if (nIn != sig->args.size())
    return fail(sig->entry + ": expected " + std::to_string(sig->args.size()) +
                    " argument(s), got " + std::to_string(nIn),
                err, errLen);
  if (nOut != sig->results.size())
    return fail(sig->entry + ": expected " +
                    std::to_string(sig->results.size()) +
                    " result tensor(s), got " + std::to_string(nOut),
                err, errLen);
  if ((nIn && !inputs) || (nOut && !outputs))
    return fail(sig->entry + ": null tensor array", err, errLen);
  std::vector<Tensor> in, out;
  for (size_t i = 0; i < nIn; ++i) {
    Result<Tensor> t =
        import(&inputs[i], sig->entry + ": argument " + std::to_string(i + 1));
    if (!t)
      return fail(t.message(), err, errLen);
    in.push_back(std::move(*t));
  }
  std::vector<bool> allocate(nOut);
  for (size_t i = 0; i < nOut; ++i) {
    allocate[i] = outputs[i].data == nullptr;
    if (allocate[i]) {
      out.emplace_back(); // null: invoke allocates it
      continue;
    }
    Result<Tensor> t =
        import(&outputs[i], sig->entry + ": result " + std::to_string(i + 1));
    if (!t)
      return fail(t.message(), err, errLen);
    out.push_back(std::move(*t));
  }
  if (Status s = invoke(*sig, fn, in, out); !s)
    return fail(s.message(), err, errLen);
  for (size_t i = 0; i < nOut; ++i)
    if (allocate[i] && export_(out[i], &outputs[i], err, errLen)) {
      for (size_t j = 0; j < i; ++j)
        if (allocate[j])
          nxrt_tensor_free(&outputs[j]);
      return 1;
    }
  return succeed(err, errLen);
}

} // extern "C"
