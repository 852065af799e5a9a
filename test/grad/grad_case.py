"""grad_case.py - one gradient case of the oracle: its inputs, Nx source and PyTorch references.

This file implements GCase (an Nx expression of some inputs, reduced to a
scalar loss `Nx.sum(out * wout)` with a fixed random weight tensor `wout` of
out's shape, so that every output element matters), its `@entry` text for
`grad`/`value_and_grad` and for the forward loss alone, and the two
references: torch.autograd on the float64 inputs and central finite
differences of the same PyTorch function in float64.
"""

import zlib

import numpy as np
import torch

NP = {"f32": np.float32, "f64": np.float64, "s64": np.int64, "s32": np.int32}
DOMAINS = {"any": (-3, 3), "pos": (0.5, 3), "unit": (-0.9, 0.9), "tan": (-1.2, 1.2),
           "log1p": (-0.8, 3), "small": (-1.5, 1.5), "big1": (1.2, 3), "neg": (-3, -0.5),
           "exp": (-2, 2), "w": (-1, 1)}

# rtol of the "relative-ish" comparison |got - want| <= rtol * (|want| + max(max|want|, 1)).
TOL = {"f64": 1e-9, "f32": 1e-5}
FD_TOL = {"f64": 1e-6, "f32": 1e-5}


class GArg:
    """An entry argument: name, dtype, shape (ints or (symbol, size)), data, differentiated?"""

    def __init__(self, name, dtype, shape, array, diff):
        self.name, self.dtype, self.shape, self.array, self.diff = name, dtype, list(shape), array, diff

    def type_text(self):
        return "%s[%s]" % (self.dtype, ", ".join(d[0] if isinstance(d, tuple) else str(d)
                                                 for d in self.shape))


def to_torch(a):
    """An argument's data as a float64 (or int64 index) tensor."""
    return torch.from_numpy(np.asarray(a.array).astype(np.float64 if a.dtype[0] == "f" else np.int64))


def sizes(shape):
    return tuple(d[1] if isinstance(d, tuple) else d for d in shape)


def type_text(dtype, shape):
    return "%s[%s]" % (dtype, ", ".join(str(d) for d in shape))


class GCase:
    def __init__(self, name, group, args, body, torch_fn, mode="grad", weight=True, fd=True,
                 tol=None, fd_tol=None, note=""):
        self.name, self.group, self.args, self.body = name, group, args, body
        self.torch_fn, self.mode, self.weight, self.fd = torch_fn, mode, weight, fd
        self.note = note
        self.defs = []        # extra module lines (helper defnps) after the entry
        self.nest = False     # differentiate {x, {y, z, ...}} instead of {x, y, z, ...}
        self.call = None      # the whole grad call instead of `grad(x, fn x -> loss end)`
        self.dtype = next(a.dtype for a in args if a.diff and a.dtype[0] == "f")
        self.tol = tol or TOL[self.dtype]
        self.fd_tol = fd_tol or FD_TOL[self.dtype]
        self.want = None      # torch results, filled by references()

    # --------------------------------------------------------- Nx text
    def diff_args(self):
        return [a for a in self.args if a.diff]

    def grad_type(self):
        ts = [a.type_text() if a.dtype[0] == "f" else "f32" + a.type_text()[3:] for a in self.diff_args()]
        return self.structure(ts)

    def structure(self, items):
        """The differentiated inputs' structure: x, {x, y, ...} or {x, {y, ...}}."""
        if len(items) == 1:
            return items[0]
        if self.nest:
            return "{%s, {%s}}" % (items[0], ", ".join(items[1:]))
        return "{%s}" % ", ".join(items)

    def grad_call(self, fn):
        var = self.structure([a.name for a in self.diff_args()])
        return "%s(%s, fn %s ->" % (fn, var, var)

    def loss_lines(self):
        lines = self.body.strip().split("\n")
        if self.weight:
            lines[-1] = "Nx.sum((%s) * wout)" % lines[-1].strip()
        return lines

    def params(self):
        return [a.name for a in self.args]

    def entry_text(self):
        """The entry returning grad (or {value, grad}); named self.name."""
        res = self.grad_type()
        if self.mode == "vg":
            res = "{%s[], %s}" % (self.dtype, res)
        fn = "value_and_grad" if self.mode == "vg" else "grad"
        lines = ["  @entry %s(%s) :: %s" % (self.name, ", ".join(a.type_text() for a in self.args), res),
                 "  defn %s(%s) do" % (self.name, ", ".join(self.params())),
                 "    " + (self.call or self.grad_call(fn))]
        if not self.call:
            lines += ["      " + l for l in self.loss_lines()]
            lines += ["    end)"]
        return lines + ["  end"] + self.defs

    def fwd_case(self):
        return FwdView(self)

    # ------------------------------------------------------ references
    def torch_loss(self, tensors):
        out = self.torch_fn(**{a.name: tensors[a.name] for a in self.args if a.name != "wout"})
        if self.weight:
            out = (out * tensors["wout"]).sum()
        return out

    def references(self):
        """Computes the loss and torch.autograd gradients (float64)."""
        ts = {}
        for a in self.args:
            t = to_torch(a)
            if a.diff and a.dtype[0] == "f":
                t.requires_grad_(True)
            ts[a.name] = t
        out = self.torch_fn(**{a.name: ts[a.name] for a in self.args if a.name != "wout"})
        self.want_out = out.detach().numpy()
        loss = (out * ts["wout"]).sum() if self.weight else out
        diff = [ts[a.name] for a in self.diff_args()]
        gs = torch.autograd.grad(loss, [d for d in diff if d.requires_grad], allow_unused=True)
        gs = [gs[sum(e.requires_grad for e in diff[:i])] if d.requires_grad else None
              for i, d in enumerate(diff)]  # an integer input's gradient is zero
        self.want_value = float(loss.detach())
        self.want = [np.zeros(d.shape) if g is None else g.detach().numpy() for g, d in zip(gs, diff)]
        return self.want

    def finite_differences(self):
        """Central differences of the same PyTorch loss, float64, h = 1e-6 * max(1, |x|)."""
        base = {a.name: to_torch(a) for a in self.args}
        out = []
        for a in self.diff_args():
            x = base[a.name]
            g = np.zeros(x.shape)
            flat = x.reshape(-1)
            for i in range(flat.numel() if a.dtype[0] == "f" else 0):
                v = float(flat[i])
                h = 1e-6 * max(1.0, abs(v))
                vals = []
                for s in (h, -h):
                    xp = flat.clone()
                    xp[i] = v + s
                    ts = dict(base)
                    ts[a.name] = xp.reshape(x.shape)
                    with torch.enable_grad():
                        vals.append(float(self.torch_loss(ts).detach()))
                g.reshape(-1)[i] = (vals[0] - vals[1]) / (2 * h)
            out.append(g)
        return out

    def expected_files(self):
        """[(result index, dtype, array)] of what nxc writes for the grad entry."""
        res = []
        if self.mode == "vg":
            res.append((self.dtype, np.array(self.want_value)))
        for a, g in zip(self.diff_args(), self.want):
            res.append((a.dtype if a.dtype[0] == "f" else "f32", g))  # integer inputs: f32 zeros
        return res


