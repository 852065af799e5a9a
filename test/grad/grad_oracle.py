#!/usr/bin/python3
"""grad_oracle.py - checks nxc's grad/value_and_grad against PyTorch and finite differences.

This file implements the driver of the gradient oracle. Each case (grad_cases_*.py) is an
Nx expression reduced to a scalar loss; the harness writes two kinds of entries, batched
many to a module as test/oracle does (one `nxc check` per module, then one `nxc run` of
a combined entry calling them all, and one `nxc run --entry` per entry that did not pass there):

- `fwd_<case>`: the loss and `out`. Both must equal PyTorch's, which checks the
  PyTorch translation of the Nx code (and out's shape) against nxc's forward pass.
- `<case>`: `grad(x, fn x -> loss end)` (a tuple `grad({x, y}, fn {x, y} -> ...)` for
  several inputs, `value_and_grad` for some). Its results must equal torch.autograd's
  gradient of the same float64 inputs (rtol 1e-9 in f64, 1e-5 in f32, relative to
  |want| + max(max|want|, 1)) and central finite differences (1e-6 / 1e-5).

A case is PASS, UNSUPPORTED (nxc exited 1 with a `file:line:col: error:` saying that it
cannot differentiate something, e.g. `undefined function grad/2` or `no gradient for
Nx.sort`) or FAIL (wrong numbers, wrong types, another error, a crash, a timeout, a
forward value that differs from PyTorch, or PyTorch disagreeing with finite differences).
Prints one line per case, the unsupported operations, and `N passed, M unsupported,
K failed`; exits 1 only if a case FAILed.

Usage (with /usr/bin/python3, which has NumPy and PyTorch):
  grad_oracle.py --nxc build/bin/nxc [--only REGEX] [--keep DIR] [-j 2] [--by-function]
  grad_oracle.py --self-test     # PyTorch vs finite differences and Nx's rules, no nxc
  grad_oracle.py --list
"""

import argparse
import concurrent.futures as cf
import os
import re
import shutil
import sys
import tempfile
import time

import numpy as np

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "oracle"))
import oracle as O  # noqa: E402  (Nxc, Batch, isolate_check: the NumPy oracle's batching)
import torch  # noqa: E402

import grad_case as G  # noqa: E402
import grad_cases_indexing  # noqa: E402
import grad_cases_linalg  # noqa: E402
import grad_cases_math  # noqa: E402
import grad_cases_more  # noqa: E402
import grad_cases_struct  # noqa: E402
import grad_cases_window  # noqa: E402

torch.set_num_threads(1)
DEFAULT_SEED = 20250505

# A diagnostic that says nxc cannot differentiate something (not a wrong program).
UNSUPPORTED_RX = re.compile(
    r"undefined function `(grad|value_and_grad|stop_grad|custom_grad)/\d+`"
    r"|no gradient|gradient (rule )?(is )?not (yet )?(implemented|supported|defined)"
    r"|not differentiable|cannot (be )?differentiat|cannot compute (the )?gradient"
    r"|has no (gradient|derivative)|no derivative", re.I)
DIAG_RX = re.compile(r"\S+:\d+:\d+: error: ([^|\n]*)")


def generate(seed):
    b = G.Builder(seed)
    grad_cases_math.generate(b)
    grad_cases_struct.generate(b)
    grad_cases_more.generate(b)
    grad_cases_indexing.generate(b)
    grad_cases_window.generate(b)
    grad_cases_linalg.generate(b)
    return b.cases


