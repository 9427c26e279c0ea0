"""The officials stage: seed article, known failure modes of other tools, lists, links, authors."""
import pytest

from govnews_nlp.extractors import officials
from govnews_nlp.pipeline import Pipeline
from govnews_nlp.records import Author

SEED_LEADERS = ["陈艳梅", "葛锦坤", "高洪军", "樊小燕", "王瑜彬", "佘德华", "施骁毅",
                "陈金祥", "朱卫民", "陈兵", "陆忠华", "张连清", "张斌辉"]


@pytest.fixture(scope="module")
def bare():
    return Pipeline(stages=[])


def people(bare, text, **flags):
    return {p.name: p for p in officials.find_people(bare(text), **flags)}


def titles_of(person):
    return [t.text for t in person.titles]


# --- the seed article ------------------------------------------------------------------

def test_seed_officials_in_order_with_titles(seed_doc):
    found = [(o.name, titles_of(o)) for o in seed_doc.officials]
    assert found[:3] == [
        ("张建华", ["市委常委", "区委书记"]),
        ("王少勇", ["区委副书记", "区长"]),
        ("徐林锋", ["区委副书记", "政法委书记"]),
    ]
    assert found[3:] == [(name, []) for name in SEED_LEADERS]
    assert [o.first_mention_order for o in seed_doc.officials] == list(range(len(found)))


def test_seed_title_parts(seed_doc):
    zhang = seed_doc.officials[0]
    assert [(t.organ, t.position) for t in zhang.titles] == [("市委", "常委"), ("区委", "书记")]


def test_seed_mentions_are_exact_and_link_bare_mentions(seed_doc):
    for official in seed_doc.officials:
        assert official.mentions
        for span in official.mentions:
            assert seed_doc.text[span.start:span.end] == official.name
    zhang = seed_doc.officials[0]
    assert len(zhang.mentions) == 4                  # 张建华出席, 张建华指出, 张建华强调 ×2


def test_seed_roles(seed_doc):
    roles = {o.name: o.roles for o in seed_doc.officials}
    assert roles["张建华"] == ["出席", "强调", "指出"]
    assert roles["王少勇"] == ["点评", "布置"]
    assert roles["徐林锋"] == ["主持"]
    assert all(roles[name] == ["参加"] for name in SEED_LEADERS)


def test_seed_authors_are_not_officials(seed_doc):
    names = {o.name for o in seed_doc.officials}
    assert not names & {"施伟办", "瞿镇辅", "顾艳"}


# --- failure modes of other tools ----------------------------------------------------------

def test_defence_minister_is_one_title(bare):
    found = people(bare, "国防部长魏凤和出席")
    assert list(found) == ["魏凤和"]
    title = found["魏凤和"].titles[0]
    assert (title.text, title.organ, title.position) == ("国防部长", "国防部", "部长")


def test_party_group_secretary_name_ends_before_yu(bare):
    found = people(bare, "省财政厅党组书记江成与会")
    assert list(found) == ["江成"]
    assert titles_of(found["江成"]) == ["省财政厅党组书记"]


def test_jiangyin_changjing_town_gives_no_mayor(bare):
    assert people(bare, "江阴市长泾镇的村民说") == {}
    found = people(bare, "江阴市长泾镇党委书记张三主持会议")
    assert list(found) == ["张三"]
    title = found["张三"].titles[0]
    assert (title.text, title.jurisdiction, title.organ) == ("江阴市长泾镇党委书记", "江阴市长泾镇", "党委")


def test_deputy_representative_name_is_whole(bare):
    found = people(bare, "中国常驻联合国副代表俞建华在安理会发言")
    assert list(found) == ["俞建华"]
    assert titles_of(found["俞建华"]) == ["中国常驻联合国副代表"]


@pytest.mark.parametrize("text, titles", [
    ("习近平总书记指出，", ["总书记"]),
    ("中共中央总书记、国家主席、中央军委主席习近平10日在河北雄安新区考察", ["中共中央总书记", "国家主席", "中央军委主席"]),
])
def test_xi_jinping_is_one_name(bare, text, titles):
    found = people(bare, text)
    assert list(found) == ["习近平"]
    assert titles_of(found["习近平"]) == titles


