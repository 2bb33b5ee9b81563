"""Runs AWS CLI commands for Firebreak's twin in one long-lived Python process.

Starting the CLI costs about a second of imports; the twin runs dozens of commands. Each request
is one line of JSON on stdin, {"argv": [...], "env": {...}, "cwd": "..."}; the command runs with
exactly that environment and folder, as `aws <argv>` would, and one line of JSON answers it:
{"exitCode": n, "stdout": "...", "stderr": "..."}. No shell is involved.
"""

import io
import json
import os
import sys
import traceback

import sitecustomize  # noqa: F401  (short waiter polling, as for the plain CLI)

import awscli  # noqa: E402  (sets AWS_DATA_PATH to the CLI's own data, which every command needs)

CLI_DATA_PATH = os.environ.get("AWS_DATA_PATH", "")

protocol_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
protocol_in = sys.stdin


def run(request):
    from awscli.clidriver import create_clidriver

    os.environ.clear()
    os.environ.update({k: str(v) for k, v in (request.get("env") or {}).items()})
    os.environ["AWS_DATA_PATH"] = CLI_DATA_PATH
    os.chdir(request.get("cwd") or "/")
    out_buffer, err_buffer = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_buffer, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_buffer, encoding="utf-8", write_through=True)
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = out, err, io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    try:
        code = create_clidriver().main(list(request["argv"]))
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    except BaseException:
        traceback.print_exc(file=err)
        code = 255
    finally:
        out.flush()
        err.flush()
        sys.stdout, sys.stderr, sys.stdin = saved
    return {"exitCode": code if isinstance(code, int) else 0, "stdout": out_buffer.getvalue().decode("utf-8", "replace"), "stderr": err_buffer.getvalue().decode("utf-8", "replace")}


for line in protocol_in:
    if not line.strip():
        continue
    try:
        answer = run(json.loads(line))
    except BaseException:
        answer = {"exitCode": 255, "stdout": "", "stderr": traceback.format_exc()}
    protocol_out.write(json.dumps(answer) + "\n")
    protocol_out.flush()
