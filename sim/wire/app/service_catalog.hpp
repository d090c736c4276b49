#pragma once
// Every service v2gbench-sim can serve, with its default port: the one list that names the
// protocol families' server factories.
#include "v2gbench/simwire/wire_service.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace v2gbench::simapp {

struct ServiceEntry {
    std::string name;
    int defaultPort;
    std::function<std::unique_ptr<simwire::WireService>(simwire::WireContext&)> make;
};

std::vector<ServiceEntry> serviceCatalog();

} // namespace v2gbench::simapp
