//! Words for people, in both languages, for every key and enum a report carries: evidence
//! keys, problems, page kinds. The reports use them, and the extension gets them from
//! `defaults().labels` (no raw key is ever shown to a user).

/// Every evidence key a rule writes, with its words `[zh, en]`. A key not here is internal:
/// the UI leaves the entry out rather than show a key.
pub const EVIDENCE: &[(&str, [&str; 2])] = &[
    ("age_days", ["距今天数", "days since"]),
    ("window_days", ["更新时限（天）", "window (days)"]),
    ("newest_as_shown", ["页面显示的最新日期", "newest date as shown"]),
    ("newest_url_date", ["网址中的最新日期", "newest date in the URLs"]),
    ("future_date", ["晚于检查日期的日期", "date after the inspection date"]),
    ("class", ["栏目类别", "column class"]),
    ("items", ["条目数", "items"]),
    ("url", ["栏目网址", "column URL"]),
    ("tab", ["标签页栏目", "tab panel"]),
    ("hidden_tab", ["隐藏的标签页", "hidden tab"]),
    ("fill", ["内容来源", "filled by"]),
    ("how", ["空白情形", "how it is blank"]),
    ("blank", ["空白栏目", "blank column"]),
    ("blank_on_page", ["本页空白栏目数", "blank columns on this page"]),
    ("stale", ["超期未更新", "past its window"]),
    ("stale_on_page", ["本页超期栏目数", "stale columns on this page"]),
    ("core_stale_on_page", ["本页超期的动态、通知政策类栏目数", "stale news/notice columns on this page"]),
    ("missing", ["尚需的数据", "still needed"]),
    ("missing_elements", ["缺少的要素", "missing elements"]),
    ("in_footer", ["位于页面底部", "in the footer"]),
    ("link", ["链接", "link"]),
    ("href", ["链接地址", "link target"]),
    ("link_code", ["链接中的备案号", "number in the link"]),
    ("number", ["备案号", "filing number"]),
    ("province", ["省份", "province"]),
    ("provinces", ["各项的省份代码", "province codes"]),
    ("codes", ["各处的网站标识码", "site codes"]),
    ("badge_img", ["备案图标", "badge image"]),
    ("problem", ["问题", "problem"]),
    ("part", ["部分", "part"]),
    ("meta_site_id_code", ["元数据中的标识码", "site code in the meta tags"]),
    ("messages", ["留言数", "messages"]),
    ("pending", ["未回复", "unanswered"]),
    ("late", ["超期", "overdue"]),
    ("limit_days", ["答复时限（天）", "reply limit (days)"]),
    ("unknown_status", ["状态不明", "status unknown"]),
    ("delay_days", ["答复用时（天）", "days to answer"]),
    ("page_kind", ["页面类型", "page kind"]),
    ("kind", ["类型", "kind"]),
    ("legacy_host", ["旧地址", "legacy address"]),
    ("image_in_link", ["链接内的图片", "image in the link"]),
    ("note", ["说明", "note"]),
    ("footer", ["页面底部", "footer"]),
    ("empty_placeholder", ["空的页脚容器", "empty footer container"]),
    ("columns", ["栏目", "columns"]),
    ("truncated", ["只检查了部分页面", "page checked in part"]),
    ("estimate", ["估计", "estimate"]),
    ("script", ["脚本", "script"]),
    ("script_filled_lists", ["由脚本填充的列表", "lists filled by scripts"]),
    ("src", ["资源地址", "source"]),
    ("hosts_checked", ["检查的主机", "hosts checked"]),
    ("portal_by", ["判断依据", "judged by"]),
    ("looked_for", ["查找的内容", "looked for"]),
    ("submit", ["提交方式", "submitted by"]),
    ("tag", ["标签", "tag"]),
    ("limit", ["阈值", "threshold"]),
    ("veto", ["单项否决的判定", "veto statement"]),
    ("guides_missing_on_page", ["本页缺要素的办事指南数", "guides missing elements on this page"]),
];

