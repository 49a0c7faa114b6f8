"""Key sentences in English and Welsh, checked against text written here by hand.

The numbers in the expected text come from published values or arithmetic written out in the
comments, never from the code under test. Welsh mutations after "a" and "na" are included:
"na phobl", "a phobl", never "na pobl".
"""

from __future__ import annotations

import pytest
from django.utils import translation

from wesaid.analysis.change import compare_groups, paired_change
from wesaid.analysis.meta import log_risk_ratios, pool
from wesaid.analysis.representation import compare_with_population
from wesaid.findings import welsh
from wesaid.findings.change import describe_group_comparison, describe_paired_change
from wesaid.findings.more import describe_pool, describe_representation
from wesaid.findings.words import number, signed, whole

from .reference_data import BCG

# Cushny and Peebles via Student (1908): extra hours of sleep, same 10 patients. R's
# t.test(paired = TRUE): mean difference 1.58, 95% CI 0.7001142 to 2.4598858.
SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def in_language(language: str, make):  # type: ignore[no-untyped-def]
    with translation.override(language):
        return make()


def test_paired_change_in_both_languages() -> None:
    result = paired_change(SLEEP_1, SLEEP_2, test="t")
    english = in_language("en", lambda: describe_paired_change(result))
    assert english.text == (
        "On average, scores went up by 1.6 points. This is based on 10 people who answered "
        "both times. We can be fairly sure this is a real difference, not chance. The true "
        "difference is likely to be between 0.7 and 2.5 points. This is a small group, so "
        "treat the result as a rough guide."
    )
    welsh_text = in_language("cy", lambda: describe_paired_change(result))
    assert welsh_text.text == (
        "Ar gyfartaledd, aeth y sgorau i fyny 1.6 pwynt. Mae hyn yn seiliedig ar 10 o bobl a "
        "atebodd y ddwy waith. Gallwn fod yn weddol siŵr bod hwn yn wahaniaeth go iawn, nid "
        "siawns. Mae'r gwahaniaeth go iawn yn debygol o fod rhwng 0.7 a 2.5 pwynt. Grŵp bach "
        "yw hwn, felly cymerwch y canlyniad fel arweiniad bras."
    )
    assert english.easy_read == (
        "We asked 10 people the same questions twice. Scores went up. We are fairly sure this "
        "change is real. Not many people answered. So this is only a rough guide."
    )
    assert welsh_text.easy_read == (
        "Gofynnon ni'r un cwestiynau i 10 o bobl ddwywaith. Aeth y sgorau i fyny. Rydyn ni'n "
        "weddol siŵr bod y newid hwn yn un go iawn. Dim ond ychydig o bobl a atebodd. Felly "
        "arweiniad bras yn unig yw hwn."
    )


def test_two_groups_with_the_aspirate_mutation_after_na() -> None:
    # Means 12 and 17; both variances 2.5, so the Welch SE is sqrt(2.5/5 + 2.5/5) = 1 on
    # 8 df; t(0.975, 8) = 2.306, so the interval is -5 +/- 2.306 = -7.3 to -2.7.
    result = compare_groups([10, 12, 14, 11, 13], [15, 18, 19, 17, 16], test="t")
    english = in_language(
        "en",
        lambda: describe_group_comparison(
            result, group_a="carers", group_b="people who use services"
        ),
    )
    assert english.text == (
        "On average, carers scored 5 points lower than people who use services. We can be "
        "fairly sure this is a real difference, not chance. The true difference is likely to "
        "be between minus 7.3 and minus 2.7 points. This is a small group, so treat the result "
        "as a rough guide."
    )
    cymraeg = in_language(
        "cy",
        lambda: describe_group_comparison(
            result, group_a="gofalwyr", group_b="pobl sy'n defnyddio gwasanaethau"
        ),
    )
    assert cymraeg.text == (
        "Ar gyfartaledd, sgoriodd gofalwyr 5 pwynt yn is na phobl sy'n defnyddio "
        "gwasanaethau. Gallwn fod yn weddol siŵr bod hwn yn wahaniaeth go iawn, nid siawns. "
        "Mae'r gwahaniaeth go iawn yn debygol o fod rhwng minws 7.3 a minws 2.7 pwynt. Grŵp "
        "bach yw hwn, felly cymerwch y canlyniad fel arweiniad bras."
    )


def test_two_groups_with_the_aspirate_mutation_after_a() -> None:
    result = compare_groups([10, 11, 12], [12, 11, 10], test="t")  # both means 11
    cymraeg = in_language(
        "cy",
        lambda: describe_group_comparison(
            result, group_a="gofalwyr", group_b="pobl sy'n defnyddio gwasanaethau"
        ),
    )
    assert cymraeg.text.startswith(
        "Roedd sgôr cyfartalog gofalwyr a phobl sy'n defnyddio gwasanaethau tua'r un fath."
    )
    english = in_language(
        "en",
        lambda: describe_group_comparison(
            result, group_a="carers", group_b="people who use services"
        ),
    )
    assert english.text.startswith(
        "Carers and people who use services had about the same average score."
    )


