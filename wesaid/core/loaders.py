"""One way to load the object a route acts on: a registry of loaders by URL argument.

Each app registers, in its ``loaders.py``, which model a URL argument names::

    register("project_id", "projects.Project")

``@policy.action`` then loads the object for whichever registered argument the route has,
only inside the signed-in person's organisation (another organisation's row answers 404).
A route with an argument nobody registered fails loudly, and the authorisation matrix test
reads this registry, so a new route is walked for every role as soon as it exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.http import Http404, HttpRequest


@dataclass(frozen=True)
class Loader:
    url_arg: str
    model_label: str
    select_related: tuple[str, ...] = field(default_factory=tuple)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def load(self, organisation, value: Any) -> models.Model:
        queryset = self.model._default_manager.in_organisation(organisation)  # type: ignore[attr-defined]
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        found = queryset.filter(pk=value).first()
        if found is None:
            raise Http404
        return found


LOADERS: dict[str, Loader] = {}


class UnknownUrlArgument(LookupError):
    """A route names an object by a URL argument that has no registered loader."""


def register(url_arg: str, model_label: str, *, select_related: tuple[str, ...] = ()) -> Loader:
    existing = LOADERS.get(url_arg)
    loader = Loader(url_arg, model_label, tuple(select_related))
    if existing is not None and existing != loader:
        raise ValueError(f"URL argument {url_arg!r} already loads {existing.model_label}")
    LOADERS[url_arg] = loader
    return loader


def loader_for(kwargs: Mapping[str, Any]) -> Loader | None:
    """The loader for a route's URL arguments: none for a route without one."""
    if not kwargs:
        return None
    known = [LOADERS[name] for name in kwargs if name in LOADERS]
    unknown = [name for name in kwargs if name not in LOADERS]
    if unknown:
        raise UnknownUrlArgument(
            f"No loader is registered for URL argument(s) {unknown}: "
            "add register(...) to the app's loaders.py"
        )
    if len(known) > 1:
        raise UnknownUrlArgument(f"A route may name one object; it names {sorted(kwargs)}")
    return known[0]


def load_target(request: HttpRequest, kwargs: Mapping[str, Any]) -> models.Model | None:
    """The object the route names, inside the signed-in person's organisation."""
    loader = loader_for(kwargs)
    if loader is None:
        return None
    person = request.user.person  # type: ignore[union-attr]  # @policy.action signed them in
    return loader.load(person.organisation, kwargs[loader.url_arg])