@pytest.mark.parametrize("text", ["村民张某某说", "XX书记表示，要", "王东和李四出席"])
def test_placeholders_and_conjunctions_are_not_names(bare, text):
    assert people(bare, text) == {}


# --- lists, shared titles, links ---------------------------------------------------------

def test_group_label_gives_no_title(bare):
    found = people(bare, "区领导陈艳梅、葛锦坤、高洪军参加活动。")
    assert [(n, titles_of(p), p.roles) for n, p in found.items()] == [
        ("陈艳梅", [], ["参加"]), ("葛锦坤", [], ["参加"]), ("高洪军", [], ["参加"])]


def test_a_title_is_shared_by_the_list_after_its_name(bare):
    found = people(bare, "省委书记吉炳轩、省长栗战书、副省长吕维峰、孙永波，")
    assert {n: titles_of(p) for n, p in found.items()} == {
        "吉炳轩": ["省委书记"], "栗战书": ["省长"], "吕维峰": ["副省长"], "孙永波": ["副省长"]}


def test_a_list_with_a_known_person_names_people(bare):
    found = people(bare, "国务院副总理刘鹤出席。丁薛祥、刘鹤、何立峰参加。")
    assert set(found) == {"刘鹤", "丁薛祥", "何立峰"}
    assert titles_of(found["丁薛祥"]) == []


def test_later_mentions_link_to_the_titled_person(bare):
    doc = bare("区委书记张建华出席会议。张建华指出，要抓项目。")
    (zhang,) = officials.find_people(doc)
    assert [doc.text[s.start:s.end] for s in zhang.mentions] == ["张建华", "张建华"]
    assert zhang.roles == ["出席", "指出"]


def test_one_entry_per_position(bare):
    found = people(bare, "石家庄原市长冀纯堂被终止资格。石家庄市委原副书记、原市长冀纯堂的资格终止。")
    assert titles_of(found["冀纯堂"]) == ["石家庄原市长", "石家庄市委原副书记"]


# --- authors ---------------------------------------------------------------------------------

def test_authors_from_metadata_are_never_officials(bare):
    doc = bare("区委书记张建华出席会议。")
    doc.authors = [Author.model_construct(name="张建华", role="记者", spans=[])]
    assert officials.find_people(doc) == []


def test_reporters_in_the_text_are_never_officials(bare):
    assert people(bare, "来看本台驻平壤记者赵曙光发回的报道。") == {}
    assert people(bare, "（通讯员施伟办 瞿镇辅 记者顾艳）区委书记张建华出席") .keys() == {"张建华"}


# --- rules and model fused -------------------------------------------------------------------

def test_model_adds_names_the_rules_cannot_anchor(bare):
    text = "情绪激动的村民叫蒋淑兰，因为邻里纠纷，不愿意配合。"
    assert "蒋淑兰" not in people(bare, text, model=False)
    found = people(bare, text)
    assert found["蒋淑兰"].source == "jieba"
    assert found["蒋淑兰"].titles == []


def test_model_does_not_override_rules(bare):
    found = people(bare, "美国前州长理查森和谷歌高管施密特一行今天参观了")
    assert titles_of(found["理查森"]) == ["美国前州长"]
    assert found["理查森"].source == "rule"


def test_model_alone_finds_names_without_titles(bare):
    found = people(bare, "美国公民裴俊浩被朝鲜扣留。", rules=False)
    assert "裴俊浩" in found


def test_surname_and_position_link_roles_not_mentions(bare):
    doc = bare("区委书记张建华出席会议。会上，张书记强调，要抓项目。")
    (zhang,) = officials.find_people(doc)
    assert zhang.roles == ["出席", "强调"]
    assert [doc.text[s.start:s.end] for s in zhang.mentions] == ["张建华"]


class _FakeRecognizer:
    """Stands in for a loaded HanLP model: returns the PERSON entities it is given."""

    def __init__(self, people):
        self.people = people

    def __call__(self, text):
        from govnews_nlp.models.hanlp_ner import Entity

        found = []
        for name in self.people:
            at = text.find(name)
            if at >= 0:
                found.append(Entity("PERSON", at, at + len(name), name, "PERSON"))
        return found


