# cmake -DSCRIPT=<cmake/git_commit.cmake> -DWORK=<scratch folder> -P git_commit_test.cmake
#
# The build-time commit stamp (cmake/git_commit.cmake) on scratch checkouts: it names HEAD, adds
# "-dirty" for a changed tracked file, follows a new commit without reconfiguring, leaves the header
# untouched when nothing changed (so nothing recompiles), and says "unknown" for a source tree
# without .git — also one unpacked inside somebody else's checkout.
find_program(GIT git REQUIRED)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/repo")
set(repo "${WORK}/repo")
set(header "${WORK}/commit.h")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}${err}")
  endif()
endfunction()
function(git)
  run(${GIT} -C "${repo}" -c user.name=test -c user.email=test@localhost -c commit.gpgsign=false ${ARGN})
endfunction()
function(stamp source)
  run(${CMAKE_COMMAND} -DSOURCE_DIR=${source} -DOUTPUT=${header} -DGIT_EXECUTABLE=${GIT} -P ${SCRIPT})
endfunction()
function(expect_commit expected)
  file(READ "${header}" text)
  if(NOT text MATCHES "#define V2G_GIT_COMMIT \"${expected}\"\n")
    message(FATAL_ERROR "expected commit '${expected}', the header says:\n${text}")
  endif()
endfunction()
function(head out)
  execute_process(COMMAND ${GIT} -C "${repo}" rev-parse --short=12 HEAD OUTPUT_VARIABLE h OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(${out} "${h}" PARENT_SCOPE)
endfunction()

git(init -q)
file(WRITE "${repo}/plan.yaml" "plan: a\n")
git(add plan.yaml)
git(commit -q -m first)
head(first)
stamp("${repo}")
expect_commit("${first}")

# Nothing changed: the header is not rewritten (its old time stamp survives).
run(touch -d @1000000000 "${header}")
stamp("${repo}")
file(TIMESTAMP "${header}" mtime "%s" UTC)
if(NOT mtime STREQUAL "1000000000")
  message(FATAL_ERROR "the header was rewritten although HEAD did not change (mtime ${mtime})")
endif()

# An untracked file is not "dirty"; a changed tracked file is.
file(WRITE "${repo}/notes.txt" "scratch\n")
stamp("${repo}")
expect_commit("${first}")
file(APPEND "${repo}/plan.yaml" "title: changed\n")
stamp("${repo}")
expect_commit("${first}-dirty")

# A new commit is picked up by the next build, no reconfigure.
git(commit -q -a -m second)
head(second)
if(second STREQUAL first)
  message(FATAL_ERROR "the second commit has the first one's hash")
endif()
stamp("${repo}")
expect_commit("${second}")

# Source trees without .git: unpacked on their own, and unpacked inside another checkout.
foreach(tarball "${WORK}/tarball" "${repo}/unpacked/v2gbench-0.1.0")
  file(MAKE_DIRECTORY "${tarball}")
  file(WRITE "${tarball}/CMakeLists.txt" "project(x)\n")
  stamp("${tarball}")
  expect_commit("unknown")
endforeach()

file(REMOVE_RECURSE "${WORK}")
message(STATUS "git commit stamp: HEAD, -dirty, new commit, unchanged header and tarballs as expected")
