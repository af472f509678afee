//! What the training-data examples share: the texts they read.

use std::path::PathBuf;

/// The `.txt` files of the directory named by the first argument, in name order, as (file
/// name, text); files that cannot be read as UTF-8 text are passed over. Without the argument
/// it prints `usage` and exits.
pub fn texts_of_dir_arg(usage: &str) -> impl Iterator<Item = (String, String)> {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("a directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.into_iter().filter_map(|path| {
        let text = std::fs::read_to_string(&path).ok()?;
        let doc = path.file_name().unwrap_or_default().to_string_lossy();
        Some((doc.into_owned(), text))
    })
}
