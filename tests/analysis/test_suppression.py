"""Small-number suppression, checked by an independent attacker: linear algebra on the row,
column and total equations, plus the simple "one unknown in a line" peeling attack."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wesaid.analysis.errors import AnalysisInputError
from wesaid.analysis.suppression import Reason, suppress_counts, suppress_table

# --- the independent attacker --------------------------------------------------------------


def equations_2d(values: np.ndarray) -> list[list[tuple[int, int, int]]]:
    """Each augmented row and column as (row, col, coefficient) terms summing to zero:
    inner cells +1, the line's total -1."""
    r, c = values.shape
    lines = []
    for i in range(r):
        lines.append([(i, j, 1) for j in range(c - 1)] + [(i, c - 1, -1)])
    for j in range(c):
        lines.append([(i, j, 1) for i in range(r - 1)] + [(r - 1, j, -1)])
    return lines


def linearly_determined(hidden: np.ndarray, lines: list[list[tuple[int, int, int]]]) -> list[tuple]:
    """Hidden cells whose value follows from the equations: e_k lies in the row space of the
    equations restricted to hidden cells."""
    unknowns = [tuple(int(x) for x in ij) for ij in zip(*np.nonzero(hidden), strict=True)]
    if not unknowns:
        return []
    position = {cell: k for k, cell in enumerate(unknowns)}
    matrix = np.zeros((len(lines), len(unknowns)))
    for row, line in enumerate(lines):
        for i, j, coefficient in line:
            if (i, j) in position:
                matrix[row, position[(i, j)]] = coefficient
    rank = np.linalg.matrix_rank(matrix)
    revealed = []
    for cell, k in position.items():
        unit = np.zeros(len(unknowns))
        unit[k] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            revealed.append(cell)
    return revealed


def peeled(hidden: np.ndarray, lines: list[list[tuple[int, int, int]]]) -> set[tuple]:
    """Cells revealed by repeatedly solving any line with exactly one unknown."""
    unknown = {tuple(int(x) for x in ij) for ij in zip(*np.nonzero(hidden), strict=True)}
    revealed: set[tuple] = set()
    changed = True
    while changed:
        changed = False
        for line in lines:
            left = [(i, j) for i, j, _ in line if (i, j) in unknown]
            if len(left) == 1:
                unknown.discard(left[0])
                revealed.add(left[0])
                changed = True
    return revealed


def assert_safe_2d(table: np.ndarray, result, threshold: int = 5) -> None:
    values = np.array(result.values)
    hidden = np.array(result.hidden)
    assert np.array_equal(values[:-1, :-1], table)
    assert np.array_equal(values[:-1, -1], table.sum(axis=1))
    assert np.array_equal(values[-1, :-1], table.sum(axis=0))
    assert values[-1, -1] == table.sum()
    assert np.all(hidden[(values > 0) & (values < threshold)]), "a small count is shown"
    lines = equations_2d(values)
    assert peeled(hidden, lines) == set()
    assert linearly_determined(hidden, lines) == []
    for line in lines:
        assert sum(hidden[i, j] for i, j, _ in line) != 1


small_counts = st.one_of(st.integers(0, 6), st.integers(0, 60))
tables = st.tuples(st.integers(1, 5), st.integers(1, 5)).flatmap(
    lambda shape: st.lists(
        st.lists(small_counts, min_size=shape[1], max_size=shape[1]),
        min_size=shape[0],
        max_size=shape[0],
    )
)


# --- 1-D ------------------------------------------------------------------------------------


def test_it_hides_the_next_smallest_non_zero_cell_in_a_list_with_a_total():
    result = suppress_counts([3, 0, 50, 60])
    assert result.shown() == ("[c]", "0", "[c]", "60", "113")
    assert result.reasons == (Reason.PRIMARY, None, Reason.SECONDARY, None)
    assert result.total_reason is None


def test_it_needs_no_secondary_cell_when_two_are_already_hidden():
    assert suppress_counts([3, 2, 50]).shown() == ("[c]", "[c]", "50", "55")


