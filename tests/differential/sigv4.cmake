# Differential test of the signer: awsq::sigv4_sign against botocore's SigV4Auth, byte for byte.
add_executable(awsq_sigv4_driver "${CMAKE_CURRENT_LIST_DIR}/sigv4_driver.cpp")
target_link_libraries(awsq_sigv4_driver PRIVATE awsq::client awsq_test_flags)

add_test(NAME differential_sigv4
         COMMAND ${Python3_EXECUTABLE} "${CMAKE_CURRENT_LIST_DIR}/compare_sigv4.py"
                 --driver $<TARGET_FILE:awsq_sigv4_driver> --seed 1 --count 2000)
set_tests_properties(differential_sigv4 PROPERTIES ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1" TIMEOUT 300)
