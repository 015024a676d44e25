use super::*;
use notify::event::{AccessKind, CreateKind, DataChange, RenameMode};

fn event(kind: EventKind, paths: &[&str]) -> Event {
    let mut event = Event::new(kind);
    for path in paths {
        event = event.add_path(Path::new("/p").join(path));
    }
    event
}

#[test]
fn reports_in_consecutive_ticks_and_queued_reports_give_one_wake_up() {
    let (mark, changes) = Changes::channel();
    let marker = std::thread::spawn(move || {
        for _ in 0..5 {
            mark.send(Some(vec![PathBuf::from("/p/content/a.md")]))
                .unwrap();
            std::thread::sleep(TICK);
        }
        mark
    });
    assert_eq!(
        changes.wait(),
        Some(vec![PathBuf::from("/p/content/a.md"); 5])
    );
    let mark = marker.join().unwrap();
    assert!(
        changes.reports.try_recv().is_err(),
        "one wait took the whole burst"
    );
    mark.send(Some(vec![PathBuf::from("/p/content/a.md")]))
        .unwrap();
    mark.send(None).unwrap();
    mark.send(Some(vec![PathBuf::from("/p/content/b.md")]))
        .unwrap();
    assert_eq!(
        changes.wait(),
        None,
        "a lost event means anything may have changed"
    );
    assert!(changes.reports.try_recv().is_err());
}

#[test]
fn reads_editor_leftovers_and_other_folders_are_not_changes() {
    let root = Path::new("/p");
    let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
    let create = EventKind::Create(CreateKind::File);
    assert!(relevant(root, &event(write, &["content/c/a.md"])));
    assert!(relevant(root, &event(write, &["khoa.yaml"])));
    assert!(relevant(root, &event(write, &["i18n/hmn.yaml"])));
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
    let failing = |_: Reports| -> notify::Result<Handle> {
        Err(notify::Error::generic("inotify watch limit reached"))
    };
    let started = start(dir.path(), false, tx, failing).unwrap();
    assert_eq!(started.handle.backend(), Backend::Poll);
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
    let (changes, backend) = spawn(root.clone(), true).unwrap();
    assert_eq!(backend, Backend::Poll);
    std::thread::sleep(POLL_INTERVAL * 2);
    assert!(changes.reports.try_recv().is_err(), "nothing changed yet");
    std::fs::write(root.join("content/c/a.md"), "hai, dài hơn").unwrap();
    let named = changes.reports.recv_timeout(Duration::from_secs(2));
    let named = named.expect("edit not seen within 2 s").expect("the paths");
    assert!(named.contains(&root.join("content/c/a.md")), "{named:?}");
}
