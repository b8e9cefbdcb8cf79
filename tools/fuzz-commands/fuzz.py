#!/usr/bin/env python3
"""Hostile-input pass over the commands (not the fuzz engine of tools/fuzz, which drives check and summarize).

Mutates the bundled examples (and the robvis and PRISMA2020 tables in ../shared/data when present), runs every
command that reads them, and flags what the README promises never happens:

  crash        a stack trace on stderr, or an exit code outside 0, 1, 2, 3 (70 is counted apart: a reported bug)
  internal     exit 70 (an internal error, reported in one line: still a bug to look at)
  unlocated    a stderr line that is not "FILE[:LINE]: ... [code]" (or one of the few known unlocated lines)
  json         --format json output that is not one valid JSON document
  terminal     a raw control character (ESC, C1, CR, BEL, ...) on stdout of a text format or on stderr
  formula      a CSV cell of stdout that starts with = + - @ and is neither a number nor neutralised with '
  timeout      a run that takes longer than --timeout seconds
  leftover     a temporary file (.NAME.*.tmp) left in the output folder
  wrong-kind   a table of the wrong kind (a studies CSV given to plot rob or plot prisma) drawn with exit 0
  usage        a usage error (a typo) that is not exit 2 with a short message and nothing on stdout
  environment  a full stdout (> /dev/full) or a missing TMPDIR not handled as documented (exit 3, valid JSON)

Usage: python3 tools/fuzz-commands/fuzz.py [--bin PATH] [--runs N] [--seed S] [--timeout SEC] [--keep DIR]
The default program is ./evident (which builds on first use). Deterministic for a given seed.
"""

import argparse
import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LOCATED = re.compile(r"^(?P<file>.+?)(:\d+(:\d+)?)?: .*\[[a-z0-9-]+\]$")
KNOWN_UNLOCATED = [
    re.compile(r"^wrote "),
    re.compile(r"^Run 'evident.*--help' for usage\.$"),
    # usage errors: short messages about the command line, not about a file
    re.compile(r"^(Unknown option|Unexpected argument|'.*' is not a (valid value|command)|'evident.*' needs a command|--|Required|Option|Argument|Give )"),
    # the batch counts printed at the end (README, "Batch mode")
    re.compile(r"^(.+: )?\d[\d,]* rows in |^\s+(rows|analyses|issues)|^(rows|analyses|issues) "),
]

HOSTILE_TEXT = [
    "=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\x1b[31mRED\x1b[0m",
    "\x1b]0;pwned\x07", "A\rB", "\u202eevil", "<script>alert(1)</script>", "a|b", "**bold**", "[x](javascript:1)",
    "A/B", "A-B", "A B", "a-b", "", " ", "NA", "Ωμέγα", "😀", "x" * 5000, "\"quoted\"", "line\nbreak", "\x9b2J",
]
HOSTILE_NUMBERS = ["", "NA", "NaN", "Inf", "-Inf", "1e308", "-1e308", "1e-320", "0", "-0", "-1", "abc", "1,5", "0x10",
                   "  3 ", "3.", ".5", "1e", "99999999999999999999", "-0.0000001"]


def read(path):
    with open(path, encoding="utf-8-sig") as f:
        return f.read()


def parse_csv(text):
    return list(csv.reader(io.StringIO(text)))


