# The wire servers use libmodbus's server API through v2g_transports (ModbusServer); the
# pkg-config target made in instruments/drivers is directory-scoped, so make one here if needed.
if(NOT TARGET PkgConfig::LIBMODBUS)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(LIBMODBUS REQUIRED IMPORTED_TARGET GLOBAL libmodbus)
endif()
target_link_libraries(v2g_simwire_${family} PUBLIC PkgConfig::LIBMODBUS)
