//===- Invoke.cpp - Calling a compiled entry ------------------------------===//
//
// This file implements nxrt::invoke: checking the argument tensors against
// the signature while binding size variables, allocating or checking the
// result tensors, laying out one rank-generic memref descriptor per tensor
// in a local buffer, and calling the entry. All state is local to the call.
//
//===----------------------------------------------------------------------===//

#include "nxrt/Invoke.h"

#include <cstdint>
#include <cstring>

namespace nxrt {

namespace {

/// Where a size variable got its value.
struct Binding {
  std::string name;
  int64_t value;
  size_t arg;
  size_t dim;
};

std::string actualType(const Tensor &t) {
  TensorSpec spec{t.dtype(), {}};
  for (int64_t d : t.shape())
    spec.dims.push_back(DimSpec::fixed(d));
  return formatSpec(spec);
}

const Binding *lookup(const std::vector<Binding> &bindings,
                      const std::string &name) {
  for (const Binding &b : bindings)
    if (b.name == name)
      return &b;
  return nullptr;
}

/// Checks argument `i` and binds the size variables it introduces.
Status checkArgument(const Signature &sig, size_t i, const Tensor &t,
                     std::vector<Binding> &bindings) {
  const TensorSpec &spec = sig.args[i];
  std::string where = sig.entry + ": argument " + std::to_string(i + 1);
  if (i < sig.argNames.size() && !sig.argNames[i].empty())
    where += " (" + sig.argNames[i] + ")";
  if (t.isNull())
    return Status::error(where + ": no tensor given, expected " +
                         formatSpec(spec));
  if (!t.device().isCpu())
    return Status::error(where + ": tensor is on device " +
                         deviceName(t.device()) + ", expected cpu");
  if (t.dtype() != spec.dtype)
    return Status::error(where + ": expected dtype " + dtypeName(spec.dtype) +
                         ", got " + dtypeName(t.dtype()));
  auto mismatch = [&](const std::string &note) {
    return Status::error(where + ": expected " + formatSpec(spec) + note +
                         ", got " + actualType(t));
  };
  if (static_cast<size_t>(t.rank()) != spec.dims.size())
    return mismatch("");
  for (size_t d = 0; d < spec.dims.size(); ++d) {
    const DimSpec &ds = spec.dims[d];
    int64_t size = t.shape()[d];
    if (size < 0)
      return mismatch("");
    if (ds.isStatic()) {
      if (size != ds.size)
        return mismatch("");
      continue;
    }
    if (const Binding *b = lookup(bindings, ds.name)) {
      if (b->value != size)
        return mismatch(" with " + ds.name + " = " + std::to_string(b->value) +
                        " from argument " + std::to_string(b->arg + 1) +
                        " dim " + std::to_string(b->dim));
      continue;
    }
    bindings.push_back({ds.name, size, i, d});
  }
  if (t.numel() > 0 && !t.rawData())
    return Status::error(where + ": tensor of " + actualType(t) +
                         " has no data");
  return Status::success();
}

/// The concrete shape of a result (all its variables are bound: the parser
/// rejects results with unbound variables).
Result<Shape> resultShape(const Signature &sig, size_t r,
                          const std::vector<Binding> &bindings) {
  Shape shape;
  for (const DimSpec &d : sig.results[r].dims) {
    if (d.isStatic()) {
      shape.push_back(d.size);
      continue;
    }
    const Binding *b = lookup(bindings, d.name);
    if (!b)
      return Status::error(sig.entry + ": result " + std::to_string(r + 1) +
                           " uses unbound size variable `" + d.name + "`");
    shape.push_back(b->value);
  }
  return shape;
}

/// Allocates result `r` into `t` if it is null, else checks it.
Status prepareResult(const Signature &sig, size_t r, const Shape &shape,
                     Tensor &t) {
  DType dtype = sig.results[r].dtype;
  if (t.isNull()) {
    Result<Tensor> fresh = Tensor::empty(dtype, shape);
    if (!fresh)
      return Status::error(sig.entry + ": result " + std::to_string(r + 1) +
                           ": " + fresh.message());
    t = std::move(*fresh);
    return Status::success();
  }
  std::string where = sig.entry + ": result " + std::to_string(r + 1);
  if (!t.device().isCpu())
    return Status::error(where + ": tensor is on device " +
                         deviceName(t.device()) + ", expected cpu");
  if (t.dtype() != dtype)
    return Status::error(where + ": expected dtype " + dtypeName(dtype) +
                         ", got " + dtypeName(t.dtype()));
  if (t.shape() != shape) {
    TensorSpec expected{dtype, {}};
    for (int64_t d : shape)
      expected.dims.push_back(DimSpec::fixed(d));
    return Status::error(where + ": expected " + formatSpec(expected) +
                         ", got " + actualType(t));
  }
  if (t.numel() > 0 && !t.rawData())
    return Status::error(where + ": tensor of " + actualType(t) +
                         " has no data");
  return Status::success();
}

static_assert(sizeof(void *) == sizeof(int64_t),
              "memref descriptors are laid out for 64-bit pointers");

/// Appends the descriptor `{allocated, aligned, offset, sizes[R],
/// strides[R]}` of `t` to `slots`; returns its first slot index.
size_t appendDescriptor(const Tensor &t, void *placeholder,
                        std::vector<int64_t> &slots) {
  size_t first = slots.size();
  void *data = t.rawData() ? t.rawData() : placeholder;
  int64_t bits;
  std::memcpy(&bits, &data, sizeof(bits));
  slots.push_back(bits); // allocated
  slots.push_back(bits); // aligned
  slots.push_back(0);    // offset
  size_t rank = t.shape().size();
  for (int64_t d : t.shape())
    slots.push_back(d);
  size_t strides = slots.size();
  slots.resize(strides + rank);
  int64_t stride = 1;
  for (size_t d = rank; d-- > 0;) {
    slots[strides + d] = stride;
    stride *= t.shape()[d];
  }
  return first;
}

} // namespace

Status invoke(const Signature &sig, EntryFn fn,
              const std::vector<Tensor> &inputs, std::vector<Tensor> &outputs) {
  if (!fn)
    return Status::error(sig.entry + ": no entry function given");
  if (inputs.size() != sig.args.size())
    return Status::error(sig.entry + ": expected " +
                         std::to_string(sig.args.size()) +
                         " argument(s), got " + std::to_string(inputs.size()));
  if (!outputs.empty() && outputs.size() != sig.results.size())
    return Status::error(
        sig.entry + ": expected " + std::to_string(sig.results.size()) +
        " result tensor(s), got " + std::to_string(outputs.size()));

  std::vector<Binding> bindings;
  for (size_t i = 0; i < inputs.size(); ++i)
    if (Status s = checkArgument(sig, i, inputs[i], bindings); !s)
      return s;

  // Work on copies of the handles so that `outputs` is untouched on error.
  std::vector<Tensor> results = outputs;
  results.resize(sig.results.size());
  for (size_t r = 0; r < results.size(); ++r) {
    Result<Shape> shape = resultShape(sig, r, bindings);
    if (!shape)
      return shape.status();
    if (Status s = prepareResult(sig, r, *shape, results[r]); !s)
      return s;
  }

  // Zero-element tensors may have a null data pointer; the descriptor still
  // gets a valid, aligned one.
  alignas(64) unsigned char placeholder[64];
  std::vector<int64_t> slots;
  std::vector<size_t> firsts;
  for (const Tensor &t : inputs)
    firsts.push_back(appendDescriptor(t, placeholder, slots));
  for (const Tensor &t : results)
    firsts.push_back(appendDescriptor(t, placeholder, slots));
  std::vector<void *> args;
  args.reserve(firsts.size() + 1);
  for (size_t first : firsts)
    args.push_back(slots.data() + first);
  args.push_back(nullptr); // never read; keeps args.data() non-null

  fn(args.data());
  outputs = std::move(results);
  return Status::success();
}

} // namespace nxrt