# ------------------------------------------------------------- comparing
def compare(got, want, rtol):
    """Returns None if |got - want| <= rtol * (|want| + max(max|want|, 1)) everywhere."""
    g, w = np.asarray(got, np.float64), np.asarray(want, np.float64)
    if g.shape != w.shape:
        return "shape %s, expected %s" % (g.shape, w.shape)
    if g.size == 0:
        return None
    scale = max(float(np.max(np.abs(w))), 1.0)
    with np.errstate(invalid="ignore"):
        err = np.abs(g - w)
        bad = ~(err <= rtol * (np.abs(w) + scale))
    if not bad.any():
        return None
    idx = np.unravel_index(np.argmax(bad), g.shape)
    return "%d/%d elements off by more than rtol=%g (max abs err %.3g); first at %s: got %r, expected %r" % (
        int(bad.sum()), g.size, rtol, float(np.nanmax(np.where(np.isnan(err), np.inf, err))),
        list(map(int, idx)), float(g[idx]), float(w[idx]))


def reference_problem(case):
    """Computes torch (and finite-difference) references; returns a reason if they disagree."""
    case.fd_want = None
    try:
        want = case.references()
        if case.fd:
            case.fd_want = case.finite_differences()
    except Exception as e:  # noqa: BLE001 - a broken translation is reported, not raised
        return "PyTorch reference raised %s: %s" % (type(e).__name__, e)
    if case.fd:
        for a, t, f in zip(case.diff_args(), want, case.fd_want):
            why = compare(t, f, 1e-6)
            if why:
                return "PyTorch gradient w.r.t. %s disagrees with finite differences: %s" % (a.name, why)
    return None


# ------------------------------------------------------------ running nxc
def write_inputs(case, d):
    paths = []
    for a in case.args:
        p = os.path.join(d, "%s.%s.npy" % (case.name, a.name))
        np.save(p, a.array)
        paths.append(p)
    return paths


def run_entry(nxc, path, name, inputs, workdir):
    outdir = os.path.join(workdir, name + ".out")
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    args = ["run", path, "--entry", name]
    for p in inputs:
        args += ["--input", p]
    st, detail = nxc.call(args + ["--output-dir", outdir])
    return st, detail, outdir


def load(outdir, i):
    p = os.path.join(outdir, "result%d.npy" % i)
    if not os.path.exists(p):
        return None, "missing result%d.npy" % i
    try:
        return np.load(p, allow_pickle=False), None
    except Exception as e:  # noqa: BLE001
        return None, "result%d.npy unreadable: %s" % (i, e)


def check_fwd(case, outdir):
    got, why = load(outdir, 0)
    if why:
        return why
    if got.dtype != G.NP[case.dtype] or got.shape != ():
        return "loss is %s%s, expected %s[]" % (got.dtype, list(got.shape), case.dtype)
    why = compare(got, case.want_value, case.tol)
    if why:
        return "loss %s" % why
    if case.weight:
        got, why = load(outdir, 1)
        if why:
            return why
        why = compare(got, case.want_out, case.tol)
        if why:
            return "out (the tensor the loss weights) %s" % why
    return None


def check_grad(case, outdir):
    files = case.expected_files()
    fd = ([None] if case.mode == "vg" else []) + (case.fd_want or [None] * len(case.diff_args()))
    names = (["value"] if case.mode == "vg" else []) + ["d/d%s" % a.name for a in case.diff_args()]
    for i, ((dtype, want), f, label) in enumerate(zip(files, fd, names)):
        got, why = load(outdir, i)
        if why:
            return why
        if got.dtype != G.NP[dtype]:
            return "%s (result%d) has dtype %s, expected %s" % (label, i, got.dtype, dtype)
        why = compare(got, want, case.tol)
        if why:
            return "%s vs PyTorch: %s" % (label, why)
        if f is not None:
            why = compare(got, f, case.fd_tol)
            if why:
                return "%s vs finite differences: %s" % (label, why)
    if os.path.exists(os.path.join(outdir, "result%d.npy" % len(files))):
        return "unexpected extra result%d.npy" % len(files)
    return None


def classify(detail):
    """('unsupported', op) when the error says nxc cannot differentiate, else None."""
    for msg in DIAG_RX.findall(detail):
        if UNSUPPORTED_RX.search(msg):
            named = re.findall(r"`([^`]+)`", msg)
            return named[0] if named else msg.strip()
    return None


