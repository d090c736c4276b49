#!/usr/bin/python3
"""A small vehicle BMS of our own, outside the simulated lab: the vehicle's side of the GB/T
27930-2015 handshake and configuration on a socketcand CAN hub (v2gbench-sim --bus-dut external).
Written from the shared standards digest (§1.3 message table, §1.5 transport protocol), not from
our C++ protocol library: a second implementation for the GB/T 34658 BMS-side plans to judge.

Usage: external_bms.py --hub PORT --plug PORT [--short-brm] [--lifetime S]

  --hub PORT    the CAN hub (socketcand raw mode, 127.0.0.1, bus can0)
  --plug PORT   the lab's EV emulator SCPI port: `EV:PLUG?` answers <plugged 0|1>,<plug-ins>; the
                BMS wakes on a plug-in (a fresh session) and goes silent on an unplug, as a vehicle
                woken by the plug and the charger's auxiliary supply does
  --short-brm   BRM of 41 bytes (the GB/T 27930-2011 layout) instead of 49
  --lifetime S  exits (status 0) after S seconds (default 900); SIGTERM/SIGINT end it at once

What it does, once awake:
  BHM every 250 ms until a CRM arrives;
  CRM(0x00) -> BRM by TP (RTS/CTS/DT/EndOfMsgAck) every 250 ms until CRM(0xAA); a transfer that
               gets no CTS within 1.25 s (J1939 T3), or a Conn_Abort, is started again at the next
               250 ms slot;
  CRM(0xAA) -> BCP by TP (13 bytes) every 500 ms until CML;
  CML       -> BRO(0x00) once, then BRO(0xAA) every 250 ms until CRO(0xAA);
  CRO(0xAA) -> BCL every 50 ms and BCS by TP every 250 ms (charging; no BSM, no end phase).
A CRM or CML shorter than its 8 bytes is not a CRM or CML (the message table's length): it is
ignored, as if not received.
Timeouts (GB/T 27930-2015 as the digest §1.4 has them), each ending in BEM every 250 ms with that
bit for 1 s, then a reconnect (BHM again, every timer afresh); the third timeout ends the session
(nothing more is sent until the next plug-in; digest: reconnect attempts 3, Fig. A.9):
  CRM(0x00) 30 s after the first BHM; CRM(0xAA) 5 s after the first CRM(0x00);
  CML 5 s after the first CRM(0xAA); CRO(0xAA) 60 s after the first BRO was sent, and any CRO
  frame 5 s after the first BRO or the last CRO (§1.3: CRO's receive timeout 5 s per frame, 60 s
  for 0xAA).
Not implemented: CCS/CST/CSD supervision, BSM, BST/BSD, reactions to CEM.

Prints "ready" once the hub's handshake is done and the plug port answered, then one line per
wake-up/sleep ("awake 2", "asleep"); errors go to stderr with exit status 2.
"""
import argparse
import select
import signal
import socket
import sys
import time

CHARGER, BMS = 0x56, 0xF4
PGN_CHM, PGN_BHM, PGN_CRM, PGN_BRM = 0x2600, 0x2700, 0x0100, 0x0200
PGN_BCP, PGN_CTS, PGN_CML, PGN_BRO, PGN_CRO = 0x0600, 0x0700, 0x0800, 0x0900, 0x0A00
PGN_BCL, PGN_BCS, PGN_BEM = 0x1000, 0x1100, 0x1E00
# After a timeout: BEM for this long, then a reconnect; the third timeout ends the session
# (digest §1.4: reconnect attempts 3). The 1 s is ours, as the simulated BMS's reconnect delay.
RECONNECT_DELAY = 1.0
MAX_TIMEOUTS = 3
PGN_TP_CM, PGN_TP_DT = 0xEC00, 0xEB00

# Digest §1.3: priorities of the vehicle's messages.
PRIORITY = {PGN_BHM: 6, PGN_BRM: 7, PGN_BCP: 7, PGN_BRO: 4, PGN_BCL: 6, PGN_BCS: 7, PGN_BEM: 2,
            PGN_TP_CM: 7, PGN_TP_DT: 7}

