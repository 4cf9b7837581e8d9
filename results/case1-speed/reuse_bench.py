"""What keeping freed memory in the process buys (glibc's mallopt: trim threshold 1 GiB, mmap threshold 32 MiB):
surrogate training throughput in fresh processes with the allocator's own settings and with these, alternating, so
that every round is a ratio measured on the same machine in the same minute. (At commit 8aae13c the library set this
itself, as `microstoch.surrogate.reuse_freed_memory`; it no longer does, see 05_case1, Speed.)

    python results/case1-speed/reuse_bench.py [ROUNDS]

Each process trains the default surrogate for two epochs over 4096 random binary microstructures (batch 128, as
`bench_surrogate` does) after a one-epoch warm-up, and prints samples/s and the page faults of the timed epochs."""
import subprocess, sys, statistics

CHILD = """import resource, sys, time, torch
import ctypes
import microstoch.surrogate as S
if sys.argv[1] == 'reuse': libc = ctypes.CDLL(None); assert libc.mallopt(-3, 32 << 20) and libc.mallopt(-1, 1 << 30)   # M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
g = torch.Generator().manual_seed(0)
x = (torch.rand(4096, 64, 64, generator=g) < 0.5).float(); k = torch.randn(4096, 2, generator=g)
s = S.Surrogate(); s.fit(x[:512], k[:512], max_epochs=1, progress=False)
f0, t0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt, time.perf_counter()
s.fit(x, k, max_epochs=2, patience=3, val_fraction=0.01, progress=False)
print(2 * (4096 - 40) / (time.perf_counter() - t0), resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0)"""

def once(mode):
    out = subprocess.run([sys.executable, '-c', CHILD, mode], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1])

if __name__ == '__main__':
    rounds, rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5, []
    for r in range(rounds):
        d, u = once('default'), once('reuse')
        rows.append((d, u))
        print(f"round {r}: default {d[0]:5.0f} samples/s ({d[1]} page faults), reuse {u[0]:5.0f} samples/s ({u[1]} page faults), ratio {u[0] / d[0]:.2f}", flush=True)
    print(f"median: default {statistics.median(d[0] for d, _ in rows):.0f} samples/s, reuse {statistics.median(u[0] for _, u in rows):.0f} samples/s, "
          f"median same-round ratio {statistics.median(u[0] / d[0] for d, u in rows):.2f} ({rounds} rounds)")