def test_it_hides_a_small_total():
    result = suppress_counts([1, 0, 0])
    assert result.hidden == (True, False, False)
    assert result.total_hidden and result.total_reason is Reason.PRIMARY


def test_it_shows_zeros_unless_asked_to_hide_them():
    assert suppress_counts([0, 12, 9]).any_hidden is False
    hidden = suppress_counts([0, 12, 9], suppress_zeros=True)
    assert hidden.shown() == ("[c]", "12", "[c]", "21")


def test_it_only_hides_small_cells_when_no_total_is_shown():
    result = suppress_counts([3, 40, 50], with_total=False)
    assert result.shown() == ("[c]", "40", "50")
    assert result.total is None


@settings(max_examples=150, deadline=None)
@given(st.lists(small_counts, min_size=1, max_size=12), st.integers(1, 10))
def test_it_leaves_no_hidden_cell_in_a_list_derivable_from_the_total(cells, threshold):
    result = suppress_counts(cells, threshold=threshold)
    values = np.array([*cells, sum(cells)])
    hidden = np.array([*result.hidden, result.total_hidden])
    assert np.all(hidden[(values > 0) & (values < threshold)])
    assert np.count_nonzero(hidden) != 1  # the one equation, cells = total, has 0 or 2+ unknowns


# --- 2-D ------------------------------------------------------------------------------------


def test_it_hides_a_rectangle_around_two_small_cells():
    table = np.array([[3, 10, 12], [20, 25, 30], [7, 8, 2]])
    result = suppress_table(table)
    assert result.shown() == (
        ("[c]", "10", "[c]", "25"),
        ("20", "25", "30", "75"),
        ("[c]", "8", "[c]", "17"),
        ("30", "43", "44", "117"),
    )
    assert result.reasons[0][0] is Reason.PRIMARY and result.reasons[0][2] is Reason.SECONDARY
    assert_safe_2d(table, result)


def test_it_closes_a_bridge_that_the_one_per_line_rule_misses():
    """Two blocks of small cells joined by one small cell at (1, 2): every row and column has
    0 or 2+ hidden cells, yet rows 0-1 minus columns 0-1 give cell (1, 2) exactly."""
    table = np.array([[1, 2, 50, 60], [3, 4, 1, 70], [80, 90, 2, 3], [40, 30, 4, 1]])
    primary_only = (table > 0) & (table < 5)
    padded = np.zeros((5, 5), dtype=bool)
    padded[:4, :4] = primary_only
    lines = equations_2d(np.zeros((5, 5)))
    assert peeled(padded, lines) == set()
    assert linearly_determined(padded, lines) == [(1, 2)]
    result = suppress_table(table)
    assert_safe_2d(table, result)
    assert sum(r is Reason.SECONDARY for row in result.reasons for r in row) >= 1


@settings(max_examples=200, deadline=None)
@given(tables, st.integers(1, 8), st.booleans())
def test_it_leaves_no_hidden_cell_in_a_table_derivable(table, threshold, suppress_zeros):
    array = np.array(table)
    result = suppress_table(array, threshold=threshold, suppress_zeros=suppress_zeros)
    assert_safe_2d(array, result, threshold)
    if suppress_zeros:
        assert np.all(np.array(result.hidden)[np.array(result.values) == 0])


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([], "empty"),
        ([[1, 2], [3]], "equal length"),
        ([[1, -2]], "0 or more"),
        ([[1, 2.5]], "whole numbers"),
        ([[1, math.nan]], "missing or infinite"),
        ([1, 2, 3], "list of rows"),
    ],
)
def test_it_refuses_bad_tables(table, message):
    with pytest.raises(AnalysisInputError, match=message):
        suppress_table(table)


def test_it_refuses_a_bad_threshold_or_list():
    with pytest.raises(AnalysisInputError, match="threshold"):
        suppress_counts([1, 2], threshold=0)
    with pytest.raises(AnalysisInputError, match="empty"):
        suppress_counts([])
    with pytest.raises(AnalysisInputError, match="list of counts"):
        suppress_counts([[1, 2]])
