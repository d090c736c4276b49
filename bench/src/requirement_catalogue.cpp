#include "v2gbench/bench/requirement_catalogue.hpp"

#include "v2gbench/core/closest_match.hpp"
#include "v2gbench/profiles/profile_yaml.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace v2gbench::bench {

namespace py = profile_yaml;

std::string toString(Confidence c) {
    switch (c) {
    case Confidence::Confirmed: return "confirmed";
    case Confidence::SingleSource: return "single-source";
    case Confidence::Unverified: return "unverified";
    }
    return "unverified";
}

const Criterion* Requirement::criterion(const std::string& name) const {
    for (const auto& c : criteria)
        if (c.name == name) return &c;
    return nullptr;
}

namespace {

Confidence confidenceOf(const YAML::Node& node, const std::string& path) {
    const std::string word = py::text(node, path);
    std::vector<std::string> words;
    for (Confidence c : kConfidences) {
        if (toString(c) == word) return c;
        words.push_back(toString(c));
    }
    const std::string hint = core::closestMatch(word, words);
    throw core::ConfigError(py::at(node, path), "unknown confidence '" + word + "'" +
                                                    (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                                    "; choose confirmed, single-source or unverified");
}

std::string nonEmptyText(const YAML::Node& node, const std::string& path, const std::string& what) {
    std::string s = py::text(node, path);
    if (std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isspace(ch); }))
        throw core::ConfigError(py::at(node, path), what + " must not be empty");
    return s;
}

