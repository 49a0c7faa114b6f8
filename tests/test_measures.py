"""Measures through the pages and services: adding shipped ones, bringing a licensed one with
a MADE-UP shape of wording, versions frozen by answers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wesaid.audit.models import AuditEvent
from wesaid.core.roles import Role
from wesaid.measures import services
from wesaid.measures.forms import CONFIRM_LICENCE, CONFIRM_WORDING, ENTER_COPYRIGHT
from wesaid.measures.models import Instrument, InstrumentVersion, LicenceType, MeasureKind

from .conftest import CheckedClient, make_person, sign_in

pytestmark = pytest.mark.django_db

MADE_UP_WORDS = [f"Made-up self-esteem line {n}" for n in range(1, 11)]


@pytest.fixture
def admin(organisation):
    return make_person(organisation, Role.ORG_ADMIN, "Admin")


def add_ours(organisation, lead, key="feeling-confident"):
    return services.shipped_measure_add(organisation=organisation, key=key, actor=lead)


def test_measure_kinds_have_plain_labels_for_the_evaluation_plan():
    assert [k.value for k in MeasureKind] == [
        "question_set",
        "licensed_instrument",
        "service_metric",
        "story_prompt",
    ]
    assert MeasureKind.SERVICE_METRIC.label == "Service count, with what it is out of"


def test_a_lead_adds_one_of_our_question_sets_and_sees_it_in_english_welsh_and_easy_read(
    organisation, lead
):
    client = sign_in(CheckedClient(), lead)
    page = client.get(reverse("measures:add")).content.decode()
    assert "Feeling confident" in page and "ONS personal wellbeing questions (ONS4)" in page
    response = client.post(reverse("measures:add"), {"measure": "feeling-confident"})
    instrument = Instrument.objects.get(organisation=organisation)
    assert response["Location"] == reverse("measures:detail", args=[instrument.pk])
    assert instrument.licence_type == LicenceType.OURS
    assert AuditEvent.objects.filter(action="measure.added").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "I feel confident to say what I think." in page
    assert "Rwy&#x27;n teimlo&#x27;n hyderus i ddweud beth rwy&#x27;n ei feddwl." in page
    assert "I feel sure when I say what I think." in page
    assert "Add up the answers to the 3 questions." in page
    assert "Scores go from 3 to 15." in page
    # It is no longer offered to add, and adding it twice is refused.
    assert "Feeling confident" not in client.get(reverse("measures:add")).content.decode()
    with pytest.raises(ValidationError):
        add_ours(organisation, lead)


def test_a_public_measure_shows_its_source_and_says_plainly_it_has_no_welsh_version(
    organisation, lead
):
    instrument = add_ours(organisation, lead, "ons4-personal-wellbeing")
    client = sign_in(CheckedClient(), lead)
    page = client.get(reverse("measures:detail", args=[instrument.pk])).content.decode()
    assert "ONS personal wellbeing questions. Source: Office for National Statistics." in page
    assert "Overall, how satisfied are you with your life nowadays?" in page
    assert "Welsh: there is no approved version of this measure" in page
    assert "Each question is reported on its own." in page
    # Standard wording cannot be changed.
    assert "Make a new version" not in page
    page = client.get(reverse("measures:version_new", args=[instrument.pk])).content.decode()
    assert "This measure cannot be changed" in page
    with pytest.raises(ValidationError):
        services.instrument_version_change(
            instrument=instrument, definition=instrument.latest_version.definition, actor=lead
        )


def test_changing_our_own_questions_edits_the_version_until_it_is_frozen_then_makes_a_new_one(
    organisation, lead
):
    instrument = add_ours(organisation, lead)
    client = sign_in(CheckedClient(), lead)
    url = reverse("measures:version_new", args=[instrument.pk])
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial}
    data["item-1-en"] = "I feel confident to speak up."
    data["reason"] = "Members asked for shorter words"
    assert client.post(url, data).status_code == 302
    version = InstrumentVersion.objects.get(instrument=instrument)
    assert version.number == 1  # not frozen yet: changed in place
    assert version.definition["items"][0]["wording"]["en"] == "I feel confident to speak up."

    services.instrument_version_freeze(version=version)
    services.instrument_version_freeze(version=version)  # the first answer only freezes once
    assert AuditEvent.objects.filter(action="measure.version.frozen").count() == 1
    version.refresh_from_db()
    version.definition["items"][0]["wording"]["en"] = "Sneaky change"
    with pytest.raises(ValidationError):
        version.full_clean()

    data["item-1-en"] = "I feel confident to say what I need."
    assert client.post(url, data).status_code == 302
    numbers = list(instrument.versions.order_by("number").values_list("number", flat=True))
    assert numbers == [1, 2]
    first = InstrumentVersion.objects.get(instrument=instrument, number=1)
    assert first.definition["items"][0]["wording"]["en"] == "I feel confident to speak up."
    assert instrument.latest_version.definition["version"] == 2


def test_a_definition_the_scorer_refuses_is_refused_when_saved_not_when_answers_arrive(
    organisation, lead
):
    instrument = add_ours(organisation, lead)
    definition = instrument.latest_version.definition
    definition["scoring"]["max_missing"] = 3
    with pytest.raises(ValidationError) as refused:
        services.instrument_version_change(instrument=instrument, definition=definition, actor=lead)
    assert "scoring.max_missing: at most 2 questions may be left unanswered" in str(refused.value)
    assert instrument.versions.count() == 1


def licence_data(**overrides):
    data = {
        "name": "Made-up Self-Esteem Scale",
        "copyright_line": "© Made-up Holder 2026. Used under licence.",
        "licence_reference": "MU-123",
        "confirm": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def wording_data(reverse_items=("q2", "q5", "q6", "q8", "q9")):
    data = {f"item-{n}-en": MADE_UP_WORDS[n - 1] for n in range(1, 11)}
    for value, label in enumerate(
        ["Made-up never", "Made-up rarely", "Made-up often", "Made-up always"]
    ):
        data[f"option-{value}-en"] = label
    data["reverse"] = list(reverse_items)
    data["confirm"] = "on"
    return data


def test_bringing_a_licensed_measure_records_who_confirmed_the_licence_and_locks_the_wording(
    organisation, lead
):
    client = sign_in(CheckedClient(), lead)
    page = client.get(reverse("measures:licensed_choose")).content.decode()
    assert "Rosenberg Self-Esteem Scale" in page and "It never includes their wording" in page
    response = client.post(reverse("measures:licensed_choose"), {"shape": "rosenberg"})
    licence_url = response["Location"]
    assert licence_url == reverse("measures:licensed_licence") + "?shape=rosenberg"

    # Not confirming the licence, and no copyright line: an error summary, nothing stored.
    response = client.post(licence_url, licence_data(confirm=None, copyright_line=""))
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert str(CONFIRM_LICENCE) in page and str(ENTER_COPYRIGHT) in page
    assert not Instrument.objects.exists()

    response = client.post(licence_url, licence_data())
    instrument = Instrument.objects.get()
    assert instrument.licence_confirmed_by == lead and instrument.licence_confirmed_at
    event = AuditEvent.objects.get(action="measure.licence.confirmed")
    assert event.actor == lead
    assert response["Location"] == reverse("measures:version_new", args=[instrument.pk])

    # The wording page: 10 questions, 4 answers (0-3) asked once, choose the 5 reversed.
    wording_url = response["Location"]
    page = client.get(wording_url).content.decode()
    assert "© Made-up Holder 2026. Used under licence." in page
    response = client.post(wording_url, {**wording_data(), "confirm": ""})
    assert str(CONFIRM_WORDING) in response.content.decode()
    response = client.post(wording_url, wording_data(reverse_items=("q1",)))
    assert "Choose exactly 5 questions" in response.content.decode()
    assert not instrument.versions.exists()

    response = client.post(wording_url, wording_data())
    assert response.status_code == 302
    version = instrument.latest_version
    assert version.is_locked and version.wording_confirmed_at
    assert version.definition["licence"]["type"] == "bring_your_own"
    assert version.definition["reverse_scored"] == ["q2", "q5", "q6", "q8", "q9"]
    # The licensed wording never goes into the audit log.
    assert not any("Made-up self-esteem" in str(e.changes) for e in AuditEvent.objects.all())

    page = client.get(reverse("measures:detail", args=[instrument.pk])).content.decode()
    assert "Made-up self-esteem line 1" in page
    assert "© Made-up Holder 2026. Used under licence." in page
    assert "Welsh: the licence holder has not approved this version" in page
    assert "These questions are scored the other way round: 2, 5, 6, 8, 9." in page

    # Confirmed wording is never edited: a change is a new version with a reason.
    changed = wording_data()
    changed["item-1-en"] = "Made-up self-esteem line one"
    changed["reason"] = "Typing mistake"
    assert client.post(wording_url, changed).status_code == 302
    assert list(instrument.versions.values_list("number", flat=True)) == [2, 1]
    first = instrument.versions.get(number=1)
    assert first.definition["items"][0]["wording"]["en"] == "Made-up self-esteem line 1"


def test_a_licensed_measure_with_a_conversion_table_is_typed_in_and_scored_through_it(
    organisation, lead
):
    instrument = services.licence_confirm(
        organisation=organisation,
        shape_key="swemwbs",
        actor=lead,
        name="Made-up short scale",
        copyright_line="© Made-up Holder",
        approved_versions=["cy"],
    )
    client = sign_in(CheckedClient(), lead)
    url = reverse("measures:version_new", args=[instrument.pk])
    data = {"confirm": "on"}
    for n in range(1, 8):
        data[f"item-{n}-en"] = f"Made-up line {n}"
        data[f"item-{n}-cy"] = f"Llinell ffug {n}"
    for value in range(1, 6):
        data[f"option-{value}-en"] = f"Made-up answer {value}"
        data[f"option-{value}-cy"] = f"Ateb ffug {value}"
    # A made-up table for totals 7..35, with one row left empty first.
    for raw in range(7, 36):
        data[f"lookup-{raw}"] = str(raw + 0.5)
    data["lookup-20"] = ""
    page = client.post(url, data).content.decode()
    assert "Enter the converted score for a total of 20, as a number" in page
    data["lookup-20"] = "20.5"
    assert client.post(url, data).status_code == 302

    from wesaid.analysis.scoring import score_person
    from wesaid.measures.definitions import scorer_definitions

    definition = instrument.latest_version.definition
    assert definition["languages"] == ["en", "cy"]
    assert definition["meaningful_change"]["source"].startswith("Shah")
    (scorer,) = scorer_definitions(definition)
    # 3 + 3 + 3 + 3 + 3 + 3 + 2 = 20 -> the typed 20.5.
    answers = {f"q{n}": 3 for n in range(1, 7)} | {"q7": 2}
    assert score_person(scorer, answers).score == 20.5


def test_another_licensed_measure_takes_its_size_and_scoring_from_the_organisation(
    organisation, admin
):
    client = sign_in(CheckedClient(), admin)
    url = reverse("measures:licensed_licence") + "?shape=other"
    page = client.post(
        url, licence_data(items="2", low="3", high="2", method="mean")
    ).content.decode()
    assert "The highest answer must be worth more than the lowest" in page
    client.post(url, licence_data(items="2", low="1", high="3", method="mean"))
    instrument = Instrument.objects.get()
    assert instrument.shape_params == {"items": 2, "low": 1, "high": 3, "method": "mean"}
    skeleton = services.licensed_skeleton(instrument)
    assert skeleton["scoring"]["valid_range"] == {"min": 1, "max": 3}
    assert [o["value"] for o in skeleton["items"][0]["options"]] == [1, 2, 3]


def test_an_unknown_shape_goes_back_to_the_list(lead):
    client = sign_in(CheckedClient(), lead)
    response = client.get(reverse("measures:licensed_licence") + "?shape=nonsense")
    assert response["Location"] == reverse("measures:licensed_choose")


def test_the_measures_pages_work_in_welsh(organisation, lead):
    instrument = add_ours(organisation, lead)
    client = sign_in(CheckedClient(), lead)
    # Addresses written out: reverse() after a Welsh request would give /cy/ already.
    page = client.get(f"/cy/measures/{instrument.pk}/").content.decode()
    assert "Sut mae'n cael ei sgorio" in page
    page = client.get("/cy/measures/").content.decode()
    assert '<h1 class="govuk-heading-l">Mesurau</h1>' in page
    # Our own measures still to add are named in Welsh too.
    assert "Teimlo bod pobl yn gwrando" in page
    page = client.get("/cy/measures/add/").content.decode()
    assert "Teimlo bod pobl yn gwrando" in page


def test_members_cannot_see_or_add_measures(organisation, member):
    client = sign_in(CheckedClient(), member)
    assert client.get(reverse("measures:list")).status_code == 403
    assert client.post(reverse("measures:add"), {"measure": "feeling-confident"}).status_code == 403
    assert not Instrument.objects.exists()