def test_hanlp_candidates_are_fused_when_the_pipeline_has_the_model(bare):
    doc = bare("美国前州长理查森和谷歌高管施密特一行今天参观了人民大学习堂。")
    doc._ner = _FakeRecognizer(["理查森", "施密特", "查森和", "人民大"])
    found = {p.name: p for p in officials.find_people(doc)}
    assert found["理查森"].source == "rule"                 # the rules read it first, with its title
    assert titles_of(found["理查森"]) == ["美国前州长"]
    assert found["施密特"].source == "hanlp"
    assert "查森和" not in found                             # overlaps a rule's name: the rule stands
    assert "人民大" not in found                             # 人民 is a common word, no name


def test_a_role_in_the_group_label_goes_to_every_listed_person(bare):
    found = people(bare, "出席活动的区领导还有陈艳梅、葛锦坤、高洪军。")
    assert {n: (titles_of(p), p.roles) for n, p in found.items()} == {
        "陈艳梅": ([], ["出席"]), "葛锦坤": ([], ["出席"]), "高洪军": ([], ["出席"])}


def test_two_cues_make_a_person_without_the_model(bare):
    text = ("90后的陈钇任，是寿昌镇最年轻的干部。"
            "对陈钇任等3名走访进度严重滞后的干部进行约谈。")
    found = people(bare, text, model=False)
    assert list(found) == ["陈钇任"]
    assert found["陈钇任"].source == "rule" and len(found["陈钇任"].mentions) == 2


def test_a_list_followed_by_a_role_verb_is_read_by_the_model(bare):
    found = people(bare, "王沪宁、栗战书、杨洁篪等出席。")
    assert set(found) == {"王沪宁", "栗战书", "杨洁篪"}
    assert all(p.source == "jieba" and p.titles == [] for p in found.values())


@pytest.mark.parametrize("text, names", [
    ("张建华出席。张建华强调，张建华同志", ["张建华"]),
    ("王少勇、王少勇王少勇", ["王少勇"]),
    ("欧阳明高与欧阳明会见", ["欧阳明高", "欧阳明"]),          # the longer name wins where both start
    ("李强李强国李强", ["李强国", "李强"]),
    ("", ["张建华"]),
])
def test_occurrences_are_what_an_alternation_finds(text, names):
    import regex

    expected = [(*m.span(), m.group()) for m in regex.compile("|".join(map(regex.escape, names))).finditer(text)]
    assert officials._occurrences(text, names) == expected


# --- names with no title (新闻联播, THUCNews) ---------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("李克强说，在以习近平同志为核心的党中央坚强领导下，", "习近平"),
    ("陈水扁夫人吴淑珍24日下午2时30分前往“最高检察署”应讯，", "吴淑珍"),
    ("陈水扁、吴淑珍两人，则同样因涉嫌收贿而面临三度被起诉的命运。", "陈水扁"),
    ("张德江夫人辛树森、全国人大常委会副委员长兼秘书长王晨分别参加了相关活动", "辛树森"),
])
def test_untitled_names_with_a_person_cue(bare, text, name):
    found = people(bare, text)
    assert name in found and titles_of(found[name]) == []


@pytest.mark.parametrize("text", [
    "向全体同志致以问候，广大同志要坚定信心。",
    "经李克强总理签批，国务院日前印发",               # 签批 is a verb, no name after 总理
    "穆沙拉夫2001年就任巴总统，2008年辞职。",          # 就任 is a word: no 任巴
    "阿拉伯国家联盟首脑理事会轮值主席国科威特埃米尔萨巴赫也向",  # 主席国 is a word
    "将由欧盟成员国参考人口规模、国内生产总值",
    "这是我担任中国国务院总理后首次正式访问韩国",
    "在我的老家湖北省长阳土家族自治县，魔芋原本只是",
    "伊朗总统由选民直接投票选举产生，",
    "自治区领导来乡里听取意见，",
    "党和国家领导人步行来到广场中央，",
    "世界经济论坛主席施瓦布、卢旺达总统卡加梅、丹麦首相托宁—施密特、",
    "依法选出新一任行政长官候任人。",
    "焦作市长带着督查组刚到下官村，",
    "朱总司令说，",
    "一声声问候，一句句祝福，充满着总书记关心关怀基层一线劳动者的深情。",
    "受到刚果共和国总统萨苏和夫人热情迎接。",           # 萨苏和 is no name
    "党内自副主席以下的一级主管，都将提出总辞",
    "李克强回忆起几年前同布多昂的父亲、庞巴迪前总裁会面的情形。",
])
def test_no_person_from_these_phrases(bare, text):
    found = people(bare, text)
    assert not set(found) & {"全体", "广大", "萨苏和", "党内自", "庞巴迪", "签批", "任巴", "国科威", "国参考",
                             "后首次", "阳土家", "由选民", "来乡里", "步行来", "卢旺达", "候任人", "带着",
                             "朱总", "充满着"}


