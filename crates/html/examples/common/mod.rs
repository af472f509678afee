//! What the examples share: reading a saved page.

use std::io::Read;
use std::path::Path;

/// The bytes of a saved page, gunzipped when its name ends in `.gz`.
pub fn read_page(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    if path.extension().is_some_and(|x| x == "gz") {
        flate2::read::GzDecoder::new(file).read_to_end(&mut bytes)?;
    } else {
        std::io::BufReader::new(file).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}
