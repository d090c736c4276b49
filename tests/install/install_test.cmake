# cmake -DBUILD_DIR=<build tree> -DWORK=<scratch folder outside it> [-DWITH_GUI=ON] -P install_test.cmake
#
# The installed tool as a user meets it, with no source tree to lean on: `cmake --install` into a
# scratch prefix, the prefix moved elsewhere (relocatable), then from an unrelated folder and
# without V2G_DATA_DIR `v2gbench run gbt34657-cc1-break` passes and leaves its run folder in
# ./runs; --version names version, commit and the installed data folder; a plan id with a typo is
# refused with the near match; the executable copied away from its data refuses to run (it does not
# fall back to the source tree compiled into it) until V2G_DATA_DIR names the data.
foreach(required BUILD_DIR WORK)
  if(NOT ${required})
    message(FATAL_ERROR "install_test.cmake: ${required} is not set")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/cwd")
set(staged "${WORK}/staged")
set(prefix "${WORK}/moved/opt/v2gbench")

function(fail message)
  message(FATAL_ERROR "${message}\n(scratch folder kept: ${WORK})")
endfunction()
# run(<exit code> <cwd> <command...>): runs without V2G_DATA_DIR; sets out and err in the caller.
function(run expected cwd)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=V2G_DATA_DIR ${ARGN} WORKING_DIRECTORY "${cwd}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  if(NOT rc STREQUAL "${expected}")
    fail("expected exit ${expected}, got ${rc}: ${ARGN}\nstdout:\n${stdout}\nstderr:\n${stderr}")
  endif()
  set(out "${stdout}" PARENT_SCOPE)
  set(err "${stderr}" PARENT_SCOPE)
endfunction()
function(expect_match text regex what)
  if(NOT text MATCHES "${regex}")
    fail("${what}: expected to match '${regex}', got:\n${text}")
  endif()
endfunction()

# Install, then move the whole tree: nothing may point back at the staging prefix.
run(0 "${WORK}" ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${staged}")
set(expected_files bin/v2gbench bin/v2gbench-sim share/v2gbench/benches/sim.yaml
    share/v2gbench/testplans/gbt34657/cc1-break.yaml share/v2gbench/testplans/duts/sim-v2g-charger.yaml
    share/v2gbench/testplans/evs/nmc-750v.yaml share/v2gbench/testplans/requirements/gbt34657.1-2017.yaml
    share/v2gbench/schema/plan.schema.json
    share/doc/v2gbench/README.md)
if(WITH_GUI)
  list(APPEND expected_files bin/v2gbench-gui)
endif()
foreach(f IN LISTS expected_files)
  if(NOT EXISTS "${staged}/${f}")
    fail("cmake --install did not lay out ${f}")
  endif()
endforeach()
get_filename_component(parent "${prefix}" DIRECTORY)
file(MAKE_DIRECTORY "${parent}")
file(RENAME "${staged}" "${prefix}")
set(exe "${prefix}/bin/v2gbench")

run(0 "${WORK}/cwd" ${exe} --version)
expect_match("${out}" "^v2gbench [0-9]+\\.[0-9]+\\.[0-9]+ \\(commit ([0-9a-f]+(-dirty)?|unknown)\\)\n" "--version")
string(FIND "${out}" "\ndata: ${prefix}/share/v2gbench\n" at)
if(at EQUAL -1)
  fail("--version does not name the installed data folder ${prefix}/share/v2gbench:\n${out}")
endif()
run(0 "${WORK}/cwd" "${prefix}/bin/v2gbench-sim" --version)
expect_match("${out}" "^v2gbench-sim [0-9.]+ \\(commit " "v2gbench-sim --version")
if(WITH_GUI)
  run(0 "${WORK}/cwd" ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen "${prefix}/bin/v2gbench-gui" --version)
  expect_match("${out}" "v2gbench-gui [0-9.]+ \\(commit " "v2gbench-gui --version")
endif()

# The demo, by plan id, from an unrelated folder: the run folder goes to ./runs.
run(0 "${WORK}/cwd" ${exe} run gbt34657-cc1-break --quiet)
expect_match("${out}" "RUN VERDICT: pass" "run gbt34657-cc1-break")
# Beside it, the results database the run wrote itself to (docs/racks.md).
if(NOT EXISTS "${WORK}/cwd/runs/results.sqlite")
  fail("the run did not write ${WORK}/cwd/runs/results.sqlite")
endif()
file(GLOB runs LIST_DIRECTORIES true "${WORK}/cwd/runs/*")
list(FILTER runs EXCLUDE REGEX "/results\\.sqlite(-wal|-shm)?$")
list(LENGTH runs count)
if(NOT count EQUAL 1)
  fail("expected one run folder in ${WORK}/cwd/runs, found: ${runs}")
endif()
expect_match("${runs}" "/runs/[0-9]+T[0-9]+Z-gbt34657-cc1-break$" "run folder name")
foreach(f summary.json journal.jsonl manifest.json junit.xml report.html)
  if(NOT EXISTS "${runs}/${f}")
    fail("run folder ${runs} lacks ${f}")
  endif()
endforeach()
file(READ "${runs}/summary.json" summary)
string(JSON verdict GET "${summary}" verdict)
string(JSON bench GET "${summary}" bench source)
string(JSON plan GET "${summary}" plans 0 source)
if(NOT verdict STREQUAL "pass")
  fail("summary.json verdict '${verdict}'")
endif()
foreach(path "${bench}" "${plan}")
  cmake_path(NORMAL_PATH path OUTPUT_VARIABLE normal)
  string(FIND "${normal}" "${prefix}/share/v2gbench/" at)
  if(NOT at EQUAL 0)
    fail("the run read ${path}, not the installed data under ${prefix}/share/v2gbench")
  endif()
endforeach()

# A typo in a plan id: exit 2, the near match named, nothing run.
run(2 "${WORK}/cwd" ${exe} run gbt34657-cc1-brake)
expect_match("${err}" "'gbt34657-cc1-brake' is neither a file nor the id of a plan in .*did you mean gbt34657-cc1-break\\?"
             "unknown plan id")

# The executable alone, away from its data: a clear refusal, not the source tree it was built from.
file(MAKE_DIRECTORY "${WORK}/alone/bin")
file(COPY "${exe}" DESTINATION "${WORK}/alone/bin")
run(2 "${WORK}/cwd" "${WORK}/alone/bin/v2gbench" list plans)
expect_match("${err}" "cannot find the v2gbench data .*set V2G_DATA_DIR" "executable without data")
run(0 "${WORK}/cwd" ${CMAKE_COMMAND} -E env V2G_DATA_DIR=${prefix}/share/v2gbench "${WORK}/alone/bin/v2gbench" list plans)
expect_match("${out}" "gbt34657-cc1-break +testplans/gbt34657/cc1-break.yaml" "list plans with V2G_DATA_DIR")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "installed tree: laid out, relocated, ran gbt34657-cc1-break by id from an unrelated folder")
