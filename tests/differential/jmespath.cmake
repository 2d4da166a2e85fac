# JMESPath: the unit cases (the specification's examples, every function, error positions) and the
# differential test of awsq::jmespath against python's jmespath (the AWS CLI's), skipped (77)
# when python's jmespath cannot be imported.
add_executable(awsq_jmespath_tests "${CMAKE_CURRENT_LIST_DIR}/../jmespath/unit.cpp")
target_link_libraries(awsq_jmespath_tests PRIVATE awsq_test_main awsq::awsq doctest::doctest awsq_test_flags)
doctest_discover_tests(awsq_jmespath_tests TEST_PREFIX "jmespath: ")

add_executable(awsq_jmespath_driver "${CMAKE_CURRENT_LIST_DIR}/../jmespath/driver.cpp")
target_link_libraries(awsq_jmespath_driver PRIVATE awsq::awsq awsq_test_flags)

add_test(NAME differential_jmespath
         COMMAND ${Python3_EXECUTABLE} "${CMAKE_CURRENT_LIST_DIR}/../jmespath/compare_jmespath.py"
                 --driver $<TARGET_FILE:awsq_jmespath_driver> --seed 1)
set_tests_properties(differential_jmespath PROPERTIES ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1" TIMEOUT 300
                     SKIP_RETURN_CODE 77)
