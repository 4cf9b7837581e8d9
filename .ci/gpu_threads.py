# GPU check (run by hand on a lent GPU machine): seconds per training epoch of a Case 2-sized surrogate fit (4096 microstructures), after warm-up; run it alone and two at a time to see the cost of sharing the CPU threads.
import sys, time, torch
from microstoch.field import sample_microstructures
from microstoch.surrogate import Surrogate
x = sample_microstructures(torch.randn(100), 4096, seed=0).float(); k = torch.randn(4096, 2)
s = Surrogate(seed=0, device='cuda')
for e in range(3):
    t = time.perf_counter(); s.fit(x, k, max_epochs=1, progress=False); torch.cuda.synchronize()
    print(f'{sys.argv[1]}: fit call {e} (1 epoch of 4096): {time.perf_counter() - t:.2f} s', flush=True)
t = time.perf_counter(); s.fit(x, k, max_epochs=20, patience=100, progress=False); torch.cuda.synchronize()
print(f'{sys.argv[1]}: 20 epochs: {time.perf_counter() - t:.2f} s', flush=True)
