"""check_fashion_mnist.py - the Fashion-MNIST driver end to end, CI-sized.

usage: check_fashion_mnist.py BINDIR WORKDIR

Runs build/bin/fashion-mnist (examples/fashion_mnist/) on the first 6000
training images for one epoch, for both models, and checks:
  - test accuracy (on the first 2000 test images) above 70% (chance is 10%);
  - the checkpoint, parsed here by hand (struct + json, not libnxrt), holds
    exactly the expected tensor names, and each equals bit for bit the .npy
    that --dump wrote from the driver's memory;
  - --classify reloads the checkpoint and prints predictions;
  - resuming is deterministic: 1 epoch, then --resume to 2, gives the same
    bits as 2 epochs straight;
  - SIGKILL mid-training leaves a checkpoint that parses and resumes; SIGINT
    stops with status 130 and leaves the last checkpoint byte-identical;
  - bad input (no data, a missing, truncated, other-model or wrong-shape
    checkpoint, an unknown flag) exits 1 with one error line, no crash.
"""
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time

import numpy as np

BIN = os.path.join(sys.argv[1], "fashion-mnist")
WORK = sys.argv[2]
DTYPES = {"F32": np.float32, "F64": np.float64, "I32": np.int32, "I64": np.int64,
          "U8": np.uint8}
LAYERS = {"mlp": ["dense1.kernel", "dense1.bias", "dense2.kernel", "dense2.bias"],
          "cnn": ["conv1.kernel", "conv1.bias", "conv2.kernel", "conv2.bias",
                  "dense.kernel", "dense.bias"]}
SMALL = ["--limit", "6000", "--test-limit", "2000"]


def names(model):
    layers = LAYERS[model]
    return (["params." + n for n in layers] + ["opt_state.count"] +
            ["opt_state.mu." + n for n in layers] + ["opt_state.nu." + n for n in layers])


def run(*args, ok=True):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        sys.exit(f"FAIL: fashion-mnist {' '.join(args)} exited {p.returncode}:\n{p.stderr}")
    return p


def read_safetensors(path):
    """Parses a safetensors file with struct and json only."""
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    meta = header.pop("__metadata__", {})
    data = blob[8 + n:]
    out = {}
    for name, e in header.items():
        a, b = e["data_offsets"]
        out[name] = np.frombuffer(data[a:b], dtype=DTYPES[e["dtype"]]).reshape(e["shape"])
    return out, meta


def check_training(model):
    ckpt = os.path.join(WORK, model + ".safetensors")
    dump = os.path.join(WORK, model + "-dump")
    os.makedirs(dump, exist_ok=True)
    p = run("--model", model, "--epochs", "1", *SMALL, "--checkpoint", ckpt,
            "--dump", dump, "--classify", "8")
    acc = float(re.search(r"final test accuracy of the \w+: ([\d.]+)%", p.stdout).group(1))
    assert acc > 70.0, f"{model}: test accuracy {acc}% after one short epoch"
    assert "written and verified bit for bit" in p.stdout, p.stdout
    assert len(re.findall(r"image +\d+: predicted", p.stdout)) == 8, p.stdout
    tensors, meta = read_safetensors(ckpt)
    assert list(tensors) == names(model), list(tensors)
    assert meta.get("model") == model and meta.get("epoch") == "1", meta
    for name, t in tensors.items():
        want = np.load(os.path.join(dump, name + ".npy"))
        assert t.dtype == want.dtype and t.shape == want.shape, (name, t.shape, want.shape)
        assert t.tobytes() == want.tobytes(), f"{name}: checkpoint differs from --dump"
    steps = int(tensors["opt_state.count"])
    assert steps == 94, f"{model}: 6000 images in batches of 64 are 94 steps, got {steps}"
    print(f"PASS {model}: one epoch on 6000 images, test accuracy {acc:.2f}% > 70%, "
          f"checkpoint round trip bit-exact")


def check_resume():
    a, b = os.path.join(WORK, "straight.safetensors"), os.path.join(WORK, "resumed.safetensors")
    run("--epochs", "2", *SMALL, "--checkpoint", a)
    run("--epochs", "1", *SMALL, "--checkpoint", b)
    p = run("--epochs", "2", *SMALL, "--checkpoint", b, "--resume")
    assert "resuming from" in p.stdout, p.stdout
    ta, tb = read_safetensors(a)[0], read_safetensors(b)[0]
    for name in ta:
        assert ta[name].tobytes() == tb[name].tobytes(), f"resume: {name} differs"
    print("PASS resume: 1 epoch + --resume to 2 equals 2 epochs bit for bit")


