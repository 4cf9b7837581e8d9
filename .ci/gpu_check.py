"""GPU path check, run by hand on a machine with a CUDA GPU (CI has none):

    python .ci/gpu_check.py              # checks and benchmarks, a few minutes
    python .ci/gpu_check.py --paper OUT [--baseline]  # a paper-scale Case 1 (seed 0) on the GPU into OUT (resumes)

Asserts that each part gives the CPU's numbers on the GPU (same seeds), runs a smoke case on the GPU,
and times CPU against GPU in the same run."""
import sys, tempfile, time
import numpy as np, torch
from microstoch.field import sample_microstructures, bench_field, format_bench_field
from microstoch.fem import homogenize
from microstoch.surrogate import Surrogate, bench_surrogate
from microstoch.case import CASE1
from microstoch.vbem import VBEM, Box, estimate_objective, bench_vbem, format_bench_vbem
from microstoch.active import run_case
from microstoch.cli import print_summary

assert torch.cuda.is_available(), 'no CUDA device'
dev = 'cuda'
print(torch.__version__, torch.cuda.get_device_name(), torch.get_num_threads(), 'CPU threads', flush=True)
if '--paper' in sys.argv:
    print_summary(run_case(sys.argv[sys.argv.index('--paper') + 1], resume=True, progress=False, device=dev, case='case1', scale='paper',
                           seed=0, method='random' if '--baseline' in sys.argv else 'active'))
    sys.exit()

def check(name, ok, msg): print(f"{'PASS' if ok else 'FAIL'} {name}: {msg}", flush=True); return bool(ok)

ok = True
# field: Ψ_t is drawn on the CPU, so one seed gives the same microstructures on both devices
phi = torch.randn(100, generator=torch.Generator().manual_seed(0))
xc, xg = sample_microstructures(phi, 512, seed=1), sample_microstructures(phi.to(dev), 512, seed=1)
ok &= check('field', xg.device.type == 'cuda' and (xc != xg.cpu()).float().mean() < 1e-3,
            f'{(xc != xg.cpu()).float().mean().item():.1e} of pixels differ')
# FEM, CG backend on the GPU against the CPU
x = xc.numpy().astype(np.uint8)
(ac, Cc), (ag, Cg) = homogenize(x[:128]), homogenize(x[:128], device=dev)
err = max(np.abs(ag / ac - 1).max(), np.abs(np.diagonal(Cg, 0, 1, 2) / np.diagonal(Cc, 0, 1, 2) - 1).max())
ok &= check('fem cg', err < 1e-5, f'largest relative difference of a diagonal entry {err:.1e}')
# surrogate: trained on the GPU, saved, loaded on the CPU: same predictions
kappa = torch.as_tensor(CASE1.kappa(*homogenize(x))).float()
sur = Surrogate(device=dev)
hist = sur.fit(xc, kappa, max_epochs=40, patience=40, progress=False)
with tempfile.TemporaryDirectory() as d:
    sur.save(f'{d}/s.pt'); cpu = Surrogate.load(f'{d}/s.pt', 'cpu')
(mg, vg), (mc, vc) = sur.predict(xc[:256].to(dev)), cpu.predict(xc[:256])
err = max((mg.cpu() - mc).abs().max().item(), ((vg.cpu() / vc) - 1).abs().max().item())
ok &= check('surrogate', min(h['val'] for h in hist) < hist[0]['val'] and err < 1e-3,
            f"val NLL {hist[0]['val']:.3f} -> {min(h['val'] for h in hist):.3f}; GPU vs CPU prediction differ by {err:.1e}")
# VB-EM on the GPU; the Monte-Carlo objective equals the CPU's for the same surrogate and ϕ
vb = VBEM(sur, Box(*CASE1.box), phi0=phi, device=dev).run(max_iter=30, progress=False)
oc = estimate_objective(cpu, Box(*CASE1.box), vb.phi.detach().cpu(), n=512)
og = estimate_objective(sur, Box(*CASE1.box), vb.phi.detach(), n=512)
ok &= check('vbem', vb.phi.device.type == 'cuda' and np.isfinite(vb.elbo_trace).all() and abs(oc['value'] - og['value']) < 1e-3,
            f"ELBO {vb.elbo_trace[0]:.2f} -> {vb.elbo_trace[-1]:.2f}; log U1 GPU {og['value']:.4f} vs CPU {oc['value']:.4f}")
# Algorithm 1 end to end at smoke scale
with tempfile.TemporaryDirectory() as d:
    s = run_case(d, progress=False, device=dev, case='case1', scale='smoke')
    r = run_case(d, resume=True, progress=False, device='cpu', case='case1', scale='smoke')   # every checkpoint loads on a CPU
ok &= check('run_case', len(s['steps']) > 0 and all(0 <= t['assessment']['pr'] <= 1 for t in s['steps']) and r['steps'] == s['steps'],
            f"smoke case1 on the GPU: Pr {s['assessment_initial']['pr']:.3f} -> {s['steps'][-1]['assessment']['pr']:.3f}; resumed on the CPU")

print('\nbenchmarks, CPU (all its threads) against GPU, same run')
for d in ('cpu', dev):
    print(f'field ({d}):\n' + format_bench_field(bench_field(device=d)))
for d in ('cpu', dev):
    r = bench_surrogate(device=d)
    for name in ('contiguous', 'channels_last'):
        print(f"surrogate ({d}, {name}): training {r[name]['train_samples_per_s']:.0f} samples/s, inference {r[name]['infer_per_s']:.0f}/s")
for d in ('cpu', dev):
    print(f'vbem ({d}):\n' + format_bench_vbem(bench_vbem(device=d)))
for d in ('cpu', dev):
    homogenize(x[:64], device=d); t0 = time.perf_counter(); homogenize(x, device=d)
    print(f'fem cg ({d}): {len(x) / (time.perf_counter() - t0):.0f} microstructures/s', flush=True)

sys.exit(0 if ok else 1)
