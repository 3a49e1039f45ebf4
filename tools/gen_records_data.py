#!/usr/bin/env python3
"""Generates the meeting-record templates (data/meetings/*.json) and rules (data/rules/*.json) of
the five built-in sector plugins from one description, so the types every sector shares stay
identical in each plugin's own copy (plugins never read each other's data).

Run from the repository root:  python3 tools/gen_records_data.py
Edit this file, not the generated JSON. Sources: DOMAIN.md §2–§3 and seeds 000, 001, 002, 004.
"""
import json
import os
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SECTORS = ["community", "village", "organ", "enterprise", "eduhealth"]

S000 = "《社区党组织建设目标管理意见》"
S001 = "《党支部“五化”建设》"
S002 = "《分类定级工作文件汇编》 基层党组织分类定级"
S004 = "《在全市社区工作会议上的讲话》 在全市社区工作会议上的讲话"


def f(id, label, kind, required=False, order=0, **extra):
    d = {"id": id, "label": label, "kind": kind, "required": required, "order": order}
    d.update(extra)
    return d


def meeting_fields(host="主持人", host_kind="member", attendees="参会人员", topic="会议主题",
                   minutes="会议内容", recorder_required=True, extra=(), agenda=True, resolutions=True,
                   attach="附件（签到表扫描件、照片）"):
    fields = [
        f("date", "日期", "date", True, 10),
        f("time", "时间", "datetime", False, 20, help="如 14:30 或 14:30-16:00"),
        f("place", "地点", "text", True, 30),
        f("host", host, host_kind, True, 40),
        f("recorder", "记录人", "member", recorder_required, 50),
    ]
    if attendees:
        fields.append(f("attendees", attendees, "members", True, 60,
                        help="应到人员按会议类型从名册生成；缺席者写明请假原因"))
    fields.append(f("topic", topic, "text", True, 70))
    if agenda:
        fields.append(f("agenda", "议程", "longtext", False, 80))
    fields.append(f("minutes", minutes, "longtext", True, 90))
    if resolutions:
        fields.append(f("resolutions", "决议事项", "longtext", False, 100))
    fields.extend(extra)
    fields.append(f("attachments", attach, "attachments", False, 200))
    return fields


def tmpl(id, name, category, source, attendees, fields, vote=False, quorum=None, credits=False, description=""):
    d = {"id": id, "name": name, "category": category, "description": description, "source": source,
         "attendees": attendees, "vote": vote}
    if quorum:
        d["quorum_base"] = quorum
    d["credits_hours"] = credits
    d["fields"] = fields
    return d


VOTE_FIELD = f("vote_result", "表决情况", "longtext", False, 110, help="表决事项、应到/实到有表决权人数、赞成/反对/弃权")

