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
