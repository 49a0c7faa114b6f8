"""Small-number suppression for any table shown outside a project team.

Why: in a co-production group of 12, "2 people from a Black Caribbean background said they
felt unheard" can identify those two people. Before a table leaves the team (reports, funders,
public pages) counts under a threshold are hidden (primary suppression), and then enough
other cells are hidden (secondary suppression) that no hidden count can be worked out by
subtracting shown cells from shown totals.

Rules (see docs/statistics.md, "Small numbers"):

- Primary: a count from 1 to ``threshold - 1`` (default 5, so 1-4) is hidden, including a
  row total, column total or grand total. Zeros are shown by default: "nobody" does not
  single anyone out, and hiding every zero hides the shape of most small tables. Projects
  where a zero is itself sensitive (e.g. "no one in this group felt safe") set
  ``suppress_zeros=True``.
- Secondary, 1-D table with a total: if exactly one number in the list (cells and total) is
  hidden, hide one more.
- Secondary, 2-D table with margins: the table with its margins satisfies one equation per
  row and per column. Treat rows and columns as the two sides of a graph whose edges are the
  hidden cells: a hidden cell can be solved for exactly when it is a bridge (on no cycle).
  So we (a) hide a second cell in any row or column with exactly one hidden cell, then
  (b) for any bridge, hide a cell that closes a cycle through it, and repeat until neither
  applies. Then no hidden cell is determined by the row, column and grand-total equations.
- Which cell to add: a non-zero cell before a zero (a hidden zero can give away its
  neighbours because counts cannot be negative), an inner cell before a total, then one
  whose other row or column already has hidden cells (so the suppression does not spread),
  then the smallest value (least information lost), then the first in reading order.

Hidden values are shown as ``[c]`` ("confidential", as in ONS tables). The guarantee is
about exact values; ranges can still be narrowed (e.g. two hidden cells summing to 3 are
each at most 3), which is why totals under the threshold are hidden too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from .errors import AnalysisInputError

#: Counts below this are hidden unless a project sets its own threshold.
THRESHOLD = 5
#: How hidden cells are shown (ONS: "[c]" confidential).
MARKER = "[c]"


class Reason(StrEnum):
    """Why a cell is hidden."""

    PRIMARY = "primary"  # a small number itself
    SECONDARY = "secondary"  # hidden so a small number cannot be worked out


@dataclass(frozen=True)
class SuppressedCounts:
    """A 1-D table (e.g. people by ethnic group) with its total and what to hide."""

    cells: tuple[int, ...]
    total: int | None
    hidden: tuple[bool, ...]
    total_hidden: bool
    reasons: tuple[Reason | None, ...]
    total_reason: Reason | None
    threshold: int

    def shown(self, marker: str = MARKER) -> tuple[str, ...]:
        """The cells (then the total, if shown) as text, hidden ones replaced by ``marker``."""
        texts = [marker if h else str(v) for v, h in zip(self.cells, self.hidden, strict=True)]
        if self.total is not None:
            texts.append(marker if self.total_hidden else str(self.total))
        return tuple(texts)

    @property
    def any_hidden(self) -> bool:
        return any(self.hidden) or self.total_hidden


@dataclass(frozen=True)
class SuppressedTable:
    """A 2-D table with margins: the last column holds row totals, the last row column
    totals and the bottom-right cell the grand total."""

    values: tuple[tuple[int, ...], ...]
    hidden: tuple[tuple[bool, ...], ...]
    reasons: tuple[tuple[Reason | None, ...], ...]
    threshold: int

    def shown(self, marker: str = MARKER) -> tuple[tuple[str, ...], ...]:
        """The table with margins as text, hidden cells replaced by ``marker``."""
        return tuple(
            tuple(marker if h else str(v) for v, h in zip(row, mask, strict=True))
            for row, mask in zip(self.values, self.hidden, strict=True)
        )

    @property
    def any_hidden(self) -> bool:
        return any(any(row) for row in self.hidden)


# --- checks ---------------------------------------------------------------------------------


def _check_threshold(threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise AnalysisInputError("threshold must be a whole number of at least 1, e.g. 5.")


def _as_counts(values: object, name: str, ndim: int) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise AnalysisInputError(f"{name} must be counts, with rows of equal length.") from error
    if array.size == 0:
        raise AnalysisInputError(f"{name} is empty.")
    if array.ndim != ndim:
        shape = "a list of counts" if ndim == 1 else "a list of rows of counts"
        raise AnalysisInputError(f"{name} must be {shape}.")
    if not np.all(np.isfinite(array)):
        raise AnalysisInputError(f"{name} has a missing or infinite value.")
    if np.any(array < 0) or np.any(array != np.round(array)):
        raise AnalysisInputError(f"{name} must hold whole numbers of 0 or more.")
    return array.astype(np.int64)


def _primary(values: np.ndarray, threshold: int, suppress_zeros: bool) -> np.ndarray:
    lowest = 0 if suppress_zeros else 1
    return (values >= lowest) & (values < threshold)


# --- 1-D ------------------------------------------------------------------------------------


def suppress_counts(
    cells: Sequence[int],
    *,
    threshold: int = THRESHOLD,
    suppress_zeros: bool = False,
    with_total: bool = True,
) -> SuppressedCounts:
    """Hide small counts in a list shown with its total, and one more if only one is hidden.

    Without a total (``with_total=False``) nothing can be subtracted, so only primary
    suppression applies.
    """
    _check_threshold(threshold)
    values = _as_counts(cells, "cells", 1)
    total = int(values.sum())
    line = np.append(values, total) if with_total else values.copy()
    primary = _primary(line, threshold, suppress_zeros)
    hidden = primary.copy()
    if with_total and np.count_nonzero(hidden) == 1:
        is_total = np.arange(line.size) == line.size - 1
        candidates = [i for i in range(line.size) if not hidden[i]]
        pick = min(candidates, key=lambda i: (line[i] == 0, bool(is_total[i]), int(line[i]), i))
        hidden[pick] = True
    reasons = [
        Reason.PRIMARY if p else (Reason.SECONDARY if h else None)
        for p, h in zip(primary, hidden, strict=True)
    ]
    n = values.size
    return SuppressedCounts(
        cells=tuple(int(v) for v in values),
        total=total if with_total else None,
        hidden=tuple(bool(h) for h in hidden[:n]),
        total_hidden=bool(hidden[n]) if with_total else False,
        reasons=tuple(reasons[:n]),
        total_reason=reasons[n] if with_total else None,
        threshold=threshold,
    )


# --- 2-D ------------------------------------------------------------------------------------


def with_margins(table: np.ndarray) -> np.ndarray:
    """The table with a row-totals column, a column-totals row and the grand total."""
    rows = np.column_stack([table, table.sum(axis=1)])
    return np.vstack([rows, rows.sum(axis=0)])


def _lines(shape: tuple[int, int]) -> list[tuple[bool, int]]:
    """Every row ``(True, i)`` and column ``(False, j)`` of the augmented table."""
    return [(True, i) for i in range(shape[0])] + [(False, j) for j in range(shape[1])]


def _reachable(
    hidden: np.ndarray, start: tuple[str, int], skip: tuple[int, int]
) -> set[tuple[str, int]]:
    """Rows ("r", i) and columns ("c", j) joined to ``start`` through hidden cells, leaving
    out the cell ``skip``."""
    seen = {start}
    stack = [start]
    while stack:
        side, k = stack.pop()
        if side == "r":
            neighbours = [("c", j) for j in np.flatnonzero(hidden[k, :]) if (k, j) != skip]
        else:
            neighbours = [("r", i) for i in np.flatnonzero(hidden[:, k]) if (i, k) != skip]
        for node in neighbours:
            node = (node[0], int(node[1]))
            if node not in seen:
                seen.add(node)
                stack.append(node)
    return seen


def find_bridge(hidden: np.ndarray) -> tuple[tuple[int, int], set[tuple[str, int]]] | None:
    """A hidden cell on no cycle of hidden cells (so solvable), with its row's side of the cut."""
    for i, j in zip(*np.nonzero(hidden), strict=True):
        cell = (int(i), int(j))
        side = _reachable(hidden, ("r", cell[0]), cell)
        if ("c", cell[1]) not in side:
            return cell, side
    return None


