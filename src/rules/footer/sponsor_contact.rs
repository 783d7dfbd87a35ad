use std::sync::LazyLock;

use regex::Regex;

use super::footer_unjudgeable;
use crate::declare_rule;
use crate::model::{Finding, Outcome, SeenAs};
use crate::page::identity::{element_with_text, scope};
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// The footer names the sponsoring body (主办单位, `主办：`, or `<name>主办`) and gives a way to
    /// contact it: a telephone number, an address, an e-mail address, or a 联系我们/联系方式 link.
    /// Two findings: one for the sponsor (value = its name), one for the contact (value = the
    /// first contact found). 版权所有 alone does not name a sponsor; 技术支持 (the vendor) is not the
    /// sponsor; numbers inside HTML comments or scripts are not contacts. A mail link (`mailto:` or a
    /// footer link to the body's 政务邮箱/信箱) counts as an e-mail contact.
    /// ## Why it matters
    /// Inspectors (Shandong 2018) check that the footer states who runs the site and how to reach
    /// them; 47号文 lists 主办单位 and 联系方式 in the bottom area.
    /// ## How to fix
    /// Add `主办单位：<机关全称>` and `联系电话：<区号-号码>` (or an address, an e-mail, or a 联系我们
    /// page) to the footer.
    /// ## Example
    /// `<p>主办单位：长沙市人民政府 联系电话：0731-88665207</p>`
    pub static META = {
        id: "footer-sponsor-contact",
        category: "footer",
        effect: Norm,
        title: "主办单位及联系方式",
        title_en: "Sponsor and contact details",
        basis: "国办发〔2017〕47号 附件《网页设计规范》底部功能区；山东省2018年第二季度抽查通报",
        basis_en: "2017 No. 47 page design spec, footer; Shandong 2018 Q2 spot-check notice",
        docs_zh: {
            /// ## 检查内容
            /// 页面底部是否写明主办单位（“主办单位”“主办：”或“<单位名称>主办”），并提供联系方式：电话、地址、电子邮箱，
            /// 或“联系我们”“联系方式”链接。分别给出两项结果：主办单位（检出值为单位名称）
            /// 和联系方式（检出值为找到的第一种联系方式）。只写“版权所有”不算写明主办单位；“技术支持”（建设厂商）不是主办单位；
            /// HTML注释或脚本中的号码不算联系方式。邮件链接（`mailto:`，或页面底部指向本单位政务邮箱、信箱的链接）
            /// 算作电子邮箱。
            /// ## 为什么重要
            /// 检查人员（如山东省2018年抽查）会核对页面底部是否写明网站由谁主办、如何联系；
            /// 47号文把主办单位和联系方式列为页面底部应有的内容。
            /// ## 如何整改
            /// 在页面底部写明“主办单位：<机关全称>”和“联系电话：<区号-号码>”（也可以提供地址、电子邮箱或“联系我们”页面）。
            /// ## 示例
            /// 页面底部的写法：`<p>主办单位：长沙市人民政府 联系电话：0731-88665207</p>`
        },
    };
}

/// Characters an organisation name is made of (CJK and brackets), stopping at the next label.
static SPONSOR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"主办(?:单位)?\s*[:]\s*([\x{3400}-\x{9FFF}\x{F900}-\x{FAFF}()（）]{2,40}?)(?:\s|[|,，;；。/]|承办|协办|运行|维护|技术支持|联系|地址|电话|网站标识码|版权|备案|[A-Za-z0-9]|$)").unwrap()
});
/// `<name>主办`, also in brackets: `巴彦淖尔市人民政府办公室（主办）`.
static SPONSOR_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([\x{3400}-\x{9FFF}\x{F900}-\x{FAFF}()（）]{2,40}?)\s*[（(]?主办[）)]?(?:[^单]|$)").unwrap());
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])((?:\(?0[0-9]{2,3}\)?[- ]?)?[1-9][0-9]{6,7}|1[3-9][0-9]{9}|400-?[0-9]{3}-?[0-9]{4}|12345)(?:[^0-9]|$)").unwrap());
static PHONE_LABEL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)电话|热线|传真|tel|phone|咨询|值班").unwrap());
static EMAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").unwrap());
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:地址|地\s*址|通讯地址)\s*[:]\s*(\S{4,60})").unwrap());

/// Words that end a government body's name; used to pick the name out of `<name>主办`.
const BODY_SUFFIXES: &[&str] = &["政府", "办公厅", "办公室", "局", "委员会", "厅", "部", "院", "署", "会", "中心", "委", "办"];

fn sponsor(text: &str) -> Option<String> {
    if let Some(c) = SPONSOR_AFTER.captures(text) {
        return Some(c[1].to_string());
    }
    SPONSOR_BEFORE.captures_iter(text).map(|c| c[1].to_string()).find(|n| BODY_SUFFIXES.iter().any(|s| n.ends_with(s)))
}

