"""Words for choosing outcomes: the easy-read feedback sentence and a rating in plain words.

Whole sentences, one per group and choice, so a Welsh translator can mutate and reorder them
("y rhan fwyaf o ofalwyr di-dâl"); no sentence is glued from fragments.
"""

from __future__ import annotations

from django.utils.translation import pgettext

from .models import Band, Rating, band_of


def _most(group: str, band: Band) -> str | None:
    sentences = {
        ("lived_experience", Band.VERY_IMPORTANT): pgettext(
            "consensus feedback", "Most people who draw on care and support said very important."
        ),
        ("lived_experience", Band.IMPORTANT): pgettext(
            "consensus feedback", "Most people who draw on care and support said important."
        ),
        ("lived_experience", Band.NOT_IMPORTANT): pgettext(
            "consensus feedback", "Most people who draw on care and support said not important."
        ),
        ("carer", Band.VERY_IMPORTANT): pgettext(
            "consensus feedback", "Most unpaid carers said very important."
        ),
        ("carer", Band.IMPORTANT): pgettext(
            "consensus feedback", "Most unpaid carers said important."
        ),
        ("carer", Band.NOT_IMPORTANT): pgettext(
            "consensus feedback", "Most unpaid carers said not important."
        ),
        ("practitioner", Band.VERY_IMPORTANT): pgettext(
            "consensus feedback", "Most people who work in services said very important."
        ),
        ("practitioner", Band.IMPORTANT): pgettext(
            "consensus feedback", "Most people who work in services said important."
        ),
        ("practitioner", Band.NOT_IMPORTANT): pgettext(
            "consensus feedback", "Most people who work in services said not important."
        ),
        ("leadership", Band.VERY_IMPORTANT): pgettext(
            "consensus feedback", "Most managers and leaders said very important."
        ),
        ("leadership", Band.IMPORTANT): pgettext(
            "consensus feedback", "Most managers and leaders said important."
        ),
        ("leadership", Band.NOT_IMPORTANT): pgettext(
            "consensus feedback", "Most managers and leaders said not important."
        ),
        ("community", Band.VERY_IMPORTANT): pgettext(
            "consensus feedback", "Most community members said very important."
        ),
        ("community", Band.IMPORTANT): pgettext(
            "consensus feedback", "Most community members said important."
        ),
        ("community", Band.NOT_IMPORTANT): pgettext(
            "consensus feedback", "Most community members said not important."
        ),
        ("other_groups", Band.VERY_IMPORTANT): pgettext(
            "consensus feedback", "Most people in the other groups said very important."
        ),
        ("other_groups", Band.IMPORTANT): pgettext(
            "consensus feedback", "Most people in the other groups said important."
        ),
        ("other_groups", Band.NOT_IMPORTANT): pgettext(
            "consensus feedback", "Most people in the other groups said not important."
        ),
        ("everyone", Band.VERY_IMPORTANT): pgettext(
            "consensus feedback", "Most people said very important."
        ),
        ("everyone", Band.IMPORTANT): pgettext("consensus feedback", "Most people said important."),
        ("everyone", Band.NOT_IMPORTANT): pgettext(
            "consensus feedback", "Most people said not important."
        ),
    }
    return sentences.get((group, band))


def _split(group: str) -> str | None:
    sentences = {
        "lived_experience": pgettext(
            "consensus feedback",
            "People who draw on care and support did not agree with each other.",
        ),
        "carer": pgettext("consensus feedback", "Unpaid carers did not agree with each other."),
        "practitioner": pgettext(
            "consensus feedback", "People who work in services did not agree with each other."
        ),
        "leadership": pgettext(
            "consensus feedback", "Managers and leaders did not agree with each other."
        ),
        "community": pgettext(
            "consensus feedback", "Community members did not agree with each other."
        ),
        "other_groups": pgettext(
            "consensus feedback", "People in the other groups did not agree with each other."
        ),
        "everyone": pgettext("consensus feedback", "People did not agree with each other."),
    }
    return sentences.get(group)


def _you(rating: Rating | None) -> str:
    if rating is None:
        return pgettext("consensus feedback", "You did not rate it last time.")
    band = rating.shown_band
    if band is Band.VERY_IMPORTANT:
        return pgettext("consensus feedback", "You said very important.")
    if band is Band.IMPORTANT:
        return pgettext("consensus feedback", "You said important.")
    if band is Band.NOT_IMPORTANT:
        return pgettext("consensus feedback", "You said not important.")
    return pgettext("consensus feedback", "You said you did not know.")


def feedback_sentence(feedback, *, easy_read: bool) -> str:
    """Last round in sentences: one per group shown, then what the person said.

    In easy read the person's own choice is a band; otherwise their own score is shown too.
    """
    parts = []
    for shares in feedback.groups:
        if shares.hidden:
            continue
        band = shares.most
        sentence = _most(shares.key, band) if band is not None else _split(shares.key)
        if sentence:
            parts.append(sentence)
    if easy_read:
        parts.append(_you(feedback.own))
    elif feedback.own is not None and feedback.own.score is not None:
        parts.append(
            pgettext("consensus feedback", "Last time you gave it %(score)s.")
            % {"score": feedback.own.score}
        )
    else:
        parts.append(_you(feedback.own))
    return " ".join(parts)


def rated_words(rating: Rating | None) -> str:
    """A saved rating for "check your answers"."""
    if rating is None:
        return pgettext("consensus rating", "Not rated yet")
    if rating.dont_know:
        return pgettext("consensus rating", "I don't know")
    if rating.score is not None:
        band = band_of(rating.score)
        return {
            Band.VERY_IMPORTANT: pgettext("consensus rating", "%(score)s: very important"),
            Band.IMPORTANT: pgettext("consensus rating", "%(score)s: important"),
            Band.NOT_IMPORTANT: pgettext("consensus rating", "%(score)s: not important"),
        }[band] % {"score": rating.score}
    return {
        Band.VERY_IMPORTANT: pgettext("consensus rating", "Very important"),
        Band.IMPORTANT: pgettext("consensus rating", "Important"),
        Band.NOT_IMPORTANT: pgettext("consensus rating", "Not important"),
    }[Band(rating.band)]
