"""nbgrader configuration for the alaloupe course (read by the nbgrader CLI, Formgrader and Validate)."""

import os

from nbgrader.preprocessors import CheckCellMetadata, ClearOutput, GetGrades, OverwriteCells, OverwriteKernelspec
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor

from alaloupe.course import HideHiddenTests
from alaloupe.grading.preprocessors import DropDuplicateIds

c = get_config()  # noqa: F821 (provided by traitlets when it reads this file)

c.CourseDirectory.course_id = "alaloupe"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# submitted/, autograded/, feedback/ and gradebook.db stay at the root; .gitignore keeps them out of git.

# A course-local exchange, so Formgrader and the Assignment List work on one machine without /srv.
c.Exchange.root = os.path.join(c.CourseDirectory.root, ".exchange")

c.Execute.timeout = 60  # seconds per cell: an infinite loop is cut here and grading goes on

# nbgrader's sanitising chain, with DeduplicateIds fixed: a student who copies a graded cell is still graded.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DropDuplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
]

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Feedback never shows hidden tests: neither their source nor a traceback quoting it.
c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
