# Differential test of endpoints: awsq::resolve_endpoint, endpoint_from_url and endpoint_env_name
# against the endpoint, Host header and signing scope of botocore's own clients.
add_executable(awsq_endpoint_driver "${CMAKE_CURRENT_LIST_DIR}/endpoint_driver.cpp")
target_link_libraries(awsq_endpoint_driver PRIVATE awsq::awsq awsq_test_flags)

add_test(NAME differential_endpoint
         COMMAND ${Python3_EXECUTABLE} "${CMAKE_CURRENT_LIST_DIR}/compare_endpoint.py"
                 --driver $<TARGET_FILE:awsq_endpoint_driver>)
set_tests_properties(differential_endpoint PROPERTIES ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1" TIMEOUT 300)