/// A phone number in the footer: a label nearby, or an area-code form that cannot be a year.
fn phone(text: &str) -> Option<String> {
    for c in PHONE.captures_iter(text) {
        let m = c.get(1).unwrap();
        let before = &text[..m.start()];
        let window: String = before.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
        let num = m.as_str();
        if PHONE_LABEL.is_match(&window) || num.starts_with('0') && num.contains('-') || num == "12345" {
            return Some(num.trim().to_string());
        }
    }
    None
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    if let Some(f) = footer_unjudgeable(ctx, &META) {
        return vec![f];
    }
    let sc = scope(page);
    let mut out = Vec::new();
    match sponsor(sc.text) {
        Some(name) => out.push(
            META.finding(Outcome::Pass, format!("主办单位：{name}"), format!("Sponsor: {name}"))
                .at_opt(page, element_with_text(page, &name))
                .value(&name)
                .seen(SeenAs::Rendered)
                .evidence("part", "sponsor"),
        ),
        None => {
            let only_copyright = sc.text.contains("版权所有");
            out.push(
                META.finding(
                    Outcome::Fail,
                    if only_copyright { "页面底部只有“版权所有”，未标明主办单位" } else { "页面底部未标明主办单位" },
                    if only_copyright {
                        "The footer shows only 版权所有 and names no sponsor (主办单位)"
                    } else {
                        "The footer names no sponsor (主办单位)"
                    },
                )
                .at_opt(page, page.footer_anchor())
                .evidence("part", "sponsor"),
            )
        }
    }
    let contact_link = page.links().iter().find(|l| l.text.contains("联系我们") || l.text.contains("联系方式"));
    // A mail link (mailto:, or a footer link to the body's 政务邮箱/信箱) is an e-mail contact.
    let mail_link = page
        .links()
        .iter()
        .find(|l| l.href.to_ascii_lowercase().starts_with("mailto:") || (l.in_footer && (l.text.contains("邮箱") || l.text.contains("信箱"))));
    let contact: Option<(&str, String)> = phone(sc.text)
        .map(|p| ("phone", p))
        .or_else(|| EMAIL.find(sc.text).map(|m| ("email", m.as_str().to_string())))
        .or_else(|| ADDRESS.captures(sc.text).map(|c| ("address", c[1].to_string())))
        .or_else(|| contact_link.map(|l| ("contact_page_link", l.href.clone())))
        .or_else(|| mail_link.map(|l| ("email_link", l.href.clone())));
    match contact {
        Some((kind, value)) => {
            let node = match kind {
                "contact_page_link" => contact_link.map(|l| l.node),
                "email_link" => mail_link.map(|l| l.node),
                _ => element_with_text(page, &value),
            };
            out.push(
                {
                    let (zh, en) = match kind {
                        "phone" => ("电话", "phone"),
                        "email" => ("电子邮箱", "e-mail"),
                        "address" => ("地址", "address"),
                        "contact_page_link" => ("“联系我们”页面", "contact page"),
                        _ => ("邮箱链接", "mail link"),
                    };
                    META.finding(Outcome::Pass, format!("联系方式（{zh}）：{value}"), format!("Contact ({en}): {value}"))
                }
                .at_opt(page, node)
                .value(&value)
                .seen(SeenAs::Rendered)
                .evidence("part", "contact")
                .evidence("kind", kind),
            )
        }
        None => out.push(
            META.finding(
                Outcome::Fail,
                "页面底部未提供联系方式（电话、地址、邮箱或“联系我们”链接）",
                "The footer gives no contact (phone, address, e-mail or a contact page link)",
            )
            .at_opt(page, page.footer_anchor())
            .evidence("part", "contact"),
        ),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sponsor_forms() {
        assert_eq!(sponsor("主办单位:长沙市人民政府 承办单位:x").as_deref(), Some("长沙市人民政府"));
        assert_eq!(sponsor("主办:宁夏回族自治区人民政府办公厅 | 联系邮箱").as_deref(), Some("宁夏回族自治区人民政府办公厅"));
        assert_eq!(sponsor("中国卫星导航系统管理办公室主办").as_deref(), Some("中国卫星导航系统管理办公室"));
        assert_eq!(sponsor("巴彦淖尔市人民政府办公室（主办） 巴彦淖尔市大数据中心（承办）").as_deref(), Some("巴彦淖尔市人民政府办公室"));
        assert_eq!(sponsor("版权所有:北京市人力社保局"), None);
    }

    #[test]
    fn phones_need_a_label_or_area_code() {
        assert_eq!(phone("联系电话:0731-88665207").as_deref(), Some("0731-88665207"));
        assert_eq!(phone("Copyright 2018 版权所有"), None);
        assert_eq!(phone("邮编:050051"), None);
    }
}
