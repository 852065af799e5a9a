//===- Diagnostics.cpp - Error reporting with source excerpts -------------===//
//
// This file implements the DiagnosticEngine: source line splitting and the
// `file:line:col: severity: message` + excerpt + caret rendering.
//
//===----------------------------------------------------------------------===//

#include "frontend/Diagnostics.h"

#include <algorithm>

namespace nxc {

void DiagnosticEngine::setSource(const std::string &filename,
                                 const std::string &text) {
  file = filename;
  lines.clear();
  std::string cur;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r') {
      lines.push_back(cur);
      cur.clear();
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
        ++i;
      continue;
    }
    cur += c;
  }
  lines.push_back(cur);
  sources.emplace_back(file, lines);
  current = static_cast<unsigned>(sources.size());
}

void DiagnosticEngine::selectSource(unsigned id) {
  if (id == 0 || id > sources.size())
    return;
  file = sources[id - 1].first;
  lines = sources[id - 1].second;
  current = id;
}

static const char *severityName(Severity s) {
  switch (s) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "error";
}

const DiagKindInfo &diagKindInfo(DiagKind kind) {
  static const DiagKindInfo infos[] = {
#define DIAG(Name, Sev, Format) {#Name, Severity::Sev, Format},
#include "frontend/DiagnosticKinds.def"
  };
  return infos[static_cast<size_t>(kind)];
}

std::string formatDiagnostic(const char *format,
                             const std::vector<std::string> &args) {
  std::string out;
  for (const char *p = format; *p; ++p) {
    if (*p == '{' && p[1] >= '0' && p[1] <= '9') {
      const char *q = p + 1;
      size_t n = 0;
      while (*q >= '0' && *q <= '9')
        n = n * 10 + static_cast<size_t>(*q++ - '0');
      if (*q == '}') {
        if (n < args.size())
          out += args[n];
        p = q;
        continue;
      }
    }
    out += *p;
  }
  return out;
}

void DiagnosticEngine::report(SourceLoc loc, DiagKind kind,
                              const std::vector<std::string> &args) {
  const DiagKindInfo &info = diagKindInfo(kind);
  print(loc, info.severity, formatDiagnostic(info.format, args));
}

void DiagnosticEngine::print(SourceLoc loc, Severity severity,
                             const std::string &message) {
  if (severity == Severity::Error)
    ++errors;
  if (severity == Severity::Warning)
    ++warnings;
  if (severity == Severity::Note) {
    if (lastSuppressed)
      return;
  } else if (severity == Severity::Error && errors > kMaxPrintedErrors) {
    lastSuppressed = true;
    if (!limitReported) {
      limitReported = true;
      os << file << ": error: "
         << formatDiagnostic(diagKindInfo(DiagKind::TooManyErrors).format,
                             {std::to_string(kMaxPrintedErrors)})
         << "\n";
    }
    return;
  } else {
    lastSuppressed = false;
  }
  bool other =
      loc.file != 0 && loc.file != current && loc.file <= sources.size();
  os << (other ? sources[loc.file - 1].first : file);
  if (loc.line > 0) {
    os << ":" << loc.line;
    if (loc.col > 0)
      os << ":" << loc.col;
  }
  os << ": " << severityName(severity) << ": " << message << "\n";
  printExcerpt(loc);
  os.flush();
}

/// Returns the byte length of the UTF-8 sequence starting with `c`.
static size_t utf8Length(unsigned char c) {
  if (c < 0x80)
    return 1;
  if ((c >> 5) == 0x6)
    return 2;
  if ((c >> 4) == 0xe)
    return 3;
  if ((c >> 3) == 0x1e)
    return 4;
  return 1;
}

void DiagnosticEngine::printExcerpt(SourceLoc loc) {
  const std::vector<std::string> &src =
      loc.file != 0 && loc.file <= sources.size() ? sources[loc.file - 1].second
                                                  : lines;
  if (loc.line == 0 || loc.line > src.size())
    return;
  std::string text = src[loc.line - 1];
  // Show at most a window of a long line around the column.
  constexpr uint32_t kWindow = 100;
  if (text.size() > 2 * kWindow && loc.col > kWindow) {
    // Columns count code points; cut at character boundaries.
    size_t i = 0;
    uint32_t col = 1;
    while (i < text.size() && col + kWindow / 2 < loc.col) {
      i += utf8Length(static_cast<unsigned char>(text[i]));
      ++col;
    }
    text = "..." + text.substr(i);
    loc.col = loc.col - col + 4;
  }
  if (text.size() > 2 * kWindow) {
    size_t i = 0;
    uint32_t col = 1;
    while (i < text.size() && col < std::max(loc.col, kWindow) + kWindow / 2) {
      i += utf8Length(static_cast<unsigned char>(text[i]));
      ++col;
    }
    if (i < text.size())
      text = text.substr(0, i) + "...";
  }
  // Print the line with control characters replaced so that binary input
  // cannot garble the terminal.
  std::string shown;
  std::string caret;
  size_t i = 0;
  uint32_t col = 1;
  bool caretDone = loc.col == 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = std::min(utf8Length(c), text.size() - i);
    if (!caretDone && col == loc.col) {
      caret += '^';
      caretDone = true;
    }
    if (c == '\t') {
      shown += '\t';
      if (!caretDone)
        caret += '\t';
    } else if (c < 0x20 || c == 0x7f) {
      shown += '?';
      if (!caretDone)
        caret += ' ';
    } else {
      shown.append(text, i, len);
      if (!caretDone)
        caret += ' ';
    }
    i += len;
    ++col;
  }
  if (!caretDone)
    caret += '^';
  os << shown << "\n" << caret << "\n";
}

} // namespace nxc
