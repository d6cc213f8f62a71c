"""Start and stop a real JupyterLab server for the browser and Binder tests (and the memory bench).

The server runs in a folder of our choosing (usually a temporary copy of the kit, so tests never touch committed
files), on a free loopback port, with a token, and with every per-user Jupyter folder (config, runtime, user
settings, workspaces) redirected into a scratch folder. It is stopped by its PID.
"""

from __future__ import annotations

import json
import os
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


def kit_copy(destination: Path) -> Path:
    """A scratch copy of the kit (the working tree, without environments and course state), set up like
    `make lab` and postBuild leave it: with the course's exchange folder."""
    shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(*NOT_COPIED))
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

    def api(self, path: str):
        return json.loads(self.get(path))

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
