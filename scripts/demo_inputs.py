"""demo_inputs.py - write the demo's input arrays as .npy files into a folder."""
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
x = np.array([[1.0, 2.0, 3.0, 4.0], [0.5, 0.5, 0.5, 0.5], [-1.0, 0.0, 1.0, 10.0]],
             dtype=np.float32)
np.save(os.path.join(out, "x.npy"), x)
