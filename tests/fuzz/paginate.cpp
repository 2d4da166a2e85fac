// Fuzz target: paginate_items over a scripted fake DescribeExportTasks service, resumed again and again
// from next_token, and starting tokens taken from the input.
// Properties: never a throw, a crash or an endless loop; with any max_items the resumed runs give every
// item of the listing exactly once and in order; max_pages stops a longer listing with an error and a resume
// token; a foreign starting token is an error, not a throw.
#include "fuzz.hpp"

#include <awsq/paginate.hpp>
#include <awsq/rds/describe_export_tasks.hpp>

#include <string>
#include <vector>

namespace {

/// Pages "p0", "p1", ...: page i holds counts[i] items named "t<i>-<j>"; every page but the last names
/// the next one as its Marker. The answers are written once per input; the service counts the calls.
struct fake_service {
    const std::vector<std::string>* pages;
    int* calls;

    awsq::http_response operator()(const awsq::http_request& request) const {
        ++*calls;
        std::size_t page = 0;  // at most 4 pages: one digit
        if (auto at = request.body.find("Marker=p"); at != std::string::npos && at + 8 < request.body.size())
            page = static_cast<std::size_t>(request.body[at + 8] - '0');
        return {200, {}, page < pages->size() ? (*pages)[page] : pages->back()};
    }
};

std::vector<std::string> answers(const std::vector<int>& counts) {
    std::vector<std::string> out;
    for (std::size_t page = 0; page < counts.size(); ++page) {
        std::string body = "<DescribeExportTasksResponse><DescribeExportTasksResult><ExportTasks>";
        for (int j = 0; j < counts[page]; ++j)
            body += "<ExportTask><ExportTaskIdentifier>t" + std::to_string(page) + "-" + std::to_string(j) +
                    "</ExportTaskIdentifier></ExportTask>";
        body += "</ExportTasks>";
        if (page + 1 < counts.size()) body += "<Marker>p" + std::to_string(page + 1) + "</Marker>";
        body += "</DescribeExportTasksResult></DescribeExportTasksResponse>";
        out.push_back(std::move(body));
    }
    return out;
}

using Op = awsq::rds::DescribeExportTasks;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    // Small listings keep a run to a few calls (each is a whole request and response): up to 4 pages of
    // 0 to 3 items, max_items from -1 to 5. That still holds every case: max_items below, at and above a
    // page's size, spanning pages, ending on a page's end, and empty pages on the way.
    const int max_items = data[0] % 7 - 1;  // the non-positive ones must be refused
    const int pages = 1 + data[1] % 4;
    std::vector<int> counts;
    std::vector<std::string> all;
    for (int i = 0; i < pages; ++i) {
        counts.push_back(static_cast<std::size_t>(i + 2) < size ? data[i + 2] % 4 : 0);
        for (int j = 0; j < counts.back(); ++j) all.push_back("t" + std::to_string(i) + "-" + std::to_string(j));
    }
    const auto bodies = answers(counts);
    int calls = 0;
    const fake_service service{&bodies, &calls};

    // A starting token from the input: an error or a listing, never a throw.
    {
        const auto token = awsq::fuzz::text(data + 2, size - 2);
        for (auto& item : awsq::paginate_items<Op>(service, {}, {.starting_token = std::string(token)}))
            if (!item) break;
    }

    // max_pages: a listing longer than it stops after exactly that many calls, with an error and a token.
    if (max_items > 0) {
        const int max_pages = 1 + (data[0] / 7) % pages;
        calls = 0;
        auto items = awsq::paginate_items<Op>(service, {}, {.max_pages = max_pages});
        bool failed = false;
        for (auto& item : items) failed = failed || !item;
        awsq::fuzz::require(calls == max_pages, "a run stops at max_pages (or the listing's end)");
        awsq::fuzz::require(failed == (pages > max_pages), "a listing longer than max_pages ends with an error");
        awsq::fuzz::require(items.next_token().has_value() == failed, "a listing stopped at max_pages resumes");
    }

    std::vector<std::string> seen;
    std::optional<std::string> token;
    for (int run = 0; run <= static_cast<int>(all.size()) + pages + 1; ++run) {
        calls = 0;
        auto items = awsq::paginate_items<Op>(service, {}, {.max_items = max_items, .starting_token = token});
        bool failed = false;
        for (auto& item : items) {
            if (!item) {
                failed = true;
                break;
            }
            seen.push_back(item->ExportTaskIdentifier.value_or(""));
        }
        awsq::fuzz::require(calls <= pages, "a run never asks for more pages than there are");
        if (max_items <= 0) {
            awsq::fuzz::require(failed && calls == 0, "max_items <= 0 is refused before anything is sent");
            return 0;
        }
        awsq::fuzz::require(!failed, "a well-behaved listing never fails");
        token = items.next_token();
        if (!token) break;
    }
    awsq::fuzz::require(!token, "resuming ends");
    awsq::fuzz::require(seen == all, "every item exactly once, in order, across resumes");
    return 0;
}
