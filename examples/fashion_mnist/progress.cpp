//===- progress.cpp - A training progress bar -----------------------------===//
//
// This file implements progress.h.
//
//===----------------------------------------------------------------------===//

#include "progress.h"

#include <utility>

namespace fashion {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

constexpr int kBarWidth = 24;
constexpr double kTtyInterval = 0.1; // seconds between redraws on a terminal
constexpr double kLogInterval = 5.0; // seconds between lines otherwise

} // namespace

std::string formatDuration(double seconds) {
  auto s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%lds", s);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

ProgressBar::ProgressBar(std::string label, int64_t total, bool interactive,
                         std::FILE *out)
    : label_(std::move(label)), total_(total), interactive_(interactive),
      out_(out), start_(Clock::now()), lastDraw_(start_) {}

double ProgressBar::seconds() const { return since(start_); }

double ProgressBar::samplesPerSecond() const {
  double s = seconds();
  return s > 0 ? done_ / s : 0.0;
}

void ProgressBar::update(int64_t n, double loss, int64_t correct) {
  done_ += n;
  lossSum_ += loss * static_cast<double>(n);
  correct_ += correct;
  // The last batch is drawn by finish().
  if (done_ < total_ &&
      since(lastDraw_) >= (interactive_ ? kTtyInterval : kLogInterval))
    draw(false);
}

void ProgressBar::finish() { draw(true); }

void ProgressBar::draw(bool final) {
  lastDraw_ = Clock::now();
  double rate = samplesPerSecond();
  int filled =
      total_ ? static_cast<int>(kBarWidth * done_ / total_) : kBarWidth;
  std::string bar(static_cast<size_t>(filled), '=');
  if (filled < kBarWidth)
    bar += '>' + std::string(static_cast<size_t>(kBarWidth - filled - 1), ' ');
  std::string eta =
      final ? "took " + formatDuration(seconds())
            : "ETA " + formatDuration(rate > 0 ? (total_ - done_) / rate : 0);
  std::fprintf(out_,
               "%s%s [%s] %lld/%lld loss %.4f acc %5.2f%% %.0f samples/s %s",
               interactive_ ? "\r" : "", label_.c_str(), bar.c_str(),
               static_cast<long long>(done_), static_cast<long long>(total_),
               meanLoss(), 100.0 * accuracy(), rate, eta.c_str());
  if (interactive_)
    std::fputs("\033[K", out_); // clear what a longer line left behind
  if (final || !interactive_)
    std::fputc('\n', out_);
  std::fflush(out_);
}

} // namespace fashion
