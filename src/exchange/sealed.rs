//! Sealed files: a bundle encrypted with a passphrase that the firm and its centre agreed on, for
//! the trip by e-mail or USB stick.
//!
//! Layout: the line `JINDAN-SEALED 1`, one line of JSON naming what is inside and how it was
//! sealed, then the AES-256-GCM ciphertext with its 16-byte tag. The key comes from the
//! passphrase by PBKDF2-HMAC-SHA256 over a random 16-byte salt; the nonce is a random 12 bytes.
//! Both header lines are authenticated as associated data, so a changed header fails exactly as
//! a changed ciphertext does: nothing is returned. OpenSSL (the one SQLCipher uses) does the
//! cryptography.

use super::ExchangeError;
use openssl::symm::{Cipher, decrypt_aead, encrypt_aead};
use serde::{Deserialize, Serialize};

/// The first line of every sealed file.
pub const SEALED_MAGIC: &[u8] = b"JINDAN-SEALED 1\n";

/// PBKDF2 rounds for a new file: slow enough to make guessing a passphrase expensive, about a
/// third of a second here.
pub const SEAL_ITERATIONS: u32 = 600_000;

/// Fewer rounds than this in a file are refused (a forged header could ask for 1).
const MIN_ITERATIONS: u32 = 100_000;

/// More than this is refused too: a forged header must not make the reader spin for hours.
const MAX_ITERATIONS: u32 = 10_000_000;

/// The second line of a sealed file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    /// What the plaintext is, e.g. "jindan-anonymized-bundle".
    contains: String,
    /// Always "aes-256-gcm".
    cipher: String,
    /// Always "pbkdf2-hmac-sha256".
    kdf: String,
    iterations: u32,
    /// 16 bytes, hex.
    salt: String,
    /// 12 bytes, hex.
    nonce: String,
}

/// Whether `bytes` is a sealed file (judged by its first line only).
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(SEALED_MAGIC)
}

fn key_from(passphrase: &str, salt: &[u8], iterations: u32) -> Result<[u8; 32], String> {
    let mut key = [0u8; 32];
    openssl::pkcs5::pbkdf2_hmac(passphrase.as_bytes(), salt, iterations as usize, openssl::hash::MessageDigest::sha256(), &mut key)
        .map_err(|e| format!("cannot derive the key: {e}"))?;
    Ok(key)
}

/// Seals `plain` (a file of kind `contains`) with `passphrase`.
pub fn seal(plain: &[u8], passphrase: &str, contains: &str) -> Result<Vec<u8>, ExchangeError> {
    if passphrase.trim().is_empty() {
        return Err(ExchangeError::BadInput("the passphrase to seal the file with is empty".to_string()));
    }
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 12];
    getrandom::fill(&mut salt).map_err(|e| ExchangeError::Random(e.to_string()))?;
    getrandom::fill(&mut nonce).map_err(|e| ExchangeError::Random(e.to_string()))?;
    let header = Header {
        contains: contains.to_string(),
        cipher: "aes-256-gcm".to_string(),
        kdf: "pbkdf2-hmac-sha256".to_string(),
        iterations: SEAL_ITERATIONS,
        salt: hex::encode(salt),
        nonce: hex::encode(nonce),
    };
    let mut out = SEALED_MAGIC.to_vec();
    out.extend(serde_json::to_vec(&header).map_err(|e| ExchangeError::BadInput(format!("cannot write the header: {e}")))?);
    out.push(b'\n');
    let key = key_from(passphrase, &salt, SEAL_ITERATIONS).map_err(ExchangeError::BadInput)?;
    let mut tag = [0u8; 16];
    let ciphertext = encrypt_aead(Cipher::aes_256_gcm(), &key, Some(&nonce), &out, plain, &mut tag).map_err(|e| ExchangeError::BadInput(format!("cannot encrypt: {e}")))?;
    out.extend(ciphertext);
    out.extend(tag);
    Ok(out)
}

