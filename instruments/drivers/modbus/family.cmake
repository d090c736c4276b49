target_link_libraries(v2g_drivers_${family} PUBLIC PkgConfig::LIBMODBUS)
