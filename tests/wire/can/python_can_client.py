#!/usr/bin/python3
"""An independent socketcand client for the CAN hub test: python-can's own "socketcand"
interface (Debian python3-can). Usage: python_can_client.py PORT

Prints, one line each, flushed (the C++ test synchronises on them):
  ready                      the handshake (< hi >, open can0, rawmode) is done
  received ID DATA           the first frame it got (id 8 hex digits, data upper-case hex)
  sent                       after it put 0x0C3956F4 [05 A0 00 FF] on the bus
Exits 0, or 2 with a reason when no frame arrives within 10 s.
"""
import sys

import can


def main() -> int:
    port = int(sys.argv[1])
    bus = can.Bus(interface="socketcand", host="127.0.0.1", port=port, channel="can0")
    try:
        print("ready", flush=True)
        msg = bus.recv(timeout=10.0)
        if msg is None:
            print("error no frame within 10 s", flush=True)
            return 2
        print(f"received {msg.arbitration_id:08X} {bytes(msg.data).hex().upper()}", flush=True)
        bus.send(can.Message(arbitration_id=0x0C3956F4, is_extended_id=True, data=[0x05, 0xA0, 0x00, 0xFF]))
        print("sent", flush=True)
    finally:
        bus.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
