"""Growth checks (for the tests): how the time of a step grows when its input doubles.

A wall-clock limit fails on a slow or busy machine and passes a quadratic step on a fast
one; the ratio of the time at 2n to the time at n does neither: about 2 for a linear
step, 4 for a quadratic one. Each size is timed several times and the best run kept, so
another process taking the CPU for a moment does not count.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable

LINEAR = 2.5  # the largest ratio a linear step may show for twice the input


def best_time(action: Callable[[], object], repeat: int = 3) -> float:
    """The shortest of ``repeat`` runs of ``action``, in seconds of this process's CPU
    time (on a shared machine the wall clock counts the other processes' turns too)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times)


def time_ratio(make: Callable[[int], Callable[[], object]], n: int, repeat: int = 5) -> float:
    """Time at 2n over time at n, the best of ``repeat`` runs of each, taken in turns (a
    busy spell slows both); ``make(n)`` prepares the input and returns the step."""
    small, large = make(n), make(2 * n)
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        times[0].append(best_time(small, 1))
        times[1].append(best_time(large, 1))
    return min(times[1]) / min(times[0])


def peak_bytes(action: Callable[[], object]) -> int:
    """The most memory Python held at once while ``action`` ran (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def memory_ratio(make: Callable[[int], Callable[[], object]], n: int) -> float:
    """Peak memory at 2n over peak memory at n."""
    return peak_bytes(make(2 * n)) / peak_bytes(make(n))
