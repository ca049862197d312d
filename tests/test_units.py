"""Responsible units (extract/units.py): who is asked to act, named canonically."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.units import (
    UnitContext,
    context_from_text,
    find_unit_mentions,
    find_units,
    gazetteer,
    in_gazetteer,
    unit_pipeline,
    with_speaker,
)

TAICHUNG = UnitContext(government="臺中市政府")
CHIAYI = UnitContext(government="嘉義市政府")
MOHW = UnitContext(host="衛生福利部", default_addressee="衛生福利部")
CENTRAL = UnitContext()
GOLD = Path(__file__).resolve().parent.parent / "corpus" / "gold"


def asked(text, context=TAICHUNG):
    return [(u.canonical, u.role) for u in find_units(text, context)]


def canonicals(text, context=TAICHUNG):
    return [u.canonical for u in find_units(text, context)]


# --- the document's context ---------------------------------------------------

@pytest.mark.parametrize("header, government", [
    ("臺中市強化社會安全網推動會報 112年第 3 次會議紀錄", "臺中市政府"),
    ("台中市政府市政會議紀錄", "臺中市政府"),
    ("強化社會安全網第二期計畫嘉義市行政輔導團會議紀錄\n地點：嘉義市政府八樓第一會議室", "嘉義市政府"),
    ("彰化縣政府縣務會議紀錄", "彰化縣政府"),
    ("臺中市議會第4屆第3次定期會 專案報告 臺中市政府社會局", "臺中市政府"),
    ("行政院第3900次院會紀錄", None),
])
def test_context_names_the_local_government(header, government):
    assert context_from_text(header).government == government


def test_central_document_is_hosted_by_its_ministry():
    header = "強化社會安全網政策溝通平臺第14次專案會議紀錄\n地點：本部301會議室\n報告單位：衛生福利部社會及家庭署"
    context = context_from_text(header)
    assert (context.government, context.host) == (None, "衛生福利部")


# --- canonical names ------------------------------------------------------------

@pytest.mark.parametrize("text, context, canonical", [
    ("請衛生局於局務會議提出並加強策進。", TAICHUNG, "臺中市政府衛生局"),
    ("請少年輔導委員會另於本市少年輔導委員會議提案討論。", TAICHUNG, "臺中市少年輔導委員會"),
    ("請少輔會加強輔導", TAICHUNG, "臺中市少年輔導委員會"),
    ("請家防中心追蹤", TAICHUNG, "臺中市家庭暴力及性侵害防治中心"),
    ("請都發局協助", TAICHUNG, "臺中市政府都市發展局"),
    ("請社會處辦理", CHIAYI, "嘉義市政府社會處"),
    ("請台中市政府社會局辦理", CENTRAL, "臺中市政府社會局"),
    ("請心健司儘速完成社區心理衛生中心設置標準。", MOHW, "衛生福利部心理健康司"),
    ("請社家署依各地方政府意見進行修正", MOHW, "衛生福利部社會及家庭署"),
    ("請衛福部同意社工跨轄參訓", MOHW, "衛生福利部"),
    ("請衛福部社家署研議", MOHW, "衛生福利部社會及家庭署"),
    ("請人事總處研議", CENTRAL, "行政院人事行政總處"),
    ("請主計總處協助", CENTRAL, "行政院主計總處"),
    ("請勞發署提供就業服務", CENTRAL, "勞動部勞動力發展署"),
    ("請內政部移民署於下次會議提出專案報告", MOHW, "內政部移民署"),
    ("建請貴部儘速介接精神照護資訊管理系統", MOHW, "衛生福利部"),
])
def test_canonical_names(text, context, canonical):
    assert canonicals(text, context) == [canonical]


def test_raw_keeps_the_name_as_written():
    unit = find_units("請台中市政府社會局辦理", CENTRAL)[0]
    assert (unit.raw, unit.canonical) == ("台中市政府社會局", "臺中市政府社會局")


def test_unknown_unit_is_kept_as_written_and_flagged():
    units = find_units("請臺灣嘉義地方檢察署協助周知", CHIAYI)
    assert [(u.raw, u.canonical) for u in units] == [("臺灣嘉義地方檢察署", "臺灣嘉義地方檢察署")]
    assert not in_gazetteer("臺灣嘉義地方檢察署")
    assert in_gazetteer("臺中市政府衛生局") and in_gazetteer("衛生福利部心理健康司")


def test_every_gold_unit_is_in_the_gazetteer_or_kept_as_written():
    """The gazetteer covers every official name the annotators used."""
    data = gazetteer()
    for path in GOLD.glob("*.json"):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            for unit in item["responsible_units"]:
                name = unit["canonical"]
                assert "台" not in name
                assert (in_gazetteer(name) or name in data.collectives or name == unit["raw"]
                        or any(name.endswith(t) for t in data.titles)), name


def test_pipeline_is_built_once():
    assert unit_pipeline() is unit_pipeline()
    assert unit_pipeline().pipe_names == ["lieguan_unit_gazetteer"]


# --- who is asked ----------------------------------------------------------------

def test_first_asked_leads_and_another_clause_assists():
    text = "請民政局加強督導同仁應出席本府相關跨網絡聯繫會議，另請社會局加強與警察局等相關單位之橫向聯繫，以積極達標。"
    assert asked(text) == [("臺中市政府民政局", "lead"), ("臺中市政府社會局", "assist")]


@pytest.mark.parametrize("text, expected", [
    ("請心健司及法務部矯正署儘速完成系統介接，另請法務部務必妥適運用資料。",
     [("衛生福利部心理健康司", "lead"), ("法務部矯正署", "assist"), ("法務部", "assist")]),
    ("市長提示：請社會局會同衛生局、教育局於二週內研提方案。",
     [("臺中市政府社會局", "lead"), ("臺中市政府衛生局", "assist"), ("臺中市政府教育局", "assist")]),
    ("縣長裁示：請社會處協調警察局辦理。",
     [("彰化縣政府社會處", "lead"), ("彰化縣警察局", "assist")]),
    ("院長提示：請國發會會同主計總處檢討。", [("國家發展委員會", "lead"), ("行政院主計總處", "assist")]),
    ("本案由民政局主政，社會局協辦。", [("臺中市政府民政局", "lead"), ("臺中市政府社會局", "assist")]),
    ("加強宣導反詐騙（民政局）", [("臺中市政府民政局", "lead")]),
    ("請加強宣導,並定期回報(主辦:民政局;協辦:社會局、衛生局)",
     [("臺中市政府民政局", "lead"), ("臺中市政府社會局", "assist"), ("臺中市政府衛生局", "assist")]),
])
def test_roles_in_other_house_styles(text, expected):
    context = UnitContext(government="彰化縣政府") if "縣長" in text else (CENTRAL if "院長" in text else TAICHUNG)
    assert asked(text, context) == expected


def test_an_aside_in_parentheses_is_not_a_unit():
    assert asked("預訂於113年3月8日(星期五)下午3時辦理。") == []


@pytest.mark.parametrize("text", [
    "肯定衛生局透過中央召開之會議反映執行困境。",
    "感謝社會局及衛生局協助。",
    "各地方政府倘有相關意見，可向法務部提出。",
    "發現疑似之人，得通知地方政府衛生局提供協助。",
    "則評估是否建請中央調整人力規劃。",
    "依「臺中市政府社會局補助要點」辦理。",
])
def test_units_only_mentioned_are_not_asked(text):
    assert asked(text) == []


def test_the_object_of_an_ask_is_not_asked():
    text = "第4案繼續列管，請心健司儘速提供各地方政府衛生局出監轉銜會議聯繫窗口予法務部參用。"
    assert canonicals(text, MOHW) == ["衛生福利部心理健康司"]


@pytest.mark.parametrize("text, expected", [
    ("請各網絡單位共同努力達標。", ["各網絡單位"]),
    ("另針對可預先規劃之考核指標，請業務單位預為準備。", ["業務單位"]),
    ("請社工人力進用單位留意社工同仁之人身安全。", ["社工人力進用單位"]),
    ("有關第一線同仁獎勵機制，請中央單位研議轄管專業人力獎勵機制。", ["中央單位"]),
    ("請各地方政府積極進用各類專業人力。", ["各地方政府"]),
    ("請各縣市衛生局配合辦理。", ["各縣市衛生局"]),
])
def test_collective_addressees_stay_as_written(text, expected):
    assert canonicals(text, MOHW) == expected


def test_collective_wins_over_a_gazetteer_name_inside_it():
    """各衛生所 gave 臺中市政府衛生所: the gazetteer's 衛生所 was taken first
    and the collective around it, overlapping, was dropped."""
    assert canonicals("請各衛生所加強稽查。", TAICHUNG) == ["各衛生所"]


def test_a_list_of_things_with_the_particle_suo_is_no_collective():
    """各項措施所需經費 read as a unit 各項措施所 (各, then anything, then 所):
    各項 lists things, and 所需 is the particle 所 before a verb."""
    assert canonicals("各項措施所需經費請社會局編列。", TAICHUNG) == ["臺中市政府社會局"]


def test_office_holder_named_earlier():
    text = "可提交王副市長，請副市長適時透過立法委員向中央反映；另請業務單位預為準備。"
    units = find_units(text, TAICHUNG)
    assert [(u.raw, u.canonical, u.role) for u in units] == [
        ("王副市長", "臺中市政府王副市長", "lead"), ("業務單位", "業務單位", "assist")]


def test_ask_without_addressee_falls_back_to_the_units_the_sentence_is_about():
    text = "考核指標二(二)衛政專業人力聘用率、二(三)少年輔導委員會社工人力聘用率：請持續管控人力進用率。"
    assert canonicals(text) == ["臺中市政府衛生局", "臺中市少年輔導委員會"]
    assert canonicals("未來各部會倘有創新服務方案須試辦，請將嘉義市納入考量。", CHIAYI) == ["各部會"]
    assert canonicals("請留意系統填報截止期限，並儘速完成補登。") == []


def test_request_naming_no_one_goes_to_the_default_addressee():
    units = find_units("建請比照人力進用率，以111年12月底在職人員為考核對象。", MOHW)
    assert [(u.raw, u.canonical) for u in units] == [(None, "衛生福利部")]
    assert find_units("建請比照人力進用率辦理。", TAICHUNG) == []


def test_central_collective_gives_way_to_the_named_ministry():
    text = "建請中央能加速計畫核定：因衛生福利部計畫尚未核定，仍請本局俟該部函頒後再行提報，建請衛生福利部能加速核定。"
    assert canonicals(text, UnitContext(government="臺中市政府", speaker="臺中市政府衛生局")) == ["衛生福利部"]


def test_speaker_commitments():
    speaker = with_speaker(CHIAYI, "衛生福利部社會及家庭署")
    text = "請嘉義市政府依核定本員額編列；惟縣市人力倘足額聘用，請於第2期款覈實申請，本部將盡力協助補助相關經費。"
    assert asked(text, speaker) == [("嘉義市政府", "lead"), ("衛生福利部社會及家庭署", "assist")]
    assert asked("本部已將16項子方案納入公益彩券盈餘建議支用例示表。", speaker) == []
    plan = "擬於當年10月請各地方政府提報次年計畫，由各部會於當年11月底完成計畫審查。"
    assert sorted(canonicals(plan, speaker)) == ["各地方政府", "各部會", "衛生福利部社會及家庭署"]
    assert with_speaker(CHIAYI, "主席") == CHIAYI


def test_government_with_its_units_is_the_government():
    units = find_units("請嘉義市政府各單位協助周知人力招募訊息", CHIAYI)
    assert [(u.raw, u.canonical) for u in units] == [("嘉義市政府各單位", "嘉義市政府")]


def test_addressed_government():
    text = "另貴府倘需相關服務數據，建請建立專責窗口，以利雙方溝通。"
    assert canonicals(text, CHIAYI) == ["嘉義市政府"]


def test_purpose_clause_asks_no_one():
    assert canonicals("為督促地方政府積極進用人力，訂定進用率標準。", MOHW) == []


def test_mentions_list_every_known_unit():
    mentions = find_unit_mentions("衛生局、社會局與警察局召開聯繫會議", TAICHUNG)
    assert [m.canonical for m in mentions] == ["臺中市政府衛生局", "臺中市政府社會局", "臺中市政府警察局"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("請由會同協調及、，。；：()（）主辦協辦本部貴府各單位衛生局社會處心健司副市長王台中市政府中央建議函送審議市府科室產業發展鄉公所應將每月"))
               | st.characters(), max_size=50),
       st.sampled_from([TAICHUNG, CHIAYI, MOHW, CENTRAL, UnitContext(speaker="法務部"),
                        UnitContext(government="臺南市政府", host="臺南市政府衛生局")]))
def test_any_text_gives_well_formed_units(text, context):
    units = find_units(text, context)
    assert [u.role for u in units] == (["lead"] + ["assist"] * len(units))[:len(units)]
    names = [u.canonical for u in units]
    assert len(names) == len(set(names))
    assert all(name and "台" not in name for name in names)
    assert all(u.raw is None or u.raw in text for u in units)


def test_people_named_with_their_office():
    text = "請張祥光理事負責草擬「天問獎」之設置辦法，請秦一男監事負責草擬設置辦法。"
    assert [(u.raw, u.role) for u in find_units(text, CENTRAL)] == [("張祥光理事", "lead"), ("秦一男監事", "assist")]
    assert asked("請市府秘書長召集相關局處研商") == [("臺中市政府秘書長", "lead")]
    assert asked("由本府秘書長召集相關局處研商") == [("臺中市政府秘書長", "lead")]


def test_look_alike_ideographs_from_pdfs():
    """Cause: a PDF wrote 北 as the compatibility ideograph U+F963, so 臺北市政府研考會 matched only 研考會."""
    units = find_units("學會將致函臺\uf963市政府研考會請其深思熟慮", CENTRAL)
    assert [(u.raw, u.canonical) for u in units] == [("臺\uf963市政府研考會", "臺北市政府研究發展考核委員會")]


def test_an_aim_is_not_an_ask():
    """Cause: 本計畫為督促地方政府積極進用 made 地方政府 an addressee; 為督促 states the plan's aim."""
    assert canonicals("本計畫為督促地方政府積極進用各類專業人力，訂定進用率標準。", MOHW) == []


