#include "harness/match/regex_search.h"

#include <pthread.h>

#include <algorithm>
#include <exception>

namespace match {
namespace {

constexpr std::size_t kInlineLimit = 4096;               // bytes searched on the caller's stack
constexpr std::size_t kStackPerByte = 1024;              // generous: measured ~160-320
constexpr std::size_t kBaseStack = 16u << 20;            // 16 MiB
constexpr std::size_t kMaxStack = std::size_t{8} << 30;  // 8 GiB of address space, lazily used

struct Search {
  const std::string* text;
  const std::regex* regex;
  bool found = false;
  std::exception_ptr failure;
};

void* run_search(void* arg) {
  auto* search = static_cast<Search*>(arg);
  try {
    search->found = std::regex_search(*search->text, *search->regex);
  } catch (...) {
    search->failure = std::current_exception();
  }
  return nullptr;
}

}  // namespace

bool regex_search_any_length(const std::string& text, const std::regex& regex) {
  if (text.size() <= kInlineLimit) return std::regex_search(text, regex);
  Search search{&text, &regex, false, nullptr};
  std::size_t stack = std::min(kMaxStack, kBaseStack + text.size() * kStackPerByte);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack);
  pthread_t thread;
  int started = pthread_create(&thread, &attr, run_search, &search);
  pthread_attr_destroy(&attr);
  if (started != 0) return std::regex_search(text, regex);  // no thread: best effort inline
  pthread_join(thread, nullptr);
  if (search.failure) std::rethrow_exception(search.failure);
  return search.found;
}

}  // namespace match
