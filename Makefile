# Makefile - the two entry points: `make demo` and `make test`.
#
# Both install what is missing (scripts/setup.sh, apt-get), configure with
# CMake/Ninja and build; `demo` then runs the main examples (Softmax, then
# Fashion-MNIST training: scripts/fashion_mnist_demo.sh), `test` every test.
BUILD ?= build
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all setup configure build demo test clean

all: build

setup:
	bash scripts/setup.sh

configure: setup
	cmake -G Ninja -S . -B $(BUILD) $(CMAKE_FLAGS)

build: configure
	ninja -C $(BUILD)

demo: build
	@echo "== the C++ app linking the ahead-of-time compiled Softmax module"
	$(BUILD)/bin/softmax-app
	@echo "== the same module through 'nxc run'"
	/usr/bin/python3 scripts/demo_inputs.py $(BUILD)/demo
	$(BUILD)/bin/nxc run examples/softmax/softmax.nx --entry softmax \
	  --input $(BUILD)/demo/x.npy
	bash scripts/fashion_mnist_demo.sh $(BUILD)

test: build
	cd $(BUILD) && ctest --output-on-failure -j2

clean:
	rm -rf $(BUILD)