def test_executive_yuan_style_assignments():
    context = context_from_text("行政院第3900次院會紀錄")
    text = "由內政部主政，會同法務部、衛生福利部於3個月內研提修法草案。"
    assert asked(text, context) == [("內政部", "lead"), ("法務部", "assist"), ("衛生福利部", "assist")]
    labelled = "推動青年住宅方案（主辦機關：內政部；協辦機關：衛生福利部、財政部）"
    assert asked(labelled, context) == [("內政部", "lead"), ("衛生福利部", "assist"), ("財政部", "assist")]
    assert canonicals("請行政院主計總處及人事行政總處協助各部會於年底前完成員額評鑑。", context) == [
        "行政院主計總處", "行政院人事行政總處"]


# --- other house styles ------------------------------------------------------------

LIENCHIANG = context_from_text("連江縣政府1 1 2年第 4 5 次縣務會議紀錄")
TAIPEI = context_from_text("臺北市政府第2201次市政會議紀錄")
EXECUTIVE_YUAN = context_from_text("行政院第3875次會議決定")


@pytest.mark.parametrize("text, expected", [
    ("請產業發展處協調交通旅遊局，於9月15日前完成規劃。",
     [("連江縣政府產業發展處", "lead"), ("連江縣政府交通旅遊局", "assist")]),
    ("請衛生福利局於年底前完成長照據點設置。", [("連江縣政府衛生福利局", "lead")]),
    ("請秘書室協助場地布置。", [("連江縣政府秘書室", "lead")]),
    ("請綜合發展委員會研議。", [("連江縣政府綜合發展委員會", "lead")]),
])
def test_any_bare_bureau_of_a_local_government_takes_its_name(text, expected):
    """Cause: only the bureaus listed as gazetteer templates took the government's name."""
    assert asked(text, LIENCHIANG) == expected


