"""Spread a batch over the cores with forked processes, results in input order.

The work is cut into contiguous chunks; this process does the first, forked
children the others. Children inherit everything by fork (texts, lexicon,
caches: nothing is pickled on the way in) and send back one compact result.
Results come back in chunk order, so the output does not depend on the number
of processes. Fork is POSIX-only; elsewhere everything runs in this process.
Forking a process that runs threads (a Jupyter kernel does) is safe here
because the children only compute and write to a pipe; Python 3.12+ still
warns about it (DeprecationWarning). Pass ``n_jobs=1`` to stay in one process.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import warnings
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["available_cores", "resolve_jobs", "run_forked", "split_bounds"]

T = TypeVar("T")


def available_cores() -> int:
    """Cores this process may run on.

    Examples:
        >>> available_cores() >= 1
        True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_jobs(n_jobs: int | None, size: int, threshold: int) -> int:
    """How many processes to use for ``size`` units of work.

    Args:
        n_jobs: ``None`` (every core once ``size >= threshold``, else 1), ``-1``
            (every core) or a positive count.
        size: the amount of work (texts, characters).
        threshold: the ``size`` from which ``None`` goes parallel.

    Returns:
        1 when fork is unavailable or there is nothing to share.

    Raises:
        ValueError: ``n_jobs`` is none of the above.

    Examples:
        >>> resolve_jobs(None, 10, threshold=1000)
        1
        >>> resolve_jobs(0, 10, threshold=1000)
        Traceback (most recent call last):
        ...
        ValueError: n_jobs must be None, -1 or a positive int; got 0
    """
    if n_jobs is not None and (
        not isinstance(n_jobs, int) or isinstance(n_jobs, bool) or n_jobs == 0 or n_jobs < -1
    ):
        raise ValueError(f"n_jobs must be None, -1 or a positive int; got {n_jobs!r}")
    if n_jobs is None:
        n_jobs = available_cores() if size >= threshold else 1
    elif n_jobs == -1:
        n_jobs = available_cores()
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(n_jobs, size))


def split_bounds(weights: Sequence[int], jobs: int) -> list[tuple[int, int]]:
    """Cut ``range(len(weights))`` into up to ``jobs`` contiguous, non-empty chunks
    of about equal total weight.

    Examples:
        >>> split_bounds([5, 1, 1, 1, 1, 1], 2)
        [(0, 1), (1, 6)]
        >>> split_bounds([1, 1, 1], 5)
        [(0, 1), (1, 2), (2, 3)]
    """
    n = len(weights)
    total = sum(weights) or 1
    bounds: list[tuple[int, int]] = []
    lo, acc = 0, 0
    for i, w in enumerate(weights):
        acc += w
        if len(bounds) < jobs - 1 and acc * jobs >= total * (len(bounds) + 1) and i + 1 < n:
            bounds.append((lo, i + 1))
            lo = i + 1
    if lo < n:
        bounds.append((lo, n))
    return bounds


def _child(work: Callable[[int, int], object], lo: int, hi: int, conn) -> None:
    gc.disable()  # the work makes no reference cycles; a collection would copy the heap
    conn.send(work(lo, hi))
    conn.close()


def run_forked(work: Callable[[int, int], T], bounds: list[tuple[int, int]]) -> list[T]:
    """``[work(lo, hi) for lo, hi in bounds]``, the chunks after the first in forked children.

    A child that dies is redone here, with a RuntimeWarning, so an error in
    ``work`` surfaces from this process. ``work``'s results must pickle.

    Examples:
        >>> data = list(range(10))
        >>> run_forked(lambda lo, hi: sum(data[lo:hi]), [(0, 5), (5, 10)])
        [10, 35]
    """
    if len(bounds) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(lo, hi) for lo, hi in bounds]
    ctx = multiprocessing.get_context("fork")
    children = []
    try:
        # Objects alive at fork time go to a permanent generation, so that no
        # garbage collection in a child touches (and copies) the parent's heap
        # (the gc.freeze() recipe of the Python docs).
        gc.freeze()
        try:
            for lo, hi in bounds[1:]:
                receiver, sender = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_child, args=(work, lo, hi, sender), daemon=True)
                proc.start()
                sender.close()
                children.append((proc, receiver, lo, hi))
        finally:
            gc.unfreeze()
        results = [work(*bounds[0])]
        for proc, receiver, lo, hi in children:
            try:
                result, ok = receiver.recv(), True
            except EOFError:
                result, ok = None, False
            receiver.close()
            proc.join()
            if not ok or proc.exitcode != 0:
                warnings.warn(
                    f"worker for items {lo}-{hi} failed (exit code {proc.exitcode}); "
                    "redoing its share in this process",
                    RuntimeWarning,
                    stacklevel=2,
                )
                result = work(lo, hi)
            results.append(result)
        return results
    finally:
        for proc, receiver, _, _ in children:
            if proc.is_alive():  # only after an error here
                proc.terminate()
            proc.join()
            receiver.close()
