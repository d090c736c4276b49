# v2g_add_boost_tests(TARGET <exe> LABEL <label> SOURCES <files...> [LIBS <libs...>] [ENV <k=v...>])
# Builds one Boost.Test executable and registers every BOOST_AUTO_TEST_SUITE(name) found in its
# sources as its own CTest test ("<label>.<suite>", run with --run_test=<suite>), labelled.
find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)

function(v2g_add_boost_tests)
  cmake_parse_arguments(ARG "" "TARGET;LABEL;TIMEOUT" "SOURCES;LIBS;ENV" ${ARGN})
  add_executable(${ARG_TARGET} ${ARG_SOURCES})
  target_link_libraries(${ARG_TARGET} PRIVATE Boost::unit_test_framework ${ARG_LIBS})
  target_compile_definitions(${ARG_TARGET} PRIVATE BOOST_TEST_DYN_LINK
                             V2G_SOURCE_DIR="${PROJECT_SOURCE_DIR}" V2G_BINARY_DIR="${PROJECT_BINARY_DIR}")
  v2g_warnings(${ARG_TARGET})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set(found "")
  foreach(src IN LISTS ARG_SOURCES)
    file(READ ${src} content)
    string(REGEX MATCHALL "BOOST_(AUTO|FIXTURE)_TEST_SUITE\\(([A-Za-z0-9_]+)" suites "${content}")
    foreach(match IN LISTS suites)
      string(REGEX REPLACE ".*\\(([A-Za-z0-9_]+)$" "\\1" suite "${match}")
      if(NOT suite IN_LIST found)
        list(APPEND found ${suite})
        add_test(NAME ${ARG_LABEL}.${suite}
                 COMMAND ${ARG_TARGET} --run_test=${suite} --log_level=message --report_level=short)
        set_tests_properties(${ARG_LABEL}.${suite} PROPERTIES LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT}
                             ENVIRONMENT "LC_ALL=C;${ARG_ENV}")
      endif()
    endforeach()
  endforeach()
  if(NOT found)
    # A test executable whose suites cannot be found would silently run nothing in CI.
    message(WARNING "${ARG_TARGET}: no BOOST_AUTO_TEST_SUITE found in its sources; no test registered")
  endif()
endfunction()
