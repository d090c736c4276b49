#include "v2gbench/drivers/iio/iio_client.hpp"

#include "v2gbench/core/errors.hpp"

#include <iio.h>

#include <cerrno>
#include <cmath>

namespace v2gbench::drivers::iio {

namespace {
std::string errorText(int negativeErrno) {
    char text[256];
    iio_strerror(negativeErrno < 0 ? -negativeErrno : negativeErrno, text, sizeof text);
    return text; // iio_strerror appends the errno number itself
}
std::string orEmpty(const char* s) { return s ? s : ""; }
} // namespace

IioClient::IioClient(std::string uri, std::string instrument, core::ExchangeLog* log, units::Seconds timeout)
    : m_uri(std::move(uri)), m_instrument(std::move(instrument)), m_log(log), m_timeout(timeout) {
    record(core::Direction::ToInstrument, "PRINT (iio_create_context_from_uri " + m_uri + ")");
    errno = 0;
    // libiio 0.24's network backend writes into the URI it is given (it cuts host from port in
    // place), so it gets a scratch copy.
    std::string scratch = m_uri;
    m_context = iio_create_context_from_uri(scratch.data());
    if (!m_context) fail("PRINT", "iio_create_context_from_uri(\"" + m_uri + "\")", errno ? -errno : -EIO);
    const auto devices = iio_context_get_devices_count(m_context);
    record(core::Direction::FromInstrument, "context " + orEmpty(iio_context_get_name(m_context)) + ", " +
                                                std::to_string(devices) + " device(s)");
    const auto ms = static_cast<unsigned>(std::lround(timeout.value * 1000.0));
    record(core::Direction::ToInstrument, "TIMEOUT " + std::to_string(ms));
    const int rc = iio_context_set_timeout(m_context, ms);
    if (rc < 0) {
        iio_context_destroy(m_context);
        m_context = nullptr;
        fail("TIMEOUT " + std::to_string(ms), "iio_context_set_timeout", rc);
    }
    record(core::Direction::FromInstrument, "0");
}

IioClient::~IioClient() {
    if (m_context) iio_context_destroy(m_context);
}

void IioClient::record(core::Direction direction, const std::string& payload) const {
    if (m_log) m_log->record(m_instrument, direction, payload);
}

void IioClient::fail(const std::string& exchange, const std::string& call, int negativeErrno) const {
    const std::string message = call + " on " + m_uri + " failed: " + errorText(negativeErrno);
    record(core::Direction::FromInstrument, "error: " + message);
    throw core::InstrumentError(m_instrument, exchange, message);
}

std::map<std::string, std::string> IioClient::contextAttributes() const {
    std::map<std::string, std::string> attrs;
    const unsigned n = iio_context_get_attrs_count(m_context);
    for (unsigned i = 0; i < n; ++i) {
        const char* name = nullptr;
        const char* value = nullptr;
        if (iio_context_get_attr(m_context, i, &name, &value) == 0 && name) attrs[name] = orEmpty(value);
    }
    return attrs;
}

std::vector<IioDeviceInfo> IioClient::devices() const {
    std::vector<IioDeviceInfo> list;
    const unsigned n = iio_context_get_devices_count(m_context);
    for (unsigned d = 0; d < n; ++d) {
        const iio_device* dev = iio_context_get_device(m_context, d);
        IioDeviceInfo info;
        info.id = orEmpty(iio_device_get_id(dev));
        info.name = orEmpty(iio_device_get_name(dev));
        for (unsigned a = 0; a < iio_device_get_attrs_count(dev); ++a)
            info.attributes.push_back(orEmpty(iio_device_get_attr(dev, a)));
        for (unsigned c = 0; c < iio_device_get_channels_count(dev); ++c) {
            const iio_channel* chn = iio_device_get_channel(dev, c);
            IioChannelInfo ci;
            ci.id = orEmpty(iio_channel_get_id(chn));
            ci.name = orEmpty(iio_channel_get_name(chn));
            ci.output = iio_channel_is_output(chn);
            ci.scanElement = iio_channel_is_scan_element(chn);
            ci.index = iio_channel_get_index(chn);
            if (ci.scanElement) {
                const iio_data_format* f = iio_channel_get_data_format(chn);
                ci.format = std::string(f->is_be ? "be" : "le") + ":" + (f->is_signed ? "S" : "U") +
                            std::to_string(f->bits) + "/" + std::to_string(f->length) + ">>" +
                            std::to_string(f->shift);
            }
            for (unsigned a = 0; a < iio_channel_get_attrs_count(chn); ++a)
                ci.attributes.push_back(orEmpty(iio_channel_get_attr(chn, a)));
            info.channels.push_back(std::move(ci));
        }
        list.push_back(std::move(info));
    }
    return list;
}

iio_device* IioClient::device(const std::string& name) const {
    iio_device* dev = iio_context_find_device(m_context, name.c_str());
    if (!dev)
        throw core::InstrumentError(m_instrument, "PRINT",
                                    "no IIO device '" + name + "' in the context of " + m_uri);
    return dev;
}

iio_channel* IioClient::channel(iio_device* dev, const std::string& name) const {
    iio_channel* chn = iio_device_find_channel(dev, name.c_str(), false);
    if (!chn)
        throw core::InstrumentError(m_instrument, "PRINT",
                                    "no input channel '" + name + "' on IIO device '" +
                                        orEmpty(iio_device_get_id(dev)) + "' of " + m_uri);
    return chn;
}

std::string IioClient::readDeviceAttribute(const std::string& devName, const std::string& attribute) {
    iio_device* dev = device(devName);
    const std::string exchange = "READ " + orEmpty(iio_device_get_id(dev)) + " " + attribute;
    record(core::Direction::ToInstrument, exchange);
    char value[1024];
    const auto n = iio_device_attr_read(dev, attribute.c_str(), value, sizeof value);
    if (n < 0) fail(exchange, "iio_device_attr_read(" + attribute + ")", static_cast<int>(n));
    record(core::Direction::FromInstrument, value);
    return value;
}

void IioClient::writeDeviceAttribute(const std::string& devName, const std::string& attribute,
                                     const std::string& value) {
    iio_device* dev = device(devName);
    const std::string exchange = "WRITE " + orEmpty(iio_device_get_id(dev)) + " " + attribute + " " + value;
    record(core::Direction::ToInstrument, exchange);
    const auto n = iio_device_attr_write(dev, attribute.c_str(), value.c_str());
    if (n < 0) fail(exchange, "iio_device_attr_write(" + attribute + ")", static_cast<int>(n));
    record(core::Direction::FromInstrument, std::to_string(n));
}

std::string IioClient::readChannelAttribute(const std::string& devName, const std::string& channelName,
                                            const std::string& attribute) {
    iio_device* dev = device(devName);
    iio_channel* chn = channel(dev, channelName);
    const std::string exchange = "READ " + orEmpty(iio_device_get_id(dev)) + " INPUT " +
                                 orEmpty(iio_channel_get_id(chn)) + " " + attribute;
    record(core::Direction::ToInstrument, exchange);
    char value[1024];
    const auto n = iio_channel_attr_read(chn, attribute.c_str(), value, sizeof value);
    if (n < 0) fail(exchange, "iio_channel_attr_read(" + attribute + ")", static_cast<int>(n));
    record(core::Direction::FromInstrument, value);
    return value;
}

} // namespace v2gbench::drivers::iio
