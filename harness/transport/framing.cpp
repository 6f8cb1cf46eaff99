#include "harness/transport/framing.h"

#include <algorithm>
#include <cctype>

#include "harness/util/strings.h"

namespace transport {

namespace {

constexpr std::string_view kHeaderEnd = "\r\n\r\n";

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Parses a Content-Length value: decimal digits only, at most kMaxFrameBodyBytes.
util::Expected<std::size_t> parse_length(std::string_view text) {
  std::string_view value = util::trim(text);
  if (!value.empty() && value[0] == '-')
    return util::fail(util::ErrorKind::Transport,
                      "negative Content-Length " + util::quote(value) + " in a frame header");
  if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      }))
    return util::fail(util::ErrorKind::Transport,
                      "invalid Content-Length " + util::quote(value) + " in a frame header");
  std::size_t length = 0;
  for (char c : value) {
    length = length * 10 + static_cast<std::size_t>(c - '0');
    if (length > kMaxFrameBodyBytes)
      return util::fail(util::ErrorKind::Transport,
                        "Content-Length " + std::string(value) + " exceeds the limit of " +
                            std::to_string(kMaxFrameBodyBytes) + " bytes");
  }
  return length;
}

}  // namespace

void FrameDecoder::feed(std::string_view bytes) {
  if (!error_) buffer_.append(bytes);
}

util::Unexpected FrameDecoder::broken(std::string message) {
  error_ = util::make_error(util::ErrorKind::Transport, std::move(message));
  buffer_.clear();
  return util::fail(*error_);
}

util::Expected<void> FrameDecoder::parse_header(std::string_view header) {
  std::optional<std::size_t> length;
  for (const std::string& line : util::split(header, '\n')) {
    std::string_view text = line;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    auto colon = text.find(':');
    if (colon == std::string_view::npos)
      return util::fail(util::ErrorKind::Transport,
                        "frame header line without a colon: " + util::quote(text));
    if (!equals_ignoring_case(util::trim(text.substr(0, colon)), "Content-Length")) continue;
    auto parsed = parse_length(text.substr(colon + 1));
    if (!parsed) return util::fail(parsed.error());
    if (length && *length != *parsed)
      return util::fail(util::ErrorKind::Transport,
                        "conflicting Content-Length headers in a frame header");
    length = *parsed;
  }
  if (!length)
    return util::fail(util::ErrorKind::Transport,
                      "frame header without Content-Length: " + util::quote(header));
  body_length_ = length;
  return {};
}

util::Expected<std::optional<std::string>> FrameDecoder::next() {
  if (error_) return util::fail(*error_);
  if (!body_length_) {
    auto end = buffer_.find(kHeaderEnd, header_scan_from_);
    if (end == std::string::npos) {
      if (buffer_.size() > kMaxFrameHeaderBytes)
        return broken("frame header longer than " + std::to_string(kMaxFrameHeaderBytes) +
                      " bytes without a blank line; it starts with " +
                      util::quote(std::string_view(buffer_).substr(0, 60)));
      header_scan_from_ = buffer_.size() < kHeaderEnd.size() ? 0 : buffer_.size() - 3;
      return std::optional<std::string>();
    }
    std::size_t header_bytes = end + kHeaderEnd.size();
    if (header_bytes > kMaxFrameHeaderBytes)
      return broken("frame header of " + std::to_string(header_bytes) +
                    " bytes exceeds the limit of " + std::to_string(kMaxFrameHeaderBytes));
    auto parsed = parse_header(std::string_view(buffer_).substr(0, end));
    if (!parsed) return broken(parsed.error().message);
    buffer_.erase(0, header_bytes);
    header_scan_from_ = 0;
  }
  if (buffer_.size() < *body_length_) return std::optional<std::string>();
  std::string body = buffer_.substr(0, *body_length_);
  buffer_.erase(0, *body_length_);
  body_length_.reset();
  return std::optional<std::string>(std::move(body));
}

util::Expected<void> FrameDecoder::finish() const {
  if (error_) return util::fail(*error_);
  if (body_length_)
    return util::fail(util::ErrorKind::Transport, "connection closed in the middle of a frame (" +
                                                      std::to_string(buffer_.size()) + " of " +
                                                      std::to_string(*body_length_) +
                                                      " body bytes)");
  if (!buffer_.empty())
    return util::fail(util::ErrorKind::Transport,
                      "connection closed in the middle of a header (" +
                          std::to_string(buffer_.size()) +
                          " bytes: " + util::quote(std::string_view(buffer_).substr(0, 60)) + ")");
  return {};
}

std::string encode_frame(std::string_view body) {
  std::string frame = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  frame.append(body);
  return frame;
}

}  // namespace transport
