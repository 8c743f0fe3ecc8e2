# Haker Panel: the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: all build run test deps deps-test release clean

all: build

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

build: deps
	$(SWIFT) build

## make run: the panel in the terminal.
run: build
	.build/debug/haker-panel $(ARGS)

## make test: every test (unit, server, screens, end to end), with Swift Testing's summary.
test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

release: deps
	$(SWIFT) build -c release --static-swift-stdlib

clean:
	rm -rf .build
