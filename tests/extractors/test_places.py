"""Places: resolution by chain and context, what is not a place, and the record's fields.

Phrases are taken from real articles (新闻联播 items, CEC emergency reports, the seed article
from 通州日报); each case names the place as written and the adcode expected, or None when the
text leaves it ambiguous or the place has no code (villages, zones, foreign places).
"""
import pytest

import govnews_nlp
from govnews_nlp.pipeline import Pipeline

nlp = Pipeline(stages=["metadata", "places"])


def places_of(text):
    return {p.name: p for p in nlp(text).places}


RESOLVED = [
    # 通州: Nantong's district in a Nantong article, Beijing's in a Beijing one, ambiguous alone
    ("通州日报讯 张建华指出，通州要争当全市高质量发展排头兵。加快构建以南通高新区为龙头的产业承载体系。", "通州", "320612"),
    ("近日，北京市通州区召开会议。通州城管确认，出事车辆系城管执法车。", "通州区", "110112"),
    ("一辆通州城管执法车撞伤了骑自行车的男孩，行至通州区梨园北街时被撞。", "通州", None),
    # 朝阳: a Beijing district, a Changchun district, a Liaoning city
    ("北京市朝阳区委书记主持会议。", "朝阳区", "110105"),
    ("长春市朝阳区人民法院审理此案。", "朝阳区", "220104"),
    ("辽宁省朝阳市委书记出席活动。", "朝阳市", "211300"),
    ("朝阳区某小区发生火灾。", "朝阳区", None),
    # 西湖区: Hangzhou or Nanchang
    ("浙江省杭州市西湖区转塘街道召开会议。", "西湖区", "330106"),
    ("南昌市西湖区开展专项行动。", "西湖区", "360103"),
    ("西湖区召开全区大会。", "西湖区", None),
    # 鼓楼区: Nanjing, Fuzhou, Xuzhou, Kaifeng
    ("南京市鼓楼区委书记主持会议。", "鼓楼区", "320106"),
    ("带您认识福建省福州市鼓楼区军门社区党委书记林丹。", "鼓楼区", "350102"),
    ("徐州鼓楼区发生交通事故。", "鼓楼区", "320302"),
    ("鼓楼区召开会议。", "鼓楼区", None),
    # towns resolved by the county written before them
    ("江苏省江阴市长泾镇举行签约仪式。", "长泾镇", "320281116"),
    ("江阴市委书记到长泾镇调研。", "长泾镇", "320281116"),
    # a town whose name is unique in the country needs no context
    ("会前，区领导用一天时间对康辉新材料等16个项目和石港镇二级载体平台进行了观摩。", "石港镇", "320612110"),
    ("江苏省南通市通州区石港镇召开会议。", "石港镇", "320612110"),
    ("来看浙江寿昌镇的实践。寿昌镇位于浙江省西部。", "寿昌镇", "330182109"),
    ("内江市东兴区椑木镇几家污染工厂大量排放工业废水。", "椑木镇", "511011110"),
    ("习近平来到琼海市潭门镇看望渔民群众。", "潭门镇", "469002107"),
    ("记者从通许县官方获悉，该县城关镇西仓村一名孤寡老人。", "城关镇", None),
    # an old township under its county: 小河乡 is today 小河镇 of 松潘县, not the 小河乡 of 湖南浏阳
    ("新华调查：四川松潘县小河乡境内突发泥石流。", "小河乡", "513224106"),
    # old names (renamed, or a county turned district or city)
    ("华县大明镇高楼村发生一起疑似食物中毒事件。", "华县", "610503"),
    ("华县大明镇高楼村发生一起疑似食物中毒事件。", "大明镇", "610503103"),
    ("1时许，位于苏州吴江市苏震桃公路与某路交叉口发生追尾。", "吴江市", "320509"),
    ("湖北省襄樊市发生一起交通事故。", "襄樊市", "420600"),
    ("四川攀枝花仁和区和凉山州会理县交界处发生地震。", "会理县", "513402"),
    # short forms
    ("在青海，有一位领导干部。每年春节，尕布龙都会回到老家海北草原。", "海北", "632200"),
    ("回到了老家海北州永丰村。", "海北州", "632200"),
    ("特大自来水污染四川内江6万人喝毒水。", "内江", "511000"),
    ("第二届数字中国建设峰会将于5月6日至8日在福建福州举办。", "福州", "350100"),
    ("连接安徽铜陵、池州和南北沿江高速公路的池州长江大桥今天合龙。", "池州", "341700"),
    ("河北是我工作过的地方，要加强与北京、天津的协同。", "河北", "130000"),
    ("天津市河北区召开会议。", "河北区", "120105"),
    ("B阶段演习在内蒙古落幕。", "内蒙古", "150000"),
    ("石家庄市委原副书记、原市长冀纯堂的代表资格终止。", "石家庄市", "130100"),
    ("在西安召开会议。", "西安", "610100"),  # the city, not 西安区 of 牡丹江 or 辽源
    ("牡丹江市西安区召开会议。", "西安区", "231005"),
    # Hong Kong, Macao, Taiwan
    ("全国各族人民和香港同胞、澳门同胞、台湾同胞致以新春祝福。", "香港", "810000"),
    ("全国各族人民和香港同胞、澳门同胞、台湾同胞致以新春祝福。", "澳门", "820000"),
    ("全国各族人民和香港同胞、澳门同胞、台湾同胞致以新春祝福。", "台湾", "710000"),
    # a development zone, villages, foreign places: named, no code
    ("加快构建以南通高新区为龙头、3个二级平台为支撑的产业承载体系。", "南通高新区", None),
    ("尕布龙来到共和县哈乙亥村蹲点调研。", "哈乙亥村", None),
    ("关停了大量矿山的安吉余村正在寻求新的突破。", "余村", None),
    ("由于与明尼苏达州地方政府实现和解。", "明尼苏达州", None),
    ("来看本台驻平壤记者赵曙光发回的报道。", "平壤", None),
    ("新海旭今天起航赴沙特阿拉伯。", "沙特阿拉伯", None),
    # towns written under their county with another suffix or an old name (today 廉庄镇, 谷堡镇)
    ("周末刚刚过去，宁河县廉庄乡乡长杨志霞，就回到了她所联系的菜园村。", "廉庄乡", "120117112"),
    ("在贵阳市修文县谷堡乡，两年前一家养牛企业落户", "谷堡乡", "520123107"),
    # a town (or tourist town) that the list lacks, written under its county: named, no code
    ("在北京密云古北水镇，无人机翻腾变幻点亮夜空", "古北水镇", None),
    # a city that is also a common word, in a 、-list of cities
    ("在北京密云古北水镇，无人机翻腾变幻点亮夜空；在北海、深圳、武汉等地，夜空中", "北海", "450500"),
    # the jurisdiction inside an organ: academies and research institutes are organs
    ("并为中国科学院数学与系统科学研究院研究员吴文俊等荣获称号", "中国", None),
    ("南田农场场长彭隆荣，福建省光学技术研究所高级工程师赖爱光", "福建省", "350000"),
    # Taiwan's cities and counties: no code in the Ministry's list
    ("特侦组原拟传唤吴淑珍到台北市馆前路的特侦组应讯", "台北市", None),
    ("台湾南投县发生5.3级地震", "南投县", None),
    # foreign cities after a verb, regions named after their city, longer names over shorter ones
    ("在马里乌波尔收集和分类霍乱病原体，并将挑选后的菌株途经基辅送往美国等。", "基辅", None),
    ("在马里乌波尔收集和分类霍乱病原体，并将挑选后的菌株途经基辅送往美国等。", "马里乌波尔", None),
    ("靠近俄乌边界的俄罗斯别尔哥罗德州州长格拉德科夫11日说", "别尔哥罗德州", None),
    ("包括美国国防部在哈尔科夫州的精神病院进行人体实验", "哈尔科夫州", None),
    ("会谈没有涉及乌东部顿涅茨克州和卢甘斯克州的“地位问题”。", "卢甘斯克州", None),
    ("国家主席习近平8日在俄罗斯乌法会见俄罗斯总统普京。", "乌法", None),
    ("外交关系委员会主席哈斯认为，华盛顿基于自身的政治日程", "华盛顿", None),
    ("呼吁各方继续维护协议。欧盟多国官员在当天举行的欧盟外长会议", "欧盟", None),
    ("百名抗议者继续在纽约曼哈顿下城举行集会", "纽约", None),  # a city with a clear left side stands
    ("布托于18日下午抵达卡拉奇，受到成千上万的人民党支持者欢迎", "卡拉奇", None),  # not 达卡
    ("4日抵达塞浦路斯利马索尔港。与俄罗斯、丹麦", "利马索尔", None),
    ("俄军继续封锁马里乌波尔市亚速钢铁厂", "马里乌波尔", None),
    ("新华网莫斯科6月10日电（记者", "莫斯科", None),
    ("受能源短缺影响，德国首都柏林从29日夜间起正式实施", "柏林", None),  # not 都柏林
    ("中央宣讲团成员、中国社会科学院院长、党组书记", "中国", None),  # an academy is an organ
    # an unlisted subdivision written right after a foreign place (real 新闻联播 phrases)
    ("这两架客机分别是从俄勒冈州波特兰市飞往亚特兰大的达美航空公司", "波特兰市", None),
    ("在过去24小时内，俄军对叙利亚哈马省、拉塔基亚省以及阿勒颇省等地", "哈马省", None),
    ("地震后，华盛顿州皮尔斯郡的小学生给汶川", "皮尔斯郡", None),
]


