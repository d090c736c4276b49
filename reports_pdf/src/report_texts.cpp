#include "report_texts.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace v2gbench::reports_pdf {

namespace {

struct Entry {
    std::string_view en;
    std::string_view zh;
};

constexpr std::array kTexts{
    Entry{"Test report", "检测报告"},
    Entry{"Report number", "报告编号"},
    Entry{"Laboratory", "检测实验室"},
    Entry{"Accreditation", "认可编号"},
    Entry{"Customer", "委托单位"},
    Entry{"Address", "地址"},
    Entry{"Sample", "样品"},
    Entry{"Description", "样品名称"},
    Entry{"Manufacturer and model", "制造商及型号"},
    Entry{"Serial number", "样品序列号"},
    Entry{"Firmware", "固件版本"},
    Entry{"Received", "收样日期"},
    Entry{"Test dates", "检测日期"},
    Entry{"Test location", "检测地点"},
    Entry{"Run", "运行编号"},
    Entry{"Software", "软件版本"},
    Entry{"Test conditions", "检测环境条件"},
    Entry{"Temperature", "温度"},
    Entry{"Relative humidity", "相对湿度"},
    Entry{"Air pressure", "大气压力"},
    Entry{"Source", "来源"},
    Entry{"Bench", "检测台"},
    Entry{"Equipment", "检测设备"},
    Entry{"Role", "用途"},
    Entry{"Instrument", "设备"},
    Entry{"Register entry", "设备登记号"},
    Entry{"Certificate", "校准证书"},
    Entry{"Calibrated", "校准日期"},
    Entry{"Due", "有效期至"},
    Entry{"State", "状态"},
    Entry{"Method", "检测方法"},
    Entry{"Test plans", "检测方案"},
    Entry{"Standards", "依据标准"},
    Entry{"Decision rule", "判定规则"},
    Entry{"Deviations from the method", "偏离检测方法的情况"},
    Entry{"None recorded.", "无。"},
    Entry{"Run aborted", "运行中止"},
    Entry{"Summary of results", "检测结果汇总"},
    Entry{"Case", "用例"},
    Entry{"Title", "名称"},
    Entry{"Verdict", "结论"},
    Entry{"Overall verdict", "总结论"},
    Entry{"Results per case", "分项检测结果"},
    Entry{"Check", "检查项"},
    Entry{"Measured value ± U", "测量值 ± U"},
    Entry{"Limit", "限值"},
    Entry{"Reason", "说明"},
    Entry{"Uncertainty budget", "不确定度评定"},
    Entry{"Contribution", "分量"},
    Entry{"Type", "类型"},
    Entry{"Standard uncertainty", "标准不确定度"},
    Entry{"Sensitivity", "灵敏系数"},
    Entry{"Combined standard uncertainty", "合成标准不确定度"},
    Entry{"Expanded uncertainty", "扩展不确定度"},
    Entry{"No trace recorded.", "无记录波形。"},
    Entry{"Trace not read", "波形未读取"},
    Entry{"Coverage of the standard", "标准用例覆盖情况"},
    Entry{"Status", "状态"},
    Entry{"Sign-off", "签字"},
    Entry{"Operator", "检测员"},
    Entry{"Reviewer", "审核员"},
    Entry{"Approver", "批准人"},
    Entry{"Name", "姓名"},
    Entry{"Signature", "签名"},
    Entry{"Date", "日期"},
    Entry{"not given", "未提供"},
    Entry{"The results relate only to the item tested.", "本报告检测结果仅对所检样品有效。"},
    Entry{"This report shall not be reproduced except in full without the written approval of the laboratory.",
          "未经实验室书面批准，不得部分复制本报告。"},
    Entry{"SIMULATION — not a test of a physical charger", "仿真 SIMULATION — 非实体充电机检测"},
    Entry{"NOT FOR CERTIFICATION", "不用于认证 NOT FOR CERTIFICATION"},
    Entry{"Certification", "认证适用性"},
    // The rack failed its self-check (summary.json rack{ready: false}): the charger was not judged.
    Entry{"RACK NOT READY — the charger was not judged", "检测台未就绪 RACK NOT READY — 未对充电机作出判定"},
    Entry{"Plans not run", "未执行的检测方案"},
    Entry{"not run: rack not ready", "未执行：检测台未就绪"},
    Entry{"time / s", "时间 / s"},
    Entry{"no value", "无测量值"},
    Entry{"unbounded", "无限值"},
};

constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kVerdicts{{
    {"pass", "合格"},
    {"fail", "不合格"},
    {"inconclusive", "有条件判定"},
    {"conditional pass", "有条件合格"},
    {"conditional fail", "有条件不合格"},
    {"not-applicable", "不适用"},
    {"error", "错误"},
    {"aborted", "中止"},
    {"not tested", "未检测"},
    {"tested", "已检测"},
    {"not-tested", "未检测"},                // standard_coverage statuses as summary.json writes them
    {"unverified", "已检测（判据未经核实）"},
}};

std::string ruleFactor(const std::string& name) {
    const auto at = name.find("r=");
    return at == std::string::npos ? "1" : name.substr(at + 2);
}

} // namespace

std::string text(Language language, std::string_view key) {
    for (const auto& e : kTexts)
        if (e.en == key) return std::string(language == Language::Zh ? e.zh : e.en);
    throw std::logic_error("reports_pdf: no translation for '" + std::string(key) + "'");
}

std::string pageOf(Language language, int page, int pages) {
    if (language == Language::Zh) return "第 " + std::to_string(page) + " 页 共 " + std::to_string(pages) + " 页";
    return "Page " + std::to_string(page) + " of " + std::to_string(pages);
}

std::string verdictWord(Language language, std::string_view verdict) {
    if (language == Language::En) return std::string(verdict);
    for (const auto& [en, zh] : kVerdicts)
        if (en == verdict) return std::string(zh) + " (" + std::string(en) + ")";
    return std::string(verdict); // a status a later format adds: shown as written, never dropped
}

std::string decisionRuleText(Language language, const std::string& name, const std::string& statement) {
    if (name.empty()) return language == Language::Zh ? "未记录（旧版运行记录）。" : "Not recorded (a run folder written before decision rules).";
    if (language == Language::En) return name + ": " + statement;
    std::string zh;
    if (name == "simple")
        zh = "简单接受（ILAC-G8:09/2019 4.2.1，w = 0）：测量值在限值内为合格，超出为不合格；测量不确定度予以报告，但不参与判定。";
    else if (name.rfind("guarded", 0) == 0)
        zh = "保护带接受（ILAC-G8:09/2019 4.2.2），保护带 w = " + ruleFactor(name) +
             " · U：在限值内且距限值大于 w 为合格，小于 w 为有条件合格；超出限值小于 w 为有条件不合格，大于 w 为不合格。";
    else if (name.rfind("customer-agreed", 0) == 0)
        zh = "与委托方约定的判定规则，保护带 w = " + ruleFactor(name) +
             " · U：在限值内且距限值大于 w 为合格，小于 w 为有条件合格；超出限值小于 w 为有条件不合格，大于 w 为不合格。";
    // The recorded statement follows: it is the rule as the run applied it (and names the agreement).
    return name + (zh.empty() ? "" : ": " + zh) + "\n" + statement;
}

} // namespace v2gbench::reports_pdf
