"""Optional statistical models behind the extractors.

Each module here imports its third-party library lazily, on first use, so that
``import govnews_nlp`` and the default pipeline never need the optional extras.

- :mod:`govnews_nlp.models.hanlp_ner`: HanLP's neural NER (``pip install 'govnews-nlp[hanlp]'``).
"""
