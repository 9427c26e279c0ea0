"""HanLP NER behind the extractors, tested with a real (tiny) HanLP model.

This machine cannot download HanLP's pretrained weights, so a session fixture trains a
tiny character BiLSTM NER model with HanLP's own training API
(:class:`hanlp.components.ner.rnn_ner.RNNNamedEntityRecognizer`, random character
embeddings, CPU, a few seconds) on sentences of the MSRA NER test set in the shared
corpus, saves it to a temp dir, and every test loads it through
:func:`govnews_nlp.models.hanlp_ner.load`, the function users' downloaded models go through.

The tests marked ``hanlp`` skip when hanlp is not installed or the shared corpus is absent;
the others check the behaviour without hanlp.
"""
import contextlib
import http.server
import os
import shutil
import sys
import threading

import pytest

from govnews_nlp.errors import MissingExtraError, ModelUnavailableError
from govnews_nlp.models import hanlp_ner
from govnews_nlp.models.hanlp_ner import hanlp_entities, hanlp_person_candidates, hanlp_place_candidates, load
from govnews_nlp.pipeline import Pipeline
from tests.conftest import SHARED

MSRA_BIO = SHARED / "corpus" / "ner" / "msra_ner" / "msra_test_bio.txt"
TRAIN_SENTENCES = 400
# HanLP's MSRA corpora tag NR/NS/NT; the shared copy says PER/LOC/ORG.
MSRA_TAGS = {"PER": "NR", "LOC": "NS", "ORG": "NT"}


def _read_msra(path, limit):
    sentences, current = [], []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                if current:
                    sentences.append(current)
                    current = []
                    if len(sentences) == limit:
                        break
                continue
            char, tag = line.split("\t")
            prefix, _, kind = tag.partition("-")
            current.append((char, f"{prefix}-{MSRA_TAGS[kind]}" if kind else tag))
    return sentences


def _write_tsv(path, sentences):
    with open(path, "w", encoding="utf-8") as out:
        for sentence in sentences:
            out.write("".join(f"{char}\t{tag}\n" for char, tag in sentence) + "\n")


def _pick_sentences(sentences, count=2):
    """Training sentences the splitter keeps whole (one final 。) that name a person and a place."""
    picked = []
    for sentence in sentences:
        text = "".join(char for char, _ in sentence)
        tags = {tag for _, tag in sentence}
        if (text.endswith("。") and sum(text.count(mark) for mark in "。！？?!") == 1 and " " not in text
                and 20 <= len(text) <= 120 and {"B-NR", "B-NS"} <= tags):
            picked.append(text)
            if len(picked) == count:
                break
    return picked


@pytest.fixture(scope="session")
def hanlp_installed(tmp_path_factory):
    if "hanlp" not in sys.modules:  # HanLP reads HANLP_HOME at import: keep what it writes out of ~/.hanlp
        os.environ.setdefault("HANLP_HOME", str(tmp_path_factory.mktemp("hanlp_home")))
    return pytest.importorskip("hanlp")


@pytest.fixture(scope="session")
def training_data(hanlp_installed, tmp_path_factory):
    """(directory with train.tsv and dev.tsv in HanLP's format, real sentences of the training part)."""
    if not MSRA_BIO.is_file():
        pytest.skip(f"shared corpus absent: {MSRA_BIO}")
    work = tmp_path_factory.mktemp("hanlp_training_data")
    sentences = _read_msra(MSRA_BIO, TRAIN_SENTENCES)
    _write_tsv(work / "train.tsv", sentences)
    _write_tsv(work / "dev.tsv", sentences[:100])
    return work, _pick_sentences(sentences)


@contextlib.contextmanager
def _one_torch_thread():
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # on a busy 2-core machine more threads make training 10x slower
    try:
        yield
    finally:
        torch.set_num_threads(threads)


@pytest.fixture(scope="session")
def tiny_model(training_data, tmp_path_factory):
    """(directory of a character BiLSTM NER model trained here, real sentences it was trained on)."""
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    data, sentences = training_data
    save_dir = tmp_path_factory.mktemp("hanlp_tiny_rnn_ner") / "model"
    # crf=False: in hanlp 2.1.5 RNNTaggingModel builds CRF(n_out, crf_constraints), which lands
    # None in CRF's batch_first argument, so a CRF model decodes one tag per sentence.
    with _one_torch_thread():
        RNNNamedEntityRecognizer().fit(
            str(data / "train.tsv"), str(data / "dev.tsv"), str(save_dir),
            epochs=5, embed=50, rnn_hidden=64, batch_size=32, lr=0.01, drop=0.2, crf=False,
            tagging_scheme="BIO", seed=1, devices=-1, verbose=False,
        )
    return save_dir, sentences


