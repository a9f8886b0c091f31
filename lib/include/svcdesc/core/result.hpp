#pragma once

#include <string>
#include <utility>
#include <variant>

namespace svcdesc {

// An expected failure: what went wrong and, for input problems, where (1-based; 0 means unknown).
struct Error {
  std::string message;
  int line = 0;
  int column = 0;
};

// A small look-alike of C++23 std::expected<T, Error>, with the same member names so that a later
// switch to the standard type is a `using` away. Accessing value() of an error is a bug and throws.
template <typename T> class Result {
public:
  Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const { return m_state.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(m_state); }
  const T& value() const& { return std::get<0>(m_state); }
  T&& value() && { return std::get<0>(std::move(m_state)); }
  const Error& error() const { return std::get<1>(m_state); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

private:
  std::variant<T, Error> m_state;
};

// Builds the error alternative: `return unexpected("no such file");`.
inline Error unexpected(std::string message, int line = 0, int column = 0) {
  return Error{std::move(message), line, column};
}

} // namespace svcdesc
