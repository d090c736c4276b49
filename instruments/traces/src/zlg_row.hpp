#pragma once
// ZLG exports (CANTest, ZCANPRO; text and CSV) share their cells: a frame number, a time, an id,
// a length, the data bytes, and cells whose words give direction, frame format and frame type
// (接收/发送, 数据帧/远程帧, 标准帧/扩展帧; the CSV's 类型 holds them all, e.g.
// "接收  CAN    扩展帧  数据帧"). The header row names the columns; without one, CANTest's order
// is assumed: 序号 传输方向 时间标识 帧ID 帧格式 帧类型 数据长度 数据.
#include "line_format.hpp"

#include <optional>
#include <vector>

namespace v2gbench::traces::detail {

enum class ZlgColumn { Index, Time, SystemTime, Id, Length, Data, Words, Ignore };

// The role of a header cell ("序号" -> Index, "帧ID" -> Id, "数据(Hex)" -> Data, ...); nullopt for
// a name no ZLG export uses.
std::optional<ZlgColumn> zlgColumnNamed(std::string_view name);

// CANTest's column order, used when the file has no header row.
const std::vector<ZlgColumn>& zlgDefaultColumns();

// True when `cells` is a ZLG header row: the first names the frame number and at least an id and
// a data column are named. `columns` receives the roles.
bool zlgHeader(const std::vector<std::string_view>& cells, std::vector<ZlgColumn>& columns);

// Times: hex ticks of 0.1 ms ("0x002f9406"), seconds ("12.3456"), or a clock ("10:23:45.123",
// "23:45.1") that wraps every day or hour: a clock time more than half its period earlier than
// the previous one is read as the next period (a capture across midnight), not as going back.
class ZlgClock {
public:
    LineKind read(std::string_view cell, std::int64_t& us, std::int64_t& resolution, std::string& why);

private:
    std::int64_t m_offsetUs = 0;
    std::int64_t m_lastClockUs = -1;
};

// One data row: `cells` in the order of `columns` (the Data column may hold several cells).
LineKind zlgFrame(const std::vector<std::string_view>& cells, const std::vector<ZlgColumn>& columns, ZlgClock& clock,
                  transports::CanFrame& f, std::int64_t& resolution, std::string& why);

} // namespace v2gbench::traces::detail
