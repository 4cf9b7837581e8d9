"""Write README.md from nbs/index.ipynb (its markdown cells, image paths made relative to the repository root).

nbdev's own `nbdev_readme` renders with Quarto, which cannot be installed on the development machines;
this keeps README.md generated from the notebook all the same. `.ci/run` fails if README.md is stale."""
import json, pathlib

root = pathlib.Path(__file__).resolve().parent.parent
nb = json.loads((root / 'nbs' / 'index.ipynb').read_text())
src = lambda c: ''.join(c['source']) if isinstance(c['source'], list) else c['source']
md = [src(c) for c in nb['cells'] if c['cell_type'] == 'markdown']
text = '\n\n'.join(md).replace('](images/', '](nbs/images/')
(root / 'README.md').write_text('<!-- Generated from nbs/index.ipynb by .ci/readme.py: edit the notebook, not this file. -->\n\n'
                                + text + '\n')
