"""Rules written once as ``Q`` objects and asked of a queryset or of one
object already in memory.

A phase such as "open for applications" is an ordered list of (value,
condition) pairs, the first condition that holds giving the value. The
database reads the list as a ``Case``/``When`` annotation (filters, list
order); an object in memory evaluates the very same ``Q`` objects in
Python. The page, the filter and the list order therefore cannot disagree,
and the parity tests check that they don't.
"""

import operator

from django.db import models
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP

COMPARISONS = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}


def _value(obj, path):
    """The value at ``path`` ("decision_resolution__date"), None as soon as
    a relation on the way is empty, as a LEFT JOIN gives NULL."""
    for name in path:
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _lookup_holds(obj, lookup, expected):
    if hasattr(expected, "resolve_expression"):
        # F() and friends need the database; keep such rules in SQL.
        raise ValueError(f"{lookup}: only plain values can be evaluated in Python")
    *path, name = lookup.split(LOOKUP_SEP)
    if name not in COMPARISONS and name != "isnull":
        path, name = [*path, name], "exact"
    actual = _value(obj, path)
    if name == "isnull":
        return (actual is None) == expected
    if actual is None or expected is None:
        # SQL: a comparison with NULL is never true.
        return False
    return COMPARISONS[name](actual, expected)


def holds(obj, condition):
    """Whether ``obj`` is among ``Model.objects.filter(condition)``, answered
    without a query. Supports exact, lt, lte, gt, gte and isnull lookups
    across forward relations; ``~Q`` is the plain opposite, as Django makes
    it for nullable columns."""
    results = (
        holds(obj, child) if isinstance(child, Q) else _lookup_holds(obj, *child)
        for child in condition.children
    )
    if condition.connector == Q.AND:
        result = all(results)
    elif condition.connector == Q.OR:
        result = any(results)
    else:
        result = sum(results) % 2 == 1
    return not result if condition.negated else result


class FirstMatch:
    """An ordered list of (value, condition) pairs and a default: the value
    of the first condition that holds."""

    def __init__(self, *rules, default=None):
        self.rules = rules
        self.default = default

    def case(self, output_field):
        """The rules as one SQL expression, for ``annotate()``."""
        return models.Case(
            *(
                models.When(condition, then=models.Value(value))
                for value, condition in self.rules
            ),
            default=models.Value(self.default),
            output_field=output_field,
        )

    def of(self, obj):
        """The rules evaluated for one object in memory."""
        for value, condition in self.rules:
            if holds(obj, condition):
                return value
        return self.default
