//! The identity items of a page's footer, extracted once per check (`facts::Facts`): the
//! 网站标识码, the ICP filing number, the 公网安备 number and the site code carried by the
//! 找错 entry. Footer rules judge them; `identity-consistency` compares them; the site check
//! aggregates them across pages.

use std::sync::LazyLock;

use regex::Regex;

use super::{El, NodeId, Page};

/// Province abbreviations used in ICP and 公网安备 numbers, with their GB/T 2260 codes.
pub const PROVINCES: &[(&str, &str)] = &[
    ("京", "11"),
    ("津", "12"),
    ("冀", "13"),
    ("晋", "14"),
    ("蒙", "15"),
    ("辽", "21"),
    ("吉", "22"),
    ("黑", "23"),
    ("沪", "31"),
    ("苏", "32"),
    ("浙", "33"),
    ("皖", "34"),
    ("闽", "35"),
    ("赣", "36"),
    ("鲁", "37"),
    ("豫", "41"),
    ("鄂", "42"),
    ("湘", "43"),
    ("粤", "44"),
    ("桂", "45"),
    ("琼", "46"),
    ("渝", "50"),
    ("川", "51"),
    ("蜀", "51"),
    ("贵", "52"),
    ("黔", "52"),
    ("云", "53"),
    ("滇", "53"),
    ("藏", "54"),
    ("陕", "61"),
    ("甘", "62"),
    ("陇", "62"),
    ("青", "63"),
    ("宁", "64"),
    ("新", "65"),
];

pub fn province_code(abbr: &str) -> Option<&'static str> {
    PROVINCES.iter().find(|(a, _)| *a == abbr).map(|(_, c)| *c)
}

pub fn is_province_code(code: &str) -> bool {
    PROVINCES.iter().any(|(_, c)| *c == code)
}

const PROVINCE_CLASS: &str = "[京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕吉闽贵黔粤青藏川蜀宁琼]";

/// ICP number in whitespace-free text; `备` is sometimes missing, `号` too.
pub static ICP_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"({PROVINCE_CLASS})ICP(备?)(?:案)?[:]?([0-9]{{5,9}})(号?)(?:-([0-9]{{1,3}}))?")).unwrap());

/// 公网安备 number in whitespace-free text: `<省>公网安备 <12–14 digits>号`, or the label form.
pub static PSB_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?:({PROVINCE_CLASS})公网安备|公安机关备案号|公安备案号)[:]?([0-9]{{12,14}})(号?)")).unwrap());

/// 网站标识码 in text (label then code). Codes are exactly 10 characters.
pub static SITE_CODE_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)标识码\s*[:]?\s*((?:bm)?[0-9]+)").unwrap());

/// Is this a well-formed 网站标识码 (6-digit division + 4 digits, or `bm` + 8 digits)?
pub fn valid_site_code(code: &str) -> bool {
    let lower = code.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("bm") {
        return rest.len() == 8 && rest.bytes().all(|b| b.is_ascii_digit());
    }
    code.len() == 10 && code.bytes().all(|b| b.is_ascii_digit()) && is_province_code(&code[..2])
}

/// Text to search for footer items: the footer when found, else the whole body (borrowed
/// from the page: each extractor and the sponsor rule ask for it).
pub struct Scope<'p> {
    pub text: &'p str,
    pub in_footer: bool,
}

pub fn scope(page: &Page) -> Scope<'_> {
    if page.footer.found() { Scope { text: &page.footer.text, in_footer: true } } else { Scope { text: page.body_text(), in_footer: false } }
}

/// The deepest element inside `roots` (or the body) whose text contains `needle`
/// (compared without whitespace, as numbers are often split by spaces and tags).
pub fn element_with_text(page: &Page, needle: &str) -> Option<NodeId> {
    let needle: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
    let contains = |el: El<'_>| crate::page::text::squeeze(&page.text(el)).contains(&needle);
    let starts: Vec<El<'_>> =
        if page.footer.found() { page.footer.roots.iter().filter_map(|r| page.element(*r)).collect() } else { page.body().into_iter().collect() };
    let mut found = None;
    for root in starts {
        if !contains(root) {
            continue;
        }
        let mut cur = root;
        // Descend while a child still holds the whole needle (bounded: hostile pages nest deeply).
        for _ in 0..64 {
            match cur.children().find(|c| contains(*c)) {
                Some(child) => cur = child,
                None => break,
            }
        }
        found = Some(cur.id());
        break;
    }
    found
}

/// Nearest `<a>` enclosing (or being) the node.
pub fn enclosing_link(page: &Page, node: NodeId) -> Option<El<'_>> {
    let el = page.element(node)?;
    el.self_and_ancestors().find(|e| e.is("a"))
}

#[derive(Clone, Debug)]
pub struct SiteCode {
    pub code: String,
    pub node: Option<NodeId>,
    pub in_footer: bool,
    pub valid: bool,
}

