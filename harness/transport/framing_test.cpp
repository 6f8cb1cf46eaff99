#include "harness/transport/framing.h"

#include <gtest/gtest.h>

#include <vector>

namespace transport {
namespace {

// Drains every complete body; fails the test on a decode error.
std::vector<std::string> drain(FrameDecoder& decoder) {
  std::vector<std::string> bodies;
  while (true) {
    auto next = decoder.next();
    EXPECT_TRUE(next.ok()) << (next.ok() ? "" : next.error().message);
    if (!next.ok() || !next->has_value()) return bodies;
    bodies.push_back(**next);
  }
}

// The decode error produced by feeding `bytes` at once.
std::string decode_error(std::string_view bytes) {
  FrameDecoder decoder;
  decoder.feed(bytes);
  auto next = decoder.next();
  if (next.ok()) return "no error";
  EXPECT_EQ(next.error().kind, util::ErrorKind::Transport);
  return next.error().message;
}

TEST(FrameDecoder, DecodesOneFrame) {
  FrameDecoder decoder;
  decoder.feed("Content-Length: 7\r\n\r\n{\"a\":1}");
  EXPECT_EQ(drain(decoder), std::vector<std::string>{"{\"a\":1}"});
  EXPECT_TRUE(decoder.finish().ok());
}

TEST(FrameDecoder, NeedsMoreBytesBeforeAFrameIsComplete) {
  FrameDecoder decoder;
  decoder.feed("Content-Length: 7\r\n\r\n{\"a\"");
  auto next = decoder.next();
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(next->has_value());
}

TEST(FrameDecoder, SurvivesASplitAtEveryByteOffset) {
  std::string stream = encode_frame("{\"seq\":1}") + encode_frame("") + encode_frame("[2]");
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    FrameDecoder decoder;
    decoder.feed(std::string_view(stream).substr(0, cut));
    std::vector<std::string> bodies = drain(decoder);
    decoder.feed(std::string_view(stream).substr(cut));
    for (auto& body : drain(decoder)) bodies.push_back(body);
    EXPECT_EQ(bodies, (std::vector<std::string>{"{\"seq\":1}", "", "[2]"})) << "cut at " << cut;
    EXPECT_TRUE(decoder.finish().ok()) << "cut at " << cut;
  }
}

TEST(FrameDecoder, SurvivesOneByteFeeds) {
  std::string stream = encode_frame("hello") + encode_frame("world");
  FrameDecoder decoder;
  std::vector<std::string> bodies;
  for (char c : stream) {
    decoder.feed(std::string_view(&c, 1));
    for (auto& body : drain(decoder)) bodies.push_back(body);
  }
  EXPECT_EQ(bodies, (std::vector<std::string>{"hello", "world"}));
}

TEST(FrameDecoder, DecodesSeveralFramesFromOneFeed) {
  FrameDecoder decoder;
  decoder.feed(encode_frame("one") + encode_frame("two") + encode_frame("three"));
  EXPECT_EQ(drain(decoder), (std::vector<std::string>{"one", "two", "three"}));
}

TEST(FrameDecoder, IgnoresOtherHeadersAndHeaderNameCase) {
  FrameDecoder decoder;
  decoder.feed(
      "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-LENGTH:  3 \r\n\r\nabc"
      "CONTENT-LENGTH: 2\r\nX-Other: y\r\n\r\nde");
  EXPECT_EQ(drain(decoder), (std::vector<std::string>{"abc", "de"}));
}

TEST(FrameDecoder, CountsBodyLengthInBytesNotCharacters) {
  std::string body = "{\"v\":\"h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x90\xB9\"}";  // é € 🐹
  std::string frame = encode_frame(body);
  EXPECT_EQ(frame.substr(0, 22), "Content-Length: 23\r\n\r\n");  // 17 characters
  FrameDecoder decoder;
  decoder.feed(frame + encode_frame("x"));
  EXPECT_EQ(drain(decoder), (std::vector<std::string>{body, "x"}));
}

TEST(FrameDecoder, RejectsMissingContentLength) {
  EXPECT_EQ(decode_error("Content-Type: text\r\n\r\n{}"),
            "frame header without Content-Length: \"Content-Type: text\"");
}

TEST(FrameDecoder, RejectsGarbageContentLength) {
  EXPECT_EQ(decode_error("Content-Length: 12a\r\n\r\n{}"),
            "invalid Content-Length \"12a\" in a frame header");
  EXPECT_EQ(decode_error("Content-Length:\r\n\r\n{}"),
            "invalid Content-Length \"\" in a frame header");
}

TEST(FrameDecoder, RejectsNegativeContentLength) {
  EXPECT_EQ(decode_error("Content-Length: -5\r\n\r\n{}"),
            "negative Content-Length \"-5\" in a frame header");
}

TEST(FrameDecoder, RejectsHugeContentLength) {
  EXPECT_EQ(decode_error("Content-Length: 67108865\r\n\r\n"),
            "Content-Length 67108865 exceeds the limit of 67108864 bytes");
  EXPECT_EQ(decode_error("Content-Length: 99999999999999999999999\r\n\r\n"),
            "Content-Length 99999999999999999999999 exceeds the limit of 67108864 bytes");
}

TEST(FrameDecoder, AcceptsContentLengthAtTheLimit) {
  FrameDecoder decoder;
  decoder.feed("Content-Length: 67108864\r\n\r\n");
  auto next = decoder.next();
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_FALSE(next->has_value());
}

TEST(FrameDecoder, RejectsAHeaderLineWithoutColon) {
  EXPECT_EQ(decode_error("hello world\r\nContent-Length: 2\r\n\r\n{}"),
            "frame header line without a colon: \"hello world\"");
}

TEST(FrameDecoder, RejectsConflictingContentLengths) {
  EXPECT_EQ(decode_error("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"),
            "conflicting Content-Length headers in a frame header");
}

TEST(FrameDecoder, RejectsAnEndlessHeader) {
  EXPECT_EQ(decode_error("X: " + std::string(9000, 'a')),
            "frame header longer than 8192 bytes without a blank line; it starts with \"X: " +
                std::string(57, 'a') + "\"");
}

TEST(FrameDecoder, RejectsAnOversizedHeaderBlock) {
  EXPECT_EQ(decode_error("X: " + std::string(8200, 'a') + "\r\nContent-Length: 0\r\n\r\n"),
            "frame header of 8226 bytes exceeds the limit of 8192");
}

TEST(FrameDecoder, StaysBrokenAfterAnError) {
  FrameDecoder decoder;
  decoder.feed("Content-Length: x\r\n\r\n");
  ASSERT_FALSE(decoder.next().ok());
  decoder.feed(encode_frame("{}"));
  auto again = decoder.next();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, "invalid Content-Length \"x\" in a frame header");
  ASSERT_FALSE(decoder.finish().ok());
}