COMMON = [
    tmpl("assembly", "支部党员大会", "三会一课",
         S001 + "：支部党员大会一般每季度召开1次；" + S000 + " 三(2)：支部党员大会一般每三个月召开一次",
         "all", meeting_fields(extra=[VOTE_FIELD]), vote=True, quorum="full",
         description="全体党员参加；预备党员列席表决以外的议程。表决须有半数以上有表决权的正式党员到会。"),
    tmpl("committee", "支部委员会会议", "三会一课",
         S001 + "：支部委员会会议一般每月召开1次；" + S000 + " 三(2)：支委会一般每月一次",
         "committee", meeting_fields(extra=[VOTE_FIELD]), vote=True, quorum="committee",
         description="支部委员参加；作出决定须有半数以上支部委员到会。"),
    tmpl("group", "党小组会", "三会一课",
         S001 + "：党小组会一般每月召开1次；每个党小组人数原则上不少于3人",
         "group", meeting_fields(host="党小组组长", extra=[f("group", "党小组", "text", True, 35)]),
         description="本党小组党员参加。"),
    tmpl("lecture", "党课", "三会一课",
         S001 + "：讲党课每半年至少1次，党支部书记每年至少为党员讲1次党课；" + S000 + " 三(2)：党课一般每季度一次",
         "all", meeting_fields(host="授课人", host_kind="text", topic="党课题目", minutes="党课内容摘要", resolutions=False,
                               extra=[f("hours", "学时", "hours", True, 65)]),
         credits=True, description="授课人可以是本支部书记、党员领导干部或上级党组织负责人；出席党员计入学时。"),
    tmpl("org_life", "组织生活会", "组织生活",
         S001 + "：党支部每半年至少召开1次组织生活会；" + S000 + " 三(4)：党员组织生活会一般每季度召开一次",
         "all", meeting_fields(resolutions=False, extra=[
             f("criticism", "批评与自我批评情况", "longtext", True, 95),
             f("rectification", "整改措施", "longtext", False, 100)])),
    tmpl("appraisal", "民主评议党员", "组织生活",
         S001 + "：结合组织生活会，每年开展1次民主评议党员工作；" + S000 + " 三(5)：党支部每两年进行一次民主评议党员工作",
         "all", meeting_fields(resolutions=False, extra=[
             f("excellent", "评为优秀的党员", "members", False, 95),
             f("unqualified", "评定为不合格的党员", "members", False, 96),
             f("result", "评议结果及处置", "longtext", True, 100),
             VOTE_FIELD]), vote=True, quorum="full"),
    tmpl("democratic_life", "民主生活会", "组织生活",
         S000 + " 三(3)：党支部委员会的民主生活会每年召开一次，以交流思想，开展批评与自我批评为主要内容",
         "committee", meeting_fields(resolutions=False, extra=[
             f("criticism", "批评与自我批评情况", "longtext", True, 95),
             f("rectification", "整改措施", "longtext", False, 100)])),
    tmpl("theme_day", "主题党日", "组织生活",
         S001 + "：党支部每月相对固定1天作为主题党日",
         "all", meeting_fields(topic="活动主题", minutes="活动内容", resolutions=False, extra=[
             f("activity_form", "活动形式", "choice", False, 75,
               options=["集中学习", "志愿服务", "参观见学", "重温入党誓词", "政治生日", "交纳党费", "其他"])])),
    tmpl("talk", "谈心谈话", "日常工作",
         S001 + "：党支部书记每半年至少与班子成员谈心谈话1次，每年至少与支部党员谈心谈话1次；班子成员之间每年至少谈心谈话1次",
         "chosen", meeting_fields(host="谈话人", attendees="谈话对象", topic="谈话主题", minutes="谈话内容（谈党性原则、谈思想认识、谈工作情况、谈存在的问题和改进方向）",
                                  recorder_required=False, agenda=False, resolutions=False, attach="附件（谈话记录）", extra=[
             f("talk_kind", "谈话类别", "choice", False, 75,
               options=["书记与班子成员", "书记与党员", "班子成员之间", "班子成员与联系党员", "其他"]),
             f("follow_up", "存在的问题和改进方向", "longtext", False, 95)]),
         description="谈话人为主持人，谈话对象列为参会人员。"),
    tmpl("study", "集体学习", "日常工作",
         S001 + "：制定年度学习计划，党员每年集中学习培训时间一般不少于32学时；" + S000 + " 三(1)：每月至少组织一次党员学习活动",
         "all", meeting_fields(topic="学习主题", minutes="学习内容", resolutions=False, extra=[
             f("hours", "学时", "hours", True, 65),
             f("materials", "学习材料", "longtext", False, 85)]),
         credits=True, description="出席党员计入学时。"),
    tmpl("report", "工作汇报", "日常工作",
         S001 + "：每半年向上一级党组织报告1次工作情况；" + S000 + " 三(7)：党支部委员会每季度向党总支（党工委）汇报一次工作",
         "none", [
             f("date", "日期", "date", True, 10),
             f("place", "地点", "text", False, 30),
             f("host", "汇报人", "member", True, 40),
             f("report_to", "汇报对象", "text", True, 45, help="如 街道党工委"),
             f("report_form", "汇报形式", "choice", True, 50, options=["书面", "口头", "书面及口头"]),
             f("topic", "汇报主题", "text", True, 70),
             f("minutes", "汇报内容", "longtext", True, 90),
             f("feedback", "上级意见", "longtext", False, 100),
             f("attachments", "附件（汇报材料）", "attachments", False, 200)]),
    tmpl("dues_disclosure", "党费收缴公布", "党务公开",
         S001 + "：教育引导党员按时足额交纳党费，每半年公布1次党费收缴情况",
         "none", [
             f("date", "公布日期", "date", True, 10),
             f("place", "公布地点", "text", True, 30, help="如 党务公开栏"),
             f("host", "经办人", "member", True, 40),
             f("period", "收缴期间", "text", True, 50, help="如 2025年1月至6月"),
             f("amount", "收缴金额（元）", "number", True, 60),
             f("paid_count", "按时交纳人数", "number", False, 65),
             f("topic", "公布标题", "text", False, 70),
             f("minutes", "公布内容", "longtext", False, 90),
             f("unpaid", "未按时交纳情况", "longtext", False, 95),
             f("attachments", "附件（公布照片）", "attachments", False, 200)]),
    tmpl("volunteer", "志愿服务", "服务群众",
         S001 + "：有服务能力的党员每年至少参加2次以上志愿服务",
         "chosen", meeting_fields(host="组织人", attendees="参加党员", topic="服务项目", minutes="服务内容",
                                  recorder_required=False, agenda=False, resolutions=False, attach="附件（活动照片）", extra=[
             f("beneficiaries", "服务对象及人次", "text", False, 75),
             f("hours", "服务时长（小时）", "hours", False, 65)]),
         description="参加的党员列为参会人员；服务时长不计入学习学时。"),
]

