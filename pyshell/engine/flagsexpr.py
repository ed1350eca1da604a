"""FlagsExpression: the little language of Get-ChildItem -Attributes ("Directory+!Hidden, ReadOnly").

``!`` negates a flag, ``+`` joins terms with AND, ``,`` with OR (lowest precedence), as pwsh's
FlagsExpression<T>. A parsed expression tests an integer flags value and says which flags it names.
"""

from __future__ import annotations

from pyshell.errors import PyshellError

__all__ = ["FlagsExpression"]


class FlagsExpression:
    """An OR of AND-terms; each term is (flag value, negated) pairs."""

    def __init__(self, text: str, type_name: str, names: tuple[str, ...], values: tuple[int, ...]) -> None:
        self.text = text
        lookup = {n.casefold(): v for n, v in zip(names, values, strict=True)}
        self.terms: list[list[tuple[int, bool]]] = []
        for alternative in text.split(","):
            term: list[tuple[int, bool]] = []
            for factor in alternative.split("+"):
                word = factor.strip()
                negated = word.startswith("!")
                word = word[1:].strip() if negated else word
                if word.casefold() not in lookup:
                    raise PyshellError(
                        f"Cannot bind parameter 'Attributes'. Cannot convert value \"{text}\" to type "
                        f"\"System.Management.Automation.FlagsExpression`1[{type_name}]\". Error: \"Unable to match "
                        f"the identifier name {word} to a valid enumerator name. Specify one of the following "
                        f"enumerator names and try again:\n{', '.join(names)}\"",
                        error_id="CannotConvertArgumentNoMessage", category="InvalidArgument",
                        reason="ParameterBindingException")
                term.append((lookup[word.casefold()], negated))
            self.terms.append(term)

    def evaluate(self, flags: int) -> bool:
        """Whether a flags value satisfies the expression."""
        return any(all(bool(flags & value) != negated for value, negated in term) for term in self.terms)

    def mentions(self, value: int) -> bool:
        """Whether the expression names this flag at all (pwsh then stops hiding hidden items itself)."""
        return any(v == value for term in self.terms for v, _ in term)
