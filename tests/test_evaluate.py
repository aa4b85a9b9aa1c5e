"""`notices eval` scores gold/2 annotations of real notices by the same rules as the corpus gold."""
import json

import pytest
from click.testing import CliRunner

from notices.cli import cli
from notices.evaluate import score_record


@pytest.fixture()
def run():
    return lambda *args: CliRunner().invoke(cli, list(args))

GOLD2 = {
    "format": "gold/2", "lang": "zh", "date": "2020-06-02", "published": "2020-06-03",
    "kind": "inspection", "authority": "原环境保护部",
    "cities": [{"name": "忻州市", "province": "山西省", "role": "subject"},
               {"name": "原平市", "province": "山西省", "role": "subject"},
               {"name": "太原市", "province": "山西省", "role": "mentioned"}],
    "officials": [{"name": "韦立群", "title": "副市长", "org": "忻州市"}],
    "figures": [{"value": 30, "unit": "万吨", "text": "30万吨"},
                {"value": 12, "unit": "%", "text": "12%"}],
    "deadlines": [{"text": "15个工作日内", "amount": 15, "unit": "working_day"},
                  {"text": "年底前", "amount": None, "unit": "date"}],
    "companies": ["忻州市原平市崞阳镇恒达铸件厂"],
}


def _pred(**over):
    pred = {
        "date": "2020-06-02", "published": "2020-06-03", "kind": "inspection",
        "authority": {"name": "环境保护部", "name_en": "Ministry of Environmental Protection"},
        "cities": [{"name": "忻州市", "name_en": "Xinzhou", "code": "140900", "role": "subject"},
                   {"name": "原平市", "name_en": "Yuanping", "code": "140981", "role": "mentioned"},
                   {"name": "太原市", "name_en": "Taiyuan", "code": "140100", "role": "mentioned"}],
        "officials": [{"name": "韦立群", "title": "副市长"}],
        "figures": [{"value": 300000, "unit": "t", "text": "30万吨"},
                    {"value": 12, "unit": "%", "text": "12%"},
                    {"value": 12, "unit": "%", "text": "12%"}],
        "deadlines": [{"text": "15个工作日内", "amount": 15, "unit": "working_day", "due": "2020-06-23"},
                      {"text": "年底前", "amount": None, "unit": "date", "due": "2020-12-31"}],
        "companies": [{"name": "恒达铸件厂"}],
    }
    pred.update(over)
    return pred


def test_places_count_every_role_and_subjects_only_the_acted_on():
    result = score_record(GOLD2, _pred())
    assert (result.scores["places"].tp, result.scores["places"].fn) == (3, 0)
    assert (result.scores["subjects"].tp, result.scores["subjects"].fn) == (1, 1)


def test_a_figure_matches_with_its_multiplier_and_a_repeated_text_counts_once():
    result = score_record(GOLD2, _pred())
    assert result.scores["figures"].tp == 2 and result.scores["figures"].fp == 0


def test_a_company_matches_without_its_address_chain():
    assert score_record(GOLD2, _pred()).scores["companies"].tp == 1
    other = score_record(GOLD2, _pred(companies=[{"name": "恒达铸造厂"}]))
    assert other.scores["companies"].tp == 0 and other.scores["companies"].fp == 1


def test_a_fixed_date_deadline_matches_by_its_text():
    result = score_record(GOLD2, _pred())
    assert result.scores["deadlines"].tp == 2


def test_the_former_ministry_is_the_ministry():
    assert score_record(GOLD2, _pred()).accuracy["authority"].ok == 1


def test_the_act_and_the_publication_are_scored_apart():
    result = score_record(GOLD2, _pred(date="2020-06-03"))
    assert result.accuracy["date"].ok == 0 and result.accuracy["published"].ok == 1


def test_no_published_in_the_gold_is_not_scored():
    gold = dict(GOLD2, published=None)
    assert "published" not in score_record(gold, _pred(published=None)).accuracy


def test_an_english_name_matches_a_place():
    gold = dict(GOLD2, cities=[{"name": "Xinzhou", "role": "subject"}])
    assert score_record(gold, _pred()).scores["subjects"].tp == 1


@pytest.fixture
def gold2_folder(tmp_path):
    (tmp_path / "r1.txt").write_text(
        "2020年6月2日，环境保护部督查组在忻州市检查，发现忻州市恒达铸件厂违法排污。", encoding="utf-8")
    (tmp_path / "r1.gold.json").write_text(json.dumps({
        "format": "gold/2", "lang": "zh", "date": "2020-06-02", "published": None,
        "kind": "inspection", "authority": "环境保护部",
        "cities": [{"name": "忻州市", "province": "山西省", "role": "subject"},
                   {"name": "阳泉市", "province": "山西省", "role": "mentioned"}],
        "officials": [], "figures": [], "deadlines": [], "companies": ["忻州市恒达铸件厂"],
    }, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_eval_prints_the_gold2_fields_and_the_overall_score(run, gold2_folder):
    result = run("eval", "--format", "json", str(gold2_folder))
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report["fields"]) == {"places", "subjects", "officials", "figures", "deadlines", "companies"}
    assert report["fields"]["places"]["tp"] == 1 and report["fields"]["places"]["fn"] == 1
    assert report["accuracy"]["date"] == {"ok": 1, "n": 1, "accuracy": 1.0}
    assert "published" not in report["accuracy"]
    fields = report["fields"].values()
    tp, gold = sum(f["tp"] for f in fields), sum(f["gold"] for f in fields)
    assert report["overall"]["recall"] == round(tp / gold, 4)


def test_eval_table_lists_accuracy_and_overall(run, gold2_folder):
    result = run("eval", str(gold2_folder))
    assert result.exit_code == 0, result.output
    for label in ("places", "subjects", "companies", "date", "kind", "authority", "overall"):
        assert label in result.output


def test_the_corpus_scores_above_its_floor():
    """A regression on the project's own notices fails CI (overall micro-F1 and each field)."""
    from notices.demo import corpus_dir
    from notices.evaluate import evaluate

    report = evaluate(corpus_dir())
    assert report.micro.f1 >= 0.95, report.to_dict()["overall"]
    low = {k: round(v.f1, 3) for k, v in report.fields.items() if v.f1 < 0.80}
    assert not low, low
    assert report.accuracy["kind"].accuracy >= 0.9 and report.accuracy["date"].accuracy >= 0.9
