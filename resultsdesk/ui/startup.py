"""Starting the app quickly: Python's cyclic garbage collector held off while the app's
modules load and its first window builds and paints, then every object made so far set
aside from its scans.

Loading Qt, matplotlib and the app creates several hundred thousand objects that live as
long as the app does; the collector, run on every few hundred allocations, scanned them
again and again (about 0.1 s of a start, before the window could paint). Nothing
collectable is lost by waiting: the cycles made during start-up are collected once the
collector runs again, and what remains is frozen (`gc.freeze`) so that later full
collections, on the live night, skip it.

Only the app's entry (`app.run_app`) holds the collector; a test or a script that builds a
window without it keeps the collector as it was (`release_collector` is then a no-op).

`skip_artist_set_docs` spares matplotlib's import the docstrings it writes for each artist
class's `set()` method (see there); `quicker_pyside_import_check` gives PySide's check of
each module imported after it a quicker way to read the module's source (see there).
"""

from __future__ import annotations

import gc
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

_held = False


def before_loading() -> None:
    """What `app.run_app` does before Qt loads: the measures any matplotlib window in Qt
    can take (`before_matplotlib_in_qt`), then what this window needs that does not use Qt
    loaded first (`load_before_qt`). Benchmarks starting the window call it too, so they
    time what the app does."""
    before_matplotlib_in_qt()
    load_before_qt()


def recall_text() -> int:
    """Before the first window paints: the charts' text as the app last drew it
    (`charts.text_memory`), so its first frame need not shape and rasterise it again;
    how many answers came back. `keep_text` writes it as the app closes."""
    from ..charts import text_memory
    from ..paths import text_memory_file

    return text_memory.load(text_memory_file())


def keep_text() -> bool:
    """As the app closes: the charts' text for the next start (`recall_text`)."""
    from ..charts import text_memory
    from ..paths import text_memory_file

    return text_memory.save(text_memory_file())


def before_matplotlib_in_qt() -> None:
    """The collector held until the first window paints, numpy's maths single-threaded,
    the artists' `set()` docs and property lists skipped, PySide's import check made
    quicker, and matplotlib (its figure and Agg renderer, not its Qt backend) loaded before
    PySide6: nothing of this app's own. `benchmarks/gui_floor.py --lean` takes the same
    measures, so its floor is what the app cannot go below.

    Once PySide6 is loaded, its import hook looks at every module imported after it (it
    reads each one's source for "PySide6", for its `__feature__` switches): some 400
    modules, ~50 ms of the start. Nothing here may import Qt: the Qt backend chooses its
    binding by what is loaded (`tests/ui/test_startup_shape.py`)."""
    hold_collector()
    single_threaded_blas()
    skip_artist_set_docs()
    skip_artist_property_lists()
    quicker_pyside_import_check()
    load_when_used(LAZY_MODULES)
    with without_3d_projection():
        import matplotlib.backends.backend_agg
        import matplotlib.figure  # noqa: F401


def load_before_qt() -> None:
    """The charts and the desk, loaded before PySide6 (see `before_matplotlib_in_qt`)."""
    # The window's charts, their on-screen frames, the night, the charts' data and the map;
    # not `desk.graphics` (the graphics only exported: loaded when one is).
    from ..charts import frames, hemicycle, seats, shares, timeline  # noqa: F401
    from ..charts import map as hex_map  # noqa: F401
    from ..desk import hexmap, live_charts, session  # noqa: F401