@pytest.mark.parametrize("text,name,adcode", RESOLVED)
def test_place_resolved_as_expected(text, name, adcode):
    places = places_of(text)
    assert name in places, f"{name} not found among {list(places)}"
    assert places[name].adcode == adcode


NOT_PLACES = [
    ("横跨珠江口的南沙大桥正式开通。", "南沙"),  # a bridge's name
    ("同江中俄铁路大桥今天合龙。", "同江"),  # a bridge's name
    ("2020年迪拜世博会中国馆建筑设计方案已经确定。", "迪拜"),  # an event's name
    ("四川电视台《今晚10分》也对此进行两次曝光。", "四川"),  # an outlet's name
    ("通州日报讯 全区项目建设动员大会召开。", "通州"),  # an outlet's name
    ("符合中国人怀柔远人、和谐万邦的理念。北京", "怀柔"),  # an idiom
    ("全党大兴调查研究之风。北京市委召开会议。", "大兴"),  # an ordinary word
    ("会前，区领导对康辉新材料等16个项目进行了集中观摩。", "康辉"),
    ("印尼北部沿海地区都有震感。", "海地"),  # inside 沿海地区
    ("宪法法院院长米兰达，政府部长出席。", "米兰"),  # inside a person's name
    ("吉林首批农村电影流动放映队成立。", "首批农村"),
    ("记者从农业农村部了解到，近年来乡村建设成效显著。", "农业农村"),
    ("研读《中国共产党章程》，为中国人民谋幸福。", "中国"),
    ("在全区一季度项目集中开工仪式之后，我区召开大会，向各镇(街)交办任务。", "全区"),
    ("东方市场上人头攒动。", "东方市"),
    ("迎新时，党员志愿者在紫菘社区学院接待新生。", "紫菘社区"),
    ("公管学子前往武昌区大堤口江滩，守护美丽长江岸线。", "江岸"),  # inside 长江岸线
    ("自然辩证法研究会理事会理事。四川省凉山州", "会理"),  # inside 研究会理事会
    ("旅客可前往汉口站、武昌站乘车。武汉市", "武昌"),  # a station
    ("上海合作组织成员国元首理事会在叶卡捷琳堡举行。", "上海"),  # an organisation
    ("WTO多哈回合谈判取得进展。", "多哈"),  # a trade round
    ("北京时间7月26日，台湾南投县发生地震。", "北京"),
    ("由于与明尼苏达州地方政府实现和解。", "达州"),
    ("危及贵阳母亲河“南明河”。", "南明"),  # a river
    ("宁夏贺兰山东麓，昔日砂石遍地。", "山东"),  # 贺兰山 + 东麓
    ("四议两公开，完善村级治理，改善村容村貌。", "完善村"),
    ("宁河县要求驻村乡镇干部每周住在村里。", "要求驻村"),
    ("上海市消防局接警，位于长兴岛的江南造船厂起火。", "长兴"),
    ("位于珠海南屏北山东桥工业区附近。", "山东"),
    ("太湖南岸的村庄。", "湖南"),  # an island, not 长兴县
    ("俄军继续封锁马里乌波尔市亚速钢铁厂", "马里"),  # the start of a longer foreign name
    ("晚上，胡主席就将乘专机离开罗马前往意大利的另外一座城市", "开罗"),  # 离开 + 罗马
    ("在当地政府财政补贴之下，铜仁市与阿里巴巴携手打造农村电商示范村", "阿里"),  # a company
    ("穿越秦岭和巴山，连接关中平原和汉中平原，通往成都平原", "平原"),  # a plain, not 平原县
    ("北京大兴某某镇噪声污染案", "某某镇"),  # an anonymised name
    ("共同应对《京都议定书》协议的演变，拟定减少二", "京都"),  # a treaty
    ("说的政策是兰考县优化乡党委领导班子", "优化乡"),  # a verb + 乡, not a town
    ("胡锦涛在天津出席发展中国家科学院第十二次学术会议", "中国"),  # inside 发展中国家
    ("西藏自治区主席洛桑江村近日率团访问韩国", "洛桑"),  # inside a person's name
    ("西藏自治区主席洛桑江村近日率团访问韩国", "江村"),
    ("伶则是中国社科院日本研究所的专家。", "日本"),  # the subject of a research unit
    ("受能源短缺影响，德国首都柏林从29日夜间起正式实施", "都柏林"),
    ("希腊总理萨马拉斯夫妇到机场送别", "萨马拉"),  # a person's name
    ("同时吉利德在《新英格兰医学杂志》上发布一项瑞德西韦", "英格兰"),  # a journal
]


