#include "v2gbench/gui/run_tree.hpp"

#include "v2gbench/gui/verdict_style.hpp"

#include <QElapsedTimer>
#include <QHeaderView>
#include <QResizeEvent>
#include <QTimer>
#include <QStyle>

#include <algorithm>

namespace v2gbench::gui {

namespace {
enum Column { Name, Verdict, Value, Limits, Time };

QString str(const nlohmann::json& e, const char* key) {
    auto it = e.find(key);
    if (it == e.end() || it->is_null()) return {};
    if (it->is_string()) return QString::fromStdString(it->get<std::string>());
    return QString::fromStdString(it->dump());
}

QString arguments(const nlohmann::json& e) {
    auto it = e.find("arguments");
    if (it == e.end() || !it->is_object() || it->empty()) return {};
    QStringList parts;
    for (auto a = it->begin(); a != it->end(); ++a)
        parts << QString::fromStdString(a.key()) + ": " +
                     (a->is_string() ? QString::fromStdString(a->get<std::string>()) : QString::fromStdString(a->dump()));
    return " {" + parts.join(", ") + "}";
}
} // namespace

RunTree::RunTree(QWidget* parent) : QTreeWidget(parent) {
    setObjectName("run.tree");
    setHeaderLabels({"Plan / case / step", "Verdict", "Value", "Limits", "t [s]"});
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    // The name column keeps a readable width; the narrow columns fit their contents and the tree
    // scrolls sideways in a narrow dock rather than eliding every name to "...".
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(Name, QHeaderView::Interactive);
    header()->resizeSection(Name, 300);
    // Fixed widths from the font, not ResizeToContents: that measures every row on each change,
    // i.e. once per journal event — the GUI thread's main cost during a fast run.
    const QFontMetrics fm(font());
    const int pad = 2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 12;
    const std::pair<int, const char*> widths[] = {
        {Verdict, "INCONCLUSIVE"}, {Value, "-1234.5 kW"}, {Limits, "400 V ± 1.25 %"}, {Time, "00000.00"}};
    for (const auto& [column, sample] : widths) {
        header()->setSectionResizeMode(column, QHeaderView::Interactive);
        header()->resizeSection(column, std::max(fm.horizontalAdvance(sample), fm.horizontalAdvance(headerItem()->text(column))) + pad);
    }
    setTextElideMode(Qt::ElideMiddle);
}

RunTree::~RunTree() { qDeleteAll(m_doomed); }

void RunTree::resizeEvent(QResizeEvent* event) {
    QTreeWidget::resizeEvent(event);
    // A narrow dock (a 1366 px laptop) drops the columns the Results view also shows, least
    // looked-at first, so no column is cut at the dock's edge: t, then limits, then value.
    const int w = viewport()->width();
    setColumnHidden(Time, w < 620);
    setColumnHidden(Limits, w < 520);
    setColumnHidden(Value, w < 400);
    int others = 0;
    for (int c = Verdict; c <= Time; ++c)
        if (!isColumnHidden(c)) others += header()->sectionSize(c);
    header()->resizeSection(Name, std::max(140, w - others));
}

void RunTree::clearRun() {
    m_doomed += invisibleRootItem()->takeChildren();
    if (!m_doomed.isEmpty() && !m_freeing) {
        m_freeing = true;
        QTimer::singleShot(0, this, &RunTree::freeSome);
    }
    m_plan = m_setup = m_case = m_teardown = m_current = nullptr;
    m_scrollPending = false;
    m_cases.clear();
    m_casesFinished = m_checks = m_plansFinished = 0;
    m_benchTime = 0.0;
    m_runVerdict.clear();
    m_teardownSeen = m_makeSafeSeen = false;
}

QTreeWidgetItem* RunTree::addItem(QTreeWidgetItem* parent, const QString& text) {
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(this);
    item->setText(Name, text);
    item->setText(Time, QString::number(m_benchTime, 'f', 2));
    return item;
}

QTreeWidgetItem* RunTree::container() {
    if (m_teardown) return m_teardown;
    if (m_case) return m_case;
    if (!m_setup) {
        m_setup = addItem(m_plan, "setup");
        m_setup->setExpanded(true);
    }
    return m_setup;
}

void RunTree::setVerdict(QTreeWidgetItem* item, const QString& verdict) {
    item->setIcon(Name, verdictIcon(verdict));
    item->setText(Verdict, verdictLabel(verdict));
    item->setForeground(Verdict, verdictColor(verdict));
}

void RunTree::setCurrent(QTreeWidgetItem* item) {
    if (m_current) {
        m_current->setBackground(Name, QBrush());
        QFont f = m_current->font(Name);
        f.setBold(false);
        m_current->setFont(Name, f);
    }
    m_current = item;
    if (!item) return;
    item->setBackground(Name, QColor("#fff1a8"));
    QFont f = item->font(Name);
    f.setBold(true);
    item->setFont(Name, f);
    m_scrollPending = true;
}

void RunTree::freeSome() {
    QElapsedTimer budget;
    budget.start();
    while (!m_doomed.isEmpty() && budget.elapsed() < 4) {
        QTreeWidgetItem* item = m_doomed.takeLast();
        if (item->childCount() > 0) { // leaves first: no single delete frees a whole plan
            m_doomed += item->takeChildren();
            m_doomed.prepend(item);
            continue;
        }
        delete item;
    }
    if (m_doomed.isEmpty()) m_freeing = false;
    else QTimer::singleShot(0, this, &RunTree::freeSome);
}

void RunTree::followCurrent() {
    if (!m_scrollPending) return;
    m_scrollPending = false;
    if (m_current) scrollToItem(m_current);
}

void RunTree::apply(const nlohmann::json& e) {
    const QString event = str(e, "event");
    if (auto t = e.find("t_bench_s"); t != e.end() && t->is_number()) m_benchTime = t->get<double>();

    if (event == "plan_started" || event == "plan_not_applicable") {
        if (event == "plan_not_applicable" && m_plan && m_plan->data(Name, Qt::UserRole).toString() == str(e, "plan")) {
            setVerdict(m_plan, "not-applicable");
            addItem(m_plan, "not applicable: " + str(e, "reason"));
            return;
        }
        m_plan = addItem(nullptr, str(e, "plan"));
        m_plan->setData(Name, Qt::UserRole, str(e, "plan"));
        m_plan->setToolTip(Name, str(e, "file"));
        m_plan->setExpanded(true);
        setVerdict(m_plan, event == "plan_started" ? "running" : "not-applicable");
        if (event == "plan_not_applicable") addItem(m_plan, "not applicable: " + str(e, "reason"));
        m_setup = m_case = m_teardown = nullptr;
        return;
    }
    static const QStringList planEvents = {"case_started", "step", "check", "case_finished", "teardown_started",
                                           "make_safe", "safety_trip", "abort_requested", "error"};
    if (!m_plan && planEvents.contains(event)) {
        m_plan = addItem(nullptr, "run"); // events outside a plan (an error before the first plan)
        m_plan->setExpanded(true);
    }
    if (event == "case_started") {
        QString name = str(e, "case");
        if (const QString inst = str(e, "instance"); !inst.isEmpty()) name += " [" + inst + "]";
        m_case = addItem(m_plan, name);
        setVerdict(m_case, "running");
        m_case->setExpanded(true);
        m_cases << m_case;
        if (m_setup) m_setup->setExpanded(false);
        setCurrent(m_case);
    } else if (event == "step") {
        QString text = str(e, "action");
        if (text == "wait_until") text = "wait until " + str(e, "condition");
        else if (text == "wait") text = "wait " + str(e, "duration_s") + " s";
        text += arguments(e);
        auto* item = addItem(container(), text);
        item->setToolTip(Name, str(e, "source"));
        setCurrent(item);
    } else if (event == "check") {
        auto* item = addItem(container(), "check: " + str(e, "name"));
        const QString verdict = str(e, "verdict");
        setVerdict(item, verdict);
        if (auto v = e.find("value"); v != e.end() && v->is_number())
            item->setText(Value, QString::number(v->get<double>(), 'g', 5) + " " + str(e, "unit"));
        item->setText(Limits, str(e, "limits"));
        QString tip = str(e, "source");
        if (const QString reason = str(e, "reason"); !reason.isEmpty()) tip += "\n" + reason;
        item->setToolTip(Name, tip);
        item->setData(Name, Qt::UserRole, str(e, "trace"));
        ++m_checks;
        setCurrent(item);
    } else if (event == "case_finished") {
        if (m_case) {
            setVerdict(m_case, str(e, "verdict"));
            if (const QString reason = str(e, "reason"); !reason.isEmpty()) m_case->setToolTip(Verdict, reason);
        }
        ++m_casesFinished;
        m_case = nullptr;
    } else if (event == "teardown_started") {
        m_case = nullptr;
        m_teardown = addItem(m_plan, "teardown");
        m_teardown->setExpanded(true);
        m_teardownSeen = true;
        setCurrent(m_teardown);
    } else if (event == "make_safe") {
        // After the plan's teardown the executor (and the run's end) make every role safe.
        if (!m_teardown && m_plan) {
            m_teardown = addItem(m_plan, "make safe (shutdown order)");
            m_teardown->setExpanded(true);
        }
        auto* parent = m_teardown ? m_teardown : container();
        auto* item = addItem(parent, "make safe: " + str(e, "role"));
        item->setIcon(Name, verdictIcon("not-applicable"));
        m_makeSafeSeen = true;
        setCurrent(item);
    } else if (event == "safety_trip" || event == "abort_requested" || event == "error") {
        QString text = event == "safety_trip" ? "SAFETY TRIP: " : event == "error" ? "error: " : "abort requested: ";
        text += str(e, "reason") + str(e, "message") + str(e, "signal");
        auto* item = addItem(m_case ? m_case : m_plan, text);
        setVerdict(item, event == "abort_requested" ? "aborted" : "error");
    } else if (event == "plan_finished") {
        if (m_plan) setVerdict(m_plan, str(e, "verdict"));
        ++m_plansFinished;
        if (m_teardown) m_teardown->setExpanded(false);
        m_setup = m_case = nullptr;
        m_teardown = nullptr;
    } else if (event == "run_finished") {
        m_runVerdict = str(e, "verdict");
        setCurrent(nullptr);
    }
}

QList<QPair<QString, QString>> RunTree::caseVerdicts() const {
    QList<QPair<QString, QString>> out;
    for (auto* c : m_cases) out << qMakePair(c->text(Name), c->text(Verdict).toLower());
    return out;
}

QString RunTree::currentStepText() const { return m_current ? m_current->text(Name) : QString(); }

} // namespace v2gbench::gui
