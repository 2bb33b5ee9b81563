#!/usr/bin/env python3
# Runs one command and writes its CPU time (user + system, microsecond resolution from wait4),
# peak RSS and wall time as JSON to the file named first: GNU time rounds to 10 ms, too coarse
# for a 60 ms process. Usage: rusage.py OUT.json -- COMMAND ARGS... (stdin and stdout pass through)
import json, os, sys, time

out, args = sys.argv[1], sys.argv[3:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(args[0], args)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(out, 'w') as f:
    json.dump({
        'cpuMs': (usage.ru_utime + usage.ru_stime) * 1000,
        'userMs': usage.ru_utime * 1000,
        'sysMs': usage.ru_stime * 1000,
        'maxRssMb': usage.ru_maxrss / 1024,
        'wallMs': wall * 1000,
        'exit': os.waitstatus_to_exitcode(status),
    }, f)
