// Frames per second through the CAN hub with our socketcand client: one client sends, another
// receives, on loopback. Prints figures; not a timed test.
#include "v2gbench/simwire/can/can_hub.hpp"
#include "v2gbench/transports/socketcand_channel.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace v2gbench;
using namespace v2gbench::transports;

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::atoi(argv[1]) : 100000;
    simwire::WireContext context{nullptr, std::make_shared<simwire::FaultInjector>(), {}};
    simwire::can::CanHub hub(context);
    const int port = hub.start(0);
    SocketcandEndpoint endpoint{"127.0.0.1", port, "can0", units::Seconds(5)};
    SocketcandChannel sender(endpoint), receiver(endpoint);
    sender.open();
    receiver.open();
    const auto frame = CanFrame::make(0x1812F456, true, {0x10, 0x0F, 0xA0, 0x0F, 0x00, 0x00, 0x00, 0x00});
    const auto start = std::chrono::steady_clock::now();
    std::thread tx([&] {
        for (int i = 0; i < frames; ++i)
            sender.send(frame);
    });
    int received = 0;
    while (received < frames && receiver.receive(units::Seconds(5)))
        ++received;
    tx.join();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("can-hub: %d of %d frames through the hub in %.3f s: %.0f frames/s\n", received, frames, s,
                received / s);
    hub.stop();
    return received == frames ? 0 : 1;
}
