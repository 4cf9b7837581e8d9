"""Do two commits' `homogenize` give the same floats? Bit-for-bit, on the same microstructures.

    python results/bench/same_floats.py OLD NEW [N]

Each commit's `microstoch/` is exported as in `fem_ab.py`; each, in a fresh one-thread process, homogenizes the
same N random microstructures of each physics (each from its own random phi, seed 0) at tol 1e-8, one worker.
Prints, per physics, whether every output float is equal, else the largest difference."""
import os, subprocess, sys, tempfile
from pathlib import Path
import numpy as np
from fem_ab import export

RUN = """
import sys, numpy as np, torch
sys.path.insert(0, sys.argv[1])
from microstoch.fem import homogenize
from microstoch.field import sample_microstructures
physics, n = sys.argv[2], int(sys.argv[3])
g = torch.Generator().manual_seed(0)
x = torch.cat([sample_microstructures(torch.randn(100, generator=g), 1, generator=g, model=physics) for _ in range(n)]).numpy()
out = [np.asarray(a).reshape(n, -1) for a in homogenize(x, physics=physics, tol=1e-8, workers=1)]
np.save(sys.argv[4], np.concatenate(out, 1))
"""

if __name__ == "__main__":
    old, new = sys.argv[1:3]
    n = sys.argv[3] if len(sys.argv) > 3 else "24"
    env = dict(os.environ, OMP_NUM_THREADS="1")
    with tempfile.TemporaryDirectory() as root:
        libs = {name: export(c, root) for name, c in (("old", old), ("new", new))}
        for physics in ("paper", "periodic"):
            res = {}
            for name, lib in libs.items():
                f = str(Path(root) / f"{name}-{physics}.npy")
                subprocess.run([sys.executable, "-c", RUN, lib, physics, n, f], check=True, env=env, capture_output=True)
                res[name] = np.load(f)
            same = np.array_equal(res["old"], res["new"])
            print(f"{physics}: {n} microstructures, {res['new'].shape[1]} floats each, old {old} new {new}: "
                  + ("bit-identical" if same else f"max difference {np.abs(res['old'] - res['new']).max():.3g}"))
