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
#include <type_traits>
#include <vector>

namespace nxc {

enum class Severity { Error, Warning, Note };

/// Every diagnostic the frontend can report (frontend/DiagnosticKinds.def).
enum class DiagKind : uint16_t {
#define DIAG(Name, Severity, Format) Name,
#include "frontend/DiagnosticKinds.def"
};

struct DiagKindInfo {
  const char *name;   ///< e.g. "UnknownFunction"
  Severity severity;
  const char *format; ///< message with `{0}`, `{1}`... placeholders
};
const DiagKindInfo &diagKindInfo(DiagKind kind);

/// Replaces each `{N}` (N a decimal number) in `format` with `args[N]`; other
/// braces (`{2, 3}`) are kept as they are.
std::string formatDiagnostic(const char *format,
                             const std::vector<std::string> &args);

namespace detail {
template <typename T> std::string diagArg(const T &v) {
  if constexpr (std::is_arithmetic_v<T>)
    return std::to_string(v);
  else
    return std::string(v);
}
} // namespace detail

/// Collects and prints diagnostics. Messages follow docs/STYLE: lowercase,
/// code in backticks, no trailing period.
class DiagnosticEngine {
public:
  explicit DiagnosticEngine(std::ostream &os) : os(os) {}

  /// Makes `text` the buffer later locations refer to; keeps a copy.
  void setSource(const std::string &filename, const std::string &text);
  const std::string &filename() const { return file; }
  /// The id of the current source (1-based, as SourceLoc::file holds it);
  /// every setSource adds one. A location whose `file` is 0 is in the
  /// current source.
  unsigned currentSource() const { return current; }
  /// Makes source `id` (from currentSource()) current again.
  void selectSource(unsigned id);
  /// Every source's file name, by id - 1.
  std::vector<std::string> sourceNames() const {
    std::vector<std::string> names;
    for (const auto &s : sources)
      names.push_back(s.first);
    return names;
  }

  /// Prints one diagnostic of `kind`, its placeholders filled with `args`
  /// (strings or numbers). A note belongs to the last error or warning and
  /// is dropped when that one was dropped (past the error limit).
  template <typename... Args>
  void diagnose(SourceLoc loc, DiagKind kind, const Args &...args) {
    report(loc, kind, {detail::diagArg(args)...});
  }
  void report(SourceLoc loc, DiagKind kind,
              const std::vector<std::string> &args);

  unsigned errorCount() const { return errors; }
  unsigned warningCount() const { return warnings; }

  /// After this many errors the rest are counted but not printed.
  static constexpr unsigned kMaxPrintedErrors = 50;

private:
  void print(SourceLoc loc, Severity severity, const std::string &message);
  void printExcerpt(SourceLoc loc);

  std::ostream &os;
  std::string file = "<input>";
  std::vector<std::string> lines;
  /// Every source set so far: name and lines, indexed by id - 1.
  std::vector<std::pair<std::string, std::vector<std::string>>> sources;
  unsigned current = 0;
  unsigned errors = 0;
  unsigned warnings = 0;
  bool lastSuppressed = false;
  bool limitReported = false;
};

} // namespace nxc

#endif // NXC_FRONTEND_DIAGNOSTICS_H
