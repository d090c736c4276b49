// `inspect` steps: a question for the operator, the kind of answer, and how it is judged.
#include "plan_loader_impl.hpp"

namespace v2gbench::bench {

std::string toString(AnswerKind k) {
    switch (k) {
    case AnswerKind::YesNo: return "yes-no";
    case AnswerKind::Quantity: return "quantity";
    case AnswerKind::Text: return "text";
    }
    return "yes-no";
}

std::optional<Step> PlanLoaderImpl::readInspect(const MapEntry& e) {
    InspectStep step;
    step.where = m_source.at(e.keyNode);
    if (!e.value.IsMap()) {
        error(m_source.at(e.value, step.where),
              "'inspect' needs a map with name, question, answer and expect, got " + describeNode(e.value));
        return std::nullopt;
    }
    const grammar::Section& section = *grammar::stepKind("inspect").keys;
    const auto keys = entries(e.value, section, step.where);
    if (const MapEntry* n = find(keys, "name")) step.name = readName(*n);
    if (const MapEntry* q = find(keys, "question"))
        if (auto s = text(*q)) {
            step.question = *s;
            if (step.question.find_first_not_of(" \t") == std::string::npos)
                error(m_source.contentAt(q->value), "'question' must not be empty: say what the operator looks at");
        }
    bool kindKnown = false;
    if (const MapEntry* a = find(keys, "answer")) {
        if (auto s = text(*a)) {
            if (const auto kind = fromWord(*s, kAnswerKinds)) {
                step.answer = *kind;
                kindKnown = true;
            } else {
                const auto& words = section.key("answer").choices;
                const std::string hint = closestMatch(*s, words);
                error(m_source.contentAt(a->value), "unknown answer kind '" + *s + "'" +
                                                        (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                                        "; choose yes-no, quantity or text");
            }
        }
    }
    const MapEntry* unit = find(keys, "unit");
    if (step.answer == AnswerKind::Quantity) {
        if (!unit) error(m_source.at(e.value, step.where), "missing required key 'unit' (a quantity answer needs its unit, e.g. mm)");
        else if (auto s = text(*unit)) {
            step.unit = *s;
            if (step.unit.empty() || step.unit.find_first_of(" \t") != std::string::npos)
                error(m_source.contentAt(unit->value), "'unit' is one symbol without spaces, e.g. mm");
        }
    } else if (unit && kindKnown) {
        error(m_source.at(unit->keyNode), "'unit' only applies to answer 'quantity'");
    }
    if (const MapEntry* r = find(keys, "requirements")) step.requirements = requirementList(*r);
    if (const MapEntry* x = find(keys, "expect")) {
        // Quantity answers are plain numbers in the step's unit; yes-no and text answers are words.
        const ValueType valueType =
            step.answer == AnswerKind::Quantity ? ValueType::quantity(core::Dimension::none()) : ValueType::text();
        if (kindKnown) step.expect = readExpectation(*x, valueType, &step.requirements);
        else step.expect.where = m_source.at(x->keyNode);
        if (kindKnown && step.answer == AnswerKind::YesNo && step.expect.equals && *step.expect.equals != "yes" &&
            *step.expect.equals != "no")
            error(m_source.contentAt(x->value, step.expect.where),
                  "a yes-no answer is judged with {equals: yes} or {equals: no}, not '" + *step.expect.equals + "'");
    }
    return Step(std::move(step));
}

} // namespace v2gbench::bench