def hold_collector() -> None:
    """Hold the cyclic collector off until `release_collector` (the first window painted,
    or no window to open). Call before the heavy modules are imported."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_collector() -> None:
    """Start the collector again, with what start-up made out of its scans. Does nothing
    unless `hold_collector` turned it off."""
    global _held
    if not _held:
        return
    _held = False
    gc.freeze()
    gc.enable()


# numpy's OpenBLAS starts a thread for each core as it loads, which then spins waiting for
# work before it sleeps: ~40 ms of CPU at every start on two cores (a quarter of `import
# numpy`), taken from the main thread on a busy machine, for a pool nothing here uses
# (matplotlib's arrays are far too small for BLAS to share out). The variable is read once,
# as the library loads.
BLAS_THREADS = "OPENBLAS_NUM_THREADS"
# What else OpenBLAS reads for its number of threads (after BLAS_THREADS, which would
# override a user's setting of these).
OTHER_BLAS_THREADS = ("GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def single_threaded_blas() -> None:
    """Before numpy loads: OpenBLAS with no threads of its own, unless the environment
    already says how many, in any of the variables it reads (a user's or a script's
    setting is kept)."""
    if "numpy" not in sys.modules \
            and not any(name in os.environ for name in (BLAS_THREADS, *OTHER_BLAS_THREADS)):
        os.environ[BLAS_THREADS] = "1"


def skip_artist_set_docs() -> None:
    """Before matplotlib's figure and axes load: let each artist class skip writing the
    docstring and signature of its `set()` method. matplotlib builds them as each class is
    defined (`Artist.__init_subclass__`), listing every property of the class by inspecting
    its setters: about a fifth of `import matplotlib.figure`, for text only `help()` shows.
    `set()` itself works as before (it takes any property by keyword either way); the mark
    that tells a subclass its `set` is the generated one is kept. A matplotlib without this
    hook (it is a private method) is left as it is; so is one whose artists are loaded."""
    import sys

    if "matplotlib.figure" in sys.modules:
        return  # too late: the classes are defined
    from matplotlib.artist import Artist

    if not hasattr(Artist, "_update_set_signature_and_docstring"):
        return

    def mark_only(cls) -> None:
        cls.set._autogenerated_signature = True

    Artist._update_set_signature_and_docstring = classmethod(mark_only)


# What a docstring says in place of an artist's property list (see below).
PROPERTY_LIST_SKIPPED = "(the list of properties is left out: see matplotlib's documentation)"


def skip_artist_property_lists() -> None:
    """Before matplotlib's figure and axes load: docstrings that list an artist's properties
    (`%(Line2D:kwdoc)s` in those of `plot`, `text`, `Patch`...) say PROPERTY_LIST_SKIPPED
    instead. matplotlib builds each list as the docstring is written, at import, by
    inspecting every setter of the class (`artist.kwdoc`, ~25 ms of every start), for text
    only `help()` shows. A matplotlib without this loader (it is private) is left as it is;
    so is one whose axes are loaded."""
    if "matplotlib.figure" in sys.modules:
        return  # too late: the docstrings are written
    from matplotlib import _docstring

    loader = getattr(_docstring, "_ArtistKwdocLoader", None)
    params = getattr(getattr(_docstring, "interpd", None), "params", None)
    if loader is None or not isinstance(params, loader):
        return

    def property_list(self: dict, key: str) -> str:
        if not key.endswith(":kwdoc"):
            raise KeyError(key)
        return self.setdefault(key, PROPERTY_LIST_SKIPPED)

    loader.__missing__ = property_list


# Loaded by matplotlib with its text but only read for TeX (`dviread` turns glyph names into
# characters with it): ~12 ms of every start, loaded instead when first read.
LAZY_MODULES = ("fontTools.agl",)
MPLOT3D = "mpl_toolkits.mplot3d"
MPLOT3D_WARNING = "Unable to import Axes3D"


@contextmanager
def without_3d_projection() -> Iterator[None]:
    """While matplotlib's projections load: without its 3-D toolkit, which they import to
    offer `projection="3d"` (~10 ms of a start), a projection no chart of this app uses.
    A module set to None in `sys.modules` is one Python's import refuses (documented);
    matplotlib then goes on without it, warning, which is expected here and silenced. Once
    loaded, the toolkit can be imported again as usual. Nothing changes if the projections
    or the toolkit are loaded already."""
    if "matplotlib.projections" in sys.modules or MPLOT3D in sys.modules:
        yield
        return
    sys.modules[MPLOT3D] = None  # type: ignore[assignment]
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=MPLOT3D_WARNING)
            yield
    finally:
        if sys.modules.get(MPLOT3D, 0) is None:
            del sys.modules[MPLOT3D]


def load_when_used(names: tuple[str, ...]) -> None:
    """Each module named, when first imported, is loaded when first used instead (the
    standard library's `importlib.util.LazyLoader`): what is imported only to be ready
    for a rare use costs nothing until then. Already loaded modules are left alone."""
    wanted = {name for name in names if name not in sys.modules}
    if wanted and not any(isinstance(f, _LoadWhenUsed) for f in sys.meta_path):
        sys.meta_path.insert(0, _LoadWhenUsed(wanted))


class _LoadWhenUsed:
    """A finder for `load_when_used`: the module's own spec, found by the usual finders,
    with its loader wrapped in a `LazyLoader`; it leaves `sys.meta_path` once all are found."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, name, path=None, target=None):
        if name not in self.names:
            return None
        self.names.discard(name)
        if not self.names and self in sys.meta_path:
            sys.meta_path.remove(self)
        from importlib.machinery import PathFinder
        from importlib.util import LazyLoader

        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = LazyLoader(spec.loader)
        return spec


PYSIDE_FEATURE = "shibokensupport.feature"  # PySide's module holding the check


def quicker_pyside_import_check() -> None:
    """Before PySide6 loads: once it has, its check of each module imported after it reads
    the module's file itself instead of going through `inspect.getsource`.

    PySide's import hook asks of every module first imported (or imported again) once Qt is
    loaded whether its source mentions "PySide6" (to apply `from __feature__ import ...`
    switches to it). `inspect.getsource` finds the module's file by looking through every
    loaded module (`inspect.getmodule`) and reads it through linecache: ~0.15 ms a module,
    for some 150 modules on the way to the first window (~20 ms). Reading the `.py` file
    named by the module's spec gives the same answer for a fraction of that; a module with
    no such file (built in, compiled, frozen) is asked of PySide's own check, as before.
    The check is a private function: a PySide without it is left as it is. Nothing is
    imported here; a finder on `sys.meta_path` steps in once PySide's module exists and
    removes itself."""
    if PYSIDE_FEATURE in sys.modules:
        _replace_pyside_check(sys.modules[PYSIDE_FEATURE])
    elif not any(isinstance(f, _PySideWatch) for f in sys.meta_path):
        sys.meta_path.insert(0, _PySideWatch())


class _PySideWatch:
    """A finder that finds nothing: asked for each module being imported, it looks whether
    PySide's check is defined yet, replaces it once it is, and leaves `sys.meta_path`."""

    def find_spec(self, _name, _path=None, _target=None) -> None:
        feature = sys.modules.get(PYSIDE_FEATURE)
        if feature is not None and hasattr(feature, "_mod_uses_pyside"):
            _replace_pyside_check(feature)
            if self in sys.meta_path:
                sys.meta_path.remove(self)
        return None


def _replace_pyside_check(feature) -> None:
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "_quicker", False):
        return

    def mod_uses_pyside(module) -> bool:
        origin = getattr(getattr(module, "__spec__", None), "origin", None)
        if not isinstance(origin, str) or not origin.endswith(".py"):
            return original(module)
        try:
            with open(origin, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    mod_uses_pyside._quicker = True
    feature._mod_uses_pyside = mod_uses_pyside
