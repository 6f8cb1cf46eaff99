#pragma once
#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "harness/util/error.h"

namespace util {

// Wraps an Error so that it converts implicitly into any Expected<T>.
struct Unexpected {
  Error error;
};
inline Unexpected fail(ErrorKind kind, std::string message,
                       std::optional<SourceLoc> where = std::nullopt) {
  return Unexpected{Error{kind, std::move(message), std::move(where)}};
}
inline Unexpected fail(Error error) {
  return Unexpected{std::move(error)};
}

// Either a value or an Error (a small stand-in for C++23 std::expected).
// Accessing value() of an error, or error() of a value, is a programming bug (asserted).
template <class T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Expected(Unexpected u) : state_(std::in_place_index<1>, std::move(u.error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// Success-or-error without a value.
template <>
class [[nodiscard]] Expected<void> {
 public:
  Expected() = default;
  Expected(Unexpected u) : error_(std::move(u.error)) {}

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

}  // namespace util
