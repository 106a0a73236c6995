"""区分处理 (条例第三十七条): redacting the documents to be released, offline.

Pure Python (no Qt). Typical use::

    with PageDocument(data, "材料.pdf") as doc:
        marks = document_suggestions(doc.page(i) for i in range(doc.page_count))
        result = redact_document(doc, marks)       # result.data is the released copy (PDF)

.docx sources go through app.redaction.docx_redact. The case side (拟公开材料, marks stored with
the case, the 区分处理说明) is app.redaction.service.
"""
