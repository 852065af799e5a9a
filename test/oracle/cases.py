"""cases.py - randomized case generation for the NumPy oracle.

This file implements the case list of test/oracle/oracle.py: for every Nx
function of the first supported set it builds a few cases (one `defn` with its
`@entry` signature, NumPy inputs, and the expected results computed with NumPy
from nxref.py's Nx semantics), varying dtypes, shapes (0-d, size-1 axes,
0-size axes, static and size-variable dims) and options. Everything depends
only on the seed, so case names and data are stable for a given seed.

It is the thin entry point: the shared helpers live in case_base.py and the
generators, by op family, in cases_elementwise.py, cases_reductions.py,
cases_shape.py, cases_indexing.py, cases_linalg.py, cases_window.py,
cases_stats.py and cases_misc.py.
`generate` calls them in a fixed order (which fixes the random stream).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from case_base import (F, I, TOL, Arg, Case, Dim, Gen, bcast_dims, dsize, dtext,  # noqa: E402,F401
                       tol_for, ttext)
from cases_elementwise import (gen_binary, gen_bitwise, gen_operators,  # noqa: E402
                               gen_select_clip, gen_unary_float, gen_unary_same)
from cases_indexing import gen_indexed, gen_slicing, gen_take_gather  # noqa: E402
from cases_linalg import gen_dot, gen_linalg, gen_linalg_factor  # noqa: E402
from cases_reductions import gen_composite2, gen_reductions, gen_sort_scan  # noqa: E402
from cases_shape import gen_dtypes, gen_joining, gen_shape, gen_split_diff  # noqa: E402
from cases_stats import gen_linalg_more, gen_stats  # noqa: E402
from cases_misc import (gen_all_close, gen_introspection, gen_is_infinity,  # noqa: E402
                        gen_log_base, gen_misc_unary, gen_tri_fill)
from cases_random import gen_random  # noqa: E402
from cases_window import gen_window  # noqa: E402
from cases_functions import gen_functions  # noqa: E402


def generate(seed):
    g = Gen(seed)
    for fn in (gen_unary_float, gen_unary_same, gen_binary, gen_operators, gen_select_clip,
               gen_reductions, gen_dot, gen_shape, gen_dtypes, gen_slicing, gen_joining,
               gen_sort_scan, gen_take_gather, gen_indexed, gen_split_diff, gen_bitwise, gen_linalg, gen_window,
               gen_linalg_factor, gen_composite2, gen_stats, gen_linalg_more,
               gen_misc_unary, gen_log_base, gen_is_infinity, gen_all_close, gen_tri_fill,
               gen_introspection):
        fn(g)
    gen_functions(g)  # last, so the other families' random streams stay put
    gen_random(g)  # after it, for the same reason
    return g.cases
