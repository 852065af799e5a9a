//===- Diagnostics.h - Error reporting with source excerpts ------*- C++ -*-===//
//
// This file declares the DiagnosticEngine: it owns the text of the source
// being compiled and prints each diagnostic as `file:line:col: error: msg`,
// followed by the source line and a caret under the column.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_DIAGNOSTICS_H
#define NXC_FRONTEND_DIAGNOSTICS_H

#include "frontend/TypedIR.h"

#include <ostream>
#include <string>
#include <vector>

namespace nxc {

enum class Severity { Error, Warning, Note };

/// Collects and prints diagnostics. Messages follow docs/STYLE: lowercase,
/// code in backticks, no trailing period.
class DiagnosticEngine {
public:
  explicit DiagnosticEngine(std::ostream &os) : os(os) {}

  /// Makes `text` the buffer later locations refer to; keeps a copy.
  void setSource(const std::string &filename, const std::string &text);
  const std::string &filename() const { return file; }

  /// Prints one diagnostic. A note belongs to the last error or warning and
  /// is dropped when that one was dropped (past the error limit).
  void report(SourceLoc loc, Severity severity, const std::string &message);
  void error(SourceLoc loc, const std::string &message) {
    report(loc, Severity::Error, message);
  }
  void warning(SourceLoc loc, const std::string &message) {
    report(loc, Severity::Warning, message);
  }
  void note(SourceLoc loc, const std::string &message) {
    report(loc, Severity::Note, message);
  }

  unsigned errorCount() const { return errors; }
  unsigned warningCount() const { return warnings; }

  /// After this many errors the rest are counted but not printed.
  static constexpr unsigned kMaxPrintedErrors = 50;

private:
  void printExcerpt(SourceLoc loc);

  std::ostream &os;
  std::string file = "<input>";
  std::vector<std::string> lines;
  unsigned errors = 0;
  unsigned warnings = 0;
  bool lastSuppressed = false;
  bool limitReported = false;
};

} // namespace nxc

#endif // NXC_FRONTEND_DIAGNOSTICS_H