SECTOR_TEMPLATES = {
    "community": [
        tmpl("joint_meeting", "党建联席会", "行业特色",
             S000 + " 二(2)：成立社区党建联席会，并制定议事规则，全年开展活动不少于4次",
             "committee", meeting_fields(extra=[f("units", "参会成员单位及代表", "longtext", True, 65)]),
             description="社区党组织与驻区单位党组织共驻共建；本支部支委会成员为应到人员，成员单位记在“参会成员单位”。"),
        tmpl("worker_checkin", "在职党员报到", "行业特色",
             S004 + "：协管好驻区的，建立完善一卡、一簿、一单制度（在职党员登记卡、活动登记簿、意见反馈单）",
             "chosen", meeting_fields(host="登记人", attendees="报到党员", topic="事项", minutes="活动情况",
                                      recorder_required=False, agenda=False, resolutions=False, extra=[
                 f("checkin_kind", "登记类别", "choice", True, 72,
                   options=["报到登记（登记卡）", "社区活动（活动登记簿）", "意见反馈（反馈单）"]),
                 f("employer", "工作单位", "text", True, 74),
                 f("feedback", "反馈意见", "longtext", False, 95)])),
    ],
    "village": [
        tmpl("disclosure_day", "村务公开/党务公开日", "行业特色",
             S002 + " 第五篇(14)：每季度首月15日为党务公开日，党务公开与村务政务公开同步规划、同步部署、同步实施",
             "none", [
                 f("date", "公开日期", "date", True, 10),
                 f("place", "公开地点", "text", True, 30, help="如 村务公开栏"),
                 f("host", "经办人", "member", True, 40),
                 f("disclosure_form", "公开形式", "choice", True, 50,
                   options=["公开栏", "党员大会", "村民代表会议", "广播", "网络平台"]),
                 f("topic", "公开主题", "text", True, 70),
                 f("party_items", "党务公开内容", "longtext", True, 80),
                 f("village_items", "村务公开内容", "longtext", False, 85),
                 f("feedback", "群众意见及答复", "longtext", False, 95),
                 f("attachments", "附件（公开照片）", "attachments", False, 200)]),
        tmpl("post_duty", "无职党员设岗定责", "行业特色",
             S002 + " 第五篇(11)：全面开展无职党员设岗定责活动，采取“自我认岗、群众议岗、支部定岗、公示明岗”的方式",
             "chosen", meeting_fields(attendees="设岗党员", topic="岗位名称", minutes="岗位职责", agenda=False,
                                      resolutions=False, extra=[
                 f("method", "定岗环节", "choice", True, 75, options=["自我认岗", "群众议岗", "支部定岗", "公示明岗", "跟踪考评"]),
                 f("review", "考评情况", "longtext", False, 95)])),
    ],
    "organ": [
        tmpl("dual_review", "双述双评", "行业特色",
             S001 + " 工作制度体系化：党支部书记每年定期就个人履行职责情况，分别向上级党组织和支部党员大会进行述职，并接受评议",
             "all", meeting_fields(host="述职人", topic="述职主题", minutes="述职内容", agenda=False, resolutions=False, extra=[
                 f("audience", "述职对象", "choice", True, 45, options=["上级党组织", "支部党员大会"]),
                 f("rating", "评议结果", "choice", False, 95, options=["好", "较好", "一般", "差"]),
                 f("comments", "评议意见", "longtext", False, 100),
                 VOTE_FIELD]), vote=True, quorum="full"),
    ],
    "enterprise": [
        tmpl("coverage", "两个覆盖", "行业特色",
             S002 + " 第一篇：非公企业党组织要以“三同步”党建工作法为抓手，在推进“两个覆盖”、建强“两支队伍”、发挥“两个作用”上下功夫",
             "none", [
                 f("date", "登记日期", "date", True, 10),
                 f("host", "填报人", "member", True, 40),
                 f("enterprise", "企业名称", "text", True, 50),
                 f("staff", "职工人数", "number", True, 55),
                 f("party_members", "党员人数", "number", True, 60),
                 f("org_coverage", "组织覆盖", "choice", True, 65,
                   options=["单独建立党组织", "联合建立党组织", "选派党建工作指导员", "尚未覆盖"]),
                 f("topic", "事项", "text", False, 70),
                 f("work_coverage", "工作覆盖情况", "longtext", True, 80),
                 f("three_sync", "“三同步”情况（党建与生产经营同步规划、同步部署、同步推进）", "longtext", False, 90),
                 f("attachments", "附件", "attachments", False, 200)]),
    ],
    "eduhealth": [
        tmpl("ethics", "师德医德教育", "行业特色",
             S002 + " 第一篇：教育卫生党组织要围绕加强职业道德建设，打造人民满意的“白衣天使”和“师德标兵”",
             "all", meeting_fields(topic="活动主题", minutes="活动内容", resolutions=False, extra=[
                 f("ethics_form", "活动形式", "choice", True, 75, options=["专题学习", "承诺践诺", "评议评价", "典型宣传", "警示教育"])])),
    ],
}


