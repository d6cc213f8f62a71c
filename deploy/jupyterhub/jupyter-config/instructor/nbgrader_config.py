"""nbgrader settings for the instructor: the course folder (the hub passes it in ALALOUPE_COURSE) and its config.

The Formgrader reads the Jupyter config folders and the server's working folder (the home), not the course folder,
so the course's own nbgrader_config.py (solutions/ and exercises/ mapping, feedback without hidden tests, the
grading chain) is loaded from here.
"""

import os

c = get_config()  # noqa: F821 (provided by traitlets when it reads this file)

course = os.environ.get("ALALOUPE_COURSE")
if course:
    load_subconfig(os.path.join(course, "nbgrader_config.py"))  # noqa: F821 (provided by traitlets)
    c.CourseDirectory.root = course
c.Exchange.root = os.environ.get("ALALOUPE_EXCHANGE", "/srv/nbgrader/exchange")