def write_csv(rows, delimiter=","):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def mutate_table(rng, rows):
    """One to three mutations of a table (header + rows), each a kind of hostile input."""
    rows = [list(r) for r in rows]
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(["cell_text", "label_text", "label_text", "cell_number", "drop_column", "dup_header", "extra_field", "short_row",
                           "blank_row", "dup_row", "shuffle", "header_case", "empty", "header_only", "outcome_names",
                           "many_rows", "delete_rows"])
        body = rows[1:]
        if kind == "cell_text" and body:
            r = rng.randrange(len(body))
            c = rng.randrange(len(body[r])) if body[r] else 0
            if body[r]:
                body[r][c] = rng.choice(HOSTILE_TEXT)
        elif kind == "label_text" and body:
            # a study label or an outcome name: the text that reaches tables, file names and messages
            if rows and "outcome" not in [h.lower() for h in rows[0]] and rng.random() < 0.5:
                rows[0].append("outcome")
                for r in body:
                    r.append(rng.choice(["x", "y"]))
            c = 0 if rng.random() < 0.5 or not rows else len(rows[0]) - 1
            for r in rng.sample(body, min(len(body), rng.randint(1, 3))):
                if len(r) > c:
                    r[c] = rng.choice(HOSTILE_TEXT)
        elif kind == "cell_number" and body:
            r = rng.randrange(len(body))
            if body[r]:
                body[r][rng.randrange(len(body[r]))] = rng.choice(HOSTILE_NUMBERS)
        elif kind == "drop_column" and rows and len(rows[0]) > 1:
            c = rng.randrange(len(rows[0]))
            rows = [r[:c] + r[c + 1:] for r in rows]
            continue
        elif kind == "dup_header" and rows and len(rows[0]) > 1:
            rows[0][rng.randrange(len(rows[0]))] = rng.choice(rows[0])
        elif kind == "extra_field" and body:
            body[rng.randrange(len(body))].append(rng.choice(HOSTILE_TEXT))
        elif kind == "short_row" and body:
            r = rng.randrange(len(body))
            body[r] = body[r][: rng.randrange(len(body[r]) + 1)]
        elif kind == "blank_row":
            body.insert(rng.randrange(len(body) + 1), [])
        elif kind == "dup_row" and body:
            body.append(list(rng.choice(body)))
        elif kind == "shuffle":
            rng.shuffle(body)
        elif kind == "header_case" and rows:
            rows[0] = [h.upper() if rng.random() < 0.5 else h for h in rows[0]]
        elif kind == "empty":
            return []
        elif kind == "header_only":
            return rows[:1]
        elif kind == "outcome_names" and rows:
            rows[0].append("outcome")
            for i, r in enumerate(body):
                r.append(["A/B", "A-B", "A B", "a-b"][i % 4])
        elif kind == "many_rows" and body:
            body = body * rng.randint(5, 40)
        elif kind == "delete_rows" and body:
            body = rng.sample(body, rng.randint(0, len(body)))
        rows = rows[:1] + body
    return rows


def mutate_bytes(rng, text):
    """A text-level mutation: a cut, a byte flip, a delimiter or encoding change, an unbalanced quote."""
    kind = rng.choice(["none", "none", "truncate", "quote", "semicolon", "tab", "crlf", "utf16", "nul", "bom2"])
    data = text.encode("utf-8")
    if kind == "truncate" and data:
        data = data[: rng.randrange(len(data))]
    elif kind == "quote":
        data = data.replace(b",", b",\"", 1)
    elif kind == "semicolon":
        data = data.replace(b",", b";").replace(b".", b",")
    elif kind == "tab":
        data = data.replace(b",", b"\t")
    elif kind == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif kind == "utf16":
        data = text.encode("utf-16")
    elif kind == "nul" and data:
        i = rng.randrange(len(data))
        data = data[:i] + b"\x00" + data[i:]
    elif kind == "bom2":
        data = b"\xef\xbb\xbf\xef\xbb\xbf" + data
    return data, kind


def commands(rng, path, out_dir, kind):
    """The command lines to run on a mutated file of the given kind (studies, rob, prisma)."""
    o = lambda name: os.path.join(out_dir, name)
    if kind == "rob":
        return [["plot", "rob", path, "--out", o("rob.svg")],
                ["plot", "rob", path, "--kind", "summary", "--weighted", "--out", o("robs.png")]]
    if kind == "prisma":
        return [["plot", "prisma", path, "--out", o("prisma.svg")],
                ["plot", "prisma", path, "--allow-inconsistent", "--out", o("prisma2.svg")]]
    measure = rng.choice(["auto", "RR", "OR", "SMD", "MD", "GEN"])
    runs = [
        ["analyze", path, "--measure", measure],
        ["analyze", path, "--measure", measure, "--format", "json"],
        ["analyze", path, "--measure", measure, "--format", "csv"],
        ["analyze", path, "--measure", measure, "--format", "md"],
        ["plot", "forest", path, "--measure", measure, "--out", o("forest.svg")],
        ["report", path, "--measure", measure, "--force", "--out", o("r.html"), "--out", o("r.md"), "--out", o("r.json")],
        ["summarize", path, "--measure", measure],
    ]
    extra = [
        ["bias", path, "--measure", measure, "--format", "json"],
        ["sensitivity", path, "--measure", measure, "--format", "csv"],
        ["plot", "funnel", path, "--measure", measure, "--trimfill", "--out", o("funnel.png")],
        ["plot", "labbe", path, "--measure", measure, "--out", o("labbe.svg")],
        ["plot", "forest", path, "--measure", measure, "--cumulative", "--layout", "metafor", "--out", o("cum.svg")],
        ["plot", "forest", path, "--measure", measure, "--leave-one-out", "--out", o("loo.svg")],
        ["analyze", path, "--measure", measure, "--by", "outcome", "--format", "json"],
        ["analyze", path, "--measure", measure, "--subgroup", "alloc", "--quiet"],
    ]
    return runs + rng.sample(extra, 3)


