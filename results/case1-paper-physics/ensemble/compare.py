"""The ensemble runs here against the committed one-network and random-data runs one directory up, seed by seed:
python results/case1-paper-physics/ensemble/compare.py"""
import json
from pathlib import Path
import numpy as np
from microstoch.active import aggregate_sweep, paired_comparison

here = Path(__file__).parent
load = lambda p: json.loads(p.read_text())
ens = {s['seed']: dict(s, method='ensemble') for s in map(load, sorted(here.glob('ens3-seed*/summary.json')))}
one = {s['seed']: s for s in map(load, (here.parent).glob('case1-paper-physpaper-range10-*-seed*/summary.json'))
       if s['method'] == 'active'}
rnd = {s['seed']: s for s in map(load, (here.parent).glob('case1-paper-physpaper-range10-random-seed*/summary.json'))}
seeds = sorted(ens)
pr = lambda s, l: s['steps'][l]['assessment']['pr']
print('seed  Pr phi(0)  ensemble: phi*_0 .. phi*_4              one network: phi*_0 .. phi*_4       gap at phi*_4 (ens / one)')
for k in seeds:
    e, o = ens[k], one[k]
    print(f"{k:4d}  {e['assessment_initial']['pr']:.3f}     " + ' '.join(f'{pr(e, l):.3f}' for l in range(5)) + '   '
          + ' '.join(f'{pr(o, l):.3f}' for l in range(5)) + f"   {e['steps'][-1]['predicted']['gap']:+.3f} / "
          + (f"{o['steps'][-1]['predicted']['gap']:+.3f}" if 'predicted' in o['steps'][-1] else '-'))
for name, runs in (('ensemble', ens), ('one network', one), ('random data', rnd)):
    (rows,) = aggregate_sweep([runs[k] for k in seeds]).values()   # one method: its steps' medians and quartiles
    first, last = rows[0], rows[-1]
    print(f"{name:12s} median Pr at 2048 / 6144 labels: {first['median']:.3f} / {last['median']:.3f} "
          f"[{last['q25']:.3f}, {last['q75']:.3f}]; phi*_0 >= phi(0) on "
          f"{sum(pr(runs[k], 0) >= runs[k]['assessment_initial']['pr'] for k in seeds)} of {len(seeds)}")
gaps = [ens[k]['steps'][-1]['predicted']['gap'] for k in seeds]
print(f"ensemble optimism gap at the last step: median {np.median(gaps):+.3f}, median |gap| {np.median(np.abs(gaps)):.3f}")
for b, runs in (('one network', one), ('random data', rnd)):
    c = paired_comparison(list(ens.values()) + [dict(runs[k], method='b') for k in seeds], 'ensemble', 'b')
    print(f"ensemble - {b}: median {c['median_diff']:+.3f}, better on {c['wins']} of {len(c['seeds'])}, Wilcoxon p = {c['p_wilcoxon']:.3f}")
t = [ens[k]['phase_s']['train'] / one[k]['phase_s']['train'] for k in seeds]
w = [ens[k]['wall_s'] / one[k]['wall_s'] for k in seeds]
print(f"training time ensemble / one network: median {np.median(t):.1f}x; wall {np.median(w):.1f}x (not back to back: machine shared)")
