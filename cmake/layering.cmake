# The layering rule is the CMake link graph (docs/architecture.md): a library includes only the
# headers of libraries it links itself. Once every directory is configured, this writes each
# project library's sources, own include directories and links — read from the targets, so it is
# the graph the build really uses — to <build>/layering/targets.tsv. The unit test
# `unit.layering` (cmake/check_layering.py) scans every library's includes against it.

function(v2g_collect_targets dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    v2g_collect_targets(${sub} more)
    list(APPEND targets ${more})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# A property as a ','-separated field; link entries that are generator expressions
# ($<LINK_ONLY:…>: a static library's private dependency, which passes no headers on) are dropped.
function(v2g_layering_field target property out)
  get_target_property(values ${target} ${property})
  if(NOT values)
    set(values "")
  endif()
  list(FILTER values EXCLUDE REGEX "^\\$<")
  list(JOIN values "," joined)
  set(${out} "${joined}" PARENT_SCOPE)
endfunction()

function(v2g_write_layering_graph)
  v2g_collect_targets(${PROJECT_SOURCE_DIR} targets)
  set(content "# target\tsource dir\tsources\tinclude dirs\tlinks\tinterface links (what dependents also get)\n")
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(NOT type MATCHES "^(STATIC|SHARED|OBJECT|INTERFACE)_LIBRARY$")
      continue()
    endif()
    get_target_property(dir ${t} SOURCE_DIR)
    if(type STREQUAL "INTERFACE_LIBRARY")
      set(sources "")
      set(links "")
      v2g_layering_field(${t} INTERFACE_INCLUDE_DIRECTORIES includes)
    else()
      v2g_layering_field(${t} SOURCES sources)
      v2g_layering_field(${t} INCLUDE_DIRECTORIES includes)
      v2g_layering_field(${t} LINK_LIBRARIES links)
    endif()
    v2g_layering_field(${t} INTERFACE_LINK_LIBRARIES interface_links)
    string(APPEND content "${t}\t${dir}\t${sources}\t${includes}\t${links}\t${interface_links}\n")
  endforeach()
  file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/layering/targets.tsv CONTENT "${content}")
endfunction()

cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL v2g_write_layering_graph)
