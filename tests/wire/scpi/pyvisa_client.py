#!/usr/bin/python3
"""Independent SCPI client for the wire tests: pyvisa with the pure-Python backend (pyvisa-py)
talks to our grid server over a VISA raw socket resource.

usage: pyvisa_client.py PORT VOLTAGE
Prints "IDN <reply>", "ERR <reply>" and "VOLT <reply>", one per line, then "DONE".
"""
import sys

import pyvisa


def main():
    port, voltage = int(sys.argv[1]), sys.argv[2]
    rm = pyvisa.ResourceManager("@py")
    inst = rm.open_resource("TCPIP0::127.0.0.1::%d::SOCKET" % port)
    inst.read_termination = "\n"
    inst.write_termination = "\n"
    inst.timeout = 5000
    print("IDN", inst.query("*IDN?"), flush=True)
    # Long forms, as a person types them; the server must accept them like the short ones.
    inst.write("SOURce:VOLTage:LEVel:IMMediate:AMPLitude:AC %s;:SOURce:FREQuency 50" % voltage)
    inst.write("OUTPut:STATe ON")
    print("ERR", inst.query("SYSTem:ERRor?"), flush=True)
    print("VOLT", inst.query("VOLT:AC?"), flush=True)
    inst.close()
    rm.close()
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