def test_place_read_as_a_whole_person_name_stays_a_place():
    # the officials stage may read 唐山 as surname + given name; a place that is the whole "name" stays
    text = "习近平在唐山抗震救灾和新唐山建设40年之际，来到河北唐山市，就实施“十三五”规划调研。"
    doc = govnews_nlp.extract(text)
    tangshan = next(p for p in doc.places if p.adcode == "130200")
    assert (tangshan.name, tangshan.mentions[0].start) == ("唐山", text.index("唐山"))


def test_place_inside_a_person_name_is_no_place():
    text = "胡锦涛、吴邦国、温家宝、贾庆林、李长春、习近平、李克强等领导人到会祝贺。"
    assert "长春" not in {p.name for p in govnews_nlp.extract(text).places}


@pytest.mark.parametrize("text,word", NOT_PLACES)
def test_not_a_place(text, word):
    assert word not in places_of(text)


def test_village_name_with_an_unclear_beginning_is_taken_from_the_same_village_elsewhere():
    places = nlp("使哈乙亥村从远近闻名的贫困村成为富裕村。尕布龙来到共和县哈乙亥村蹲点。").places
    assert [(p.name, len(p.mentions)) for p in places] == [("哈乙亥村", 2), ("共和县", 1)]


def test_foreign_country_before_an_outlet_name_still_counts():
    assert "英国" in places_of("据英国路透社报道，英国首相出席会议。")


