"""Small-number suppression for any table shown outside a project team.

Why: in a co-production group of 12, "2 people from a Black Caribbean background said they
felt unheard" can identify those two people. Before a table leaves the team (reports, funders,
public pages) counts under a threshold are hidden (primary suppression), and then enough
other cells are hidden (secondary suppression) that no hidden count can be worked out from
what is shown.

What an attacker is assumed to know (see docs/statistics.md, "Small numbers"): every shown
number, that the cells add up to the shown totals, that counts are whole numbers, and a lower
bound ``L`` on every hidden count: 1 when zeros are shown (the default: a hidden cell is then
never 0, because secondary suppression never hides a zero either), 0 with
``suppress_zeros=True``. The guarantee: for every hidden cell there are at least two whole-number
tables that agree with all of this and give the cell different values.

Rules:

- Primary: a count from 1 to ``threshold - 1`` (default 5, so 1-4) is hidden, including a
  row total, column total or grand total. Zeros are shown by default: "nobody" does not
  single anyone out, and hiding every zero hides the shape of most small tables. Projects
  where a zero is itself sensitive (e.g. "no one in this group felt safe") set
  ``suppress_zeros=True``.
- Secondary cells are never zeros, so "hidden" always means "at least 1" when zeros are shown.
- Secondary, 1-D table with a total: a hidden cell is worked out exactly when it is the only
  hidden number in the list, or when the total is shown and the hidden cells add up to their
  smallest possible sum (``k`` hidden cells adding up to ``k * L``, e.g. two hidden cells that
  must add up to 2 are both 1). While either holds, hide one more: the smallest non-zero cell,
  a cell before the total.
- Secondary, 2-D table with margins, step 1 (structure): the table with its margins
  satisfies one equation per row and per column. Treat rows and columns as the two sides of a
  graph whose edges are the hidden cells: a hidden cell can be solved for from the equations
  alone exactly when it is a bridge (on no cycle). So we (a) hide a second cell in any row or
  column with exactly one hidden cell, then (b) for any bridge, hide a cell that closes a cycle
  through it, and repeat until neither applies.
- Secondary, 2-D, step 2 (bounds): a hidden cell's value can still be pinned down by the
  lower bounds, e.g. a row ``1, 1, 10`` with total 12 and both 1s hidden. A hidden cell can
  change only by moving whole units round a cycle of hidden cells (+1, -1, +1, ... so every
  total stays the same), and a cell already at ``L`` can only go up. We check this directly
  (:func:`pinned_cells`): with rows and columns as nodes, each hidden cell gives the directions
  in which it can be walked (both, or only the one that raises it if it is at ``L``), and a
  cell is free exactly when it lies on a directed cycle. Moving one unit round such a cycle
  gives a second whole-number table that fits everything shown, so the cell is not determined;
  if no such cycle exists, the cell is determined (a feasible change of any size decomposes
  into such cycles). For a pinned cell, we hide the cheapest set of shown cells that puts it on
  a directed cycle (a shortest path, :func:`cells_to_free`), then go back to step 1, until no
  hidden cell is pinned. This ends: each round hides at least one more non-zero cell, and once
  every non-zero cell is hidden nothing is pinned (doubling every hidden count, or adding 1 to
  every cell, keeps all the totals consistent).
- Which cell to add in step 1: an inner cell before a total, then one whose other row or
  column already has hidden cells (so the suppression does not spread), then the smallest
  value (least information lost), then the first in reading order. In step 2: the fewest new
  cells, then the fewest totals among them, then the smallest sum of values, ties broken by
  reading order.

Hidden values are shown as ``[c]`` ("confidential", as in ONS tables). The guarantee is
about exact values; ranges can still be narrowed (e.g. two hidden cells summing to 3 are
each 1 or 2 when zeros are shown), which is why totals under the threshold are hidden too.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from .errors import AnalysisInputError, InputProblem

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
        raise AnalysisInputError(
            "threshold must be a whole number of at least 1, e.g. 5.",
            code=InputProblem.NOT_A_WHOLE_NUMBER,
            argument="threshold",
            least=1,
        )


def _as_counts(values: object, name: str, ndim: int) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise AnalysisInputError(
            f"{name} must be counts, with rows of equal length.",
            code=InputProblem.BAD_SHAPE,
            argument=name,
        ) from error
    if array.size == 0:
        raise AnalysisInputError(f"{name} is empty.", code=InputProblem.EMPTY, argument=name)
    if array.ndim != ndim:
        shape = "a list of counts" if ndim == 1 else "a list of rows of counts"
        raise AnalysisInputError(
            f"{name} must be {shape}.", code=InputProblem.BAD_SHAPE, argument=name
        )
    if not np.all(np.isfinite(array)):
        raise AnalysisInputError(
            f"{name} has a missing or infinite value.", code=InputProblem.NOT_FINITE, argument=name
        )
    if np.any(array < 0) or np.any(array != np.round(array)):
        raise AnalysisInputError(
            f"{name} must hold whole numbers of 0 or more.",
            code=InputProblem.NOT_A_WHOLE_NUMBER,
            argument=name,
        )
    return array.astype(np.int64)


def _primary(values: np.ndarray, threshold: int, suppress_zeros: bool) -> np.ndarray:
    return (values >= lowest_hidden(suppress_zeros)) & (values < threshold)


def lowest_hidden(suppress_zeros: bool) -> int:
    """The smallest value a hidden cell can have, as anyone reading the table knows it: 1 when
    zeros are shown (no zero is ever hidden then), 0 when zeros are hidden."""
    return 0 if suppress_zeros else 1


# --- 1-D ------------------------------------------------------------------------------------


def _list_pinned(line: np.ndarray, hidden: np.ndarray, lowest: int) -> bool:
    """Whether a hidden number in a list shown with its total (last) can be worked out."""
    unknowns = int(np.count_nonzero(hidden))
    if unknowns == 1:
        return True  # total minus the shown cells, or the shown cells added up
    if unknowns == 0 or hidden[-1]:
        return False  # a hidden total leaves every hidden cell free to grow
    # Total shown: the k hidden cells add up to a known sum, each at least `lowest`. If the sum
    # is k * lowest they are all at their lowest; otherwise one unit can move from a cell above
    # its lowest to any other hidden cell, so each takes two or more values.
    return int(line[hidden].sum()) == unknowns * lowest


def suppress_counts(
    cells: Sequence[int],
    *,
    threshold: int = THRESHOLD,
    suppress_zeros: bool = False,
    with_total: bool = True,
) -> SuppressedCounts:
    """Hide small counts in a list shown with its total, and more while any hidden count
    could be worked out from the total, the shown cells and the lowest a hidden count can be.

    Without a total (``with_total=False``) nothing can be subtracted, so only primary
    suppression applies.
    """
    _check_threshold(threshold)
    values = _as_counts(cells, "cells", 1)
    total = int(values.sum())
    line = np.append(values, total) if with_total else values.copy()
    primary = _primary(line, threshold, suppress_zeros)
    hidden = primary.copy()
    is_total = np.arange(line.size) == line.size - 1
    lowest = lowest_hidden(suppress_zeros)

    while with_total and _list_pinned(line, hidden, lowest):
        # Never a zero: with zeros shown, a hidden cell must be known to be at least 1. There is
        # always a non-zero candidate: when a hidden number is pinned, the shown total is
        # non-zero, or (if the total is the one hidden number) a shown cell is.
        candidates = [i for i in range(line.size) if not hidden[i] and line[i] != 0]
        pick = min(candidates, key=lambda i: (bool(is_total[i]), int(line[i]), i))
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
    """The first hidden cell (reading order) on no cycle of hidden cells (so solvable), with
    its row's side of the cut."""
    r = hidden.shape[0]
    cells = [(int(i), int(j)) for i, j in zip(*np.nonzero(hidden), strict=True)]
    out: list[list[tuple[int, tuple[int, int]]]] = [[] for _ in range(sum(hidden.shape))]
    for i, j in cells:
        out[i].append((r + j, (i, j)))
        out[r + j].append((i, (i, j)))
    on_cycle: set[tuple[int, int]] = set()
    for cell in cells:
        if cell in on_cycle:
            continue
        path = _path(out, r + cell[1], cell[0], cell)
        if path is None:
            return cell, _reachable(hidden, ("r", cell[0]), cell)
        on_cycle.update(path)  # every cell on the cycle found is not a bridge either
        on_cycle.add(cell)
    return None