@pytest.fixture(scope="session")
def tiny_transformer_model(hanlp_installed, training_data, tmp_path_factory):
    """(directory of a TransformerNamedEntityRecognizer, the class of HanLP's pretrained MSRA models,
    trained here over a tiny randomly initialised BERT, real sentences it was trained on)."""
    import transformers.optimization

    if not hasattr(transformers.optimization, "AdamW"):
        pytest.skip(f"hanlp {hanlp_installed.__version__} trains transformers with transformers.optimization.AdamW, "
                    f"which transformers {transformers.__version__} no longer has (4.46.3 had it)")
    from hanlp.components.ner.transformer_ner import TransformerNamedEntityRecognizer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    data, sentences = training_data
    work = tmp_path_factory.mktemp("hanlp_tiny_transformer_ner")
    chars = sorted({line.split("\t")[0] for line in (data / "train.tsv").read_text(encoding="utf-8").splitlines() if line})
    bert = work / "tiny_bert"
    bert.mkdir()
    (bert / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]) + "\n", encoding="utf-8")
    config = BertConfig(vocab_size=len(chars) + 5, hidden_size=64, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=128, max_position_embeddings=512)
    with _one_torch_thread():
        BertModel(config).save_pretrained(bert)
        BertTokenizerFast(vocab_file=str(bert / "vocab.txt")).save_pretrained(bert)
        TransformerNamedEntityRecognizer().fit(
            str(data / "train.tsv"), str(data / "dev.tsv"), str(work / "model"), transformer=str(bert),
            epochs=5, lr=5e-3, transformer_lr=5e-3, warmup_steps=0, word_dropout=0, batch_size=32,
            seed=1, devices=-1, verbose=False,
        )
    return work / "model", sentences


@pytest.fixture(scope="session", params=["rnn", "transformer"])
def trained_model(request):
    """Each kind of tiny HanLP NER model trained here."""
    return request.getfixturevalue({"rnn": "tiny_model", "transformer": "tiny_transformer_model"}[request.param])


@pytest.fixture(scope="session")
def tiny_recognizer(tiny_model):
    return load(str(tiny_model[0]))


@pytest.mark.hanlp
def test_a_saved_hanlp_model_loads_from_its_directory(tiny_model, tiny_recognizer):
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    assert isinstance(tiny_recognizer.component, RNNNamedEntityRecognizer)
    assert tiny_recognizer.identifier == str(tiny_model[0])


@pytest.mark.hanlp
def test_entity_spans_map_exactly_into_document_text(trained_model):
    first, second = trained_model[1]
    # whitespace between and inside sentences: cleaning keeps some, the model never sees it
    raw = f"{first}\n\n{second[:6]} {second[6:]}"
    nlp = Pipeline(model="hanlp", hanlp_model=str(trained_model[0]))
    doc = nlp(raw)
    entities = hanlp_entities(doc)
    assert entities, "the model trained on these sentences finds nothing in them"
    for entity in entities:
        assert doc.text[entity.start:entity.end] == entity.text
        assert entity.type in ("PERSON", "LOCATION", "ORGANIZATION")
        assert not entity.text[0].isspace() and not entity.text[-1].isspace()
    # the same entities as HanLP's component gives sentence by sentence, shifted to document offsets
    offsets = [i for i, char in enumerate(doc.text) if not char.isspace()]
    chars = "".join(doc.text[i] for i in offsets)
    expected, start = [], 0
    for sentence in chars.split("。")[:2]:
        sentence += "。"
        for _, label, begin, end in nlp.load_model().component([list(sentence)])[0]:
            expected.append((offsets[start + begin], offsets[start + end - 1] + 1, label))
        start += len(sentence)
    assert sorted(expected) == [(e.start, e.end, e.label) for e in entities]


@pytest.mark.hanlp
def test_person_and_place_candidates_for_the_officials_and_places_stages(trained_model):
    first, second = trained_model[1]
    doc = Pipeline(model="hanlp", hanlp_model=str(trained_model[0]))(first + second)
    entities = hanlp_entities(doc)
    assert hanlp_entities(doc) is entities  # computed once per document
    persons = hanlp_person_candidates(doc)
    places = hanlp_place_candidates(doc)
    assert persons == [(e.start, e.end, e.text) for e in entities if e.type == "PERSON"]
    assert places == [(e.start, e.end, e.text) for e in entities if e.type == "LOCATION"]
    assert persons or places
    for start, end, name in persons + places:
        assert doc.text[start:end] == name


@pytest.mark.hanlp
def test_long_sentences_are_cut_at_a_comma_before_the_model(tiny_model):
    from govnews_nlp.models.hanlp_ner import MAX_CHUNK_CHARS, _chunks

    clause = "".join(tiny_model[1][0].rstrip("。").split("，"))[:40] + "，"
    text = clause * 12 + "。"
    chunks = list(_chunks(text))
    assert len(chunks) > 1
    assert [i for chunk in chunks for i in chunk] == list(range(len(text)))
    for chunk in chunks[:-1]:
        assert len(chunk) <= MAX_CHUNK_CHARS
        assert text[chunk[-1]] == "，"


@pytest.mark.hanlp
@pytest.mark.parametrize("text, hidden", [
    ("市委书记 张建华出席会议。", " "),
    ("市委书记\u200b张建华出席会议。", "\u200b"),       # zero-width space
    ("市委书记\u3000张建华出席会议。\n区长王少勇主持。", "\u3000\n"),
])
def test_whitespace_and_invisible_characters_never_reach_the_model(hanlp_installed, text, hidden):
    from govnews_nlp.models.hanlp_ner import _chunks

    fed = [i for chunk in _chunks(text) for i in chunk]
    assert fed == [i for i, char in enumerate(text) if char not in hidden]


