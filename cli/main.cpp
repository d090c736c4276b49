// v2gbench: the headless command line (see cli/include/v2gbench/app/cli.hpp).
#include "v2gbench/app/cli.hpp"
#include "v2gbench/app/signal_guard.hpp"

#include <clocale>
#include <iostream>

int main(int argc, char** argv) {
    std::setlocale(LC_ALL, "C");
    std::vector<std::string> args(argv + 1, argv + argc);
    v2gbench::bench::AbortFlag abort;
    v2gbench::app::SignalGuard guard(abort);
    return v2gbench::app::runCli(args, std::cout, std::cerr, abort);
}