class GBatch(O.Batch):
    """test/oracle's Batch (dropping entries that `nxc check` rejects) with this suite's header."""

    def write(self, cases, suffix=""):
        path, spans = O.Batch.write(self, cases, suffix)
        with open(path) as f:
            lines = f.read().split("\n")
        lines[:2] = ["# Generated by test/grad/grad_oracle.py (seed %d); expected values come",
                     "# from PyTorch and finite differences in the script, not from nxc."]
        lines[0] %= self.seed
        with open(path, "w") as f:
            f.write("\n".join(lines))
        return path, spans


def check_batch(nxc, batch, results):
    """test/oracle's check_batch, except that only `error:` lines blame an entry (the
    integer-input warning of `grad` must not drop its entry). Returns the module path."""
    live = list(batch.cases)
    for _ in range(12):
        if not live:
            return None
        path, spans = batch.write(live)
        st, detail = nxc.call(["check", path])
        if st == "ok":
            return path
        if st in ("crash", "timeout"):
            return O.isolate_check(nxc, batch, live, results, path, detail)
        rx = re.compile(r"%s:(\d+):\d+: error: " % re.escape(os.path.basename(path)))
        lines = {int(m) for m in rx.findall(detail)}
        bad = [c for c in live if any(spans[c.name][0] <= n <= spans[c.name][1] for n in lines)]
        if not bad:
            return O.isolate_check(nxc, batch, live, results, path, detail)
        for c in bad:
            lo, hi = spans[c.name]
            msgs = [l for l in detail.splitlines() if any(":%d:" % n in l for n in range(lo, hi + 1))
                    and ": error: " in l]
            results[c.name] = ("check", "nxc check rejected the entry: %s" % O.tail(" | ".join(msgs)))
        live = [c for c in live if c not in bad]
    return O.isolate_check(nxc, batch, live, results, None, "too many check rounds")


COMBINED = "all_cases"
STATS = []  # per batch: (entries passed in the combined run, entries run one by one)
DEADLINE = [float("inf")]  # after this time no entry is run one by one (a hanging nxc)


def combined_entry(live, entries):
    """One entry calling every entry of the module (each case's size variables renamed apart):
    returns (entry lines, input paths, [(entry, first result, result count)])."""
    types, params, calls, rtypes, inputs, spans, first = [], [], [], [], [], [], 0
    for k, e in enumerate(live):
        case, paths = entries[e.name]
        head = e.entry_text()[0]  # "  @entry name(T, ...) :: R"
        m = re.match(r"\s*@entry \w+\((.*)\) :: (.*)$", head)
        ren = lambda t: re.sub(r"\[([^\]]*)\]", lambda b: "[%s]" % re.sub(
            r"\b([a-z_]\w*)\b", r"\1_c%d" % k, b.group(1)), t)  # noqa: E731
        args = re.findall(r"\w+\[[^\]]*\]", m.group(1))
        names = ["c%d_%s" % (k, a.name) for a in case.args]
        types += [ren(t) for t in args]
        params += names
        calls.append("%s(%s)" % (e.name, ", ".join(names)))
        rtypes.append(ren(m.group(2)))
        inputs += paths
        n = m.group(2).count("[")
        spans.append((e, first, n))
        first += n
    lines = ["", "  @entry %s(%s) :: {%s}" % (COMBINED, ", ".join(types), ", ".join(rtypes)),
             "  defn %s(%s) do" % (COMBINED, ", ".join(params)),
             "    {%s}" % ", ".join(calls), "  end"]
    return lines, inputs, spans


