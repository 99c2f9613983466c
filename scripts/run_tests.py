"""Run every test of the project and end with one line ``N passed, N failed``.

Stages, in order: lint (``pre-commit run --all-files``: ruff, pylint-odoo, OCA's checks, the
generated README), pure unit tests (pytest, no Odoo), the harness test (a PostgreSQL cluster
from a clone in a mode-700 folder), then the Odoo tests (``--test-tags /recouvrement_amiable``)
in a throwaway database with the French chart. Each pre-commit hook and the harness test count
as one test; pytest and Odoo report their own counts. Any failure, Odoo not running its tests at
all, or an ERROR logged during the Odoo tests that no test expected, makes the command exit
non-zero.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDON = "recouvrement_amiable"
SCRIPTS = ROOT / "scripts"
ODOO_MODULES = os.environ.get("ODOO_TEST_MODULES", f"l10n_fr_account,payment_demo,{ADDON}")


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.notes = []

    def add(self, stage, passed, failed):
        self.passed += passed
        self.failed += failed
        self.notes.append(f"{stage}: {passed} passed, {failed} failed")


def banner(text):
    print(f"\n===== {text} =====", flush=True)


def run(cmd, **kwargs):
    print("$ " + " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT, check=False, **kwargs)


def lint(tally):
    """``pre-commit run --all-files`` (.pre-commit-config.yaml); each hook counts as one test."""
    banner("lint: pre-commit (ruff, pylint-odoo, OCA checks, README)")
    pre_commit = Path(os.environ.get("LINT_VENV", "")) / "bin" / "pre-commit"
    if not pre_commit.is_file():
        print(f"!! pre-commit not found at {pre_commit}: run 'make setup'", flush=True)
        tally.add("lint", 0, 1)
        return
    proc = run(
        [pre_commit, "run", "--all-files", "--color=never", "--show-diff-on-failure"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(ROOT / ".state" / "pre-commit")},
    )
    print(proc.stdout, flush=True)
    results = re.findall(
        r"^(.+?)\.{3,}(?:\(no files to check\))?(Passed|Failed|Skipped)$", proc.stdout, re.MULTILINE
    )
    passed = sum(1 for _name, result in results if result == "Passed")
    failed = sum(1 for _name, result in results if result == "Failed")
    if proc.returncode != 0 and not failed:
        print(f"!! pre-commit exited with {proc.returncode}: counted as a failure", flush=True)
        failed = 1
    tally.add("lint", passed, failed)


def unit(tally, python):
    banner("unit tests (no Odoo)")
    proc = run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "unit_tests"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    print(proc.stdout, flush=True)
    passed = _count(r"(\d+) passed", proc.stdout)
    failed = _count(r"(\d+) failed", proc.stdout) + _count(r"(\d+) error", proc.stdout)
    if proc.returncode != 0 and not failed:
        failed = 1  # collection error, no tests run: a failure, never a silent pass
    tally.add("unit", passed, failed)


def harness(tally):
    """The harness from a clone in a mode-700 folder (scripts/test_harness.sh): one test."""
    banner("harness: PostgreSQL cluster from a mode-700 folder")
    ok = run(["bash", str(SCRIPTS / "test_harness.sh")]).returncode == 0
    tally.add("harness", int(ok), int(not ok))


def odoo(tally):
    banner("Odoo tests (real database)")
    log_file = ROOT / ".state" / "odoo-test.log"
    log_file.parent.mkdir(exist_ok=True)
    log_file.unlink(missing_ok=True)  # never read a previous run's result
    cmd = ["bash", str(SCRIPTS / "odoo_test.sh"), ODOO_MODULES, str(log_file)]
    rc = run(cmd).returncode
    log = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
    matches = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading", log)
    if not matches:
        print("!! Odoo did not report any test result: counted as a failure", flush=True)
        tally.add("odoo", 0, 1)
        return
    failed, errors, total = (int(g) for g in matches[-1])
    bad = failed + errors
    if total == 0:
        print("!! Odoo ran no test: counted as a failure", flush=True)
        bad = 1
    if rc != 0 and not bad:
        print(f"!! Odoo exited with {rc}: counted as a failure", flush=True)
        bad = 1
    unexpected = unexpected_errors(log)
    if unexpected:
        print(
            f"!! {len(unexpected)} ERROR line(s) logged that no test expected (as OCA's CI, each "
            "is a failure; a test that expects one mutes it with mute_logger):",
            flush=True,
        )
        for line in unexpected:
            print("   " + line[:300], flush=True)
        bad += len(unexpected)
    skipped = len(re.findall(r" INFO \S+ odoo\.addons\.\S+: skipped ", log))
    if skipped:
        print(f"!! {skipped} Odoo test(s) skipped: counted as failures, never skipped silently")
        bad += skipped
    tally.add("odoo", max(total - failed - errors - skipped, 0), bad)


LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL) \S+ (\S+): (.*)$")


def unexpected_errors(log):
    """ERROR/CRITICAL log lines other than Odoo's own reports of failed tests.

    A failed test is logged as "FAIL: ..." or "ERROR: ..." by its test module's logger, and
    the summary by odoo.tests.*: those are counted already. Anything else (an exception in a
    cron, a failed e-mail, a traceback swallowed by the code...) was not expected by any test.
    """
    found = []
    for line in log.splitlines():
        match = LOG_LINE.match(line)
        if not match:
            continue
        _level, logger, message = match.groups()
        if message.startswith(("FAIL: ", "ERROR: ")) or logger.startswith("odoo.tests."):
            continue
        found.append(line)
    return found


def _count(pattern, text):
    found = re.findall(pattern, text)
    return int(found[-1]) if found else 0


def main():
    python = sys.executable
    stages = sys.argv[1:] or ["lint", "unit", "harness", "odoo"]
    tally = Tally()
    if "lint" in stages:
        lint(tally)
    if "unit" in stages:
        unit(tally, python)
    if "harness" in stages:
        harness(tally)
    if "odoo" in stages:
        odoo(tally)
    banner("summary")
    for note in tally.notes:
        print("  " + note)
    print(f"{tally.passed} passed, {tally.failed} failed", flush=True)
    return 1 if tally.failed or not tally.passed else 0


if __name__ == "__main__":
    sys.exit(main())
