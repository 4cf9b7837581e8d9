"""Use the installed wheel as a user would, away from the source tree: import every public module and use it."""
import importlib, json, pkgutil, sys
import microstoch

assert 'site-packages' in microstoch.__file__, f"not the installed wheel: {microstoch.__file__}"
mods = [m.name for m in pkgutil.iter_modules(microstoch.__path__) if not m.name.startswith('_')]
for m in mods: importlib.import_module(f'microstoch.{m}')
print('imported', ', '.join(mods))

import torch
from microstoch.field import sample_microstructures, preset_phi
x = sample_microstructures(preset_phi('diagonal'), 64, vf=0.3, seed=0)
assert x.shape == (64, 64, 64) and set(x.unique().tolist()) == {0., 1.}
assert abs(float(x.mean()) - 0.3) < 0.03, float(x.mean())
print(f'sampled {tuple(x.shape)} microstructures, volume fraction {float(x.mean()):.3f}')

import numpy as np
from microstoch.fem import homogenize
from microstoch.case import CASE1
a_eff, C_eff = homogenize(x[:2])
assert a_eff.shape == (2, 2, 2) and C_eff.shape == (2, 3, 3) and a_eff.dtype == np.float64
assert np.allclose(a_eff, a_eff.transpose(0, 2, 1)) and (np.linalg.eigvalsh(a_eff) > 1).all()
stripes = np.tile((np.arange(8) % 2)[:, None], (1, 8))
a_lam, _ = homogenize(stripes)
assert np.allclose(np.diag(a_lam[0]), [25.5, 1 / (0.5 + 0.5 / 50)], atol=1e-6), a_lam   # arithmetic / harmonic means
print('homogenized: kappa (case 1) =', CASE1.kappa(a_eff, C_eff).round(3).tolist())

import tempfile, pathlib
from microstoch.surrogate import Surrogate
kappa = torch.as_tensor(CASE1.kappa(*homogenize(x[:32])), dtype=torch.float32)
sur = Surrogate(seed=0)
sur.fit(x[:32], kappa, max_epochs=2, progress=False)
with tempfile.TemporaryDirectory() as d:
    sur.save(pathlib.Path(d) / 'surrogate.pt')
    loaded = Surrogate.load(pathlib.Path(d) / 'surrogate.pt')
assert torch.equal(loaded.predict(x[:4])[0], sur.predict(x[:4])[0])
lp = loaded.log_prob_box(x[:4], torch.tensor([8.5, 6.75]), torch.tensor([11.0, 9.0]))
assert lp.shape == (4,) and torch.isfinite(lp).all() and (lp <= 0).all()
print('surrogate trained, saved, loaded; log Pr_M(kappa in K | x) =', lp.round(decimals=3).tolist())

from microstoch.vbem import Box, VBEM, estimate_objective
K = Box([8.5, 6.75], [11.0, 9.0])
est = estimate_objective(loaded, K, preset_phi('diagonal'), n=64, seed=0)
assert est['value'] <= 0 and np.isfinite(est['value']) and est['se'] >= 0, est
vb = VBEM(loaded, K, seed=0, n_samples=4).run(max_iter=2, progress=False)
assert len(vb.elbo_trace) == 2 and np.isfinite(vb.elbo_trace).all() and vb.phi.shape == (100,)
print(f"objective: log Pr(kappa in K | phi) = {est['value']:.3f} +- {est['se']:.3f}; two VB-EM iterations, ELBO {vb.elbo_trace[-1]:.3f}")

from microstoch.cli import main
with tempfile.TemporaryDirectory() as d:
    main(['case1', '--scale', 'smoke', '--out', str(pathlib.Path(d) / 'run')])   # a whole run, as the README's main job, and its figures
    s = json.loads((pathlib.Path(d) / 'run' / 'summary.json').read_text())
    pngs = sorted(p.name for p in (pathlib.Path(d) / 'run').glob('*.png'))
assert len(s['steps']) == 2 and all(0 <= st['assessment']['pr'] <= 1 for st in s['steps']), s['steps']
assert pngs == ['densities.png', 'marginal.png', 'progress.png', 'samples.png'], pngs
main(['bench', 'field', '--n', '64', '--repeats', '1'])
print('wheel check passed')
