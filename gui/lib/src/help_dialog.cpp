#include "v2gbench/gui/help_dialog.hpp"

#include "v2gbench/core/build_info.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtGlobal>

namespace v2gbench::gui {

QStringList HelpDialog::guideFolders(const QString& dataDir) {
    return {QDir(dataDir).absolutePath(), QDir(dataDir + "/../doc/v2gbench").absolutePath()};
}

QString HelpDialog::versionText() {
    return QString::fromStdString(core::versionLine("v2gbench-gui")) + " · " +
           QString::fromUtf8(core::toolBuildType().data(), static_cast<qsizetype>(core::toolBuildType().size())) +
           " · Qt " + qVersion();
}

HelpDialog::HelpDialog(const QString& dataDir, QWidget* parent) : QDialog(parent) {
    setObjectName("help.dialog");
    setWindowTitle("v2gbench — user guide");
    for (const QString& folder : guideFolders(dataDir)) {
        if (!QFileInfo::exists(folder + "/README.md")) continue;
        m_pages << folder + "/README.md";
        for (const QFileInfo& f : QDir(folder + "/docs").entryInfoList({"*.md"}, QDir::Files, QDir::Name))
            m_pages << f.absoluteFilePath();
        break;
    }
    auto* top = new QVBoxLayout(this);
    auto* version = new QLabel(versionText(), this);
    version->setObjectName("help.version");
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(version);
    auto* row = new QHBoxLayout;
    m_list = new QListWidget(this);
    m_list->setObjectName("help.pages");
    m_list->setMaximumWidth(220);
    m_text = new QTextBrowser(this);
    m_text->setObjectName("help.text");
    m_text->setOpenExternalLinks(false);
    row->addWidget(m_list);
    row->addWidget(m_text, 1);
    top->addLayout(row, 1);
    for (const QString& p : m_pages) m_list->addItem(QFileInfo(p).completeBaseName());
    connect(m_list, &QListWidget::currentRowChanged, this, &HelpDialog::showPage);
    if (m_pages.isEmpty()) {
        // Say where it looked: a package without its doc folder is an installation fault to fix.
        m_text->setPlainText("The user guide (README.md and docs/) was not found. Looked in:\n  " +
                             guideFolders(dataDir).join("\n  "));
    } else {
        m_list->setCurrentRow(0);
    }
    resize(1000, 700);
}

void HelpDialog::showPage(int index) {
    if (index < 0 || index >= m_pages.size()) return;
    QFile f(m_pages[index]);
    if (!f.open(QIODevice::ReadOnly)) {
        m_text->setPlainText(m_pages[index] + ": " + f.errorString());
        return;
    }
    // Relative links and images resolve against the page's folder.
    m_text->setSearchPaths({QFileInfo(m_pages[index]).absolutePath()});
    m_text->setMarkdown(QString::fromUtf8(f.readAll()));
    m_shown = m_pages[index];
}

} // namespace v2gbench::gui
