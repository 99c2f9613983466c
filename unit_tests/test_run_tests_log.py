"""The harness counts every ERROR logged during the Odoo tests that no test expected."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "run_tests.py"
spec = importlib.util.spec_from_file_location("run_tests", SCRIPT)
run_tests = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_tests)

PREFIX = "2026-06-10 00:00:00,000 8664"


def test_unexpected_error_lines_are_reported():
    log = "\n".join(
        [
            f"{PREFIX} INFO t_db odoo.modules.loading: loading recouvrement_amiable",
            f"{PREFIX} ERROR t_db odoo.addons.mail.models.mail_mail: failed sending mail",
            f"{PREFIX} CRITICAL t_db odoo.service.server: Failed to initialize database",
            f"{PREFIX} WARNING t_db odoo.models: a warning is no error",
        ]
    )
    found = run_tests.unexpected_errors(log)
    assert [line.split(" ", 4)[3] for line in found] == ["ERROR", "CRITICAL"]


def test_failed_test_reports_are_not_counted_twice():
    log = "\n".join(
        [
            f"{PREFIX} ERROR t_db odoo.addons.ra.tests.test_x: FAIL: TestX.test_a",
            f"{PREFIX} ERROR t_db odoo.addons.ra.tests.test_x: ERROR: TestX.test_b",
            f"{PREFIX} ERROR t_db odoo.tests.result: 1 failed, 1 error(s) of 2 tests",
        ]
    )
    assert run_tests.unexpected_errors(log) == []
