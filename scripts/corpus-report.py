#!/usr/bin/env python3
"""Run every consecutive pair of the Markdown corpus through agreement-diff and
summarise: exit code, findings by materiality, and the rules seen.

    scripts/corpus-report.py [BINARY] [CORPUS] [-v]
"""
import json, os, re, subprocess, sys
from collections import Counter

args = [a for a in sys.argv[1:] if a != '-v']
verbose = '-v' in sys.argv
binary = args[0] if args else 'target/debug/agreement-diff'
corpus = args[1] if len(args) > 1 else '../shared/corpus'
for folder in sorted(os.listdir(corpus)):
    vf = os.path.join(corpus, folder, 'VERSIONS.md')
    if not os.path.isfile(vf):
        continue
    rows = []
    for line in open(vf, encoding='utf-8'):
        m = re.match(r'\|\s*(\d+)\s*\|\s*([^|]+?\.md)\s*\|(.*)', line)
        if m:
            rows.append((int(m.group(1)), m.group(2), 'Formatting only' in m.group(3)))
    rows.sort()
    for (_, a, _), (n, b, fmt) in zip(rows, rows[1:]):
        pa, pb = os.path.join(corpus, folder, a), os.path.join(corpus, folder, b)
        r = subprocess.run([binary, '--format', 'json', pa, pb], capture_output=True, text=True)
        if r.returncode not in (0, 1):
            print(f'{folder} {a} -> {b}: exit {r.returncode} {r.stderr.strip()[:200]}')
            continue
        report = json.loads(r.stdout)
        s = report['summary']
        rules = Counter(f['rule'] for f in report['findings'])
        flag = ' FORMATTING-ONLY' if fmt else ''
        print(f"{folder} #{n}{flag}: exit {r.returncode} C{s['commercial']} S{s['substantive']} "
              f"c{s['clarification']} a{s['administrative']} {dict(rules)}")
        if verbose:
            for f in report['findings']:
                if f['materiality'] in ('substantive', 'commercial'):
                    print(f"    {f['rule']} [{f['clause']}] {f['message'][:150]} ({f['old_line']}->{f['new_line']})")
