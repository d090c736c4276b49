#pragma once
// Requirement catalogues are data: one entry per test case or requirement of a standard, with its
// public source, a confidence, and the structured criteria plans judge against
// (`expect: {criterion: NAME}`). The catalogue is the one place a standard's limit is written;
// plans hold none of their own. Format: docs/plan-format.md, "Requirement catalogues".
#include "v2gbench/bench/expression.hpp"
#include "v2gbench/core/errors.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

// How well the public record supports a limit:
//   confirmed      two independent public sources agree
//   single-source  one public source
//   unverified     the limit is ours or unknown (`ours:` says which); such a check runs, the report
//                  marks it, and the run is not certificate-grade.
enum class Confidence { Confirmed, SingleSource, Unverified };
inline constexpr std::array kConfidences{Confidence::Confirmed, Confidence::SingleSource, Confidence::Unverified};
std::string toString(Confidence c); // "confirmed", "single-source", "unverified"

// One judgement of an entry: `{name: cst_within, text: ..., max: 100 ms}`. Values are plan
// expressions; they may use the names of the step that applies them (e.g. `current`), which the
// plan loader checks where the criterion is used.
struct Criterion {
    std::string name;                    // unique within its entry
    std::string text;                    // the judgement in words
    std::optional<Expression> nominal;   // with tolerance
    std::optional<Expression> tolerance; // absolute, or a percentage of the nominal value
    std::optional<Expression> min;
    std::optional<Expression> max;
    std::optional<std::string> equals;   // an expected answer word or text (inspect steps)
    std::string source;                  // its own, else its entry's
    Confidence confidence = Confidence::Unverified; // its own, else its entry's
    std::string ours;                    // unverified: what we used and why
    std::vector<std::string> tolerances; // rows of the catalogue's tolerance table its values name
    core::SourceLocation where;          // the criterion's `name:` in the catalogue

    bool hasLimit() const { return nominal || min || max || equals; }
};

struct Requirement {
    std::string id;          // "GBT34657.1-2017/D0.4102"
    std::string catalogue;   // the catalogue's name
    std::string standard;    // "GB/T 34657.1-2017"
    std::string clause;      // "D0.4102"
    std::string title;
    std::string summary;
    std::string source;      // the public source of the entry (required)
    Confidence confidence = Confidence::Unverified; // required
    std::vector<Criterion> criteria;
    core::SourceLocation where;

    const Criterion* criterion(const std::string& name) const;
};

// A row of a catalogue's `tolerances:` table: the one place a tolerance or bound that several
// criteria share is written, with its source, or `ours:` when the number is our engineering choice.
// A criterion names a row by writing its name as a whole value (`tolerance: period_median`).
struct Tolerance {
    std::string name;
    Expression value;
    std::string text;
    std::string source;
    Confidence confidence = Confidence::Unverified;
    std::string ours;
    core::SourceLocation where;
};

// A catalogue file's own facts.
struct CatalogueInfo {
    std::string name;      // `catalogue:`
    std::string standard;
    std::string title;
    std::string file;
    // `complete: true`: the entries are every case of the standard, so coverage counts cases;
    // otherwise it counts catalogue entries.
    bool complete = false;
    // `cases_in_standard: N`: how many cases the standard has; coverage counts against N (an entry
    // count above N is refused). nullopt: against the entries.
    std::optional<int> casesInStandard;
    std::vector<Tolerance> tolerances;
    std::vector<std::string> ids; // entry ids in file order
};

class RequirementSet {
public:
    // Loads one catalogue file; throws core::ConfigError at file:line (duplicate ids across files
    // too; an entry without source or confidence; a bad criterion).
    void loadFile(const std::string& path);
    // Loads every *.yaml in a folder, sorted by name.
    void loadFolder(const std::string& folder);

    const Requirement* find(const std::string& id) const;
    bool contains(const std::string& id) const { return find(id) != nullptr; }
    const std::vector<Requirement>& all() const { return m_requirements; }
    const std::vector<std::string>& files() const { return m_files; }
    const std::vector<CatalogueInfo>& catalogues() const { return m_catalogues; }

private:
    std::vector<Requirement> m_requirements;
    std::vector<std::string> m_files;
    std::vector<CatalogueInfo> m_catalogues;
};

} // namespace v2gbench::bench
