# The SocketCAN backend of v2g_transports (socketcan_channel.cpp) calls libsocketcan; the CAN
# drivers are what pull it into a program, so they bring the library to the link.
target_link_libraries(v2g_drivers_${family} PUBLIC PkgConfig::LIBSOCKETCAN)
# The monitor decodes what it records (capability bus-decode) with the GB/T 27930 stack.
target_link_libraries(v2g_drivers_${family} PUBLIC v2g_protocol_gbt27930)
