"""The ensemble runs here (or any others: a folder glob and a name) against the committed one-network and random-data
runs of results/case1-paper-physics, seed by seed:
python results/case1-paper-physics/ensemble/compare.py [GLOB NAME]   # e.g. 'checked/checked-seed*' checked"""
import json, sys
from pathlib import Path
import numpy as np
from microstoch.active import aggregate_sweep, paired_comparison

here = Path(__file__).parent
load = lambda p: json.loads(p.read_text())
pattern, name = sys.argv[1:3] if len(sys.argv) > 2 else ('ensemble/ens3-seed*', 'ensemble')
ens = {s['seed']: dict(s, method=name) for s in map(load, sorted(here.parent.glob(f'{pattern}/summary.json')))}
one = {s['seed']: s for s in map(load, (here.parent).glob('case1-paper-physpaper-range10-*-seed*/summary.json'))
       if s['method'] == 'active'}
rnd = {s['seed']: s for s in map(load, (here.parent).glob('case1-paper-physpaper-range10-random-seed*/summary.json'))}
seeds = sorted(ens)
pr = lambda s, l: s['steps'][l]['assessment']['pr']
print(f"seed  Pr phi(0)  {name + ':':9s} phi*_0 .. phi*_4              one network: phi*_0 .. phi*_4       gap at phi*_4 ({name[:3]} / one)")
for k in seeds:
    e, o = ens[k], one[k]
    print(f"{k:4d}  {e['assessment_initial']['pr']:.3f}     " + ' '.join(f'{pr(e, l):.3f}' for l in range(5)) + '   '
          + ' '.join(f'{pr(o, l):.3f}' for l in range(5)) + f"   {e['steps'][-1]['predicted']['gap']:+.3f} / "
          + (f"{o['steps'][-1]['predicted']['gap']:+.3f}" if 'predicted' in o['steps'][-1] else '-'))
for what, runs in ((name, ens), ('one network', one), ('random data', rnd)):
    (rows,) = aggregate_sweep([runs[k] for k in seeds]).values()   # one method: its steps' medians and quartiles
    first, last = rows[0], rows[-1]
    print(f"{what:12s} median Pr at 2048 / 6144 labels: {first['median']:.3f} / {last['median']:.3f} "
          f"[{last['q25']:.3f}, {last['q75']:.3f}]; phi*_0 >= phi(0) on "
          f"{sum(pr(runs[k], 0) >= runs[k]['assessment_initial']['pr'] for k in seeds)} of {len(seeds)}")
gaps = [ens[k]['steps'][-1]['predicted']['gap'] for k in seeds]
print(f"{name} optimism gap at the last step: median {np.median(gaps):+.3f}, median |gap| {np.median(np.abs(gaps)):.3f}")
for b, runs in (('one network', one), ('random data', rnd)):
    c = paired_comparison(list(ens.values()) + [dict(runs[k], method='b') for k in seeds], name, 'b')
    print(f"{name} - {b}: median {c['median_diff']:+.3f}, better on {c['wins']} of {len(c['seeds'])}, Wilcoxon p = {c['p_wilcoxon']:.3f}")
t = [ens[k]['phase_s']['train'] / one[k]['phase_s']['train'] for k in seeds]
w = [ens[k]['wall_s'] / one[k]['wall_s'] for k in seeds]
print(f"training time {name} / one network: median {np.median(t):.1f}x; wall {np.median(w):.1f}x (not back to back: machine shared)")