bool isSimpleName(const std::string& name) {
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
    return std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

const Tolerance* findTolerance(const std::vector<Tolerance>& table, const std::string& name) {
    for (const auto& t : table)
        if (t.name == name) return &t;
    return nullptr;
}

// A criterion value: a plan expression (its names are checked where a plan uses the criterion),
// or the name of a row of the catalogue's `tolerances:` table, which stands for that row's value.
// Rows used are collected in `used` (their confidence and `ours` pass on to the criterion).
std::optional<Expression> expressionOf(const YAML::Node& node, const std::string& path,
                                       const std::vector<Tolerance>& table, std::vector<const Tolerance*>& used) {
    if (!node) return std::nullopt;
    if (!node.IsScalar()) throw core::ConfigError(py::at(node, path), "a limit must be a value or an expression");
    if (const Tolerance* t = findTolerance(table, node.Scalar())) {
        used.push_back(t);
        return t->value;
    }
    return Expression::parse(node.Scalar(), py::at(node, path));
}

Tolerance readTolerance(const YAML::Node& node, const std::vector<Tolerance>& table, const std::string& path) {
    py::requireMap(node, path, "a tolerance");
    py::checkKeys(node, path, {"name", "value", "text", "source", "confidence", "ours"});
    Tolerance t;
    const YAML::Node name = py::required(node, "name", path, "a tolerance");
    t.where = py::at(name, path);
    t.name = py::text(name, path);
    if (!isSimpleName(t.name))
        throw core::ConfigError(t.where, "tolerance name '" + t.name + "' must be a simple name (letters, digits and '_'), e.g. period_median");
    if (findTolerance(table, t.name)) throw core::ConfigError(t.where, "tolerance '" + t.name + "' is defined twice");
    const YAML::Node value = py::required(node, "value", path, "tolerance '" + t.name + "'");
    if (!value.IsScalar()) throw core::ConfigError(py::at(value, path), "a tolerance's value must be a value, e.g. \"10 %\" or \"500 ms\"");
    t.value = Expression::parse(value.Scalar(), py::at(value, path));
    t.text = nonEmptyText(py::required(node, "text", path, "tolerance '" + t.name + "'"), path, "a tolerance's text");
    t.confidence = confidenceOf(py::required(node, "confidence", path, "tolerance '" + t.name + "'"), path);
    if (node["source"]) t.source = nonEmptyText(node["source"], path, "a tolerance's source");
    if (node["ours"]) t.ours = nonEmptyText(node["ours"], path, "'ours'");
    if (t.confidence == Confidence::Unverified && t.ours.empty())
        throw core::ConfigError(t.where, "tolerance '" + t.name + "' is unverified: say in 'ours:' where its number comes from");
    if (t.confidence != Confidence::Unverified && t.source.empty())
        throw core::ConfigError(t.where, "tolerance '" + t.name + "' is " + toString(t.confidence) +
                                             ": name its public source in 'source:' (or make it unverified with 'ours:')");
    if (t.confidence != Confidence::Unverified && !t.ours.empty())
        throw core::ConfigError(py::at(node["ours"], path), "'ours' is for unverified tolerances; '" + t.name + "' is " +
                                                                toString(t.confidence));
    return t;
}

Criterion readCriterion(const YAML::Node& node, const Requirement& entry, const std::vector<Tolerance>& table,
                        const std::string& path) {
    py::requireMap(node, path, "a criterion");
    py::checkKeys(node, path,
                  {"name", "text", "nominal", "tolerance", "min", "max", "equals", "source", "confidence", "ours"});
    Criterion c;
    const YAML::Node name = py::required(node, "name", path, "a criterion");
    c.where = py::at(name, path);
    c.name = py::text(name, path);
    if (!isSimpleName(c.name))
        throw core::ConfigError(c.where, "criterion name '" + c.name +
                                             "' must be a simple name (letters, digits and '_'), e.g. cst_within");
    if (entry.criterion(c.name))
        throw core::ConfigError(c.where, "criterion '" + c.name + "' is defined twice in '" + entry.id + "'");
    c.text = nonEmptyText(py::required(node, "text", path, "a criterion"), path, "a criterion's text");
    std::vector<const Tolerance*> used;
    c.nominal = expressionOf(node["nominal"], path, table, used);
    c.tolerance = expressionOf(node["tolerance"], path, table, used);
    c.min = expressionOf(node["min"], path, table, used);
    c.max = expressionOf(node["max"], path, table, used);
    if (node["equals"]) c.equals = nonEmptyText(node["equals"], path, "equals");
    if (c.nominal && !c.tolerance)
        throw core::ConfigError(py::at(node["nominal"], path), "'nominal' needs a 'tolerance' (absolute, or a percentage)");
    if (c.tolerance && !c.nominal)
        throw core::ConfigError(py::at(node["tolerance"], path), "'tolerance' needs a 'nominal' value");
    if (c.equals && (c.nominal || c.min || c.max))
        throw core::ConfigError(py::at(node["equals"], path), "'equals' (an expected answer) cannot be combined with limits");
    c.source = node["source"] ? nonEmptyText(node["source"], path, "a criterion's source") : entry.source;
    c.confidence = node["confidence"] ? confidenceOf(node["confidence"], path) : entry.confidence;
    if (node["ours"]) c.ours = nonEmptyText(node["ours"], path, "'ours'");
    if (c.confidence != Confidence::Unverified && !c.ours.empty())
        throw core::ConfigError(py::at(node["ours"], path), "'ours' is for unverified criteria; criterion '" + c.name +
                                                                "' is " + toString(c.confidence));
    // A number taken from the tolerance table is only as good as that row: an unverified row makes
    // the criterion unverified and its `ours` says so.
    for (const Tolerance* t : used) {
        c.tolerances.push_back(t->name);
        if (t->confidence != Confidence::Unverified) {
            if (c.confidence == Confidence::Confirmed && t->confidence == Confidence::SingleSource)
                c.confidence = Confidence::SingleSource;
            continue;
        }
        c.confidence = Confidence::Unverified;
        c.ours += (c.ours.empty() ? "" : "; ") + std::string("tolerance ") + t->name + ": " + t->ours;
    }
    const bool number = c.nominal || c.min || c.max;
    if (c.confidence == Confidence::Unverified && number && c.ours.empty())
        throw core::ConfigError(c.where, "criterion '" + c.name +
                                             "' is unverified but carries a limit: say in 'ours:' where the number "
                                             "comes from (our engineering bound, or why the standard's is unknown)");
    return c;
}

} // namespace

