#pragma once
// A real PostgreSQL server for a test: Debian's `postgresql` binaries (initdb + pg_ctl) in a fresh
// temporary folder, listening on 127.0.0.1 at a free port, trust authentication for user v2g. Run
// as the user `nobody` when the test runs as root (PostgreSQL refuses root). Stopped (immediate
// mode) and removed when the object dies. fsync is off: the data is the test's, not a lab's.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <pwd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace v2gbench::test {

class PostgresServer {
public:
    PostgresServer() {
        m_bin = binFolder();
        std::string pattern = (std::filesystem::temp_directory_path() / "v2g-pg-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        m_dir = pattern;
        if (::geteuid() == 0) {
            const passwd* nobody = ::getpwnam("nobody");
            if (!nobody) throw std::runtime_error("running as root and there is no user 'nobody' to run PostgreSQL as");
            if (::chown(m_dir.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) throw std::runtime_error("chown " + m_dir.string());
            m_asUser = "runuser -u nobody -- ";
        }
        m_port = freePort();
        run(m_bin + "/initdb -D " + (m_dir / "data").string() + " -U v2g --auth=trust -E UTF8 --no-sync > " +
            (m_dir / "initdb.log").string() + " 2>&1");
        run(m_bin + "/pg_ctl -D " + (m_dir / "data").string() + " -l " + (m_dir / "server.log").string() +
            " -w -t 60 -o \"-p " + std::to_string(m_port) + " -k " + m_dir.string() +
            " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=50\" start > /dev/null");
        m_started = true;
    }
    ~PostgresServer() {
        if (m_started)
            std::system((m_asUser + m_bin + "/pg_ctl -D " + (m_dir / "data").string() + " -m immediate -w stop > /dev/null 2>&1").c_str());
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    int port() const { return m_port; }
    // A new, empty database on this server; its URL.
    std::string createDatabase(const std::string& name) {
        run(m_bin + "/createdb -h 127.0.0.1 -p " + std::to_string(m_port) + " -U v2g " + name);
        return url(name);
    }
    std::string url(const std::string& database) const {
        return "postgresql://v2g@127.0.0.1:" + std::to_string(m_port) + "/" + database;
    }
    // A port nothing listens on (for an unreachable server).
    static int freePort() {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            throw std::runtime_error("no free port");
        ::close(fd);
        return ntohs(address.sin_port);
    }

private:
    static std::string binFolder() {
        if (const char* bin = std::getenv("V2G_POSTGRES_BIN")) return bin;
        for (const char* version : {"17", "16", "15", "14", "13"}) {
            const std::string bin = std::string("/usr/lib/postgresql/") + version + "/bin";
            if (std::filesystem::exists(bin + "/initdb")) return bin;
        }
        throw std::runtime_error("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb; Debian package postgresql, "
                                 "scripts/setup.sh installs it; or set V2G_POSTGRES_BIN)");
    }
    void run(const std::string& command) {
        const std::string full = (command.find("/createdb") != std::string::npos ? "" : m_asUser) + command;
        if (std::system(full.c_str()) != 0)
            throw std::runtime_error("failed: " + full + " (logs in " + m_dir.string() + ")");
    }

    std::string m_bin;
    std::filesystem::path m_dir;
    std::string m_asUser;
    int m_port = 0;
    bool m_started = false;
};

} // namespace v2gbench::test