@pytest.mark.parametrize("text, expected", [
    ("請衛生福利部補助離島醫療後送經費。", ["衛生福利部"]),
    ("請交通部航港局協助。", ["交通部航港局"]),
    ("請航港局協助改善碼頭。", ["交通部航港局"]),
    ("請福建連江地方檢察署協助。", ["福建連江地方檢察署"]),
    ("請臺北市政府產業發展局提供經驗。", ["臺北市政府產業發展局"]),
])
def test_central_and_other_governments_units_keep_their_own_names(text, expected):
    assert canonicals(text, LIENCHIANG) == expected


@pytest.mark.parametrize("text", ["請相關局處配合辦理。", "請會議室管理單位協助。"])
def test_generic_names_and_rooms_are_not_bureaus(text):
    assert all(not u.canonical.startswith("連江縣政府") for u in find_units(text, LIENCHIANG))


def test_township_office_takes_the_place():
    assert canonicals("請南竿鄉公所協助清查。", LIENCHIANG) == ["連江縣南竿鄉公所"]
    assert canonicals("請各鄉公所協助清查。", LIENCHIANG) == ["各鄉公所"]


@pytest.mark.parametrize("text", [
    "照案通過，由衛生福利局函請衛生福利部補助。",
    "由衛生福利局函報衛生福利部核備。",
    "請衛生福利局函請衛生福利部補助。",
    "由衛生福利局函轉衛生福利部參處。",
])
def test_the_addressee_of_a_units_letter_is_not_asked(text):
    """Cause: 由衛生福利局函請衛生福利部補助 gave 衛生福利部; the bureau writes, the ministry only receives."""
    assert asked(text, LIENCHIANG) == [("連江縣政府衛生福利局", "lead")]


