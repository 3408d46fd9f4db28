#!/usr/bin/env python3
# Tests of the scoring scripts' readers: python3 -m unittest discover -s bench/accuracy-scoring -p 'test_*.py'
import os, tempfile, unittest
import nf_table, drift

# The driver's output (`measure nat typical`, 03:48 UTC, fifteenth session), trimmed, plus a row whose probes
# could not price every kernel.
TABLE = '''nf        workload         packets    Mpps  dispatch  measured       p99  predicted   error shared machine     PCVs induced (per measured packet)
nat       typical            60000    2.67    0.3 ns  106.7 ns  266.7 ns    53.3 ns    -50%    3/7 4.01->2.60  flowTableMisses: mean 0.55, median 0, max 6
    machine before: factor 4.01 (2.32–5.42) over 9 rounds: chase 2 MiB 7.64 (7.04–39.93), chase 256 KiB 4.25 (3.04–5.79), load chain 1.07 (1.04–1.10), alu chain 1.05 (1.02–1.06)
    machine after:  factor 2.60 (2.35–4.57) over 9 rounds: chase 2 MiB 8.81 (7.65–100.76), chase 256 KiB 3.95 (2.78–5.35), load chain 1.06 (1.06–1.08), alu chain 1.03 (1.03–1.03)
nat       expiry-storm        2500    4.00    0.3 ns  227.0 ns  344.0 ns   113.4 ns    -50%    7/7 -->-  flowTableMisses: mean 1.26, median 1, max 9
    machine before: no factor (the profile prices none of the kernels) over 9 rounds: chase 2 MiB not priced (the profile has no memory-level curve), alu chain not priced (the profile prices it at 0 ns)
    machine after:  factor 1.10 (1.00–1.20) over 9 rounds: chase 2 MiB not priced (the profile has no memory-level curve), alu chain 1.10 (1.00–1.20)
policer   typical            60000    9.00    0.3 ns   20.0 ns   40.0 ns    19.0 ns     -5%    0/7  rate: mean 1
'''

class ReadersTest(unittest.TestCase):
    def setUp(self):
        fd, self.path = tempfile.mkstemp(suffix='.txt')
        with os.fdopen(fd, 'w', encoding='utf-8') as f: f.write(TABLE)

    def tearDown(self): os.remove(self.path)

    def test_rows_are_read_beside_the_machine_column(self):
        rows = nf_table.read(self.path)
        self.assertEqual(rows['nat typical'], (106.7, 53.3, 3))
        self.assertEqual(rows['policer typical'], (20.0, 19.0, 0))

    def test_the_lines_under_a_row_are_its_states_before_and_after(self):
        states = nf_table.machine(self.path)
        typical = states['nat typical']
        self.assertEqual(typical['before']['factor'], (4.01, 2.32, 5.42))
        self.assertEqual(typical['after']['kernels']['chase 2 MiB'], (8.81, 7.65, 100.76))
        self.assertEqual(list(typical['before']['kernels']), ['chase 2 MiB', 'chase 256 KiB', 'load chain', 'alu chain'])
        self.assertNotIn('policer typical', states)

    def test_a_probe_without_a_factor_or_with_unpriced_kernels_leaves_them_out(self):
        storm = nf_table.machine(self.path)['nat expiry-storm']
        self.assertIsNone(storm['before']['factor'])
        self.assertEqual(storm['before']['kernels'], {})
        self.assertEqual(storm['after']['kernels'], {'alu chain': (1.1, 1.0, 1.2)})

    def test_correlations(self):
        self.assertAlmostEqual(drift.pearson([1, 2, 3], [2, 4, 6.5]), 0.9979, places=3)
        self.assertAlmostEqual(drift.spearman([1, 2, 3, 4], [10, 20, 15, 40]), 0.8)
        self.assertAlmostEqual(drift.spearman([1, 2, 3], [3, 2, 1]), -1)

if __name__ == '__main__':
    unittest.main()