def test_pooled_ratio_and_difference_in_both_languages() -> None:
    # metafor, rma(yi, vi, data = dat.bcg) (REML): estimate -0.7145, CI -1.0669 to -0.3622;
    # as risk ratios exp(): 0.49, 0.34 to 0.70.
    effects = log_risk_ratios(*zip(*BCG, strict=True))
    result = pool(effects.effects, effects.variances)
    ratio_en = in_language("en", lambda: describe_pool(result, ratio=True)).text
    ratio_cy = in_language("cy", lambda: describe_pool(result, ratio=True)).text
    assert ratio_en.startswith(
        "Combining 13 projects, the overall ratio was 0.49. The true average is likely to be "
        "between 0.34 and 0.7. We can be fairly sure this is a real difference, not chance."
    )
    assert ratio_cy.startswith(
        "O gyfuno 13 prosiect, y gymhareb gyffredinol oedd 0.49. Mae'r cyfartaledd go iawn yn "
        "debygol o fod rhwng 0.34 a 0.7. Gallwn fod yn weddol siŵr bod hwn yn wahaniaeth go "
        "iawn, nid siawns."
    )
    log_en = in_language("en", lambda: describe_pool(result)).text
    log_cy = in_language("cy", lambda: describe_pool(result)).text
    # Negative numbers carry their minus sign in words, never a bare "-".
    assert log_en.startswith(
        "Combining 13 projects, the overall result was minus 0.71. The true average is likely "
        "to be between minus 1.07 and minus 0.36."
    )
    assert log_cy.startswith(
        "O gyfuno 13 prosiect, y canlyniad cyffredinol oedd minws 0.71. Mae'r cyfartaledd go "
        "iawn yn debygol o fod rhwng minws 1.07 a minws 0.36."
    )
    assert "-" not in log_en.replace("Mann-Whitney", "")


def test_representation_in_both_languages_with_halves_rounded_up() -> None:
    # 50 people, a group that is 5% of the area: 2.5 expected, "about 3 people", not 2.
    result = compare_with_population({"Gypsy or Irish Traveller": 0, "Other": 50}, {
        "Gypsy or Irish Traveller": 5, "Other": 95})  # fmt: skip
    english = in_language("en", lambda: describe_representation(result)).text
    cymraeg = in_language(
        "cy",
        lambda: describe_representation(
            result, names={"Gypsy or Irish Traveller": "Sipsi neu Deithiwr Gwyddelig"}
        ),
    ).text
    assert english.startswith(
        "This is based on 50 people who answered. No one from the Gypsy or Irish Traveller "
        "group took part, though we would expect about 3 people."
    )
    assert cymraeg.startswith(
        "Mae hyn yn seiliedig ar 50 o bobl a atebodd. Ni chymerodd neb o'r grŵp Sipsi neu "
        "Deithiwr Gwyddelig ran, er y byddem yn disgwyl tua 3 o bobl."
    )


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [(2.5, 0, "3"), (0.125, 2, "0.13"), (-2.25, 1, "-2.3"), (-0.04, 0, "0"), (1.0, 1, "1")],
)
def test_numbers_round_half_up_from_the_decimal_as_written(
    value: float, places: int, expected: str
) -> None:
    assert number(value, places) == expected


def test_whole_numbers_round_half_up() -> None:
    assert [whole(x) for x in (0.5, 1.5, 2.5, 2.4999)] == [1, 2, 3, 2]


def test_a_small_end_is_never_written_as_zero() -> None:
    with translation.override("en"):
        assert signed(0.0039, 2) == "0.004"
        assert signed(-0.0039, 2) == "minus 0.004"
        assert signed(0.0, 2) == "0"


@pytest.mark.parametrize(
    ("spec", "phrase", "expected"),
    [
        ("a", "pobl", "a phobl"),
        ("na", "pobl", "na phobl"),
        ("na", "Pobl", "na Phobl"),
        ("a", "teuluoedd", "a theuluoedd"),
        ("â", "cymunedau", "â chymunedau"),
        ("a", "oedolion", "ac oedolion"),
        ("na", "oedolion", "nag oedolion"),
        ("â", "awdurdodau", "ag awdurdodau"),
        ("a", "y bobl a arhosodd", "a'r bobl a arhosodd"),
        ("na", "yr ail grŵp", "na'r ail grŵp"),
        ("a", "chwaraewyr", "a chwaraewyr"),
        ("a", "gofalwyr", "a gofalwyr"),
        ("soft", "gofalwyr", "ofalwyr"),
        ("soft", "pobl", "bobl"),
        ("soft", "llais", "lais"),
        ("soft", "Rhieni", "Rieni"),
        ("soft", "dinas", "ddinas"),
        ("soft", "mam", "fam"),
        ("soft", "theatr", "theatr"),
        ("nasal", "Caerdydd", "Nghaerdydd"),
        ("nasal", "pobl", "mhobl"),
        ("nasal", "gwasanaeth", "ngwasanaeth"),
    ],
)
def test_welsh_mutations(spec: str, phrase: str, expected: str) -> None:
    assert welsh.mutate(spec, phrase) == expected


def test_an_unknown_mutation_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown Welsh mutation"):
        welsh.mutate("lenition", "pobl")


def test_input_errors_are_worded_from_their_codes_in_both_languages() -> None:
    from wesaid.analysis.change import reliable_change
    from wesaid.analysis.errors import AnalysisInputError
    from wesaid.findings.errors import input_error

    with pytest.raises(AnalysisInputError) as caught:
        reliable_change([1, 2, 3], [2, 3, 4], reliability="0.8")  # type: ignore[arg-type]
    assert in_language("en", lambda: input_error(caught.value)) == ("Reliability must be a number.")
    assert in_language("cy", lambda: input_error(caught.value)) == (
        "Rhaid i'r gwerth ar gyfer reliability fod yn rhif."
    )
    with pytest.raises(AnalysisInputError) as counted:
        compare_with_population({"A": 1e20, "B": 2}, {"A": 1, "B": 1})
    assert in_language("en", lambda: input_error(counted.value)) == (
        "Counts has a number too large to be right. This is about “A”."
    )
