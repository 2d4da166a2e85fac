// Runs a command without a shell and captures its output: how a profile's credential_process is run.
#pragma once

#include <awsq/error.hpp>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace awsq::detail {

struct process_output {
    int exit_code = 0;  // the exit status; 128 + the signal number when a signal ended it
    std::string out;    // stdout
    std::string err;    // stderr
};

/// Runs argv[0] (looked up in PATH) with the process's environment and stdin, and waits for it,
/// reading stdout and stderr together so that neither pipe fills up. An error only when it cannot be
/// started; `where` names it in that error.
inline result<process_output> run_process(const std::vector<std::string>& argv, const std::string& where) {
    if (argv.empty()) return error::configuration(where, "the command is empty");
    int out_pipe[2], err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0) return error::configuration(where, std::strerror(errno));
    if (pipe2(err_pipe, O_CLOEXEC) != 0) {
        const int e = errno;
        close(out_pipe[0]), close(out_pipe[1]);
        return error::configuration(where, std::strerror(e));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]), close(err_pipe[1]);
    if (spawned != 0) {
        close(out_pipe[0]), close(err_pipe[0]);
        return error::configuration(where, "could not be started: " + std::string(std::strerror(spawned)));
    }

    process_output output;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&output.out, &output.err};
    int open_fds = 2;
    char buffer[4096];
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;  // poll ignores negative descriptors
                --open_fds;
            }
        }
    }
    for (auto& f : fds)
        if (f.fd >= 0) close(f.fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
    return output;
}

}  // namespace awsq::detail
