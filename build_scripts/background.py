"""A function run in another process while this one goes on (the site's downloads are written
while its pages render, on another core).

    job = Background(fn, *args, **kwargs)   # fn(*args, **kwargs) starts in a forked process
    ...                           # this process goes on
    result = job.join()           # fn's result, or BackgroundError with the failure

The process is forked, so fn and its arguments are not pickled (the child has them already);
only the result comes back (pickled). Where fork is not available, fn runs at once in this
process and join returns its result, or raises what it raised: the result is the same.
"""
from __future__ import annotations

import multiprocessing
import traceback


class BackgroundError(Exception):
    """The function failed in the other process: `error` is its exception as given there
    (re-raised here when it could be pickled), the message says what it was."""

    def __init__(self, message: str, error: BaseException | None = None):
        super().__init__(message)
        self.error = error


def _run(send, fn, args, kwargs) -> None:
    try:
        result = (True, fn(*args, **kwargs))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
        result = (False, (exc, "".join(traceback.format_exception(exc))))
    try:
        send.send(result)
    except Exception as exc:  # noqa: BLE001 - an exception or result that cannot be pickled
        send.send((False, (None, f"{type(exc).__name__}: {exc}\n{result[1][1] if not result[0] else ''}")))
    finally:
        send.close()


class Background:
    def __init__(self, fn, *args, **kwargs):
        self._proc = None
        self._done: tuple | None = None
        if "fork" not in multiprocessing.get_all_start_methods():
            try:
                self._done = (True, fn(*args, **kwargs))
            except Exception as exc:  # noqa: BLE001 - raised by join, as from another process
                self._done = (False, (exc, "".join(traceback.format_exception(exc))))
            return
        context = multiprocessing.get_context("fork")
        self._recv, send = context.Pipe(duplex=False)
        self._proc = context.Process(target=_run, args=(send, fn, args, kwargs), daemon=True)
        self._proc.start()
        send.close()

    def join(self):
        """fn's result; BackgroundError when it raised or its process died."""
        if self._done is None:
            try:
                self._done = self._recv.recv()
            except EOFError:
                self._proc.join()
                self._done = (False, (None, f"the process ended without a result (exit code {self._proc.exitcode})"))
            except Exception as exc:  # noqa: BLE001 - a result or exception that cannot be unpickled here
                self._done = (False, (None, f"its result could not be read: {type(exc).__name__}: {exc}"))
            finally:
                self._recv.close()
            self._proc.join()
        ok, value = self._done
        if ok:
            return value
        error, text = value
        message = f"{type(error).__name__}: {error}" if error is not None else text.strip().splitlines()[-1]
        raise BackgroundError(message, error)

    def cancel(self) -> None:
        """Stop the process (the caller failed and will not join)."""
        if self._proc is not None and self._done is None:
            self._proc.terminate()
            self._proc.join()
            self._recv.close()
            self._done = (False, (None, "cancelled"))
