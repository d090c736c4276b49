# Install layout (GNUInstallDirs) and the Debian packages (CPack). Included last by the top-level
# CMakeLists.txt; the executables' own install() rules sit beside their targets.
#
#   <prefix>/bin/v2gbench, v2gbench-sim, v2gbench-gui        component cli (gui for the GUI)
#   <prefix>/share/v2gbench/testplans/, benches/, schema/     component cli: the data folder
#   <prefix>/share/doc/v2gbench/                              component cli: README and docs
#
# The executables find share/v2gbench relative to themselves (core/data_dir.hpp), so the tree can
# be installed under any prefix and moved. scripts/package.sh builds the packages:
#   v2gbench_<version>_<arch>.deb      command line, simulated lab on the wire, data
#   v2gbench-gui_<version>_<arch>.deb  the desktop app (Qt 6); depends on v2gbench
install(DIRECTORY ${PROJECT_SOURCE_DIR}/testplans ${PROJECT_SOURCE_DIR}/benches ${PROJECT_SOURCE_DIR}/lab
        DESTINATION ${CMAKE_INSTALL_DATADIR}/v2gbench COMPONENT cli)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT cli)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT cli
        FILES_MATCHING PATTERN "*.md")

set(V2G_PACKAGE_CONTACT "Seed 8eaeb23a maintainers <maintainers@users.noreply.r-seed-8eaeb23a.example>"
    CACHE STRING "Maintainer field of the Debian packages")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME v2gbench)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${V2G_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Hardware-in-the-loop test bench for bidirectional (V2G) EV chargers")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL cli)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION electronics)
# Shared-library dependencies (libmodbus, libiio, libsocketcan, yaml-cpp, OpenSSL, FFTW, Qt 6...)
# from dpkg-shlibdeps, so the Depends line follows what the binaries really link.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_CLI_PACKAGE_NAME v2gbench)
# The PDF report's font is opened through fontconfig at run time; dpkg-shlibdeps cannot see that.
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "fonts-noto-cjk")
set(CPACK_DEBIAN_CLI_DESCRIPTION
    "Hardware-in-the-loop test bench for bidirectional (V2G) EV chargers\n"
    "Runs YAML test plans (GB/T 34657.1, GB/T 34658, grid-side V2G) against a charger through the\n"
    "lab's instruments, or against the built-in simulated lab; writes a run folder with JUnit and\n"
    "HTML reports and the PDF test report (English, Chinese). Includes v2gbench-sim, the simulated lab on the wire.")
if(TARGET v2gbench-gui)
  list(APPEND CPACK_COMPONENTS_ALL gui)
  set(CPACK_DEBIAN_GUI_PACKAGE_NAME v2gbench-gui)
  set(CPACK_DEBIAN_GUI_DESCRIPTION
      "Desktop app of v2gbench (Qt 6)\n"
      "Manual control of the bench's instruments, the plan runner, live plots and the protocol trace.")
  set(CPACK_COMPONENT_GUI_DEPENDS cli)
  set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
  # Qt loads its platform plugin (xcb) at run time; dpkg-shlibdeps cannot see that.
  set(CPACK_DEBIAN_GUI_PACKAGE_DEPENDS "qt6-qpa-plugins")
endif()
include(CPack)
