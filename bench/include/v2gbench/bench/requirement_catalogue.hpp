#pragma once
// Requirement catalogues are data: id, standard, clause, summary, default limits, and whether
// the limit's source text is confirmed. A lab's own requirements are one more catalogue file.
#include <map>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct Requirement {
    std::string id;          // "GBT34657.1-2017/D0.4102"
    std::string catalogue;   // the catalogue's name
    std::string standard;    // "GB/T 34657.1-2017"
    std::string clause;      // "D0.4102"
    std::string title;
    std::string summary;
    std::map<std::string, std::string> limits; // default limits as written ("tolerance": "±0.5 %")
    bool provisional = false; // the limit's source text is not confirmed
    std::string source;       // where the number comes from
};

class RequirementSet {
public:
    // Loads one catalogue file; throws core::ConfigError (duplicate ids across files too).
    void loadFile(const std::string& path);
    // Loads every *.yaml in a folder, sorted by name.
    void loadFolder(const std::string& folder);

    const Requirement* find(const std::string& id) const;
    bool contains(const std::string& id) const { return find(id) != nullptr; }
    const std::vector<Requirement>& all() const { return m_requirements; }
    const std::vector<std::string>& files() const { return m_files; }

private:
    std::vector<Requirement> m_requirements;
    std::vector<std::string> m_files;
};

} // namespace v2gbench::bench
