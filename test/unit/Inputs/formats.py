#!/usr/bin/python3
"""formats.py - an independent writer and reader of the tensor file formats.

The nxrt unit tests (SafetensorsTest, NpzTest, IdxTest) run this with
/usr/bin/python3 to check libnxrt against code that does not share any of it:

  formats.py gen DIR      writes reference files into DIR: safetensors built
                          by hand from the spec (struct + json), .npz with
                          numpy.savez / savez_compressed, IDX built by hand
                          (big-endian data, plus gzip-compressed copies)
  formats.py check DIR    reads the files the C++ writer put in DIR
                          (ours.safetensors, ours.npz) and checks every
                          tensor bit-exactly; exits 1 naming the first problem

Every tensor's little-endian bytes are the pattern (7*i + 1) mod 256 (pred:
i mod 2), so both sides can compute the expected contents independently.
"""
import gzip
import json
import struct
import sys

import numpy as np

# nxrt dtype name -> (safetensors dtype, numpy dtype or None, element size)
DTYPES = {
    "pred": ("BOOL", "bool", 1), "u8": ("U8", "uint8", 1),
    "s32": ("I32", "<i4", 4), "s64": ("I64", "<i8", 8),
    "f32": ("F32", "<f4", 4), "f64": ("F64", "<f8", 8),
    "s8": ("I8", "int8", 1), "s16": ("I16", "<i2", 2),
    "u16": ("U16", "<u2", 2), "u32": ("U32", "<u4", 4),
    "u64": ("U64", "<u8", 8), "f16": ("F16", "<f2", 2),
    "bf16": ("BF16", None, 2),
}
SHAPES = {"scalar": (), "vec": (5,), "cube": (2, 3, 4), "empty": (0,),
          "empty3": (3, 0, 2)}
IDX_TYPES = {"u8": (0x08, "u1"), "s8": (0x09, "i1"), "s16": (0x0B, "i2"),
             "s32": (0x0C, "i4"), "f32": (0x0D, "f4"), "f64": (0x0E, "f8")}


def pattern(dtype, shape):
    n = DTYPES[dtype][2]
    for d in shape:
        n *= d
    if dtype == "pred":
        return bytes(i % 2 for i in range(n))
    return bytes((7 * i + 1) % 256 for i in range(n))


def entries():
    """(name, dtype, shape) of the multi-tensor reference files."""
    return [(f"{d}.{s}", d, shape) for d in DTYPES for s, shape in SHAPES.items()]


def write_safetensors(path, items, metadata=None):
    header, data = {}, b""
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, dtype, shape in items:
        raw = pattern(dtype, shape)
        header[name] = {"dtype": DTYPES[dtype][0], "shape": list(shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


def gen(d):
    write_safetensors(f"{d}/ref.safetensors", entries(),
                      {"format": "pt", "note": "caf\u00e9 \"q\"\n"})
    # A float tensor with known values, encoded by struct.
    vals = [0.5, -2.0, 3.25, float("inf")]
    raw = struct.pack("<4f", *vals)
    text = json.dumps({"w": {"dtype": "F32", "shape": [2, 2],
                             "data_offsets": [0, 16]}}).encode()
    with open(f"{d}/values.safetensors", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + raw)

    arrays = {}
    for name, dtype, shape in entries():
        npd = DTYPES[dtype][1]
        if npd is None:
            continue
        arrays[name] = np.frombuffer(pattern(dtype, shape),
                                     dtype=npd).reshape(shape)
    np.savez(f"{d}/ref.npz", **arrays)
    np.savez_compressed(f"{d}/refc.npz", **arrays)
    write_zip64_npz(f"{d}/ref64.npz", arrays)

    for dtype, (code, kind) in IDX_TYPES.items():
        for sname in ("scalar", "vec", "cube", "empty3"):
            shape = SHAPES[sname]
            a = np.frombuffer(pattern(dtype, shape),
                              dtype="<" + kind).reshape(shape)
            body = bytes([0, 0, code, len(shape)])
            body += b"".join(struct.pack(">I", x) for x in shape)
            body += a.astype(">" + kind).tobytes()
            with open(f"{d}/{dtype}.{sname}.idx", "wb") as f:
                f.write(body)
            with gzip.open(f"{d}/{dtype}.{sname}.idx.gz", "wb") as f:
                f.write(body)


def write_zip64_npz(path, arrays):
    """A stored .npz in zip64 form by hand: every central-directory size and
    offset is 0xffffffff with the values in a zip64 extra field, and the end
    record defers to a zip64 end record (what archives past 4 GiB need)."""
    import io
    import zlib
    out, central = b"", b""
    for name, a in arrays.items():
        buf = io.BytesIO()
        np.lib.format.write_array(buf, a)
        data, member = buf.getvalue(), (name + ".npy").encode()
        crc, offset = zlib.crc32(data), len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0x21, crc,
                           len(data), len(data), len(member), 0)
        out += member + data
        extra = struct.pack("<HHQQQ", 1, 24, len(data), len(data), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0,
                               0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                               len(member), len(extra), 0, 0, 0, 0,
                               0xFFFFFFFF)
        central += member + extra
    cd_offset = len(out)
    out += central
    end64 = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0,
                       len(arrays), len(arrays), len(central), cd_offset)
    out += struct.pack("<IIQI", 0x07064B50, 0, end64, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF,
                       0xFFFFFFFF, 0xFFFFFFFF, 0)
    with open(path, "wb") as f:
        f.write(out)
    # Python's zipfile and numpy must agree that it is a valid archive.
    with np.load(path) as z:
        assert list(z.files) == list(arrays), z.files
        for k, a in arrays.items():
            assert z[k].tobytes() == a.tobytes() and z[k].dtype == a.dtype


def fail(msg):
    print("formats.py check: " + msg)
    sys.exit(1)


def check(d):
    # safetensors written by nxrt, parsed with struct + json.
    path = f"{d}/ours.safetensors"
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    if (8 + n) % 8:
        fail("header is not padded to a multiple of 8")
    header = json.loads(blob[8:8 + n].decode())
    data = blob[8 + n:]
    if header.get("__metadata__") != {"step": "42", "model": "mlp \"x\""}:
        fail(f"metadata {header.get('__metadata__')!r}")
    want = entries()
    names = [k for k in header if k != "__metadata__"]
    if names != [w[0] for w in want]:
        fail(f"names {names}")
    end = 0
    for name, dtype, shape in want:
        info = header[name]
        if info["dtype"] != DTYPES[dtype][0] or tuple(info["shape"]) != shape:
            fail(f"{name}: header {info}")
        b, e = info["data_offsets"]
        if b != end:
            fail(f"{name}: offsets {b} {e} after {end}")
        end = e
        if data[b:e] != pattern(dtype, shape):
            fail(f"{name}: data differs")
    if end != len(data):
        fail("trailing data")

    # .npz written by nxrt, read by numpy.
    with np.load(f"{d}/ours.npz") as z:
        npz_want = [w for w in want if DTYPES[w[1]][1] is not None]
        if list(z.files) != [w[0] for w in npz_want]:
            fail(f"npz members {z.files}")
        for name, dtype, shape in npz_want:
            a = z[name]
            if a.dtype != np.dtype(DTYPES[dtype][1]) or a.shape != shape:
                fail(f"npz {name}: {a.dtype} {a.shape}")
            if a.tobytes() != pattern(dtype, shape):
                fail(f"npz {name}: data differs")
    print("ok")


if __name__ == "__main__":
    {"gen": gen, "check": check}[sys.argv[1]](sys.argv[2])
