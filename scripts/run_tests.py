"""Run every test of the project and end with one line ``N passed, N failed``.

Stages, in order: lint (ruff, pylint-odoo), pure unit tests (pytest, no Odoo), then the Odoo
tests (``--test-tags /recouvrement_amiable``) in a throwaway database with the French chart.
Each lint tool counts as one test; pytest and Odoo report their own counts. Any failure, or
Odoo not running its tests at all, makes the command exit non-zero.
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


def lint(tally, python):
    banner("lint: ruff")
    paths = [ADDON, "unit_tests", "scripts", "bench"]
    ok = run([python, "-m", "ruff", "check", *paths]).returncode == 0
    ok = run([python, "-m", "ruff", "format", "--check", *paths]).returncode == 0 and ok
    tally.add("ruff", int(ok), int(not ok))
    banner("lint: pylint-odoo")
    ok = run([python, "-m", "pylint", "--rcfile=.pylintrc", ADDON]).returncode == 0
    tally.add("pylint-odoo", int(ok), int(not ok))


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
    skipped = len(re.findall(r" INFO \S+ odoo\.addons\.\S+: skipped ", log))
    if skipped:
        print(f"!! {skipped} Odoo test(s) skipped: counted as failures, never skipped silently")
        bad += skipped
    tally.add("odoo", max(total - failed - errors - skipped, 0), bad)


def _count(pattern, text):
    found = re.findall(pattern, text)
    return int(found[-1]) if found else 0


def main():
    python = sys.executable
    stages = sys.argv[1:] or ["lint", "unit", "odoo"]
    tally = Tally()
    if "lint" in stages:
        lint(tally, python)
    if "unit" in stages:
        unit(tally, python)
    if "odoo" in stages:
        odoo(tally)
    banner("summary")
    for note in tally.notes:
        print("  " + note)
    print(f"{tally.passed} passed, {tally.failed} failed", flush=True)
    return 1 if tally.failed or not tally.passed else 0


if __name__ == "__main__":
    sys.exit(main())
