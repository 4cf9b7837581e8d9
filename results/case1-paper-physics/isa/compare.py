"""Case 1 on the paper's physics, the same seed and commit on two instruction sets: torch's AVX-512 kernels outside
the reproducible mode ('native-seedS') against the mode's AVX2 kernels ('avx2-seedS', what any AVX2 machine gives).
python results/case1-paper-physics/isa/compare.py"""
import json
from pathlib import Path
import numpy as np
from microstoch.reproducible import run_numbers

here = Path(__file__).parent
runs = {(d.name.split('-')[0], int(d.name.split('seed')[1])): json.loads((d / 'summary.json').read_text())
        for d in sorted(here.glob('*-seed*')) if (d / 'summary.json').exists()}
seeds = sorted(s for k, s in runs if k == 'native' and ('avx2', s) in runs)
pr = lambda s: [s['assessment_initial']['pr']] + [st['assessment']['pr'] for st in s['steps']]
print('seed  kernels   torch ISA  mode   Pr: phi(0), phi*_0 .. phi*_4')
for s in seeds:
    for k in ('native', 'avx2'):
        v = runs[k, s]['versions']
        print(f"{s:4d}  {k:8s}  {v['cpu_capability']:9s}  {'on ' if v['reproducible'] else 'off'}    " + ' '.join(f'{p:.3f}' for p in pr(runs[k, s])))
    same = run_numbers(runs['native', s]) == run_numbers(runs['avx2', s])
    d = pr(runs['avx2', s])[-1] - pr(runs['native', s])[-1]
    print(f"      bit-identical: {same}; Pr at 6144 labels, AVX2 - AVX-512: {d:+.3f}")
for k in ('native', 'avx2'):
    last = [pr(runs[k, s])[-1] for s in seeds]
    print(f"{k:8s} median Pr at 6144 over seeds {seeds}: {np.median(last):.3f} (mean {np.mean(last):.3f})")
