// v2gbench-plan-schema OUTPUT: writes the plan JSON Schema of the built-in vocabulary
// (bench::planSchema) to OUTPUT. The build runs it (bench/CMakeLists.txt); nobody edits the schema.
#include "v2gbench/bench/plan_schema.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: v2gbench-plan-schema OUTPUT\n";
        return 2;
    }
    const std::string text = v2gbench::bench::planSchema(v2gbench::bench::RoleCatalog::builtin()).dump(2) + "\n";
    // Written next to the target and renamed, so a failed run never leaves half a schema behind.
    const std::string temporary = std::string(argv[1]) + ".tmp";
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out || std::rename(temporary.c_str(), argv[1]) != 0) {
        std::cerr << "v2gbench-plan-schema: cannot write " << argv[1] << "\n";
        std::remove(temporary.c_str());
        return 1;
    }
    return 0;
}
