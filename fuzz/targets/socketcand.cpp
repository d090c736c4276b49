// The socketcand ASCII protocol (transports/socketcand_protocol): the stream splitter fed in
// chunks whose sizes the input's first byte picks, every message through the send/frame parsers,
// and each frame parsed through the formatter and back. SocketcandSyntaxError is the expected
// answer to garbage (the splitter drops the offending bytes and goes on).
#include "fuzz_util.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

#include "v2gbench/transports/socketcand_protocol.hpp"

#include <stdexcept>

namespace v2gbench::fuzz {

namespace {

using namespace transports;

void roundTrip(const CanFrame& f) {
    validate(f); // a parsed frame must be a valid classic CAN frame
    if (f.remote || f.error) return;
    const std::string send = formatSendCommand(f);
    require(send.size() >= 4 && send.front() == '<' && send.back() == '>', "formatSendCommand: not one message");
    const CanFrame back = parseSendMessage(parseSocketcandChunk(std::string_view(send).substr(0, send.size() - 1)));
    require(back.sameContent(f), "formatSendCommand/parseSendMessage round trip: " + send);
    const std::string frame = formatFrameMessage(f);
    const CanFrame back2 = parseFrameMessage(parseSocketcandChunk(std::string_view(frame).substr(0, frame.size() - 1)));
    require(back2.sameContent(f), "formatFrameMessage/parseFrameMessage round trip: " + frame);
}

void onMessage(const SocketcandMessage& m) {
    try {
        if (m.command == "send") roundTrip(parseSendMessage(m));
        else if (m.command == "frame") roundTrip(parseFrameMessage(m));
    } catch (const SocketcandSyntaxError&) {
    }
}

} // namespace

int fuzzSocketcand(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::size_t chunk = 1 + data[0] % 64;
    const std::string_view text = asText(data + 1, size - 1);
    SocketcandStreamParser parser(256);
    std::size_t messages = 0, errors = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += chunk) {
        parser.feed(text.substr(pos, chunk));
        // Each call either returns a message, needs more bytes, or drops bytes: it must end.
        for (std::size_t calls = 0;; ++calls) {
            require(calls <= text.size() + 2, "SocketcandStreamParser: next() does not make progress");
            try {
                auto m = parser.next();
                if (!m) break;
                ++messages;
                onMessage(*m);
            } catch (const SocketcandSyntaxError&) {
                ++errors;
            }
        }
        require(parser.pending() <= 256 + chunk, "SocketcandStreamParser: buffer beyond its bound");
    }
    // The same bytes as one chunk, and straight through the one-message parsers.
    try {
        (void)parseSocketcandMessage(text);
    } catch (const SocketcandSyntaxError&) {
    }
    for (std::string_view piece : splitLines(text)) {
        try {
            onMessage(parseSocketcandChunk(piece));
        } catch (const SocketcandSyntaxError&) {
        }
    }
    (void)messages;
    (void)errors;
    return 0;
}

} // namespace v2gbench::fuzz