# The vehicle (testplans/evs/nmc-750v.yaml, what the lab's own EV emulator states).
MAX_CHARGE_VOLTAGE = 750.0   # V, BHM and BCP
MAX_CELL_VOLTAGE = 4.2       # V
MAX_CHARGE_CURRENT = 250.0   # A
NOMINAL_ENERGY = 82.8        # kWh
MAX_TEMPERATURE = 55         # degC
SOC = 30.0                   # %
BATTERY_VOLTAGE = 360.0      # V
RATED_CAPACITY = 120.0       # Ah
RATED_VOLTAGE = 690.0        # V
VIN = b"LNBSCCAK8PR000001"
DEMAND_VOLTAGE, DEMAND_CURRENT = 450.0, 20.0

T3_NO_CTS = 1.25             # s, J1939-21 T3 (digest §1.5: [U] for GB/T)


def can_id(pgn, priority=None):
    priority = PRIORITY[pgn] if priority is None else priority
    return (priority << 26) | (pgn << 8) | (CHARGER << 8) | BMS


def u16(value):
    value = int(round(value))
    return [value & 0xFF, (value >> 8) & 0xFF]


def brm_payload(short):
    data = [0x01, 0x01, 0x00, 0x06]                  # version 1.1, battery type NCM (06)
    data += u16(RATED_CAPACITY * 10) + u16(RATED_VOLTAGE * 10)
    data += list(b"V2GB") + [0x01, 0x00, 0x00, 0x00]  # manufacturer, pack serial
    data += [2024 - 1985, 1, 1] + [0x05, 0x00, 0x00]  # production date, charge count
    data += [0x01, 0xFF]                             # owned, reserved
    data += list(VIN)                                # 41 bytes so far: the 2011 layout ends here
    if not short:
        data += [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]  # BMS software version
    return data


def bcp_payload():
    return (u16(MAX_CELL_VOLTAGE * 100) + u16((400.0 - MAX_CHARGE_CURRENT) * 10) + u16(NOMINAL_ENERGY * 10)
            + u16(MAX_CHARGE_VOLTAGE * 10) + [MAX_TEMPERATURE + 50] + u16(SOC * 10) + u16(BATTERY_VOLTAGE * 10))


def bcs_payload():
    return (u16(BATTERY_VOLTAGE * 10) + u16(400.0 * 10) + u16(4.0 * 100) + [int(SOC)] + u16(60))


class Hub:
    """socketcand raw mode over TCP (instrument-protocols.md: < hi >, open, rawmode, send, frame)."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buffer = b""
        self.expect("< hi >")
        self.sock.sendall(b"< open can0 >")
        self.expect("< ok >")
        self.sock.sendall(b"< rawmode >")
        self.expect("< ok >")
        self.sock.setblocking(False)

    def expect(self, text):
        message = self.next_message(blocking=True)
        if message != text:
            raise RuntimeError(f"hub answered {message!r}, expected {text!r}")

    def next_message(self, blocking=False):
        while True:
            start = self.buffer.find(b"<")
            end = self.buffer.find(b">", start)
            if start >= 0 and end > start:
                message = self.buffer[start:end + 1].decode("ascii")
                self.buffer = self.buffer[end + 1:]
                return message
            if not blocking:
                return None
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("the hub closed the connection")
            self.buffer += chunk

    def read_available(self):
        try:
            chunk = self.sock.recv(65536)
        except BlockingIOError:
            return
        if not chunk:
            raise RuntimeError("the hub closed the connection")
        self.buffer += chunk

    def frames(self):
        """(id, data) of every complete '< frame ID SECS DATA >' received so far."""
        out = []
        while True:
            message = self.next_message()
            if message is None:
                return out
            words = message[1:-1].split()
            if len(words) >= 3 and words[0] == "frame":
                data = bytes.fromhex(words[3]) if len(words) > 3 else b""
                out.append((int(words[1], 16), data))
            elif words and words[0] == "error":
                raise RuntimeError(f"hub error: {message}")

    def send(self, identifier, data):
        text = f"< send {identifier:08X} {len(data)} " + " ".join(f"{b:02X}" for b in data) + " >"
        self.sock.setblocking(True)
        self.sock.sendall(text.encode("ascii"))
        self.sock.setblocking(False)


class Plug:
    """The lab's plug as the vehicle senses it: EV:PLUG? on the EV emulator's SCPI port."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buffer = b""

    def read(self):
        self.sock.sendall(b"EV:PLUG?\n")
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(256)
            if not chunk:
                raise RuntimeError("the EV emulator's port closed the connection")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        plugged, count = line.decode("ascii").strip().split(",")
        return plugged == "1", int(count)


