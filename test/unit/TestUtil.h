//===- TestUtil.h - Helpers shared by the nxrt unit tests -------*- C++ -*-===//
//
// This file implements small helpers for the unit tests: a temporary
// directory removed at the end of a test, running shell commands, and
// detecting whether /usr/bin/python3 with NumPy is available.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_TEST_TESTUTIL_H
#define NXRT_TEST_TESTUTIL_H

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace nxrt::test {

/// A fresh directory under $TMPDIR (or /tmp), deleted with its contents.
class TempDir {
public:
  TempDir() {
    const char *base = std::getenv("TMPDIR");
    std::string tmpl =
        std::string(base && *base ? base : "/tmp") + "/nxrt-test-XXXXXX";
    if (char *p = mkdtemp(tmpl.data()))
      dir = p;
  }
  ~TempDir() {
    if (!dir.empty())
      std::system(("rm -rf '" + dir + "'").c_str());
  }
  bool ok() const { return !dir.empty(); }
  std::string path(const std::string &name) const { return dir + "/" + name; }
  const std::string &root() const { return dir; }

private:
  std::string dir;
};

/// Runs `cmd` with /bin/sh, capturing stdout and stderr; returns the exit
/// status (or -1).
inline int runCommand(const std::string &cmd, std::string *output = nullptr) {
  std::FILE *p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p)
    return -1;
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), p)) > 0)
    out.append(buf, n);
  int status = pclose(p);
  if (output)
    *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline const char *kPython = "/usr/bin/python3";

/// True when /usr/bin/python3 can import numpy.
inline bool haveNumPy() {
  return access(kPython, X_OK) == 0 &&
         runCommand(std::string(kPython) + " -c 'import numpy'") == 0;
}

inline void writeFile(const std::string &path, const std::string &text) {
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

} // namespace nxrt::test

#endif // NXRT_TEST_TESTUTIL_H
