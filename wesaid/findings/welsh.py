"""Welsh initial mutations for names put into sentences.

A translator marks a placeholder with the mutation the word before it causes, and
:func:`mutate` makes it: ``{group:na}`` gives "na phobl" for "pobl", "nag oedolion" for
"oedolion" and "na'r bobl" for "y bobl". Names come from people (groups, categories), so the
sentence cannot spell the mutated form itself.

- ``soft`` (treiglad meddal): p→b, t→d, c→g, b→f, d→dd, g→(dropped), m→f, ll→l, rh→r.
- ``aspirate`` (treiglad llaes): c→ch, p→ph, t→th.
- ``nasal`` (treiglad trwynol): p→mh, t→nh, c→ngh, b→m, d→n, g→ng.
- ``a`` (and), ``na`` (than, nor) and ``â`` (with): the word itself, then the aspirate
  mutation; before a vowel they become "ac", "nag" and "ag"; before the article "y"/"yr" they
  join it as "a'r", "na'r" and "â'r".

The digraphs ch, dd, ff, ll, ng, ph, rh and th are letters of their own: "ch" and "th" do not
change under any mutation, and ll/rh change only under the soft mutation.
"""

from __future__ import annotations

VOWELS = "aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ"
_SOFT = {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f"}
_ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}
_NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
_UNCHANGING = ("ch", "dd", "ff", "ng", "ph", "th")
_CONJUNCTIONS = {"a": "ac", "na": "nag", "â": "ag"}

SPECS = frozenset({"soft", "aspirate", "nasal", *_CONJUNCTIONS})


def _keep_case(old: str, new: str) -> str:
    """``new`` with the capital of ``old``'s first letter, if it had one."""
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _mutate_initial(word: str, table: dict[str, str], *, soft: bool = False) -> str:
    lower = word.lower()
    if not lower or lower.startswith(_UNCHANGING):
        return word
    if lower.startswith("ll"):
        return _keep_case(word, word[1:]) if soft else word
    if lower.startswith("rh"):
        return word[0] + word[2:] if soft else word
    first = lower[0]
    if first not in table:
        return word
    mutated = table[first] + word[1:]
    if not mutated:
        return word
    return _keep_case(word, mutated)


def soft(word: str) -> str:
    """Treiglad meddal: "pobl" → "bobl", "gofalwyr" → "ofalwyr", "llais" → "lais"."""
    return _mutate_initial(word, _SOFT, soft=True)


def aspirate(word: str) -> str:
    """Treiglad llaes: "pobl" → "phobl", "teuluoedd" → "theuluoedd", "cymuned" → "chymuned"."""
    return _mutate_initial(word, _ASPIRATE)


def nasal(word: str) -> str:
    """Treiglad trwynol: "pobl" → "mhobl", "Caerdydd" → "Nghaerdydd"."""
    return _mutate_initial(word, _NASAL)


def after(word: str, phrase: str) -> str:
    """``phrase`` after the conjunction or preposition ``word`` ("a", "na" or "â"), with the
    form of ``word`` and the mutation Welsh grammar asks for."""
    if word not in _CONJUNCTIONS:
        raise ValueError(f"No Welsh rule for the word {word!r}; use one of a, na, â.")
    for article in ("yr ", "y "):
        if phrase.lower().startswith(article):
            return f"{word}'r {phrase[len(article) :]}"
    if phrase[:1].lower() in VOWELS:
        return f"{_CONJUNCTIONS[word]} {phrase}"
    return f"{word} {aspirate(phrase)}"


def mutate(spec: str, phrase: str) -> str:
    """Apply a placeholder's mutation ``spec`` (one of :data:`SPECS`) to ``phrase``."""
    if spec == "soft":
        return soft(phrase)
    if spec == "aspirate":
        return aspirate(phrase)
    if spec == "nasal":
        return nasal(phrase)
    if spec in _CONJUNCTIONS:
        return after(spec, phrase)
    raise ValueError(f"Unknown Welsh mutation {spec!r}; use one of {', '.join(sorted(SPECS))}.")
