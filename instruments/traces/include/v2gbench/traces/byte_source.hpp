#pragma once
// Where trace bytes come from: a user-named file (through core's regular-file reader: refuses
// FIFOs, devices and directories, polls the stop check) or memory (tests, fuzzing, the GUI's
// followed text). Readers pull chunks; nothing here holds more than the caller's buffer.
#include "v2gbench/core/text_file.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace v2gbench::traces {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Up to `size` bytes; 0 only at the end. Throws core::FileReadError / core::ReadStopped.
    virtual std::size_t read(char* into, std::size_t size) = 0;
    // The name messages start with (the path).
    virtual const std::string& name() const = 0;
};

// A regular file, any size (frames are streamed, so no cap is needed for memory's sake).
std::unique_ptr<ByteSource> openFileSource(const std::string& path, const core::StopCheck& stop = {});
// Bytes the caller keeps alive for the source's lifetime.
std::unique_ptr<ByteSource> memorySource(std::string_view bytes, std::string name);

} // namespace v2gbench::traces