def _cost(values: np.ndarray, i: int, j: int, other_line_hidden: bool) -> tuple:
    """Sort key for choosing a secondary cell; the order is explained in the module docstring."""
    r, c = values.shape
    is_margin = i == r - 1 or j == c - 1
    return (is_margin, not other_line_hidden, int(values[i, j]), i, j)


def _complete_lines(values: np.ndarray, hidden: np.ndarray) -> bool:
    """Hide a second cell in every row or column with exactly one hidden cell. True if changed.

    Only non-zero cells are candidates. One always exists: the line adds up, so if its one
    hidden cell is non-zero, so is some shown cell in it."""
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
            if not hidden[i, j] and values[i, j] != 0
        ]
        if not options:  # a hidden zero with only zeros beside it: step 2 deals with it
            continue
        pick = min(options)
        hidden[pick[-2], pick[-1]] = True
        changed = True
    return changed


def _close_bridge(values: np.ndarray, hidden: np.ndarray) -> bool:
    """Hide one non-zero cell that puts a bridge on a cycle. True if a cell was hidden; False
    when there is no bridge, or no non-zero cell closes the first one (step 2 then hides a
    longer path of cells)."""
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
        if not hidden[i, j] and values[i, j] != 0
    ]
    if not options:
        return False
    pick = min(options)
    hidden[pick[-2], pick[-1]] = True
    return True


