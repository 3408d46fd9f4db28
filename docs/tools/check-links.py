#!/usr/bin/env python3
# Lists every relative link in docs/**/*.md and README.md whose file or #anchor does not resolve.
# Usage, from the repository root: python3 docs/tools/check-links.py   (exit code 1 when a link is broken)
# Anchors follow GitHub's rule: lower-case the heading, drop punctuation other than '-' and '_', spaces to '-',
# and number repeats (-1, -2, ...). Headings and links inside fenced code blocks are ignored.
import os
import re
import sys
import unicodedata

ROOT = os.getcwd()
LINK = re.compile(r'(?<!\!)\[(?:[^\]\[]|\[[^\]]*\])*\]\(([^)\s]+)(?:\s+"[^"]*")?\)|!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]*\ssrc="([^"]+)"|href="([^"]+)"')
FENCE = re.compile(r'^\s*(```|~~~)')


def prose_lines(path):
    """The file's lines outside fenced code blocks, with their numbers."""
    inside = False
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            if FENCE.match(line):
                inside = not inside
                continue
            if not inside:
                yield number, line.rstrip('\n')


def slug(heading):
    text = re.sub(r'<[^>]+>', '', heading).strip().lower()
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', text)  # a link in a heading keeps its text
    kept = []
    for ch in text:
        if ch in ' -_' or unicodedata.category(ch)[0] in 'LN':
            kept.append('-' if ch == ' ' else ch)
    return ''.join(kept)


_anchors = {}


def anchors(path):
    if path not in _anchors:
        seen, found = {}, set()
        for _, line in prose_lines(path):
            m = re.match(r'^(#{1,6})\s+(.*?)\s*#*\s*$', line)
            if m:
                base = slug(m.group(2))
                n = seen.get(base, 0)
                found.add(base if n == 0 else f'{base}-{n}')
                seen[base] = n + 1
            for a in re.findall(r'<a\s+(?:name|id)="([^"]+)"', line):
                found.add(a)
        _anchors[path] = found
    return _anchors[path]


def markdown_files():
    yield os.path.join(ROOT, 'README.md')
    for folder, _, files in os.walk(os.path.join(ROOT, 'docs')):
        for name in sorted(files):
            if name.endswith('.md'):
                yield os.path.join(folder, name)


def main():
    broken = checked = 0
    for path in markdown_files():
        for number, line in prose_lines(path):
            for groups in LINK.findall(line):
                target = next(g for g in groups if g)
                if re.match(r'^[a-z][a-z0-9+.-]*:', target, re.I):
                    continue  # http:, mailto:, ...
                checked += 1
                file_part, _, anchor = target.partition('#')
                resolved = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
                where = f'{os.path.relpath(path, ROOT)}:{number}'
                if not os.path.exists(resolved):
                    print(f'{where}: {target}: no such file')
                    broken += 1
                elif anchor and resolved.endswith('.md') and anchor not in anchors(resolved):
                    print(f'{where}: {target}: no such anchor')
                    broken += 1
    print(f'{checked} relative links checked, {broken} broken')
    return 1 if broken else 0


if __name__ == '__main__':
    sys.exit(main())