/// Opens a sealed file and returns what is inside, which must be of kind `contains`. The error
/// is a plain reason: no passphrase, a wrong one (or a changed file: the two cannot be told
/// apart), or a file that is not sealed the way this version seals.
pub fn unseal(bytes: &[u8], passphrase: Option<&str>, contains: &str) -> Result<Vec<u8>, String> {
    let rest = bytes.strip_prefix(SEALED_MAGIC).ok_or("the file is not sealed")?;
    let end = rest.iter().position(|&b| b == b'\n').ok_or("the sealed file's header is cut off")?;
    let header: Header = serde_json::from_slice(&rest[..end]).map_err(|e| format!("the sealed file's header is not valid: {e}"))?;
    if header.cipher != "aes-256-gcm" || header.kdf != "pbkdf2-hmac-sha256" {
        return Err(format!("the file is sealed with {} and {}, which this version does not read", header.cipher, header.kdf));
    }
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&header.iterations) {
        return Err(format!("the sealed file asks for {} key rounds; between {MIN_ITERATIONS} and {MAX_ITERATIONS} are accepted", header.iterations));
    }
    if header.contains != contains {
        return Err(format!("the sealed file holds a {}, not a {contains}", header.contains));
    }
    let salt = hex::decode(&header.salt).ok().filter(|s| s.len() == 16).ok_or("the sealed file's salt is not 16 bytes of hex")?;
    let nonce = hex::decode(&header.nonce).ok().filter(|n| n.len() == 12).ok_or("the sealed file's nonce is not 12 bytes of hex")?;
    let body = &rest[end + 1..];
    if body.len() < 16 {
        return Err("the sealed file is cut off".to_string());
    }
    let Some(passphrase) = passphrase.filter(|p| !p.trim().is_empty()) else {
        return Err("the file is sealed with a passphrase; give the one agreed with the sender".to_string());
    };
    let associated = &bytes[..SEALED_MAGIC.len() + end + 1];
    let (ciphertext, tag) = body.split_at(body.len() - 16);
    let key = key_from(passphrase, &salt, header.iterations)?;
    decrypt_aead(Cipher::aes_256_gcm(), &key, Some(&nonce), associated, ciphertext, tag)
        .map_err(|_| "the passphrase does not open this sealed file, or the file was changed after it was sealed".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIND: &str = "jindan-anonymized-bundle";

    #[test]
    fn a_sealed_file_opens_with_its_passphrase_only() {
        let plain = "{\"firm\": \"3f2a\"}".as_bytes();
        let sealed = seal(plain, "봄바람 2027", KIND).unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(4).any(|w| w == b"3f2a"), "the plaintext does not show");
        assert_eq!(unseal(&sealed, Some("봄바람 2027"), KIND).unwrap(), plain);
        assert!(unseal(&sealed, Some("봄바람 2026"), KIND).unwrap_err().contains("does not open"));
        assert!(unseal(&sealed, None, KIND).unwrap_err().contains("sealed with a passphrase"));
        assert!(unseal(&sealed, Some("봄바람 2027"), "jindan-benchmark").unwrap_err().contains("not a jindan-benchmark"));
        // Two seals of the same file differ (fresh salt and nonce).
        assert_ne!(sealed, seal(plain, "봄바람 2027", KIND).unwrap());
    }

    #[test]
    fn any_changed_byte_or_header_is_refused() {
        let sealed = seal(b"0123456789abcdef", "pass phrase", KIND).unwrap();
        let text = String::from_utf8_lossy(&sealed).into_owned();
        let at = |needle: &str| text.find(needle).unwrap() + needle.len() + 1;
        // The header's first byte, a digit of the salt and of the nonce, the first and last
        // byte of the ciphertext, and the last byte of the tag.
        let body = text.find("}\n").unwrap() + 2;
        for i in [SEALED_MAGIC.len(), at("\"salt\":"), at("\"nonce\":"), body, sealed.len() - 17, sealed.len() - 1] {
            let mut changed = sealed.clone();
            changed[i] ^= 0x01;
            assert!(unseal(&changed, Some("pass phrase"), KIND).is_err(), "byte {i} changed and still opened");
        }
        assert!(unseal(&sealed[..sealed.len() - 1], Some("pass phrase"), KIND).is_err());
        assert!(unseal(b"JINDAN-SEALED 1\n{}", Some("pass phrase"), KIND).unwrap_err().contains("cut off"));
        let weak = String::from_utf8_lossy(&sealed).replace("\"iterations\":600000", "\"iterations\":1").into_bytes();
        assert!(unseal(&weak, Some("pass phrase"), KIND).unwrap_err().contains("key rounds"));
        assert!(seal(b"x", "  ", KIND).is_err(), "an empty passphrase seals nothing");
    }
}
