"""The course's own nbgrader preprocessors. Light on purpose: nbgrader_config.py imports this module."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbgrader.preprocessors import DeduplicateIds, NbGraderPreprocessor
from traitlets import Unicode


class DropDuplicateIds(DeduplicateIds):
    """nbgrader's DeduplicateIds, minus its bug: it empties the metadata of a duplicated cell (`{}`), which
    CheckCellMetadata then rejects as "Outdated schema version: 0" and the whole submission fails. A student who
    copies an answer cell (JupyterLab copies its metadata) must still be graded: the extra copies simply lose their
    nbgrader metadata, and the last copy stays the graded cell, as DeduplicateIds intends.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") and (meta.get("grade") or meta.get("solution") or meta.get("locked")):
            if meta["grade_id"] in self.grade_ids:
                self.log.warning(
                    "Cell with id '%s' exists multiple times: the earlier copy is not graded", meta["grade_id"]
                )
                del cell.metadata["nbgrader"]
            else:
                self.grade_ids.add(meta["grade_id"])
        return cell, resources


class ReplayExecution(NbGraderPreprocessor):
    """Give each cell the outputs phase 1 produced when it executed the same sanitised notebook.

    The executed notebook is `{executed_root}/{student}/{autograded}/{student}/{assignment}/{notebook}.ipynb`
    (the scratch course of that student). Cells are matched one to one and must have identical sources.
    """

    executed_root = Unicode("", help="Folder holding one scratch course per student.").tag(config=True)
    autograded_directory = Unicode("autograded", help="The course's autograded folder name.").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        student, assignment, notebook = info["student"], info["assignment"], info["notebook"]
        path = Path(self.executed_root, student, self.autograded_directory, student, assignment, f"{notebook}.ipynb")
        if not path.is_file():
            raise RuntimeError(f"{notebook}.ipynb of {student} was not executed (see the execution log)")
        executed = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        if [c.source for c in executed.cells] != [c.source for c in nb.cells]:
            raise RuntimeError(
                f"{notebook}.ipynb of {student}: the executed cells differ from the sanitised ones; "
                "the gradebook and the assignment source disagree (run `alaloupe release`)"
            )
        for cell, ran in zip(nb.cells, executed.cells, strict=True):
            if cell.cell_type == "code":
                cell.outputs = ran.outputs
                cell.execution_count = ran.execution_count
        nb.metadata = executed.metadata
        return nb, resources
