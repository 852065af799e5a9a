//===- FileIO.cpp - Whole-file reads and crash-safe writes ----------------===//
//
// This file implements readWholeFile and writeFileAtomic with POSIX calls
// (mkstemp, fsync, rename). Every failure removes the temporary file and
// returns an error naming the target path.
//
//===----------------------------------------------------------------------===//

#include "FileIO.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nxrt {

Result<std::vector<char>> readWholeFile(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Status::error(path + ": cannot open: " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::error(path + ": not a regular file");
  }
  std::vector<char> bytes;
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return Status::error(path + ": read error: " + std::strerror(err));
    }
    if (n == 0)
      break;
    bytes.insert(bytes.end(), buf, buf + n);
  }
  ::close(fd);
  return bytes;
}

namespace {

std::string parentDir(const std::string &path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos)
    return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

bool writeAll(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

} // namespace

Status writeFileAtomic(const std::string &path, const void *data, size_t size) {
  std::string tmp = path + ".tmp.XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0)
    return Status::error(path + ": cannot create a temporary file " + tmp +
                         ": " + std::strerror(errno));
  auto fail = [&](const char *what) {
    int err = errno;
    if (fd >= 0)
      ::close(fd);
    ::unlink(tmp.c_str());
    return Status::error(path + ": " + what + ": " + std::strerror(err));
  };
  struct stat st;
  mode_t mode = 0644;
  if (::stat(path.c_str(), &st) == 0)
    mode = st.st_mode & 07777;
  if (::fchmod(fd, mode) != 0)
    return fail("cannot set the mode of the temporary file");
  if (!writeAll(fd, static_cast<const char *>(data), size))
    return fail("write error");
  if (::fsync(fd) != 0)
    return fail("fsync failed");
  int closed = ::close(fd);
  fd = -1;
  if (closed != 0)
    return fail("write error");
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    return fail("cannot rename the temporary file into place");
  // Make the rename durable; failing to sync a directory is not an error
  // worth reporting after the data is in place (some filesystems refuse).
  int dir = ::open(parentDir(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Status::success();
}

} // namespace nxrt
