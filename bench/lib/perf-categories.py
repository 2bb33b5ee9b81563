#!/usr/bin/env python3
# CPU-time profile of one process, by category and by our innermost function, from `perf record`.
# V8's --cpu-prof samples wall-clock time: on a shared machine a descheduled thread's gap is billed
# to whatever was on its stack (docs/plan-speed.md, wave 17). perf's cpu-clock event counts only
# time on a CPU, and works where hardware counters do not (containers, VMs). Usage:
#   perf record -g -e cpu-clock -F 4000 -o perf.data -- node --perf-basic-prof \
#     --interpreted-frames-native-stack [V8 flags] bin/firebreak.js check --plan PLAN --format json --out r.json
#   perf script -i perf.data -F ip,sym > perf.txt
#   python3 bench/lib/perf-categories.py perf.txt [TOP]
# A sample counts as the collector's when a scavenge or full collection is on its stack (whoever
# allocated), as JSON.parse / JSON.stringify when V8's JSON code is, and as module loading when
# Node's loader or built-in compiler is; the rest is listed by the innermost frame of dist/bundle.
import collections
import re
import sys

BUNDLE = re.compile(r"JS:\S*?([\w$.<>#']*) file://\S*/dist/bundle/([\w-]+)\.js:(\d+)")


def frames_of(sample: str) -> list[str]:
    # Each line is "ADDRESS SYMBOL"; innermost frame first.
    return [line.strip().split(' ', 1)[-1] for line in sample.strip().split('\n') if line.strip()]


def category(stack: str) -> str:
    if 'Scavenge' in stack or 'Heap::CollectGarbage' in stack or 'MarkCompact' in stack:
        return 'garbage collection'
    if 'JsonParser' in stack:
        return 'JSON.parse'
    if 'JsonStringif' in stack:
        return 'JSON.stringify'
    if 'node:internal/modules' in stack or 'compileForInternalLoader' in stack or 'node:internal/bootstrap' in stack:
        return 'module loading, Node internals'
    if 'page_fault' in stack:
        return 'page faults (outside the above)'
    return 'our code and the rest'


def innermost(frames: list[str]) -> str:
    for frame in frames:
        found = BUNDLE.search(frame)
        if found:
            name = found.group(1).lstrip("'~^+*") or '(anonymous)'
            return f'{name} {found.group(2)}:{found.group(3)}'
    return frames[0][:70]


def main() -> None:
    samples = [frames_of(s) for s in re.split(r'\n\s*\n', open(sys.argv[1]).read())]
    samples = [s for s in samples if s]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    by_category: collections.Counter[str] = collections.Counter()
    faults: collections.Counter[str] = collections.Counter()
    ours: collections.Counter[str] = collections.Counter()
    for frames in samples:
        stack = '\n'.join(frames)
        kind = category(stack)
        by_category[kind] += 1
        if 'page_fault' in stack:
            faults[kind] += 1
        if kind == 'our code and the rest':
            ours[innermost(frames)] += 1
    n = len(samples)
    print(f'{n} samples')
    for kind, count in by_category.most_common():
        print(f'{100 * count / n:5.1f}%  {kind} (page faults within: {100 * faults[kind] / n:.1f}%)')
    print('--- our code and the rest, by innermost function of dist/bundle')
    for name, count in ours.most_common(top):
        print(f'{100 * count / n:5.1f}%  {name}')


if __name__ == '__main__':
    main()