/// `[zh, en]` of an evidence key; `None` for keys that are internal.
pub fn evidence_key(key: &str) -> Option<[&'static str; 2]> {
    EVIDENCE.iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
}

/// `evidence.problem` values with their words `[zh, en]`.
pub const PROBLEMS: &[(&str, [&str; 2])] = &[
    ("malformed", ["格式不正确", "malformed"]),
    ("missing_bei", ["缺少“备”字", "lacks 备"]),
    ("not_linked", ["未链接到备案系统", "not linked to the filing system"]),
    ("link_mismatch", ["链接中的号码与显示的不一致", "the link's number differs"]),
    ("length", ["位数不对", "wrong length"]),
];

/// `[zh, en]` of an `evidence.problem` value.
pub fn problem(value: &str) -> Option<[&'static str; 2]> {
    PROBLEMS.iter().find(|(k, _)| *k == value).map(|(_, l)| *l)
}

/// `[zh, en]` of an evidence value the engine writes itself (enums, and the fixed notes some
/// rules add), by key: the UI never shows an engine word untranslated.
pub const EVIDENCE_VALUES: &[(&str, &str, [&str; 2])] = &[
    ("fill", "iframe", ["内嵌框架（iframe）加载", "an iframe"]),
    ("footer", "not_in_static_html", ["源代码中没有，由脚本或内嵌框架引入", "not in the server HTML"]),
    ("fill", "script", ["脚本加载", "a script"]),
    ("how", "empty", ["列表为空", "empty list"]),
    ("how", "dead_link", ["栏目链接无效且无内容", "dead link, no content"]),
    ("part", "sponsor", ["主办单位", "sponsor"]),
    ("part", "contact", ["联系方式", "contact"]),
    ("kind", "phone", ["电话", "phone"]),
    ("kind", "email", ["电子邮箱", "e-mail"]),
    ("kind", "address", ["地址", "address"]),
    ("kind", "contact_page_link", ["“联系我们”页面", "contact page"]),
    ("kind", "email_link", ["邮箱链接", "mail link"]),
    ("submit", "script", ["由脚本提交", "by a script"]),
    ("missing", "stale-column count across the site's columns", ["全站超期栏目的数量", "the number of stale columns across the site"]),
    ("missing", "blank-column count across the site's columns", ["全站空白栏目的数量", "the number of blank columns across the site"]),
    (
        "missing",
        "number of service items with ≥4 missing categories across the site",
        ["全站缺少4类及以上要素的办事事项数量", "the number of service items missing 4+ categories across the site"],
    ),
    ("missing", "the second-level pages linked from the homepage", ["首页链接的二级页面", "the second-level pages linked from the homepage"]),
    (
        "note",
        "empty in the server HTML and no inline script fills it; an external script might",
        ["源代码中为空，页面内也没有脚本填充；外部脚本仍可能填充", "empty in the server HTML and no inline script fills it; an external script might"],
    ),
    (
        "estimate",
        "one page; the official check monitors the homepage for 2 weeks",
        ["仅凭本页判断；正式检查对首页连续监测2周", "one page; the official check monitors the homepage for 2 weeks"],
    ),
    (
        "portal_by",
        "title or SiteName names a 人民政府 / 门户网站",
        ["标题或 SiteName 表明为人民政府门户网站", "the title or SiteName names a government portal"],
    ),
];

/// `[zh, en]` of an evidence value, when the engine wrote it (see `EVIDENCE_VALUES`).
pub fn evidence_value(key: &str, value: &str) -> Option<[&'static str; 2]> {
    EVIDENCE_VALUES.iter().find(|(k, v, _)| *k == key && *v == value).map(|(_, _, l)| *l)
}