def test_zone_swallows_its_prefix_but_informs_context():
    places = places_of("通州要争当排头兵。加快构建以南通高新区为龙头的产业承载体系。")
    assert "南通" not in places
    zone = places["南通高新区"]
    assert (zone.level, zone.adcode, zone.parent_adcode) == ("zone", None, "320600")
    assert places["通州"].adcode == "320612"


def test_chain_gives_every_level_with_parents():
    places = nlp("江苏省南通市通州区石港镇红路村召开会议。").places
    assert [(p.name, p.level, p.adcode, p.parent_adcode) for p in places] == [
        ("江苏省", "province", "320000", None),
        ("南通市", "prefecture", "320600", "320000"),
        ("通州区", "county", "320612", "320600"),
        ("石港镇", "township", "320612110", "320612"),
        ("红路村", "village", None, "320612110"),
    ]


def test_ambiguous_place_lists_its_candidates():
    place = places_of("鼓楼区召开会议。")["鼓楼区"]
    assert place.adcode is None
    assert {"320106", "320302", "350102"} <= set(place.candidates)


def test_short_and_full_forms_are_one_place_named_as_first_written():
    doc = nlp("南通市委书记出席。南通要加快发展，南通市民积极参与。")
    assert [(p.name, p.canonical_name, p.adcode) for p in doc.places] == [("南通市", "南通市", "320600")]
    assert [doc.span_text(s) for s in doc.places[0].mentions] == ["南通市", "南通", "南通市"]


def test_place_inside_a_title_counts():
    places = places_of("中共中央政治局委员、天津市委书记孙春兰陪同调研。")
    assert places["天津市"].adcode == "120000"


