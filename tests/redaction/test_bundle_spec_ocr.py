"""The bundle spec (build_spec/govinfo_desk.spec) ships what offline OCR needs, as installed here:
rapidocr_onnxruntime's models and config.yaml, onnxruntime's shared libraries and rapidocr's modules.

The spec is run with PyInstaller's functions replaced by recorders (a real build takes minutes):
what it hands to Analysis is compared with the files of the installed packages.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build_spec" / "govinfo_desk.spec"


def _run_spec(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda *a, **k: []  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda *a, **k: []  # type: ignore[attr-defined]
    hooks.copy_metadata = lambda *a, **k: []  # type: ignore[attr-defined]
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda *a, **k: []  # type: ignore[attr-defined]
    for name, module in (("PyInstaller", types.ModuleType("PyInstaller")),
                         ("PyInstaller.utils", types.ModuleType("PyInstaller.utils")),
                         ("PyInstaller.utils.hooks", hooks),
                         ("PyInstaller.depend", types.ModuleType("PyInstaller.depend")),
                         ("PyInstaller.depend.bindepend", bindepend)):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec puts build_spec/ on it
    seen: dict[str, Any] = {}

    def toc(entries: list[tuple[str, str]], kind: str) -> list[tuple[str, str, str]]:
        # Analysis turns (source, folder) into (path in the bundle, source, kind), as the spec then filters.
        return [(f"{dest}/{Path(src).name}", src, kind) for src, dest in entries]

    def analysis(scripts: list[str], **kwargs: Any) -> Any:
        seen.update(kwargs)
        return types.SimpleNamespace(datas=toc(kwargs["datas"], "DATA"),
                                     binaries=toc(kwargs.get("binaries") or [], "BINARY"), pure=[], scripts=[])

    def nothing(*args: Any, **kwargs: Any) -> None:
        return None

    def collect(*args: Any, **kwargs: Any) -> None:
        seen["collect"] = kwargs

    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"),  # our own build file
         {"__name__": "__main__", "SPECPATH": str(SPEC.parent), "Analysis": analysis, "PYZ": nothing,
          "EXE": nothing, "COLLECT": collect})
    return seen


def test_the_spec_bundles_the_ocr_models_config_and_onnxruntime_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    rapidocr = pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is part of the test install")
    onnxruntime = pytest.importorskip("onnxruntime")
    seen = _run_spec(monkeypatch)
    datas = {(Path(src).resolve(), dest) for src, dest in seen["datas"]}
    binaries = {(Path(src).resolve(), dest) for src, dest in seen["binaries"]}

    package = Path(rapidocr.__file__).resolve().parent
    models = sorted(package.glob("models/*.onnx"))
    assert len(models) >= 2  # detection and recognition at least: the check below can fail
    for model in models:
        assert (model, "rapidocr_onnxruntime/models") in datas, model.name
    assert (package / "config.yaml", "rapidocr_onnxruntime") in datas
    # The config names the models by path relative to the package: each must be in the bundle there.
    import yaml

    config = yaml.safe_load((package / "config.yaml").read_text(encoding="utf-8"))
    for section in ("Det", "Rec", "Cls"):
        relative = Path(config[section]["model_path"])
        assert (package / relative, f"rapidocr_onnxruntime/{relative.parent.as_posix()}") in datas, section

    capi = Path(onnxruntime.__file__).resolve().parent / "capi"
    libraries = [p for p in capi.iterdir() if p.name.startswith("libonnxruntime") or p.suffix == ".dll"]
    assert libraries  # libonnxruntime_providers_shared is loaded with dlopen: the import scan misses it
    for library in libraries:
        assert (library, "onnxruntime/capi") in binaries, library.name
    assert not any(".cpython-" in src.name for src, _ in binaries)  # the extension module comes from the scan

    hidden = set(seen["hiddenimports"])
    for module in ("rapidocr_onnxruntime", "rapidocr_onnxruntime.main", "rapidocr_onnxruntime.cal_rec_boxes.main",
                   "rapidocr_onnxruntime.ch_ppocr_det.text_detect", "rapidocr_onnxruntime.ch_ppocr_rec.text_recognize",
                   "rapidocr_onnxruntime.utils.infer_engine", "onnxruntime.capi._pybind_state"):
        assert module in hidden, module
    assert "numpy" not in seen["excludes"]  # rapidocr and onnxruntime need it
    assert seen["collect"]["strip"] is False  # stripped, numpy's vendored OpenBLAS no longer loads
    for src, _dest in [*seen["datas"], *seen["binaries"]]:
        assert Path(src).exists() or "*" in src, src