def start(ckpt, *extra):
    return subprocess.Popen([BIN, "--batch-size", "4", "--epochs", "100", *SMALL,
                             "--checkpoint", ckpt, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_checkpoint(proc):
    """Reads stdout until the first checkpoint line; returns it."""
    for line in proc.stdout:
        if "written and verified" in line:
            return line
    sys.exit("FAIL: the driver ended before writing a checkpoint")


def check_kill():
    ckpt = os.path.join(WORK, "killed.safetensors")
    proc = start(ckpt)
    wait_for_checkpoint(proc)
    time.sleep(0.3)  # mid-epoch 2 (or mid-write: the write is atomic)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    tensors, meta = read_safetensors(ckpt)
    assert list(tensors) == names("mlp") and int(meta["epoch"]) >= 1, meta
    epoch = int(meta["epoch"])
    p = run("--epochs", str(epoch + 1), *SMALL, "--checkpoint", ckpt, "--resume")
    assert f"after epoch {epoch}" in p.stdout, p.stdout

    # SIGINT 0.2 s after the first checkpoint; should an epoch end before
    # the signal lands, the checkpoint to keep is the one written last.
    ckpt = os.path.join(WORK, "interrupted.safetensors")
    proc = start(ckpt)
    wait_for_checkpoint(proc)
    with open(ckpt, "rb") as f:
        before = f.read()
    threading.Timer(0.2, proc.send_signal, [signal.SIGINT]).start()
    out = ""
    for line in proc.stdout:
        out += line
        if "written and verified" in line:
            with open(ckpt, "rb") as f:
                before = f.read()
    proc.wait(timeout=60)
    assert proc.returncode == 130, (proc.returncode, proc.stderr.read())
    assert "interrupted: stopped after step" in out, out
    with open(ckpt, "rb") as f:
        assert f.read() == before, "SIGINT changed the last complete checkpoint"
    print("PASS kill: SIGKILL leaves a loadable checkpoint; SIGINT exits 130 "
          "with the checkpoint unchanged")


def expect_error(what, args, pattern):
    p = run(*args, ok=False)
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 1, f"{what}: exit {p.returncode}, stderr {p.stderr}"
    assert lines and lines[0].startswith("fashion-mnist: error: "), (what, p.stderr)
    assert re.search(pattern, p.stderr), f"{what}: {p.stderr!r} lacks {pattern!r}"


def write_doctored(path, model, change):
    """A checkpoint of `model`'s layout, zero-filled, with `change` applied."""
    ref = read_safetensors(os.path.join(WORK, "mlp.safetensors"))[0]
    tensors = {n: np.zeros(t.shape, t.dtype) for n, t in ref.items()}
    change(tensors)
    header, data = {"__metadata__": {"model": model, "epoch": "1"}}, b""
    for n, t in tensors.items():
        header[n] = {"dtype": "I32" if t.dtype == np.int32 else "F32",
                     "shape": list(t.shape),
                     "data_offsets": [len(data), len(data) + t.nbytes]}
        data += t.tobytes()
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + data)


def check_errors():
    mlp = os.path.join(WORK, "mlp.safetensors")
    expect_error("no data", ["--data", os.path.join(WORK, "nowhere")],
                 r"nowhere/train-images-idx3-ubyte.gz.*\n.*dataset-fashion-mnist")
    expect_error("no checkpoint", [*SMALL, "--resume", "--checkpoint",
                                   os.path.join(WORK, "none.safetensors")], r"none.safetensors")
    truncated = os.path.join(WORK, "truncated.safetensors")
    with open(mlp, "rb") as f:
        blob = f.read()
    with open(truncated, "wb") as f:
        f.write(blob[:len(blob) // 2])
    expect_error("truncated", [*SMALL, "--resume", "--checkpoint", truncated],
                 r"truncated.safetensors: invalid safetensors file")
    expect_error("other model", ["--model", "cnn", *SMALL, "--resume", "--checkpoint", mlp],
                 r"checkpoint of the mlp model, but --model is cnn")
    bad = os.path.join(WORK, "bad.safetensors")

    def reshape(t):
        t["params.dense1.kernel"] = np.zeros((784, 128), np.float32)
    write_doctored(bad, "mlp", reshape)
    expect_error("wrong shape", [*SMALL, "--resume", "--checkpoint", bad],
                 r'"params.dense1.kernel" is f32\[784\]\[128\], the mlp model expects f32\[784\]\[256\]')
    write_doctored(bad, "mlp", lambda t: t.pop("opt_state.nu.dense2.bias"))
    expect_error("missing tensor", [*SMALL, "--resume", "--checkpoint", bad],
                 r'"opt_state.nu.dense2.bias" is missing')
    write_doctored(bad, "mlp", lambda t: t.update({"params.extra": np.zeros(3, np.float32)}))
    expect_error("extra tensor", [*SMALL, "--resume", "--checkpoint", bad],
                 r'"params.extra" is not a leaf of the mlp model')
    expect_error("unknown flag", ["--epoch", "3"], r"unknown flag --epoch")
    expect_error("bad value", ["--batch-size", "0"], r"--batch-size: expected a positive integer")
    print("PASS errors: bad data, checkpoints and flags exit 1 with one message")


if __name__ == "__main__":
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    check_training("mlp")
    check_training("cnn")
    check_resume()
    check_kill()
    check_errors()
