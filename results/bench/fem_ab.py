"""Two commits' FEM speed in the same rounds, against the plain scikit-fem path.

    python results/bench/fem_ab.py OLD NEW [ROUNDS] [PHYSICS] [TOL]

Each commit's `microstoch/` is exported with `git archive` to a temporary directory; every round times, each in a
fresh process, plain scikit-fem on 16 microstructures (NEW's library, one worker), then OLD's and NEW's CG backend on
the same 256 random microstructures (each from its own random phi, seed 0) with two workers, after a warm-up call.
Prints each round and the medians over rounds of the rates and of the ratios taken within a round."""
import subprocess, sys, tempfile
from pathlib import Path
import numpy as np

TIMED = """
import sys, time, numpy as np, torch
sys.path.insert(0, sys.argv[1])
from microstoch.fem import homogenize
from microstoch.field import sample_microstructures
backend, n, workers, physics, tol = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], float(sys.argv[6])
g = torch.Generator().manual_seed(0)
x = torch.cat([sample_microstructures(torch.randn(100, generator=g), 1, generator=g, model=physics) for _ in range(n)]).numpy()
kw = dict(physics=physics, tol=tol, workers=workers, backend=backend)
homogenize(x[:4], **kw)
t0 = time.perf_counter(); homogenize(x, **kw); print(n / (time.perf_counter() - t0))
"""

def export(commit, root):
    "The commit's library in root/commit/microstoch."
    out = Path(root) / commit
    out.mkdir()
    archive = subprocess.run(["git", "archive", commit, "microstoch"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return str(out)

def rate(lib, backend, n, workers, physics, tol):
    args = [sys.executable, "-c", TIMED, lib, backend, str(n), str(workers), physics, str(tol)]
    return float(subprocess.run(args, capture_output=True, text=True, check=True).stdout.split()[-1])

if __name__ == "__main__":
    old, new = sys.argv[1:3]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    physics = sys.argv[4] if len(sys.argv) > 4 else "paper"
    tol = float(sys.argv[5]) if len(sys.argv) > 5 else 1e-8
    with tempfile.TemporaryDirectory() as root:
        libs = {name: export(c, root) for name, c in (("old", old), ("new", new))}
        rows = []
        for r in range(rounds):
            row = dict(skfem=rate(libs["new"], "skfem", 16, 1, physics, tol),
                       old=rate(libs["old"], "cg", 256, 2, physics, tol), new=rate(libs["new"], "cg", 256, 2, physics, tol))
            rows.append(row)
            print(f"round {r}: skfem {row['skfem']:.2f}/s, old {row['old']:.1f}/s ({row['old'] / row['skfem']:.1f}x), "
                  f"new {row['new']:.1f}/s ({row['new'] / row['skfem']:.1f}x), new/old {row['new'] / row['old']:.2f}", flush=True)
    med = lambda f: float(np.median([f(r) for r in rows]))
    print(f"{physics} tol {tol:g}, old {old} new {new}, medians over {rounds} rounds: skfem {med(lambda r: r['skfem']):.2f}/s, "
          f"old {med(lambda r: r['old']):.1f}/s ({med(lambda r: r['old'] / r['skfem']):.1f}x), "
          f"new {med(lambda r: r['new']):.1f}/s ({med(lambda r: r['new'] / r['skfem']):.1f}x), new/old {med(lambda r: r['new'] / r['old']):.2f}")
