"""Screenshots of the demo for the README (`make screenshots`), in headless Chromium.

Logs in to the demo server as the accountant (admin/admin) through Odoo's JSON-RPC, gives the
session cookie to a headless Chromium driven by the DevTools protocol, opens each screen and
saves a PNG in docs/screenshots/. Usage: screenshots.py BASE_URL OUT_DIR
"""

import base64
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

SCREENS = {
    "cockpit.png": "/odoo/action-recouvrement_amiable.action_dunning_cockpit",
    "balance-agee.png": "/odoo/action-recouvrement_amiable.action_dunning_ageing_report",
    "dossiers-contentieux.png": "/odoo/action-recouvrement_amiable.action_dunning_litigation_file",
    "balance-agee-tableau-croise.png": (
        "/odoo/action-recouvrement_amiable.action_dunning_ageing_report?view_type=pivot"
    ),
    "balance-agee-graphique.png": (
        "/odoo/action-recouvrement_amiable.action_dunning_ageing_report?view_type=graph"
    ),
}
WIDTH, HEIGHT = 1400, 900
READY = (
    "!!document.querySelector('.o_action_manager .o_view_controller') && "
    "!document.querySelector('.o_loading_indicator, .o_blockUI')"
)
TIMEOUT_SECONDS = 120  # the first page builds the web client's asset bundles


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_id(base_url, database):
    session = requests.Session()
    answer = session.post(
        f"{base_url}/web/session/authenticate",
        json={"params": {"db": database, "login": "admin", "password": "admin"}},
        timeout=30,
    )
    answer.raise_for_status()
    if answer.json().get("error"):
        raise SystemExit(f"login refused: {answer.json()['error']}")
    return session.cookies["session_id"]


class Browser:
    """Just enough of the DevTools protocol: one page, navigate, screenshot."""

    def __init__(self):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="ra-chromium-")
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.socket = websocket.create_connection(self._page_socket(), timeout=60)
        self.next_id = 0

    def _page_socket(self):
        for _attempt in range(50):
            try:
                pages = requests.get(f"http://127.0.0.1:{self.port}/json", timeout=2).json()
                return next(p["webSocketDebuggerUrl"] for p in pages if p["type"] == "page")
            except (requests.RequestException, StopIteration):
                time.sleep(0.2)
        raise SystemExit("Chromium did not start")

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise SystemExit(f"{method}: {message['error']}")
                return message.get("result", {})

    def wait_for(self, expression):
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
            if result.get("result", {}).get("value"):
                return
            time.sleep(0.5)
        raise SystemExit(f"page not ready after {TIMEOUT_SECONDS} s")

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=10)


def main(base_url, out_dir, database):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cookie = session_id(base_url, database)
    browser = Browser()
    try:
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )
        browser.call("Network.enable")
        browser.call("Network.setCookie", name="session_id", value=cookie, url=base_url)
        for name, path in SCREENS.items():
            browser.call("Page.navigate", url=f"{base_url}{path}")
            browser.wait_for(READY)
            time.sleep(1)  # charts draw after their data
            shot = browser.call("Page.captureScreenshot", format="png")
            (out / name).write_bytes(base64.b64decode(shot["data"]))
            print(f"written: {out / name}")
    finally:
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "recouvrement_demo")
