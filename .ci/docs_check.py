"""Render-readiness of the documentation, checked without Quarto (which cannot be installed on the dev machines).

For every notebook in nbs/: a title (`# ...`) and a description (`> ...`) in its first cell, no error outputs,
a `#| fig-cap:` on every cell that shows a figure, and a place in sidebar.yml (case studies last);
for every exported symbol of the library: a docstring (functions, classes and their public methods);
every module compiles without a warning (an invalid escape such as LaTeX's `\\kappa` in a notebook's description,
which nbdev copies into the module docstring, is a SyntaxWarning on import from Python 3.12 on).
Last line: `docs: N passed, M failed`."""
import importlib, inspect, json, re, sys, warnings
from pathlib import Path

root = Path(__file__).resolve().parent.parent
nbs = sorted((root / 'nbs').glob('*.ipynb'))
src = lambda c: ''.join(c['source']) if isinstance(c['source'], list) else c['source']
failures, passed = [], 0

def check(ok, msg):
    global passed
    if ok: passed += 1
    else: failures.append(msg); print('FAIL', msg)

for p in nbs:
    cells = json.loads(p.read_text())['cells']
    first = src(cells[0]) if cells and cells[0]['cell_type'] == 'markdown' else ''
    check(re.match(r'# \S', first) is not None, f'{p.name}: first cell has no "# title"')
    check(re.search(r'^> \S', first, re.M) is not None, f'{p.name}: first cell has no "> description"')
    for i, c in enumerate(cells):
        outs = c.get('outputs', [])
        check(not any(o.get('output_type') == 'error' for o in outs), f'{p.name} cell {i}: error output')
        if any('image/png' in o.get('data', {}) for o in outs):
            check('#| fig-cap:' in src(c), f'{p.name} cell {i}: figure without "#| fig-cap:"')

sidebar = re.findall(r'-\s+(\S+\.ipynb)', (root / 'nbs' / 'sidebar.yml').read_text())
check(sorted(sidebar) == sorted(p.name for p in nbs), f'sidebar.yml lists {sidebar}, nbs/ has {[p.name for p in nbs]}')
cases = [i for i, n in enumerate(sidebar) if re.match(r'0[5-9]_', n)]   # the case studies: 05_case1, 06_case2, 07_shield, ...
check(all(i >= len(sidebar) - len(cases) for i in cases), 'sidebar.yml: the case studies must come last')

sys.path.insert(0, str(root))
for f in sorted((root / 'microstoch').glob('*.py')):
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        try: compile(f.read_text(), str(f), 'exec'); ok, why = True, ''
        except (SyntaxError, SyntaxWarning, DeprecationWarning) as e: ok, why = False, e
    check(ok, f'microstoch/{f.name} does not compile without warnings: {why}')
for mod in sorted(p.stem for p in (root / 'microstoch').glob('[!_]*.py')):
    m = importlib.import_module(f'microstoch.{mod}')
    for name in getattr(m, '__all__', []):
        obj = getattr(m, name)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)): continue
        check(bool(inspect.getdoc(obj)), f'microstoch.{mod}.{name} has no docstring')
        if inspect.isclass(obj):
            for k, v in vars(obj).items():
                if not k.startswith('_') and (inspect.isfunction(v) or isinstance(v, property)):
                    check(bool(inspect.getdoc(v)), f'microstoch.{mod}.{name}.{k} has no docstring')

print(f'docs: {passed} passed, {len(failures)} failed')
sys.exit(1 if failures else 0)
