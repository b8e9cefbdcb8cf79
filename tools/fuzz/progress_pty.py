#!/usr/bin/env python3
"""The progress bar and the output on one real terminal (a pseudo-terminal made by script(1)).

Runs a batch long enough for the bar to show (Pairwise70, about 10 s) once with stdout on the terminal and once
redirected, replays what the terminal received (carriage return, line feed, ESC[2K "erase line"), and counts the
output lines that do not appear intact on the screen and the lines still holding a piece of the bar. Both must be 0.

Usage: python3 tools/fuzz/progress_pty.py [--bin PATH] [FILE --by COLS]
"""

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def screen(raw):
    lines, col, i = [[]], 0, 0
    while i < len(raw):
        c = raw[i]
        if c == "\r":
            col = 0
        elif c == "\n":
            lines.append([])
            col = 0
        elif raw.startswith("\x1b[2K", i):
            lines[-1] = []
            i += 3
        else:
            line = lines[-1]
            if col < len(line):
                line[col] = c
            else:
                line.append(c)
            col += 1
        i += 1
    return ["".join(l) for l in lines if l]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, "evident"))
    parser.add_argument("args", nargs="*", default=[os.path.join(os.path.dirname(ROOT), "shared", "data", "pairwise70", "pairwise70.csv.gz"),
                                                    "--by", "review,Analysis.group,Analysis.number"])
    opts = parser.parse_args()
    command = [os.path.abspath(opts.bin) if os.sep in opts.bin else opts.bin, "analyze"] + opts.args
    with tempfile.TemporaryDirectory() as work:
        typescript = os.path.join(work, "typescript")
        subprocess.run(["script", "-qfc", shlex.join(command), typescript], stdout=subprocess.DEVNULL, check=False)
        with open(typescript, encoding="utf-8", errors="replace", newline="") as f:
            raw = re.sub(r"^Script started.*\n", "", f.read())
    expected = [l for l in subprocess.run(command, capture_output=True, text=True).stdout.split("\n") if l]
    shown = screen(raw)
    missing = [l for l in expected if l not in set(shown)]
    bars = [l for l in shown if re.search(r"\[[#-]{30}\]", l)]
    print(f"{len(expected)} output lines, {len(missing)} not intact on the screen, {len(bars)} lines with a piece of the bar "
          f"({raw.count(chr(27) + '[2K')} bar redraws)")
    for line in (missing[:3] + bars[:3]):
        print("  " + repr(line[:150]))
    return 1 if missing or bars else 0


if __name__ == "__main__":
    sys.exit(main())