def _cost(values: np.ndarray, i: int, j: int, other_line_hidden: bool) -> tuple:
    """Sort key for choosing a secondary cell; the order is explained in the module docstring."""
    r, c = values.shape
    is_margin = i == r - 1 or j == c - 1
    return (bool(values[i, j] == 0), is_margin, not other_line_hidden, int(values[i, j]), i, j)


def _complete_lines(values: np.ndarray, hidden: np.ndarray) -> bool:
    """Hide a second cell in every row or column with exactly one hidden cell. True if changed."""
    changed = False
    for is_row, k in _lines(hidden.shape):
        line = hidden[k, :] if is_row else hidden[:, k]
        if np.count_nonzero(line) != 1:
            continue
        cells = (
            [(k, j) for j in range(hidden.shape[1])]
            if is_row
            else [(i, k) for i in range(hidden.shape[0])]
        )
        options = [
            _cost(values, i, j, bool((hidden[:, j] if is_row else hidden[i, :]).any()))
            for i, j in cells
            if not hidden[i, j]
        ]
        pick = min(options)
        hidden[pick[-2], pick[-1]] = True
        changed = True
    return changed


def _close_bridge(values: np.ndarray, hidden: np.ndarray) -> bool:
    """Hide one cell that puts a bridge on a cycle. True if a bridge was found."""
    found = find_bridge(hidden)
    if found is None:
        return False
    _, side = found
    rows_a = {k for s, k in side if s == "r"}
    cols_a = {k for s, k in side if s == "c"}
    component = _reachable(hidden, ("r", found[0][0]), (-1, -1))
    rows_b = {k for s, k in component if s == "r"} - rows_a
    cols_b = {k for s, k in component if s == "c"} - cols_a
    options = [
        _cost(values, i, j, True)
        for i, j in [(i, j) for i in rows_a for j in cols_b]
        + [(i, j) for i in rows_b for j in cols_a]
        if not hidden[i, j]
    ]
    if not options:  # cannot happen once every line has 0 or 2+ hidden cells
        raise RuntimeError("Secondary suppression found no cell to close a cycle.")
    pick = min(options)
    hidden[pick[-2], pick[-1]] = True
    return True


def suppress_table(
    table: Sequence[Sequence[int]],
    *,
    threshold: int = THRESHOLD,
    suppress_zeros: bool = False,
) -> SuppressedTable:
    """Hide small counts in a 2-D table shown with row, column and grand totals, plus enough
    other cells that none of them can be worked out from the totals. Margins are computed
    here, so they always add up."""
    _check_threshold(threshold)
    values = with_margins(_as_counts(table, "table", 2))
    primary = _primary(values, threshold, suppress_zeros)
    hidden = primary.copy()
    while _complete_lines(values, hidden) or _close_bridge(values, hidden):
        pass
    return SuppressedTable(
        values=tuple(tuple(int(v) for v in row) for row in values),
        hidden=tuple(tuple(bool(h) for h in row) for row in hidden),
        reasons=tuple(
            tuple(
                Reason.PRIMARY if p else (Reason.SECONDARY if h else None)
                for p, h in zip(p_row, h_row, strict=True)
            )
            for p_row, h_row in zip(primary, hidden, strict=True)
        ),
        threshold=threshold,
    )