def test_foreign_places_have_level_foreign_and_no_code():
    places = places_of("美国前州长和谷歌高管访问朝鲜，在平壤参观了人民大学习堂。")
    assert {name: (p.level, p.adcode) for name, p in places.items()} == {
        "美国": ("foreign", None), "朝鲜": ("foreign", None), "平壤": ("foreign", None)}


def test_official_jurisdiction_informs_context():
    from govnews_nlp.records import Official, Title

    doc = nlp.make_document("通州要争当全市高质量发展排头兵。")
    doc.officials = [Official(name="某某", titles=[Title(text="南通市委书记", jurisdiction="南通市")])]
    from govnews_nlp.extractors import places as stage

    stage.extract(doc)
    assert [(p.name, p.adcode) for p in doc.places] == [("通州", "320612")]


def test_seed_article(seed_doc):
    got = {p.name: p.adcode for p in seed_doc.places}
    assert got == {"通州": "320612", "石港镇": "320612110", "南通高新区": None}


def test_empty_text():
    assert govnews_nlp.extract("").places == []


# --- the shortcuts of the speed work give what the plain patterns give -------------------------

def test_first_character_sets_hold_every_character_that_can_begin_a_match():
    import regex

    from govnews_nlp.extractors import places as stage

    shortcuts = [(stage.ZONE_SUFFIX, stage.ZONE_FIRST), (stage.STREET_AFTER, stage.STREET_FIRST),
                 (stage.CHINA_NOT_BEFORE, stage.CHINA_NOT_BEFORE_FIRST), (stage.VILLAGE_SUFFIX, stage.VILLAGE_FIRST),
                 (stage.FOREIGN_STUDIED_AFTER, stage.FOREIGN_STUDIED_FIRST)]
    han = [chr(code) for code in range(0x4E00, 0xA000)]
    for pattern, first in shortcuts:
        partial = regex.compile(pattern.pattern)
        can_begin = {ch for ch in han if partial.match(ch, partial=True)}
        assert can_begin <= first, (pattern.pattern, sorted(can_begin - first))
    assert "高" in stage.ZONE_FIRST and "路" in stage.STREET_FIRST


def test_organisation_word_starts_hold_the_first_two_characters_of_every_word():
    import regex

    from govnews_nlp.extractors import places as stage

    for pattern in (stage.ORG_WORDS, stage.DOCUMENT_AFTER):
        partial = regex.compile(pattern.pattern)
        chars = sorted({ch for ch in pattern.pattern if "\u4e00" <= ch <= "\u9fff"})
        for first in chars:
            if partial.fullmatch(first):  # a one-character word: 舰
                assert stage.ORG_OR_DOCUMENT_START.fullmatch(first), first
            for second in chars:
                if partial.match(first + second, partial=True):
                    assert stage.ORG_OR_DOCUMENT_START.match(first + second), (pattern.pattern, first + second)
    assert stage.ORG_OR_DOCUMENT_START.fullmatch("舰") and stage.ORG_OR_DOCUMENT_START.fullmatch("日报")


# the word-start prefilter of _org_follows says no only where the whole check says no
@pytest.mark.parametrize("text", [
    "南通日报社记者", "京都议定书生效", "南沙大桥通车", "迪拜世博会开幕", "北京舰入列", "南通市委召开会议",
    "福建省光学技术研究所", "中国科学院院士", "中国作家协会", "莫斯科学院", "南通高速公路", "上海合作组织峰会",
    "北京大学附属中学", "江苏省人民医院", "苏州工业园区", "武汉长江大桥", "巴黎协定", "广州白云国际机场",
    "杭州亚运会", "赴义乌调研", "中国人民银行", "南京理工大学学生",
])
def test_organisation_prefilter_agrees_with_the_whole_check(text):
    from govnews_nlp.extractors import places as stage

    for end in range(len(text) + 1):
        assert stage._org_follows(text, end) == stage._org_word_follows(text, end), (text, end)


