use crate::page::El;
use crate::page::NodeId;

use crate::declare_rule;
use crate::model::{Finding, Outcome};
use crate::page::Page;
use crate::page::kind::PageKind;
use crate::registry::Ctx;

/// Element categories of a 办事指南 with the labels sites use for them (rules.md §2.9).
pub const ELEMENTS: &[(&str, &[&str])] = &[
    ("事项名称", &["事项名称", "服务事项名称", "事项名", "项目名称", "服务名称"]),
    ("设定依据", &["设定依据", "法定依据", "实施依据", "办理依据", "法律依据", "政策依据"]),
    ("申请条件", &["申请条件", "受理条件", "办理条件", "申报条件", "准入条件"]),
    ("办理材料", &["办理材料", "申报材料", "所需材料", "申请材料", "申请资料", "提交材料", "材料目录", "所需资料"]),
    ("办理地点", &["办理地点", "受理地点", "办公地点", "办理地址", "窗口地址", "受理地址"]),
    ("办理时间", &["办理时间", "办公时间", "工作时间", "受理时间"]),
    ("联系电话", &["联系电话", "咨询电话", "咨询方式", "联系方式", "咨询途径"]),
    ("办理流程", &["办理流程", "办理程序", "流程图", "办事流程", "办理步骤", "办理环节"]),
    ("办理机构", &["办理机构", "实施机构", "受理机构", "办理部门", "实施主体", "受理部门", "承办机构"]),
    ("收费标准", &["收费标准", "收费依据", "是否收费", "收费情况", "收费项目"]),
];
/// Required when the materials name forms (申请表…).
const FORMS: (&str, &[&str]) = ("表格下载", &["表格下载", "附件下载", "样表下载", "空表下载", "表格及样表", "样表", "空表", "申请表下载"]);
/// Values that do not count as a value (收费标准 accepts 无/不收费).
const EMPTY_VALUES: &[&str] = &["", "无", "暂无", "/", "-", "—", "--", "见附件", "空", "null", "无。"];
const MAX_LABEL_CHARS: usize = 12;
const MAX_VALUE_CHARS: usize = 400;

declare_rule! {
    /// ## What it checks
    /// On a 办事指南 (service guide) page: each key element is present with a non-empty value —
    /// 事项名称, 设定依据, 申请条件, 办理材料, 办理地点, 办理时间, 联系电话, 办理流程, 办理机构,
    /// 收费标准 (synonyms such as 受理条件, 申报材料, 咨询电话, 法定依据 count; "无" is a valid
    /// 收费标准), and 表格下载 when the materials name forms. Counts the missing categories per
    /// guide; the value is that count. Pages that are not guides are not applicable.
    /// ## Why it matters
    /// 单项否决: five or more service items each missing four or more element categories fail
    /// the site (if it has fewer than five items, when every item does). A guide missing four
    /// or more is a failure of that guide (扣分); the veto is stated once, apart: reached when
    /// one page lists five such guides, otherwise `needs_site` (the count is site-wide).
    /// ## How to fix
    /// Complete every guide with all elements, using the province's standard guide template.
    /// ## Example
    /// A guide that shows only 事项名称, 办理材料 and 联系电话 misses 7 categories.
    /// ## Options
    /// - `guide_missing_elements`: missing element categories that make a guide count against the site (default 4)
    pub static META = {
        id: "service-guide-elements",
        category: "service",
        effect: Veto,
        title: "办事指南要素",
        title_en: "Service guide elements",
        basis: "国办秘函〔2019〕19号 单项否决：办事指南要素缺失（≥5个事项各缺失≥4类要素）",
        basis_en: "2019 national indicators, veto item: guide elements missing (≥5 items each missing ≥4 categories)",
        docs_zh: {
            /// ## 检查内容
            /// 办事指南页面上的各项要素是否齐全、内容是否为空：事项名称、设定依据、申请条件、办理材料、办理地点、办理时间、
            /// 联系电话、办理流程、办理机构、收费标准（“受理条件”“申报材料”“咨询电话”“法定依据”等同义说法也算；收费标准写“无”
            /// 是有效内容）；办理材料中列有表格的，还应提供表格下载。统计每份指南缺少的要素类别数，检出值即为该数。
            /// 非办事指南页面不适用。
            /// ## 为什么重要
            /// 属于单项否决：5个及以上办事事项各缺少4类及以上要素的，网站判为不合格（事项总数不足5个的，
            /// 每个事项都缺少4类及以上要素即不合格）。单份指南缺少4类及以上要素，即判该指南不合格（扣分）；
            /// 是否构成单项否决另行单独说明：一个页面上列出5份这样的指南时直接判定，否则标为“需全站数据”（此类指南的数量要按全站统计）。
            /// ## 如何整改
            /// 按照本省统一的办事指南模板，把每份指南的全部要素补充完整。
            /// ## 示例
            /// 一份指南只显示了事项名称、办理材料和联系电话，缺少7类要素。
            /// ## 设置项
            /// - `guide_missing_elements`：办事指南缺少多少类要素即计入不合格（默认4）
        },
    };
}

