use super::*;
use notify::event::{AccessKind, CreateKind, DataChange, RenameMode};

fn event(kind: EventKind, paths: &[&str]) -> Event {
    let mut event = Event::new(kind);
    for path in paths {
        event = event.add_path(Path::new("/p").join(path));
    }
    event
}

fn is_marked(changes: &Changes) -> bool {
    changes.last.lock().unwrap().is_some()
}

#[test]
fn a_burst_of_marks_settles_once_after_the_quiet_period() {
    let changes = Arc::new(Changes::default());
    let marker = {
        let changes = changes.clone();
        std::thread::spawn(move || {
            for _ in 0..10 {
                changes.mark();
                std::thread::sleep(Duration::from_millis(10));
            }
            Instant::now()
        })
    };
    changes.wait_settled(Duration::from_millis(150));
    let settled = Instant::now();
    let last_mark = marker.join().unwrap();
    assert!(settled >= last_mark, "settled before the burst ended");
    assert!(!is_marked(&changes));
}

#[test]
fn reads_editor_leftovers_and_other_folders_are_not_changes() {
    let root = Path::new("/p");
    let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
    let create = EventKind::Create(CreateKind::File);
    assert!(relevant(root, &event(write, &["content/c/a.md"])));
    assert!(relevant(root, &event(write, &["khoa.yaml"])));
    assert!(relevant(
        root,
        &event(create, &["themes/t/templates/x.html"])
    ));
    let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
    assert!(relevant(
        root,
        &event(renamed, &["content/c/.a.md.tmp", "content/c/a.md"])
    ));
    let open = EventKind::Access(AccessKind::Any);
    assert!(!relevant(root, &event(open, &["content/c/a.md"])));
    for leftover in [
        "content/c/.a.md.swp",
        "content/c/a.md~",
        "content/c/4913",
        "content/c/#a.md#",
        "content/c/a.md0x.bck",
    ] {
        assert!(!relevant(root, &event(create, &[leftover])), "{leftover}");
    }
    assert!(!relevant(root, &event(write, &["public/index.html"])));
    assert!(!relevant(root, &event(write, &["README.md"])));
    assert!(!relevant(root, &event(write, &["/elsewhere/content/a.md"])));
}

#[test]
fn a_failing_native_watcher_falls_back_to_polling_with_one_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    let (tx, _rx) = mpsc::channel();
    let failing = |_: Events| -> notify::Result<Handle> {
        Err(notify::Error::generic("inotify watch limit reached"))
    };
    let started = start(dir.path(), false, tx, failing).unwrap();
    assert_eq!(started.backend, Backend::Poll);
    let message = started.fallback.expect("a fallback message");
    assert!(message.contains("inotify watch limit reached"), "{message}");
    assert!(message.contains("polling"), "{message}");
}

#[test]
fn forced_polling_sees_an_edit_within_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("content/c")).unwrap();
    std::fs::write(root.join("content/c/a.md"), "một").unwrap();
    let changes = Arc::new(Changes::default());
    assert_eq!(
        spawn(root.clone(), true, changes.clone()).unwrap(),
        Backend::Poll
    );
    std::thread::sleep(POLL_INTERVAL * 2);
    assert!(!is_marked(&changes), "nothing changed yet");
    std::fs::write(root.join("content/c/a.md"), "hai, dài hơn").unwrap();
    let edited = Instant::now();
    while !is_marked(&changes) {
        assert!(edited.elapsed() < Duration::from_secs(2), "edit not seen");
        std::thread::sleep(Duration::from_millis(20));
    }
}