# the mentions that _towns_after_counties reads on, found from the suffix characters, are those
# that the look after every mention finds
@pytest.mark.parametrize("text", [
    "宁河县廉庄乡和松潘县小河乡", "北京密云古北水镇", "江苏省南通市通州区石港镇红路村", "在美丽乡村建设中，苏州街道整洁",
    "天津市宁河区廉庄镇、苏木镇和乡亲们", "兰考县优化乡党委领导班子", "镇江乡下苏州街", "四川省凉山州越西县城关镇",
])
def test_mentions_before_a_town_suffix_are_those_a_look_after_each_finds(text):
    from govnews_nlp.extractors import places as stage
    from govnews_nlp.gazetteer import gazetteer

    mentions, _foreign = stage._select(text, gazetteer())
    assert mentions
    expected = [i for i, m in enumerate(mentions) if not stage.TOWN_SUFFIX_FIRST.isdisjoint(text[m.end + 2:m.end + 5])]
    assert stage._before_town_suffix(text, mentions) == expected


# the one scan for the ends of village names finds what the suffix scan and its two filters found
@pytest.mark.parametrize("text", [
    "村里来了游客", "红路村是个好地方", "伊南河林场职工", "建设美丽乡村，农村村民", "村务公开，村规民约，村容村貌",
    "哈乙亥村村民和社区工作者", "东城社区卫生服务中心", "嘎查牧民在牧场和农场劳动", "村学院村医院", "乡村振兴，村村通",
])
def test_village_ends_are_those_the_filtered_suffix_scan_finds(text):
    from govnews_nlp.extractors import places as stage

    expected = [(hit.start(), hit.end()) for hit in stage.VILLAGE_SUFFIX.finditer(text)
                if not (hit.group() == "村" and hit.start() > 0 and text[hit.start() - 1] in "农乡")
                and not stage.VILLAGE_NOT_AFTER.match(text, hit.end())]
    assert [(hit.start(), hit.end()) for hit in stage.VILLAGE_END.finditer(text)] == expected


def test_quick_exits_hold_every_word_they_stand_for():
    from govnews_nlp.extractors import places as stage

    # the towns after counties are skipped when none of these four characters is in the text
    assert stage.TOWN_SUFFIX_FIRST == frozenset("镇乡街苏")
    # the foreign subdivisions are tried only after a character of their pattern's class
    assert stage.FOREIGN_SUBDIVISION.pattern.startswith("[" + "".join(sorted(stage.FOREIGN_SUBDIVISION_FIRST)) + "]")


@pytest.mark.parametrize("text,expected", [
    ("村里来了游客", []), ("红路村是个好地方", ["红路村"]), ("伊南河林场职工", ["伊南河林场"]),
])
def test_villages_found_by_the_suffix_scan(text, expected):
    doc = govnews_nlp.extract(text)
    assert [p.name for p in doc.places if p.level == "village"] == expected


@pytest.mark.parametrize("text,end,window", [
    ("南通日报社的记者", 2, "日报社"),           # up to a stop character
    ("北京市人民政府办公厅印发新版通知", 2, "市人民政府办公厅印发"),  # at most ten characters
    ("福建，厦门", 2, ""),
    ("中国GDP增长", 2, ""),                      # not Han
    ("通州", 2, ""),
])
def test_organisation_window_ends_at_a_stop_or_a_non_han_character(text, end, window):
    from govnews_nlp.extractors import places as stage

    assert text[end:stage.ORG_TAIL.match(text, end).end()] == window


@pytest.mark.parametrize("text,cue", [
    ("赴义乌调研", 2), ("来到安吉", 2), ("在义乌", 1), ("义乌", 0), ("发展义乌", 0),
    ("水源来自\n义乌", 2),  # a line break between cue and name, as in texts broken into lines
])
def test_place_cue_before_a_name(text, cue):
    from govnews_nlp.extractors import places as stage

    assert stage._cue_before(text, text.index("义乌" if "义乌" in text else "安吉")) == cue


# the last-character test before the cue search says no only where the search finds nothing
@pytest.mark.parametrize("text", [
    "省委书记赴义乌调研，随后来到安吉", "水源来自\n义乌", "他在义乌工作，老家在安吉，家乡是湖州", "抵达平壤后前往开城",
    "企业落户南通，途经盐城返回南京", "位于地处江南的苏州", "去年驻村",
])
def test_place_cue_prefilter_agrees_with_the_search(text):
    from govnews_nlp.extractors import places as stage

    for start in range(len(text) + 1):
        hit = stage.PLACE_CUE_BEFORE.search(text, max(0, start - 3), start)
        expected = 0 if hit is None else 2 if hit.group() in stage.STRONG_PLACE_CUES else 1
        assert stage._cue_before(text, start) == expected, (text, start)


