#!/usr/bin/python3
"""Include-what-you-link: every library includes only headers of what it links itself.

usage: check_layering.py TARGETS_TSV        (written by cmake/layering.cmake at configure time)
       check_layering.py --self-test        (a fake tree with a known leak must be caught)

For each library in TARGETS_TSV it scans its sources and the headers beside them and under its own
include directories for
  #include "v2gbench/<lib>/…"   owned by the library whose include directory holds the file;
  #include <iio.h> <modbus…> <libsocketcan.h> <fftw3.h> <yaml-cpp/…> <nlohmann/…> <openssl/…>
           <sqlite3.h> <libpq-fe.h> <cairo.h> <cairo-pdf.h> <pango/…>
           <Qt…>/<QXxx>        the instrument and support libraries, owned by their imported targets.
An include is fine when the owner is the library itself or one it links directly. It is a leak
when the owner is reached only through another library's public links ("undeclared") or not
linked at all. A library that links an instrument library (libiio, libmodbus, libsocketcan,
FFTW3) without including any of its headers is a leak too (it claims a use its code does not have). Each leak is printed with
its file:line (or folder) and the fix; the exit status is 1 when any."""
import os
import re
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')

# Headers of external libraries → the imported targets that provide them (any one will do).
EXTERNAL = [
    (re.compile(r"^iio\.h$"), ("PkgConfig::LIBIIO",)),
    (re.compile(r"^modbus(/.*)?\.h$|^modbus/"), ("PkgConfig::LIBMODBUS",)),
    (re.compile(r"^libsocketcan\.h$"), ("PkgConfig::LIBSOCKETCAN",)),
    (re.compile(r"^fftw3\.h$"), ("PkgConfig::FFTW3",)),
    (re.compile(r"^yaml-cpp/"), ("yaml-cpp", "yaml-cpp::yaml-cpp")),
    (re.compile(r"^nlohmann/"), ("nlohmann_json::nlohmann_json",)),
    (re.compile(r"^openssl/"), ("OpenSSL::Crypto", "OpenSSL::SSL")),
    (re.compile(r"^sqlite3\.h$"), ("SQLite::SQLite3",)),
    (re.compile(r"^libpq-fe\.h$"), ("PkgConfig::LIBPQ",)),
    (re.compile(r"^cairo(-pdf)?\.h$|^pango/"), ("PkgConfig::PANGOCAIRO",)),
    (re.compile(r"^Qt[A-Za-z]+/|^Q[A-Z][A-Za-z]*$"), ("Qt6::*",)),
]
HEADER_SUFFIXES = (".h", ".hpp")
# The instrument protocol libraries (found through pkg-config), whose links must be real uses.
INSTRUMENT_LIBRARIES = ("PkgConfig::",)


def read_graph(path):
    libraries = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, source_dir, sources, includes, links, interface_links = line.rstrip("\n").split("\t")
            split = lambda field: [x for x in field.split(",") if x]
            libraries[name] = {
                "dir": source_dir,
                "sources": [s if os.path.isabs(s) else os.path.join(source_dir, s) for s in split(sources)],
                "includes": [os.path.normpath(i) for i in split(includes)],
                "links": split(links),
                "interface_links": split(interface_links),
            }
    return libraries


def files_of(lib):
    """The library's sources, the headers beside them, and the headers under its include dirs."""
    files = {s for s in lib["sources"] if s.endswith((".cpp", ".cc", ".c") + HEADER_SUFFIXES)}
    for folder in {os.path.dirname(s) for s in lib["sources"]}:
        if os.path.isdir(folder):
            files.update(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(HEADER_SUFFIXES))
    for inc in lib["includes"]:
        for root, _, names in os.walk(inc):
            files.update(os.path.join(root, n) for n in names if n.endswith(HEADER_SUFFIXES))
    return sorted(files)


def reachable(libraries, name):
    """What `name` gets through the public links of what it links: {target: via}."""
    seen = {}
    stack = [(l, l) for l in libraries[name]["links"]]
    while stack:
        target, via = stack.pop()
        if target in seen:
            continue
        seen[target] = via
        if target in libraries:
            stack.extend((l, via) for l in libraries[target]["interface_links"])
    return seen


def owner_of_project_header(libraries, header):
    for name, lib in libraries.items():
        for inc in lib["includes"]:
            if os.path.isfile(os.path.join(inc, header)):
                return name
    return None


