use std::sync::LazyLock;

use crate::page::NodeId;
use chrono::NaiveDate;
use regex::Regex;

use crate::declare_rule;
use crate::model::{Finding, Outcome};
use crate::page::Page;
use crate::page::dates;
use crate::page::kind::PageKind;
use crate::registry::Ctx;

static ASKED_LABEL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:留言|提问|咨询|来信|写信|提交|投诉|诉求)(?:时间|日期)").unwrap());
static REPLY_LABEL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:回复|答复|办结|反馈|回应)(?:时间|日期)").unwrap());
static REPLIED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"已回复|已答复|已办结|已反馈|已处理|已回应|回复内容|答复内容|回复意见|答复意见").unwrap());
static PENDING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"未回复|未答复|待回复|待答复|办理中|处理中|已受理|待处理|未办结|正在办理|未处理").unwrap());
const MAX_ROW_CHARS: usize = 600;

declare_rule! {
    /// ## What it checks
    /// On a message list or message page (留言, 咨询, 信箱): each message's asked date, status
    /// (已回复 / 未回复 / 办理中…) and reply date. A message asked in the year before the
    /// inspection date and still without a reply more than 90 days later fails; 已受理 and
    /// 办理中 count as not replied. Replies that took more than 90 days are reported with their
    /// delay. A page that shows only the asked date, with no status or reply, says `review`.
    /// ## Why it matters
    /// 单项否决: in the year before the check, a valid message left unanswered for more than 3
    /// months fails the whole site (国办秘函〔2019〕19号 互动回应差). Sites that publish only
    /// answered messages hide the problem: this check sees only what is shown.
    /// ## How to fix
    /// Answer every valid message within the local time limit (often 5 or 15 working days),
    /// and publish status and reply dates.
    /// ## Example
    /// `<tr><td>关于公交线路的建议</td><td>2023-03-02</td><td>未回复</td></tr>` checked on
    /// 2023-09-01: 183 days without reply.
    /// ## Options
    /// - `unanswered_days`: days a message may wait for its answer (default 90)
    /// - `message_lookback_days`: only messages asked within this many days before the inspection date count (default 365)
    pub static META = {
        id: "interaction-unanswered",
        category: "interaction",
        effect: Veto,
        title: "留言超期未回应",
        title_en: "Messages left unanswered",
        basis: "国办秘函〔2019〕19号 单项否决：互动回应差（1年内有效留言超过3个月未回应）",
        basis_en: "2019 national indicators, veto item: valid messages of the past year unanswered for more than 3 months",
        docs_zh: {
            /// ## 检查内容
            /// 在留言列表或留言页面（留言、咨询、信箱）上，读取每条留言的提问日期、办理状态（已回复、未回复、办理中等）
            /// 和回复日期。检查日期前一年内提出、超过90天仍未回复的留言判为不合格；“已受理”“办理中”视同未回复。
            /// 回复用时超过90天的留言会单独列出并注明用时。页面只显示提问日期、没有办理状态和回复信息的，结果标为“需人工复核”。
            /// ## 为什么重要
            /// 属于单项否决：检查前一年内有效留言超过3个月未回应的，整个网站判为不合格（国办秘函〔2019〕19号“互动回应差”）。
            /// 只公开已回复留言的网站会把问题掩盖起来：本项只能检查页面上公开的内容。
            /// ## 如何整改
            /// 在本地规定的时限内（常见为5个或15个工作日）答复每一条有效留言，并公开办理状态和回复日期。
            /// ## 示例
            /// 检查日期为2023-09-01时，`<tr><td>关于公交线路的建议</td><td>2023-03-02</td><td>未回复</td></tr>`
            /// 这条留言已有183天未回复。
            /// ## 设置项
            /// - `unanswered_days`：留言答复期限，单位为天（默认90）
            /// - `message_lookback_days`：只统计检查日期前多少天内提出的留言（默认365）
        },
    };
}

#[derive(Debug)]
struct Message {
    node: NodeId,
    asked: NaiveDate,
    reply: Option<NaiveDate>,
    /// Some(true) replied, Some(false) pending, None unknown.
    replied: Option<bool>,
}

/// Read one message from its text. `status_text` is where a status may stand (the row
/// without its title link: a title such as "某案件已受理" is not a status). `in_message_table`:
/// the row sits under a header naming 留言时间/状态/回复. Rows with no label, no status and no
/// such header are not messages (news lists on a homepage).
fn parse_message(node: NodeId, text: &str, status_text: &str, in_message_table: bool) -> Option<Message> {
    let text = dates::normalize(text);
    let status_text = dates::normalize(status_text);
    let labelled_row = ASKED_LABEL.is_match(&text) || REPLY_LABEL.is_match(&text);
    let has_status = PENDING.is_match(&status_text) || REPLIED.is_match(&status_text);
    if !(labelled_row || has_status || in_message_table) {
        return None;
    }
    let hits = dates::full_dates(&text);
    if hits.is_empty() {
        return None;
    }
    let labelled = |re: &Regex| {
        hits.iter().find(|h| {
            let from = text.get(..h.start).unwrap_or("");
            let tail: String = from.chars().rev().take(10).collect::<Vec<_>>().into_iter().rev().collect();
            re.is_match(&tail)
        })
    };
    let asked_hit = labelled(&ASKED_LABEL).or_else(|| hits.first())?;
    let reply_hit =
        labelled(&REPLY_LABEL).or_else(|| hits.iter().find(|h| h.start > asked_hit.start && REPLY_LABEL.is_match(text.get(..h.start).unwrap_or(""))));
    let reply_hit = reply_hit.or_else(|| (hits.len() >= 2 && !ASKED_LABEL.is_match(&text)).then(|| hits.get(1)).flatten());
    let reply = reply_hit.map(|h| h.date).filter(|d| *d >= asked_hit.date);
    let replied = if PENDING.is_match(&status_text) {
        Some(false)
    } else if REPLIED.is_match(&status_text) || reply.is_some() {
        Some(true)
    } else {
        None
    };
    Some(Message { node, asked: asked_hit.date, reply, replied })
}

