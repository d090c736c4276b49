#!/usr/bin/python3
"""An independent socketcand client on v2gbench-sim's CAN hub: python-can's own "socketcand"
interface (Debian python3-can), naming GB/T 27930 messages from their J1939 ids alone.
Usage: python_gbt_listener.py PORT SECONDS NAME...

NAME is a message name (CHM, BCL, ...) as the PDU format byte says, or NAME(TP) for a transport
protocol RTS announcing that message's PGN (BRM(TP)). Prints, one line each, flushed:
  ready                      the handshake (< hi >, open can0, rawmode) is done
  seen NAME SENDER           the first sighting of each wanted name (SENDER: source address hex)
  all                        every wanted name was seen
  missing NAME...            SECONDS passed first; exits 2
"""
import sys
import time

import can

NAMES = {0x26: "CHM", 0x27: "BHM", 0x01: "CRM", 0x02: "BRM", 0x06: "BCP", 0x07: "CTS", 0x08: "CML",
         0x09: "BRO", 0x0A: "CRO", 0x10: "BCL", 0x11: "BCS", 0x12: "CCS", 0x13: "BSM", 0x19: "BST",
         0x1A: "CST", 0x1C: "BSD", 0x1D: "CSD", 0x1E: "BEM", 0x1F: "CEM"}


def name_of(msg):
    pf = (msg.arbitration_id >> 16) & 0xFF
    if pf == 0xEC and len(msg.data) == 8 and msg.data[0] == 0x10:  # TP.CM_RTS
        return NAMES.get(msg.data[6], "?") + "(TP)"
    return NAMES.get(pf, "?")


def main() -> int:
    port, seconds, wanted = int(sys.argv[1]), float(sys.argv[2]), set(sys.argv[3:])
    bus = can.Bus(interface="socketcand", host="127.0.0.1", port=port, channel="can0")
    try:
        print("ready", flush=True)
        deadline = time.monotonic() + seconds
        while wanted and time.monotonic() < deadline:
            msg = bus.recv(timeout=0.2)
            if msg is None:
                continue
            name = name_of(msg)
            if name in wanted:
                wanted.discard(name)
                print(f"seen {name} {msg.arbitration_id & 0xFF:02X}", flush=True)
        if wanted:
            print("missing " + " ".join(sorted(wanted)), flush=True)
            return 2
        print("all", flush=True)
    finally:
        bus.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
