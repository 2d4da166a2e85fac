# awsq_add_models(): generate awsq headers from botocore-format model files at build time.
#
#   awsq_add_models(<target> MODELS <dir>
#                   [SERVICES <service>...] [OPERATIONS <Operation>...] [OUTPUT_DIR <dir>])
#
# <dir> is laid out like botocore's data folder: <service>/<api-version>/service-2.json[.gz] with an
# optional paginators-1.json beside it; the newest api-version of each service is used. Each
# service becomes <awsq/<service>.hpp> in namespace awsq::<service>. <target> is an INTERFACE
# library carrying the generated headers and awsq::awsq; link it and include the headers.
# OPERATIONS keeps only the named operations (and the shapes they reach) of every service.

include_guard(GLOBAL)

find_package(Python3 3.9 REQUIRED COMPONENTS Interpreter)

# Where the generator lives: the source tree, or share/awsq/codegen of an installed package.
if(NOT AWSQ_CODEGEN_DIR)
  set(AWSQ_CODEGEN_DIR "${CMAKE_CURRENT_LIST_DIR}/../codegen")
endif()
get_filename_component(AWSQ_CODEGEN_DIR "${AWSQ_CODEGEN_DIR}" ABSOLUTE)

# _awsq_generate(<out-headers-var> <models-dir> <include-dir> SERVICES... OPERATIONS...)
function(_awsq_generate out_var models_dir include_dir)
  cmake_parse_arguments(PARSE_ARGV 3 arg "" "" "SERVICES;OPERATIONS")
  file(GLOB_RECURSE codegen_sources CONFIGURE_DEPENDS "${AWSQ_CODEGEN_DIR}/awsq_codegen/*.py")
  file(GLOB service_dirs LIST_DIRECTORIES true "${models_dir}/*")
  set(headers)
  foreach(service_dir IN LISTS service_dirs)
    if(NOT IS_DIRECTORY "${service_dir}")
      continue()
    endif()
    get_filename_component(service "${service_dir}" NAME)
    if(arg_SERVICES AND NOT service IN_LIST arg_SERVICES)
      continue()
    endif()
    file(GLOB models CONFIGURE_DEPENDS
         "${service_dir}/*/service-2.json" "${service_dir}/*/service-2.json.gz")
    if(NOT models)
      continue()
    endif()
    list(SORT models)
    list(GET models -1 model)          # api versions sort by date: the last is the newest
    get_filename_component(version_dir "${model}" DIRECTORY)
    set(depends "${model}" ${codegen_sources})
    if(EXISTS "${version_dir}/paginators-1.json")
      list(APPEND depends "${version_dir}/paginators-1.json")
    endif()
    set(header "${include_dir}/awsq/${service}.hpp")
    set(op_args)
    foreach(op IN LISTS arg_OPERATIONS)
      list(APPEND op_args --operation "${op}")
    endforeach()
    add_custom_command(
      OUTPUT "${header}"
      COMMAND ${CMAKE_COMMAND} -E env "PYTHONPATH=${AWSQ_CODEGEN_DIR}" PYTHONDONTWRITEBYTECODE=1
              "${Python3_EXECUTABLE}" -m awsq_codegen --model "${model}" --service "${service}"
              ${op_args} --output "${header}"
      DEPENDS ${depends}
      COMMENT "awsq: generating <awsq/${service}.hpp> from ${service}"
      VERBATIM)
    list(APPEND headers "${header}")
  endforeach()
  if(NOT headers)
    message(FATAL_ERROR "awsq: no <service>/<api-version>/service-2.json under ${models_dir}")
  endif()
  set(${out_var} ${headers} PARENT_SCOPE)
endfunction()

function(awsq_add_models target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "MODELS;OUTPUT_DIR" "SERVICES;OPERATIONS")
  if(NOT arg_MODELS)
    message(FATAL_ERROR "awsq_add_models(${target}): MODELS <dir> is required")
  endif()
  get_filename_component(models_dir "${arg_MODELS}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT arg_OUTPUT_DIR)
    set(arg_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${target}_include")
  endif()
  _awsq_generate(headers "${models_dir}" "${arg_OUTPUT_DIR}"
                 SERVICES ${arg_SERVICES} OPERATIONS ${arg_OPERATIONS})
  add_custom_target(${target}_generate DEPENDS ${headers})
  add_library(${target} INTERFACE)
  add_dependencies(${target} ${target}_generate)
  target_include_directories(${target} INTERFACE "$<BUILD_INTERFACE:${arg_OUTPUT_DIR}>")
  target_link_libraries(${target} INTERFACE awsq::awsq)
endfunction()
