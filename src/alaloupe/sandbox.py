"""The sandbox student code runs in while it is graded: each kernel in its own bubblewrap container.

Autograding executes a student's notebook with the grader's rights. Without isolation the notebook can read the
course's solutions/, the hidden tests (in every gradebook and in the sanitised notebook nbgrader executes), the
other students' submissions, the grader's home, and write anywhere the grader can. Here every submission's kernel
is started through a kernel spec of the kit's, written for that one kernel, whose `argv` wraps ipykernel in
bubblewrap (`bwrap`, the sandbox Flatpak uses), then `setpriv` and `prlimit` from util-linux:

    bwrap [namespaces] [binds] -- [setpriv --reuid=U …] prlimit --as=… --nproc=… -- python -m ipykernel_launcher …

What the kernel sees (nothing else exists in its file system):
- read-only: /usr (and the /bin, /lib… links of a merged-/usr system), the loader's files in /etc, the Python
  installation the environment points to, the environment itself (sys.prefix), the `alaloupe` package folder and the
  kit's data/ folder (never the repository around them: no solutions/, tests/ or .git);
- read-write: a copy of the folder of the notebook being graded, holding the student's notebook as submitted and
  the assignment's other files, bound at the path nbgrader executes in; and the folder of its own connection file
  and sockets;
- a private /tmp and /dev/shm (size-limited tmpfs), HOME=/tmp, a new /proc and a minimal /dev.

Namespaces: its own PID namespace (it sees and signals only its own processes), IPC, UTS and network namespaces.
The network namespace has only a loopback of its own, so nothing on the machine or beyond can be reached: the kernel
talks to the grader over jupyter_client's `ipc` transport (ZeroMQ over Unix sockets in its connection folder),
which does not need the network at all.

Who it runs as: started by root (CI, a container), the kernel runs as an unprivileged uid of its own,
SANDBOX_UID_BASE + the grading process's pid (unique among running graders, and above the ids accounts use),
with no capabilities and no_new_privs set. That uid matters for the process limit: Linux does not enforce
RLIMIT_NPROC for root (nor for a user namespace whose uid maps to root, which is why root does not use
`--unshare-user`), and counts it per uid, so a fork bomb is stopped at `processes` and cannot exhaust the slots of
the kernels graded beside it. Started by an ordinary user, bwrap creates a user namespace instead
(`--unshare-user`); the limit is then counted in that namespace, again per kernel.

Limits: RLIMIT_AS (address space of each process; `memory_bytes`) and RLIMIT_NPROC (`processes`, threads included).
Not limited: CPU time (the per-cell timeout ends a cell), disk space in the notebook's own folder.

Where bubblewrap is missing or cannot create its namespaces (not Linux, a container that forbids them), `problem()`
says why and grading runs unsandboxed, with one warning per batch.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbgrader.preprocessors import Execute
from traitlets import Integer, Unicode

import alaloupe
from alaloupe.paths import repo_root

KERNEL_NAME = "alaloupe-sandbox"
# The uid a root-started kernel runs as: this + the grading process's pid. Above the ranges accounts use (system,
# local and directory-service ids, e.g. SSSD's default 200000-2000200000) and below 2**31.
SANDBOX_UID_BASE = 0x7F000000
TOOLS = ("bwrap", "setpriv", "prlimit")
# Variables passed from the grader's environment; everything else (tokens, passwords, HOME …) is dropped.
PASSED_VARIABLES = (
    "LANG",
    "LANGUAGE",
    "TZ",
    "PYTHONHASHSEED",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "PYTHONWARNINGS",
    "PYTHONDONTWRITEBYTECODE",
    "MPLBACKEND",
)
# /etc entries the dynamic loader and the time zone need; the rest of /etc stays out.
ETC_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/alternatives")


@dataclass(frozen=True)
class Limits:
    """Resource limits of one sandboxed kernel."""

    # address space of each process (RLIMIT_AS): a kernel that loads spaCy's model, runs the report and plots peaks
    # at about 1.3 GiB here
    memory_bytes: int = 4 * 2**30
    # processes and threads of the kernel's uid (RLIMIT_NPROC): a kernel with spaCy runs 14 threads here, and BLAS
    # libraries start one more per core
    processes: int = 64 + 4 * (os.cpu_count() or 1)
    tmp_bytes: int = 512 * 2**20  # each of /tmp and /dev/shm


def problem() -> str | None:
    """Why student code cannot be sandboxed here, or None when it can (bubblewrap tried once per process)."""
    return _problem()


@functools.lru_cache(maxsize=1)
def _problem() -> str | None:
    if not sys.platform.startswith("linux"):
        return f"the sandbox needs Linux (this is {sys.platform})"
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        return f"{', '.join(missing)} not found (install the bubblewrap and util-linux packages)"
    try:
        kit = repo_root()
    except FileNotFoundError:
        kit = None
    exposed = [path for path in _read_only_paths() if kit and kit.is_relative_to(path)]
    if exposed:
        return f"the Python environment {exposed[0]} contains the kit's repository and would expose it"
    try:
        probe = subprocess.run(
            _wrapper(Path("/"), None, sandbox_uid(), Limits()) + ["/bin/true"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap failed to start: {error}"
    if probe.returncode != 0:
        return f"bubblewrap cannot create its sandbox here: {probe.stderr.strip() or probe.returncode}"
    return None


def sandbox_uid() -> int | None:
    """The uid kernels started by this process run as, or None when bubblewrap maps the caller in a user namespace."""
    return SANDBOX_UID_BASE + os.getpid() if os.geteuid() == 0 else None


def _read_only_paths() -> list[Path]:
    """What the kernel may read: the Python installation and environment, the alaloupe package, the kit's data/."""
    paths = [Path(p) for p in (sys.base_prefix, sys.base_exec_prefix, sys.prefix, sys.exec_prefix)]
    paths.append(Path(os.path.realpath(sys.executable)).parent.parent)
    paths.append(Path(alaloupe.__file__).resolve().parent)
    try:
        paths.append(repo_root() / "data")
    except FileNotFoundError:
        pass
    paths += [cache for cache in _matplotlib_caches()]
    unique: list[Path] = []
    for path in sorted({p.resolve() for p in paths if p.exists()}, key=lambda p: len(p.parts)):
        if not any(path.is_relative_to(kept) for kept in unique) and path != Path("/"):
            unique.append(path)
    return unique