void RequirementSet::loadFile(const std::string& path) {
    const auto root = py::loadFile(path, "a requirement catalogue");
    py::requireMap(root, path, "a requirement catalogue");
    py::checkKeys(root, path, {"catalogue", "standard", "title", "description", "complete", "cases_in_standard",
                               "tolerances", "requirements"});
    CatalogueInfo info;
    info.file = path;
    info.name = py::text(py::required(root, "catalogue", path, "a requirement catalogue"), path);
    info.standard = root["standard"] ? py::text(root["standard"], path) : info.name;
    if (root["title"]) info.title = py::text(root["title"], path);
    if (root["complete"]) info.complete = py::boolean(root["complete"], path);
    if (const YAML::Node n = root["cases_in_standard"]) {
        const int cases = py::integer(n, path);
        if (cases < 1) throw core::ConfigError(py::at(n, path), "cases_in_standard must be a whole number of cases, at least 1");
        info.casesInStandard = cases;
    }
    if (const YAML::Node list = root["tolerances"]) {
        if (!list.IsSequence()) throw core::ConfigError(py::at(list, path), "tolerances must be a list, each item starting with '- name:'");
        for (const auto& t : list) info.tolerances.push_back(readTolerance(t, info.tolerances, path));
    }
    const auto list = py::required(root, "requirements", path, "a requirement catalogue");
    if (!list.IsSequence()) throw core::ConfigError(py::at(list, path), "requirements must be a list");
    for (const auto& node : list) {
        py::requireMap(node, path, "a requirement");
        if (node["limits"])
            throw core::ConfigError(py::at(node["limits"], path),
                                    "'limits' is no longer read: write each limit as a criterion under 'criteria' "
                                    "(name, text, min/max/nominal+tolerance, source, confidence)");
        if (node["provisional"])
            throw core::ConfigError(py::at(node["provisional"], path),
                                    "'provisional' is replaced by 'confidence: unverified' (with 'ours:' on each "
                                    "criterion whose number is ours)");
        py::checkKeys(node, path, {"id", "clause", "title", "summary", "source", "confidence", "criteria"});
        Requirement r;
        r.catalogue = info.name;
        r.standard = info.standard;
        const YAML::Node id = py::required(node, "id", path, "a requirement");
        r.where = py::at(id, path);
        r.id = py::text(id, path);
        if (find(r.id)) throw core::ConfigError(r.where, "requirement '" + r.id + "' is defined twice");
        if (node["clause"]) r.clause = py::text(node["clause"], path);
        if (node["title"]) r.title = py::text(node["title"], path);
        if (node["summary"]) r.summary = py::text(node["summary"], path);
        r.source = nonEmptyText(py::required(node, "source", path, "requirement '" + r.id + "'"), path, "source");
        r.confidence = confidenceOf(py::required(node, "confidence", path, "requirement '" + r.id + "'"), path);
        if (const auto criteria = node["criteria"]) {
            if (!criteria.IsSequence())
                throw core::ConfigError(py::at(criteria, path), "criteria must be a list, each item starting with '- name:'");
            for (const auto& c : criteria) r.criteria.push_back(readCriterion(c, r, info.tolerances, path));
        }
        info.ids.push_back(r.id);
        m_requirements.push_back(std::move(r));
    }
    if (info.casesInStandard && static_cast<int>(info.ids.size()) > *info.casesInStandard)
        throw core::ConfigError(py::at(root["cases_in_standard"], path),
                                "the catalogue lists " + std::to_string(info.ids.size()) + " entries but cases_in_standard says the standard has " +
                                    std::to_string(*info.casesInStandard));
    m_files.push_back(path);
    m_catalogues.push_back(std::move(info));
}

void RequirementSet::loadFolder(const std::string& folder) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
    if (ec) throw core::ConfigError({folder, 0, 0}, "cannot read the requirement folder: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) loadFile(f.string());
}

const Requirement* RequirementSet::find(const std::string& id) const {
    for (const auto& r : m_requirements)
        if (r.id == id) return &r;
    return nullptr;
}

} // namespace v2gbench::bench
