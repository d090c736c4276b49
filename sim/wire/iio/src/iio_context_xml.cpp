#include "v2gbench/simwire/iio/iio_context_xml.hpp"

#include "v2gbench/simwire/iio/adc_waveform.hpp"

#include <cstdint>
#include <cstdio>

namespace v2gbench::simwire::iio {

namespace {

// Header and DTD exactly as libiio 0.24 (context.c: xml_header) emits them.
const char* const kXmlHeader =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<!DOCTYPE context ["
    "<!ELEMENT context (device | context-attribute)*>"
    "<!ELEMENT context-attribute EMPTY>"
    "<!ELEMENT device (channel | attribute | debug-attribute | buffer-attribute)*>"
    "<!ELEMENT channel (scan-element?, attribute*)>"
    "<!ELEMENT attribute EMPTY>"
    "<!ELEMENT scan-element EMPTY>"
    "<!ELEMENT debug-attribute EMPTY>"
    "<!ELEMENT buffer-attribute EMPTY>"
    "<!ATTLIST context name CDATA #REQUIRED version-major CDATA #REQUIRED "
    "version-minor CDATA #REQUIRED version-git CDATA #REQUIRED description CDATA #IMPLIED>"
    "<!ATTLIST context-attribute name CDATA #REQUIRED value CDATA #REQUIRED>"
    "<!ATTLIST device id CDATA #REQUIRED name CDATA #IMPLIED label CDATA #IMPLIED>"
    "<!ATTLIST channel id CDATA #REQUIRED type (input|output) #REQUIRED name CDATA #IMPLIED>"
    "<!ATTLIST scan-element index CDATA #REQUIRED format CDATA #REQUIRED scale CDATA #IMPLIED>"
    "<!ATTLIST attribute name CDATA #REQUIRED filename CDATA #IMPLIED>"
    "<!ATTLIST debug-attribute name CDATA #REQUIRED>"
    "<!ATTLIST buffer-attribute name CDATA #REQUIRED>"
    "]>";

std::string attr(const char* name, const std::string& value) { return std::string(" ") + name + "=\"" + value + "\""; }

} // namespace

AdcDescription AdcDescription::powerFrontEnd() {
    AdcDescription d;
    // Full scale (+-32767 LSB): +-491 V AC, +-327 A AC/DC, +-983 V DC: 1.15 x 276 V peak, 1.3 x a
    // 120 kW charger's line current, 1.3 x 750 V. Round scales keep the decimal text exact.
    struct Row {
        const char* name;
        double scale;
        std::size_t signal;
    };
    const Row rows[] = {{"v_a", 15.0, VA},  {"v_b", 15.0, VB},  {"v_c", 15.0, VC},   {"i_a", 10.0, IA},
                        {"i_b", 10.0, IB},  {"i_c", 10.0, IC},  {"v_dc", 30.0, VDC}, {"i_dc", 10.0, IDC}};
    int index = 0;
    for (const auto& r : rows) {
        AdcChannel c;
        c.id = "voltage" + std::to_string(index);
        c.name = r.name;
        c.index = index++;
        c.scale = r.scale;
        c.signal = r.signal;
        d.channels.push_back(c);
    }
    AdcChannel ts;
    ts.id = "timestamp";
    ts.index = index;
    ts.storageBits = 64;
    ts.timestamp = true;
    d.channels.push_back(ts);
    return d;
}

std::string contextXml(const AdcDescription& adc) { return contextXml(std::vector<const AdcDescription*>{&adc}); }

std::string contextXml(const std::vector<const AdcDescription*>& devices) {
    const AdcDescription& adc = *devices.at(0);
    std::string x = kXmlHeader;
    x += "<context name=\"local\" version-major=\"0\" version-minor=\"24\" version-git=\"c4498c2\" "
         "description=\"v2gbench simulated lab: power front-end\" >";
    auto ctxAttr = [&](const char* name, const std::string& value) {
        x += "<context-attribute" + attr("name", name) + attr("value", value) + " />";
    };
    ctxAttr("hw_vendor", adc.vendor);
    ctxAttr("hw_model", adc.model);
    ctxAttr("hw_serial", adc.serial);
    ctxAttr("fw_version", adc.firmware);
    char num[64];
    for (const AdcDescription* device : devices) {
    x += "<device" + attr("id", device->deviceId) + attr("name", device->deviceName) + " >";
    for (const auto& c : device->channels) {
        x += "<channel" + attr("id", c.id);
        if (!c.name.empty()) x += attr("name", c.name);
        x += " type=\"input\" >";
        std::snprintf(num, sizeof num, "le:S%d/%d&gt;&gt;0", c.storageBits, c.storageBits);
        x += "<scan-element" + attr("index", std::to_string(c.index)) + attr("format", num) + " />";
        if (!c.timestamp) {
            const std::string base = "in_" + c.id + "_" + c.name + "_";
            for (const char* a : {"raw", "scale", "offset"})
                x += "<attribute" + attr("name", a) + attr("filename", base + a) + " />";
        }
        x += "</channel>";
    }
    for (const auto& a : device->attributes)
        x += "<attribute" + attr("name", a) + attr("filename", a) + " />";
    x += "</device>";
    }
    x += "</context>";
    return x;
}

std::size_t sampleSize(const AdcDescription& adc, const std::vector<std::uint32_t>& mask) {
    std::size_t size = 0;
    for (std::size_t i = 0; i < adc.channels.size(); ++i) {
        if (i / 32 >= mask.size() || !(mask[i / 32] & (1u << (i % 32)))) continue;
        const std::size_t length = static_cast<std::size_t>(adc.channels[i].storageBits) / 8;
        if (size % length) size += 2 * length - (size % length);
        else size += length;
    }
    return size;
}

} // namespace v2gbench::simwire::iio