# Step 2. Rows are nodes 0..R-1 and columns R..R+C-1 of a directed graph. Flip the sign of the
# total row and the total column: then every row and every column of the signed table adds up
# to 0, and a change that keeps every total must add +1, -1, +1, ... round a cycle of cells
# (row -> column: +1 to the signed cell; column -> row: -1). A cell's own change is its signed
# change times its sign (-1 for a margin cell that is not the grand total, else +1).


def _sign(shape: tuple[int, int], i: int, j: int) -> int:
    return -1 if (i == shape[0] - 1) != (j == shape[1] - 1) else 1


def _arcs(shape: tuple[int, int], i: int, j: int, at_lowest: bool) -> list[tuple[int, int]]:
    """The directions (from node, to node) in which cell (i, j) can be walked: both, or only
    the one that raises it if it is already at the lowest a hidden cell can be."""
    row, col = i, shape[0] + j
    if not at_lowest:
        return [(row, col), (col, row)]
    return [(row, col)] if _sign(shape, i, j) == 1 else [(col, row)]


def pinned_cells(values: np.ndarray, hidden: np.ndarray, lowest: int) -> list[tuple[int, int]]:
    """Hidden cells of the table with margins whose value follows from the shown cells, the
    row and column equations, whole numbers and ``lowest``, in reading order."""
    shape = values.shape
    n_nodes = shape[0] + shape[1]
    cells = [(int(i), int(j)) for i, j in zip(*np.nonzero(hidden), strict=True)]
    out: list[list[tuple[int, tuple[int, int]]]] = [[] for _ in range(n_nodes)]
    for i, j in cells:
        for a, b in _arcs(shape, i, j, values[i, j] <= lowest):
            out[a].append((b, (i, j)))
    free: set[tuple[int, int]] = set()
    pinned = []
    for cell in cells:
        if cell in free:
            continue
        for a, b in _arcs(shape, *cell, values[cell] <= lowest):
            path = _path(out, b, a, cell)
            if path is not None:
                free.update(path)
                free.add(cell)
                break
        else:
            pinned.append(cell)
    return pinned


