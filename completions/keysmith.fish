# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_keysmith_global_optspecs
    string join \n data-dir= field= o/output= no-input password-stdin q/quiet server= profile= account= h/help V/version
end

function __fish_keysmith_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_keysmith_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_keysmith_using_subcommand
    set -l cmd (__fish_keysmith_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c keysmith -n "__fish_keysmith_needs_command" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_needs_command" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_needs_command" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_needs_command" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_needs_command" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_needs_command" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_needs_command" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_needs_command" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_needs_command" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_needs_command" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "init" -d 'Create the account and its first vault (asks for a new password twice)'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "login" -d 'Cache an owner session in the OS keyring, so read-only commands need no password'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "logout" -d 'End the cached owner session'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "vault" -d 'Create and list vaults'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "key" -d 'Mint, list, show, rotate and revoke scoped agent keys'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "passwd" -d 'Change the account password (re-wraps the master key; nothing else changes)'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "audit" -d 'Read and verify the hash-chained audit trail'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "agent" -d 'Act as an agent with an API key token (from KEYSMITH_API_KEY or --token-file)'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "mcp" -d 'Serve an AI agent over MCP (stdio) with an API key (from KEYSMITH_API_KEY or --token-file)'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "file" -d 'The owner\'s files: put, get, ls, rm (encrypted and decrypted here)'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "serve" -d 'Run the reference HTTP backend over the data directory'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c keysmith -n "__fish_keysmith_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l vault -d 'Name of the first vault' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l kdf -d 'Password hashing: pbkdf2 (PBKDF2-HMAC-SHA256, the default, which WebCrypto clients can run) or argon2id (memory-hard) [passwd: unchanged]' -r -f -a "pbkdf2\t'PBKDF2-HMAC-SHA256'
argon2id\t'Argon2id (RFC 9106)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l iterations -d 'PBKDF2 iterations (600000 to 50000000) or Argon2id passes (2 to 16) [default: 600000, or 3 for argon2id]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l kdf-memory -d 'Argon2id memory (19MiB to 1GiB) [default: 64MiB]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l kdf-parallelism -d 'Argon2id lanes (1 to 16) [default: 4]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l invite-file -d 'Read the invite code from this file, for a server that registers by invite [default: $KEYSMITH_INVITE]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand init" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -l ttl -d 'How long the session lasts (1m to 30d)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand login" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand logout" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand logout" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand logout" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand logout" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand logout" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand logout" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand logout" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand logout" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand logout" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand logout" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -f -a "create" -d 'Create a vault (its name is encrypted; the backend sees only its id)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -f -a "list" -d 'List vaults with their decrypted names'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -f -a "rm" -d 'Delete a vault with all its files; keys lose access to it (asks; --yes in scripts)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -f -a "check" -d 'Decrypt every vault and file name and key here, and list whatever is damaged (exit 4 if any)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -f -a "rekey" -d 'Give vaults a new key version: files written from now on are unreadable to any key that held only older ones; current keys and the owner read every version'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and not __fish_seen_subcommand_from create list rm check rekey help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from create" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from create" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from create" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from create" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from create" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from create" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from list" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from list" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from list" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from list" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from list" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from list" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Do not ask for confirmation'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from check" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from check" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from check" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from check" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from check" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from check" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rekey" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rekey" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rekey" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from rekey" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a vault (its name is encrypted; the backend sees only its id)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "list" -d 'List vaults with their decrypted names'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Delete a vault with all its files; keys lose access to it (asks; --yes in scripts)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "check" -d 'Decrypt every vault and file name and key here, and list whatever is damaged (exit 4 if any)'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "rekey" -d 'Give vaults a new key version: files written from now on are unreadable to any key that held only older ones; current keys and the owner read every version'
complete -c keysmith -n "__fish_keysmith_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -f -a "create" -d 'Mint a scoped key; the token is shown once and stored nowhere'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -f -a "list" -d 'List keys with their status, expiry and last use'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -f -a "show" -d 'Show one key in full'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -f -a "revoke" -d 'Revoke keys; each fails from its very next request'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -f -a "rotate" -d 'Rotate a key (or every key expiring soon) into a new one with a grace window'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -f -a "usage" -d 'Requests, bytes and storage per key, last use and idle keys (one key: day by day)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and not __fish_seen_subcommand_from create list show revoke rotate usage help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l label -d 'A label for the key (shown in lists and the audit trail; not secret)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l vault -d 'Vault name or id the key may use (repeatable)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l allow -d 'Comma-separated actions the key may take, or all' -r -f -a "read\t''
write\t''
delete\t''
listVaults\t''
createVault\t''
delegate\t''
all\t''"
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l rate -d 'Request rate limit, REQUESTS/WINDOW (e.g. 60/1m; window up to 30d), or `none`' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l bytes-per-day -d 'Bytes the key may transfer per day (e.g. 1GiB), or `none`' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l expires-in -d 'Expiry, as a duration from now, 1m to 3650d [default: 90d; on rotation: the old key\'s lifetime]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l token-file -d 'Write the token to this file (mode 0600) instead of printing it' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l exec -d 'Deliver each new token by running CMD (with `sh -c`) with the token on stdin and KEYSMITH_KEY_ID, KEYSMITH_KEY_LABEL, KEYSMITH_OLD_KEY_ID, KEYSMITH_EXPIRES_AT, KEYSMITH_GRACE_END in its environment; CMD\'s stdout goes to stderr. A token waits (0600, in the data directory) until CMD exits 0: see EXIT STATUS' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l exec-timeout -d 'How long CMD may run before it is killed and counted as failed' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l write-only -d 'Write-only (append-only): uploads are sealed to the vault\'s public key, and the key can never read, list or delete a file, not even its own [default --allow: write]'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l no-expiry -d 'Create a key that never expires (not recommended)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l force -d 'Replace an existing --token-file'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l if-absent -d 'Mint nothing if an active (or in-grace) key with this --label exists: for jobs that re-run'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -l status -d 'Only keys in these states (comma-separated or repeated)' -r -f -a "active\t''
grace\t'Rotated: still valid until its grace end'
revoked\t''
expired\t''"
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -l expiring-within -d 'Only active keys that expire within this duration (e.g. 7d): the ones nobody rotated yet' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -l label -d 'Only keys with this label' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -l idle -d 'Only usable keys unused for at least this long (e.g. 7d; never used: since created)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from show" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from show" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from show" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from show" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from show" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from show" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Do not ask for confirmation'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -l rekey -d 'Also give the keys\' vaults a new key version, so that nothing written from now on is readable with what they held (needs the password); keys they delegated are revoked with them'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l expiring-within -d 'Rotate every active key that expires within this duration (e.g. 7d)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l with-token-file -d 'Rotate as the holder of the old key, using its token from this file (`-` for stdin); no password needed' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l grace -d 'How long the old key stays valid (0s to 30d; never past its own expiry)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l vault -d 'Vault name or id the key may use (repeatable)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l allow -d 'Comma-separated actions the key may take, or all' -r -f -a "read\t''
write\t''
delete\t''
listVaults\t''
createVault\t''
delegate\t''
all\t''"
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l rate -d 'Request rate limit, REQUESTS/WINDOW (e.g. 60/1m; window up to 30d), or `none`' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l bytes-per-day -d 'Bytes the key may transfer per day (e.g. 1GiB), or `none`' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l expires-in -d 'Expiry, as a duration from now, 1m to 3650d [default: 90d; on rotation: the old key\'s lifetime]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l token-file -d 'Write the new token to this file (mode 0600) instead of printing it; a file holding the old key\'s token is replaced' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l token-dir -d 'Bulk rotation: write each new token to a file in DIR named by --token-name (mode 0600; DIR is created 0700), replacing the rotated key\'s token file atomically' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l token-name -d 'The token file\'s name in --token-dir: {label} and {id} (the new key\'s id) are replaced' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l exec -d 'Deliver each new token by running CMD (with `sh -c`) with the token on stdin and KEYSMITH_KEY_ID, KEYSMITH_KEY_LABEL, KEYSMITH_OLD_KEY_ID, KEYSMITH_EXPIRES_AT, KEYSMITH_GRACE_END in its environment; CMD\'s stdout goes to stderr. A token waits (0600, in the data directory) until CMD exits 0: see EXIT STATUS' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l exec-timeout -d 'How long CMD may run before it is killed and counted as failed' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l write-only -d 'Write-only (append-only): uploads are sealed to the vault\'s public key, and the key can never read, list or delete a file, not even its own [default --allow: write]'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l no-expiry -d 'Create a key that never expires (not recommended)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l dry-run -d 'Show what would be rotated and change nothing (a login session is enough; no password unless --vault names need decrypting)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l fail-if-any -d 'With --dry-run: exit 1 when any key would be rotated (for monitors: "keys expire soon and nobody rotated them")'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -s y -l yes -d 'Do not ask for confirmation (bulk rotation)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l force -d 'Replace existing token files'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -l period -d 'The period counted, ending now (1d to 400d)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -l idle -d 'Only usable keys unused for at least this long, e.g. 7d (without it, keys unused for 7d are marked idle)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from usage" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "create" -d 'Mint a scoped key; the token is shown once and stored nowhere'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "list" -d 'List keys with their status, expiry and last use'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one key in full'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke keys; each fails from its very next request'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Rotate a key (or every key expiring soon) into a new one with a grace window'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "usage" -d 'Requests, bytes and storage per key, last use and idle keys (one key: day by day)'
complete -c keysmith -n "__fish_keysmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -l kdf -d 'Password hashing: pbkdf2 (PBKDF2-HMAC-SHA256, the default, which WebCrypto clients can run) or argon2id (memory-hard) [passwd: unchanged]' -r -f -a "pbkdf2\t'PBKDF2-HMAC-SHA256'
argon2id\t'Argon2id (RFC 9106)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -l iterations -d 'PBKDF2 iterations (600000 to 50000000) or Argon2id passes (2 to 16) [default: 600000, or 3 for argon2id]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -l kdf-memory -d 'Argon2id memory (19MiB to 1GiB) [default: 64MiB]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -l kdf-parallelism -d 'Argon2id lanes (1 to 16) [default: 4]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand passwd" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -f -a "tail" -d 'Show recent events, filtered; -f follows new events live'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -f -a "verify" -d 'Walk the hash chain and report any edited or deleted event'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and not __fish_seen_subcommand_from tail verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l key -d 'Only events of this key id' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l vault -d 'Only events of this vault, by name (decrypted here: needs the password) or id' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l event -d 'Only these events (repeatable or comma-separated): names (e.g. file.delete) or families ending in `.` (e.g. key.)' -r -f -a "account.create\t''
account.login\t''
account.logout\t''
account.passwd\t''
agent.children\t''
agent.connect\t''
agent.delegate\t''
agent.revoke_child\t''
agent.rotate\t''
agent.rotate_child\t''
agent.unauthenticated\t''
file.delete\t''
file.download\t''
file.get\t''
file.list\t''
file.put\t''
file.upload\t''
key.create\t''
key.delegate\t''
key.revoke\t''
key.rotate\t''
owner.audit\t''
owner.audit_head\t''
owner.key\t''
owner.keys\t''
owner.params\t''
owner.session\t''
owner.usage\t''
owner.vaults\t''
server.invite\t''
vault.create\t''
vault.delete\t''
vault.rekey\t''
vault.list\t''
request\t''
account.\t''
agent.\t''
file.\t''
key.\t''
owner.\t''
server.\t''
vault.\t''"
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l exclude-event -d 'Leave out these events (repeatable or comma-separated), as --event' -r -f -a "account.create\t''
account.login\t''
account.logout\t''
account.passwd\t''
agent.children\t''
agent.connect\t''
agent.delegate\t''
agent.revoke_child\t''
agent.rotate\t''
agent.rotate_child\t''
agent.unauthenticated\t''
file.delete\t''
file.download\t''
file.get\t''
file.list\t''
file.put\t''
file.upload\t''
key.create\t''
key.delegate\t''
key.revoke\t''
key.rotate\t''
owner.audit\t''
owner.audit_head\t''
owner.key\t''
owner.keys\t''
owner.params\t''
owner.session\t''
owner.usage\t''
owner.vaults\t''
server.invite\t''
vault.create\t''
vault.delete\t''
vault.rekey\t''
vault.list\t''
request\t''
account.\t''
agent.\t''
file.\t''
key.\t''
owner.\t''
server.\t''
vault.\t''"
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l actor -d 'Only events of this actor' -r -f -a "owner\t''
agent\t''
system\t''"
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l outcome -d 'Only allowed or only denied events' -r -f -a "allowed\t''
denied\t''"
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l since -d 'Only events since a duration ago (1h, 7d) or an RFC 3339 time' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l until -d 'Only events until a duration ago (1h, 7d) or an RFC 3339 time' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l after -d 'Only events after this sequence number (to resume where an earlier run stopped)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -s n -l lines -d 'How many of the newest matching events to show' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l all -d 'Show routine events too (successful owner logins; they are always in the trail)'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -s f -l follow -d 'Keep running and print new events as they happen'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from tail" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from verify" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from verify" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from verify" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from verify" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from verify" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from verify" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from verify" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "tail" -d 'Show recent events, filtered; -f follows new events live'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Walk the hash chain and report any edited or deleted event'
complete -c keysmith -n "__fish_keysmith_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "connect" -d 'Validate the key and show its scope, limits and the vaults it can decrypt'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "vaults" -d 'List the vaults in the key\'s scope (needs listVaults)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "mkvault" -d 'Create a vault; its key is sealed to the owner (needs createVault)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "put" -d 'Encrypt a file here and upload it (agents need write)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "get" -d 'Download and decrypt a file (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "ls" -d 'List the files of a vault, names decrypted here (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "rm" -d 'Delete a file (agents need delete)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "delegate" -d 'Mint a child key within this key\'s scope, ending no later than it (needs delegate)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "children" -d 'List the keys this key delegated (needs delegate)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "rotate-children" -d 'Rotate this key\'s children into --token-dir, one file per child (needs delegate): no owner password'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "revoke-child" -d 'Revoke a key this key delegated, or any key below it (needs delegate)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and not __fish_seen_subcommand_from connect vaults mkvault put get ls rm delegate children rotate-children revoke-child help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from vaults" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from mkvault" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -l name -d 'Name to store it under [default: the file\'s name]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from put" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -l to -d 'Where to write it (`-` for stdout) [default: ./<its name>]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -l force -d 'Replace an existing file'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l label -d 'The child\'s label (shown in lists and the audit trail)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l vault -d 'Vault name or id the key may use (repeatable)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l allow -d 'Comma-separated actions the key may take, or all' -r -f -a "read\t''
write\t''
delete\t''
listVaults\t''
createVault\t''
delegate\t''
all\t''"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l rate -d 'Request rate limit, REQUESTS/WINDOW (e.g. 60/1m; window up to 30d), or `none`' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l bytes-per-day -d 'Bytes the key may transfer per day (e.g. 1GiB), or `none`' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l expires-in -d 'Expiry, as a duration from now, 1m to 3650d [default: 90d; on rotation: the old key\'s lifetime]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l child-token-file -d 'Write the child\'s token to this file (mode 0600) instead of printing it (--token-file is this key\'s own)' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l write-only -d 'Write-only (append-only): uploads are sealed to the vault\'s public key, and the key can never read, list or delete a file, not even its own [default --allow: write]'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l no-expiry -d 'Create a key that never expires (not recommended)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l force -d 'Replace an existing --child-token-file'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from delegate" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from children" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l expiring-within -d 'Only children that expire within this duration (e.g. 7d) [default: every active child]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l grace -d 'How long each old child key keeps working (0s to 30d)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l token-dir -d 'Directory for the new tokens, one file per child, replaced atomically (created 0700)' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l token-name -d 'File name template in --token-dir: {label} and {id}' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from rotate-children" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from revoke-child" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Validate the key and show its scope, limits and the vaults it can decrypt'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "vaults" -d 'List the vaults in the key\'s scope (needs listVaults)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "mkvault" -d 'Create a vault; its key is sealed to the owner (needs createVault)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "put" -d 'Encrypt a file here and upload it (agents need write)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "get" -d 'Download and decrypt a file (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the files of a vault, names decrypted here (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Delete a file (agents need delete)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "delegate" -d 'Mint a child key within this key\'s scope, ending no later than it (needs delegate)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "children" -d 'List the keys this key delegated (needs delegate)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "rotate-children" -d 'Rotate this key\'s children into --token-dir, one file per child (needs delegate): no owner password'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "revoke-child" -d 'Revoke a key this key delegated, or any key below it (needs delegate)'
complete -c keysmith -n "__fish_keysmith_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -l token-file -d 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand mcp" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -f -a "put" -d 'Encrypt a file here and upload it (agents need write)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -f -a "get" -d 'Download and decrypt a file (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -f -a "ls" -d 'List the files of a vault, names decrypted here (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -f -a "rm" -d 'Delete a file (agents need delete)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and not __fish_seen_subcommand_from put get ls rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -l name -d 'Name to store it under [default: the file\'s name]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from put" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -l to -d 'Where to write it (`-` for stdout) [default: ./<its name>]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -l force -d 'Replace an existing file'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from ls" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from ls" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from ls" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from ls" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from ls" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from ls" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from ls" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from rm" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from rm" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from rm" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from rm" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from rm" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from rm" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from rm" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from rm" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from help" -f -a "put" -d 'Encrypt a file here and upload it (agents need write)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from help" -f -a "get" -d 'Download and decrypt a file (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the files of a vault, names decrypted here (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Delete a file (agents need delete)'
complete -c keysmith -n "__fish_keysmith_using_subcommand file; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -l listen -d 'Address to listen on; port 0 picks a free port (the chosen address is printed)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -l registration -d 'Who may register an account' -r -f -a "single\t'One account: the first registration, then no other (the one-person default)'
open\t'Anyone who can reach the server may register'
invite\t'Only with a single-use invite code the operator minted (`keysmith serve invite`)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -l database -d 'Keep the state in PostgreSQL (postgres://USER@HOST:PORT/DB) instead of SQLite in the data dir; any number of instances may share it. A URL with a password belongs in KEYSMITH_DATABASE_URL, not on the command line' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -l blobs -d 'Keep blobs in an S3-compatible bucket (s3://BUCKET or s3://BUCKET/PREFIX) instead of the data dir; clients then upload and download by presigned URL, straight to the bucket. Credentials, region and endpoint come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and AWS_ENDPOINT (AWS_ALLOW_HTTP=true for an http:// endpoint)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -f -a "invite" -d 'Mint a single-use invite code for `--registration invite` (printed once; give it to one person)'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -f -a "audit" -d 'Verify the server\'s own audit chain (requests tied to no account, invites) and show its newest events'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and not __fish_seen_subcommand_from invite audit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -l expires-in -d 'How long the code stays valid (1m to 30d)' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -l database -d 'Keep the state in PostgreSQL (postgres://USER@HOST:PORT/DB) instead of SQLite in the data dir; any number of instances may share it. A URL with a password belongs in KEYSMITH_DATABASE_URL, not on the command line' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from invite" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -s n -l lines -d 'How many of the newest events to show' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -l database -d 'Keep the state in PostgreSQL (postgres://USER@HOST:PORT/DB) instead of SQLite in the data dir; any number of instances may share it. A URL with a password belongs in KEYSMITH_DATABASE_URL, not on the command line' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from audit" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from help" -f -a "invite" -d 'Mint a single-use invite code for `--registration invite` (printed once; give it to one person)'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from help" -f -a "audit" -d 'Verify the server\'s own audit chain (requests tied to no account, invites) and show its newest events'
complete -c keysmith -n "__fish_keysmith_using_subcommand serve; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand completions" -l data-dir -d 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]' -r -F
complete -c keysmith -n "__fish_keysmith_using_subcommand completions" -l field -d 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand completions" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table or text'
json\t'JSON (one document; `audit tail` prints one event per line)'"
complete -c keysmith -n "__fish_keysmith_using_subcommand completions" -l server -d 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand completions" -l profile -d 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand completions" -l account -d 'Your account id on a server that holds many [default: the one `init` remembered for the server]' -r
complete -c keysmith -n "__fish_keysmith_using_subcommand completions" -l no-input -d 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off'
complete -c keysmith -n "__fish_keysmith_using_subcommand completions" -l password-stdin -d 'Read the password from the first line of stdin (`passwd`: current, then new)'
complete -c keysmith -n "__fish_keysmith_using_subcommand completions" -s q -l quiet -d 'Print no notes or progress on stderr (errors are still printed)'
complete -c keysmith -n "__fish_keysmith_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keysmith -n "__fish_keysmith_using_subcommand completions" -s V -l version -d 'Print version'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "init" -d 'Create the account and its first vault (asks for a new password twice)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "login" -d 'Cache an owner session in the OS keyring, so read-only commands need no password'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "logout" -d 'End the cached owner session'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "vault" -d 'Create and list vaults'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "key" -d 'Mint, list, show, rotate and revoke scoped agent keys'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "passwd" -d 'Change the account password (re-wraps the master key; nothing else changes)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "audit" -d 'Read and verify the hash-chained audit trail'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "agent" -d 'Act as an agent with an API key token (from KEYSMITH_API_KEY or --token-file)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "mcp" -d 'Serve an AI agent over MCP (stdio) with an API key (from KEYSMITH_API_KEY or --token-file)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "file" -d 'The owner\'s files: put, get, ls, rm (encrypted and decrypted here)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "serve" -d 'Run the reference HTTP backend over the data directory'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and not __fish_seen_subcommand_from init login logout vault key passwd audit agent mcp file serve completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from vault" -f -a "create" -d 'Create a vault (its name is encrypted; the backend sees only its id)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from vault" -f -a "list" -d 'List vaults with their decrypted names'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from vault" -f -a "rm" -d 'Delete a vault with all its files; keys lose access to it (asks; --yes in scripts)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from vault" -f -a "check" -d 'Decrypt every vault and file name and key here, and list whatever is damaged (exit 4 if any)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from vault" -f -a "rekey" -d 'Give vaults a new key version: files written from now on are unreadable to any key that held only older ones; current keys and the owner read every version'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "create" -d 'Mint a scoped key; the token is shown once and stored nowhere'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "list" -d 'List keys with their status, expiry and last use'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "show" -d 'Show one key in full'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "revoke" -d 'Revoke keys; each fails from its very next request'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "rotate" -d 'Rotate a key (or every key expiring soon) into a new one with a grace window'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "usage" -d 'Requests, bytes and storage per key, last use and idle keys (one key: day by day)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "tail" -d 'Show recent events, filtered; -f follows new events live'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Walk the hash chain and report any edited or deleted event'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "connect" -d 'Validate the key and show its scope, limits and the vaults it can decrypt'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "vaults" -d 'List the vaults in the key\'s scope (needs listVaults)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "mkvault" -d 'Create a vault; its key is sealed to the owner (needs createVault)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "put" -d 'Encrypt a file here and upload it (agents need write)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "get" -d 'Download and decrypt a file (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "ls" -d 'List the files of a vault, names decrypted here (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "rm" -d 'Delete a file (agents need delete)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "delegate" -d 'Mint a child key within this key\'s scope, ending no later than it (needs delegate)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "children" -d 'List the keys this key delegated (needs delegate)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "rotate-children" -d 'Rotate this key\'s children into --token-dir, one file per child (needs delegate): no owner password'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "revoke-child" -d 'Revoke a key this key delegated, or any key below it (needs delegate)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from file" -f -a "put" -d 'Encrypt a file here and upload it (agents need write)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from file" -f -a "get" -d 'Download and decrypt a file (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from file" -f -a "ls" -d 'List the files of a vault, names decrypted here (agents need read)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from file" -f -a "rm" -d 'Delete a file (agents need delete)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from serve" -f -a "invite" -d 'Mint a single-use invite code for `--registration invite` (printed once; give it to one person)'
complete -c keysmith -n "__fish_keysmith_using_subcommand help; and __fish_seen_subcommand_from serve" -f -a "audit" -d 'Verify the server\'s own audit chain (requests tied to no account, invites) and show its newest events'