fn messages(page: &Page) -> Vec<Message> {
    let mut out = Vec::new();
    for el in page.elements() {
        if out.len() >= 500 {
            break;
        }
        if !matches!(el.name(), "tr" | "li" | "dd") || page.in_footer(el.id()) {
            continue;
        }
        if el.has_at_least_nodes(400) || el.descendants().take(400).any(|d| d.id() != el.id() && matches!(d.name(), "tr" | "li")) {
            continue;
        }
        let text = page.text(el);
        if text.chars().count() > MAX_ROW_CHARS {
            continue;
        }
        let link_text = el.descendants().take(200).find(|d| d.name() == "a").map(|a| page.text(a)).unwrap_or_default();
        let status_text = if link_text.is_empty() { text.to_string() } else { text.replacen(&*link_text, " ", 1) };
        let in_table = el.name() == "tr"
            && el.ancestors().find(|a| a.name() == "table").and_then(|t| t.descendants().take(400).find(|d| d.name() == "tr")).is_some_and(|head| {
                let h = page.text(head);
                ASKED_LABEL.is_match(&h) || h.contains("状态") || h.contains("回复") || h.contains("答复")
            });
        if let Some(m) = parse_message(el.id(), &text, &status_text, in_table) {
            out.push(m);
        }
    }
    out
}

fn is_interaction_page(ctx: &Ctx) -> bool {
    let page = ctx.page;
    if ctx.facts.kind() == PageKind::Interaction {
        return true;
    }
    let words = ["留言", "咨询", "信箱", "互动", "问答", "来信", "诉求"];
    let named = |t: &str| words.iter().any(|w| t.contains(w));
    if named(page.title()) || page.meta("ColumnName").is_some_and(named) {
        return true;
    }
    let body = page.body_text();
    ASKED_LABEL.find_iter(body).count() >= 2 || PENDING.find_iter(body).count() + REPLIED.find_iter(body).count() >= 3
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    if !is_interaction_page(ctx) {
        return vec![META.finding(Outcome::NotApplicable, "非留言/咨询页面，不适用", "Not a message or consultation page")];
    }
    let mut msgs = messages(page);
    if msgs.is_empty() {
        // A message detail page: the whole body is one message.
        if let Some(body) = page.body() {
            let text = page.text(body);
            if ASKED_LABEL.is_match(&text) {
                msgs.extend(parse_message(body.id(), &text, &text, false));
            }
        }
    }
    let limit = ctx.options.unanswered_days;
    let lookback = ctx.options.message_lookback_days;
    let recent: Vec<&Message> = msgs.iter().filter(|m| (ctx.today - m.asked).num_days() <= lookback && m.asked <= ctx.today).collect();
    if recent.is_empty() {
        return vec![
            META.finding(
                Outcome::Review,
                format!("本页未发现近 {lookback} 天内的留言（共识别 {} 条）", msgs.len()),
                format!("No message from the last {lookback} days found on this page ({} read)", msgs.len()),
            )
            .evidence("messages", msgs.len()),
        ];
    }
    let mut out = Vec::new();
    for m in &recent {
        let asked = m.asked;
        if m.replied == Some(false) {
            {
                let age = (ctx.today - asked).num_days();
                if age > limit {
                    out.push(
                        META.finding(
                            Outcome::Fail,
                            format!("{asked} 的留言至今未回复，已 {age} 天，超过 {limit} 天"),
                            format!("Message of {asked} still unanswered after {age} days (limit {limit})"),
                        )
                        .at(page, m.node)
                        .value(asked.format("%Y-%m-%d").to_string())
                        .evidence("age_days", age)
                        .evidence("limit_days", limit),
                    );
                }
            }
        } else if let Some(r) = m.reply {
            {
                let delay = (r - asked).num_days();
                if delay > limit {
                    out.push(
                        META.finding(
                            Outcome::Pass,
                            format!("{asked} 的留言于 {r} 回复，用时 {delay} 天，回复过慢（超过 {limit} 天）"),
                            format!("Message of {asked} answered on {r}: {delay} days, a slow reply (over {limit} days)"),
                        )
                        .at(page, m.node)
                        .value(asked.format("%Y-%m-%d").to_string())
                        .evidence("late", true)
                        .evidence("delay_days", delay),
                    );
                }
            }
        }
    }
    if out.iter().any(|f| f.outcome == Outcome::Fail) {
        return out;
    }
    let unknown = recent.iter().filter(|m| m.replied.is_none()).count();
    let pending = recent.iter().filter(|m| m.replied == Some(false)).count();
    let summary = if unknown == recent.len() {
        META.finding(
            Outcome::Review,
            format!("本页 {} 条留言只显示留言时间，未显示回复状态或回复时间，无法判断", recent.len()),
            format!("{} message(s) show only the date asked, no status or reply date: cannot be judged", recent.len()),
        )
    } else {
        META.finding(
            Outcome::Pass,
            format!("近一年 {} 条留言中无超过 {limit} 天未回复的留言（{pending} 条办理中，{unknown} 条状态不明）", recent.len()),
            format!("{} message(s) of the last year, none unanswered over {limit} days ({pending} pending, {unknown} without status)", recent.len()),
        )
    };
    out.push(summary.evidence("messages", recent.len()).evidence("pending", pending).evidence("unknown_status", unknown));
    out
}
