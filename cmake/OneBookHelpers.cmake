# Small helpers shared by the OneBook build.

# Warnings for every OneBook target (never global flags). -Wshadow: a name declared again in an
# inner scope hides the outer one; third-party headers are -isystem and do not count.
function(onebook_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow)
  if(ONEBOOK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Wrap the variables of find_package(wxWidgets) into one INTERFACE target.
function(onebook_wrap_wx name includes libs defs cxxflags)
  add_library(${name} INTERFACE)
  target_include_directories(${name} SYSTEM INTERFACE ${includes})
  target_link_libraries(${name} INTERFACE ${libs})
  foreach(d IN LISTS defs)
    target_compile_definitions(${name} INTERFACE ${d})
  endforeach()
  separate_arguments(flags UNIX_COMMAND "${cxxflags}")
  target_compile_options(${name} INTERFACE ${flags})
endfunction()

# Stage a sector plugin into <build>/plugins/<id>/ (plugin.json, data/, locale/) and,
# when sources are given, build its module there with PREFIX "" and no debug postfix
# (Poco #3436): the library name must match the "library" field of plugin.json.
function(onebook_add_plugin id)
  cmake_parse_arguments(P "" "SOURCE_DIR;OUTPUT_DIR;LIBRARY" "SOURCES" ${ARGN})
  if(NOT P_SOURCE_DIR)
    set(P_SOURCE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/${id})
  endif()
  if(NOT P_OUTPUT_DIR)
    set(P_OUTPUT_DIR ${CMAKE_BINARY_DIR}/plugins/${id})
  endif()
  file(GLOB_RECURSE _data CONFIGURE_DEPENDS ${P_SOURCE_DIR}/plugin.json ${P_SOURCE_DIR}/base.json ${P_SOURCE_DIR}/data/* ${P_SOURCE_DIR}/locale/*)
  set(_stamp ${CMAKE_CURRENT_BINARY_DIR}/${id}.staged)
  add_custom_command(OUTPUT ${_stamp}
    COMMAND ${CMAKE_COMMAND} -E remove_directory ${P_OUTPUT_DIR}/data
    COMMAND ${CMAKE_COMMAND} -DSRC=${P_SOURCE_DIR} -DDST=${P_OUTPUT_DIR} -P ${PROJECT_SOURCE_DIR}/cmake/StagePlugin.cmake
    COMMAND ${CMAKE_COMMAND} -E touch ${_stamp}
    DEPENDS ${_data} ${PROJECT_SOURCE_DIR}/cmake/StagePlugin.cmake
    COMMENT "Staging plugin ${id}")
  add_custom_target(plugin_${id}_data ALL DEPENDS ${_stamp})
  if(P_SOURCES)
    if(NOT P_LIBRARY)
      set(P_LIBRARY ${id})
    endif()
    add_library(plugin_${id} MODULE ${P_SOURCES})
    set_target_properties(plugin_${id} PROPERTIES
      PREFIX "" OUTPUT_NAME ${P_LIBRARY} DEBUG_POSTFIX ""
      LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIR})
    target_link_libraries(plugin_${id} PRIVATE onebook_plugin_api)
    onebook_warnings(plugin_${id})
    add_dependencies(plugin_${id} plugin_${id}_data)
  endif()
endfunction()

# Our shared libraries load with fewer symbol look-ups: calls from a library to its own functions
# are bound when it is linked (-Bsymbolic-functions; data, vtables and the static locals of inline
# functions stay shared with the program and the plugins), only libraries actually used are
# recorded (--as-needed). Linux only; Windows links statically.
function(onebook_fast_loading target)
  if(UNIX AND NOT APPLE)
    target_link_options(${target} PRIVATE -Wl,-O1 -Wl,--as-needed -Wl,--hash-style=gnu -Wl,-Bsymbolic-functions)
  endif()
endfunction()
