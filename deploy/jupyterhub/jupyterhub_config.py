"""JupyterHub for the alaloupe course on one machine: local system users, nbgrader's exchange in a shared folder.

    sudo jupyterhub -f /etc/jupyterhub/jupyterhub_config.py      # see README.md beside this file

One instructor (a local user) keeps the course, a full copy of the kit, in a private folder of their home; the
students (members of a Unix group) get JupyterLab with nbgrader's Assignment List and Validate button, but no
Formgrader. Release, fetch, submit, collect and feedback go through nbgrader's exchange, a folder every user can
write to but only the instructor can list. Each user's server runs as that user (LocalProcessSpawner), so the file
permissions below are what keeps students apart.

Every setting a site changes is an environment variable read here (the defaults suit a real machine; the kit's
end-to-end test sets them to scratch folders and loopback). The test swaps the authenticator for a dummy one; a real
hub keeps PAM (system passwords) or an institutional login, and serves HTTPS: see README.md.
"""

from __future__ import annotations

import os
import pwd
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets when it reads this file)

HERE = Path(__file__).resolve().parent
# Per-role Jupyter config folders (JUPYTER_CONFIG_PATH of the single-user servers); must be readable by every user.
ROLE_CONFIG = HERE / "jupyter-config"

BIND_URL = os.environ.get("ALALOUPE_HUB_BIND_URL", "http://127.0.0.1:8000")
INSTRUCTOR = os.environ.get("ALALOUPE_HUB_INSTRUCTOR", "instructor")
STUDENTS_GROUP = os.environ.get("ALALOUPE_HUB_STUDENTS_GROUP", "alaloupe-students")
EXCHANGE = Path(os.environ.get("ALALOUPE_HUB_EXCHANGE", "/srv/nbgrader/exchange"))
STATE = Path(os.environ.get("ALALOUPE_HUB_STATE", "/srv/jupyterhub"))
# The environment the single-user servers run in (jupyterhub-singleuser, JupyterLab, nbgrader and the kit's
# package): by default the one the hub runs from.
ENV_BIN = Path(os.environ.get("ALALOUPE_HUB_ENV_BIN", str(Path(sys.executable).parent)))


def course_folder() -> Path:
    """The instructor's course: a full copy of the kit (solutions/, the gradebook), private to the instructor."""
    configured = os.environ.get("ALALOUPE_HUB_COURSE")
    return Path(configured) if configured else Path(pwd.getpwnam(INSTRUCTOR).pw_dir) / "alaloupe"


# The hub and its proxy -------------------------------------------------------------------------------------------
c.JupyterHub.bind_url = BIND_URL
c.JupyterHub.hub_ip = "127.0.0.1"  # the hub's own API: the proxy and the single-user servers reach it on loopback
c.ConfigurableHTTPProxy.api_url = os.environ.get("ALALOUPE_HUB_PROXY_API", "http://127.0.0.1:8001")
if os.environ.get("ALALOUPE_HUB_PORT"):
    c.JupyterHub.hub_port = int(os.environ["ALALOUPE_HUB_PORT"])
STATE.mkdir(mode=0o700, parents=True, exist_ok=True)  # the hub's database and cookie secret: root only
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# Who may log in: the instructor and the members of the students' group, with their system passwords --------------
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = {INSTRUCTOR}
c.PAMAuthenticator.allowed_groups = {STUDENTS_GROUP}

# The single-user servers --------------------------------------------------------------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(ENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {"ALALOUPE_EXCHANGE": str(EXCHANGE)}


def make_exchange(root: Path) -> None:
    """nbgrader's exchange root: everyone may create entries (nbgrader's own permissions then protect each folder);
    the sticky bit keeps a student from renaming or deleting the course's folder in it."""
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o1777)


def prepare_course(user: pwd.struct_passwd, course: Path, log) -> None:
    """Keep the course folder private, and point its `.exchange` (where the kit's nbgrader_config.py puts the
    exchange) at the shared exchange, so the nbgrader commands, the Formgrader and `alaloupe` all use it."""
    if not course.is_dir():
        log.warning("The course folder %s does not exist yet: clone the kit there (see README.md)", course)
        return
    if course.stat().st_mode & 0o077:
        log.warning("Making the course folder %s private to %s (it was readable by others)", course, user.pw_name)
        os.chmod(course, 0o700)
    link = course / ".exchange"
    if link.is_symlink() and Path(os.readlink(link)) == EXCHANGE:
        return
    if link.is_dir() and not link.is_symlink():
        if any(link.iterdir()):
            log.warning("%s is a folder with content: move it aside to use the shared exchange %s", link, EXCHANGE)
            return
        link.rmdir()
    elif link.is_symlink():
        link.unlink()
    link.symlink_to(EXCHANGE)
    os.lchown(link, user.pw_uid, user.pw_gid)


def pre_spawn_hook(spawner) -> None:
    """Per-role Jupyter config: the instructor gets the Formgrader and their course; students do not."""
    make_exchange(EXCHANGE)
    user = pwd.getpwnam(spawner.user.name)
    if spawner.user.name == INSTRUCTOR:
        course = course_folder()
        prepare_course(user, course, spawner.log)
        extra = {"ALALOUPE_COURSE": str(course)}
        folders = [ROLE_CONFIG / "instructor", ROLE_CONFIG / "common"]
    else:
        extra = {}
        folders = [ROLE_CONFIG / "students", ROLE_CONFIG / "common"]
    extra["JUPYTER_CONFIG_PATH"] = os.pathsep.join(str(folder) for folder in folders)
    # A new dict: the configured one is shared by every spawner, so it must never be changed in place.
    spawner.environment = {**spawner.environment, **extra}


c.Spawner.pre_spawn_hook = pre_spawn_hook
