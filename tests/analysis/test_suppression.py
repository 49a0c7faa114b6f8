"""Small-number suppression, checked by independent attackers: linear algebra on the row,
column and total equations, the simple "one unknown in a line" peeling attack, and an attacker
who also knows counts are whole numbers with a lowest possible value (1 for a hidden cell
when zeros are shown, else 0): integer programming (scipy's ``milp``) for the smallest and
largest value of each hidden cell, and brute-force enumeration of every completion of tiny
tables."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from wesaid.analysis.errors import AnalysisInputError
from wesaid.analysis.suppression import Reason, pinned_cells, suppress_counts, suppress_table

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


def assert_safe_2d(
    table: np.ndarray, result, threshold: int = 5, suppress_zeros: bool = False
) -> None:
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
    if not suppress_zeros:
        assert not np.any(hidden & (values == 0)), "a zero is hidden though zeros are shown"
    assert_no_cell_pinned(values, hidden, lines, lowest_value(suppress_zeros))


def lowest_value(suppress_zeros: bool) -> int:
    """What a reader knows: with zeros shown, a hidden count is at least 1."""
    return 0 if suppress_zeros else 1


def hidden_system(
    values: np.ndarray, hidden: np.ndarray, lines: list[list[tuple[int, int, int]]]
) -> tuple[list[tuple[int, int]], np.ndarray, np.ndarray]:
    """The equations restricted to hidden cells: ``A x = b`` with the shown cells moved right."""
    unknowns = [(int(i), int(j)) for i, j in zip(*np.nonzero(hidden), strict=True)]
    position = {cell: k for k, cell in enumerate(unknowns)}
    a = np.zeros((len(lines), len(unknowns)))
    b = np.zeros(len(lines))
    for row, line in enumerate(lines):
        for i, j, coefficient in line:
            if (i, j) in position:
                a[row, position[(i, j)]] += coefficient
            else:
                b[row] -= coefficient * values[i, j]
    return unknowns, a, b


def integer_ranges(
    values: np.ndarray, hidden: np.ndarray, lines: list[list[tuple[int, int, int]]], lowest: int
) -> dict[tuple[int, int], tuple[float, float]]:
    """Smallest and largest whole-number value of each hidden cell over every table that fits
    what is shown, with every hidden cell at least ``lowest``. Cells are capped well above the
    data; a second value found under the cap is still a second table that fits."""
    unknowns, a, b = hidden_system(values, hidden, lines)
    if not unknowns:
        return {}
    cap = 3 * int(values.max()) + 10
    constraints = LinearConstraint(a, b, b)
    bounds = Bounds(lowest, cap)
    ranges = {}
    for k, cell in enumerate(unknowns):
        objective = np.zeros(len(unknowns))
        objective[k] = 1
        ends = []
        for sign in (1, -1):
            found = milp(
                sign * objective,
                constraints=constraints,
                integrality=np.ones(len(unknowns)),
                bounds=bounds,
            )
            assert found.status == 0, found.message
            ends.append(sign * found.fun)
        ranges[cell] = (ends[0], ends[1])
    return ranges


def lp_ranges(
    values: np.ndarray,
    hidden: np.ndarray,
    lines: list[list[tuple[int, int, int]]],
    lowest: int,
    cap: int | None = None,
) -> dict[tuple[int, int], tuple[float, float]]:
    """The same ranges with fractions allowed (linear programming); ``inf`` when unbounded."""
    unknowns, a, b = hidden_system(values, hidden, lines)
    ranges = {}
    for k, cell in enumerate(unknowns):
        objective = np.zeros(len(unknowns))
        objective[k] = 1
        ends = []
        for sign in (1, -1):
            found = linprog(sign * objective, A_eq=a, b_eq=b, bounds=(lowest, cap))
            assert found.status in (0, 3), found.message
            ends.append(math.inf if found.status == 3 else sign * found.fun)
        ranges[cell] = (ends[0], ends[1])
    return ranges


def assert_no_cell_pinned(
    values: np.ndarray, hidden: np.ndarray, lines: list[list[tuple[int, int, int]]], lowest: int
) -> None:
    ranges = integer_ranges(values, hidden, lines, lowest)
    for (i, j), (low, high) in ranges.items():
        assert low <= values[i, j] <= high  # the attacker's model fits the real table
        assert high - low >= 1 - 1e-9, f"hidden cell {(i, j)} can only be {low:g}"


def brute_force_values(table: np.ndarray, hidden: np.ndarray, lowest: int) -> dict:
    """Every value each hidden cell of the table with margins takes over every whole-number
    table that fits what is shown: try every value for the hidden inner cells (up to 2 above
    the real grand total), work out the margins, and keep the tables whose margins match the
    shown ones and whose hidden cells are all at least ``lowest``. A value found is a real
    second table; the cap can only make the attacker miss one (a false alarm, never a pass)."""
    r, c = table.shape
    full = np.zeros((r + 1, c + 1), dtype=np.int64)
    full[:r, :c] = table
    full[:r, c] = table.sum(axis=1)
    full[r, :] = full[:r, :].sum(axis=0)
    inner = [(i, j) for i in range(r) for j in range(c) if hidden[i, j]]
    axis = np.arange(lowest, int(full[r, c]) + 3)
    if inner:
        grid = np.stack(np.meshgrid(*[axis] * len(inner), indexing="ij"), axis=-1)
        guesses = grid.reshape(-1, len(inner))
    else:  # only margins hidden: the one table is the real one
        guesses = np.zeros((1, 0), dtype=np.int64)
    trials = np.broadcast_to(full, (len(guesses), r + 1, c + 1)).copy()
    for k, (i, j) in enumerate(inner):
        trials[:, i, j] = guesses[:, k]
    trials[:, :r, c] = trials[:, :r, :c].sum(axis=2)
    trials[:, r, :] = trials[:, :r, :].sum(axis=1)
    fits = np.all(trials[:, hidden] >= lowest, axis=1) & np.all(
        trials[:, ~hidden] == full[~hidden], axis=1
    )
    return {
        (int(i), int(j)): set(trials[fits, i, j].tolist())
        for i, j in zip(*np.nonzero(hidden), strict=True)
    }


def list_as_table(cells: list[int], result) -> tuple[np.ndarray, np.ndarray, list]:
    """A list with its total as a one-row table: the cells, the total, one equation."""
    values = np.array([[*cells, sum(cells)]])
    hidden = np.array([[*result.hidden, result.total_hidden]])
    n = len(cells)
    return values, hidden, [[(0, k, 1) for k in range(n)] + [(0, n, -1)]]


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


def test_it_does_not_leave_hidden_zeros_that_must_add_up_to_zero():
    """Shown: 10 and a total of 10, so the two hidden cells add up to 0; counts cannot be
    negative, so both would be known to be 0. A non-zero cell is hidden with them."""
    result = suppress_counts([0, 0, 10], suppress_zeros=True)
    assert result.shown() == ("[c]", "[c]", "[c]", "10")


@settings(max_examples=150, deadline=None)
@given(st.lists(small_counts, min_size=1, max_size=12), st.integers(1, 10))
def test_it_leaves_no_hidden_zero_in_a_list_derivable_from_non_negativity(cells, threshold):
    """With the total shown, the hidden cells add up to a known sum; if that sum is 0 every
    hidden cell is known to be 0, since no count is negative."""
    result = suppress_counts(cells, threshold=threshold, suppress_zeros=True)
    hidden_cells = [v for v, h in zip(cells, result.hidden, strict=True) if h]
    assert all(h for v, h in zip(cells, result.hidden, strict=True) if v < threshold)
    if hidden_cells and not result.total_hidden:
        assert len(hidden_cells) >= 2
        assert sum(hidden_cells) > 0


def test_it_does_not_leave_hidden_ones_that_must_add_up_to_their_count():
    """Zeros are shown, so a hidden cell is at least 1. Shown: 10 and a total of 12, so two
    hidden cells add up to 2 and both would be 1. A third cell is hidden with them."""
    result = suppress_counts([1, 1, 10])
    assert result.shown() == ("[c]", "[c]", "[c]", "12")
    assert result.reasons == (Reason.PRIMARY, Reason.PRIMARY, Reason.SECONDARY)
    assert suppress_counts([1, 1, 1, 10]).shown() == ("[c]", "[c]", "[c]", "[c]", "13")
    # 2 and 1 add up to 3: they could be 2 and 1 or 1 and 2, so nothing more is needed.
    assert suppress_counts([2, 1, 10]).shown() == ("[c]", "[c]", "10", "13")


@settings(max_examples=150, deadline=None)
@given(st.lists(small_counts, min_size=1, max_size=12), st.integers(1, 10), st.booleans())
def test_it_leaves_no_hidden_cell_in_a_list_pinned_by_whole_numbers(
    cells, threshold, suppress_zeros
):
    result = suppress_counts(cells, threshold=threshold, suppress_zeros=suppress_zeros)
    values, hidden, lines = list_as_table(cells, result)
    if not suppress_zeros:
        assert not np.any(hidden & (values == 0)), "a zero is hidden though zeros are shown"
    assert_no_cell_pinned(values, hidden, lines, lowest_value(suppress_zeros))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=3), st.integers(1, 8), st.booleans())
def test_brute_force_finds_two_values_for_every_hidden_cell_in_a_short_list(
    cells, threshold, suppress_zeros
):
    result = suppress_counts(cells, threshold=threshold, suppress_zeros=suppress_zeros)
    lowest = lowest_value(suppress_zeros)
    values, hidden, _ = list_as_table(cells, result)
    table = np.array([cells])  # a one-row table: its row total is the list's total
    full_hidden = np.zeros((2, len(cells) + 1), dtype=bool)
    full_hidden[0] = hidden[0]
    full_hidden[1] = hidden[0]  # the column totals repeat the cells; hide them alike
    for cell, seen in brute_force_values(table, full_hidden, lowest).items():
        assert values[0, cell[1]] in seen
        assert len(seen) >= 2, f"hidden cell {cell} can only be {seen}"


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
    assert_safe_2d(array, result, threshold, suppress_zeros)
    if suppress_zeros:
        assert np.all(np.array(result.hidden)[np.array(result.values) == 0])


def test_it_does_not_leave_a_row_of_hidden_cells_pinned_by_their_lowest_value():
    """Zeros are shown, so hidden cells are at least 1. Hiding the rectangle 1, 1 / 10, 10
    answers every equation with two unknowns, yet row 0 then says the two 1s add up to 2, so
    both are 1, and the 10s below follow. Hiding the 10 beside them and the 20 below it lets
    one unit move round a cycle, so each hidden cell can take two or more values."""
    table = np.array([[1, 1, 10], [10, 10, 20]])
    values = np.array([[1, 1, 10, 12], [10, 10, 20, 40], [11, 11, 30, 52]])
    rectangle = np.zeros((3, 4), dtype=bool)
    rectangle[:2, :2] = True
    lines = equations_2d(values)
    assert linearly_determined(rectangle, lines) == []  # the old checks were satisfied ...
    pinned = integer_ranges(values, rectangle, lines, lowest=1)
    assert all(low == high for low, high in pinned.values())  # ... but every cell is known
    result = suppress_table(table)
    assert result.shown() == (
        ("[c]", "[c]", "[c]", "12"),
        ("[c]", "[c]", "[c]", "40"),
        ("11", "11", "30", "52"),
    )
    assert_safe_2d(table, result)


def test_it_does_not_leave_hidden_zeros_in_a_row_that_must_add_up_to_zero():
    """With zeros hidden, a row 0, 0, 10 with its total 10 shown would leave two hidden cells
    adding up to 0, so both 0."""
    table = np.array([[0, 0, 10], [10, 10, 20]])
    result = suppress_table(table, suppress_zeros=True)
    assert result.shown() == (
        ("[c]", "[c]", "[c]", "10"),
        ("[c]", "[c]", "[c]", "40"),
        ("10", "10", "30", "50"),
    )
    assert_safe_2d(table, result, suppress_zeros=True)


tiny_tables = st.sampled_from(
    [(1, 1), (1, 2), (1, 3), (1, 4), (2, 1), (3, 1), (4, 1), (2, 2)]
).flatmap(
    lambda shape: st.lists(
        st.lists(st.integers(0, 6), min_size=shape[1], max_size=shape[1]),
        min_size=shape[0],
        max_size=shape[0],
    )
)


@settings(max_examples=150, deadline=None)
@given(tiny_tables, st.integers(1, 8), st.booleans())
def test_brute_force_finds_two_values_for_every_hidden_cell_in_a_tiny_table(
    table, threshold, suppress_zeros
):
    array = np.array(table)
    result = suppress_table(array, threshold=threshold, suppress_zeros=suppress_zeros)
    values = np.array(result.values)
    for cell, seen in brute_force_values(
        array, np.array(result.hidden), lowest_value(suppress_zeros)
    ).items():
        assert values[cell] in seen
        assert len(seen) >= 2, f"hidden cell {cell} can only be {seen}"


@settings(max_examples=60, deadline=None)
@given(tables, st.integers(2, 8), st.booleans(), st.randoms(use_true_random=False))
def test_linear_programming_gives_the_same_ranges_as_whole_numbers(
    table, threshold, suppress_zeros, random
):
    """docs/statistics.md relies on this: the equations are those of a network, so the
    smallest and largest values with fractions allowed are whole numbers already. Checked on
    any set of hidden cells that holds every small count, not just the ones we choose."""
    values = np.array(suppress_table(table, threshold=threshold).values)
    lowest = lowest_value(suppress_zeros)
    hidden = (values >= lowest) & (values < threshold)
    hidden |= np.array([[random.random() < 0.3 and v != 0 for v in row] for row in values])
    lines = equations_2d(values)
    cap = 3 * int(values.max()) + 10  # the same cap as the integer attacker's
    relaxed = lp_ranges(values, hidden, lines, lowest, cap)
    whole = integer_ranges(values, hidden, lines, lowest)
    for cell, (low, high) in relaxed.items():
        assert whole[cell][0] == pytest.approx(low, abs=1e-7)
        assert whole[cell][1] == pytest.approx(high, abs=1e-7)


@settings(max_examples=60, deadline=None)
@given(tables, st.integers(2, 8), st.booleans(), st.randoms(use_true_random=False))
def test_pinned_cells_are_exactly_those_the_integer_attacker_pins(
    table, threshold, suppress_zeros, random
):
    """The check suppress_table relies on, against the attacker, on any set of hidden cells
    (every small count plus random non-zero others), not only on finished results."""
    values = np.array(suppress_table(table, threshold=threshold).values)
    lowest = lowest_value(suppress_zeros)
    hidden = (values >= lowest) & (values < threshold)
    hidden |= np.array([[random.random() < 0.3 and v != 0 for v in row] for row in values])
    ranges = integer_ranges(values, hidden, equations_2d(values), lowest)
    attacked = sorted(cell for cell, (low, high) in ranges.items() if high - low < 1 - 1e-9)
    assert pinned_cells(values, hidden, lowest) == attacked


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