def test_a_bill_sent_for_review_asks_no_one():
    assert asked("通過，送請立法院審議。", EXECUTIVE_YUAN) == []
    assert asked("修正通過，報請行政院核定。", TAIPEI) == []


def test_a_subject_bound_to_act_opens_the_sentence():
    assert canonicals("各鄉公所每月將農漁損情形函報本府。", LIENCHIANG) == ["各鄉公所"]
    assert canonicals("縣長裁示：衛生福利局應於一週內提出改善計畫。", LIENCHIANG) == ["連江縣政府衛生福利局"]
    assert canonicals("衛生福利局已將改善計畫函報本府。", LIENCHIANG) == []


@pytest.mark.parametrize("text, expected", [
    ("請內政部會同國防部於113年3月底前完成各縣市動員演練規劃，並將辦理情形提報本院。",
     [("內政部", "lead"), ("國防部", "assist")]),
    ("請國家發展委員會協調各部會，於二週內彙整跨部會協調事項。",
     [("國家發展委員會", "lead"), ("各部會", "assist")]),
    ("請行政院主計總處會同人事行政總處檢討員額配置。",
     [("行政院主計總處", "lead"), ("行政院人事行政總處", "assist")]),
    ("請農業部會同環境部及農糧署研議。",
     [("農業部", "lead"), ("環境部", "assist"), ("農業部農糧署", "assist")]),
])
def test_executive_yuan_decisions(text, expected):
    assert asked(text, EXECUTIVE_YUAN) == expected


@pytest.mark.parametrize("text, expected", [
    ("市長提示:(一)請社會局會同衛生局研提方案。",
     [("臺北市政府社會局", "lead"), ("臺北市政府衛生局", "assist")]),
    ("請各區公所加強宣導,並於112年12月31日前完成里民說明會。(民政局)",
     [("臺北市政府民政局", "lead"), ("各區公所", "assist")]),
    ("請衛生局持續加強孳生源清除,環境保護局協辦。",
     [("臺北市政府衛生局", "lead"), ("臺北市政府環境保護局", "assist")]),
    ("請產業發展局研議，捷運工程局、資訊局協辦。",
     [("臺北市政府產業發展局", "lead"), ("臺北市政府捷運工程局", "assist"), ("臺北市政府資訊局", "assist")]),
    ("請加強宣導。主辦單位：民政局；協辦單位：社會局、衛生局",
     [("臺北市政府民政局", "lead"), ("臺北市政府社會局", "assist"), ("臺北市政府衛生局", "assist")]),
])
def test_taipei_and_tainan_mayors_directives(text, expected):
    assert asked(text, TAIPEI) == expected
    tainan = context_from_text("臺南市政府第450次市政會議紀錄")
    assert [u.replace("臺北市", "臺南市") for u, _ in expected] == canonicals(text, tainan)


def test_bureau_meeting_sections_belong_to_the_bureau():
    bureau = context_from_text("臺南市政府衛生局113年第5次局務會議紀錄")
    assert bureau.host == "臺南市政府衛生局"
    assert asked("主席裁示：請第一科於2週內簽報。", bureau) == [("臺南市政府衛生局第一科", "lead")]
    assert asked("請疾病管制科會同社會局辦理。", bureau) == [
        ("臺南市政府衛生局疾病管制科", "lead"), ("臺南市政府社會局", "assist")]
    assert asked("請秘書室協助場地。", bureau) == [("臺南市政府衛生局秘書室", "lead")]
    assert asked("本局將於下月完成修正。", bureau) == [("臺南市政府衛生局", "lead")]


