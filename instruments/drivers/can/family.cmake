# The SocketCAN backend of v2g_transports (socketcan_channel.cpp) calls libsocketcan; the CAN
# drivers are what pull it into a program, so they bring the library to the link.
target_link_libraries(v2g_drivers_${family} PUBLIC PkgConfig::LIBSOCKETCAN)
