//! `khoa serve` against the real binary: pages, live reload, error overlay and recovery, editor
//! saves, event bursts, hostile request targets, loopback binding and Ctrl-C; `editions`: a site in
//! two languages through the build cache.

mod editions;
mod harness;

pub(super) use harness::{PATIENCE, Server, header, lesson, next_build};

use crate::Project;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream, UdpSocket};
use std::process::Command;
use std::time::{Duration, Instant};

fn two_lessons() -> Project {
    Project::course(&[
        ("m/l.md", &lesson("L", "Bản đầu tiên.")),
        ("m/k.md", &lesson("K", "Bài bên cạnh.")),
    ])
}

#[test]
fn serves_a_lesson_with_the_reload_script_and_no_store() {
    let project = two_lessons();
    let server = Server::start(&project, &[]);
    let page = server.get("/c/m/l.html");
    assert_eq!(page.status, 200, "{}", page.head);
    assert!(page.body.contains("Bản đầu tiên."));
    assert!(page.body.contains("/__khoa/events"));
    assert_eq!(
        header(&page.head, "content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        header(&page.head, "cache-control").as_deref(),
        Some("no-store")
    );
    assert_eq!(
        server.get("/_khoa/khoa.css").status,
        404,
        "published by its hash"
    );
    let css = server.get(&crate::default_css_url());
    assert_eq!(
        header(&css.head, "content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    assert!(!css.body.contains("EventSource"));
    assert_eq!(server.get("/c/").status, 200);
    assert_eq!(server.get("/c").status, 301);
    let head = server.request("HEAD", "/c/m/l.html", "");
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    let post = server.request("POST", "/c/m/l.html", "Content-Length: 0\r\n");
    assert_eq!(post.status, 405);
    assert!(
        !project.path("public").exists(),
        "serve never writes public/"
    );
}

#[test]
fn edits_reload_errors_show_an_overlay_and_fixes_remove_it() {
    let project = two_lessons();
    let server = Server::start(&project, &[]);
    let events = server.events();
    let first = events
        .recv_timeout(PATIENCE)
        .expect("the current generation");

    std::fs::write(project.path("content/c/m/l.md"), lesson("L", "Bản đã sửa.")).unwrap();
    let edited = next_build(&events, &first);
    let page = server.get("/c/m/l.html");
    assert!(page.body.contains("Bản đã sửa."), "{}", page.body);
    assert!(!page.body.contains("_khoa-serve-errors"));

    let broken = "---\ntitle: L\ndurration: 4\n---\nBản hỏng.\n";
    std::fs::write(project.path("content/c/m/l.md"), broken).unwrap();
    let failed = next_build(&events, &edited);
    let page = server.get("/c/m/l.html");
    assert_eq!(page.status, 200, "the last good page is still served");
    assert!(page.body.contains("Bản đã sửa."));
    assert!(page.body.contains("_khoa-serve-errors"));
    assert!(page.body.contains("content/c/m/l.md:3:"), "{}", page.body);
    assert!(
        page.body.contains("3 | durration: 4"),
        "the overlay shows the source line like `check`: {}",
        page.body
    );
    let other = server.get("/c/m/k.html");
    assert_eq!(other.status, 200);
    assert!(other.body.contains("Bài bên cạnh.") && other.body.contains("_khoa-serve-errors"));
    assert!(
        server.err().contains("content/c/m/l.md:3:") && server.err().contains("3 | durration: 4"),
        "{}",
        server.err()
    );

    std::fs::write(project.path("content/c/m/l.md"), lesson("L", "Bản lành.")).unwrap();
    next_build(&events, &failed);
    let page = server.get("/c/m/l.html");
    assert!(page.body.contains("Bản lành."));
    assert!(!page.body.contains("_khoa-serve-errors"));
}

#[test]
fn a_temp_file_and_rename_save_is_seen_and_temp_files_alone_are_not() {
    let project = two_lessons();
    let mut server = Server::start(&project, &[]);
    let events = server.events();
    let first = events.recv_timeout(PATIENCE).unwrap();
    for leftover in [
        "m/.l.md.swp",
        "m/l.md~",
        "m/4913",
        "m/#l.md#",
        "m/.l.md.tmp",
    ] {
        std::fs::write(project.path(&format!("content/c/{leftover}")), "rác").unwrap();
    }
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        server.rebuilds(),
        0,
        "editor leftovers alone rebuilt:\n{}",
        server.out()
    );

    std::fs::write(
        project.path("content/c/m/.l.md.tmp"),
        lesson("L", "Lưu kiểu nguyên tử."),
    )
    .unwrap();
    std::fs::rename(
        project.path("content/c/m/.l.md.tmp"),
        project.path("content/c/m/l.md"),
    )
    .unwrap();
    next_build(&events, &first);
    server.wait_until("one rebuild", |s| s.rebuilds() == 1);
    assert!(
        server
            .get("/c/m/l.html")
            .body
            .contains("Lưu kiểu nguyên tử.")
    );
}

/// The search files a page leads to: the catalog it names (`_search/…`), then the course files
/// (`_khoa/search/…`) that catalog names as the server serves it now.
fn search_files(server: &Server, page: &str) -> Vec<String> {
    let quoted = |text: &str, prefix: &str| -> Vec<String> {
        let parts = text.split('"').filter(|part| part.starts_with(prefix));
        parts.map(str::to_string).collect()
    };
    let mut files = Vec::new();
    for catalog in quoted(page, "_search/") {
        let named = quoted(&server.get(&format!("/{catalog}")).body, "_khoa/search/");
        files.push(catalog);
        files.extend(named);
    }
    files
}

#[test]
fn an_edited_lesson_shows_early_with_one_reload_and_the_search_files_it_names_stay_served() {
    let project = two_lessons();
    let mut server = Server::start(&project, &[]);
    let events = server.events();
    let first = events
        .recv_timeout(PATIENCE)
        .expect("the current generation");
    let before = server.get("/c/m/l.html").body;
    let files_before = search_files(&server, &before);
    assert!(files_before.len() > 1, "{before}");

    std::fs::write(
        project.path("content/c/m/l.md"),
        lesson("L", "Bản sửa nhanh."),
    )
    .unwrap();
    let edited = next_build(&events, &first);
    let early = server.get("/c/m/l.html").body;
    assert!(early.contains("Bản sửa nhanh."), "{early}");
    let files_early = search_files(&server, &early);
    server.wait_until("the rebuild to finish", |s| s.rebuilds() >= 1);
    let done = server.get("/c/m/l.html").body;
    assert!(done.contains("Bản sửa nhanh."));
    assert!(
        done.contains(&format!("var g=\"{edited}\"")),
        "the same generation"
    );
    assert!(
        server.out().contains("the edited page shown after"),
        "{}",
        server.out()
    );
    let files_done = search_files(&server, &done);
    assert_ne!(files_done, files_before, "the search index changed");
    for file in files_early.iter().chain(&files_done) {
        assert_eq!(server.get(&format!("/{file}")).status, 200, "{file}");
    }
    std::thread::sleep(Duration::from_millis(500));
    assert!(events.try_recv().is_err(), "no second reload for one save");
}

#[test]
fn a_burst_of_200_touches_gives_at_most_two_rebuilds() {
    let mut project = Project::course(&[]);
    for i in 0..40 {
        project = project.file(
            &format!("content/c/m/l{i}.md"),
            &lesson(&format!("L{i}"), "x"),
        );
    }
    let mut server = Server::start(&project, &[]);
    for touch in 0..200 {
        let i = touch % 40;
        let text = lesson(&format!("L{i}"), &format!("lần {touch}"));
        std::fs::write(project.path(&format!("content/c/m/l{i}.md")), text).unwrap();
    }
    server.wait_until("a rebuild", |s| s.rebuilds() >= 1);
    std::thread::sleep(Duration::from_secs(2));
    let rebuilds = server.rebuilds();
    assert!(rebuilds <= 2, "{rebuilds} rebuilds:\n{}", server.out());
    server.wait_until("the last write is served", |s| {
        s.get("/c/m/l39.html").body.contains("lần 199")
    });
}

#[test]
fn traversal_and_malformed_targets_give_400_or_404_without_paths() {
    let project = two_lessons();
    let server = Server::start(&project, &[]);
    let root = project.root().to_string_lossy().into_owned();
    let targets: [&[u8]; 13] = [
        b"/../../etc/passwd",
        b"/%2e%2e/%2e%2e/etc/passwd",
        b"/..%2f..%2fkhoa.yaml",
        b"/%252e%252e/khoa.yaml",
        b"/..\\..\\khoa.yaml",
        b"/a/%00",
        b"/c/m/l.html%00.css",
        b"/\xff\xfe.html",
        b"/%ff.html",
        b"/c/../../khoa.yaml",
        b"/khoa.yaml",
        b"/content/c/m/l.md",
        b"//etc/passwd",
    ];
    for target in targets {
        let mut request = b"GET ".to_vec();
        request.extend_from_slice(target);
        request.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        let response = server.raw(&request);
        let shown = String::from_utf8_lossy(target);
        assert!(
            [400, 404].contains(&response.status),
            "{shown}: {}",
            response.head
        );
        assert!(
            !response.body.contains(&root),
            "{shown} leaked the project path"
        );
        assert!(
            !response.body.contains("root:") && !response.body.contains("site_id"),
            "{shown}"
        );
    }
}

#[test]
fn thousands_of_random_targets_do_not_break_the_server() {
    let project = two_lessons();
    let mut server = Server::start(&project, &[]);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut request = b"GET /".to_vec();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 40) as usize;
        request.extend((0..len).map(|i| (seed.rotate_left(i as u32 * 7) & 0xff) as u8));
        request.extend_from_slice(b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        let mut stream = server.connect();
        let _ = stream.write_all(&request);
        let _ = stream.shutdown(Shutdown::Write);
        let _ = stream.read_to_end(&mut Vec::new());
    }
    server.wait_until("still answering", |s| s.get("/c/m/l.html").status == 200);
    assert!(server.get("/c/m/l.html").body.contains("Bản đầu tiên."));
}

#[test]
fn binds_loopback_by_default_and_warns_for_other_hosts() {
    let project = two_lessons();
    let server = Server::start(&project, &[]);
    assert!(
        server.out().contains("http://127.0.0.1:"),
        "{}",
        server.out()
    );
    assert!(!server.err().contains("reachable from the network"));
    if let Some(ip) = outward_ip() {
        assert!(
            TcpStream::connect((ip, server.port)).is_err(),
            "reachable on {ip}"
        );
    }
    let open = Server::start(&project, &["--host", "0.0.0.0"]);
    assert!(
        open.err().contains("reachable from the network"),
        "{}",
        open.err()
    );
    let page = open.get("/c/m/l.html");
    assert!(page.body.contains("EventSource") && !page.body.contains("0.0.0.0"));
}

/// This machine's address on its default route, if it has one (no packet is sent).
fn outward_ip() -> Option<std::net::IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_it_and_leaves_nothing_behind() {
    let project = two_lessons();
    let before = project.tree(".");
    // The build cache is meant to stay (every page is in it now); anything else is not.
    let mut server = Server::start(&project, &["--no-cache"]);
    let pid = server.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let started = Instant::now();
    while server.child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < PATIENCE, "still running after SIGINT");
        std::thread::sleep(Duration::from_millis(25));
    }
    assert_eq!(project.tree("."), before);
}
