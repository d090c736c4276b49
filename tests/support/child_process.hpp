#pragma once
// Runs a program as a child process with its stdout on a pipe, for CLI tests: read its output
// line by line (blocking, no sleeps), send it signals, collect its exit code.
#include <csignal>
#include <fcntl.h>
#include <cstdio>
#include <optional>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace v2gbench::test {

class ChildProcess {
public:
    ChildProcess(const std::vector<std::string>& argv, const std::string& stderrFile) {
        int fds[2];
        if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderrFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        const int rc = posix_spawn(&m_pid, args[0], &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        if (rc != 0) {
            ::close(fds[0]);
            throw std::runtime_error("cannot start " + argv[0]);
        }
        m_out = ::fdopen(fds[0], "r");
    }
    ~ChildProcess() {
        if (m_pid > 0 && !m_exitCode) {
            ::kill(m_pid, SIGKILL);
            wait();
        }
        if (m_out) std::fclose(m_out);
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Next line of stdout, without the newline; nullopt at end of output.
    std::optional<std::string> readLine() {
        std::string line;
        int c;
        while ((c = std::fgetc(m_out)) != EOF) {
            if (c == '\n') {
                m_all += line + "\n";
                return line;
            }
            line += static_cast<char>(c);
        }
        if (!line.empty()) {
            m_all += line;
            return line;
        }
        return std::nullopt;
    }
    // Reads until a line contains `marker`; false if the output ended first.
    bool waitForLine(const std::string& marker) {
        while (auto line = readLine())
            if (line->find(marker) != std::string::npos) return true;
        return false;
    }
    void signal(int sig) { ::kill(m_pid, sig); }
    pid_t pid() const { return m_pid; }
    // Drains stdout and waits; the exit code, or 128 + signal.
    int wait() {
        if (m_exitCode) return *m_exitCode;
        while (readLine()) {
        }
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return *m_exitCode;
    }
    const std::string& output() const { return m_all; }

private:
    pid_t m_pid = -1;
    std::FILE* m_out = nullptr;
    std::string m_all;
    std::optional<int> m_exitCode;
};

// Runs to completion; returns {exit code, stdout}.
inline std::pair<int, std::string> runProgram(const std::vector<std::string>& argv, const std::string& stderrFile) {
    ChildProcess p(argv, stderrFile);
    const int code = p.wait();
    return {code, p.output()};
}

} // namespace v2gbench::test