def rule(id, description, source, kind, **params):
    return {"id": id, "description": description, "source": source, "kind": kind, "params": params}


def frequency_rules(sector):
    p = sector + ".freq."
    community = sector == "community"
    rules = [
        rule(p + "assembly", "支部党员大会每季度至少召开1次", (S000 + " 三(2)；" if community else "") + S001 + " 组织生活正常化",
             "frequency", meeting_type="assembly", period="quarter", min=1),
        rule(p + "committee", "支部委员会会议每月至少召开1次", (S000 + " 三(2)；" if community else "") + S001 + " 组织生活正常化",
             "frequency", meeting_type="committee", period="month", min=1),
        rule(p + "group", "每个党小组每月至少召开1次党小组会", S001 + " 组织生活正常化：党小组会一般每月召开1次",
             "frequency", meeting_type="group", period="month", min=1, per_group=True),
    ]
    if community:
        rules += [
            rule(p + "lecture", "党课每季度至少1次", S000 + " 三(2)：党课一般每季度一次", "frequency",
                 meeting_type="lecture", period="quarter", min=1),
            rule(p + "org_life", "组织生活会每季度至少召开1次", S000 + " 三(4)：党员组织生活会一般每季度召开一次", "frequency",
                 meeting_type="org_life", period="quarter", min=1),
            rule(p + "appraisal", "每两年开展1次民主评议党员", S000 + " 三(5)：党支部每两年进行一次民主评议党员工作", "frequency",
                 meeting_type="appraisal", period="biennium", min=1),
            rule(p + "democratic_life", "支委会民主生活会每年召开1次", S000 + " 三(3)", "frequency",
                 meeting_type="democratic_life", period="year", min=1),
            rule(p + "study", "每月至少组织1次党员集体学习", S000 + " 三(1)：每月至少组织一次党员学习活动", "frequency",
                 meeting_type="study", period="month", min=1),
            rule(p + "joint_meeting", "社区党建联席会全年活动不少于4次", S000 + " 二(2)", "frequency",
                 meeting_type="joint_meeting", period="year", min=4),
            rule(p + "report", "每季度向街道党工委汇报1次工作", S000 + " 三(7)：党支部委员会每季度向党总支（党工委）汇报一次工作",
                 "frequency", meeting_type="report", period="quarter", min=1),
        ]
    else:
        rules += [
            rule(p + "lecture", "讲党课每半年至少1次", S001 + " 组织生活正常化：讲党课每半年至少1次", "frequency",
                 meeting_type="lecture", period="half", min=1),
            rule(p + "org_life", "组织生活会每半年至少召开1次", S001 + " 组织生活正常化：党支部每半年至少召开1次组织生活会",
                 "frequency", meeting_type="org_life", period="half", min=1),
            rule(p + "appraisal", "每年开展1次民主评议党员", S001 + " 组织生活正常化：结合组织生活会，每年开展1次民主评议党员工作",
                 "frequency", meeting_type="appraisal", period="year", min=1),
            rule(p + "report", "每半年向上一级党组织报告1次工作", S001 + " 组织生活正常化：每半年向上一级党组织报告1次工作情况",
                 "frequency", meeting_type="report", period="half", min=1),
        ]
    rules += [
        rule(p + "secretary_lecture", "党支部书记每年至少为党员讲1次党课", S001 + " 组织生活正常化", "frequency",
             meeting_type="lecture", period="year", min=1, host_role="书记"),
        rule(p + "theme_day", "每月相对固定1天开展主题党日", S001 + " 组织生活正常化：党支部每月相对固定1天作为主题党日",
             "frequency", meeting_type="theme_day", period="month", min=1),
    ]
    if sector == "organ":
        rules.append(rule(p + "dual_review", "党支部书记每年向上级党组织和支部党员大会述职（双述双评）",
                          S001 + " 工作制度体系化：建立健全“双述双评”制度", "frequency",
                          meeting_type="dual_review", period="year", min=2))
    return rules


