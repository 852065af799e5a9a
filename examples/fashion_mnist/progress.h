//===- progress.h - A training progress bar ---------------------*- C++ -*-===//
//
// This file declares ProgressBar: one epoch's running loss, accuracy,
// throughput and ETA. On a terminal it redraws one line with `\r` (at most
// ten times a second); otherwise (CI logs, pipes) it prints a line every few
// seconds, so logs stay short.
//
//===----------------------------------------------------------------------===//

#ifndef FASHION_MNIST_PROGRESS_H
#define FASHION_MNIST_PROGRESS_H

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace fashion {

class ProgressBar {
public:
  /// `label` prefixes every line (e.g. "epoch 2/5"); `total` is the number
  /// of samples in the epoch; `interactive` selects the `\r` redraw.
  ProgressBar(std::string label, int64_t total, bool interactive,
              std::FILE *out = stdout);

  /// Adds one batch of `n` samples with mean loss `loss` and `correct`
  /// right predictions, and redraws if it is time to.
  void update(int64_t n, double loss, int64_t correct);
  /// Draws the final state of the epoch and ends the line.
  void finish();

  double meanLoss() const { return done_ ? lossSum_ / done_ : 0.0; }
  double accuracy() const { return done_ ? double(correct_) / done_ : 0.0; }
  double seconds() const;
  double samplesPerSecond() const;

private:
  void draw(bool final);

  std::string label_;
  int64_t total_;
  bool interactive_;
  std::FILE *out_;
  int64_t done_ = 0, correct_ = 0;
  double lossSum_ = 0;
  std::chrono::steady_clock::time_point start_, lastDraw_;
};

/// "1:05" or "12s" style durations for the bar.
std::string formatDuration(double seconds);

} // namespace fashion

#endif // FASHION_MNIST_PROGRESS_H
