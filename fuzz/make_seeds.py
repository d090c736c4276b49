#!/usr/bin/env python3
"""Seed corpora for the fuzz harnesses, made from the project's real files.

  fuzz/make_seeds.py OUT_DIR [SHARED_DATA_DIR]

Writes OUT_DIR/<harness>/<name> for every harness in fuzz/include/v2gbench/fuzz/fuzz_targets.hpp:
plans and profiles (testplans/), quantities and expressions taken from the plans, the real
GB/T 27930 captures (../shared/data/gbt27930, cut into pieces of whole lines; also as binary
frame records for the codec harness), and the SCPI, iiod, socketcand and Modbus exchanges the
wire tests and simulators use. Also every file of fuzz/regressions/<harness>/.
"""
import glob
import hashlib
import os
import re
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1]
SHARED = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(ROOT), "shared", "data")
CHUNK = 3000  # bytes per capture piece: libFuzzer prefers small inputs


def put(harness, data, name=None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(OUT, harness)
    os.makedirs(d, exist_ok=True)
    name = name or hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def pieces(lines, header=b""):
    cur = []
    size = 0
    for line in lines:
        cur.append(line)
        size += len(line)
        if size >= CHUNK:
            yield header + b"".join(cur)
            cur, size = [], 0
    if cur:
        yield header + b"".join(cur)


harnesses = re.findall(r"^V2G_FUZZ_TARGET\((\w+),", read(os.path.join(ROOT, "fuzz/include/v2gbench/fuzz/fuzz_targets.hpp")).decode(), re.M)

# Plans, profiles, catalogues.
plans = sorted(glob.glob(os.path.join(ROOT, "testplans/**/*.yaml"), recursive=True))
for p in plans:
    put("plan", read(p), os.path.basename(p))

# Quantities and expressions as they stand in the plans.
quantity_re = re.compile(r"[-+±]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\s*(?:[kMmuµ]?(?:V|A|W|var|VA|s|Hz|Ω|Ohm|Wh|Ah)|%|ppm|min|h|ms)\b")
quantities = set(["400 V", "7.4 kW", "250 ms", "±0.5 %", "0.3", "-20 A", "1e3 mV", "10 kHz", "5 mΩ", "2 min", "1 h", "3 ppm",
                  "60 kWh", "100 Ah", "+-1 %", "-0.0 kvar", "12 kVA"])
expressions = set(["current < dut.dc.max_current", "10 % * 400 V", "min(10 A, 20 A, current) + abs(-1 A)",
                   "ev.phase == 'charging' && !flag", "flag ? 1 V : 2 V", "[10 A, 30 A]", "power / voltage",
                   "bench.time >= 250 ms or not dut.bidirectional", "max(1 kW, voltage * current)"])
templates = set(["output current at ${current}", "phase ${ev.phase}, ${voltage * 2}"])
value_re = re.compile(r"^\s*(?:-\s*)?[\w.]+:\s*(.+?)\s*$")
for p in plans:
    for line in read(p).decode("utf-8", "replace").splitlines():
        quantities.update(m.group(0) for m in quantity_re.finditer(line))
        m = value_re.match(line)
        if m:
            v = m.group(1).strip().strip("\"'")
            if "${" in v:
                templates.add(v)
            elif re.search(r"[<>=!&|*/+?]|\bmin\(|\bmax\(|\babs\(", v) or quantity_re.search(v):
                expressions.add(v)
for q in quantities:
    put("quantity", q)
for e in expressions:
    put("expression", b"\x00" + e.encode())
for t in templates:
    put("expression", b"\x01" + t.encode())

# Real captures.
data = os.path.join(SHARED, "gbt27930")
frames = []
for p in sorted(glob.glob(os.path.join(data, "*.candump.log"))):
    lines = read(p).splitlines(keepends=True)
    for i, piece in enumerate(pieces(lines)):
        put("candump", piece, "%s.%03d" % (os.path.basename(p), i))
    for line in lines:
        m = re.match(rb"\((\d+)\.(\d+)\)\s+\S+\s+([0-9A-Fa-f]+)#([0-9A-Fa-f]*)", line)
        if m:
            ident = int(m.group(3), 16)
            payload = bytes.fromhex(m.group(4).decode())
            frames.append((ident, len(m.group(3)) > 3, payload))
for p in sorted(glob.glob(os.path.join(data, "*.zlg.txt"))):
    lines = read(p).splitlines(keepends=True)
    for i, piece in enumerate(pieces(lines[1:], lines[0])):
        put("zlg_trace", piece, "%s.%03d" % (os.path.basename(p), i))
    for line in lines[1:]:
        cols = line.decode("utf-8", "replace").split("\t")
        if len(cols) >= 8:
            try:
                ident = int(cols[3], 16)
                n = int(cols[6], 16)
                payload = bytes(int(c, 16) for c in cols[7:7 + n] if c.strip())
                frames.append((ident, True, payload))
            except ValueError:
                pass
# GB/T codec records: [id BE32][flags: dlc | 0x10 extended][time step ms][data].
rec = []
for ident, ext, payload in frames:
    rec.append(struct.pack(">IBB", ident, (len(payload) & 0x0F) | (0x10 if ext else 0), 10) + payload)
for i in range(0, len(rec), 60):
    put("gbt27930", bytes([i // 60 % 256]) + b"".join(rec[i:i + 60]), "capture.%04d" % (i // 60))

# SCPI replies and commands, as the instruments and the simulated lab send them.
scpi = [
    "Chroma ATE,61845,SN123,1.02\r", "ZES ZIMMER,LMG600,12345,2.1.0", "ITECH Ltd.,IT6018C-1500-40,6000,1.03",
    '0,"No error"', '-222,"Data out of range"', '+0,"No error"', '-113,"Undefined header;VOLT:ACX 10"',
    "230", "+2.30E+02", " -0.5 ", "NAN", "INF", "-INF", "9.91E37", "1e-06", "49.95", "230,5",
    "ON", "OFF", "1", "0", '"abc","d""ef",12', "1.0,2.0,3.0", "#15hello", "#212hello world!", "#0abc\n",
    "VOLT:AC 230;:FREQ 50;:OUTP:STAT ON", "SOUR:VOLT:LEV:IMM:AMPL:AC?", "UTRMS1?", "MEAS:CURR?", "SYST:ERR?",
    "EV:DEM:VOLT 450;CURR 30;MODE CC", 'EV:FAUL:ADD period,BCL,period=2', "*IDN?", "*OPC?",
]
put("scpi", "\n".join(scpi) + "\n", "replies")
for s in scpi:
    put("scpi", s)

# iiod commands (libiio 0.24 ASCII protocol) as the IIO tests send them.
iiod = ["VERSION", "PRINT", "TIMEOUT 5000", "OPEN iio:device0 100 000001ff", "OPEN iio:device0 64 1ff",
        "READBUF iio:device0 2400", "READ iio:device0 INPUT v_dc scale", "READ iio:device0 sampling_frequency",
        "WRITE iio:device0 sampling_frequency 20000", "GETTRIG iio:device0", "CLOSE iio:device0", "help\r",
        "000001ff", "00000000000000ff", "ffffffff00000001"]
put("iiod", "\n".join(iiod) + "\n", "session")
for s in iiod:
    put("iiod", s)

# socketcand: greeting, channel open, raw mode, frames both ways (first byte: chunk size).
sc = ("< hi >< open can0 >< ok >< rawmode >< ok >"
      "< send 1CEC56F4 8 10 31 00 07 FF 00 02 00 >< send C3956F4 2 1 2 >< send 123 0 >"
      "< frame 1CEC56F4 1700000000.123456 10310007FF000200 >< frame 123 1.000000  >< error bad things >")
for chunk in (0, 7, 63):
    put("socketcand", bytes([chunk]) + sc.encode(), "session.%d" % chunk)

# Modbus TCP requests (MBAP + PDU) as the SunSpec and EA drivers send them.
def mbap(tid, unit, pdu):
    return struct.pack(">HHHB", tid, 0, len(pdu) + 1, unit) + pdu
modbus = [
    mbap(1, 1, struct.pack(">BHH", 3, 40000, 2)),                      # read "SunS"
    mbap(2, 1, struct.pack(">BHH", 3, 40002, 68)),                     # model 1
    mbap(3, 1, struct.pack(">BHH", 4, 0, 10)),                         # input registers
    mbap(4, 1, struct.pack(">BHH", 1, 0, 16)),                         # coils
    mbap(5, 1, struct.pack(">BHH", 2, 0, 8)),                          # discrete inputs
    mbap(6, 1, struct.pack(">BHH", 6, 40349, 1)),                      # single register
    mbap(7, 1, struct.pack(">BHH", 5, 405, 0xFF00)),                   # single coil
    mbap(8, 1, struct.pack(">BHHB4H", 16, 40299, 4, 8, 1, 1, 1, 0)),   # WSet
    mbap(9, 1, struct.pack(">BHHBB", 15, 400, 8, 1, 0x55)),            # multiple coils
    mbap(10, 1, struct.pack(">B", 0x2B) + b"\x0e\x01\x00"),            # unknown function
]
put("modbus_server", b"".join(modbus), "session")
for i, m in enumerate(modbus):
    put("modbus_server", m, "request.%02d" % i)

# Every regression input is a seed too.
for h in harnesses:
    for p in glob.glob(os.path.join(ROOT, "fuzz/regressions", h, "*")):
        put(h, read(p), "regression." + os.path.basename(p))

for h in harnesses:
    n = len(os.listdir(os.path.join(OUT, h))) if os.path.isdir(os.path.join(OUT, h)) else 0
    print("seeds: %-14s %5d files" % (h, n))