def run_combined(nxc, batch, path, live, entries, checker):
    """Runs every entry of a checked module at once (one process instead of one per entry);
    returns {entry name: (status, detail)} for those that passed; {} if the combined run failed."""
    lines, inputs, spans = combined_entry(live, entries)
    with open(path) as f:
        text = f.read().rstrip()
    cpath = path[:-3] + "_all.nx"
    with open(cpath, "w") as f:
        f.write(text[: text.rindex("end")] + "\n".join(lines) + "\nend\n")
    st, _, outdir = run_entry(nxc, cpath, COMBINED, inputs, batch.workdir + "/" + batch.name)
    if st != "ok":
        return {}
    done = {}
    for e, first, n in spans:
        d = os.path.join(batch.workdir, e.name + ".out")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for j in range(n):
            src = os.path.join(outdir, "result%d.npy" % (first + j))
            if os.path.exists(src):
                shutil.copy(src, os.path.join(d, "result%d.npy" % j))
        if checker(entries[e.name][0], d) is None:
            done[e.name] = ("ok", "")
    return done


def run_batch(nxc, batch, entries, checker, results):
    """entries: {entry name: (case, inputs)}; checker(case, outdir) -> reason or None.
    Entries that do not pass in the combined run are run one by one (alone if they fail)."""
    path = check_batch(nxc, batch, results)
    live = [e for e in batch.cases if e.name not in results]
    if path is None or not live:
        return
    if len(live) != len(batch.cases):
        path, _ = batch.write(live)
    done = run_combined(nxc, batch, path, live, entries, checker) if time.time() < DEADLINE[0] else {}
    results.update(done)
    STATS.append((len(done), len(live) - len(done)))
    for e in live:
        if e.name in results:
            continue
        if time.time() > DEADLINE[0]:
            results[e.name] = ("timeout", "not run: the suite ran past --deadline")
            continue
        case, inputs = entries[e.name]
        st, d, outdir = run_entry(nxc, path, e.name, inputs, batch.workdir)
        if st in ("error", "crash", "timeout") and len(live) > 1:
            p1, _ = batch.write([e], suffix="_" + e.name)  # alone, so another entry is not blamed
            st, d, outdir = run_entry(nxc, p1, e.name, inputs, batch.workdir)
        if st != "ok":
            results[e.name] = (st, d)
            continue
        why = checker(case, outdir)
        results[e.name] = ("ok", "") if why is None else ("mismatch", why)


