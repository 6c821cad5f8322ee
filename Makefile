# The two commands a newcomer needs:  make run   and   make test
.PHONY: run test setup train validate kb-check crossval bench clean audit

run: setup train
	.venv/bin/python -m runner

test: setup
	bash scripts/test.sh

setup:
	@bash scripts/setup.sh

train: setup
	@bash scripts/train.sh

validate: setup
	@bash scripts/validate.sh

kb-check: setup
	@. scripts/env.sh && .venv/bin/python -m knowledge.validate

crossval: setup
	@bash scripts/crossval.sh

bench: setup train  # load benchmark against a `rasa init` baseline; ARGS=--quick for a smoke run
	@. scripts/env.sh && .venv/bin/python -m bench.load $(ARGS)

clean:
	rm -rf models var .pytest_cache

audit: setup
	@bash scripts/audit.sh
