//! Generated pages for benchmarks and stress tests (one generator, shared).

/// A homepage-like page of about `bytes` bytes: dated column lists, links, nested blocks,
/// Chinese text, and a complete footer (about 20 elements per KB, like real portals).
pub fn synthetic_page(bytes: usize) -> String {
    let mut html = String::with_capacity(bytes + 4096);
    html.push_str("<!doctype html><html><head><meta charset=utf-8><meta name=\"SiteName\" content=\"示例市人民政府\"><meta name=\"SiteDomain\" content=\"www.example.gov.cn\"><meta name=\"SiteIDCode\" content=\"3609000002\"><title>示例市人民政府</title></head><body><div class=\"header\"><a href=\"/\">首页</a><form action=\"/search\"><input name=\"q\"></form></div>");
    let mut col = 0;
    while html.len() < bytes {
        col += 1;
        html.push_str(&format!("<div class=\"column\"><div class=\"title\"><h3>栏目{col}</h3><a href=\"/col{col}/\">更多</a></div><ul>"));
        for i in 0..20 {
            let day = (i % 28) + 1;
            html.push_str(&format!(
                "<li><span class=\"dot\"></span><a href=\"/col{col}/202311/t202311{day:02}_{i}.html\" title=\"关于进一步做好政府网站管理工作的通知{i}\">关于进一步做好政府网站管理工作的通知{i}</a><span class=\"date\">2023-11-{day:02}</span></li>"
            ));
        }
        html.push_str("</ul></div>");
    }
    html.push_str("<div class=\"footer\"><p>主办单位：示例市人民政府 联系电话：0795-3288888</p><p>网站标识码：3609000002 <a href=\"https://beian.miit.gov.cn/\">赣ICP备06000141号</a> <a href=\"http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=36090202000004\"><img src=\"ga.png\">赣公网安备 36090202000004号</a></p><p><a href=\"/sitemap/\">网站地图</a></p><script id=\"_jiucuo_\" sitecode=\"3609000002\" src=\"https://zfwzgl.www.gov.cn/exposure/jiucuo.js\"></script><a href=\"https://bszs.conac.cn/sitename?method=show&id=0ADCC2E0BA270DA2E053012819ACECB2\"><img src=\"red.png\"></a></div></body></html>");
    html
}
