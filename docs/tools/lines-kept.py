#!/usr/bin/env python3
# Lists every line with a digit in docs as they were at a git revision that no Markdown file of docs/ (or README.md)
# holds now, for checking that a restructuring of the docs lost no measured number or command.
# Usage, from the repository root: python3 docs/tools/lines-kept.py REV docs/accuracy.md [docs/robustness.md ...]
# Relative link targets are compared without their folder part (a line moved to docs/history/ has its links
# rewritten to ../x.md, and a link into a moved section to history/x.md#anchor). Exit code 1 when a line is lost.
import os
import re
import subprocess
import sys

TARGET = re.compile(r'\]\((?![a-z][a-z0-9+.-]*:)(?:\.\./|history/)*([^)\s]*)\)', re.I)


def normal(line):
    return TARGET.sub(r'](\1)', line.rstrip())


def current_lines():
    paths = ['README.md'] + [os.path.join(folder, name) for folder, _, names in os.walk('docs')
                             for name in names if name.endswith('.md')]
    found = set()
    for path in paths:
        with open(path, encoding='utf-8') as f:
            found.update(normal(line) for line in f)
    return found


def main(rev, docs):
    now = current_lines()
    lost = checked = 0
    for doc in docs:
        text = subprocess.run(['git', 'show', f'{rev}:{doc}'], capture_output=True, text=True, check=True).stdout
        for number, line in enumerate(text.split('\n'), 1):
            if re.search(r'\d', line):
                checked += 1
                if normal(line) not in now:
                    print(f'{doc}:{number} (at {rev}): {line}')
                    lost += 1
    print(f'{checked} lines with a digit checked, {lost} not found')
    return 1 if lost else 0


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit('usage: python3 docs/tools/lines-kept.py REV docs/x.md [...]')
    sys.exit(main(sys.argv[1], sys.argv[2:]))