fn strip_label(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace() && !"：:【】[]()（）·*★".contains(*c)).collect()
}

fn category_of(label: &str) -> Option<&'static str> {
    ELEMENTS.iter().chain(std::iter::once(&FORMS)).find(|(_, syn)| syn.contains(&label)).map(|(c, _)| *c)
}

struct Hit {
    cat: &'static str,
    node: NodeId,
    value: String,
}

/// The value next to a label element: next sibling, else the parent's remaining text, else
/// the parent's next sibling.
fn value_of(page: &Page, el: El<'_>, label_text: &str) -> String {
    let next_el = el.next_siblings().find(|s| !matches!(s.name(), "script" | "style" | "br"));
    if let Some(n) = next_el {
        let t = page.text(n);
        if !t.is_empty() {
            return t.into_owned();
        }
    }
    if let Some(p) = el.parent() {
        let pt = page.text(p);
        if pt.chars().count() <= MAX_VALUE_CHARS {
            let rest = pt.replacen(label_text, "", 1);
            let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == '：' || c == ':');
            if !rest.is_empty() {
                return rest.to_string();
            }
        }
        if let Some(n) = p.next_siblings().next() {
            return page.text(n).into_owned();
        }
    }
    String::new()
}

fn hits(page: &Page) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::new();
    let mut claimed: Vec<NodeId> = Vec::new();
    for el in page.elements() {
        if out.len() > 2000 || matches!(el.name(), "script" | "style" | "a" | "option" | "title" | "head") {
            continue;
        }
        // Labels and `label：value` blocks are small; skip big blocks before reading their text.
        if el.has_at_least_nodes(200) || page.in_footer(el.id()) {
            continue;
        }
        let text = page.text(el);
        if text.is_empty() || text.chars().count() > MAX_VALUE_CHARS + MAX_LABEL_CHARS {
            continue;
        }
        // `label` alone, or `label：value` in one element.
        let label = strip_label(&text);
        if label.chars().count() <= MAX_LABEL_CHARS {
            if let Some(cat) = category_of(&label) {
                // The innermost element with this text is the label.
                if el.children().any(|c| strip_label(&page.text(c)) == label) {
                    continue;
                }
                claimed.push(el.id());
                out.push(Hit { cat, node: el.id(), value: value_of(page, el, &text) });
                continue;
            }
        }
        if let Some((head, rest)) = text.split_once(['：', ':']) {
            let head = strip_label(head);
            if let Some(cat) = category_of(&head) {
                let inner = el
                    .children()
                    .any(|c| page.text(c).starts_with(text.split_once(['：', ':']).map(|x| x.0).unwrap_or("")) && page.text(c).contains(['：', ':']));
                if inner || el.ancestors().any(|a| claimed.contains(&a.id())) {
                    continue;
                }
                claimed.push(el.id());
                out.push(Hit { cat, node: el.id(), value: rest.trim().to_string() });
            }
        }
    }
    out
}

