# Build-wide options for sanitizer and fuzzing builds (see CMakePresets.json, docs/fuzzing.md).
#
#   V2G_SANITIZE       ""                  (default) no sanitizer
#                      "address;undefined" ASan + UBSan; every UBSan report is fatal
#                      "thread"            TSan
#   V2G_BUILD_FUZZERS  libFuzzer executables in fuzz/ (clang only); instruments every target for
#                      coverage (-fsanitize=fuzzer-no-link) and implies address;undefined unless
#                      V2G_SANITIZE says otherwise.
#
# The flags are applied to every target (add_compile_options / add_link_options), so this file
# must be included before the first add_subdirectory().
set(V2G_SANITIZE "" CACHE STRING "Sanitizers for the whole build: empty, 'address;undefined' or 'thread'")
option(V2G_BUILD_FUZZERS "Build the libFuzzer harnesses in fuzz/ (clang only)" OFF)

if(V2G_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "V2G_BUILD_FUZZERS needs clang (libFuzzer); configure with -DCMAKE_CXX_COMPILER=clang++ "
                        "or use the 'fuzz' preset")
  endif()
  if(NOT V2G_SANITIZE)
    set(V2G_SANITIZE address undefined)
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(V2G_SANITIZE)
  list(JOIN V2G_SANITIZE "," v2g_sanitize_list)
  if("thread" IN_LIST V2G_SANITIZE AND "address" IN_LIST V2G_SANITIZE)
    message(FATAL_ERROR "V2G_SANITIZE: thread and address cannot be combined")
  endif()
  set(v2g_sanitize_flags -fsanitize=${v2g_sanitize_list} -fno-omit-frame-pointer)
  if("undefined" IN_LIST V2G_SANITIZE)
    # A UBSan report aborts the test instead of printing and carrying on.
    list(APPEND v2g_sanitize_flags -fno-sanitize-recover=undefined)
  endif()
  add_compile_options(${v2g_sanitize_flags})
  add_link_options(${v2g_sanitize_flags})
  message(STATUS "v2gbench: sanitizers ${v2g_sanitize_list}")
endif()

# V2G_BUILD_GUI=OFF skips the Qt app (sanitizer and fuzz builds do not need it). tests/ still makes
# its test_gui_* executables; without the GUI library they cannot link, so they are left out of
# `all` (their CTest tests carry the label gui, which those builds do not run).
function(v2g_exclude_gui_tests)
  file(GLOB groups LIST_DIRECTORIES true ${PROJECT_SOURCE_DIR}/tests/gui/*)
  foreach(dir IN LISTS groups)
    get_filename_component(group ${dir} NAME)
    if(TARGET test_gui_${group})
      set_target_properties(test_gui_${group} PROPERTIES EXCLUDE_FROM_ALL ON)
    endif()
  endforeach()
endfunction()

# v2g_asan_gcc_false_positives(<source files…>): GCC 12 with -fsanitize=address reports
# -Wmaybe-uninitialized inside std::variant / boost::optional copies that are initialised
# (instrumentation hides the initialisation from the flow analysis; GCC bugs 105562, 107919).
# With warnings as errors that stops the ASan build, so the warning is turned off for the named
# files only, in ASan builds with GCC only. Call it in the directory that adds their target.
function(v2g_asan_gcc_false_positives)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND "address" IN_LIST V2G_SANITIZE)
    set_source_files_properties(${ARGN} PROPERTIES COMPILE_OPTIONS -Wno-maybe-uninitialized)
  endif()
endfunction()
