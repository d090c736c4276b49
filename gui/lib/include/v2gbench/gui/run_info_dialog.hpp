#pragma once
// The run information asked before a run (issue 13 item 6, issue 16 operator mode): the lab, the
// report number, the customer, the sample as received, where and in what environment it is
// tested, and who tests, reviews and approves. A certification run cannot start without the
// operator, the sample's serial and firmware, the lab and the customer: OK stays disabled and the
// dialog names what is missing. The answers are checked by the run-information file's own rules
// (reports_pdf/run_info.hpp: written as run-info.yaml and read back), and remembered (QSettings
// "runInfo/…") for the next run's dialog.
#include "v2gbench/reports_pdf/run_info.hpp"

#include <QDialog>
#include <QString>

#include <map>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace v2gbench::gui {

class RunInfoDialog : public QDialog {
    Q_OBJECT
public:
    // `certification`: the required fields above must be given. `runId`: the report number when
    // none is entered (as the CLI's PDF without a run-information file).
    RunInfoDialog(bool certification, const QString& runId, QWidget* parent = nullptr);

    // The inputs by their key in the run-information file ("lab.name", "report_number",
    // "sample.serial", "sign_off.operator", ...), for tests and the screenshot.
    QLineEdit* field(const std::string& key) const;
    void setField(const std::string& key, const QString& value);
    void setLanguage(const QString& language); // "en" or "zh"

    // What OK would record: the inputs trimmed, the report number defaulted to the run id.
    reports_pdf::RunInfo runInfo() const;
    QString language() const; // the PDF report's: "en" (default) or "zh"
    // Why OK is disabled ("Required for a certification run: Sample serial, Firmware", or the
    // run-information rules' message); empty when it is enabled.
    QString problem() const;
    bool okEnabled() const;

    void accept() override; // remembers the answers, then closes

private:
    void check();
    void remember() const;

    bool m_certification;
    QString m_runId;
    std::map<std::string, QLineEdit*> m_fields;
    std::map<std::string, QString> m_labels; // key → the label shown, for the missing-field message
    QComboBox* m_language = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_ok = nullptr;
};

// The operator's login name: $USER, else $LOGNAME, else the home folder's name.
QString osUserName();

} // namespace v2gbench::gui