/// The 网站标识码 shown on the page (footer first).
pub fn extract_site_code(page: &Page) -> Option<SiteCode> {
    let sc = scope(page);
    let caps = SITE_CODE_RE.captures(sc.text)?;
    let code = caps[1].to_string();
    let code = if code.to_ascii_lowercase().starts_with("bm") { format!("bm{}", &code[2..]) } else { code };
    Some(SiteCode { valid: valid_site_code(&code), node: element_with_text(page, &code), in_footer: sc.in_footer, code })
}

#[derive(Clone, Debug)]
pub struct Icp {
    /// As shown, whitespace removed, e.g. `京ICP备05022684号-2`.
    pub shown: String,
    pub province: String,
    pub number: String,
    pub missing_bei: bool,
    pub node: Option<NodeId>,
    pub in_footer: bool,
}

pub fn extract_icp(page: &Page) -> Option<Icp> {
    let sc = scope(page);
    let squeezed = crate::page::text::squeeze(sc.text);
    let caps = ICP_RE.captures(&squeezed)?;
    let shown = caps[0].to_string();
    Some(Icp {
        province: caps[1].to_string(),
        number: caps[3].to_string(),
        missing_bei: caps[2].is_empty(),
        // The element holding the whole number as shown, else the one holding its digits.
        node: element_with_text(page, &shown).or_else(|| element_with_text(page, &caps[3])),
        in_footer: sc.in_footer,
        shown,
    })
}

#[derive(Clone, Debug)]
pub struct Psb {
    pub shown: String,
    pub province: Option<String>,
    pub number: String,
    pub node: Option<NodeId>,
    pub in_footer: bool,
}

/// A 公安机关备案 label followed by a number of another form (`公安机关备案号：15081599004-00001`):
/// the element is there, its number malformed.
static PSB_LOOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:({PROVINCE_CLASS})公网安备|公安机关备案号|公安备案号|公网安备案?号)[:]?([0-9][0-9-]{{4,24}}[0-9])(号?)")).unwrap()
});

pub fn extract_psb(page: &Page) -> Option<Psb> {
    let sc = scope(page);
    let squeezed = crate::page::text::squeeze(sc.text);
    let caps = PSB_RE.captures(&squeezed).or_else(|| PSB_LOOSE.captures(&squeezed))?;
    Some(Psb {
        shown: caps[0].to_string(),
        province: caps.get(1).map(|m| m.as_str().to_string()),
        number: caps[2].to_string(),
        node: element_with_text(page, &caps[0]).or_else(|| element_with_text(page, &caps[2])),
        in_footer: sc.in_footer,
    })
}

/// `site_code`/`sitecode` of the 找错 entry (script attribute, link parameter, or onclick).
pub fn zhaocuo_site_code(page: &Page) -> Option<String> {
    static PARAM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)(?:site_?code=|Link\(\s*'|jiucuo\.png\?v=)((?:bm)?[0-9]{8,10})").unwrap());
    for s in &page.scripts {
        if s.id.as_deref() == Some("_jiucuo_") {
            if let Some(code) = page.element(s.node).and_then(|e| e.attr("sitecode")) {
                return Some(code.trim().to_string());
            }
        }
    }
    for el in page.elements() {
        // One pass over each element's attributes.
        for (attr, v) in el.attrs() {
            if !matches!(attr, "href" | "onclick" | "src") {
                continue;
            }
            // Substring test first: the regex runs only on the few attributes that can match.
            // (`=` or `(` first: one byte search rules out almost every link of a page.)
            let candidate = |v: &&str| v.contains(['=', '(']) && ["ode=", "ODE=", "Link(", "link("].iter().any(|k| v.contains(k)) || v.contains("jiucuo");
            if candidate(&v) {
                if let Some(c) = PARAM.captures(v) {
                    return Some(c[1].to_string());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_codes_validate_length_and_province() {
        assert!(valid_site_code("3609000002"));
        assert!(valid_site_code("bm01000001"));
        assert!(!valid_site_code("bm236554412"));
        assert!(!valid_site_code("9909000002"));
        assert!(!valid_site_code("360900000"));
    }

    #[test]
    fn icp_variants() {
        for (text, num) in
            [("京ICP备05022684号-2", "05022684"), ("京ICP10036469号", "10036469"), ("备案编号:京ICP备04000001号", "04000001"), ("粤ICP备05026844", "05026844")]
        {
            let c = ICP_RE.captures(text).expect(text);
            assert_eq!(&c[3], num);
        }
        assert!(ICP_RE.captures("京ICP证030173号").is_none());
    }

    #[test]
    fn psb_variants() {
        let c = PSB_RE.captures("京公网安备:110102000777").unwrap();
        assert_eq!(&c[2], "110102000777");
        let c = PSB_LOOSE.captures("公安机关备案号:15081599004-00001").unwrap();
        assert_eq!(&c[2], "15081599004-00001");
        assert!(PSB_LOOSE.captures("公安机关备案号:2023").is_none(), "too short to be a number");
        let c = PSB_RE.captures("公安机关备案号:43010302000524").unwrap();
        assert!(c.get(1).is_none());
    }
}
