"""The workload of measure_rss.py: import a broad slice of the standard
library, then report on stdout.

usage: python3.11 import_many.py           one JSON object: modules imported,
                                           failures, artifact mappings
       python3.11 import_many.py --files   the standard-library .py file of
                                           every loaded module, one a line
"""

import sys

MODULES = """
argparse ast asyncio base64 bisect bz2 calendar cmd code codecs collections colorsys
concurrent.futures configparser contextlib copy cProfile csv dataclasses datetime dbm
decimal difflib dis doctest email.headerregistry email.message email.mime.multipart
email.mime.text email.parser email.policy email.utils enum filecmp fnmatch fractions
ftplib functools getopt getpass gettext glob graphlib gzip hashlib heapq hmac html.parser
http.client http.cookiejar http.cookies http.server imaplib importlib.metadata
importlib.resources inspect ipaddress itertools json locale logging logging.handlers lzma
mimetypes multiprocessing netrc numbers operator optparse pathlib pdb pickle pkgutil
platform plistlib poplib pprint pstats pydoc queue quopri random reprlib sched secrets
selectors shelve shlex shutil signal smtplib socket socketserver sqlite3 ssl statistics
string struct subprocess sysconfig tarfile tempfile textwrap threading timeit tokenize
tomllib trace traceback typing unittest unittest.mock urllib.parse urllib.request uuid
warnings wave weakref webbrowser wsgiref.simple_server xml.dom.minidom xml.etree.ElementTree
xml.sax xmlrpc.client xmlrpc.server zipfile zoneinfo
""".split()


def artifact_mappings():
    """Mapped, resident and dirty (written: relocations) KiB of every
    .pyaot.so mapped in this process."""
    files, size, rss, dirty, path = set(), 0, 0, 0, None
    with open("/proc/self/smaps") as f:
        for line in f:
            field = line.split()
            if not field[0].endswith(":"):
                # a mapping header: address perms offset dev inode [path]
                path = field[5] if len(field) > 5 and field[5].endswith(".pyaot.so") else None
                if path:
                    files.add(path)
            elif path and field[0] == "Size:":
                size += int(field[1])
            elif path and field[0] == "Rss:":
                rss += int(field[1])
            elif path and field[0] == "Private_Dirty:":
                dirty += int(field[1])
    return {"artifacts_mapped": len(files), "mapped_kib": size, "mapped_rss_kib": rss,
            "mapped_dirty_kib": dirty}


def resident_split():
    """This process's resident KiB now: anonymous and file-backed."""
    with open("/proc/self/status") as f:
        fields = dict(line.split(":", 1) for line in f)
    return {k: int(fields[k].split()[0]) for k in ("RssAnon", "RssFile")}


def main():
    failed = []
    for name in MODULES:
        try:
            __import__(name)
        except Exception as exc:
            failed.append("%s: %r" % (name, exc))
    import json
    import sysconfig
    if sys.argv[1:] == ["--files"]:
        stdlib = sysconfig.get_paths()["stdlib"] + "/"
        files = {getattr(m, "__file__", None) or "" for m in list(sys.modules.values())}
        print("\n".join(sorted(f for f in files if f.startswith(stdlib) and f.endswith(".py"))))
        return
    report = {"requested": len(MODULES), "failed": failed, "sys_modules": len(sys.modules)}
    report.update(artifact_mappings())
    report.update(resident_split())
    print(json.dumps(report))


main()