TEST(FrameDecoder, FinishReportsEofInTheMiddleOfABody) {
  FrameDecoder decoder;
  decoder.feed("Content-Length: 10\r\n\r\nabcd");
  auto next = decoder.next();
  ASSERT_TRUE(next.ok());
  auto finished = decoder.finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.error().kind, util::ErrorKind::Transport);
  EXPECT_EQ(finished.error().message,
            "connection closed in the middle of a frame (4 of 10 body bytes)");
}

TEST(FrameDecoder, FinishReportsEofInTheMiddleOfAHeader) {
  FrameDecoder decoder;
  decoder.feed("Content-Len");
  ASSERT_TRUE(decoder.next().ok());
  auto finished = decoder.finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.error().message,
            "connection closed in the middle of a header (11 bytes: \"Content-Len\")");
}

TEST(FrameDecoder, FinishReportsUndecodedCompleteHeader) {
  FrameDecoder decoder;
  decoder.feed("Content-Length: 3\r\n\r\n");  // next() never called: the header is still raw
  auto finished = decoder.finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.error().message,
            "connection closed in the middle of a header (21 bytes: "
            "\"Content-Length: 3\\r\\n\\r\\n\")");
}

TEST(EncodeFrame, PrefixesTheByteLength) {
  EXPECT_EQ(encode_frame("{}"), "Content-Length: 2\r\n\r\n{}");
  EXPECT_EQ(encode_frame(""), "Content-Length: 0\r\n\r\n");
  EXPECT_EQ(encode_frame("\xC3\xA9"), "Content-Length: 2\r\n\r\n\xC3\xA9");
}

}  // namespace
}  // namespace transport
