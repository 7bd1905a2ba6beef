#!/usr/bin/env python3
# SPDX-License-Identifier: EPL-2.0
"""Where the CPU time goes in a JFR recording: the top frames (self time) and, per thread and per frame,
the share of execution samples that have it anywhere on the stack (inclusive time).

    jfr print --events jdk.ExecutionSample rec.jfr > samples.txt
    python3 distribution/bench/jfr-top.py samples.txt [N]
"""
import collections
import re
import sys


def events(lines):
    """Yields (thread, [frames, top first]) per jdk.ExecutionSample."""
    thread, frames, in_stack = None, [], False
    for line in lines:
        s = line.strip()
        if s.startswith("jdk.ExecutionSample"):
            if thread is not None:
                yield thread, frames
            thread, frames, in_stack = "?", [], False
        elif s.startswith("sampledThread"):
            m = re.search(r'"(.*)"', s)
            thread = m.group(1) if m else s
        elif s.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack:
            if s.startswith("]"):
                in_stack = False
            elif s and s != "...":
                frames.append(re.sub(r"\s+line:.*$", "", s))
    if thread is not None:
        yield thread, frames


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    top = collections.Counter()
    inclusive = collections.Counter()
    threads = collections.Counter()
    total = 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for thread, frames in events(f):
            total += 1
            threads[re.sub(r"-\d+$", "-N", thread)] += 1
            if frames:
                top[frames[0]] += 1
            for frame in set(frames):
                inclusive[frame] += 1
    print(f"{total} samples")
    print("\nthreads:")
    for name, c in threads.most_common(n):
        print(f"  {100.0 * c / total:5.1f}%  {name}")
    print("\ntop frames (self):")
    for name, c in top.most_common(n):
        print(f"  {100.0 * c / total:5.1f}%  {name}")
    print("\nframes anywhere on the stack (inclusive):")
    for name, c in inclusive.most_common(2 * n):
        print(f"  {100.0 * c / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
