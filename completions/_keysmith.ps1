
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'keysmith' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'keysmith'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'keysmith' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the account and its first vault (asks for a new password twice)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Cache an owner session in the OS keyring, so read-only commands need no password')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'End the cached owner session')
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'Create and list vaults')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Mint, list, show, rotate and revoke scoped agent keys')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change the account password (re-wraps the master key; nothing else changes)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and verify the hash-chained audit trail')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Act as an agent with an API key token (from KEYSMITH_API_KEY or --token-file)')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'Serve an AI agent over MCP (stdio) with an API key (from KEYSMITH_API_KEY or --token-file)')
            [CompletionResult]::new('file', 'file', [CompletionResultType]::ParameterValue, 'The owner''s files: put, get, ls, rm (encrypted and decrypted here)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the reference HTTP backend over the data directory')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;init' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Name of the first vault')
            [CompletionResult]::new('--kdf', '--kdf', [CompletionResultType]::ParameterName, 'Password hashing: pbkdf2 (PBKDF2-HMAC-SHA256, the default, which WebCrypto clients can run) or argon2id (memory-hard) [passwd: unchanged]')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'PBKDF2 iterations (600000 to 50000000) or Argon2id passes (2 to 16) [default: 600000, or 3 for argon2id]')
            [CompletionResult]::new('--kdf-memory', '--kdf-memory', [CompletionResultType]::ParameterName, 'Argon2id memory (19MiB to 1GiB) [default: 64MiB]')
            [CompletionResult]::new('--kdf-parallelism', '--kdf-parallelism', [CompletionResultType]::ParameterName, 'Argon2id lanes (1 to 16) [default: 4]')
            [CompletionResult]::new('--invite-file', '--invite-file', [CompletionResultType]::ParameterName, 'Read the invite code from this file, for a server that registers by invite [default: $KEYSMITH_INVITE]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;login' {
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'How long the session lasts (1m to 30d)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;logout' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;vault' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a vault (its name is encrypted; the backend sees only its id)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List vaults with their decrypted names')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a vault with all its files; keys lose access to it (asks; --yes in scripts)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Decrypt every vault and file name and key here, and list whatever is damaged (exit 4 if any)')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Give vaults a new key version: files written from now on are unreadable to any key that held only older ones; current keys and the owner read every version')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;vault;create' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;vault;list' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;vault;rm' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;vault;check' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;vault;rekey' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;vault;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a vault (its name is encrypted; the backend sees only its id)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List vaults with their decrypted names')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a vault with all its files; keys lose access to it (asks; --yes in scripts)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Decrypt every vault and file name and key here, and list whatever is damaged (exit 4 if any)')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Give vaults a new key version: files written from now on are unreadable to any key that held only older ones; current keys and the owner read every version')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;vault;help;create' {
            break
        }
        'keysmith;vault;help;list' {
            break
        }
        'keysmith;vault;help;rm' {
            break
        }
        'keysmith;vault;help;check' {
            break
        }
        'keysmith;vault;help;rekey' {
            break
        }
        'keysmith;vault;help;help' {
            break
        }
        'keysmith;key' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Mint a scoped key; the token is shown once and stored nowhere')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List keys with their status, expiry and last use')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key in full')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke keys; each fails from its very next request')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate a key (or every key expiring soon) into a new one with a grace window')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Requests, bytes and storage per key, last use and idle keys (one key: day by day)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;key;create' {
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'A label for the key (shown in lists and the audit trail; not secret)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault name or id the key may use (repeatable)')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Comma-separated actions the key may take, or all')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Request rate limit, REQUESTS/WINDOW (e.g. 60/1m; window up to 30d), or `none`')
            [CompletionResult]::new('--bytes-per-day', '--bytes-per-day', [CompletionResultType]::ParameterName, 'Bytes the key may transfer per day (e.g. 1GiB), or `none`')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expiry, as a duration from now, 1m to 3650d [default: 90d; on rotation: the old key''s lifetime]')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Write the token to this file (mode 0600) instead of printing it')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Deliver each new token by running CMD (with `sh -c`) with the token on stdin and KEYSMITH_KEY_ID, KEYSMITH_KEY_LABEL, KEYSMITH_OLD_KEY_ID, KEYSMITH_EXPIRES_AT, KEYSMITH_GRACE_END in its environment; CMD''s stdout goes to stderr. A token waits (0600, in the data directory) until CMD exits 0: see EXIT STATUS')
            [CompletionResult]::new('--exec-timeout', '--exec-timeout', [CompletionResultType]::ParameterName, 'How long CMD may run before it is killed and counted as failed')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--write-only', '--write-only', [CompletionResultType]::ParameterName, 'Write-only (append-only): uploads are sealed to the vault''s public key, and the key can never read, list or delete a file, not even its own [default --allow: write]')
            [CompletionResult]::new('--no-expiry', '--no-expiry', [CompletionResultType]::ParameterName, 'Create a key that never expires (not recommended)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing --token-file')
            [CompletionResult]::new('--if-absent', '--if-absent', [CompletionResultType]::ParameterName, 'Mint nothing if an active (or in-grace) key with this --label exists: for jobs that re-run')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;key;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only keys in these states (comma-separated or repeated)')
            [CompletionResult]::new('--expiring-within', '--expiring-within', [CompletionResultType]::ParameterName, 'Only active keys that expire within this duration (e.g. 7d): the ones nobody rotated yet')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Only keys with this label')
            [CompletionResult]::new('--idle', '--idle', [CompletionResultType]::ParameterName, 'Only usable keys unused for at least this long (e.g. 7d; never used: since created)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;key;show' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;key;revoke' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--rekey', '--rekey', [CompletionResultType]::ParameterName, 'Also give the keys'' vaults a new key version, so that nothing written from now on is readable with what they held (needs the password); keys they delegated are revoked with them')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;key;rotate' {
            [CompletionResult]::new('--expiring-within', '--expiring-within', [CompletionResultType]::ParameterName, 'Rotate every active key that expires within this duration (e.g. 7d)')
            [CompletionResult]::new('--with-token-file', '--with-token-file', [CompletionResultType]::ParameterName, 'Rotate as the holder of the old key, using its token from this file (`-` for stdin); no password needed')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long the old key stays valid (0s to 30d; never past its own expiry)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault name or id the key may use (repeatable)')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Comma-separated actions the key may take, or all')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Request rate limit, REQUESTS/WINDOW (e.g. 60/1m; window up to 30d), or `none`')
            [CompletionResult]::new('--bytes-per-day', '--bytes-per-day', [CompletionResultType]::ParameterName, 'Bytes the key may transfer per day (e.g. 1GiB), or `none`')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expiry, as a duration from now, 1m to 3650d [default: 90d; on rotation: the old key''s lifetime]')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Write the new token to this file (mode 0600) instead of printing it; a file holding the old key''s token is replaced')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Bulk rotation: write each new token to a file in DIR named by --token-name (mode 0600; DIR is created 0700), replacing the rotated key''s token file atomically')
            [CompletionResult]::new('--token-name', '--token-name', [CompletionResultType]::ParameterName, 'The token file''s name in --token-dir: {label} and {id} (the new key''s id) are replaced')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Deliver each new token by running CMD (with `sh -c`) with the token on stdin and KEYSMITH_KEY_ID, KEYSMITH_KEY_LABEL, KEYSMITH_OLD_KEY_ID, KEYSMITH_EXPIRES_AT, KEYSMITH_GRACE_END in its environment; CMD''s stdout goes to stderr. A token waits (0600, in the data directory) until CMD exits 0: see EXIT STATUS')
            [CompletionResult]::new('--exec-timeout', '--exec-timeout', [CompletionResultType]::ParameterName, 'How long CMD may run before it is killed and counted as failed')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--write-only', '--write-only', [CompletionResultType]::ParameterName, 'Write-only (append-only): uploads are sealed to the vault''s public key, and the key can never read, list or delete a file, not even its own [default --allow: write]')
            [CompletionResult]::new('--no-expiry', '--no-expiry', [CompletionResultType]::ParameterName, 'Create a key that never expires (not recommended)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be rotated and change nothing (a login session is enough; no password unless --vault names need decrypting)')
            [CompletionResult]::new('--fail-if-any', '--fail-if-any', [CompletionResultType]::ParameterName, 'With --dry-run: exit 1 when any key would be rotated (for monitors: "keys expire soon and nobody rotated them")')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (bulk rotation)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (bulk rotation)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing token files')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;key;usage' {
            [CompletionResult]::new('--period', '--period', [CompletionResultType]::ParameterName, 'The period counted, ending now (1d to 400d)')
            [CompletionResult]::new('--idle', '--idle', [CompletionResultType]::ParameterName, 'Only usable keys unused for at least this long, e.g. 7d (without it, keys unused for 7d are marked idle)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;key;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Mint a scoped key; the token is shown once and stored nowhere')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List keys with their status, expiry and last use')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key in full')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke keys; each fails from its very next request')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate a key (or every key expiring soon) into a new one with a grace window')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Requests, bytes and storage per key, last use and idle keys (one key: day by day)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;key;help;create' {
            break
        }
        'keysmith;key;help;list' {
            break
        }
        'keysmith;key;help;show' {
            break
        }
        'keysmith;key;help;revoke' {
            break
        }
        'keysmith;key;help;rotate' {
            break
        }
        'keysmith;key;help;usage' {
            break
        }
        'keysmith;key;help;help' {
            break
        }
        'keysmith;passwd' {
            [CompletionResult]::new('--kdf', '--kdf', [CompletionResultType]::ParameterName, 'Password hashing: pbkdf2 (PBKDF2-HMAC-SHA256, the default, which WebCrypto clients can run) or argon2id (memory-hard) [passwd: unchanged]')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'PBKDF2 iterations (600000 to 50000000) or Argon2id passes (2 to 16) [default: 600000, or 3 for argon2id]')
            [CompletionResult]::new('--kdf-memory', '--kdf-memory', [CompletionResultType]::ParameterName, 'Argon2id memory (19MiB to 1GiB) [default: 64MiB]')
            [CompletionResult]::new('--kdf-parallelism', '--kdf-parallelism', [CompletionResultType]::ParameterName, 'Argon2id lanes (1 to 16) [default: 4]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;audit' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Show recent events, filtered; -f follows new events live')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the hash chain and report any edited or deleted event')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;audit;tail' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Only events of this key id')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Only events of this vault, by name (decrypted here: needs the password) or id')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only these events (repeatable or comma-separated): names (e.g. file.delete) or families ending in `.` (e.g. key.)')
            [CompletionResult]::new('--exclude-event', '--exclude-event', [CompletionResultType]::ParameterName, 'Leave out these events (repeatable or comma-separated), as --event')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Only events of this actor')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'Only allowed or only denied events')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events since a duration ago (1h, 7d) or an RFC 3339 time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only events until a duration ago (1h, 7d) or an RFC 3339 time')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only events after this sequence number (to resume where an earlier run stopped)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many of the newest matching events to show')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'How many of the newest matching events to show')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show routine events too (successful owner logins; they are always in the trail)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep running and print new events as they happen')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep running and print new events as they happen')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;audit;verify' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;audit;help' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Show recent events, filtered; -f follows new events live')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the hash chain and report any edited or deleted event')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;audit;help;tail' {
            break
        }
        'keysmith;audit;help;verify' {
            break
        }
        'keysmith;audit;help;help' {
            break
        }
        'keysmith;agent' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Validate the key and show its scope, limits and the vaults it can decrypt')
            [CompletionResult]::new('vaults', 'vaults', [CompletionResultType]::ParameterValue, 'List the vaults in the key''s scope (needs listVaults)')
            [CompletionResult]::new('mkvault', 'mkvault', [CompletionResultType]::ParameterValue, 'Create a vault; its key is sealed to the owner (needs createVault)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Encrypt a file here and upload it (agents need write)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download and decrypt a file (agents need read)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the files of a vault, names decrypted here (agents need read)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a file (agents need delete)')
            [CompletionResult]::new('delegate', 'delegate', [CompletionResultType]::ParameterValue, 'Mint a child key within this key''s scope, ending no later than it (needs delegate)')
            [CompletionResult]::new('children', 'children', [CompletionResultType]::ParameterValue, 'List the keys this key delegated (needs delegate)')
            [CompletionResult]::new('rotate-children', 'rotate-children', [CompletionResultType]::ParameterValue, 'Rotate this key''s children into --token-dir, one file per child (needs delegate): no owner password')
            [CompletionResult]::new('revoke-child', 'revoke-child', [CompletionResultType]::ParameterValue, 'Revoke a key this key delegated, or any key below it (needs delegate)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;agent;connect' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;agent;vaults' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;agent;mkvault' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;agent;put' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name to store it under [default: the file''s name]')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;agent;get' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to write it (`-` for stdout) [default: ./<its name>]')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;agent;ls' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;agent;rm' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;agent;delegate' {
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'The child''s label (shown in lists and the audit trail)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault name or id the key may use (repeatable)')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Comma-separated actions the key may take, or all')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Request rate limit, REQUESTS/WINDOW (e.g. 60/1m; window up to 30d), or `none`')
            [CompletionResult]::new('--bytes-per-day', '--bytes-per-day', [CompletionResultType]::ParameterName, 'Bytes the key may transfer per day (e.g. 1GiB), or `none`')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expiry, as a duration from now, 1m to 3650d [default: 90d; on rotation: the old key''s lifetime]')
            [CompletionResult]::new('--child-token-file', '--child-token-file', [CompletionResultType]::ParameterName, 'Write the child''s token to this file (mode 0600) instead of printing it (--token-file is this key''s own)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--write-only', '--write-only', [CompletionResultType]::ParameterName, 'Write-only (append-only): uploads are sealed to the vault''s public key, and the key can never read, list or delete a file, not even its own [default --allow: write]')
            [CompletionResult]::new('--no-expiry', '--no-expiry', [CompletionResultType]::ParameterName, 'Create a key that never expires (not recommended)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing --child-token-file')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;agent;children' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;agent;rotate-children' {
            [CompletionResult]::new('--expiring-within', '--expiring-within', [CompletionResultType]::ParameterName, 'Only children that expire within this duration (e.g. 7d) [default: every active child]')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long each old child key keeps working (0s to 30d)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Directory for the new tokens, one file per child, replaced atomically (created 0700)')
            [CompletionResult]::new('--token-name', '--token-name', [CompletionResultType]::ParameterName, 'File name template in --token-dir: {label} and {id}')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;agent;revoke-child' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;agent;help' {
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Validate the key and show its scope, limits and the vaults it can decrypt')
            [CompletionResult]::new('vaults', 'vaults', [CompletionResultType]::ParameterValue, 'List the vaults in the key''s scope (needs listVaults)')
            [CompletionResult]::new('mkvault', 'mkvault', [CompletionResultType]::ParameterValue, 'Create a vault; its key is sealed to the owner (needs createVault)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Encrypt a file here and upload it (agents need write)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download and decrypt a file (agents need read)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the files of a vault, names decrypted here (agents need read)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a file (agents need delete)')
            [CompletionResult]::new('delegate', 'delegate', [CompletionResultType]::ParameterValue, 'Mint a child key within this key''s scope, ending no later than it (needs delegate)')
            [CompletionResult]::new('children', 'children', [CompletionResultType]::ParameterValue, 'List the keys this key delegated (needs delegate)')
            [CompletionResult]::new('rotate-children', 'rotate-children', [CompletionResultType]::ParameterValue, 'Rotate this key''s children into --token-dir, one file per child (needs delegate): no owner password')
            [CompletionResult]::new('revoke-child', 'revoke-child', [CompletionResultType]::ParameterValue, 'Revoke a key this key delegated, or any key below it (needs delegate)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;agent;help;connect' {
            break
        }
        'keysmith;agent;help;vaults' {
            break
        }
        'keysmith;agent;help;mkvault' {
            break
        }
        'keysmith;agent;help;put' {
            break
        }
        'keysmith;agent;help;get' {
            break
        }
        'keysmith;agent;help;ls' {
            break
        }
        'keysmith;agent;help;rm' {
            break
        }
        'keysmith;agent;help;delegate' {
            break
        }
        'keysmith;agent;help;children' {
            break
        }
        'keysmith;agent;help;rotate-children' {
            break
        }
        'keysmith;agent;help;revoke-child' {
            break
        }
        'keysmith;agent;help;help' {
            break
        }
        'keysmith;mcp' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;file' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Encrypt a file here and upload it (agents need write)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download and decrypt a file (agents need read)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the files of a vault, names decrypted here (agents need read)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a file (agents need delete)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;file;put' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name to store it under [default: the file''s name]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;file;get' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to write it (`-` for stdout) [default: ./<its name>]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;file;ls' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;file;rm' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;file;help' {
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Encrypt a file here and upload it (agents need write)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download and decrypt a file (agents need read)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the files of a vault, names decrypted here (agents need read)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a file (agents need delete)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;file;help;put' {
            break
        }
        'keysmith;file;help;get' {
            break
        }
        'keysmith;file;help;ls' {
            break
        }
        'keysmith;file;help;rm' {
            break
        }
        'keysmith;file;help;help' {
            break
        }
        'keysmith;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on; port 0 picks a free port (the chosen address is printed)')
            [CompletionResult]::new('--registration', '--registration', [CompletionResultType]::ParameterName, 'Who may register an account')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Keep the state in PostgreSQL (postgres://USER@HOST:PORT/DB) instead of SQLite in the data dir; any number of instances may share it. A URL with a password belongs in KEYSMITH_DATABASE_URL, not on the command line')
            [CompletionResult]::new('--blobs', '--blobs', [CompletionResultType]::ParameterName, 'Keep blobs in an S3-compatible bucket (s3://BUCKET or s3://BUCKET/PREFIX) instead of the data dir; clients then upload and download by presigned URL, straight to the bucket. Credentials, region and endpoint come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and AWS_ENDPOINT (AWS_ALLOW_HTTP=true for an http:// endpoint)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('invite', 'invite', [CompletionResultType]::ParameterValue, 'Mint a single-use invite code for `--registration invite` (printed once; give it to one person)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Verify the server''s own audit chain (requests tied to no account, invites) and show its newest events')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;serve;invite' {
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'How long the code stays valid (1m to 30d)')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Keep the state in PostgreSQL (postgres://USER@HOST:PORT/DB) instead of SQLite in the data dir; any number of instances may share it. A URL with a password belongs in KEYSMITH_DATABASE_URL, not on the command line')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;serve;audit' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many of the newest events to show')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'How many of the newest events to show')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Keep the state in PostgreSQL (postgres://USER@HOST:PORT/DB) instead of SQLite in the data dir; any number of instances may share it. A URL with a password belongs in KEYSMITH_DATABASE_URL, not on the command line')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;serve;help' {
            [CompletionResult]::new('invite', 'invite', [CompletionResultType]::ParameterValue, 'Mint a single-use invite code for `--registration invite` (printed once; give it to one person)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Verify the server''s own audit chain (requests tied to no account, invites) and show its newest events')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;serve;help;invite' {
            break
        }
        'keysmith;serve;help;audit' {
            break
        }
        'keysmith;serve;help;help' {
            break
        }
        'keysmith;completions' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`, `--field id,label,status`, nested `--field key.id`); implies --output json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Your account id on a server that holds many [default: the one `init` remembered for the server]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (`passwd`: current, then new)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or progress on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keysmith;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the account and its first vault (asks for a new password twice)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Cache an owner session in the OS keyring, so read-only commands need no password')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'End the cached owner session')
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'Create and list vaults')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Mint, list, show, rotate and revoke scoped agent keys')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change the account password (re-wraps the master key; nothing else changes)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and verify the hash-chained audit trail')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Act as an agent with an API key token (from KEYSMITH_API_KEY or --token-file)')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'Serve an AI agent over MCP (stdio) with an API key (from KEYSMITH_API_KEY or --token-file)')
            [CompletionResult]::new('file', 'file', [CompletionResultType]::ParameterValue, 'The owner''s files: put, get, ls, rm (encrypted and decrypted here)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the reference HTTP backend over the data directory')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keysmith;help;init' {
            break
        }
        'keysmith;help;login' {
            break
        }
        'keysmith;help;logout' {
            break
        }
        'keysmith;help;vault' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a vault (its name is encrypted; the backend sees only its id)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List vaults with their decrypted names')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a vault with all its files; keys lose access to it (asks; --yes in scripts)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Decrypt every vault and file name and key here, and list whatever is damaged (exit 4 if any)')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Give vaults a new key version: files written from now on are unreadable to any key that held only older ones; current keys and the owner read every version')
            break
        }
        'keysmith;help;vault;create' {
            break
        }
        'keysmith;help;vault;list' {
            break
        }
        'keysmith;help;vault;rm' {
            break
        }
        'keysmith;help;vault;check' {
            break
        }
        'keysmith;help;vault;rekey' {
            break
        }
        'keysmith;help;key' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Mint a scoped key; the token is shown once and stored nowhere')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List keys with their status, expiry and last use')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key in full')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke keys; each fails from its very next request')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate a key (or every key expiring soon) into a new one with a grace window')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Requests, bytes and storage per key, last use and idle keys (one key: day by day)')
            break
        }
        'keysmith;help;key;create' {
            break
        }
        'keysmith;help;key;list' {
            break
        }
        'keysmith;help;key;show' {
            break
        }
        'keysmith;help;key;revoke' {
            break
        }
        'keysmith;help;key;rotate' {
            break
        }
        'keysmith;help;key;usage' {
            break
        }
        'keysmith;help;passwd' {
            break
        }
        'keysmith;help;audit' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Show recent events, filtered; -f follows new events live')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the hash chain and report any edited or deleted event')
            break
        }
        'keysmith;help;audit;tail' {
            break
        }
        'keysmith;help;audit;verify' {
            break
        }
        'keysmith;help;agent' {
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Validate the key and show its scope, limits and the vaults it can decrypt')
            [CompletionResult]::new('vaults', 'vaults', [CompletionResultType]::ParameterValue, 'List the vaults in the key''s scope (needs listVaults)')
            [CompletionResult]::new('mkvault', 'mkvault', [CompletionResultType]::ParameterValue, 'Create a vault; its key is sealed to the owner (needs createVault)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Encrypt a file here and upload it (agents need write)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download and decrypt a file (agents need read)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the files of a vault, names decrypted here (agents need read)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a file (agents need delete)')
            [CompletionResult]::new('delegate', 'delegate', [CompletionResultType]::ParameterValue, 'Mint a child key within this key''s scope, ending no later than it (needs delegate)')
            [CompletionResult]::new('children', 'children', [CompletionResultType]::ParameterValue, 'List the keys this key delegated (needs delegate)')
            [CompletionResult]::new('rotate-children', 'rotate-children', [CompletionResultType]::ParameterValue, 'Rotate this key''s children into --token-dir, one file per child (needs delegate): no owner password')
            [CompletionResult]::new('revoke-child', 'revoke-child', [CompletionResultType]::ParameterValue, 'Revoke a key this key delegated, or any key below it (needs delegate)')
            break
        }
        'keysmith;help;agent;connect' {
            break
        }
        'keysmith;help;agent;vaults' {
            break
        }
        'keysmith;help;agent;mkvault' {
            break
        }
        'keysmith;help;agent;put' {
            break
        }
        'keysmith;help;agent;get' {
            break
        }
        'keysmith;help;agent;ls' {
            break
        }
        'keysmith;help;agent;rm' {
            break
        }
        'keysmith;help;agent;delegate' {
            break
        }
        'keysmith;help;agent;children' {
            break
        }
        'keysmith;help;agent;rotate-children' {
            break
        }
        'keysmith;help;agent;revoke-child' {
            break
        }
        'keysmith;help;mcp' {
            break
        }
        'keysmith;help;file' {
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Encrypt a file here and upload it (agents need write)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download and decrypt a file (agents need read)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the files of a vault, names decrypted here (agents need read)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a file (agents need delete)')
            break
        }
        'keysmith;help;file;put' {
            break
        }
        'keysmith;help;file;get' {
            break
        }
        'keysmith;help;file;ls' {
            break
        }
        'keysmith;help;file;rm' {
            break
        }
        'keysmith;help;serve' {
            [CompletionResult]::new('invite', 'invite', [CompletionResultType]::ParameterValue, 'Mint a single-use invite code for `--registration invite` (printed once; give it to one person)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Verify the server''s own audit chain (requests tied to no account, invites) and show its newest events')
            break
        }
        'keysmith;help;serve;invite' {
            break
        }
        'keysmith;help;serve;audit' {
            break
        }
        'keysmith;help;completions' {
            break
        }
        'keysmith;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
