#!/usr/bin/env python3
"""Time commands side by side: median wall time (perf_counter) and median peak
resident memory (maximum RSS as /usr/bin/time reports it, which also backs
`/usr/bin/time -v`) over several runs.

Usage: measure.py SPEC.json RUNS OUT.md
SPEC.json lists measurements: {"label", "size", "timeout", "argv"}.
Prints the Markdown table of bench/run.sh and the targets of issue #4."""
import json, os, platform, signal, statistics, subprocess, sys, tempfile, time
from collections import defaultdict

spec, runs, out_path = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
results = defaultdict(list)
skipped = set()
def run_once(m, rss_file):
    """One timed run: (seconds, peak MB), or None when it timed out or failed."""
    label, size, limit, argv = m["label"], m["size"], m["timeout"], m["argv"]
    start = time.perf_counter()
    # Standard error goes to a file: a pipe nobody reads until the end blocks a chatty command.
    err_file = tempfile.TemporaryFile()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv,
                         stdout=subprocess.DEVNULL, stderr=err_file)
    timed_out = False
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > limit:
            p.send_signal(signal.SIGKILL)
            pid, status, usage = os.wait4(p.pid, 0)
            timed_out = True
            break
        time.sleep(0.0005)
    secs = time.perf_counter() - start
    err_file.seek(0)
    err = err_file.read().decode(errors="replace")
    err_file.close()
    code = os.waitstatus_to_exitcode(status)
    if timed_out:
        print(f"bench: {label} at {size} took more than {limit}s: skipped", file=sys.stderr)
        return None
    if code not in (0, 1):
        print(f"bench: {label} at {size} failed ({code}): {err.strip()[:300]}", file=sys.stderr)
        return None
    rss_kb = int(open(rss_file).read().split()[-1])
    return secs, rss_kb / 1024

# The measurements of one size run in rounds, each tool once a round, so a
# machine whose speed drifts during the bench (a shared host) slows every
# tool alike instead of whichever ran during the slow spell.
groups = []
for m in spec:
    if groups and groups[-1][0]["size"] == m["size"]:
        groups[-1].append(m)
    else:
        groups.append([m])
rss_file = tempfile.NamedTemporaryFile(delete=False).name
for group in groups:
    active = []
    for m in group:
        if m.get("skip_if") in skipped:
            skipped.add(m["label"])
        else:
            active.append(m)
    for _ in range(runs):
        for m in list(active):
            r = run_once(m, rss_file)
            if r is None:
                skipped.add(m["label"])
                active.remove(m)
            else:
                results[(m["label"], m["size"])].append(r)

def med(label, size):
    r = results.get((label, size))
    if not r:
        return None
    return statistics.median(x[0] for x in r), statistics.median(x[1] for x in r)

sizes = sorted({m["size"] for m in spec if m["label"] == "agreement-diff"})
lines = []
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
lines.append(f"Machine: {os.cpu_count()} cores ({cpu}), {mem} memory, {platform.system()} {platform.release()}. "
             f"{runs} runs per cell: median wall time, median peak RSS.\n")
tools = ["agreement-diff", "load-larger", "load-both", "diffx", "difftastic", "deepdiff", "diff -u"]
lines.append("| tool | " + " | ".join(f"{s:,} clauses" for s in sizes) + " |")
lines.append("|---|" + "---|" * len(sizes))
for t in tools:
    cells = []
    for s in sizes:
        m = med(t, s)
        cells.append("skipped" if m is None else f"{m[0]:.3f} s, {m[1]:.0f} MB")
    lines.append(f"| {t} | " + " | ".join(cells) + " |")
lines.append("")

def ratio(a, b):
    return None if a is None or b is None or b[0] == 0 else a[0] / b[0]

targets = []
for s in sizes:
    ad, load, dx = med("agreement-diff", s), med("load-larger", s), med("diffx", s)
    r = ratio(ad, load)
    if r is not None:
        targets.append((f"{s:,}: end-to-end / load of the larger file alone", f"{r:.2f}x", "≤ 1.5x", r <= 1.5))
    r = ratio(ad, dx)
    if r is not None:
        targets.append((f"{s:,}: time / diffx", f"{r:.2f}x", "≤ 0.7x", r <= 0.7))
        targets.append((f"{s:,}: peak memory / diffx", f"{ad[1] / dx[1]:.2f}x", "≤ 1.0x", ad[1] <= dx[1]))
r = ratio(med("agreement-diff", 100000), med("agreement-diff", 10000))
if r is not None:
    targets.append(("100k clauses / 10k clauses", f"{r:.1f}x", "≤ 11x", r <= 11))
rw = med("rewrite-100k-words", 1)
if rw:
    targets.append(("one clause of 100,000 words, entirely rewritten", f"{rw[0]:.2f} s", "< 2 s", rw[0] < 2))
base = med("ordinary-10k", 10000)
for label, name in [("all-renamed-10k", "10k clauses all renamed"), ("reversed-10k", "10k clauses in reverse order")]:
    r = ratio(med(label, 10000), base)
    if r is not None:
        targets.append((f"{name} / ordinary 10k pair", f"{r:.2f}x", "≤ 3x", r <= 3))
lines.append("| target | measured | goal | |")
lines.append("|---|---|---|---|")
for name, got, goal, ok in targets:
    lines.append(f"| {name} | {got} | {goal} | {'met' if ok else 'MISSED'} |")
text = "\n".join(lines) + "\n"
print(text, end="")
open(out_path, "w").write(text)
