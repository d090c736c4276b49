#include "v2gbench/gui/trace_model.hpp"

#include <QColor>
#include <QFont>

namespace v2gbench::gui {

namespace pg = protocols::gbt27930;

std::vector<TraceRow> TraceModel::setRows(std::vector<TraceRow> rows) {
    beginResetModel();
    std::swap(m_rows, rows);
    endResetModel();
    return rows;
}

void TraceModel::appendRows(std::vector<TraceRow> rows) {
    if (rows.empty()) return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    m_rows.insert(m_rows.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
    endInsertRows();
}

std::vector<TraceRow> TraceModel::buildRows(const pg::DecodeReport& report) {
    std::vector<TraceRow> rows;
    rows.reserve(report.entries.size());
    const auto t0 = report.entries.empty() ? std::chrono::microseconds(0) : report.entries.front().frame.timestamp;
    for (const auto& e : report.entries) {
        TraceRow r;
        r.time = static_cast<double>((e.frame.timestamp - t0).count()) / 1e6;
        r.line = e.line;
        r.direction = pg::toString(e.direction);
        r.phase = pg::toString(e.phase);
        r.note = QString::fromStdString(e.note);
        QString raw = QString("%1#").arg(e.frame.id, e.frame.extended ? 8 : 3, 16, QChar('0')).toUpper();
        for (int i = 0; i < e.frame.dlc; ++i) raw += QString("%1").arg(e.frame.data[static_cast<std::size_t>(i)], 2, 16, QChar('0')).toUpper();
        r.raw = raw;
        switch (e.kind) {
        case pg::EntryKind::TpControl: r.message = "TP.CM"; break;
        case pg::EntryKind::TpData: r.message = "TP.DT"; r.tpData = true; break;
        case pg::EntryKind::ErrorFrame: r.message = "error frame"; r.problem = true; break;
        case pg::EntryKind::Foreign: r.message = QString("0x%1").arg(e.frame.id, 0, 16); break;
        case pg::EntryKind::Message: break;
        }
        if (e.message) {
            const auto& m = *e.message;
            r.message = m.spec ? QString(m.spec->name) : QString("?");
            if (e.reassembled) {
                r.message += " (TP)";
                r.tpData = false; // the frame completing a transfer shows the whole message
            }
            QStringList parts;
            for (const auto& f : m.fields) {
                if (!f.present) continue;
                parts << QString::fromStdString(f.name()) + "=" + QString::fromStdString(f.formatValue());
            }
            r.fields = parts.join("  ");
            for (const auto& issue : m.issues) {
                if (!r.note.isEmpty()) r.note += "; ";
                r.note += QString(pg::toString(issue.severity)) + ": " + QString::fromStdString(issue.text);
                r.problem |= issue.severity == pg::Severity::Error;
            }
        }
        if (e.note.find("error") != std::string::npos || e.note.find("abort") != std::string::npos) r.problem = true;
        rows.push_back(std::move(r));
    }
    return rows;
}

int TraceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int TraceModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TraceModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size())) return {};
    const TraceRow& r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: return QString::number(r.time, 'f', 4);
        case Line: return r.line;
        case Direction: return r.direction;
        case Message: return r.message;
        case Phase: return r.phase;
        case Fields: return r.fields;
        case Note: return r.note;
        }
    }
    if (role == Qt::ToolTipRole) return r.raw + (r.note.isEmpty() ? QString() : "\n" + r.note);
    if (role == Qt::ForegroundRole) {
        if (r.problem) return QColor("#c00000");
        if (r.tpData || r.message == "TP.CM") return QColor("#808080");
    }
    if (role == Qt::FontRole && index.column() == Message && !r.tpData) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

QVariant TraceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* names[] = {"Time [s]", "Line", "Direction", "Message", "Phase", "Fields", "Note"};
    return section < ColumnCount ? QString(names[section]) : QVariant();
}

void TraceFilter::setMessage(const QString& message) {
    m_message = message;
    invalidateFilter();
}
void TraceFilter::setDirection(const QString& direction) {
    m_direction = direction;
    invalidateFilter();
}
void TraceFilter::setSearch(const QString& text) {
    m_search = text;
    invalidateFilter();
}
void TraceFilter::setHideTpData(bool hide) {
    m_hideTpData = hide;
    invalidateFilter();
}

bool TraceFilter::filterAcceptsRow(int row, const QModelIndex&) const {
    const auto* model = qobject_cast<const TraceModel*>(sourceModel());
    if (!model || row >= static_cast<int>(model->rows().size())) return false;
    const TraceRow& r = model->rows()[static_cast<std::size_t>(row)];
    if (m_hideTpData && r.tpData) return false;
    if (!m_message.isEmpty() && r.message != m_message && r.message != m_message + " (TP)") return false;
    if (!m_direction.isEmpty() && r.direction != m_direction) return false;
    if (!m_search.isEmpty()) {
        const auto cs = Qt::CaseInsensitive;
        if (!r.message.contains(m_search, cs) && !r.fields.contains(m_search, cs) && !r.note.contains(m_search, cs) &&
            !r.raw.contains(m_search, cs) && !r.phase.contains(m_search, cs))
            return false;
    }
    return true;
}

} // namespace v2gbench::gui