def test_sections_stay_as_written_without_a_bureau():
    """A 科 of which bureau? Without the meeting's bureau the name is kept as written."""
    assert canonicals("請第一科於2週內簽報。", context_from_text("臺南市政府市政會議紀錄")) == ["第一科"]
    assert canonicals("請第一科於2週內簽報。", CENTRAL) == ["第一科"]


def test_council_motion_asks_the_city_government():
    council = context_from_text("臺北市議會第14屆第2次定期會第5次會議紀錄")
    assert (council.government, council.host) == ("臺北市政府", "臺北市議會")
    assert canonicals("議決：函請市政府於一個月內研處見復本會。", council) == ["臺北市政府"]
    assert canonicals("函請市府研議", council) == ["臺北市政府"]


def test_legislative_committee_resolution():
    committee = context_from_text("立法院第11屆第1會期內政委員會第5次全體委員會議紀錄")
    assert canonicals("決議：請行政院於三個月內向本院提出書面報告。", committee) == ["行政院"]
    assert canonicals("請內政部於一個月內向本委員會提出專案報告。", committee) == ["內政部"]


def test_full_width_and_ascii_forms_are_read_alike():
    full = "請各區公所加強宣導。（主辦：民政局；協辦：社會局）"
    ascii_form = "請各區公所加強宣導.(主辦:民政局;協辦:社會局)"
    assert asked(full, TAIPEI) == asked(ascii_form, TAIPEI) == [
        ("臺北市政府民政局", "lead"), ("臺北市政府社會局", "assist"), ("各區公所", "assist")]


@pytest.mark.parametrize("text, expected", [
    ("修正作業要點。承辦單位：法制局；會辦單位：人事處", [("臺中市政府法制局", "lead"), ("臺中市政府人事處", "assist")]),
    ("權責單位：都發局", [("臺中市政府都市發展局", "lead")]),
    ("辦理情形：民政局已完成盤點。", []),
])
def test_role_labels_outside_parentheses(text, expected):
    assert asked(text) == expected


def test_a_motion_sent_for_handling_asks_the_government():
    council = context_from_text("臺北市議會第14屆第2次定期會第5次會議紀錄")
    assert canonicals("議決：送請市政府研處。", council) == ["臺北市政府"]


def test_role_in_parentheses_after_each_unit():
    text = "請工務局(主辦)、水利局（協辦）加強側溝清淤。"
    assert asked(text, TAIPEI) == [("臺北市政府工務局", "lead"), ("臺北市政府水利局", "assist")]


def test_sections_of_a_bureau_as_a_collective():
    bureau = context_from_text("臺南市政府衛生局113年第5次局務會議紀錄")
    assert canonicals("主席裁示：請各科室於下次局務會議前提報。", bureau) == ["各科室"]


def test_the_chair_giving_a_directive_is_not_asked():
    """Cause: 主席裁示：請加強宣導 named no one, and the fallback took the chair as the sentence's subject."""
    assert canonicals("主席裁示：請加強宣導。") == []


def test_the_chairs_ask_naming_no_one_does_not_go_to_the_host():
    """The host receives requests (建請…) that name no one; the chair's own 請 does not ask the host."""
    assert canonicals("院長提示：請持續檢討精進相關作為。", EXECUTIVE_YUAN) == []
    assert canonicals("建請比照辦理。", EXECUTIVE_YUAN) == ["行政院"]


def test_a_budget_frozen_until_a_ministry_reports():
    committee = context_from_text("立法院第11屆第1會期內政委員會第5次全體委員會議紀錄")
    text = "凍結五分之一，俟內政部向本院內政委員會提出專案報告經同意後，始得動支。"
    assert canonicals(text, committee) == ["內政部"]


CHIAYI_COUNTY_COUNCIL = context_from_text("嘉義縣議會第20屆第7次定期會第12次會議紀錄")


@pytest.mark.parametrize("text, expected", [
    ("照案通過，送請縣政府工務處於一個月內改善。", [("嘉義縣政府工務處", "縣政府工務處")]),
    ("函請縣府農業處會同水利處研議。", [("嘉義縣政府農業處", "縣府農業處"), ("嘉義縣政府水利處", "水利處")]),
    ("請縣政府儘速辦理。", [("嘉義縣政府", "縣政府")]),
])
def test_county_government_followed_by_its_bureau_is_one_unit(text, expected):
    """Cause: in a council's minutes 縣政府工務處 gave 嘉義縣政府 alone: 工務處 is
    a gazetteer name, so the unknown-name rule after 縣政府 did not take it.
    The council hosts the meeting; 縣政府 is the county government of its place."""
    assert CHIAYI_COUNTY_COUNCIL.host == "嘉義縣議會"
    assert [(u.canonical, u.raw) for u in find_units(text, CHIAYI_COUNTY_COUNCIL)] == expected


def test_unit_names_containing_wu_are_found():
    """財務處 and 法務室 were rejected: 務 was listed among characters that never
    occur in unit names (to stop at 務必), but it is common in them."""
    context = UnitContext(government="高雄市政府")
    assert [u.canonical for u in find_units("請財務處會同法務室於一個月內完成", context)] == [
        "高雄市政府財務處", "高雄市政府法務室"]
    assert [u.raw for u in find_units("請民政局務必加強宣導", context)] == ["民政局"]


