# Responses: awsq's reader against botocore's QueryParser on seeded random responses, errors and broken bodies.
add_executable(awsq_xml_driver "${CMAKE_CURRENT_LIST_DIR}/xml_driver.cpp")
target_link_libraries(awsq_xml_driver PRIVATE awsq::awsq awsq_xmltest_models awsq_test_flags)

foreach(case IN ITEMS
        "rds|${PROJECT_SOURCE_DIR}/models/rds/2014-10-31/service-2.json|DescribeExportTasks"
        "redshift|${PROJECT_SOURCE_DIR}/models/redshift/2012-12-01/service-2.json|DescribeTableRestoreStatus"
        "xmltest|${CMAKE_CURRENT_LIST_DIR}/../models/xmltest/2020-01-01/service-2.json|DescribeThings")
  string(REPLACE "|" ";" case "${case}")
  list(GET case 0 service)
  list(GET case 1 model)
  list(GET case 2 operation)
  add_test(NAME differential_xml_${service}
           COMMAND ${Python3_EXECUTABLE} "${CMAKE_CURRENT_LIST_DIR}/compare_xml.py"
                   --driver $<TARGET_FILE:awsq_xml_driver> --model "${model}" --operation ${operation}
                   --seed 1 --count 1000 --errors 300 --mutants 200)
  set_tests_properties(differential_xml_${service} PROPERTIES
                       ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1" LABELS "differential" TIMEOUT 600)
endforeach()
