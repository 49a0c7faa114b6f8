"""The landing, privacy and accessibility pages speak plainly, and the privacy and accessibility
information has easy-read versions: one short sentence after another, a symbol beside each
point, in English and Welsh."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from .conftest import sign_in

pytestmark = pytest.mark.django_db

PLAIN_PAGES = ["site:home", "site:privacy", "site:accessibility"]
EASY_READ = {
    "site:privacy_easy_read": "site:privacy",
    "site:accessibility_easy_read": "site:accessibility",
}
JARGON = ("data controller", "axe-core", "WCAG 2.2 level AA using", "automatic browser tests")
#: Plain English guides (and the review) ask for sentences of about 15 to 20 words; 25 is the
#: ceiling here. Easy read asks for one idea per sentence: 12 words at most.
PLAIN_MOST = 25
EASY_MOST = 12


def _sentences(response) -> list[str]:
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    assert main is not None
    blocks = [" ".join(b.get_text(" ").split()) for b in main.select("p, li, h1, h2")]
    return [s for block in blocks for s in re.split(r"(?<=[.?!:])\s+", block) if s]


def _words(sentence: str) -> int:
    return len(sentence.split())


@pytest.mark.parametrize("name", PLAIN_PAGES)
def test_the_plain_pages_have_no_long_sentences_and_no_jargon(client, name):
    sentences = _sentences(client.get(reverse(name)))
    long = [s for s in sentences if _words(s) > PLAIN_MOST]
    assert not long, long
    text = " ".join(sentences)
    assert not [word for word in JARGON if word in text]


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", sorted(EASY_READ))
def test_easy_read_is_short_sentences_each_point_with_a_symbol(client, name, language):
    prefix = "/cy" if language == "cy" else ""
    response = client.get(prefix + reverse(name))
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()
    page = BeautifulSoup(response.content, "html.parser")
    points = page.select(".wesaid-easy-read__point")
    assert len(points) >= 6
    for point in points:
        symbol = point.select_one("svg")
        assert (
            symbol is not None
            and symbol["aria-hidden"] == "true"
            and symbol.select("path, circle, rect")
        )
        sentences = [" ".join(p.get_text(" ").split()) for p in point.select("p")]
        assert sentences and all(_words(s) <= EASY_MOST for s in sentences), sentences


@pytest.mark.parametrize(("easy", "full"), sorted(EASY_READ.items()))
def test_full_and_easy_read_versions_link_to_each_other(client, easy, full):
    easy_page = client.get(reverse(easy)).content.decode()
    full_page = client.get(reverse(full)).content.decode()
    assert f'href="{reverse(full)}"' in easy_page
    assert f'href="{reverse(easy)}"' in full_page


def test_easy_read_privacy_is_in_correct_welsh(client):
    text = " ".join(_sentences(client.get("/cy" + reverse("site:privacy_easy_read"))))
    assert "Gallwch ofyn am gael gweld eich gwybodaeth." in text
    assert "information" not in text


def test_easy_read_privacy_names_the_organisation_once_signed_in(client, member):
    sign_in(client, member)
    text = " ".join(_sentences(client.get(reverse("site:privacy_easy_read"))))
    assert f"{member.organisation.name} looks after your information." in text


def test_the_cookies_page_lists_the_language_cookie(client):
    assert "wesaid_language" in client.get(reverse("site:cookies")).content.decode()
