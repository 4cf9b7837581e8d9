"""Training schedules compared on the same data: the labels of one finished paper-scale Case 1 run (D0 and its four
additions, in the run's order), a fixed test set of 1024 FEM labels at that run's final phi*, one surrogate seed.

    python results/case1-speed/schedule.py RUN_DIR SCHEDULE SEED OUT_DIR

writes OUT_DIR/SCHEDULE-SEED.json: per step l the number of labels, epochs, training seconds, and the test set's
NLL, 90 % coverage and RMSE (microstoch.surrogate.evaluate). The test set is made once, in RUN_DIR-test."""
import sys, json, time
from pathlib import Path
import torch
from microstoch.case import CASES
from microstoch.data import DatasetStore, make_dataset
from microstoch.surrogate import Surrogate, evaluate

FIRST = dict(max_epochs=60, patience=60, anneal=True)   # 60 annealed epochs on D0
SCHEDULES = {   # first fit on D0, then retraining from the previous weights on D(l), l = 1..4
    'today':     dict(first=dict(max_epochs=300, patience=30, anneal=False), re=dict(max_epochs=40, patience=30, anneal=False), replay=False),
    'f60today':  dict(first=FIRST, re=dict(max_epochs=40, patience=30, anneal=False), replay=False),
    'cos':       dict(first=dict(max_epochs=100, patience=100, anneal=True), re=dict(max_epochs=20, patience=20, anneal=True), replay=False),
    'cosreplay': dict(first=dict(max_epochs=100, patience=100, anneal=True), re=dict(max_epochs=20, patience=20, anneal=True), replay=True),
    'cos60':     dict(first=FIRST, re=dict(max_epochs=20, patience=20, anneal=True), replay=True),
    'c60r40':    dict(first=FIRST, re=dict(max_epochs=40, patience=40, anneal=True), replay=True),
    'replay':    dict(first=dict(max_epochs=300, patience=30, anneal=False), re=dict(max_epochs=40, patience=30, anneal=False), replay=True),
}

def load(d):
    p = DatasetStore(d, json.loads((d / 'meta.json').read_text())).load()
    return torch.as_tensor(p['x']).float(), torch.as_tensor(CASES['case1'].kappa(p['a_eff'], p['C_eff'])).float()

if __name__ == '__main__':
    run, name, seed, out = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    parts = [load(run / 'data' / n) for n in ['d0', 'add1', 'add2', 'add3', 'add4']]   # the run's data, as ActiveRun.data reads it
    test_dir = run.parent / (run.name + '-test')
    make_dataset(test_dir, 1024, phi=torch.load(run / 'step4' / 'vbem.pt', weights_only=True)['phi'].float(), seed=777, progress=False)
    xt, kt = load(test_dir)
    S, s, rows, t0 = SCHEDULES[name], Surrogate(seed=seed), [], time.perf_counter()
    for l in range(5):
        x, k = torch.cat([p[0] for p in parts[:l + 1]]), torch.cat([p[1] for p in parts[:l + 1]])
        kw = S['first'] if l == 0 else dict(S['re'], new=len(parts[l][0]) if S['replay'] else None)
        t, h0 = time.perf_counter(), len(s.history)
        s.fit(x, k, progress=False, **kw)
        e = evaluate(s, xt, kt)
        rows.append(dict(l=l, n=len(x), epochs=len(s.history) - h0, train_s=time.perf_counter() - t, nll=e['nll'],
                         cov90=e['coverage'][0.9], rmse=e['rmse']))
        print(name, seed, rows[-1], flush=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / f'{name}-{seed}.json').write_text(json.dumps(dict(name=name, seed=seed, rows=rows, total_s=time.perf_counter() - t0)))
