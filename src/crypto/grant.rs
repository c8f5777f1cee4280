//! What an API key holds of a vault (PROTOCOL.md, Write-only keys): the vault key, or
//! — for a write-only key — only the vault's X25519 public key, derived from the vault
//! key. Either is wrapped under the key's wrapping key as its *grant*, with associated
//! data that says which of the two it is.

use super::{CryptoError, SecretKey, aad, label};

/// The vault's sealing key pair: derived from the vault key, so it needs no storage and
/// every holder of the vault key can open what was sealed to it.
pub fn vault_seal_private(vault_key: &SecretKey) -> SecretKey {
    super::hkdf_sha256(vault_key.expose(), None, label::VAULT_SEAL)
}

pub fn vault_public(vault_key: &SecretKey) -> [u8; 32] {
    super::x25519_public(&vault_seal_private(vault_key))
}

/// A vault as one key (or the owner) holds it.
pub enum VaultAccess {
    /// Reads and writes: file keys are wrapped under it and opened with it.
    Key(SecretKey),
    /// Writes only: new file keys are sealed to this public key, which opens nothing.
    WriteOnly([u8; 32]),
}

impl std::fmt::Debug for VaultAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            VaultAccess::Key(_) => "VaultAccess::Key([redacted])",
            VaultAccess::WriteOnly(_) => "VaultAccess::WriteOnly",
        })
    }
}

impl VaultAccess {
    /// Opens a grant made by [`VaultAccess::grant`] for a key that is write-only or not.
    pub fn open_grant(wrapping_key: &SecretKey, grant: &[u8], write_only: bool, account: &str, vault: &str, key_id: &str) -> Result<Self, CryptoError> {
        if write_only {
            let public = super::unwrap(wrapping_key, grant, &aad::write_grant(account, vault, key_id))?;
            Ok(VaultAccess::WriteOnly(public.as_slice().try_into().map_err(|_| CryptoError::Malformed)?))
        } else {
            super::unwrap_key(wrapping_key, grant, &aad::grant(account, vault, key_id)).map(VaultAccess::Key)
        }
    }

    /// The grant of this vault to a key (write-only or not) with `wrapping_key`. A
    /// write-only holder can only pass on write-only grants.
    pub fn grant(&self, wrapping_key: &SecretKey, write_only: bool, account: &str, vault: &str, key_id: &str) -> Result<Vec<u8>, CryptoError> {
        match (self, write_only) {
            (VaultAccess::Key(k), false) => Ok(super::wrap_key(wrapping_key, k, &aad::grant(account, vault, key_id))),
            (_, true) => Ok(super::wrap(wrapping_key, &self.public(), &aad::write_grant(account, vault, key_id))),
            (VaultAccess::WriteOnly(_), false) => Err(CryptoError::Unauthentic),
        }
    }

    pub fn public(&self) -> [u8; 32] {
        match self {
            VaultAccess::Key(k) => vault_public(k),
            VaultAccess::WriteOnly(p) => *p,
        }
    }

    /// The vault key, unless this is write-only access.
    pub fn key(&self) -> Option<&SecretKey> {
        match self {
            VaultAccess::Key(k) => Some(k),
            VaultAccess::WriteOnly(_) => None,
        }
    }

    /// A new file's key, wrapped under the vault key (61 bytes) or sealed to the vault's
    /// public key (94 bytes) when only that is held.
    pub fn wrap_file_key(&self, file_key: &SecretKey, aad: &str) -> Vec<u8> {
        match self {
            VaultAccess::Key(k) => super::wrap_key(k, file_key, aad),
            VaultAccess::WriteOnly(p) => super::seal(p, file_key.expose(), aad),
        }
    }
}

/// An older vault key version and its key wrapped under a newer one.
pub type WrappedVersion = (u32, Vec<u8>);

/// A vault's keys as one key (or the owner) holds them: the current version's access and,
/// with the current key, every older version opened from the vault's key chain.
#[derive(Debug)]
pub struct VaultKeys {
    pub version: u32,
    pub access: VaultAccess,
    older: Vec<(u32, SecretKey)>,
}

impl VaultKeys {
    /// The current version only (a write-only holder has nothing more).
    pub fn current(version: u32, access: VaultAccess) -> Self {
        VaultKeys { version, access, older: Vec::new() }
    }