def run_all(nxc, cases, workdir, jobs, batch_size, seed):
    refs = {c.name: reference_problem(c) for c in cases}
    entries, fwd, grd = {}, [], []
    for c in cases:
        if refs[c.name]:
            continue
        inputs = write_inputs(c, workdir)
        v = c.fwd_case()
        entries[v.name], entries[c.name] = (c, inputs), (c, inputs)
        fwd.append(v)
        grd.append(c)
    fres, gres = {}, {}
    work = []
    for kind, items, checker, res in (("Fwd", fwd, check_fwd, fres), ("Grad", grd, check_grad, gres)):
        nb = max(1, -(-len(items) // batch_size))
        work += [(GBatch("Grad%sB%d" % (kind, i), items[i::nb], workdir, seed), checker, res) for i in range(nb)]
    with cf.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:  # batches in parallel
        for f in [ex.submit(run_batch, nxc, b, entries, checker, res) for b, checker, res in work]:
            f.result()
    out = {}
    for c in cases:
        if refs[c.name]:
            out[c.name] = ("fail", refs[c.name])
            continue
        fst, fd = fres.get("fwd_" + c.name, ("error", "not run"))
        gst, gd = gres.get(c.name, ("error", "not run"))
        if fst in ("check", "error") and classify(fd):
            out[c.name] = ("unsupported", classify(fd))
        elif fst != "ok":
            out[c.name] = ("fail", "forward loss (fwd_%s): %s" % (c.name, O.tail(fd, 500)))
        elif gst == "ok":
            out[c.name] = ("pass", "")
        elif gst in ("check", "error") and classify(gd):
            out[c.name] = ("unsupported", classify(gd))
        else:
            out[c.name] = ("fail", O.tail(gd, 700) if gst in ("error", "check") else gd)
    return out


def by_function(cases, out):
    """One line per case group (Nx function or construct): yes (every case passed),
    no (every case unsupported), partial, or FAIL; for docs/ops.md's grad column."""
    groups = {}
    for c in cases:
        groups.setdefault(c.group, []).append(out[c.name][0])
    print("gradient status by function:")
    for g, sts in sorted(groups.items()):
        st = ("FAIL" if "fail" in sts else "yes" if set(sts) == {"pass"} else
              "no" if set(sts) == {"unsupported"} else "partial")
        print("  %-30s %-8s (%d cases)" % (g, st, len(sts)))


def report(cases, out):
    counts = {"pass": 0, "unsupported": 0, "fail": 0}
    unsup = {}
    for c in cases:
        st, d = out[c.name]
        counts[st] += 1
        if st == "pass":
            print("PASS %s" % c.name)
        elif st == "unsupported":
            print("UNSUPPORTED %s: %s" % (c.name, d))
            unsup.setdefault(d, []).append(c.name)
        else:
            print("FAIL %s: %s" % (c.name, d))
            print("    body: %s" % c.body.strip().replace("\n", "; "))
    if unsup:
        print("unsupported (what nxc's diagnostic named: cases):")
        for op, names in sorted(unsup.items()):
            print("  %s: %s" % (op, " ".join(names)))
        groups = sorted({c.group for c in cases if out[c.name][0] == "unsupported"})
        print("unsupported Nx functions (case groups): %s" % ", ".join(groups))
    print("%d passed, %d unsupported, %d failed" % (counts["pass"], counts["unsupported"], counts["fail"]))
    return counts["fail"]


# -------------------------------------------------------------- self test
def self_test(cases):
    """PyTorch vs finite differences for every case, Nx's rules on hand-worked values,
    the comparison and the classifier; returns the number of failed checks."""
    import torchref as T
    fails = []
    for c in cases:
        why = reference_problem(c)
        if why:
            fails.append("%s: %s" % (c.name, why))
        elif c.fd_want is None and not c.note:
            fails.append("%s: no finite-difference check and no note saying why" % c.name)

    def hand(name, fn, x, want):
        xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        (g,) = torch.autograd.grad(fn(xt), xt)
        if not np.allclose(g.numpy(), want, rtol=0, atol=1e-15):
            fails.append("%s: got %s, want %s" % (name, g.numpy().tolist(), want))

    hand("reduce_max ties", lambda x: T.reduce_max(x, [1]).sum(), [[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]],
         [[0, 0.5, 0.5], [1 / 3, 1 / 3, 1 / 3]])
    hand("reduce_min all ties", lambda x: T.reduce_min(x) * 2, [[1.0, 0.0], [0.0, 5.0]], [[0, 1], [1, 0]])
    hand("amax agrees with Nx's rule", lambda x: torch.amax(x, 1).sum(), [[1.0, 3.0, 3.0]], [[0, 0.5, 0.5]])
    hand("max tie halves", lambda x: T.nx_max(x, torch.tensor([1.0, 0.0], dtype=torch.float64)).sum(),
         [1.0, 2.0], [0.5, 1.0])
    hand("abs at 0", lambda x: T.nx_abs(x).sum(), [0.0, -2.0, 3.0], [1.0, -1.0, 1.0])
    hand("product one zero", lambda x: x.prod(), [2.0, 0.0, 3.0], [0.0, 6.0, 0.0])
    hand("pad interior", lambda x: (T.pad(x, 0.0, [(1, -1, 1)]) * torch.arange(5.0, dtype=torch.float64)).sum(),
         [1.0, 2.0, 3.0], [1.0, 3.0, 0.0])
    hand("window max pool", lambda x: T.window(x, [2], "max", [2]).sum(), [1.0, 3.0, 2.0, 0.0], [0, 1, 1, 0])
    w = T.window(torch.arange(6.0, dtype=torch.float64).reshape(2, 3), [2, 2], "sum")
    if w.tolist() != [[8.0, 12.0]]:
        fails.append("window_sum: %s" % w.tolist())
    if T.take(torch.arange(6.0).reshape(2, 3), torch.tensor([[2, 0]]), 1).tolist() != [[[2.0, 0.0]], [[5.0, 3.0]]]:
        fails.append("take axis 1")
    if compare(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-6]), 1e-9) is None:
        fails.append("compare missed a 1e-6 error at rtol 1e-9")
    if compare(np.array([1e-12, 2.0]), np.array([0.0, 2.0]), 1e-9) is not None:
        fails.append("compare rejected a 1e-12 absolute error")
    for text, want in [("m.nx:3:5: error: undefined function `grad/2`", "grad/2"),
                       ("m.nx:4:7: error: no gradient rule for `Nx.sort`", "Nx.sort"),
                       ("m.nx:4:7: error: `Nx.window_product` is not differentiable", "Nx.window_product"),
                       ("nxc check rejected the entry: /t/M.nx:9:7: error: cannot differentiate through "
                        "`Nx.sort`: it has no gradient rule | Nx.sort(x) | ^", "Nx.sort"),
                       ("m.nx:2:3: error: entry `f` returns f32[2], declared f64[2]", None),
                       ("nxc: error: no gradient", None)]:
        if classify(text) != want:
            fails.append("classify(%r) = %r, want %r" % (text, classify(text), want))
    fails += fake_outputs(cases)
    names = [c.name for c in cases]
    if len(set(names)) != len(names) or any(not re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names):
        fails.append("case names must be unique identifiers")
    sample = [c for c in cases if c.name == "put_slice"][0]
    text, _ = O.module_text("M", [sample], 1)
    want = ("  @entry put_slice(f64[4, 4], f64[2, 3], f64[4, 4]) :: {f64[4, 4], f64[2, 3]}\n"
            "  defn put_slice(x, y, wout) do\n    grad({x, y}, fn {x, y} ->\n"
            "      Nx.sum((Nx.put_slice(x, [1, 1], y)) * wout)\n    end)\n  end\n")
    if want not in text:
        fails.append("unexpected module text:\n%s" % text)
    dyn = [c for c in cases if c.name == "bcast_dynamic"][0]
    ents = {c.name: (c, ["%s.%d.npy" % (c.name, i) for i in range(len(c.args))]) for c in (sample, dyn)}
    lines, inputs, spans = combined_entry([sample, dyn], ents)
    want = ["  @entry all_cases(f64[4, 4], f64[2, 3], f64[4, 4], f64[n_c1, 3], f64[3], f64[]) :: "
            "{{f64[4, 4], f64[2, 3]}, {f64[n_c1, 3], f64[3]}}",
            "  defn all_cases(c0_x, c0_y, c0_wout, c1_x, c1_y, c1_wout) do",
            "    {put_slice(c0_x, c0_y, c0_wout), bcast_dynamic(c1_x, c1_y, c1_wout)}", "  end"]
    if lines[1:] != want or [(e.name, a, n) for e, a, n in spans] != [("put_slice", 0, 2), ("bcast_dynamic", 2, 2)] \
            or len(inputs) != 6:
        fails.append("unexpected combined entry:\n%s\n%s" % ("\n".join(lines), spans))
    for f in fails:
        print("SELF-TEST FAIL: %s" % f)
    print("self-test: %d cases (%d with finite differences), %d checks failed" % (
        len(cases), sum(1 for c in cases if c.fd), len(fails)))
    return len(fails)