def disclosure_rules(sector):
    p = sector + ".disclosure."
    rules = [rule(p + "dues", "每半年公布1次党费收缴情况（全年至少2次）",
                  S001 + " 管理服务精细化：每半年公布1次党费收缴情况", "disclosure",
                  meeting_type="dues_disclosure", period="half", min=1)]
    if sector == "village":
        rules.append(rule(p + "open_day", "每季度首月15日为党务公开日，每季度至少公开1次",
                          S002 + " 第五篇(14)：每季度首月15日为党务公开日", "disclosure",
                          meeting_type="disclosure_day", period="quarter", min=1))
    return rules


def member_rules(sector):
    p = sector + ".member."
    return [
        rule(p + "study_hours", "党员每年集中学习培训时间不少于32学时（集体学习、党课出席学时）",
             S001 + " 管理服务精细化：党员每年集中学习培训时间一般不少于32学时", "member_quantity",
             measure="study_hours", meeting_types=["study", "lecture"], min_hours=32),
        rule(p + "talk_members", "党支部书记每年至少与每名党员谈心谈话1次",
             S001 + " 组织生活正常化：每年至少与支部党员谈心谈话1次", "member_quantity",
             measure="talk_coverage", meeting_type="talk", scope="members", period="year"),
        rule(p + "talk_committee", "党支部书记每半年至少与每名班子成员谈心谈话1次",
             S001 + " 组织生活正常化：党支部书记每半年至少与班子成员谈心谈话1次", "member_quantity",
             measure="talk_coverage", meeting_type="talk", scope="committee", period="half"),
        rule(p + "volunteer", "有服务能力的党员每年至少参加2次志愿服务（流动党员不计）",
             S001 + " 管理服务精细化：有服务能力的党员每年至少参加2次以上志愿服务", "member_quantity",
             measure="service_count", meeting_type="volunteer", min=2, exclude_categories=["代管"]),
        rule(sector + ".quorum.votes", "支部党员大会表决须有半数以上正式党员到会，支委会决定须有半数以上委员到会",
             "DOMAIN.md §3（党章：党员大会表决须有半数以上有表决权的党员到会）", "quorum",
             meeting_types=["assembly", "committee", "appraisal"] + (["dual_review"] if sector == "organ" else [])),
    ]


