#include "v2gbench/protocols/gbt27930/session_fields.hpp"

#include <stdexcept>
#include <string>

namespace v2gbench::protocols::gbt27930 {

FieldValues statusFields(std::string_view message, std::string_view active) {
    const MessageSpec* spec = findMessage(message);
    if (!spec) throw std::invalid_argument("unknown GB/T 27930 message " + std::string(message));
    FieldValues values;
    for (const FieldSpec& field : spec->fields) {
        if (field.kind == FieldKind::Status2) values.set(field.name, active == field.name ? 1.0 : 0.0);
    }
    return values;
}

double fieldValue(const DecodedMessage& message, std::string_view name, double fallback) {
    const DecodedField* field = message.field(name);
    if (!field || !field->available || !field->present) return fallback;
    if (field->spec && (field->spec->kind == FieldKind::Enum || field->spec->kind == FieldKind::Status2))
        return static_cast<double>(field->raw);
    return field->value;
}

bool is(const DecodedMessage& message, std::string_view name) {
    return message.spec && name == message.spec->name;
}

} // namespace v2gbench::protocols::gbt27930
