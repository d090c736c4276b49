#include "check_text.hpp"
#include "text_file.hpp"
#include "v2gbench/reports/reports.hpp"
#include "v2gbench/reports/text_format.hpp"

namespace v2gbench::reports {

namespace {

struct Counts {
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    void add(Verdict v) {
        ++tests;
        switch (v) {
        case Verdict::Fail:
        case Verdict::Inconclusive: ++failures; break;
        case Verdict::Error:
        case Verdict::Aborted: ++errors; break;
        case Verdict::NotApplicable: ++skipped; break;
        case Verdict::Pass: break;
        }
    }
    void add(const Counts& o) {
        tests += o.tests;
        failures += o.failures;
        errors += o.errors;
        skipped += o.skipped;
    }
};

std::string attr(const std::string& name, const std::string& value) {
    return " " + name + "=\"" + escapeXml(value) + "\"";
}

std::string seconds(const std::optional<double>& s) { return formatNumber(s.value_or(0.0), 9); }

// " [criterion NAME of REQ, CONFIDENCE, source: ...]" or " [plan limit]"; inspect: who answered.
std::string criterionText(const CheckResult& c) {
    std::string t;
    if (c.criterion.name.empty()) t = " [plan limit]";
    else
        t = " [criterion " + c.criterion.name + " of " + c.criterionRequirement + ", " +
            (c.criterion.confidence == "unverified" ? std::string("UNVERIFIED") : c.criterion.confidence) +
            ", source: " + c.criterion.source + (c.criterion.ours.empty() ? "" : ", ours: " + c.criterion.ours) + "]";
    if (c.kind == "inspect" && !c.answeredBy.empty()) t += " [answered by " + c.answeredBy + ", " + c.answerOrigin + "]";
    return t;
}

// One line per non-passing check: what a CI dashboard shows first, so it must say name, value and limits.
std::string checkLine(const CheckResult& c) {
    std::string line = c.name + ": " + std::string(toString(c.verdict)) + ", measured " + measuredText(c) +
                       ", limits " + limitsText(c);
    if (!c.limitText.empty()) {
        line += " (" + c.limitText + ")";
    }
    if (c.budget && c.budget->expanded && *c.budget->expanded > 0) {
        line += ", uncertainty \xC2\xB1" + formatQuantity(*c.budget->expanded, c.unit) +
                (c.budget->k ? " (k = " + formatNumber(*c.budget->k, 3) + ")" : std::string());
    } else if (c.budget && !c.budget->note.empty()) {
        line += ", uncertainty: " + c.budget->note;
    } else if (c.uncertainty) {
        line += ", uncertainty \xC2\xB1" + formatQuantity(*c.uncertainty, c.unit);
    }
    if (!c.reason.empty()) {
        line += ": " + c.reason;
    }
    return line + criterionText(c);
}

// Every check of a case with where its limits come from, for <system-out>: the requirement,
// criterion, source and confidence (UNVERIFIED in capitals, so no reader misses it).
std::string checksOut(const CaseResult& k) {
    std::string out;
    for (const auto& c : k.checks)
        out += c.name + ": " + std::string(toString(c.verdict)) + ", measured " + measuredText(c) + ", limits " +
               limitsText(c) + criterionText(c) + "\n";
    return out.empty() ? out : "      <system-out>" + escapeXml(out) + "</system-out>\n";
}

// The testcase body for a non-passing case: message summarises, text lists every failing check.
std::string problemElement(const CaseResult& k) {
    const bool isError = k.verdict == Verdict::Error || k.verdict == Verdict::Aborted;
    std::string details;
    std::string firstCheck;
    for (const auto& c : k.checks) {
        if (c.verdict == Verdict::Pass || c.verdict == Verdict::NotApplicable) {
            continue;
        }
        const std::string line = checkLine(c);
        if (firstCheck.empty()) {
            firstCheck = line;
        }
        details += line + "\n";
    }
    std::string message = k.reason;
    if (message.empty()) {
        message = firstCheck.empty() ? std::string(toString(k.verdict)) : firstCheck;
    } else if (!firstCheck.empty()) {
        message += "; " + firstCheck;
    }
    if (!k.reason.empty()) {
        details = k.reason + "\n" + details;
    }
    const char* tag = isError ? "error" : "failure";
    return std::string("      <") + tag + attr("type", std::string(toString(k.verdict))) + attr("message", message) +
           ">" + escapeXml(details) + "</" + tag + ">\n";
}

std::string testcase(const PlanResult& plan, const CaseResult& k) {
    std::string xml = "    <testcase" + attr("classname", plan.id) + attr("name", caseDisplayName(k)) +
                      attr("time", seconds(k.benchTimeS));
    switch (k.verdict) {
    case Verdict::Pass: return k.checks.empty() ? xml + "/>\n" : xml + ">\n" + checksOut(k) + "    </testcase>\n";
    case Verdict::NotApplicable:
        return xml + ">\n      <skipped" + attr("message", k.reason.empty() ? "not applicable" : k.reason) +
               "/>\n    </testcase>\n";
    default: return xml + ">\n" + problemElement(k) + checksOut(k) + "    </testcase>\n";
    }
}

} // namespace

std::string renderJunitXml(const RunSummary& summary) {
    std::string suites;
    Counts total;
    for (const auto& plan : summary.plans) {
        Counts counts;
        std::string body;
        if (plan.cases.empty()) {
            // A plan that never reached its cases (not applicable, or an error in setup) still has to
            // show up in CI, so it becomes one testcase carrying the plan's verdict and reason.
            CaseResult synthetic;
            synthetic.id = plan.id;
            synthetic.verdict = plan.verdict;
            synthetic.reason = plan.reason;
            synthetic.benchTimeS = plan.benchTimeS;
            body += testcase(plan, synthetic);
            counts.add(plan.verdict);
        } else {
            for (const auto& k : plan.cases) {
                body += testcase(plan, k);
                counts.add(k.verdict);
            }
        }
        total.add(counts);
        std::string props = "    <properties>\n";
        props += "      <property" + attr("name", "verdict") + attr("value", std::string(toString(plan.verdict))) +
                 "/>\n";
        if (!plan.title.empty()) {
            props += "      <property" + attr("name", "title") + attr("value", plan.title) + "/>\n";
        }
        if (!plan.source.empty()) {
            props += "      <property" + attr("name", "source") + attr("value", plan.source) + "/>\n";
        }
        if (!plan.sha256.empty()) {
            props += "      <property" + attr("name", "sha256") + attr("value", plan.sha256) + "/>\n";
        }
        if (summary.certificate.known) {
            props += "      <property" + attr("name", "certificate") + attr("value", summary.certificate.statement) + "/>\n";
        }
        props += "    </properties>\n";
        suites += "  <testsuite" + attr("name", plan.id) + attr("tests", std::to_string(counts.tests)) +
                  attr("failures", std::to_string(counts.failures)) + attr("errors", std::to_string(counts.errors)) +
                  attr("skipped", std::to_string(counts.skipped)) + attr("time", seconds(plan.benchTimeS)) +
                  (summary.startedUtc.empty() ? std::string() : attr("timestamp", summary.startedUtc)) + ">\n" +
                  props + body + "  </testsuite>\n";
    }
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    xml += "<testsuites" + attr("name", summary.runId) + attr("tests", std::to_string(total.tests)) +
           attr("failures", std::to_string(total.failures)) + attr("errors", std::to_string(total.errors)) +
           attr("skipped", std::to_string(total.skipped)) + attr("time", seconds(summary.benchTimeS)) + ">\n";
    xml += suites;
    xml += "</testsuites>\n";
    return xml;
}

void writeJunitXml(const std::filesystem::path& runDir, const std::filesystem::path& out) {
    writeTextFileAtomically(out, renderJunitXml(loadRunSummary(runDir)));
}

} // namespace v2gbench::reports