def test_a_bill_sent_up_by_letter_for_review_asks_no_one():
    """通過，函請立法院審議 named 立法院 as responsible: only 送請…審議 was read as a
    review, while 函請 is the same dispatch by letter."""
    assert find_units("通過，函請立法院審議。", UnitContext()) == []
    assert [u.canonical for u in find_units("照案通過，函請市政府研處。", UnitContext(government="臺北市政府"))] == ["臺北市政府"]


def test_collective_field_units_are_kept_as_written():
    """各區清潔隊 and 各分局 were missed: 各 rules out an unknown name, and the
    collective pattern knew only 單位, 機關, 公所… endings."""
    context = UnitContext(government="臺中市政府")
    assert [u.raw for u in find_units("請各區清潔隊加強教育訓練", context)] == ["各區清潔隊"]
    assert [u.raw for u in find_units("請各分局加強巡邏", context)] == ["各分局"]


def test_assisting_units_in_a_label_do_not_take_the_lead():
    """請社會處…（協辦：教育處、文化局）: labelled units came first and the first of
    them became lead, though the label names only helpers of whoever is asked."""
    refs = find_units("請社會處於6月底前提出暑期活動規劃（協辦：教育處、文化局）。", UnitContext(government="嘉義市政府"))
    assert [(u.canonical, u.role) for u in refs] == [
        ("嘉義市政府社會處", "lead"), ("嘉義市政府教育處", "assist"), ("嘉義市政府文化局", "assist")]


TOWNSHIP = context_from_text("花蓮縣吉安鄉公所113年第2次主管會報紀錄")


@pytest.mark.parametrize("text, expected", [
    ("請民政課會同社會課於二週內完成獨居長者名冊更新。",
     [("花蓮縣吉安鄉公所民政課", "lead"), ("花蓮縣吉安鄉公所社會課", "assist")]),
    ("同意由總務室辦理，請主計室協助辦理經費流用。",
     [("花蓮縣吉安鄉公所總務室", "lead"), ("花蓮縣吉安鄉公所主計室", "assist")]),
    ("請清潔隊加強資源回收宣導。", [("花蓮縣吉安鄉公所清潔隊", "lead")]),
    ("請縣府建設處協助。", [("花蓮縣政府建設處", "lead")]),
    ("請衛生所加強宣導。", [("花蓮縣政府衛生所", "lead")]),
])
def test_township_office_meeting_names_its_own_divisions(text, expected):
    """Cause: the title 花蓮縣吉安鄉公所…主管會報 gave no host (only bureaus and
    councils were read after the place), so 民政課 stayed bare and 主計室 became
    the county government's. A township office's divisions (課, 室, 隊) are its own;
    a bureau (處) or a unit the gazetteer knows is still the county's."""
    assert (TOWNSHIP.government, TOWNSHIP.host) == ("花蓮縣政府", "花蓮縣吉安鄉公所")
    assert asked(text, TOWNSHIP) == expected


def test_township_host_is_read_for_districts_too():
    """區公所 titles a meeting as 鄉/鎮公所 do: 民政課 of 臺南市新營區公所."""
    district = context_from_text("臺南市新營區公所113年度第4次區務會議紀錄")
    assert district.host == "臺南市新營區公所"
    assert canonicals("請民政課辦理", district) == ["臺南市新營區公所民政課"]


MOI = context_from_text("內政部第1501次部務會報紀錄")
MOTC = context_from_text("交通部第1290次部務會報紀錄")


@pytest.mark.parametrize("text, context, expected", [
    ("請土地司會同秘書室於一個月內完成檢討。", MOI, ["內政部土地司", "內政部秘書室"]),
    ("請資訊中心建置查詢系統。", MOI, ["內政部資訊中心"]),
    ("請戶政司辦理。", MOI, ["內政部戶政司"]),  # known: the gazetteer's name
    ("請土地司辦理。", CENTRAL, ["土地司"]),  # no host: kept as written
    ("請綜合企劃處辦理。", TAICHUNG, ["臺中市政府綜合企劃處"]),  # a city's 處 is the government's
    ("請土地司辦理。", with_speaker(EXECUTIVE_YUAN, "內政部"), ["內政部土地司"]),  # the speaking ministry's
])
def test_ministry_meeting_names_its_own_departments(text, context, expected):
    """Cause: in a ministry's meeting 路政司, 會計處… the gazetteer does not know
    stayed bare. A central body's departments (司, 處, 室, 組, 中心) named bare are
    the speaking body's or the host's."""
    assert canonicals(text, context) == expected


@pytest.mark.parametrize("text, context, expected", [
    ("請法務部會同本院性別平等處研議。", EXECUTIVE_YUAN, [("法務部", "lead"), ("行政院性別平等處", "assist")]),
    ("請本部地政司會同營建署辦理。", MOI, [("內政部地政司", "lead"), ("內政部國土管理署", "assist")]),
    ("請本部總務司協助。", MOI, [("內政部總務司", "lead")]),
    ("本部將持續辦理。", MOI, [("內政部", "lead")]),
])
def test_self_reference_with_a_subunit_is_the_hosts_subunit(text, context, expected):
    """Cause: 會同本院法規會 gave 行政院: 本院 was read alone, and 法規會 after it
    counted as the host again (法規會 read as 本院 + 會-commitment). 本院/本部 with
    one of its units is that unit, named in full."""
    assert asked(text, context) == expected


