//===- model.h - The compiled Fashion-MNIST models --------------*- C++ -*-===//
//
// This file declares Model, which holds a network's parameters and Adam
// state as flat lists of tensors (the leaves of the .nx tuples, in order) and
// calls the module's AOT-compiled entries (init, train_step, evaluate,
// predict) through nxrt::invoke with the signatures the generated headers
// export. The MLP and the CNN differ only in their ModelSpec: the entries and
// the names of their parameter leaves.
//
// Checkpoint tensor names follow the container structure (the leaf order):
//   params.<layer>.<kernel|bias>, opt_state.count, opt_state.mu.<layer>.<...>,
//   opt_state.nu.<layer>.<...>
//
//===----------------------------------------------------------------------===//

#ifndef FASHION_MNIST_MODEL_H
#define FASHION_MNIST_MODEL_H

#include "nxrt/Signature.h"
#include "nxrt/Status.h"
#include "nxrt/Tensor.h"

#include <string>
#include <vector>

namespace fashion {

/// One compiled entry: its exported signature string and function.
struct CompiledEntry {
  const char *signature;
  void (*fn)(void **);
};

/// What distinguishes one model: its flag name, the names of its parameter
/// leaves (in the order of the .nx params tuple) and its four entries.
struct ModelSpec {
  const char *name;
  std::vector<std::string> paramNames;
  CompiledEntry init, trainStep, evaluate, predict;
};

/// The model called `name` ("mlp" or "cnn"), or null.
const ModelSpec *findModel(const std::string &name);

struct StepResult {
  float loss;      // mean loss of the batch
  int32_t correct; // correct predictions in the batch
};

struct EvalResult {
  double lossSum;
  int64_t correct;
};

class Model {
public:
  /// Parses the entries' signatures; fails if they do not fit the spec.
  static nxrt::Result<Model> create(const ModelSpec &spec);

  const ModelSpec &spec() const { return *spec_; }

  /// Fresh parameters from `seed` (the .nx init entry) and zero Adam state.
  nxrt::Status init(int64_t seed);
  /// One Adam step on (x, y); the model's state becomes the step's result.
  nxrt::Result<StepResult> trainStep(const nxrt::Tensor &x,
                                     const nxrt::Tensor &y, float lr);
  nxrt::Result<EvalResult> evaluate(const nxrt::Tensor &x,
                                    const nxrt::Tensor &y) const;
  /// Probabilities f32[n, 10] and predicted classes s32[n].
  nxrt::Result<std::vector<nxrt::Tensor>> predict(const nxrt::Tensor &x) const;

  /// Every leaf of params and opt_state, named as in the file comment.
  nxrt::NamedTensors state() const;
  /// Replaces the state by `entries`, which must hold exactly the names of
  /// state() with the same dtypes and shapes; `what` names the source in
  /// errors (a checkpoint's path).
  nxrt::Status setState(const nxrt::NamedTensors &entries,
                        const std::string &what);
  /// The number of Adam steps taken (opt_state.count).
  int64_t steps() const;

private:
  const ModelSpec *spec_ = nullptr;
  nxrt::Signature init_, trainStep_, evaluate_, predict_;
  std::vector<std::string> names_;      // state() names, in leaf order
  std::vector<nxrt::TensorSpec> specs_; // their types, from train_step
  std::vector<nxrt::Tensor> leaves_;    // params, count, mu, nu
  size_t numParams() const { return spec_->paramNames.size(); }
};

} // namespace fashion

#endif // FASHION_MNIST_MODEL_H
