#pragma once
// Help → User guide: the README and the docs/ pages, rendered from their Markdown in the app (a
// rack PC or a minimal lab install often has no browser), with the program's version and commit.
#include <QDialog>
#include <QStringList>

class QListWidget;
class QTextBrowser;

namespace v2gbench::gui {

class HelpDialog : public QDialog {
    Q_OBJECT
public:
    // dataDir: the app's data folder; the guide is looked for where the source tree and the
    // installed package put it (see guideFolders()).
    explicit HelpDialog(const QString& dataDir, QWidget* parent = nullptr);

    // Where the guide may be, in order: <dataDir> (README.md, docs/ in a source tree) and the
    // installed <prefix>/share/doc/v2gbench next to <prefix>/share/v2gbench.
    static QStringList guideFolders(const QString& dataDir);
    // "v2gbench-gui 0.1.0 (commit …) · RelWithDebInfo · Qt 6.4.2".
    static QString versionText();
    // The pages shown (README first), as absolute paths; empty when no guide was found.
    QStringList pages() const { return m_pages; }
    QString shownPage() const { return m_shown; }
    void showPage(int index);

private:
    QStringList m_pages;
    QString m_shown;
    QListWidget* m_list;
    QTextBrowser* m_text;
};

} // namespace v2gbench::gui