@pytest.mark.hanlp
def test_a_model_placed_under_hanlp_home_loads_offline_by_its_name(tiny_model, tmp_path, monkeypatch):
    import hanlp.pretrained

    monkeypatch.setenv("HANLP_HOME", str(tmp_path))
    # what docs/models.md tells offline users to do: unzip the model where HanLP would put it
    url = hanlp.pretrained.ner.MSRA_NER_ELECTRA_SMALL_ZH
    target = tmp_path / "ner" / url.rsplit("/", 1)[-1].removesuffix(".zip")
    shutil.copytree(tiny_model[0], target)
    recognizer = load()
    assert recognizer.identifier == "MSRA_NER_ELECTRA_SMALL_ZH"
    assert recognizer(tiny_model[1][0])


@pytest.fixture
def empty_model_server():
    """A local HTTP server that answers 404 to everything (HanLP retries refused connections for 25 s)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.hanlp
def test_an_unreachable_model_names_the_url_hanlp_home_and_where_to_put_it(
        hanlp_installed, empty_model_server, tmp_path, monkeypatch):
    import hanlp.utils.io_util

    monkeypatch.setenv("HANLP_HOME", str(tmp_path))

    def offline(*args, **kwargs):  # HanLP asks PyPI for a newer version after a failed download
        raise OSError("no network in tests")

    monkeypatch.setattr(hanlp.utils.io_util, "check_outdated", offline)
    url = f"{empty_model_server}/hanlp/ner/govnews_missing_ner.zip"
    with pytest.raises(ModelUnavailableError) as error:
        load(url)
    message = str(error.value)
    assert error.value.model == url
    assert f"HanLP tried to download {url}" in message
    assert f"HANLP_HOME is {tmp_path}" in message
    domain = empty_model_server.removeprefix("http://")
    assert os.path.join(str(tmp_path), "thirdparty", domain, "hanlp", "ner", "govnews_missing_ner") in message


@pytest.mark.hanlp
def test_a_missing_local_directory_is_named(hanlp_installed, tmp_path):
    missing = str(tmp_path / "no_such_model")
    with pytest.raises(ModelUnavailableError, match="no_such_model': no such directory"):
        load(missing)


# Without hanlp

@pytest.fixture
def without_hanlp(monkeypatch):
    """Make `import hanlp` fail as if the extra were not installed."""
    for name in [name for name in sys.modules if name == "hanlp" or name.startswith("hanlp.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "hanlp", None)


def test_load_without_the_extra_names_the_extra(without_hanlp):
    with pytest.raises(MissingExtraError) as error:
        load()
    assert error.value.extra == "hanlp"
    assert "pip install 'govnews-nlp[hanlp]'" in str(error.value)


def test_a_hanlp_pipeline_without_the_extra_fails_when_built(without_hanlp):
    with pytest.raises(MissingExtraError, match=r"govnews-nlp\[hanlp\]"):
        Pipeline(model="hanlp")


def test_cli_model_hanlp_without_the_extra_exits_with_the_extra_named(without_hanlp, capsys, tmp_path):
    from govnews_nlp.cli import EXIT_MODEL_ERROR, main

    article = tmp_path / "a.txt"
    article.write_text("区委副书记、区长王少勇主持会议。", encoding="utf-8")
    assert main(["extract", "--model", "hanlp", str(article)]) == EXIT_MODEL_ERROR
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "govnews-nlp[hanlp]" in captured.err


def test_without_a_hanlp_model_the_candidates_are_empty_and_hanlp_is_not_imported(monkeypatch):
    monkeypatch.delitem(sys.modules, "hanlp", raising=False)
    doc = Pipeline()("区委副书记、区长王少勇在北京主持会议。")
    assert hanlp_person_candidates(doc) == []
    assert hanlp_place_candidates(doc) == []
    assert "hanlp" not in sys.modules


@pytest.mark.parametrize("kwargs, message", [
    ({"model": "bert"}, "unknown model 'bert'"),
    ({"hanlp_model": "MSRA_NER_ELECTRA_SMALL_ZH"}, "only used with model='hanlp'"),
])
def test_pipeline_model_arguments_are_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Pipeline(**kwargs)


def test_model_labels_map_to_entity_types():
    assert {label: hanlp_ner.ENTITY_TYPES[label] for label in ("NR", "NS", "NT")} == {
        "NR": "PERSON", "NS": "LOCATION", "NT": "ORGANIZATION"}


@pytest.mark.hanlp
def test_cli_hanlp_model_prints_only_json_on_stdout(tiny_model, capsys, tmp_path):
    import json

    from govnews_nlp.cli import main

    article = tmp_path / "a.txt"
    article.write_text(tiny_model[1][0], encoding="utf-8")
    assert main(["extract", "--hanlp-model", str(tiny_model[0]), "--fields", "text", str(article)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["text"].startswith(tiny_model[1][0][:6])