def structure_rules(sector):
    p = sector + ".structure."
    return [
        rule(p + "form", "正式党员3人以上的成立党支部，不足3人的成立联合党支部",
             S001 + " 支部设置标准化：明确设置标准", "structure", check="form", min_full_members=3),
        rule(p + "group_size", "每个党小组人数原则上不少于3人",
             S001 + " 支部设置标准化：明确设置标准", "structure", check="group_size", min_group_size=3),
        rule(p + "committee", "党员7人以上的党支部设立支部委员会",
             "DOMAIN.md §2（《中国共产党支部工作条例（试行）》：党员7人以上的党支部设立支部委员会）", "structure",
             check="committee_required", committee_threshold=7),
        rule(p + "secretary_age", "党支部书记一般应当具有1年以上党龄",
             S001 + " 支部设置标准化：配强支部班子", "structure", check="secretary_party_age", min_party_age_years=1),
        rule(p + "term", "支部委员会按期换届（届满前90天提醒，超期为违规）",
             S001 + " 支部设置标准化：严格按期换届" + ("；" + S000 + " 一(9)：坚持按期换届选举制度" if sector == "community" else ""),
             "structure", check="term_expiry", warn_days=90),
    ]


def write(path, doc):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def main():
    for sector in SECTORS:
        base = os.path.join(ROOT, "plugins", sector, "data")
        mdir = os.path.join(base, "meetings")
        if os.path.isdir(mdir):
            for name in os.listdir(mdir):
                if name.endswith(".json"):
                    os.remove(os.path.join(mdir, name))
        templates = COMMON + SECTOR_TEMPLATES[sector]
        for i, t in enumerate(templates):
            write(os.path.join(mdir, "%02d_%s.json" % (i + 1, t["id"])), t)
        rdir = os.path.join(base, "rules")
        write(os.path.join(rdir, "10_frequency.json"), {"rules": frequency_rules(sector)})
        write(os.path.join(rdir, "20_disclosure.json"), {"rules": disclosure_rules(sector)})
        write(os.path.join(rdir, "30_members.json"), {"rules": member_rules(sector)})
        write(os.path.join(rdir, "40_structure.json"), {"rules": structure_rules(sector)})
        print("%s: %d templates, %d rules" % (sector, len(templates),
              len(frequency_rules(sector)) + len(disclosure_rules(sector)) + len(member_rules(sector)) + len(structure_rules(sector))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
