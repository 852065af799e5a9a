//===- main.cpp - Train and serve Fashion-MNIST from C++ ------------------===//
//
// This file implements the fashion-mnist driver: it trains the MLP (mlp.nx)
// or the CNN (cnn.nx), whose whole training step nxc compiled ahead of time
// into one native function, on Debian's Fashion-MNIST files. Each epoch it
// shuffles with the seed, trains batch by batch with a progress bar,
// evaluates on the test set, writes a safetensors checkpoint and checks that
// the file reloads bit for bit. --classify reloads the checkpoint into a
// fresh model and prints predicted and true classes of test images.
//
// Exit status: 0 on success, 1 on an error (one message, no crash), 130 when
// SIGINT or SIGTERM stopped training (after the current step; the last
// complete checkpoint is left as it was).
//
//===----------------------------------------------------------------------===//

#include "checkpoint.h"
#include "data.h"
#include "model.h"
#include "options.h"
#include "progress.h"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <unistd.h>

using namespace fashion;

namespace {

volatile std::sig_atomic_t stopRequested = 0;

extern "C" void onSignal(int) { stopRequested = 1; }

void installSignalHandlers() {
  struct sigaction sa = {};
  sa.sa_handler = onSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

int fail(const nxrt::Status &st) {
  std::fprintf(stderr, "fashion-mnist: error: %s\n", st.message().c_str());
  return 1;
}

/// Evaluates on the whole of `data` in batches of 1000.
nxrt::Result<EvalResult> evaluateAll(const Model &model, const Dataset &data) {
  EvalResult total{0, 0};
  for (int64_t b = 0; b < data.size(); b += 1000) {
    Batch batch = sliceBatch(data, b, std::min(data.size(), b + 1000));
    nxrt::Result<EvalResult> r = model.evaluate(batch.x, batch.y);
    if (!r)
      return r.status();
    total.lossSum += r->lossSum;
    total.correct += r->correct;
  }
  return total;
}

/// One epoch of training; sets `interrupted` when a signal stopped it.
nxrt::Status trainEpoch(Model &model, const Dataset &train, const Options &opt,
                        int64_t epoch, bool &interrupted) {
  std::vector<int64_t> order =
      shuffledOrder(train.size(), static_cast<uint64_t>(opt.seed), epoch);
  auto lr = static_cast<float>(opt.lr * std::pow(opt.lrDecay, double(epoch)));
  std::string label =
      "epoch " + std::to_string(epoch + 1) + "/" + std::to_string(opt.epochs);
  ProgressBar bar(label, train.size(), isatty(fileno(stdout)) != 0);
  for (int64_t b = 0; b < train.size(); b += opt.batchSize) {
    int64_t end = std::min(train.size(), b + opt.batchSize);
    nxrt::Result<Batch> batch = gatherBatch(train, order, b, end);
    if (!batch)
      return batch.status();
    nxrt::Result<StepResult> r = model.trainStep(batch->x, batch->y, lr);
    if (!r)
      return r.status();
    bar.update(end - b, r->loss, r->correct);
    if (stopRequested) {
      bar.finish();
      interrupted = true;
      return nxrt::Status::success();
    }
  }
  bar.finish();
  return nxrt::Status::success();
}

/// Reloads the checkpoint into a fresh model, checks it predicts what the
/// trained one does, and prints the first `k` test images' classes.
nxrt::Status classify(const Model &trained, const Dataset &test,
                      const Options &opt) {
  nxrt::Result<Model> fresh = Model::create(trained.spec());
  if (!fresh)
    return fresh.status();
  int64_t epoch = 0;
  if (nxrt::Status st = loadCheckpoint(opt.checkpoint, *fresh, epoch); !st)
    return st;
  int64_t k = std::min(opt.classify, test.size());
  Batch batch = sliceBatch(test, 0, k);
  nxrt::Result<std::vector<nxrt::Tensor>> out = fresh->predict(batch.x);
  if (!out)
    return out.status();
  nxrt::Result<std::vector<nxrt::Tensor>> mine = trained.predict(batch.x);
  if (!mine)
    return mine.status();
  for (size_t i = 0; i < out->size(); ++i)
    if (std::memcmp((*out)[i].rawData(), (*mine)[i].rawData(),
                    (*mine)[i].nbytes()) != 0)
      return nxrt::Status::error(
          opt.checkpoint + ": the reloaded model's predictions differ from "
                           "the trained model's");
  std::printf("classifying %lld test images with %s (epoch %lld; the same "
              "predictions as the trained model, bit for bit):\n",
              static_cast<long long>(k), opt.checkpoint.c_str(),
              static_cast<long long>(epoch));
  const float *probs = (*out)[0].data<float>();
  const int32_t *pred = (*out)[1].data<int32_t>();
  int64_t right = 0;
  for (int64_t i = 0; i < k; ++i) {
    int32_t truth = test.labels[static_cast<size_t>(i)];
    right += pred[i] == truth;
    std::printf("  image %4lld: predicted %-12s (p = %.3f)  true %-12s %s\n",
                static_cast<long long>(i), kClassNames[pred[i]],
                probs[i * kClasses + pred[i]], kClassNames[truth],
                pred[i] == truth ? "ok" : "WRONG");
  }
  std::printf("  %lld of %lld right\n", static_cast<long long>(right),
              static_cast<long long>(k));
  return nxrt::Status::success();
}

/// Evaluates, prints the epoch's summary line, checkpoints and verifies.
nxrt::Status finishEpoch(const Model &model, const Dataset &test,
                         const Options &opt, int64_t epoch, double &accuracy) {
  nxrt::Result<EvalResult> ev = evaluateAll(model, test);
  if (!ev)
    return ev.status();
  accuracy = double(ev->correct) / double(test.size());
  std::printf("epoch %lld/%lld: test loss %.4f, test accuracy %.2f%%\n",
              static_cast<long long>(epoch + 1),
              static_cast<long long>(opt.epochs), ev->lossSum / test.size(),
              100.0 * accuracy);
  if (nxrt::Status st =
          saveCheckpoint(opt.checkpoint, model, epoch + 1, accuracy);
      !st)
    return st;
  if (nxrt::Status st = verifyCheckpoint(opt.checkpoint, model); !st)
    return st;
  std::printf("checkpoint %s written and verified bit for bit\n",
              opt.checkpoint.c_str());
  std::fflush(stdout);
  return nxrt::Status::success();
}

/// Sets up the model (fresh or from the checkpoint); returns the first epoch.
nxrt::Result<int64_t> startModel(Model &model, const Options &opt) {
  int64_t epoch = 0;
  if (opt.resume) {
    if (nxrt::Status st = loadCheckpoint(opt.checkpoint, model, epoch); !st)
      return st;
    std::printf("resuming from %s after epoch %lld (%lld steps)\n",
                opt.checkpoint.c_str(), static_cast<long long>(epoch),
                static_cast<long long>(model.steps()));
    return epoch;
  }
  if (nxrt::Status st = model.init(opt.seed); !st)
    return st;
  return epoch;
}

} // namespace

int main(int argc, char **argv) {
  nxrt::Result<Options> opts = parseOptions(argc, argv);
  if (!opts) {
    std::fprintf(stderr, "fashion-mnist: error: %s\n", opts.message().c_str());
    return 1;
  }
  const Options &opt = *opts;
  if (opt.help) {
    std::fputs(usage(), stdout);
    return 0;
  }
  nxrt::Result<Model> model = Model::create(*findModel(opt.model));
  if (!model)
    return fail(model.status());
  nxrt::Result<Dataset> train = loadSplit(opt.data, "train", opt.limit);
  if (!train)
    return fail(train.status());
  nxrt::Result<Dataset> test = loadSplit(opt.data, "t10k", opt.testLimit);
  if (!test)
    return fail(test.status());
  nxrt::Result<int64_t> first = startModel(*model, opt);
  if (!first)
    return fail(first.status());
  std::printf("training the %s on %lld images, testing on %lld; batch %lld, "
              "Adam lr %g (x %g per epoch), seed %lld\n",
              opt.model.c_str(), static_cast<long long>(train->size()),
              static_cast<long long>(test->size()),
              static_cast<long long>(opt.batchSize), opt.lr, opt.lrDecay,
              static_cast<long long>(opt.seed));
  installSignalHandlers();
  double accuracy = -1;
  for (int64_t epoch = *first; epoch < opt.epochs; ++epoch) {
    bool interrupted = false;
    if (nxrt::Status st = trainEpoch(*model, *train, opt, epoch, interrupted);
        !st)
      return fail(st);
    if (interrupted) {
      std::printf("interrupted: stopped after step %lld; %s keeps the last "
                  "complete epoch\n",
                  static_cast<long long>(model->steps()),
                  opt.checkpoint.c_str());
      return 130;
    }
    if (nxrt::Status st = finishEpoch(*model, *test, opt, epoch, accuracy); !st)
      return fail(st);
  }
  if (accuracy < 0) {
    nxrt::Result<EvalResult> ev = evaluateAll(*model, *test);
    if (!ev)
      return fail(ev.status());
    accuracy = double(ev->correct) / double(test->size());
  }
  if (!opt.dump.empty())
    if (nxrt::Status st = dumpNpy(opt.dump, *model); !st)
      return fail(st);
  if (opt.classify > 0)
    if (nxrt::Status st = classify(*model, *test, opt); !st)
      return fail(st);
  std::printf("final test accuracy of the %s: %.2f%%\n", opt.model.c_str(),
              100.0 * accuracy);
  return 0;
}
