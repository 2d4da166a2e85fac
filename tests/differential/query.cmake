# Differential test of the request side: awsq::to_query against botocore's serializer, byte for byte.
add_executable(awsq_query_driver "${CMAKE_CURRENT_LIST_DIR}/query_driver.cpp")
target_link_libraries(awsq_query_driver PRIVATE awsq::awsq awsq_request_models awsq_test_flags)

add_test(NAME differential_query
         COMMAND ${Python3_EXECUTABLE} "${CMAKE_CURRENT_LIST_DIR}/compare_query.py"
                 --driver $<TARGET_FILE:awsq_query_driver> --seed 1 --count 400)
set_tests_properties(differential_query PROPERTIES ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1" TIMEOUT 300)
