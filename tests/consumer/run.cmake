# Installs awsq into a fresh prefix, then configures, builds and runs tests/consumer against it,
# builds and runs one program through pkg-config alone, checks that regenerating unchanged models
# rewrites no header, and that a broken model file fails that project's build with file, shape and problem.
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "failed (${code}): ${ARGN}\n${out}")
  endif()
endfunction()

run(${CMAKE_COMMAND} --install "${AWSQ_BINARY_DIR}" --prefix "${prefix}")
foreach(header awsq/awsq.hpp awsq/rds.hpp awsq/redshift.hpp awsq/model.hpp awsq/rds/describe_export_tasks.hpp
               awsq/rds/service.hpp awsq/rds/shapes/ExportTask.hpp awsq/version.hpp
               lib/cmake/awsq/awsqConfig.cmake lib/pkgconfig/awsq.pc lib/pkgconfig/awsq-client.pc)
  if(NOT EXISTS "${prefix}/include/${header}" AND NOT EXISTS "${prefix}/${header}")
    message(FATAL_ERROR "not installed: ${header}")
  endif()
endforeach()

file(COPY "${CONSUMER_SOURCE_DIR}/models" DESTINATION "${WORK_DIR}")
if(NOT WARNINGS_AS_ERRORS)
  set(WARNINGS_AS_ERRORS OFF)
endif()
run(${CMAKE_COMMAND} -S "${CONSUMER_SOURCE_DIR}" -B "${WORK_DIR}/build"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCONSUMER_WARNINGS_AS_ERRORS=${WARNINGS_AS_ERRORS}" "-DDEMO_MODELS=${WORK_DIR}/models")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
foreach(program consumer client)
  execute_process(COMMAND "${WORK_DIR}/build/${program}" RESULT_VARIABLE code OUTPUT_VARIABLE out)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${program} exited ${code}:\n${out}")
  endif()
  message(STATUS "${program} says:\n${out}")
endforeach()

# Without CMake: the compiler and pkg-config, as a Makefile would do it. awsq.pc locates its prefix
# from its own place, so the prefix given to `cmake --install` is all pkg-config needs.
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} "${prefix}/lib/pkgconfig")
execute_process(COMMAND "${PKG_CONFIG}" --cflags --libs awsq-client RESULT_VARIABLE code
                OUTPUT_VARIABLE pc_flags ERROR_VARIABLE pc_error OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND "${PKG_CONFIG}" --modversion awsq OUTPUT_VARIABLE pc_version OUTPUT_STRIP_TRAILING_WHITESPACE)
file(READ "${WORK_DIR}/build/awsq_version.txt" cmake_version)
if(NOT code EQUAL 0 OR NOT pc_version STREQUAL cmake_version)
  message(FATAL_ERROR "pkg-config awsq-client (${code}): ${pc_error}; version \"${pc_version}\", find_package's \"${cmake_version}\"")
endif()
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
separate_arguments(cxx_flags UNIX_COMMAND "${CXX_FLAGS}")
set(werror)
if(WARNINGS_AS_ERRORS)
  set(werror -Werror)
endif()
run("${CXX_COMPILER}" -std=c++20 -Wall -Wextra ${werror} ${cxx_flags} "${CONSUMER_SOURCE_DIR}/pkgconfig.cpp"
    -o "${WORK_DIR}/pkgconfig" ${pc_flags})
execute_process(COMMAND "${WORK_DIR}/pkgconfig" "${pc_version}" RESULT_VARIABLE code OUTPUT_VARIABLE out)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the pkg-config program exited ${code}:\n${out}")
endif()
list(JOIN pc_flags " " pc_flags)
message(STATUS "built with pkg-config (${pc_flags}):\n${out}")

# A newer model file with the same content: the generator runs once per service again (its stamp
# moves) and rewrites no header, so nothing that includes them is rebuilt.
set(generated "${WORK_DIR}/build/demo_models_include")
set(watched "${generated}/awsq/demo.hpp" "${generated}/awsq/demo/list_items.hpp"
            "${generated}/awsq/demo/shapes/Item.hpp" "${generated}-stamps/demo.stamp")
foreach(file IN LISTS watched)
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "not generated: ${file}")
  endif()
  file(TIMESTAMP "${file}" before_${file} "%s" UTC)
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 1.1)
file(TOUCH "${WORK_DIR}/models/demo/2020-01-01/service-2.json")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
foreach(file IN LISTS watched)
  file(TIMESTAMP "${file}" after "%s" UTC)
  if(file MATCHES "stamp$" AND after STREQUAL before_${file})
    message(FATAL_ERROR "the generator did not run again for a newer model: ${file}")
  elseif(NOT file MATCHES "stamp$" AND NOT after STREQUAL before_${file})
    message(FATAL_ERROR "an unchanged header was rewritten: ${file}")
  endif()
endforeach()

# A model with an unknown shape reference: the consumer's build must fail and say where and why.
set(bad "${WORK_DIR}/bad-models/broken/2020-01-01")
file(MAKE_DIRECTORY "${bad}")
file(READ "${CONSUMER_SOURCE_DIR}/models/demo/2020-01-01/service-2.json" model)
string(REPLACE "\"shape\": \"Label\"" "\"shape\": \"NoSuchShape\"" model "${model}")
file(WRITE "${bad}/service-2.json" "${model}")
run(${CMAKE_COMMAND} -S "${CONSUMER_SOURCE_DIR}" -B "${WORK_DIR}/bad-build"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DDEMO_MODELS=${WORK_DIR}/bad-models")
execute_process(COMMAND ${CMAKE_COMMAND} --build "${WORK_DIR}/bad-build"
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE out)
set(expected "awsq codegen: error: ${bad}/service-2.json: shape Item: member Label refers to unknown shape NoSuchShape")
string(FIND "${out}" "${expected}" at)
if(code EQUAL 0 OR at EQUAL -1)
  message(FATAL_ERROR "a broken model should fail the build with\n  ${expected}\nbut the build said (${code}):\n${out}")
endif()
message(STATUS "broken model refused: ${expected}")
