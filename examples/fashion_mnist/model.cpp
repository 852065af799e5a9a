//===- model.cpp - The compiled Fashion-MNIST models behind one interface -===//
//
// This file implements model.h on top of the generated headers of
// FashionMLP (mlp.nx) and FashionCNN (cnn.nx): each entry is called with
// nxrt::invoke, which checks every argument's dtype and shape against the
// entry's signature and binds the batch size variable `n`.
//
//===----------------------------------------------------------------------===//

#include "model.h"

#include "FashionCNN.h"
#include "FashionMLP.h"

#include <cstring>
#include <utility>

namespace fashion {

namespace {

#define NXC_ENTRY(M, E)                                                        \
  CompiledEntry { nxc_##M##_##E##_signature, &nxc_##M##_##E }

const ModelSpec kModels[] = {
    {"mlp",
     {"dense1.kernel", "dense1.bias", "dense2.kernel", "dense2.bias"},
     NXC_ENTRY(FashionMLP, init),
     NXC_ENTRY(FashionMLP, train_step),
     NXC_ENTRY(FashionMLP, evaluate),
     NXC_ENTRY(FashionMLP, predict)},
    {"cnn",
     {"conv1.kernel", "conv1.bias", "conv2.kernel", "conv2.bias",
      "dense.kernel", "dense.bias"},
     NXC_ENTRY(FashionCNN, init),
     NXC_ENTRY(FashionCNN, train_step),
     NXC_ENTRY(FashionCNN, evaluate),
     NXC_ENTRY(FashionCNN, predict)},
};

#undef NXC_ENTRY

nxrt::Result<nxrt::Signature> parse(const CompiledEntry &e) {
  return nxrt::parseSignature(e.signature);
}

nxrt::Shape staticShape(const nxrt::TensorSpec &spec) {
  nxrt::Shape s;
  for (const nxrt::DimSpec &d : spec.dims)
    s.push_back(d.size);
  return s;
}

} // namespace

const ModelSpec *findModel(const std::string &name) {
  for (const ModelSpec &m : kModels)
    if (name == m.name)
      return &m;
  return nullptr;
}

nxrt::Result<Model> Model::create(const ModelSpec &spec) {
  Model m;
  m.spec_ = &spec;
  nxrt::Signature *sigs[] = {&m.init_, &m.trainStep_, &m.evaluate_,
                             &m.predict_};
  const CompiledEntry *fns[] = {&spec.init, &spec.trainStep, &spec.evaluate,
                                &spec.predict};
  for (int i = 0; i < 4; ++i) {
    nxrt::Result<nxrt::Signature> s = parse(*fns[i]);
    if (!s)
      return s.status();
    *sigs[i] = std::move(*s);
  }
  size_t p = spec.paramNames.size();
  size_t leaves = 3 * p + 1;
  // train_step(params, {count, mu, nu}, x, y, lr) -> (params, state, loss,
  // correct): the spec must agree with the compiled signature.
  if (m.trainStep_.args.size() != leaves + 3 ||
      m.trainStep_.results.size() != leaves + 2 ||
      m.init_.results.size() != leaves)
    return nxrt::Status::error(std::string("model ") + spec.name +
                               ": the compiled entries do not have " +
                               std::to_string(p) + " parameter leaves");
  auto addGroup = [&](const std::string &prefix) {
    for (const std::string &n : spec.paramNames)
      m.names_.push_back(prefix + n);
  };
  addGroup("params.");
  m.names_.push_back("opt_state.count");
  addGroup("opt_state.mu.");
  addGroup("opt_state.nu.");
  m.specs_.assign(m.trainStep_.args.begin(),
                  m.trainStep_.args.begin() + static_cast<long>(leaves));
  return m;
}

nxrt::Status Model::init(int64_t seed) {
  nxrt::Tensor s = nxrt::Tensor::view(nxrt::DType::s64, {}, &seed);
  std::vector<nxrt::Tensor> out;
  if (nxrt::Status st = nxrt::invoke(init_, spec_->init.fn, {s}, out); !st)
    return st;
  leaves_ = std::move(out);
  return nxrt::Status::success();
}

nxrt::Result<StepResult> Model::trainStep(const nxrt::Tensor &x,
                                          const nxrt::Tensor &y, float lr) {
  std::vector<nxrt::Tensor> in = leaves_;
  in.push_back(x);
  in.push_back(y);
  in.push_back(nxrt::Tensor::view(nxrt::DType::f32, {}, &lr));
  std::vector<nxrt::Tensor> out;
  if (nxrt::Status st = nxrt::invoke(trainStep_, spec_->trainStep.fn, in, out);
      !st)
    return st;
  StepResult r{*out[out.size() - 2].data<float>(),
               *out[out.size() - 1].data<int32_t>()};
  out.resize(out.size() - 2);
  leaves_ = std::move(out);
  return r;
}

nxrt::Result<EvalResult> Model::evaluate(const nxrt::Tensor &x,
                                         const nxrt::Tensor &y) const {
  std::vector<nxrt::Tensor> in(
      leaves_.begin(), leaves_.begin() + static_cast<long>(numParams()));
  in.push_back(x);
  in.push_back(y);
  std::vector<nxrt::Tensor> out;
  if (nxrt::Status st = nxrt::invoke(evaluate_, spec_->evaluate.fn, in, out);
      !st)
    return st;
  return EvalResult{*out[0].data<float>(), *out[1].data<int32_t>()};
}

nxrt::Result<std::vector<nxrt::Tensor>>
Model::predict(const nxrt::Tensor &x) const {
  std::vector<nxrt::Tensor> in(
      leaves_.begin(), leaves_.begin() + static_cast<long>(numParams()));
  in.push_back(x);
  std::vector<nxrt::Tensor> out;
  if (nxrt::Status st = nxrt::invoke(predict_, spec_->predict.fn, in, out); !st)
    return st;
  return out;
}

nxrt::NamedTensors Model::state() const {
  nxrt::NamedTensors named;
  for (size_t i = 0; i < leaves_.size(); ++i)
    named.emplace_back(names_[i], leaves_[i]);
  return named;
}

nxrt::Status Model::setState(const nxrt::NamedTensors &entries,
                             const std::string &what) {
  std::vector<nxrt::Tensor> leaves(names_.size());
  for (const auto &[name, t] : entries) {
    size_t i = 0;
    while (i < names_.size() && names_[i] != name)
      ++i;
    if (i == names_.size())
      return nxrt::Status::error(
          what + ": tensor \"" + name + "\" is not a leaf of the " +
          spec_->name + " model (is this a checkpoint of another model?)");
    nxrt::Shape want = staticShape(specs_[i]);
    if (t.dtype() != specs_[i].dtype || t.shape() != want)
      return nxrt::Status::error(what + ": tensor \"" + name + "\" is " +
                                 nxrt::formatType(t.dtype(), t.shape()) +
                                 ", the " + spec_->name + " model expects " +
                                 nxrt::formatType(specs_[i].dtype, want));
    leaves[i] = t;
  }
  for (size_t i = 0; i < names_.size(); ++i)
    if (leaves[i].isNull())
      return nxrt::Status::error(what + ": tensor \"" + names_[i] +
                                 "\" is missing");
  leaves_ = std::move(leaves);
  return nxrt::Status::success();
}

int64_t Model::steps() const {
  return leaves_.empty() ? 0 : *leaves_[numParams()].data<int32_t>();
}

} // namespace fashion
