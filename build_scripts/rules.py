"""Every problem a report can have, by id: the arithmetic rules of rules.md and the problems of
reading a file. The site, the build log, the downloads and the tests all use these ids."""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str  # shown on the site
    description: str  # what the rule says, in the template's terms
    kind: str  # arithmetic | cross-year | reading | prose | timeliness


RULES = {
    r.id: r
    for r in (
        Rule("A-row-total", ERROR, "表三行合计",
             "表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他", "arithmetic"),
        Rule("A-outcome-total", ERROR, "办理结果总计",
             "表三每一列：（七）总计 = （一）至（六）各项办理结果之和", "arithmetic"),
        Rule("A-balance", ERROR, "申请数量平衡",
             "表三每一列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理", "arithmetic"),
        Rule("R-group-total", ERROR, "复议诉讼总计",
             "表四每一组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结", "arithmetic"),
        Rule("P-nonnegative", ERROR, "数值不合规",
             "件数应为不小于 0 的整数；本年增/减可为负数；金额可有小数但不小于 0", "arithmetic"),
        Rule("P-missing-cell", ERROR, "单元格缺失", "应填数字的单元格为空，不按 0 处理", "reading"),
        Rule("X-carry-over", WARNING, "跨年结转不一致",
             "本年“二、上年结转政府信息公开申请数量”应等于上一年“四、结转下年度继续办理”，逐列比较", "cross-year"),
        Rule("X-in-force", WARNING, "现行有效件数不衔接",
             "本年现行有效件数 = 上一年现行有效件数 + 本年制发件数 − 本年废止件数（2021 年版格式）", "cross-year"),
        Rule("F-not-report", ERROR, "不是年度报告",
             "文件无法读取为政府信息公开工作年度报告（空文件、二进制文件、编码无法识别或缺少报告结构）", "reading"),
        Rule("F-encoding", WARNING, "文件编码", "文件不是 UTF-8 编码，已按检测到的编码读取", "reading"),
        Rule("F-control-chars", WARNING, "控制字符", "文本含有不可见的控制字符，已删除", "reading"),
        Rule("F-script", WARNING, "繁体字", "报告以繁体字印出（如网站的繁体版页面），已转换为简体字后读取", "reading"),
        Rule("F-metadata", ERROR, "标题信息缺失", "无法从标题和开头段落识别机关名称或年度", "reading"),
        Rule("F-template", WARNING, "格式版本不一致",
             "开头段落引用的通知文号与表格版式不一致，或两者都没有、只能按年度判断格式", "reading"),
        Rule("F-missing-part", ERROR, "缺少部分", "报告缺少六个部分中的某一部分", "reading"),
        Rule("F-missing-row", ERROR, "缺少表格行", "统计表缺少模板规定的行", "reading"),
        Rule("F-duplicate-row", ERROR, "表格行重复", "统计表中同一行出现了不止一次：各次数值相同的采用一次，不同的不予采用", "reading"),
        Rule("F-cell-count", ERROR, "数值个数不符", "表格行中的数值个数与模板的列数不一致", "reading"),
        Rule("F-bad-number", ERROR, "数值无法识别",
             "应填数字的单元格中不是数字，或数字的单位与本栏不同（如本栏以万元计，填写的是元）", "reading"),
        # A file of data/ that is not read, or not read whole (files.py, limits.py: limits set in mkdocs.yml).
        Rule("F-outside-data", ERROR, "指向数据目录之外",
             "符号链接（文件或文件夹）指向数据目录之外：不读取，也不发布其内容", "reading"),
        Rule("F-not-regular", ERROR, "不是普通文件", "设备文件、命名管道（FIFO）或套接字：不读取，也不发布", "reading"),
        Rule("F-too-large", ERROR, "文件过大", "文件超过大小上限（max_file_mb）：只列出，不解析，也不发布副本", "reading"),
        Rule("F-unpacked-size", ERROR, "解压后过大",
             ".docx 解压后的总大小超过上限（max_unpacked_mb），可能是压缩炸弹：不解析", "reading"),
        Rule("F-too-many-pages", ERROR, "页数过多", "PDF 页数超过上限（max_pdf_pages）：不解析", "reading"),
        Rule("F-timeout", ERROR, "解析超时", "解析和检查一个文件的时间超过上限（parse_timeout）：已停止，不采用任何数据", "reading"),
        Rule("F-text-cut", WARNING, "正文过长",
             "报告正文超过上限（max_prose_chars）：超出部分不收录，完整内容见原始文件", "reading"),
        Rule("F-duplicate-report", WARNING, "重复报告", "同一机关同一年度有不止一份报告", "cross-year"),
        Rule("T-prose-table", WARNING, "正文与表格不符",
             "正文（第一、六部分）明确写出的申请、办理结果、结转、行政复议、行政诉讼、行政事业性收费或规范性文件件数，"
             "应与表二、表三、表四中的同一项相等；“未收到政府信息公开申请”时表三本年新收应为 0", "prose"),
        Rule("T-copied-text", WARNING, "文字重复",
             "第一部分（总体情况）和第五部分（存在的主要问题及改进情况）的文字与同一机关往年或其他机关的报告"
             "大量重复（数字不计，按五字片段比较，重复比例达到 80%）", "cross-year"),
        Rule("D-late", WARNING, "逾期公开",
             "《政府信息公开条例》第四十九条：县级以上人民政府部门应在每年 1 月 31 日前、人民政府应在每年 3 月 31 日前"
             "公布上一年度的年度报告；按报告的发布日期核对", "timeliness"),
    )
}


def get(rule_id: str) -> Rule:
    return RULES[rule_id]
