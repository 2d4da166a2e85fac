// The README's example, compiled and run, so it stays true.
#include <awsq/awsq.hpp>
#include <awsq/rds.hpp>

#include <doctest/doctest.h>

#include <iostream>
#include <sstream>

TEST_CASE("readme: the example builds a request and lists items over a transport") {
    using namespace awsq::rds;
    auto transport = [](const awsq::http_request&) {
        return awsq::http_response{200, {}, R"(<DescribeExportTasksResponse><DescribeExportTasksResult><ExportTasks>
            <ExportTask><ExportTaskIdentifier>a</ExportTaskIdentifier></ExportTask></ExportTasks>
            </DescribeExportTasksResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
            </DescribeExportTasksResponse>)"};
    };
    std::ostringstream out;

    DescribeExportTasksRequest request{
        .Filters = std::vector<Filter>{{.Name = "status", .Values = std::vector<std::string>{"complete"}}},
        .SourceType = ExportSourceType::SNAPSHOT,
    };
    auto body = awsq::to_query<DescribeExportTasks>(request);
    for (auto& task : awsq::paginate_items<DescribeExportTasks>(transport, request, {.page_size = 50})) {
        if (!task) { out << task.error().message() << '\n'; break; }
        out << *task->ExportTaskIdentifier << '\n';
    }

    REQUIRE(body.has_value());
    CHECK(*body == "Action=DescribeExportTasks&Version=2014-10-31&Filters.Filter.1.Name=status"
                   "&Filters.Filter.1.Values.Value.1=complete&SourceType=SNAPSHOT");
    CHECK(out.str() == "a\n");
}
