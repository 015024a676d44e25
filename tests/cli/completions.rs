//! `khoa completions SHELL`: a completion script for each shell clap_complete supports here.

use crate::Project;

#[test]
fn completions_are_printed_for_bash_zsh_fish_and_powershell() {
    let project = Project::empty();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = project.run_here(&["completions", shell]).ok();
        for word in ["khoa", "build", "check", "serve", "init", "deny-warnings"] {
            assert!(run.stdout.contains(word), "{shell} script names `{word}`");
        }
    }
    let bash = project.run_here(&["completions", "bash"]).ok();
    let script = project.path("khoa.bash");
    std::fs::write(&script, &bash.stdout).unwrap();
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(syntax.success(), "bash reads the script");
    project.run_here(&["completions", "tcsh"]).code(2);
}
