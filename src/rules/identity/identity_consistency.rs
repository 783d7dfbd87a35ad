use crate::declare_rule;
use crate::model::{Finding, Outcome};
use crate::page::identity::province_code;
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// The identity items agree with each other: `meta SiteIDCode` = the footer 网站标识码 = the
    /// 找错 entry's `sitecode`; and the provinces of the ICP number (its abbreviation), the
    /// 公网安备 number (its first two digits) and a numeric site code (its division code) agree.
    /// Central bodies (`bm` codes) file ICP under 京 wherever they are, so only numeric site codes
    /// take part in the province comparison. With fewer than two items there is nothing to compare.
    /// ## Why it matters
    /// A copied template often carries another site's codes: the 找错 platform then files
    /// citizens' reports against the wrong site, and inspectors count the footer as wrong.
    /// ## How to fix
    /// Use your own site's code everywhere (footer, `<meta name="SiteIDCode">`, the 找错 script's
    /// `sitecode`) and check the ICP and 公网安备 numbers against your filings.
    /// ## Example
    /// Footer `网站标识码：3609000002`, `<meta name="SiteIDCode" content="3609000002">`,
    /// `<script id="_jiucuo_" sitecode="3609000002" …>`, `赣ICP备…`, `赣公网安备 36…号`.
    pub static META = {
        id: "identity-consistency",
        category: "identity",
        effect: Norm,
        title: "标识信息一致性",
        title_en: "Identity items agree",
        basis: "国办发〔2017〕47号 附件《网页设计规范》网页标签与底部功能区（派生检查）",
        basis_en: "2017 No. 47 page design spec: page tags and footer (derived check)",
        docs_zh: {
            /// ## 检查内容
            /// 各项标识信息是否彼此一致：`meta SiteIDCode`、页面底部的网站标识码、找错入口的 `sitecode` 三者相同；
            /// ICP备案编号的省份简称、公网安备编号前两位所代表的省份、数字型网站标识码中的行政区划代码，三者指向同一省份。
            /// 中央单位（以 `bm` 开头的标识码）无论在哪里都在“京”办理ICP备案，因此只有数字型标识码参与省份比对。
            /// 可比对的信息不足两项时，无从比较。
            /// ## 为什么重要
            /// 套用其他网站的模板时，常常连带沿用了别人的标识码：找错平台会把公众反映的问题转给错误的网站，
            /// 检查人员也会判定页面底部信息有误。
            /// ## 如何整改
            /// 所有地方（页面底部、`<meta name="SiteIDCode">`、找错脚本的 `sitecode`）都使用本网站自己的标识码，
            /// 并对照备案材料核对ICP备案编号和公网安备编号。
            /// ## 示例
            /// 各项一致的写法：页面底部写 `网站标识码：3609000002`，页面标签为
            /// `<meta name="SiteIDCode" content="3609000002">`，找错脚本为 `<script id="_jiucuo_" sitecode="3609000002" …>`，
            /// 备案编号为 `赣ICP备…` 和 `赣公网安备 36…号`。
        },
    };
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    let id = ctx.facts.identity();
    let footer_code = &id.site_code;
    let mut codes: Vec<(&str, String)> = Vec::new();
    if let Some(m) = page.meta("SiteIDCode") {
        codes.push(("meta SiteIDCode", m.to_string()));
    }
    if let Some(sc) = &footer_code {
        codes.push(("网站标识码 (footer)", sc.code.clone()));
    }
    if let Some(z) = &id.zhaocuo_code {
        codes.push(("找错 sitecode", z.clone()));
    }
    let mut provinces: Vec<(&str, String)> = Vec::new();
    let icp = &id.icp;
    if let Some(code) = icp.as_ref().and_then(|i| province_code(&i.province)) {
        provinces.push(("ICP", code.to_string()));
    }
    let psb = &id.psb;
    // A well-formed 公网安备 number starts with its province's division code.
    if let Some(p) = psb.as_ref().filter(|p| p.number.len() == 14 && p.number.bytes().all(|b| b.is_ascii_digit())) {
        provinces.push(("公网安备", p.number[..2].to_string()));
    }
    if let Some(sc) = footer_code.as_ref().filter(|s| s.valid && !s.code.starts_with("bm")) {
        provinces.push(("网站标识码", sc.code[..2].to_string()));
    }
    let mut out = Vec::new();
    let code_mismatch = codes.windows(2).any(|w| !w[0].1.eq_ignore_ascii_case(&w[1].1));
    let province_mismatch = provinces.windows(2).any(|w| w[0].1 != w[1].1);
    // Each language names the sources in its own words and punctuation.
    let name = |k: &str, zh: bool| -> String {
        let (z, e) = match k {
            "meta SiteIDCode" => ("网页标签 SiteIDCode", "meta SiteIDCode"),
            "网站标识码 (footer)" => ("页面底部网站标识码", "footer site code"),
            "找错 sitecode" => ("找错入口 sitecode", "找错 entry sitecode"),
            "ICP" => ("ICP备案号", "ICP number"),
            "公网安备" => ("公网安备号", "公网安备 number"),
            "网站标识码" => ("网站标识码", "site code"),
            other => (other, other),
        };
        (if zh { z } else { e }).to_string()
    };
    let list_zh = |items: &[(&str, String)]| items.iter().map(|(k, v)| format!("{}={v}", name(k, true))).collect::<Vec<_>>().join("，");
    let list = |items: &[(&str, String)]| items.iter().map(|(k, v)| format!("{}={v}", name(k, false))).collect::<Vec<_>>().join(", ");
    let anchor = footer_code.as_ref().and_then(|s| s.node).or(page.footer_anchor());
    if code_mismatch {
        out.push(
            META.finding(Outcome::Fail, format!("网站标识码不一致：{}", list_zh(&codes)), format!("Site codes disagree: {}", list(&codes)))
                .at_opt(page, anchor)
                .evidence("codes", codes.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<std::collections::BTreeMap<_, _>>()),
        );
    }
    if province_mismatch {
        out.push(
            META.finding(
                Outcome::Fail,
                format!("备案号与标识码的省份不一致（行政区划代码）：{}", list_zh(&provinces)),
                format!("Provinces of the filing numbers and site code disagree (division codes): {}", list(&provinces)),
            )
            .at_opt(page, anchor)
            .evidence("provinces", provinces.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<std::collections::BTreeMap<_, _>>()),
        );
    }
    if out.is_empty() {
        let compared = codes.len().max(1) - 1 + provinces.len().max(1) - 1;
        if compared == 0 {
            out.push(META.finding(
                Outcome::NotApplicable,
                "可比对的标识信息不足两项，无法检查一致性",
                "Fewer than two identity items are shown, nothing to compare",
            ));
        } else {
            let value = codes.first().map(|(_, v)| v.clone());
            let mut f = META.finding(
                Outcome::Pass,
                format!("标识信息一致：{}", list_zh(&[codes.clone(), provinces.clone()].concat())),
                format!("Identity items agree: {}", list(&[codes, provinces].concat())),
            );
            f.value = value;
            out.push(f.at_opt(page, anchor));
        }
    }
    out
}
