#pragma once
// Table model of a decoded GB/T 27930 trace: one row per frame (time, line, direction, message,
// phase, fields with units, TP note), TP transfers shown on the frame that completes them as
// the reassembled message. A filter proxy selects by message, direction and free text.
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <vector>

namespace v2gbench::gui {

struct TraceRow {
    double time = 0.0; // s since the first frame
    qulonglong line = 0;
    QString direction;
    QString message;   // "BCL", "BRM (TP)", "TP.CM", "TP.DT", "0x18FF50E5"
    QString phase;
    QString fields;    // "voltage demand=426.1 V  current demand=20.0 A"
    QString note;      // TP meaning, codec issues
    QString raw;       // "18 1C EC 56 F4 ..." with the id
    bool problem = false;
    bool tpData = false;
};

class TraceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Line, Direction, Message, Phase, Fields, Note, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setReport(const protocols::gbt27930::DecodeReport& report) { setRows(buildRows(report)); }
    // Formatting every row is the expensive part: buildRows() may run on any thread.
    static std::vector<TraceRow> buildRows(const protocols::gbt27930::DecodeReport& report);
    // Replaces every row (a model reset); returns the previous rows, for the caller to free
    // wherever it likes (thousands of rows take a while).
    std::vector<TraceRow> setRows(std::vector<TraceRow> rows);
    // Adds rows at the end (rows inserted: views and filters look at the new ones only).
    void appendRows(std::vector<TraceRow> rows);
    const std::vector<TraceRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<TraceRow> m_rows;
};

class TraceFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMessage(const QString& message);     // empty: all
    void setDirection(const QString& direction); // empty: all
    void setSearch(const QString& text);
    void setHideTpData(bool hide);

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    QString m_message, m_direction, m_search;
    bool m_hideTpData = true;
};

} // namespace v2gbench::gui
