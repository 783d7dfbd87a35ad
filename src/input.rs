//! Input checks and decoding. Page content is hostile: empty, binary, oversized or
//! mis-encoded input gets a clear one-line error or a decoded string, never a panic.

use std::fmt;

use crate::options::Options;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    Empty,
    Binary,
    TooLarge {
        bytes: usize,
        max: usize,
    },
    UnknownRule(String),
    BadOptions(String),
    BadDate(String),
    /// Not an absolute http(s) URL (the site check's start).
    BadUrl(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => write!(f, "输入为空，不是网页 / input is empty, not a web page"),
            Error::Binary => write!(f, "输入是二进制数据，不是网页 / input is binary data, not a web page"),
            Error::TooLarge { bytes, max } => write!(
                f,
                "页面过大（{:.1} MB，上限 {:.1} MB） / page too large ({bytes} bytes, limit {max})",
                *bytes as f64 / 1048576.0,
                *max as f64 / 1048576.0
            ),
            Error::UnknownRule(id) => write!(f, "未知规则“{id}”，可用 `govcheck rules` 查看 / unknown rule id “{id}” (see `govcheck rules`)"),
            Error::BadOptions(m) => write!(f, "选项无效：{m} / invalid options: {m}"),
            Error::BadDate(d) => write!(f, "日期“{d}”无效，应为 YYYY-MM-DD / invalid date “{d}”, expected YYYY-MM-DD"),
            Error::BadUrl(u) => write!(f, "网址“{u}”无效，应以 http:// 或 https:// 开头 / invalid URL “{u}”, expected http:// or https://"),
        }
    }
}

impl std::error::Error for Error {}

pub fn validate_html(html: &str, options: &Options) -> Result<(), Error> {
    if html.len() > options.max_html_bytes {
        return Err(Error::TooLarge { bytes: html.len(), max: options.max_html_bytes });
    }
    if html.trim().is_empty() {
        return Err(Error::Empty);
    }
    // NUL or many control characters in the first 8 KB: not text.
    let head = &html.as_bytes()[..html.len().min(8192)];
    let controls = head.iter().filter(|b| **b < 0x09 || (**b > 0x0d && **b < 0x20)).count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Err(Error::Binary);
    }
    Ok(())
}

/// Decode page bytes by their real charset: BOM, then the HTTP `Content-Type` charset, then
/// `<meta charset>` / `http-equiv` in the first 4 KB, then UTF-8 if valid, else GB18030
/// (a superset of GBK and GB2312, the usual legacy charsets of government sites).
/// A GBK/GB2312 label on bytes that are valid UTF-8 with Chinese text is wrong: the page
/// was re-encoded (saved from a browser, migrated CMS) and kept its old `<meta charset>`.
/// Real GBK text is practically never valid UTF-8, so such bytes are read as UTF-8.
/// Returns the text and the name of the encoding used.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_bytes(bytes: &[u8], content_type: Option<&str>) -> (String, &'static str) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name());
    }
    let declared = content_type.and_then(charset_param).or_else(|| sniff_meta_charset(&bytes[..bytes.len().min(4096)]));
    let enc = declared.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())).map(|e| {
        // GBK and GB2312 labels are decoded as GB18030: pages labelled GB2312 routinely use GBK characters.
        if e == encoding_rs::GBK { encoding_rs::GB18030 } else { e }
    });
    let utf8_with_text = || std::str::from_utf8(bytes).is_ok() && !bytes.is_ascii();
    let enc = match enc {
        Some(e) if e == encoding_rs::GB18030 && utf8_with_text() => encoding_rs::UTF_8,
        // Declared UTF-8 (often a template's first <meta>) over bytes that are not UTF-8 but
        // read cleanly as GB18030: the page was written in GBK.
        Some(e)
            if e == encoding_rs::UTF_8
                && std::str::from_utf8(bytes).is_err()
                && encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes).is_some() =>
        {
            encoding_rs::GB18030
        }
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => encoding_rs::GB18030,
    };
    let (text, _, _) = enc.decode(bytes);
    (text.into_owned(), enc.name())
}