def fake_outputs(cases):
    """check_grad/check_fwd on hand-made result files: the right ones pass, a gradient off by
    1e-7 (f64), a wrong dtype, a missing or an extra file fail."""
    fails = []
    d = tempfile.mkdtemp(prefix="nxc-grad-self-")
    try:
        for c in [c for c in cases if c.name in ("put_slice", "value_and_grad", "sin_f32", "mlp_xent")]:
            files = c.expected_files()

            def write(mutate=None, drop=None, extra=False):
                shutil.rmtree(d, ignore_errors=True)
                os.makedirs(d)
                for i, (dt, a) in enumerate(files):
                    a = np.asarray(a, G.NP[dt])
                    if mutate == i:
                        a = a + np.asarray(1e-7 if dt == "f64" else 1e-3, a.dtype)
                    if mutate == ("dtype", i):
                        a = a.astype(np.float32 if dt == "f64" else np.float64)
                    if drop != i:
                        np.save(os.path.join(d, "result%d.npy" % i), a)
                if extra:
                    np.save(os.path.join(d, "result%d.npy" % len(files)), np.zeros(1))
                return check_grad(c, d)

            if write() is not None:
                fails.append("%s: exact results rejected: %s" % (c.name, write()))
            last = len(files) - 1
            for kw in ({"mutate": last}, {"mutate": ("dtype", 0)}, {"drop": last}, {"extra": True}):
                if write(**kw) is None:
                    fails.append("%s: results with %s accepted" % (c.name, kw))
            if c.weight:
                shutil.rmtree(d, ignore_errors=True)
                os.makedirs(d)
                np.save(os.path.join(d, "result0.npy"), np.asarray(c.want_value, G.NP[c.dtype]))
                np.save(os.path.join(d, "result1.npy"), np.asarray(c.want_out, G.NP[c.dtype]))
                if check_fwd(c, d) is not None:
                    fails.append("%s: exact forward rejected: %s" % (c.name, check_fwd(c, d)))
                np.save(os.path.join(d, "result1.npy"), np.asarray(c.want_out + 0.01, G.NP[c.dtype]))
                if check_fwd(c, d) is None:
                    fails.append("%s: wrong forward out accepted" % c.name)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return fails


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nxc", help="path to the nxc binary")
    ap.add_argument("--only", help="run only cases whose name or group matches this regex")
    ap.add_argument("--keep", help="write modules, inputs and results here and keep them")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--by-function", action="store_true", help="also print each Nx function's gradient status")
    ap.add_argument("--seed", type=int, default=int(os.environ.get("NXC_GRAD_SEED", DEFAULT_SEED)))
    ap.add_argument("--batch-size", type=int, default=40)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=120, help="seconds per nxc call")
    ap.add_argument("--deadline", type=int, default=900,
                    help="seconds after which entries still to run one by one fail unrun")
    opts = ap.parse_args()
    cases = generate(opts.seed)
    if opts.only:
        rx = re.compile(opts.only)
        cases = [c for c in cases if rx.search(c.name) or rx.search(c.group)]
    if opts.list:
        for c in cases:
            print("%-28s %-22s %s" % (c.name, c.group, c.body.strip().replace("\n", "; ")))
        print("%d cases" % len(cases))
        return 0
    if opts.self_test:
        return 1 if self_test(cases) else 0
    if not opts.nxc:
        ap.error("--nxc is required (or --list / --self-test)")
    workdir = opts.keep or tempfile.mkdtemp(prefix="nxc-grad-")
    os.makedirs(workdir, exist_ok=True)
    print("seed %d, %d cases, work dir %s" % (opts.seed, len(cases), workdir), flush=True)
    t0 = time.time()
    DEADLINE[0] = t0 + opts.deadline
    try:
        out = run_all(O.Nxc(os.path.abspath(opts.nxc), opts.timeout), cases, workdir, opts.jobs,
                      opts.batch_size, opts.seed)
        nfail = report(cases, out)
        if opts.by_function:
            by_function(cases, out)
    finally:
        if not opts.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print("time %.1fs; %d entries passed in %d combined runs, %d left to run one by one" % (
        time.time() - t0, sum(a for a, _ in STATS), len(STATS), sum(b for _, b in STATS)), file=sys.stderr)
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main())
