# libiio (the network client of the iiod protocol) and FFTW3 (harmonic analysis per cycle): used
# only inside src/ (iio_client.cpp, iio_stream.cpp, cycle_analyzer.cpp), so PRIVATE.
target_link_libraries(v2g_drivers_${family} PRIVATE PkgConfig::LIBIIO PkgConfig::FFTW3)
