# libiio (the network client of the iiod protocol) and FFTW3 (harmonic analysis per cycle).
target_link_libraries(v2g_drivers_${family} PUBLIC PkgConfig::LIBIIO PkgConfig::FFTW3)
