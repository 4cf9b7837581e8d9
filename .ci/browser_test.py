"""End-to-end browser test of the two explorer widgets in JupyterLab.

Starts `jupyter lab` (this venv's) on 127.0.0.1 with a random token, in a temporary directory that holds a copy
of nbs/00_field.ipynb and a short notebook that loads a saved surrogate (trained here on 256 FEM labels, as a user
would train one) into PropertyExplorer, with the design problem of a case file (examples/shield.toml). Debian's headless Chromium, driven by Playwright, opens each notebook,
runs all cells and checks:

  00_field.ipynb: 1. the kernel is this venv's Python and no cell output is an error;
                  2. FieldExplorer's image (the <img> in the widget's Output area) changes when the preset becomes
                     'vertical stripes'; 3. it changes again when `vf` is set to 0.3 (typed into the slider's readout);
  explore_properties.ipynb: 4. no error; 5. PropertyExplorer's density changes with the preset 'vertical stripes';
                  6. it changes again when 'check with FEM' overlays the FEM properties of 16 samples.

Screenshots (each notebook after run-all, each explorer before and after each change) and the server log go
to --artifacts (default .ci/artifacts). JupyterLab is kept off the network (no news, no update check, read-only
extension manager) and its settings, workspaces and data directories are temporary. Jupyter and Chromium are
always stopped at the end. Needs `pip install playwright` and /usr/bin/chromium (`apt-get install chromium`);
never `playwright install`. Last line: `browser: N passed, M failed`; exit status 1 on any failure.
"""
import argparse, json, os, secrets, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK, PROPERTY_NOTEBOOK = ROOT / 'nbs' / '00_field.ipynb', 'explore_properties.ipynb'
CASE_FILE = ROOT / 'examples' / 'shield.toml'   # the user's design problem
PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)'   # the notebook on show
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
                 '--no-first-run', '--disable-component-update', '--disable-sync']
T0 = time.monotonic()

def log(msg): print(f'browser: [{time.monotonic() - T0:6.1f} s] {msg}', flush=True)

class Failure(Exception): pass

def wait_for(cond, timeout, what, every=0.5):
    "Poll `cond()` until it returns something truthy; raise Failure after `timeout` seconds."
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = cond()
        if v: return v
        time.sleep(every)
    raise Failure(f'timed out after {timeout:.0f} s waiting for {what}')

def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def start_jupyter(tmp, port, token, logfile):
    "This venv's JupyterLab on 127.0.0.1, with every Jupyter directory inside `tmp` and no network look-ups."
    nbdir = tmp / 'nb'; nbdir.mkdir()
    shutil.copy(NOTEBOOK, nbdir)
    write_property_notebook(nbdir)
    settings = tmp / 'settings'
    for plugin, values in {'apputils-extension/notification': {'fetchNews': 'false', 'checkForUpdates': False},
                           'notebook-extension/tracker': {'windowingMode': 'none'}}.items():  # all cells in the DOM
        f = settings / '@jupyterlab' / f'{plugin}.jupyterlab-settings'
        f.parent.mkdir(parents=True, exist_ok=True); f.write_text(json.dumps(values))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp / 'config'), JUPYTER_DATA_DIR=str(tmp / 'data'),
               JUPYTER_RUNTIME_DIR=str(tmp / 'runtime'), JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / 'workspaces'), IPYTHONDIR=str(tmp / 'ipython'),
               JUPYTER_PREFER_ENV_PATH='1', PYTHONUNBUFFERED='1')
    cmd = [sys.executable, '-m', 'jupyterlab', '--no-browser', '--ServerApp.ip=127.0.0.1', f'--ServerApp.port={port}',
           '--ServerApp.port_retries=0', '--ServerApp.allow_root=True', f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={nbdir}',
           '--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
           '--LabApp.extension_manager=readonly', '--LabApp.expose_app_in_browser=True']
    return subprocess.Popen(cmd, env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True)

