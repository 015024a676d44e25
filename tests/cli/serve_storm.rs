//! `khoa serve` under load while authors save: real editor save sequences (vim, Emacs, atomic
//! rename) each give exactly one rebuild and the new text, and a concurrent HTTP hammer running
//! through all of those rebuilds never sees anything but 200 for pages that exist (B15, B16).

use super::serve::{PATIENCE, Server, lesson, next_build};
use crate::Project;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// Pages that exist in every build of the project below (with the stylesheet, whose hashed name
/// stays while the theme does; search files are renamed by each edit of the text they index).
const PAGES: [&str; 5] = [
    "/",
    "/c/",
    "/c/m/l.html",
    "/c/m/k3.html",
    "/c/completion.html",
];

/// One way an editor saves `path` with `text`.
type Save = fn(&Path, &str);

/// Plain overwrite in place.
fn overwrite(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// Vim with `backupcopy=no`: probe the folder with `4913`, move the file to `x~`, write a new
/// file, drop the backup.
fn vim(path: &Path, text: &str) {
    let probe = path.with_file_name("4913");
    std::fs::write(&probe, "").unwrap();
    std::fs::remove_file(&probe).unwrap();
    let backup = path.with_file_name(format!("{}~", name(path)));
    std::fs::rename(path, &backup).unwrap();
    std::fs::write(path, text).unwrap();
    std::fs::remove_file(&backup).unwrap();
}

/// Atomic save: write a hidden temp file beside it, rename it over the original.
fn atomic(path: &Path, text: &str) {
    let temp = path.with_file_name(format!(".{}.tmp", name(path)));
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

/// Emacs: a lock symlink-like `.#x` file, the original moved to `x~` (kept), a new file written.
fn emacs(path: &Path, text: &str) {
    let lock = path.with_file_name(format!(".#{}", name(path)));
    std::fs::write(&lock, "user@host").unwrap();
    std::fs::rename(path, path.with_file_name(format!("{}~", name(path)))).unwrap();
    std::fs::write(path, text).unwrap();
    std::fs::remove_file(&lock).unwrap();
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Threads GETting [`PAGES`] in a loop until stopped; each returns (requests, failures).
fn hammer(port: u16, stop: &Arc<AtomicBool>) -> Vec<JoinHandle<(usize, Vec<String>)>> {
    (0..2)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let (mut requests, mut failures) = (0, Vec::new());
                while !stop.load(Ordering::Relaxed) {
                    let css = crate::default_css_url();
                    for page in PAGES.into_iter().chain([css.as_str()]) {
                        let status = status_of(port, page);
                        requests += 1;
                        if status != 200 {
                            failures.push(format!("{page}: {status}"));
                        }
                    }
                }
                (requests, failures)
            })
        })
        .collect()
}

/// The status code of `GET target` (0 if the connection failed).
fn status_of(port: u16, target: &str) -> u16 {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return 0;
    };
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    let mut bytes = Vec::new();
    if stream.write_all(request.as_bytes()).is_err() || stream.read_to_end(&mut bytes).is_err() {
        return 0;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(32)]).into_owned();
    head.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn editor_saves_rebuild_once_each_and_a_hammer_never_sees_a_missing_page() {
    let mut project = Project::course(&[("m/l.md", &lesson("L", "Bản đầu."))]);
    for i in 0..30 {
        let text = lesson(&format!("K{i}"), &"Một đoạn văn dài vừa phải. ".repeat(40));
        project = project.file(&format!("content/c/m/k{i}.md"), &text);
    }
    let mut server = Server::start(&project, &[]);
    let events = server.events();
    let mut seen = events
        .recv_timeout(PATIENCE)
        .expect("the current generation");
    let stop = Arc::new(AtomicBool::new(false));
    let hammers = hammer(server.port, &stop);
    let saves: [(&str, Save); 4] = [
        ("overwrite", overwrite),
        ("vim", vim),
        ("atomic", atomic),
        ("emacs", emacs),
    ];
    let lesson_path = project.path("content/c/m/l.md");
    for (rebuilds, (editor, save)) in saves.into_iter().enumerate() {
        let text = format!("Lưu bằng {editor}.");
        save(&lesson_path, &lesson("L", &text));
        seen = next_build(&events, &seen);
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(
            server.rebuilds(),
            rebuilds + 1,
            "{editor} save: not exactly one rebuild:\n{}",
            server.out()
        );
        let page = server.get("/c/m/l.html");
        assert!(page.body.contains(&text), "{editor}: {}", page.body);
        server.wait_until("still alive", |_| true);
    }
    stop.store(true, Ordering::Relaxed);
    let mut requests = 0;
    for handle in hammers {
        let (count, failures) = handle.join().unwrap();
        assert!(failures.is_empty(), "hammer saw {failures:?}");
        requests += count;
    }
    assert!(requests > 100, "the hammer made only {requests} requests");
}
