#!/usr/bin/python3
"""Writes one set of CAN frames with python-can's own writers (Debian python3-can) as candump -L,
Vector ASC, PCAN-View TRC 2.1 and Vector BLF into DIR, plus expected.txt listing the frames each
format can hold, so the C++ test can check that v2g_traces reads back what an independent tool
wrote. Usage: write_with_python_can.py DIR  (run with TZ=UTC: ASC and BLF store local time)."""
import os
import sys

import can

out = sys.argv[1]
start = 1700000000.0

messages = []
# GB/T 27930-like traffic: extended ids, every DLC, standard ids, a remote frame, an error frame.
for i in range(60):
    t = start + i * 0.0123457
    dlc = i % 9
    data = bytes((i * 7 + k * 13) & 0xFF for k in range(dlc))
    if i % 10 == 3:
        messages.append(can.Message(timestamp=t, arbitration_id=0x123 + i, is_extended_id=False, data=data))
    elif i == 17:
        messages.append(can.Message(timestamp=t, arbitration_id=0x7A0, is_extended_id=False, is_remote_frame=True, dlc=0))
    elif i == 29:
        messages.append(can.Message(timestamp=t, is_error_frame=True, arbitration_id=0, dlc=0))
    else:
        messages.append(can.Message(timestamp=t, arbitration_id=0x181056F4 + (i << 8), is_extended_id=True, data=data))

writers = {
    "python-can.log": can.CanutilsLogWriter,
    "python-can.asc": can.ASCWriter,
    "python-can.trc": can.TRCWriter,
    "python-can.blf": can.BLFWriter,
}
for name, writer_class in writers.items():
    writer = writer_class(os.path.join(out, name))
    for m in messages:
        writer.on_message_received(m)
    writer.stop()

# One line per frame: formats that can hold it, then id ext remote error dlc data µs.
# TRC: python-can's TRCWriter skips remote and error frames.
with open(os.path.join(out, "expected.txt"), "w") as f:
    for m in messages:
        formats = "log,asc,blf" if (m.is_remote_frame or m.is_error_frame) else "log,asc,trc,blf"
        f.write("%s %X %d %d %d %d %s %d\n" % (formats, m.arbitration_id, m.is_extended_id, m.is_remote_frame,
                                               m.is_error_frame, m.dlc, m.data.hex() or "-", round(m.timestamp * 1e6)))