@pytest.mark.parametrize("text", ["调研组来到石桥乡", "调研组来到石桥乡。"])
def test_town_in_xiang_at_the_end_of_the_text_is_a_place(text):
    doc = nlp(text)
    assert [place.name for place in doc.places] == ["石桥乡"]


def test_xiang_running_on_into_a_word_is_no_place():
    assert nlp("建设美丽乡村，服务乡亲").places == []


# the links of names written one after the other are kept across articles: what an article gets
# must not depend on what came before it, nor on the cache being emptied on the way
@pytest.mark.parametrize("text", [
    "江苏省南通市通州区石港镇红路村召开会议。", "北京市通州区和南通市通州区", "宁河县廉庄乡和松潘县小河乡",
    "甘肃省临夏州城关镇和西藏城关镇",
])
def test_chain_links_do_not_depend_on_earlier_articles(monkeypatch, text):
    from govnews_nlp.extractors import places as stage

    def dump(doc):
        return [place.model_dump() for place in doc.places]

    stage._CHAIN_LINKS.clear()
    fresh = dump(nlp(text))
    assert dump(nlp(text)) == fresh  # every link from the cache
    monkeypatch.setattr(stage, "CHAIN_LINKS_KEPT", 1)  # emptied before every new link
    for other in ("北京市朝阳区", "江苏南京鼓楼区", text):
        nlp(other)
    assert dump(nlp(text)) == fresh


# a short form that is also a common word (大兴) counts through the full name written elsewhere, a
# cue with a place of the same city, a chain or a list; with none of them it is left out before
# the rounds of _accept_and_resolve, and only that mention
@pytest.mark.parametrize("text, spans", [
    ("北京市大兴区召开会议。大兴要抓好落实。", [(3, 6), (11, 13)]),  # the full name
    ("市领导在大兴调研。北京市委召开会议。", [(4, 6)]),               # a cue and 北京
    ("北京大兴召开会议。", [(2, 4)]),                                 # a chain
    ("全党大兴调查研究之风。北京市委召开会议。", []),                 # none
    ("大兴调查研究，北京大兴", [(9, 11)]),                            # none for the first
])
def test_common_word_counts_only_with_support(text, spans):
    places = [p for p in nlp(text).places if p.adcode == "110115"]
    assert [(s.start, s.end) for p in places for s in p.mentions] == spans


@pytest.mark.parametrize("text", [
    "近日，北京市通州区召开会议。通州城管确认，出事车辆系城管执法车。",
    "习近平抵达哈萨克斯坦首都阿斯塔纳，在南通高新区、共和县哈乙亥村考察。",
])
def test_place_records_are_what_model_construct_builds(text):
    from govnews_nlp.extractors.places import _place_record
    from govnews_nlp.records import Place

    places = nlp(text).places
    assert places
    for place in places:
        fields = {name: getattr(place, name) for name in Place.model_fields}
        built, constructed = _place_record(**fields), Place.model_construct(**fields)
        assert built == constructed == place
        assert built.__dict__ == constructed.__dict__ and list(built.__dict__) == list(constructed.__dict__)
        assert built.model_fields_set == constructed.model_fields_set == place.model_fields_set
        assert (built.__pydantic_extra__, built.__pydantic_private__) == (
            constructed.__pydantic_extra__, constructed.__pydantic_private__)
        assert built.model_dump_json() == constructed.model_dump_json()


def test_foreign_names_take_the_short_way_through_classify():
    """_classify settles a foreign name in its own branch: that is right only while every foreign
    name stands on its own and none is one of the provinces read across a direction word."""
    from govnews_nlp.extractors.places import DIRECTION_PROVINCES, _strength
    from govnews_nlp.gazetteer import gazetteer

    foreign = [s for s in gazetteer().surfaces.values() if s.kind == "foreign"]
    assert len(foreign) > 100
    assert all(_strength(s) == (True, 0) for s in foreign)
    assert not {s.text for s in foreign} & DIRECTION_PROVINCES
    assert {p.name: p.level for p in nlp("俄罗斯总统普京抵达哈尔科夫州，会见美国塔科马市代表。").places} == {
        "俄罗斯": "foreign", "哈尔科夫州": "foreign", "美国": "foreign", "塔科马市": "foreign"}
