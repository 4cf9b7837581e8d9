"""What one generation's GP fit costs at the scale of the baselines of 08_baselines: d = 100, N evaluated points.

python results/bench/gp_fit.py [ROUNDS]

Times, in one process and alternately, (a) microstoch.baselines.fit_gp, TuRBO's SingleTaskGP with the fixed
binomial noise of 64-solve shares (one fit per generation of a TuRBO run), and (b) a SAASBO fit, BoTorch's
SaasFullyBayesianSingleTaskGP by NUTS at the settings of BoTorch's SAASBO tutorial (warmup 256, 128 samples,
thinning 16), on the same random points. Prints each time and the per-round ratio SAASBO / fit_gp: the machine's
speed drifts, so the ratio in the same round is the number to read. Needs jax, jaxlib and numpyro (not in any extra).
"""
import os, subprocess, sys, time
import numpy as np, torch
from microstoch.baselines import fit_gp

def points(n, d=100, n_eval=64, seed=0):
    "n random points of the unit cube and binomial shares of a smooth merit, as a TuRBO run's evaluations."
    g = np.random.default_rng(seed)
    U = torch.as_tensor(g.random((n, d)))
    p = 0.25 + 0.2 * np.tanh(U[:, :10].sum(1).numpy() - 5)
    return U, torch.as_tensor(g.binomial(n_eval, p) / n_eval)

def saasbo(U, Y, n_eval=64):
    from botorch.fit import fit_fully_bayesian_model_nuts
    from botorch.models.fully_bayesian import SaasFullyBayesianSingleTaskGP
    Y = Y.reshape(-1, 1)
    p = (torch.round(Y * n_eval) + 1) / (n_eval + 2)
    gp = SaasFullyBayesianSingleTaskGP(U, (Y - Y.mean()) / Y.std(), train_Yvar=p * (1 - p) / n_eval / Y.var())
    fit_fully_bayesian_model_nuts(gp, warmup_steps=256, num_samples=128, thinning=16, disable_progbar=True)
    return gp

def timed(f, *a):
    t = time.perf_counter(); f(*a); return time.perf_counter() - t

if __name__ == '__main__':
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    rev = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
    print(f"python results/bench/gp_fit.py {rounds}  # commit {rev}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"torch threads {torch.get_num_threads()}, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}")
    torch.manual_seed(0)
    print(f"{'round':>5s} {'N':>4s} {'fit_gp s':>9s} {'SAASBO s':>9s} {'ratio':>7s}")
    for r in range(rounds):
        for n in (48, 96):
            U, Y = points(n, seed=r)
            a, b = timed(fit_gp, U, Y, 64), timed(saasbo, U, Y)
            print(f"{r:5d} {n:4d} {a:9.2f} {b:9.2f} {b / a:7.1f}", flush=True)
