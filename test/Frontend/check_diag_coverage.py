#!/usr/bin/env python3
"""Fails when a frontend diagnostic kind has no test (Carbon style).

Usage: check_diag_coverage.py SRC_ROOT

Reads frontend/DiagnosticKinds.def and, for every DIAG kind, looks for a line
of test/Frontend/*.nx, test/Frontend/*.test or test/bad/* that checks its
message: a FileCheck directive line (`CHECK:`, `CHECK-NEXT:`, `MISSING:`, ...;
not `-NOT:` and not `RUN:`) or an `expected-error {{...}}`-style line whose
text contains `<severity>: <message>` with the message's `{N}` placeholders
matching anything (a line counts for the kinds that match it with the most
literal text). DIAG_INTERNAL kinds (no input can trigger them) are exempt
from that rule. Every kind, internal or not, must also be used somewhere in
frontend/*.cpp or *.h as `DiagKind::<Name>`.
"""
import glob
import os
import re
import sys

ENTRY = re.compile(
    r'^\s*(DIAG|DIAG_INTERNAL)\(\s*(\w+)\s*,\s*(\w+)\s*,\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)',
    re.M)
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
PLACEHOLDER = re.compile(r'\{\d+\}')
DIRECTIVE = re.compile(r'\b[A-Z][A-Z0-9_]*(-[A-Z0-9-]+)?:')
EXPECTED = re.compile(r'expected-(error|warning|note)\b[^{]*\{\{(.*)\}\}')


def parse_kinds(path):
    text = open(path, encoding="utf-8").read()
    # Drop comments so that the example in the header is not read as a kind.
    text = "\n".join(line for line in text.splitlines()
                     if not line.lstrip().startswith("//"))
    kinds = []
    for m in ENTRY.finditer(text):
        macro, name, severity, literals = m.groups()
        fmt = "".join(s.encode().decode("unicode_escape")
                      for s in STRING.findall(literals))
        kinds.append((name, severity.lower(), fmt, macro == "DIAG_INTERNAL"))
    return kinds


def pattern_of(severity, fmt):
    parts = PLACEHOLDER.split(fmt)
    body = ".*".join(re.escape(p) for p in parts)
    return re.compile(re.escape(severity) + r": " + body + r"\s*$")


def check_lines(root):
    files = (glob.glob(os.path.join(root, "test/Frontend/*.nx")) +
             glob.glob(os.path.join(root, "test/Frontend/*.test")) +
             [f for f in glob.glob(os.path.join(root, "test/bad/*"))
              if os.path.isfile(f) and not f.endswith(".py")])
    lines = []
    for f in sorted(files):
        try:
            text = open(f, encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        for line in text.splitlines():
            m = EXPECTED.search(line)
            if m:
                lines.append(m.group(1) + ": " + m.group(2))
                continue
            d = DIRECTIVE.search(line)
            if not d:
                continue
            prefix = d.group(0)
            if prefix in ("RUN:", "REQUIRES:", "UNSUPPORTED:", "XFAIL:") or \
                    prefix.endswith("-NOT:"):
                continue
            lines.append(line[d.end():])
    return lines


def main():
    if len(sys.argv) != 2:
        print("usage: check_diag_coverage.py SRC_ROOT", file=sys.stderr)
        return 2
    root = sys.argv[1]
    kinds = parse_kinds(os.path.join(root, "frontend/DiagnosticKinds.def"))
    if not kinds:
        print("error: no DIAG entries found in frontend/DiagnosticKinds.def")
        return 1
    lines = check_lines(root)
    sources = ""
    for f in sorted(glob.glob(os.path.join(root, "frontend/*.cpp")) +
                    glob.glob(os.path.join(root, "frontend/*.h"))):
        sources += open(f, encoding="utf-8").read()
    # Credit each checked line to the kinds that match it with the most
    # literal text, so that `unexpected {0}` is not covered by a test of
    # `unexpected character `{0}``.
    patterns = [(pattern_of(sev, fmt), len(PLACEHOLDER.sub("", fmt)), name)
                for name, sev, fmt, _ in kinds]
    covered = set()
    for line in lines:
        hits = [(n, name) for pat, n, name in patterns if pat.search(line)]
        if hits:
            best = max(n for n, _ in hits)
            covered.update(name for n, name in hits if n == best)
    failures = []
    seen = set()
    for name, severity, fmt, internal in kinds:
        if name in seen:
            failures.append("kind %s is defined twice" % name)
        seen.add(name)
        if not re.search(r"\bDiagKind::%s\b" % re.escape(name), sources):
            failures.append("kind %s is never reported (no DiagKind::%s in "
                            "frontend/)" % (name, name))
        if internal:
            continue
        if name not in covered:
            failures.append("kind %s has no test: no CHECK line in "
                            "test/Frontend or test/bad matches `%s: %s`"
                            % (name, severity, fmt))
    for f in failures:
        print("error: " + f)
    internal = sum(1 for k in kinds if k[3])
    print("%d diagnostic kinds (%d internal), %d problems"
          % (len(kinds), internal, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