class FwdView:
    """The forward loss of a case as its own entry `fwd_<name>` (checks the
    PyTorch translation against nxc's forward pass, which the NumPy oracle checks)."""

    def __init__(self, case):
        self.case, self.name = case, "fwd_" + case.name

    def entry_text(self):
        """Returns {loss, out} (out's declared shape is PyTorch's), or the loss when unweighted."""
        c = self.case
        res = "%s[]" % c.dtype
        body = c.body.strip().split("\n")
        if c.weight:
            res = "{%s, %s}" % (res, type_text(c.dtype, c.out_shape))
            body[-1] = "out = %s" % body[-1].strip()
            body.append("{Nx.sum(out * wout), out}")
        lines = ["  @entry %s(%s) :: %s" % (self.name, ", ".join(a.type_text() for a in c.args), res),
                 "  defn %s(%s) do" % (self.name, ", ".join(c.params()))]
        lines += ["    " + l for l in body]
        lines += ["  end"]
        return lines + c.defs


# ------------------------------------------------------------------ builder
class Builder:
    """Collects cases; every case's data comes from its own seed (seed, name)."""

    def __init__(self, seed):
        self.seed, self.cases, self.names = seed, [], set()

    def rng(self, name):
        return np.random.default_rng([self.seed, zlib.crc32(name.encode())])

    def add(self, name, group, args, body, torch_fn, f32=False, **kw):
        """args: [(name, shape, domain)] differentiated, or (name, shape, domain, False) constant;
        a domain may be an np.ndarray (used as is). f32=True adds a `<name>_f32` copy."""
        for dtype in (["f64", "f32"] if f32 else ["f64"]):
            cname = name + ("_f32" if dtype == "f32" else "")
            assert cname not in self.names, cname
            self.names.add(cname)
            r = self.rng(cname)
            gargs = []
            for spec in args:
                an, shape, dom = spec[:3]
                diff = spec[3] if len(spec) > 3 else True
                if isinstance(dom, np.ndarray):
                    arr = dom
                    t = "s64" if arr.dtype.kind in "iu" else dtype
                    arr = arr.astype(NP[t])
                else:
                    lo, hi = DOMAINS[dom]
                    arr = r.uniform(lo, hi, size=sizes(shape)).astype(NP[dtype])
                    t = dtype
                gargs.append(GArg(an, t, shape, arr, diff))
            c = GCase(cname, group, gargs, body, torch_fn, **kw)
            if c.weight:
                ts = {a.name: to_torch(a) for a in gargs}
                with torch.enable_grad():
                    oshape = tuple(torch_fn(**ts).shape)
                c.out_shape = oshape
                w = r.uniform(-1, 1, size=oshape).astype(NP[dtype])
                gargs.append(GArg("wout", dtype, oshape, w, False))
            self.cases.append(c)
        return self