def test_a_given_name_alone_is_the_person_already_named(bare):
    found = people(bare, "国民党主席吴伯雄在开幕式上发表演讲。伯雄认为，经贸与文化是连接两岸的桥梁。")
    assert list(found) == ["吴伯雄"]



@pytest.mark.parametrize("text, expected, asked", [
    # what follows says people: the model is asked until two items read as names, then no more
    ("会上，王建军、李明华、张卫东出席。", ["王建军", "李明华", "张卫东"], 2),
    # nothing after the list says people and no person of the article is in it: the model is not asked
    ("会上，王建军、李明华、张卫东的材料。", [], 0),
])
def test_model_lists_ask_the_model_only_while_it_matters(bare, monkeypatch, text, expected, asked):
    names = []
    uncached = officials.model_says_person.__wrapped__

    def counting(name):
        names.append(name)
        return uncached(name)

    monkeypatch.setattr(officials, "model_says_person", counting)
    found = people(bare, text)
    assert list(found) == expected
    assert len([n for n in names if n in ("王建军", "李明华", "张卫东")]) == asked


# --- the automatons scan what the word-list tries would ------------------------------------------

@pytest.mark.parametrize("matcher, words, text", [
    ("confirming_matcher", "confirming", "王沪宁、栗战书、杨洁篪等出席。张建华指出，李四一行来到，王五强调调研工作，作报告告诉大家"),
    ("cue_matcher", "cue", "村民蒋淑兰、犯罪嫌疑人黄俊违和职工员工工人名叫叫张三的同学学生"),
    ("reporter_matcher", "reporter", "记者顾艳 通讯员施伟办 瞿镇辅（本报记者 王日春）总编辑王日春"),
])
def test_automatons_find_what_the_word_tries_find(matcher, words, text):
    import re

    from govnews_nlp.data import read_lines
    from govnews_nlp.names import confirming_followers
    from govnews_nlp.wordtrie import trie_pattern

    word_list = {"confirming": confirming_followers(), "cue": read_lines("person_cues.txt"),
                 "reporter": read_lines("reporter_roles.txt")}[words]
    expected = [m.span() for m in re.finditer(trie_pattern(word_list), text)]
    found = [(start, end) for _index, start, end in officials._patterns()[matcher].find_matches_as_indexes(text)]
    assert found == expected and len(found) >= 3


def test_records_built_directly_are_model_constructs():
    from govnews_nlp.records import Official, Span, Title
    from govnews_nlp.titles import find_titles

    match = find_titles("南通市委书记张建华出席")[0]
    fast = officials._title_record(match)
    slow = Title.model_construct(text=match.text, organ=match.parts.organ, position=match.parts.position,
                                 jurisdiction=match.parts.jurisdiction, span=Span.of(match.start, match.end))
    assert fast == slow and fast.__dict__ == slow.__dict__ and list(fast.__dict__) == list(slow.__dict__)
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.__pydantic_extra__ == slow.__pydantic_extra__ and fast.__pydantic_private__ == slow.__pydantic_private__
    assert fast.model_dump_json() == slow.model_dump_json() == Title.model_validate(slow.model_dump()).model_dump_json()
    person = officials._official_record("张建华", [fast], ["出席"], 0, [Span.of(6, 9)], "rule")
    expected = Official.model_construct(name="张建华", titles=[slow], roles=["出席"], first_mention_order=0,
                                        mentions=[Span.of(6, 9)], source="rule")
    assert person == expected and list(person.__dict__) == list(expected.__dict__)
    assert person.model_fields_set == expected.model_fields_set
    assert person.__pydantic_extra__ == expected.__pydantic_extra__
    assert person.__pydantic_private__ == expected.__pydantic_private__
    assert person.model_dump_json() == expected.model_dump_json()


