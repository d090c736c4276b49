#pragma once
// Private: the plan validator. One instance per file; it walks the YAML tree once, builds the
// Plan and collects every problem as a Diagnostic instead of stopping at the first.
#include "v2gbench/bench/plan_grammar.hpp"
#include "v2gbench/bench/plan_loader.hpp"
#include "v2gbench/core/roles/daq.hpp"
#include "yaml_source.hpp"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace v2gbench::bench {

// The enum value a plan word names (toString(value) == word), or nullopt.
template <class Enum, std::size_t N>
std::optional<Enum> fromWord(const std::string& word, const std::array<Enum, N>& values) {
    for (Enum v : values)
        if (toString(v) == word) return v;
    return std::nullopt;
}

class PlanLoaderImpl {
public:
    PlanLoaderImpl(const std::string& text, const std::string& file, const PlanLoadContext& context);
    PlanLoadResult load();

private:
    enum class Percent { Rejected, Accepted };

    const PlanLoadContext& m_context;
    const RoleCatalog& m_catalog;
    const std::string& m_text;
    YamlSource m_source;
    std::vector<Diagnostic> m_diagnostics;

    std::vector<std::pair<std::string, ValueType>> m_parameters; // in order
    std::vector<std::pair<std::string, ValueType>> m_loopVariables; // of the case being read
    std::vector<std::string> m_requiredRoles;
    std::set<std::string> m_reportedRoles;
    bool m_inSteps = false; // signals read in steps need their role in requires.roles
    std::vector<std::string> m_planRequirements; // a step's requirements when neither it nor its case names any
    std::vector<std::string> m_caseRequirements; // of the case being read; empty outside cases

    // --- diagnostics and YAML structure (plan_loader.cpp)
    void error(const core::SourceLocation& where, const std::string& message);
    std::vector<MapEntry> entries(const YAML::Node& map, const std::vector<std::string>& allowed,
                                  const std::vector<std::string>& required, const core::SourceLocation& where);
    // entries() with the section's keys (plan_grammar.hpp) allowed and its required keys required.
    std::vector<MapEntry> entries(const YAML::Node& map, const grammar::Section& section, const core::SourceLocation& where);
    static const MapEntry* find(const std::vector<MapEntry>& entries, const std::string& key);
    std::optional<std::string> text(const MapEntry& e);
    std::vector<std::string> textList(const MapEntry& e);
    std::vector<std::string> requirementList(const MapEntry& e);
    bool isSimpleName(const std::string& name) const;

    // --- expressions and types (plan_loader.cpp)
    std::optional<ValueType> lookupType(const std::string& name) const;
    std::vector<std::string> knownNames() const;
    std::optional<Expression> expression(const YAML::Node& node, const core::SourceLocation& fallback);
    std::optional<ValueType> check(const Expression& e);
    void expectType(const std::optional<Expression>& e, const ValueType& wanted, Percent percent);
    void useRole(const std::string& role, const core::SourceLocation& where);

    // --- plan structure (plan_loader.cpp)
    void readRequires(const MapEntry& e, Plan& plan);
    void readParameters(const MapEntry& e, Plan& plan);
    void readCases(const MapEntry& e, Plan& plan);
    std::optional<Case> readCase(const YAML::Node& node, std::map<std::string, int>& seenIds);

    // --- steps (plan_loader_steps.cpp)
    std::vector<Step> readSteps(const MapEntry& e, bool required);
    std::optional<Step> readStep(const YAML::Node& node);
    std::optional<ActionStep> readAction(const MapEntry& e);
    std::optional<Step> readWait(const MapEntry& e);
    std::optional<Step> readWaitUntil(const MapEntry& e);
    std::optional<Step> readMeasure(const MapEntry& e);
    std::optional<Step> readResponse(const MapEntry& e);
    std::optional<Step> readBusCheck(const MapEntry& e);
    std::optional<Step> readInspect(const MapEntry& e); // plan_loader_inspect.cpp
    // --- the capture step (plan_loader_capture.cpp)
    std::optional<Step> readCapture(const MapEntry& e);
    std::optional<CaptureEvent> readCaptureEvent(const YAML::Node& node, const core::SourceLocation& fallback,
                                                 const std::string& word, CaptureStep& step);
    std::optional<CaptureResultSpec> readCaptureResult(const YAML::Node& node, CaptureStep& step);
    const core::DaqChannelInfo* readDaqChannel(const YAML::Node& value, const core::SourceLocation& fallback);
    ValueType fieldOrPlanType(const std::string& name) const;
    // A duration written as a literal beyond the bench's limit, as an error message (plan_loader_steps.cpp).
    static std::optional<std::string> beyondDurationLimit(const std::optional<Expression>& e, const std::string& what);
    BusMatch readBusMatch(const MapEntry* message, const MapEntry* where, const core::SourceLocation& at);
    std::optional<ActionStep> readCommand(const MapEntry& e);
    const SignalSpec* readSignal(const MapEntry& e);
    TextTemplate readName(const MapEntry& e);
    // stepRequirements: the step's own `requirements` (null or empty: the case's, else the plan's),
    // which `{criterion: NAME}` is looked up in.
    Expectation readExpectation(const MapEntry& e, const ValueType& valueType,
                                const std::vector<std::string>* stepRequirements = nullptr);

    // --- catalogue criteria (plan_loader_criterion.cpp)
    void resolveCriterion(const MapEntry& criterionEntry, Expectation& x, const ValueType& valueType,
                          const std::vector<std::string>* stepRequirements);
    void checkCriterionValue(const Expression& value, const ValueType& wanted, Percent percent,
                             const core::SourceLocation& at, const std::string& label);
    Expression timeOrDefault(const std::vector<MapEntry>& entries, const std::string& key, const std::string& fallback,
                             const core::SourceLocation& where);
};

} // namespace v2gbench::bench
