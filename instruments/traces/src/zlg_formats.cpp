// ZLG CANTest / ZCANPRO exports: the text export (columns separated by tabs or aligned with
// spaces; a cell never holds a space except the data bytes, which come last) and the CSV export
// (cells separated by commas, optionally in double quotes). Both in GBK or UTF-8: the reader has
// converted the line to UTF-8 before it gets here. The cells are read by zlg_row.
#include "line_format.hpp"
#include "text_fields.hpp"
#include "zlg_row.hpp"

namespace v2gbench::traces::detail {

namespace {

class ZlgTextFormat final : public LineFormat {
public:
    TraceFormat format() const override { return TraceFormat::ZlgText; }
    std::unique_ptr<LineFormat> restart() const override { return std::make_unique<ZlgTextFormat>(); }
    std::string detail() const override {
        return m_headerSeen ? std::string() : "no header row: CANTest's column order assumed";
    }

    LineKind parse(std::string_view line, transports::CanFrame& f, std::string& why) override {
        m_cells.clear();
        std::string_view rest = line;
        for (std::string_view t = nextToken(rest); !t.empty(); t = nextToken(rest)) m_cells.push_back(t);
        if (m_cells.empty()) {
            why = "blank";
            return LineKind::Bad;
        }
        if (!isDigit(m_cells[0][0])) {
            if (zlgHeader(m_cells, m_columns)) {
                m_headerSeen = true;
                return LineKind::Header;
            }
            why = "first column " + quoted(m_cells[0]) + " is not a frame number";
            return LineKind::Bad;
        }
        std::int64_t resolution = 1;
        const LineKind kind = zlgFrame(m_cells, m_columns, m_clock, f, resolution, why);
        if (kind == LineKind::Frame) noteResolution(resolution);
        return kind;
    }

private:
    std::vector<std::string_view> m_cells;
    std::vector<ZlgColumn> m_columns = zlgDefaultColumns();
    ZlgClock m_clock;
    bool m_headerSeen = false;
};

// RFC 4180 cells: "a,b" quoted, "" for a quote inside quotes (the quotes are left on the cell's
// ends and inner doubled quotes are kept: no ZLG cell needs them).
void splitCsv(std::string_view line, std::vector<std::string_view>& cells) {
    cells.clear();
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i <= line.size(); ++i) {
        if (i < line.size() && line[i] == '"') quoted = !quoted;
        if (i == line.size() || (line[i] == ',' && !quoted)) {
            std::string_view cell = trim(line.substr(start, i - start));
            if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = trim(cell.substr(1, cell.size() - 2));
            cells.push_back(cell);
            start = i + 1;
        }
    }
}

class ZlgCsvFormat final : public LineFormat {
public:
    TraceFormat format() const override { return TraceFormat::ZlgCsv; }
    std::unique_ptr<LineFormat> restart() const override { return std::make_unique<ZlgCsvFormat>(); }

    LineKind parse(std::string_view line, transports::CanFrame& f, std::string& why) override {
        if (line.find(',') == std::string_view::npos) {
            why = "no comma-separated cells";
            return LineKind::Bad;
        }
        splitCsv(line, m_cells);
        if (m_cells[0].empty() || !isDigit(m_cells[0][0])) {
            if (zlgHeader(m_cells, m_columns) && m_cells.size() >= 4) {
                m_headerSeen = true;
                return LineKind::Header;
            }
            why = "first cell " + quoted(m_cells[0]) + " is not a frame number";
            return LineKind::Bad;
        }
        if (!m_headerSeen) {
            why = "a CSV row before the header row (序号,帧ID,时间标识,…)";
            return LineKind::Bad;
        }
        std::int64_t resolution = 1;
        const LineKind kind = zlgFrame(m_cells, m_columns, m_clock, f, resolution, why);
        if (kind == LineKind::Frame) noteResolution(resolution);
        return kind;
    }

private:
    std::vector<std::string_view> m_cells;
    std::vector<ZlgColumn> m_columns;
    ZlgClock m_clock;
    bool m_headerSeen = false;
};

} // namespace

std::unique_ptr<LineFormat> makeZlgTextFormat() { return std::make_unique<ZlgTextFormat>(); }
std::unique_ptr<LineFormat> makeZlgCsvFormat() { return std::make_unique<ZlgCsvFormat>(); }

} // namespace v2gbench::traces::detail
