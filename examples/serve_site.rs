//! Serve a generated government site on 127.0.0.1 for benchmarks (bench/site-bench.sh):
//! `cargo run --release --example serve_site -- [COLUMNS] [ITEMS]` prints the port, then serves
//! until killed. The same generator as the site tests (tests/support/sites.rs).

#[path = "../tests/support/mod.rs"]
mod support;

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().unwrap_or(0));
    let stale = args.next().unwrap_or(8);
    let items = args.next().unwrap_or(12);
    let spec =
        support::sites::Spec { stale_core: stale, stale_other: 2, fresh_other: 4, good_guides: 15, bad_guides: 5, unanswered: 1, items, ..Default::default() };
    let site = support::sites::generate(&spec);
    let pages = site.len();
    let server = support::Server::site(site);
    println!("{} {}", server.port, pages);
    use std::io::Write;
    let _ = std::io::stdout().flush();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
