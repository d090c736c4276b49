#include "service_catalog.hpp"

namespace v2gbench::simapp {

std::vector<ServiceEntry> serviceCatalog() {
    std::vector<ServiceEntry> entries;
    return entries;
}

} // namespace v2gbench::simapp