def write_property_notebook(nbdir):
    "A user's notebook: load the surrogate saved in nbdir (trained here on 256 FEM labels of a case file's properties) into PropertyExplorer with that case."
    import nbformat, torch
    from microstoch.field import sample_microstructures
    from microstoch.fem import homogenize
    from microstoch.case import Case
    from microstoch.surrogate import Surrogate
    shutil.copy(CASE_FILE, nbdir / CASE_FILE.name)
    case = Case.from_toml(CASE_FILE)
    g = torch.Generator().manual_seed(0)
    x = torch.cat([sample_microstructures(torch.randn(100, generator=g), 32, vf=case.vf, generator=g) for _ in range(8)])
    sur = Surrogate(n_out=len(case.properties), seed=0)
    sur.fit(x, torch.as_tensor(case.kappa(*homogenize(x.numpy().astype('uint8'), **case.materials))).float(), max_epochs=20, progress=False)
    sur.save(nbdir / 'surrogate.pt')
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell('# What does my surrogate predict for my problem?'), nbformat.v4.new_code_cell(
        "from microstoch.surrogate import Surrogate, PropertyExplorer\n"
        "from microstoch.case import Case\n"
        "sur = Surrogate.load('surrogate.pt')\n"
        f"PropertyExplorer(sur, Case.from_toml('{CASE_FILE.name}'), n=64)")])
    nb.metadata['kernelspec'] = {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'}
    nbformat.write(nb, nbdir / PROPERTY_NOTEBOOK)

def stop_jupyter(proc):
    "SIGTERM the server (it shuts its kernels down), then kill its process group if anything is left."
    if proc is None: return
    if proc.poll() is None:
        proc.terminate()
        try: proc.wait(20)
        except subprocess.TimeoutExpired: pass
    try: os.killpg(proc.pid, signal.SIGKILL)   # the group is ours (start_new_session): kernels left behind
    except (ProcessLookupError, PermissionError): pass
    proc.wait()

def server_up(base, token):
    try:
        with urllib.request.urlopen(f'{base}/api/status?token={token}', timeout=5) as r: return r.status == 200
    except OSError: return False

# --- JavaScript run in the page (the app is exposed as window.jupyterapp) ---
JS_KERNEL_IDLE = """() => { const w = window.jupyterapp?.shell.currentWidget;
  const k = w?.sessionContext?.session?.kernel; return !!k && k.status === 'idle'; }"""
JS_RUN_STATE = """() => { const cells = [...document.querySelectorAll('""" + PANEL + """ .jp-CodeCell .jp-InputPrompt')];
  return {total: cells.length, busy: cells.filter(c => c.textContent.includes('*')).length,
          done: cells.filter(c => /\\[\\d+\\]/.test(c.textContent)).length}; }"""
JS_ERRORS = """() => { const nb = window.jupyterapp.shell.currentWidget.content, errs = [];
  nb.widgets.forEach((cell, i) => { const outs = cell.model.outputs; if (!outs) return;
    for (let j = 0; j < outs.length; j++) { const o = outs.get(j).toJSON();
      if (o.output_type === 'error') errs.push(`cell ${i}: ${o.ename}: ${o.evalue}`); } });
  return errs; }"""
JS_KERNEL_PREFIX = """async () => { const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  let out = ''; const f = k.requestExecute({code: 'import sys; print(sys.prefix, end="")', store_history: false});
  f.onIOPub = m => { if (m.header.msg_type === 'stream') out += m.content.text; }; await f.done; return out; }"""

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--artifacts', default=str(ROOT / '.ci' / 'artifacts'), help='screenshots and logs go here')
    ap.add_argument('--timeout', type=float, default=900, help='seconds allowed for run-all')
    args = ap.parse_args()
    art = Path(args.artifacts); art.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # so that `finally` stops Jupyter and Chromium
    from playwright.sync_api import sync_playwright

    checks, failures = [], []
    def check(name, fn):
        try: fn(); checks.append(name); log(f'PASS {name}'); return True
        except Failure as e: failures.append(name); log(f'FAIL {name}: {e}'); return False

    tmp = Path(tempfile.mkdtemp(prefix='microstoch-browser-'))
    port, token = free_port(), secrets.token_hex(16)
    base = f'http://127.0.0.1:{port}'
    proc, pw, browser = None, None, None
    logfile = open(art / 'jupyter.log', 'w')
    try:
        proc = start_jupyter(tmp, port, token, logfile)
        wait_for(lambda: proc.poll() is not None or server_up(base, token), 120, 'jupyter lab to answer')
        if proc.poll() is not None: raise Failure(f'jupyter lab exited with {proc.returncode}; see {art / "jupyter.log"}')
        log(f'jupyter lab up on {base} (pid {proc.pid})')

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path='/usr/bin/chromium', args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={'width': 1400, 'height': 1000})
        page.set_default_timeout(60_000)
        page.on('pageerror', lambda e: log(f'page error: {e}'))
        external = []   # requests that leave 127.0.0.1 (there should be none)
        page.on('request', lambda r: r.url.startswith(('data:', 'blob:', base, base.replace('http', 'ws'))) or external.append(r.url))
        log(f'chromium {browser.version} started')
        page.goto(f'{base}/lab/tree/00_field.ipynb?token={token}')
        page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=120_000)

        def run_all(name, shot):
            "Run all cells of the notebook on show; check that its kernel is this venv's and that nothing failed."
            page.wait_for_function(JS_KERNEL_IDLE, timeout=120_000, polling=500)
            log(f'{name} open, kernel idle')
            t = time.monotonic()
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            def finished():
                s = page.evaluate(JS_RUN_STATE)
                return s['busy'] == 0 and s['done'] > 0 and page.evaluate(JS_KERNEL_IDLE) and s
            s = wait_for(finished, args.timeout, f'run-all of {name} to finish', every=2)
            log(f'run-all finished in {time.monotonic() - t:.1f} s ({s["done"]} of {s["total"]} code cells have run)')
            log(f"full-page screenshot(s): {', '.join(Path(p).name for p in full_page_screenshot(page, art / shot))}")
            prefix = page.evaluate(JS_KERNEL_PREFIX)
            if os.path.realpath(prefix) != os.path.realpath(sys.prefix):
                raise Failure(f"kernel runs in {prefix!r}, not this venv's {sys.prefix!r}")
            errs = page.evaluate(JS_ERRORS)
            if s['done'] != s['total']: errs.append(f'only {s["done"]} of {s["total"]} code cells ran')
            for loc in (f'{PANEL} .jp-OutputArea-output:has-text("Traceback")', f'{PANEL} >> text=Error displaying widget'):
                if page.locator(loc).count(): errs.append(f'{page.locator(loc).count()} output(s) match {loc!r}')
            if errs: raise Failure('; '.join(errs))

        # the explorers: the widget box around a dropdown, and the image in its Output area
        control = lambda root, cls, label: root.locator(cls).filter(has=page.get_by_text(label, exact=True))
        def explorer(dropdown):
            box = page.locator(f'{PANEL} .jp-OutputArea-output .widget-vbox').filter(has=control(page, '.widget-dropdown', dropdown)).last
            box.scroll_into_view_if_needed(); box.locator('.widget-output img').first.wait_for(timeout=60_000)
            return box
        def select(box, label): return control(box, '.widget-dropdown', label).locator('select')
        def src(box): return box.locator('.widget-output img').first.get_attribute('src', timeout=60_000) or ''

        def changes_image(box, act, what, shot):
            "Do act(), wait for a new image, then until it and the kernel are settled; screenshot the explorer."
            old, t = src(box), time.monotonic()
            act()
            wait_for(lambda: (v := src(box)) != old and v.startswith('data:image/png') and v, 120, f'the image to change after {what}')
            last, stable_since = src(box), time.monotonic()
            while time.monotonic() - stable_since < 2:
                time.sleep(0.5); cur = src(box)
                if cur != last or not page.evaluate(JS_KERNEL_IDLE): last, stable_since = cur, time.monotonic()
            box.screenshot(path=art / shot)
            log(f'image changed {time.monotonic() - t:.1f} s after {what}')

        # --- 00_field.ipynb: FieldExplorer
        if not check('00_field: run-all without errors', lambda: run_all('00_field.ipynb', '01_run_all')):
            raise Failure('explorer checks skipped: run-all failed')
        box = explorer('preset')
        box.screenshot(path=art / '02_explorer_initial.png')
        log(f'explorer rendered: image of {len(src(box))} characters of data URL')
        check("00_field: image changes with preset 'vertical stripes'", lambda: changes_image(
            box, lambda: select(box, 'preset').select_option('vertical stripes'), "preset = 'vertical stripes'", '03_explorer_vertical_stripes.png'))
        readout = control(box, '.widget-hslider', 'vf').locator('.widget-readout')
        def set_vf():
            readout.click(); page.keyboard.press('Control+A'); page.keyboard.type('0.3'); page.keyboard.press('Enter')
        def vf_changes_image():
            changes_image(box, set_vf, 'vf = 0.3', '04_explorer_vf_0.30.png')
            if (shown := readout.inner_text().strip()) != '0.30': raise Failure(f'vf readout shows {shown!r}, not 0.30')
        check('00_field: image changes with vf 0.3', vf_changes_image)

        # --- explore_properties.ipynb: PropertyExplorer on a saved surrogate
        page.evaluate(f"() => {{ window.jupyterapp.commands.execute('docmanager:open', {{path: '{PROPERTY_NOTEBOOK}'}}); }}")
        wait_for(lambda: page.locator(f'{PANEL} .jp-Cell').count() and page.evaluate(
            "() => window.jupyterapp.shell.currentWidget?.context?.path") == PROPERTY_NOTEBOOK, 120, f'{PROPERTY_NOTEBOOK} to open')
        if not check(f'{PROPERTY_NOTEBOOK}: run-all without errors', lambda: run_all(PROPERTY_NOTEBOOK, '06_property_run_all')):
            raise Failure('property explorer checks skipped: run-all failed')
        box = explorer('ϕ')
        box.screenshot(path=art / '07_property_explorer_initial.png')
        check("properties: density changes with preset 'vertical stripes'", lambda: changes_image(
            box, lambda: select(box, 'ϕ').select_option('vertical stripes'), "ϕ = 'vertical stripes'", '08_property_explorer_vertical_stripes.png'))
        check('properties: density changes with the FEM check', lambda: changes_image(
            box, lambda: box.get_by_role('button', name='check with FEM (16)').click(), "'check with FEM (16)'", '09_property_explorer_fem.png'))
        page.screenshot(path=art / '10_final_viewport.png')
        log(f'requests outside 127.0.0.1: {external or "none"}')
    except Failure as e:
        failures.append(str(e)); log(f'FAIL {e}')
    except Exception as e:   # Playwright time-outs and the like: report as a failure, not a crash
        failures.append(f'{type(e).__name__}: {e}'); log(f'FAIL {type(e).__name__}: {e}')
    finally:
        if browser: browser.close()
        if pw: pw.stop()
        stop_jupyter(proc); logfile.close()
        shutil.rmtree(tmp, ignore_errors=True)
    log(f'artefacts in {art}')
    print(f'browser: {len(checks)} passed, {len(failures)} failed ({time.monotonic() - T0:.0f} s)')
    return 1 if failures or len(checks) < 6 else 0

def full_page_screenshot(page, stem, tile=8000):
    "The whole notebook after run-all: JupyterLab scrolls inside a panel, so grow the viewport and take tiles of it."
    vp, outer = page.viewport_size, f'{PANEL} .jp-WindowedPanel-outer'
    h = page.evaluate(f"() => document.querySelector('{outer}').scrollHeight")
    page.set_viewport_size({'width': vp['width'], 'height': min(tile, h + 150)})
    paths, top = [], 0
    while True:
        page.evaluate(f"() => document.querySelector('{outer}').scrollTop = {top}")
        page.wait_for_timeout(800)
        paths.append(f'{stem}_{len(paths) + 1}.png'); page.screenshot(path=paths[-1])
        step = page.evaluate(f"() => document.querySelector('{outer}').clientHeight")
        top += step
        if top >= h or step <= 0: break
    page.set_viewport_size(vp); page.wait_for_timeout(500)
    return paths

if __name__ == '__main__':
    sys.exit(main())
