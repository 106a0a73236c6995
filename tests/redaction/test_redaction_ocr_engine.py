"""How the OCR engine is set up for speed (app/redaction/ocr.py) and its background warm-up."""

from __future__ import annotations

import pytest

from app.redaction import ocr

pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is part of the test install")


def test_warm_up_loads_the_engine_once_with_the_fast_settings() -> None:
    from rapidocr_onnxruntime.utils.infer_engine import OrtInferSession

    own_options = OrtInferSession.__dict__["_init_sess_opts"]
    ocr._engine.cache_clear()
    thread = ocr.warm_up()
    assert thread is not None and thread.daemon
    assert ocr.warm_up() is None  # already on its way: not a second thread
    thread.join(120)
    assert ocr._engine.cache_info().currsize == 1
    assert ocr.warm_up() is None  # loaded: nothing more to do
    engine = ocr._engine()
    # Detection of a 150 dpi A4 page (1240 × 1754) runs with its longest side at 960 pixels.
    assert engine.text_det.get_preprocess(1754).limit_side_len == 960
    assert engine.text_det.get_preprocess(1754).limit_type == "max"
    for session in (engine.text_det.infer.session, engine.text_rec.session.session):
        options = session.get_session_options()
        assert options.intra_op_num_threads == ocr.THREADS
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    # rapidocr's own option builder is back as it was, for anyone else making sessions.
    assert OrtInferSession.__dict__["_init_sess_opts"] is own_options
