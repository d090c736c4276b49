#pragma once
// A libiio context (network backend, "ip:host[:port]") with the bench's error and evidence rules:
// every failing call throws core::InstrumentError naming the instrument, the URI, the libiio call
// and the iiod exchange it stands for; every command-level exchange we can observe (libiio hides
// the socket) is recorded to the exchange log in iiod terms ("READ iio:device0 INPUT voltage0
// scale" -> "15.000000"). Not thread-safe: one owner (streams run on their own connection).
#include "v2gbench/core/exchange_log.hpp"
#include "v2gbench/core/units.hpp"

#include <map>
#include <string>
#include <vector>

struct iio_context;
struct iio_device;
struct iio_channel;

namespace v2gbench::drivers::iio {

struct IioChannelInfo {
    std::string id;    // "voltage0"
    std::string name;  // "v_a"; may be empty
    bool output = false;
    bool scanElement = false;
    long index = -1;   // scan index
    std::string format; // "le:S16/16>>0" for scan elements
    std::vector<std::string> attributes;
};

struct IioDeviceInfo {
    std::string id;   // "iio:device0"
    std::string name; // "ad7606-8"
    std::vector<IioChannelInfo> channels;
    std::vector<std::string> attributes;
};

class IioClient {
public:
    // Creates the context (iio_create_context_from_uri) and sets the client's timeout on every
    // later operation. Throws core::InstrumentError.
    IioClient(std::string uri, std::string instrument, core::ExchangeLog* log, units::Seconds timeout);
    ~IioClient();
    IioClient(const IioClient&) = delete;
    IioClient& operator=(const IioClient&) = delete;

    const std::string& uri() const { return m_uri; }
    const std::string& instrument() const { return m_instrument; }
    units::Seconds timeout() const { return m_timeout; }

    // Discovery (from the XML the context was built from; no traffic).
    std::map<std::string, std::string> contextAttributes() const;
    std::vector<IioDeviceInfo> devices() const;

    // Attribute access by device id/name and channel id/name. Throw core::InstrumentError.
    std::string readDeviceAttribute(const std::string& device, const std::string& attribute);
    void writeDeviceAttribute(const std::string& device, const std::string& attribute, const std::string& value);
    std::string readChannelAttribute(const std::string& device, const std::string& channel, const std::string& attribute);

    // For IioStream.
    iio_device* device(const std::string& device) const;
    iio_channel* channel(iio_device* dev, const std::string& channel) const;
    void record(core::Direction direction, const std::string& payload) const;
    // Throws core::InstrumentError: "<call> on <uri> failed: <reason>" for exchange `exchange`.
    [[noreturn]] void fail(const std::string& exchange, const std::string& call, int negativeErrno) const;

private:
    std::string m_uri;
    std::string m_instrument;
    core::ExchangeLog* m_log;
    units::Seconds m_timeout;
    iio_context* m_context = nullptr;
};

} // namespace v2gbench::drivers::iio