@pytest.mark.parametrize("text, context, expected", [
    ("建請中央（衛生福利部）提高補助額度。", TAICHUNG, [("衛生福利部", "lead")]),
    ("建請中央(勞動部、經濟部)研議。", TAICHUNG, [("勞動部", "lead"), ("經濟部", "assist")]),
    ("請相關局處（社會局、衛生局）加強宣導。", TAICHUNG,
     [("臺中市政府社會局", "lead"), ("臺中市政府衛生局", "assist")]),
    ("請各局處（星期五前）回復。", TAICHUNG, [("各局處", "lead")]),  # an aside, not units
])
def test_collective_followed_by_the_unit_it_means_in_brackets(text, context, expected):
    """Cause: 建請中央（農業部）… gave 中央: the bracketed ministry after the
    collective was not in an asking position."""
    assert asked(text, context) == expected


@pytest.mark.parametrize("surface, canonical", [
    ("臺鐵公司", "國營臺灣鐵路股份有限公司"),
    ("台鐵", "國營臺灣鐵路股份有限公司"),
    ("台電公司", "臺灣電力股份有限公司"),
    ("中油公司", "臺灣中油股份有限公司"),
    ("台水公司", "臺灣自來水股份有限公司"),
    ("港務公司", "臺灣港務股份有限公司"),
    ("中華郵政", "中華郵政股份有限公司"),
    ("工程會", "行政院公共工程委員會"),
    ("主計總處", "行政院主計總處"),
    ("國發會", "國家發展委員會"),
    ("數位部", "數位發展部"),
    ("消防署", "內政部消防署"),
    ("運研所", "交通部運輸研究所"),
])
def test_agency_and_state_company_abbreviations(surface, canonical):
    """Cause: 臺鐵公司 and 台電公司 stayed as written: state companies were not in the gazetteer."""
    assert canonicals(f"請{surface}於一個月內提出檢討報告。", CENTRAL) == [canonical]


def test_platform_is_not_the_power_company():
    """臺電 alone is left out of the gazetteer: 平臺電子化 would read as 臺灣電力."""
    assert canonicals("請內政部建置平臺電子化服務。", CENTRAL) == ["內政部"]


def test_questioners_are_not_asked_to_answer():
    """Cause: 委員質詢未及答復部分，請以書面答復 gave 委員 as lead: the 請 names no
    one, and the fallback took the sentence's subject, who asked the questions."""
    committee = context_from_text("立法院第11屆第1會期內政委員會第5次全體委員會議紀錄")
    assert canonicals("委員質詢未及答復部分，請以書面答復。", committee) == []
    assert canonicals("委員詢問事項，請於一週內以書面答復。", committee) == []


@pytest.mark.parametrize("text, context, expected", [
    ("請公路局辦理，高速公路局並應配合研議匝道管制。", MOTC,
     [("交通部公路局", "lead"), ("交通部高速公路局", "assist")]),
    ("台電公司虧損擴大，經濟部應責成台電公司每季提出報告。", CENTRAL,
     [("經濟部", "lead"), ("臺灣電力股份有限公司", "assist")]),
    ("請社會局辦理，衛生局已完成轉介。", TAICHUNG, [("臺中市政府社會局", "lead")]),
    ("請社會局辦理，衛生局得視需要協助。", TAICHUNG, [("臺中市政府社會局", "lead")]),
])
def test_a_unit_bound_by_a_duty_after_a_comma_is_asked(text, context, expected):
    """Cause: …，高速公路局並應配合研議 and …，經濟部應責成台電公司… lost the bound
    unit: only a sentence's opening subject was read as bound to act."""
    assert asked(text, context) == expected


def test_related_ministries_are_a_collective():
    """請主計總處協調相關部會及地方政府: 相關部會 was not a collective, which also
    cut the list before 地方政府."""
    assert asked("請主計總處協調相關部會及地方政府儘速核撥。", EXECUTIVE_YUAN) == [
        ("行政院主計總處", "lead"), ("相關部會", "assist"), ("地方政府", "assist")]


@pytest.mark.parametrize("text, expected", [
    ("各局處辦理大型活動，應落實無障礙設施設置。", ["各局處"]),
    ("各機關推動數位服務，均應注意個資保護。", ["各機關"]),
    ("社會局辦理暑期活動，已全數完成。", []),
])
def test_subject_of_a_clause_before_a_duty_is_bound(text, expected):
    """Cause: 各局處辦理大型活動，應落實… named no one: the duty (應) follows a
    clause saying what the subject does, not the subject itself."""
    assert canonicals(text) == expected


def test_units_after_a_role_label_in_a_closing_note():
    """（承辦：兵役課） gave nothing (承辦 was a label only before 單位/機關), and
    （主辦：經建課；協辦：民政課） lost 經建課: 經 marks running text (經衛生局…)
    except where a role label says a name follows."""
    office = context_from_text("新北市板橋區公所113年第10次區務會議紀錄")
    units = find_units("請儘速完成查報並通報養護工程處處理。（主辦：經建課；協辦：民政課）", office)
    assert [(u.canonical, u.role) for u in units] == [("新北市板橋區公所經建課", "lead"), ("新北市板橋區公所民政課", "assist")]
    assert canonicals("請提前完成場地及報到動線規劃。（承辦：兵役課）", office) == ["新北市板橋區公所兵役課"]