class TpSender:
    """One BMS-to-charger transfer at a time (digest §1.5: RTS, CTS, TP.DT, EndOfMsgAck)."""

    def __init__(self, hub):
        self.hub = hub
        self.pgn = None
        self.data = b""
        self.started = 0.0
        self.outcome = None  # "done", "failed" for the last transfer

    def busy(self):
        return self.pgn is not None

    def start(self, pgn, data, now):
        size = len(data)
        packets = (size + 6) // 7
        self.pgn, self.data, self.started, self.outcome = pgn, bytes(data), now, None
        self.hub.send(can_id(PGN_TP_CM), [0x10] + u16(size) + [packets, 0xFF] + [pgn & 0xFF, (pgn >> 8) & 0xFF, 0])

    def on_cm(self, data, now):
        if self.pgn is None or len(data) < 8 or data[5] | (data[6] << 8) | (data[7] << 16) != self.pgn:
            return
        if data[0] == 0x11:  # CTS: NN packets from SS
            count, first = data[1], data[2]
            self.started = now
            for seq in range(first, first + count):
                chunk = list(self.data[(seq - 1) * 7:seq * 7])
                self.hub.send(can_id(PGN_TP_DT), [seq] + chunk + [0xFF] * (7 - len(chunk)))
        elif data[0] == 0x13:  # EndOfMsgAck
            self.pgn, self.outcome = None, "done"
        elif data[0] == 0xFF:  # Conn_Abort
            self.pgn, self.outcome = None, "failed"

    def poll(self, now):
        if self.pgn is not None and now - self.started > T3_NO_CTS:
            self.pgn, self.outcome = None, "failed"

    def drop(self):
        self.pgn = None


class Periodic:
    def __init__(self, period):
        self.period = period
        self.next = None

    def due(self, now):
        if self.next is None:
            self.next = now + self.period
            return True
        if now + 1e-6 < self.next:
            return False
        self.next += self.period
        if self.next <= now:
            self.next = now + self.period
        return True