    /// Opens every older key of the chain (`(version, wrapped)`, each wrapped under the
    /// current key). A write-only holder opens none and keeps none.
    pub fn with_chain<'a>(mut self, account: &str, vault: &str, chain: impl IntoIterator<Item = (u32, &'a [u8])>) -> Result<Self, CryptoError> {
        if let VaultAccess::Key(k) = &self.access {
            for (v, wrapped) in chain {
                if v >= self.version {
                    return Err(CryptoError::Malformed);
                }
                self.older.push((v, super::unwrap_key(k, wrapped, &aad::vault_key_chain(account, vault, v))?));
            }
        }
        Ok(self)
    }

    /// The key of `version`, if held.
    pub fn key_for(&self, version: u32) -> Option<&SecretKey> {
        if version == self.version {
            return self.access.key();
        }
        self.older.iter().find(|(v, _)| *v == version).map(|(_, k)| k)
    }

    /// A new version: a fresh vault key, and every key held (the current one included)
    /// wrapped under it as the new chain, oldest first. `None` for a write-only holder.
    pub fn next(&self, account: &str, vault: &str) -> Option<(SecretKey, Vec<WrappedVersion>)> {
        let current = self.access.key()?;
        let new = SecretKey::random();
        let mut chain: Vec<WrappedVersion> = self
            .older
            .iter()
            .chain(std::iter::once(&(self.version, current.clone())))
            .map(|(v, k)| (*v, super::wrap_key(&new, k, &aad::vault_key_chain(account, vault, *v))))
            .collect();
        chain.sort_by_key(|(v, _)| *v);
        Some((new, chain))
    }
}

/// Opens a file key made by [`VaultAccess::wrap_file_key`]: its length says how.
pub fn open_file_key(vault_key: &SecretKey, wrapped: &[u8], aad: &str) -> Result<SecretKey, CryptoError> {
    if wrapped.len() == super::SEALED_KEY_LEN {
        let plain = super::open_sealed(&vault_seal_private(vault_key), wrapped, aad)?;
        SecretKey::from_slice(&plain)
    } else {
        super::unwrap_key(vault_key, wrapped, aad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_only_grant_holds_the_public_key_and_opens_no_file() {
        let (vk, wk) = (SecretKey::random(), SecretKey::random());
        let full = VaultAccess::Key(vk.clone());
        let g = full.grant(&wk, true, "a", "v", "k").unwrap();
        assert_eq!(g.len(), super::super::WRAPPED_KEY_LEN, "same shape as a full grant");
        let wo = VaultAccess::open_grant(&wk, &g, true, "a", "v", "k").unwrap();
        assert!(wo.key().is_none());
        assert_eq!(wo.public(), vault_public(&vk));
        // The two kinds do not open as each other.
        assert!(VaultAccess::open_grant(&wk, &g, false, "a", "v", "k").is_err());
        let fg = full.grant(&wk, false, "a", "v", "k").unwrap();
        assert!(VaultAccess::open_grant(&wk, &fg, true, "a", "v", "k").is_err());
        // A write-only holder cannot make a full grant.
        assert!(wo.grant(&wk, false, "a", "v", "k2").is_err());
        // A file key sealed by the write-only holder opens with the vault key only.
        let fk = SecretKey::random();
        let sealed = wo.wrap_file_key(&fk, "f");
        assert_eq!(sealed.len(), super::super::SEALED_KEY_LEN);
        assert_eq!(open_file_key(&vk, &sealed, "f").unwrap(), fk);
        assert!(open_file_key(&SecretKey::random(), &sealed, "f").is_err());
        assert!(open_file_key(&vk, &sealed, "g").is_err());
        assert_eq!(open_file_key(&vk, &full.wrap_file_key(&fk, "f"), "f").unwrap(), fk);
    }

    #[test]
    fn a_new_version_chains_every_older_key_and_only_under_itself() {
        let v1 = VaultKeys::current(1, VaultAccess::Key(SecretKey::random()));
        let k1 = v1.key_for(1).unwrap().clone();
        let (k2, chain) = v1.next("a", "v").unwrap();
        let v2 = VaultKeys::current(2, VaultAccess::Key(k2.clone())).with_chain("a", "v", chain.iter().map(|(v, w)| (*v, w.as_slice()))).unwrap();
        let (k3, chain) = v2.next("a", "v").unwrap();
        assert_eq!(chain.iter().map(|(v, _)| *v).collect::<Vec<_>>(), [1, 2]);
        let v3 = VaultKeys::current(3, VaultAccess::Key(k3.clone())).with_chain("a", "v", chain.iter().map(|(v, w)| (*v, w.as_slice()))).unwrap();
        assert_eq!(v3.key_for(1), Some(&k1));
        assert_eq!(v3.key_for(2), Some(&k2));
        assert_eq!(v3.key_for(4), None);
        // The chain opens with the newest key only: an older key opens none of it.
        let with_old = VaultKeys::current(3, VaultAccess::Key(k1)).with_chain("a", "v", chain.iter().map(|(v, w)| (*v, w.as_slice())));
        assert!(with_old.is_err());
        // A link moved to another version or vault does not open.
        assert!(VaultKeys::current(3, VaultAccess::Key(k3)).with_chain("a", "v", [(2, chain[0].1.as_slice())]).is_err());
        // A write-only holder keeps nothing older and cannot make a version.
        let wo = VaultKeys::current(3, VaultAccess::WriteOnly([9; 32])).with_chain("a", "v", chain.iter().map(|(v, w)| (*v, w.as_slice()))).unwrap();
        assert!(wo.key_for(1).is_none() && wo.next("a", "v").is_none());
    }
}
