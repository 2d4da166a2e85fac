// A fresh directory under the system's temp dir for a test's files, removed with everything in it at the end.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <system_error>

namespace awsq::test {

struct temp_dir {
    std::filesystem::path path;

    temp_dir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / ("awsq-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    /// Writes `text` to the file `name` in the directory; returns its path.
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return (path / name).string();
    }
    /// The same, as an executable script.
    std::string script(const std::string& name, const std::string& text) const {
        auto p = write(name, text);
        std::filesystem::permissions(p, std::filesystem::perms::owner_all);
        return p;
    }
};

}  // namespace awsq::test