def _path(
    out: list[list[tuple[int, tuple[int, int]]]], start: int, goal: int, skip: tuple[int, int]
) -> list[tuple[int, int]] | None:
    """The cells on a shortest directed path from ``start`` to ``goal`` not using ``skip``."""
    came: dict[int, tuple[int, tuple[int, int]] | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = []
            while came[node] is not None:
                node, cell = came[node]
                path.append(cell)
            return path
        for nxt, cell in out[node]:
            if cell != skip and nxt not in came:
                came[nxt] = (node, cell)
                queue.append(nxt)
    return None


def cells_to_free(
    values: np.ndarray, hidden: np.ndarray, lowest: int, cell: tuple[int, int]
) -> list[tuple[int, int]]:
    """The cheapest shown non-zero cells whose hiding puts ``cell`` on a directed cycle: fewest
    cells, then fewest totals, then smallest sum of values (Dijkstra, ties by reading order).
    Newly hidden cells are never at the lowest (they are non-zero and not small), so they can
    be walked either way."""
    shape = values.shape
    r, c = shape
    n_nodes = r + c
    out: list[list[tuple[int, tuple[int, int], tuple[int, int, int]]]] = [
        [] for _ in range(n_nodes)
    ]
    zero = (0, 0, 0)
    for i in range(r):
        for j in range(c):
            if (i, j) == cell:
                continue
            if hidden[i, j]:
                for a, b in _arcs(shape, i, j, values[i, j] <= lowest):
                    out[a].append((b, (i, j), zero))
            elif values[i, j] != 0:
                cost = (1, int(i == r - 1 or j == c - 1), int(values[i, j]))
                out[i].append((r + j, (i, j), cost))
                out[r + j].append((i, (i, j), cost))
    best: tuple[tuple[int, int, int], list[tuple[int, int]]] | None = None
    for a, b in _arcs(shape, *cell, values[cell] <= lowest):
        found = _cheapest_path(out, b, a)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
    if best is None:  # cannot happen: with every non-zero cell hidden, nothing is pinned
        raise RuntimeError("Secondary suppression found no cells to hide.")
    return sorted(x for x in best[1] if not hidden[x])


def _cheapest_path(
    out: list[list[tuple[int, tuple[int, int], tuple[int, int, int]]]], start: int, goal: int
) -> tuple[tuple[int, int, int], list[tuple[int, int]]] | None:
    """Dijkstra from ``start`` to ``goal``; costs are added position by position and compared
    in order (cells, totals, values)."""
    done: set[int] = set()
    heap: list[tuple[tuple[int, int, int], int, list[tuple[int, int]]]] = [((0, 0, 0), start, [])]
    while heap:
        cost, node, path = heapq.heappop(heap)
        if node in done:
            continue
        if node == goal:
            return cost, path
        done.add(node)
        for nxt, cell, step in out[node]:
            if nxt not in done:
                total = (cost[0] + step[0], cost[1] + step[1], cost[2] + step[2])
                heapq.heappush(heap, (total, nxt, [*path, cell]))
    return None


def suppress_table(
    table: Sequence[Sequence[int]],
    *,
    threshold: int = THRESHOLD,
    suppress_zeros: bool = False,
) -> SuppressedTable:
    """Hide small counts in a 2-D table shown with row, column and grand totals, plus enough
    other cells that none of them can be worked out from the totals, whole numbers and the
    lowest a hidden count can be. Margins are computed here, so they always add up."""
    _check_threshold(threshold)
    values = with_margins(_as_counts(table, "table", 2))
    primary = _primary(values, threshold, suppress_zeros)
    hidden = primary.copy()
    lowest = lowest_hidden(suppress_zeros)
    while True:
        while _complete_lines(values, hidden) or _close_bridge(values, hidden):
            pass
        pinned = pinned_cells(values, hidden, lowest)
        if not pinned:
            break
        for i, j in cells_to_free(values, hidden, lowest, pinned[0]):
            hidden[i, j] = True
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
