"""Querysets turned into SQL once, then only run: for the reads that every chat post and
every ping make on the one database thread a server process has.

Turning a queryset into SQL costs this machine about a millisecond of CPU, several times
what sending the SQL and reading the row costs (bench/README.md, "What the fourth round
changed"). A `CompiledQuery` asks Django for the SQL once per database connection, with
marker values standing in for its parameters, then runs that SQL with the real
values and turns the row into what the queryset itself would have returned: a model
instance (select_related included) or a value.

Parameters are ids or keys (int or str), never None: None would need `IS NULL`, other SQL,
and only compared as they are (a `contains` lookup rewrites its value: refused). A flag
that changes the SQL (a participant sees less than a therapist) is declared a `shape`: each
of its values gets its own compiled copy.

It uses the parts of Django's SQL compiler that Django's own ModelIterable uses (`select`,
`klass_info`, converters): not public API, so tests/test_compiled_query.py holds it to what
the plain queryset returns, on SQLite and PostgreSQL (Django is pinned to 5.2 LTS).
"""

import inspect
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.transaction import TransactionManagementError

_MARKER_BASE = -7_340_000_000_000  # far below any id a table will hold
_MARKER_DIGITS = "734000000"  # in every marker, however a lookup might rewrite it


def _marker(position: int, kind: type) -> int | str:
    """A stand-in for a parameter while compiling, of the type the real values have."""
    return _MARKER_BASE - position if kind is int else f"{_MARKER_DIGITS}-{position}-marker"


@dataclass(frozen=True)
class _Slot:
    """Where a parameter goes in the compiled SQL's parameter list."""

    name: str


class _Compiled:
    """One queryset's SQL for one connection, and how to read its first row."""

    def __init__(self, queryset: QuerySet, markers: dict[int | str, str], alias: str):
        compiler = queryset.query.get_compiler(using=alias)
        self.sql, params = compiler.as_sql()  # also fills compiler.select and klass_info
        self.params = [_Slot(markers[p]) if _is_marker(p, markers) else p for p in params]
        # A marker the ORM changed (a LIKE pattern, say) would be run as a constant: refuse.
        if any(_MARKER_DIGITS in str(p) for p in self.params if not isinstance(p, _Slot)):
            raise ValueError("a CompiledQuery parameter must reach the SQL unchanged")
        self.alias = alias
        self.compiler = compiler
        self.locks = bool(queryset.query.select_for_update)
        self.converters = compiler.get_converters([s[0] for s in compiler.select])
        self.iterable = queryset._iterable_class
        if self.iterable is ModelIterable:
            self._prepare_models(compiler)
        elif self.iterable not in (FlatValuesListIterable, ValuesListIterable):
            raise TypeError("a CompiledQuery reads model instances or values_list() rows")

    def _prepare_models(self, compiler) -> None:
        klass_info = compiler.klass_info
        fields = klass_info["select_fields"]
        self.model = klass_info["model"]
        self.model_columns = slice(fields[0], fields[-1] + 1)
        self.init_list = [f[0].target.attname for f in compiler.select[self.model_columns]]
        self.related_populators = get_related_populators(klass_info, compiler.select, self.alias)
        self.annotations = compiler.annotation_col_map

    def read(self, row: tuple) -> Any:
        if self.converters:
            row = next(self.compiler.apply_converters([row], self.converters))
        if self.iterable is FlatValuesListIterable:
            return row[0]
        if self.iterable is ValuesListIterable:
            return tuple(row)
        instance = self.model.from_db(self.alias, self.init_list, row[self.model_columns])
        for populator in self.related_populators:
            populator.populate(row, instance)
        for name, position in self.annotations.items():
            setattr(instance, name, row[position])
        return instance


def _is_marker(value: Any, markers: dict) -> bool:
    return type(value) in (int, str) and value in markers


class CompiledQuery:
    """`build(**arguments)` returns a queryset; `first(**arguments)` runs its first row.

    `build` is called only to compile: with markers for its parameters, once per connection,
    per combination of the boolean arguments named in `shape` and per parameter types.
    """

    def __init__(self, build: Callable[..., QuerySet], shape: tuple[str, ...] = ()):
        self.build = build
        self.names = sorted(inspect.signature(build).parameters)
        self.shape = shape
        self._model = None  # known once built
        # Per connection object (Django keeps one per thread): a compiled query's converters
        # are bound to the connection it was compiled for.
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def first(self, **arguments: Any) -> Any:
        """What `build(**arguments).first()` would return, without ordering by pk."""
        if sorted(arguments) != self.names:
            raise TypeError(f"expected arguments {self.names}, got {sorted(arguments)}")
        ids = {n: _parameter(n, v) for n, v in arguments.items() if n not in self.shape}
        flags = tuple(_flag(name, arguments[name]) for name in self.shape)
        shape = (flags, tuple(type(ids[name]) for name in sorted(ids)))
        compiled = self._compiled_for(shape, arguments, ids)
        connection = connections[compiled.alias]
        if compiled.locks and connection.get_autocommit():
            raise TransactionManagementError("select_for_update outside of a transaction.")
        params = [ids[p.name] if isinstance(p, _Slot) else p for p in compiled.params]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        return None if row is None else compiled.read(row)

    def _compiled_for(self, shape: tuple, arguments: dict, ids: dict) -> _Compiled:
        if self._model is not None:  # the common case: no queryset is built at all
            per_connection = self._compiled.get(connections[router.db_for_read(self._model)])
            if per_connection is not None and shape in per_connection:
                return per_connection[shape]
        markers = {_marker(n, type(ids[name])): name for n, name in enumerate(sorted(ids))}
        queryset = self.build(**{**arguments, **{name: m for m, name in markers.items()}})
        self._model = queryset.model
        alias = router.db_for_read(queryset.model)
        compiled = _Compiled(queryset[:1], markers, alias)
        self._compiled.setdefault(connections[alias], {})[shape] = compiled
        return compiled


def _parameter(name: str, value: Any) -> int | str:
    """An int (not a bool) or a str. Real values never meet the markers: only `build` sees
    markers, and only while compiling."""
    if type(value) not in (int, str):
        raise TypeError(f"{name}: a CompiledQuery parameter is an int or a str, not {value!r}")
    return value


def _flag(name: str, value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError(f"{name}: a CompiledQuery shape is True or False, not {value!r}")
    return value
