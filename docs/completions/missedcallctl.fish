function __missedcallctl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __missedcallctl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __missedcallctl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __missedcallctl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __missedcallctl_parse_tokens -S
    set -l unparsed_tokens (__missedcallctl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'missedcallctl'
        __missedcallctl_parse_subcommand 0 'h/help'
        switch $unparsed_tokens[1]
        case 'status'
            __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'h/help'
        case 'nodes'
            __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'h/help'
        case 'modems'
            __missedcallctl_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'h/help'
            case 'show'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'clear'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'self-test'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'forget'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'reset'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'sms'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'to=' 'text=' 'h/help'
            case 'at'
                __missedcallctl_parse_subcommand 2 'socket=' 'json' 'wide' 'h/help'
            end
        case 'pool'
            __missedcallctl_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'h/help'
            case 'add'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'imei=' 'iccid=' 'country=' 'purpose=' 'h/help'
            case 'update'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'purpose=' 'imei=' 'iccid=' 'h/help'
            case 'remove'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'enable'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'disable'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            end
        case 'passkeys'
            __missedcallctl_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'h/help'
            case 'create'
                __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'label=' 'owner=' 'quota=' 'rate=' 'method=' 'h/help'
            case 'update'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'label=' 'quota=' 'rate=' 'method=' 'h/help'
            case 'revoke'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'quota'
                __missedcallctl_parse_subcommand 2 'socket=' 'json' 'wide' 'h/help'
            case 'rotate-secret'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            end
        case 'sessions'
            __missedcallctl_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'status=' 'limit=' 'h/help'
            case 'show'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'expire'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            end
        case 'calls'
            __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'limit=' 'h/help'
        case 'listeners'
            __missedcallctl_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'h/help'
            case 'add'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'passkey-id=' 'notify=' 'email=' 'dedupe-seconds=' 'h/help'
            case 'remove'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'tally'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'days=' 'h/help'
            end
        case 'deliveries'
            __missedcallctl_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'state=' 'limit=' 'h/help'
            case 'show'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'redeliver'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'h/help'
            case 'dead'
                __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'h/help'
            case 'destinations'
                __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'h/help'
            end
        case 'numbers'
            __missedcallctl_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'import'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'country=' 'h/help'
            end
        case 'dnd'
            __missedcallctl_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'import'
                __missedcallctl_parse_subcommand 1 'socket=' 'json' 'wide' 'country=' 'h/help'
            end
        case 'simulate'
            __missedcallctl_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'call'
                __missedcallctl_parse_subcommand 0 'socket=' 'json' 'wide' 'from=' 'to=' 'h/help'
            end
        case 'help'
            __missedcallctl_parse_subcommand -r 1 
        end
    end
end

function __missedcallctl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __missedcallctl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __missedcallctl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __missedcallctl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__missedcallctl_tokens -p)
    if test -z "$(__missedcallctl_tokens -t)"
        set -l index (count (__missedcallctl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'missedcallctl' -f
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'status' -d 'Modems, pool and delivery queue at a glance.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'nodes' -d 'The gateway nodes sharing the store: last heartbeat, state, modems, version.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'modems' -d 'List modems and their health, show one, clear a quarantine, run a self-test call, reset, SMS, raw AT.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'pool' -d 'The dialing-number pool: add a dongle\'s number, remove, enable, disable, list.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'passkeys' -d 'API passkeys: create (shown once), list, revoke, set the daily quota, rotate the webhook secret.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'sessions' -d 'Verification sessions.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'calls' -d 'Recent missed calls, matched or not.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'listeners' -d 'Missed-call listener numbers (polls, voting, missed call to CRM).'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'deliveries' -d 'Webhook, e-mail and SMS deliveries: list, the attempt log, redeliver, the dead ones.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'numbers' -d 'Number intelligence: import the prefix table (operator, circle, type).'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'dnd' -d 'Import a DND (do not disturb) list: one number per line.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'simulate' -d 'Make a simulated modem ring (demo and tests).'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl status" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl status" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl status" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl nodes" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl nodes" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl nodes" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl nodes" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl modems" -eq 1' -fa 'list' -d 'All modems and their state.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl modems" -eq 1' -fa 'show' -d 'Identity, SIM, registration, signal and operator of one modem.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl modems" -eq 1' -fa 'clear' -d 'Clear a quarantined modem: it is opened and initialised again, from the first recovery rung.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl modems" -eq 1' -fa 'self-test' -d 'Call this modem\'s pool number from another ready modem now; passes when it reports the ring.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl modems" -eq 1' -fa 'forget' -d 'Drop a modem that is gone (waiting for its device) or quarantined from the list; one in service is refused.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl modems" -eq 1' -fa 'reset' -d 'Restart the modem (AT+CFUN=1,1); it comes back by itself.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl modems" -eq 1' -fa 'sms' -d 'Send an SMS from this modem.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl modems" -eq 1' -fa 'at' -d 'Send a raw AT command, for debugging (calls are still handled).'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems list" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems list" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems list" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems show" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems show" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems show" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems clear" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems clear" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems clear" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems clear" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems self-test" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems self-test" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems self-test" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems self-test" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems forget" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems forget" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems forget" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems forget" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems reset" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems reset" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems reset" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems reset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems sms" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems sms" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems sms" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems sms" to' -l 'to' -d 'Destination number, E.164.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems sms" text' -l 'text' -d 'The text (one SMS: 160 GSM characters or 70 others).' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems sms" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems at" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems at" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems at" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl modems at" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl pool" -eq 1' -fa 'list' -d 'Every number, with its modem and whether it is in service.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl pool" -eq 1' -fa 'add' -d 'Add a number, bound to the modem (IMEI) whose SIM it is.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl pool" -eq 1' -fa 'update' -d 'Change a number\'s purpose, or the modem (IMEI) and SIM (ICCID) it is bound to.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl pool" -eq 1' -fa 'remove' -d 'Remove a number from the pool.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl pool" -eq 1' -fa 'enable' -d 'Hand the number out again.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl pool" -eq 1' -fa 'disable' -d 'Stop handing the number out (open sessions still verify).'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool list" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool list" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool list" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool add" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool add" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool add" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool add" imei' -l 'imei' -d 'IMEI of the modem holding the SIM (see \'missedcallctl modems\').' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool add" iccid' -l 'iccid' -d 'ICCID of the SIM.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool add" country' -l 'country' -d 'IN, US, UK or IT.' -rfka 'IN US UK IT'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool add" purpose' -l 'purpose' -d 'verification, listener or signup.' -rfka 'verification listener signup'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool update" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool update" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool update" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool update" purpose' -l 'purpose' -d 'verification, listener or signup.' -rfka 'verification listener signup'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool update" imei' -l 'imei' -d 'IMEI of the modem now holding the SIM.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool update" iccid' -l 'iccid' -d 'ICCID of the SIM.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool update" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool remove" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool remove" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool remove" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool enable" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool enable" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool enable" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool enable" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool disable" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool disable" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool disable" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl pool disable" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl passkeys" -eq 1' -fa 'list' -d 'Every passkey (never the key itself).'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl passkeys" -eq 1' -fa 'create' -d 'Create a passkey and print it: it is shown this once only.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl passkeys" -eq 1' -fa 'update' -d 'Change a passkey\'s label, daily quota, rate or webhook method.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl passkeys" -eq 1' -fa 'revoke' -d 'Revoke a passkey at once.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl passkeys" -eq 1' -fa 'quota' -d 'Set the daily session quota.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl passkeys" -eq 1' -fa 'rotate-secret' -d 'New webhook signing secret; the old one still signs until the next rotation.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys list" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys list" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys list" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys create" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys create" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys create" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys create" label' -l 'label' -d 'Who it is for.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys create" owner' -l 'owner' -d 'The owner\'s mobile number.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys create" quota' -l 'quota' -d 'Sessions per UTC day.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys create" rate' -l 'rate' -d 'Sessions per minute.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys create" method' -l 'method' -d 'Webhook method: get, post-form or post-json.' -rfka 'get post-form post-json'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys update" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys update" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys update" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys update" label' -l 'label' -d 'Who it is for.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys update" quota' -l 'quota' -d 'Sessions per UTC day.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys update" rate' -l 'rate' -d 'Sessions per minute.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys update" method' -l 'method' -d 'Webhook method: get, post-form or post-json.' -rfka 'get post-form post-json'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys update" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys revoke" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys revoke" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys revoke" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys revoke" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys quota" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys quota" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys quota" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys quota" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys rotate-secret" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys rotate-secret" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys rotate-secret" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl passkeys rotate-secret" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl sessions" -eq 1' -fa 'list' -d 'Recent sessions, newest first.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl sessions" -eq 1' -fa 'show' -d 'One session in full.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl sessions" -eq 1' -fa 'expire' -d 'End a pending session now: its number is free for that mobile again and a late call no longer verifies it.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions list" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions list" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions list" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions list" status' -l 'status' -d 'pending, verified or expired.' -rfka 'pending verified expired'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions list" limit' -l 'limit' -d 'Rows to show, 1 to 10000.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions show" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions show" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions show" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions expire" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions expire" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions expire" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl sessions expire" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl calls" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl calls" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl calls" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl calls" limit' -l 'limit' -d 'Rows to show, 1 to 10000.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl calls" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl listeners" -eq 1' -fa 'list' -d 'Every listener and where it reports.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl listeners" -eq 1' -fa 'add' -d 'Make a listener pool number report to a passkey\'s owner.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl listeners" -eq 1' -fa 'remove' -d 'Stop a listener: its calls are no longer reported (the number stays in the pool).'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl listeners" -eq 1' -fa 'tally' -d 'Calls and votes per UTC day.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners list" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners list" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners list" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners add" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners add" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners add" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners add" passkey-id' -l 'passkey-id' -d 'The owner\'s passkey id.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners add" notify' -l 'notify' -d 'Callback URL for each vote.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners add" email' -l 'email' -d 'E-mail address for each vote.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners add" dedupe-seconds' -l 'dedupe-seconds' -d 'The same caller again within this counts once.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners remove" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners remove" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners remove" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners tally" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners tally" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners tally" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners tally" days' -l 'days' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl listeners tally" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl deliveries" -eq 1' -fa 'list' -d 'Recent deliveries, newest first.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl deliveries" -eq 1' -fa 'show' -d 'One delivery and its attempt log.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl deliveries" -eq 1' -fa 'redeliver' -d 'Queue a dead, stopped or delivered job again.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl deliveries" -eq 1' -fa 'dead' -d 'Deliveries that gave up after the retry schedule.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl deliveries" -eq 1' -fa 'destinations' -d 'Destinations (webhook hosts, the SMTP relay, SMS lines) that are busy or failing, and their circuits.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries list" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries list" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries list" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries list" state' -l 'state' -d 'pending, delivering, delivered, dead or stopped.' -rfka 'pending delivering delivered dead stopped'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries list" limit' -l 'limit' -d 'Rows to show, 1 to 10000.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries show" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries show" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries show" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries redeliver" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries redeliver" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries redeliver" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries redeliver" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries dead" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries dead" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries dead" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries dead" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries destinations" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries destinations" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries destinations" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl deliveries destinations" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl numbers" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl numbers" -eq 1' -fa 'import' -d 'Import a CSV of prefix,operator,circle,type; it replaces the previous import and applies at once.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl numbers import" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl numbers import" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl numbers import" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl numbers import" country' -l 'country' -d 'The country of national-form prefixes (written with their trunk 0): IN, US, UK or IT.' -rfka 'IN US UK IT'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl numbers import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl dnd" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl dnd" -eq 1' -fa 'import' -d 'Import the list; it replaces the previous one and applies at once.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl dnd import" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl dnd import" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl dnd import" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl dnd import" country' -l 'country' -d 'The country of numbers written without their country code: IN, US, UK or IT.' -rfka 'IN US UK IT'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl dnd import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl simulate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_positional "missedcallctl simulate" -eq 1' -fa 'call' -d 'A missed call from --from to the pool number --to.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl simulate call" socket' -l 'socket' -d 'The admin socket of missedcalld.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl simulate call" json' -l 'json' -d 'Print the daemon\'s JSON instead of a table.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl simulate call" wide' -l 'wide' -d 'Show every column of a table, even wider than the terminal.'
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl simulate call" from' -l 'from' -d 'The caller\'s number; omit for a withheld caller.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl simulate call" to' -l 'to' -d 'The pool number to ring, as dialled or E.164.' -rfka ''
complete -c 'missedcallctl' -n '__missedcallctl_should_offer_completions_for_flags_or_options "missedcallctl simulate call" h help' -s 'h' -l 'help' -d 'Show help information.'