/// In the browser the same choice, decoded by the browser's own `TextDecoder` (the WHATWG
/// decoders): the GB18030/Big5/Shift_JIS tables of a Rust decoder would double the WASM bundle.
#[cfg(target_arch = "wasm32")]
pub fn decode_bytes(bytes: &[u8], content_type: Option<&str>) -> (String, &'static str) {
    let decode = |label: &str, b: &[u8], fatal: bool| -> Option<String> {
        let opts = web_sys::TextDecoderOptions::new();
        opts.set_fatal(fatal);
        let d = web_sys::TextDecoder::new_with_label_and_options(label, &opts).ok()?;
        d.decode_with_u8_array(b).ok()
    };
    let is_gb =
        |l: &str| matches!(l, "gbk" | "gb2312" | "gb_2312" | "gb_2312-80" | "x-gbk" | "chinese" | "csgb2312" | "iso-ir-58" | "csiso58gb231280" | "gb18030");
    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) || bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        // The decoder honours the BOM itself.
        return (decode("utf-8", bytes, false).unwrap_or_default(), "BOM");
    }
    let declared = content_type.and_then(charset_param).or_else(|| sniff_meta_charset(&bytes[..bytes.len().min(4096)])).map(|l| l.trim().to_ascii_lowercase());
    let (label, name) = match declared.as_deref() {
        Some(l) if is_gb(l) && utf8_ok && !bytes.is_ascii() => ("utf-8".to_string(), "UTF-8"),
        Some(l) if is_gb(l) => ("gb18030".to_string(), "gb18030"),
        Some("utf-8" | "utf8") if !utf8_ok && decode("gb18030", bytes, true).is_some() => ("gb18030".to_string(), "gb18030"),
        Some(l) => (l.to_string(), "declared"),
        None if utf8_ok => ("utf-8".to_string(), "UTF-8"),
        None => ("gb18030".to_string(), "gb18030"),
    };
    let text = decode(&label, bytes, false).or_else(|| decode("utf-8", bytes, false)).unwrap_or_default();
    (text, name)
}

fn charset_param(ct: &str) -> Option<String> {
    ct.split(';')
        .filter_map(|p| p.trim().strip_prefix("charset=").or_else(|| p.trim().strip_prefix("CHARSET=")))
        .next()
        .map(|s| s.trim_matches(['"', '\'']).to_string())
}

fn sniff_meta_charset(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let i = text.find("charset=")?;
    let rest = &text[i + 8..];
    let rest = rest.trim_start_matches(['"', '\'', ' ']);
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_page_is_decoded_by_its_meta() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<meta charset=gb2312><p>网站标识码：1100000062</p>");
        let (text, enc) = decode_bytes(&bytes, None);
        assert!(text.contains("网站标识码"), "{text}");
        assert_eq!(enc, "gb18030");
    }

    #[test]
    fn utf8_bytes_under_a_stale_gb2312_label_are_read_as_utf8() {
        let html = "<meta charset=gb2312><p>网站标识码：1100000062</p>";
        let (text, enc) = decode_bytes(html.as_bytes(), None);
        assert_eq!((text.as_str(), enc), (html, "UTF-8"));
        let (text, _) = decode_bytes(html.as_bytes(), Some("text/html; charset=GBK"));
        assert_eq!(text, html);
    }

    #[test]
    fn gbk_bytes_under_a_utf8_label_are_read_as_gbk() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<p>网站标识码：1100000062</p>");
        let mut page = b"<meta charset=utf-8>".to_vec();
        page.extend_from_slice(&bytes);
        let (text, enc) = decode_bytes(&page, None);
        assert!(text.contains("网站标识码"), "{text}");
        assert_eq!(enc, "gb18030");
    }

    #[test]
    fn header_charset_wins_over_guessing() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<p>主办单位</p>");
        let (text, _) = decode_bytes(&bytes, Some("text/html; charset=GBK"));
        assert_eq!(text, "<p>主办单位</p>");
    }

    #[test]
    fn undeclared_non_utf8_falls_back_to_gb18030() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<p>主办单位</p>");
        assert_eq!(decode_bytes(&bytes, None).0, "<p>主办单位</p>");
    }

    #[test]
    fn bad_inputs_are_refused_clearly() {
        let o = Options::default();
        assert_eq!(validate_html("  \n", &o), Err(Error::Empty));
        assert_eq!(validate_html("\u{0}\u{1}PNG", &o), Err(Error::Binary));
        let small = Options { max_html_bytes: 10, ..Options::default() };
        assert!(matches!(validate_html("<p>01234567890</p>", &small), Err(Error::TooLarge { .. })));
    }
}
