# The NF driver's table (`NetworkFunctions.dll measure ...`), read once for every scoring script here.
import re
UNIT = {'ns': 1, 'µs': 1e3, 'ms': 1e6}
ROW = re.compile(r'^(\w+)\s+(\S+)\s+\d+\s+[\d.]+\s+-?[\d.]+ ns\s+(-?[\d.,]+) ns\s+\S+ ns\s+([\d.,]+) (ns|µs)(?:\s+\S+\s+(\d)/(\d))?')

def read(path):
    """'nf workload' -> (measured ns, predicted ns, replays measured on a shared core; 0 in
    tables from drivers older than that column), for the rows whose
    measured median is above 0: a median at or under the timer's floor cannot be scored."""
    rows = {}
    for line in open(path, encoding='utf-8'):
        m = ROW.match(line)
        if m and float(m.group(3).replace(',', '')) > 0:
            rows[m.group(1) + ' ' + m.group(2)] = (float(m.group(3).replace(',', '')),
                                                   float(m.group(4).replace(',', '')) * UNIT[m.group(5)],
                                                   int(m.group(6) or 0))
    return rows

# The lines `measure` prints under each row since the fifteenth session (Driver/MachineStateReport.cs):
#     machine before: factor 1.08 (1.05–1.11) over 9 rounds: chase 2 MiB 1.20 (1.10–1.40), ..., alu chain 1.00 (0.99–1.02)
#     machine after:  no factor (the profile prices none of the kernels) over 9 rounds: chase 2 MiB not priced (why), ...
STATE = re.compile(r'^\s+machine (before|after):\s+(?:factor ([\d.]+) \(([\d.]+)–([\d.]+)\)|no factor \(.*?\)) over \d+ rounds: (.*)$')
KERNEL = re.compile(r'^(.+?) ([\d.]+) \(([\d.]+)–([\d.]+)\)$')

def machine(path):
    """'nf workload' -> {'before': state, 'after': state} for the rows followed by machine-state lines, where a
    state is {'factor': (median, low quartile, high quartile) or None, 'kernels': {name: (median, low, high)}}
    (a kernel the profile could not price is left out)."""
    states = {}
    row = None
    for line in open(path, encoding='utf-8'):
        m = ROW.match(line)
        if m:
            row = m.group(1) + ' ' + m.group(2)
            continue
        m = STATE.match(line)
        if m and row is not None:
            kernels = {}
            for part in m.group(5).split(', '):
                k = KERNEL.match(part.strip())
                if k:
                    kernels[k.group(1)] = tuple(float(k.group(i)) for i in (2, 3, 4))
            factor = tuple(float(m.group(i)) for i in (2, 3, 4)) if m.group(2) else None
            states.setdefault(row, {})[m.group(1)] = {'factor': factor, 'kernels': kernels}
    return states
