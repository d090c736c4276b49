#include "v2gbench/gui/run_info_dialog.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>
#include <stdexcept>

namespace v2gbench::gui {

namespace {

struct FieldSpec {
    const char* key; // as in run-info.yaml
    const char* label;
    const char* placeholder;
};

// In the order a lab's report states them (docs/run-info.md).
constexpr FieldSpec kFields[] = {
    {"lab.name", "Laboratory", "the testing laboratory"},
    {"report_number", "Report number", "empty: the run id"},
    {"customer.name", "Customer", "who ordered the test"},
    {"sample.serial", "Sample serial", "as on the rating plate"},
    {"sample.firmware", "Firmware", "as the charger reports it"},
    {"sample.received", "Receipt date", "YYYY-MM-DD"},
    {"test_location", "Test location", "lab, room, bench"},
    {"environment.temperature", "Temperature", "e.g. 23.1 °C"},
    {"environment.humidity", "Relative humidity", "e.g. 45 %"},
    {"sign_off.operator", "Operator", "login name"},
    {"sign_off.reviewer", "Reviewer", ""},
    {"sign_off.approver", "Approver", ""},
};

QString settingsKey(const std::string& key) { return "runInfo/" + QString::fromStdString(key); }

} // namespace

QString osUserName() {
    for (const char* name : {"USER", "LOGNAME"})
        if (const QString v = qEnvironmentVariable(name).trimmed(); !v.isEmpty()) return v;
    return QDir::home().dirName();
}

RunInfoDialog::RunInfoDialog(bool certification, const QString& runId, QWidget* parent)
    : QDialog(parent), m_certification(certification), m_runId(runId) {
    setObjectName("runinfo.dialog");
    setWindowTitle(certification ? "Run information — certification run" : "Run information");
    setMinimumWidth(520); // room for a lab's name and a customer's without scrolling the field
    auto* top = new QVBoxLayout(this);
    auto* intro = new QLabel(certification
                                 ? "This run is for certification: its report states who tested which sample for whom. "
                                   "Fields marked * are required."
                                 : "Stated in the run's report; every field is optional.",
                             this);
    intro->setWordWrap(true);
    top->addWidget(intro);
    auto* form = new QFormLayout;
    const QSettings settings;
    const auto required = reports_pdf::missingForCertification({}); // every required key, in order
    for (const auto& f : kFields) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QString("runinfo.") + f.key);
        edit->setPlaceholderText(f.placeholder);
        const bool isRequired = certification && std::find(required.begin(), required.end(), f.key) != required.end();
        QString value = settings.value(settingsKey(f.key)).toString();
        if (value.isEmpty() && std::string_view(f.key) == "sign_off.operator") value = osUserName();
        if (std::string_view(f.key) == "report_number") {
            value.clear(); // a report number belongs to one report: never carried over
            edit->setPlaceholderText(runId.isEmpty() ? QString(f.placeholder) : "empty: " + runId);
        }
        edit->setText(value);
        m_fields[f.key] = edit;
        m_labels[f.key] = f.label;
        form->addRow(QString(f.label) + (isRequired ? " *" : ""), edit);
        connect(edit, &QLineEdit::textChanged, this, &RunInfoDialog::check);
    }
    m_language = new QComboBox(this);
    m_language->setObjectName("runinfo.language");
    m_language->addItem("English", "en");
    m_language->addItem("中文 (Chinese)", "zh");
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.value("runInfo/language", "en"))));
    form->addRow("PDF report language", m_language);
    top->addLayout(form);
    m_problem = new QLabel(this);
    m_problem->setObjectName("runinfo.problem");
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet("color: #c00000");
    top->addWidget(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName("runinfo.ok");
    m_ok->setText("Start the run");
    buttons->button(QDialogButtonBox::Cancel)->setObjectName("runinfo.cancel");
    connect(buttons, &QDialogButtonBox::accepted, this, &RunInfoDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RunInfoDialog::reject);
    top->addWidget(buttons);
    check();
}

QLineEdit* RunInfoDialog::field(const std::string& key) const {
    const auto it = m_fields.find(key);
    if (it == m_fields.end()) throw std::invalid_argument("run information dialog: no field '" + key + "'");
    return it->second;
}

void RunInfoDialog::setField(const std::string& key, const QString& value) { field(key)->setText(value); }

void RunInfoDialog::setLanguage(const QString& language) {
    const int i = m_language->findData(language);
    if (i < 0) throw std::invalid_argument("run information dialog: no report language '" + language.toStdString() + "'");
    m_language->setCurrentIndex(i);
}

reports_pdf::RunInfo RunInfoDialog::runInfo() const {
    const auto get = [this](const char* key) { return m_fields.at(key)->text().trimmed().toStdString(); };
    reports_pdf::RunInfo info;
    info.reportNumber = get("report_number");
    if (info.reportNumber.empty()) info.reportNumber = m_runId.toStdString();
    info.labName = get("lab.name");
    info.customerName = get("customer.name");
    info.sampleSerial = get("sample.serial");
    info.sampleFirmware = get("sample.firmware");
    info.sampleReceived = get("sample.received");
    info.testLocation = get("test_location");
    info.temperature = get("environment.temperature");
    info.humidity = get("environment.humidity");
    if (!info.temperature.empty() || !info.humidity.empty()) info.environmentSource = "entered by the operator";
    info.operatorName = get("sign_off.operator");
    info.reviewerName = get("sign_off.reviewer");
    info.approverName = get("sign_off.approver");
    return info;
}

QString RunInfoDialog::language() const { return m_language->currentData().toString(); }

QString RunInfoDialog::problem() const { return m_problem->text(); }

bool RunInfoDialog::okEnabled() const { return m_ok->isEnabled(); }

void RunInfoDialog::check() {
    QString problem;
    const auto info = runInfo();
    if (m_certification) {
        QStringList missing;
        for (const auto& key : reports_pdf::missingForCertification(info)) missing << m_labels.at(key);
        if (!missing.isEmpty()) problem = "Required for a certification run: " + missing.join(", ");
    }
    if (problem.isEmpty()) {
        // The file's own rules, on the file the run will hold.
        try {
            reports_pdf::parseRunInfo(reports_pdf::runInfoYaml(info), "run information");
        } catch (const std::exception& e) {
            problem = QString::fromStdString(e.what());
        }
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_ok->setEnabled(problem.isEmpty());
}

void RunInfoDialog::remember() const {
    QSettings settings;
    for (const auto& [key, edit] : m_fields)
        if (key != "report_number") settings.setValue(settingsKey(key), edit->text().trimmed());
    settings.setValue("runInfo/language", language());
}

void RunInfoDialog::accept() {
    check();
    if (!m_ok->isEnabled()) return; // OK by the keyboard while a field is missing
    remember();
    QDialog::accept();
}

} // namespace v2gbench::gui
