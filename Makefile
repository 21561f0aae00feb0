# spd-gateway: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
SWIFT_BUILD_FLAGS ?=

.PHONY: demo test build release setup clean

## demo: install what is missing, build, and run the daemon against the bundled simulators.
demo: setup
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)
	scripts/demo.sh $(DEMO_ARGS)

## test: install what is missing, build everything, and run the whole test suite.
test: setup
	$(SWIFT) build --build-tests $(SWIFT_BUILD_FLAGS)
	$(SWIFT) test --skip-build $(SWIFT_BUILD_FLAGS)

setup:
	scripts/setup.sh

build:
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)

release:
	$(SWIFT) build -c release $(SWIFT_BUILD_FLAGS)

clean:
	rm -rf .build