/// `[zh, en]` of a page kind id (`homepage`…).
pub fn page_kind(id: &str) -> [&'static str; 2] {
    match id {
        "homepage" => ["首页", "homepage"],
        "column" => ["栏目页", "column page"],
        "article" => ["文章页", "article"],
        "service_guide" => ["办事指南", "service guide"],
        "interaction" => ["互动交流页", "message page"],
        _ => ["其他页面", "other page"],
    }
}

type Table = std::collections::BTreeMap<&'static str, [&'static str; 2]>;

/// Every label the UI needs, `[zh, en]` by id: what `defaults().labels` gives the extension
/// and www, so they never keep a second copy of an engine word.
#[derive(serde::Serialize)]
pub struct UiLabels {
    pub outcome: Table,
    pub effect: Table,
    pub category: Table,
    pub evidence: Table,
    pub problem: Table,
    pub page_kind: Table,
    pub column_class: Table,
    pub mark: Table,
    /// Categories of a citizen's error report (错别字 …).
    pub citizen_category: Table,
    /// Evidence values the engine writes, by key then value.
    pub evidence_value: std::collections::BTreeMap<&'static str, Table>,
}

pub fn all() -> UiLabels {
    use crate::model::{Effect, Outcome};
    use crate::registry::{ALL, Lang, category_label};
    let category = ALL.iter().map(|r| r.meta.category).map(|c| (c, [category_label(c, Lang::Zh), category_label(c, Lang::En)])).collect();
    let classes = {
        use crate::page::columns::ColumnClass::*;
        [News, NoticePolicy, PersonnelPlan, Topic, Other].into_iter().map(|c| (c.as_str(), [c.label_zh(), c.label_en()])).collect()
    };
    let marks = {
        use crate::baseline::MarkKind::*;
        [FalseAlarm, Accepted, Fixed].into_iter().map(|m| (m.id(), [m.label_zh(), m.label_en()])).collect()
    };
    UiLabels {
        outcome: Outcome::ALL.iter().map(|o| (o.id(), [o.label_zh(), o.label_en()])).collect(),
        effect: Effect::ALL.iter().map(|e| (e.id(), [e.label_zh(), e.label_en()])).collect(),
        category,
        evidence: EVIDENCE.iter().copied().collect(),
        problem: PROBLEMS.iter().copied().collect(),
        page_kind: crate::page::kind::PageKind::ALL.iter().map(|k| (k.as_str(), page_kind(k.as_str()))).collect(),
        column_class: classes,
        mark: marks,
        citizen_category: crate::citizen::Category::ALL.iter().map(|c| (c.id(), [c.label_zh(), c.label_en()])).collect(),
        evidence_value: {
            let mut m: std::collections::BTreeMap<&'static str, Table> = std::collections::BTreeMap::new();
            for (k, v, l) in EVIDENCE_VALUES {
                m.entry(k).or_default().insert(v, *l);
            }
            m
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every evidence key a rule writes has a label: a new key without one fails here.
    #[test]
    fn every_evidence_key_in_the_rules_has_a_label() {
        let mut missing = Vec::new();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules");
        let mut stack = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let src = std::fs::read_to_string(&p).unwrap();
                for part in src.split(".evidence(\"").skip(1) {
                    let key = part.split('"').next().unwrap_or("");
                    if evidence_key(key).is_none() {
                        missing.push(format!("{}: {key}", p.display()));
                    }
                    // A fixed string value (`.evidence("missing", "…")`) needs its words too.
                    if let Some(lit) = part[key.len()..].strip_prefix("\", \"").map(|r| r.split('"').next().unwrap_or("")) {
                        let known = if key == "problem" { problem(lit).is_some() } else { evidence_value(key, lit).is_some() };
                        if !known && !lit.is_empty() {
                            missing.push(format!("{}: value {key} = {lit:?} has no label in EVIDENCE_VALUES", p.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "evidence keys without a Chinese label:\n{}", missing.join("\n"));
        for (k, v, _) in EVIDENCE_VALUES {
            assert!(evidence_value(k, v).is_some());
        }
    }
}