def test_first_level_agencies_of_some_counties_are_named_after_the_place():
    """彰化縣衛生局, 基隆市警察局 are official names (their governments name
    these agencies after the place); 屏東縣政府衛生局 and 臺中市政府衛生局 keep
    the government. A section of such an agency takes its name (醫政科)."""
    assert canonicals("請警察局會同社會處辦理。", context_from_text("基隆市政府市政會議紀錄")) == ["基隆市警察局", "基隆市政府社會處"]
    assert canonicals("請衛生局辦理。", context_from_text("屏東縣政府縣務會議紀錄")) == ["屏東縣政府衛生局"]
    assert canonicals("請醫政科於月底前完成督考。", context_from_text("彰化縣衛生局115年第3次局務會議紀錄")) == ["彰化縣衛生局醫政科"]


def test_referral_to_a_legislative_committee_assigns_it():
    """立法院's 決定：交社會福利及衛生環境委員會審查 assigns the bill to that
    committee; it was asked by no 請 and got no unit."""
    plenary = context_from_text("立法院第11屆第3會期第5次會議議事錄")
    assert canonicals("交社會福利及衛生環境委員會審查。", plenary) == ["立法院社會福利及衛生環境委員會"]
    assert canonicals("交通部公路局應儘速辦理。", plenary) == ["交通部公路局"]


def test_a_police_brigade_is_a_section_of_the_bureau_holding_the_meeting():
    """刑事警察大隊 in 臺中市政府警察局's meeting stayed bare."""
    bureau = context_from_text("臺中市政府警察局113年10月份局務會議紀錄")
    assert canonicals("請刑事警察大隊加強查緝。", bureau) == ["臺中市政府警察局刑事警察大隊"]


def test_an_agencys_own_meeting_hosts_its_divisions():
    """經濟部水利署…署務會議: 工務組 became 經濟部工務組 (the host climbed to the
    ministry), and 第三河川分署 stayed bare."""
    agency = context_from_text("經濟部水利署114年第4次署務會議紀錄")
    units = find_units("請第三河川分署會同土地管理組於二週內完成。", agency)
    assert [(u.canonical, u.role) for u in units] == [("經濟部水利署第三河川分署", "lead"), ("經濟部水利署土地管理組", "assist")]
    assert canonicals("請工務組督導辦理。", agency) == ["經濟部水利署工務組"]


def test_a_division_name_in_a_ministrys_meeting_is_that_ministrys():
    """綜合規劃司 in 農業部's meeting became 教育部綜合規劃司, the gazetteer's
    only one; a division named bare belongs to the host unless the text names
    another ministry."""
    ministry = context_from_text("農業部114年第23次部務會議紀錄")
    assert canonicals("請漁業署會同綜合規劃司辦理。", ministry) == ["農業部漁業署", "農業部綜合規劃司"]
    assert canonicals("請綜合規劃司辦理。", context_from_text("教育部部務會報紀錄")) == ["教育部綜合規劃司"]


def test_a_bureaus_own_divisions_and_verbs_before_a_unit():
    """高雄市政府衛生局's 疾病管制處 became the city's; 請會同捷運工程局 gave a
    unit named 桃園市政府會同桃園市政府捷運工程局 (會同 read as part of a name);
    環境部's abbreviations were unknown."""
    bureau = context_from_text("高雄市政府衛生局113年第7次局務會議紀錄")
    assert canonicals("請疾病管制處加強監測。", bureau) == ["高雄市政府衛生局疾病管制處"]
    assert canonicals("請主計處協助辦理。", bureau) == ["高雄市政府主計處"]
    transport = context_from_text("桃園市政府交通局114年第36次局務會議紀錄")
    assert "會同" not in "".join(canonicals("請會同桃園市政府捷運工程局研擬方案。", transport))
    assert canonicals("請大氣司會同循環署辦理。", context_from_text("環境部部務會報紀錄")) == [
        "環境部大氣環境司", "環境部資源循環署"]


def test_a_government_followed_by_its_unit_in_brackets_means_that_unit():
    """送請縣政府（交通旅遊處）辦理 (a council's resolution) asked 屏東縣政府 and
    lost the unit the bracket names."""
    council = context_from_text("屏東縣議會第20屆第3次定期會議事錄")
    units = find_units("照案通過，送請縣政府（水利處、工務處）研辦。", council)
    assert [(u.canonical, u.role) for u in units] == [("屏東縣政府水利處", "lead"), ("屏東縣政府工務處", "assist")]
    assert canonicals("照案通過，送請縣政府辦理。", council) == ["屏東縣政府"]


def test_verbs_and_companies_are_no_unit_names():
    """請交通局研處 gave a unit 通局研處 (研處, "review and handle", ends in 處);
    臺電公司 in the legislature's minutes became 立法院臺電公司 (公司 ends in 司,
    read as a division); 先會知秘書室 was one name."""
    assert canonicals("請交通局研處。", context_from_text("高雄市政府市政會議紀錄")) == ["高雄市政府交通局"]
    assert canonicals("經濟部應責成台電公司每季提出報告。", context_from_text("立法院經濟委員會會議紀錄")) == [
        "經濟部", "臺灣電力股份有限公司"]
    assert canonicals("請各科室簽辦前先會知秘書室。", context_from_text("臺南市政府衛生局局務會議紀錄")) == ["各科室"]


def test_collectives_keep_their_brackets_as_written():
    """各直轄市、縣（市）政府 came out with half-width brackets, its normalised
    form; a collective stays as written (臺 for 台 aside)."""
    assert canonicals("請各直轄市、縣（市）政府協助輔導。", CENTRAL) == ["各直轄市、縣（市）政府"]
