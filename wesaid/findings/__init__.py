"""The words for statistical findings, in the active language, through gettext.

``wesaid.analysis`` returns typed findings: numbers, intervals and enumerations (how sure, why
a test was chosen, why a score is missing), never sentences. This package turns them into
plain words with Django's gettext, so every sentence is in the one Welsh catalogue where
translators see it and the translation tests cover it. Each ``describe_*`` function returns a
:class:`~wesaid.findings.words.Wording`: the plain text and, where there is one, an easy-read
version. Sentences are whole, with named placeholders a translator can reorder; Welsh
mutations after "a", "na" and "â" are asked for in the placeholder (``{group:na}``) and made
by :mod:`wesaid.findings.welsh`. See docs/statistics.md ("Plain words").
"""
