#!/usr/bin/python3
"""pyvisa-py side of the SCPI round-trip benchmark: N queries on a raw socket resource.

usage: scpi_pyvisa_loop.py PORT N QUERY
Prints "RATE <queries per second>" and "CPU_US <client CPU microseconds per query>".
"""
import sys
import time

import pyvisa


def main():
    port, n, query = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rm = pyvisa.ResourceManager("@py")
    inst = rm.open_resource("TCPIP0::127.0.0.1::%d::SOCKET" % port)
    inst.read_termination = "\n"
    inst.write_termination = "\n"
    inst.query(query)  # warm-up: connection and first parse
    t0 = time.perf_counter()
    c0 = time.process_time()
    for _ in range(n):
        inst.query(query)
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    inst.close()
    rm.close()
    print("RATE %.1f" % (n / dt), flush=True)
    print("CPU_US %.2f" % (cpu / n * 1e6), flush=True)


if __name__ == "__main__":
    main()
