"""Reads of outcomes other apps need: the library as one organisation sees it.

``outcome_library(organisation)`` gives the shared library and the organisation's own outcomes
together, grouped by who benefits and then by domain, in the order of the brief. Consensus
rounds and evaluation plans offer their candidates from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wesaid.organisations.models import Organisation

from .models import (
    BENEFICIARY_EASY_READ,
    DOMAIN_EASY_READ,
    Beneficiary,
    Domain,
    LibraryOutcome,
    OrganisationOutcome,
    domains_of,
)


@dataclass
class DomainGroup:
    domain: Domain
    library: list[LibraryOutcome] = field(default_factory=list)
    own: list[OrganisationOutcome] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.domain.label)

    @property
    def easy_read(self) -> str:
        return str(DOMAIN_EASY_READ[self.domain])

    @property
    def outcomes(self) -> list[LibraryOutcome | OrganisationOutcome]:
        return [*self.library, *self.own]


@dataclass
class BeneficiaryGroup:
    beneficiary: Beneficiary
    domains: list[DomainGroup]

    @property
    def label(self) -> str:
        return str(self.beneficiary.label)

    @property
    def easy_read(self) -> str:
        return str(BENEFICIARY_EASY_READ[self.beneficiary])

    @property
    def count(self) -> int:
        return sum(len(domain.outcomes) for domain in self.domains)


def library_outcomes():
    """The shared library's current outcomes (not those a later version retired)."""
    return LibraryOutcome.objects.current()


def own_outcomes(organisation: Organisation):
    return OrganisationOutcome.objects.in_organisation(organisation).select_related("closest_to")


def outcome_library(organisation: Organisation) -> list[BeneficiaryGroup]:
    """Every group and domain, each with its library outcomes, then the organisation's own."""
    groups = {
        domain: DomainGroup(domain)
        for beneficiary in Beneficiary
        for domain in domains_of(beneficiary)
    }
    for outcome in library_outcomes():
        groups[Domain(outcome.domain)].library.append(outcome)
    for own in own_outcomes(organisation):
        groups[Domain(own.domain)].own.append(own)
    return [
        BeneficiaryGroup(beneficiary, [groups[domain] for domain in domains_of(beneficiary)])
        for beneficiary in Beneficiary
    ]
