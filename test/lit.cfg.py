# lit.cfg.py - configuration shared by every lit suite under test/.
import os
import shutil
import lit.formats

config.name = "nxc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".nx", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "bad-inputs", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.nxc_obj_root, "test")

bin_dir = os.path.join(config.nxc_obj_root, "bin")
config.environment["PATH"] = os.pathsep.join(
    [bin_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
config.substitutions.append(("%nxc", os.path.join(bin_dir, "nxc")))
config.substitutions.append(("%nx-opt", os.path.join(bin_dir, "nx-opt")))
config.substitutions.append(("%python", config.python_numpy))
config.substitutions.append(("%src", config.nxc_src_root))
config.substitutions.append(("%bindir", bin_dir))

if shutil.which("nvidia-smi") and os.system("nvidia-smi -L >/dev/null 2>&1") == 0:
    config.available_features.add("cuda")

# Debian's dataset-fashion-mnist (scripts/setup.sh installs it).
if os.path.exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"):
    config.available_features.add("fashion-mnist")