def provides(links, candidates):
    for c in candidates:
        if c.endswith("*"):
            if any(l.startswith(c[:-1]) for l in links):
                return True
        elif c in links:
            return True
    return False


def check(libraries):
    leaks = []
    own_headers = {}
    for name, lib in sorted(libraries.items()):
        if not lib["sources"]:
            continue  # an interface library compiles nothing of its own
        direct = set(lib["links"])
        through = reachable(libraries, name)
        used_external = set()
        for path in files_of(lib):
            with open(path, encoding="utf-8", errors="replace") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    header = m.group(2)
                    where = f"{path}:{number}"
                    if m.group(1) == '"' and header.startswith("v2gbench/"):
                        if header not in own_headers:
                            own_headers[header] = owner_of_project_header(libraries, header)
                        owner = own_headers[header]
                        if owner is None:
                            leaks.append(f"{where}: {name} includes {header}, which no library's include directory holds")
                        elif owner != name and owner not in direct:
                            if owner in through:
                                leaks.append(f"{where}: {name} includes {header} of {owner} but does not link it "
                                             f"(it gets it only through {through[owner]}): link {owner}")
                            else:
                                leaks.append(f"{where}: {name} includes {header} of {owner} but does not link it")
                        continue
                    for pattern, targets in EXTERNAL:
                        if m.group(1) == "<" and pattern.search(header):
                            used_external.update(targets)
                            if not provides(direct, targets):
                                how = (f" (it gets it only through {next(v for t, v in through.items() if provides([t], targets))})"
                                       if provides(through, targets) else "")
                                leaks.append(f"{where}: {name} includes <{header}> but does not link "
                                             f"{' or '.join(targets)}{how}")
                            break
        # An instrument library linked but never included claims a use the code does not have
        # (the transports layer linked libiio that only the IIO drivers call).
        for target in sorted(direct):
            if target.startswith(INSTRUMENT_LIBRARIES) and not provides([target], used_external):
                leaks.append(f"{lib['dir']}: {name} links {target} but includes none of its headers: drop the link")
    return leaks


def self_test():
    """A fake tree: `app` includes a header of `engine`, which it links, one of `driver`, which it
    reaches only through `engine`, and <iio.h>, which nothing links; `driver` links libmodbus it
    never includes; `engine` is clean."""
    with tempfile.TemporaryDirectory() as root:
        def write(rel, text):
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
            return path
        write("driver/include/v2gbench/driver/d.hpp", "#pragma once\n")
        write("engine/include/v2gbench/engine/e.hpp", '#pragma once\n#include "v2gbench/driver/d.hpp"\n')
        engine_src = write("engine/src/e.cpp", '#include "v2gbench/engine/e.hpp"\n#include <yaml-cpp/yaml.h>\n')
        driver_src = write("driver/src/d.cpp", '#include "v2gbench/driver/d.hpp"\n')
        app_src = write("app/src/a.cpp", '#include "v2gbench/engine/e.hpp"\n#include "v2gbench/driver/d.hpp"\n'
                                         '#include <iio.h>\n#include <vector>\n')
        graph = write("targets.tsv", "".join([
            f"driver\t{root}/driver\t{driver_src}\t{root}/driver/include\tPkgConfig::LIBMODBUS\t\n",
            f"engine\t{root}/engine\t{engine_src}\t{root}/engine/include\tdriver,yaml-cpp\tdriver\n",
            f"app\t{root}/app\t{app_src}\t\tengine\tengine\n",
        ]))
        leaks = check(read_graph(graph))
        expected = [
            f"{app_src}:2: app includes v2gbench/driver/d.hpp of driver but does not link it "
            "(it gets it only through engine): link driver",
            f"{app_src}:3: app includes <iio.h> but does not link PkgConfig::LIBIIO",
            f"{root}/driver: driver links PkgConfig::LIBMODBUS but includes none of its headers: drop the link",
        ]
        if leaks != expected:
            print("self-test: expected\n  " + "\n  ".join(expected) + "\ngot\n  " + "\n  ".join(leaks), file=sys.stderr)
            return 1
        print("self-test: the injected leaks are found, the clean libraries pass")
        return 0


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    if argv[1] == "--self-test":
        return self_test()
    libraries = read_graph(argv[1])
    leaks = check(libraries)
    for leak in leaks:
        print(leak, file=sys.stderr)
    checked = sum(1 for lib in libraries.values() if lib["sources"])
    print(f"{checked} libraries checked: {len(leaks)} include(s) of what they do not link")
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
