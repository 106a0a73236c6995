"""What the bundle needs for offline OCR (issue 15), worked out from the installed packages.

Used by govinfo_desk.spec and checked by tests/redaction/test_bundle_spec_ocr.py without running
PyInstaller. PyInstaller's import scan finds the Python modules rapidocr imports, but not:
- rapidocr_onnxruntime's config.yaml and models/*.onnx, which it opens as files next to its own
  package (rapidocr_onnxruntime/utils/parse_parameters.py: root_dir / "models/...");
- onnxruntime's libonnxruntime_providers_shared (loaded with dlopen by the extension module) and
  the extension's own libonnxruntime beside it, in onnxruntime/capi;
- the modules rapidocr 1.4 reaches only through its own package (submodules listed, to be safe).
Everything is empty when the ocr extra is not installed in the build environment.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

OCR_PACKAGE = "rapidocr_onnxruntime"
RUNTIME_PACKAGE = "onnxruntime"
_CODE = (".py", ".pyc", ".pyi")
_LIBRARY = (".so", ".dll", ".dylib")


def package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def ocr_datas() -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for every non-code file of the OCR package."""
    root = package_dir(OCR_PACKAGE)
    if root is None:
        return []
    return [(str(p), str(Path(OCR_PACKAGE) / p.parent.relative_to(root)).replace("\\", "/"))
            for p in _files(root) if p.suffix not in _CODE]


def ocr_binaries() -> list[tuple[str, str]]:
    """(library, folder in the bundle) for onnxruntime's shared libraries, where it loads them from."""
    root = package_dir(RUNTIME_PACKAGE)
    if root is None or package_dir(OCR_PACKAGE) is None:
        return []
    capi = root / "capi"
    # The Python extension module itself (onnxruntime_pybind11_state.cpython-311-….so / .pyd) is
    # found by the import scan; listing it again would give two entries for one file.
    return [(str(p), f"{RUNTIME_PACKAGE}/capi") for p in _files(capi)
            if (p.suffix in _LIBRARY or ".so." in p.name) and not _extension_module(p.name)]


def _extension_module(name: str) -> bool:
    return ".cpython-" in name or name.endswith((".pyd", ".abi3.so"))


def ocr_hiddenimports() -> list[str]:
    root = package_dir(OCR_PACKAGE)
    if root is None:
        return []
    names = []
    for p in _files(root):
        if p.suffix != ".py":
            continue
        parts = [OCR_PACKAGE, *p.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return [*names, "onnxruntime", "onnxruntime.capi._pybind_state"]
