#include "v2gbench/core/session_context.hpp"

#include <cstdlib>
#include <memory>
#if __has_include(<cxxabi.h>)
#include <cxxabi.h>
#endif

namespace v2gbench::core {

namespace {

// "v2gbench::sim::SimLab" rather than "N8v2gbench3sim6SimLabE" where the ABI can demangle.
std::string readableTypeName(const char* mangled) {
#if __has_include(<cxxabi.h>)
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> demangled(abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
    if (status == 0 && demangled) return demangled.get();
#endif
    return mangled;
}

} // namespace

std::string SessionContext::resourceTypeMismatch(const std::string& key, std::type_index stored,
                                                 const std::type_info& asked) {
    return "session resource '" + key + "' holds a " + readableTypeName(stored.name()) + ", asked for as a " +
           readableTypeName(asked.name());
}

} // namespace v2gbench::core
