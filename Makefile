# recouvrement_amiable — the README's two commands: `make demo` and `make test`.
SHELL := /bin/bash
SCRIPTS := scripts

.PHONY: test demo demo-reset setup lint unit harness-test odoo-test db-start db-stop bench bench-double-run bench-workers bench-plans bench-cockpit bench-mail-floor screenshots clean

## test: lint (pre-commit), pure unit tests, harness test and Odoo tests; ends with "N passed, N failed"
test: setup
	@bash $(SCRIPTS)/pg.sh start
	@source $(SCRIPTS)/env.sh; rc=0; "$$PYTHON" $(SCRIPTS)/run_tests.py || rc=$$?; \
		bash $(SCRIPTS)/pg.sh stop; exit $$rc

## demo: Odoo 19 with the add-on on a French demo company at http://127.0.0.1:8069
demo: setup
	@bash $(SCRIPTS)/pg.sh start
	@bash $(SCRIPTS)/demo.sh

## demo-reset: rebuild the demo database from scratch, then serve it
demo-reset: setup
	@bash $(SCRIPTS)/pg.sh start
	@DEMO_RESET=1 bash $(SCRIPTS)/demo.sh

setup:
	@bash $(SCRIPTS)/ensure_system.sh
	@bash $(SCRIPTS)/ensure_odoo.sh
	@bash $(SCRIPTS)/ensure_venv.sh

lint: setup
	@source $(SCRIPTS)/env.sh; "$$PYTHON" $(SCRIPTS)/run_tests.py lint

unit: setup
	@source $(SCRIPTS)/env.sh; "$$PYTHON" $(SCRIPTS)/run_tests.py unit

## harness-test: the PostgreSQL cluster from a copy of the harness in a mode-700 folder
harness-test: setup
	@source $(SCRIPTS)/env.sh; "$$PYTHON" $(SCRIPTS)/run_tests.py harness

odoo-test: setup
	@bash $(SCRIPTS)/pg.sh start
	@source $(SCRIPTS)/env.sh; rc=0; "$$PYTHON" $(SCRIPTS)/run_tests.py odoo || rc=$$?; \
		bash $(SCRIPTS)/pg.sh stop; exit $$rc

## bench: our dunning run against OCA account_credit_control on 10,000 invoices
bench: setup
	@bash bench/run.sh

## bench-cockpit: the cockpit's counters and reports timed on the bench database
bench-cockpit: setup
	@BENCH_COCKPIT=1 bash bench/run.sh

## bench-double-run: two Odoo processes run dunning at once on a copy of the bench database
bench-double-run: setup
	@bash bench/double_run.sh

## bench-plans: the daily follow-up of 10,000 running payment plans, on a copy of the bench database
bench-plans: setup
	@bash bench/plans.sh

## bench-mail-floor: Odoo's own mass mailing of one-line e-mails beside our run, per e-mail
bench-mail-floor: setup
	@bash bench/mail_floor.sh

## bench-workers: the scheduled run by 1 then 2 Odoo cron worker processes on a copy of the bench database
bench-workers: setup
	@bash bench/workers.sh

## screenshots: the README's screenshots of the demo, in headless Chromium (docs/screenshots/)
screenshots: setup
	@bash $(SCRIPTS)/pg.sh start
	@bash $(SCRIPTS)/screenshots.sh

db-start:
	@bash $(SCRIPTS)/pg.sh start

db-stop:
	@bash $(SCRIPTS)/pg.sh stop

clean:
	@bash $(SCRIPTS)/pg.sh clean
	rm -rf .state
