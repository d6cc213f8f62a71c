"""Start and stop a real JupyterLab server for the browser and Binder tests and the memory bench; drive it in Chromium.

The server runs in a folder of our choosing (usually a temporary copy of the kit, so tests never touch committed
files), on a free loopback port, with a token, and with every per-user Jupyter folder (config, runtime, user
settings, workspaces) redirected into a scratch folder. It is stopped by its PID.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = ROOT / "jupyter" / "overrides.json"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in the current tab
TIMEOUT_MS = 180_000  # generous: the machine is shared, and a lesson loads the French model
# Never copied into a scratch kit: environments, caches, generated artefacts and nbgrader's course state.
NOT_COPIED = (
    ".venv",
    ".git",
    "*_cache",
    "__pycache__",
    ".ipynb_checkpoints",
    "site",
    "screenshots",
    "gradebook.db",
    "submitted",
    "autograded",
    "feedback",
    ".exchange",
    "*.egg-info",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def kit_copy(destination: Path, *, set_up: bool = True) -> Path:
    """A scratch copy of the kit (the working tree, without environments and course state). With `set_up`, it
    has the course's exchange folder, as `make lab` and postBuild leave it."""
    shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(*NOT_COPIED))
    if set_up:
        (destination / ".exchange").mkdir()
    return destination


def app_settings(folder: Path) -> Path:
    """A JupyterLab application-settings folder holding the kit's overrides, as `make` and postBuild install them."""
    (folder / "overrides.d").mkdir(parents=True)
    shutil.copy(OVERRIDES, folder / "overrides.d" / "alaloupe.json")
    return folder


@dataclass
class LabServer:
    process: subprocess.Popen
    url: str
    token: str
    log: Path

    def get(self, path: str) -> bytes:
        request = urllib.request.Request(self.url + path, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def api(self, path: str, *, post: dict | None = None):
        """GET (or POST `post` as JSON to) the server's REST API; the decoded JSON answer."""
        data = None if post is None else json.dumps(post).encode()
        headers = {"Authorization": f"token {self.token}", "Content-Type": "application/json"}
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def page(self, path: str) -> str:
        """A browser address for `path` that logs in with the token."""
        separator = "&" if "?" in path else "?"
        return f"{self.url}{path}{separator}token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM by PID: the server shuts its kernels down, then exits. SIGKILL if it has not within 20 s."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def start(
    folder: Path,
    scratch: Path,
    *,
    bin_dir: Path,
    settings_dir: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> LabServer:
    """`jupyter lab` from `bin_dir`, serving `folder`; waits until its REST API answers."""
    scratch.mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(16)
    environment = dict(os.environ if env is None else env)
    environment.update(
        PATH=os.pathsep.join([str(bin_dir), environment.get("PATH", "")]),
        JUPYTER_CONFIG_DIR=str(scratch / "config"),
        JUPYTER_RUNTIME_DIR=str(scratch / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(scratch / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(scratch / "workspaces"),
        IPYTHONDIR=str(scratch / "ipython"),
    )
    environment.pop("MPLBACKEND", None)  # the tests set Agg; a student's kernel uses the inline backend
    command = [
        str(bin_dir / "jupyter"),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--allow-root",  # CI containers run as root
    ]
    if settings_dir is not None:
        command.append(f"--LabApp.app_settings_dir={settings_dir}")
    log = scratch / "server.log"
    with log.open("w") as sink:
        process = subprocess.Popen(command, cwd=folder, env=environment, stdout=sink, stderr=subprocess.STDOUT)
    server = LabServer(process, f"http://127.0.0.1:{port}", token, log)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {process.returncode}:\n{server.log_tail()}")
        try:
            server.api("/api/status")
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                server.stop()
                raise RuntimeError(f"jupyter lab not ready after {timeout} s:\n{server.log_tail()}") from None
            time.sleep(0.3)


# Chromium (Playwright pages)


def launch_chromium(playwright, profile: Path):
    """Debian's Chromium, headless, with an empty profile folder and no background traffic."""
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_FLAGS,
        viewport={"width": 1400, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def open_notebook(page, server, path: str) -> None:
    """Open a notebook in JupyterLab and wait until its kernel is connected and idle."""
    from playwright.sync_api import expect

    page.goto(server.page(f"/lab/tree/{path}?reset"))  # reset: no tabs restored from an earlier page
    page.wait_for_selector(f"{PANEL} .jp-Cell")
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=TIMEOUT_MS)
    assert not page.locator(".jp-Dialog").count(), "a dialog (e.g. 'Select Kernel') covers the notebook"
    assert not page.locator(".jp-toast-container .Toastify__toast").count(), "a notification toast covers the page"


def run_all_from_menu(page) -> list[str]:
    """Run > Run All Cells, as a student does; wait until every code cell has run. Returns the input prompts."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    # JupyterLab 4.6 labels the item "Run All Cells"; its command is runmenu:run-all (notebook:run-all-cells in 3.x).
    page.locator(
        ".lm-Menu-item", has=page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$"))
    ).click()
    page.wait_for_function(
        """panel => {
            const prompts = [...document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputPrompt')];
            const ran = prompts.some(p => /\\[\\d+\\]/.test(p.textContent));
            return ran && !prompts.some(p => p.textContent.includes('*'));
        }""",
        arg=PANEL,
        timeout=TIMEOUT_MS,
    )
    return page.eval_on_selector_all(f"{PANEL} .jp-CodeCell .jp-InputPrompt", "ps => ps.map(p => p.textContent)")