class Bms:
    def __init__(self, hub, short_brm):
        self.hub = hub
        self.short_brm = short_brm
        self.tp = TpSender(hub)
        self.state = "asleep"

    def wake(self, now):
        self.state = "handshake"
        self.tp.drop()
        self.grids = {name: Periodic(p) for name, p in
                      (("BHM", 0.25), ("BRM", 0.25), ("BCP", 0.5), ("BRO", 0.25), ("BCL", 0.05), ("BCS", 0.25),
                       ("BEM", 0.25))}
        self.timeouts = 0
        self.restart(now)

    def restart(self, now):
        """A fresh handshake within the same plug-in (the wake-up, or a reconnect after a timeout)."""
        self.state = "handshake"
        self.tp.drop()
        self.deadline = now + 30.0       # CRM(0x00) after the first BHM
        self.timeout_bits = [0xF1, 0xF0, 0xF0, 0xF0]
        self.first_bro = True

    def sleep(self):
        self.state = "asleep"
        self.tp.drop()

    def fail(self, bits, now):
        self.timeouts += 1
        self.state = "error"
        self.tp.drop()
        self.timeout_bits = bits
        self.reconnect_at = now + RECONNECT_DELAY

    def on_frame(self, identifier, data, now):
        if self.state in ("asleep", "error", "ended") or identifier & 0xFF != CHARGER:
            return
        pgn = (identifier >> 8) & 0x3FF00
        if pgn == PGN_TP_CM:
            self.tp.on_cm(data, now)
        elif pgn == PGN_CRM and len(data) >= 8 and self.state in ("handshake", "recognition"):
            if data[0] == 0x00 and self.state == "handshake":
                self.state = "recognition"
                self.deadline = now + 5.0  # CRM(0xAA)
                self.timeout_bits = [0xF4, 0xF0, 0xF0, 0xF0]
            elif data[0] == 0xAA:
                self.state = "configuration"
                self.tp.drop()
                self.deadline = now + 5.0  # CML
                self.timeout_bits = [0xF0, 0xF1, 0xF0, 0xF0]
        elif pgn == PGN_CML and len(data) >= 8 and self.state == "configuration":
            self.state = "ready"
            self.tp.drop()
            self.deadline = None  # set when the first BRO has gone out
            self.timeout_bits = [0xF0, 0xF4, 0xF0, 0xF0]
        elif pgn == PGN_CRO and data and self.state == "ready":
            if data[0] == 0xAA:
                self.state = "charging"
                self.deadline = None
            elif self.deadline is not None:
                self.deadline = min(self.ready_deadline, now + 5.0)  # the next CRO frame

    def step(self, now):
        if self.state in ("asleep", "ended"):
            return
        if self.state == "error":
            if now >= self.reconnect_at:
                if self.timeouts >= MAX_TIMEOUTS:
                    self.state = "ended"  # the third timeout: the session needs a re-plug
                else:
                    self.restart(now)
                return
            if self.grids["BEM"].due(now):
                self.hub.send(can_id(PGN_BEM), self.timeout_bits)
            return
        if self.deadline is not None and now >= self.deadline:
            self.fail(self.timeout_bits, now)
            self.hub.send(can_id(PGN_BEM), self.timeout_bits)
            self.grids["BEM"].due(now)
            return
        self.tp.poll(now)
        if self.state == "handshake" and self.grids["BHM"].due(now):
            self.hub.send(can_id(PGN_BHM), u16(MAX_CHARGE_VOLTAGE * 10))
        elif self.state == "recognition" and self.grids["BRM"].due(now) and not self.tp.busy():
            self.tp.start(PGN_BRM, brm_payload(self.short_brm), now)
        elif self.state == "configuration" and self.grids["BCP"].due(now) and not self.tp.busy():
            self.tp.start(PGN_BCP, bcp_payload(), now)
        elif self.state == "ready" and self.grids["BRO"].due(now):
            self.hub.send(can_id(PGN_BRO), [0x00 if self.first_bro else 0xAA])
            if self.first_bro:
                # Timed from when the first BRO left: the BEM never comes before the limit.
                sent = time.monotonic()
                self.ready_deadline = sent + 60.0
                self.deadline = sent + 5.0
            self.first_bro = False
        elif self.state == "charging":
            if self.grids["BCL"].due(now):
                self.hub.send(can_id(PGN_BCL), u16(DEMAND_VOLTAGE * 10) + u16((400.0 - DEMAND_CURRENT) * 10) + [0x02])
            if self.grids["BCS"].due(now) and not self.tp.busy():
                self.tp.start(PGN_BCS, bcs_payload(), now)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub", type=int, required=True)
    parser.add_argument("--plug", type=int, required=True)
    parser.add_argument("--short-brm", action="store_true")
    parser.add_argument("--lifetime", type=float, default=900.0)
    args = parser.parse_args()

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    signal.signal(signal.SIGINT, lambda *_: stop.append(True))

    hub = Hub(args.hub)
    plug = Plug(args.plug)
    plugged, count = plug.read()
    bms = Bms(hub, args.short_brm)
    print("ready", flush=True)
    start = time.monotonic()
    next_plug_read = start
    seen = None  # plug-ins at the last wake-up
    while not stop and time.monotonic() - start < args.lifetime:
        select.select([hub.sock], [], [], 0.001)
        now = time.monotonic()
        hub.read_available()
        if now >= next_plug_read:
            next_plug_read = now + 0.01
            plugged, count = plug.read()
            now = time.monotonic()
            if plugged and count != seen:
                seen = count
                bms.wake(now)
                print(f"awake {count}", flush=True)
            elif not plugged and bms.state != "asleep":
                bms.sleep()
                print("asleep", flush=True)
        for identifier, data in hub.frames():
            bms.on_frame(identifier, data, now)
        bms.step(now)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, RuntimeError, ValueError) as error:
        print(f"external_bms: {error}", file=sys.stderr, flush=True)
        sys.exit(2)
