//===- Status.h - Error values of the nxrt API ------------------*- C++ -*-===//
//
// This file declares nxrt::Status and nxrt::Result<T>, the error types of the
// runtime. nxrt never throws: every operation that can fail returns one of
// these, so the library can be used from code built with -fno-exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef NXRT_STATUS_H
#define NXRT_STATUS_H

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace nxrt {

/// Success, or an error carrying a human-readable message.
class [[nodiscard]] Status {
public:
  /// A successful status.
  Status() = default;

  static Status success() { return Status(); }
  static Status error(std::string message) {
    Status s;
    s.failed = true;
    s.msg = std::move(message);
    return s;
  }

  bool ok() const { return !failed; }
  explicit operator bool() const { return ok(); }
  /// The error message; empty on success.
  const std::string &message() const { return msg; }

private:
  bool failed = false;
  std::string msg;
};

/// A value of type T, or an error Status.
template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : val(std::move(value)) {}
  /// An error. Passing a successful Status is a bug; it is turned into an
  /// error so that the Result never claims a value it does not have.
  Result(Status error) : st(std::move(error)) {
    if (st.ok())
      st = Status::error("internal error: Result built from a success status");
  }

  bool ok() const { return val.has_value(); }
  explicit operator bool() const { return ok(); }
  /// The error; a success Status when ok().
  const Status &status() const { return st; }
  const std::string &message() const { return st.message(); }

  /// The value. Calling these on an error aborts with the message.
  T &value() & { return check(), *val; }
  const T &value() const & { return check(), *val; }
  T &&value() && { return check(), std::move(*val); }
  T &operator*() & { return value(); }
  const T &operator*() const & { return value(); }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }

private:
  void check() const;

  std::optional<T> val;
  Status st;
};

/// Prints the message to stderr and aborts; used by Result::value() on error.
[[noreturn]] void fatalError(const std::string &message);

template <typename T> void Result<T>::check() const {
  if (!val)
    fatalError("nxrt: value() called on an error Result: " + st.message());
}

} // namespace nxrt

#endif // NXRT_STATUS_H
