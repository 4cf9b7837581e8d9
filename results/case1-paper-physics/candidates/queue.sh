#!/usr/bin/env bash
# The candidate-source study (issue 37): Case 1 on the paper's physics, paper scale, phi range 10, seeds 0-9,
# acquisition candidates from q(l) ('q', the paper's text) and from p(x|phi*) ('prior', the authors' code).
# Usage: queue.sh WORKTREE RUNS_DIR RESULTS_DIR   (WORKTREE: a git worktree pinned at the commit to run)
# Two runs at a time, one thread each; every run resumes (--resume), so rerunning the script continues a cut-off study;
# each finished run's summary.json is copied to RESULTS_DIR/CANDIDATES-seedS/.
set -u
wt=$1; runs=$2; res=$3
mkdir -p "$runs" "$res"
for s in 0 1 2 3 4 5 6 7 8 9; do for c in q prior; do echo "$c $s"; done; done |
  xargs -P 2 -L 1 bash -c '
    c=$0; s=$1; d='"$runs"'/$c-seed$s
    [ -f '"$res"'/$c-seed$s/summary.json ] && exit 0
    OMP_NUM_THREADS=1 PYTHONPATH='"$wt"' python -m microstoch case1 --scale paper --physics paper --phi-range 10 \
      --seed $s --candidates $c --out $d --resume > '"$runs"'/$c-seed$s.log 2>&1 \
      && mkdir -p '"$res"'/$c-seed$s && cp $d/summary.json '"$res"'/$c-seed$s/ && echo "done $c $s"'