# --- patterns moved from regex (\p{Han}, \s) to re (script.HAN) find the same ---------------------

@pytest.mark.parametrize("text", [
    "丁薛祥、刘鹤、何立峰参加。早谋划、早部署、早发力，区领导陈艳梅、葛锦坤、王沪宁、栗战书、杨洁篪等出席",
    "A、BC、DE，张三、李四、王五六七八九、赵钱、〇〇、𠀋𠀋、孙、周吴郑王、冯陈褚卫蒋",
    "、、张三、、李四、王五",
])
def test_short_item_lists_are_what_regex_finds(text):
    import regex

    expected = [m.span() for m in regex.finditer(r"、(?<=\p{Han}{2}、)\p{Han}{2,4}(?:、\p{Han}{2,4})*", text)]
    assert [m.span() for m in officials.SHORT_ITEM_LIST_RE.finditer(text)] == expected and expected


def test_a_list_whose_last_item_has_no_surname_or_joiner_reads_no_name_there():
    """_model_lists skips such lists before reading: read_name finds no name at their last item."""
    from govnews_nlp.names import find_dotted_joiner, read_name, surnames

    single, compound = surnames()
    text = ("克里木、彭丽媛、董文华、程志出席。早谋划、早部署、早发力。丁薛祥、刘鹤、买买提·艾力参加，"
            "沧州、石家庄等地，欧阳、司马光等人，吕维峰、孙永波陪同，北京、天津、河北协同发展，"
            "创新、协调、绿色、开放、共享的发展理念，教育、医疗、住房、交通等民生")
    skipped = read = 0
    for run in officials.SHORT_ITEM_LIST_RE.finditer(text):
        last = text.rindex("、", run.start(), run.end()) + 1
        if text[last] not in single and text[last:last + 2] not in compound \
                and find_dotted_joiner(text, last + 1, last + 7) is None:
            assert read_name(text, last) is None
            skipped += 1
        elif read_name(text, last) is not None:
            read += 1
    assert skipped >= 3 and read >= 3


@pytest.mark.parametrize("text", [
    "他（张三）说，她 （李四）和他\u3000（王五五）以及她\x1c（赵六）、他(钱七)他（〇〇）他（A）",
    "记者问他(刘鹤)是否出席，她（孙春兰）表示",
])
def test_pronoun_parentheses_are_what_regex_finds(text):
    import regex

    expected = [m.span(1) for m in regex.finditer(r"[他她]\s{0,1}[（(](\p{Han}{2,4})[）)]", text)]
    assert [m.span(1) for m in officials._patterns()["paren"].finditer(text)] == expected and len(expected) >= 2


@pytest.mark.parametrize("phrase", ["欧阳坚出席会议", "司马南表示", "诸葛亮说", "上官婉儿", "张建华出席会议", "欧洲议会议长"])
def test_compound_surname_first_char_test_agrees_with_the_lookup(phrase):
    """The hot paths look a compound surname up only after its first character (one slice fewer):
    that must find exactly what the plain lookup finds, at every position of real phrases."""
    from govnews_nlp.names import compound_surname_firsts, surnames

    compound = surnames()[1]
    firsts = compound_surname_firsts()
    assert "欧" in firsts and "司" in firsts and "张" not in firsts
    for i in range(len(phrase)):
        assert (phrase[i] in firsts and phrase[i:i + 2] in compound) == (phrase[i:i + 2] in compound)


@pytest.mark.parametrize("part", ["买买提", "阿不来提", "市长买买", "艾力书记", "主席", "赛义德", "总书记阿", "约翰"])
def test_holds_position_agrees_with_searching_every_position_word(part):
    """names._holds_position looks the substrings of a dotted name's first part up; it must agree
    with searching for every position word in it."""
    from govnews_nlp.names import _holds_position, _positions

    assert _holds_position(part) == any(p in part for p in _positions())
