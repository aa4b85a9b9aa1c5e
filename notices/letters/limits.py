"""Bounds on what rendering a user's template may cost: string sizes, output size, time.

A template is code from a user's file. The sandbox (:class:`BoundedSandbox`) refuses
operations whose result would pass :data:`MAX_STRING` characters before they are computed
(``'a' * 10**9``, ``'x'|center(10**9)``, ``'%999999999s' % x``, ``x.ljust(10**9)``, huge
powers); :func:`rendered` joins the output with a running size check; and a watchdog thread
interrupts a render that runs past its time limit (a loop nested a thousand deep), which then
fails as a :class:`~notices.errors.TemplateError` like any other template error.
"""
from __future__ import annotations

import ctypes
import functools
import re
import threading
import time
from typing import Any

MAX_STRING = 1_000_000  # characters in any one value a template computes
MAX_OUTPUT = 20_000_000  # characters of one rendered part
TIME_LIMIT = 10.0  # seconds for one letter
MAX_EXPONENT = 10_000

_WIDTH = re.compile(r"%[-+ #0]*(\d+|\*)?(?:\.(\d+|\*))?[a-zA-Z%]|\{[^{}]*?:[^{}]*?(\d{5,})")


class LimitExceeded(Exception):
    """A template asked for more than the limits allow."""


class RenderTimeout(BaseException):
    """Raised in the rendering thread by the watchdog (a BaseException, so that no
    ``except Exception`` inside a filter swallows it)."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


_NESTED = re.compile(r"\{[^{}]*:[^{}]*\{")


def _check_format(fmt: str) -> None:
    if _NESTED.search(fmt):
        raise LimitExceeded("a format with widths given as arguments")
    for match in _WIDTH.finditer(fmt):
        for group in match.groups():
            if group == "*" or (group and len(group) > 6):
                raise LimitExceeded(f"a format width over {MAX_STRING} characters")


def check_result_size(value: Any, what: str) -> Any:
    if _size(value) > MAX_STRING:
        raise LimitExceeded(f"{what} would be longer than {MAX_STRING:,} characters")
    return value


def environment_class():  # noqa: ANN201 - jinja2 is imported lazily
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedSandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%", "+"})

        def call_binop(self, context, operator, left, right):  # noqa: ANN001, ANN201
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if _size(seq) and isinstance(times, int) and _size(seq) * max(times, 0) > MAX_STRING:
                        raise LimitExceeded(f"a repeated value would be longer than {MAX_STRING:,} "
                                            "characters")
            elif operator == "**":
                if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT and (
                        not isinstance(left, (int, float)) or abs(left) > 1):
                    raise LimitExceeded(f"an exponent over {MAX_EXPONENT}")
            elif operator == "%" and isinstance(left, str):
                _check_format(left)
            elif operator == "+" and _size(left) + _size(right) > MAX_STRING:
                raise LimitExceeded(f"a joined value would be longer than {MAX_STRING:,} characters")
            return super().call_binop(context, operator, left, right)

        def getattr(self, obj, attribute):  # noqa: ANN001, ANN201
            if isinstance(obj, str) and attribute in ("format", "format_map"):
                _check_format(obj)
            return super().getattr(obj, attribute)

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: ANN001, ANN201, N805
            if isinstance(getattr(__obj, "__self__", None), (str, list, tuple)):
                _check_call_args(args, kwargs)
            for value in (*args, *kwargs.values()):
                check_result_size(value, "a value passed to a call")
            return check_result_size(super().call(__context, __obj, *args, **kwargs), "a call's result")

    return BoundedSandbox


def _check_call_args(args: tuple, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_STRING:
            raise LimitExceeded(f"a size over {MAX_STRING:,} characters")


def bounded_filter(func):  # noqa: ANN001, ANN201
    """A filter whose integer arguments (widths, counts) and result are bounded, and whose
    result is estimated before it is computed where it can grow (replace, join, format)."""
    name = getattr(func, "__name__", "")
    passes_context = hasattr(func, "jinja_pass_arg")

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = args[1:] if passes_context else args
        _check_call_args(values[1:], kwargs)
        if name == "do_format" and values and isinstance(values[0], str):
            _check_format(values[0])
        elif name == "do_replace" and len(values) >= 3:
            source, old, new = (str(v) for v in values[:3])
            grow = len(new) - len(old)
            if grow > 0 and (source.count(old) if old else len(source) + 1) * grow + len(source) > MAX_STRING:
                raise LimitExceeded(f"a replaced value would be longer than {MAX_STRING:,} characters")
        elif name == "do_join" and values and hasattr(values[0], "__len__"):
            sep = values[1] if len(values) > 1 else kwargs.get("d", "")
            if isinstance(sep, str) and len(values[0]) * len(sep) > MAX_STRING:
                raise LimitExceeded(f"a joined value would be longer than {MAX_STRING:,} characters")
        return check_result_size(func(*args, **kwargs), f"the result of the filter {name}")

    functools.update_wrapper(wrapper, func)
    return wrapper


def rendered(chunks, what: str = "a letter part") -> str:  # noqa: ANN001
    """Join rendered chunks, stopping at :data:`MAX_OUTPUT` characters."""
    out: list[str] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            raise LimitExceeded(f"{what} would be longer than {MAX_OUTPUT:,} characters")
        out.append(chunk)
    return "".join(out)


# ---------------------------------------------------------------- the watchdog

class _Watchdog:
    """One daemon thread for the process; renders register a deadline and are interrupted
    (``RenderTimeout`` raised in their thread) when it passes."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._deadlines: dict[int, tuple[float, list[bool]]] = {}
        self._thread: threading.Thread | None = None
        self._wake_at: float | None = None  # when the thread wakes next (None: when notified)

    def _run(self) -> None:
        with self._lock:
            while True:
                now = time.monotonic()
                soonest = None
                for tid, (deadline, fired) in self._deadlines.items():
                    if fired[0]:
                        continue
                    if deadline <= now:
                        fired[0] = True
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid),
                                                                   ctypes.py_object(RenderTimeout))
                    elif soonest is None or deadline < soonest:
                        soonest = deadline
                self._wake_at = soonest
                self._lock.wait(None if soonest is None else max(soonest - now, 0.001))

    def enter(self, seconds: float) -> list[bool]:
        fired = [False]
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="notices-template-watchdog",
                                                daemon=True)
                self._thread.start()
            deadline = time.monotonic() + seconds
            self._deadlines[threading.get_ident()] = (deadline, fired)
            if self._wake_at is None or deadline < self._wake_at:  # else it wakes in time anyway
                self._wake_at = deadline
                self._lock.notify()
        return fired

    def leave(self, fired: list[bool]) -> None:
        with self._lock:
            self._deadlines.pop(threading.get_ident(), None)
            if fired[0]:  # an interrupt may still be pending: clear it
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()), None)


_WATCHDOG = _Watchdog()


class time_limit:  # noqa: N801 - used as a context manager
    """``with time_limit(10): ...`` raises :class:`RenderTimeout` inside the block after 10 s."""

    def __init__(self, seconds: float = TIME_LIMIT) -> None:
        self.seconds = seconds

    def __enter__(self) -> "time_limit":
        self._fired = _WATCHDOG.enter(self.seconds)
        return self

    def __exit__(self, *exc: object) -> None:
        _WATCHDOG.leave(self._fired)
