// run_tool() on Linux: fork and execvp with pipes, no shell (no quoting, nothing interpreted).
#include "run_tool.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace onebook::test {

int run_tool(const std::vector<std::string>& argv, std::string* out, std::string* err, const ToolOptions& opts) {
    if (argv.empty()) return 127;
    int in_pipe[2], out_pipe[2], err_pipe[2];
    // Close-on-exec: another program started meanwhile must not hold these pipes open.
    if (pipe2(in_pipe, O_CLOEXEC) != 0) return 127;
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) return 127;
    // A program that exits without reading its input must not end the test with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) return 127;
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
        if (!opts.cwd.empty() && chdir(opts.cwd.c_str()) != 0) {
            std::string msg = "cannot enter " + opts.cwd.string() + ": " + std::strerror(errno) + "\n";
            (void)!write(2, msg.data(), msg.size());
            _exit(127);
        }
        for (const auto& name : opts.unset) unsetenv(name.c_str());
        for (const auto& [name, value] : opts.env) setenv(name.c_str(), value.c_str(), 1);
        execvp(args[0], args.data());
        std::string msg = "cannot run " + argv[0] + ": " + std::strerror(errno) + "\n";
        (void)!write(2, msg.data(), msg.size());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    // Feed stdin and drain both outputs together, so a chatty program never blocks on a full pipe.
    std::string input = opts.input.value_or("");
    std::size_t written = 0;
    int in_fd = in_pipe[1];
    fcntl(in_fd, F_SETFL, O_NONBLOCK); // a large write must not wait for a child blocked on its output
    if (input.empty()) {
        close(in_fd);
        in_fd = -1;
    }
    std::string captured[2];
    int fds[2] = {out_pipe[0], err_pipe[0]};
    while (fds[0] >= 0 || fds[1] >= 0 || in_fd >= 0) {
        pollfd p[3] = {{fds[0], POLLIN, 0}, {fds[1], POLLIN, 0}, {in_fd, POLLOUT, 0}};
        if (poll(p, 3, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i] < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[65536];
            ssize_t n = read(fds[i], buf, sizeof buf);
            if (n > 0) captured[i].append(buf, static_cast<std::size_t>(n));
            else if (n == 0 || errno != EINTR) {
                close(fds[i]);
                fds[i] = -1;
            }
        }
        if (in_fd >= 0 && (p[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = -1;
            if (p[2].revents & POLLOUT) n = write(in_fd, input.data() + written, input.size() - written);
            else errno = EPIPE; // the reader is gone
            if (n > 0) written += static_cast<std::size_t>(n);
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
                close(in_fd);
                in_fd = -1;
            }
        }
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (out) *out = captured[0];
    if (err) *err = captured[1];
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace onebook::test
