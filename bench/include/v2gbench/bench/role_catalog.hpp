#pragma once
// The vocabulary plans may use: the roles, each role's actions with their typed parameters, and
// the signals the bench can read. One table, used both by the plan validator (to reject unknown
// actions, parameters, units and signals before anything runs) and by the executor (to dispatch).
#include "v2gbench/bench/value.hpp"
#include "v2gbench/core/closest_match.hpp"

#include <string>
#include <vector>

namespace v2gbench::bench {

struct ParameterSpec {
    std::string name;                 // YAML key, e.g. "voltage"
    ValueType type;                   // e.g. a voltage; a text
    bool required = true;
    std::vector<std::string> choices; // allowed texts for a text parameter (empty: any)
    std::string description;
    // A text parameter written as a plain word or phrase, not an expression (`message: BRM`,
    // `field: CRM timeout`); with choices, the word must be one of them.
    bool literal = false;
};

struct ActionSpec {
    std::string role;   // "grid"
    std::string name;   // "apply"  (written "grid.apply" in a plan)
    std::vector<ParameterSpec> parameters;
    std::string description;
    std::string qualifiedName() const { return role + "." + name; }
};

struct SignalSpec {
    std::string name;   // "analyzer.dc_current"
    std::string role;   // "analyzer"
    ValueType type;     // a current (A); a text for ev.phase
    std::string description;
};

class RoleCatalog {
public:
    // The built-in vocabulary.
    static const RoleCatalog& builtin();
    // Another vocabulary (a test's: the built-in one plus an entry, to see it reach the schema).
    RoleCatalog(std::vector<std::string> roles, std::vector<ActionSpec> actions, std::vector<SignalSpec> signals);

    const std::vector<std::string>& roles() const { return m_roles; }
    bool isRole(const std::string& role) const;
    const ActionSpec* action(const std::string& qualifiedName) const; // nullptr when unknown
    const SignalSpec* signal(const std::string& name) const;          // nullptr when unknown
    const std::vector<ActionSpec>& actions() const { return m_actions; }
    const std::vector<SignalSpec>& signals() const { return m_signals; }

    // The closest known name for "did you mean" hints (empty when nothing is close).
    std::string suggestAction(const std::string& qualifiedName) const;
    std::string suggestSignal(const std::string& name) const;

private:
    std::vector<std::string> m_roles;
    std::vector<ActionSpec> m_actions;
    std::vector<SignalSpec> m_signals;
};

// "Did you mean" over a set of candidates (core/closest_match.hpp): every engine diagnostic uses it.
using core::closestMatch;

} // namespace v2gbench::bench
