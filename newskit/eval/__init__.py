"""Evaluation harnesses: score newskit's extractors against annotated corpora.

``newskit.eval.timeml`` scores :func:`newskit.dates.find_dates` on TimeML
(TimeBank, AQUAINT) documents, TempEval-3 style; run it with
``python -m newskit.eval.timeml FOLDER``.
"""
