
use builtin;
use str;

set edit:completion:arg-completer[keysmith] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'keysmith'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'keysmith'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the account and its first vault (asks for a new password twice)'
            cand login 'Cache an owner session in the OS keyring, so read-only commands need no password'
            cand logout 'End the cached owner session'
            cand vault 'Create and list vaults'
            cand key 'Mint, list, show, rotate and revoke scoped agent keys'
            cand passwd 'Change the account password (re-wraps the master key; nothing else changes)'
            cand audit 'Read and verify the hash-chained audit trail'
            cand agent 'Act as an agent with an API key token (from KEYSMITH_API_KEY or --token-file)'
            cand mcp 'Serve an AI agent over MCP (stdio) with an API key (from KEYSMITH_API_KEY or --token-file)'
            cand file 'The owner''s files: put, get, ls, rm (encrypted and decrypted here)'
            cand serve 'Run the reference HTTP backend over the data directory'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;init'= {
            cand --vault 'Name of the first vault'
            cand --kdf 'Password hashing: pbkdf2 (PBKDF2-HMAC-SHA256, the default, which WebCrypto clients can run) or argon2id (memory-hard) [passwd: unchanged]'
            cand --iterations 'PBKDF2 iterations (600000 to 50000000) or Argon2id passes (2 to 16) [default: 600000, or 3 for argon2id]'
            cand --kdf-memory 'Argon2id memory (19MiB to 1GiB) [default: 64MiB]'
            cand --kdf-parallelism 'Argon2id lanes (1 to 16) [default: 4]'
            cand --invite-file 'Read the invite code from this file, for a server that registers by invite [default: $KEYSMITH_INVITE]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;login'= {
            cand --ttl 'How long the session lasts (1m to 30d)'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;logout'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;vault'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a vault (its name is encrypted; the backend sees only its id)'
            cand list 'List vaults with their decrypted names'
            cand rm 'Delete a vault with all its files; keys lose access to it (asks; --yes in scripts)'
            cand check 'Decrypt every vault and file name and key here, and list whatever is damaged (exit 4 if any)'
            cand rekey 'Give vaults a new key version: files written from now on are unreadable to any key that held only older ones; current keys and the owner read every version'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;vault;create'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;vault;list'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;vault;rm'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;vault;check'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;vault;rekey'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;vault;help'= {
            cand create 'Create a vault (its name is encrypted; the backend sees only its id)'
            cand list 'List vaults with their decrypted names'
            cand rm 'Delete a vault with all its files; keys lose access to it (asks; --yes in scripts)'
            cand check 'Decrypt every vault and file name and key here, and list whatever is damaged (exit 4 if any)'
            cand rekey 'Give vaults a new key version: files written from now on are unreadable to any key that held only older ones; current keys and the owner read every version'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;vault;help;create'= {
        }
        &'keysmith;vault;help;list'= {
        }
        &'keysmith;vault;help;rm'= {
        }
        &'keysmith;vault;help;check'= {
        }
        &'keysmith;vault;help;rekey'= {
        }
        &'keysmith;vault;help;help'= {
        }
        &'keysmith;key'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Mint a scoped key; the token is shown once and stored nowhere'
            cand list 'List keys with their status, expiry and last use'
            cand show 'Show one key in full'
            cand revoke 'Revoke keys; each fails from its very next request'
            cand rotate 'Rotate a key (or every key expiring soon) into a new one with a grace window'
            cand usage 'Requests, bytes and storage per key, last use and idle keys (one key: day by day)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;key;create'= {
            cand --label 'A label for the key (shown in lists and the audit trail; not secret)'
            cand --vault 'Vault name or id the key may use (repeatable)'
            cand --allow 'Comma-separated actions the key may take, or all'
            cand --rate 'Request rate limit, REQUESTS/WINDOW (e.g. 60/1m; window up to 30d), or `none`'
            cand --bytes-per-day 'Bytes the key may transfer per day (e.g. 1GiB), or `none`'
            cand --expires-in 'Expiry, as a duration from now, 1m to 3650d [default: 90d; on rotation: the old key''s lifetime]'
            cand --token-file 'Write the token to this file (mode 0600) instead of printing it'
            cand --exec 'Deliver each new token by running CMD (with `sh -c`) with the token on stdin and KEYSMITH_KEY_ID, KEYSMITH_KEY_LABEL, KEYSMITH_OLD_KEY_ID, KEYSMITH_EXPIRES_AT, KEYSMITH_GRACE_END in its environment; CMD''s stdout goes to stderr. A token waits (0600, in the data directory) until CMD exits 0: see EXIT STATUS'
            cand --exec-timeout 'How long CMD may run before it is killed and counted as failed'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --write-only 'Write-only (append-only): uploads are sealed to the vault''s public key, and the key can never read, list or delete a file, not even its own [default --allow: write]'
            cand --no-expiry 'Create a key that never expires (not recommended)'
            cand --force 'Replace an existing --token-file'
            cand --if-absent 'Mint nothing if an active (or in-grace) key with this --label exists: for jobs that re-run'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;key;list'= {
            cand --status 'Only keys in these states (comma-separated or repeated)'
            cand --expiring-within 'Only active keys that expire within this duration (e.g. 7d): the ones nobody rotated yet'
            cand --label 'Only keys with this label'
            cand --idle 'Only usable keys unused for at least this long (e.g. 7d; never used: since created)'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;key;show'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;key;revoke'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --rekey 'Also give the keys'' vaults a new key version, so that nothing written from now on is readable with what they held (needs the password); keys they delegated are revoked with them'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;key;rotate'= {
            cand --expiring-within 'Rotate every active key that expires within this duration (e.g. 7d)'
            cand --with-token-file 'Rotate as the holder of the old key, using its token from this file (`-` for stdin); no password needed'
            cand --grace 'How long the old key stays valid (0s to 30d; never past its own expiry)'
            cand --vault 'Vault name or id the key may use (repeatable)'
            cand --allow 'Comma-separated actions the key may take, or all'
            cand --rate 'Request rate limit, REQUESTS/WINDOW (e.g. 60/1m; window up to 30d), or `none`'
            cand --bytes-per-day 'Bytes the key may transfer per day (e.g. 1GiB), or `none`'
            cand --expires-in 'Expiry, as a duration from now, 1m to 3650d [default: 90d; on rotation: the old key''s lifetime]'
            cand --token-file 'Write the new token to this file (mode 0600) instead of printing it; a file holding the old key''s token is replaced'
            cand --token-dir 'Bulk rotation: write each new token to a file in DIR named by --token-name (mode 0600; DIR is created 0700), replacing the rotated key''s token file atomically'
            cand --token-name 'The token file''s name in --token-dir: {label} and {id} (the new key''s id) are replaced'
            cand --exec 'Deliver each new token by running CMD (with `sh -c`) with the token on stdin and KEYSMITH_KEY_ID, KEYSMITH_KEY_LABEL, KEYSMITH_OLD_KEY_ID, KEYSMITH_EXPIRES_AT, KEYSMITH_GRACE_END in its environment; CMD''s stdout goes to stderr. A token waits (0600, in the data directory) until CMD exits 0: see EXIT STATUS'
            cand --exec-timeout 'How long CMD may run before it is killed and counted as failed'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --write-only 'Write-only (append-only): uploads are sealed to the vault''s public key, and the key can never read, list or delete a file, not even its own [default --allow: write]'
            cand --no-expiry 'Create a key that never expires (not recommended)'
            cand --dry-run 'Show what would be rotated and change nothing (a login session is enough; no password unless --vault names need decrypting)'
            cand --fail-if-any 'With --dry-run: exit 1 when any key would be rotated (for monitors: "keys expire soon and nobody rotated them")'
            cand -y 'Do not ask for confirmation (bulk rotation)'
            cand --yes 'Do not ask for confirmation (bulk rotation)'
            cand --force 'Replace existing token files'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;key;usage'= {
            cand --period 'The period counted, ending now (1d to 400d)'
            cand --idle 'Only usable keys unused for at least this long, e.g. 7d (without it, keys unused for 7d are marked idle)'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;key;help'= {
            cand create 'Mint a scoped key; the token is shown once and stored nowhere'
            cand list 'List keys with their status, expiry and last use'
            cand show 'Show one key in full'
            cand revoke 'Revoke keys; each fails from its very next request'
            cand rotate 'Rotate a key (or every key expiring soon) into a new one with a grace window'
            cand usage 'Requests, bytes and storage per key, last use and idle keys (one key: day by day)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;key;help;create'= {
        }
        &'keysmith;key;help;list'= {
        }
        &'keysmith;key;help;show'= {
        }
        &'keysmith;key;help;revoke'= {
        }
        &'keysmith;key;help;rotate'= {
        }
        &'keysmith;key;help;usage'= {
        }
        &'keysmith;key;help;help'= {
        }
        &'keysmith;passwd'= {
            cand --kdf 'Password hashing: pbkdf2 (PBKDF2-HMAC-SHA256, the default, which WebCrypto clients can run) or argon2id (memory-hard) [passwd: unchanged]'
            cand --iterations 'PBKDF2 iterations (600000 to 50000000) or Argon2id passes (2 to 16) [default: 600000, or 3 for argon2id]'
            cand --kdf-memory 'Argon2id memory (19MiB to 1GiB) [default: 64MiB]'
            cand --kdf-parallelism 'Argon2id lanes (1 to 16) [default: 4]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;audit'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand tail 'Show recent events, filtered; -f follows new events live'
            cand verify 'Walk the hash chain and report any edited or deleted event'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;audit;tail'= {
            cand --key 'Only events of this key id'
            cand --vault 'Only events of this vault, by name (decrypted here: needs the password) or id'
            cand --event 'Only these events (repeatable or comma-separated): names (e.g. file.delete) or families ending in `.` (e.g. key.)'
            cand --exclude-event 'Leave out these events (repeatable or comma-separated), as --event'
            cand --actor 'Only events of this actor'
            cand --outcome 'Only allowed or only denied events'
            cand --since 'Only events since a duration ago (1h, 7d) or an RFC 3339 time'
            cand --until 'Only events until a duration ago (1h, 7d) or an RFC 3339 time'
            cand --after 'Only events after this sequence number (to resume where an earlier run stopped)'
            cand -n 'How many of the newest matching events to show'
            cand --lines 'How many of the newest matching events to show'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --all 'Show routine events too (successful owner logins; they are always in the trail)'
            cand -f 'Keep running and print new events as they happen'
            cand --follow 'Keep running and print new events as they happen'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;audit;verify'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;audit;help'= {
            cand tail 'Show recent events, filtered; -f follows new events live'
            cand verify 'Walk the hash chain and report any edited or deleted event'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;audit;help;tail'= {
        }
        &'keysmith;audit;help;verify'= {
        }
        &'keysmith;audit;help;help'= {
        }
        &'keysmith;agent'= {
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand connect 'Validate the key and show its scope, limits and the vaults it can decrypt'
            cand vaults 'List the vaults in the key''s scope (needs listVaults)'
            cand mkvault 'Create a vault; its key is sealed to the owner (needs createVault)'
            cand put 'Encrypt a file here and upload it (agents need write)'
            cand get 'Download and decrypt a file (agents need read)'
            cand ls 'List the files of a vault, names decrypted here (agents need read)'
            cand rm 'Delete a file (agents need delete)'
            cand delegate 'Mint a child key within this key''s scope, ending no later than it (needs delegate)'
            cand children 'List the keys this key delegated (needs delegate)'
            cand rotate-children 'Rotate this key''s children into --token-dir, one file per child (needs delegate): no owner password'
            cand revoke-child 'Revoke a key this key delegated, or any key below it (needs delegate)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;agent;connect'= {
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;agent;vaults'= {
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;agent;mkvault'= {
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;agent;put'= {
            cand --name 'Name to store it under [default: the file''s name]'
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;agent;get'= {
            cand --to 'Where to write it (`-` for stdout) [default: ./<its name>]'
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --force 'Replace an existing file'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;agent;ls'= {
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;agent;rm'= {
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;agent;delegate'= {
            cand --label 'The child''s label (shown in lists and the audit trail)'
            cand --vault 'Vault name or id the key may use (repeatable)'
            cand --allow 'Comma-separated actions the key may take, or all'
            cand --rate 'Request rate limit, REQUESTS/WINDOW (e.g. 60/1m; window up to 30d), or `none`'
            cand --bytes-per-day 'Bytes the key may transfer per day (e.g. 1GiB), or `none`'
            cand --expires-in 'Expiry, as a duration from now, 1m to 3650d [default: 90d; on rotation: the old key''s lifetime]'
            cand --child-token-file 'Write the child''s token to this file (mode 0600) instead of printing it (--token-file is this key''s own)'
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --write-only 'Write-only (append-only): uploads are sealed to the vault''s public key, and the key can never read, list or delete a file, not even its own [default --allow: write]'
            cand --no-expiry 'Create a key that never expires (not recommended)'
            cand --force 'Replace an existing --child-token-file'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;agent;children'= {
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;agent;rotate-children'= {
            cand --expiring-within 'Only children that expire within this duration (e.g. 7d) [default: every active child]'
            cand --grace 'How long each old child key keeps working (0s to 30d)'
            cand --token-dir 'Directory for the new tokens, one file per child, replaced atomically (created 0700)'
            cand --token-name 'File name template in --token-dir: {label} and {id}'
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;agent;revoke-child'= {
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;agent;help'= {
            cand connect 'Validate the key and show its scope, limits and the vaults it can decrypt'
            cand vaults 'List the vaults in the key''s scope (needs listVaults)'
            cand mkvault 'Create a vault; its key is sealed to the owner (needs createVault)'
            cand put 'Encrypt a file here and upload it (agents need write)'
            cand get 'Download and decrypt a file (agents need read)'
            cand ls 'List the files of a vault, names decrypted here (agents need read)'
            cand rm 'Delete a file (agents need delete)'
            cand delegate 'Mint a child key within this key''s scope, ending no later than it (needs delegate)'
            cand children 'List the keys this key delegated (needs delegate)'
            cand rotate-children 'Rotate this key''s children into --token-dir, one file per child (needs delegate): no owner password'
            cand revoke-child 'Revoke a key this key delegated, or any key below it (needs delegate)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;agent;help;connect'= {
        }
        &'keysmith;agent;help;vaults'= {
        }
        &'keysmith;agent;help;mkvault'= {
        }
        &'keysmith;agent;help;put'= {
        }
        &'keysmith;agent;help;get'= {
        }
        &'keysmith;agent;help;ls'= {
        }
        &'keysmith;agent;help;rm'= {
        }
        &'keysmith;agent;help;delegate'= {
        }
        &'keysmith;agent;help;children'= {
        }
        &'keysmith;agent;help;rotate-children'= {
        }
        &'keysmith;agent;help;revoke-child'= {
        }
        &'keysmith;agent;help;help'= {
        }
        &'keysmith;mcp'= {
            cand --token-file 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;file'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand put 'Encrypt a file here and upload it (agents need write)'
            cand get 'Download and decrypt a file (agents need read)'
            cand ls 'List the files of a vault, names decrypted here (agents need read)'
            cand rm 'Delete a file (agents need delete)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;file;put'= {
            cand --name 'Name to store it under [default: the file''s name]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;file;get'= {
            cand --to 'Where to write it (`-` for stdout) [default: ./<its name>]'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --force 'Replace an existing file'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;file;ls'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;file;rm'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;file;help'= {
            cand put 'Encrypt a file here and upload it (agents need write)'
            cand get 'Download and decrypt a file (agents need read)'
            cand ls 'List the files of a vault, names decrypted here (agents need read)'
            cand rm 'Delete a file (agents need delete)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;file;help;put'= {
        }
        &'keysmith;file;help;get'= {
        }
        &'keysmith;file;help;ls'= {
        }
        &'keysmith;file;help;rm'= {
        }
        &'keysmith;file;help;help'= {
        }
        &'keysmith;serve'= {
            cand --listen 'Address to listen on; port 0 picks a free port (the chosen address is printed)'
            cand --registration 'Who may register an account'
            cand --database 'Keep the state in PostgreSQL (postgres://USER@HOST:PORT/DB) instead of SQLite in the data dir; any number of instances may share it. A URL with a password belongs in KEYSMITH_DATABASE_URL, not on the command line'
            cand --blobs 'Keep blobs in an S3-compatible bucket (s3://BUCKET or s3://BUCKET/PREFIX) instead of the data dir; clients then upload and download by presigned URL, straight to the bucket. Credentials, region and endpoint come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and AWS_ENDPOINT (AWS_ALLOW_HTTP=true for an http:// endpoint)'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand invite 'Mint a single-use invite code for `--registration invite` (printed once; give it to one person)'
            cand audit 'Verify the server''s own audit chain (requests tied to no account, invites) and show its newest events'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;serve;invite'= {
            cand --expires-in 'How long the code stays valid (1m to 30d)'
            cand --database 'Keep the state in PostgreSQL (postgres://USER@HOST:PORT/DB) instead of SQLite in the data dir; any number of instances may share it. A URL with a password belongs in KEYSMITH_DATABASE_URL, not on the command line'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;serve;audit'= {
            cand -n 'How many of the newest events to show'
            cand --lines 'How many of the newest events to show'
            cand --database 'Keep the state in PostgreSQL (postgres://USER@HOST:PORT/DB) instead of SQLite in the data dir; any number of instances may share it. A URL with a password belongs in KEYSMITH_DATABASE_URL, not on the command line'
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;serve;help'= {
            cand invite 'Mint a single-use invite code for `--registration invite` (printed once; give it to one person)'
            cand audit 'Verify the server''s own audit chain (requests tied to no account, invites) and show its newest events'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;serve;help;invite'= {
        }
        &'keysmith;serve;help;audit'= {
        }
        &'keysmith;serve;help;help'= {
        }
        &'keysmith;completions'= {
            cand --data-dir 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]'
            cand --field 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --server 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]'
            cand --profile 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server'
            cand --account 'Your account id on a server that holds many [default: the one `init` remembered for the server]'
            cand --no-input 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
            cand --password-stdin 'Read the password from the first line of stdin (`passwd`: current, then new)'
            cand -q 'Print no notes or progress on stderr (errors are still printed)'
            cand --quiet 'Print no notes or progress on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keysmith;help'= {
            cand init 'Create the account and its first vault (asks for a new password twice)'
            cand login 'Cache an owner session in the OS keyring, so read-only commands need no password'
            cand logout 'End the cached owner session'
            cand vault 'Create and list vaults'
            cand key 'Mint, list, show, rotate and revoke scoped agent keys'
            cand passwd 'Change the account password (re-wraps the master key; nothing else changes)'
            cand audit 'Read and verify the hash-chained audit trail'
            cand agent 'Act as an agent with an API key token (from KEYSMITH_API_KEY or --token-file)'
            cand mcp 'Serve an AI agent over MCP (stdio) with an API key (from KEYSMITH_API_KEY or --token-file)'
            cand file 'The owner''s files: put, get, ls, rm (encrypted and decrypted here)'
            cand serve 'Run the reference HTTP backend over the data directory'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keysmith;help;init'= {
        }
        &'keysmith;help;login'= {
        }
        &'keysmith;help;logout'= {
        }
        &'keysmith;help;vault'= {
            cand create 'Create a vault (its name is encrypted; the backend sees only its id)'
            cand list 'List vaults with their decrypted names'
            cand rm 'Delete a vault with all its files; keys lose access to it (asks; --yes in scripts)'
            cand check 'Decrypt every vault and file name and key here, and list whatever is damaged (exit 4 if any)'
            cand rekey 'Give vaults a new key version: files written from now on are unreadable to any key that held only older ones; current keys and the owner read every version'
        }
        &'keysmith;help;vault;create'= {
        }
        &'keysmith;help;vault;list'= {
        }
        &'keysmith;help;vault;rm'= {
        }
        &'keysmith;help;vault;check'= {
        }
        &'keysmith;help;vault;rekey'= {
        }
        &'keysmith;help;key'= {
            cand create 'Mint a scoped key; the token is shown once and stored nowhere'
            cand list 'List keys with their status, expiry and last use'
            cand show 'Show one key in full'
            cand revoke 'Revoke keys; each fails from its very next request'
            cand rotate 'Rotate a key (or every key expiring soon) into a new one with a grace window'
            cand usage 'Requests, bytes and storage per key, last use and idle keys (one key: day by day)'
        }
        &'keysmith;help;key;create'= {
        }
        &'keysmith;help;key;list'= {
        }
        &'keysmith;help;key;show'= {
        }
        &'keysmith;help;key;revoke'= {
        }
        &'keysmith;help;key;rotate'= {
        }
        &'keysmith;help;key;usage'= {
        }
        &'keysmith;help;passwd'= {
        }
        &'keysmith;help;audit'= {
            cand tail 'Show recent events, filtered; -f follows new events live'
            cand verify 'Walk the hash chain and report any edited or deleted event'
        }
        &'keysmith;help;audit;tail'= {
        }
        &'keysmith;help;audit;verify'= {
        }
        &'keysmith;help;agent'= {
            cand connect 'Validate the key and show its scope, limits and the vaults it can decrypt'
            cand vaults 'List the vaults in the key''s scope (needs listVaults)'
            cand mkvault 'Create a vault; its key is sealed to the owner (needs createVault)'
            cand put 'Encrypt a file here and upload it (agents need write)'
            cand get 'Download and decrypt a file (agents need read)'
            cand ls 'List the files of a vault, names decrypted here (agents need read)'
            cand rm 'Delete a file (agents need delete)'
            cand delegate 'Mint a child key within this key''s scope, ending no later than it (needs delegate)'
            cand children 'List the keys this key delegated (needs delegate)'
            cand rotate-children 'Rotate this key''s children into --token-dir, one file per child (needs delegate): no owner password'
            cand revoke-child 'Revoke a key this key delegated, or any key below it (needs delegate)'
        }
        &'keysmith;help;agent;connect'= {
        }
        &'keysmith;help;agent;vaults'= {
        }
        &'keysmith;help;agent;mkvault'= {
        }
        &'keysmith;help;agent;put'= {
        }
        &'keysmith;help;agent;get'= {
        }
        &'keysmith;help;agent;ls'= {
        }
        &'keysmith;help;agent;rm'= {
        }
        &'keysmith;help;agent;delegate'= {
        }
        &'keysmith;help;agent;children'= {
        }
        &'keysmith;help;agent;rotate-children'= {
        }
        &'keysmith;help;agent;revoke-child'= {
        }
        &'keysmith;help;mcp'= {
        }
        &'keysmith;help;file'= {
            cand put 'Encrypt a file here and upload it (agents need write)'
            cand get 'Download and decrypt a file (agents need read)'
            cand ls 'List the files of a vault, names decrypted here (agents need read)'
            cand rm 'Delete a file (agents need delete)'
        }
        &'keysmith;help;file;put'= {
        }
        &'keysmith;help;file;get'= {
        }
        &'keysmith;help;file;ls'= {
        }
        &'keysmith;help;file;rm'= {
        }
        &'keysmith;help;serve'= {
            cand invite 'Mint a single-use invite code for `--registration invite` (printed once; give it to one person)'
            cand audit 'Verify the server''s own audit chain (requests tied to no account, invites) and show its newest events'
        }
        &'keysmith;help;serve;invite'= {
        }
        &'keysmith;help;serve;audit'= {
        }
        &'keysmith;help;completions'= {
        }
        &'keysmith;help;help'= {
        }
    ]
    $completions[$command]
}