def _matplotlib_caches() -> list[Path]:
    """matplotlib's font list cache of the grader (read-only in the sandbox: no font scan, no warning per kernel)."""
    home = Path(os.environ.get("HOME", "~")).expanduser()
    folder = Path(os.environ.get("MPLCONFIGDIR") or Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache"))
    folder = folder if os.environ.get("MPLCONFIGDIR") else folder / "matplotlib"
    return sorted(folder.glob("fontlist-v*.json")) if folder.is_dir() else []


def _dirs_for(path: Path, made: set[Path]) -> list[str]:
    """bwrap arguments creating the parents of `path` (traversable by the kernel's uid)."""
    args = []
    for parent in reversed(path.parents):
        if parent != Path("/") and parent not in made:
            made.add(parent)
            args += ["--perms", "0755", "--dir", str(parent)]
    return args


def _wrapper(
    notebook_dir: Path, runtime_dir: Path | None, uid: int | None, limits: Limits, workspace: Path | None = None
) -> list[str]:
    """The command line that starts a program in the sandbox, working in `notebook_dir` (its arguments follow).

    `workspace` (default: `notebook_dir` itself) is the host folder bound read-write at `notebook_dir`.
    """
    args = ["bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    if uid is None:  # an ordinary user: a user namespace; no nested ones for the student
        args += ["--unshare-user", "--disable-userns"]
    args += ["--die-with-parent", "--new-session", "--proc", "/proc", "--dev", "/dev"]
    args += ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        top = Path("/", name)
        if top.is_symlink():
            args += ["--symlink", os.readlink(top), str(top)]
        elif top.is_dir():
            args += ["--ro-bind", str(top), str(top)]
    made = {Path("/usr"), Path("/tmp"), Path("/proc"), Path("/dev")}
    for etc in ETC_FILES:
        if os.path.lexists(etc):
            args += _dirs_for(Path(etc), made) + ["--ro-bind", etc, etc]
    args += ["--perms", "1777", "--size", str(limits.tmp_bytes), "--tmpfs", "/tmp"]
    args += ["--perms", "1777", "--size", str(limits.tmp_bytes), "--tmpfs", "/dev/shm"]
    caches = set(_matplotlib_caches())
    for path in _read_only_paths():
        if path in caches:  # the cache file goes where matplotlib looks with HOME=/tmp
            target = Path("/tmp/.cache/matplotlib") / path.name
            args += ["--perms", "1777", "--dir", "/tmp/.cache", "--perms", "1777", "--dir", str(target.parent)]
            args += ["--ro-bind", str(path), str(target)]
        else:
            args += _dirs_for(path, made) + ["--ro-bind", str(path), str(path)]
    if runtime_dir is not None:
        args += _dirs_for(runtime_dir, made) + ["--bind", str(runtime_dir), str(runtime_dir)]
    if notebook_dir != Path("/"):
        args += _dirs_for(notebook_dir, made) + ["--bind", str(workspace or notebook_dir), str(notebook_dir)]
    args += ["--chdir", str(notebook_dir), "--clearenv"]
    environment = {name: value for name, value in os.environ.items() if name in PASSED_VARIABLES or name[:3] == "LC_"}
    environment |= {
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "JPY_PARENT_PID": "1",  # ipykernel: no parent poller (bwrap ends the kernel with the grader), no banner
        "NBGRADER_EXECUTION": "autograde",
    }
    try:
        environment["ALALOUPE_ROOT"] = str(repo_root())
    except FileNotFoundError:
        pass
    for name, value in sorted(environment.items()):
        args += ["--setenv", name, value]
    args.append("--")
    if uid is not None:
        args += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--no-new-privs"]
        args += ["--inh-caps=-all", "--bounding-set=-all", "--"]
    args += ["prlimit", f"--as={limits.memory_bytes}", f"--nproc={limits.processes}", "--"]
    return [shutil.which(args[0]) or args[0], *args[1:]]


def kernel_spec(
    notebook_dir: Path, runtime_dir: Path, uid: int | None, workspace: Path | None = None, limits: Limits | None = None
) -> dict:
    """The kernel.json of one sandboxed kernel: this environment's ipykernel, wrapped in bubblewrap."""
    argv = _wrapper(notebook_dir, runtime_dir, uid, limits or Limits(), workspace)
    argv += [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    return {
        "argv": argv,
        "display_name": "Python 3 (alaloupe sandbox)",
        "language": "python",
        # the interrupt travels as a message: a signal to the process group would reach bwrap, not the kernel
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }


class _SandboxKernelManager(AsyncKernelManager):
    """jupyter_client's kernel manager; the connection file is handed to the kernel's uid once written."""

    sandbox_owner: int | None = None

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        if self.sandbox_owner is not None:
            os.chown(self.connection_file, self.sandbox_owner, self.sandbox_owner)


def _hand_over(folder: Path, uid: int | None) -> None:
    if uid is None:
        return
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, uid, uid, follow_symlinks=False)


class SandboxedExecute(Execute):
    """nbgrader's Execute, with the notebook's kernel started in the sandbox.

    `sandbox_dir` is a private folder for this submission: it receives the kernel spec (kernels/), the connection
    file and sockets (runtime/) and the copy of the notebook's folder the kernel works in (workspace/). The copy holds
    the notebooks of `submitted_dir` (what the student handed in) in place of the sanitised ones, which carry the
    hidden tests.
    """

    sandbox_dir = Unicode("", help="A private folder for the sandbox of this submission.").tag(config=True)
    # a cell's reply can come before its output when a fork bomb's processes all report an error at once;
    # nbgrader's 4 s would fail the whole notebook instead of that cell
    iopub_timeout = Integer(30, help=Execute.iopub_timeout.help).tag(config=True)
    submitted_dir = Unicode("", help="The submission's folder (its notebooks as handed in).").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", _SandboxKernelManager)
        super().__init__(*args, **kwargs)
        self.kernel_name = KERNEL_NAME

    async def async_start_new_kernel(self, **kwargs):
        if not self.sandbox_dir:
            raise ValueError("SandboxedExecute.sandbox_dir is not set")
        notebook_dir = Path(self.resources.get("metadata", {}).get("path") or os.getcwd()).resolve()
        root = Path(self.sandbox_dir)
        kernels, runtime, workspace = root / "kernels", root / "runtime", root / "workspace"
        for folder in (kernels, runtime, workspace):
            if folder.exists():
                shutil.rmtree(folder)
        runtime.mkdir(parents=True, mode=0o700)
        shutil.copytree(notebook_dir, workspace, ignore=shutil.ignore_patterns("*.ipynb"))
        if self.submitted_dir:
            for notebook in Path(self.submitted_dir).glob("*.ipynb"):
                shutil.copy(notebook, workspace / notebook.name)
        uid = sandbox_uid()
        _hand_over(runtime, uid)
        _hand_over(workspace, uid)
        # the workspace is bound where nbgrader executes, so paths are those of an unsandboxed run
        spec = kernel_spec(notebook_dir, runtime, uid, workspace)
        (kernels / KERNEL_NAME).mkdir(parents=True)
        (kernels / KERNEL_NAME / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")

        km = self.km
        km.kernel_spec_manager = KernelSpecManager(kernel_dirs=[str(kernels)])
        km.kernel_name = KERNEL_NAME
        km.transport = "ipc"
        km.connection_file = str(runtime / "kernel.json")
        km.ip = str(runtime / "socket")
        km.sandbox_owner = uid
        # nothing the student's code prints to the process's own stdout/stderr reaches the grader's terminal
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        return await super().async_start_new_kernel(**kwargs)

    # nbclient's synchronous entry point wraps the base class's coroutine: wrap this one instead
    start_new_kernel = run_sync(async_start_new_kernel)
