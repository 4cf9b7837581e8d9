"""Assess a run's final ϕ with 4096 fresh FEM solves (Pr and its 95 % Wilson interval):
python assess4096.py RUN_DIR [RUN_DIR ...]; writes RUN_DIR/assessment4096.json. The microstructures come from a seed
stream of their own (7_000_000 + the run's seed), disjoint from the run's evaluations and its 1024-solve assessments."""
import json, sys
from pathlib import Path
import torch
from microstoch.active import case_of
from microstoch.vbem import fem_properties
for d in map(Path, sys.argv[1:]):
    s = json.loads((d / 'summary.json').read_text())
    case, phi = case_of(s), torch.tensor(s['steps'][-1]['phi'])
    kappa = fem_properties(phi, case.kappa, n=4096, vf=s['vf'], seed=7_000_000 + s['seed'], physics=s['physics'],
                           tol=json.loads((d / 'config.json').read_text())['config']['fem_tol'], elastic=case.elastic, **case.materials)
    a = dict(case.make_objective(s['seed']).assess(kappa), seed=7_000_000 + s['seed'], phi=phi.tolist(), n_solves_in_run=s.get('fem_solves'))
    (d / 'assessment4096.json').write_text(json.dumps(a, indent=1))
    print(d.name, f"Pr = {a['pr']:.3f}, 95 % interval [{a['ci95'][0]:.3f}, {a['ci95'][1]:.3f}] (n = {a['n_mc']})")