fn has_value(cat: &str, v: &str) -> bool {
    let v = v.trim().trim_end_matches(['。', '.']);
    if cat == "收费标准" && (v == "无" || v.contains("不收费") || v.contains("免费")) {
        return true;
    }
    !EMPTY_VALUES.contains(&v) && !v.is_empty()
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    // Cheap gate before reading every block: a guide shows at least three element labels
    // somewhere in its text (the test below needs three categories at the least).
    if ctx.facts.kind() == PageKind::Homepage {
        return vec![META.finding(Outcome::NotApplicable, "非办事指南页面，不适用", "Not a service guide page")];
    }
    let squeezed = crate::page::text::squeeze(page.body_text());
    let present = ELEMENTS.iter().chain(std::iter::once(&FORMS)).filter(|(_, syn)| syn.iter().any(|w| squeezed.contains(w))).count();
    if present < 3 {
        return vec![META.finding(Outcome::NotApplicable, "非办事指南页面，不适用", "Not a service guide page")];
    }
    let all = hits(page);
    let cats: std::collections::BTreeSet<&str> = all.iter().map(|h| h.cat).collect();
    // The page calls itself a guide: title, ColumnName or a main heading (not a nav link).
    let says = |t: &str| t.contains("办事指南") || t.contains("服务指南");
    let body_says_guide = says(page.title())
        || page.meta("ColumnName").is_some_and(says)
        || page.elements().filter(|e| matches!(e.name(), "h1" | "h2")).take(20).any(|h| says(&page.text(h)));
    let kind = ctx.facts.kind();
    let is_guide = kind == PageKind::ServiceGuide || (kind != PageKind::Homepage && ((body_says_guide && cats.len() >= 3) || cats.len() >= 6));
    if !is_guide {
        return vec![META.finding(Outcome::NotApplicable, "非办事指南页面，不适用", "Not a service guide page")];
    }
    // Several guides on one page: each 事项名称 label starts a new one.
    let mut guides: Vec<Vec<&Hit>> = vec![Vec::new()];
    for h in &all {
        if h.cat == "事项名称" && guides.last().is_some_and(|g| g.iter().any(|x| x.cat == "事项名称")) {
            guides.push(Vec::new());
        }
        if let Some(g) = guides.last_mut() {
            g.push(h);
        }
    }
    let limit = ctx.options.guide_missing_elements;
    let results: Vec<(Vec<&str>, Option<NodeId>, String)> = guides
        .iter()
        .map(|g| {
            let present = |cat: &str| g.iter().any(|h| h.cat == cat && has_value(cat, &h.value));
            let mut missing: Vec<&str> = ELEMENTS.iter().map(|(c, _)| *c).filter(|c| !present(c)).collect();
            let materials = g.iter().filter(|h| h.cat == "办理材料").map(|h| h.value.as_str()).collect::<Vec<_>>().join(" ");
            if (materials.contains("申请表") || materials.contains("登记表") || materials.contains("表格")) && !present(FORMS.0) {
                missing.push(FORMS.0);
            }
            let name = g.iter().find(|h| h.cat == "事项名称").map(|h| h.value.clone()).unwrap_or_default();
            (missing, g.first().map(|h| h.node), name)
        })
        .collect();
    let bad = results.iter().filter(|(m, _, _)| m.len() >= limit).count();
    let mut out: Vec<Finding> = results
        .into_iter()
        .map(|(missing, node, name)| {
            let n = missing.len();
            let label = if name.is_empty() { "本办事指南".to_string() } else { format!("「{}」", crate::page::text::truncate_chars(&name, 30)) };
            let list = missing.join("、");
            let list_en = missing.join(", ");
            let f = if n == 0 {
                META.finding(Outcome::Pass, format!("{label}要素齐全"), "The guide shows every element")
            } else if n < limit {
                META.finding(
                    Outcome::Pass,
                    format!("{label}缺少 {n} 类要素（{list}），少于 {limit} 类，不计入否决项，但应补全"),
                    format!("The guide misses {n} element categories ({list_en}), fewer than {limit}: not counted for the veto, but should be completed"),
                )
            } else {
                // A definite problem of this guide: a deduction; the veto is stated apart.
                META.finding(Outcome::Fail, format!("{label}缺少 {n} 类要素（{list}）"), format!("The guide misses {n} element categories ({list_en})"))
                    .effect(crate::model::Effect::Deduct)
            };
            f.at_opt(page, node).value(n.to_string()).evidence("missing_elements", &missing)
        })
        .collect();
    if bad > 0 {
        out.push(veto_statement(bad, limit));
    }
    out
}

/// The veto, stated once: reached when this page alone lists five guides each missing
/// `limit` or more categories; otherwise it needs the site's count (or, on a site with fewer
/// than five items, all of them so).
fn veto_statement(bad: usize, limit: usize) -> Finding {
    if bad >= 5 {
        META.finding(
            Outcome::Fail,
            format!("单项否决：本页已有 {bad} 个办事事项各缺少 {limit} 类及以上要素，达到否决数量（5 个）"),
            format!("Veto: {bad} service items on this page each miss {limit} or more element categories, reaching the count (5)"),
        )
    } else {
        META.finding(
            Outcome::NeedsSite,
            format!("是否构成单项否决需全站统计：需 5 个及以上办事事项各缺少 {limit} 类及以上要素（事项不足 5 个时需全部如此），本页 {bad} 个"),
            format!("Whether the veto is reached needs the whole site: 5 or more items each missing {limit}+ categories (all items when fewer than 5); {bad} on this page"),
        )
        .evidence("missing", "number of service items with ≥4 missing categories across the site")
    }
    .evidence("veto", true)
    .evidence("guides_missing_on_page", bad)
}
