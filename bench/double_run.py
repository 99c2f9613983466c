"""One of the two simultaneous runs of ``bench/double_run.sh`` (odoo-bin shell).

Waits for the signal file so that both processes start their run at the same moment, runs the
whole dunning run in one transaction (as a server action does) and commits it.
"""
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)

import os
import time
from datetime import date
from pathlib import Path

company = env.ref("base.main_company")
env = env(context=dict(env.context, allowed_company_ids=[company.id], mail_notify_force_send=False))
today = date.fromisoformat(
    env["ir.config_parameter"].sudo().get_param("recouvrement_amiable.bench_today")
)
env.cr.commit()  # no snapshot taken before the signal
Path(os.environ["BENCH_READY"]).touch()
signal = Path(os.environ["BENCH_GO"])
while not signal.exists():
    time.sleep(0.05)
started = time.perf_counter()
try:
    actions = env["dunning.run"]._run(today=today)
    env.cr.commit()
    print(
        f"run {os.getpid()}: {len(actions)} communications in {time.perf_counter() - started:.1f} s"
    )
except Exception as error:
    env.cr.rollback()
    print(f"error {os.getpid()}: {error!r}")
    raise