def check(args, code, out, err, elapsed, timeout, out_dir):
    """The findings of one run: (category, detail)."""
    found = []
    fmt = args[args.index("--format") + 1] if "--format" in args else "text"
    if code is None:
        return [("timeout", f"more than {timeout} s")]
    if "   at " in err or "Unhandled exception" in err:
        found.append(("crash", "stack trace: " + err.strip().splitlines()[0][:200]))
    if code == 70:
        found.append(("internal", err.strip().splitlines()[0][:300] if err.strip() else "exit 70"))
    elif code not in (0, 1, 2, 3):
        found.append(("crash", f"exit code {code}"))
    for line in err.splitlines():
        if not line.strip():
            continue
        if CONTROL.search(line):
            found.append(("terminal", repr(line[:160])))
        if not LOCATED.match(line) and not any(p.search(line) for p in KNOWN_UNLOCATED):
            found.append(("unlocated", line[:200]))
    if fmt == "json" and args[0] in ("analyze", "bias", "sensitivity"):
        if out.strip() or code in (0, 1):
            try:
                json.loads(out)
            except ValueError as e:
                found.append(("json", f"{e} (exit {code}, {len(out)} chars)"))
    if fmt in ("text", "md") and args[0] != "summarize" and CONTROL.search(out.replace("\n", "").replace("\t", "")):
        found.append(("terminal", "raw control character on stdout"))
    if fmt == "csv":
        for row in csv.reader(io.StringIO(out)):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@") and not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|[-+]?Infinity", cell):
                    found.append(("formula", cell[:80]))
    if args[:2] in (["plot", "rob"], ["plot", "prisma"]) and os.path.basename(os.path.dirname(args[2])).startswith("cross") and code == 0:
        found.append(("wrong-kind", "a studies table was drawn"))
    for name in os.listdir(out_dir):
        if name.startswith(".") and name.endswith(".tmp"):
            found.append(("leftover", name))
    return found


