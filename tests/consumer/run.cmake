# Installs awsq into a fresh prefix, then configures, builds and runs tests/consumer against it,
# checks that regenerating unchanged models rewrites no header, and that a broken model file fails
# that project's build with file, shape and problem.
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
               awsq/rds/service.hpp awsq/rds/shapes/ExportTask.hpp lib/cmake/awsq/awsqConfig.cmake)
  if(NOT EXISTS "${prefix}/include/${header}" AND NOT EXISTS "${prefix}/${header}")
    message(FATAL_ERROR "not installed: ${header}")
  endif()
endforeach()

file(COPY "${CONSUMER_SOURCE_DIR}/models" DESTINATION "${WORK_DIR}")
run(${CMAKE_COMMAND} -S "${CONSUMER_SOURCE_DIR}" -B "${WORK_DIR}/build"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DDEMO_MODELS=${WORK_DIR}/models")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
execute_process(COMMAND "${WORK_DIR}/build/consumer" RESULT_VARIABLE code OUTPUT_VARIABLE out)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "consumer exited ${code}:\n${out}")
endif()
message(STATUS "consumer says:\n${out}")

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
