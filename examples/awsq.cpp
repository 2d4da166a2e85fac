// awsq: the command line. The services, operations and waiters come from the table generated at build time
// (one translation unit per group of operations, examples/CMakeLists.txt); this file reads the words and
// hands the rest of the command line to the operation's entry.
#include "cli.hpp"

#include <csignal>
#include <iostream>
#include <string>
#include <string_view>

#include <unistd.h>

namespace {

using namespace awsq_cli;

int list_services(std::ostream& out) {
    out << "usage: awsq SERVICE OPERATION [parameters]\n"
           "       awsq SERVICE wait WAITER [parameters]\n"
           "       awsq parse SERVICE OPERATION [--status N] < response.xml   (XML response on stdin, JSON on stdout)\n"
           "       awsq help | awsq SERVICE help | awsq SERVICE OPERATION help\n"
           "       awsq --version\n\n"
           "services:\n";
    for (const auto& s : services()) {
        out << "  " << s.name;
        if (const auto summary = s.summary(); !summary.empty())
            out << std::string(s.name.size() < 22 ? 22 - s.name.size() : 1, ' ') << summary;
        out << '\n';
    }
    return exit_ok;
}

int list_operations(std::ostream& out, const service_entry& service) {
    out << "usage: awsq " << service.name << " OPERATION [parameters]\n\n";
    if (const auto summary = service.summary(); !summary.empty())
        out << summary << "\n\n";
    out << "operations:\n";
    for (auto group : service.operation_groups)
        for (const auto& op : group()) {
            out << "  " << op.name;
            if (!op.summary.empty()) out << "\n      " << op.summary;
            out << '\n';
        }
    if (!service.waiter_groups.empty()) {
        out << "\nwaiters (awsq " << service.name << " wait WAITER):\n";
        for (auto group : service.waiter_groups)
            for (const auto& w : group()) out << "  " << w.name << '\n';
    }
    return exit_ok;
}

extern "C" void interrupted(int) {
    constexpr char newline = '\n';
    (void)!write(STDERR_FILENO, &newline, 1);
    _exit(exit_interrupted);
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGINT, interrupted);  // as the AWS CLI: Ctrl-C ends the command with 130
    auto parsed = command_line::parse(argc, argv);
    if (auto* e = std::get_if<usage_error>(&parsed)) return usage_failed(e->message);
    auto& cl = std::get<command_line>(parsed);
    if (cl.switches.contains("version")) {
        std::cout << version_line() << '\n';
        return exit_ok;
    }
    const auto words = read_invocation(cl);
    if (auto* e = std::get_if<usage_error>(&words)) return usage_failed(e->message);
    const auto& what = std::get<invocation>(words);
    if (what.service.empty()) {
        if (what.help) return list_services(std::cout);
        return usage_failed("the following arguments are required: SERVICE, OPERATION");
    }
    const auto* service = find_service(what.service);
    if (!service) return usage_failed("unknown service: " + what.service);
    const std::string mode_words = (what.parse_mode ? "parse " : "") + what.service + (what.wait_mode ? " wait" : "");
    if (what.operation.empty()) {
        if (what.help) return list_operations(std::cout, *service);
        return usage_failed(std::string("the following arguments are required: ") +
                                (what.wait_mode ? "WAITER" : "OPERATION"),
                            mode_words);
    }
    if (what.wait_mode) {
        const auto* waiter = find_waiter(*service, what.operation);
        if (!waiter) return usage_failed("unknown waiter: " + what.service + " wait " + what.operation, mode_words);
        return waiter->run(service->name, waiter->name, cl, what.help);
    }
    const auto* operation = find_operation(*service, what.operation);
    if (!operation) return usage_failed("unknown operation: " + what.service + ' ' + what.operation, mode_words);
    if (what.help && what.parse_mode) {
        std::cout << "usage: awsq parse " << service->name << ' ' << operation->name
                  << " [--status N] < response.xml\n\n"
                     "Reads the operation's XML response (status 200 unless --status says otherwise) on stdin and\n"
                     "prints it as JSON, or its error, offline.\n";
        return exit_ok;
    }
    const auto mode = what.help ? operation_mode::help : what.parse_mode ? operation_mode::parse : operation_mode::call;
    return operation->run(service->name, operation->name, cl, mode);
}