def environment(bin_path, work):
    """Fixed cases: typos, a full stdout, no temporary folder. Findings as (category, command, detail)."""
    bcg = os.path.join(ROOT, "examples", "bcg", "bcg.csv")
    found = []
    typos = [["analyze", bcg, "--meausre", "RR"], ["plot", "forst", bcg, "--out", "x.svg"], ["analyze", bcg, "--method", "reml2"],
             ["anlyze", bcg], ["plot"], ["report", bcg, "--biass"], ["summarize", bcg, "--abuot", "x.json"]]
    for args in typos:
        p = subprocess.run([bin_path] + args, capture_output=True, cwd=work)
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode != 2 or p.stdout or len(err.strip().splitlines()) > 3 or "Usage:" in err:
            found.append(("usage", " ".join(args[:2]), f"exit {p.returncode}, {len(err.strip().splitlines())} lines: {err.strip()[:160]!r}"))
    for fmt in ("json", "text", "csv"):
        p = subprocess.run(f"'{bin_path}' analyze '{bcg}' --measure RR --format {fmt} > /dev/full", shell=True, capture_output=True)
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode != 3 or "   at " in err or "[output-unwritable]" not in err:
            found.append(("environment", f"analyze --format {fmt} > /dev/full", f"exit {p.returncode}: {err.strip()[:200]!r}"))
    many = os.path.join(work, "many.csv")
    with open(many, "w") as f:
        f.write("g,study,yi,vi\n" + "".join(f"{i % 20},S{i},x,1\n" for i in range(400)))
    p = subprocess.run([bin_path, "analyze", many, "--by", "g", "--format", "json"], capture_output=True, env={**os.environ, "TMPDIR": "/nonexistent"})
    try:
        issues = json.loads(p.stdout)["issues"]
        if len(issues) < 400:
            found.append(("environment", "TMPDIR=/nonexistent analyze --format json", f"{len(issues)} issues of 400"))
    except ValueError as e:
        found.append(("environment", "TMPDIR=/nonexistent analyze --format json", f"invalid JSON: {e}"))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.path.join(ROOT, "evident"))
    parser.add_argument("--runs", type=int, default=60, help="mutated files (each is run through several commands)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--keep", help="keep the failing inputs in this folder")
    opts = parser.parse_args()
    opts.bin = os.path.abspath(opts.bin) if os.sep in opts.bin else opts.bin
    rng = random.Random(opts.seed)

    seeds = [(os.path.join(ROOT, "examples", "bcg", "bcg.csv"), "studies"),
             (os.path.join(ROOT, "examples", "normand1999", "normand1999.csv"), "studies")]
    for name in ("data_rob2.csv", "data_robins_i.csv", "data_rob1.csv"):
        p = os.path.join(SHARED, "mcguinlu__robvis", "data_raw", name)
        if os.path.exists(p):
            seeds.append((p, "rob"))
    p = os.path.join(SHARED, "prisma-flowdiagram__PRISMA2020", "inst", "extdata", "PRISMA.csv")
    if os.path.exists(p):
        seeds.append((p, "prisma"))
    # cross-kind mistakes: a studies table given to plot rob and plot prisma, and the reverse
    cross = [(seeds[0][0], "rob"), (seeds[0][0], "prisma")] + [(s, "studies") for s, k in seeds if k != "studies"][:2]

    work = tempfile.mkdtemp(prefix="evident-fuzz-")
    findings = {}
    total = 0
    started = time.time()
    try:
        jobs = [(s, k, False) for s, k in cross] + [(*rng.choice(seeds), True) for _ in range(opts.runs)]
        for n, (seed_path, kind, mutate) in enumerate(jobs):
            text = read(seed_path)
            rows = parse_csv(text)
            mutation = "none"
            if mutate:
                rows = mutate_table(rng, rows)
                data, mutation = mutate_bytes(rng, write_csv(rows))
            else:
                data = text.encode("utf-8")
            case_dir = os.path.join(work, f"{'case' if mutate else 'cross'}{n:04d}")
            os.makedirs(case_dir)
            path = os.path.join(case_dir, "in.csv")
            with open(path, "wb") as f:
                f.write(data)
            for args in commands(rng, path, case_dir, kind):
                total += 1
                t = time.time()
                try:
                    p = subprocess.run([opts.bin] + args, capture_output=True, timeout=opts.timeout, cwd=case_dir)
                    code, out, err = p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
                except subprocess.TimeoutExpired:
                    code, out, err = None, "", ""
                for category, detail in check(args, code, out, err, time.time() - t, opts.timeout, case_dir):
                    key = (category, " ".join(args[:2] if args[0] == "plot" else args[:1]))
                    findings.setdefault(key, []).append((os.path.basename(seed_path), mutation, " ".join(a.replace(case_dir, "$CASE") for a in args), detail))
                    if opts.keep:
                        os.makedirs(opts.keep, exist_ok=True)
                        shutil.copy(path, os.path.join(opts.keep, f"case{n:04d}-{category}.csv"))
        for category, command, detail in environment(opts.bin, work):
            findings.setdefault((category, command), []).append(("bcg.csv", "none", command, detail))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{total} runs of {len(jobs)} inputs in {time.time() - started:.0f} s (seed {opts.seed})")
    if not findings:
        print("no findings")
        return 0
    for (category, command), items in sorted(findings.items()):
        print(f"\n{category} in {command}: {len(items)}")
        for seed_name, mutation, cmd, detail in items[:5]:
            print(f"  {seed_name} [{mutation}] {cmd}\n    {detail}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
